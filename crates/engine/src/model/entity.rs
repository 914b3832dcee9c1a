//! Entities and their attributes.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::keys::PinnedKey;

/// A kind of thing the application stores, such as Customer or Account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Unique among entities and relationships; used in key prefixes and plans.
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>", optional))]
    pub description: String,
    pub attributes: Vec<Attribute>,
    /// How many items of this entity the table is expected to hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub expected_count: Option<u64>,
    /// Average item size in bytes, as stored (attribute names included).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub average_item_size: Option<u32>,
    /// Written by a consumer of the table's stream (an aggregate, a materialized view),
    /// not by the application's own requests.
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub maintained_by_stream: bool,
    /// Key templates the architect fixed by hand, by index ("table", "GSI1", ...).
    /// The deriver keeps them and completes the rest around them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<BTreeMap<String, PinnedKey>>", optional))]
    pub pinned_keys: BTreeMap<String, PinnedKey>,
}

impl Entity {
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// Whether `attr` alone identifies the entity's items: a key holding it
    /// names one item, and the entity's items are as many as its values.
    pub fn identified_by_alone(&self, attr: &str) -> bool {
        matches!(self.identifier().as_slice(), [only] if only.name == attr)
    }

    /// The attributes that together identify one item, in declaration order.
    pub fn identifier(&self) -> Vec<&Attribute> {
        self.attributes.iter().filter(|a| a.identifier).collect()
    }
}

/// Optional attributes without a stated share are carried by this share of items.
const DEFAULT_PRESENT_SHARE: f64 = 0.7;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Attribute {
    pub name: String,
    #[serde(rename = "type")]
    pub attr_type: AttrType,
    /// What the value means, beyond its DynamoDB type; drives sample data and sort order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub format: Option<Format>,
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub required: bool,
    /// Part of the entity's identifier; several attributes make a composite identifier.
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub identifier: bool,
    /// No two items of the entity share a value (a phone number, an email).
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub unique: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>", optional))]
    pub description: String,
    /// How the values spread over the items; drives hot-partition analysis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub distribution: Option<Distribution>,
    /// A date that never comes before another date of the item (`returnedOn`
    /// after `loanedAt`): sample data keeps the order. Without it, the order is
    /// inferred from the names (created before updated, placed before shipped).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub after: Option<String>,
}

impl Attribute {
    /// Whether the attribute's values may have a fraction or be below zero:
    /// money, a `decimal`, or a number with a word of its name naming a measure
    /// that does (`lastTemperature`, `latitude`, `priceChange`; not `attempts`).
    /// An identifier or a unique value is taken to be whole.
    pub fn fractional(&self) -> bool {
        const MEASURES: [&str; 9] =
            ["temp", "temperature", "latitude", "lat", "longitude", "lng", "delta", "change", "offset"];
        if self.identifier || self.unique {
            return false;
        }
        match self.format {
            Some(Format::Money | Format::Decimal) => true,
            None => {
                self.attr_type == AttrType::Number
                    && name_words(&self.name).iter().any(|w| MEASURES.contains(&w.as_str()))
            }
            Some(_) => false,
        }
    }

    pub fn new(name: &str, attr_type: AttrType) -> Self {
        Attribute {
            name: name.to_string(),
            attr_type,
            format: None,
            required: false,
            identifier: false,
            unique: false,
            description: String::new(),
            distribution: None,
            after: None,
        }
    }

    /// The share of items that carry this attribute: every one for a required
    /// attribute or an identifier, else the stated share or the default.
    pub fn present_share(&self) -> f64 {
        if self.required || self.identifier {
            return 1.0;
        }
        self.distribution.as_ref().and_then(|d| d.present_share).unwrap_or(DEFAULT_PRESENT_SHARE)
    }
}

/// The words of a camelCase or snake_case name, in lower case.
fn name_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            prev_lower = false;
            words.push(String::new());
            continue;
        }
        if c.is_uppercase() && prev_lower || words.is_empty() {
            words.push(String::new());
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        if let Some(w) = words.last_mut() {
            w.extend(c.to_lowercase());
        }
    }
    words.retain(|w| !w.is_empty());
    words
}

/// The DynamoDB type the attribute is stored as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AttrType {
    String,
    Number,
    Boolean,
    Binary,
    StringSet,
    NumberSet,
    List,
    Map,
}

impl AttrType {
    /// Only S, N and B can be key attributes.
    pub fn is_key_capable(self) -> bool {
        matches!(self, AttrType::String | AttrType::Number | AttrType::Binary)
    }

    pub fn is_set(self) -> bool {
        matches!(self, AttrType::StringSet | AttrType::NumberSet)
    }

    /// The DynamoDB type descriptor: S, N, B, BOOL, SS, NS, L, M.
    pub fn dynamodb_type(self) -> &'static str {
        match self {
            AttrType::String => "S",
            AttrType::Number => "N",
            AttrType::Boolean => "BOOL",
            AttrType::Binary => "B",
            AttrType::StringSet => "SS",
            AttrType::NumberSet => "NS",
            AttrType::List => "L",
            AttrType::Map => "M",
        }
    }
}

/// A logical format on top of the stored type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// ISO-8601 date and time, e.g. 2024-03-01T12:00:00Z; sorts as text.
    Timestamp,
    /// ISO-8601 calendar date, e.g. 2024-03-01.
    Date,
    Uuid,
    /// Lexicographically time-ordered identifier.
    Ulid,
    Email,
    Phone,
    /// A decimal amount of money.
    Money,
    /// A number that may have a fraction or be below zero: a measure (a
    /// temperature of -18.5). Without it a number is taken to be whole.
    Decimal,
    /// One of a fixed list of values.
    Enum(Vec<String>),
}

impl std::fmt::Display for Format {
    /// As the model file names it (`timestamp`), an enumeration by its values as
    /// written (`one of AVAILABLE, ON_LOAN`): the values are data, and their case too.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match self {
            Format::Enum(values) => return write!(f, "one of {}", values.join(", ")),
            Format::Timestamp => "timestamp",
            Format::Date => "date",
            Format::Uuid => "uuid",
            Format::Ulid => "ulid",
            Format::Email => "email",
            Format::Phone => "phone",
            Format::Money => "money",
            Format::Decimal => "decimal",
        };
        f.write_str(name)
    }
}

impl Format {
    /// Values of this format sort in time order as text, so they make a time-ordered sort key.
    pub fn is_time_ordered(&self) -> bool {
        matches!(self, Format::Timestamp | Format::Date | Format::Ulid)
    }
}

/// How an attribute's values spread over the entity's items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Distribution {
    /// Number of distinct values (50 for a US state).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub distinct_values: Option<u64>,
    /// Share (0 to 1) of the items that carry the most common value (California: 0.12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub top_value_share: Option<f64>,
    /// Share (0 to 1) of the items that carry the attribute at all (0.0015 for a rare status).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub present_share: Option<f64>,
    /// New items take the current value (today's date, now): every write lands on one value.
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub writes_take_current_value: bool,
}

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_measure_is_named_by_a_whole_word_of_the_name() {
        let number = |name: &str| Attribute::new(name, AttrType::Number);
        for name in ["temperature", "lastTemperature", "temp_c", "latitude", "priceChange", "utcOffset"] {
            assert!(number(name).fractional(), "{name}");
        }
        for name in ["attempts", "templateVersion", "exchangeRate", "count"] {
            assert!(!number(name).fractional(), "{name}");
        }
        let mut id = number("temperatureId");
        id.identifier = true;
        assert!(!id.fractional());
        let mut decimal = number("reading");
        decimal.format = Some(Format::Decimal);
        assert!(decimal.fractional());
    }
}
