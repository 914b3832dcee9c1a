//! Public NoSQL Workbench models by experts (`corpus/nosql-workbench`), each read
//! as its expert reads it (`expected.json`, written by hand): the kinds of item,
//! their table key templates, the GSIs each writes and where it is sparse. The
//! test prints the comparison and holds the number of files read right, so a
//! change to the import that reads one worse fails here.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::Deserialize;
use tablewright_engine::design::derive;
use tablewright_engine::import::{import_nwb, ImportOptions};
use tablewright_engine::model::Entity;
use tablewright_engine::verify::verify;
use tablewright_engine::Model;

/// Files the import reads as the expert does, of the ten. Raise it when the
/// import learns more; never lower it.
const READ_RIGHT: usize = 10;

#[derive(Deserialize)]
struct Expected {
    source: String,
    entities: Vec<Kind>,
}

/// One kind of item, as shapes: every variable written `{}`.
#[derive(Deserialize, Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Kind {
    /// The expert's name for the kind, shown where it is missing.
    #[serde(default)]
    name: String,
    table: (String, String),
    #[serde(default)]
    gsis: BTreeMap<String, (String, String)>,
    #[serde(default)]
    sparse: BTreeSet<String>,
}

fn corpus() -> PathBuf {
    common::models_dir().join("../corpus/nosql-workbench")
}

/// `CUST#{custId}` → `CUST#{}`.
fn shape(template: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in template.chars() {
        match c {
            '{' => {
                inside = true;
                out.push_str("{}");
            }
            '}' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// The import's reading of one kind: its pinned keys, by the source's index names.
fn read(model: &Model, entity: &Entity) -> Kind {
    let imported = model.imported.as_ref().unwrap();
    let pinned = |index: &str| {
        let k = &entity.pinned_keys[index];
        (shape(k.partition.as_deref().unwrap_or_default()), shape(k.sort.as_deref().unwrap_or_default()))
    };
    let mut kind =
        Kind { name: entity.name.clone(), table: pinned("table"), gsis: BTreeMap::new(), sparse: BTreeSet::new() };
    for index in entity.pinned_keys.keys().filter(|i| i.starts_with("GSI")) {
        let name = imported.keys[index].name.clone().unwrap_or_else(|| index.clone());
        let k = &entity.pinned_keys[index];
        let optional = [&k.partition, &k.sort]
            .into_iter()
            .flatten()
            .flat_map(|t| tablewright_engine::template::Template::parse(t).ok())
            .flat_map(|t| t.attributes().map(str::to_string).collect::<Vec<_>>())
            .any(|a| entity.attribute(&a).is_some_and(|a| !a.required && !a.identifier));
        if optional {
            kind.sparse.insert(name.clone());
        }
        kind.gsis.insert(name, pinned(index));
    }
    kind
}

/// What differs between the expert's kinds and the import's, matched by table keys.
fn differences(expected: &[Kind], ours: &[Kind]) -> Vec<String> {
    let mut out = Vec::new();
    if expected.len() != ours.len() {
        out.push(format!("{} kinds, the expert reads {}", ours.len(), expected.len()));
    }
    for want in expected {
        match ours.iter().find(|k| k.table == want.table) {
            None => out.push(format!("no kind keyed {} / {} ({})", want.table.0, want.table.1, want.name)),
            Some(got) if got.gsis != want.gsis => {
                out.push(format!("{}: GSIs {:?}, the expert reads {:?}", want.name, got.gsis, want.gsis))
            }
            Some(got) if got.sparse != want.sparse => {
                out.push(format!("{}: sparse in {:?}, the expert reads {:?}", want.name, got.sparse, want.sparse))
            }
            Some(_) => {}
        }
    }
    out
}

#[test]
fn expert_models_are_read_as_their_experts_read_them() {
    let text = std::fs::read_to_string(corpus().join("expected.json")).unwrap();
    let expected: BTreeMap<String, Expected> = serde_json::from_str(&text).unwrap();
    assert!(expected.len() >= 10, "the corpus has at least ten files");
    let mut table =
        vec!["| file | kinds (expert) | read as the expert does | verify |".to_string(), "|---|---|---|---|".into()];
    let mut right = 0;
    for (file, want) in &expected {
        assert!(want.source.starts_with("https://github.com/"), "{file}: its source");
        let text = std::fs::read_to_string(corpus().join(file)).unwrap();
        let model = import_nwb(&text, &ImportOptions::default()).unwrap_or_else(|e| panic!("{file}: {e}"));
        let ours: Vec<Kind> = model.entities.iter().map(|e| read(&model, e)).collect();
        // The experts gate these indexes by an attribute the key is built from,
        // never by a value a few sample items share (`escalated_to = AgentB`).
        let conditioned: Vec<String> = model
            .entities
            .iter()
            .flat_map(|e| {
                e.pinned_keys.iter().filter_map(move |(i, k)| k.sparse.as_ref().map(|c| format!("{} {i}: {c}", e.name)))
            })
            .collect();
        assert!(conditioned.is_empty(), "{file}: {conditioned:?}");
        let wrong = differences(&want.entities, &ours);

        let design = derive(&model);
        let verdict = verify(&model, &design);
        assert!(
            !verdict.design.iter().any(|d| d.contains("overwrite each other")),
            "{file}: a false overwrite: {:?}",
            verdict.design
        );
        let served = verdict.patterns.iter().filter(|v| v.ok).count();
        if wrong.is_empty() {
            right += 1;
        }
        table.push(format!(
            "| {file} | {} ({}) | {} | {served} of {} served |",
            ours.len(),
            want.entities.len(),
            if wrong.is_empty() { "yes".to_string() } else { wrong.join("; ") },
            verdict.patterns.len()
        ));
    }
    println!("{}", table.join("\n"));
    assert!(right >= READ_RIGHT, "{right} of {} files read as the expert does:\n{}", expected.len(), table.join("\n"));
}
