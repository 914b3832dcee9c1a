//! What an update must do to the item's index keys so that every index keeps
//! finding it where the design says: an index key built from an attribute the
//! update sets is rebuilt in the same request, and one whose attribute (or sparse
//! condition) the update removes is removed, so the item leaves that index.
//! A key part the update does not carry is read from the item first, when the
//! item must exist and always has it; where the request cannot rebuild a key
//! otherwise (a counter whose new value only DynamoDB knows, a part that may be
//! missing), the reason is kept for the problems list.

use std::collections::BTreeMap;

use crate::design::types::{gates, Shard, SparseCondition, Ttl, TABLE};
use crate::model::{AttrType, PatternKind, Update, UpdateAction, WriteCondition};
use crate::template::{Template, SHARD};
use crate::value::Value;

use super::{Layout, Slot};

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Maintenance {
    /// Key attribute → its new value's template over the write's inputs and `reads`.
    pub sets: Vec<(String, Template)>,
    /// Attributes of the stored item the rebuilt keys need: read before the write.
    pub reads: Vec<String>,
    /// The TTL recomputed from the new date the update sets (`from` is its input).
    pub expires: Option<Ttl>,
    /// The TTL attribute removed with the date it counts from: the item stops expiring.
    pub stops_expiring: Option<String>,
    /// Key attributes to remove: the item leaves their index.
    pub removes: Vec<String>,
    /// Why a key the update affects cannot be kept right by this request.
    pub impossible: Vec<String>,
    /// The table key attributes the update would change: no update can.
    pub moves: Vec<String>,
    /// The shard a rebuilt key's `{_shard}` takes, over the write's inputs and
    /// `reads` (the item's `from` values, as a put computes it).
    pub shard: Option<Shard>,
}

/// What an update of `item` (addressed by its whole table key) with `updates`
/// must do to the item's keys; `exists` says the write's condition requires the
/// item to exist; `shard_refused`, why it may not compute a shard.
pub fn maintenance(
    layout: &Layout<'_, '_>,
    item: usize,
    updates: &[Update],
    exists: bool,
    shard_refused: Option<&str>,
) -> Maintenance {
    let changes: BTreeMap<&str, &Update> = updates.iter().map(|u| (u.attribute.as_str(), u)).collect();
    // Values the request has: the table key's attributes and the inputs it sets.
    let table = &layout.table[item];
    let mut inputs: BTreeMap<String, String> =
        table.pk.attributes().chain(table.sk.attributes()).map(|a| (a.to_string(), a.to_string())).collect();
    // The values the model fixes: the design writes them into the keys it rebuilds.
    let mut fixed: BTreeMap<&str, Value> = BTreeMap::new();
    let name = layout.items[item].name;
    for u in updates {
        match (u.action, &u.input, &u.value) {
            (UpdateAction::Set, Some(input), _) => {
                inputs.insert(u.attribute.clone(), input.clone());
            }
            (UpdateAction::Set, None, Some(value)) => {
                let kind = layout.graph.resolve_attribute(name, &u.attribute).map_or(AttrType::String, |a| a.attr_type);
                fixed.insert(&u.attribute, Value::of_text(kind, value));
            }
            _ => {}
        }
    }
    let mut out = Maintenance::default();
    let mut table_attrs: Vec<&str> = table.pk.attributes().chain(table.sk.attributes()).collect();
    table_attrs.dedup();
    out.moves = table_attrs.into_iter().filter(|a| changes.contains_key(a)).map(str::to_string).collect();
    if let Some(ttl) = ttl_of(layout, name) {
        match changes.get(ttl.from.as_str()).map(|u| (u.action, u.input.as_deref())) {
            None => {}
            // Without the date the item never expires, as a put without it would leave it.
            Some((UpdateAction::Remove, _)) => out.stops_expiring = Some(ttl.attribute),
            Some((UpdateAction::Set, Some(input))) => out.expires = Some(Ttl { from: input.to_string(), ..ttl }),
            Some((UpdateAction::Set, None)) => out.impossible.push(format!(
                "the item's TTL is computed from {}, which the update sets to a value fixed in the model: the TTL is computed from a request's date; give {} as an input",
                ttl.from, ttl.from
            )),
            Some(_) => out.impossible.push(format!(
                "the item's TTL is computed from {}, which the update adds to: only DynamoDB knows the new value, so the TTL cannot be recomputed in the same request; set {} instead",
                ttl.from, ttl.from
            )),
        }
    }
    let table_key_names: [String; 2] = layout.key_names.of(TABLE).into();
    for (index, slot) in index_slots(layout, item) {
        let (pk_name, sk_name) = layout.key_names.of(&index);
        let halves: Vec<(String, &Template)> = if index.starts_with("LSI") {
            vec![(sk_name, &slot.sk)]
        } else {
            vec![(pk_name, &slot.pk), (sk_name, &slot.sk)]
        };
        // A key an imported design shares with the table's (an inverted index
        // keyed by SK and PK) moves with the item, as `moves` says; an update
        // cannot set it.
        // Whether a sparse condition gates the index is a question of all its keys.
        let templates: Vec<&Template> = halves.iter().map(|(_, t)| *t).collect();
        let gate = slot.sparse.as_ref().filter(|s| gates(s, &templates));
        // A key that is the item's own attribute (`{status}` written to `status`)
        // changes with the update itself.
        let halves: Vec<(String, &Template)> = halves
            .into_iter()
            .filter(|(name, template)| !table_key_names.contains(name) && !template.is_attribute(name))
            .collect();
        if halves.is_empty() {
            continue;
        }
        let made_of = |t: &Template| -> Vec<String> {
            let mut attrs: Vec<String> = t.attributes().filter(|a| *a != SHARD).map(str::to_string).collect();
            if t.attributes().any(|a| a == SHARD) {
                attrs.extend(slot.shard.iter().flat_map(|s| s.from.clone()));
            }
            attrs
        };
        let sparse_attr = gate.map(|s| s.attribute.as_str());
        let touched = |attrs: &[String]| attrs.iter().any(|a| changes.contains_key(a.as_str()));
        let affected =
            halves.iter().any(|(_, t)| touched(&made_of(t))) || sparse_attr.is_some_and(|a| changes.contains_key(a));
        if !affected {
            continue;
        }
        let removed = |a: &str| changes.get(a).is_some_and(|u| u.action == UpdateAction::Remove);
        // The condition that gates the whole index no longer holds: out it goes.
        if sparse_attr.is_some_and(removed) {
            out.removes.extend(halves.iter().map(|(k, _)| k.clone()));
            continue;
        }
        // A value fixed in the model says which side of the condition the item lands on.
        let decided = gate.and_then(|g| fixed.get(g.attribute.as_str()).map(|v| g.holds_for(Some(v))));
        if decided == Some(false) {
            out.removes.extend(halves.iter().map(|(k, _)| k.clone()));
            continue;
        }
        if let Some(why) =
            sparse_attr.filter(|a| changes.contains_key(a) && decided.is_none()).and_then(|_| undecidable(gate))
        {
            out.impossible.push(format!("{index}: {why}"));
            continue;
        }
        // An item its sparse condition kept out of the index had neither key;
        // otherwise every key that could be built is on it already.
        let entering = sparse_attr.is_some_and(|a| changes.contains_key(a));
        for (key_attr, template) in &halves {
            let attrs = made_of(template);
            if attrs.iter().any(|a| removed(a)) {
                // Cannot be built any more, as the item's writer would leave it off.
                out.removes.push(key_attr.clone());
                continue;
            }
            if !touched(&attrs) && !entering {
                continue;
            }
            let missing: Vec<&String> =
                attrs.iter().filter(|a| !inputs.contains_key(a.as_str()) && !fixed.contains_key(a.as_str())).collect();
            // A fixed value is written into the key as the plan's text (a number
            // padded as the generated code pads it): a brace would read as a placeholder.
            let unwritable: Vec<&String> = attrs
                .iter()
                .filter(|a| fixed.get(a.as_str()).and_then(Value::as_key_text).is_some_and(|v| v.contains(['{', '}'])))
                .collect();
            let counters: Vec<&String> = attrs
                .iter()
                .filter(|a| changes.get(a.as_str()).is_some_and(|u| u.action == UpdateAction::Add))
                .collect();
            if !counters.is_empty() {
                out.impossible.push(format!(
                    "{key_attr} = {template} is built from {}, which the update adds to: only DynamoDB knows the new value, so the key cannot be rebuilt in the same request",
                    names(&counters)
                ));
            } else if !unwritable.is_empty() {
                out.impossible.push(format!(
                    "{key_attr} = {template} is built from {}, which the update sets to a value holding a brace, which the key's template would read as a placeholder; give it as an input",
                    names(&unwritable)
                ));
            } else if let Some(why) = template
                .attributes()
                .any(|a| a == SHARD)
                .then(|| {
                    shard_refused
                        .map(str::to_string)
                        .or_else(|| unshardable(slot.shard.as_ref(), out.shard.as_ref(), &fixed, &inputs))
                })
                .flatten()
            {
                out.impossible.push(format!("{key_attr} = {template} is write-sharded, and {why}"));
            } else if let Some(why) =
                (!missing.is_empty()).then(|| unreadable(layout, item, &missing, exists)).flatten()
            {
                out.impossible.push(format!(
                    "{key_attr} = {template} needs {}, which the update does not carry, and it cannot be read first: {why}; add {} to the update's inputs (set to the current value), or key the index on what the update sets",
                    names(&missing),
                    if missing.len() == 1 { "it" } else { "them" }
                ));
            } else {
                for a in missing {
                    if !out.reads.contains(a) {
                        out.reads.push(a.clone());
                    }
                }
                // The shard, from the same values a put computes it from.
                if let Some(shard) = slot.shard.as_ref().filter(|_| template.attributes().any(|a| a == SHARD)) {
                    out.shard = Some(over_inputs(shard, &inputs));
                }
                // Two indexes sharing a key attribute write it alike (see key_names).
                if !out.sets.iter().any(|(k, _)| k == key_attr) {
                    let filled = template.filled(|a| fixed.get(a).and_then(Value::as_key_text).map(str::to_string));
                    out.sets.push((key_attr.clone(), filled.renamed(|a| inputs.get(a).cloned())));
                }
            }
        }
    }
    // Two indexes sharing a key attribute may disagree on it when only one's
    // condition gates it; the item leaves, as an update cannot both set and remove.
    out.sets.retain(|(k, _)| !out.removes.contains(k));
    if !out.sets.iter().any(|(_, t)| t.attributes().any(|a| a == SHARD)) {
        out.shard = None;
    }
    let mut removed: Vec<String> = Vec::new();
    out.removes.retain(|k| {
        !removed.contains(k) && {
            removed.push(k.clone());
            true
        }
    });
    out
}

/// Why a rebuilt key's shard cannot be computed as the item's put computes it:
/// from a value fixed in the model (then written into the key as text), or beside
/// another key's shard of another count or parts (one shard per update).
fn unshardable(
    shard: Option<&Shard>,
    taken: Option<&Shard>,
    fixed: &BTreeMap<&str, Value>,
    inputs: &BTreeMap<String, String>,
) -> Option<String> {
    let Some(shard) = shard else { return Some("its shard's parts are unknown".to_string()) };
    if shard.from.iter().any(|a| fixed.contains_key(a.as_str())) {
        return Some(format!(
            "its shard is computed from {}, which the update sets to a value fixed in the model; give it as an input",
            shard.from.join(", ")
        ));
    }
    let own = over_inputs(shard, inputs);
    taken.filter(|t| t.count != own.count || t.from != own.from).map(|t| {
        format!(
            "the update already rebuilds a key sharded {} ways over {}: one update computes one shard",
            t.count,
            t.from.join(", ")
        )
    })
}

/// The shard as the update computes it: over the inputs that give its parts
/// (the item's key's own names), or the attributes it reads first.
fn over_inputs(shard: &Shard, inputs: &BTreeMap<String, String>) -> Shard {
    let from = shard.from.iter().map(|a| inputs.get(a).cloned().unwrap_or_else(|| a.clone())).collect();
    Shard { count: shard.count, from, load: None }
}

/// Why the key parts `missing` cannot be read from the stored item before the
/// write: the item may not be there to read (the write would create it), or it
/// may lack a part (then it has no such key, which the write would have to decide).
fn unreadable(layout: &Layout<'_, '_>, item: usize, missing: &[&String], exists: bool) -> Option<String> {
    if !exists {
        return Some(
            "the update may create the item (give it an `exists` condition, or one that compares an attribute)"
                .to_string(),
        );
    }
    let optional: Vec<&String> =
        missing.iter().copied().filter(|a| !layout.graph.always_carries(layout.items[item].name, a)).collect();
    (!optional.is_empty()).then(|| format!("{} may be missing from the item (it is not required)", names(&optional)))
}

/// Whether a write's conditions require the item to exist, so that it can be read first.
pub fn requires_item(conditions: &[WriteCondition]) -> bool {
    conditions.iter().any(WriteCondition::requires_item)
}

/// The item's TTL, when an expiry pattern gives it one.
fn ttl_of(layout: &Layout<'_, '_>, name: &str) -> Option<Ttl> {
    let attribute = layout.graph.model().table.ttl_attribute.clone()?;
    layout
        .graph
        .patterns_touching(name)
        .filter(|p| p.kind == PatternKind::Expire && p.entity == name)
        .find_map(|p| p.retention.as_ref())
        .map(|r| Ttl { attribute, from: r.attribute.clone(), days: r.days })
}

/// The indexes (not the table) the item writes keys into, with its slot in each.
fn index_slots<'l>(layout: &'l Layout<'_, '_>, item: usize) -> Vec<(String, &'l Slot)> {
    let gsis = (1..=layout.gsis.len()).map(crate::design::naming::gsi_name);
    let lsis = (1..=layout.lsis.len()).map(crate::design::naming::lsi_name);
    gsis.chain(lsis)
        .filter(|index| index != TABLE)
        .filter_map(|index| layout.slot(&index, item).map(|slot| (index.clone(), slot)))
        .collect()
}

/// Why setting a sparse index's attribute leaves membership undecided by the
/// request alone: an `equals` condition holds or not depending on the value sent.
fn undecidable(sparse: Option<&SparseCondition>) -> Option<String> {
    let s = sparse?;
    (s.op == "equals").then(|| {
        format!(
            "the item is in this sparse index only while {} = {}; an update that sets {} cannot say in one request whether to write or remove the index keys",
            s.attribute,
            s.value.as_deref().unwrap_or_default(),
            s.attribute
        )
    })
}

fn names(attrs: &[&String]) -> String {
    attrs.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(", ")
}
