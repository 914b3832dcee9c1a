//! Parameters for a read pattern, drawn from the sample data so that the answer is
//! not empty: the inputs of one item that passes the filter, and range bounds taken
//! from the values of the items that share those inputs.

use crate::model::{AccessPattern, Model, RangeOp};
use crate::sample::{Rng, Sample, SampleItem, Value};

use super::{relate, Params};

/// `None` when no item of the target entity can supply the inputs.
pub fn draw(model: &Model, sample: &Sample, pattern: &AccessPattern, rng: &mut Rng) -> Option<Params> {
    let candidates: Vec<&SampleItem> = sample
        .of(&pattern.entity)
        .filter(|i| super::passes_filter(pattern, i))
        .filter(|i| pattern.range.as_ref().is_none_or(|r| i.get(&r.attribute).is_some()))
        .collect();
    if candidates.is_empty() {
        return None;
    }
    for _ in 0..20 {
        let anchor = *rng.pick(&candidates);
        let mut params = Params::new();
        for input in &pattern.inputs {
            match relate::value_of(model, sample, anchor, input) {
                Some(v) => params.insert(input.clone(), v.clone()),
                None => break,
            };
        }
        if params.len() < pattern.inputs.len() {
            continue;
        }
        if let Some(range) = &pattern.range {
            // The range attribute's values among the items sharing the anchor's inputs.
            let mut values: Vec<&Value> = candidates
                .iter()
                .filter(|i| pattern.inputs.iter().all(|a| relate::matches(model, sample, i, a, &params[a.as_str()])))
                .filter_map(|i| i.get(&range.attribute))
                .collect();
            values.sort_by(|a, b| a.compare(b).unwrap_or(std::cmp::Ordering::Equal));
            if values.is_empty() {
                continue;
            }
            let mut pick = || values[rng.below(values.len() as u64) as usize].clone();
            let name = &range.attribute;
            match range.op {
                RangeOp::Between => {
                    let (a, b) = (pick(), pick());
                    let (lo, hi) = if a.compare(&b) == Some(std::cmp::Ordering::Greater) { (b, a) } else { (a, b) };
                    params.insert(format!("{name}.from"), lo);
                    params.insert(format!("{name}.to"), hi);
                }
                RangeOp::BeginsWith => {
                    let whole = pick();
                    let text = whole.as_key_text().unwrap_or_default();
                    // Half the value, at most six characters: a prefix several items share.
                    let chars = text.chars().count().div_ceil(2).clamp(1, 6);
                    params.insert(name.clone(), Value::S(text.chars().take(chars).collect()));
                }
                _ => {
                    let v = pick();
                    params.insert(name.clone(), v);
                }
            }
        }
        return Some(params);
    }
    None
}
