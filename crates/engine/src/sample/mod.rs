//! Sample data: N items of every entity and every many-to-many relationship, with
//! realistic values for each type and format, consistent with the relationships
//! (children name existing parents, pairs join existing items), keys written from
//! the design's templates, and sparse index keys only where their condition holds.
//!
//! Deterministic: the same model, design and options give the same items, byte for
//! byte, which is what lets an interrupted seed resume and lets `prove` compute the
//! expected answers without reading the table.

mod answers;
mod chronology;
mod coherence;
mod copies;
pub mod drift;
pub mod export;
mod fresh;
mod generate;
mod hash;
mod keys;
mod links;
mod rng;
mod time;
mod values;
mod words;

use std::collections::HashMap;
use std::fmt;

use indexmap::IndexMap;
use thiserror::Error;

use crate::design::Design;
use crate::model::Model;
use crate::template::TemplateError;

pub use crate::value::Value;
pub use chronology::{in_order as dates_in_order, orders as date_orders};
pub use fresh::{fresh_item, relaid};
pub use hash::{fnv1a32, fnv1a64};
pub use keys::shard_of;
pub use rng::Rng;
pub use time::{civil_from_days, date_text, days_from_civil, epoch_seconds, timestamp_text};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampleOptions {
    /// Items of every entity and every many-to-many relationship.
    pub items_per_entity: usize,
    pub seed: u64,
    /// The day (days since 1970-01-01) the sample's dates lead up to.
    pub as_of: i64,
}

impl SampleOptions {
    pub const DEFAULT_SEED: u64 = 42;

    /// The first day of the month of `now` (epoch seconds): the default `as_of`, so
    /// that a seed and a later prove agree on every date, while TTL values stay in
    /// the future (DynamoDB deletes expired items, DynamoDB Local too).
    pub fn month_start(now: i64) -> i64 {
        let (y, m, _) = civil_from_days(now.div_euclid(86_400));
        days_from_civil(y, m, 1)
    }
}

/// The primary key of an item: its table partition and sort key values.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemKey {
    pub pk: String,
    pub sk: String,
}

impl fmt::Display for ItemKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.pk, self.sk)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SampleItem {
    /// The entity or many-to-many relationship the item belongs to.
    pub entity: String,
    /// Every attribute as written: keys, type attribute, own attributes, TTL.
    pub attributes: IndexMap<String, Value>,
}

impl SampleItem {
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.attributes.get(name)
    }

    /// `{"PK": {"S": ...}, ...}`: the item in DynamoDB JSON.
    pub fn to_dynamodb_json(&self) -> serde_json::Value {
        serde_json::Value::Object(self.attributes.iter().map(|(k, v)| (k.clone(), v.to_dynamodb_json())).collect())
    }
}

#[derive(Debug, Clone)]
pub struct Sample {
    pub items: Vec<SampleItem>,
    /// The names of the table's partition and sort key attributes.
    pub key_names: [String; 2],
}

impl Sample {
    pub fn key(&self, item: &SampleItem) -> ItemKey {
        key_of(&item.attributes, &self.key_names)
    }

    pub fn of<'a>(&'a self, entity: &'a str) -> impl Iterator<Item = &'a SampleItem> + 'a {
        self.items.iter().filter(move |i| i.entity == entity)
    }

    /// The item with this primary key.
    pub fn by_key_one(&self, key: &ItemKey) -> Option<&SampleItem> {
        self.items.iter().find(|i| &self.key(i) == key)
    }

    /// Items by primary key.
    pub fn by_key(&self) -> HashMap<ItemKey, &SampleItem> {
        self.items.iter().map(|i| (self.key(i), i)).collect()
    }

    /// A digest of every item, to tell whether a checkpoint belongs to this sample.
    pub fn fingerprint(&self) -> u64 {
        let mut h = 0u64;
        for item in &self.items {
            h = fnv1a64(&[h.to_le_bytes().as_slice(), item.to_dynamodb_json().to_string().as_bytes()].concat());
        }
        h
    }
}

/// A value of `attr` made as the sample's are (for writes that set it).
pub fn sample_value(attr: &crate::model::Attribute, options: &SampleOptions, rng: &mut Rng) -> Value {
    values::value(attr, options.items_per_entity, values::Window { as_of: options.as_of, days: 30 }, rng)
}

/// The primary key of a set of attributes; missing keys read as empty text.
pub fn key_of(attrs: &IndexMap<String, Value>, names: &[String; 2]) -> ItemKey {
    let text = |n: &str| attrs.get(n).and_then(Value::as_key_text).unwrap_or_default().to_string();
    ItemKey { pk: text(&names[0]), sk: text(&names[1]) }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SampleError {
    #[error("the design has no keys for {0}")]
    NoKeys(String),
    #[error("the design's templates are malformed: {entity}'s {key} = {template}: {source}")]
    BadTemplate { entity: String, key: String, template: String, source: TemplateError },
    #[error("{} item has no '{attribute}', which its table key {key} needs", crate::words::with_article(entity))]
    MissingKeyValue { entity: String, key: String, attribute: String },
    #[error(
        "{} item and {} item get the same primary key ({key}): the design's table keys cannot tell them apart",
        crate::words::with_article(first),
        crate::words::with_article(second)
    )]
    KeyCollision { first: String, second: String, key: ItemKey },
}

/// The sample of `model` with keys written from `design`.
pub fn generate(model: &Model, design: &Design, options: &SampleOptions) -> Result<Sample, SampleError> {
    let retention = |kind: &str, attr: &str| {
        let ttl = design.entities.iter().find(|e| e.name == kind)?.ttl.as_ref()?;
        (ttl.from == attr).then_some(ttl.days)
    };
    let key_names = [design.table.partition_key.name.clone(), design.table.sort_key.name.clone()];
    let mut writers = HashMap::new();
    for entity in &design.entities {
        let writer = keys::KeyWriter::new(design, entity)?;
        writers.insert(entity.name.clone(), writer);
    }
    let mut items = Vec::new();
    let mut seen: HashMap<ItemKey, String> = HashMap::new();
    let mut records = generate::records(model, options, &retention);
    copies::copy_ancestors(model, design, &mut records);
    for record in records {
        let writer = writers.get(&record.kind).ok_or_else(|| SampleError::NoKeys(record.kind.clone()))?;
        let attributes = writer
            .item(&design.type_attribute, record.attrs)
            .map_err(|(key, attribute)| SampleError::MissingKeyValue { entity: record.kind.clone(), key, attribute })?;
        let key = key_of(&attributes, &key_names);
        if let Some(first) = seen.insert(key.clone(), record.kind.clone()) {
            return Err(SampleError::KeyCollision { first, second: record.kind, key });
        }
        items.push(SampleItem { entity: record.kind, attributes });
    }
    Ok(Sample { items, key_names })
}
