//! The base table's keys: where each kind of item lives.

use crate::design::types::{ItemKind, TABLE};
use crate::design::Technique;
use crate::graph::ErGraph;
use crate::model::{AccessPattern, PatternKind, Relationship};
use crate::template::{Part, Template};

use super::items::{Item, Items};
use super::{IndexSlots, Slot};

/// Why an item's table keys are what they are.
pub enum TableNote {
    /// A decision in words, and the technique it uses, if any.
    Said(Option<Technique>, String),
    /// Children in their parent's partition for the reads that list them.
    Collection {
        text: String,
        sk: String,
        readers: Vec<String>,
        /// Why the sort key leads with more than the identifier, when it does.
        resorted: Option<String>,
    },
}

impl TableNote {
    pub fn techniques(&self) -> Vec<Technique> {
        match self {
            TableNote::Said(technique, _) => technique.iter().copied().collect(),
            TableNote::Collection { resorted, .. } => std::iter::once(Technique::ItemCollection)
                .chain(resorted.as_ref().map(|_| Technique::CompositeSortKey))
                .collect(),
        }
    }

    /// The explanation, naming only the readers whose plans do read the table: a
    /// reader routed to an index (for an order the table's sort key lacks) is not
    /// what the collection serves.
    pub fn render(&self, reads_table: impl Fn(&str) -> bool) -> String {
        match self {
            TableNote::Said(_, text) => text.clone(),
            TableNote::Collection { text, sk, readers, resorted } => {
                let (served, elsewhere): (Vec<&str>, Vec<&str>) =
                    readers.iter().map(String::as_str).partition(|id| reads_table(id));
                let mut out = text.clone();
                if !served.is_empty() {
                    out.push_str(&format!(" so that {} read them with one Query", served.join(", ")));
                }
                out.push_str(&format!("; the sort key {sk} tells them apart and sorts them."));
                if !elsewhere.is_empty() {
                    let verb = if elsewhere.len() == 1 { "reads" } else { "read" };
                    out.push_str(&format!(" {} {verb} them from an index instead.", elsewhere.join(", ")));
                }
                if let Some(why) = resorted {
                    out.push(' ');
                    out.push_str(why);
                }
                out
            }
        }
    }
}

/// The table slot of every item, with the explanation of each choice.
/// Items are keyed in order (entities, then pairs); each sees the keys before it.
pub fn table_keys(graph: &ErGraph<'_>, items: &Items<'_>) -> Vec<(Slot, TableNote)> {
    let mut out = Vec::with_capacity(items.len());
    let mut taken = IndexSlots::new(items.len());
    for (i, item) in items.iter().enumerate() {
        let key = table_key(graph, items, item, &taken);
        taken.set(i, key.0.clone());
        out.push(key);
    }
    out
}

fn table_key(graph: &ErGraph<'_>, items: &Items<'_>, item: &Item<'_>, taken: &IndexSlots) -> (Slot, TableNote) {
    if let Some(pinned) = item.pinned.get(TABLE) {
        let derived = derived_key(graph, items, item, taken).0;
        let parse = |t: &Option<String>| t.as_deref().and_then(|t| Template::parse(t).ok());
        let pk = parse(&pinned.partition).unwrap_or(derived.pk);
        let sk = parse(&pinned.sort).unwrap_or(derived.sk);
        let why =
            format!("{}: the table keys PK = {pk}, SK = {sk} were fixed by hand and are kept.", Technique::PinnedKey);
        return (Slot::new(pk, sk), TableNote::Said(Some(Technique::PinnedKey), why));
    }
    derived_key(graph, items, item, taken)
}

fn derived_key(graph: &ErGraph<'_>, items: &Items<'_>, item: &Item<'_>, taken: &IndexSlots) -> (Slot, TableNote) {
    match (item.kind, item.ends) {
        (ItemKind::Relationship, Some((from, to))) => adjacency(graph, items, item, from, to, taken),
        _ => match home_parent(graph, items, item) {
            Some((parent, patterns)) => nested(graph, item, parent, &patterns, taken),
            None => {
                let key = id_template(graph, item, &item.prefix, &item.identifier);
                let mut why = format!(
                    "Own partition: {} items are found by their identifier, so PK = SK = {key} and GetItem reads one.",
                    item.name
                );
                for (parent, writes) in unnamed_parents(graph, items, item) {
                    why.push_str(&format!(
                        " Not in the {parent}'s partition: {} name {} without the {parent}'s identifier, which a key there is made of.",
                        writes.join(", "),
                        if writes.len() == 1 { "it" } else { "them" }
                    ));
                }
                (Slot::new(key.clone(), key), TableNote::Said(None, why))
            }
        },
    }
}

/// The parent whose partition a child joins (an item collection), chosen by the
/// rate of the patterns that read the children through it.
fn home_parent<'i, 'm>(
    graph: &ErGraph<'m>,
    items: &'i Items<'m>,
    item: &Item<'m>,
) -> Option<(&'i Item<'m>, Vec<&'m AccessPattern>)> {
    let mut best: Option<(&Item, Vec<&AccessPattern>, f64)> = None;
    for rel in graph.parents(item.name) {
        let Some(parent) = items.named(&rel.from) else {
            continue;
        };
        // A child whose parent changes by an update cannot live in the parent's
        // partition: an update cannot change a key.
        let moved = updated_attributes(graph, item.name).iter().any(|a| parent.identifier.iter().any(|id| id == a));
        // Nor can a child that may have no parent: its key would have nothing to
        // be built from. An index keyed by the parent serves it, and skips those.
        // Nor one that an update or a delete names without the parent: the write
        // could not build the item's key (close an issue by its id alone).
        if parent.name == item.name || moved || !rel.required || !writes_naming_without(graph, item, parent).is_empty()
        {
            continue;
        }
        let patterns = collection_readers(graph, item, parent, rel);
        let score: f64 = patterns.iter().map(|p| weight(p)).sum();
        let own: f64 = own_partition_readers(graph, item, parent).iter().map(|p| weight(p)).sum();
        if !patterns.is_empty() && score > own && best.as_ref().is_none_or(|(_, _, s)| score > *s) {
            best = Some((parent, patterns, score));
        }
    }
    best.map(|(p, patterns, _)| (p, patterns))
}

/// The updates and deletes of `item` that name it by inputs that leave out
/// `parent`'s identifier (a write that lists no inputs leaves its key implied).
fn writes_naming_without<'m>(graph: &ErGraph<'m>, item: &Item<'_>, parent: &Item<'_>) -> Vec<&'m str> {
    graph
        .patterns_touching(item.name)
        .filter(|p| {
            p.entity == item.name
                && matches!(p.kind, PatternKind::Update | PatternKind::Delete)
                && !p.inputs.is_empty()
                && parent.identifier.iter().any(|id| !p.inputs.contains(id))
        })
        .map(|p| p.id.as_str())
        .collect()
}

/// The required parents whose partitions `item` would join for the reads that
/// list it there, but for the writes that name it without them.
fn unnamed_parents<'m>(graph: &ErGraph<'m>, items: &Items<'m>, item: &Item<'m>) -> Vec<(&'m str, Vec<&'m str>)> {
    graph
        .parents(item.name)
        .into_iter()
        .filter(|rel| rel.required && rel.from != item.name)
        .filter_map(|rel| {
            let parent = items.named(&rel.from)?;
            let writes = writes_naming_without(graph, item, parent);
            (!writes.is_empty() && !collection_readers(graph, item, parent, rel).is_empty())
                .then_some((rel.from.as_str(), writes))
        })
        .collect()
}

/// Attributes of `item` that some update (single or in a transaction) changes.
pub fn updated_attributes<'m>(graph: &ErGraph<'m>, item: &str) -> Vec<&'m str> {
    graph.patterns_touching(item).flat_map(|p| p.updates_of(item)).map(|u| u.attribute.as_str()).collect()
}

/// A strongly consistent read has no fallback (a GSI cannot serve it), so it
/// outweighs any number of reads that an index can serve.
fn weight(p: &AccessPattern) -> f64 {
    if p.strongly_consistent {
        p.peak_rate * 1000.0 + 1e6
    } else {
        p.peak_rate
    }
}

/// Reads that want `item` in a partition of its own: fetched by its own identifier
/// without the parent's, or fetched together with another entity than `parent`.
fn own_partition_readers<'m>(graph: &ErGraph<'m>, item: &Item<'_>, parent: &Item<'_>) -> Vec<&'m AccessPattern> {
    let has_all = |p: &AccessPattern, attrs: &[String]| attrs.iter().all(|a| p.inputs.contains(a));
    graph
        .patterns_touching(item.name)
        .filter(|p| p.kind.is_read())
        .filter(|p| {
            let by_own_id = p.entity == item.name && has_all(p, &item.identifier) && !has_all(p, &parent.identifier);
            let other_with = (p.entity == item.name && p.with.iter().any(|w| w != parent.name))
                || (p.with.iter().any(|w| w == item.name) && p.entity != parent.name);
            by_own_id || other_with
        })
        .collect()
}

/// Reads that want `child` items grouped under `parent` by `rel`: the children
/// listed by the parent's identifier through `rel` (not through another
/// relationship between the two), or the parent fetched with its children.
fn collection_readers<'m>(
    graph: &ErGraph<'m>,
    child: &Item<'_>,
    parent: &Item<'_>,
    rel: &Relationship,
) -> Vec<&'m AccessPattern> {
    let has_all = |p: &AccessPattern, attrs: &[String]| attrs.iter().all(|a| p.inputs.contains(a));
    graph
        .patterns_touching(child.name)
        .filter(|p| p.kind.is_read())
        .filter(|p| {
            let follows_rel = graph.followed(p).is_none_or(|f| f.name == rel.name);
            let lists_children = p.entity == child.name
                && has_all(p, &parent.identifier)
                && !has_all(p, &child.identifier)
                && follows_rel;
            let fetched_together = (p.entity == parent.name && p.with.iter().any(|w| w == child.name))
                || (p.entity == child.name && p.with.iter().any(|w| w == parent.name));
            lists_children || fetched_together
        })
        .collect()
}

fn nested(
    graph: &ErGraph<'_>,
    item: &Item<'_>,
    parent: &Item<'_>,
    readers: &[&AccessPattern],
    taken: &IndexSlots,
) -> (Slot, TableNote) {
    let pk = id_template(graph, item, &parent.prefix, &parent.identifier);
    let rest: Vec<String> = item.identifier.iter().filter(|a| !parent.identifier.contains(a)).cloned().collect();
    let rest = prefix_first(rest, readers, item.name);
    let mut sk = id_template(graph, item, &item.prefix, &rest);
    let mut readers: Vec<String> = readers.iter().map(|p| p.id.clone()).collect();
    let resorted = super::table_sort::resorted(graph, item, &pk, &sk, taken).map(|r| {
        sk = r.sk;
        readers.retain(|id| !r.readers.contains(id));
        r.why
    });
    let text = format!(
        "{}: {} items share their {}'s partition (PK = {pk})",
        Technique::ItemCollection,
        item.name,
        parent.name
    );
    let why = TableNote::Collection { text, sk: sk.to_string(), readers, resorted };
    (Slot::new(pk, sk), why)
}

/// The item's own identifier parts in the order that lets the collection's
/// reads name a prefix of its sort key: first the parts they are given (a
/// student's enrollments in a term: `ENROLLMENT#{term}#{courseCode}`), then a
/// part they range over or are ordered by, each by the weight of the reads; as
/// declared where no read tells them apart.
fn prefix_first(rest: Vec<String>, readers: &[&AccessPattern], item: &str) -> Vec<String> {
    let listing = || readers.iter().filter(|p| p.entity == item);
    let score = |a: &String| {
        let given: f64 = listing().filter(|p| p.inputs.contains(a)).map(|p| weight(p)).sum();
        let ranged: f64 = listing()
            .filter(|p| {
                p.range.as_ref().is_some_and(|r| r.attribute == *a)
                    || p.order.as_ref().is_some_and(|o| o.attribute == *a)
            })
            .map(|p| weight(p))
            .sum();
        (given, ranged)
    };
    let mut scored: Vec<(String, (f64, f64))> = rest
        .into_iter()
        .map(|a| {
            let s = score(&a);
            (a, s)
        })
        .collect();
    // Stable: parts no read tells apart keep the declared order.
    scored.sort_by(|x, y| y.1.partial_cmp(&x.1).unwrap_or(std::cmp::Ordering::Equal));
    scored.into_iter().map(|(a, _)| a).collect()
}

fn adjacency(
    graph: &ErGraph<'_>,
    items: &Items<'_>,
    item: &Item<'_>,
    from: &str,
    to: &str,
    taken: &IndexSlots,
) -> (Slot, TableNote) {
    let end = |name: &str| items.named(name).filter(|i| i.kind == ItemKind::Entity);
    let (Some(a), Some(b)) = (end(from), end(to)) else {
        let key = id_template(graph, item, &item.prefix, &item.identifier);
        return (Slot::new(key.clone(), key), TableNote::Said(None, "Own partition.".to_string()));
    };
    let (a_ids, b_ids) = item.identifier.split_at(item.from_id_len.min(item.identifier.len()));
    let rate_by = |ids: &[String]| -> f64 {
        graph
            .patterns_touching(item.name)
            .filter(|p| p.entity == item.name && ids.iter().all(|a| p.inputs.contains(a)))
            .map(|p| p.peak_rate)
            .sum()
    };
    let ((host, host_ids), (other, other_ids)) =
        if rate_by(b_ids) > rate_by(a_ids) { ((b, b_ids), (a, a_ids)) } else { ((a, a_ids), (b, b_ids)) };
    // A pair of two items of one entity needs its own sort-key prefix, or it would
    // look like the entity's own item.
    let other_prefix = if a.name == b.name { item.prefix.clone() } else { other.prefix.clone() };
    let pk = id_template(graph, item, &host.prefix, host_ids);
    let mut sk = id_template(graph, item, &other_prefix, other_ids);
    // Items already keyed in the host's partition under the other end's prefix (the
    // other end nested there as the host's child, or the pairs of another relationship
    // between the same two entities) would share these keys: the pairs take their own
    // prefix instead.
    if taken.clashes(&pk, &sk, &[]) {
        sk = id_template(graph, item, &item.prefix, other_ids);
    }
    let why = format!(
        "{}: one item per {}–{} pair in the {}'s partition (PK = {pk}, SK = {sk}), carrying the relationship's own data; it lists {}'s {}s with one Query.",
        Technique::AdjacencyList, a.name, b.name, host.name, crate::words::with_article(host.name), other.name
    );
    (Slot::new(pk, sk), TableNote::Said(Some(Technique::AdjacencyList), why))
}

/// `PREFIX#{a}#{b}`: a prefix and attribute values, numbers zero-padded.
pub fn id_template(graph: &ErGraph<'_>, item: &Item<'_>, prefix: &str, attrs: &[String]) -> Template {
    let mut parts = vec![Part::Literal(prefix.to_string())];
    for attr in attrs {
        parts.push(Part::Literal("#".into()));
        parts.push(Part::Attr { name: attr.clone(), pad: item.pad(graph, attr) });
    }
    Template::from_parts(parts)
}
