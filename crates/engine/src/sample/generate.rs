//! Generation of the items' own attributes, entity by entity (parents first) and then
//! the pair items of every many-to-many relationship.

use std::collections::HashSet;

use indexmap::IndexMap;

use crate::model::{AttrType, Attribute, Cardinality, Entity, Model};

use super::links::{generation_order, links, Links};
use super::rng::Rng;
use super::values::{identifier, present, value, Window};
use super::SampleOptions;
use super::{answers, chronology, coherence};
use crate::value::Value;

/// Attributes of one item, before keys are written; `kind` is the entity or relationship.
pub struct Record {
    pub kind: String,
    pub attrs: IndexMap<String, Value>,
}

/// Every entity's records (in the model's order of entities), then every
/// many-to-many relationship's.
pub fn records(model: &Model, options: &SampleOptions, retention: &dyn Fn(&str, &str) -> Option<u32>) -> Vec<Record> {
    let links = links(model);
    let mut by_entity: Vec<Vec<IndexMap<String, Value>>> = vec![Vec::new(); model.entities.len()];
    for e in generation_order(&links) {
        by_entity[e] = entity_records(model, e, &links, &by_entity, options, retention);
    }
    let mut out: Vec<Record> = model
        .entities
        .iter()
        .zip(by_entity.iter())
        .flat_map(|(entity, recs)| recs.iter().map(|a| Record { kind: entity.name.clone(), attrs: a.clone() }))
        .collect();
    for rel in model.relationships.iter().filter(|r| r.cardinality == Cardinality::ManyToMany) {
        let (Some(from), Some(to)) = (
            model.entities.iter().position(|e| e.name == rel.from),
            model.entities.iter().position(|e| e.name == rel.to),
        ) else {
            continue;
        };
        let mut rng = Rng::derive(options.seed, &rel.name);
        let (a_items, b_items) = (&by_entity[from], &by_entity[to]);
        let same = from == to;
        let possible = a_items.len() * b_items.len() - if same { a_items.len() } else { 0 };
        let mut seen = HashSet::new();
        for n in 0..options.items_per_entity.min(possible) {
            let Some((a, b)) = (0..50).find_map(|_| {
                let a = rng.below(a_items.len() as u64) as usize;
                let b = rng.below(b_items.len() as u64) as usize;
                ((a != b || !same) && !seen.contains(&(a, b))).then_some((a, b))
            }) else {
                continue;
            };
            seen.insert((a, b));
            let mut attrs = IndexMap::new();
            for id in model.entities[from].identifier() {
                attrs.insert(id.name.clone(), a_items[a][&id.name].clone());
            }
            for id in model.entities[to].identifier() {
                attrs.insert(rel.to_end_attribute(&id.name), b_items[b][&id.name].clone());
            }
            for attr in &rel.attributes {
                if present(attr, &mut rng) {
                    let window = window(options, retention(&rel.name, &attr.name));
                    attrs.insert(attr.name.clone(), value(attr, n, window, &mut rng));
                }
            }
            out.push(Record { kind: rel.name.clone(), attrs });
        }
    }
    out
}

fn entity_records(
    model: &Model,
    e: usize,
    links: &[Links<'_>],
    done: &[Vec<IndexMap<String, Value>>],
    options: &SampleOptions,
    retention: &dyn Fn(&str, &str) -> Option<u32>,
) -> Vec<IndexMap<String, Value>> {
    let entity = &model.entities[e];
    let link = &links[e];
    let mut rng = Rng::derive(options.seed, &entity.name);
    let ids: Vec<&Attribute> = entity.identifier();
    let own_ids: Vec<&Attribute> = ids.iter().copied().filter(|a| !link.supplied_by_parent(&a.name)).collect();
    // A number that completes a parent's identifier counts within the parent (the
    // transactions of an account are 1, 2, 3, ...).
    let sequenced = own_ids.len() == 1 && own_ids[0].attr_type == AttrType::Number && own_ids.len() < ids.len();
    let mut next_in_parent: std::collections::HashMap<Vec<String>, i64> = Default::default();
    let mut seen_ids: HashSet<Vec<String>> = HashSet::new();
    let mut out: Vec<IndexMap<String, Value>> = Vec::with_capacity(options.items_per_entity);
    // The draw each item came from (a draw whose identifier repeats is skipped):
    // unique values are numbered by it.
    let mut drawn_as: Vec<usize> = Vec::with_capacity(options.items_per_entity);
    let orders = chronology::orders(&entity.attributes);
    let comparisons = coherence::comparisons(model, entity);

    for i in 0..options.items_per_entity {
        let mut from_parents: IndexMap<String, Value> = IndexMap::new();
        let mut parent_part: Vec<String> = Vec::new();
        let mut unique = false;
        for _attempt in 0..20 {
            from_parents.clear();
            for p in &link.parents {
                let parents = &done[p.parent];
                if parents.is_empty() || (!p.required && !rng.chance(0.9)) {
                    continue;
                }
                let chosen = if p.one_to_one {
                    match parents.get(i) {
                        Some(item) => item,
                        None => continue,
                    }
                } else {
                    &parents[parent_position(model, entity, p.parent, parents.len(), &mut rng)]
                };
                for a in &p.attrs {
                    if let Some(v) = chosen.get(*a) {
                        from_parents.insert(a.to_string(), v.clone());
                    }
                }
            }
            parent_part = ids
                .iter()
                .filter_map(|a| from_parents.get(&a.name).and_then(Value::as_key_text))
                .map(str::to_string)
                .collect();
            // Identifiers made of parents' identifiers only must not repeat.
            if !own_ids.is_empty() || seen_ids.insert(parent_part.clone()) {
                unique = true;
                break;
            }
        }
        if !unique {
            continue;
        }
        let mut attrs: IndexMap<String, Value> = IndexMap::new();
        for attr in &entity.attributes {
            let name = attr.name.as_str();
            let window = window(options, retention(&entity.name, name));
            let v = if let Some(v) = from_parents.shift_remove(name) {
                v
            } else if attr.identifier && sequenced {
                let n = next_in_parent.entry(parent_part.clone()).or_insert(0);
                *n += 1;
                Value::int(*n)
            } else if attr.identifier {
                identifier(attr, &entity.name, i, window, options.seed)
            } else if link.self_refs.iter().any(|r| r == name) {
                match earlier_item_id(&out, &ids, &mut rng) {
                    Some(v) => v,
                    None => continue,
                }
            } else if let Some(&(_, target)) = link.references.iter().find(|(a, _)| *a == name) {
                if !present(attr, &mut rng) {
                    continue;
                }
                let target_entity = &model.entities[target];
                let id = target_entity.identifier()[0];
                let pick = rng.below(options.items_per_entity.max(1) as u64) as usize;
                identifier(id, &target_entity.name, pick, window, options.seed)
            } else if present(attr, &mut rng) {
                value(attr, i, window, &mut rng)
            } else {
                continue;
            };
            attrs.insert(name.to_string(), v);
        }
        // Parent identifiers the entity does not declare: the child still carries them.
        for (name, v) in from_parents {
            attrs.insert(name, v);
        }
        // The parent of the same entity through a parent role (`manager.employeeId`).
        for name in link.self_refs.iter().filter(|n| entity.attribute(n).is_none()) {
            if let Some(v) = earlier_item_id(&out, &ids, &mut rng) {
                attrs.insert(name.clone(), v);
            }
        }
        chronology::keep_order(&mut attrs, &orders, chronology::end_of(options.as_of), &mut rng);
        coherence::agree(entity, &mut attrs, i, &mut rng);
        coherence::compare(&comparisons, &mut attrs, i);
        out.push(attrs);
        drawn_as.push(i);
    }
    // Only plain attributes: an identifier, a parent's or a reference would link
    // the item to nothing.
    let plain = |a: &Attribute| {
        !a.identifier
            && !link.supplied_by_parent(&a.name)
            && !link.self_refs.contains(&a.name)
            && !link.references.iter().any(|(r, _)| *r == a.name)
    };
    // What a read's `absent` test may take from an item: a plain optional
    // attribute, or the identifier of a parent the item need not have (the agent
    // of a ticket no one is assigned yet).
    let optional_parent = |name: &str| link.parents.iter().find(|p| !p.required && p.attrs == [name]);
    let takeable = |name: &str| -> Option<&Attribute> {
        match entity.attribute(name) {
            Some(a) => ((plain(a) || optional_parent(name).is_some()) && !a.required).then_some(a),
            None => optional_parent(name).and_then(|p| model.entities[p.parent].attribute(name)),
        }
    };
    let window_of = |attr: &Attribute| window(options, retention(&entity.name, &attr.name));
    let given = answers::give_every_read_an_answer(model, entity, &plain, &takeable, &mut out, &mut |at, attr| {
        value(attr, drawn_as[at], window_of(attr), &mut rng)
    });
    for at in given {
        chronology::keep_order(&mut out[at], &orders, chronology::end_of(options.as_of), &mut rng);
    }
    out
}

/// The share of a one-to-many relationship's children given to its first
/// parent, where a parent has more than one child in the model's own counts (or
/// they are not given): a busy customer's orders, so that a read with a limit of
/// up to a quarter of the items per entity has more answers than it keeps.
const BUSY_PARENT_SHARE: f64 = 0.25;

/// Which of the `count` parents (of entity `parent`) the next child of `entity`
/// belongs to: the first with [`BUSY_PARENT_SHARE`], else any.
fn parent_position(model: &Model, entity: &Entity, parent: usize, count: usize, rng: &mut Rng) -> usize {
    let children_each = match (entity.expected_count, model.entities[parent].expected_count) {
        (Some(children), Some(parents)) if parents > 0 => children as f64 / parents as f64,
        _ => f64::INFINITY,
    };
    if children_each > 1.0 && rng.chance(BUSY_PARENT_SHARE) {
        0
    } else {
        rng.below(count as u64) as usize
    }
}

/// The identifier of an item made before this one, most of the time: a tree, as
/// only earlier items can be named (a manager), whose first item is its top.
fn earlier_item_id(out: &[IndexMap<String, Value>], ids: &[&Attribute], rng: &mut Rng) -> Option<Value> {
    if out.is_empty() || !rng.chance(0.9) {
        return None;
    }
    let other = &out[rng.below(out.len() as u64) as usize];
    ids.first().and_then(|id| other.get(&id.name)).cloned()
}

/// Dates go back two years, except those a TTL counts from: they stay within half the
/// retention, so that no sample item has expired (DynamoDB would delete it).
fn window(options: &SampleOptions, retention_days: Option<u32>) -> Window {
    let days = retention_days.map_or(730, |d| i64::from(d / 2).clamp(1, 730));
    Window { as_of: options.as_of, days }
}
