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

    /// Whether the index holds `attribute` beside its keys.
    pub fn holds(&self, attribute: &str) -> bool {
        match self {
            Projection::All => true,
            Projection::KeysOnly => false,
            Projection::Include(attributes) => attributes.iter().any(|a| a == attribute),
        }
    }

    /// The attributes an INCLUDE projection lists; none for the others.
    /// (DynamoDB's limit counts these across all of a table's indexes.)
    pub fn included(&self) -> &[String] {
        match self {
            Projection::Include(list) => list,
            _ => &[],
        }
    }
}

/// The index whose INCLUDE list goes to ALL next to bring a table's projections
/// within DynamoDB's limit: the longest list of those `may_widen` allows (ties to
/// the first name), or none when the table is within it or nothing may widen.
pub fn next_to_widen<'a>(
    projections: impl Iterator<Item = (&'a str, &'a Projection)> + Clone,
    may_widen: &dyn Fn(&str) -> bool,
) -> Option<&'a str> {
    let named: usize = projections.clone().map(|(_, p)| p.included().len()).sum();
    if named <= PROJECTED_ATTRIBUTES_LIMIT {
        return None;
    }
    projections
        .filter(|(index, p)| may_widen(index) && matches!(p, Projection::Include(_)))
        .max_by_key(|(index, p)| (p.included().len(), std::cmp::Reverse(*index)))
        .map(|(index, _)| index)
}
