//! The JSON Schema of the model file, generated from the Rust types so the two never drift.

use std::sync::OnceLock;

use serde_json::Value;

use crate::model::Model;

/// The schema as committed in `models/tablewright.schema.json`.
pub fn schema() -> Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Model)).expect("a schema is JSON");
    schema["$id"] = Value::String("https://tablewright.dev/schema/tablewright-2.json".into());
    schema
}

/// The schema as pretty JSON with a final newline, the committed file's exact bytes.
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).expect("a schema is JSON");
    text.push('\n');
    text
}

pub(crate) fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| jsonschema::validator_for(&schema()).expect("the generated schema is valid"))
}
