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
    /// The items whose keys this secondary index holds, when not every item's:
    /// a sparse index (only the declined transactions). The index keys are
    /// written while the condition holds and removed when it stops holding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub sparse: Option<SparseCondition>,
}

/// Which items a sparse index holds: those where `attribute` equals `value`
/// (`status = declined`), or, with `op` "present", those that have `attribute`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SparseCondition {
    pub attribute: String,
    /// `equals` or `present`.
    pub op: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub value: Option<String>,
}

impl std::fmt::Display for SparseCondition {
    /// The condition as the explanations say it: `status = pending`, `shippedAt is present`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.value {
            Some(v) => write!(f, "{} = {v}", self.attribute),
            None => write!(f, "{} is present", self.attribute),
        }
    }
}
