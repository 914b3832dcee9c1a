//! The DynamoDB API's JSON shapes for a table's parts, which CloudFormation's
//! `AWS::DynamoDB::Table` and the CLI's CreateTable input share.

use serde_json::{json, Value};

use crate::table_spec::{projection_name, IndexSpec, TableSpec};

pub fn attribute_definitions(spec: &TableSpec) -> Value {
    spec.attribute_definitions.iter().map(|a| json!({"AttributeName": a.name, "AttributeType": a.attr_type})).collect()
}

pub fn key_schema(partition: &str, sort: Option<&str>) -> Value {
    let mut keys = vec![json!({"AttributeName": partition, "KeyType": "HASH"})];
    keys.extend(sort.map(|s| json!({"AttributeName": s, "KeyType": "RANGE"})));
    Value::Array(keys)
}

/// A GSI or LSI; `throughput` is set on GSIs of a provisioned table.
pub fn index(i: &IndexSpec, throughput: Option<&Value>) -> Value {
    let mut index = json!({
        "IndexName": i.name,
        "KeySchema": key_schema(&i.partition_key, i.sort_key.as_deref()),
        "Projection": {"ProjectionType": projection_name(i.projection)}
    });
    if let Some(t) = throughput {
        index["ProvisionedThroughput"] = t.clone();
    }
    index
}

pub fn tags(spec: &TableSpec) -> Value {
    spec.tags.iter().map(|(k, v)| json!({"Key": k, "Value": v})).collect()
}
