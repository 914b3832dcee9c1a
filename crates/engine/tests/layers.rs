//! The engine's modules are grouped by layer in `src/lib.rs` (paragraphs of
//! `mod` lines, the model first); a module may use only its own layer and the
//! layers above it. This keeps that map true: a `crate::x` path in a module's
//! code (tests aside) that reaches a later layer fails here with both names.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Each module of lib.rs with the number of its layer (its paragraph).
fn layers() -> HashMap<String, usize> {
    let lib = fs::read_to_string(src().join("lib.rs")).unwrap();
    let mut layer = 0;
    let mut seen_module = false;
    let mut out = HashMap::new();
    for line in lib.lines() {
        let line = line.trim();
        if line.is_empty() {
            if seen_module {
                layer += 1;
                seen_module = false;
            }
            continue;
        }
        let name = line.strip_prefix("pub mod ").or_else(|| line.strip_prefix("mod "));
        if let Some(name) = name.and_then(|n| n.strip_suffix(';')) {
            out.insert(name.to_string(), layer);
            seen_module = true;
        }
    }
    out
}

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in fs::read_dir(path).unwrap() {
            rust_files(&entry.unwrap().path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

/// The modules a file names as `crate::module` or in `crate::{a, b::c}`,
/// outside its tests.
fn uses(file: &Path) -> Vec<String> {
    let text = fs::read_to_string(file).unwrap();
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    code.match_indices("crate::").flat_map(|(at, prefix)| named(&code[at + prefix.len()..])).collect()
}

/// The modules the path after `crate::` starts with: one name, or each
/// top-level name of a braced group.
fn named(rest: &str) -> Vec<String> {
    let name = |s: &str| s.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    let Some(group) = rest.strip_prefix('{') else { return vec![name(rest)] };
    let mut depth = 0;
    let mut out = vec![name(group)];
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => out.push(name(&group[i + 1..])),
            _ => {}
        }
    }
    out.retain(|n| !n.is_empty());
    out
}

#[test]
fn a_braced_group_names_each_of_its_modules() {
    assert_eq!(named("model::{Entity, Model};"), ["model"]);
    assert_eq!(named("{design::{Design, Plan}, model::Model,\n    sample};"), ["design", "model", "sample"]);
}

#[test]
fn every_module_uses_only_its_own_layer_and_those_above() {
    let layers = layers();
    assert!(layers.len() > 20 && layers.values().max() >= Some(&4), "lib.rs read as {layers:?}");
    let mut wrong = Vec::new();
    for (module, &layer) in &layers {
        let mut files = Vec::new();
        let file = src().join(format!("{module}.rs"));
        let root = if file.exists() { file } else { src().join(module) };
        rust_files(&root, &mut files);
        assert!(!files.is_empty(), "no source for module {module}");
        for file in files {
            for used in uses(&file) {
                if layers.get(&used).is_some_and(|&l| l > layer) {
                    wrong.push(format!(
                        "{} (layer {layer}) uses crate::{used} (layer {})",
                        file.display(),
                        layers[&used]
                    ));
                }
            }
        }
    }
    wrong.sort();
    assert!(wrong.is_empty(), "a module reaches a later layer of lib.rs:\n{}", wrong.join("\n"));
}
