//! Why a filter is a FilterExpression rather than a sparse index, said as it is:
//! the numbers in the explanation are the model's, and a selective filter read
//! within one partition is not said to pass "too large a share".

mod common;

use serde_json::json;
use tablewright_engine::design::derive;
use tablewright_engine::load_str;

/// AP02, a customer's orders, newest first, with `filter`.
fn why_of_orders(filter: serde_json::Value) -> String {
    let c = common::case(|v| {
        let orders = &mut v["access_patterns"][1];
        orders.as_object_mut().unwrap().remove("range");
        orders["filter"] = filter;
    });
    let model = load_str(&c.text).unwrap_or_else(|d| panic!("{}", common::render(&d)));
    let design = derive(&model);
    let plan = design.plans.iter().find(|p| p.pattern == "AP02").unwrap();
    assert!(plan.request.filter.is_some(), "{plan:?}");
    plan.explanation.clone()
}

#[test]
fn a_selective_filter_within_one_partition_says_the_key_already_narrows_it() {
    // ACME's AP09 reads an account's own table partition; a rare declineReason
    // is tested there rather than copied to a sparse index.
    let path = common::models_dir().join("acme-bank.tablewright.json");
    let mut acme: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let patterns = acme["access_patterns"].as_array_mut().unwrap();
    let ap09 = patterns.iter_mut().find(|p| p["id"] == "AP09").unwrap();
    ap09["filter"] = json!({"attribute": "declineReason", "op": "present", "selectivity": 0.02});
    let model = load_str(&acme.to_string()).unwrap_or_else(|d| panic!("{}", common::render(&d)));
    let design = derive(&model);
    let plan = design.plans.iter().find(|p| p.pattern == "AP09").unwrap();
    assert!(plan.request.index == "table" && plan.request.filter.is_some(), "{plan:?}");
    let why = &plan.explanation;
    assert!(
        why.contains(
            "The key already reads just one table partition, so the test of declineReason is a FilterExpression"
        ),
        "{why}"
    );
    assert!(!why.contains("too large"), "{why}");
}

#[test]
fn a_filter_passing_many_items_gives_its_share_and_the_threshold() {
    let why = why_of_orders(json!({"attribute": "total", "op": "present", "selectivity": 0.3}));
    assert!(why.contains("The filter passes 30% of the items, more than the 5% a sparse index pays for"), "{why}");
}

#[test]
fn a_filter_without_a_share_says_it_is_not_given() {
    let why = why_of_orders(json!({"attribute": "total", "op": "present"}));
    assert!(why.contains("its selectivity) is not given"), "{why}");
}

#[test]
fn an_absent_filter_says_how_a_marker_would_make_it_sparse() {
    let why = why_of_orders(json!({"attribute": "total", "op": "absent", "selectivity": 0.02}));
    assert!(why.contains("Items without total carry nothing an index could be keyed by"), "{why}");
    assert!(
        why.contains(
            "give them a marker attribute that the write creating them sets and the write setting total removes"
        ),
        "{why}"
    );
}

/// A new user's dispatcher lists the priority orders (5% of them, a boolean).
/// The writers decide on a sparse key by its text, which a boolean has not, so
/// the derivation keeps the test a FilterExpression rather than an index whose
/// keys no writer would write; the verifier and the plan agree on it.
#[test]
fn a_selective_test_of_a_boolean_stays_a_filter() {
    let path = common::models_dir().join("../crates/engine/tests/fixtures/fulfilment.tablewright.json");
    let mut model: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let fw08 = model["access_patterns"].as_array_mut().unwrap().iter_mut().find(|p| p["id"] == "FW08").unwrap();
    fw08["filter"] = json!({ "attribute": "priority", "op": "equals", "value": "true", "selectivity": 0.05 });
    let model = load_str(&model.to_string()).unwrap_or_else(|d| panic!("{}", common::render(&d)));
    let design = derive(&model);
    let order = design.entities.iter().find(|e| e.name == "Order").unwrap();
    assert!(order.sparse.values().all(|g| g.attribute != "priority"), "{:#?}", order.sparse);
    let plan = design.plans.iter().find(|p| p.pattern == "FW08").unwrap();
    assert!(plan.request.filter.as_deref().is_some_and(|f| f.contains("#priority")), "{plan:#?}");
    assert!(plan.explanation.contains("priority is a boolean"), "{}", plan.explanation);
    let verdict =
        tablewright_engine::verify::verify(&model, &design).patterns.into_iter().find(|v| v.pattern == "FW08");
    assert!(verdict.is_some_and(|v| v.ok));
}
