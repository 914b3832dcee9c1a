//! A design document in Markdown: the model, the keys, the indexes, every pattern's
//! plan with its explanation, the problems, and the ER diagram in Mermaid.

use std::fmt::Write;

use crate::design::naming::key_attributes;
use crate::design::{Design, KeyCondition, Plan, Request, Severity, TABLE};
use crate::model::Model;
use crate::table_spec::{stream_view_name, TableSpec};

pub fn document(model: &Model, design: &Design, spec: &TableSpec) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {} — DynamoDB design\n", model.name);
    if !model.description.is_empty() {
        let _ = writeln!(out, "{}\n", model.description);
    }
    table_section(&mut out, design, spec);
    entities_section(&mut out, model);
    keys_section(&mut out, design);
    patterns_section(&mut out, design);
    problems_section(&mut out, design);
    let _ = writeln!(out, "## Entity–relationship diagram\n\n```mermaid\n{}```", super::mermaid::er_diagram(model));
    out
}

fn table_section(out: &mut String, design: &Design, spec: &TableSpec) {
    let _ = writeln!(out, "## Table `{}`\n", spec.name);
    let _ = writeln!(out, "| setting | value |\n|---|---|");
    let _ = writeln!(
        out,
        "| keys | `{}` (partition), `{}` (sort) |",
        design.table.partition_key.name, design.table.sort_key.name
    );
    let _ = writeln!(out, "| billing | {} |", spec.billing_mode());
    let stream = spec.stream.map_or("off".to_string(), |s| stream_view_name(s).to_string());
    let _ = writeln!(out, "| stream | {stream} |");
    let _ = writeln!(out, "| TTL attribute | {} |", spec.ttl_attribute.as_deref().unwrap_or("none"));
    let _ = writeln!(out, "| point-in-time recovery | {} |", on_off(spec.point_in_time_recovery));
    let _ = writeln!(out, "| deletion protection | {} |", on_off(spec.deletion_protection));
    let _ = writeln!(out, "| item type attribute | `{}` |\n", design.type_attribute);
    if !design.gsis.is_empty() || !design.lsis.is_empty() {
        let _ = writeln!(out, "| index | partition key | sort key | projection | why |\n|---|---|---|---|---|");
        for i in design.gsis.iter().chain(&design.lsis) {
            let _ = writeln!(
                out,
                "| {} | `{}` | `{}` | {:?} | {} |",
                i.name,
                i.partition_key.name,
                i.sort_key.name,
                i.projection,
                cell(&i.explanation)
            );
        }
        out.push('\n');
    }
    if spec.ttl_attribute.is_some() || spec.point_in_time_recovery {
        out.push_str("When creating the table with `aws dynamodb create-table`, TTL and point-in-time recovery are set afterwards:\n\n```sh\n");
        if let Some(ttl) = &spec.ttl_attribute {
            let _ = writeln!(out, "aws dynamodb update-time-to-live --table-name {} --time-to-live-specification Enabled=true,AttributeName={ttl}", spec.name);
        }
        if spec.point_in_time_recovery {
            let _ = writeln!(out, "aws dynamodb update-continuous-backups --table-name {} --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true", spec.name);
        }
        out.push_str("```\n\n");
    }
}

fn entities_section(out: &mut String, model: &Model) {
    out.push_str("## Entities\n\n");
    for e in &model.entities {
        let _ = writeln!(out, "### {}\n", e.name);
        if !e.description.is_empty() {
            let _ = writeln!(out, "{}\n", e.description);
        }
        if let Some(count) = e.expected_count {
            let _ = writeln!(
                out,
                "About {count} items of {} bytes.\n",
                e.average_item_size.map_or("unknown".into(), |s| s.to_string())
            );
        }
        let _ = writeln!(out, "| attribute | type | format | notes |\n|---|---|---|---|");
        for a in &e.attributes {
            let mut notes = Vec::new();
            if a.identifier {
                notes.push("identifier");
            }
            if a.unique {
                notes.push("unique");
            }
            if a.required {
                notes.push("required");
            }
            let format = a.format.as_ref().map(|f| format!("{f:?}").to_lowercase()).unwrap_or_default();
            let _ = writeln!(out, "| {} | {:?} | {} | {} |", a.name, a.attr_type, cell(&format), notes.join(", "));
        }
        out.push('\n');
    }
}

fn keys_section(out: &mut String, design: &Design) {
    out.push_str("## Key templates\n\n| entity | index | partition key | sort key | note |\n|---|---|---|---|---|\n");
    let indexes: Vec<String> = std::iter::once(TABLE.to_string())
        .chain(design.gsis.iter().chain(&design.lsis).map(|i| i.name.clone()))
        .collect();
    for e in &design.entities {
        for index in &indexes {
            let (pk, sk) = key_attributes(index);
            let Some(sort) = e.keys.get(&sk) else { continue };
            let partition = e.keys.get(&pk).map(String::as_str).unwrap_or("(table PK)");
            let mut notes = Vec::new();
            if let Some(s) = e.sparse.get(&sk) {
                notes.push(format!(
                    "sparse: only when {} {}",
                    s.attribute,
                    s.value.as_deref().map_or("present".into(), |v| format!("= {v}"))
                ));
            }
            if let Some(s) = e.shards.get(&pk) {
                notes.push(format!("{} shards from {}", s.count, s.from.join(", ")));
            }
            let _ = writeln!(out, "| {} | {index} | `{partition}` | `{sort}` | {} |", e.name, notes.join("; "));
        }
        if let Some(ttl) = &e.ttl {
            let _ = writeln!(out, "| {} | TTL | `{}` | | {} + {} days |", e.name, ttl.attribute, ttl.from, ttl.days);
        }
    }
    out.push_str("\nWhy:\n\n");
    for e in &design.entities {
        for line in &e.explanation {
            let _ = writeln!(out, "- **{}** — {line}", e.name);
        }
    }
    out.push('\n');
}

fn patterns_section(out: &mut String, design: &Design) {
    out.push_str("## Access patterns\n\n| id | pattern | operation | index | key condition | requests |\n|---|---|---|---|---|---|\n");
    for p in &design.plans {
        let _ = writeln!(
            out,
            "| {} | {} | {:?} | {} | {} | {} |",
            p.pattern,
            cell(&p.name),
            p.request.operation,
            p.request.index,
            p.request.key_condition.as_deref().map(|k| format!("`{k}`")).unwrap_or_default(),
            p.requests
        );
    }
    out.push('\n');
    for p in &design.plans {
        plan_section(out, p);
    }
}

fn plan_section(out: &mut String, p: &Plan) {
    let _ = writeln!(out, "### {} {}\n", p.pattern, p.name);
    for r in std::iter::once(&p.request).chain(&p.then) {
        request_line(out, r);
    }
    for a in &p.actions {
        let _ = write!(out, "- {} `{}` — {}", a.action, a.entity, key_values(&a.key));
        if let Some(c) = &a.condition {
            let _ = write!(out, "; condition `{c}`");
        }
        if let Some(u) = &a.update {
            let _ = write!(out, "; update `{u}`");
        }
        for (placeholder, template) in &a.built {
            let _ = write!(out, "; `:{placeholder}` = `{template}`");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "\n{}\n", p.explanation);
}

fn request_line(out: &mut String, r: &Request) {
    let _ = write!(out, "- {:?} on {}", r.operation, r.index);
    if let Some(k) = &r.key_condition {
        let _ = write!(out, ": `{k}`");
    }
    if let Some(key) = &r.key {
        let _ = write!(out, " with {}", key_values(key));
    }
    if let Some(f) = &r.filter {
        let _ = write!(out, ", filter `{f}`");
    }
    if let Some(forward) = r.scan_index_forward {
        out.push_str(if forward { ", ascending" } else { ", descending" });
    }
    if let Some(limit) = r.limit {
        let _ = write!(out, ", limit {limit}");
    }
    if r.count > 1 {
        let _ = write!(out, ", ×{}", r.count);
    }
    for extra in [&r.merge, &r.uses].into_iter().flatten() {
        let _ = write!(out, "; {extra}");
    }
    out.push('\n');
}

fn key_values(key: &KeyCondition) -> String {
    key.parameters().iter().map(|(name, value)| format!("`{name}` = `{value}`")).collect::<Vec<_>>().join(", ")
}

fn problems_section(out: &mut String, design: &Design) {
    out.push_str("## Problems\n\n");
    if design.problems.is_empty() {
        out.push_str("None: every access pattern is served by GetItem, Query or BatchGetItem.\n\n");
    }
    for p in &design.problems {
        let severity = if p.severity == Severity::Error { "error" } else { "warning" };
        let _ = writeln!(out, "- **{severity}** ({:?}): {}", p.code, p.message);
    }
    out.push('\n');
}

fn on_off(b: bool) -> &'static str {
    if b {
        "on"
    } else {
        "off"
    }
}

/// Table cells cannot hold a bare `|`.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
