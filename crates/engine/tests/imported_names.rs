//! An imported design calls its key attributes what its source calls them, so
//! that exports and generated code fit the application already written against
//! the table — and keeps Tablewright's names for an index where the source's
//! would make one attribute hold two values.

mod common;

use tablewright_engine::design::derive;
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
    c.pinned_keys
        .insert("GSI1".into(), PinnedKey { partition: Some("c#{cId}".into()), sort: Some("other#{suuidId}".into()) });
    let design = derive(&model);
    let gsi = &design.gsis[0];
    assert_eq!((gsi.partition_key.name.as_str(), gsi.sort_key.name.as_str()), ("GSI1PK", "GSI1SK"));
    assert!(
        gsi.explanation.contains("not as in the source: the source's name PK is also a key attribute of the table, and C would write it differently there"),
        "{}",
        gsi.explanation
    );
    assert!(verify(&model, &design).ok(), "{:#?}", verify(&model, &design));
}
