//! Values for the request parameters a read's filter compares with, drawn so that
//! the anchor item passes the filter: each test with an input gets a value the
//! anchor passes (or, under an odd number of `not`, fails), tried from the values
//! the other items hold and small variations of them, so that the filter drops
//! some items and keeps others rather than keeping everything.

use std::cmp::Ordering;

use crate::filter::test_passes;
use crate::model::{AllOf, AnyOf, Filter, FilterOp, FilterTest, NotOf};
use crate::sample::{Rng, SampleItem, Value};

use super::Params;

/// Adds a value for every input of `filter` to `params`; `None` when some test
/// has no value that gives the anchor the outcome it needs.
pub fn draw(
    filter: &Filter,
    anchor: &SampleItem,
    others: &[&SampleItem],
    params: &mut Params,
    rng: &mut Rng,
) -> Option<()> {
    walk(filter, true, anchor, others, params, rng)
}

fn walk(
    filter: &Filter,
    pass: bool,
    anchor: &SampleItem,
    others: &[&SampleItem],
    params: &mut Params,
    rng: &mut Rng,
) -> Option<()> {
    match filter {
        Filter::Test(t) => match &t.input {
            Some(input) => {
                let value = choose(t, pass, anchor, others, rng)?;
                params.insert(input.clone(), value);
                Some(())
            }
            None => Some(()),
        },
        Filter::All(AllOf { all: parts }) | Filter::Any(AnyOf { any: parts }) => {
            parts.iter().try_for_each(|part| walk(part, pass, anchor, others, params, rng))
        }
        Filter::Not(NotOf { not }) => walk(not, !pass, anchor, others, params, rng),
    }
}

/// A value for `t`'s input with which the anchor passes `t` (or fails it).
fn choose(t: &FilterTest, pass: bool, anchor: &SampleItem, others: &[&SampleItem], rng: &mut Rng) -> Option<Value> {
    let own = anchor.get(&t.attribute);
    let mut pool: Vec<Value> = others.iter().filter_map(|i| i.get(&t.attribute)).flat_map(|v| near(t.op, v)).collect();
    pool.extend(own.into_iter().flat_map(|v| near(t.op, v)));
    // Shuffled, so that repeated draws try different values.
    for i in (1..pool.len()).rev() {
        pool.swap(i, rng.below(i as u64 + 1) as usize);
    }
    pool.into_iter().find(|candidate| test_passes(t, own, &|_| Some(candidate)) == pass)
}

/// Values a test of `op` may compare with, made from one item's value: the value,
/// values just above and below it, a prefix, and the elements of a set or list.
fn near(op: FilterOp, v: &Value) -> Vec<Value> {
    match v {
        Value::S(s) if op == FilterOp::BeginsWith || op == FilterOp::Contains => {
            vec![Value::S(half_prefix(s)), Value::S(format!("{s}~"))]
        }
        Value::N(_) | Value::S(_) => {
            std::iter::once(v.clone()).chain(beside(v, Ordering::Greater)).chain(beside(v, Ordering::Less)).collect()
        }
        Value::Ss(items) => items.iter().map(|i| Value::S(i.clone())).chain([Value::S("~".into())]).collect(),
        Value::Ns(items) => items.iter().map(|i| Value::N(i.clone())).collect(),
        Value::L(items) => items.iter().filter(|i| matches!(i, Value::S(_) | Value::N(_))).cloned().collect(),
        Value::Bool(b) => vec![Value::Bool(*b), Value::Bool(!b)],
        _ => Vec::new(),
    }
}

/// Half of `text`, at most six characters: a prefix several values share.
pub(super) fn half_prefix(text: &str) -> String {
    let chars = text.chars().count().div_ceil(2).clamp(1, 6);
    text.chars().take(chars).collect()
}

/// A value just past `v` toward `toward` (`Greater`: above it): a string
/// extended or shortened by a character (none below the empty string or one
/// character), a number one more or one less.
pub(super) fn beside(v: &Value, toward: Ordering) -> Option<Value> {
    match (v, toward) {
        (Value::S(s), Ordering::Greater) => Some(Value::S(format!("{s}~"))),
        (Value::S(s), _) => {
            let shorter: String = s.chars().take(s.chars().count().saturating_sub(1)).collect();
            (!shorter.is_empty()).then_some(Value::S(shorter))
        }
        (Value::N(n), _) => {
            let x = n.parse::<f64>().ok().filter(|x| x.is_finite())?;
            Some(number(if toward == Ordering::Greater { x + 1.0 } else { x - 1.0 }))
        }
        _ => None,
    }
}

fn number(x: f64) -> Value {
    // Whole numbers stay whole ("12", not "12.0"), as the sample writes them.
    if x.fract() == 0.0 && x.abs() < 1e15 {
        Value::N(format!("{}", x as i64))
    } else {
        Value::N(format!("{x}"))
    }
}
