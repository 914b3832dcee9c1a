//! An attribute declared unique is unique only where the design makes it so:
//! DynamoDB keeps primary keys unique and nothing else, so a write that gives
//! the value without a guard item in its transaction is reported.

mod common;

use serde_json::{json, Value};
use tablewright_engine::design::{derive, ProblemCode};
use tablewright_engine::load_str;

fn customers(patterns: Value) -> Value {
    json!({
        "format": "tablewright/3", "name": "Customers", "table": { "name": "customers", "billing": { "mode": "on_demand" } },
        "entities": [
            { "name": "Customer", "attributes": [
                { "name": "customerId", "type": "string", "identifier": true },
                { "name": "email", "type": "string", "required": true, "unique": true } ] },
            { "name": "CustomerEmail", "description": "Guards the email: one item per email in use.", "attributes": [
                { "name": "email", "type": "string", "identifier": true },
                { "name": "customerId", "type": "string", "required": true } ] }
        ],
        "access_patterns": patterns
    })
}

fn unique_problems(model: Value) -> Vec<(String, Option<String>)> {
    let design = derive(&load_str(&model.to_string()).unwrap());
    design
        .problems
        .into_iter()
        .filter(|p| p.code == ProblemCode::UniqueNotEnforced)
        .map(|p| (p.message, p.pattern))
        .collect()
}

#[test]
fn a_create_and_an_email_change_without_a_guard_are_reported() {
    let found = unique_problems(customers(json!([
        { "id": "AP01", "name": "Register", "kind": "put", "entity": "Customer", "peak_rate": 5,
          "conditions": [{ "op": "not_exists" }] },
        { "id": "AP02", "name": "Change the email", "kind": "update", "entity": "Customer", "peak_rate": 1,
          "inputs": ["customerId"], "updates": [{ "attribute": "email", "action": "set", "input": "newEmail" }] }
    ])));
    assert_eq!(found.len(), 1, "{found:?}");
    let (message, pattern) = &found[0];
    assert_eq!(pattern.as_deref(), Some("AP01"));
    assert!(message.starts_with("Customer.email is declared unique, but AP01, AP02 write it"), "{message}");
    assert!(message.contains("Add an entity keyed by email alone"), "{message}");
}

#[test]
fn a_create_that_puts_a_guard_item_in_its_transaction_is_not_reported() {
    let found = unique_problems(customers(json!([
        { "id": "AP01", "name": "Register", "kind": "transaction", "entity": "Customer", "peak_rate": 5, "steps": [
            { "action": "put", "entity": "Customer", "conditions": [{ "op": "not_exists" }] },
            { "action": "put", "entity": "CustomerEmail", "conditions": [{ "op": "not_exists" }] } ] }
    ])));
    assert!(found.is_empty(), "{found:?}");
}

/// A guard keyed by the email and something else makes only the pair unique.
#[test]
fn a_guard_keyed_by_more_than_the_attribute_does_not_count() {
    let mut model = customers(json!([
        { "id": "AP01", "name": "Register", "kind": "transaction", "entity": "Customer", "peak_rate": 5, "steps": [
            { "action": "put", "entity": "Customer", "conditions": [{ "op": "not_exists" }] },
            { "action": "put", "entity": "CustomerEmail", "conditions": [{ "op": "not_exists" }] } ] }
    ]));
    model["entities"][1]["attributes"][1]["identifier"] = json!(true);
    let found = unique_problems(model);
    assert_eq!(found.len(), 1, "{found:?}");
}

/// A read of one item whose inputs can match many (a hotel's reservation by the
/// hotel's id) is a warning; its identifier, a unique attribute, a child's
/// identifier (for its parent) or a limit of one names one.
#[test]
fn a_read_of_one_item_by_inputs_that_match_many_is_a_warning() {
    let mut model = tablewright_engine::load_file(&common::fixture_path("library-lending")).unwrap();
    let warned = |model: &tablewright_engine::model::Model| -> Vec<String> {
        derive(model)
            .problems
            .into_iter()
            .filter(|p| p.code == ProblemCode::ReadOneNotUnique)
            .map(|p| p.message)
            .collect()
    };
    assert!(warned(&model).is_empty(), "{:?}", warned(&model));
    let mut read = model.access_patterns.iter().find(|p| p.id == "LB01").unwrap().clone();
    read.id = "LB90".into();
    read.entity = "Loan".into();
    read.inputs = vec!["memberId".into()];
    model.access_patterns.push(read.clone());
    let found = warned(&model);
    assert!(
        found.len() == 1 && found[0].starts_with("LB90 reads one Loan by memberId, which can match many"),
        "{found:?}"
    );
    for named in [vec!["loanId".to_string()], vec!["memberId".to_string(), "loanId".to_string()]] {
        model.access_patterns.last_mut().unwrap().inputs = named;
        assert!(warned(&model).is_empty());
    }
    // The member of a loan: the loan's identifier names one.
    let last = model.access_patterns.last_mut().unwrap();
    (last.entity, last.inputs) = ("Member".into(), vec!["loanId".into()]);
    assert!(warned(&model).is_empty(), "{:?}", warned(&model));
    // The first loan of a member, by a limit of one.
    let last = model.access_patterns.last_mut().unwrap();
    (last.entity, last.inputs, last.limit) = ("Loan".into(), vec!["memberId".into()], Some(1));
    assert!(warned(&model).is_empty(), "{:?}", warned(&model));
}
