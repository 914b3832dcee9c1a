//! `tablewright import` and `tablewright export --format nosql-workbench` driven as
//! a user drives them: files in a scratch folder, the exit status, and nothing
//! written when the input is bad.

mod support;

use std::path::Path;

use support::{assert_exit, repo, run, stderr, stdout};

fn fixture(name: &str) -> std::path::PathBuf {
    repo().join("../shared/fixtures/nosql-workbench").join(name)
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn a_workbench_file_goes_in_and_comes_back_out() {
    let dir = tempfile::tempdir().unwrap();
    let source = fixture("example-entities-v1.json");
    let out = run(dir.path(), &["import", source.to_str().unwrap(), "-o", "model.tablewright.json"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("7 entities"), "{}", stdout(&out));
    // The model is canonical and valid as written.
    assert_exit(&run(dir.path(), &["fmt", "--check", "model.tablewright.json"]), 0);
    assert_exit(&run(dir.path(), &["check", "model.tablewright.json"]), 0);
    let out = run(dir.path(), &["export", "model.tablewright.json", "--format", "nosql-workbench", "-o", "back.json"]);
    assert_exit(&out, 0);
    assert_eq!(json(&dir.path().join("back.json")), json(&source));
    // The verifier judges the file's own design: here it finds the versioned items
    // that a key read of an employee cannot tell apart.
    let out = run(dir.path(), &["verify", "model.tablewright.json"]);
    assert_exit(&out, 1);
    assert!(stdout(&out).contains("10 of 13 patterns served"), "{}", stdout(&out));
}

#[test]
fn the_table_is_chosen_by_name_when_there_are_several() {
    let dir = tempfile::tempdir().unwrap();
    let source = fixture("product-catalog.json");
    let source = source.to_str().unwrap();
    let out = run(dir.path(), &["import", source, "-o", "m.json"]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("$.DataModel: the model has 4 tables"), "{}", stderr(&out));
    assert!(!dir.path().join("m.json").exists(), "nothing is written on error");
    let out = run(dir.path(), &["import", source, "--table", "product-catalog-p1-natural-key", "-o", "m.json"]);
    assert_exit(&out, 0);
    assert_eq!(json(&dir.path().join("m.json"))["table"]["name"], "product-catalog-p1-natural-key");
}

#[test]
fn a_bad_file_names_the_place_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("model.json"), "keep me").unwrap();
    let text = std::fs::read_to_string(fixture("example-order.json")).unwrap();
    std::fs::write(dir.path().join("cut.json"), &text[..text.len() / 3]).unwrap();
    let out = run(dir.path(), &["import", "cut.json", "--from", "nosql-workbench", "-o", "model.json", "--force"]);
    assert_exit(&out, 1);
    assert!(stderr(&out).starts_with("cut.json:"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(dir.path().join("model.json")).unwrap(), "keep me");

    let wrong = text.replacen("\"AttributeType\": \"S\"", "\"AttributeType\": 7", 1);
    std::fs::write(dir.path().join("wrong.json"), wrong).unwrap();
    let out = run(dir.path(), &["import", "wrong.json", "-o", "model.json", "--force"]);
    assert_exit(&out, 1);
    assert!(
        stderr(&out)
            .contains("wrong.json:17:28: $.DataModel[0].KeyAttributes.PartitionKey.AttributeType: expected a string"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("model.json")).unwrap(), "keep me");

    std::fs::write(dir.path().join("stack.yaml"), "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n").unwrap();
    let out = run(dir.path(), &["import", "stack.yaml", "-o", "model.json", "--force"]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("$.Resources: the template has no AWS::DynamoDB::Table"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(dir.path().join("model.json")).unwrap(), "keep me");
}

#[test]
fn a_cloudformation_template_imports_and_exports_to_the_workbench() {
    let dir = tempfile::tempdir().unwrap();
    let template = "Resources:\n  Sessions:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      TableName: !Ref Name\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions:\n        - AttributeName: sessionId\n          AttributeType: S\n      KeySchema:\n        - AttributeName: sessionId\n          KeyType: HASH\nParameters:\n  Name:\n    Type: String\n    Default: sessions\n";
    std::fs::write(dir.path().join("stack.yml"), template).unwrap();
    let out = run(dir.path(), &["import", "stack.yml", "-o", "s.tablewright.json"]);
    assert_exit(&out, 0);
    let model = json(&dir.path().join("s.tablewright.json"));
    assert_eq!(model["table"]["name"], "sessions");
    assert_exit(&run(dir.path(), &["verify", "s.tablewright.json"]), 0);
    let out = run(dir.path(), &["export", "s.tablewright.json", "--format", "nosql-workbench"]);
    assert_exit(&out, 0);
    let nwb: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(nwb["ModelMetadata"]["Version"], "3.0");
    assert_eq!(nwb["DataModel"][0]["TableFacets"][0]["KeyAttributeAlias"]["PartitionKeyAlias"], "{sessionId}");
}

#[test]
fn an_import_never_replaces_a_file_unasked_nor_its_own_source() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("order.json");
    std::fs::copy(fixture("example-order.json"), &source).unwrap();
    let before = std::fs::read_to_string(&source).unwrap();
    std::fs::write(dir.path().join("model.json"), "keep me").unwrap();

    let out = run(dir.path(), &["import", "order.json", "-o", "model.json"]);
    assert_exit(&out, 1);
    assert!(
        stderr(&out).contains("model.json: already exists; choose another file, or add --force"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("model.json")).unwrap(), "keep me");

    for output in ["order.json", "./order.json"] {
        let out = run(dir.path(), &["import", "order.json", "-o", output, "--force"]);
        assert_exit(&out, 1);
        assert!(stderr(&out).contains("is the file being imported"), "{}", stderr(&out));
    }
    assert_eq!(std::fs::read_to_string(&source).unwrap(), before);

    assert_exit(&run(dir.path(), &["import", "order.json", "-o", "model.json", "--force"]), 0);
    assert!(std::fs::read_to_string(dir.path().join("model.json")).unwrap().contains("\"entities\""));
}

#[test]
fn an_export_never_writes_over_its_model() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.tablewright.json");
    std::fs::copy(repo().join("models/acme-bank.tablewright.json"), &model).unwrap();
    let before = std::fs::read_to_string(&model).unwrap();
    std::os::unix::fs::symlink(&model, dir.path().join("alias.json")).unwrap();
    for output in ["m.tablewright.json", "alias.json"] {
        let out = run(dir.path(), &["export", "m.tablewright.json", "--format", "markdown", "-o", output]);
        assert_exit(&out, 1);
        assert!(stderr(&out).contains("is the model being exported"), "{}", stderr(&out));
    }
    assert_eq!(std::fs::read_to_string(&model).unwrap(), before);
}
