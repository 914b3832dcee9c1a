//! ACME's capacity and cost, against figures worked out by hand from DynamoDB's
//! billing rules (4 KB read units, halved when eventually consistent; 1 KB write
//! units; transactional writes doubled; one more write per index the item lands in).

mod common;

use tablewright_engine::cost::{estimate, CostError, CostOptions, CostReport};
use tablewright_engine::design::derive;

fn acme_cost() -> CostReport {
    let model = common::acme();
    let design = derive(&model);
    estimate(&model, &design, &CostOptions::default()).unwrap()
}

fn pattern<'r>(report: &'r CostReport, id: &str) -> &'r tablewright_engine::cost::PatternCost {
    report.patterns.iter().find(|p| p.pattern == id).unwrap()
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() < 1e-6 * expected.abs().max(1.0)
}

#[test]
fn a_get_item_of_a_small_item_is_half_a_read_unit() {
    let report = acme_cost();
    // Customer: 350 bytes, one 4 KB unit, eventually consistent: 0.5; at 400/s, 200/s.
    let ap01 = pattern(&report, "AP01");
    assert_eq!(ap01.read_units_per_request, 0.5);
    assert_eq!(ap01.peak_read_units, 200.0);
    // 200 RCU/s at half the peak for 730 hours, at $0.125 per million: $32.85.
    assert!(close(ap01.monthly_on_demand, 200.0 * 0.5 * 730.0 * 3600.0 * 0.125 / 1e6), "{}", ap01.monthly_on_demand);
}

#[test]
fn a_query_adds_the_item_sizes_before_rounding() {
    let report = acme_cost();
    // 20 transactions of 400 bytes = 8,000 bytes: two 4 KB units, halved: 1.
    assert_eq!(pattern(&report, "AP09").read_units_per_request, 1.0);
    // Sharded over 2: each shard's Query reads 375,000 × 400 bytes = 36,622 units, halved.
    assert_eq!(pattern(&report, "AP12").read_units_per_request, 2.0 * 18_311.0);
}

#[test]
fn a_filter_pays_for_the_items_it_drops() {
    let model = tablewright_engine::load_file(&common::models_dir().join("ecommerce-orders.tablewright.json")).unwrap();
    let report = estimate(&model, &derive(&model), &CostOptions::default()).unwrap();
    // EC17 keeps 10 orders of 1,100 bytes, 30% of those it reads (selectivity 0.3):
    // it would read 33.3, but a customer's partition holds 62,000,000 / 4,500,000 =
    // 13.8 orders, and reading all of them costs 15,156 bytes, four 4 KB units, halved.
    assert_eq!(pattern(&report, "EC17").read_units_per_request, 2.0);
    // EC03 reads the same partition without a filter: 10 orders, 11,000 bytes, three
    // units, halved.
    assert_eq!(pattern(&report, "EC03").read_units_per_request, 1.5);
}

#[test]
fn a_chain_pays_for_each_request() {
    // Account from the inverted index (250 bytes: 0.5), then the Customer (350 bytes: 0.5).
    assert_eq!(pattern(&acme_cost(), "AP08").read_units_per_request, 1.0);
}

#[test]
fn transactions_double_the_table_writes_and_pay_every_index() {
    let report = acme_cost();
    // Put Transaction (400 B): 2 (transactional) + GSI1 + GSI2 + 0.1% of a write to the
    // sparse declined index = 4.001; update Account (250 B): 2 + its inverted-index copy = 3.
    let credit = pattern(&report, "AP18");
    assert!(close(credit.write_units_per_request, 7.001), "{}", credit.write_units_per_request);
    assert!(close(credit.peak_write_units, 40.0 * 7.001));
    assert!(close(pattern(&report, "AP19").peak_write_units, 80.0 * 7.001));
    // TTL deletes are free.
    assert_eq!(pattern(&report, "AP21").write_units_per_request, 0.0);
}

#[test]
fn monthly_totals_add_up_and_provisioned_covers_the_peak() {
    let report = acme_cost();
    let reads: f64 = report.patterns.iter().map(|p| p.peak_read_units).sum();
    assert!(close(report.peak_read_units, reads));
    let m = &report.monthly;
    assert!(close(m.provisioned_writes, report.peak_write_units.ceil() * 730.0 * 0.00065));
    assert!(close(m.provisioned_reads, report.peak_read_units.ceil() * 730.0 * 0.00013));
    assert!(close(m.on_demand_total, m.on_demand_reads + m.on_demand_writes + m.storage));
    let patterns: f64 = report.patterns.iter().map(|p| p.monthly_on_demand).sum();
    assert!(close(patterns, m.on_demand_reads + m.on_demand_writes));
}

#[test]
fn storage_counts_the_table_and_every_index_copy() {
    let report = acme_cost();
    // Transactions dominate: 1,916,250,000 × (400 + 100) bytes in the table, and the same
    // again in GSI1 and GSI2 (projection ALL).
    let transactions_gib = 1_916_250_000.0 * 500.0 / (1024.0 * 1024.0 * 1024.0);
    assert!(
        report.storage_gib > 3.0 * transactions_gib && report.storage_gib < 3.2 * transactions_gib,
        "{}",
        report.storage_gib
    );
    let gsi1 = report.indexes.iter().find(|i| i.index == "GSI1").unwrap();
    assert!(gsi1.storage_gib > transactions_gib);
    assert!(close(report.monthly.storage, report.storage_gib * 0.25));
}

#[test]
fn hot_partitions_are_named() {
    let report = acme_cost();
    assert!(report.warnings.iter().any(|w| w.contains("Customer") && w.contains("sharded")), "{:?}", report.warnings);
    assert!(report.warnings.iter().any(|w| w.contains("Transaction") && w.contains("sharded")));
}

#[test]
fn unknown_regions_and_bad_averages_are_refused() {
    let model = common::acme();
    let design = derive(&model);
    let options = CostOptions { region: "mars-north-1".into(), ..CostOptions::default() };
    let err = estimate(&model, &design, &options).unwrap_err();
    assert!(matches!(&err, CostError::UnknownRegion { known, .. } if known.contains("us-east-1")), "{err}");
    let options = CostOptions { average_to_peak: 0.0, ..CostOptions::default() };
    assert_eq!(estimate(&model, &design, &options).unwrap_err(), CostError::BadAverage(0.0));
}

#[test]
fn a_rate_too_large_to_cost_is_refused_not_priced_at_infinity() {
    let mut model = common::acme();
    model.access_patterns[0].peak_rate = f64::MAX / 2.0;
    let problems = tablewright_engine::validate::validate(&model);
    assert!(problems.iter().any(|d| d.path.to_string() == "$.access_patterns[0].peak_rate"), "check refuses it");
    let design = derive(&model);
    let err = estimate(&model, &design, &CostOptions::default()).unwrap_err();
    let id = &model.access_patterns[0].id;
    assert_eq!(err, CostError::NotFinite(format!("access pattern {id}")));
}

/// Tickets listed per queue and state, and the escalated ones (1% of them) on a
/// sparse index, with updates that move a ticket, escalate it, close the
/// escalation, and change a note.
fn tickets() -> tablewright_engine::model::Model {
    let update = |id: &str, updates: serde_json::Value| {
        serde_json::json!({
            "id": id, "name": format!("Update {id}"), "kind": "update", "entity": "Ticket", "inputs": ["ticketId"],
            "conditions": [{ "op": "exists" }], "updates": updates, "peak_rate": 10.0
        })
    };
    let model = serde_json::json!({
        "format": "tablewright/3",
        "name": "Tickets",
        "table": { "name": "tickets", "billing": { "mode": "on_demand" } },
        "entities": [{
            "name": "Ticket", "expected_count": 10000,
            "attributes": [
                { "name": "ticketId", "type": "string", "identifier": true },
                { "name": "queue", "type": "string", "required": true },
                { "name": "state", "type": "string", "required": true },
                { "name": "openedAt", "type": "string", "format": "timestamp", "required": true },
                { "name": "escalatedAt", "type": "string", "format": "timestamp" },
                { "name": "note", "type": "string" }
            ]
        }],
        "access_patterns": [
            { "id": "T1", "name": "Get a ticket", "kind": "read_one", "entity": "Ticket", "inputs": ["ticketId"], "peak_rate": 10.0 },
            {
                "id": "T2", "name": "Tickets of a queue in a state", "kind": "read_many", "entity": "Ticket",
                "inputs": ["queue", "state"], "order": { "attribute": "openedAt", "direction": "ascending" }, "peak_rate": 10.0
            },
            {
                "id": "T3", "name": "Escalated tickets", "kind": "read_many", "entity": "Ticket",
                "filter": { "attribute": "escalatedAt", "op": "present", "selectivity": 0.01 },
                "order": { "attribute": "escalatedAt", "direction": "descending" }, "peak_rate": 10.0
            },
            update("MOVE", serde_json::json!([{ "attribute": "state", "action": "set", "input": "newState" }])),
            update("ESCALATE", serde_json::json!([{ "attribute": "escalatedAt", "action": "set", "input": "now" }])),
            update("CLOSE", serde_json::json!([{ "attribute": "escalatedAt", "action": "remove" }])),
            update("NOTE", serde_json::json!([{ "attribute": "note", "action": "set", "input": "note" }]))
        ]
    });
    tablewright_engine::load_str(&model.to_string()).unwrap_or_else(|d| panic!("{d:?}"))
}

/// An update pays for what it does to each index, as DynamoDB bills it: giving an
/// item a sparse index's marker puts it there (a whole write, not the marker's
/// 1% share), removing it deletes it there, rebuilding a key moves it (a delete
/// and a put), and changing a projected attribute rewrites it. Each index's
/// write load is the sum of the same writes.
#[test]
fn updates_pay_for_the_index_entries_they_add_move_or_remove() {
    let model = tickets();
    let design = derive(&model);
    let index_of = |id: &str| design.plans.iter().find(|p| p.pattern == id).unwrap().request.index.clone();
    let (by_state, escalated) = (index_of("T2"), index_of("T3"));
    assert!(
        by_state != escalated && by_state.starts_with("GSI") && escalated.starts_with("GSI"),
        "{by_state} {escalated}"
    );
    let report = estimate(&model, &design, &CostOptions::default()).unwrap();
    let units = |id: &str| pattern(&report, id).write_units_per_request;
    // Every item is under 1 KB: one unit per write. The table write, then each index.
    // A note: the by-state index rewrites its copy, the sparse one only the 1% it holds.
    assert!(close(units("NOTE"), 1.0 + 1.0 + 0.01), "{}", units("NOTE"));
    // Escalating puts the ticket in the sparse index; its by-state copy is rewritten.
    assert!(close(units("ESCALATE"), 1.0 + 1.0 + 1.0), "{}", units("ESCALATE"));
    // Closing the escalation deletes it from the sparse index.
    assert!(close(units("CLOSE"), 1.0 + 1.0 + 1.0), "{}", units("CLOSE"));
    // A new state moves the by-state entry: a delete and a put.
    assert!(close(units("MOVE"), 1.0 + 2.0 + 0.01), "{}", units("MOVE"));
    let index_load = |name: &str| report.indexes.iter().find(|i| i.index == name).unwrap().peak_write_units;
    assert!(close(index_load(&escalated), 10.0 * (0.01 + 1.0 + 1.0 + 0.01)), "{}", index_load(&escalated));
    assert!(close(index_load(&by_state), 10.0 * (1.0 + 1.0 + 2.0 + 1.0)), "{}", index_load(&by_state));
}

/// A filtered read under a limit reads pages until the limit passed the filter:
/// 10 open tickets of 25% read 40, as the same read without the limit does. It
/// was billed for the 10 items of one page.
#[test]
fn a_filtered_read_under_a_limit_pays_for_every_item_it_reads_to_fill_it() {
    let with_limit = |limit: Option<u32>| {
        let mut model = tickets();
        let read = model.access_patterns.iter_mut().find(|p| p.id == "T2").unwrap();
        read.inputs = vec!["queue".into()];
        read.filter = Some(tablewright_engine::model::Filter::Test(tablewright_engine::model::FilterTest {
            selectivity: Some(0.25),
            ..serde_json::from_value(serde_json::json!({ "attribute": "state", "op": "equals", "value": "open" }))
                .unwrap()
        }));
        read.result_size = Some(10);
        read.limit = limit;
        let report = estimate(&model, &derive(&model), &CostOptions::default()).unwrap();
        pattern(&report, "T2").read_units_per_request
    };
    assert_eq!(with_limit(Some(10)), with_limit(None));
    assert!(with_limit(Some(10)) > with_limit(Some(2)), "a smaller limit reads fewer pages");
}

/// An index keyed by an optional attribute holds only the items that carry it:
/// a quarter of the issues have an assignee, so the assignee index stores a
/// quarter of what the table does.
#[test]
fn an_index_keyed_by_an_optional_attribute_stores_only_the_items_that_carry_it() {
    let model = tablewright_engine::load_str(
        &serde_json::json!({
            "format": "tablewright/3", "name": "Issues", "table": { "name": "issues", "billing": { "mode": "on_demand" } },
            "entities": [{ "name": "Issue", "expected_count": 1000000, "average_item_size": 1000, "attributes": [
                { "name": "issueId", "type": "string", "identifier": true },
                { "name": "assignee", "type": "string", "distribution": { "present_share": 0.25 } } ] }],
            "access_patterns": [
                { "id": "AP01", "name": "Issues of an assignee", "kind": "read_many", "entity": "Issue",
                  "inputs": ["assignee"], "peak_rate": 5 },
                { "id": "AP02", "name": "Open an issue", "kind": "put", "entity": "Issue", "peak_rate": 10 }
            ]
        })
        .to_string(),
    )
    .unwrap();
    let report = estimate(&model, &derive(&model), &CostOptions::default()).unwrap();
    let gsi1 = report.indexes.iter().find(|i| i.index == "GSI1").unwrap();
    let table = report.storage_gib - gsi1.storage_gib;
    assert!((gsi1.storage_gib / table - 0.25).abs() < 1e-9, "{gsi1:?} beside {table} GiB in the table");
    // A put writes the index for the quarter of issues that carry an assignee.
    assert!((gsi1.peak_write_units - 10.0 * 0.25).abs() < 1e-9, "{gsi1:?}");
}

/// A new user's ticketing model: orders placed at 5,500 a second at peak, half
/// of that around the clock, would create 7.2 billion orders a month against the
/// 300 million the table holds; the estimate says so rather than bill it silently.
#[test]
fn rates_that_outgrow_the_stated_volumes_are_a_warning() {
    let path = common::models_dir().join("../crates/engine/tests/fixtures/ticketing.tablewright.json");
    let model = tablewright_engine::load_file(&path).unwrap();
    let report = estimate(&model, &derive(&model), &CostOptions::default()).unwrap();
    let warning = report.warnings.iter().find(|w| w.contains("Order items a month")).expect("a warning on orders");
    assert!(warning.starts_with("at 50% of the peak rate around the clock, AP09 creates 7,227,000,000 Order items a month, more than the 300,000,000"), "{warning}");
    let quiet = CostOptions { average_to_peak: 0.01, ..CostOptions::default() };
    let report = estimate(&model, &derive(&model), &quiet).unwrap();
    assert!(!report.warnings.iter().any(|w| w.contains("Order items a month")), "{:?}", report.warnings);
}

/// A read that states neither a limit nor an answer size reads its whole
/// partition, as the hot-partition load counts it: all of a customer's orders.
#[test]
fn an_unbounded_read_pays_for_its_whole_partition() {
    let path = common::models_dir().join("ecommerce-orders.tablewright.json");
    let mut model: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let ec03 = model["access_patterns"].as_array_mut().unwrap().iter_mut().find(|p| p["id"] == "EC03").unwrap();
    ec03.as_object_mut().unwrap().remove("result_size");
    ec03.as_object_mut().unwrap().remove("limit");
    let model = tablewright_engine::load_str(&model.to_string()).unwrap();
    let report = estimate(&model, &derive(&model), &CostOptions::default()).unwrap();
    // 62,000,000 / 4,500,000 = 13.8 orders of 1,100 bytes: 15,156 bytes, four 4 KB units, halved.
    assert_eq!(pattern(&report, "EC03").read_units_per_request, 2.0);
}

/// A new user's support desk: tickets move open → assigned → waiting on the
/// customer → resolved → closed, each step an update with its statuses fixed in
/// the model, and the resolved ones wait in a sparse index for the close job.
/// Only resolving puts a ticket in that index and only closing takes it out:
/// assigning and replying (1,000 and 2,000 a second) never touch it, and new
/// tickets enter it at its share at rest, since no update puts them in.
#[test]
fn fixed_statuses_say_which_updates_move_items_through_a_sparse_index() {
    let path = common::models_dir().join("../crates/engine/tests/fixtures/support.tablewright.json");
    let model = tablewright_engine::load_file(&path).unwrap();
    let design = derive(&model);
    let ticket = design.entities.iter().find(|e| e.name == "Ticket").unwrap();
    let (index, _) = ticket.sparse.iter().find(|(_, g)| g.value.as_deref() == Some("resolved")).unwrap();
    let index = index.trim_end_matches("PK").trim_end_matches("SK").to_string();
    let report = estimate(&model, &design, &CostOptions::default()).unwrap();
    let writes = |id: &str| -> f64 {
        let plan = design.plans.iter().find(|p| p.pattern == id).unwrap();
        (0..plan.actions.len())
            .flat_map(|at| tablewright_engine::cost::index_writes(&model, &design, plan, at))
            .filter(|(i, _)| *i == index)
            .map(|(_, units)| units)
            .sum()
    };
    assert_eq!(writes("ST09"), 0.0, "assigning an open ticket leaves the index alone");
    assert_eq!(writes("ST10"), 0.0, "replying to an assigned ticket leaves it alone");
    assert_eq!(writes("ST11"), 1.0, "resolving puts the ticket in");
    assert_eq!(writes("ST13"), 1.0, "closing takes it out");
    let gsi = report.indexes.iter().find(|i| i.index == index).unwrap();
    // 400 resolved and 400 closed a second, and 500 new tickets at the 1.8% at rest.
    assert!(close(gsi.peak_write_units, 400.0 + 400.0 + 500.0 * writes("ST08")), "{gsi:?}");
    assert!(gsi.peak_write_units < 820.0, "{gsi:?}");
    let shard = ticket.shards.get(&format!("{index}PK")).and_then(|s| s.load).unwrap();
    assert_eq!(shard.writes, gsi.peak_write_units.ceil() as u64, "the shard count and cost agree: {shard:?}");
}

/// A new user's restaurant tablets poll the open orders every 5 seconds; the
/// plan reads a restaurant's whole order history and filters it down to the
/// few open ones. The estimate came to $2.2M a month without a word: now it
/// says what the filter throws away and what would serve the read instead,
/// and that the table's load is over the default on-demand quota.
#[test]
fn a_read_that_filters_away_most_of_what_it_reads_is_said_with_its_cost() {
    let model = tablewright_engine::load_file(&common::fixture_path("food-delivery")).unwrap();
    let report = estimate(&model, &derive(&model), &CostOptions::default()).unwrap();
    let filtered: Vec<&String> = report.warnings.iter().filter(|w| w.contains("reads about")).collect();
    assert_eq!(filtered.len(), 1, "{:#?}", report.warnings);
    assert!(filtered[0].starts_with("warning: FD05 reads about 16,000 items to return about 6"), "{}", filtered[0]);
    assert!(filtered[0].contains("13,675,000 read units a second"), "{}", filtered[0]);
    assert!(report.warnings.iter().any(|w| w.contains("over the 40,000 a second an on-demand table may take")));

    let acme = acme_cost();
    assert!(!acme.warnings.iter().any(|w| w.contains("reads about") || w.contains("quota")), "{:#?}", acme.warnings);
}

/// A put that fixes the attribute a sparse index is gated on writes the entry
/// exactly when the value meets the gate: the library's overdue loans index
/// takes no entry from a borrow whose new loan is ACTIVE, and one from a borrow
/// whose new loan were OVERDUE.
#[test]
fn a_put_that_fixes_the_gated_attribute_writes_the_sparse_entry_only_when_it_meets_the_gate() {
    let units = |status: &str| {
        let mut model = tablewright_engine::load_file(&common::fixture_path("library-lending")).unwrap();
        model.access_patterns.retain(|p| p.id != "LB09");
        let borrow = model.access_patterns.iter_mut().find(|p| p.id == "LB07").unwrap();
        borrow.steps[1].updates[0].value = Some(status.to_string());
        let report = estimate(&model, &derive(&model), &CostOptions::default()).unwrap();
        pattern(&report, "LB07").write_units_per_request
    };
    let (active, overdue) = (units("ACTIVE"), units("OVERDUE"));
    // One more index entry of a small item: one write unit.
    assert!(close(overdue - active, 1.0), "{active} {overdue}");
}
