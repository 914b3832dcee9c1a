//! CloudFormation templates in YAML (short-form tags and all) and JSON become
//! models of one table: its settings, one entity keyed as the table is, the index
//! key schemas pinned; bad templates fail at the place that is wrong.

use tablewright_engine::design::derive;
use tablewright_engine::import::{import_cloudformation, ImportOptions};
use tablewright_engine::model::{AttrType, Billing, ImportSource, KeyType, Projection, StreamViewType};
use tablewright_engine::verify::verify;
use tablewright_engine::{load_str, to_canonical_json, DiagnosticKind, Model};

const YAML: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Description: Orders service
Parameters:
  Stage:
    Type: String
    Default: prod
  ReadUnits:
    Type: Number
    Default: 10
Resources:
  Queue:
    Type: AWS::SQS::Queue
  OrdersTable:
    Type: AWS::DynamoDB::Table
    DeletionPolicy: Retain
    Properties:
      TableName: !Sub "orders-${Stage}"
      AttributeDefinitions:
        - AttributeName: customerId
          AttributeType: S
        - AttributeName: orderId
          AttributeType: N
        - AttributeName: status
          AttributeType: S
        - AttributeName: placedAt
          AttributeType: S
      KeySchema:
        - AttributeName: customerId
          KeyType: HASH
        - AttributeName: orderId
          KeyType: RANGE
      GlobalSecondaryIndexes:
        - IndexName: ByStatus
          KeySchema:
            - AttributeName: status
              KeyType: HASH
            - AttributeName: placedAt
              KeyType: RANGE
          Projection:
            ProjectionType: ALL
          ProvisionedThroughput:
            ReadCapacityUnits: !Ref ReadUnits
            WriteCapacityUnits: 5
        - IndexName: ByOrder
          KeySchema:
            - AttributeName: orderId
              KeyType: HASH
          Projection:
            ProjectionType: KEYS_ONLY
      LocalSecondaryIndexes:
        - IndexName: ByPlacedAt
          KeySchema:
            - AttributeName: customerId
              KeyType: HASH
            - AttributeName: placedAt
              KeyType: RANGE
          Projection:
            ProjectionType: ALL
      BillingMode: PROVISIONED
      ProvisionedThroughput:
        ReadCapacityUnits: !Ref ReadUnits
        WriteCapacityUnits: "5"
      StreamSpecification:
        StreamViewType: NEW_AND_OLD_IMAGES
      TimeToLiveSpecification:
        AttributeName: expiresAt
        Enabled: true
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: "true"
      DeletionProtectionEnabled: true
      SSESpecification:
        SSEEnabled: true
      Tags:
        - Key: team
          Value: !Ref Stage
        - Key: stack
          Value: !Ref AWS::StackName
Outputs:
  Arn:
    Value: !GetAtt OrdersTable.Arn
"#;

fn import(text: &str, table: Option<&str>) -> Model {
    let model = import_cloudformation(text, &ImportOptions { table: table.map(str::to_string) })
        .unwrap_or_else(|e| panic!("import failed: {e}"));
    load_str(&to_canonical_json(&model)).unwrap_or_else(|d| panic!("the imported model does not load: {d:?}"))
}

/// YAML with its ByOrder index projecting as `lines` say (KEYS_ONLY as written).
fn projecting(lines: &str) -> String {
    YAML.replace("            ProjectionType: KEYS_ONLY", lines)
}

fn pinned(model: &Model, index: &str) -> (Option<String>, Option<String>) {
    let k = &model.entities[0].pinned_keys[index];
    (k.partition.clone(), k.sort.clone())
}

fn some(a: &str, b: &str) -> (Option<String>, Option<String>) {
    (Some(a.to_string()), Some(b.to_string()))
}

#[test]
fn a_yaml_table_becomes_a_model() {
    let model = import(YAML, None);
    assert_eq!(model.name, "orders-prod");
    assert_eq!(model.description, "Orders service");
    let t = &model.table;
    assert_eq!(t.name, "orders-prod", "!Sub of a parameter's Default");
    assert_eq!(t.billing, Billing::Provisioned { read_capacity: 10, write_capacity: 5 });
    assert_eq!(t.stream, Some(StreamViewType::NewAndOldImages));
    assert_eq!(t.ttl_attribute.as_deref(), Some("expiresAt"));
    assert!(t.point_in_time_recovery);
    assert!(t.deletion_protection);
    assert_eq!(t.tags.get("team").map(String::as_str), Some("prod"));
    assert!(!t.tags.contains_key("stack"), "a value only the deployed stack knows is not made up");

    assert_eq!(model.entities.len(), 1);
    let e = &model.entities[0];
    assert_eq!(e.name, "Orders");
    let ids: Vec<&str> = e.identifier().iter().map(|a| a.name.as_str()).collect();
    assert_eq!(ids, ["customerId", "orderId"]);
    assert_eq!(e.attribute("orderId").unwrap().attr_type, AttrType::Number);
    assert_eq!(pinned(&model, "table"), some("{customerId}", "{orderId}"));
    assert_eq!(pinned(&model, "GSI1"), some("{status}", "{placedAt}"));
    // No sort key in the index: the item's own key orders it.
    assert_eq!(pinned(&model, "GSI2"), some("{orderId}", "{orderId}"));
    assert_eq!(pinned(&model, "LSI1"), (None, Some("{placedAt}".to_string())));

    let imported = model.imported.as_ref().unwrap();
    assert_eq!(imported.from, ImportSource::Cloudformation);
    assert_eq!(imported.keys["GSI2"].name.as_deref(), Some("ByOrder"));
    assert!(imported.keys["GSI2"].sort_key.is_none());
    assert_eq!(imported.keys["table"].sort_key.as_ref().unwrap().key_type, KeyType::N);
    assert_eq!(imported.source.value()["Resource"]["Properties"]["SSESpecification"]["SSEEnabled"], true);

    let design = derive(&model);
    assert_eq!((design.gsis.len(), design.lsis.len()), (2, 1), "the template's indexes, no more");
    let v = verify(&model, &design);
    assert!(v.ok(), "{v:?}");
}

#[test]
fn a_json_template_reads_the_same() {
    let template = serde_json::json!({
        "Resources": {
            "Users": {
                "Type": "AWS::DynamoDB::Table",
                "Properties": {
                    "BillingMode": "PAY_PER_REQUEST",
                    "AttributeDefinitions": [
                        {"AttributeName": "PK", "AttributeType": "S"},
                        {"AttributeName": "SK", "AttributeType": "S"}
                    ],
                    "KeySchema": [
                        {"AttributeName": "PK", "KeyType": "HASH"},
                        {"AttributeName": "SK", "KeyType": "RANGE"}
                    ]
                }
            }
        }
    });
    let model = import(&serde_json::to_string_pretty(&template).unwrap(), None);
    assert_eq!(model.table.name, "Users", "no TableName: the logical id");
    assert_eq!(model.table.billing, Billing::OnDemand);
    // PK and SK are the design's own names; the entity's attributes are told apart.
    assert_eq!(pinned(&model, "table"), some("{pk}", "{sk}"));
    assert_eq!(model.imported.as_ref().unwrap().keys["table"].partition_key.as_ref().unwrap().name, "PK");
    assert!(verify(&model, &derive(&model)).ok());
}

#[test]
fn several_tables_need_a_choice() {
    let two = format!(
        "{YAML}  Second:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      TableName: second\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions:\n        - AttributeName: id\n          AttributeType: S\n      KeySchema:\n        - AttributeName: id\n          KeyType: HASH\n"
    )
    .replace("Outputs:\n  Arn:\n    Value: !GetAtt OrdersTable.Arn\n", "");
    let err = import_cloudformation(&two, &ImportOptions::default()).unwrap_err();
    assert_eq!(err.diagnostic().path.to_string(), "$.Resources");
    assert!(err.diagnostic().message.contains("'OrdersTable', 'Second'"), "{err}");
    assert_eq!(err.tables(), ["OrdersTable", "Second"], "the tables offered to choose from");
    assert_eq!(import(&two, Some("Second")).table.name, "second");
    assert_eq!(import(&two, Some("second")).entities[0].name, "Second", "by TableName too");
    assert_eq!(import(&two, Some("OrdersTable")).table.name, "orders-prod");
}

fn fails(text: &str, path: &str, says: &str) -> tablewright_engine::Diagnostic {
    let err = import_cloudformation(text, &ImportOptions::default()).expect_err("the import should fail");
    let d = err.diagnostic().clone();
    assert_eq!(d.path.to_string(), path, "{err}");
    assert!(d.message.contains(says), "{err}");
    d
}

#[test]
fn bad_templates_fail_at_the_place_that_is_wrong() {
    fails("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n", "$.Resources", "no AWS::DynamoDB::Table");
    fails("AWSTemplateFormatVersion: x\n", "$.Resources", "\"Resources\" is missing");
    fails(
        &YAML.replace(
            "          KeyType: RANGE\n      GlobalSecondaryIndexes",
            "          KeyType: SORT\n      GlobalSecondaryIndexes",
        ),
        "$.Resources.OrdersTable.Properties.KeySchema[1].KeyType",
        "unknown key type 'SORT'",
    );
    fails(
        &YAML.replace("        WriteCapacityUnits: \"5\"", "        WriteCapacityUnits: !GetAtt Queue.Arn"),
        "$.Resources.OrdersTable.Properties.ProvisionedThroughput.WriteCapacityUnits",
        "Fn::GetAtt",
    );

    let err = import_cloudformation("Resources:\n  T: [unclosed\n", &ImportOptions::default()).unwrap_err();
    assert_eq!(err.diagnostic().kind, DiagnosticKind::Syntax);
    assert!(err.diagnostic().line.is_some(), "{err}");

    // JSON: the place has a line and column too.
    let json = r#"{
  "Resources": {
    "T": {
      "Type": "AWS::DynamoDB::Table",
      "Properties": {
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "other", "KeyType": "HASH"}]
      }
    }
  }
}"#;
    let d = fails(json, "$.Resources.T.Properties.KeySchema[0].AttributeName", "not in AttributeDefinitions");
    assert_eq!((d.line, d.column), (Some(8), Some(41)), "at the value \"other\"");
    let err = import_cloudformation(&json[..100], &ImportOptions::default()).unwrap_err();
    assert_eq!(err.diagnostic().kind, DiagnosticKind::Syntax);
}

#[test]
fn a_template_nested_thousands_deep_is_refused_before_parsing() {
    // 195 KB of nested flow sequences took the YAML parser 50 s to reject.
    let deep = format!("Resources:\n  T: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let started = std::time::Instant::now();
    let d = fails(&deep, "$", "nested more than 64 levels deep");
    assert_eq!((d.line, d.column), (Some(2), Some(70)), "at the 65th bracket");
    // A generous bound: the refusal is one pass over the text, microseconds.
    assert!(started.elapsed() < std::time::Duration::from_secs(1), "{:?}", started.elapsed());
    // Brackets in quotes and comments do not count.
    let quoted = format!("# {}\n{YAML}", "[".repeat(100));
    assert_eq!(import(&quoted, None).table.name, "orders-prod");
}

#[test]
fn merge_keys_are_merged_and_unknown_tags_refused() {
    let merged = YAML
        .replace("Resources:\n", "Defaults: &defaults\n  TableName: merged-orders\nResources:\n")
        .replace("      TableName: !Sub \"orders-${Stage}\"\n", "      <<: *defaults\n");
    assert_eq!(import(&merged, None).table.name, "merged-orders", "TableName came from <<: *defaults");
    fails(
        &YAML.replace("!Sub \"orders-${Stage}\"", "!Foo bar"),
        "$.Resources.OrdersTable.Properties.TableName",
        "unknown tag !Foo",
    );
}

/// A global table in two regions, provisioned with auto-scaled capacity; its
/// protection and tags are per replica.
const GLOBAL: &str = r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Orders:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      TableName: orders-global
      BillingMode: PROVISIONED
      AttributeDefinitions:
        - { AttributeName: pk, AttributeType: S }
        - { AttributeName: sk, AttributeType: S }
        - { AttributeName: status, AttributeType: S }
      KeySchema:
        - { AttributeName: pk, KeyType: HASH }
        - { AttributeName: sk, KeyType: RANGE }
      GlobalSecondaryIndexes:
        - IndexName: ByStatus
          KeySchema:
            - { AttributeName: status, KeyType: HASH }
          Projection: { ProjectionType: ALL }
          WriteProvisionedThroughputSettings:
            WriteCapacityAutoScalingSettings:
              MinCapacity: 5
              MaxCapacity: 50
              TargetTrackingScalingPolicyConfiguration: { TargetValue: 70 }
      StreamSpecification: { StreamViewType: NEW_AND_OLD_IMAGES }
      WriteProvisionedThroughputSettings:
        WriteCapacityAutoScalingSettings:
          MinCapacity: 10
          MaxCapacity: 100
          TargetTrackingScalingPolicyConfiguration: { TargetValue: 70 }
      Replicas:
        - Region: us-east-1
          DeletionProtectionEnabled: true
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }
          ReadProvisionedThroughputSettings: { ReadCapacityUnits: 20 }
          Tags: [{ Key: team, Value: orders }]
        - Region: eu-west-1
          ReadProvisionedThroughputSettings: { ReadCapacityUnits: 5 }
"#;

#[test]
fn a_global_table_is_read_with_its_first_replicas_settings_and_notes_the_replicas() {
    let model = import(GLOBAL, None);
    assert_eq!(model.table.name, "orders-global");
    assert_eq!(model.table.billing, Billing::Provisioned { read_capacity: 20, write_capacity: 10 });
    assert!(model.table.deletion_protection && model.table.point_in_time_recovery);
    assert_eq!(model.table.tags.get("team").map(String::as_str), Some("orders"));
    assert_eq!(model.table.stream, Some(StreamViewType::NewAndOldImages));
    let imported = model.imported.as_ref().unwrap();
    assert_eq!(imported.keys["GSI1"].name.as_deref(), Some("ByStatus"));
    assert!(imported.notes.iter().any(|n| n.contains("us-east-1, eu-west-1")), "{:?}", imported.notes);
    assert_eq!(imported.source.value()["Resource"]["Properties"]["Replicas"][1]["Region"], "eu-west-1");
    let design = derive(&model);
    assert!(verify(&model, &design).ok(), "{:?}", verify(&model, &design));
}

#[test]
fn a_sam_simple_table_is_a_partition_key_on_demand() {
    let text = r#"
Transform: AWS::Serverless-2016-10-31
Resources:
  Sessions:
    Type: AWS::Serverless::SimpleTable
    Properties:
      TableName: sessions
      PrimaryKey: { Name: sessionId, Type: String }
      Tags: { app: login }
"#;
    let model = import(text, None);
    assert_eq!(model.table.billing, Billing::OnDemand);
    assert_eq!(model.table.tags.get("app").map(String::as_str), Some("login"));
    assert_eq!(pinned(&model, "table"), some("{sessionId}", "{sessionId}"));
    let imported = model.imported.as_ref().unwrap();
    assert!(imported.keys["table"].sort_key.is_none());
    assert!(imported.notes.iter().any(|n| n.contains("SimpleTable")), "{:?}", imported.notes);

    let numbered = text.replace("Type: String", "Type: Number").replace("      Tags: { app: login }\n", "");
    let model = import(&numbered, None);
    assert_eq!(model.imported.as_ref().unwrap().keys["table"].partition_key.as_ref().unwrap().key_type, KeyType::N);
}

/// A KEYS_ONLY index comes in pinned to what its keys are made of (the plain
/// attributes Tablewright's design writes beside its own key attributes), and
/// its implied read returns those; an index projecting ALL is not pinned.
#[test]
fn an_index_projecting_less_than_all_is_pinned() {
    let model = import(YAML, None);
    let pins = &model.table.pinned_projections;
    assert_eq!(
        pins.get("GSI2"),
        Some(&Projection::Include(vec!["customerId".into(), "orderId".into()])),
        "ByOrder is KEYS_ONLY: {pins:?}"
    );
    assert!(!pins.contains_key("GSI1") && !pins.contains_key("LSI1"), "ByStatus and ByPlacedAt project ALL");
    let by_order = model.access_patterns.iter().find(|p| p.name.contains("ByOrder")).unwrap();
    assert_eq!(by_order.returns, ["customerId", "orderId"]);
    assert!(verify(&model, &derive(&model)).ok());
}

/// An INCLUDE list names attributes a template declares nowhere else: they come
/// in as optional text attributes (said in the report) and stay pinned; a
/// projection computed by a function comes in as ALL, with a note.
#[test]
fn included_attributes_are_kept_and_a_computed_projection_is_read_as_all() {
    let include =
        projecting("            ProjectionType: INCLUDE\n            NonKeyAttributes: [totalAmount, status]");
    let model = import(&include, None);
    let entity = &model.entities[0];
    let total = entity.attribute("totalAmount").expect("the projected attribute is an attribute");
    assert!(!total.required && !total.identifier);
    assert_eq!(
        model.table.pinned_projections.get("GSI2"),
        Some(&Projection::Include(vec!["totalAmount".into(), "status".into(), "customerId".into(), "orderId".into()])),
    );
    let imported = model.imported.as_ref().unwrap();
    assert!(
        imported.inferences.iter().any(|i| i.text.contains("carry totalAmount") && i.ambiguous),
        "{:#?}",
        imported.inferences
    );

    let computed = projecting("            ProjectionType: !If [Lean, KEYS_ONLY, ALL]");
    let model = import(&computed, None);
    assert!(!model.table.pinned_projections.contains_key("GSI2"));
    let notes = &model.imported.as_ref().unwrap().notes;
    assert!(notes.iter().any(|n| n.contains("ByOrder's Projection is computed")), "{notes:?}");

    // A fault of the template's own beside a function is reported, not read as ALL.
    let misspelt = projecting("            ProjectionType: KEYS\n            NonKeyAttributes: [!Ref Extra]");
    let refused = import_cloudformation(&misspelt, &ImportOptions { table: None }).unwrap_err().to_string();
    assert!(refused.contains("'KEYS' is not a projection type"), "{refused}");
}

/// A source's list that the model's key attributes take over DynamoDB's 100
/// would make `check` refuse the whole import: that index is pinned ALL with a
/// note instead (`import` here loads the model, as `check` does). Two source
/// names that become one model name are listed once; `_type` stays itself.
#[test]
fn an_included_list_stays_within_dynamodbs_limit_and_names_each_attribute_once() {
    let twice = projecting(
        "            ProjectionType: INCLUDE\n            NonKeyAttributes: [total.amount, 'total#amount', _type]",
    );
    let model = import(&twice, None);
    assert_eq!(
        model.table.pinned_projections.get("GSI2"),
        Some(&Projection::Include(vec!["total_amount".into(), "_type".into(), "customerId".into(), "orderId".into()])),
    );

    assert!(model.entities[0].attribute("type").is_none(), "_type is not an attribute of the items");
    let many: Vec<String> = (0..99).map(|i| format!("a{i}")).collect();
    let long = projecting(&format!(
        "            ProjectionType: INCLUDE\n            NonKeyAttributes: [{}]",
        many.join(", ")
    ));
    let model = import(&long, None);
    assert_eq!(model.table.pinned_projections.get("GSI2"), Some(&Projection::All));
    let notes = &model.imported.as_ref().unwrap().notes;
    assert!(notes.iter().any(|n| n.contains("pinned ALL") && n.contains("101")), "{notes:?}");
}
