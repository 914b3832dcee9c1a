//! Index economy: reads that can share one GSI get one. A parent read with its
//! children (an item collection) and the children read by a range of the same
//! partition need one index, the children sorted for the range and the parent
//! beside them, whichever of the two reads the model lists first.

use serde_json::json;
use tablewright_engine::design::{derive, Design, Technique};
use tablewright_engine::load_str;
use tablewright_engine::model::Model;
use tablewright_engine::verify::verify;

fn customers_and_orders(collection_first: bool) -> Model {
    let collection = json!({
        "id": "R5", "name": "A customer with their orders", "kind": "read_many", "entity": "Customer",
        "with": ["Order"], "inputs": ["customerId"], "peak_rate": 10.0
    });
    let mut patterns = vec![
        json!({ "id": "R1", "name": "Get an order", "kind": "read_one", "entity": "Order", "inputs": ["orderId"], "peak_rate": 10.0 }),
        json!({
            "id": "R2", "name": "Orders of a customer after a time", "kind": "read_many", "entity": "Order",
            "inputs": ["customerId"], "range": { "attribute": "placedAt", "op": ">" }, "peak_rate": 10.0
        }),
        json!({
            "id": "R3", "name": "A customer's orders, newest first", "kind": "read_many", "entity": "Order",
            "inputs": ["customerId"], "order": { "attribute": "placedAt", "direction": "descending" }, "peak_rate": 10.0
        }),
    ];
    if collection_first {
        patterns.insert(0, collection);
    } else {
        patterns.push(collection);
    }
    let model = json!({
        "format": "tablewright/3",
        "name": "Orders",
        "table": { "name": "orders", "billing": { "mode": "on_demand" } },
        "entities": [
            { "name": "Customer", "expected_count": 100, "attributes": [
                { "name": "customerId", "type": "string", "identifier": true },
                { "name": "name", "type": "string", "required": true } ] },
            { "name": "Order", "expected_count": 10000, "attributes": [
                { "name": "orderId", "type": "string", "identifier": true },
                { "name": "placedAt", "type": "string", "format": "timestamp", "required": true },
                { "name": "total", "type": "number", "required": true } ] }
        ],
        "relationships": [{ "name": "places", "from": "Customer", "to": "Order", "cardinality": "one_to_many" }],
        "access_patterns": patterns
    });
    load_str(&model.to_string()).unwrap_or_else(|d| panic!("{d:?}"))
}

fn keys<'d>(design: &'d Design, entity: &str) -> &'d indexmap::IndexMap<String, String> {
    &design.entities.iter().find(|e| e.name == entity).unwrap().keys
}

fn index_of<'d>(design: &'d Design, pattern: &str) -> &'d str {
    &design.plans.iter().find(|p| p.pattern == pattern).unwrap().request.index
}

#[test]
fn a_collection_and_a_range_of_the_same_partition_share_one_gsi() {
    for collection_first in [false, true] {
        let model = customers_and_orders(collection_first);
        let design = derive(&model);
        assert_eq!(design.gsis.len(), 1, "collection first: {collection_first}; {:#?}", design.entities);
        let order = keys(&design, "Order");
        assert_eq!(order.get("GSI1PK").map(String::as_str), Some("CUSTOMER#{customerId}"));
        assert_eq!(order.get("GSI1SK").map(String::as_str), Some("ORDER#{placedAt}"));
        assert_eq!(keys(&design, "Customer").get("GSI1PK").map(String::as_str), Some("CUSTOMER#{customerId}"));
        for id in ["R2", "R3", "R5"] {
            assert_eq!(index_of(&design, id), "GSI1", "{id}");
        }
        // The customer shares R2's partition, so its range keeps to the orders' sort
        // keys with an inclusive BETWEEN; the strict `>` drops the bound's own order
        // with a filter (DynamoDB Local returned it before).
        let r2 = &design.plans.iter().find(|p| p.pattern == "R2").unwrap().request;
        assert!(r2.key_condition.as_deref().is_some_and(|k| k.contains("BETWEEN")), "{r2:?}");
        assert_eq!(r2.filter.as_deref(), Some("#placedAt > :placedAt"));
        let report = verify(&model, &design);
        assert!(report.patterns.iter().all(|v| v.reasons.is_empty()), "{:#?}", report.patterns);
        // The slot says both why it pre-joins and why it is sorted.
        let order = design.entities.iter().find(|e| e.name == "Order").unwrap();
        assert!(order.techniques.contains(&Technique::ItemCollection), "{:?}", order.techniques);
        let why = order.explanation.iter().find(|w| w.starts_with("GSI1:")).unwrap();
        assert!(why.contains("Pre-joined") && why.contains("SK = ORDER#{placedAt}"), "{why}");
        assert_eq!(why.matches("Pre-joined").count(), 1, "{why}");
    }
}

/// The order of a child's own identifier parts in its sort key follows the
/// reads of the collection, not the order the attributes are declared in: a
/// new user declared an enrollment's `courseCode` before its `term`, and "a
/// student's enrollments in a term" took an index of its own, where
/// `ENROLLMENT#{term}#{courseCode}` serves it from the table by prefix.
#[test]
fn a_childs_sort_key_puts_first_the_parts_its_collection_is_read_by() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/registration.tablewright.json");
    let mut json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let enrollment = json["entities"].as_array_mut().unwrap().iter_mut().find(|e| e["name"] == "Enrollment").unwrap();
    let attributes = enrollment["attributes"].as_array_mut().unwrap();
    let term = attributes.iter().position(|a| a["name"] == "term").unwrap();
    let moved = attributes.remove(term);
    attributes.insert(2, moved);
    let names: Vec<&str> = attributes.iter().take(3).map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["studentId", "courseCode", "term"], "declared as the new user first did");

    let model = load_str(&json.to_string()).unwrap();
    let design = derive(&model);
    assert_eq!(keys(&design, "Enrollment")["SK"], "ENROLLMENT#{term}#{courseCode}");
    assert_eq!(index_of(&design, "CR03"), "table");
    assert!(verify(&model, &design).patterns.iter().all(|v| v.ok));
}
