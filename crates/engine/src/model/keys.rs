//! Key templates the architect pins by hand.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The templates an entity writes into one index's key attributes, e.g.
/// `{"partition": "CUST#{customerNumber}", "sort": "CUST#{customerNumber}"}`.
/// `{name}` is replaced by the attribute's value; everything else is literal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct PinnedKey {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub partition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub sort: Option<String>,
}
