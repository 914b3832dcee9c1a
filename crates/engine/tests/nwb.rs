//! NoSQL Workbench: every real fixture goes NWB → model → NWB unchanged, the
//! imported models load, derive and verify, older format versions and facets are
//! read, the ACME export is a complete NWB 3.0 model, and bad files fail at the
//! place that is wrong.

mod common;

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use tablewright_engine::cost::{estimate, CostOptions};
use tablewright_engine::design::derive;
use tablewright_engine::export::nosql_workbench::{nosql_workbench, NwbOptions};
use tablewright_engine::import::{import_nwb, ImportOptions};
use tablewright_engine::model::{AttrType, Attribute, Billing, Entity, PinnedKey, Projection};
use tablewright_engine::verify::verify;
use tablewright_engine::{load_str, to_canonical_json, DiagnosticKind, Model};

/// 2024-03-01 12:00 UTC: a fixed "now" so exports are byte-for-byte repeatable.
const NOW: i64 = 1_709_294_400;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/nosql-workbench")
}

/// Every fixture file with the names of its tables. Panics when there are none, so
/// a moved folder cannot make the round trip pass vacuously.
fn fixtures() -> Vec<(PathBuf, Value, Vec<String>)> {
    let mut out: Vec<(PathBuf, Value, Vec<String>)> = std::fs::read_dir(fixtures_dir())
        .expect("shared/fixtures/nosql-workbench is readable")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let value: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            let tables = value["DataModel"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["TableName"].as_str().unwrap().to_string())
                .collect();
            (p, value, tables)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 7, "the NoSQL Workbench fixtures are missing from {}", fixtures_dir().display());
    out
}

fn import(text: &str, table: Option<&str>) -> Model {
    let model = import_nwb(text, &ImportOptions { table: table.map(str::to_string) })
        .unwrap_or_else(|e| panic!("import failed: {e}"));
    // What the import writes is a model file that loads as it is.
    load_str(&to_canonical_json(&model)).unwrap_or_else(|d| panic!("the imported model does not load: {d:?}"))
}

fn export(model: &Model) -> Value {
    nosql_workbench(model, &derive(model), &NwbOptions::at(NOW)).expect("the export succeeds")
}

/// The fixture narrowed to one table: what a re-export of that table must equal.
fn narrowed(file: &Value, table: &str) -> Value {
    let mut expected = file.clone();
    let chosen = file["DataModel"].as_array().unwrap().iter().find(|t| t["TableName"] == table).unwrap().clone();
    expected["DataModel"] = json!([chosen]);
    expected
}

#[test]
fn every_fixture_table_round_trips_unchanged() {
    let mut tables = 0;
    for (path, file, names) in fixtures() {
        let text = std::fs::read_to_string(&path).unwrap();
        for name in &names {
            let model = import(&text, Some(name));
            let back = export(&model);
            let expected = narrowed(&file, name);
            let (t, e) = (&back["DataModel"][0], &expected["DataModel"][0]);
            let at = format!("{} / {name}", path.display());
            // The parts the issue names, one by one, for a readable failure...
            for field in ["TableName", "KeyAttributes", "NonKeyAttributes", "GlobalSecondaryIndexes", "TableFacets"] {
                assert_eq!(t.get(field), e.get(field), "{at}: {field}");
            }
            assert_eq!(t.get("TableData"), e.get("TableData"), "{at}: items");
            for field in ["DataAccess", "BillingMode", "ProvisionedCapacitySettings"] {
                assert_eq!(t.get(field), e.get(field), "{at}: {field}");
            }
            assert_eq!(back["ModelName"], expected["ModelName"], "{at}: ModelName");
            assert_eq!(back["ModelMetadata"], expected["ModelMetadata"], "{at}: ModelMetadata");
            // ...and then everything, unknown fields and key order included.
            assert_eq!(back, expected, "{at}: the whole file");
            assert_eq!(
                serde_json::to_string(&back).unwrap(),
                serde_json::to_string(&expected).unwrap(),
                "{at}: field order"
            );
            tables += 1;
        }
    }
    assert_eq!(tables, 12, "every table of every fixture");
}

/// What the verifier says of each fixture's own key design, judged through the
/// access patterns the import reads off it.
#[test]
fn the_verifier_judges_each_fixture_design() {
    let mut verdicts = Vec::new();
    for (path, _, names) in fixtures() {
        let text = std::fs::read_to_string(&path).unwrap();
        for name in &names {
            let model = import(&text, Some(name));
            let design = derive(&model);
            let v = verify(&model, &design);
            assert!(v.design.is_empty(), "{name}: {:?}", v.design);
            // The design is the file's own: nothing derived beyond its indexes.
            let source_gsis = model.imported.as_ref().unwrap().keys.len() - 1;
            assert!(design.gsis.len() <= source_gsis, "{name}: the deriver added indexes");
            assert!(!v.patterns.is_empty(), "{name}: nothing to judge");
            let rejected: Vec<String> = v.patterns.iter().filter(|p| !p.ok).map(|p| p.pattern.clone()).collect();
            verdicts.push((name.clone(), rejected));
        }
    }
    for (name, rejected) in &verdicts {
        if name == "example-table" {
            // Versioned employee items (SK v0_EMPLOYEE#102, ...) have no type word
            // in their sort key, so a key read of the employee cannot tell them
            // from the employee's own item, and the other way round.
            assert_eq!(rejected, &["IMP01", "IMP02", "IMP13"], "{name}");
        } else {
            assert!(rejected.is_empty(), "{name}: rejected {rejected:?}");
        }
    }
}

fn keys(model: &Model, entity: &str, index: &str) -> (String, String) {
    let e = model.entity(entity).unwrap_or_else(|| panic!("no entity {entity}"));
    let k = e.pinned_keys.get(index).unwrap_or_else(|| panic!("{entity} has no {index} keys"));
    (k.partition.clone().unwrap(), k.sort.clone().unwrap())
}

fn identifier(model: &Model, entity: &str) -> Vec<String> {
    model.entity(entity).unwrap().identifier().iter().map(|a| a.name.clone()).collect()
}

#[test]
fn entities_come_from_key_prefixes_without_facets() {
    let text = std::fs::read_to_string(fixtures_dir().join("customer-account-1-to-many.json")).unwrap();
    let model = import(&text, Some("cust-account-embedded"));
    let names: Vec<&str> = model.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Cust", "Acct"]);
    assert_eq!(keys(&model, "Cust", "table"), ("CUST#{custId}".into(), "CUST#{custId}".into()));
    assert_eq!(keys(&model, "Acct", "table"), ("CUST#{custId}".into(), "ACCT#{acctId}".into()));
    assert_eq!(identifier(&model, "Acct"), ["custId", "acctId"]);
    assert_eq!(model.table.billing, Billing::Provisioned { read_capacity: 5, write_capacity: 5 });

    // Natural keys: the key attributes are the entity's own, with their types.
    let text = std::fs::read_to_string(fixtures_dir().join("reddit-game-player-status.json")).unwrap();
    let model = import(&text, None);
    assert_eq!(keys(&model, "GamePlayers", "table"), ("{name}".into(), "{id}".into()));
    assert_eq!(keys(&model, "GamePlayers", "GSI1"), ("{id}".into(), "{name}".into()));
    let id = model.entity("GamePlayers").unwrap().attribute("id").unwrap();
    assert_eq!(id.attr_type, AttrType::Number);
    let source = &model.imported.as_ref().unwrap().keys["GSI1"];
    assert_eq!(source.name.as_deref(), Some("GSI_Inverted"));

    // A table and an index without sort keys repeat the item's own key there.
    let text = std::fs::read_to_string(fixtures_dir().join("employee-data-model.json")).unwrap();
    let model = import(&text, None);
    assert_eq!(keys(&model, "Employee", "table"), ("{LoginAlias}".into(), "{LoginAlias}".into()));
    assert_eq!(keys(&model, "Employee", "GSI2"), ("{ManagerLoginAlias}".into(), "{LoginAlias}".into()));

    // Index keys with values that name other items: REVIEW#PROD#401.
    let text = std::fs::read_to_string(fixtures_dir().join("example-entities-v1.json")).unwrap();
    let model = import(&text, None);
    assert_eq!(keys(&model, "Review", "GSI1"), ("REVIEW#PROD#{prodId}".into(), "REVIEW#{reviewId}".into()));
    assert_eq!(keys(&model, "Warehouses", "table"), ("WAREHOUSES".into(), "{sk}".into()));
    assert_eq!(keys(&model, "DeptEmployee", "table"), ("DEPT#{deptId}".into(), "EMPLOYEE#{employeeId}".into()));

    // A kind with one item per category still reads the category as a value.
    let text = std::fs::read_to_string(fixtures_dir().join("product-catalog.json")).unwrap();
    let model = import(&text, Some("product-catalog-original"));
    assert_eq!(keys(&model, "Painting", "table"), ("CAT#{catId}".into(), "PAINTING#{paintingId}".into()));
}

/// A version 1.0 file: items only inside facets, facets with friendly key
/// aliases, fields Tablewright does not know at every level.
const V1: &str = r#"{
  "ModelName": "Shop",
  "ModelMetadata": {
    "Author": "someone",
    "DateCreated": "Oct 01, 2020, 10:00 AM",
    "DateLastModified": "Oct 02, 2020, 10:00 AM",
    "Description": "a shop",
    "Version": "1.0",
    "Reviewer": "unknown to Tablewright"
  },
  "DataModel": [
    {
      "TableName": "shop",
      "KeyAttributes": {
        "PartitionKey": {"AttributeName": "PK", "AttributeType": "S"},
        "SortKey": {"AttributeName": "SK", "AttributeType": "S"}
      },
      "NonKeyAttributes": [
        {"AttributeName": "email", "AttributeType": "S"},
        {"AttributeName": "total", "AttributeType": "N"},
        {"AttributeName": "GSI1PK", "AttributeType": "S"},
        {"AttributeName": "GSI1SK", "AttributeType": "S"}
      ],
      "TableFacets": [
        {
          "FacetName": "Customer",
          "KeyAttributeAlias": {"PartitionKeyAlias": "customerId", "SortKeyAlias": "customerId"},
          "TableData": [
            {"PK": {"S": "CUST#1"}, "SK": {"S": "CUST#1"}, "email": {"S": "a@example.com"}},
            {"PK": {"S": "CUST#2"}, "SK": {"S": "CUST#2"}, "email": {"S": "b@example.com"}}
          ],
          "NonKeyAttributes": ["email"],
          "DataAccess": {"MySql": {}},
          "Colour": "green"
        },
        {
          "FacetName": "Order",
          "KeyAttributeAlias": {"PartitionKeyAlias": "customerId", "SortKeyAlias": "orderId"},
          "TableData": [
            {"PK": {"S": "CUST#1"}, "SK": {"S": "ORDER#10"}, "total": {"N": "5"},
             "GSI1PK": {"S": "ORDER#10"}, "GSI1SK": {"S": "CUST#1"}},
            {"PK": {"S": "CUST#2"}, "SK": {"S": "ORDER#11"}, "total": {"N": "7"},
             "GSI1PK": {"S": "ORDER#11"}, "GSI1SK": {"S": "CUST#2"}}
          ],
          "NonKeyAttributes": ["total", "GSI1PK", "GSI1SK"]
        }
      ],
      "GlobalSecondaryIndexes": [
        {
          "IndexName": "ByOrder",
          "KeyAttributes": {
            "PartitionKey": {"AttributeName": "GSI1PK", "AttributeType": "S"},
            "SortKey": {"AttributeName": "GSI1SK", "AttributeType": "S"}
          },
          "Projection": {"ProjectionType": "ALL"}
        }
      ],
      "DataAccess": {"MySql": {}},
      "Shard": 3
    }
  ],
  "Extra": {"kept": true}
}"#;

#[test]
fn version_1_facets_become_entities_and_come_back() {
    let model = import(V1, None);
    let names: Vec<&str> = model.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Customer", "Order"]);
    // The facet's alias names the value in the key.
    assert_eq!(keys(&model, "Customer", "table"), ("CUST#{customerId}".into(), "CUST#{customerId}".into()));
    assert_eq!(keys(&model, "Order", "table"), ("CUST#{customerId}".into(), "ORDER#{orderId}".into()));
    assert_eq!(keys(&model, "Order", "GSI1"), ("ORDER#{orderId}".into(), "CUST#{customerId}".into()));
    assert_eq!(model.entity("Order").unwrap().attribute("total").unwrap().attr_type, AttrType::Number);
    assert!(model.entity("Order").unwrap().attribute("GSI1PK").is_none(), "generic index keys are no data");
    // Before billing settings existed: on demand, and the file keeps saying nothing.
    assert_eq!(model.table.billing, Billing::OnDemand);
    let v = verify(&model, &derive(&model));
    assert!(v.ok(), "{v:?}");
    let original: Value = serde_json::from_str(V1).unwrap();
    assert_eq!(export(&model), original);
}

#[test]
fn items_at_both_levels_and_table_items_find_their_facet() {
    let mut file: Value = serde_json::from_str(V1).unwrap();
    file["ModelMetadata"]["Version"] = json!("2.0");
    // A third customer at table level, beside the facets' items.
    file["DataModel"][0]["TableData"] =
        json!([{"PK": {"S": "CUST#3"}, "SK": {"S": "CUST#3"}, "email": {"S": "c@example.com"}}]);
    let text = serde_json::to_string_pretty(&file).unwrap();
    let model = import(&text, None);
    assert_eq!(keys(&model, "Customer", "table"), ("CUST#{customerId}".into(), "CUST#{customerId}".into()));
    assert_eq!(export(&model), file);
}

#[test]
fn changes_made_after_the_import_are_exported_into_the_file() {
    let mut model = import(V1, None);
    model.name = "Shop 2".into();
    model.table.billing = Billing::Provisioned { read_capacity: 7, write_capacity: 3 };
    let mut product = Entity {
        name: "Product".into(),
        description: String::new(),
        attributes: vec![Attribute::new("sku", AttrType::String), Attribute::new("price", AttrType::Number)],
        expected_count: None,
        average_item_size: None,
        maintained_by_stream: false,
        pinned_keys: Default::default(),
    };
    product.attributes[0].identifier = true;
    product.pinned_keys.insert(
        "table".into(),
        PinnedKey { partition: Some("PRODUCT#{sku}".into()), sort: Some("PRODUCT#{sku}".into()), sparse: None },
    );
    model.entities.push(product);
    let model = load_str(&to_canonical_json(&model)).unwrap();
    let out = export(&model);
    assert_eq!(out["ModelName"], "Shop 2");
    assert_eq!(out["Extra"], json!({"kept": true}));
    let table = &out["DataModel"][0];
    assert_eq!(table["BillingMode"], "PROVISIONED");
    assert_eq!(table["ProvisionedCapacitySettings"]["ProvisionedThroughput"]["ReadCapacityUnits"], 7);
    let facets = table["TableFacets"].as_array().unwrap();
    assert_eq!(facets.len(), 3);
    assert_eq!(facets[0]["Colour"], "green", "the imported facets stay as they were");
    assert_eq!(facets[2]["FacetName"], "Product");
    assert_eq!(facets[2]["KeyAttributeAlias"]["PartitionKeyAlias"], "PRODUCT#{sku}");
    let products: Vec<&Value> = table["TableData"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["PK"]["S"].as_str().is_some_and(|s| s.starts_with("PRODUCT#")))
        .collect();
    assert!(!products.is_empty(), "the new entity gets sample items");
    let declared: Vec<&str> =
        table["NonKeyAttributes"].as_array().unwrap().iter().map(|a| a["AttributeName"].as_str().unwrap()).collect();
    assert!(declared.contains(&"price"));
}

#[test]
fn a_file_with_several_tables_needs_a_choice() {
    let text = std::fs::read_to_string(fixtures_dir().join("product-catalog.json")).unwrap();
    let err = import_nwb(&text, &ImportOptions::default()).unwrap_err();
    let d = err.diagnostic();
    assert_eq!(d.path.to_string(), "$.DataModel");
    assert!(d.message.contains("'product-catalog-original'") && d.message.contains("'product-catalog-p4-suffix'"));
    assert!(err.tables().contains(&"product-catalog-p4-suffix".to_string()), "offered: {:?}", err.tables());
    let err = import_nwb(&text, &ImportOptions { table: Some("nope".into()) }).unwrap_err();
    assert!(err.diagnostic().message.contains("no table 'nope'"), "{err}");
    let model = import(&text, Some("product-catalog-p4-suffix"));
    assert_eq!(model.table.name, "product-catalog-p4-suffix");
}

#[test]
fn a_data_dump_is_refused_before_it_is_parsed() {
    // Whitespace is valid JSON padding: only the size can refuse this file.
    let padded = format!("{V1}{}", " ".repeat(tablewright_engine::import::MAX_NWB_BYTES));
    let err = import_nwb(&padded, &ImportOptions::default()).unwrap_err();
    let d = err.diagnostic();
    assert!(d.message.contains("data dump"), "{err}");
    assert!(d.hint.contains("sample items"), "{err}");
}

/// Asserts the import fails at `path` (and a line, for JSON) with a message containing `says`.
fn fails(text: &str, path: &str, says: &str) {
    let err = import_nwb(text, &ImportOptions::default()).expect_err("the import should fail");
    let d = err.diagnostic();
    assert_eq!(d.path.to_string(), path, "{err}");
    assert!(d.message.contains(says), "{err}");
    assert!(d.line.is_some() && d.column.is_some(), "{err}: no line and column");
}

#[test]
fn malformed_files_fail_at_the_place_that_is_wrong() {
    let truncated = &V1[..V1.len() / 2];
    let err = import_nwb(truncated, &ImportOptions::default()).unwrap_err();
    assert_eq!(err.diagnostic().kind, DiagnosticKind::Syntax);
    assert!(err.diagnostic().line.is_some(), "{err}");

    fails(r#"{"ModelName": "x"}"#, "$.DataModel", "\"DataModel\" is missing");
    fails(r#"{"ModelName": "x", "DataModel": {}}"#, "$.DataModel", "expected an array");
    fails("[1, 2]", "$", "not a NoSQL Workbench model");

    let with = |edit: &dyn Fn(&mut Value)| {
        let mut v: Value = serde_json::from_str(V1).unwrap();
        edit(&mut v);
        serde_json::to_string_pretty(&v).unwrap()
    };
    fails(
        &with(&|v| v["ModelMetadata"]["Version"] = json!("4.0")),
        "$.ModelMetadata.Version",
        "'4.0' is not supported",
    );
    fails(&with(&|v| v["DataModel"][0]["KeyAttributes"] = json!("PK")), "$.DataModel[0].KeyAttributes", "an object");
    fails(
        &with(&|v| v["DataModel"][0]["KeyAttributes"]["PartitionKey"]["AttributeType"] = json!("BOOL")),
        "$.DataModel[0].KeyAttributes.PartitionKey.AttributeType",
        "cannot be of type 'BOOL'",
    );
    fails(
        &with(&|v| v["DataModel"][0]["TableFacets"][1]["TableData"][0]["total"] = json!(5)),
        "$.DataModel[0].TableFacets[1].TableData[0].total",
        "not in DynamoDB JSON",
    );
    fails(
        &with(&|v| v["DataModel"][0]["TableFacets"][0]["TableData"][1]["SK"] = json!({"N": "2"})),
        "$.DataModel[0].TableFacets[0].TableData[1].SK",
        "is of type N",
    );
    fails(
        &with(&|v| v["DataModel"][0]["BillingMode"] = json!("PROVISIONED")),
        "$.DataModel[0].ProvisionedCapacitySettings",
        "provisioned billing without",
    );
    fails(
        &with(&|v| v["ModelMetadata"]["AWSService"] = json!("Amazon Keyspaces")),
        "$.ModelMetadata.AWSService",
        "Keyspaces",
    );
    // A facet attribute or an index key that nothing declares or carries would be
    // invented by the import.
    fails(
        &with(&|v| {
            v["DataModel"][0]["TableFacets"][0]["NonKeyAttributes"].as_array_mut().unwrap().push(json!("ghost"))
        }),
        &format!("$.DataModel[0].TableFacets[0].NonKeyAttributes[{}]", {
            let v: Value = serde_json::from_str(V1).unwrap();
            v["DataModel"][0]["TableFacets"][0]["NonKeyAttributes"].as_array().unwrap().len()
        }),
        "lists 'ghost', which the table does not declare and no item has",
    );
    fails(
        &with(&|v| {
            v["DataModel"][0]["GlobalSecondaryIndexes"] = json!([{
                "IndexName": "ByGhost",
                "KeyAttributes": {"PartitionKey": {"AttributeName": "ghost", "AttributeType": "S"}},
                "Projection": {"ProjectionType": "ALL"}
            }])
        }),
        "$.DataModel[0].GlobalSecondaryIndexes[0].KeyAttributes.PartitionKey.AttributeName",
        "index 'ByGhost' is keyed by 'ghost'",
    );
    // A table with no facet and no item says nothing to model: an error, not an
    // empty model.
    fails(
        &with(&|v| {
            let table = v["DataModel"][0].as_object_mut().unwrap();
            table.remove("TableFacets");
            table.remove("TableData");
        }),
        "$.DataModel[0]",
        "nothing to model",
    );
}

#[test]
fn the_acme_export_is_a_complete_nosql_workbench_3_model() {
    let model = common::acme();
    let design = derive(&model);
    let out = export(&model);
    assert_eq!(out, export(&model), "the same model and time give the same file");
    assert_eq!(out["ModelName"], "ACME Bank");
    let meta = &out["ModelMetadata"];
    for field in ["Author", "DateCreated", "DateLastModified", "Description", "AWSService", "Version"] {
        assert!(meta[field].is_string(), "ModelMetadata.{field}");
    }
    assert_eq!(meta["Version"], "3.0");
    assert_eq!(meta["AWSService"], "Amazon DynamoDB");
    assert_eq!(meta["DateCreated"], "Mar 01, 2024, 12:00 PM");

    let tables = out["DataModel"].as_array().unwrap();
    assert_eq!(tables.len(), 1);
    let t = &tables[0];
    assert_eq!(t["TableName"], "acme-bank");
    assert_eq!(t["KeyAttributes"]["PartitionKey"], json!({"AttributeName": "PK", "AttributeType": "S"}));
    assert_eq!(t["KeyAttributes"]["SortKey"], json!({"AttributeName": "SK", "AttributeType": "S"}));
    assert_eq!(t["BillingMode"], "PAY_PER_REQUEST");
    assert_eq!(t["DataAccess"], json!({"MySql": {}}));

    let types = ["S", "N", "B", "BOOL", "SS", "NS", "BS", "L", "M", "NULL"];
    let declared: Vec<&str> = t["NonKeyAttributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            assert!(types.contains(&a["AttributeType"].as_str().unwrap()), "{a}");
            a["AttributeName"].as_str().unwrap()
        })
        .collect();

    let gsis = t["GlobalSecondaryIndexes"].as_array().unwrap();
    assert_eq!(gsis.len(), design.gsis.len());
    for (g, d) in gsis.iter().zip(&design.gsis) {
        assert_eq!(g["IndexName"], d.name.as_str());
        assert_eq!(g["KeyAttributes"]["PartitionKey"]["AttributeName"], d.partition_key.name.as_str());
        assert_eq!(g["KeyAttributes"]["SortKey"]["AttributeName"], d.sort_key.name.as_str());
        assert_eq!(g["Projection"]["ProjectionType"], "ALL");
        assert!(declared.contains(&d.partition_key.name.as_str()), "index keys are declared attributes");
    }

    let facets = t["TableFacets"].as_array().unwrap();
    assert_eq!(facets.len(), design.entities.len(), "one facet per entity and pair kind");
    for (f, e) in facets.iter().zip(&design.entities) {
        assert_eq!(f["FacetName"], e.name.as_str());
        assert_eq!(f["KeyAttributeAlias"]["PartitionKeyAlias"], e.keys["PK"].as_str());
        assert_eq!(f["KeyAttributeAlias"]["SortKeyAlias"], e.keys["SK"].as_str());
        for a in f["NonKeyAttributes"].as_array().unwrap() {
            assert!(declared.contains(&a.as_str().unwrap()), "{}: {a} is not declared", e.name);
        }
    }

    let items = t["TableData"].as_array().unwrap();
    assert!(items.len() >= design.entities.len());
    for item in items {
        assert!(item["PK"]["S"].is_string() && item["SK"]["S"].is_string(), "{item}");
        for (name, value) in item.as_object().unwrap() {
            let typed = value.as_object().unwrap();
            assert_eq!(typed.len(), 1, "{name}: DynamoDB JSON");
            assert!(types.contains(&typed.keys().next().unwrap().as_str()), "{name}");
            assert!(name == "PK" || name == "SK" || declared.contains(&name.as_str()), "{name} is not declared");
        }
    }
    for e in &design.entities {
        assert!(items.iter().any(|i| i["_type"]["S"] == e.name.as_str()), "sample items of {}", e.name);
    }
}

#[test]
fn an_exported_model_imports_back_with_its_table_keys() {
    let model = common::acme();
    let design = derive(&model);
    let text = serde_json::to_string_pretty(&export(&model)).unwrap();
    let back = import(&text, None);
    for e in &design.entities {
        let (pk, sk) = keys(&back, &e.name, "table");
        assert_eq!((pk.as_str(), sk.as_str()), (e.keys["PK"].as_str(), e.keys["SK"].as_str()), "{}", e.name);
    }
    assert_eq!(identifier(&back, "Transaction"), ["accountNumber", "transactionNumber"]);
    let number = back.entity("Transaction").unwrap().attribute("transactionNumber").unwrap();
    assert_eq!(number.attr_type, AttrType::Number, "the declared type wins over the key's text");
    // Index keys come from the sample items: the values show which attribute they hold.
    assert_eq!(keys(&back, "Account", "GSI1"), ("ACCOUNT#{accountNumber}".into(), "CUSTOMER#{customerNumber}".into()));
}

/// The readings of one imported file, as "entity: text", those to check marked.
fn readings(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let model = import_nwb(&text, &ImportOptions::default()).unwrap();
    let imported = model.imported.unwrap();
    imported
        .inferences
        .iter()
        .map(|i| format!("{}{}: {}", if i.ambiguous { "check " } else { "" }, i.entity, i.text))
        .collect()
}

#[test]
fn the_import_says_what_decided_each_entity_key_and_index_and_flags_what_to_check() {
    let corpus = common::models_dir().join("../corpus/nosql-workbench");
    let device = readings(&corpus.join("DeviceStateLog_7.json"));
    for expected in [
        "D: the 11 item(s) with a partition key of type word 'd'",
        "check D: the sort key words NORMAL read as values of one kind, not as kinds: their items carry the same attributes",
        "D: State#Date {State}#{Date}: the parts its name 'State#Date' gives",
        "D: in GSI2, sparse: 1 of its 11 items carry EscalatedTo",
    ] {
        assert!(device.contains(&expected.to_string()), "{expected:?} not in {device:#?}");
    }
    let shop = readings(&corpus.join("AnOnlineShop_facets.json"));
    assert!(shop.contains(&"customer: the facet 'customer', with 3 item(s)".to_string()), "{shop:#?}");

    // One item: whether a segment is a type word or a value is judged from the
    // other kinds alone; a key whose values share no type word may be several kinds.
    let examples = readings(&fixtures_dir().join("example-entities-v1.json"));
    assert!(
        examples.iter().any(|r| r.starts_with("check Dept: PK DEPT#{deptId}: read off 1 value(s)")),
        "{examples:#?}"
    );
    assert!(
        examples.iter().any(|r| r.starts_with("check EmployeeItem: SK {sk}: no type word common")),
        "{examples:#?}"
    );
    assert!(!examples.iter().any(|r| r.starts_with("check EmployeeItem: PK")), "{examples:#?}");
}

/// An expert's INCLUDE projection comes in pinned: the model attributes it lists
/// and those the source's keys are made of (every projection carries the keys),
/// the implied read of the index returns what it projects, and the design, its
/// verification and the cost follow the expert's choice.
#[test]
fn an_include_projection_is_pinned_and_its_implied_read_returns_what_it_projects() {
    let text = std::fs::read_to_string(fixtures_dir().join("employee-data-model.json")).unwrap();
    let model = import(&text, Some("Employee"));
    let projected =
        Projection::Include(["LoginAlias", "FirstName", "LastName", "ManagerLoginAlias"].map(str::to_string).to_vec());
    assert_eq!(model.table.pinned_projections.get("GSI2"), Some(&projected), "DirectReports");
    assert!(!model.table.pinned_projections.contains_key("GSI1"), "Name projects ALL");
    let by_manager = model.access_patterns.iter().find(|p| p.name.contains("DirectReports")).unwrap();
    assert_eq!(by_manager.returns, ["LoginAlias", "FirstName", "LastName", "ManagerLoginAlias"]);
    let design = derive(&model);
    assert_eq!(design.gsis.iter().find(|g| g.name == "GSI2").unwrap().projection, projected);
    assert!(verify(&model, &design).ok());

    let mut all = model.clone();
    all.table.pinned_projections.insert("GSI2".into(), Projection::All);
    let storage = |m: &Model| {
        let report = estimate(m, &derive(m), &CostOptions::default()).unwrap();
        report.indexes.iter().find(|i| i.index == "GSI2").unwrap().storage_gib
    };
    assert!(storage(&model) < storage(&all), "INCLUDE stores less than ALL");
}

/// Every example, and a library a new user wrote, exported to NoSQL Workbench and
/// imported back: each entity's keys in the table and in every index come back
/// as the design wrote them, read off the sample items (a constant `LOAN`
/// partition, `AUTHOR#{author}` beside the book's own author, a write shard
/// `STATE#{state}#{_shard}`), a sparse index holds the same items (the declined
/// transactions of `TRANSACTION#STATUS#DECLINED`) and derives so again, and no
/// key attribute comes back as an entity's attribute.
#[test]
fn an_exported_design_imports_back_with_every_index_key() {
    let mut paths = common::example_models();
    paths.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library.tablewright.json"));
    for path in paths {
        let model = tablewright_engine::load_file(&path).unwrap();
        let design = derive(&model);
        let back = import(&serde_json::to_string_pretty(&export(&model)).unwrap(), None);
        let derived = derive(&back);
        let key_names: Vec<&str> = design
            .gsis
            .iter()
            .chain(&design.lsis)
            .flat_map(|i| [i.partition_key.name.as_str(), i.sort_key.name.as_str()])
            .collect();
        for e in design.entities.iter().filter(|e| model.entity(&e.name).is_some()) {
            let name = path.file_name().unwrap().to_string_lossy();
            let indexes = std::iter::once(("table", "PK", "SK")).chain(
                design.gsis.iter().map(|i| (i.name.as_str(), i.partition_key.name.as_str(), i.sort_key.name.as_str())),
            );
            for (index, pk, sk) in indexes {
                let (Some(want_pk), Some(want_sk)) = (e.keys.get(pk), e.keys.get(sk)) else { continue };
                let got = keys(&back, &e.name, index);
                assert_eq!(
                    (got.0.as_str(), got.1.as_str()),
                    (want_pk.as_str(), want_sk.as_str()),
                    "{name}: {} in {index}",
                    e.name
                );
                let pin = &back.entity(&e.name).unwrap().pinned_keys[index];
                assert_eq!(pin.sparse.as_ref(), e.sparse.get(pk), "{name}: which {} items {index} holds", e.name);
                let again = derived.entities.iter().find(|d| d.name == e.name).unwrap();
                assert_eq!(again.sparse.get(pk), e.sparse.get(pk), "{name}: {} in {index} derived again", e.name);
            }
            let attributes = &back.entity(&e.name).unwrap().attributes;
            let phantom: Vec<&str> = attributes
                .iter()
                .map(|a| a.name.as_str())
                .filter(|a| key_names.iter().any(|k| k.eq_ignore_ascii_case(a)))
                .collect();
            assert!(phantom.is_empty(), "{name}: {} has key attributes as its own: {phantom:?}", e.name);
        }
    }
}
