//! Editing a model as the desktop app does: each edit keeps every reference to
//! what it changes, and refuses what would make the model ambiguous.

mod common;

use std::collections::BTreeMap;

use tablewright_engine::edit::{apply, Edit, EditError, EntityProperties, Focus, RelationshipProperties};
use tablewright_engine::model::{AttrType, Attribute, Cardinality, Model, PinnedKey, Position, SparseCondition};
use tablewright_engine::validate::validate;

use common::acme;

fn applied(model: &Model, edit: Edit) -> Model {
    apply(model, &edit).unwrap_or_else(|e| panic!("{edit:?} applies: {e}")).model
}

fn inputs(model: &Model, id: &str) -> Vec<String> {
    model.pattern(id).unwrap().inputs.clone()
}

#[test]
fn an_edit_leaves_the_model_it_was_given_alone() {
    let model = acme();
    let before = model.clone();
    let _ = applied(&model, Edit::RenameEntity { entity: "Customer".into(), to: "Client".into() });
    assert_eq!(model, before);
}

#[test]
fn renaming_an_entity_renames_every_reference_to_it() {
    let model = applied(&acme(), Edit::RenameEntity { entity: "Account".into(), to: "BankAccount".into() });
    assert!(model.entity("Account").is_none());
    assert!(model.entity("BankAccount").is_some());
    let accounts = model.relationship("CustomerAccounts").unwrap();
    assert_eq!(accounts.to, "BankAccount");
    assert_eq!(model.relationship("AccountTransactions").unwrap().from, "BankAccount");
    assert_eq!(model.pattern("AP06").unwrap().entity, "BankAccount");
    assert_eq!(model.pattern("AP07").unwrap().with, ["BankAccount"]);
    let debit = model.pattern("AP19").unwrap();
    assert!(debit.steps.iter().any(|s| s.entity == "BankAccount"));
    assert!(model.layout.nodes.contains_key("BankAccount") && !model.layout.nodes.contains_key("Account"));
    assert!(validate(&model).is_empty(), "{:?}", validate(&model));
}

#[test]
fn renaming_an_entity_to_a_taken_or_unusable_name_is_refused() {
    let model = acme();
    let rename = |to: &str| apply(&model, &Edit::RenameEntity { entity: "Account".into(), to: to.into() });
    assert_eq!(rename("Customer").unwrap_err(), EditError::NameTaken("Customer".into()));
    assert_eq!(rename("CustomerOffer").unwrap_err(), EditError::NameTaken("CustomerOffer".into()), "relationships too");
    assert!(matches!(rename("Acc#ount"), Err(EditError::BadName(_))));
    assert!(matches!(rename(""), Err(EditError::BadName(_))));
    assert_eq!(rename("Account").unwrap().model, model, "the same name changes nothing");
}

#[test]
fn renaming_an_attribute_follows_the_references_that_mean_it_and_only_those() {
    let model = acme();
    let mut to = model.entity("Account").unwrap().attribute("accountNumber").unwrap().clone();
    to.name = "accountId".into();
    let next =
        applied(&model, Edit::UpdateAttribute { owner: "Account".into(), attribute: "accountNumber".into(), to });
    assert_eq!(inputs(&next, "AP06"), ["accountId"], "Account's own pattern");
    assert_eq!(inputs(&next, "AP08"), ["accountId"], "a Customer pattern naming the related Account's identifier");
    // Transaction has an accountNumber attribute of its own: its patterns mean that one.
    assert_eq!(inputs(&next, "AP09"), ["accountNumber"]);
    assert!(next.entity("Transaction").unwrap().attribute("accountNumber").is_some());
    assert!(validate(&next).is_empty(), "{:?}", validate(&next));
}

#[test]
fn renaming_an_attribute_reaches_transaction_steps() {
    let model = acme();
    let mut to = model.entity("Account").unwrap().attribute("balance").unwrap().clone();
    to.name = "availableBalance".into();
    let next = applied(&model, Edit::UpdateAttribute { owner: "Account".into(), attribute: "balance".into(), to });
    let debit = next.pattern("AP19").unwrap();
    let account = debit.steps.iter().find(|s| s.entity == "Account").unwrap();
    assert!(account.updates.iter().any(|u| u.attribute == "availableBalance"));
    assert!(account
        .conditions
        .iter()
        .flat_map(|c| c.tests())
        .any(|c| c.attribute.as_deref() == Some("availableBalance")));
    assert!(validate(&next).is_empty(), "{:?}", validate(&next));
}

#[test]
fn renaming_an_attribute_renames_a_condition_comparing_with_it() {
    let path = common::models_dir().join("../crates/engine/tests/fixtures/registration.tablewright.json");
    let model = tablewright_engine::load_file(&path).unwrap();
    let mut to = model.entity("Course").unwrap().attribute("capacity").unwrap().clone();
    to.name = "seats".into();
    let next = applied(&model, Edit::UpdateAttribute { owner: "Course".into(), attribute: "capacity".into(), to });
    let enroll = next.pattern("CR08").unwrap();
    let course = enroll.steps.iter().find(|s| s.entity == "Course").unwrap();
    let compared: Vec<_> =
        course.conditions.iter().flat_map(|c| c.tests()).filter_map(|c| c.other_attribute.clone()).collect();
    assert_eq!(compared, ["seats"]);
    assert!(validate(&next).is_empty(), "{:?}", validate(&next));
}

#[test]
fn renaming_an_attribute_rewrites_pinned_key_templates() {
    let mut model = acme();
    let customer = model.entities.iter_mut().find(|e| e.name == "Customer").unwrap();
    customer.pinned_keys.insert(
        "table".into(),
        PinnedKey {
            partition: Some("CUST#{customerNumber}".into()),
            sort: Some("PROFILE#{customerNumber:10}".into()),
            sparse: None,
        },
    );
    let mut to = model.entity("Customer").unwrap().attribute("customerNumber").unwrap().clone();
    to.name = "customerId".into();
    let next =
        applied(&model, Edit::UpdateAttribute { owner: "Customer".into(), attribute: "customerNumber".into(), to });
    let pinned = &next.entity("Customer").unwrap().pinned_keys["table"];
    assert_eq!(pinned.partition.as_deref(), Some("CUST#{customerId}"));
    assert_eq!(pinned.sort.as_deref(), Some("PROFILE#{customerId:10}"), "padding kept");
    assert_eq!(inputs(&next, "AP05"), ["customerId"], "Account's pattern naming the parent's identifier");
    assert_eq!(inputs(&next, "AP15"), ["customerId"], "a pair item's end identifier");
}

#[test]
fn renaming_an_attribute_rewrites_a_sparse_pins_condition() {
    let mut model = acme();
    let transaction = model.entities.iter_mut().find(|e| e.name == "Transaction").unwrap();
    let sparse = SparseCondition { attribute: "status".into(), op: "equals".into(), value: Some("declined".into()) };
    let key =
        PinnedKey { partition: Some("DECLINED".into()), sort: Some("TRANSACTION#{date}".into()), sparse: Some(sparse) };
    transaction.pinned_keys.insert("GSI3".into(), key);
    let mut to = model.entity("Transaction").unwrap().attribute("status").unwrap().clone();
    to.name = "state".into();
    let next = applied(&model, Edit::UpdateAttribute { owner: "Transaction".into(), attribute: "status".into(), to });
    let pinned = &next.entity("Transaction").unwrap().pinned_keys["GSI3"];
    assert_eq!(pinned.sparse.as_ref().map(|s| s.attribute.as_str()), Some("state"));
    assert!(validate(&next).is_empty(), "{:?}", validate(&next));
}

#[test]
fn a_new_entity_has_an_identifier_and_a_free_name() {
    let model = Model::new("shop");
    let first = apply(&model, &Edit::AddEntity { name: None, position: Some(Position { x: 10.0, y: 20.0 }) }).unwrap();
    assert_eq!(first.focus, Some(Focus::Entity("Entity1".into())));
    let e = first.model.entity("Entity1").unwrap();
    assert_eq!(e.identifier().iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["entity1Id"]);
    assert_eq!(first.model.layout.nodes["Entity1"], Position { x: 10.0, y: 20.0 });
    let second = applied(&first.model, Edit::AddEntity { name: None, position: None });
    assert!(second.entity("Entity2").is_some());
    assert!(validate(&second).is_empty());
}

#[test]
fn renaming_a_new_entity_renames_the_identifier_it_was_given() {
    let model = applied(&Model::new("shop"), Edit::AddEntity { name: None, position: None });
    let model = applied(&model, Edit::AddPattern { entity: None, pattern: None });
    let model = applied(&model, Edit::RenameEntity { entity: "Entity1".into(), to: "Customer".into() });
    let customer = model.entity("Customer").unwrap();
    assert_eq!(customer.attributes[0].name, "customerId");
    assert_eq!(inputs(&model, "AP01"), ["customerId"]);
    // An identifier the user named is theirs: it stays.
    let mut id = customer.attributes[0].clone();
    id.name = "email".into();
    let model =
        applied(&model, Edit::UpdateAttribute { owner: "Customer".into(), attribute: "customerId".into(), to: id });
    let model = applied(&model, Edit::RenameEntity { entity: "Customer".into(), to: "Client".into() });
    assert_eq!(model.entity("Client").unwrap().attributes[0].name, "email");
}

#[test]
fn connecting_entities_names_the_relationship_after_them() {
    let model = applied(&Model::new("shop"), Edit::AddEntity { name: Some("Customer".into()), position: None });
    let model = applied(&model, Edit::AddEntity { name: Some("Order".into()), position: None });
    let result = apply(
        &model,
        &Edit::AddRelationship { from: "Customer".into(), to: "Order".into(), cardinality: Cardinality::OneToMany },
    )
    .unwrap();
    assert_eq!(result.focus, Some(Focus::Relationship("CustomerOrders".into())));
    assert!(result.model.relationship("CustomerOrders").unwrap().required, "an order drawn under a customer has one");
    let again = applied(
        &result.model,
        Edit::AddRelationship { from: "Customer".into(), to: "Order".into(), cardinality: Cardinality::OneToMany },
    );
    assert!(again.relationship("CustomerOrders2").is_some());
    let to_self = applied(
        &model,
        Edit::AddRelationship { from: "Customer".into(), to: "Customer".into(), cardinality: Cardinality::ManyToMany },
    );
    let r = to_self.relationship("CustomerCustomer").unwrap();
    assert!(r.to_role.is_some(), "a many-to-many of an entity to itself needs a name for its other end");
    assert!(!r.required, "pairs have no parent");
    assert!(validate(&to_self).is_empty(), "{:?}", validate(&to_self));
    let unknown =
        Edit::AddRelationship { from: "Customer".into(), to: "Nobody".into(), cardinality: Cardinality::OneToOne };
    assert_eq!(apply(&model, &unknown).unwrap_err(), EditError::UnknownEntity("Nobody".into()));
}

#[test]
fn deleting_an_entity_takes_what_needs_it() {
    let result = apply(&acme(), &Edit::Delete { entities: vec!["Offer".into()], relationships: vec![] }).unwrap();
    let model = result.model;
    assert!(model.entity("Offer").is_none());
    assert!(model.relationship("CustomerOffer").is_none(), "its relationship");
    assert!(model.access_patterns.iter().all(|p| p.entity != "Offer" && p.entity != "CustomerOffer"));
    assert!(!model.layout.nodes.contains_key("Offer"));
    assert_eq!(result.label, "Delete Offer, 1 relationship and 4 access patterns");
    assert!(validate(&model).is_empty(), "{:?}", validate(&model));
}

#[test]
fn deleting_an_entity_fetched_with_another_keeps_the_pattern() {
    let model = applied(&acme(), Edit::Delete { entities: vec!["Account".into()], relationships: vec![] });
    let ap07 = model.pattern("AP07").expect("a Customer pattern stays");
    assert!(ap07.with.is_empty());
    assert!(model.pattern("AP06").is_none());
}

#[test]
fn deleting_unknown_elements_changes_nothing() {
    let edit = Edit::Delete { entities: vec!["Offer".into(), "Nobody".into()], relationships: vec![] };
    assert_eq!(apply(&acme(), &edit).unwrap_err(), EditError::UnknownEntity("Nobody".into()));
}

#[test]
fn relationship_changes_carry_its_new_name_and_refuse_to_drop_pair_data() {
    let model = acme();
    let mut props = RelationshipProperties::of(model.relationship("CustomerOffer").unwrap());
    props.name = "OfferSent".into();
    let next =
        applied(&model, Edit::UpdateRelationship { relationship: "CustomerOffer".into(), properties: props.clone() });
    assert_eq!(next.pattern("AP15").unwrap().entity, "OfferSent");
    assert!(validate(&next).is_empty(), "{:?}", validate(&next));
    props.name = "CustomerOffer".into();
    props.cardinality = Cardinality::OneToMany;
    let refused = apply(&model, &Edit::UpdateRelationship { relationship: "CustomerOffer".into(), properties: props });
    assert!(matches!(refused, Err(EditError::ManyToManyData { .. })), "{refused:?}");
}

#[test]
fn attributes_are_added_moved_and_deleted_on_entities_and_pair_items() {
    let model = acme();
    let note = Attribute::new("note", AttrType::String);
    let next = applied(&model, Edit::AddAttribute { owner: "CustomerOffer".into(), attribute: note.clone() });
    assert!(next.relationship("CustomerOffer").unwrap().attributes.iter().any(|a| a.name == "note"));
    let taken = apply(&next, &Edit::AddAttribute { owner: "CustomerOffer".into(), attribute: note.clone() });
    assert!(matches!(taken, Err(EditError::AttributeTaken { .. })));
    let reserved = Attribute::new("GSI1PK", AttrType::String);
    assert!(matches!(
        apply(&model, &Edit::AddAttribute { owner: "Customer".into(), attribute: reserved }),
        Err(EditError::BadName(_))
    ));
    assert!(matches!(
        apply(&model, &Edit::AddAttribute { owner: "CustomerAccounts".into(), attribute: note }),
        Err(EditError::NotManyToMany(_))
    ));
    let moved =
        applied(&model, Edit::MoveAttribute { owner: "Customer".into(), attribute: "phone".into(), to_index: 0 });
    assert_eq!(moved.entity("Customer").unwrap().attributes[0].name, "phone");
    let gone = applied(&model, Edit::DeleteAttribute { owner: "Offer".into(), attribute: "details".into() });
    assert!(gone.entity("Offer").unwrap().attribute("details").is_none());
}

#[test]
fn deleting_an_attribute_a_pattern_needs_leaves_the_problem_for_validation() {
    let model = applied(&acme(), Edit::DeleteAttribute { owner: "Customer".into(), attribute: "phone".into() });
    let problems = validate(&model);
    assert!(problems.iter().any(|d| d.path.to_string() == "$.access_patterns[1].inputs[0]"), "{problems:?}");
}

#[test]
fn patterns_are_added_with_free_ids_changed_reordered_and_deleted() {
    let model = acme();
    let added = apply(&model, &Edit::AddPattern { entity: Some("Offer".into()), pattern: None }).unwrap();
    assert_eq!(added.focus, Some(Focus::Pattern("AP23".into())));
    let p = added.model.pattern("AP23").unwrap();
    assert_eq!((p.entity.as_str(), p.inputs.as_slice()), ("Offer", ["offerId".to_string()].as_slice()));
    let mut changed = p.clone();
    changed.id = "AP01".into();
    let clash = apply(&added.model, &Edit::UpdatePattern { id: "AP23".into(), pattern: changed.clone() });
    assert_eq!(clash.unwrap_err(), EditError::PatternIdTaken("AP01".into()));
    changed.id = "OFFER-BY-ID".into();
    let renamed = applied(&added.model, Edit::UpdatePattern { id: "AP23".into(), pattern: changed });
    assert!(renamed.pattern("OFFER-BY-ID").is_some());
    let moved = applied(&renamed, Edit::MovePattern { id: "OFFER-BY-ID".into(), to_index: 0 });
    assert_eq!(moved.access_patterns[0].id, "OFFER-BY-ID");
    let deleted = applied(&moved, Edit::DeletePattern { id: "OFFER-BY-ID".into() });
    assert_eq!(deleted, model);
    assert_eq!(
        apply(&Model::new("x"), &Edit::AddPattern { entity: None, pattern: None }).unwrap_err(),
        EditError::NoEntity
    );
}

#[test]
fn moves_and_settings_are_edits_too() {
    let model = acme();
    let moved = apply(
        &model,
        &Edit::MoveNodes { positions: BTreeMap::from([("Offer".to_string(), Position { x: 1.0, y: 2.0 })]) },
    )
    .unwrap();
    assert_eq!(moved.label, "Move Offer");
    assert_eq!(moved.model.layout.nodes["Offer"], Position { x: 1.0, y: 2.0 });
    let mut props = EntityProperties::of(model.entity("Offer").unwrap());
    props.expected_count = Some(42);
    let next = applied(&model, Edit::SetEntityProperties { entity: "Offer".into(), properties: props });
    assert_eq!(next.entity("Offer").unwrap().expected_count, Some(42));
}

#[test]
fn edits_travel_as_tagged_json() {
    let edit: Edit = serde_json::from_str(r#"{"op": "rename_entity", "entity": "A", "to": "B"}"#).unwrap();
    assert_eq!(edit, Edit::RenameEntity { entity: "A".into(), to: "B".into() });
    let unknown = serde_json::from_str::<Edit>(r#"{"op": "rename_entity", "entity": "A", "to": "B", "x": 1}"#);
    assert!(unknown.is_err(), "a misspelled field is an error, not ignored");
}
