//! The ER graph of the ACME bank: Customer 1—n Account 1—n Transaction,
//! Customer n—m Offer (CustomerOffer), and a stream-maintained DailyAggregate.

mod common;

use common::*;
use serde_json::json;
use tablewright_engine::model::AttrType;
use tablewright_engine::{ErGraph, Model};

fn names<'a>(rels: impl IntoIterator<Item = &'a tablewright_engine::model::Relationship>) -> Vec<&'a str> {
    rels.into_iter().map(|r| r.name.as_str()).collect()
}

#[test]
fn children_are_the_one_to_many_relationships_an_entity_is_parent_of() {
    let model = acme();
    let g = ErGraph::new(&model);
    assert_eq!(names(g.children("Customer")), ["CustomerAccounts"]);
    assert_eq!(names(g.children("Account")), ["AccountTransactions"]);
    assert!(g.children("Transaction").is_empty());
    // Many-to-many is no parent–child link.
    assert!(g.children("Offer").is_empty());
    assert!(g.children("DailyAggregate").is_empty());
    assert!(g.children("NoSuchEntity").is_empty());
}

#[test]
fn parents_are_the_one_to_many_relationships_an_entity_is_child_of() {
    let model = acme();
    let g = ErGraph::new(&model);
    assert!(g.parents("Customer").is_empty());
    assert_eq!(names(g.parents("Account")), ["CustomerAccounts"]);
    assert_eq!(names(g.parents("Transaction")), ["AccountTransactions"]);
    assert!(g.parents("Offer").is_empty());
    let rel = g.parents("Account")[0];
    assert_eq!((rel.from.as_str(), rel.to.as_str()), ("Customer", "Account"));
}

#[test]
fn many_to_many_lists_only_many_to_many_relationships() {
    let model = acme();
    let g = ErGraph::new(&model);
    assert_eq!(names(g.many_to_many()), ["CustomerOffer"]);
    assert_eq!(names(g.relationships_of("Customer")), ["CustomerAccounts", "CustomerOffer"]);
    assert_eq!(names(g.relationships_of("Offer")), ["CustomerOffer"]);
    assert_eq!(names(g.relationships_of("Account")), ["AccountTransactions", "CustomerAccounts"]);
}

#[test]
fn patterns_touching_counts_targets_with_entities_and_transaction_steps() {
    let model = acme();
    let g = ErGraph::new(&model);
    let ids = |entity: &str| -> Vec<&str> { g.patterns_touching(entity).map(|p| p.id.as_str()).collect() };
    // AP05, AP06 target Account; AP07 reads a customer with their accounts;
    // AP18 and AP19 are transactions with an Account step.
    assert_eq!(ids("Account"), ["AP05", "AP06", "AP07", "AP18", "AP19"]);
    assert_eq!(ids("CustomerOffer"), ["AP15", "AP16", "AP17"]);
    assert_eq!(ids("Offer"), ["AP14"]);
    assert_eq!(ids("DailyAggregate"), ["AP20"]);
    assert!(ids("NoSuchEntity").is_empty());
}

#[test]
fn resolve_attribute_finds_own_attributes_then_related_identifiers() {
    let model = acme();
    let g = ErGraph::new(&model);
    let resolve = |target: &str, name: &str| {
        g.resolve_attribute(target, name).map(|a| (a.name.as_str(), a.attr_type, a.identifier))
    };
    // Own attributes.
    assert_eq!(resolve("Transaction", "amount"), Some(("amount", AttrType::Number, false)));
    assert_eq!(resolve("Customer", "phone"), Some(("phone", AttrType::String, false)));
    // An Account's items carry the customer's identifier (one hop, either way).
    assert_eq!(resolve("Account", "customerNumber"), Some(("customerNumber", AttrType::String, true)));
    assert_eq!(resolve("Customer", "accountNumber"), Some(("accountNumber", AttrType::String, true)));
    // Only identifiers cross a relationship, and only one; an ancestor's reaches
    // down up to four levels, but only as a read's input: the items do not hold it.
    assert_eq!(resolve("Account", "firstName"), None);
    assert_eq!(resolve("Transaction", "customerNumber"), None);
    assert!(g.resolve_input("Transaction", "customerNumber").is_some_and(|a| a.identifier));
    assert!(!g.carries("Transaction", "customerNumber"));
    assert!(g.resolve_input("Customer", "transactionNumber").is_none(), "a descendant's does not reach up");
    // A many-to-many relationship: its own data, then both ends' identifiers.
    assert_eq!(resolve("CustomerOffer", "sentOn").map(|a| a.0), Some("sentOn"));
    assert_eq!(resolve("CustomerOffer", "customerNumber"), Some(("customerNumber", AttrType::String, true)));
    assert_eq!(resolve("CustomerOffer", "offerId"), Some(("offerId", AttrType::String, true)));
    assert_eq!(resolve("CustomerOffer", "summary"), None);
    assert_eq!(resolve("NoSuchEntity", "amount"), None);
    assert_eq!(resolve("CustomerAccounts", "customerNumber"), Some(("customerNumber", AttrType::String, true)));
}

#[test]
fn entity_looks_up_by_exact_name() {
    let model = acme();
    let g = ErGraph::new(&model);
    assert_eq!(g.entity("Offer").map(|e| e.name.as_str()), Some("Offer"));
    assert!(g.entity("offer").is_none());
    assert!(g.entity("CustomerOffer").is_none(), "a relationship is no entity");
    assert!(std::ptr::eq(g.model(), &model));
}

#[test]
fn relationships_to_unknown_entities_are_left_out() {
    // Built without validation, as the editor holds a model being drawn.
    let mut v = fixture();
    v["relationships"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "Ghost", "from": "Order", "to": "Nobody", "cardinality": "one_to_many"}));
    let model: Model = serde_json::from_value(v).unwrap();
    let g = ErGraph::new(&model);
    assert_eq!(names(g.children("Order")), Vec::<&str>::new());
    assert_eq!(names(g.children("Customer")), ["CustomerOrders"]);
    assert_eq!(names(g.relationships_of("Order")), ["CustomerOrders"]);
}

#[test]
fn a_relationship_of_an_entity_to_itself_is_listed_once() {
    let mut v = fixture();
    v["relationships"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "Referrals", "from": "Customer", "to": "Customer", "cardinality": "one_to_many"}));
    let model: Model = serde_json::from_value(v).unwrap();
    let g = ErGraph::new(&model);
    assert_eq!(names(g.children("Customer")), ["CustomerOrders", "Referrals"]);
    assert_eq!(names(g.parents("Customer")), ["Referrals"]);
    assert_eq!(names(g.relationships_of("Customer")), ["CustomerOrders", "Referrals"]);
}

#[test]
fn a_many_to_many_of_an_entity_with_itself_names_the_other_end_by_its_role() {
    let mut v = fixture();
    v["relationships"].as_array_mut().unwrap().push(json!({
        "name": "Referrals", "from": "Customer", "to": "Customer",
        "cardinality": "many_to_many", "to_role": "referred",
        "attributes": [{"name": "referredOn", "type": "string", "format": "date"}]
    }));
    let model: Model = serde_json::from_value(v).unwrap();
    let g = ErGraph::new(&model);
    let resolve = |name: &str| g.resolve_attribute("Referrals", name).map(|a| a.name.as_str());
    assert_eq!(resolve("referredOn"), Some("referredOn"));
    assert_eq!(resolve("customerId"), Some("customerId"), "the from end");
    assert_eq!(resolve("referred.customerId"), Some("customerId"), "the to end");
    assert_eq!(resolve("referred.email"), None, "only identifiers");
    assert_eq!(resolve("other.customerId"), None);
}

#[test]
fn every_walk_lists_relationships_in_model_order() {
    // The graph's walks decide the order of index slots and explanations, so a
    // design must not change when the graph is built another way.
    let mut v = fixture();
    let rels = v["relationships"].as_array_mut().unwrap();
    rels.insert(0, json!({"name": "Wishlist", "from": "Customer", "to": "Order", "cardinality": "many_to_many"}));
    rels.push(json!({"name": "Referrals", "from": "Customer", "to": "Customer", "cardinality": "one_to_many"}));
    rels.push(json!({"name": "Gifts", "from": "Customer", "to": "Order", "cardinality": "one_to_many"}));
    rels.push(json!({"name": "Watches", "from": "Order", "to": "Customer", "cardinality": "many_to_many"}));
    let model: Model = serde_json::from_value(v).unwrap();
    let g = ErGraph::new(&model);
    assert_eq!(names(g.children("Customer")), ["CustomerOrders", "Referrals", "Gifts"]);
    assert_eq!(names(g.parents("Order")), ["CustomerOrders", "Gifts"]);
    assert_eq!(names(g.many_to_many()), ["Wishlist", "Watches"]);
    assert_eq!(
        names(g.relationships_of("Customer")),
        ["Wishlist", "CustomerOrders", "Referrals", "Gifts", "Watches"],
        "outgoing first, then incoming"
    );
}
