//! Hot partitions: one computation of a partition's load, quoted the same way by
//! the design's explanation, its problems and `cost`; and a read that would fan
//! out over thousands of shards is a problem with the arithmetic and the fix.

mod common;

use serde_json::{json, Value};
use tablewright_engine::cost::{estimate, CostOptions};
use tablewright_engine::design::capacity::shard_arithmetic;
use tablewright_engine::design::{derive, ProblemCode};
use tablewright_engine::{load_file, load_str};

#[test]
fn cost_and_the_explanation_quote_the_same_figures_for_every_shard() {
    let mut shards = 0;
    for path in common::example_models() {
        let model = load_file(&path).unwrap();
        let design = derive(&model);
        let report = estimate(&model, &design, &CostOptions::default()).unwrap();
        for entity in &design.entities {
            for (key, shard) in &entity.shards {
                let load = shard.load.unwrap_or_else(|| panic!("{}'s {key} has no load", entity.name));
                let figures = shard_arithmetic(load);
                assert!(figures.ends_with(&format!("round up to {} shards", shard.count)), "{figures}");
                assert!(entity.explanation.iter().any(|l| l.contains(&figures)), "{}: {figures}", entity.name);
                assert!(report.warnings.iter().any(|w| w.contains(&figures)), "{:#?}", report.warnings);
                shards += 1;
            }
        }
    }
    assert!(shards >= 2, "the examples shard something");
}

/// "The latest loans", with no input and no limit, over 50 million loans.
fn latest_loans(limit: Option<u32>) -> Value {
    let path = common::models_dir().join("../tests/fixtures/library-optional-key.tablewright.json");
    let mut model: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    model["entities"][2]["expected_count"] = json!(50_000_000);
    model["entities"][2]["attributes"][1]["required"] = json!(true);
    let mut latest = json!({
        "id": "AP07", "name": "Latest loans", "kind": "read_many", "entity": "Loan", "inputs": [],
        "order": {"attribute": "loanedAt", "direction": "descending"}, "peak_rate": 5
    });
    if let Some(limit) = limit {
        latest["limit"] = json!(limit);
    }
    model["access_patterns"].as_array_mut().unwrap().push(latest);
    model
}

#[test]
fn a_read_of_every_item_through_a_constant_partition_is_a_problem_with_its_arithmetic() {
    let model = load_str(&latest_loans(None).to_string()).unwrap();
    let design = derive(&model);
    let plan = design.plans.iter().find(|p| p.pattern == "AP07").unwrap();
    assert!(plan.request.count > 1000, "{}", plan.request.count);
    let problem = design.problems.iter().find(|p| p.pattern.as_deref() == Some("AP07")).expect("a problem for AP07");
    assert_eq!(problem.code, ProblemCode::HotPartition);
    let m = &problem.message;
    assert!(m.contains(&format!("fans out over {} Queries", plan.request.count)), "{m}");
    assert!(m.contains("no attribute but the shard") && m.contains("50000000 Loan items"), "{m}");
    assert!(m.contains("reads all of them (no limit)") && m.contains("round up to"), "{m}");
    assert!(m.contains("or a limit"), "{m}");

    let limited = load_str(&latest_loans(Some(20)).to_string()).unwrap();
    let design = derive(&limited);
    let plan = design.plans.iter().find(|p| p.pattern == "AP07").unwrap();
    assert_eq!(plan.request.count, 1, "the latest 20 need no shards");
    assert!(!design.problems.iter().any(|p| p.pattern.as_deref() == Some("AP07")), "{:#?}", design.problems);
}

/// Twenty events a batch, sixty batches a second: the latest-events index takes
/// 1,200 writes a second on one partition, which a repeated step's elements make.
#[test]
fn a_step_repeated_per_element_counts_every_element_on_the_hot_partition() {
    let model = load_str(
        &json!({
            "format": "tablewright/3", "name": "Events", "table": { "name": "events", "billing": { "mode": "on_demand" } },
            "entities": [
                { "name": "Batch", "attributes": [{ "name": "batchId", "type": "string", "identifier": true }] },
                { "name": "Event", "expected_count": 1000000, "attributes": [
                    { "name": "eventId", "type": "string", "identifier": true },
                    { "name": "at", "type": "string", "format": "timestamp", "required": true } ] }
            ],
            "access_patterns": [
                { "id": "EV01", "name": "List the latest events", "kind": "read_many", "entity": "Event",
                  "order": { "attribute": "at", "direction": "descending" }, "limit": 50, "peak_rate": 5 },
                { "id": "EV02", "name": "Record a batch of events", "kind": "transaction", "entity": "Batch", "peak_rate": 60,
                  "steps": [
                    { "action": "put", "entity": "Batch" },
                    { "action": "put", "entity": "Event", "for_each": { "list": "events", "at_most": 50, "typical": 20 } }
                  ] }
            ]
        })
        .to_string(),
    )
    .unwrap();
    let design = derive(&model);
    let events = design.entities.iter().find(|e| e.name == "Event").unwrap();
    let (key, shard) = events.shards.iter().next().unwrap_or_else(|| panic!("not sharded: {:?}", events.explanation));
    let load = shard.load.unwrap();
    assert_eq!(load.writes, 60 * 20, "{key}: {load:?}");
    assert_eq!(shard.count, 2, "1,200 writes a second over 1,000 a partition");
}
