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
            "$.access_patterns[1].with[2]: 'Order' is not an entity related to 'Order'",
        ]
    );
}

/// A version 2 file named one entity in `with`; it opens as a list of one.
#[test]
fn a_version_2_with_of_one_entity_opens_as_a_list() {
    let mut value = orders(json!("Shipment"));
    value["format"] = json!("tablewright/2");
    assert_eq!(load(&value).pattern("AP2").unwrap().with, ["Shipment"]);
}
