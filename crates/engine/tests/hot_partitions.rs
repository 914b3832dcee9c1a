//! Hot partitions: one computation of a partition's load, quoted the same way by
//! the design's explanation, its problems and `cost`; and a read that would fan
//! out over thousands of shards is a problem with the arithmetic and the fix.

mod common;

use serde_json::{json, Value};
use tablewright_engine::cost::{estimate, CostOptions};
use tablewright_engine::design::capacity::shard_arithmetic;
use tablewright_engine::design::{derive, ProblemCode};
use tablewright_engine::words::thousands;
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
                assert!(
                    figures.ends_with(&format!("round up to {} shards", thousands(f64::from(shard.count)))),
                    "{figures}"
                );
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
    assert!(m.contains(&format!("fans out over {} Queries", thousands(f64::from(plan.request.count)))), "{m}");
    assert!(m.contains("no attribute but the shard") && m.contains("50,000,000 Loan items"), "{m}");
    assert!(m.contains("reads all of them (no limit)") && m.contains("round up to"), "{m}");
    assert!(m.contains("or a limit"), "{m}");

    let limited = load_str(&latest_loans(Some(20)).to_string()).unwrap();
    let design = derive(&limited);
    let plan = design.plans.iter().find(|p| p.pattern == "AP07").unwrap();
    assert_eq!(plan.request.count, 1, "the latest 20 need no shards");
    assert!(!design.problems.iter().any(|p| p.pattern.as_deref() == Some("AP07")), "{:#?}", design.problems);
}

/// Events, recorded twenty a batch: the latest-events index's one partition.
fn events(latest_rate: u32) -> tablewright_engine::model::Model {
    load_str(
        &json!({
            "format": "tablewright/3", "name": "Events", "table": { "name": "events", "billing": { "mode": "on_demand" } },
            "entities": [
                { "name": "Batch", "attributes": [{ "name": "batchId", "type": "string", "identifier": true }] },
                { "name": "Event", "expected_count": 1000000, "average_item_size": 1000, "attributes": [
                    { "name": "eventId", "type": "string", "identifier": true },
                    { "name": "at", "type": "string", "format": "timestamp", "required": true } ] }
            ],
            "access_patterns": [
                { "id": "EV01", "name": "List the latest events", "kind": "read_many", "entity": "Event",
                  "order": { "attribute": "at", "direction": "descending" }, "limit": 50, "peak_rate": latest_rate },
                { "id": "EV02", "name": "Record a batch of events", "kind": "transaction", "entity": "Batch", "peak_rate": 60,
                  "steps": [
                    { "action": "put", "entity": "Batch" },
                    { "action": "put", "entity": "Event", "for_each": { "list": "events", "at_most": 50, "typical": 20 } }
                  ] }
            ]
        })
        .to_string(),
    )
    .unwrap()
}

/// Twenty events a batch, sixty batches a second: the latest-events index takes
/// 1,200 writes a second on one partition, which a repeated step's elements make.
#[test]
fn a_step_repeated_per_element_counts_every_element_on_the_hot_partition() {
    let design = derive(&events(5));
    let events = design.entities.iter().find(|e| e.name == "Event").unwrap();
    let (key, shard) = events.shards.iter().next().unwrap_or_else(|| panic!("not sharded: {:?}", events.explanation));
    let load = shard.load.unwrap();
    assert_eq!(load.writes, 60 * 20, "{key}: {load:?}");
    assert_eq!(shard.count, 2, "1,200 writes a second over 1,000 a partition");
}

/// The latest 50 events, 20,000 times a second: every shard would be read for 50
/// events, so shards cannot spread those reads. The shard count follows the
/// writes alone, the reads are a problem that says to cache them, and `cost`
/// bills each shard's Query for the 50 it reads.
#[test]
fn reads_under_a_limit_are_not_spread_by_shards_and_are_billed_per_shard() {
    let model = events(20_000);
    let design = derive(&model);
    let events = design.entities.iter().find(|e| e.name == "Event").unwrap();
    let shard = events.shards.values().next().expect("sharded for the writes");
    // 50 events of 1,000 bytes: 13 units, halved; 20,000 a second.
    assert_eq!(shard.load.unwrap().limited_reads, 130_000);
    assert_eq!(shard.count, 2, "the writes' count, not 130,000 / 2,400");
    let problem = design
        .problems
        .iter()
        .find(|p| p.code == ProblemCode::HotPartition && p.pattern.as_deref() == Some("EV01"))
        .unwrap_or_else(|| panic!("{:#?}", design.problems));
    assert!(problem.message.contains("130,000 read units a second from EV01"), "{}", problem.message);
    assert!(problem.message.contains("Sharding cannot spread these reads"), "{}", problem.message);

    let report = estimate(&model, &design, &CostOptions::default()).unwrap();
    let ev01 = report.patterns.iter().find(|p| p.pattern == "EV01").unwrap();
    assert_eq!(ev01.read_units_per_request, 2.0 * 6.5, "each of 2 shards read for 50 events");
}

/// A new user's ticketing model: the pending-orders index holds the 0.2% of orders
/// that are pending (its own filter's share, not the 95% another pattern's filter
/// on `status` gives), but confirming a payment (5,000 a second) takes each order
/// out of it, and the orders it takes out came in when they were placed (5,500 a
/// second): its one partition takes both, so it is sharded, and the shard's
/// figures are `cost`'s for the index.
#[test]
fn a_sparse_index_is_sized_by_its_own_condition_and_loaded_by_the_updates_that_move_items_out() {
    let model =
        load_file(&common::models_dir().join("../crates/engine/tests/fixtures/ticketing.tablewright.json")).unwrap();
    let design = derive(&model);
    let order = design.entities.iter().find(|e| e.name == "Order").unwrap();
    let shard = order.shards.get("GSI3PK").unwrap_or_else(|| panic!("{:#?}", order.explanation));
    let load = shard.load.unwrap();
    // 5,500 puts and 5,020 updates that set the status, a write unit each.
    assert_eq!(load.writes, 10_520);
    assert_eq!(shard.count, 14, "{load:?}");

    let report = estimate(&model, &design, &CostOptions::default()).unwrap();
    let gsi3 = report.indexes.iter().find(|i| i.index == "GSI3").unwrap();
    assert_eq!(gsi3.peak_write_units.ceil() as u64, load.writes, "{gsi3:?}");
    // 300 million orders of which 0.2% are pending, in 1 KB items: well under a GiB.
    assert!(gsi3.storage_gib < 1.0, "{gsi3:?}");
}

/// A new user's fulfilment service reads one stock item (a warehouse and a sku)
/// 6,000 times a second across 200 warehouses. Each GetItem reads that item, not
/// the warehouse's 50,000 stock items: the partition stays unsharded, as cost's
/// 3,000 read units a second for all warehouses together says it can.
#[test]
fn a_get_item_loads_its_partition_with_one_item_not_the_partition() {
    let model =
        load_file(&common::models_dir().join("../crates/engine/tests/fixtures/fulfilment.tablewright.json")).unwrap();
    let design = derive(&model);
    let stock = design.entities.iter().find(|e| e.name == "Stock").unwrap();
    assert!(stock.shards.is_empty(), "{:#?}", stock.shards);
    let report = estimate(&model, &design, &CostOptions::default()).unwrap();
    let fw03 = report.patterns.iter().find(|p| p.pattern == "FW03").unwrap();
    assert_eq!(fw03.read_units_per_request, 0.5, "{fw03:?}");
}
