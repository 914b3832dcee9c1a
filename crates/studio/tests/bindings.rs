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

/// The Access Patterns editor offers the attributes a pattern may use from its own
/// reading of the model (`ui/src/panels/patterns/attributes.ts`), so that its
/// pickers answer at every keystroke without a round trip. This fixture is the
/// engine's answer on every example and corpus model: for each target, each name
/// the engine resolves (`ErGraph::resolve_attribute`), with its type and whether
/// the target's items carry it (`ErGraph::carries`). The UI's test holds its
/// reading to it, so the two cannot drift apart.
#[test]
fn the_pattern_vocabulary_fixture_is_fresh() {
    use tablewright_engine::{load_file, ErGraph};

    let mut files: Vec<PathBuf> = ["models", "corpus"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(repo(dir)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".tablewright.json"))
        .collect();
    files.sort();
    assert!(files.len() >= 12, "{files:?}");
    let mut out = Vec::new();
    for file in files {
        let model = load_file(&file).unwrap_or_else(|e| panic!("{e}"));
        let graph = ErGraph::new(&model);
        // Every name a pattern could write: each attribute of the model, each
        // role-named end, and one no model has.
        let mut candidates: Vec<String> = model
            .entities
            .iter()
            .flat_map(|e| e.attributes.iter().map(|a| a.name.clone()))
            .chain(model.relationships.iter().flat_map(|r| r.attributes.iter().map(|a| a.name.clone())))
            .collect();
        for r in &model.relationships {
            if let Some(to) = model.entities.iter().find(|e| e.name == r.to) {
                candidates.extend(to.attributes.iter().filter(|a| a.identifier).map(|a| r.to_end_attribute(&a.name)));
                candidates
                    .extend(to.attributes.iter().filter(|a| a.identifier).filter_map(|a| r.parent_attribute(&a.name)));
            }
        }
        candidates.push("noSuchAttribute".to_string());
        candidates.sort();
        candidates.dedup();
        let targets: Vec<&str> = model
            .entities
            .iter()
            .map(|e| e.name.as_str())
            .chain(
                model
                    .relationships
                    .iter()
                    .filter(|r| r.cardinality == tablewright_engine::model::Cardinality::ManyToMany)
                    .map(|r| r.name.as_str()),
            )
            .collect();
        let mut by_target = serde_json::Map::new();
        let mut ancestors = serde_json::Map::new();
        for target in targets {
            let mut names = serde_json::Map::new();
            let mut further = serde_json::Map::new();
            for name in &candidates {
                if let Some(attribute) = graph.resolve_attribute(target, name) {
                    let entry =
                        serde_json::json!({ "type": attribute.attr_type, "carried": graph.carries(target, name) });
                    names.insert(name.clone(), entry);
                } else if let Some(attribute) = graph.resolve_input(target, name) {
                    further.insert(name.clone(), serde_json::json!({ "type": attribute.attr_type, "carried": false }));
                }
            }
            by_target.insert(target.to_string(), serde_json::Value::Object(names));
            ancestors.insert(target.to_string(), serde_json::Value::Object(further));
        }
        let relative = file.strip_prefix(repo("")).unwrap().to_string_lossy().into_owned();
        out.push(serde_json::json!({ "file": relative, "model": model, "targets": by_target, "ancestors": ancestors }));
    }
    fresh("ui/src/test/fixtures/vocabulary.json", &(serde_json::to_string_pretty(&out).unwrap() + "\n"));
}
