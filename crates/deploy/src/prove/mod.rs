//! Proof on the live table: every read pattern's plan run with parameters drawn from
//! the sample data and its answer compared with the oracle's (computed from the
//! model over the same sample); every write pattern run through its scenarios (all
//! conditions hold, then each broken in turn); every expiry checked against the
//! table's TTL setting. Reported per pattern: pass or fail, items returned against
//! expected, consumed capacity, latency.

mod expression;
pub use expression::MissingValue;
mod read;
mod seeded;
mod write;

use std::time::{Duration, Instant};

use aws_sdk_dynamodb::types::TimeToLiveStatus;
use aws_sdk_dynamodb::Client;
use serde::Serialize;
use tablewright_engine::design::{Design, Operation, Plan, Ttl};
use tablewright_engine::edit::Fix;
use tablewright_engine::model::{AccessPattern, Model, PatternKind};
use tablewright_engine::oracle::{
    after_write, compare, draw_answered, draw_for, expected, scenarios, Params, Verdict, WriteScenario,
};
use tablewright_engine::sample::{epoch_seconds, Rng, Sample, SampleItem, SampleOptions};
use tablewright_engine::value::Value;
use tablewright_engine::verify::verify;

use crate::error::{message, ProveError};
use crate::seed::count_items;

#[derive(Debug, Clone)]
pub struct ProveOptions {
    /// Parameter sets drawn per read pattern.
    pub trials: usize,
    /// Only these patterns (by id); all when empty.
    pub only: Vec<String>,
    /// Check first that the table holds exactly the sample's items.
    pub check_count: bool,
}

impl Default for ProveOptions {
    fn default() -> Self {
        ProveOptions { trials: 5, only: Vec::new(), check_count: true }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProveReport {
    pub table: String,
    pub patterns: Vec<PatternReport>,
    /// What the proof establishes, in one sentence: how many patterns it proved,
    /// and the ways to fail it did not try, which are part of its claim (the CLI
    /// and the Prove view both show this sentence).
    pub summary: String,
}

impl ProveReport {
    pub fn new(table: String, patterns: Vec<PatternReport>) -> ProveReport {
        let summary = summary(&patterns);
        ProveReport { table, patterns, summary }
    }

    pub fn pass(&self) -> bool {
        self.patterns.iter().all(|p| p.pass)
    }

    pub fn pattern(&self, id: &str) -> Option<&PatternReport> {
        self.patterns.iter().find(|p| p.pattern == id)
    }
}

impl PatternReport {
    /// Not proven, and not failed either: the sample gave it nothing to show.
    pub fn untried_whole(&self) -> bool {
        !self.pass && self.failures.is_empty()
    }
}

/// "5 of 6 patterns proven; 2 checks not tried, for want of sample items (AP03,
/// AP07)".
fn summary(patterns: &[PatternReport]) -> String {
    let passed = patterns.iter().filter(|p| p.pass).count();
    let mut out = format!("{passed} of {} patterns proven", patterns.len());
    let whole: Vec<&str> = patterns.iter().filter(|p| p.untried_whole()).map(|p| p.pattern.as_str()).collect();
    if !whole.is_empty() {
        out.push_str(&format!("; {} not tried at all, for want of sample items ({})", whole.len(), whole.join(", ")));
    }
    let partly = |p: &&PatternReport| !p.untried.is_empty() && !p.untried_whole();
    let untried: Vec<&str> = patterns.iter().filter(partly).map(|p| p.pattern.as_str()).collect();
    if !untried.is_empty() {
        let checks: usize = patterns.iter().filter(partly).map(|p| p.untried.len()).sum();
        let s = if checks == 1 { "" } else { "s" };
        out.push_str(&format!("; {checks} check{s} not tried, for want of sample items ({})", untried.join(", ")));
    }
    out
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PatternReport {
    pub pattern: String,
    pub name: String,
    /// What ran: `Query on GSI2 ×2`, `TransactWriteItems (2 actions)`.
    pub plan: String,
    pub pass: bool,
    /// Parameter sets or scenarios run.
    pub runs: usize,
    /// Items the live table returned, over every run (reads).
    pub returned: usize,
    /// Items the oracle expected, over every run (reads).
    pub expected: usize,
    /// Read or write capacity units consumed, over every run.
    pub capacity: f64,
    /// Mean time of one run of the plan, in milliseconds.
    pub latency_ms: f64,
    pub failures: Vec<String>,
    /// When the pattern fails: what the verifier finds wrong with its plan, each
    /// with its fix — the cause behind the wrong answers, where a check knows it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub cause: Vec<String>,
    /// The changes of the model the verifier offers for the cause, one edit each.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Fix>>", optional))]
    pub fixes: Vec<Fix>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<ScenarioReport>>", optional))]
    pub scenarios: Vec<ScenarioReport>,
    /// What the proof did not try, each with why: of a write, the ways its
    /// conditions can fail that no scenario could be made for from the sample;
    /// of a read, its order when no answer held two items to order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub untried: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScenarioReport {
    pub name: String,
    pub must_succeed: bool,
    pub succeeded: bool,
    /// DynamoDB's cancellation reasons when it rejected the write.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub rejection: Option<String>,
    pub pass: bool,
    pub capacity: f64,
    pub latency_ms: f64,
    pub failures: Vec<String>,
}

pub struct Prover<'a> {
    pub client: &'a Client,
    pub table: &'a str,
    pub model: &'a Model,
    pub design: &'a Design,
    pub sample: &'a Sample,
    pub sample_options: &'a SampleOptions,
}

impl Prover<'_> {
    pub async fn prove(&self, options: &ProveOptions) -> Result<ProveReport, ProveError> {
        if options.check_count {
            let found = count_items(self.client, self.table).await?;
            if found != self.sample.items.len() as u64 {
                return Err(ProveError::NotSeeded { expected: self.sample.items.len(), found });
            }
            self.check_seeded().await?;
        }
        let verification = verify(self.model, self.design);
        let mut patterns = Vec::new();
        for p in &self.model.access_patterns {
            if !options.only.is_empty() && !options.only.contains(&p.id) {
                continue;
            }
            let Some(plan) = self.design.plans.iter().find(|plan| plan.pattern == p.id) else {
                patterns.push(report(p, "no plan".into(), vec!["the design has no plan for it".into()]));
                continue;
            };
            let mut report = match p.kind {
                PatternKind::ReadOne | PatternKind::ReadMany => self.read(p, plan, options).await,
                PatternKind::Expire => self.expire(p, plan).await?,
                _ => self.write(p, plan).await,
            };
            let verdict = verification.patterns.iter().find(|v| v.pattern == p.id);
            // The run tries some values; the verifier reasons about every one, so
            // its rejection stands even where this run's values did not show it.
            if let Some(v) = verdict.filter(|v| !v.ok && report.failures.is_empty()) {
                report.pass = false;
                report.failures.push(format!(
                    "the verifier rejects it, though the values this run tried did not show it: {}",
                    v.reasons.join("; ")
                ));
            }
            if !report.pass {
                if let Some(v) = verdict {
                    report.cause = v.reasons.clone();
                    report.fixes = v.fixes.clone();
                }
            }
            patterns.push(report);
        }
        Ok(ProveReport::new(self.table.to_string(), patterns))
    }

    async fn read(&self, p: &AccessPattern, plan: &Plan, options: &ProveOptions) -> PatternReport {
        let mut r = report(p, describe(plan), Vec::new());
        let mut rng = Rng::derive(self.sample_options.seed, &format!("prove {}", p.id));
        let reader = read::Reader { client: self.client, table: self.table, design: self.design };
        let mut time = Duration::ZERO;
        let (mut order_shown, mut limit_shown) = (false, false);
        for trial in 0..options.trials.max(1) {
            let Some(params) = draw_answered(self.model, self.sample, p, &mut rng) else {
                if r.runs > 0 {
                    break;
                }
                let passing = if p.filter.is_some() { " and passes the filter" } else { "" };
                r.untried.push(format!(
                    "the whole pattern: no sample item of {} can supply the inputs {:?}: none of the {} sample items per entity has them{passing}; prove with more items (--items, or Items per entity in the Prove view)",
                    p.entity, p.inputs, self.sample_options.items_per_entity
                ));
                break;
            };
            let want = expected(self.model, self.sample, p, &params);
            order_shown |= want.order_shown;
            limit_shown |= want.limit_shown;
            let start = Instant::now();
            let answer = reader.run(plan, &params).await;
            time += start.elapsed();
            r.runs += 1;
            match answer {
                Ok(answer) => {
                    let verdict = compare(&want, &answer.items, &self.sample.key_names);
                    r.returned += verdict.returned;
                    r.expected += verdict.expected;
                    r.capacity += answer.capacity;
                    if !verdict.pass {
                        r.failures.push(format!("trial {} ({})", trial + 1, wrong_answer(&params, &verdict)));
                    }
                }
                Err(e) => r.failures.push(format!("trial {}: {e}", trial + 1)),
            }
        }
        // Nothing expected and nothing back shows that the plan returns nothing
        // where nothing matches, not that it finds what matches.
        let answered = r.expected > 0;
        if r.runs > 0 && !answered && r.failures.is_empty() {
            r.untried.push(format!(
                "the whole pattern: every trial expected no item, and none came back; no sample of {} items per entity gives {} an answer: prove with more items (--items, or Items per entity in the Prove view)",
                self.sample_options.items_per_entity, p.id
            ));
        }
        // An answer of one item is in every order: the order is then not proven.
        if let Some(order) = p.order.as_ref().filter(|_| r.runs > 0 && !order_shown) {
            r.untried.push(format!(
                "the order by {}, which no answer showed: none held two items that rank apart in the sample of {} items per entity (prove with more items)",
                order.attribute, self.sample_options.items_per_entity
            ));
        }
        // A limit no answer reached was never applied: a plan without it passes too.
        if let Some(limit) = p.limit.filter(|_| r.runs > 0 && !limit_shown) {
            r.untried.push(format!(
                "the limit of {limit}, which no answer reached: none matched more than {limit} items in the sample of {} items per entity (prove with more items)",
                self.sample_options.items_per_entity
            ));
        }
        r.latency_ms = mean_ms(time, r.runs);
        r.pass = r.failures.is_empty() && answered;
        r
    }

    async fn write(&self, p: &AccessPattern, plan: &Plan) -> PatternReport {
        let mut r = report(p, describe(plan), Vec::new());
        let cases = match scenarios(self.model, self.design, self.sample, self.sample_options, p, plan) {
            Ok(made) => {
                r.untried = made.untried;
                made.cases
            }
            Err(e) => {
                r.failures.push(e.to_string());
                return r;
            }
        };
        let writer = write::Writer { client: self.client, table: self.table, sample: self.sample, design: self.design };
        let mut time = Duration::ZERO;
        for case in &cases {
            let start = Instant::now();
            let outcome = writer.run(plan, case).await;
            let elapsed = start.elapsed();
            time += elapsed;
            r.runs += 1;
            let outcome = match outcome {
                Ok(mut o) => {
                    if o.succeeded && case.succeeds {
                        o.failures.extend(self.reads_after(case).await);
                    }
                    writer.restore(&o.touched).await.map(|()| o)
                }
                Err(e) => Err(e),
            };
            let scenario = match outcome {
                Ok(o) => ScenarioReport {
                    name: case.name.clone(),
                    must_succeed: case.succeeds,
                    succeeded: o.succeeded,
                    rejection: o.rejection,
                    pass: o.failures.is_empty(),
                    capacity: o.capacity,
                    latency_ms: mean_ms(elapsed, 1),
                    failures: o.failures,
                },
                Err(e) => ScenarioReport {
                    name: case.name.clone(),
                    must_succeed: case.succeeds,
                    succeeded: false,
                    rejection: None,
                    pass: false,
                    capacity: 0.0,
                    latency_ms: mean_ms(elapsed, 1),
                    failures: vec![e.to_string()],
                },
            };
            r.capacity += scenario.capacity;
            r.failures.extend(scenario.failures.iter().map(|f| format!("{}: {f}", scenario.name)));
            r.scenarios.push(scenario);
        }
        r.latency_ms = mean_ms(time, r.runs);
        r.pass = r.failures.is_empty() && r.runs > 0;
        r
    }

    /// Every read of an entity the write changed, run after the write with
    /// parameters that must find the written item as it is now, and with those
    /// that found it as it was: an index the write left stale answers either
    /// wrongly. GSIs are eventually consistent, so a wrong answer is asked again
    /// for a while before it counts.
    async fn reads_after(&self, scenario: &WriteScenario) -> Vec<String> {
        let state = after_write(self.sample, scenario);
        let mut rng = Rng::derive(self.sample_options.seed, &format!("after {}", scenario.pattern));
        let mut failures = Vec::new();
        let written = scenario.actions.iter().filter(|c| c.action != "ConditionCheck");
        for case in written {
            let reads = self.model.access_patterns.iter().filter(|p| p.kind.is_read() && p.entity == case.entity);
            for p in reads {
                let Some(plan) = self.design.plans.iter().find(|plan| plan.pattern == p.id) else { continue };
                let reader = read::Reader { client: self.client, table: self.table, design: self.design };
                for (when, attrs) in [("new", &case.after), ("old", &case.before)] {
                    let Some(attrs) = attrs else { continue };
                    let anchor = SampleItem { entity: case.entity.clone(), attributes: attrs.clone() };
                    let Some(params) = draw_for(self.model, &state, p, &anchor, &mut rng) else { continue };
                    let want = expected(self.model, &state, p, &params);
                    let started = Instant::now();
                    loop {
                        let verdict = match reader.run(plan, &params).await {
                            Ok(answer) => compare(&want, &answer.items, &state.key_names),
                            Err(e) => {
                                failures.push(format!("{} after the write: {e}", p.id));
                                break;
                            }
                        };
                        if verdict.pass {
                            break;
                        }
                        if started.elapsed() > INDEX_SETTLING {
                            failures.push(format!(
                                "{} after the write, asked with the {} values of {} {} ({}): the answer does not show the write",
                                p.id,
                                when,
                                case.entity,
                                case.key,
                                wrong_answer(&params, &verdict)
                            ));
                            break;
                        }
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                }
            }
        }
        failures
    }

    /// TTL does the work: the table must expire items by the attribute the design's
    /// items carry, and the stored items must carry the expiry the model asks for.
    async fn expire(&self, p: &AccessPattern, plan: &Plan) -> Result<PatternReport, ProveError> {
        let mut r = report(p, describe(plan), Vec::new());
        let ttl = self.design.entities.iter().find(|e| e.name == p.entity).and_then(|e| e.ttl.as_ref());
        let out = self.client.describe_time_to_live().table_name(self.table).send().await.map_err(|e| {
            ProveError::Aws { operation: "DescribeTimeToLive", table: self.table.to_string(), message: message(&e) }
        })?;
        let live = out.time_to_live_description.and_then(|d| match d.time_to_live_status {
            Some(TimeToLiveStatus::Enabled | TimeToLiveStatus::Enabling) => d.attribute_name,
            _ => None,
        });
        r.runs = 1;
        match ttl {
            None => r.failures.push(format!("the design writes no TTL attribute on {}", p.entity)),
            Some(ttl) if live.as_deref() != Some(ttl.attribute.as_str()) => r
                .failures
                .push(format!("the table's TTL is {live:?}, but {} items expire by {}", p.entity, ttl.attribute)),
            Some(ttl) => self.expiries_stored(p, ttl, &mut r).await?,
        }
        r.pass = r.failures.is_empty();
        Ok(r)
    }
}

impl Prover<'_> {
    /// Reads each sample item of the pattern's entity that has the date its
    /// lifetime counts from, and checks that the stored item carries that date
    /// plus the retention in epoch seconds: DynamoDB deletes by what is stored.
    async fn expiries_stored(&self, p: &AccessPattern, ttl: &Ttl, r: &mut PatternReport) -> Result<(), ProveError> {
        let writer = write::Writer { client: self.client, table: self.table, sample: self.sample, design: self.design };
        let mut wrong = Vec::new();
        for item in self.sample.of(&p.entity) {
            let Some(start) = item.get(&ttl.from).and_then(seconds_of) else { continue };
            let want = start + i64::from(ttl.days) * 86_400;
            r.expected += 1;
            let key = self.sample.key(item);
            let stored = writer.read(&key).await?;
            let held = stored.as_ref().and_then(|s| s.get(&ttl.attribute)).and_then(Value::as_f64);
            if held == Some(want as f64) {
                r.returned += 1;
            } else {
                let held = held.map_or("nothing".to_string(), |h| h.to_string());
                wrong.push(format!("{key} holds {held}, {} + {} days is {want}", ttl.from, ttl.days));
            }
        }
        if let Some(first) = wrong.first() {
            r.failures.push(format!(
                "{} of {} stored {} items do not expire {} days after {} by {}: {first}",
                wrong.len(),
                r.expected,
                p.entity,
                ttl.days,
                ttl.from,
                ttl.attribute
            ));
        }
        Ok(())
    }
}

/// Epoch seconds of a date, a timestamp or a number of seconds.
fn seconds_of(value: &Value) -> Option<i64> {
    match value {
        Value::S(text) => epoch_seconds(text),
        Value::N(_) => value.as_f64().map(|n| n as i64),
        _ => None,
    }
}

/// How long a read after a write may take to see it: DynamoDB Local updates its
/// indexes at once, AWS's GSIs within a second or so.
const INDEX_SETTLING: Duration = Duration::from_secs(3);

/// A read's wrong answer: the parameters, the counts, and which items differ.
fn wrong_answer(params: &Params, verdict: &Verdict) -> String {
    let shown: Vec<String> = params.iter().map(|(k, v)| format!("{k}={}", v.as_key_text().unwrap_or("?"))).collect();
    let mut why = format!("{}: {} items returned, {} expected", shown.join(", "), verdict.returned, verdict.expected);
    if !verdict.missing.is_empty() {
        why.push_str(&format!("; missing {}", verdict.missing.join(", ")));
    }
    if !verdict.unexpected.is_empty() {
        why.push_str(&format!("; unexpected {}", verdict.unexpected.join(", ")));
    }
    if verdict.duplicates > 0 {
        why.push_str(&format!("; {} duplicates", verdict.duplicates));
    }
    if verdict.out_of_order {
        why.push_str("; out of order");
    }
    if !verdict.lacking.is_empty() {
        why.push_str(&format!("; {} (not projected into the index read?)", verdict.lacking.join(", ")));
    }
    why
}

fn report(p: &AccessPattern, plan: String, failures: Vec<String>) -> PatternReport {
    PatternReport {
        pattern: p.id.clone(),
        name: p.name.clone(),
        plan,
        pass: false,
        runs: 0,
        returned: 0,
        expected: 0,
        capacity: 0.0,
        latency_ms: 0.0,
        failures,
        cause: Vec::new(),
        fixes: Vec::new(),
        scenarios: Vec::new(),
        untried: Vec::new(),
    }
}

fn describe(plan: &Plan) -> String {
    let r = &plan.request;
    let mut text = match r.operation {
        Operation::TransactWriteItems if plan.actions.iter().any(|a| a.for_each.is_some()) => {
            let most = tablewright_engine::model::most_actions(plan.actions.iter().map(|a| a.for_each.as_ref()));
            format!("TransactWriteItems (up to {most} actions, some once per element of a list)")
        }
        Operation::TransactWriteItems => format!("TransactWriteItems ({} actions)", plan.actions.len()),
        Operation::TimeToLive => "TTL".to_string(),
        op => format!("{op:?} on {}", r.index),
    };
    if r.count > 1 && r.operation == Operation::Query {
        text.push_str(&format!(" ×{}", r.count));
    }
    for next in &plan.then {
        text.push_str(&format!(" → {:?} on {}", next.operation, next.index));
    }
    text
}

fn mean_ms(total: Duration, runs: usize) -> f64 {
    if runs == 0 {
        0.0
    } else {
        total.as_secs_f64() * 1000.0 / runs as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(id: &str, pass: bool, untried: &[&str]) -> PatternReport {
        let p: AccessPattern = serde_json::from_value(serde_json::json!({
            "id": id, "name": id, "kind": "read_one", "entity": "Item", "inputs": ["id"], "peak_rate": 1.0
        }))
        .unwrap();
        PatternReport {
            pass,
            untried: untried.iter().map(|u| u.to_string()).collect(),
            ..report(&p, String::new(), Vec::new())
        }
    }

    /// What the proof did not try is part of its claim: counted, with the patterns.
    #[test]
    fn the_summary_counts_what_the_proof_did_not_try() {
        let all = ProveReport::new("t".into(), vec![pattern("AP01", true, &[]), pattern("AP02", true, &[])]);
        assert_eq!(all.summary, "2 of 2 patterns proven");
        let some = ProveReport::new(
            "t".into(),
            vec![pattern("AP01", true, &["the order by date, ..."]), pattern("AP02", false, &["a", "b"])],
        );
        assert_eq!(some.summary, "1 of 2 patterns proven; 1 not tried at all, for want of sample items (AP02); 1 check not tried, for want of sample items (AP01)");
        let one = ProveReport::new("t".into(), vec![pattern("AP01", true, &["a"])]);
        assert_eq!(one.summary, "1 of 1 patterns proven; 1 check not tried, for want of sample items (AP01)");
    }
}
