//! Write sharding: a partition that would take more than a partition's share of
//! reads or writes gets a `{_shard}` suffix, and its readers fan out.

use crate::design::capacity::{
    hot_load, index_share, items_read, limited_reads_too_hot, read_units, reads_one_item, shard_arithmetic,
    shard_count, write_units,
};
use crate::design::types::{HotLoad, Shard};
use crate::model::{AccessPattern, AttrType, PatternKind};
use crate::template::{Part, Template, SHARD};

use super::routes::Route;
use super::{Layout, Slot};

/// The hottest partition's load on one item's keys in one index, in units per second.
#[derive(Debug, Clone, Copy, Default)]
pub struct Load {
    /// Reads that return the whole partition (or a share of it no limit caps),
    /// which shards divide.
    pub reads: f64,
    pub writes: f64,
    /// Reads capped by a limit: every shard is read for up to that many items.
    pub limited_reads: f64,
}

impl Load {
    pub fn hot(&self) -> HotLoad {
        hot_load(self.reads, self.writes, self.limited_reads)
    }
}

/// What sharding did: a note per sharded (item, index), and the index
/// partitions whose reads under a limit no shard count spreads.
#[derive(Default)]
pub struct Sharding {
    pub notes: Vec<(usize, String)>,
    pub limited: Vec<(String, usize, HotLoad)>,
}

/// Shards every secondary-index partition that is too hot.
pub fn shard_hot_partitions(layout: &mut Layout<'_, '_>) -> Sharding {
    let mut out = Sharding::default();
    for n in 0..layout.gsis.len() {
        let index = format!("GSI{}", n + 1);
        for item in 0..layout.items.len() {
            let Some(slot) = layout.slot(&index, item) else {
                continue;
            };
            if slot.shard.is_some() {
                continue;
            }
            let hot = partition_load(layout, &index, item, slot).hot();
            if limited_reads_too_hot(hot) {
                out.limited.push((index.clone(), item, hot));
            }
            let count = shard_count(hot);
            // A pin is kept as written: sharded where it says {_shard} (over at
            // least two shards), never suffixed behind the architect's back; a hot
            // pin without one is reported as a conflict.
            let pinned = layout.items[item].pinned.contains_key(&index);
            let pinned_shard = pinned && slot.pk.attributes().any(|a| a == SHARD);
            if !pinned_shard && (pinned || count < 2) {
                continue;
            }
            let count = count.max(2);
            let from = layout.items[item].identifier.clone();
            layout.gsis[n].update(item, |slot| {
                if !pinned_shard {
                    slot.pk = slot.pk.join(&Template::from_parts(vec![
                        Part::Literal("#".into()),
                        Part::Attr { name: SHARD.into(), pad: None },
                    ]));
                }
                slot.shard = Some(Shard { count, from: from.clone(), load: Some(hot) });
            });
            let slot = layout.gsis[n].get(item).expect("slot seen above");
            out.notes.push((
                item,
                format!(
                    "{index}: write sharding: {}{}, so its partition key {} spreads it over {count} shards; writers compute _shard from {}, readers query all {count} and merge.",
                    shard_arithmetic(hot),
                    if pinned_shard { " (a pinned {_shard} takes at least 2)" } else { "" },
                    slot.pk,
                    from.join(", ")
                ),
            ));
        }
    }
    out
}

/// Reads from the patterns routed to `(index, item)` and writes from every write of
/// the item, on the partition holding the most common value.
pub fn partition_load(layout: &Layout<'_, '_>, index: &str, item: usize, slot: &Slot) -> Load {
    let model = layout.graph.model();
    let it = &layout.items[item];
    let touching = layout.graph.patterns_touching(it.name);
    let graph = layout.graph;
    let own =
        graph.entity(it.name).map(|e| &e.attributes).or_else(|| graph.relationship(it.name).map(|r| &r.attributes));
    let own = own.map_or(&[][..], Vec::as_slice);
    let sparse_share = index_share(own, touching.clone(), it.name, slot.sparse.as_ref(), &[&slot.pk, &slot.sk]);
    let attrs: Vec<&str> = slot.pk.attributes().filter(|a| *a != SHARD).collect();
    let (item_share, write_share) = hottest_share(layout, item, &attrs);
    let items_in_partition = it.count * item_share * sparse_share;
    // Requests spread over the values like the items do, except on a time-like
    // value, where they gather on the current one as the writes do.
    let request_share = if write_share >= 1.0 { 1.0 } else { item_share };

    let mut load = Load::default();
    for &position in layout.routes_at.get(&(index.to_string(), item)).into_iter().flatten() {
        let pattern = &model.access_patterns[layout.routes[position].0];
        // A read of one item (a GetItem, or the target of an item with its
        // related ones) reads that item, not its partition; anything else reads
        // what it returns, or the whole partition where it does not say.
        let one = pattern.entity == it.name && reads_one_item(pattern, &[&slot.pk, &slot.sk]);
        let whole = if one { 1.0 } else { items_in_partition };
        let wanted = pattern.result_size.map_or(whole, |r| r as f64);
        let wanted = pattern.limit.map_or(wanted, |limit| wanted.min(f64::from(limit)));
        let items = items_read(wanted, filtered_share(pattern, slot), items_in_partition).max(1.0);
        let units = pattern.peak_rate * request_share * read_units(items, it.size, pattern.strongly_consistent);
        // A limit that stops before the partition's end reads every shard for
        // that many; one beyond it reads the whole partition, which shards divide.
        if pattern.limit.is_some() && items < items_in_partition {
            load.limited_reads += units;
        } else {
            load.reads += units;
        }
    }
    // A transaction writing one item per element of a list writes it that often.
    // An update that sets or removes a sparse index's attribute moves its item
    // in or out of the index (a write each time it can, not for the share the
    // index holds); and where items leave without an update putting them in,
    // they entered with the put: a new item may be in it.
    let gate = slot.sparse.as_ref().map(|g| {
        let kind = it.attribute(layout.graph, &g.attribute).map_or(AttrType::String, |a| a.attr_type);
        (g, kind)
    });
    let puts_enter =
        gate.is_some_and(|(g, kind)| g.entered_by_puts(touching.clone().flat_map(|p| p.writes_of(it.name)), kind));
    for p in touching.filter(|p| writes_item(p, it.name)) {
        let entries: f64 = p
            .writes_of(it.name)
            .iter()
            .map(|w| {
                let share =
                    match gate.and_then(|(g, kind)| g.entries_per_write(w, kind, w.rekeys(&[&slot.pk, &slot.sk]))) {
                        Some(entries) => entries,
                        None if puts_enter && w.put => 1.0,
                        None => sparse_share,
                    };
                w.count * share
            })
            .sum();
        load.writes += p.peak_rate * entries * write_units(it.size) * write_share;
    }
    load
}

/// The share of what a read of this slot reads that its filter keeps: the
/// filter's selectivity, unless the slot's keys or sparse condition already
/// test the filtered attributes (then the index holds only what passes).
fn filtered_share(pattern: &AccessPattern, slot: &Slot) -> f64 {
    let Some(filter) = &pattern.filter else { return 1.0 };
    let keyed = |attribute: &str| {
        slot.pk.attributes().chain(slot.sk.attributes()).any(|a| a == attribute)
            || slot.sparse.as_ref().is_some_and(|s| s.attribute == attribute)
    };
    if filter.tests().iter().all(|t| keyed(&t.attribute)) {
        return 1.0;
    }
    filter.selectivity().unwrap_or(1.0)
}

/// The (index, item) slots a route reads.
pub fn slots_read(route: &Route) -> Vec<(String, usize)> {
    match route {
        Route::Direct { index, item, .. } => vec![(index.clone(), *item)],
        Route::Collection { index, item, with } => {
            std::iter::once(item).chain(with).map(|&i| (index.clone(), i)).collect()
        }
        Route::ViaChild { first, .. } | Route::ViaPairs { first, .. } => slots_read(first),
        Route::Descent { first, then, .. } => {
            slots_read(first).into_iter().chain(then.iter().flat_map(|t| slots_read(t))).collect()
        }
        Route::Scan { .. } => Vec::new(),
    }
}

pub fn writes_item(p: &AccessPattern, item: &str) -> bool {
    match p.kind {
        PatternKind::Put | PatternKind::Update | PatternKind::Delete => p.entity == item,
        PatternKind::Transaction => {
            p.steps.iter().any(|s| s.entity == item && s.action != crate::model::StepAction::ConditionCheck)
        }
        _ => false,
    }
}

/// The share of the item's items, and of its writes, that the most common value of
/// these partition attributes takes.
fn hottest_share(layout: &Layout<'_, '_>, item: usize, attrs: &[&str]) -> (f64, f64) {
    let it = &layout.items[item];
    if attrs.is_empty() {
        return (1.0, 1.0);
    }
    let mut item_share: f64 = 1.0;
    let mut write_share: f64 = 1.0;
    for attr in attrs {
        let attribute = it.attribute(layout.graph, attr);
        let owner = layout.items.identified_by(attr).filter(|o| o.name != it.name);
        let dist = attribute.and_then(|a| a.distribution.as_ref());
        let share = dist
            .and_then(|d| d.top_value_share.or(d.distinct_values.map(|n| 1.0 / n.max(1) as f64)))
            .or_else(|| owner.map(|o| 1.0 / o.count.max(1.0)))
            .unwrap_or(1.0 / it.count.max(1.0));
        let current = dist.is_some_and(|d| d.writes_take_current_value);
        item_share = item_share.min(share);
        write_share = write_share.min(if current { 1.0 } else { share });
    }
    (item_share, write_share)
}
