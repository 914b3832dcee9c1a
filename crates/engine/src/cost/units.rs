//! Capacity units one execution of a pattern consumes, counted as DynamoDB bills
//! them: reads per 4 KB (half for eventually consistent reads), writes per 1 KB,
//! transactional reads and writes doubled, and one more write for every index an
//! item lands in.

use crate::design::capacity::{index_share, items_read, read_units, write_units};
use crate::design::{Action, Design, EntityKeys, Operation, Plan, Projection, Request};
use crate::expression::update_clauses;
use crate::model::{AccessPattern, AttrType, Attribute, Entity, Model, PatternKind, StepAction, Write};
use crate::template::{Template, SHARD};

/// Read and write units of one execution of `pattern`'s plan.
pub fn units_per_execution(model: &Model, design: &Design, pattern: &AccessPattern, plan: &Plan) -> (f64, f64) {
    match pattern.kind {
        PatternKind::ReadOne | PatternKind::ReadMany => (read_plan_units(model, design, pattern, plan), 0.0),
        PatternKind::Transaction => (
            reads_first(model, plan),
            (0..plan.actions.len()).map(|at| action_units(model, design, plan, at, true)).sum(),
        ),
        PatternKind::Put | PatternKind::Update | PatternKind::Delete => (
            reads_first(model, plan),
            (0..plan.actions.len()).map(|at| action_units(model, design, plan, at, false)).sum(),
        ),
        // TTL deletes are free of charge.
        PatternKind::Expire => (0.0, 0.0),
    }
}

fn read_plan_units(model: &Model, design: &Design, pattern: &AccessPattern, plan: &Plan) -> f64 {
    let requests: Vec<&Request> = std::iter::once(&plan.request).chain(&plan.then).collect();
    let strong = pattern.strongly_consistent;
    let mut total = 0.0;
    for (i, r) in requests.iter().enumerate() {
        let last = i + 1 == requests.len();
        let entity = if last { pattern.entity.clone() } else { entity_of(design, r).unwrap_or(pattern.entity.clone()) };
        // An index returns what it projects, and bills the read by that size.
        let size = match design.entities.iter().find(|e| e.name == entity) {
            Some(keys) if r.index != crate::design::TABLE => index_item_size(model, design, keys, &r.index),
            _ => item_size(model, &entity),
        };
        // A limit without a stated answer size returns as many as the limit.
        let wanted = match (pattern.result_size, pattern.limit) {
            (Some(n), Some(limit)) => (n as f64).min(f64::from(limit)),
            (Some(n), None) => n as f64,
            (None, Some(limit)) => f64::from(limit),
            (None, None) => 1.0,
        };
        let shards = f64::from(r.count.max(1));
        let items = match (r.operation, last) {
            (Operation::GetItem, _) => 1.0,
            (_, true) if pattern.kind == PatternKind::ReadOne && pattern.with.is_empty() => 1.0,
            // A FilterExpression drops items after they are read (and billed); under
            // a limit, pages are read until that many passed it (Limit counts the
            // items a page reads, so one page alone would return too few), and
            // every shard is read for that many.
            (_, true) => {
                let (share, partition) = (filter_share(pattern, r), partition_items(model, &entity, r));
                match (pattern.limit, pattern.result_size) {
                    // Each shard up to the limit (or all it holds); the answer needs
                    // `wanted` in all.
                    (Some(_), _) => (shards * (wanted / share).min(partition / shards)).max(wanted),
                    (None, Some(_)) => items_read(wanted, share, partition),
                    // Nothing bounds the answer: the read takes the whole partition,
                    // as the partition load counts it.
                    (None, None) => partition,
                }
            }
            // A request that finds what the next one fetches: one item, or the pairs.
            (_, false) if requests.get(i + 1).is_some_and(|n| n.operation == Operation::BatchGetItem) => wanted,
            (_, false) => 1.0,
        };
        total += match r.operation {
            Operation::GetItem => read_units(1.0, size, strong),
            Operation::BatchGetItem => items * read_units(1.0, size, strong),
            Operation::Scan => read_units(table_items(model), average_size(model), strong),
            _ => {
                let per_request = (items / shards).max(1.0);
                // The related entities this Query returns (those it cannot are
                // reported, and their requests are not the plan's).
                let with: Vec<String> = plan.returns.iter().filter(|e| **e != pattern.entity).cloned().collect();
                let bytes_size =
                    if last && !with.is_empty() { mixed_size(model, &pattern.entity, &with, items) } else { size };
                f64::from(r.count.max(1)) * read_units(per_request, bytes_size, strong)
            }
        };
    }
    total
}

/// The share of the items a request reads that its FilterExpression keeps: the
/// pattern's filter selectivity when the request applies that filter, else all.
/// Of a read whose last request filters what it reads: the items that request
/// reads for one answer, and the items the answer keeps. `None` without a
/// filter the request applies.
pub fn filtered_read(model: &Model, pattern: &AccessPattern, plan: &Plan) -> Option<(f64, f64)> {
    let r = plan.then.last().unwrap_or(&plan.request);
    let share = filter_share(pattern, r);
    if share >= 1.0 || !matches!(r.operation, Operation::Query | Operation::Scan) {
        return None;
    }
    let partition = match r.operation {
        Operation::Scan => table_items(model),
        _ => partition_items(model, &pattern.entity, r),
    };
    let kept = pattern.result_size.map_or(partition * share, |n| n as f64).min(partition * share).max(1.0);
    Some((items_read(kept, share, partition), kept))
}

fn filter_share(pattern: &AccessPattern, r: &Request) -> f64 {
    let applied = |f: &&crate::model::Filter| {
        r.filter.as_deref().is_some_and(|text| {
            let named = crate::expression::tokens(text, '#');
            f.tests().iter().all(|t| named.contains(&t.attribute))
        })
    };
    pattern.filter.as_ref().filter(applied).and_then(|f| f.selectivity()).filter(|s| *s > 0.0).unwrap_or(1.0)
}

/// Items in a typical partition of `r`: the entity's items over the distinct
/// values of the partition key's most selective attribute (a parent's
/// identifier: its children; a status with its stated distinct values), all of
/// them where nothing says how many values there are.
fn partition_items(model: &Model, entity: &str, r: &Request) -> f64 {
    let count = item_count(model, entity);
    let Some(template) = r.key.as_ref().and_then(|k| Template::parse(&k.partition.value).ok()) else { return count };
    let own = model.entity(entity);
    let partitions = template
        .attributes()
        .filter(|a| *a != SHARD)
        .map(|a| distinct_values(model, own, a, count))
        .fold(1.0, f64::max);
    count / partitions
}

/// How many values `attribute` takes among `count` items: as its distribution
/// says, else one per item of the entity it alone identifies (the items' own, or
/// a parent's), else unknown (1: no cap).
fn distinct_values(model: &Model, own: Option<&Entity>, attribute: &str, count: f64) -> f64 {
    let declared = own.and_then(|e| e.attribute(attribute));
    if let Some(n) = declared.and_then(|a| a.distribution.as_ref()).and_then(|d| d.distinct_values) {
        return n as f64;
    }
    if own.is_some_and(|e| e.identified_by_alone(attribute)) {
        return count;
    }
    model.entities.iter().find(|e| e.identified_by_alone(attribute)).map_or(1.0, |owner| item_count(model, &owner.name))
}

/// The strongly consistent GetItems of the actions that read the stored item first.
fn reads_first(model: &Model, plan: &Plan) -> f64 {
    // A fold from 0, not `sum`: an empty float sum is -0, which prints as "-0".
    plan.actions
        .iter()
        .filter(|a| !a.reads.is_empty())
        .fold(0.0, |units, a| units + typical_count(a) * read_units(1.0, item_size(model, &a.entity), true))
}

/// How many times an action runs in a typical request: a repeated one once per
/// element of its list.
pub fn typical_count(action: &Action) -> f64 {
    action.for_each.as_ref().map_or(1.0, |f| f64::from(f.typical()))
}

/// Units of one write action: the table write (doubled in a transaction) and the
/// writes it makes in the indexes, once per element of a repeated action's list.
fn action_units(model: &Model, design: &Design, plan: &Plan, at: usize, transactional: bool) -> f64 {
    let action = &plan.actions[at];
    let size = item_size(model, &action.entity);
    let table = write_units(size) * if transactional { 2.0 } else { 1.0 };
    let indexes: f64 = index_writes(model, design, plan, at).iter().map(|(_, units)| units).sum();
    typical_count(action) * (table + indexes)
}

/// The write units one run of `action` spends in each index its item is in, as
/// DynamoDB bills them: a put or a delete writes every index the item is in (a
/// sparse one for the share of items that carry its condition). An update that
/// gives the item a sparse index's condition puts it there, and one that removes
/// the condition deletes it there (a write each: the update is for the items
/// that lack or hold it; a value fixed in the model says which, see
/// `SparseCondition::entries_per_write`); one that removes another part of an index's key
/// deletes the entry, one that rebuilds a key moves it (a delete and a put), and
/// one that changes an attribute the index projects rewrites it, each for the
/// share of items the index holds. An update that changes nothing an index holds
/// does not write it.
pub fn index_writes(model: &Model, design: &Design, plan: &Plan, at: usize) -> Vec<(String, f64)> {
    let action = &plan.actions[at];
    let Some(entity) = design.entities.iter().find(|e| e.name == action.entity) else { return Vec::new() };
    // The model's write the action makes: a transaction's step, by its place.
    let written: Option<Write<'_>> = model.pattern(&plan.pattern).and_then(|p| match p.kind {
        PatternKind::Transaction => {
            p.steps.get(at).map(|s| Write::new(s.action == StepAction::Put, &s.conditions, &s.updates, 1.0))
        }
        _ => Some(Write::new(p.kind == PatternKind::Put, &p.conditions, &p.updates, 1.0)),
    });
    let kind = |attribute: &str| {
        model.entity(&entity.name).and_then(|e| e.attribute(attribute)).map_or(AttrType::String, |a| a.attr_type)
    };
    let clauses = update_clauses(action.update.as_deref().unwrap_or_default());
    let removed: Vec<String> = clauses.iter().filter(|c| c.keyword == "REMOVE").flat_map(|c| c.targets()).collect();
    let changed: Vec<String> = clauses.iter().flat_map(|c| c.targets()).collect();
    index_shares(model, design, entity)
        .into_iter()
        .filter_map(|(index, share)| {
            let found = design.gsis.iter().chain(&design.lsis).find(|i| i.name == index)?;
            let keys = [&found.partition_key.name, &found.sort_key.name];
            let gate = entity.sparse.get(keys[1]);
            let marker = gate.map(|c| &c.attribute);
            // Where updates move items out of a sparse index and none puts them
            // in, the items entered with the put: a new one may be in it (the
            // share at rest understates the entries).
            let puts_enter = || {
                gate.is_some_and(|g| {
                    let writes = model.access_patterns.iter().flat_map(|p| p.writes_of(&entity.name));
                    g.entered_by_puts(writes, kind(&g.attribute))
                })
            };
            let templates: Vec<Template> =
                keys.iter().filter_map(|k| entity.keys.get(*k).and_then(|t| Template::parse(t).ok())).collect();
            let templates: Vec<&Template> = templates.iter().collect();
            let moves =
                gate.zip(written).and_then(|(g, w)| g.entries_per_write(&w, kind(&g.attribute), w.rekeys(&templates)));
            let entries = match action.action.as_str() {
                "ConditionCheck" => 0.0,
                "Update" if marker.is_some_and(|m| changed.contains(m)) => moves.unwrap_or(1.0),
                "Put" if moves.is_some() => moves.unwrap_or_default(),
                "Put" if puts_enter() => 1.0,
                "Update" if keys.iter().any(|k| removed.contains(k)) => share,
                "Update" if keys.iter().any(|k| changed.contains(k)) => 2.0 * share,
                "Update" if changed.iter().any(|a| found.projection.holds(a)) => share,
                "Update" => 0.0,
                _ => share,
            };
            let units = entries * write_units(index_item_size(model, design, entity, &index));
            (units > 0.0).then_some((index, units))
        })
        .collect()
}

/// Bytes of `entity`'s item in `index`: the whole item where the index projects
/// ALL; otherwise its key attributes (the table's and the index's) and the share
/// of its attributes the index projects.
pub fn index_item_size(model: &Model, design: &Design, entity: &EntityKeys, index: &str) -> u32 {
    let size = item_size(model, &entity.name);
    let Some(found) = design.gsis.iter().chain(&design.lsis).find(|i| i.name == index) else { return size };
    if found.projection == Projection::All {
        return size;
    }
    let own = attributes_of(model, &entity.name);
    let share = own.iter().filter(|a| found.projection.holds(&a.name)).count() as f64 / own.len().max(1) as f64;
    let table = &design.table;
    let mut names =
        vec![&table.partition_key.name, &table.sort_key.name, &found.partition_key.name, &found.sort_key.name];
    names.sort_unstable();
    names.dedup();
    let keys: usize = names.iter().filter_map(|k| entity.keys.get(*k).map(|template| k.len() + template.len())).sum();
    (keys as u32 + (f64::from(size) * share).ceil() as u32).min(size)
}

/// Every index `entity` writes keys into, with the share of its items that land
/// there: below 1 for a sparse index, and for one whose key is built from an
/// optional attribute (an item without it has no key there).
pub fn index_shares(model: &Model, design: &Design, entity: &EntityKeys) -> Vec<(String, f64)> {
    design
        .gsis
        .iter()
        .chain(&design.lsis)
        .filter_map(|index| {
            let sk = &index.sort_key.name;
            entity.keys.get(sk)?;
            let templates: Vec<Template> = [&index.partition_key.name, sk]
                .into_iter()
                .filter_map(|k| entity.keys.get(k).and_then(|t| Template::parse(t).ok()))
                .collect();
            let templates: Vec<&Template> = templates.iter().collect();
            let own = attributes_of(model, &entity.name);
            let share = index_share(own, &model.access_patterns, &entity.name, entity.sparse.get(sk), &templates);
            Some((index.name.clone(), share))
        })
        .collect()
}

/// The attributes an item of `name` (an entity or a relationship's pair) holds.
fn attributes_of<'m>(model: &'m Model, name: &str) -> &'m [Attribute] {
    match model.entity(name) {
        Some(e) => &e.attributes,
        None => model.relationship(name).map_or(&[], |r| &r.attributes),
    }
}

/// The entity whose keys in the request's index are the request's partition template.
fn entity_of(design: &Design, r: &Request) -> Option<String> {
    let key = r.key.as_ref()?;
    let (pk, _) = design.key_attributes(&r.index);
    design.entities.iter().find(|e| e.keys.get(&pk) == Some(&key.partition.value)).map(|e| e.name.clone())
}

pub fn item_size(model: &Model, name: &str) -> u32 {
    let default = crate::design::capacity::DEFAULT_ITEM_SIZE;
    match model.entity(name) {
        Some(e) => e.average_item_size.unwrap_or(default),
        None => model.relationship(name).and_then(|r| r.average_item_size).unwrap_or(default / 4),
    }
}

pub fn item_count(model: &Model, name: &str) -> f64 {
    match model.entity(name) {
        Some(e) => e.expected_count.unwrap_or(1000) as f64,
        None => model.relationship(name).and_then(|r| r.expected_count).unwrap_or(1000) as f64,
    }
}

/// A parent and its children read together: one parent, the rest children.
/// The mean size of an item of a read returning one `parent` and `items - 1` of
/// its related entities, those weighted by how many of each the table holds.
fn mixed_size(model: &Model, parent: &str, with: &[String], items: f64) -> u32 {
    let counts: Vec<f64> = with.iter().map(|w| item_count(model, w).max(1.0)).collect();
    let related: f64 = with.iter().zip(&counts).map(|(w, n)| n * f64::from(item_size(model, w))).sum::<f64>()
        / counts.iter().sum::<f64>();
    let total = f64::from(item_size(model, parent)) + (items - 1.0).max(0.0) * related;
    (total / items.max(1.0)).ceil() as u32
}

fn table_items(model: &Model) -> f64 {
    model.entities.iter().map(|e| item_count(model, &e.name)).sum()
}

fn average_size(model: &Model) -> u32 {
    let items = table_items(model).max(1.0);
    let bytes: f64 =
        model.entities.iter().map(|e| item_count(model, &e.name) * f64::from(item_size(model, &e.name))).sum();
    (bytes / items).ceil() as u32
}
