//! A design document in Markdown: the model, the keys, the indexes, every pattern's
//! plan with its explanation, the problems, and the ER diagram in Mermaid. Every
//! text from the model goes through [`crate::escape`]'s Markdown functions: a name
//! holding `<script>` or a line break shows as text.

use std::fmt::Write;

use crate::design::naming::key_placeholder;
use crate::design::{Design, KeyCondition, Plan, Request, Severity};
use crate::escape::{markdown as text, markdown_code as code, markdown_paragraphs, sh_word};
use crate::model::{Format, Model};
use crate::table_spec::{projection_text, stream_view_name, TableSpec};

pub fn document(model: &Model, design: &Design, spec: &TableSpec) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {} — DynamoDB design\n", text(&model.name));
    if !model.description.is_empty() {
        let _ = writeln!(out, "{}\n", markdown_paragraphs(&model.description));
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
    let _ = writeln!(out, "## Table {}\n", code(&spec.name));
    let _ = writeln!(out, "| setting | value |\n|---|---|");
    let _ = writeln!(
        out,
        "| keys | {} (partition), {} (sort) |",
        code(&design.table.partition_key.name),
        code(&design.table.sort_key.name)
    );
    let _ = writeln!(out, "| billing | {} |", spec.billing_mode());
    let stream = spec.stream.map_or("off".to_string(), |s| stream_view_name(s).to_string());
    let _ = writeln!(out, "| stream | {stream} |");
    let _ = writeln!(out, "| TTL attribute | {} |", spec.ttl_attribute.as_deref().map_or("none".into(), text));
    let _ = writeln!(out, "| point-in-time recovery | {} |", on_off(spec.point_in_time_recovery));
    let _ = writeln!(out, "| deletion protection | {} |", on_off(spec.deletion_protection));
    let _ = writeln!(out, "| item type attribute | {} |\n", code(&design.type_attribute));
    if !design.gsis.is_empty() || !design.lsis.is_empty() {
        let _ = writeln!(out, "| index | partition key | sort key | projection | why |\n|---|---|---|---|---|");
        for i in design.gsis.iter().chain(&design.lsis) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                text(&design.index_label(&i.name)),
                code(&i.partition_key.name),
                code(&i.sort_key.name),
                text(&projection_text(&i.projection)),
                text(&i.explanation)
            );
        }
        out.push('\n');
    }
    if spec.ttl_attribute.is_some() || spec.point_in_time_recovery {
        out.push_str("When creating the table with `aws dynamodb create-table`, TTL and point-in-time recovery are set afterwards:\n\n```sh\n");
        if let Some(ttl) = &spec.ttl_attribute {
            let setting = format!("Enabled=true,AttributeName={ttl}");
            let _ = writeln!(
                out,
                "aws dynamodb update-time-to-live --table-name {} --time-to-live-specification {}",
                sh_word(&spec.name),
                sh_word(&setting)
            );
        }
        if spec.point_in_time_recovery {
            let _ = writeln!(out, "aws dynamodb update-continuous-backups --table-name {} --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true", sh_word(&spec.name));
        }
        out.push_str("```\n\n");
    }
}

fn entities_section(out: &mut String, model: &Model) {
    out.push_str("## Entities\n\n");
    for e in &model.entities {
        let _ = writeln!(out, "### {}\n", text(&e.name));
        if !e.description.is_empty() {
            let _ = writeln!(out, "{}\n", markdown_paragraphs(&e.description));
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
            let format = a.format.as_ref().map(Format::to_string).unwrap_or_default();
            let _ =
                writeln!(out, "| {} | {:?} | {} | {} |", text(&a.name), a.attr_type, text(&format), notes.join(", "));
        }
        out.push('\n');
    }
}

fn keys_section(out: &mut String, design: &Design) {
    out.push_str("## Key templates\n\n| entity | index | partition key | sort key | note |\n|---|---|---|---|---|\n");
    for e in &design.entities {
        for (index, pk, sk) in design.key_pairs() {
            let Some(sort) = e.keys.get(sk) else { continue };
            let partition = e.keys.get(pk).map(String::as_str).unwrap_or("(table PK)");
            let mut notes = Vec::new();
            if let Some(s) = e.sparse.get(sk) {
                notes.push(format!(
                    "sparse: only when {} {}",
                    text(&s.attribute),
                    s.value.as_deref().map_or("present".into(), |v| format!("= {}", text(v)))
                ));
            }
            if let Some(s) = e.shards.get(pk) {
                notes.push(format!("{} shards from {}", s.count, text(&s.from.join(", "))));
            }
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                text(&e.name),
                text(&design.index_label(index)),
                code(partition),
                code(sort),
                notes.join("; ")
            );
        }
        if let Some(ttl) = &e.ttl {
            let _ = writeln!(
                out,
                "| {} | TTL | {} | | {} + {} days |",
                text(&e.name),
                code(&ttl.attribute),
                text(&ttl.from),
                ttl.days
            );
        }
    }
    out.push_str("\nWhy:\n\n");
    for e in &design.entities {
        for line in &e.explanation {
            let _ = writeln!(out, "- **{}** — {}", text(&e.name), text(line));
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
            text(&p.pattern),
            text(&p.name),
            p.request.operation,
            text(&design.index_label(&p.request.index)),
            p.request.key_condition.as_deref().map(code).unwrap_or_default(),
            p.requests
        );
    }
    out.push('\n');
    for p in &design.plans {
        plan_section(out, design, p);
    }
}

fn plan_section(out: &mut String, design: &Design, p: &Plan) {
    let _ = writeln!(out, "### {} {}\n", text(&p.pattern), text(&p.name));
    for r in std::iter::once(&p.request).chain(&p.then) {
        request_line(out, design, r);
    }
    for a in &p.actions {
        if !a.reads.is_empty() {
            let reads: Vec<String> = a.reads.iter().map(|r| code(r)).collect();
            let _ =
                writeln!(out, "- first GetItem (strongly consistent) of {} for {}", code(&a.entity), reads.join(", "));
        }
        let _ = write!(out, "- {} {} — {}", a.action, code(&a.entity), key_values(&a.key));
        if let Some(c) = &a.condition {
            let _ = write!(out, "; condition {}", code(c));
        }
        if let Some(u) = &a.update {
            let _ = write!(out, "; update {}", code(u));
        }
        for (placeholder, template) in &a.built {
            let _ = write!(out, "; {} = {}", code(&format!(":{placeholder}")), code(template));
        }
        if let Some(t) = &a.expires {
            let placeholder = format!(":{}", key_placeholder(&t.attribute));
            let _ = write!(out, "; {} = {} + {} days, in epoch seconds", code(&placeholder), code(&t.from), t.days);
        }
        if let Some(f) = &a.for_each {
            let _ = write!(out, "; once per element of {}, at most {}", code(&f.list), f.at_most);
        }
        out.push('\n');
    }
    let _ = writeln!(out, "\n{}\n", text(&p.explanation));
}

fn request_line(out: &mut String, design: &Design, r: &Request) {
    let _ = write!(out, "- {:?} on {}", r.operation, text(&design.index_label(&r.index)));
    if let Some(k) = &r.key_condition {
        let _ = write!(out, ": {}", code(k));
    }
    if let Some(key) = &r.key {
        let _ = write!(out, " with {}", key_values(key));
    }
    if let Some(f) = &r.filter {
        let _ = write!(out, ", filter {}", code(f));
    }
    if let Some(forward) = r.scan_index_forward {
        out.push_str(if forward { ", ascending" } else { ", descending" });
    }
    if let Some(limit) = r.limit_text() {
        let _ = write!(out, ", {limit}");
    }
    if r.count > 1 {
        let _ = write!(out, ", ×{}", r.count);
    }
    for extra in [&r.merge, &r.uses].into_iter().flatten() {
        let _ = write!(out, "; {}", text(extra));
    }
    out.push('\n');
}

fn key_values(key: &KeyCondition) -> String {
    key.parameters()
        .iter()
        .map(|(name, value)| format!("{} = {}", code(name), code(value)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn problems_section(out: &mut String, design: &Design) {
    out.push_str("## Problems\n\n");
    if design.problems.is_empty() {
        out.push_str("None: every access pattern is served by GetItem, Query or BatchGetItem.\n\n");
    }
    for p in &design.problems {
        let severity = if p.severity == Severity::Error { "error" } else { "warning" };
        let _ = writeln!(out, "- **{severity}** ({:?}): {}", p.code, text(&p.message));
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
