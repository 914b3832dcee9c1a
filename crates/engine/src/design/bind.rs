//! Key templates of a plan filled in: from the pattern's parameters, from an item a
//! previous request returned, and `{_shard}` from the fan-out. The prover fills
//! them to run the plan on a live table; the aggregate view, to show which
//! partitions a plan reads.

use indexmap::IndexMap;
use thiserror::Error;

use crate::design::{Design, KeyCondition};
use crate::template::{Template, TemplateError, SHARD};
use crate::value::Value;

/// Why a plan's key template could not be filled in.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BindError {
    #[error("template {text}: {source}")]
    Malformed { text: String, source: TemplateError },
    #[error("{text} needs '{attribute}', which neither the parameters nor the previous result give")]
    Unbound { text: String, attribute: String },
}

/// Looks names up in order: the shard, then each map.
pub struct Source<'a> {
    pub shard: Option<u32>,
    pub maps: Vec<&'a IndexMap<String, Value>>,
}

impl Source<'_> {
    pub fn get(&self, name: &str) -> Option<Value> {
        if name == SHARD {
            return self.shard.map(|s| Value::S(s.to_string()));
        }
        self.maps.iter().find_map(|m| m.get(name)).cloned()
    }

    pub fn render(&self, text: &str) -> Result<String, BindError> {
        let template =
            Template::parse(text).map_err(|source| BindError::Malformed { text: text.to_string(), source })?;
        template
            .render(|name| self.get(name).and_then(|v| v.as_key_text().map(str::to_string)))
            .map_err(|missing| BindError::Unbound { text: text.to_string(), attribute: missing.0 })
    }
}

/// The values of a key condition's placeholders (`KeyCondition::bound`), each
/// of its key attribute's type (`Design::key_value`).
pub fn key_values(design: &Design, key: &KeyCondition, source: &Source<'_>) -> Result<Vec<(String, Value)>, BindError> {
    key.bound()
        .into_iter()
        .map(|(placeholder, attribute, template)| {
            Ok((placeholder, design.key_value(attribute, source.render(template)?)))
        })
        .collect()
}

/// Whether the partition template carries the shard suffix.
pub fn sharded(key: &KeyCondition) -> bool {
    Template::parse(&key.partition.value).is_ok_and(|t| t.attributes().any(|a| a == SHARD))
}
