//! Sample items that give every read of an entity an answer. Drawn at random, a
//! few items per entity seldom hold a rare attribute: no loan is overdue, no log
//! is escalated, every loan is returned. A sparse index would then hold nothing,
//! and a proof of its reads would compare two empty answers. After an entity's
//! items are drawn, each attribute a read needs that no item has is given to one
//! item, and one a read needs absent is taken from one.

use indexmap::IndexMap;

use crate::filter::test_passes;
use crate::model::{AttrType, Attribute, Entity, Filter, FilterOp, FilterTest, Model};
use crate::value::Value;

type Item = IndexMap<String, Value>;

/// Gives `items` what the entity's reads need, changing as little as it can:
/// an attribute only to an item that lacks it, and taken away only where no
/// other read's answer rests on it. `plain` says which attributes may be given
/// or taken (not an identifier, a parent's or a reference, which would link the
/// item to nothing); `draw` draws a value of an attribute for the item at a
/// position. Returns the positions of the items it changed.
pub fn give_every_read_an_answer(
    model: &Model,
    entity: &Entity,
    plain: &dyn Fn(&Attribute) -> bool,
    items: &mut [Item],
    draw: &mut dyn FnMut(usize, &Attribute) -> Value,
) -> Vec<usize> {
    let signed = signed_tests(model, entity);
    let mut changed = Vec::new();
    for want in wanted(entity, &signed, model).into_iter().filter(|w| plain(w.attr)) {
        if let Some(at) = give(&want, items, draw) {
            changed.push(at);
        }
    }
    let absent = signed.iter().filter(|s| !s.negated && s.test.input.is_none() && s.test.op == FilterOp::Absent);
    for s in absent {
        let Some(attr) = entity.attribute(&s.test.attribute).filter(|a| plain(a) && !a.required) else { continue };
        if let Some(at) = take(s.test, attr, &signed, items) {
            changed.push(at);
        }
    }
    changed
}

/// What some item must hold for a read to have an answer: an attribute a read
/// takes as an input (a supervisor a log is escalated to), or one that a
/// filter's test passes when an item is given it (`present`, or `equals` a value,
/// not under a `not`).
struct Want<'m> {
    attr: &'m Attribute,
    /// The value an item must hold (`None`: any value).
    value: Option<Value>,
    /// The tests that want it, each with the filter it is part of; none for an
    /// input alone.
    tests: Vec<(&'m FilterTest, &'m Filter)>,
}

/// A test of a filter a read of the entity applies, whether it sits under an odd
/// number of `not`, and the whole filter.
struct Signed<'m> {
    test: &'m FilterTest,
    negated: bool,
    filter: &'m Filter,
}

fn signed_tests<'m>(model: &'m Model, entity: &Entity) -> Vec<Signed<'m>> {
    model
        .access_patterns
        .iter()
        .filter(|p| p.entity == entity.name)
        .filter_map(|p| p.filter.as_ref())
        .flat_map(|filter| {
            filter.signed_tests().into_iter().map(move |(test, negated)| Signed { test, negated, filter })
        })
        .collect()
}

/// The entity's wants, each attribute and value once. Not for an attribute a
/// filter asks to be absent, unequal or not to hold: giving it the attribute could
/// empty that filter's answer.
fn wanted<'m>(entity: &'m Entity, signed: &[Signed<'m>], model: &'m Model) -> Vec<Want<'m>> {
    let asks_absent = |name: &str| {
        signed.iter().any(|s| {
            s.test.attribute == name && (s.negated || matches!(s.test.op, FilterOp::Absent | FilterOp::NotEquals))
        })
    };
    let inputs = model
        .access_patterns
        .iter()
        .filter(|p| p.entity == entity.name && p.kind.is_read())
        .flat_map(|p| &p.inputs)
        .filter_map(|name| entity.attribute(name))
        .map(|attr| Want { attr, value: None, tests: Vec::new() });
    let tests = signed.iter().filter(|s| !s.negated && s.test.input.is_none()).filter_map(|s| {
        let attr = entity.attribute(&s.test.attribute)?;
        let value = match (s.test.op, &s.test.value) {
            (FilterOp::Present, _) => None,
            (FilterOp::Equals, Some(text)) => match attr.attr_type {
                AttrType::String => Some(Value::S(text.clone())),
                AttrType::Number => Some(Value::number(text)),
                AttrType::Boolean => Some(Value::Bool(text == "true")),
                _ => return None,
            },
            _ => return None,
        };
        Some(Want { attr, value, tests: vec![(s.test, s.filter)] })
    });
    let mut out: Vec<Want<'m>> = Vec::new();
    for want in inputs.chain(tests).filter(|w| !asks_absent(&w.attr.name)) {
        match out.iter_mut().find(|o| o.attr.name == want.attr.name && o.value == want.value) {
            Some(same) => same.tests.extend(want.tests),
            None => out.push(want),
        }
    }
    out
}

/// Gives the wanted attribute to an item that lacks it, unless every filter that
/// wants it already has an item that holds it (with the value wanted) and passes
/// the filter; for an input alone, unless an item holds it. Only to an item that
/// lacks it: a value replaced could be the one another filter's answer rests on
/// (the one cancelled order), and a value added can only make more items pass.
/// From the last item back, the first that then passes every filter still
/// without an answer (a troubled order must also not be pending payment), else
/// the first that passes one, else the last.
fn give(want: &Want<'_>, items: &mut [Item], draw: &mut dyn FnMut(usize, &Attribute) -> Value) -> Option<usize> {
    let name = &want.attr.name;
    let holds = |item: &Item| match (&want.value, want.tests.first()) {
        (Some(_), Some((test, _))) => test_passes(test, item.get(name), &|_| None),
        _ => item.contains_key(name),
    };
    let answered = |filter: &Filter| {
        items.iter().any(|item| holds(item) && passes_with_free_inputs(filter, &|a: &str| item.get(a)))
    };
    let unanswered: Vec<&Filter> = want.tests.iter().map(|(_, f)| *f).filter(|f| !answered(f)).collect();
    if unanswered.is_empty() && (!want.tests.is_empty() || items.iter().any(holds)) {
        return None;
    }
    let lacking: Vec<usize> = (0..items.len()).rev().filter(|&at| !items[at].contains_key(name)).collect();
    let last = *lacking.first()?;
    let value = want.value.clone().unwrap_or_else(|| draw(last, want.attr));
    let passed = |at: usize| -> Vec<bool> {
        let value_of = |a: &str| if a == name { Some(&value) } else { items[at].get(a) };
        unanswered.iter().map(|filter| passes_with_free_inputs(filter, &value_of)).collect()
    };
    let every = lacking.iter().copied().find(|&at| passed(at).iter().all(|p| *p));
    let some = || lacking.iter().copied().find(|&at| passed(at).iter().any(|p| *p));
    let at = every.or_else(some).unwrap_or(last);
    items[at].insert(name.clone(), value);
    Some(at)
}

/// Whether an item passes `filter`, a test of a request's value counting as
/// passed: the proof draws that value from the item.
fn passes_with_free_inputs<'v>(filter: &Filter, value_of: &dyn Fn(&str) -> Option<&'v Value>) -> bool {
    filter.holds(&mut |t| t.input.is_some() || test_passes(t, value_of(&t.attribute), &|_| None))
}

/// Takes `attr` from one item so that `test` (an `absent` test) has an item that
/// passes it, unless one does: from the last item back, the first whose loss
/// leaves every other test of the attribute that some item passes still passed
/// by one (the one cancelled order a `present` filter answers with keeps its
/// value).
fn take(test: &FilterTest, attr: &Attribute, signed: &[Signed<'_>], items: &mut [Item]) -> Option<usize> {
    let name = &attr.name;
    if items.iter().any(|item| test_passes(test, item.get(name), &|_| None)) {
        return None;
    }
    let tests: Vec<&Signed<'_>> = signed.iter().filter(|s| s.test.attribute == *name).collect();
    let answered = |items: &[Item], without: Option<usize>| -> Vec<bool> {
        let value = |at: usize| if Some(at) == without { None } else { items[at].get(name) };
        tests
            .iter()
            .map(|s| (0..items.len()).any(|at| test_passes(s.test, value(at), &|_| None) != s.negated))
            .collect()
    };
    let before = answered(items, None);
    let kept = |at: usize| answered(items, Some(at)).iter().zip(&before).all(|(after, was)| *after || !was);
    let at = (0..items.len()).rev().find(|&at| items[at].contains_key(name) && kept(at))?;
    items[at].shift_remove(name);
    Some(at)
}
