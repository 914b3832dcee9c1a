//! Which sample items are related, read from the model's relationships and the
//! identifiers the items carry: a child carries its parent's identifier, a pair item
//! carries both ends'. Shared by the oracle and the parameter drawing.

use crate::graph::ErGraph;
use crate::model::{AccessPattern, Cardinality, Model, Relationship};
use crate::sample::{Sample, SampleItem, Value};

/// How a read's inputs reach its target's items: through the relationship it
/// follows (`ErGraph::followed`), down a path from an ancestor further up
/// (`ErGraph::ancestry`), or neither (its own attributes, or any relationship).
pub enum Follow<'m> {
    Nothing,
    One(&'m Relationship),
    Down(Vec<&'m Relationship>),
}

impl<'m> Follow<'m> {
    pub fn of(model: &'m Model, pattern: &AccessPattern) -> Self {
        let graph = ErGraph::new(model);
        match (graph.followed(pattern), graph.ancestry(pattern)) {
            (Some(r), _) => Follow::One(r),
            (None, Some(path)) => Follow::Down(path),
            (None, None) => Follow::Nothing,
        }
    }
}

/// Whether `item` (of the pattern's target) matches `value` on the input `attr`,
/// through what the pattern follows.
pub fn matches(model: &Model, sample: &Sample, via: &Follow<'_>, item: &SampleItem, attr: &str, value: &Value) -> bool {
    values_of(model, sample, via, item, attr).any(|v| same(v, value))
}

/// A value the input `attr` has for `item` (of the pattern's target).
pub fn value_of<'s>(
    model: &'s Model,
    sample: &'s Sample,
    via: &Follow<'s>,
    item: &'s SampleItem,
    attr: &str,
) -> Option<&'s Value> {
    values_of(model, sample, via, item, attr).next()
}

/// The values the input `attr` has for `item`: its own attribute, or else the
/// attribute of the items related to it through `via` (the users who liked a post,
/// not the one who wrote it), or of its ancestor up the path `via` names (whatever
/// copy of it the item holds), or through any relationship when there is none.
fn values_of<'s>(
    model: &'s Model,
    sample: &'s Sample,
    via: &Follow<'s>,
    item: &'s SampleItem,
    attr: &str,
) -> Box<dyn Iterator<Item = &'s Value> + 's> {
    let declared = model.entity(&item.entity).is_some_and(|e| e.attribute(attr).is_some());
    let attr = attr.to_string();
    match via {
        _ if declared => Box::new(item.get(&attr).into_iter()),
        // A child carries its parent's identifier.
        &Follow::One(r) if r.cardinality != Cardinality::ManyToMany && r.to == item.entity => {
            Box::new(item.get(&attr).into_iter())
        }
        &Follow::One(r) => Box::new(related_by(model, sample, item, r).filter_map(move |o| o.get(&attr))),
        // Up to the level below the ancestor, which carries its identifier as its parent's.
        Follow::Down(path) => {
            let mut at = Some(item);
            for r in path.iter().skip(1).rev() {
                at = at.and_then(|i| sample.items.iter().find(|o| o.entity == r.from && linked_by(model, r, i, o)));
            }
            Box::new(at.and_then(|i| i.get(&attr)).into_iter())
        }
        Follow::Nothing => match item.get(&attr) {
            Some(v) => Box::new(std::iter::once(v)),
            None => Box::new(related(model, sample, item).filter_map(move |o| o.get(&attr))),
        },
    }
}

/// Items related to `item` through any relationship, either direction.
pub fn related<'s>(
    model: &'s Model,
    sample: &'s Sample,
    item: &'s SampleItem,
) -> impl Iterator<Item = &'s SampleItem> + 's {
    sample.items.iter().filter(move |other| other.entity != item.entity && linked(model, item, other))
}

/// Items related to `item` through the relationship `r`.
fn related_by<'s>(
    model: &'s Model,
    sample: &'s Sample,
    item: &'s SampleItem,
    r: &'s Relationship,
) -> impl Iterator<Item = &'s SampleItem> + 's {
    sample.items.iter().filter(move |other| other.entity != item.entity && linked_by(model, r, item, other))
}

/// Whether two items of different kinds are linked by a relationship of the model.
pub fn linked(model: &Model, a: &SampleItem, b: &SampleItem) -> bool {
    model.relationships.iter().any(|r| linked_by(model, r, a, b))
}

/// Whether two items of different kinds are linked by the relationship `r`.
fn linked_by(model: &Model, r: &Relationship, a: &SampleItem, b: &SampleItem) -> bool {
    let ids = |entity: &str| -> Vec<String> {
        model.entity(entity).map(|e| e.identifier().iter().map(|x| x.name.clone()).collect()).unwrap_or_default()
    };
    let carries = |child: &SampleItem, parent: &SampleItem, names: &[String], as_names: &[String]| {
        !names.is_empty()
            && names.iter().zip(as_names).all(|(n, m)| match (parent.get(n), child.get(m)) {
                (Some(p), Some(c)) => same(p, c),
                _ => false,
            })
    };
    match r.cardinality {
        Cardinality::ManyToMany => {
            // A pair item and one of its ends.
            let (pair, end) = if a.entity == r.name {
                (a, b)
            } else if b.entity == r.name {
                (b, a)
            } else {
                return false;
            };
            let from_ids = ids(&r.from);
            let to_ids = ids(&r.to);
            let to_names: Vec<String> = to_ids.iter().map(|n| r.to_end_attribute(n)).collect();
            (end.entity == r.from && carries(pair, end, &from_ids, &from_ids))
                || (end.entity == r.to && carries(pair, end, &to_ids, &to_names))
        }
        _ if r.from == r.to => false,
        _ => {
            let parent_ids = ids(&r.from);
            (a.entity == r.from && b.entity == r.to && carries(b, a, &parent_ids, &parent_ids))
                || (b.entity == r.from && a.entity == r.to && carries(a, b, &parent_ids, &parent_ids))
        }
    }
}

/// Equal as DynamoDB compares: numbers by value, sets in any order.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::N(_), Value::N(_)) => a.as_f64() == b.as_f64(),
        (Value::Ss(x), Value::Ss(y)) => sorted(x) == sorted(y),
        (Value::Ns(x), Value::Ns(y)) => {
            let parse = |v: &Vec<String>| {
                let mut n: Vec<f64> = v.iter().filter_map(|s| s.parse().ok()).collect();
                n.sort_by(f64::total_cmp);
                n
            };
            parse(x) == parse(y)
        }
        (Value::L(x), Value::L(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
        (Value::M(x), Value::M(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
        _ => a == b,
    }
}

fn sorted(v: &[String]) -> Vec<&String> {
    let mut s: Vec<&String> = v.iter().collect();
    s.sort();
    s
}
