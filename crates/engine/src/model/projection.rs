//! What a secondary index copies of each item: the design derives it from the
//! reads of the index, and a model may pin it by hand.

use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// DynamoDB's limit on the attributes the INCLUDE projections of one table's
/// indexes name, summed.
pub const PROJECTED_ATTRIBUTES_LIMIT: usize = 100;

/// An index's projection, spelled as DynamoDB spells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Projection {
    /// Every attribute of the item.
    All,
    /// The table's and the index's keys alone.
    KeysOnly,
    /// The keys and these attributes.
    Include(Vec<String>),
}

impl Projection {
    /// Whether two projections copy the same attributes: an INCLUDE list is a
    /// set, whatever order a file or DynamoDB's DescribeTable gives it in.
    pub fn same(&self, other: &Projection) -> bool {
        match (self, other) {
            (Projection::Include(a), Projection::Include(b)) => {
                let (a, b): (BTreeSet<&String>, BTreeSet<&String>) = (a.iter().collect(), b.iter().collect());
                a == b
            }
            _ => self == other,
        }
    }

    /// The attributes an INCLUDE projection lists; none for the others.
    pub fn included(&self) -> &[String] {
        match self {
            Projection::Include(list) => list,
            _ => &[],
        }
    }
}
