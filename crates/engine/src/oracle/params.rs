//! Parameters for a read pattern, drawn from the sample data so that the answer is
//! not empty: the inputs of one item that passes the filter, and range bounds and
//! the values the filter compares with taken from the items that share those inputs.

use std::cmp::Ordering;

use crate::model::{AccessPattern, Model, RangeCondition, RangeOp};
use crate::sample::{Rng, Sample, SampleItem, Value};

use super::filter_params::{beside, half_prefix};
use super::relate::Links;
use super::Params;

/// `None` when no item of the target entity can supply the inputs.
pub fn draw(model: &Model, sample: &Sample, pattern: &AccessPattern, rng: &mut Rng) -> Option<Params> {
    let candidates = candidates(sample, pattern);
    // Anchors among the items that carry every input: with a rare attribute as an
    // input (2% of the items escalated to a supervisor), random picks among all
    // the items would seldom find one.
    let links = Links::new(model, sample, pattern);
    let supplied = |i: &&&SampleItem| pattern.inputs.iter().all(|a| links.value_of(i, a).is_some());
    let anchors: Vec<&SampleItem> = candidates.iter().filter(supplied).copied().collect();
    if anchors.is_empty() {
        return None;
    }
    (0..20).find_map(|_| {
        let anchor = *rng.pick(&anchors);
        params_around(&links, pattern, &candidates, anchor, false, rng)
    })
}

/// Parameters whose answer holds at least one item, where any draw gives one: a
/// trial that expects nothing proves only that nothing came back, not that the
/// plan finds what it should (a range past the last comment of a room). A read
/// with an order wants two items that rank apart, which it can put out of
/// order; one with a limit, more items than it keeps, which it can fail to cut.
/// Of 20 draws, the first that answers so, else the one nearest to it.
pub fn draw_answered(model: &Model, sample: &Sample, pattern: &AccessPattern, rng: &mut Rng) -> Option<Params> {
    let mut best: Option<((bool, bool, usize), Params)> = None;
    for _ in 0..20 {
        let Some(params) = draw(model, sample, pattern, rng) else { continue };
        let answer = super::expected(model, sample, pattern, &params);
        let shown = (answer.order_shown, answer.limit_shown, answer.count);
        let order = pattern.order.is_none() || shown.0;
        let limit = pattern.limit.is_none() || shown.1;
        if shown.2 > 0 && order && limit {
            return Some(params);
        }
        if best.as_ref().is_none_or(|(most, _)| shown > *most) {
            best = Some((shown, params));
        }
    }
    best.map(|(_, params)| params)
}

/// Parameters whose answer must hold `anchor` (an item of the target entity,
/// which need not be in `sample`: a write's item before or after the write):
/// its inputs, and a range that takes in its value. `None` when the anchor
/// cannot supply them or fails the pattern's filter.
pub fn draw_for<'s>(
    model: &'s Model,
    sample: &'s Sample,
    pattern: &AccessPattern,
    anchor: &'s SampleItem,
    rng: &mut Rng,
) -> Option<Params> {
    if anchor.entity != pattern.entity || !fixed_filter_passes(pattern, anchor) {
        return None;
    }
    let mut candidates = candidates(sample, pattern);
    candidates.push(anchor);
    params_around(&Links::new(model, sample, pattern), pattern, &candidates, anchor, true, rng)
}

fn candidates<'s>(sample: &'s Sample, pattern: &AccessPattern) -> Vec<&'s SampleItem> {
    sample
        .items
        .iter()
        .filter(|i| i.entity == pattern.entity)
        .filter(|i| fixed_filter_passes(pattern, i))
        .filter(|i| pattern.range.as_ref().is_none_or(|r| i.get(&r.attribute).is_some()))
        .collect()
}

/// The anchor's inputs, and range bounds from the values of the candidates that
/// share them: any of them, or (`take_in`) ones that take in the anchor's own value.
fn params_around<'s>(
    links: &Links<'s>,
    pattern: &AccessPattern,
    candidates: &[&'s SampleItem],
    anchor: &'s SampleItem,
    take_in: bool,
    rng: &mut Rng,
) -> Option<Params> {
    let mut params = Params::new();
    for input in &pattern.inputs {
        params.insert(input.clone(), links.value_of(anchor, input)?.clone());
    }
    // The items sharing the anchor's inputs: the range and the filter's values come from theirs.
    let sharing: Vec<&SampleItem> = candidates
        .iter()
        .filter(|i| pattern.inputs.iter().all(|a| links.matches(i, a, &params[a.as_str()])))
        .copied()
        .collect();
    if let Some(range) = &pattern.range {
        range_params(range, anchor, &sharing, take_in, &mut params, rng)?;
    }
    if let Some(filter) = &pattern.filter {
        super::filter_params::draw(filter, anchor, &sharing, &mut params, rng)?;
    }
    // The values drawn give the anchor each test's outcome it needs; the filter
    // as a whole must then hold on it.
    (!take_in || super::passes_filter(pattern, &params, anchor)).then_some(params)
}

/// Whether an item passes the filter's tests of values written in the model; a
/// test of a request's value is decided once the value is drawn.
fn fixed_filter_passes(pattern: &AccessPattern, item: &SampleItem) -> bool {
    match &pattern.filter {
        Some(f) if f.inputs().is_empty() => super::passes_filter(pattern, &Params::new(), item),
        _ => true,
    }
}

/// Bounds of the range from the range attribute's values among `sharing`: any of
/// them, or (`take_in`) ones that take in the anchor's own value.
fn range_params(
    range: &RangeCondition,
    anchor: &SampleItem,
    sharing: &[&SampleItem],
    take_in: bool,
    params: &mut Params,
    rng: &mut Rng,
) -> Option<()> {
    let mut values: Vec<&Value> = sharing.iter().filter_map(|i| i.get(&range.attribute)).collect();
    values.sort_by(|a, b| a.compare(b).unwrap_or(Ordering::Equal));
    if values.is_empty() {
        return None;
    }
    let own = anchor.get(&range.attribute)?.clone();
    let mut pick = || values[rng.below(values.len() as u64) as usize].clone();
    let name = &range.attribute;
    match range.op {
        RangeOp::Between => {
            let (a, b) = if take_in { (own, pick()) } else { (pick(), pick()) };
            let (lo, hi) = if a.compare(&b) == Some(Ordering::Greater) { (b, a) } else { (a, b) };
            params.insert(format!("{name}.from"), lo);
            params.insert(format!("{name}.to"), hi);
        }
        RangeOp::BeginsWith => {
            let whole = if take_in { own } else { pick() };
            params.insert(name.clone(), Value::S(half_prefix(whole.as_key_text().unwrap_or_default())));
        }
        // A strict bound at a value would leave that value's item out: the bound
        // is one step past it, so the item drawn (or the anchor) is taken in.
        RangeOp::Lt | RangeOp::Gt => {
            let v = if take_in { own } else { pick() };
            let toward = if range.op == RangeOp::Lt { Ordering::Greater } else { Ordering::Less };
            params.insert(name.clone(), step_past(&values, &v, toward));
        }
        // With `take_in`, a bound the anchor meets where the operator lets it (=, <=, >=).
        _ => {
            let v = if take_in { own } else { pick() };
            params.insert(name.clone(), v);
        }
    }
    Some(())
}

/// A value past `v` in the direction `toward` (`Greater`: above it), for a strict
/// bound that takes `v` in: the nearest of `values` (sorted) there, else a value
/// just past it, else (a number between 0 and 1) 0. `v` itself when nothing is past
/// it (the empty string): the draw then has no answer, and the proof draws again.
fn step_past(values: &[&Value], v: &Value, toward: Ordering) -> Value {
    let past = |x: &Value| x.compare(v) == Some(toward);
    let nearest = if toward == Ordering::Greater {
        values.iter().find(|x| past(x))
    } else {
        values.iter().rev().find(|x| past(x))
    };
    let zero = Value::int(0);
    nearest
        .map(|found| (*found).clone())
        .into_iter()
        .chain(beside(v, toward))
        .chain(v.as_f64().is_some().then_some(zero))
        .find(past)
        .unwrap_or_else(|| v.clone())
}
