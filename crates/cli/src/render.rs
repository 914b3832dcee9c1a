//! The design as text for people: aligned tables and one block per pattern.

use std::fmt::Write;

use tablewright_engine::design::{naming::key_placeholder, Design, Plan, Request, Severity};
use tablewright_engine::table_spec::projection_text;

pub fn design_text(design: &Design) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — table {} ({} / {}), {} GSI{}, {} LSI{}\n",
        design.model,
        design.table.name,
        design.table.partition_key.name,
        design.table.sort_key.name,
        design.gsis.len(),
        plural(design.gsis.len()),
        design.lsis.len(),
        plural(design.lsis.len())
    );
    out.push_str("KEYS\n");
    out.push_str(&table(&["entity", "index", "partition key", "sort key", "note"], &key_rows(design)));
    if !design.gsis.is_empty() || !design.lsis.is_empty() {
        out.push_str("\nINDEXES\n");
        for index in design.gsis.iter().chain(&design.lsis) {
            let _ = writeln!(
                out,
                "{}  {} / {}  projection {}\n    {}",
                design.index_label(&index.name),
                index.partition_key.name,
                index.sort_key.name,
                projection_text(&index.projection),
                index.explanation
            );
        }
    }
    out.push_str("\nPATTERNS\n");
    for plan in &design.plans {
        plan_block(&mut out, design, plan);
    }
    out.push_str("\nPROBLEMS\n");
    if design.problems.is_empty() {
        out.push_str("none\n");
    }
    for p in &design.problems {
        let severity = match p.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(out, "{severity} [{:?}] {}", p.code, p.message);
        for fix in &p.fixes {
            let _ = writeln!(out, "    fix: {}", fix.label);
        }
    }
    out
}

fn key_rows(design: &Design) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for entity in &design.entities {
        for (index, pk, sk) in design.key_pairs() {
            let Some(sort) = entity.keys.get(sk) else {
                continue;
            };
            let partition = entity.keys.get(pk).cloned().unwrap_or_default();
            let mut notes = Vec::new();
            if let Some(s) = entity.sparse.get(sk) {
                notes.push(format!("sparse: only when {s}"));
            }
            if let Some(s) = entity.shards.get(pk) {
                notes.push(format!("{} shards from {}", s.count, s.from.join("+")));
            }
            rows.push(vec![entity.name.clone(), design.index_label(index), partition, sort.clone(), notes.join("; ")]);
        }
        if let Some(ttl) = &entity.ttl {
            rows.push(vec![
                entity.name.clone(),
                "ttl".into(),
                ttl.attribute.clone(),
                format!("{} + {} days", ttl.from, ttl.days),
                String::new(),
            ]);
        }
    }
    rows
}

fn plan_block(out: &mut String, design: &Design, plan: &Plan) {
    let _ = writeln!(out, "{} {}", plan.pattern, plan.name);
    for r in std::iter::once(&plan.request).chain(&plan.then) {
        request_line(out, design, r);
    }
    for action in &plan.actions {
        if !action.reads.is_empty() {
            let _ = writeln!(
                out,
                "    first GetItem (strongly consistent) of {} for {}",
                action.entity,
                action.reads.join(", ")
            );
        }
        let _ = write!(out, "    {} {} [{}]", action.action, action.entity, key_values(&action.key));
        if let Some(c) = &action.condition {
            let _ = write!(out, " if {c}");
        }
        if let Some(u) = &action.update {
            let _ = write!(out, " {u}");
        }
        for (placeholder, template) in &action.built {
            let _ = write!(out, " [:{placeholder} = {template}]");
        }
        if let Some(t) = &action.expires {
            let _ = write!(out, " [:{} = {} + {} days, epoch seconds]", key_placeholder(&t.attribute), t.from, t.days);
        }
        if let Some(f) = &action.for_each {
            let _ = write!(out, " [once per element of {}, at most {}]", f.list, f.at_most);
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "  {} request{} · returns {}",
        plan.requests,
        plural(plan.requests as usize),
        plan.returns.join(", ")
    );
    let _ = writeln!(out, "  why: {}\n", plan.explanation);
}

fn request_line(out: &mut String, design: &Design, r: &Request) {
    let _ = write!(out, "  {:?} on {}", r.operation, design.index_label(&r.index));
    if let Some(k) = &r.key_condition {
        let _ = write!(out, ": {k}");
    }
    if let Some(key) = &r.key {
        let _ = write!(out, "  [{}]", key_values(key));
    }
    if let Some(f) = &r.filter {
        let _ = write!(out, " filter {f}");
    }
    if let Some(forward) = r.scan_index_forward {
        let _ = write!(out, " {}", if forward { "ascending" } else { "descending" });
    }
    if let Some(limit) = r.limit_text() {
        let _ = write!(out, " {limit}");
    }
    if let Some(c) = r.consistency {
        let _ = write!(out, " {c:?}").map(|_| ());
    }
    if r.count > 1 {
        let _ = write!(out, " ×{}", r.count);
    }
    out.push('\n');
    for extra in [&r.merge, &r.uses].into_iter().flatten() {
        let _ = writeln!(out, "    {extra}");
    }
}

fn key_values(key: &tablewright_engine::design::KeyCondition) -> String {
    key.parameters().iter().map(|(name, value)| format!("{name} = {value}")).collect::<Vec<_>>().join(", ")
}

/// Columns aligned, a dashed line under the header.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        padded.join("  ").trim_end().to_string() + "\n"
    };
    let mut out = line(header.to_vec());
    out.push_str(&line(widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().iter().map(String::as_str).collect()));
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
