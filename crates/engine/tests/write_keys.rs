//! Writes keep every key they affect: an update that changes what an index key is
//! made of rebuilds that key in the same request (or removes it, when the item
//! leaves the index), the verifier rejects a plan that does not, and a write that
//! cannot do it is reported rather than planned half-right.

mod common;

use serde_json::json;
use tablewright_engine::design::{derive, Action, Design, ProblemCode, Ttl};
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
    tickets_with(updates, json!([]))
}

/// The same, T4 with these conditions.
fn tickets_with(updates: serde_json::Value, conditions: serde_json::Value) -> Model {
    let model = json!({
        "format": "tablewright/3",
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
            {
                "id": "T4", "name": "Change a ticket", "kind": "update", "entity": "Ticket", "updates": updates,
                "conditions": conditions, "peak_rate": 10.0
            }
        ]
    });
    load_str(&model.to_string()).unwrap_or_else(|d| panic!("{d:?}"))
}

#[test]
fn an_update_that_lacks_part_of_a_key_is_reported_and_rejected() {
    // GSI1PK is built from the queue and the state; the update sets the state alone.
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
        // With no `exists` condition the update may create the item: nothing to read first.
        assert!(p.message.contains("cannot be read first") && p.message.contains("exists"), "{}", p.message);
        assert!(!reasons(&model, &design, "T4").is_empty(), "a reported stale key fails verification too");
    }
}

/// T4 moving a ticket that must exist to another state: GSI1PK joins the queue and
/// the state, so the plan reads the queue first and holds the write to it.
fn moved_ticket() -> (Model, Design) {
    let updates = json!([{ "attribute": "state", "action": "set", "input": "newState" }]);
    let model = tickets_with(updates, json!([{ "op": "exists" }]));
    let design = derive(&model);
    (model, design)
}

#[test]
fn an_update_of_an_existing_item_reads_the_key_part_it_lacks_first() {
    let (model, design) = moved_ticket();
    let plan = design.plans.iter().find(|p| p.pattern == "T4").unwrap();
    let update = &plan.actions[0];
    assert_eq!(update.reads, ["queue"], "{plan:#?}");
    assert_eq!(plan.requests, 2, "the GetItem, then the UpdateItem");
    let condition = update.condition.as_deref().unwrap();
    assert!(condition.contains("attribute_exists(PK)") && condition.contains("#queue = :_was_queue"), "{condition}");
    let rebuilt: Vec<&String> = update.built.values().collect();
    assert!(rebuilt.iter().any(|t| t.contains("{newState}") && t.contains("{queue}")), "{rebuilt:?}");
    assert!(plan.explanation.contains("strongly consistent GetItem reads queue"), "{}", plan.explanation);
    assert!(design.problems.iter().all(|p| p.code != ProblemCode::StaleIndexKey), "{:#?}", design.problems);
    assert_eq!(reasons(&model, &design, "T4"), Vec::<String>::new());
}

#[test]
fn a_key_part_that_may_be_missing_is_not_read_first_but_reported() {
    let updates = json!([{ "attribute": "state", "action": "set", "input": "newState" }]);
    let mut model = tickets_with(updates, json!([{ "op": "exists" }]));
    model.entities[0].attributes.iter_mut().find(|a| a.name == "queue").unwrap().required = false;
    let design = derive(&model);
    let stale = design.problems.iter().find(|p| p.code == ProblemCode::StaleIndexKey).expect("reported");
    assert!(stale.message.contains("queue may be missing"), "{}", stale.message);
    assert!(action(&design, "T4", "Ticket").reads.is_empty());
}

/// The plan with its read taken out, or with the read's guard taken out, is rejected.
#[test]
fn the_verifier_rejects_a_key_built_from_what_was_not_read_or_not_held() {
    let (model, design) = moved_ticket();
    let mut unread = design.clone();
    unread.plans.iter_mut().find(|p| p.pattern == "T4").unwrap().actions[0].reads.clear();
    let why = reasons(&model, &unread, "T4");
    assert!(why.iter().any(|r| r.contains("queue, which it neither carries nor reads")), "{why:?}");

    let mut unheld = design;
    let update = &mut unheld.plans.iter_mut().find(|p| p.pattern == "T4").unwrap().actions[0];
    update.condition = Some("attribute_exists(PK)".into());
    let why = reasons(&model, &unheld, "T4");
    assert!(why.iter().any(|r| r.contains("does not hold queue unchanged")), "{why:?}");
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

/// AP20 of the corpus's connected vehicles renews a subscription: a new expiration
/// date, which the item's TTL is a year after.
#[test]
fn an_update_of_the_date_a_ttl_counts_from_sets_the_ttl_too() {
    let path = common::models_dir().join("../corpus/connected-vehicles.tablewright.json");
    let model = load_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let design = derive(&model);
    let renew = action(&design, "AP20", "Subscription");
    let expected = Ttl { attribute: "expiresAt".into(), from: "newExpirationDate".into(), days: 365 };
    assert_eq!(renew.expires.as_ref(), Some(&expected));
    assert!(renew.update.as_deref().unwrap().contains("#expiresAt = :_expiresAt"), "{renew:#?}");
    assert_eq!(reasons(&model, &design, "AP20"), Vec::<String>::new());

    let mut wrong = design.clone();
    let plan = wrong.plans.iter_mut().find(|p| p.pattern == "AP20").unwrap();
    plan.actions[0].expires = Some(Ttl { days: 30, ..expected });
    let why = reasons(&model, &wrong, "AP20");
    assert!(why.iter().any(|r| r.contains("expirationDate + 365 days")), "{why:?}");
}

/// A comparison on an attribute fails on an absent item as `exists` does, so the
/// update may read first under it; `<>` holds on an absent item, so not under that.
#[test]
fn a_comparison_requires_the_item_as_exists_does_but_not_equals_does_not() {
    let updates = || json!([{ "attribute": "state", "action": "set", "input": "newState" }]);
    let compared = tickets_with(updates(), json!([{ "attribute": "openedAt", "op": "<", "input": "before" }]));
    let design = derive(&compared);
    assert_eq!(action(&design, "T4", "Ticket").reads, ["queue"]);
    assert_eq!(reasons(&compared, &design, "T4"), Vec::<String>::new());

    let unequal = tickets_with(updates(), json!([{ "attribute": "openedAt", "op": "<>", "input": "other" }]));
    let design = derive(&unequal);
    assert!(action(&design, "T4", "Ticket").reads.is_empty());
    assert!(design.problems.iter().any(|p| p.code == ProblemCode::StaleIndexKey), "{:#?}", design.problems);
}

/// Renewing without a date (the date removed) takes the TTL away with it: the
/// item no longer expires, as a put without the date would leave it.
#[test]
fn an_update_that_removes_the_date_a_ttl_counts_from_removes_the_ttl() {
    let path = common::models_dir().join("../corpus/connected-vehicles.tablewright.json");
    let mut model = load_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let renew = model.access_patterns.iter_mut().find(|p| p.id == "AP20").unwrap();
    renew.updates = serde_json::from_value(json!([{ "attribute": "expirationDate", "action": "remove" }])).unwrap();
    let design = derive(&model);
    let update = action(&design, "AP20", "Subscription");
    assert!(update.update.as_deref().unwrap().contains("REMOVE #expirationDate, #expiresAt"), "{update:#?}");
    assert!(update.expires.is_none());
    let plan = design.plans.iter().find(|p| p.pattern == "AP20").unwrap();
    assert!(plan.explanation.contains("the item no longer expires"), "{}", plan.explanation);
    assert_eq!(reasons(&model, &design, "AP20"), Vec::<String>::new());
}

/// ACME with one more pattern: an update of an `entity` item known by `inputs`.
fn acme_with_update(entity: &str, inputs: serde_json::Value, attribute: &str) -> Model {
    let mut model = serde_json::to_value(example("acme-bank")).unwrap();
    model["access_patterns"].as_array_mut().unwrap().push(json!({
        "id": "AP99", "name": "Retype it", "kind": "update", "entity": entity, "inputs": inputs,
        "updates": [{ "attribute": attribute, "action": "set", "input": "newValue" }], "peak_rate": 1.0
    }));
    load_str(&model.to_string()).unwrap_or_else(|d| panic!("{d:?}"))
}

/// An account updated by its number alone: a key under its customer could not be
/// built from that, so the account is keyed by its own number (its customer's
/// accounts are then read from an index) and the update is served, with the
/// reason said. Given the customer too, the account stays in its customer's
/// partition.
#[test]
fn an_item_a_write_names_without_its_parent_is_keyed_by_its_own_identifier() {
    let model = acme_with_update("Account", json!(["accountNumber"]), "type");
    let design = derive(&model);
    let account = design.entities.iter().find(|e| e.name == "Account").unwrap();
    assert_eq!(account.keys["PK"], "ACCOUNT#{accountNumber}");
    assert!(
        account.explanation[0].contains("Not in the Customer's partition: AP99 name it without"),
        "{}",
        account.explanation[0]
    );
    assert!(design.problems.iter().all(|p| p.code != ProblemCode::WriteKeyUnknown), "{:#?}", design.problems);
    assert_eq!(reasons(&model, &design, "AP99"), Vec::<String>::new());
    let report = verify(&model, &design);
    assert!(report.patterns.iter().all(|v| v.reasons.is_empty()), "{:#?}", report.patterns);

    let model = acme_with_update("Account", json!(["customerNumber", "accountNumber"]), "type");
    let design = derive(&model);
    let account = design.entities.iter().find(|e| e.name == "Account").unwrap();
    assert_eq!(account.keys["PK"], "CUSTOMER#{customerNumber}", "accounts stay under their customer");
    assert!(design.problems.iter().all(|p| p.code != ProblemCode::WriteKeyUnknown), "{:#?}", design.problems);
    assert_eq!(reasons(&model, &design, "AP99"), Vec::<String>::new());
}

/// A transaction, whose identifier holds its account's number, updated by its
/// own number alone: no key can be built from that, which is reported and
/// rejected rather than planned.
#[test]
fn an_update_whose_inputs_leave_out_part_of_the_table_key_is_reported_and_rejected() {
    let model = acme_with_update("Transaction", json!(["transactionNumber"]), "declineReason");
    let design = derive(&model);
    let problem = design.problems.iter().find(|p| p.code == ProblemCode::WriteKeyUnknown).expect("reported");
    assert_eq!(problem.pattern.as_deref(), Some("AP99"));
    assert!(problem.message.contains("also made of accountNumber"), "{}", problem.message);
    let rejected = reasons(&model, &design, "AP99");
    assert!(rejected.iter().any(|r| r.contains("also needs accountNumber")), "{rejected:?}");
}

/// A put that creates its item only if absent, keyed by more than the item's
/// identifier, is a warning that names what else the key holds; a put keyed by
/// its identifier (and its parent's) is not.
#[test]
fn a_create_only_if_absent_keyed_beyond_its_identifier_is_a_warning() {
    let path = common::models_dir().join("../corpus/complaint-management.tablewright.json");
    let model = tablewright_engine::load_file(&path).unwrap_or_else(|e| panic!("{e}"));
    let design = derive(&model);
    let problem = design.problems.iter().find(|p| p.code == ProblemCode::CreateNotUnique).expect("reported");
    assert_eq!(problem.pattern.as_deref(), Some("AP09"));
    assert!(
        problem.message.contains("that key also holds commDate: a second put of the same commId with another commDate"),
        "{}",
        problem.message
    );
    for example in common::example_models() {
        let model = tablewright_engine::load_file(&example).unwrap();
        let design = derive(&model);
        assert!(design.problems.iter().all(|p| p.code != ProblemCode::CreateNotUnique), "{}", example.display());
    }
}

/// The same rule holds for a put that is a step of a transaction, and a parent's
/// identifier that the child declares as its own attribute too is the owner the
/// key names, not something beside the identifier; a guard item in the same
/// transaction answers the warning.
#[test]
fn a_create_in_a_transaction_step_is_held_to_the_rule_and_a_declared_parent_id_is_not_beside_it() {
    let path = common::models_dir().join("../corpus/complaint-management.tablewright.json");
    let mut model = tablewright_engine::load_file(&path).unwrap_or_else(|e| panic!("{e}"));
    let communication = model.entities.iter_mut().find(|e| e.name == "Communication").unwrap();
    let mut parent = communication.attribute("commId").unwrap().clone();
    parent.name = "complaintId".into();
    parent.identifier = false;
    communication.attributes.push(parent);
    let ap09 = model.access_patterns.iter_mut().find(|p| p.id == "AP09").unwrap();
    let conditions = std::mem::take(&mut ap09.conditions);
    ap09.kind = tablewright_engine::model::PatternKind::Transaction;
    ap09.steps = vec![serde_json::from_value(json!({"action": "put", "entity": "Communication"})).unwrap()];
    ap09.steps[0].conditions = conditions;

    let design = derive(&model);
    let found: Vec<_> = design.problems.iter().filter(|p| p.code == ProblemCode::CreateNotUnique).collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].pattern.as_deref(), Some("AP09"));
    assert!(found[0].message.contains("that key also holds commDate: a second put"), "{}", found[0].message);

    // The guard the warning suggests: an item keyed by the identifier alone, put
    // on the same condition in the same transaction.
    model.entities.push(
        serde_json::from_value(json!({
            "name": "CommunicationClaim",
            "attributes": [{ "name": "commId", "type": "string", "identifier": true, "required": true }]
        }))
        .unwrap(),
    );
    let ap09 = model.access_patterns.iter_mut().find(|p| p.id == "AP09").unwrap();
    let mut guard = ap09.steps[0].clone();
    guard.entity = "CommunicationClaim".into();
    ap09.steps.push(guard);
    let design = derive(&model);
    let found: Vec<_> = design.problems.iter().filter(|p| p.code == ProblemCode::CreateNotUnique).collect();
    assert!(found.is_empty(), "{found:#?}");
}

/// An update that lists no inputs takes the whole table key from its caller; a
/// warning says what that is where the key holds more than the identifier (to
/// mark a loan overdue, the caller must know its member and due date).
#[test]
fn a_write_without_inputs_says_what_its_caller_must_know() {
    let model = tablewright_engine::load_file(&common::fixture_path("library-lending")).unwrap();
    let design = derive(&model);
    let said: Vec<&str> =
        design.problems.iter().filter(|p| p.pattern.as_deref() == Some("LB09")).map(|p| p.message.as_str()).collect();
    assert!(
        said.iter().any(|m| m.starts_with("LB09 lists no inputs") && m.contains("memberId and dueAt beside loanId")),
        "{said:?}"
    );
}
