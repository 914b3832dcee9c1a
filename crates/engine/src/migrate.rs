//! Brings a model file written by an older Tablewright up to the current format.
//! Each step rewrites the raw JSON from one version to the next, so the typed model
//! only ever knows the newest shape.

use serde_json::Value;

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::model::FORMAT;
use crate::path::JsonPath;

/// The steps, oldest first: (version read, function producing the next version).
const STEPS: &[(&str, Step)] = &[("tablewright/1", to_2), ("tablewright/2", to_3)];

/// Rewrites a file of one format version into the next.
type Step = fn(Value) -> Value;

/// Version 2 lets a read's filter join tests (`all`, `any`, `not`) and compare
/// with a request's value (`input`). Every version 1 file means the same in
/// version 2; the new number makes an older Tablewright refuse a file that uses
/// them with its "newer Tablewright" message instead of an unknown field.
fn to_2(mut value: Value) -> Value {
    value["format"] = Value::String("tablewright/2".into());
    value
}

/// Version 3 lets a read fetch several related entities with its target (`with`
/// is a list: an order with its items, shipments and invoice). A version 2
/// pattern's one `with` becomes a list of one. A `with` of null, or naming the
/// target itself (version 2 accepted it, and it fetched nothing more), goes.
fn to_3(mut value: Value) -> Value {
    if let Some(patterns) = value.get_mut("access_patterns").and_then(Value::as_array_mut) {
        for pattern in patterns.iter_mut().filter_map(Value::as_object_mut) {
            let itself = pattern.get("with").is_some_and(|w| w.is_null() || Some(w) == pattern.get("entity"));
            if itself {
                pattern.remove("with");
            } else if let Some(with) = pattern.get_mut("with").filter(|w| w.is_string()) {
                *with = Value::Array(vec![with.take()]);
            }
        }
    }
    value["format"] = Value::String("tablewright/3".into());
    value
}

pub fn migrate(mut value: Value) -> Result<Value, Diagnostic> {
    let at = JsonPath::root().key("format");
    if !value.is_object() {
        return Err(Diagnostic::new(
            DiagnosticKind::Schema,
            &JsonPath::root(),
            "the file is not a JSON object, so it is not a Tablewright model",
            format!("a model file is an object that starts with \"format\": \"{FORMAT}\""),
        ));
    }
    loop {
        let format = match value.get("format") {
            None => {
                return Err(Diagnostic::new(
                    DiagnosticKind::Schema,
                    &at,
                    "the file has no \"format\" field, so it is not a Tablewright model",
                    format!("add \"format\": \"{FORMAT}\" at the top"),
                ))
            }
            Some(Value::String(format)) => format.clone(),
            Some(other) => {
                return Err(Diagnostic::new(
                    DiagnosticKind::Schema,
                    &at,
                    format!("the \"format\" field is {}, not a string", crate::json_kind::kind_of(other)),
                    format!("write \"format\": \"{FORMAT}\""),
                ))
            }
        };
        if format == FORMAT {
            return Ok(value);
        }
        match STEPS.iter().find(|(from, _)| *from == format) {
            Some((_, step)) => value = step(value),
            None => {
                return Err(Diagnostic::new(
                    DiagnosticKind::Schema,
                    &at,
                    format!("unknown format '{format}'; this Tablewright reads {FORMAT}"),
                    "a newer Tablewright wrote this file: upgrade, or check the format field",
                ))
            }
        }
    }
}
