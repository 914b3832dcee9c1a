//! What an import brought from another tool that the model proper has no place
//! for: the source's own names for its key attributes and indexes, and the rest of
//! the source verbatim. Exporting back to that tool starts from it, so a file that
//! goes in comes back out with its unknown fields, its items and its facets.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Imported {
    /// The tool the model was imported from.
    pub from: ImportSource,
    /// The source's key attributes, by Tablewright index ("table", "GSI1", "LSI1"),
    /// with their DynamoDB types: what the source calls them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<BTreeMap<String, SourceIndex>>", optional))]
    pub keys: BTreeMap<String, SourceIndex>,
    /// The design names its key attributes as `keys` does wherever it can write
    /// them so (else PK, SK, GSI1PK, ...). Imports set it; a model imported
    /// before it existed keeps the names its deployed table has, unless it is
    /// set by hand (the table would then be created anew).
    #[serde(default, skip_serializing_if = "super::entity::is_false")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub source_key_names: bool,
    /// The entities (and many-to-many relationships) the import made, in order: an
    /// export back to the source gives these the source's own shape, and only
    /// entities added later get new facets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub entities: Vec<String>,
    /// What the import could not carry into the model as the source has it, in
    /// words for the architect (a global table's replicas, a SAM table's form).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub notes: Vec<String>,
    /// How the import read the source: what made each entity, each key template
    /// and each index's members, in words, with the readings to check flagged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Inference>>", optional))]
    pub inferences: Vec<Inference>,
    /// The source, verbatim, narrowed to the imported table (a NoSQL Workbench
    /// model with one table in `DataModel`; a CloudFormation table resource).
    #[schemars(with = "serde_json::Value")]
    #[cfg_attr(feature = "ts", ts(as = "serde_json::Value"))]
    pub source: super::SourceText,
}

/// One reading of the source by the import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Inference {
    /// The entity it is about.
    pub entity: String,
    /// What was read, and from which signal ("PK CUST#{custId}: read off 12 values").
    pub text: String,
    /// Another reading was as likely: the architect should check this one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub ambiguous: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ImportSource {
    NosqlWorkbench,
    Cloudformation,
}

/// One index of the source (or its table) as the source defines it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SourceIndex {
    /// The index's own name in the source ("ByEmail"); absent for the table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub name: Option<String>,
    /// Absent for a local secondary index, which shares the table's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub partition_key: Option<SourceKey>,
    /// Absent when the source has none: the design then repeats a template there
    /// (DynamoDB keys of Tablewright designs always have both parts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub sort_key: Option<SourceKey>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SourceKey {
    pub name: String,
    #[serde(rename = "type")]
    pub key_type: KeyType,
}

/// The three types a DynamoDB key attribute can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum KeyType {
    S,
    N,
    B,
}

impl KeyType {
    pub fn parse(text: &str) -> Option<KeyType> {
        match text {
            "S" => Some(KeyType::S),
            "N" => Some(KeyType::N),
            "B" => Some(KeyType::B),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            KeyType::S => "S",
            KeyType::N => "N",
            KeyType::B => "B",
        }
    }

    pub fn attr_type(self) -> super::AttrType {
        match self {
            KeyType::S => super::AttrType::String,
            KeyType::N => super::AttrType::Number,
            KeyType::B => super::AttrType::Binary,
        }
    }
}
