//! Which sample items are related, read from the model's relationships and the
//! identifiers the items carry: a child carries its parent's identifier, a pair item
//! carries both ends'. Shared by the oracle and the parameter drawing.

use crate::model::{Cardinality, Model};
use crate::sample::{Sample, SampleItem, Value};

/// Whether `item` (of `entity`) matches `value` on `attr`: its own attribute, or else
/// an attribute of an item related to it (the customer who owns account 7).
pub fn matches(model: &Model, sample: &Sample, item: &SampleItem, attr: &str, value: &Value) -> bool {
    match item.get(attr) {
        Some(v) => same(v, value),
        None => related(model, sample, item).any(|r| r.get(attr).is_some_and(|v| same(v, value))),
    }
}

/// A value `attr` has on `item` or on an item related to it.
pub fn value_of<'s>(model: &'s Model, sample: &'s Sample, item: &'s SampleItem, attr: &str) -> Option<&'s Value> {
    item.get(attr).or_else(|| related(model, sample, item).find_map(|r| r.get(attr)))
}

/// Items related to `item` through any relationship, either direction.
pub fn related<'s>(
    model: &'s Model,
    sample: &'s Sample,
    item: &'s SampleItem,
) -> impl Iterator<Item = &'s SampleItem> + 's {
    sample.items.iter().filter(move |other| other.entity != item.entity && linked(model, item, other))
}

/// Whether two items of different kinds are linked by a relationship of the model.
pub fn linked(model: &Model, a: &SampleItem, b: &SampleItem) -> bool {
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
    model.relationships.iter().any(|r| match r.cardinality {
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
    })
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
