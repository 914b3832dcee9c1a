//! The table's own sort key, chosen for the reads of the partition it sorts.
//!
//! Children in their parent's partition are sorted by their identifier, which
//! serves "the children of a parent". A read that knows more of the partition (a
//! device's logs in one state, newest first) would otherwise need an index that
//! only re-sorts the same partition. Where the attributes it needs can lead the
//! table's sort key instead (`DEVICE_LOG#{state}#{date}`), no index is needed:
//! the expert's composite sort key. An LSI would sort the same partition a second
//! way, but it costs a write per item like a GSI, must exist when the table is
//! created and caps the partition at 10 GB; the table's own sort key costs nothing,
//! so it is tried first, and only under the conditions that keep every item
//! writable and findable:
//!
//! - every item has the attributes, and no update changes them (a key cannot change);
//! - every request that names one item by its key knows them (a put writes the whole item);
//! - every read the identifier order served is still served, and no other item's
//!   keys in the table could be mistaken for the new ones.

use crate::design::Technique;
use crate::graph::ErGraph;
use crate::model::{AccessPattern, Cardinality, PatternKind, StepAction};
use crate::template::Template;

use super::base_keys::{id_template, updated_attributes};
use super::items::Item;
use super::routes::{serves, Access};
use super::{IndexSlots, Slot};

/// A re-sorted table sort key for `item` in partition `pk`, and why.
pub struct Resorted {
    pub sk: Template,
    /// The reads it serves that the identifier order did not.
    pub readers: Vec<String>,
    pub why: String,
}

/// The sort key that serves the most (by rate) of the reads of `item`'s partition
/// that `sk` cannot, if one may replace it.
pub fn resorted(
    graph: &ErGraph<'_>,
    item: &Item<'_>,
    pk: &Template,
    sk: &Template,
    taken: &IndexSlots,
) -> Option<Resorted> {
    let reads: Vec<(&AccessPattern, Access)> = graph
        .patterns_touching(item.name)
        .filter(|p| p.kind.is_read() && p.entity == item.name && p.with.is_empty())
        .map(|p| (p, Access::of(p)))
        .collect();
    let current = Slot::new(pk.clone(), sk.clone());
    let kept: Vec<&Access> = reads.iter().map(|(_, a)| a).filter(|a| serves(&current, a)).collect();
    let changed = updated_attributes(graph, item.name);
    let in_pk = |a: &str| pk.attributes().any(|x| x == a);
    let mut best: Option<(f64, Resorted)> = None;
    for (_, access) in reads.iter().filter(|(_, a)| !serves(&current, a) && !a.strong) {
        if !pk.attributes().all(|a| access.eq.iter().any(|e| e == a)) {
            continue;
        }
        let mut attrs: Vec<String> = access.eq.iter().filter(|a| !in_pk(a)).cloned().collect();
        let ordered = access.range.as_ref().map(|r| &r.attribute).or(access.order.as_ref().map(|o| &o.attribute));
        for a in ordered.into_iter().chain(&item.identifier) {
            if !in_pk(a) && !attrs.contains(a) {
                attrs.push(a.clone());
            }
        }
        let extra: Vec<&str> =
            attrs.iter().map(String::as_str).filter(|a| !item.identifier.iter().any(|i| i == a)).collect();
        let fixed = extra.iter().all(|a| graph.always_carries(item.name, a) && !changed.contains(a));
        if extra.is_empty() || !fixed || !addressed_knowing(graph, item, &extra) {
            continue;
        }
        let candidate = Slot::new(pk.clone(), id_template(graph, item, &item.prefix, &attrs));
        if !serves(&candidate, access) || !kept.iter().all(|a| serves(&candidate, a)) {
            continue;
        }
        if taken.clashes(&candidate.pk, &candidate.sk, &[]) {
            continue;
        }
        let served: Vec<&(&AccessPattern, Access)> =
            reads.iter().filter(|(_, a)| !serves(&current, a) && serves(&candidate, a)).collect();
        let rate: f64 = served.iter().map(|(p, _)| p.peak_rate).sum();
        if best.as_ref().is_some_and(|(r, _)| *r >= rate) {
            continue;
        }
        let readers: Vec<String> = served.iter().map(|(p, _)| p.id.clone()).collect();
        // What the read gives goes first (`HOLD#{isbn}#{placedAt}#...`): the
        // added attributes lead only where it gives nothing more.
        let before: Vec<&str> = attrs.iter().map(String::as_str).take_while(|a| !extra.contains(a)).collect();
        let place = match (before.as_slice(), extra.len()) {
            ([], 1) => "leads".to_string(),
            ([], _) => "lead".to_string(),
            (_, 1) => format!("comes after {} in", before.join(", ")),
            (_, _) => format!("come after {} in", before.join(", ")),
        };
        let why = format!(
            "{}: {} {place} the table's sort key ({}) so that {} reads the partition with one Query and no index; every {} has {}, no update changes {}, and every request that names one item knows {}.",
            Technique::CompositeSortKey,
            extra.join(", "),
            candidate.sk,
            readers.join(", "),
            item.name,
            extra.join(" and "),
            if extra.len() == 1 { "it" } else { "them" },
            if extra.len() == 1 { "it" } else { "them" },
        );
        best = Some((rate, Resorted { sk: candidate.sk, readers, why }));
    }
    best.map(|(_, r)| r)
}

/// Whether every request that names one `item` by its identifier, other than a
/// put (which writes the whole item), also knows `extra`; and no read reaches the
/// item through its children or pairs, whose follow-up request keys it by what
/// those items carry (its identifier, not `extra`).
fn addressed_knowing(graph: &ErGraph<'_>, item: &Item<'_>, extra: &[&str]) -> bool {
    let through_related = |p: &AccessPattern| {
        p.entity == item.name
            && p.kind.is_read()
            && graph.followed(p).is_some_and(|r| r.cardinality == Cardinality::ManyToMany || r.from == item.name)
    };
    if graph.patterns_touching(item.name).any(through_related) {
        return false;
    }
    let names_one = |p: &AccessPattern| item.identifier.iter().all(|a| p.inputs.contains(a));
    let knows = |p: &AccessPattern| extra.iter().all(|a| p.inputs.iter().any(|i| i == a));
    graph.patterns_touching(item.name).all(|p| {
        let own =
            p.entity == item.name && matches!(p.kind, PatternKind::ReadOne | PatternKind::Update | PatternKind::Delete);
        let step = p.steps.iter().any(|s| s.entity == item.name && s.action != StepAction::Put);
        !((own || step) && names_one(p)) || knows(p)
    })
}
