//! The UI's contract with the backend is generated from the Rust side: the
//! TypeScript declarations of the types that cross, and the fixtures the UI's
//! tests run on (ACME's document state, aggregate view and a highlight, as the
//! backend makes them, and the export choices). Each test fails when its committed file is stale;
//! UPDATE_BINDINGS=1 rewrites them.

use std::path::{Path, PathBuf};

use tablewright_engine::aggregate::{aggregate, highlight};
use tablewright_engine::sample::{days_from_civil, generate, SampleOptions};
use tablewright_studio::bindings::{typescript, PATH};
use tablewright_studio::replies::ExportChoice;
use tablewright_studio::{Folders, Studio};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

#[track_caller]
fn fresh(path: &str, generated: &str) {
    let file = repo(path);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, generated).expect("the file is writable");
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        committed == generated,
        "{path} is stale: regenerate it with UPDATE_BINDINGS=1 cargo test -p tablewright-studio --test bindings"
    );
}

#[test]
fn typescript_declarations_are_fresh() {
    fresh(PATH, &typescript());
}

#[test]
fn the_views_module_is_fresh() {
    fresh(tablewright_studio::views::MODULE_PATH, &tablewright_studio::views::typescript_module());
}

#[test]
fn ui_test_fixtures_are_fresh() {
    let dir = tempfile::tempdir().unwrap();
    let mut studio = Studio::new(&Folders { data: dir.path().join("data"), config: dir.path().join("config") });
    let mut state = studio.new_document(Some("acme-bank"), false).unwrap();
    // Timing differs from run to run; the fixture keeps a fixed one.
    state.analysis.millis = 12.5;
    let design = state.analysis.design.clone().expect("ACME derives");
    // A fixed day, so the sample's dates do not change with the month.
    let options =
        SampleOptions { items_per_entity: 6, seed: SampleOptions::DEFAULT_SEED, as_of: days_from_civil(2026, 11, 1) };
    let sample = generate(&state.model, &design, &options).unwrap();
    let view = aggregate(&design, &sample, options.items_per_entity);
    let lit = highlight(&state.model, &design, &sample, "AP07", 0).unwrap();
    let fixture =
        serde_json::json!({ "state": state, "aggregate": view, "highlight": lit, "exports": ExportChoice::all() });
    fresh("ui/src/test/fixtures/acme.json", &(serde_json::to_string_pretty(&fixture).unwrap() + "\n"));
}
