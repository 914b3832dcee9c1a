//! An item without an attribute its index key is built from is not in that index.
//! A read of the index then misses it, which the verifier must say before the
//! proof finds it — unless the pattern only asks for items that have the attribute.

mod common;

use std::collections::BTreeSet;

use serde_json::{json, Value};
use tablewright_engine::design::derive;
use tablewright_engine::edit::apply;
use tablewright_engine::graph::ErGraph;
use tablewright_engine::oracle::{expected, Params};
use tablewright_engine::sample::{generate, SampleOptions};
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
fn not_yet_returned_is_an_absent_filter_applied_by_the_query() {
    let model = load(&library());
    let design = derive(&model);
    let plan = design.plans.iter().find(|p| p.pattern == "AP06").unwrap();
    assert_eq!(plan.request.filter.as_deref(), Some("attribute_not_exists(#returnedOn)"), "{plan:#?}");
    assert!(plan.explanation.contains("Items without returnedOn"), "{}", plan.explanation);
    assert!(reasons(&library(), "AP06").is_empty(), "{:?}", reasons(&library(), "AP06"));

    let options = SampleOptions { items_per_entity: 30, seed: 7, as_of: 20_454 };
    let sample = generate(&model, &design, &options).unwrap();
    let open: BTreeSet<_> =
        sample.of("Loan").filter(|l| l.get("returnedOn").is_none()).map(|l| sample.key(l)).collect();
    assert!(!open.is_empty() && open.len() < sample.of("Loan").count(), "the sample has loans of both kinds");
    let book = sample.of("Loan").find(|l| l.get("returnedOn").is_none()).unwrap();
    let params: Params = [("bookId".to_string(), book.get("bookId").unwrap().clone())].into_iter().collect();
    let answer = expected(&model, &sample, &model.access_patterns[5], &params).required;
    assert!(!answer.is_empty() && answer.is_subset(&open), "the oracle keeps the open loans only");
}

#[test]
fn an_absent_filter_on_an_attribute_every_item_has_is_refused() {
    let mut value = library();
    value["access_patterns"][5]["filter"]["attribute"] = json!("loanId");
    let errors = common::errors_of(&value.to_string());
    assert!(
        errors
            .iter()
            .any(|e| e.path.to_string() == "$.access_patterns[5].filter.op" && e.message.contains("none would pass")),
        "{}",
        common::render(&errors)
    );
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

/// Each fix the verifier offers is one edit, and applying it answers the reason.
#[test]
fn the_fixes_offered_are_edits_that_make_the_pattern_served() {
    let model = load(&library());
    let verification = verify(&model, &derive(&model));
    let verdict = verification.patterns.into_iter().find(|v| v.pattern == "AP03").unwrap();
    let labels: Vec<&str> = verdict.fixes.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(labels, ["Make Loan's loanedAt required", "Ask AP03 only for items with loanedAt"]);
    for fix in &verdict.fixes {
        let fixed = apply(&model, &fix.edit).unwrap().model;
        let after = verify(&fixed, &derive(&fixed));
        let served = after.patterns.iter().find(|v| v.pattern == "AP03").unwrap();
        assert!(served.ok && served.fixes.is_empty(), "{}: {:?}", fix.label, served.reasons);
    }
}

/// A filter applies to every item a request reads: a pattern that reads its
/// target with another entity is not offered a filter that would drop the
/// other entity's items too.
#[test]
fn a_read_with_another_entity_is_offered_no_filter() {
    let mut value = library();
    value["access_patterns"][2]["with"] = json!(["Member"]);
    let model = load(&value);
    let verification = verify(&model, &derive(&model));
    let verdict = verification.patterns.into_iter().find(|v| v.pattern == "AP03").unwrap();
    assert!(verdict.reasons.iter().any(|r| r.contains("loanedAt")), "{verdict:#?}");
    let labels: Vec<&str> = verdict.fixes.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(labels, ["Make Loan's loanedAt required"]);
}
