//! Shared by the engine's integration tests: the example models, a small valid
//! fixture to mutate, and helpers to load and inspect diagnostics.
#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use tablewright_engine::{load_str, Diagnostic, DiagnosticKind, Model};

/// The repository's `models/` folder.
pub fn models_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models")
}

/// Every `*.tablewright.json` in `models/`, listed when the test runs (examples are
/// added over time), sorted by name. Panics if there is none, so a moved folder
/// cannot make the example tests pass vacuously.
pub fn example_models() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(models_dir())
        .expect("models/ is readable")
        .map(|e| e.expect("models/ entry").path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(".tablewright.json")))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no example models in {}", models_dir().display());
    paths
}

/// `acme-bank` for `models/acme-bank.tablewright.json`: names snapshots.
pub fn stem(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().trim_end_matches(".tablewright.json").to_string()
}

/// The ACME bank case study, loaded.
pub fn acme() -> Model {
    let path = models_dir().join("acme-bank.tablewright.json");
    let text = std::fs::read_to_string(&path).expect("the ACME model exists");
    load_str(&text).unwrap_or_else(|d| panic!("the ACME model is valid: {}", render(&d)))
}

/// `crates/engine/tests/fixtures/{name}.tablewright.json`: a model a new user
/// wrote, kept as they wrote it (or as the note beside its test says).
pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/{name}.tablewright.json"))
}

/// A small valid model: Customer 1—n Order, a read by id and a ranged,
/// ordered read of a customer's orders. Attributes of every kind the semantic
/// checks care about: a boolean, a string set, a timestamp.
pub fn fixture() -> Value {
    json!({
        "format": "tablewright/3",
        "name": "Shop",
        "table": {
            "name": "shop",
            "billing": {"mode": "on_demand"}
        },
        "entities": [
            {
                "name": "Customer",
                "attributes": [
                    {"name": "customerId", "type": "string", "required": true, "identifier": true},
                    {"name": "email", "type": "string", "format": "email"},
                    {"name": "vip", "type": "boolean"},
                    {"name": "tags", "type": "string_set"}
                ]
            },
            {
                "name": "Order",
                "attributes": [
                    {"name": "orderId", "type": "string", "required": true, "identifier": true},
                    {"name": "createdAt", "type": "string", "format": "timestamp", "required": true},
                    {"name": "total", "type": "number", "format": "money"}
                ]
            }
        ],
        "relationships": [
            {"name": "CustomerOrders", "from": "Customer", "to": "Order", "cardinality": "one_to_many"}
        ],
        "access_patterns": [
            {
                "id": "AP01",
                "name": "Get a customer",
                "kind": "read_one",
                "entity": "Customer",
                "inputs": ["customerId"],
                "peak_rate": 10.0
            },
            {
                "id": "AP02",
                "name": "A customer's orders in a date range, newest first",
                "kind": "read_many",
                "entity": "Order",
                "inputs": ["customerId"],
                "range": {"attribute": "createdAt", "op": "between"},
                "order": {"attribute": "createdAt", "direction": "descending"},
                "peak_rate": 5.0
            }
        ]
    })
}

/// A mutated fixture: the JSON value and the pretty text the loader is given.
pub struct Case {
    pub value: Value,
    pub text: String,
}

/// The fixture after `mutate`.
pub fn case(mutate: impl FnOnce(&mut Value)) -> Case {
    let mut value = fixture();
    mutate(&mut value);
    let text = serde_json::to_string_pretty(&value).unwrap();
    Case { value, text }
}

impl Case {
    /// Every diagnostic of a case that must be rejected.
    pub fn errors(&self) -> Vec<Diagnostic> {
        errors_of(&self.text)
    }

    /// The single diagnostic of a case with exactly one problem.
    pub fn only_error(&self) -> Diagnostic {
        let mut d = self.errors();
        assert_eq!(d.len(), 1, "expected exactly one problem, got:\n{}", render(&d));
        d.remove(0)
    }

    /// 1-based line and column where the value at `pointer` starts in the text,
    /// found without the engine's locator: the value is swapped for a marker
    /// string, which starts where the value did since pretty-printing lays out
    /// everything before a value the same whatever the value is.
    pub fn position(&self, pointer: &str) -> (usize, usize) {
        const MARKER: &str = "\u{1}marker\u{1}";
        let mut marked = self.value.clone();
        *marked.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer} is not in the case")) = json!(MARKER);
        let text = serde_json::to_string_pretty(&marked).unwrap();
        let offset = text.find("\"\\u0001marker").expect("the marker is printed");
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
        (line, column)
    }
}

/// Loads text that must be invalid and returns its diagnostics.
pub fn errors_of(text: &str) -> Vec<Diagnostic> {
    match load_str(text) {
        Ok(_) => panic!("expected the model to be rejected:\n{text}"),
        Err(d) => {
            assert!(!d.is_empty(), "an Err carries at least one diagnostic");
            d
        }
    }
}

/// Asserts everything a user sees of one problem: its kind, JSON path, message,
/// line and column, and that it has a one-line hint.
#[track_caller]
pub fn assert_problem(d: &Diagnostic, kind: DiagnosticKind, path: &str, message: &str, at: (usize, usize)) {
    let shown = format!("{d}");
    assert_eq!(d.kind, kind, "kind of {shown}");
    assert_eq!(d.path.to_string(), path, "path of {shown}");
    assert_eq!(d.message, message, "message of {shown}");
    assert_eq!((d.line, d.column), (Some(at.0), Some(at.1)), "position of {shown}");
    assert!(!d.hint.trim().is_empty() && !d.hint.contains('\n'), "a one-line hint: {shown}");
}

/// 1-based line and column where `needle` first occurs in `text`.
pub fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let offset = text.find(needle).unwrap_or_else(|| panic!("'{needle}' not in the text"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, column)
}

/// The diagnostics one per line, for failure messages.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(|d| format!("  [{:?}] {d}", d.kind)).collect::<Vec<_>>().join("\n")
}
