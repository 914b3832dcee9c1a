//! An item without an attribute its index key is built from is not in that index.
//! A read of the index then misses it, which the verifier must say before the
//! proof finds it — unless the pattern only asks for items that have the attribute.

mod common;

use serde_json::{json, Value};
use tablewright_engine::design::derive;
use tablewright_engine::graph::ErGraph;
use tablewright_engine::verify::verify;
use tablewright_engine::{load_str, Model};

/// Member—Loan, Book—Loan; loans of a member newest first, with `loanedAt` optional.
fn library() -> Value {
    let path = common::models_dir().join("..").join("tests/fixtures/library-optional-key.tablewright.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn load(value: &Value) -> Model {
    load_str(&value.to_string()).unwrap_or_else(|d| panic!("valid: {}", common::render(&d)))
}

fn reasons(value: &Value, pattern: &str) -> Vec<String> {
    let model = load(value);
    let verification = verify(&model, &derive(&model));
    verification.patterns.into_iter().find(|v| v.pattern == pattern).unwrap().reasons
}

#[test]
fn an_index_key_built_from_an_optional_attribute_misses_items_and_says_the_fix() {
    let reasons = reasons(&library(), "AP03");
    assert_eq!(reasons.len(), 1, "{reasons:#?}");
    let r = &reasons[0];
    assert!(r.contains("GSI1") && r.contains("loanedAt") && r.contains("may lack"), "{r}");
    assert!(r.contains("Make loanedAt required") && r.contains("filter that loanedAt is present"), "{r}");
}

#[test]
fn a_required_attribute_or_a_pattern_that_asks_for_it_is_served() {
    let mut required = library();
    required["entities"][2]["attributes"][1]["required"] = json!(true);
    assert!(reasons(&required, "AP03").is_empty());

    let mut present = library();
    present["access_patterns"][2]["filter"] = json!({"attribute": "loanedAt", "op": "present"});
    assert!(reasons(&present, "AP03").is_empty(), "{:?}", reasons(&present, "AP03"));
}

#[test]
fn items_carry_required_attributes_and_the_parents_every_child_has() {
    let mut value = library();
    value["relationships"][1]["required"] = json!(false);
    let model = load(&value);
    let graph = ErGraph::new(&model);
    assert!(graph.always_carries("Loan", "loanId"), "the identifier");
    assert!(!graph.always_carries("Loan", "loanedAt") && !graph.always_carries("Loan", "returnedOn"));
    assert!(graph.always_carries("Loan", "memberId"), "every loan has a member");
    assert!(!graph.always_carries("Loan", "bookId"), "BookLoans is not required");
}
