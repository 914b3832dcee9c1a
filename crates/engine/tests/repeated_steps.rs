//! A transaction step repeated once per element of a list the request carries
//! (EC15: an order's lines and a stock reservation per line): `check` bounds it by
//! DynamoDB's 100 actions, the plan, the verifier, the oracle and `cost` all count
//! it per element.

mod common;

use serde_json::{json, Value};
use tablewright_engine::cost::{estimate, CostOptions};
use tablewright_engine::design::derive;
use tablewright_engine::model::{ForEach, Model};
use tablewright_engine::oracle::scenarios;
use tablewright_engine::sample::{generate, SampleOptions};
use tablewright_engine::verify::verify;
use tablewright_engine::{load_file, load_str};

fn ecommerce() -> Model {
    load_file(&common::models_dir().join("ecommerce-orders.tablewright.json")).unwrap()
}

/// The model file's JSON with EC15's repeated steps changed by `change`.
fn with_ec15(change: impl FnOnce(&mut Vec<Value>)) -> String {
    let text = std::fs::read_to_string(common::models_dir().join("ecommerce-orders.tablewright.json")).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    let patterns = v["access_patterns"].as_array_mut().unwrap();
    let ec15 = patterns.iter_mut().find(|p| p["id"] == "EC15").unwrap();
    change(ec15["steps"].as_array_mut().unwrap());
    v.to_string()
}

fn messages(text: &str) -> Vec<(String, String)> {
    let diagnostics = load_str(text).expect_err("the model must be rejected");
    diagnostics.iter().map(|d| (d.path.to_string(), d.message.clone())).collect()
}

#[test]
fn check_bounds_the_actions_a_transaction_may_send_counting_each_element() {
    // 1 + 1 + 50 + 50 = 102 actions.
    let text = with_ec15(|steps| {
        steps[2]["for_each"]["at_most"] = json!(50);
        steps[3]["for_each"]["at_most"] = json!(50);
    });
    let found = messages(&text);
    assert!(
        found.iter().any(|(path, m)| path.ends_with(".steps")
            && m == "TransactWriteItems takes at most 100 actions; these steps make up to 102"),
        "{found:?}"
    );
}

#[test]
fn check_rejects_a_list_name_that_is_no_identifier_a_shared_list_an_empty_one_and_a_typical_over_the_most() {
    let hostile = with_ec15(|steps| steps[2]["for_each"]["list"] = json!("x\"; touch /tmp/pwned"));
    let found = messages(&hostile);
    assert!(found.iter().any(|(path, m)| path.ends_with("steps[2].for_each.list") && m.contains("cannot name a list")));
    let compared = with_ec15(|steps| {
        steps[2]["conditions"] = json!([{ "attribute": "quantity", "op": "<", "input": "maxQuantity" }]);
    });
    let found = messages(&compared);
    assert!(
        found.iter().any(|(path, m)| path.ends_with("steps[2].conditions")
            && m == "a put repeated per element compares with the input 'maxQuantity', but its elements are the items"),
        "{found:?}"
    );
    let taken = with_ec15(|steps| steps[2]["for_each"]["list"] = json!("quantity"));
    let found = messages(&taken);
    assert!(found.iter().any(|(_, m)| m == "'quantity' already names an attribute or an input"), "{found:?}");
    let text = with_ec15(|steps| {
        steps[3]["for_each"]["list"] = json!("lines");
        steps[2]["for_each"]["at_most"] = json!(0);
        steps[2]["for_each"]["typical"] = json!(3);
    });
    let found = messages(&text);
    let at = |suffix: &str| found.iter().find(|(path, _)| path.ends_with(suffix)).map(|(_, m)| m.as_str());
    assert_eq!(at("steps[3].for_each.list"), Some("another step already repeats over 'lines'"), "{found:?}");
    assert_eq!(at("steps[2].for_each.at_most"), Some("a list of at most 0 elements repeats nothing"), "{found:?}");
    assert_eq!(at("steps[2].for_each.typical"), Some("typical must be from 1 to at_most (0), not 3"), "{found:?}");
}

#[test]
fn the_plan_repeats_the_actions_the_model_repeats_and_says_how_many_it_sends() {
    let model = ecommerce();
    let design = derive(&model);
    let plan = design.plans.iter().find(|p| p.pattern == "EC15").unwrap();
    let lists: Vec<Option<&str>> = plan.actions.iter().map(|a| a.for_each.as_ref().map(|f| f.list.as_str())).collect();
    assert_eq!(lists, [None, None, Some("lines"), Some("reservations")]);
    assert!(plan.explanation.contains("applies up to 92 actions"), "{}", plan.explanation);
    let verdict = verify(&model, &design);
    assert!(verdict.patterns.iter().find(|v| v.pattern == "EC15").unwrap().ok);
}

#[test]
fn the_verifier_rejects_a_plan_that_sends_a_repeated_step_once() {
    let model = ecommerce();
    let mut design = derive(&model);
    let plan = design.plans.iter_mut().find(|p| p.pattern == "EC15").unwrap();
    plan.actions[3].for_each = None;
    let verdict = verify(&model, &design);
    let ec15 = verdict.patterns.iter().find(|v| v.pattern == "EC15").unwrap();
    assert!(!ec15.ok);
    let reasons = format!("{:?}", ec15.reasons);
    assert!(
        reasons.contains(
            "the step on Inventory is repeated once per element of reservations (at most 45), its action once"
        ),
        "{reasons}"
    );
}

#[test]
fn every_scenario_sends_two_elements_of_each_list_at_keys_of_their_own() {
    let model = ecommerce();
    let design = derive(&model);
    let options = SampleOptions { items_per_entity: 60, seed: 5, as_of: 20_454 };
    let sample = generate(&model, &design, &options).unwrap();
    let p = model.pattern("EC15").unwrap();
    let plan = design.plans.iter().find(|plan| plan.pattern == "EC15").unwrap();
    let cases = scenarios(&model, &design, &sample, &options, p, plan).unwrap().cases;
    assert!(cases[0].succeeds, "{}", cases[0].name);
    for scenario in &cases {
        let steps: Vec<(usize, Option<usize>)> = scenario.actions.iter().map(|c| (c.step, c.element)).collect();
        assert_eq!(steps, [(0, None), (1, None), (2, Some(0)), (2, Some(1)), (3, Some(0)), (3, Some(1))]);
        let mut keys: Vec<_> = scenario.actions.iter().map(|c| c.key.clone()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), 6, "{}: two actions on one item", scenario.name);
    }
    // The lines belong to the order the transaction puts.
    let placed = &cases[0];
    let order = &placed.actions[1].key_values["orderId"];
    assert!(placed.actions[2..4].iter().all(|line| &line.key_values["orderId"] == order));
    // A failing second element cancels the whole transaction.
    let second = cases.iter().find(|c| c.name.starts_with("Inventory (element 2 of the list)")).unwrap();
    assert!(!second.succeeds, "{}", second.name);
}

#[test]
fn cost_counts_a_typical_request_of_each_repeated_step() {
    let model = ecommerce();
    let units = |typical: u32| {
        let mut m = model.clone();
        let ec15 = m.access_patterns.iter_mut().find(|p| p.id == "EC15").unwrap();
        for step in ec15.steps.iter_mut().filter(|s| s.for_each.is_some()) {
            step.for_each =
                Some(ForEach { list: step.for_each.take().unwrap().list, at_most: 45, typical: Some(typical) });
        }
        let design = derive(&m);
        let report = estimate(&m, &design, &CostOptions::default()).unwrap();
        report.patterns.iter().find(|c| c.pattern == "EC15").unwrap().write_units_per_request
    };
    let (one, three) = (units(1), units(3));
    // The order and the customer once; a line and a reservation per element.
    let per_element = (three - one) / 2.0;
    assert!(per_element > 0.0);
    assert!((units(5) - one - 4.0 * per_element).abs() < 1e-9, "{one} {three} {}", units(5));
}

#[test]
fn a_list_is_shorter_where_the_sample_has_one_item_for_it() {
    let model = ecommerce();
    let design = derive(&model);
    let options = SampleOptions { items_per_entity: 60, seed: 5, as_of: 20_454 };
    let mut sample = generate(&model, &design, &options).unwrap();
    let first = sample.items.iter().position(|i| i.entity == "Inventory").unwrap();
    let kept = sample.items[first].clone();
    sample.items.retain(|i| i.entity != "Inventory");
    sample.items.push(kept);
    let p = model.pattern("EC15").unwrap();
    let plan = design.plans.iter().find(|plan| plan.pattern == "EC15").unwrap();
    let cases = scenarios(&model, &design, &sample, &options, p, plan).unwrap().cases;
    assert!(cases[0].succeeds);
    assert!(
        cases[0].name.ends_with("(one Inventory element only: the sample has no other item for it)"),
        "{}",
        cases[0].name
    );
    let reservations = cases[0].actions.iter().filter(|c| c.entity == "Inventory").count();
    assert_eq!(reservations, 1, "{:?}", cases[0].actions.iter().map(|c| &c.entity).collect::<Vec<_>>());
    // No scenario stands for the element the sample cannot give.
    assert!(
        !cases.iter().any(|c| c.name.starts_with("Inventory (element 2")),
        "{:?}",
        cases.iter().map(|c| &c.name).collect::<Vec<_>>()
    );
    assert!(cases.iter().filter(|c| !c.succeeds).all(|c| !c.name.contains("the write succeeds")));
}

#[test]
fn the_element_of_a_list_is_named_apart_from_its_fields_and_the_inputs() {
    // A list of `skus` whose elements have a `sku`: the loop's element is no `sku`.
    let text = with_ec15(|steps| steps[3]["for_each"]["list"] = json!("skus"));
    let model = load_str(&text).unwrap();
    let design = derive(&model);
    let program = tablewright_engine::codegen::program(&model, &design, "EC15").unwrap();
    let each = program.actions()[3].each.as_ref().unwrap();
    assert_eq!((each.list.as_str(), each.element.as_str()), ("skus", "skusElement"));
    assert!(each.fields.iter().any(|f| f.name == "sku"));
    assert_eq!(program.actions()[2].each.as_ref().unwrap().element, "line");
    // A list named like the parameter of a put sent once is refused.
    let found = messages(&with_ec15(|steps| steps[2]["for_each"]["list"] = json!("orderItem")));
    assert!(found.iter().any(|(_, m)| m == "'orderItem' already names an attribute or an input"), "{found:?}");
}

/// A new order, its lines and its one delivery in one transaction: the delivery
/// is the new order's, not a stored order's (which left no fresh order key).
#[test]
fn a_transaction_puts_a_new_parent_with_its_lines_and_its_one_to_one_child() {
    let model = load_str(
        &json!({
            "format": "tablewright/3",
            "name": "Orders", "table": { "name": "orders", "billing": { "mode": "on_demand" } },
            "entities": [
                { "name": "Order", "attributes": [
                    { "name": "orderId", "type": "string", "format": "ulid", "identifier": true },
                    { "name": "placedAt", "type": "string", "format": "timestamp", "required": true },
                    { "name": "status", "type": "string" } ] },
                { "name": "OrderLine", "attributes": [
                    { "name": "orderId", "type": "string", "format": "ulid", "identifier": true },
                    { "name": "lineNumber", "type": "number", "identifier": true } ] },
                { "name": "Delivery", "attributes": [
                    { "name": "deliveryId", "type": "string", "format": "ulid", "identifier": true },
                    { "name": "status", "type": "string" } ] }
            ],
            "relationships": [
                { "name": "OrderLines", "from": "Order", "to": "OrderLine", "cardinality": "one_to_many", "required": true },
                { "name": "OrderDelivery", "from": "Order", "to": "Delivery", "cardinality": "one_to_one", "required": true }
            ],
            "access_patterns": [
                { "id": "P1", "name": "Get an order with its lines", "kind": "read_one", "entity": "Order",
                  "with": ["OrderLine"], "inputs": ["orderId"], "peak_rate": 10 },
                { "id": "P2", "name": "Get a delivery", "kind": "read_one", "entity": "Delivery",
                  "inputs": ["deliveryId"], "peak_rate": 10 },
                { "id": "P3", "name": "Place an order", "kind": "transaction", "entity": "Order", "peak_rate": 10,
                  "steps": [
                    { "action": "put", "entity": "Order", "conditions": [{ "op": "not_exists" }],
                      "updates": [{ "attribute": "status", "action": "set", "value": "placed" }] },
                    { "action": "put", "entity": "OrderLine", "for_each": { "list": "lines", "at_most": 40 },
                      "conditions": [{ "op": "not_exists" }] },
                    { "action": "put", "entity": "Delivery", "conditions": [{ "op": "not_exists" }],
                      "updates": [{ "attribute": "status", "action": "set", "value": "awaiting_courier" }] }
                  ] }
            ]
        })
        .to_string(),
    )
    .unwrap();
    let design = derive(&model);
    let options = SampleOptions { items_per_entity: 20, seed: 3, as_of: 20_454 };
    let sample = generate(&model, &design, &options).unwrap();
    let p = model.pattern("P3").unwrap();
    let plan = design.plans.iter().find(|plan| plan.pattern == "P3").unwrap();
    let cases = scenarios(&model, &design, &sample, &options, p, plan).unwrap().cases;
    let placed = &cases[0];
    assert!(placed.succeeds, "{}", placed.name);
    let order = &placed.actions[0].key_values["orderId"];
    assert!(!sample.of("Order").any(|o| o.get("orderId") == Some(order)), "the order is a new one");
    let delivery = placed.actions.iter().find(|a| a.step == 2).unwrap();
    let carried = delivery.item.as_ref().and_then(|item| item.get("orderId"));
    assert_eq!(carried, Some(order), "the delivery is the new order's");
}
