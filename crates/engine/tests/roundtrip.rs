//! Load then save gives back the very bytes of every example model, so opening
//! and saving a file never shows up as a diff.

mod common;

use common::*;
use tablewright_engine::{load_file, load_str, save_file, to_canonical_json};

/// The first line where two texts differ, for a failure message a human can act on.
fn first_difference(expected: &str, actual: &str) -> String {
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    format!(
        "first difference at line {}:\n  file:  {:?}\n  saved: {:?}\n(lengths {} and {})",
        line + 1,
        expected.lines().nth(line),
        actual.lines().nth(line),
        expected.len(),
        actual.len()
    )
}

#[test]
fn every_example_saves_back_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    for path in example_models() {
        let original = std::fs::read_to_string(&path).unwrap();
        let model = load_file(&path).unwrap_or_else(|e| panic!("{e}"));

        let canonical = to_canonical_json(&model);
        assert!(
            canonical == original,
            "{} is not canonical; `cargo run -p tablewright-cli -- fmt {}` rewrites it.\n{}",
            path.display(),
            path.display(),
            first_difference(&original, &canonical)
        );

        let copy = dir.path().join(path.file_name().unwrap());
        save_file(&model, &copy).unwrap();
        assert_eq!(
            std::fs::read(&copy).unwrap(),
            original.as_bytes(),
            "save_file of {} wrote other bytes",
            path.display()
        );
    }
}

#[test]
fn canonical_form_is_a_fixed_point_of_any_layout() {
    // The same model compact, with keys reordered and integers where the
    // canonical form has floats: it loads to the same model and saves canonically.
    for path in example_models() {
        let original = std::fs::read_to_string(&path).unwrap();
        let mut value: serde_json::Value = serde_json::from_str(&original).unwrap();
        scramble(&mut value);
        let compact = serde_json::to_string(&value).unwrap();
        assert_ne!(compact, original);

        let model = load_str(&compact).unwrap_or_else(|d| panic!("{}", render(&d)));
        assert_eq!(model, load_str(&original).unwrap());
        let canonical = to_canonical_json(&model);
        assert!(canonical == original, "{}: {}", path.display(), first_difference(&original, &canonical));
        assert_eq!(to_canonical_json(&load_str(&canonical).unwrap()), canonical);
    }
}

#[test]
fn canonical_text_ends_with_one_newline_and_uses_two_space_indent() {
    let text = to_canonical_json(&acme());
    assert!(text.ends_with("}\n") && !text.ends_with("\n\n"));
    assert!(text.starts_with("{\n  \"$schema\": \"./tablewright.schema.json\",\n  \"format\": \"tablewright/3\",\n"));
    assert!(!text.contains('\t') && !text.contains('\r'));
}

/// Reverses every object's keys and writes whole floats as integers (`400` for
/// `400.0`): a layout a hand-edited file might have.
fn scramble(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<_> = std::mem::take(map).into_iter().collect();
            entries.reverse();
            for (k, mut v) in entries {
                scramble(&mut v);
                map.insert(k, v);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(scramble),
        serde_json::Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|f| n.is_f64() && f.fract() == 0.0 && *f >= 0.0) {
                *value = serde_json::Value::from(f as u64);
            }
        }
        _ => {}
    }
}
