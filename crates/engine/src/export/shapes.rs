//! The DynamoDB API's JSON shapes for a table's parts, which CloudFormation's
//! `AWS::DynamoDB::Table` and the CLI's CreateTable input share.

use serde_json::{json, Value};

use crate::design::{KeyAttribute, Projection};
use crate::table_spec::{projection_name, IndexSpec, TableSpec};

pub fn attribute_definitions(spec: &TableSpec) -> Value {
    spec.attribute_definitions()
        .iter()
        .map(|a| json!({"AttributeName": a.name, "AttributeType": a.attr_type}))
        .collect()
}

pub fn key_schema(partition: &KeyAttribute, sort: Option<&KeyAttribute>) -> Value {
    let mut keys = vec![json!({"AttributeName": partition.name, "KeyType": "HASH"})];
    keys.extend(sort.map(|s| json!({"AttributeName": s.name, "KeyType": "RANGE"})));
    Value::Array(keys)
}

/// An index's `Projection`: its type, and the attributes an `INCLUDE` adds.
pub fn projection(p: &Projection) -> Value {
    match p {
        Projection::Include(attributes) => {
            json!({"ProjectionType": projection_name(p), "NonKeyAttributes": attributes})
        }
        _ => json!({"ProjectionType": projection_name(p)}),
    }
}

/// A GSI or LSI; `throughput` is set on GSIs of a provisioned table.
pub fn index(i: &IndexSpec, throughput: Option<&Value>) -> Value {
    let mut index = json!({
        "IndexName": i.name,
        "KeySchema": key_schema(&i.partition_key, i.sort_key.as_ref()),
        "Projection": projection(&i.projection)
    });
    if let Some(t) = throughput {
        index["ProvisionedThroughput"] = t.clone();
    }
    index
}

pub fn tags(spec: &TableSpec) -> Value {
    spec.tags.iter().map(|(k, v)| json!({"Key": k, "Value": v})).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_include_projection_lists_its_attributes() {
        let include = Projection::Include(vec!["total".into(), "status".into()]);
        assert_eq!(projection(&include), json!({"ProjectionType": "INCLUDE", "NonKeyAttributes": ["total", "status"]}));
        assert_eq!(projection(&Projection::KeysOnly), json!({"ProjectionType": "KEYS_ONLY"}));
    }
}
