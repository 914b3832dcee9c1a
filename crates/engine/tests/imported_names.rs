//! An imported design calls its key attributes what its source calls them, so
//! that exports and generated code fit the application already written against
//! the table — and keeps Tablewright's names for an index where the source's
//! would make one attribute hold two values.

mod common;

use tablewright_engine::codegen::{code, Language};
use tablewright_engine::design::{derive, Design};
use tablewright_engine::export::{export, ExportFormat};
use tablewright_engine::import::{import, ImportOptions};
use tablewright_engine::model::PinnedKey;
use tablewright_engine::verify::verify;
use tablewright_engine::Model;

fn session() -> Model {
    let path = common::models_dir().join("../corpus/nosql-workbench/SessionManagementSchema.json");
    let text = std::fs::read_to_string(path).unwrap();
    import(&text, None, &ImportOptions { table: None }).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn an_inverted_index_is_keyed_by_the_tables_own_attributes_in_the_design_and_its_exports() {
    let model = session();
    let design = derive(&model);
    let gsi = &design.gsis[0];
    assert_eq!((gsi.partition_key.name.as_str(), gsi.sort_key.name.as_str()), ("SK", "PK"));
    let c = design.entities.iter().find(|e| e.name == "C").unwrap();
    assert_eq!(c.keys.keys().collect::<Vec<_>>(), ["PK", "SK"], "each attribute written once");
    assert!(verify(&model, &design).ok(), "{:#?}", verify(&model, &design));

    let template = String::from_utf8(export(&model, &design, ExportFormat::CloudFormation, 0).unwrap()).unwrap();
    let definitions = template.split("KeySchema").next().unwrap();
    assert_eq!(definitions.matches("AttributeName:").count(), 2, "PK and SK alone are defined:\n{template}");
    assert!(!template.contains("GSI1PK") && !template.contains("GSI1SK"), "{template}");
}

#[test]
fn an_index_whose_source_names_would_hold_two_values_keeps_tablewrights() {
    let mut model = session();
    let c = model.entities.iter_mut().find(|e| e.name == "C").unwrap();
    c.pinned_keys.insert(
        "GSI1".into(),
        PinnedKey { partition: Some("c#{cId}".into()), sort: Some("other#{suuidId}".into()), sparse: None },
    );
    keeps_tablewrights_names_and_verifies(
        &model,
        "not as in the source: the source's name PK is also a key attribute of the table, and C would write it differently there",
    );
}

/// A model imported before the design kept source names says nothing of them,
/// and keeps the names its deployed table has.
#[test]
fn a_model_imported_before_keeps_tablewrights_names() {
    let mut model = session();
    model.imported.as_mut().unwrap().source_key_names = false;
    let design = derive(&model);
    let gsi = &design.gsis[0];
    assert_eq!((gsi.partition_key.name.as_str(), gsi.sort_key.name.as_str()), ("GSI1PK", "GSI1SK"));
}

/// Where the source keeps other names than PK and SK, every expression and
/// export names them: an update that must create its item is refused by PartiQL
/// (UPDATE never creates one), and the Workbench export of an index that kept
/// Tablewright's names does not write them over the table's keys.
#[test]
fn lower_case_source_names_reach_conditions_partiql_and_the_workbench_export() {
    let mut model = session();
    let keys = &mut model.imported.as_mut().unwrap().keys;
    for (index, (pk, sk)) in [("table", ("pk", "sk")), ("GSI1", ("sk", "pk"))] {
        let source = keys.get_mut(index).unwrap();
        source.partition_key.as_mut().unwrap().name = pk.into();
        source.sort_key.as_mut().unwrap().name = sk.into();
    }
    let update: tablewright_engine::model::AccessPattern = serde_json::from_value(serde_json::json!({
        "id": "W1", "name": "Start a C", "kind": "update", "entity": "C", "inputs": ["suuidId", "cId"],
        "conditions": [{ "op": "not_exists" }], "peak_rate": 1.0,
        "updates": [{ "attribute": "session_state", "action": "set", "input": "state" }]
    }))
    .unwrap();
    model.access_patterns.push(update);
    let design = derive(&model);
    assert_eq!(design.table.partition_key.name, "pk");
    let plan = design.plans.iter().find(|p| p.pattern == "W1").unwrap();
    assert_eq!(plan.actions[0].condition.as_deref(), Some("attribute_not_exists(pk)"));
    let partiql = code(&model, &design, "W1", Language::Partiql).unwrap();
    assert!(partiql.contains("UPDATE never creates one"), "{partiql}");

    // A clash: GSI1 keeps GSI1PK/GSI1SK, and the export of an entity added since
    // the import leaves its table keys alone.
    let c = model.entities.iter_mut().find(|e| e.name == "C").unwrap();
    c.pinned_keys.insert(
        "GSI1".into(),
        PinnedKey { partition: Some("c#{cId}".into()), sort: Some("other#{suuidId}".into()), sparse: None },
    );
    let added: tablewright_engine::model::Entity = serde_json::from_value(serde_json::json!({
        "name": "D",
        "attributes": [
            { "name": "suuidId", "type": "string", "required": true },
            { "name": "dId", "type": "string", "identifier": true, "required": true }
        ],
        "pinned_keys": {
            "table": { "partition": "suuid#{suuidId}", "sort": "d#{dId}" },
            "GSI1": { "partition": "dd#{dId}", "sort": "suuid#{suuidId}" }
        }
    }))
    .unwrap();
    model.entities.push(added);
    let design = derive(&model);
    assert_eq!(design.gsis[0].partition_key.name, "GSI1PK");
    let exported = export(&model, &design, ExportFormat::NosqlWorkbench, 0).unwrap();
    let exported: serde_json::Value = serde_json::from_slice(&exported).unwrap();
    let facets = exported["DataModel"][0]["TableFacets"].as_array().unwrap();
    let d = facets.iter().find(|f| f["FacetName"] == "D").expect("D gets a facet");
    assert_eq!(d["KeyAttributeAlias"]["SortKeyAlias"], "d#{dId}", "{d:#}");
}

/// A source's key name that no expression placeholder can stand for keeps
/// Tablewright's names, and the reason shows the name with its control
/// characters made visible (explanations reach a terminal as they are).
#[test]
fn a_name_no_placeholder_can_stand_for_keeps_tablewrights_and_is_shown_escaped() {
    for (name, why) in
        [("GSI1-PK", "holds characters no expression placeholder can stand for"), ("x\u{1b}[2Jy", "holds characters")]
    {
        let mut model = session();
        let keys = &mut model.imported.as_mut().unwrap().keys;
        keys.get_mut("GSI1").unwrap().partition_key.as_mut().unwrap().name = name.into();
        let design = keeps_tablewrights_names(&model, why);
        assert!(!design.gsis[0].explanation.contains('\u{1b}'), "{}", design.gsis[0].explanation);
    }
}

/// Names that may be DynamoDB reserved words (`Owner`, `Data`: AWS's own
/// overloaded-index example keys by `Data`) are kept, and every expression names
/// them through a placeholder that each consumer binds to the name.
#[test]
fn reserved_word_names_are_kept_and_written_through_placeholders() {
    let mut model = session();
    let keys = &mut model.imported.as_mut().unwrap().keys;
    let gsi = keys.get_mut("GSI1").unwrap();
    gsi.partition_key.as_mut().unwrap().name = "Owner".into();
    gsi.sort_key.as_mut().unwrap().name = "Data".into();
    let design = derive(&model);
    let gsi = &design.gsis[0];
    assert_eq!((gsi.partition_key.name.as_str(), gsi.sort_key.name.as_str()), ("Owner", "Data"), "{}", gsi.explanation);
    assert!(verify(&model, &design).ok(), "{:#?}", verify(&model, &design));

    let query = design.plans.iter().find(|p| p.request.index == "GSI1").expect("a pattern reads GSI1");
    let text = query.request.key_condition.as_deref().unwrap();
    assert!(text.starts_with("#Owner = :pk"), "{text}");
    for language in [Language::Cli, Language::Python, Language::Rust, Language::TypeScript] {
        let generated = code(&model, &design, &query.pattern, language).unwrap();
        let bound = generated.lines().any(|l| l.contains("\"#Owner\"") && l.contains("\"Owner\""));
        assert!(bound, "{}: #Owner is bound to Owner\n{generated}", language.name());
    }
    let partiql = code(&model, &design, &query.pattern, Language::Partiql).unwrap();
    assert!(partiql.contains(r#""Owner" = ?"#), "{partiql}");
}

/// The source's index names are the names the design deploys, exports and
/// queries: the session schema's inverted index stays `GSI1_inverse`.
#[test]
fn an_imported_index_keeps_its_sources_name_wherever_it_meets_dynamodb() {
    let model = session();
    let design = derive(&model);
    let gsi = &design.gsis[0];
    assert_eq!((gsi.name.as_str(), gsi.deployed_name.as_deref()), ("GSI1", Some("GSI1_inverse")));
    assert!(gsi.explanation.ends_with(" Deployed as GSI1_inverse."), "{}", gsi.explanation);
    assert_eq!(design.deployed_index("GSI1"), "GSI1_inverse");

    for format in [ExportFormat::CloudFormation, ExportFormat::Terraform, ExportFormat::Cdk, ExportFormat::AwsCli] {
        let exported = String::from_utf8(export(&model, &design, format, 0).unwrap()).unwrap();
        assert!(exported.contains("GSI1_inverse"), "{format:?}:\n{exported}");
        assert!(!exported.contains("\"GSI1\"") && !exported.contains(" GSI1\n"), "{format:?}:\n{exported}");
    }
    let query = design.plans.iter().find(|p| p.request.index == "GSI1").expect("a pattern reads GSI1");
    for language in Language::ALL {
        let generated = code(&model, &design, &query.pattern, language).unwrap();
        assert!(generated.contains("GSI1_inverse"), "{}:\n{generated}", language.name());
    }
}

/// A name DynamoDB would refuse, or one another index already has, is not used.
#[test]
fn an_index_name_dynamodb_would_refuse_keeps_the_designs() {
    for (name, why) in [("ix", "3 to 255 letters"), ("by email", "3 to 255 letters")] {
        let mut model = session();
        model.imported.as_mut().unwrap().keys.get_mut("GSI1").unwrap().name = Some(name.into());
        let design = derive(&model);
        let gsi = &design.gsis[0];
        assert_eq!(gsi.deployed_name, None, "{name}");
        assert_eq!(design.deployed_index("GSI1"), "GSI1");
        assert!(
            gsi.explanation.contains("Deployed as GSI1, not under the source's name") && gsi.explanation.contains(why),
            "{}",
            gsi.explanation
        );
    }
}

/// A hot partition keyed by a name that may be reserved is sharded, and
/// PartiQL's one-statement fan-out names the attribute, not its placeholder.
#[test]
fn a_sharded_read_of_a_reserved_word_key_names_the_attribute_in_partiql() {
    let mut model = session();
    let keys = &mut model.imported.as_mut().unwrap().keys;
    let gsi = keys.get_mut("GSI1").unwrap();
    gsi.partition_key.as_mut().unwrap().name = "Owner".into();
    gsi.sort_key.as_mut().unwrap().name = "Data".into();
    let reads_gsi1 = derive(&model).plans.iter().find(|p| p.request.index == "GSI1").unwrap().pattern.clone();
    let pattern = model.access_patterns.iter_mut().find(|p| p.id == reads_gsi1).unwrap();
    pattern.peak_rate = 200_000.0;
    pattern.order = None;
    let target = pattern.entity.clone();
    // An imported design's keys are pinned, and a pin is sharded only where it says so.
    let entity = model.entities.iter_mut().find(|e| e.name == target).unwrap();
    let pin = entity.pinned_keys.get_mut("GSI1").unwrap();
    pin.partition = pin.partition.as_ref().map(|p| format!("{p}#{{_shard}}"));
    let design = derive(&model);
    let plan = design.plans.iter().find(|p| p.pattern == reads_gsi1).unwrap();
    assert!(plan.request.count > 1, "the hot read fans out: {plan:#?}");
    let partiql = code(&model, &design, &reads_gsi1, Language::Partiql).unwrap();
    assert!(partiql.contains(r#""Owner" IN ["#), "{partiql}");
    assert!(!partiql.contains(r##""#Owner""##), "{partiql}");
}

/// The CloudFormation of a table keyed by its items' own attributes, with a
/// status update and a put beside the implied reads.
fn orders() -> Model {
    orders_projecting("ALL")
}

fn orders_projecting(projection: &str) -> Model {
    let path = common::models_dir().join("../crates/engine/tests/fixtures/orders-keyed-by-attributes.yaml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("ProjectionType: ALL", &format!("ProjectionType: {projection}"));
    // A put and an update of the indexed status (tests/fixtures/orders-writes.json).
    imported_with(&text, &path.with_file_name("orders-writes.json"))
}

/// The model imported from `text`, with the patterns of the JSON list at `patterns` added.
fn imported_with(text: &str, patterns: &std::path::Path) -> Model {
    let mut model = import(text, None, &ImportOptions { table: None }).unwrap_or_else(|e| panic!("{e}"));
    let added = std::fs::read_to_string(patterns).unwrap();
    model
        .access_patterns
        .extend(serde_json::from_str::<Vec<tablewright_engine::model::AccessPattern>>(&added).unwrap());
    model
}

/// A table keyed by the items' own attributes (most tables outside single-table
/// designs) keeps those keys: nothing else is written, an update of an indexed
/// attribute is the key's update, and the export is the source's table.
#[test]
fn keys_that_are_the_items_own_attributes_are_those_attributes() {
    let model = orders();
    let design = derive(&model);
    assert_eq!(
        (design.table.partition_key.name.as_str(), design.table.sort_key.name.as_str()),
        ("customerId", "orderId")
    );
    let gsi = &design.gsis[0];
    assert_eq!(
        (gsi.partition_key.name.as_str(), gsi.sort_key.name.as_str()),
        ("status", "createdAt"),
        "{}",
        gsi.explanation
    );
    assert!(verify(&model, &design).ok(), "{:#?}", verify(&model, &design));
    let orders = design.entities.iter().find(|e| e.name == "Orders").unwrap();
    assert!(orders.keys.keys().all(|k| !orders.derives(k)), "{:?}", orders.keys);

    let update = design.plans.iter().find(|p| p.pattern == "W2").unwrap();
    assert_eq!(update.actions[0].update.as_deref(), Some("SET #status = :newStatus"), "the attribute is the key");
    let partiql = code(&model, &design, "W1", Language::Partiql).unwrap();
    let insert = partiql.lines().find(|l| l.starts_with("INSERT")).unwrap();
    assert_eq!(insert.matches("'status'").count(), 1, "each attribute once: {insert}");

    let template = String::from_utf8(export(&model, &design, ExportFormat::CloudFormation, 0).unwrap()).unwrap();
    for name in ["customerId", "orderId", "status", "createdAt", "ByStatus"] {
        assert!(template.contains(&format!("\"{name}\"")), "{name}:\n{template}");
    }
    assert!(!template.contains("PK"), "{template}");
}

/// Reports for people name an index as plans and pins do and as DynamoDB knows
/// it, so a reader can find it in the AWS console.
#[test]
fn the_markdown_report_names_an_index_both_ways() {
    let model = orders();
    let design = derive(&model);
    assert_eq!(design.index_label("GSI1"), "GSI1 (deployed as ByStatus)");
    assert_eq!(design.index_label("table"), "table");
    let markdown = String::from_utf8(export(&model, &design, ExportFormat::Markdown, 0).unwrap()).unwrap();
    // The tables and the request lines; explanations say "Deployed as" in words.
    let named = |l: &&str| l.starts_with('|') || l.starts_with("- Query");
    let gsi1 = markdown.lines().filter(named).filter(|l| l.contains("GSI1")).collect::<Vec<_>>();
    assert!(!gsi1.is_empty() && gsi1.iter().all(|l| l.contains("GSI1 (deployed as ByStatus)")), "{gsi1:#?}");
}

/// Where one item type writes the attribute with a prefix, the key is not the
/// attribute any more: the index keeps Tablewright's names and says why.
#[test]
fn a_key_built_around_the_attribute_keeps_tablewrights_names() {
    let mut model = orders();
    let pin = model.entities[0].pinned_keys.get_mut("GSI1").unwrap();
    pin.partition = Some("STATUS#{status}".into());
    keeps_tablewrights_names_and_verifies(
        &model,
        "is also an attribute of the model's items, and Orders writes STATUS#{status} there",
    );
}

/// A KEYS_ONLY index keyed by the items' own attributes stays KEYS_ONLY: its key
/// attributes are no non-key attributes (CloudFormation and CDK refuse them there).
#[test]
fn an_index_keyed_by_own_attributes_projects_no_key_attribute_as_a_non_key_one() {
    let model = orders_projecting("KEYS_ONLY");
    let design = derive(&model);
    assert_eq!(
        design.gsis[0].projection,
        tablewright_engine::design::Projection::KeysOnly,
        "{}",
        design.gsis[0].explanation
    );
    let template = String::from_utf8(export(&model, &design, ExportFormat::CloudFormation, 0).unwrap()).unwrap();
    assert!(!template.contains("NonKeyAttributes"), "{template}");
}

/// DynamoDB indexes every item that carries the index's key attributes: an item
/// type with a `status` of its own that the design keeps out of the index makes
/// `status` no key name of that index.
#[test]
fn an_attribute_another_item_type_has_too_is_no_index_key() {
    let mut model = orders();
    let product: tablewright_engine::model::Entity = serde_json::from_value(serde_json::json!({
        "name": "Product",
        "attributes": [
            { "name": "productId", "type": "string", "identifier": true, "required": true },
            { "name": "status", "type": "string" }
        ]
    }))
    .unwrap();
    model.entities.push(product);
    keeps_tablewrights_names(&model, "Product has a status too");
}

/// The design of `model`, whose GSI1 keeps Tablewright's key names and says why.
fn keeps_tablewrights_names(model: &Model, why: &str) -> Design {
    let design = derive(model);
    let gsi = &design.gsis[0];
    assert_eq!(
        (gsi.partition_key.name.as_str(), gsi.sort_key.name.as_str()),
        ("GSI1PK", "GSI1SK"),
        "{}",
        gsi.explanation
    );
    assert!(gsi.explanation.contains(why), "{why}: {}", gsi.explanation);
    design
}

/// As `keeps_tablewrights_names`, for a model whose design serves every pattern
/// under those names.
fn keeps_tablewrights_names_and_verifies(model: &Model, why: &str) {
    let design = keeps_tablewrights_names(model, why);
    assert!(verify(model, &design).ok(), "{:#?}", verify(model, &design));
}

/// The shared fixture's GamePlayers table, keyed by a text `name` and a number
/// `id` (its inverted index the other way round), with a range read, a put, an
/// update and a delete beside its implied reads (fixtures/game-players-patterns.json).
fn game_players() -> Model {
    let dir = common::models_dir().join("../../shared/fixtures/nosql-workbench");
    let text = std::fs::read_to_string(dir.join("reddit-game-player-status.json")).unwrap();
    imported_with(&text, &common::models_dir().join("../crates/engine/tests/fixtures/game-players-patterns.json"))
}

/// A source's number key that is the items' own number attribute keeps its name
/// and its type: the table is defined with it as N, the sample holds numbers
/// there, and every language sends the key as a number.
#[test]
fn a_number_key_that_is_the_items_own_number_keeps_its_name_and_type() {
    let model = game_players();
    let design = derive(&model);
    let key = |k: &tablewright_engine::design::KeyAttribute| format!("{} {}", k.name, k.attr_type);
    assert_eq!([key(&design.table.partition_key), key(&design.table.sort_key)], ["name S", "id N"]);
    let gsi = &design.gsis[0];
    assert_eq!([key(&gsi.partition_key), key(&gsi.sort_key)], ["id N", "name S"], "{}", gsi.explanation);
    assert!(verify(&model, &design).ok(), "{:#?}", verify(&model, &design));

    let sample = {
        let options = tablewright_engine::sample::SampleOptions { items_per_entity: 10, seed: 7, as_of: 20_454 };
        tablewright_engine::sample::generate(&model, &design, &options).unwrap()
    };
    let item = &sample.items[0].attributes;
    assert!(matches!(item.get("id"), Some(tablewright_engine::sample::Value::N(_))), "{item:?}");
    // A key is sent as DynamoDB gives it back (12.50 is read back as 12.5), so
    // that the proof finds the item its read returns under the key it wrote.
    let written = design.key_value("id", "12.50".into());
    assert_eq!(written, tablewright_engine::sample::Value::N("12.5".into()));

    let template = String::from_utf8(export(&model, &design, ExportFormat::CloudFormation, 0).unwrap()).unwrap();
    assert!(template.contains("AttributeName: \"id\"\n          AttributeType: \"N\""), "{template}");
    let workbench = String::from_utf8(export(&model, &design, ExportFormat::NosqlWorkbench, 0).unwrap()).unwrap();
    let workbench: serde_json::Value = serde_json::from_str(&workbench).unwrap();
    let table = &workbench["DataModel"][0];
    assert_eq!(table["KeyAttributes"]["SortKey"], serde_json::json!({"AttributeName": "id", "AttributeType": "N"}));
    assert!(table["TableData"][0]["id"]["N"].is_string(), "{}", table["TableData"][0]);

    // The range read, then the update's key, in every language.
    let sent = [
        (Language::Python, "GP05", "\":sk\": {\"N\": str(id_)}"),
        (Language::TypeScript, "GP05", "\":sk\": id"),
        (Language::Rust, "GP05", "AttributeValue::N(id.to_string())"),
        (Language::Cli, "GP05", "\":sk\": {\"N\": $sk}"),
        (Language::Partiql, "GP05", "{\"N\": \"{id}\"}"),
        (Language::Python, "GP07", "\"id\": {\"N\": str(id_)}"),
        (Language::Rust, "GP07", ".key(\"id\", AttributeValue::N(id.to_string()))"),
    ];
    for (language, pattern, expected) in sent {
        let text = code(&model, &design, pattern, language).unwrap();
        assert!(text.contains(expected), "{language:?} {pattern} should send {expected}:\n{text}");
    }
}

/// A binary key cannot be written from a template's text: the design keeps its
/// own names and says why.
#[test]
fn a_binary_source_key_keeps_tablewrights_names_and_says_why() {
    let mut model = game_players();
    let source = model.imported.as_mut().unwrap().keys.get_mut("GSI1").unwrap();
    source.partition_key.as_mut().unwrap().key_type = tablewright_engine::model::KeyType::B;
    keeps_tablewrights_names(&model, "the source's id is binary, and the design's key values are text or numbers");
}
