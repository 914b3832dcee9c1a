//! A YAML writer for JSON values: block style for maps and lists, and every string
//! double-quoted in JSON syntax (with every character YAML cannot hold raw, such
//! as DEL or NEL, escaped), which YAML reads the same way. That keeps the
//! output unambiguous (no `no` read as false, no `1e3` read as a number) without a
//! YAML library.

use serde_json::Value;

use crate::escape::quoted;

pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => write_map(&mut out, map, 0),
        Value::Array(items) if !items.is_empty() => write_list(&mut out, items, 0),
        scalar => {
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
    }
    out
}

fn write_map(out: &mut String, map: &serde_json::Map<String, Value>, indent: usize) {
    for (key, value) in map {
        out.push_str(&" ".repeat(indent));
        out.push_str(&key_text(key));
        out.push(':');
        write_nested(out, value, indent + 2);
    }
}

fn write_list(out: &mut String, items: &[Value], indent: usize) {
    for item in items {
        out.push_str(&" ".repeat(indent));
        out.push('-');
        match item {
            Value::Object(map) if !map.is_empty() => {
                // The first key sits on the dash's line; the rest align under it.
                let mut first = true;
                for (key, value) in map {
                    if first {
                        out.push(' ');
                        first = false;
                    } else {
                        out.push_str(&" ".repeat(indent + 2));
                    }
                    out.push_str(&key_text(key));
                    out.push(':');
                    write_nested(out, value, indent + 4);
                }
            }
            other => write_nested(out, other, indent + 2),
        }
    }
}

fn write_nested(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            write_map(out, map, indent);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            write_list(out, items, indent);
        }
        scalar => {
            out.push(' ');
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
        Value::String(text) => quoted(text),
        other => other.to_string(),
    }
}

/// Keys made of letters, digits and `_-.:` are written bare; others are quoted.
fn key_text(key: &str) -> String {
    let plain = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && key.chars().all(|c| c.is_ascii_alphanumeric() || "_-.:".contains(c))
        && !key.ends_with(':');
    if plain {
        key.to_string()
    } else {
        quoted(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_block_yaml_with_quoted_strings() {
        let value = json!({"A": {"B": ["x", {"C": 1, "D": true}], "E": []}, "no": "no", "weird key": null});
        let expected = "A:\n  B:\n    - \"x\"\n    - C: 1\n      D: true\n  E: []\nno: \"no\"\n\"weird key\": null\n";
        assert_eq!(to_yaml(&value), expected);
    }
}
