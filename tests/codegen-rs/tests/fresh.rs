//! `src/generated.rs` is exactly what the code generator gives for the example
//! models now: the compiled code is the current code.

use std::path::{Path, PathBuf};

use tablewright_engine::codegen::{code, code_all, Language};
use tablewright_engine::design::derive;
use tablewright_engine::load_file;

/// The example models, then the expert cases of the corpus (which reach what the
/// examples do not, such as an update that reads first), then a new user's
/// library (a put that fixes the new loan's status).
fn models() -> Vec<PathBuf> {
    let in_folder = |folder: &str, at_least: usize| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(folder);
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.to_string_lossy().ends_with(".tablewright.json"))
            .collect();
        paths.sort();
        assert!(paths.len() >= at_least, "models missing in {}", dir.display());
        paths
    };
    let library = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../crates/engine/tests/fixtures/library-lending.tablewright.json");
    [in_folder("models", 4), in_folder("corpus", 8), vec![library]].concat()
}

fn module_name(text: &str) -> String {
    let mut name: String =
        text.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "m_");
    }
    name
}

/// Every pattern's own unit in a module of its own, then the model's `--all` file.
fn generated() -> String {
    let mut out = String::from("// Written by tests/fresh.rs from `tablewright code --lang rust`; do not edit.\n");
    for path in models() {
        let model = load_file(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let design = derive(&model);
        let stem = path.file_name().unwrap().to_string_lossy().trim_end_matches(".tablewright.json").to_string();
        out.push_str(&format!("\npub mod {} {{\n", module_name(&stem)));
        for p in &model.access_patterns {
            let text = code(&model, &design, &p.id, Language::Rust).unwrap_or_else(|e| panic!("{stem} {}: {e}", p.id));
            out.push_str(&format!("\npub mod {} {{\n{text}}}\n", module_name(&p.id)));
        }
        let all = code_all(&model, &design, Language::Rust).unwrap_or_else(|e| panic!("{stem}: {e}"));
        out.push_str(&format!("\npub mod all {{\n{all}}}\n"));
        out.push_str("}\n");
    }
    out
}

#[test]
fn the_compiled_code_is_what_the_generator_gives_now() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/generated.rs");
    let fresh = generated();
    if std::env::var_os("TABLEWRIGHT_UPDATE_GENERATED").is_some() {
        std::fs::write(&file, &fresh).unwrap();
        return;
    }
    // The text compiled into this crate, not a copy read at run time.
    let compiled = include_str!("../src/generated.rs");
    assert!(
        compiled == fresh,
        "tests/codegen-rs/src/generated.rs is stale: regenerate it with \
         `TABLEWRIGHT_UPDATE_GENERATED=1 cargo test -p tablewright-codegen-check`, then build the crate"
    );
}
