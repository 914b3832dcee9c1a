//! Keys pinned by hand are kept exactly as written, or the design says why they
//! cannot be: a pin is never changed behind the architect's back.

mod common;

use tablewright_engine::design::{derive, Design, ProblemCode, TABLE};
use tablewright_engine::load_str;
use tablewright_engine::model::{Model, PinnedKey};
use tablewright_engine::verify::verify;

/// Every key of every entity and pair item, as `design` derived it, pinned: the
/// table's, each GSI's, each LSI's sort key, sparse ones too (a pin fixes the
/// templates; which items write them the sparse reads still decide).
fn pin_everything(model: &Model, design: &Design) -> Model {
    let mut pinned = model.clone();
    let indexes = std::iter::once(TABLE.to_string())
        .chain(design.gsis.iter().map(|i| i.name.clone()))
        .chain(design.lsis.iter().map(|i| i.name.clone()));
    for index in indexes.collect::<Vec<_>>() {
        let (pk, sk) = tablewright_engine::design::naming::key_attributes(&index);
        for e in &design.entities {
            let Some(sort) = e.keys.get(&sk) else { continue };
            let partition = if index.starts_with("LSI") { None } else { e.keys.get(&pk).cloned() };
            let pin = PinnedKey { partition, sort: Some(sort.clone()), sparse: None };
            let keys = match pinned.entities.iter_mut().find(|x| x.name == e.name) {
                Some(entity) => &mut entity.pinned_keys,
                None => &mut pinned.relationships.iter_mut().find(|r| r.name == e.name).expect("an item").pinned_keys,
            };
            keys.insert(index.clone(), pin);
        }
    }
    pinned
}

#[test]
fn every_example_pinned_as_derived_is_derived_exactly_as_pinned() {
    for path in common::example_models() {
        let model = tablewright_engine::load_file(&path).unwrap();
        let design = derive(&model);
        let pinned = pin_everything(&model, &design);
        let again = derive(&pinned);
        let name = common::stem(&path);
        for (e, was) in again.entities.iter().zip(&design.entities) {
            assert_eq!(e.keys, was.keys, "{name}: {}'s keys were pinned as derived", e.name);
            assert_eq!(e.sparse, was.sparse, "{name}: {}'s sparse keys", e.name);
            assert_eq!(e.shards, was.shards, "{name}: {}'s shards", e.name);
        }
        assert_eq!(again.gsis.len(), design.gsis.len(), "{name}: no index added for pinned keys");
        assert!(verify(&pinned, &again).ok(), "{name}: {:?}", verify(&pinned, &again));
        assert!(!again.problems.iter().any(|p| p.code == ProblemCode::PinnedConflict), "{name}");
    }
}

/// Post's feed index is pinned to one partition, read at 20,000 a second: the pin
/// is kept and the conflict reported; pinned with {_shard}, it is sharded as pinned.
#[test]
fn a_hot_pin_is_kept_and_reported_and_a_pinned_shard_suffix_is_honoured() {
    let model = |partition: &str| -> Model {
        let text = format!(
            r#"{{
  "format": "tablewright/3", "name": "Feed", "table": {{"name": "feed", "billing": {{"mode": "on_demand"}}}},
  "entities": [
    {{"name": "Post", "expected_count": 1000000,
      "attributes": [{{"name": "postId", "type": "string", "identifier": true}},
                     {{"name": "createdAt", "type": "string", "format": "timestamp", "required": true}}],
      "pinned_keys": {{"GSI1": {{"partition": "{partition}", "sort": "POST#{{createdAt}}"}}}}}}
  ],
  "access_patterns": [
    {{"id": "AP1", "name": "Latest posts", "kind": "read_many", "entity": "Post",
      "order": {{"attribute": "createdAt", "direction": "descending"}}, "limit": 20, "peak_rate": 20000}},
    {{"id": "AP2", "name": "Write a post", "kind": "put", "entity": "Post", "inputs": ["postId"], "peak_rate": 3000}}
  ]
}}"#
        );
        load_str(&text).unwrap_or_else(|d| panic!("{}", common::render(&d)))
    };
    let hot = model("FEED");
    let design = derive(&hot);
    let post = &design.entities[0];
    assert_eq!(post.keys["GSI1PK"], "FEED", "kept as pinned");
    assert!(post.shards.is_empty());
    let conflict = design.problems.iter().find(|p| p.code == ProblemCode::PinnedConflict).expect("reported");
    assert!(conflict.message.contains("FEED#{_shard}"), "{}", conflict.message);
    // The fix offered is that pin, in one edit.
    let [fix] = conflict.fixes.as_slice() else { panic!("one fix: {:?}", conflict.fixes) };
    assert_eq!(fix.label, "Pin Post's GSI1 PK as FEED#{_shard}");
    let sharded = tablewright_engine::edit::apply(&hot, &fix.edit).expect("the fix applies").model;
    assert_eq!(sharded, model("FEED#{_shard}"));

    let design = derive(&sharded);
    let post = &design.entities[0];
    assert_eq!(post.keys["GSI1PK"], "FEED#{_shard}");
    assert!(post.shards["GSI1PK"].count >= 2, "{:?}", post.shards);
    assert!(!design.problems.iter().any(|p| p.code == ProblemCode::PinnedConflict));
    let plan = design.plans.iter().find(|p| p.pattern == "AP1").unwrap();
    assert_eq!(plan.request.count, post.shards["GSI1PK"].count, "the reader fans out over every shard");
    assert!(verify(&sharded, &design).ok(), "{:?}", verify(&sharded, &design));
}

#[test]
fn a_pin_may_name_a_parents_identifier_but_puts_shards_only_in_a_gsi_partition() {
    let mut value = common::fixture();
    let order = value["entities"].as_array_mut().unwrap().iter_mut().find(|e| e["name"] == "Order").unwrap();
    order["pinned_keys"] =
        serde_json::json!({"GSI1": {"partition": "CUSTOMER#{customerId}", "sort": "ORDER#{orderId}"}});
    load_str(&value.to_string()).unwrap_or_else(|d| panic!("a parent's identifier: {}", common::render(&d)));
    let order = value["entities"].as_array_mut().unwrap().iter_mut().find(|e| e["name"] == "Order").unwrap();
    order["pinned_keys"] = serde_json::json!({"table": {"partition": "ORDER#{orderId}#{_shard}", "sort": "ORDER"}});
    let errors = common::errors_of(&value.to_string());
    assert!(errors.iter().any(|e| e.hint.contains("GSI's \"partition\" only")), "{}", common::render(&errors));
}

/// The declined transactions' sparse index pinned alone, as derived: the pin
/// stays sparse for the read of declined transactions (AP13) rather than being
/// taken by the read of all transactions of a date (AP12), which its templates
/// also serve and which would put every transaction in its one partition.
#[test]
fn a_pinned_sparse_index_stays_sparse_and_adds_no_index() {
    let path = common::example_models().into_iter().find(|p| common::stem(p) == "acme-bank").unwrap();
    let model = tablewright_engine::load_file(&path).unwrap();
    let design = derive(&model);
    let declined = design.entities.iter().find(|e| e.name == "Transaction").unwrap();
    let index = design.gsis.iter().find(|i| declined.sparse.contains_key(&format!("{}PK", i.name))).unwrap();
    let (pk, sk) = tablewright_engine::design::naming::key_attributes(&index.name);
    let mut pinned = model.clone();
    let transaction = pinned.entities.iter_mut().find(|e| e.name == "Transaction").unwrap();
    let pin =
        PinnedKey { partition: declined.keys.get(&pk).cloned(), sort: declined.keys.get(&sk).cloned(), sparse: None };
    transaction.pinned_keys.insert(index.name.clone(), pin);

    let again = derive(&pinned);
    assert_eq!(again.gsis.len(), design.gsis.len(), "no index added");
    let now = again.entities.iter().find(|e| e.name == "Transaction").unwrap();
    assert_eq!(now.keys, declined.keys);
    assert_eq!(now.sparse, declined.sparse);
    assert!(!again.problems.iter().any(|p| p.code == ProblemCode::PinnedConflict), "{:#?}", again.problems);
    assert!(verify(&pinned, &again).ok(), "{:?}", verify(&pinned, &again));
}

/// A pin may say which items its index holds (`sparse`): the architect's word,
/// as an imported expert design gives it, without a selectivity in the reads.
/// The index stays sparse for the read that asks for exactly those items.
#[test]
fn a_pin_that_says_its_index_is_sparse_keeps_it_sparse_without_a_selectivity() {
    let path = common::example_models().into_iter().find(|p| common::stem(p) == "acme-bank").unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let model = tablewright_engine::load_file(&path).unwrap();
    let design = derive(&model);
    let declined = design.entities.iter().find(|e| e.name == "Transaction").unwrap();
    let index = design.gsis.iter().find(|i| declined.sparse.contains_key(&format!("{}PK", i.name))).unwrap();
    let (pk, sk) = tablewright_engine::design::naming::key_attributes(&index.name);
    let ap13 = value["access_patterns"].as_array_mut().unwrap().iter_mut().find(|p| p["id"] == "AP13").unwrap();
    ap13["filter"].as_object_mut().unwrap().remove("selectivity");
    let transaction =
        value["entities"].as_array_mut().unwrap().iter_mut().find(|e| e["name"] == "Transaction").unwrap();
    transaction["pinned_keys"] = serde_json::json!({ index.name.clone(): {
        "partition": declined.keys[&pk], "sort": declined.keys[&sk],
        "sparse": {"attribute": "status", "op": "equals", "value": "declined"}
    }});
    let pinned = load_str(&value.to_string()).unwrap_or_else(|d| panic!("{}", common::render(&d)));

    let again = derive(&pinned);
    assert_eq!(again.gsis.len(), design.gsis.len(), "no index added");
    let now = again.entities.iter().find(|e| e.name == "Transaction").unwrap();
    assert_eq!((&now.keys, &now.sparse), (&declined.keys, &declined.sparse));
    let plan = again.plans.iter().find(|p| p.pattern == "AP13").unwrap();
    assert_eq!(plan.request.index, index.name, "{plan:#?}");
    assert!(verify(&pinned, &again).ok(), "{:?}", verify(&pinned, &again));
}

#[test]
fn a_sparse_pin_names_a_gsi_an_attribute_of_the_items_and_a_condition() {
    let refused = |pins: serde_json::Value, says: &str| {
        let mut value = common::fixture();
        let order = value["entities"].as_array_mut().unwrap().iter_mut().find(|e| e["name"] == "Order").unwrap();
        order["pinned_keys"] = pins;
        let errors = common::errors_of(&value.to_string());
        assert!(errors.iter().any(|e| e.message.contains(says)), "{says}: {}", common::render(&errors));
    };
    let key = |sparse: serde_json::Value| serde_json::json!({"GSI1": {"partition": "ORDERS", "sort": "ORDER#{orderId}", "sparse": sparse}});
    refused(
        serde_json::json!({"table": {"partition": "ORDER#{orderId}", "sort": "ORDER", "sparse": {"attribute": "total", "op": "present"}}}),
        "only a GSI holds some of the items",
    );
    refused(key(serde_json::json!({"attribute": "colour", "op": "present"})), "which these items do not have");
    refused(key(serde_json::json!({"attribute": "orderId", "op": "present"})), "every item has its identifier");
    refused(key(serde_json::json!({"attribute": "total", "op": "above"})), "not a sparse index's condition");
    refused(key(serde_json::json!({"attribute": "total", "op": "equals"})), "needs a value");
    refused(key(serde_json::json!({"attribute": "total", "op": "equals", "value": "lots"})), "is not a number");
    refused(key(serde_json::json!({"attribute": "createdAt", "op": "present"})), "it is required");
    refused(
        serde_json::json!({"LSI1": {"sort": "ORDER#{createdAt}", "sparse": {"attribute": "total", "op": "present"}}}),
        "only a GSI holds some of the items",
    );
}
