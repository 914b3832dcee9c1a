//! Relationships between entities.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::entity::{is_false, Attribute};
use super::keys::PinnedKey;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Relationship {
    /// Unique among entities and relationships. A many-to-many relationship's items
    /// (one per pair) are called by this name in plans and access patterns.
    pub name: String,
    /// The "one" side of a one-to-many relationship (the parent).
    pub from: String,
    /// The "many" side of a one-to-many relationship (the child).
    pub to: String,
    pub cardinality: Cardinality,
    /// What the `to` end is called on a many-to-many relationship's pair items when
    /// both ends are the same entity (a friendship's "friend"): its identifier is
    /// then written `friend.playerId`, apart from the `from` end's `playerId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub to_role: Option<String>,
    /// What the `from` end (the parent) is called on a one-to-many or one-to-one
    /// relationship of an entity with itself (an employee's "manager"): each child
    /// then carries the parent's identifier as `managerEmployeeId`, apart from its
    /// own `employeeId` (one flat attribute name, which every expression can name).
    /// Without it the relationship links no items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub from_role: Option<String>,
    /// Every `to` item must have a `from` item (an account always has a customer).
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub required: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>", optional))]
    pub description: String,
    /// Data the relationship itself carries; many-to-many only (date sent, status).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Attribute>>", optional))]
    pub attributes: Vec<Attribute>,
    /// Number of pairs; many-to-many only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub expected_count: Option<u64>,
    /// Average size in bytes of one pair's item; many-to-many only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub average_item_size: Option<u32>,
    /// Key templates pinned by hand for the pair items; many-to-many only.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<BTreeMap<String, PinnedKey>>", optional))]
    pub pinned_keys: BTreeMap<String, PinnedKey>,
}

impl Relationship {
    /// The name a child gives its parent's identifier attribute `attr` through this
    /// relationship: `managerEmployeeId` (the role, then the attribute) on a
    /// self-relationship with a parent role, else `attr`. `None` for a
    /// self-relationship without one (it links nothing).
    pub fn parent_attribute(&self, attr: &str) -> Option<String> {
        match (&self.from_role, self.from == self.to) {
            (Some(role), true) => {
                let mut chars = attr.chars();
                let first = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
                Some(format!("{role}{first}{}", chars.as_str()))
            }
            (None, true) => None,
            (_, false) => Some(attr.to_string()),
        }
    }

    /// The name the pair items give the `to` end's identifier attribute `attr`.
    pub fn to_end_attribute(&self, attr: &str) -> String {
        match &self.to_role {
            Some(role) => format!("{role}.{attr}"),
            None => attr.to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Cardinality {
    OneToOne,
    OneToMany,
    ManyToMany,
}
