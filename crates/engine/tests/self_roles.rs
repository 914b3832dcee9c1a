//! A one-to-many relationship of an entity with itself names its parent end (an
//! employee's "manager"): each child carries the parent's identifier as
//! `managerEmployeeId`, which the derivation keys, the sample fills with an earlier
//! item (a tree with a top), the oracle follows and the edits rename.

mod common;

use serde_json::json;
use tablewright_engine::design::derive;
use tablewright_engine::edit::{apply, Edit, RelationshipProperties};
use tablewright_engine::model::Cardinality;
use tablewright_engine::oracle::{expected, Params};
use tablewright_engine::sample::{generate, SampleOptions};
use tablewright_engine::verify::verify;
use tablewright_engine::{load_file, Model};

fn hr() -> Model {
    load_file(&common::models_dir().join("hr-directory.tablewright.json")).unwrap()
}

#[test]
fn the_reports_of_a_manager_are_one_query_and_a_transfer_moves_them() {
    let model = hr();
    let design = derive(&model);
    let reports = design.plans.iter().find(|p| p.pattern == "HR04").unwrap();
    let key = reports.request.key.as_ref().unwrap();
    assert_eq!(key.partition.value, "MANAGER_EMPLOYEE_ID#{managerEmployeeId}", "{reports:#?}");
    let transfer = design.plans.iter().find(|p| p.pattern == "HR15").unwrap();
    let update = transfer.actions[0].update.as_deref().unwrap();
    assert!(
        update.starts_with("SET #managerEmployeeId = :newManagerId") && update.contains("#GSI3PK = :_GSI3PK"),
        "{update}"
    );
    assert!(verify(&model, &design).ok(), "{:#?}", verify(&model, &design));
}

/// The sample is a tree: every manager named is an employee made before, the
/// first has none; the oracle's reports of a manager are those naming them.
#[test]
fn the_sample_is_a_tree_and_the_oracle_follows_the_role() {
    let model = hr();
    let design = derive(&model);
    let sample = generate(&model, &design, &SampleOptions { items_per_entity: 40, seed: 3, as_of: 20_454 }).unwrap();
    let employees: Vec<_> = sample.of("Employee").collect();
    assert!(employees[0].get("managerEmployeeId").is_none(), "the top has no manager");
    let mut managed = 0;
    for (n, e) in employees.iter().enumerate() {
        if let Some(manager) = e.get("managerEmployeeId") {
            assert!(employees[..n].iter().any(|m| m.get("employeeId") == Some(manager)), "an earlier employee");
            managed += 1;
        }
    }
    assert!(managed > 20, "most have a manager: {managed}");
    let manager = employees
        .iter()
        .map(|e| e.get("employeeId").unwrap())
        .find(|id| employees.iter().filter(|e| e.get("managerEmployeeId") == Some(id)).count() > 1);
    let manager = manager.expect("a manager with several reports").clone();
    let params: Params = [("managerEmployeeId".to_string(), manager.clone())].into_iter().collect();
    let answer = expected(&model, &sample, model.pattern("HR04").unwrap(), &params);
    let reports: std::collections::BTreeSet<_> =
        employees.iter().filter(|e| e.get("managerEmployeeId") == Some(&manager)).map(|e| sample.key(e)).collect();
    assert_eq!(
        answer.required.iter().chain(&answer.optional).cloned().collect::<std::collections::BTreeSet<_>>(),
        reports
    );
}

#[test]
fn a_parent_role_belongs_to_a_self_relationship_and_is_a_free_word() {
    let mut value: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::models_dir().join("hr-directory.tablewright.json")).unwrap(),
    )
    .unwrap();
    let rels = value["relationships"].as_array_mut().unwrap();
    let reports_to = rels.iter().position(|r| r["name"] == "ReportsTo").unwrap();
    let departments = rels.iter().position(|r| r["name"] == "DepartmentEmployees").unwrap();
    rels[departments]["from_role"] = json!("unit");
    rels[reports_to]["from_role"] = json!("line manager");
    let errors = common::errors_of(&value.to_string());
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    assert!(
        messages.iter().any(|m| m.contains(
            "'DepartmentEmployees' is not a one-to-many or one-to-one relationship of an entity with itself"
        )),
        "{messages:#?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("the parent role 'line manager' of 'ReportsTo' is not a word")),
        "{messages:#?}"
    );

    let rels = value["relationships"].as_array_mut().unwrap();
    rels[departments].as_object_mut().unwrap().remove("from_role");
    rels[reports_to]["from_role"] = json!("manager");
    let employee = value["entities"].as_array_mut().unwrap().iter_mut().find(|e| e["name"] == "Employee").unwrap();
    employee["attributes"].as_array_mut().unwrap().push(json!({"name": "managerEmployeeId", "type": "string"}));
    let errors = common::errors_of(&value.to_string());
    assert_eq!(errors.len(), 1, "{}", common::render(&errors));
    assert_eq!(
        errors[0].message,
        "Employee declares managerEmployeeId, which the parent role 'manager' of 'ReportsTo' names"
    );
}

/// A new role renames what the patterns say; a hierarchy drawn in the app names its parent.
#[test]
fn a_new_role_renames_the_references_and_a_drawn_hierarchy_has_one() {
    let model = hr();
    let mut props = RelationshipProperties::of(model.relationship("ReportsTo").unwrap());
    props.from_role = Some("lead".into());
    let next =
        apply(&model, &Edit::UpdateRelationship { relationship: "ReportsTo".into(), properties: props }).unwrap().model;
    assert_eq!(next.pattern("HR04").unwrap().inputs, ["leadEmployeeId"]);
    assert_eq!(next.pattern("HR15").unwrap().updates[0].attribute, "leadEmployeeId");

    let drawn = apply(
        &model,
        &Edit::AddRelationship { from: "Office".into(), to: "Office".into(), cardinality: Cardinality::OneToMany },
    )
    .unwrap()
    .model;
    assert_eq!(drawn.relationships.last().unwrap().from_role.as_deref(), Some("parent"));
}

/// Renaming the identifier renames what the children carry under the role; a
/// relationship that stops being a hierarchy drops its role and renames nothing.
#[test]
fn renames_keep_the_role_and_a_relationship_that_leaves_the_hierarchy_drops_it() {
    let model = hr();
    let mut id = model.entity("Employee").unwrap().attribute("employeeId").unwrap().clone();
    id.name = "staffId".into();
    let edit = Edit::UpdateAttribute { owner: "Employee".into(), attribute: "employeeId".into(), to: id };
    let next = apply(&model, &edit).unwrap().model;
    assert_eq!(next.pattern("HR04").unwrap().inputs, ["managerStaffId"]);
    assert_eq!(next.pattern("HR01").unwrap().inputs, ["staffId"]);

    let mut props = RelationshipProperties::of(model.relationship("ReportsTo").unwrap());
    props.from = "Department".into();
    let next =
        apply(&model, &Edit::UpdateRelationship { relationship: "ReportsTo".into(), properties: props }).unwrap().model;
    assert_eq!(next.relationship("ReportsTo").unwrap().from_role, None);
    assert_eq!(next.pattern("HR04").unwrap().inputs, ["managerEmployeeId"], "left for validation to report");
}

/// The carried manager is absent on the top of the tree, and is the target's own
/// input: it does not hide the relationship another input follows.
#[test]
fn the_carried_parent_may_be_absent_and_is_the_targets_own_input() {
    let mut value: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::models_dir().join("hr-directory.tablewright.json")).unwrap(),
    )
    .unwrap();
    value["access_patterns"].as_array_mut().unwrap().push(json!({
        "id": "HR90", "name": "Top of the tree", "kind": "read_many", "entity": "Employee", "peak_rate": 1,
        "filter": {"attribute": "managerEmployeeId", "op": "absent", "selectivity": 0.0001}
    }));
    let model = tablewright_engine::load_str(&value.to_string()).unwrap_or_else(|d| panic!("{}", common::render(&d)));
    let graph = tablewright_engine::ErGraph::new(&model);
    let mut p = model.pattern("HR04").unwrap().clone();
    p.inputs.push("departmentId".into());
    let reaching: Vec<&str> = graph.relationships_reaching(&p).iter().map(|r| r.name.as_str()).collect();
    assert_eq!(reaching, ["DepartmentEmployees"]);
}

/// A role whose attribute another relationship gives the items too, or on an
/// entity identified by two attributes, is refused.
#[test]
fn a_role_that_would_share_a_name_or_split_an_identifier_is_refused() {
    let model = |ids: serde_json::Value, role: &str| {
        json!({
            "format": "tablewright/3", "name": "Tree", "table": {"name": "tree", "billing": {"mode": "on_demand"}},
            "entities": [
                {"name": "Node", "attributes": ids},
                {"name": "Parent", "attributes": [{"name": "parentId", "type": "string", "required": true, "identifier": true}]}
            ],
            "relationships": [
                {"name": "Children", "from": "Node", "to": "Node", "cardinality": "one_to_many", "from_role": role},
                {"name": "ParentNodes", "from": "Parent", "to": "Node", "cardinality": "one_to_many"}
            ],
            "access_patterns": []
        })
        .to_string()
    };
    let id = |name: &str| json!({"name": name, "type": "string", "required": true, "identifier": true});
    let errors = common::errors_of(&model(json!([id("id")]), "parent"));
    assert_eq!(
        errors[0].message,
        "'ParentNodes' gives Node items parentId too, which the parent role 'parent' of 'Children' names"
    );
    let errors = common::errors_of(&model(json!([id("treeId"), id("nodeId")]), "up"));
    assert_eq!(
        errors[0].message,
        "Node is identified by several attributes, so a child cannot carry its parent in one"
    );
}
