//! The derived design of every example model, as JSON, against its reviewed
//! snapshot: a change to the deriver shows up as a reviewable diff.

mod common;

use common::{example_models as examples, stem};
use tablewright_engine::design::derive;
use tablewright_engine::load_file;

#[test]
fn derived_designs_match_their_snapshots() {
    let files = examples();
    assert!(files.len() >= 4, "expected the example models, found {files:?}");
    for file in files {
        let model = load_file(&file).unwrap_or_else(|e| panic!("{e}"));
        let json = serde_json::to_string_pretty(&derive(&model)).unwrap();
        insta::assert_snapshot!(format!("design-{}", stem(&file)), json);
    }
}

#[test]
fn derivation_is_deterministic() {
    for file in examples() {
        let model = load_file(&file).unwrap();
        let first = serde_json::to_string(&derive(&model)).unwrap();
        let second = serde_json::to_string(&derive(&model.clone())).unwrap();
        assert_eq!(first, second, "{} derived twice differs", file.display());
    }
}

#[test]
fn every_example_is_served_without_errors() {
    for file in examples() {
        let model = load_file(&file).unwrap();
        let design = derive(&model);
        let verification = tablewright_engine::verify::verify(&model, &design);
        assert!(verification.ok(), "{}: {verification:#?}", file.display());
        let errors: Vec<_> =
            design.problems.iter().filter(|p| p.severity == tablewright_engine::design::Severity::Error).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
    }
}
