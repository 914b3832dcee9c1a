//! The ancestors' identifiers a design copies onto items (`EntityKeys::copies`):
//! each item gets the value its own ancestor has, found by walking up the parent
//! identifiers the items carry, so that the copies agree with the relationships.

use std::collections::HashMap;

use indexmap::IndexMap;

use super::generate::Record;
use super::Value;
use crate::design::{CopiedAttribute, Design};
use crate::model::Model;

/// Finds the attributes of the `entity` item whose identifier attributes have
/// these values.
pub type Lookup<'a> = dyn Fn(&str, &[String]) -> Option<&'a IndexMap<String, Value>> + 'a;

/// Writes every copy the design asks for onto `records`.
pub fn copy_ancestors(model: &Model, design: &Design, records: &mut [Record]) {
    if design.entities.iter().all(|e| e.copies.is_empty()) {
        return;
    }
    let mut by_id: HashMap<(&str, Vec<String>), usize> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        if let Some(k) = identifier_values(&r.attrs, &identifier(model, &r.kind)) {
            by_id.entry((r.kind.as_str(), k)).or_insert(i);
        }
    }
    let find: &Lookup =
        &|entity: &str, values: &[String]| by_id.get(&(entity, values.to_vec())).map(|&i| &records[i].attrs);
    let mut found: Vec<(usize, String, Value)> = Vec::new();
    for entity in design.entities.iter().filter(|e| !e.copies.is_empty()) {
        for (i, r) in records.iter().enumerate().filter(|(_, r)| r.kind == entity.name) {
            for copy in &entity.copies {
                if let Some(v) = ancestor_value(model, copy, &r.attrs, find) {
                    found.push((i, copy.attribute.clone(), v.clone()));
                }
            }
        }
    }
    for (i, attribute, value) in found {
        records[i].attrs.insert(attribute, value);
    }
}

/// What `copy` holds for an item with `attrs`: its ancestor's identifier, read
/// off the item just below the ancestor, which carries it as its parent's. The
/// walk goes up from the item through the parent identifiers each level carries.
pub fn ancestor_value<'a>(
    model: &Model,
    copy: &CopiedAttribute,
    attrs: &'a IndexMap<String, Value>,
    find: &Lookup<'a>,
) -> Option<&'a Value> {
    let steps: Vec<_> =
        copy.path.iter().map(|name| model.relationships.iter().find(|r| &r.name == name)).collect::<Option<_>>()?;
    let (_, below) = steps.split_first()?;
    let mut at = attrs;
    for r in below.iter().rev() {
        at = find(&r.from, &identifier_values(at, &identifier(model, &r.from))?)?;
    }
    at.get(&copy.attribute)
}

fn identifier(model: &Model, entity: &str) -> Vec<String> {
    model.entity(entity).map(|e| e.identifier().iter().map(|a| a.name.clone()).collect()).unwrap_or_default()
}

fn identifier_values(attrs: &IndexMap<String, Value>, names: &[String]) -> Option<Vec<String>> {
    names.iter().map(|n| attrs.get(n).and_then(Value::as_key_text).map(str::to_string)).collect()
}
