//! Between the engine's sample values and the SDK's `AttributeValue`.

use std::collections::HashMap;

use aws_sdk_dynamodb::primitives::Blob;
use aws_sdk_dynamodb::types::AttributeValue;
use indexmap::IndexMap;
use tablewright_engine::sample::Value;

pub fn to_attribute(value: &Value) -> AttributeValue {
    match value {
        Value::S(s) => AttributeValue::S(s.clone()),
        Value::N(n) => AttributeValue::N(n.clone()),
        Value::Bool(b) => AttributeValue::Bool(*b),
        Value::B(b) => AttributeValue::B(Blob::new(b.clone())),
        Value::Ss(v) => AttributeValue::Ss(v.clone()),
        Value::Ns(v) => AttributeValue::Ns(v.clone()),
        Value::L(v) => AttributeValue::L(v.iter().map(to_attribute).collect()),
        Value::M(m) => AttributeValue::M(m.iter().map(|(k, v)| (k.clone(), to_attribute(v))).collect()),
    }
}

/// `None` for types sample data never holds (NULL, unknown variants).
pub fn from_attribute(value: &AttributeValue) -> Option<Value> {
    Some(match value {
        AttributeValue::S(s) => Value::S(s.clone()),
        AttributeValue::N(n) => Value::N(n.clone()),
        AttributeValue::Bool(b) => Value::Bool(*b),
        AttributeValue::B(b) => Value::B(b.as_ref().to_vec()),
        AttributeValue::Ss(v) => Value::Ss(v.clone()),
        AttributeValue::Ns(v) => Value::Ns(v.clone()),
        AttributeValue::L(v) => Value::L(v.iter().filter_map(from_attribute).collect()),
        AttributeValue::M(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            Value::M(keys.into_iter().filter_map(|k| Some((k.clone(), from_attribute(&m[k])?))).collect())
        }
        _ => return None,
    })
}

pub fn to_item(attrs: &IndexMap<String, Value>) -> HashMap<String, AttributeValue> {
    attrs.iter().map(|(k, v)| (k.clone(), to_attribute(v))).collect()
}

/// Attribute order is lost on the wire; names are sorted for stable output.
pub fn from_item(item: &HashMap<String, AttributeValue>) -> IndexMap<String, Value> {
    let mut names: Vec<&String> = item.keys().collect();
    names.sort();
    names.into_iter().filter_map(|k| Some((k.clone(), from_attribute(&item[k])?))).collect()
}
