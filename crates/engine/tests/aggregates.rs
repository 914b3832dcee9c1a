//! A read that fetches several related entities with its target: an order with
//! its line items, shipments and invoice, the classic pre-joined aggregate. One
//! item collection serves it when every part shares the target's partition; a
//! part kept elsewhere takes a request of its own, which the design reports.

mod common;

use serde_json::{json, Value};
use tablewright_engine::design::{derive, Operation, TABLE};
use tablewright_engine::oracle::{expected, Params};
use tablewright_engine::sample::{generate, SampleOptions};
use tablewright_engine::verify::verify;
use tablewright_engine::{load_str, Model};

/// Customer 1—n Order 1—n OrderItem, Order 1—n Shipment, Order 1—1 Invoice,
/// and "an order with" whatever `with` lists.
fn orders(with: Value) -> Value {
    let id = |name: &str| json!({"name": name, "type": "string", "required": true, "identifier": true});
    json!({
        "format": "tablewright/3",
        "name": "Orders",
        "table": {"name": "orders", "billing": {"mode": "on_demand"}},
        "entities": [
            {"name": "Customer", "expected_count": 1000, "attributes": [id("customerId"),
                {"name": "email", "type": "string", "required": true}]},
            {"name": "Order", "expected_count": 10000, "attributes": [id("orderId"),
                {"name": "placedAt", "type": "string", "format": "timestamp", "required": true}]},
            {"name": "OrderItem", "expected_count": 40000, "attributes": [id("lineNo"),
                {"name": "sku", "type": "string", "required": true}]},
            {"name": "Shipment", "expected_count": 12000, "attributes": [id("shipmentId"),
                {"name": "carrier", "type": "string", "required": true}]},
            {"name": "Invoice", "expected_count": 10000, "attributes": [id("invoiceId"),
                {"name": "total", "type": "number", "required": true}]}
        ],
        "relationships": [
            {"name": "CustomerOrders", "from": "Customer", "to": "Order", "cardinality": "one_to_many", "required": true},
            {"name": "OrderItems", "from": "Order", "to": "OrderItem", "cardinality": "one_to_many", "required": true},
            {"name": "OrderShipments", "from": "Order", "to": "Shipment", "cardinality": "one_to_many", "required": true},
            {"name": "OrderInvoice", "from": "Order", "to": "Invoice", "cardinality": "one_to_one", "required": true}
        ],
        "access_patterns": [
            {"id": "AP1", "name": "Get a customer", "kind": "read_one", "entity": "Customer",
                "inputs": ["customerId"], "peak_rate": 10},
            {"id": "AP2", "name": "Get an order with its parts", "kind": "read_one", "entity": "Order", "with": with,
                "inputs": ["orderId"], "strongly_consistent": true, "peak_rate": 50, "result_size": 8}
        ]
    })
}

fn load(value: &Value) -> Model {
    load_str(&value.to_string()).unwrap_or_else(|d| panic!("valid: {}", common::render(&d)))
}

#[test]
fn an_order_with_its_items_shipments_and_invoice_is_one_query_of_its_partition() {
    let model = load(&orders(json!(["OrderItem", "Shipment", "Invoice"])));
    let design = derive(&model);
    let plan = design.plans.iter().find(|p| p.pattern == "AP2").unwrap();
    assert_eq!((plan.request.operation, plan.request.index.as_str(), plan.requests), (Operation::Query, TABLE, 1));
    assert_eq!(plan.returns, ["Order", "OrderItem", "Shipment", "Invoice"]);
    assert!(
        plan.explanation.contains("OrderItem, Shipment and Invoice items share the partition"),
        "{}",
        plan.explanation
    );
    assert!(design.problems.iter().all(|p| p.pattern.as_deref() != Some("AP2")), "{:#?}", design.problems);
    let verdict = verify(&model, &design);
    assert!(verdict.patterns.iter().all(|v| v.ok), "{:#?}", verdict.patterns);
}

/// The oracle's answer holds the order and every part of it, and nothing of
/// another order.
#[test]
fn the_oracle_answers_with_the_order_and_all_its_parts() {
    let model = load(&orders(json!(["OrderItem", "Shipment", "Invoice"])));
    let design = derive(&model);
    let sample = generate(&model, &design, &SampleOptions { items_per_entity: 30, seed: 5, as_of: 20_454 }).unwrap();
    let order = sample.of("Order").find(|o| {
        let id = o.get("orderId");
        ["OrderItem", "Shipment", "Invoice"].iter().all(|kind| sample.of(kind).any(|i| i.get("orderId") == id))
    });
    let id = order.expect("an order with every kind of part").get("orderId").unwrap().clone();
    let params: Params = [("orderId".to_string(), id.clone())].into_iter().collect();
    let answer = expected(&model, &sample, model.pattern("AP2").unwrap(), &params);
    let mut kinds: Vec<&str> = Vec::new();
    for kind in ["Order", "OrderItem", "Shipment", "Invoice"] {
        let of_order: Vec<_> =
            sample.of(kind).filter(|i| i.get("orderId") == Some(&id)).map(|i| sample.key(i)).collect();
        assert!(of_order.iter().all(|k| answer.required.contains(k)), "{kind}");
        kinds.extend(of_order.iter().map(|_| kind));
    }
    assert_eq!(answer.required.len(), kinds.len(), "the order's items and nothing else: {kinds:?}");
}

/// The customer lives in a partition of its own: the Query returns the order
/// with its items, and the problem counts the customer's request.
#[test]
fn a_part_kept_in_another_partition_takes_a_request_of_its_own_and_is_reported() {
    let model = load(&orders(json!(["OrderItem", "Customer"])));
    let design = derive(&model);
    let plan = design.plans.iter().find(|p| p.pattern == "AP2").unwrap();
    assert_eq!(plan.returns, ["Order", "OrderItem"]);
    let problem = design.problems.iter().find(|p| p.pattern.as_deref() == Some("AP2")).expect("reported");
    assert_eq!(
        problem.message,
        "AP2 wants Order with OrderItem and Customer, but Customer does not share a partition with Order, so the plan \
         reads Order and OrderItem in one request and Customer takes a request: 2 requests in all."
    );
}

#[test]
fn with_names_related_entities_each_once() {
    let value = orders(json!(["OrderItem", "OrderItem", "Order"]));
    let errors = common::errors_of(&value.to_string());
    let at: Vec<String> = errors.iter().map(|e| format!("{}: {}", e.path, e.message)).collect();
    assert_eq!(
        at,
        [
            "$.access_patterns[1].with[1]: 'OrderItem' is listed twice in 'with'",
            "$.access_patterns[1].with[2]: 'Order' cannot be fetched with itself",
        ]
    );
}

/// A version 2 file named one entity in `with`; it opens as a list of one. A
/// null, or the target itself (which fetched nothing more), opens as nothing.
#[test]
fn a_version_2_with_of_one_entity_opens_as_a_list() {
    for (with, opens_as) in [(json!("Shipment"), vec!["Shipment"]), (Value::Null, vec![]), (json!("Order"), vec![])] {
        let mut value = orders(with.clone());
        value["format"] = json!("tablewright/2");
        assert_eq!(load(&value).pattern("AP2").unwrap().with, opens_as, "{with}");
    }
}

/// A manager with their reports is two reads: the model cannot say which end of
/// a relationship of an entity with itself a `with` means.
#[test]
fn an_entity_is_not_fetched_with_its_own_kind() {
    let mut value = orders(json!(["Order"]));
    value["relationships"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "Reorders", "from": "Order", "to": "Order", "cardinality": "one_to_many", "from_role": "previous"}));
    let errors = common::errors_of(&value.to_string());
    assert_eq!(errors.len(), 1, "{}", common::render(&errors));
    assert_eq!(errors[0].message, "'Order' cannot be fetched with itself");
    assert!(errors[0].hint.contains("needs a read of its own"), "{}", errors[0].hint);
}

/// Parts kept in the target's partition, but a read that does not name it: the
/// problem says so rather than that they live apart.
#[test]
fn parts_in_a_partition_the_inputs_do_not_name_are_reported_as_such() {
    let mut value = orders(json!(["OrderItem"]));
    value["access_patterns"][1]["inputs"] = json!(["placedAt"]);
    value["access_patterns"][1]["kind"] = json!("read_many");
    value["access_patterns"][1]["strongly_consistent"] = json!(false);
    let model = load(&value);
    let design = derive(&model);
    let problem = design.problems.iter().find(|p| p.message.starts_with("AP2 wants")).expect("reported");
    assert!(
        problem
            .message
            .contains("the inputs do not give the partition (ORDER#{orderId}) that OrderItem share with Order")
            && problem.message.ends_with("OrderItem takes a request for every Order it returns."),
        "{}",
        problem.message
    );
}
