//! Items the sample does not hold, made like its items: what a write pattern puts
//! when `prove` runs it, or the absent item a failing existence check names.

use std::collections::HashSet;

use indexmap::IndexMap;

use crate::design::{Design, EntityKeys};
use crate::model::{AttrType, Cardinality, Model};

use super::copies::{ancestor_value, Lookup};
use super::keys::KeyWriter;
use super::links::links;
use super::rng::Rng;
use super::values::{identifier, present, value, Window};
use super::{key_of, ItemKey, Sample, SampleError, SampleItem, SampleOptions};
use crate::value::Value;

/// An item of `kind` (an entity or a many-to-many relationship) with the `fixed`
/// attribute values and a primary key the sample does not use. `salt` tells apart
/// the fresh items of one kind.
pub fn fresh_item(
    model: &Model,
    design: &Design,
    options: &SampleOptions,
    sample: &Sample,
    kind: &str,
    fixed: &IndexMap<String, Value>,
    salt: u64,
) -> Result<SampleItem, SampleError> {
    let keys = design.entities.iter().find(|e| e.name == kind).ok_or_else(|| SampleError::NoKeys(kind.to_string()))?;
    let writer = KeyWriter::new(design, keys)?;
    let taken: HashSet<ItemKey> = sample.items.iter().map(|i| sample.key(i)).collect();
    let mut rng = Rng::derive(options.seed ^ salt, &format!("fresh {kind}"));
    let window = Window { as_of: options.as_of, days: 30 };
    for attempt in 0..50u64 {
        let attrs = if let Some(e) = model.entities.iter().position(|e| e.name == kind) {
            entity_attrs(model, e, options, sample, fixed, salt + attempt, window, &mut rng)
        } else {
            pair_attrs(model, kind, sample, fixed, window, &mut rng)
        };
        let Some(mut attrs) = attrs else { break };
        copy_from_sample(model, keys, sample, &mut attrs);
        let item = writer
            .item(&design.type_attribute, attrs)
            .map_err(|(key, attribute)| SampleError::MissingKeyValue { entity: kind.to_string(), key, attribute })?;
        if !taken.contains(&key_of(&item, &sample.key_names)) {
            return Ok(SampleItem { entity: kind.to_string(), attributes: item });
        }
    }
    Err(SampleError::NoKeys(format!("{kind} (no fresh key left beside the sample's)")))
}

/// The ancestors' identifiers the design copies onto a new item, from its parent
/// in the sample, unless the writer gave them.
fn copy_from_sample(model: &Model, keys: &EntityKeys, sample: &Sample, attrs: &mut IndexMap<String, Value>) {
    let find: &Lookup = &|entity: &str, values: &[String]| {
        let ids: Vec<&str> =
            model.entity(entity).map(|e| e.identifier().iter().map(|a| a.name.as_str()).collect()).unwrap_or_default();
        sample
            .items
            .iter()
            .find(|i| {
                i.entity == entity
                    && ids.iter().zip(values).all(|(n, v)| i.get(n).and_then(Value::as_key_text) == Some(v))
            })
            .map(|i| &i.attributes)
    };
    let found: Vec<(String, Value)> = keys
        .copies
        .iter()
        .filter(|c| !attrs.contains_key(&c.attribute))
        .filter_map(|c| Some((c.attribute.clone(), ancestor_value(model, c, attrs, find)?.clone())))
        .collect();
    attrs.extend(found);
}

/// An item of `kind` laid out again after its attributes changed: every key,
/// the type and the TTL written anew from its attributes, as the design says a
/// writer must (an index key built from a changed attribute changes with it).
pub fn relaid(
    design: &Design,
    kind: &str,
    item: &IndexMap<String, Value>,
) -> Result<IndexMap<String, Value>, SampleError> {
    let keys = design.entities.iter().find(|e| e.name == kind).ok_or_else(|| SampleError::NoKeys(kind.to_string()))?;
    let writer = KeyWriter::new(design, keys)?;
    let attrs: IndexMap<String, Value> = item
        .iter()
        .filter(|(name, _)| !design.derived_attribute(keys, name))
        .map(|(n, v)| (n.clone(), v.clone()))
        .collect();
    writer.item(&design.type_attribute, attrs).map_err(|(key, attribute)| SampleError::MissingKeyValue {
        entity: kind.to_string(),
        key,
        attribute,
    })
}

#[allow(clippy::too_many_arguments)]
fn entity_attrs(
    model: &Model,
    e: usize,
    options: &SampleOptions,
    sample: &Sample,
    fixed: &IndexMap<String, Value>,
    salt: u64,
    window: Window,
    rng: &mut Rng,
) -> Option<IndexMap<String, Value>> {
    let entity = &model.entities[e];
    let link = links(model).swap_remove(e);
    let mut attrs: IndexMap<String, Value> = fixed.clone();
    for p in &link.parents {
        if p.attrs.iter().all(|a| attrs.contains_key(*a)) {
            continue;
        }
        let parents: Vec<&SampleItem> = sample.of(&model.entities[p.parent].name).collect();
        if parents.is_empty() {
            continue;
        }
        let parent = parents[rng.below(parents.len() as u64) as usize];
        for a in &p.attrs {
            if let Some(v) = parent.get(a) {
                attrs.insert(a.to_string(), v.clone());
            }
        }
    }
    let ids = entity.identifier();
    for attr in &entity.attributes {
        if attrs.contains_key(&attr.name) {
            continue;
        }
        if attr.identifier && attr.attr_type == AttrType::Number && ids.len() > 1 {
            // The next number within the parent (the account's next transaction).
            let scope: Vec<&Value> =
                ids.iter().filter(|a| a.name != attr.name).filter_map(|a| attrs.get(&a.name)).collect();
            let max = sample
                .of(&entity.name)
                .filter(|i| {
                    ids.iter().filter(|a| a.name != attr.name).zip(&scope).all(|(a, v)| i.get(&a.name) == Some(*v))
                })
                .filter_map(|i| i.get(&attr.name).and_then(Value::as_f64))
                .fold(0.0, f64::max);
            attrs.insert(attr.name.clone(), Value::int(max as i64 + 1 + salt as i64));
        } else if attr.identifier {
            let index = options.items_per_entity + 1_000_000 + salt as usize;
            attrs.insert(attr.name.clone(), identifier(attr, &entity.name, index, window, options.seed));
        } else if present(attr, rng) {
            attrs.insert(attr.name.clone(), value(attr, options.items_per_entity + salt as usize, window, rng));
        }
    }
    // A new item's parent of the same entity (its manager), carried under the role.
    let existing: Vec<&SampleItem> = sample.of(&entity.name).collect();
    for name in link.self_refs.iter().filter(|n| entity.attribute(n).is_none()) {
        if attrs.contains_key(name) {
            continue;
        }
        let parent = existing.get(rng.below(existing.len().max(1) as u64) as usize);
        if let Some(v) = parent.and_then(|p| ids.first().and_then(|id| p.get(&id.name))) {
            attrs.insert(name.clone(), v.clone());
        }
    }
    let orders = super::chronology::orders(&entity.attributes);
    super::chronology::keep_order(&mut attrs, &orders, super::chronology::end_of(window.as_of), rng);
    super::coherence::agree(entity, &mut attrs, options.items_per_entity + salt as usize, rng);
    Some(attrs)
}

fn pair_attrs(
    model: &Model,
    kind: &str,
    sample: &Sample,
    fixed: &IndexMap<String, Value>,
    window: Window,
    rng: &mut Rng,
) -> Option<IndexMap<String, Value>> {
    let rel = model.relationships.iter().find(|r| r.name == kind && r.cardinality == Cardinality::ManyToMany)?;
    let mut attrs = fixed.clone();
    for (end, to_end) in [(&rel.from, false), (&rel.to, true)] {
        let entity = model.entity(end)?;
        let names: Vec<(String, String)> = entity
            .identifier()
            .iter()
            .map(|a| (a.name.clone(), if to_end { rel.to_end_attribute(&a.name) } else { a.name.clone() }))
            .collect();
        if names.iter().all(|(_, n)| attrs.contains_key(n)) {
            continue;
        }
        let items: Vec<&SampleItem> = sample.of(end).collect();
        if items.is_empty() {
            return None;
        }
        let item = items[rng.below(items.len() as u64) as usize];
        for (own, as_name) in names {
            attrs.insert(as_name, item.get(&own)?.clone());
        }
    }
    for attr in &rel.attributes {
        if !attrs.contains_key(&attr.name) && present(attr, rng) {
            attrs.insert(attr.name.clone(), value(attr, 0, window, rng));
        }
    }
    Some(attrs)
}
