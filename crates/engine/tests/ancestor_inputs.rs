//! Reads whose inputs identify an ancestor two or more levels above their target
//! (a customer's order lines, a customer's transactions across their accounts):
//! `check` finds the path down, or asks which one where there are several; the
//! derivation copies the ancestor's identifier onto the target or chains the
//! requests, and says why; the sample, the writes and the verifier keep the copy.

mod common;

use serde_json::{json, Value};
use tablewright_engine::codegen::{code, Language};
use tablewright_engine::design::{derive, Operation, Technique};
use tablewright_engine::model::Model;
use tablewright_engine::sample::{generate, SampleOptions};
use tablewright_engine::verify::verify;
use tablewright_engine::{load_file, load_str};

fn example(name: &str) -> Model {
    load_file(&common::models_dir().join(format!("{name}.tablewright.json"))).unwrap()
}

/// The example's JSON with `change` applied to it.
fn changed(name: &str, change: impl FnOnce(&mut Value)) -> String {
    let path = common::models_dir().join(format!("{name}.tablewright.json"));
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    change(&mut v);
    v.to_string()
}

/// AP23: an update that moves an account to another customer.
fn transfer() -> Value {
    json!({
        "id": "AP23", "name": "Transfer an account to another customer", "kind": "update",
        "entity": "Account", "inputs": ["accountNumber"], "peak_rate": 0.1,
        "updates": [{ "attribute": "customerNumber", "action": "set", "input": "newOwner" }]
    })
}

fn messages(text: &str) -> Vec<String> {
    load_str(text)
        .expect_err("the model must be rejected")
        .iter()
        .map(|d| format!("{}: {}", d.path, d.message))
        .collect()
}

#[test]
fn a_read_of_order_lines_by_customer_copies_the_customer_onto_every_line() {
    let model = example("ecommerce-orders");
    let design = derive(&model);
    let plan = design.plans.iter().find(|p| p.pattern == "EC21").unwrap();
    assert_eq!((plan.request.operation, plan.requests), (Operation::Query, 1), "{plan:#?}");
    assert!(plan.techniques.contains(&Technique::Denormalization), "{:?}", plan.techniques);
    // 62,000,000 orders of 4,500,000 customers: a chain would wait on 14 follow-ups.
    assert!(
        plan.explanation.contains(
            "chaining the requests would take one Query per Order item, typically 13.8 under a Customer, more than 10"
        ),
        "{}",
        plan.explanation
    );
    let lines = design.entities.iter().find(|e| e.name == "OrderItem").unwrap();
    assert_eq!(lines.copies.len(), 1);
    assert_eq!(lines.copies[0].attribute, "customerId");
    assert_eq!(lines.copies[0].path, ["CustomerOrders", "OrderItems"]);
    assert!(verify(&model, &design).ok(), "{:?}", verify(&model, &design));
}

#[test]
fn a_customers_transactions_across_accounts_chain_through_the_accounts() {
    let model = example("acme-bank");
    let design = derive(&model);
    let plan = design.plans.iter().find(|p| p.pattern == "AP22").unwrap();
    // The accounts of the customer, then the transactions of each (1.6 a customer).
    assert_eq!(plan.requests, 3, "{plan:#?}");
    assert_eq!(plan.then.len(), 1);
    assert_eq!(plan.then[0].operation, Operation::Query);
    assert_eq!(plan.then[0].uses.as_deref(), Some("accountNumber of every Account item"));
    assert!(
        plan.explanation.starts_with("Chained requests: AP22 starts from a Customer's customerNumber"),
        "{}",
        plan.explanation
    );
    assert!(design.entities.iter().all(|e| e.copies.is_empty()), "a chain copies nothing");
    assert!(verify(&model, &design).ok(), "{:?}", verify(&model, &design));
}

#[test]
fn ordering_across_the_parents_needs_the_copy() {
    // A chain of one Query per account cannot give the newest transactions first.
    let text = changed("acme-bank", |v| {
        let ap22 = v["access_patterns"].as_array_mut().unwrap().iter_mut().find(|p| p["id"] == "AP22").unwrap();
        ap22["order"] = json!({ "attribute": "date", "direction": "descending" });
    });
    let model = load_str(&text).unwrap();
    let design = derive(&model);
    let plan = design.plans.iter().find(|p| p.pattern == "AP22").unwrap();
    assert_eq!(plan.requests, 1);
    assert!(
        plan.explanation.contains("chaining the requests would not give the items in date order"),
        "{}",
        plan.explanation
    );
    let transactions = design.entities.iter().find(|e| e.name == "Transaction").unwrap();
    assert_eq!(transactions.copies[0].attribute, "customerNumber");
}

#[test]
fn the_sample_copies_each_items_own_ancestor() {
    let model = example("ecommerce-orders");
    let design = derive(&model);
    let sample = generate(&model, &design, &SampleOptions { items_per_entity: 40, seed: 7, as_of: 20_000 }).unwrap();
    let mut checked = 0;
    for line in sample.of("OrderItem") {
        let order = sample.of("Order").find(|o| o.get("orderId") == line.get("orderId")).unwrap();
        assert_eq!(line.get("customerId"), order.get("customerId"), "{:?}", line.attributes);
        checked += 1;
    }
    assert!(checked > 0);
}

#[test]
fn a_put_of_a_line_must_carry_the_copy_in_every_language() {
    let model = example("ecommerce-orders");
    let design = derive(&model);
    let python = code(&model, &design, "EC15", Language::Python).unwrap();
    assert!(python.contains("customer_id = str(item[\"customerId\"])"), "{python}");
    assert!(python.contains("item[\"GSI1SK\"] = f\"ORDER_ITEM#{customer_id}\""), "{python}");
    let typescript = code(&model, &design, "EC15", Language::TypeScript).unwrap();
    assert!(typescript.contains("an OrderItem item needs orderId and lineNumber and customerId"), "{typescript}");
    let rust = code(&model, &design, "EC15", Language::Rust).unwrap();
    assert!(rust.contains("an OrderItem item needs customerId: its keys are built from them"), "{rust}");
}

#[test]
fn the_verifier_rejects_a_key_on_an_ancestor_the_design_does_not_copy() {
    let model = example("ecommerce-orders");
    let mut design = derive(&model);
    design.entities.iter_mut().find(|e| e.name == "OrderItem").unwrap().copies.clear();
    let problems = verify(&model, &design).design;
    assert!(
        problems.iter().any(|p| p
            .contains("uses 'customerId', an ancestor's identifier its items hold only where the design copies it")),
        "{problems:?}"
    );
}

#[test]
fn check_asks_which_path_where_two_lead_down_and_takes_a_dotted_via() {
    // Two paths down from Customer to Shipment: through Order and through a Return.
    let two_paths = |via: Option<&str>| {
        changed("ecommerce-orders", |v| {
            v["entities"].as_array_mut().unwrap().push(json!({
                "name": "Return",
                "attributes": [{ "name": "returnId", "type": "string", "identifier": true }]
            }));
            let rels = v["relationships"].as_array_mut().unwrap();
            rels.push(
                json!({ "name": "CustomerReturns", "from": "Customer", "to": "Return", "cardinality": "one_to_many" }),
            );
            rels.push(
                json!({ "name": "ReturnShipments", "from": "Return", "to": "Shipment", "cardinality": "one_to_many" }),
            );
            let mut read = json!({
                "id": "EC22", "name": "List the shipments of a customer", "kind": "read_many",
                "entity": "Shipment", "inputs": ["customerId"], "peak_rate": 1.0
            });
            if let Some(via) = via {
                read["via"] = json!(via);
            }
            v["access_patterns"].as_array_mut().unwrap().push(read);
        })
    };
    let errors = messages(&two_paths(None));
    assert!(
        errors.iter().any(|e| e.contains(
            "through 2 paths of relationships (CustomerOrders.OrderShipments, CustomerReturns.ReturnShipments)"
        )),
        "{errors:?}"
    );
    let model = load_str(&two_paths(Some("CustomerReturns.ReturnShipments"))).unwrap();
    let design = derive(&model);
    let shipments = design.entities.iter().find(|e| e.name == "Shipment").unwrap();
    assert_eq!(shipments.copies[0].path, ["CustomerReturns", "ReturnShipments"]);
    let errors = messages(&two_paths(Some("CustomerOrders.Nowhere")));
    assert!(
        errors
            .iter()
            .any(|e| e.contains("there is no path of relationships 'CustomerOrders.Nowhere' down to 'Shipment'")),
        "{errors:?}"
    );
}

#[test]
fn a_write_cannot_name_an_item_by_its_ancestor() {
    let text = changed("ecommerce-orders", |v| {
        v["access_patterns"].as_array_mut().unwrap().push(json!({
            "id": "EC22", "name": "Remove a customer's line", "kind": "delete",
            "entity": "OrderItem", "inputs": ["customerId", "lineNumber"], "peak_rate": 1.0
        }));
    });
    let errors = messages(&text);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("input 'customerId' identifies") && e.contains("which 'OrderItem' items do not hold")),
        "{errors:?}"
    );
}

#[test]
fn a_copy_below_an_item_that_moves_to_another_parent_would_go_stale_so_the_read_chains() {
    // Accounts moving between customers: a copy of the customer on their
    // transactions would go stale, so the chain is taken whatever it costs.
    let text = changed("acme-bank", |v| {
        let patterns = v["access_patterns"].as_array_mut().unwrap();
        patterns.push(transfer());
    });
    let model = load_str(&text).unwrap();
    let design = derive(&model);
    let plan = design.plans.iter().find(|p| p.pattern == "AP22").unwrap();
    assert_eq!(plan.requests, 3);
    assert!(
        plan.explanation.contains("it cannot copy the identifier: AP23 moves an Account to another Customer"),
        "{}",
        plan.explanation
    );
}

/// Three levels down (company, department, team, member): the members of a
/// company are the teams of the company (found through a copy of the company on
/// every team, which nothing writes) and then each team's members (written 500
/// times a second, too often to copy onto).
#[test]
fn three_levels_down_mixes_a_copy_and_a_chain_and_the_oracle_walks_the_path() {
    let model =
        load_file(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/org-chart.tablewright.json"))
            .unwrap();
    let design = derive(&model);
    assert!(verify(&model, &design).ok(), "{:?}", verify(&model, &design));
    let plan = design.plans.iter().find(|p| p.pattern == "OR03").unwrap();
    assert_eq!(plan.requests, 1 + 4, "{plan:#?}");
    assert!(plan.explanation.contains("(CompanyDepartments.DepartmentTeams.TeamMembers)"), "{}", plan.explanation);
    assert!(plan.techniques.contains(&Technique::Denormalization), "the teams are found by their copy");
    let teams = design.entities.iter().find(|e| e.name == "Team").unwrap();
    assert_eq!(teams.copies[0].attribute, "companyId");
    assert!(teams.keys.values().any(|t| t == "COMPANY#{companyId}"), "{:?}", teams.keys);
    let members = design.entities.iter().find(|e| e.name == "Member").unwrap();
    assert!(members.copies.is_empty());

    let options = SampleOptions { items_per_entity: 30, seed: 3, as_of: 20_000 };
    let sample = generate(&model, &design, &options).unwrap();
    let pattern = model.pattern("OR03").unwrap();
    let mut rng = tablewright_engine::sample::Rng::new(9);
    let params = tablewright_engine::oracle::draw_answered(&model, &sample, pattern, &mut rng).unwrap();
    let expected = tablewright_engine::oracle::expected(&model, &sample, pattern, &params);
    assert!(expected.count > 0, "{params:?}");
    // Each member expected is under a team under a department of that company.
    let of = |entity: &str, attr: &str, value: Option<&tablewright_engine::sample::Value>| {
        let found = sample.items.iter().find(|i| i.entity == entity && i.get(attr) == value);
        found.unwrap_or_else(|| panic!("no {entity} {value:?}"))
    };
    for key in &expected.required {
        let member = sample.by_key_one(key).unwrap();
        let team = of("Team", "teamId", member.get("teamId"));
        let department = of("Department", "departmentId", team.get("departmentId"));
        assert_eq!(department.get("companyId"), params.get("companyId"));
    }
}

#[test]
fn a_copy_that_a_move_would_leave_stale_is_rejected_by_the_verifier() {
    // Ordered across the accounts, AP22 can only be served by a copy; AP23 moves
    // accounts between customers, which no single request can follow down.
    let text = changed("acme-bank", |v| {
        let patterns = v["access_patterns"].as_array_mut().unwrap();
        let ap22 = patterns.iter_mut().find(|p| p["id"] == "AP22").unwrap();
        ap22["order"] = json!({ "attribute": "date", "direction": "descending" });
        patterns.push(transfer());
    });
    let model = load_str(&text).unwrap();
    let design = derive(&model);
    let plan = design.plans.iter().find(|p| p.pattern == "AP22").unwrap();
    assert!(plan.explanation.contains("Beware: AP23 moves an Account to another Customer"), "{}", plan.explanation);
    let verification = verify(&model, &design);
    assert!(
        verification.design.iter().any(|d| d
            == "Transaction's copy of customerNumber goes stale when AP23 moves an Account to another Customer: the items below it keep the old one"),
        "{:?}",
        verification.design
    );
}

#[test]
fn a_strongly_consistent_read_from_further_up_chains_on_the_table_and_leaves_no_index_behind() {
    // At this rate a copy costs less and is tried first, but no GSI reads strongly:
    // it is undone, and the chain reads the table and an LSI, whatever it costs.
    let text = changed("acme-bank", |v| {
        let ap22 = v["access_patterns"].as_array_mut().unwrap().iter_mut().find(|p| p["id"] == "AP22").unwrap();
        ap22["strongly_consistent"] = json!(true);
        ap22["peak_rate"] = json!(100000.0);
    });
    let model = load_str(&text).unwrap();
    let design = derive(&model);
    let plan = design.plans.iter().find(|p| p.pattern == "AP22").unwrap();
    assert!(plan.explanation.starts_with("Chained requests"), "{}", plan.explanation);
    assert!(plan.explanation.contains("a copy cannot serve it"), "{}", plan.explanation);
    assert_eq!(plan.then[0].consistency, Some(tablewright_engine::design::Consistency::Strong));
    assert!(plan.then[0].index.starts_with("LSI"), "{:?}", plan.then[0]);
    let transactions = design.entities.iter().find(|e| e.name == "Transaction").unwrap();
    assert!(transactions.copies.is_empty(), "the copy tried first is undone: {:?}", transactions.copies);
    assert!(!transactions.keys.values().any(|t| t.contains("customerNumber")), "{:?}", transactions.keys);
    assert_eq!(design.gsis.len(), derive(&example("acme-bank")).gsis.len(), "no GSI left behind");
    // And where even the chain would need a GSI, the Scan is reported with both reasons.
    let text = changed("ecommerce-orders", |v| {
        let ec21 = v["access_patterns"].as_array_mut().unwrap().iter_mut().find(|p| p["id"] == "EC21").unwrap();
        ec21["strongly_consistent"] = json!(true);
    });
    let model = load_str(&text).unwrap();
    let design = derive(&model);
    let scan = design.problems.iter().find(|p| p.pattern.as_deref() == Some("EC21")).unwrap();
    assert!(scan.message.contains("a copy of it would need a Scan"), "{}", scan.message);
}

#[test]
fn renaming_a_relationship_renames_it_in_a_path_followed() {
    use tablewright_engine::edit::{apply, Edit, RelationshipProperties};
    let text = changed("ecommerce-orders", |v| {
        let ec21 = v["access_patterns"].as_array_mut().unwrap().iter_mut().find(|p| p["id"] == "EC21").unwrap();
        ec21["via"] = json!("CustomerOrders.OrderItems");
    });
    let model = load_str(&text).unwrap();
    let rel = model.relationship("OrderItems").unwrap();
    let mut properties = RelationshipProperties::of(rel);
    properties.name = "OrderLines".into();
    let edited = apply(&model, &Edit::UpdateRelationship { relationship: "OrderItems".into(), properties }).unwrap();
    assert_eq!(edited.model.pattern("EC21").unwrap().via.as_deref(), Some("CustomerOrders.OrderLines"));
    assert!(tablewright_engine::validate::validate(&edited.model).is_empty());
}

#[test]
fn only_a_reads_input_may_name_an_ancestor() {
    // A filter, a pin or an update would need the items to hold it.
    let filtered = changed("ecommerce-orders", |v| {
        let ec21 = v["access_patterns"].as_array_mut().unwrap().iter_mut().find(|p| p["id"] == "EC21").unwrap();
        ec21["inputs"] = json!(["sku"]);
        ec21["filter"] = json!({ "attribute": "customerId", "op": "equals", "value": "c-1" });
    });
    assert!(
        messages(&filtered).iter().any(|e| e.contains("'OrderItem' has no attribute 'customerId'")),
        "{:?}",
        messages(&filtered)
    );
    let pinned = changed("ecommerce-orders", |v| {
        let line = v["entities"].as_array_mut().unwrap().iter_mut().find(|e| e["name"] == "OrderItem").unwrap();
        line["pinned_keys"] = json!({ "GSI1": { "partition": "CUSTOMER#{customerId}" } });
    });
    assert!(messages(&pinned).iter().any(|e| e.contains("customerId")), "{:?}", messages(&pinned));
}

#[test]
fn the_verifier_rejects_a_copy_whose_path_does_not_lead_down_to_the_item() {
    let model = example("ecommerce-orders");
    let mut design = derive(&model);
    let lines = design.entities.iter_mut().find(|e| e.name == "OrderItem").unwrap();
    lines.copies[0].path = vec!["CustomerOrders".into(), "OrderShipments".into()];
    let problems = verify(&model, &design).design;
    assert!(
        problems.iter().any(|p| p
            == "OrderItem's copy of customerId names the path CustomerOrders.OrderShipments, which does not lead down from Customer (whose identifier it is) to OrderItem"),
        "{problems:?}"
    );
}

/// Teams written as often as members: nothing is copied, the read chains twice.
#[test]
fn three_levels_down_chain_all_the_way_when_copies_cost_more() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/org-chart.tablewright.json");
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["access_patterns"].as_array_mut().unwrap().push(json!({
        "id": "OR05", "name": "Rename a team", "kind": "put", "entity": "Team", "peak_rate": 400
    }));
    let model = load_str(&v.to_string()).unwrap();
    let design = derive(&model);
    assert!(design.entities.iter().all(|e| e.copies.is_empty()), "nothing copied");
    let plan = design.plans.iter().find(|p| p.pattern == "OR03").unwrap();
    // The company's departments, each department's teams, each team's members.
    assert_eq!(plan.requests, 1 + 2 + 4, "{plan:#?}");
    assert_eq!(plan.then.len(), 2);
    assert!(verify(&model, &design).ok(), "{:?}", verify(&model, &design));
}

#[test]
fn an_ancestors_identifier_is_an_input_only_where_the_inputs_lead_down_from_it() {
    // Shipments of a customer from one warehouse: Warehouse is Shipment's parent,
    // Customer its ancestor through Order; no path starts from both.
    let text = changed("ecommerce-orders", |v| {
        v["access_patterns"].as_array_mut().unwrap().push(json!({
            "id": "EC22", "name": "List a customer's shipments from a warehouse", "kind": "read_many",
            "entity": "Shipment", "inputs": ["customerId", "warehouseId"], "peak_rate": 1.0
        }));
    });
    let errors = messages(&text);
    assert!(
        errors.iter().any(|e| e.contains("input 'customerId' identifies an ancestor of 'Shipment' further up, and EC22's other inputs do not lead down from it")),
        "{errors:?}"
    );
}
