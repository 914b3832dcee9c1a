//! What a read pattern touches in the aggregate view: the index and partitions
//! its plan's first request reads, with parameters drawn from the sample, and the
//! items the pattern returns. The items come from the oracle (the model's
//! meaning), not from the plan, so a plan that reads the wrong partition shows
//! as highlighted items outside the highlighted partitions.

use serde::Serialize;

use crate::design::bind::{sharded, Source};
use crate::design::{Design, Operation};
use crate::model::Model;
use crate::oracle::{draw, expected};
use crate::sample::{Rng, Sample};

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
pub fn highlight(model: &Model, design: &Design, sample: &Sample, pattern: &str, seed: u64) -> Option<Highlight> {
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
    let mut rng = Rng::derive(seed, &format!("highlight {pattern}"));
    let Some(params) = draw(model, sample, p, &mut rng) else {
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
