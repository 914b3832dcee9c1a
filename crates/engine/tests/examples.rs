//! Every example model in `models/` is valid, and the committed JSON Schema is
//! the one the code generates.

mod common;

use common::*;
use tablewright_engine::load_file;

#[test]
fn every_example_model_checks_clean() {
    let failures: Vec<String> =
        example_models().iter().filter_map(|path| load_file(path).err().map(|e| e.to_string())).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn committed_schema_is_up_to_date() {
    let path = models_dir().join("tablewright.schema.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = tablewright_engine::schema::schema_text();
    if committed != generated {
        let line = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(generated.lines().count()));
        panic!(
            "models/tablewright.schema.json is stale (first difference at line {}: committed {:?}, generated {:?}).\n\
             Regenerate it from the workspace root with:\n    \
             cargo run -p tablewright-cli -- schema > models/tablewright.schema.json",
            line + 1,
            committed.lines().nth(line),
            generated.lines().nth(line),
        );
    }
}

#[test]
fn the_schema_describes_the_model_file() {
    let schema = tablewright_engine::schema::schema();
    assert_eq!(schema["$id"], "https://tablewright.dev/schema/tablewright-2.json");
    let required: Vec<&str> = schema["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    for field in ["format", "name", "table", "entities"] {
        assert!(required.contains(&field), "{field} is required: {required:?}");
    }
    assert_eq!(schema["additionalProperties"], false);
}

/// An item collection's explanation names the reads it serves: each of them must
/// read the table, not an index the router chose for an order the table lacks.
#[test]
fn explanations_name_the_index_the_plans_really_use() {
    for path in example_models() {
        let model = load_file(&path).unwrap();
        let design = tablewright_engine::design::derive(&model);
        for entity in &design.entities {
            for line in &entity.explanation {
                let Some(rest) = line.split(" so that ").nth(1) else { continue };
                let Some(ids) = rest.split(" read them with one Query").next() else { continue };
                for id in ids.split(", ") {
                    let plan = design.plans.iter().find(|p| p.pattern == id).unwrap();
                    assert_eq!(plan.request.index, "table", "{}: {}: {line}", stem(&path), entity.name);
                }
            }
        }
    }
}

/// Every example and corpus model, written as each older format it could be
/// written in, opens unchanged in meaning and is saved in the current version.
/// Version 3 made `with` a list; a file fetching several entities with its
/// target has no older form.
#[test]
fn older_versions_open_unchanged_and_save_as_the_current_one() {
    let corpus = models_dir().join("../corpus");
    let mut paths = example_models();
    paths.extend(
        std::fs::read_dir(&corpus)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".tablewright.json")),
    );
    assert!(paths.len() >= 13, "the examples and the corpus: {paths:?}");
    let mut older = 0;
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let current = tablewright_engine::load_str(&text).unwrap();
        assert!(text.contains("\"format\": \"tablewright/3\""), "{} is in the current format", path.display());
        let Some(old) = as_version_2(&text) else { continue };
        for version in ["tablewright/1", "tablewright/2"] {
            let old = old.replacen("tablewright/2", version, 1);
            let migrated = tablewright_engine::load_str(&old).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
            assert_eq!(migrated, current, "{} means the same in {version}", path.display());
            let saved = tablewright_engine::save::to_canonical_json(&migrated);
            assert!(saved.contains("\"format\": \"tablewright/3\""), "{} is saved in version 3", path.display());
            older += 1;
        }
    }
    assert!(older >= 24, "all files but the aggregate example have older forms: {older}");
}

/// The version 2 form of a current model: each `with` a single name. `None` when
/// a pattern fetches several entities with its target.
fn as_version_2(text: &str) -> Option<String> {
    let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
    value["format"] = "tablewright/2".into();
    for pattern in value["access_patterns"].as_array_mut().into_iter().flatten() {
        if let Some(with) = pattern.get_mut("with") {
            match with.as_array().map(Vec::as_slice) {
                Some([one]) => *with = one.clone(),
                _ => return None,
            }
        }
    }
    Some(serde_json::to_string_pretty(&value).unwrap())
}
