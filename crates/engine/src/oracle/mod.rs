//! The oracle: the answer an access pattern must give, computed from the MODEL's
//! semantics over the sample items (target entity, equality inputs, range, filter,
//! order, limit, `with`), never from the design's plan, so that running the plan on
//! a live table and comparing checks the plan independently.

mod compare;
mod filter_params;
mod params;
mod relate;
mod writes;

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;

use crate::model::{AccessPattern, Model, Order, RangeOp};
use crate::sample::{ItemKey, Sample, SampleItem, Value};

pub use compare::{compare, Verdict};
pub use params::{draw, draw_answered, draw_for};
pub use relate::same;
pub use writes::{after_write, scenarios, ActionCase, ScenarioError, Scenarios, WriteScenario};

/// A pattern's parameters: its inputs by name, and its range operands (`date.from`
/// and `date.to` for `between`, the attribute's own name otherwise).
pub type Params = IndexMap<String, Value>;

/// The items a read must return.
#[derive(Debug, Clone, PartialEq)]
pub struct Expected {
    /// Items that must be in the answer.
    pub required: BTreeSet<ItemKey>,
    /// Items of which some may complete the answer: those tied with the last one
    /// kept under a limit, where any of them is a right answer.
    pub optional: BTreeSet<ItemKey>,
    /// How many items the answer holds.
    pub count: usize,
    /// The attribute the target items come ordered by, and whether descending.
    pub order: Option<(String, bool)>,
    /// Of each target item, the value it is ordered by, as the sample holds it:
    /// the answer's order is judged by these, whatever the index projects.
    pub ranks: BTreeMap<ItemKey, Value>,
    /// Of each target item, the attributes the pattern returns that it holds:
    /// the answer's copy must hold them too (an index may not project them).
    pub carries: BTreeMap<ItemKey, Vec<String>>,
    /// Whether a plan that ignored the order would give another answer: two
    /// items kept rank apart, or a limit cuts between two ranks (the last of
    /// "the last 1" is the latest only if a later one exists to be missed).
    /// An answer of one item, or of ties, is in every order.
    pub order_shown: bool,
    /// Whether the pattern's limit cut the answer: more items matched than it
    /// keeps. A plan that ignored the limit gives another answer only then.
    pub limit_shown: bool,
}

/// The answer `pattern` must give with `params` over `sample`.
pub fn expected(model: &Model, sample: &Sample, pattern: &AccessPattern, params: &Params) -> Expected {
    let links = relate::Links::new(model, sample, pattern);
    let mut targets: Vec<&SampleItem> =
        sample.of(&pattern.entity).filter(|item| selected(&links, pattern, params, item)).collect();
    let carries: BTreeMap<ItemKey, Vec<String>> = targets
        .iter()
        .map(|i| (sample.key(i), pattern.returns.iter().filter(|a| i.get(a).is_some()).cloned().collect::<Vec<_>>()))
        .filter(|(_, held)| !held.is_empty())
        .collect();
    let order = pattern.order.as_ref().map(|o| (o.attribute.clone(), o.direction == Order::Descending));
    let ranks: BTreeMap<ItemKey, Value> = order
        .iter()
        .flat_map(|(attr, _)| targets.iter().filter_map(|i| i.get(attr).map(|v| (sample.key(i), v.clone()))))
        .collect();
    let mut optional = BTreeSet::new();
    let mut order_shown = false;
    let limit_shown = pattern.limit.is_some_and(|l| targets.len() > l as usize);
    if let Some((attr, descending)) = &order {
        let cmp = |a: &&SampleItem, b: &&SampleItem| ordering(a.get(attr), b.get(attr), *descending);
        targets.sort_by(cmp);
        let apart = |pair: &[&SampleItem]| {
            let (a, b) = (pair[0].get(attr), pair[1].get(attr));
            a.zip(b).and_then(|(a, b)| a.compare(b)).is_some_and(|o| o != Ordering::Equal)
        };
        let kept = pattern.limit.map_or(targets.len(), |l| (l as usize).min(targets.len()));
        let cut = kept > 0 && kept < targets.len() && apart(&targets[kept - 1..=kept]);
        order_shown = cut || targets[..kept].windows(2).any(apart);
        if let Some(limit) = pattern.limit.map(|l| l as usize).filter(|&l| l < targets.len()) {
            // Items tied with the last one kept can stand in for one another.
            let last = targets[limit - 1];
            let tied = |i: &&SampleItem| cmp(i, &last) == Ordering::Equal;
            optional = targets.iter().filter(|i| tied(i)).map(|i| sample.key(i)).collect();
            let kept_ties = targets[..limit].iter().filter(|i| tied(i)).count();
            let required: BTreeSet<ItemKey> =
                targets[..limit].iter().filter(|i| !tied(i)).map(|i| sample.key(i)).collect();
            let count = required.len() + kept_ties;
            return Expected { required, optional, count, order, ranks, carries, order_shown, limit_shown };
        }
    } else if let Some(limit) = pattern.limit {
        // No order: any `limit` of the matching items will do.
        if (limit as usize) < targets.len() {
            let optional = targets.iter().map(|i| sample.key(i)).collect();
            let count = limit as usize;
            return Expected {
                required: BTreeSet::new(),
                optional,
                count,
                order,
                ranks,
                carries,
                order_shown,
                limit_shown,
            };
        }
    }
    let mut required: BTreeSet<ItemKey> = targets.iter().map(|i| sample.key(i)).collect();
    for with in &pattern.with {
        for t in &targets {
            required.extend(links.related(t).into_iter().filter(|w| w.entity == *with).map(|w| sample.key(w)));
        }
    }
    let count = required.len();
    Expected { required, optional, count, order, ranks, carries, order_shown, limit_shown }
}

/// Whether one item of the target entity answers the pattern.
fn selected<'s>(links: &relate::Links<'s>, p: &AccessPattern, params: &Params, item: &'s SampleItem) -> bool {
    let inputs = p.inputs.iter().all(|a| params.get(a).is_some_and(|v| links.matches(item, a, v)));
    inputs && in_range(p, params, item) && passes_filter(p, params, item)
}

fn in_range(p: &AccessPattern, params: &Params, item: &SampleItem) -> bool {
    let Some(range) = &p.range else { return true };
    let Some(v) = item.get(&range.attribute) else { return false };
    let param = |suffix: &str| params.get(&format!("{}{suffix}", range.attribute));
    let cmp = |suffix: &str| param(suffix).and_then(|p| v.compare(p));
    match range.op {
        RangeOp::Eq => cmp("") == Some(Ordering::Equal),
        RangeOp::Lt => cmp("") == Some(Ordering::Less),
        RangeOp::Le => matches!(cmp(""), Some(Ordering::Less | Ordering::Equal)),
        RangeOp::Gt => cmp("") == Some(Ordering::Greater),
        RangeOp::Ge => matches!(cmp(""), Some(Ordering::Greater | Ordering::Equal)),
        RangeOp::Between => {
            matches!(cmp(".from"), Some(Ordering::Greater | Ordering::Equal))
                && matches!(cmp(".to"), Some(Ordering::Less | Ordering::Equal))
        }
        RangeOp::BeginsWith => match (v.as_key_text(), param("").and_then(Value::as_key_text)) {
            (Some(text), Some(prefix)) => text.starts_with(prefix),
            _ => false,
        },
    }
}

fn passes_filter(p: &AccessPattern, params: &Params, item: &SampleItem) -> bool {
    p.filter.as_ref().is_none_or(|f| crate::filter::passes(f, &|a| item.get(a), &|name| params.get(name)))
}

/// Order by a value, items without one last.
fn ordering(a: Option<&Value>, b: Option<&Value>, descending: bool) -> Ordering {
    let o = match (a, b) {
        (Some(x), Some(y)) => x.compare(y).unwrap_or(Ordering::Equal),
        (Some(_), None) => return Ordering::Less,
        (None, Some(_)) => return Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    if descending {
        o.reverse()
    } else {
        o
    }
}
