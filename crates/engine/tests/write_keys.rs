//! Writes keep every key they affect: an update that changes what an index key is
//! made of rebuilds that key in the same request (or removes it, when the item
//! leaves the index), the verifier rejects a plan that does not, and a write that
//! cannot do it is reported rather than planned half-right.

mod common;

use serde_json::json;
use tablewright_engine::design::{derive, Action, Design, ProblemCode};
use tablewright_engine::load_str;
use tablewright_engine::model::Model;
use tablewright_engine::verify::verify;

fn example(name: &str) -> Model {
    let text = std::fs::read_to_string(common::models_dir().join(format!("{name}.tablewright.json"))).unwrap();
    load_str(&text).unwrap()
}

fn action<'d>(design: &'d Design, pattern: &str, entity: &str) -> &'d Action {
    let plan = design.plans.iter().find(|p| p.pattern == pattern).unwrap();
    plan.actions.iter().find(|a| a.entity == entity).unwrap()
}

/// EC15's update of Inventory in `design`, to break on purpose.
fn inventory_update(design: &mut Design) -> &mut Action {
    let plan = design.plans.iter_mut().find(|p| p.pattern == "EC15").unwrap();
    plan.actions.iter_mut().find(|a| a.entity == "Inventory").unwrap()
}

fn reasons(model: &Model, design: &Design, pattern: &str) -> Vec<String> {
    verify(model, design).patterns.into_iter().find(|v| v.pattern == pattern).unwrap().reasons
}

/// EC15 ("Place an order") sets Inventory's updatedAt, which GSI1SK is built from.
#[test]
fn placing_an_order_rebuilds_the_inventory_index_key() {
    let model = example("ecommerce-orders");
    let design = derive(&model);
    let inventory = design.entities.iter().find(|e| e.name == "Inventory").unwrap();
    assert_eq!(inventory.keys.get("GSI1SK").map(String::as_str), Some("INVENTORY#{updatedAt}"));
    let update = action(&design, "EC15", "Inventory");
    let text = update.update.as_deref().unwrap();
    assert!(text.contains("#updatedAt = :now") && text.contains("#GSI1SK = :_GSI1SK"), "{text}");
    assert_eq!(update.built.get("_GSI1SK").map(String::as_str), Some("INVENTORY#{now}"));
    assert_eq!(reasons(&model, &design, "EC15"), Vec::<String>::new());
}

/// The same plan with the key's rewrite taken out is rejected, naming the key
/// and the attribute.
#[test]
fn the_verifier_rejects_an_update_that_leaves_an_index_key_stale() {
    let model = example("ecommerce-orders");
    let mut design = derive(&model);
    let update = inventory_update(&mut design);
    update.update = update.update.as_deref().map(|u| u.replace(", #GSI1SK = :_GSI1SK", ""));
    update.built.clear();
    let reasons = reasons(&model, &design, "EC15");
    assert!(
        reasons.iter().any(|r| r.contains("updatedAt") && r.contains("GSI1SK") && r.contains("stale")),
        "{reasons:?}"
    );
}

/// A rebuilt key whose template is not the key's own is rejected too.
#[test]
fn the_verifier_rejects_a_key_rebuilt_wrongly() {
    let model = example("ecommerce-orders");
    let mut design = derive(&model);
    inventory_update(&mut design).built.insert("_GSI1SK".into(), "STOCK#{now}".into());
    let reasons = reasons(&model, &design, "EC15");
    assert!(reasons.iter().any(|r| r.contains("should be INVENTORY#{now}")), "{reasons:?}");
}

/// A small model: tickets listed per queue by state and time on an index.
fn tickets(updates: serde_json::Value) -> Model {
    let model = json!({
        "format": "tablewright/1",
        "name": "Tickets",
        "table": { "name": "tickets", "billing": { "mode": "on_demand" } },
        "entities": [
            {
                "name": "Ticket",
                "expected_count": 10000,
                "attributes": [
                    { "name": "ticketId", "type": "string", "identifier": true },
                    { "name": "queue", "type": "string", "required": true },
                    { "name": "state", "type": "string", "required": true },
                    { "name": "openedAt", "type": "string", "format": "timestamp", "required": true },
                    { "name": "escalatedAt", "type": "string", "format": "timestamp" }
                ]
            }
        ],
        "access_patterns": [
            { "id": "T1", "name": "Get a ticket", "kind": "read_one", "entity": "Ticket", "inputs": ["ticketId"], "peak_rate": 10.0 },
            {
                "id": "T2", "name": "Tickets of a queue in a state, oldest first", "kind": "read_many", "entity": "Ticket",
                "inputs": ["queue", "state"], "order": { "attribute": "openedAt", "direction": "ascending" }, "peak_rate": 10.0
            },
            {
                "id": "T3", "name": "Escalated tickets, newest first", "kind": "read_many", "entity": "Ticket",
                "inputs": ["queue"], "filter": { "attribute": "escalatedAt", "op": "present", "selectivity": 0.01 },
                "order": { "attribute": "escalatedAt", "direction": "descending" }, "peak_rate": 10.0
            },
            { "id": "T4", "name": "Change a ticket", "kind": "update", "entity": "Ticket", "updates": updates, "peak_rate": 10.0 }
        ]
    });
    load_str(&model.to_string()).unwrap_or_else(|d| panic!("{d:?}"))
}

#[test]
fn an_update_that_lacks_part_of_a_key_is_reported_and_rejected() {
    // GSI1SK is built from state and openedAt; the update sets state alone.
    let model = tickets(json!([{ "attribute": "state", "action": "set", "input": "newState" }]));
    let design = derive(&model);
    let stale: Vec<_> = design.problems.iter().filter(|p| p.code == ProblemCode::StaleIndexKey).collect();
    let keys: Vec<&String> = design.entities[0].keys.values().collect();
    assert!(
        stale.iter().any(|p| p.pattern.as_deref() == Some("T4")) || !action(&design, "T4", "Ticket").built.is_empty(),
        "neither rebuilt nor reported; keys {keys:?}, problems {:#?}",
        design.problems
    );
    if let Some(p) = stale.first() {
        assert!(p.message.contains("T4"), "{}", p.message);
        assert!(!reasons(&model, &design, "T4").is_empty(), "a reported stale key fails verification too");
    }
}

/// The keys of the escalated tickets' sparse index built from escalatedAt.
fn escalation_keys(design: &Design) -> Vec<String> {
    let keys = &design.entities[0];
    assert!(!keys.sparse.is_empty(), "escalated tickets get a sparse index: {keys:#?}");
    keys.sparse.keys().filter(|k| keys.keys[k.as_str()].contains("{escalatedAt}")).cloned().collect()
}

#[test]
fn an_update_that_removes_a_sparse_attribute_takes_the_item_out_of_the_index() {
    let model = tickets(json!([{ "attribute": "escalatedAt", "action": "remove" }]));
    let design = derive(&model);
    let built_from_it = escalation_keys(&design);
    assert!(!built_from_it.is_empty());
    let update = action(&design, "T4", "Ticket").update.clone().unwrap();
    assert!(update.starts_with("REMOVE #escalatedAt"), "{update}");
    for key in &built_from_it {
        assert!(update.contains(&format!("#{key}")), "{key} removed: {update}");
    }
    assert_eq!(reasons(&model, &design, "T4"), Vec::<String>::new());
}

#[test]
fn an_update_that_sets_a_sparse_attribute_puts_the_item_into_the_index() {
    let model = tickets(json!([{ "attribute": "escalatedAt", "action": "set", "input": "now" }]));
    let design = derive(&model);
    let update = action(&design, "T4", "Ticket");
    for key in escalation_keys(&design) {
        let built = update.built.get(&format!("_{key}")).unwrap_or_else(|| panic!("{key} rebuilt: {update:#?}"));
        assert!(built.contains("{now}"), "{key} = {built}");
    }
    assert_eq!(reasons(&model, &design, "T4"), Vec::<String>::new());
}
