//! Damaged model files never crash the loader: for every example, truncations and
//! deterministic mutations (bytes, lines, values) are fed to `load_str`, which must
//! return Ok or Err — and when Err, every problem must say where it is.
//!
//! The mutations are derived from a fixed seed, so a failure reproduces; the
//! failure message names the example and the mutation.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use common::*;
use serde_json::{json, Value};
use tablewright_engine::{load_str, to_canonical_json};

/// Truncations per example (every len/N bytes).
const TRUNCATIONS: usize = 200;
/// Mutations of each kind per example.
const BYTE_MUTATIONS: usize = 300;
const LINE_MUTATIONS: usize = 200;
const VALUE_MUTATIONS: usize = 600;

/// xorshift64*: tiny, deterministic, good enough to pick places to break.
struct Rng(u64);

impl Rng {
    fn new(seed: &str) -> Self {
        // FNV-1a of the example's name, so adding an example changes no other's run.
        let hash =
            seed.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        Rng(hash | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Loads `text`; a panic fails the test naming `what`. Returns whether it loaded.
fn must_not_panic(example: &str, what: &str, text: &str) -> bool {
    let outcome = catch_unwind(AssertUnwindSafe(|| load_str(text)));
    let Ok(result) = outcome else {
        panic!("load_str panicked on {example} after {what}; input:\n{text}");
    };
    match result {
        Ok(model) => {
            // What loads must save to a text that loads to the same model.
            let saved = to_canonical_json(&model);
            let again = load_str(&saved).unwrap_or_else(|d| {
                panic!("{example} after {what} loaded, but its canonical text does not:\n{}", render(&d))
            });
            assert_eq!(to_canonical_json(&again), saved, "{example} after {what}: saving is not stable");
            true
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "{example} after {what}: Err without problems");
            let lines = text.lines().count().max(1);
            for d in &diagnostics {
                let (Some(line), Some(column)) = (d.line, d.column) else {
                    panic!("{example} after {what}: problem without a position: {d}");
                };
                assert!(
                    (1..=lines + 1).contains(&line) && column >= 1,
                    "{example} after {what}: position {line}:{column} outside the {lines}-line file: {d}"
                );
                assert!(!d.message.trim().is_empty(), "{example} after {what}: empty message");
                assert!(!d.hint.contains('\n'), "{example} after {what}: hint of several lines: {d}");
            }
            false
        }
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn truncations(example: &str, text: &str) {
    let end = text.trim_end().len();
    let step = (text.len() / TRUNCATIONS).max(1);
    for cut in (0..end).step_by(step).chain([end - 1]) {
        let cut = floor_char_boundary(text, cut);
        let truncated = &text[..cut];
        let loaded = must_not_panic(example, &format!("truncation at byte {cut}"), truncated);
        assert!(!loaded, "{example} truncated at byte {cut} loaded");
        let d = load_str(truncated).unwrap_err();
        assert_eq!(d.len(), 1, "{example} truncated at byte {cut}: one syntax error");
        assert_eq!(
            d[0].kind,
            tablewright_engine::DiagnosticKind::Syntax,
            "{example} truncated at byte {cut}: {}",
            d[0]
        );
    }
}

fn byte_mutations(example: &str, text: &str, rng: &mut Rng) {
    const INTERESTING: &[u8] = b"{}[]\",:\\0 -.e9\n\x00\xff\xc3";
    let bytes = text.as_bytes();
    for i in 0..BYTE_MUTATIONS {
        let mut b = bytes.to_vec();
        let at = rng.below(b.len());
        let what = match i % 4 {
            0 => {
                b[at] ^= 1 << rng.below(8);
                format!("flipping a bit of byte {at}")
            }
            1 => {
                b[at] = INTERESTING[rng.below(INTERESTING.len())];
                format!("overwriting byte {at}")
            }
            2 => {
                b.remove(at);
                format!("deleting byte {at}")
            }
            _ => {
                b.insert(at, INTERESTING[rng.below(INTERESTING.len())]);
                format!("inserting a byte at {at}")
            }
        };
        must_not_panic(example, &what, &String::from_utf8_lossy(&b));
    }
}

fn line_mutations(example: &str, text: &str, rng: &mut Rng) {
    let lines: Vec<&str> = text.lines().collect();
    for i in 0..LINE_MUTATIONS {
        let mut l = lines.clone();
        let at = rng.below(l.len());
        let what = match i % 3 {
            0 => {
                l.remove(at);
                format!("deleting line {}", at + 1)
            }
            1 => {
                l.insert(at, lines[at]);
                format!("duplicating line {}", at + 1)
            }
            _ => {
                let other = rng.below(l.len());
                l.swap(at, other);
                format!("swapping lines {} and {}", at + 1, other + 1)
            }
        };
        must_not_panic(example, &what, &l.join("\n"));
    }
}

/// JSON pointers of every value in the document.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                pointers(v, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// The parent's pointer and the last segment, unescaped (a key may hold '/').
fn parent_of(pointer: &str) -> (&str, String) {
    let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    (parent, key.replace("~1", "/").replace("~0", "~"))
}

/// Every string in the document, to swap names for other names (semantic damage).
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

fn value_mutations(example: &str, text: &str, rng: &mut Rng) {
    let doc: Value = serde_json::from_str(text).unwrap();
    let mut all = Vec::new();
    pointers(&doc, String::new(), &mut all);
    all.retain(|p| !p.is_empty());
    let mut names = Vec::new();
    strings(&doc, &mut names);

    for i in 0..VALUE_MUTATIONS {
        let mut v = doc.clone();
        let at = all[rng.below(all.len())].clone();
        let what = match i % 10 {
            0 => {
                let target = v.pointer_mut(&at).unwrap();
                *target = match target.take() {
                    Value::Number(n) => json!(n.to_string()),
                    Value::String(s) => s.parse::<f64>().map_or(json!(42), |f| json!(f)),
                    Value::Bool(b) => json!(if b { "true" } else { "false" }),
                    other => json!([other]),
                };
                format!("changing the type of {at}")
            }
            1 => {
                *v.pointer_mut(&at).unwrap() = Value::Null;
                format!("nulling {at}")
            }
            2 => {
                let (parent, key) = parent_of(&at);
                match v.pointer_mut(parent).unwrap() {
                    Value::Object(map) => {
                        map.shift_remove(&key);
                    }
                    Value::Array(items) => {
                        items.remove(key.parse::<usize>().unwrap());
                    }
                    _ => unreachable!(),
                }
                format!("removing {at}")
            }
            3 => {
                let (parent, key) = parent_of(&at);
                let copy = v.pointer(&at).unwrap().clone();
                match v.pointer_mut(parent).unwrap() {
                    Value::Object(map) => {
                        map.insert(format!("{key}_copy"), copy);
                    }
                    Value::Array(items) => items.push(copy),
                    _ => unreachable!(),
                }
                format!("duplicating {at}")
            }
            4 | 5 => {
                let other = all[rng.below(all.len())].clone();
                let a = v.pointer(&at).unwrap().clone();
                // The other value may live inside the first; take it before writing.
                let b = v.pointer(&other).unwrap().clone();
                *v.pointer_mut(&at).unwrap() = b;
                if let Some(slot) = v.pointer_mut(&other) {
                    *slot = a;
                }
                format!("swapping {at} and {other}")
            }
            6 | 7 => {
                let name = names[rng.below(names.len())].clone();
                *v.pointer_mut(&at).unwrap() = json!(name);
                format!("setting {at} to {name:?}")
            }
            8 => {
                let odd = [
                    json!(""),
                    json!(-1),
                    json!(1e300),
                    json!(u64::MAX),
                    json!(0.5),
                    json!({}),
                    json!([]),
                    json!("{x"),
                    json!("PK"),
                    json!("a}b{c"),
                    json!("é#{ü}"),
                ];
                let pick = odd[rng.below(odd.len())].clone();
                *v.pointer_mut(&at).unwrap() = pick.clone();
                format!("setting {at} to {pick}")
            }
            _ => {
                let (parent, key) = parent_of(&at);
                let renamed = match v.pointer_mut(parent).unwrap() {
                    Value::Object(map) => {
                        let value = map.shift_remove(&key).unwrap();
                        map.insert(format!("{key}s"), value);
                        true
                    }
                    _ => false,
                };
                if !renamed {
                    continue;
                }
                format!("misspelling the key of {at}")
            }
        };
        must_not_panic(example, &what, &serde_json::to_string_pretty(&v).unwrap());
    }
}

#[test]
fn damaged_examples_never_panic_the_loader() {
    // One thread per example: the examples share nothing.
    let examples = example_models();
    std::thread::scope(|scope| {
        for path in &examples {
            scope.spawn(move || {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let text = std::fs::read_to_string(path).unwrap();
                let mut rng = Rng::new(&name);
                truncations(&name, &text);
                byte_mutations(&name, &text, &mut rng);
                line_mutations(&name, &text, &mut rng);
                value_mutations(&name, &text, &mut rng);
            });
        }
    });
}

#[test]
fn odd_whole_inputs_never_panic_the_loader() {
    let deep = "[".repeat(10_000);
    let deep_object = format!("{{\"format\": \"tablewright/3\", \"x\": {}", "[".repeat(200));
    let inputs = [
        "",
        " ",
        "\u{feff}{}",
        "null",
        "0",
        "\"\"",
        "{}",
        "{\"format\": null}",
        "{\"format\": \"tablewright/3\"}",
        "{\"format\": \"tablewright/3\", \"entities\": {}}",
        "{\"format\": \"tablewright/3\", \"format\": 3}",
        "{\"a\":1}{\"b\":2}",
        "\u{0}",
        "1e999",
        &deep,
        &deep_object,
    ];
    for text in inputs {
        let shown: String = text.chars().take(60).collect();
        must_not_panic("a hand-written input", &format!("{shown:?}"), text);
    }
    // And the fixture, with every field of every object removed in turn.
    let fixture = fixture();
    let mut all = Vec::new();
    pointers(&fixture, String::new(), &mut all);
    for at in all.iter().filter(|p| !p.is_empty()) {
        let mut v = fixture.clone();
        let (parent, key) = parent_of(at);
        match v.pointer_mut(parent).unwrap() {
            Value::Object(map) => {
                map.shift_remove(&key);
            }
            Value::Array(items) => {
                items.remove(key.parse::<usize>().unwrap());
            }
            _ => unreachable!(),
        }
        must_not_panic("the fixture", &format!("removing {at}"), &serde_json::to_string_pretty(&v).unwrap());
    }
}
