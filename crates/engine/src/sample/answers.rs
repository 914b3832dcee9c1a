//! Sample items that give every read of an entity an answer. Drawn at random, a
//! few items per entity seldom hold a rare attribute: no loan is overdue, no log
//! is escalated, every loan is returned. A sparse index would then hold nothing,
//! and a proof of its reads would compare two empty answers. After an entity's
//! items are drawn, each attribute a read needs that no item has is given to one
//! item, and one a read needs absent is taken from one, never where another
//! read's answer rests on the item as it was.

use std::borrow::Cow;

use indexmap::IndexMap;

use crate::filter::test_passes;
use crate::model::{
    AllOf, AnyOf, AttrType, Attribute, ConditionOp, Entity, Filter, FilterOp, FilterTest, Model, NotOf,
};
use crate::value::Value;

type Item = IndexMap<String, Value>;

/// Gives `items` what the entity's reads need, changing as little as it can.
/// `plain` says which attributes may be given (not an identifier, a parent's or
/// a reference, which would link the item to nothing); `takeable` finds the one
/// an `absent` test may take from an item by its name (an optional attribute, or
/// an optional parent's identifier); `draw` draws a value of an attribute for the
/// item at a position. Returns the positions of the items it changed.
pub fn give_every_read_an_answer<'m>(
    model: &Model,
    entity: &Entity,
    plain: &dyn Fn(&Attribute) -> bool,
    takeable: &dyn Fn(&str) -> Option<&'m Attribute>,
    items: &mut [Item],
    draw: &mut dyn FnMut(usize, &Attribute) -> Value,
) -> Vec<usize> {
    let reads = Reads::of(model, entity);
    let mut changed = Vec::new();
    for want in reads.wants(entity).into_iter().filter(|w| plain(w.attr)) {
        changed.extend(reads.give(&want, items, draw));
    }
    for (test, filter) in reads.absent_tests() {
        let Some(attr) = takeable(&test.attribute) else { continue };
        changed.extend(reads.take(attr, filter, items));
    }
    changed
}

/// What the entity's reads ask of its items: the filters they apply, and the
/// attributes they take as inputs. A write's condition that compares with a
/// value fixed in the model (only a `pending` order is paid) asks it as a filter
/// `equals` would: without an item that holds it, the write is never tried.
struct Reads<'m> {
    filters: Vec<Cow<'m, Filter>>,
    inputs: Vec<&'m str>,
}

/// An attribute some item must hold for reads to have an answer: one a read
/// takes as an input (a supervisor a log is escalated to), or one that a filter's
/// test passes when an item is given it (`present`, or `equals` a value, not
/// under a `not`), with the filters that want it.
struct Want<'m> {
    attr: &'m Attribute,
    /// The value an item must hold (`None`: any value).
    value: Option<Value>,
    filters: Vec<&'m Filter>,
}

/// An item as it would be with `name` set to `value` (`None`: without it).
struct Changed<'i> {
    item: &'i Item,
    name: &'i str,
    value: Option<&'i Value>,
}

impl Changed<'_> {
    fn get(&self, attribute: &str) -> Option<&Value> {
        if attribute == self.name {
            self.value
        } else {
            self.item.get(attribute)
        }
    }
}

impl<'m> Reads<'m> {
    fn of(model: &'m Model, entity: &Entity) -> Self {
        let patterns = || model.access_patterns.iter().filter(|p| p.entity == entity.name && p.kind.is_read());
        let guards = model
            .access_patterns
            .iter()
            .flat_map(|p| p.conditions_of(&entity.name))
            .flat_map(|c| c.tests())
            .filter_map(|c| match (c.op, &c.attribute, &c.value) {
                (ConditionOp::Eq, Some(attribute), Some(value)) => Some(Cow::Owned(Filter::Test(FilterTest {
                    value: Some(value.clone()),
                    ..FilterTest::on(attribute, FilterOp::Equals)
                }))),
                _ => None,
            });
        let mut filters: Vec<Cow<'m, Filter>> = Vec::new();
        // Writes' single tests first: once answered, a read's filter of several
        // tests, answered a test at a time, cannot take their only item.
        for filter in guards.chain(patterns().filter_map(|p| p.filter.as_ref()).map(Cow::Borrowed)) {
            if !filters.contains(&filter) {
                filters.push(filter);
            }
        }
        let inputs = patterns().flat_map(|p| p.inputs.iter().map(String::as_str)).collect();
        Reads { filters, inputs }
    }

    /// The wants, each attribute and value once.
    fn wants<'r>(&'r self, entity: &'r Entity) -> Vec<Want<'r>> {
        let inputs = self.inputs.iter().filter_map(|name| entity.attribute(name)).map(|attr| Want {
            attr,
            value: None,
            filters: Vec::new(),
        });
        let tests = self.filters.iter().flat_map(|filter| {
            filter.signed_tests().into_iter().filter_map(move |(test, negated)| {
                let attr = entity.attribute(&test.attribute).filter(|_| !negated && test.input.is_none())?;
                let value = match (test.op, &test.value) {
                    (FilterOp::Present, _) => None,
                    (FilterOp::Equals, Some(text)) => match attr.attr_type {
                        AttrType::String | AttrType::Number | AttrType::Boolean => {
                            Some(Value::of_text(attr.attr_type, text))
                        }
                        _ => return None,
                    },
                    _ => return None,
                };
                Some(Want { attr, value, filters: vec![filter.as_ref()] })
            })
        });
        let mut out: Vec<Want<'r>> = Vec::new();
        for want in inputs.chain(tests) {
            match out.iter_mut().find(|o| o.attr.name == want.attr.name && o.value == want.value) {
                Some(same) => same.filters.extend(want.filters),
                None => out.push(want),
            }
        }
        out
    }

    /// The tests an item passes by lacking the attribute (`absent`, or `present`
    /// under a `not`), with their filters.
    fn absent_tests(&self) -> Vec<(&FilterTest, &Filter)> {
        self.filters
            .iter()
            .flat_map(|filter| {
                filter.signed_tests().into_iter().filter_map(move |(test, negated)| {
                    let absent = match test.op {
                        FilterOp::Absent => !negated,
                        FilterOp::Present => negated,
                        _ => false,
                    };
                    (absent && test.input.is_none()).then_some((test, filter.as_ref()))
                })
            })
            .collect()
    }

    /// Gives the wanted attribute to an item, unless each filter that wants it has
    /// an item that passes it (an input alone: an item that holds it). To an item
    /// that lacks it, where one can take it: a value added changes no value a read
    /// answered with. Else a value wanted (every transaction has a status, none
    /// `declined`) replaces one. Only where every other read that has an answer
    /// keeps one (the one cancelled order keeps its status; the one loan not yet
    /// returned stays so). From the last item back, the first that then passes
    /// every filter still without an answer (a troubled order must also not be
    /// pending payment), else the first that passes one, else the first.
    fn give(
        &self,
        want: &Want<'_>,
        items: &mut [Item],
        draw: &mut dyn FnMut(usize, &Attribute) -> Value,
    ) -> Option<usize> {
        let name = want.attr.name.as_str();
        let unanswered: Vec<&Filter> = want.filters.iter().copied().filter(|f| !answered(f, items)).collect();
        let needed =
            if want.filters.is_empty() { !items.iter().any(|i| i.contains_key(name)) } else { !unanswered.is_empty() };
        if !needed {
            return None;
        }
        let lacking: Vec<usize> = (0..items.len()).rev().filter(|&at| !items[at].contains_key(name)).collect();
        // Drawn once, for the last item that lacks it, before knowing which item
        // takes it: which item passes the filters depends on the value.
        let value = match (&want.value, lacking.first()) {
            (Some(value), _) => value.clone(),
            (None, Some(&last)) => draw(last, want.attr),
            (None, None) => return None,
        };
        let pool = if lacking.is_empty() { (0..items.len()).rev().collect() } else { lacking };
        let candidates: Vec<usize> = pool.into_iter().filter(|&at| self.keeps(items, at, name, Some(&value))).collect();
        let passed = |at: usize| -> Vec<bool> {
            let changed = Changed { item: &items[at], name, value: Some(&value) };
            unanswered.iter().map(|filter| passes(filter, &|a| changed.get(a))).collect()
        };
        let every = candidates.iter().copied().find(|&at| passed(at).iter().all(|p| *p));
        let some = || candidates.iter().copied().find(|&at| passed(at).iter().any(|p| *p));
        // Else the item closest to passing, so that the filter's other tests
        // (an open ticket, then an urgent one) gather on one item.
        let closest = || closest(&candidates, &unanswered, items, name, Some(&value));
        let at = every.or_else(some).or_else(closest).or(candidates.first().copied())?;
        items[at].insert(name.to_string(), value);
        Some(at)
    }

    /// Takes `attr` from one item so that `filter` (which asks it absent) has an
    /// answer, unless it has one: from the last item back, the first whose loss
    /// keeps every other answer and then passes the filter, else the first whose
    /// loss keeps every other answer.
    fn take(&self, attr: &Attribute, filter: &Filter, items: &mut [Item]) -> Option<usize> {
        let name = attr.name.as_str();
        if answered(filter, items) {
            return None;
        }
        let candidates: Vec<usize> = (0..items.len())
            .rev()
            .filter(|&at| items[at].contains_key(name) && self.keeps(items, at, name, None))
            .collect();
        let passes_without = |at: &usize| {
            let changed = Changed { item: &items[*at], name, value: None };
            passes(filter, &|a| changed.get(a))
        };
        let at = candidates
            .iter()
            .copied()
            .find(|at| passes_without(at))
            .or_else(|| closest(&candidates, &[filter], items, name, None))
            .or(candidates.first().copied())?;
        items[at].shift_remove(name);
        Some(at)
    }

    /// Whether every read that has an answer keeps one when the item at `at`
    /// holds `value` as `name` (`None`: lacks it): each filter that tests `name`,
    /// and each read that takes `name` as an input.
    fn keeps(&self, items: &[Item], at: usize, name: &str, value: Option<&Value>) -> bool {
        let view = |i: usize, changed: bool| Changed {
            item: &items[i],
            name,
            value: if changed && i == at { value } else { items[i].get(name) },
        };
        let answered_by = |filter: &Filter, changed: bool| {
            (0..items.len()).any(|i| {
                let item = view(i, changed);
                passes(filter, &|a| item.get(a))
            })
        };
        let tests_name = |filter: &&Cow<'_, Filter>| filter.tests().iter().any(|t| t.attribute == name);
        let filters_kept =
            self.filters.iter().filter(tests_name).all(|f| answered_by(f, true) || !answered_by(f, false));
        let held = |changed: bool| (0..items.len()).any(|i| view(i, changed).get(name).is_some());
        let input_kept = !self.inputs.contains(&name) || held(true) || !held(false);
        filters_kept && input_kept
    }
}

/// Of `candidates` (in order of preference), the first whose item, with `name`
/// set to `value` (`None`: without it), passes the most tests of `filters`;
/// `None` when none passes any.
fn closest(
    candidates: &[usize],
    filters: &[&Filter],
    items: &[Item],
    name: &str,
    value: Option<&Value>,
) -> Option<usize> {
    let score = |at: usize| -> usize {
        let changed = Changed { item: &items[at], name, value };
        filters.iter().map(|f| tests_passed(f, false, &|a| changed.get(a))).sum()
    };
    let best = candidates.iter().map(|&at| score(at)).max().filter(|s| *s > 0)?;
    candidates.iter().copied().find(|&at| score(at) == best)
}

/// How many of the filter's tests come out as the filter needs (held, or under
/// a `not` failed).
fn tests_passed<'v>(filter: &Filter, negated: bool, value_of: &dyn Fn(&str) -> Option<&'v Value>) -> usize {
    match filter {
        Filter::Test(_) => usize::from(holds(filter, negated, value_of) != negated),
        Filter::All(AllOf { all: parts }) | Filter::Any(AnyOf { any: parts }) => {
            parts.iter().map(|part| tests_passed(part, negated, value_of)).sum()
        }
        Filter::Not(NotOf { not }) => tests_passed(not, !negated, value_of),
    }
}

/// Whether some item passes `filter`.
fn answered(filter: &Filter, items: &[Item]) -> bool {
    items.iter().any(|item| passes(filter, &|a| item.get(a)))
}

/// Whether an item passes `filter` for some value of each request's value it
/// compares with: the proof draws that value from the item, so such a test is
/// taken to come out as the item needs (true, or false under a `not`).
fn passes<'v>(filter: &Filter, value_of: &dyn Fn(&str) -> Option<&'v Value>) -> bool {
    holds(filter, false, value_of)
}

fn holds<'v>(filter: &Filter, negated: bool, value_of: &dyn Fn(&str) -> Option<&'v Value>) -> bool {
    match filter {
        Filter::Test(t) if t.input.is_some() => !negated,
        Filter::Test(t) => test_passes(t, value_of(&t.attribute), &|_| None),
        Filter::All(AllOf { all }) => all.iter().all(|part| holds(part, negated, value_of)),
        Filter::Any(AnyOf { any }) => any.iter().any(|part| holds(part, negated, value_of)),
        Filter::Not(NotOf { not }) => !holds(not, !negated, value_of),
    }
}
