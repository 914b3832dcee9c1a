//! An AWS CloudFormation template with the table, as JSON; the YAML form is the
//! same document written as YAML.

use serde_json::{json, Map, Value};

use super::shapes::{attribute_definitions, index, key_schema, tags};
use crate::table_spec::{stream_view_name, TableSpec};

/// The template: parameters for the table name and billing, the table, and outputs
/// for its name, ARN and (with a stream) stream ARN.
pub fn template(spec: &TableSpec, model_name: &str) -> Value {
    let (read, write) = spec.capacity().unwrap_or((5, 5));
    let mut parameters = Map::new();
    parameters.insert(
        "TableName".into(),
        json!({
            "Type": "String",
            "Default": spec.name,
            "AllowedPattern": "[a-zA-Z0-9_.-]{3,255}",
            "Description": "Name of the DynamoDB table"
        }),
    );
    parameters.insert(
        "BillingMode".into(),
        json!({
            "Type": "String",
            "Default": spec.billing_mode(),
            "AllowedValues": ["PAY_PER_REQUEST", "PROVISIONED"],
            "Description": "On-demand (PAY_PER_REQUEST) or provisioned capacity"
        }),
    );
    for (name, default) in [("ReadCapacityUnits", read), ("WriteCapacityUnits", write)] {
        parameters.insert(
            name.into(),
            json!({"Type": "Number", "Default": default, "MinValue": 1, "Description": "Used when BillingMode is PROVISIONED"}),
        );
    }

    let mut properties = Map::new();
    properties.insert("TableName".into(), json!({"Ref": "TableName"}));
    properties.insert("BillingMode".into(), json!({"Ref": "BillingMode"}));
    properties.insert("ProvisionedThroughput".into(), throughput());
    properties.insert("AttributeDefinitions".into(), attribute_definitions(spec));
    properties.insert("KeySchema".into(), key_schema(&spec.partition_key, spec.sort_key.as_ref()));
    if !spec.gsis.is_empty() {
        let throughput = throughput();
        properties
            .insert("GlobalSecondaryIndexes".into(), spec.gsis.iter().map(|i| index(i, Some(&throughput))).collect());
    }
    if !spec.lsis.is_empty() {
        properties.insert("LocalSecondaryIndexes".into(), spec.lsis.iter().map(|i| index(i, None)).collect());
    }
    if let Some(view) = spec.stream {
        properties.insert("StreamSpecification".into(), json!({"StreamViewType": stream_view_name(view)}));
    }
    if let Some(ttl) = &spec.ttl_attribute {
        properties.insert("TimeToLiveSpecification".into(), json!({"AttributeName": ttl, "Enabled": true}));
    }
    properties.insert(
        "PointInTimeRecoverySpecification".into(),
        json!({"PointInTimeRecoveryEnabled": spec.point_in_time_recovery}),
    );
    properties.insert("DeletionProtectionEnabled".into(), json!(spec.deletion_protection));
    if !spec.tags.is_empty() {
        properties.insert("Tags".into(), tags(spec));
    }

    let mut outputs = Map::new();
    outputs.insert("TableName".into(), json!({"Description": "The table's name", "Value": {"Ref": "Table"}}));
    outputs.insert(
        "TableArn".into(),
        json!({"Description": "The table's ARN", "Value": {"Fn::GetAtt": ["Table", "Arn"]}}),
    );
    if spec.stream.is_some() {
        outputs.insert(
            "StreamArn".into(),
            json!({"Description": "The table's stream ARN", "Value": {"Fn::GetAtt": ["Table", "StreamArn"]}}),
        );
    }

    json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": format!("DynamoDB table for the {model_name} model, derived by Tablewright"),
        "Parameters": parameters,
        "Conditions": {"Provisioned": {"Fn::Equals": [{"Ref": "BillingMode"}, "PROVISIONED"]}},
        "Resources": {
            "Table": {
                "Type": "AWS::DynamoDB::Table",
                // The table holds the application's data: a stack deletion or a
                // replacement must not take it along.
                "DeletionPolicy": "Retain",
                "UpdateReplacePolicy": "Retain",
                "Properties": properties
            }
        },
        "Outputs": outputs
    })
}

fn throughput() -> Value {
    json!({"Fn::If": [
        "Provisioned",
        {"ReadCapacityUnits": {"Ref": "ReadCapacityUnits"}, "WriteCapacityUnits": {"Ref": "WriteCapacityUnits"}},
        {"Ref": "AWS::NoValue"}
    ]})
}
