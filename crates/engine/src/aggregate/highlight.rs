//! What a read pattern touches in the aggregate view: the index and partitions
//! its plan's first request reads, with parameters drawn from the sample, and the
//! items the pattern returns. The items come from the oracle (the model's
//! meaning), not from the plan, so a plan that reads the wrong partition shows
//! as highlighted items outside the highlighted partitions.

use serde::Serialize;

use crate::design::bind::{sharded, Source};
use crate::design::{Design, Operation};
use crate::model::AccessPattern;
use crate::model::Model;
use crate::oracle::{draw as draw_params, expected, Params};
use crate::sample::{Rng, Sample, SampleOptions};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Highlight {
    pub pattern: String,
    /// The index the plan's first request reads: "table", or a GSI or LSI.
    pub index: String,
    pub operation: Operation,
    /// The drawn inputs and range bounds, `name = value`.
    pub parameters: Vec<(String, String)>,
    /// The partition key values the first request reads (one per shard of a fan-out).
    pub partitions: Vec<String>,
    /// Primary keys (`PK`, `SK`) of the items the pattern returns.
    pub items: Vec<[String; 2]>,
    /// Items of which any may complete an answer cut by a limit.
    pub either: Vec<[String; 2]>,
    /// Why nothing is highlighted, when nothing is.
    pub note: Option<String>,
}

/// `None` for a pattern the model does not have or the design has no plan for.
/// `draw` chooses the parameters: 0, 1, 2, ... give the distinct parameter sets
/// the sample allows in turn (and start over when there are no more), so that
/// "draw other parameters" never shows the same ones twice in a row while
/// others exist.
pub fn highlight(model: &Model, design: &Design, sample: &Sample, pattern: &str, draw: u64) -> Option<Highlight> {
    let p = model.pattern(pattern)?;
    let plan = design.plans.iter().find(|plan| plan.pattern == pattern)?;
    let mut out = Highlight {
        pattern: pattern.to_string(),
        index: plan.request.index.clone(),
        operation: plan.request.operation,
        parameters: Vec::new(),
        partitions: Vec::new(),
        items: Vec::new(),
        either: Vec::new(),
        note: None,
    };
    if !p.kind.is_read() {
        out.note = Some("writes change items; only reads are highlighted".to_string());
        return Some(out);
    }
    let Some(params) = nth_distinct(model, sample, p, draw) else {
        out.note = Some(format!("no sample item of {} can supply the inputs", p.entity));
        return Some(out);
    };
    out.parameters = params.iter().map(|(k, v)| (k.clone(), v.to_cell())).collect();
    if let (Some(key), true) = (&plan.request.key, plan.request.operation != Operation::Scan) {
        let shards = if sharded(key) { (0..plan.request.count).map(Some).collect() } else { vec![None] };
        for shard in shards {
            let source = Source { shard, maps: vec![&params] };
            if let Ok(value) = source.render(&key.partition.value) {
                out.partitions.push(value);
            }
        }
    }
    let answer = expected(model, sample, p, &params);
    let pair = |k: &crate::sample::ItemKey| [k.pk.clone(), k.sk.clone()];
    out.items = answer.required.iter().map(pair).collect();
    out.either = answer.optional.iter().map(pair).collect();
    Some(out)
}

/// The `n`-th of the distinct parameter sets drawn for `p`, counting round when
/// the sample has fewer.
fn nth_distinct(model: &Model, sample: &Sample, p: &AccessPattern, n: u64) -> Option<Params> {
    let wanted = usize::try_from(n).unwrap_or(usize::MAX).saturating_add(1);
    let mut seen: Vec<Params> = Vec::new();
    // Each try is a fresh draw; a few per wanted set find the distinct ones a
    // small sample has without searching forever when it has no more.
    for attempt in 0..wanted.saturating_mul(8).min(4096) as u64 {
        let mut rng = Rng::derive(SampleOptions::DEFAULT_SEED.wrapping_add(attempt), &format!("highlight {}", p.id));
        let params = draw_params(model, sample, p, &mut rng)?;
        if !seen.contains(&params) {
            seen.push(params);
        }
        if seen.len() == wanted {
            break;
        }
    }
    let count = seen.len() as u64;
    seen.into_iter().nth((n % count.max(1)) as usize)
}
