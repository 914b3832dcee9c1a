//! An AWS CDK (TypeScript, aws-cdk-lib v2) stack with the table.

use std::fmt::Write;

use crate::design::{KeyAttribute, Projection};
use crate::escape::{comment, quoted as string};
use crate::table_spec::{projection_name, stream_view_name, IndexSpec, TableSpec};

pub fn stack(spec: &TableSpec, model_name: &str) -> String {
    let class = format!("{}TableStack", pascal_case(model_name));
    let mut out = String::new();
    let _ =
        writeln!(out, "// {}", comment(&format!("DynamoDB table for the {model_name} model, derived by Tablewright.")));
    out.push_str("import { CfnOutput, RemovalPolicy, Stack, StackProps, Tags } from \"aws-cdk-lib\";\n");
    out.push_str("import * as dynamodb from \"aws-cdk-lib/aws-dynamodb\";\n");
    out.push_str("import { Construct } from \"constructs\";\n\n");
    let _ = writeln!(out, "export class {class} extends Stack {{");
    out.push_str("  public readonly table: dynamodb.Table;\n\n");
    out.push_str("  constructor(scope: Construct, id: string, props?: StackProps) {\n");
    out.push_str("    super(scope, id, props);\n\n");
    out.push_str("    this.table = new dynamodb.Table(this, \"Table\", {\n");
    let _ = writeln!(out, "      tableName: {},", string(&spec.name));
    let _ = writeln!(out, "      partitionKey: {},", key(&spec.partition_key));
    if let Some(sort) = &spec.sort_key {
        let _ = writeln!(out, "      sortKey: {},", key(sort));
    }
    match spec.capacity() {
        None => out.push_str("      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,\n"),
        Some((read, write)) => {
            out.push_str("      billingMode: dynamodb.BillingMode.PROVISIONED,\n");
            let _ = writeln!(out, "      readCapacity: {read},\n      writeCapacity: {write},");
        }
    }
    if let Some(view) = spec.stream {
        let _ = writeln!(out, "      stream: dynamodb.StreamViewType.{},", stream_view_name(view));
    }
    if let Some(ttl) = &spec.ttl_attribute {
        let _ = writeln!(out, "      timeToLiveAttribute: {},", string(ttl));
    }
    let _ = writeln!(
        out,
        "      pointInTimeRecoverySpecification: {{ pointInTimeRecoveryEnabled: {} }},",
        spec.point_in_time_recovery
    );
    let _ = writeln!(out, "      deletionProtection: {},", spec.deletion_protection);
    out.push_str("      // The table holds the application's data: destroying the stack keeps it.\n");
    out.push_str("      removalPolicy: RemovalPolicy.RETAIN,\n");
    out.push_str("    });\n");
    for i in &spec.gsis {
        index(&mut out, "addGlobalSecondaryIndex", i, spec, true);
    }
    for i in &spec.lsis {
        index(&mut out, "addLocalSecondaryIndex", i, spec, false);
    }
    if !spec.tags.is_empty() {
        out.push('\n');
    }
    for (k, v) in &spec.tags {
        let _ = writeln!(out, "    Tags.of(this.table).add({}, {});", string(k), string(v));
    }
    out.push_str("\n    new CfnOutput(this, \"TableName\", { value: this.table.tableName });\n");
    out.push_str("    new CfnOutput(this, \"TableArn\", { value: this.table.tableArn });\n");
    if spec.stream.is_some() {
        out.push_str("    new CfnOutput(this, \"StreamArn\", { value: this.table.tableStreamArn ?? \"\" });\n");
    }
    out.push_str("  }\n}\n");
    out
}

fn index(out: &mut String, method: &str, i: &IndexSpec, spec: &TableSpec, global: bool) {
    let _ = writeln!(out, "\n    this.table.{method}({{");
    let _ = writeln!(out, "      indexName: {},", string(&i.name));
    if global {
        let _ = writeln!(out, "      partitionKey: {},", key(&i.partition_key));
    }
    if let Some(sort) = &i.sort_key {
        let _ = writeln!(out, "      sortKey: {},", key(sort));
    }
    let _ = writeln!(out, "      projectionType: dynamodb.ProjectionType.{},", projection_name(&i.projection));
    if let Projection::Include(attributes) = &i.projection {
        let listed: Vec<String> = attributes.iter().map(|a| string(a)).collect();
        let _ = writeln!(out, "      nonKeyAttributes: [{}],", listed.join(", "));
    }
    if let (true, Some((read, write))) = (global, spec.capacity()) {
        let _ = writeln!(out, "      readCapacity: {read},\n      writeCapacity: {write},");
    }
    out.push_str("    });\n");
}

fn key(key: &KeyAttribute) -> String {
    let kind = match key.attr_type.as_str() {
        "N" => "NUMBER",
        "B" => "BINARY",
        _ => "STRING",
    };
    format!("{{ name: {}, type: dynamodb.AttributeType.{kind} }}", string(&key.name))
}

fn pascal_case(name: &str) -> String {
    let pascal: String = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect();
    if pascal.starts_with(|c: char| c.is_ascii_digit()) || pascal.is_empty() {
        format!("T{pascal}")
    } else {
        pascal
    }
}
