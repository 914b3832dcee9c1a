//! Input for `aws dynamodb create-table --cli-input-json file://table.json`.
//! TTL and point-in-time recovery are not CreateTable parameters; the Markdown
//! export lists the follow-up commands for them.

use serde_json::{json, Map, Value};

use super::shapes::{attribute_definitions, index, key_schema, tags};
use crate::table_spec::{stream_view_name, TableSpec};

pub fn create_table_input(spec: &TableSpec) -> Value {
    let mut input = Map::new();
    input.insert("TableName".into(), json!(spec.name));
    input.insert("AttributeDefinitions".into(), attribute_definitions(spec));
    input.insert("KeySchema".into(), key_schema(&spec.partition_key, spec.sort_key.as_ref()));
    input.insert("BillingMode".into(), json!(spec.billing_mode()));
    let throughput = spec.capacity().map(|(r, w)| json!({"ReadCapacityUnits": r, "WriteCapacityUnits": w}));
    if let Some(t) = &throughput {
        input.insert("ProvisionedThroughput".into(), t.clone());
    }
    if !spec.gsis.is_empty() {
        input
            .insert("GlobalSecondaryIndexes".into(), spec.gsis.iter().map(|i| index(i, throughput.as_ref())).collect());
    }
    if !spec.lsis.is_empty() {
        input.insert("LocalSecondaryIndexes".into(), spec.lsis.iter().map(|i| index(i, None)).collect());
    }
    if let Some(view) = spec.stream {
        input.insert(
            "StreamSpecification".into(),
            json!({"StreamEnabled": true, "StreamViewType": stream_view_name(view)}),
        );
    }
    if !spec.tags.is_empty() {
        input.insert("Tags".into(), tags(spec));
    }
    input.insert("DeletionProtectionEnabled".into(), json!(spec.deletion_protection));
    Value::Object(input)
}
