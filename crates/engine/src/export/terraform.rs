//! A Terraform configuration with an `aws_dynamodb_table` resource.

use std::fmt::Write;

use crate::design::Projection;
use crate::escape::{comment, hcl_str as quote};
use crate::table_spec::{projection_name, stream_view_name, IndexSpec, TableSpec};

pub fn configuration(spec: &TableSpec, model_name: &str) -> String {
    let resource = identifier(&spec.name);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n",
        comment(&format!("DynamoDB table for the {model_name} model, derived by Tablewright."))
    );
    out.push_str("variable \"table_name\" {\n  type    = string\n");
    let _ = writeln!(out, "  default = {}\n}}\n", quote(&spec.name));
    let _ = writeln!(out, "resource \"aws_dynamodb_table\" {} {{", quote(&resource));
    let mut top: Vec<(&str, String)> =
        vec![("name", "var.table_name".into()), ("billing_mode", quote(spec.billing_mode()))];
    if let Some((read, write)) = spec.capacity() {
        top.push(("read_capacity", read.to_string()));
        top.push(("write_capacity", write.to_string()));
    }
    top.push(("hash_key", quote(&spec.partition_key.name)));
    if let Some(sort) = &spec.sort_key {
        top.push(("range_key", quote(&sort.name)));
    }
    if let Some(view) = spec.stream {
        top.push(("stream_enabled", "true".into()));
        top.push(("stream_view_type", quote(stream_view_name(view))));
    }
    top.push(("deletion_protection_enabled", spec.deletion_protection.to_string()));
    fields(&mut out, 1, &top);
    for a in &spec.attribute_definitions() {
        block(&mut out, "attribute", &[("name", quote(&a.name)), ("type", quote(&a.attr_type))]);
    }
    for i in &spec.gsis {
        let mut fields = index_fields(i);
        if let Some((read, write)) = spec.capacity() {
            fields.push(("read_capacity", read.to_string()));
            fields.push(("write_capacity", write.to_string()));
        }
        block(&mut out, "global_secondary_index", &fields);
    }
    for i in &spec.lsis {
        let fields: Vec<_> = index_fields(i).into_iter().filter(|(k, _)| *k != "hash_key").collect();
        block(&mut out, "local_secondary_index", &fields);
    }
    if let Some(ttl) = &spec.ttl_attribute {
        block(&mut out, "ttl", &[("attribute_name", quote(ttl)), ("enabled", "true".into())]);
    }
    block(&mut out, "point_in_time_recovery", &[("enabled", spec.point_in_time_recovery.to_string())]);
    if !spec.tags.is_empty() {
        out.push_str("\n  tags = {\n");
        let keys: Vec<String> = spec.tags.keys().map(|k| quote(k)).collect();
        let pairs: Vec<(&str, String)> =
            keys.iter().map(String::as_str).zip(spec.tags.values().map(|v| quote(v))).collect();
        fields(&mut out, 2, &pairs);
        out.push_str("  }\n");
    }
    out.push_str("\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n");
    for (name, attribute) in [("table_name", "name"), ("table_arn", "arn")] {
        let _ = writeln!(out, "\noutput \"{name}\" {{\n  value = aws_dynamodb_table.{resource}.{attribute}\n}}");
    }
    if spec.stream.is_some() {
        let _ = writeln!(out, "\noutput \"stream_arn\" {{\n  value = aws_dynamodb_table.{resource}.stream_arn\n}}");
    }
    out
}

fn index_fields(i: &IndexSpec) -> Vec<(&'static str, String)> {
    let mut fields = vec![("name", quote(&i.name)), ("hash_key", quote(&i.partition_key.name))];
    if let Some(sort) = &i.sort_key {
        fields.push(("range_key", quote(&sort.name)));
    }
    fields.push(("projection_type", quote(projection_name(&i.projection))));
    if let Projection::Include(attributes) = &i.projection {
        let listed: Vec<String> = attributes.iter().map(|a| quote(a)).collect();
        fields.push(("non_key_attributes", format!("[{}]", listed.join(", "))));
    }
    fields
}

/// `name = value` lines with the `=` aligned, as `terraform fmt` writes them.
fn fields(out: &mut String, level: usize, pairs: &[(&str, String)]) {
    let width = pairs.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (k, v) in pairs {
        let _ = writeln!(out, "{}{k:<width$} = {v}", "  ".repeat(level));
    }
}

fn block(out: &mut String, name: &str, pairs: &[(&str, String)]) {
    let _ = writeln!(out, "\n  {name} {{");
    fields(out, 2, pairs);
    out.push_str("  }\n");
}

/// A Terraform identifier: letters, digits, `_` and `-`, not starting with a digit.
fn identifier(name: &str) -> String {
    let id: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    if id.starts_with(|c: char| c.is_ascii_digit()) {
        format!("t_{id}")
    } else {
        id
    }
}
