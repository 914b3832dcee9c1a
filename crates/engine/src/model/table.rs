//! Table-level settings: what a deploy or an export needs beyond the keys.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::entity::is_false;
use super::Projection;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct TableSettings {
    /// The DynamoDB table name: 3 to 255 characters of a-z, A-Z, 0-9, `_`, `-` and `.`.
    pub name: String,
    pub billing: Billing,
    /// The change stream's view type; none turns the stream off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub stream: Option<StreamViewType>,
    /// The Number attribute (epoch seconds) after which DynamoDB deletes an item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub ttl_attribute: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub point_in_time_recovery: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub deletion_protection: bool,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<BTreeMap<String, String>>", optional))]
    pub tags: BTreeMap<String, String>,
    /// Projections pinned by hand, by index name ("GSI2"): used instead of the one
    /// the design derives from the reads (ALL to leave room for ad-hoc reads,
    /// KEYS_ONLY or INCLUDE to save storage and writes). The verifier rejects a
    /// read that needs an attribute a pinned projection leaves out.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<BTreeMap<String, Projection>>", optional))]
    pub pinned_projections: BTreeMap<String, Projection>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "mode", rename_all = "snake_case", deny_unknown_fields)]
pub enum Billing {
    /// Pay per request.
    OnDemand,
    /// Fixed read and write capacity units per second (for the table; GSIs get the same).
    Provisioned { read_capacity: u64, write_capacity: u64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StreamViewType {
    KeysOnly,
    NewImage,
    OldImage,
    NewAndOldImages,
}

impl StreamViewType {
    pub fn has_old_image(self) -> bool {
        matches!(self, StreamViewType::OldImage | StreamViewType::NewAndOldImages)
    }

    pub fn has_new_image(self) -> bool {
        matches!(self, StreamViewType::NewImage | StreamViewType::NewAndOldImages)
    }
}
