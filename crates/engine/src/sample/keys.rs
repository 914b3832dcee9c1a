//! Writes an item's key attributes from its design's templates: the table keys, the
//! index keys (left out where a sparse condition fails, or each one whose value is
//! missing: an item without both keys of an index stays out of it), `{_shard}`
//! suffixes, the type attribute and TTL. Each index key is written whenever it
//! can be built, so that an update giving the item the other one need not rebuild it.

use indexmap::IndexMap;

use crate::design::{Design, EntityKeys, Shard, SparseCondition, Ttl};
use crate::template::{Template, SHARD};

use super::hash::fnv1a32;
use super::time::epoch_seconds;
use super::SampleError;
use crate::value::Value;

/// One entity's key templates, parsed once.
pub struct KeyWriter {
    entity: String,
    keys: Vec<(String, Template, Option<SparseCondition>, Option<Shard>)>,
    ttl: Option<Ttl>,
    required: [String; 2],
    /// The key attributes that hold numbers (`Design::numeric_key`).
    numeric: Vec<String>,
}

impl KeyWriter {
    pub fn new(design: &Design, entity: &EntityKeys) -> Result<Self, SampleError> {
        let keys = entity
            .keys
            .iter()
            .map(|(attr, text)| {
                let template = Template::parse(text).map_err(|source| SampleError::BadTemplate {
                    entity: entity.name.clone(),
                    key: attr.clone(),
                    template: text.clone(),
                    source,
                })?;
                Ok((attr.clone(), template, design.gate(entity, attr).cloned(), entity.shards.get(attr).cloned()))
            })
            .collect::<Result<_, SampleError>>()?;
        Ok(KeyWriter {
            entity: entity.name.clone(),
            keys,
            ttl: entity.ttl.clone(),
            required: [design.table.partition_key.name.clone(), design.table.sort_key.name.clone()],
            numeric: entity.keys.keys().filter(|k| design.numeric_key(k)).cloned().collect(),
        })
    }

    /// The whole item: key attributes first, then the type, the attributes, the TTL.
    /// Fails naming the attribute a table key needs and the item lacks.
    pub fn item(
        &self,
        type_attribute: &str,
        attrs: IndexMap<String, Value>,
    ) -> Result<IndexMap<String, Value>, (String, String)> {
        let mut item = IndexMap::new();
        for (name, template, sparse, shard) in &self.keys {
            if sparse.as_ref().is_some_and(|c| !c.holds_for(attrs.get(&c.attribute))) {
                continue;
            }
            let value_of = |a: &str| match (a, shard) {
                (SHARD, Some(shard)) => shard_of(shard, &attrs),
                _ => attrs.get(a).and_then(Value::as_key_text).map(str::to_string),
            };
            match template.render(value_of) {
                Ok(text) if self.numeric.contains(name) => {
                    item.insert(name.clone(), Value::number(&text));
                }
                Ok(text) => {
                    item.insert(name.clone(), Value::S(text));
                }
                Err(missing) if self.required.contains(name) => return Err((name.clone(), missing.0)),
                Err(_) => {}
            }
        }
        item.insert(type_attribute.to_string(), Value::S(self.entity.clone()));
        let ttl = self.ttl.as_ref().and_then(|ttl| {
            let from = attrs.get(&ttl.from)?.as_key_text()?;
            Some((ttl.attribute.clone(), Value::int(epoch_seconds(from)? + i64::from(ttl.days) * 86_400)))
        });
        for (name, value) in attrs {
            item.entry(name).or_insert(value);
        }
        if let Some((name, value)) = ttl {
            item.insert(name, value);
        }
        Ok(item)
    }
}

/// `_shard` = FNV-1a (32-bit) of the `from` values joined by '#', modulo the count.
pub fn shard_of(shard: &Shard, attrs: &IndexMap<String, Value>) -> Option<String> {
    let values: Vec<&str> =
        shard.from.iter().map(|a| attrs.get(a).and_then(Value::as_key_text)).collect::<Option<_>>()?;
    let count = shard.count.max(1);
    Some((fnv1a32(values.join("#").as_bytes()) % count).to_string())
}
