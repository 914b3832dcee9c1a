//! The ER diagram in Mermaid's `erDiagram` syntax.

use std::fmt::Write;

use crate::escape::mermaid_label as label;
use crate::model::{Attribute, Cardinality, Model};

pub fn er_diagram(model: &Model) -> String {
    let mut out = String::from("erDiagram\n");
    for rel in &model.relationships {
        // The marker beside `from` says how many `from` items a `to` item has:
        // exactly one where the relationship is required, else at most one. The
        // one beside `to` says how many a `from` item has, which may be none.
        let link = match (rel.cardinality, rel.required) {
            (Cardinality::OneToOne, true) => "||--o|",
            (Cardinality::OneToOne, false) => "|o--o|",
            (Cardinality::OneToMany, true) => "||--o{",
            (Cardinality::OneToMany, false) => "|o--o{",
            (Cardinality::ManyToMany, _) => "}o--o{",
        };
        let _ = writeln!(out, "    {} {link} {} : {}", name(&rel.from), name(&rel.to), label(&rel.name));
    }
    for entity in &model.entities {
        let _ = writeln!(out, "    {} {{", name(&entity.name));
        for a in &entity.attributes {
            attribute_line(&mut out, a);
        }
        out.push_str("    }\n");
    }
    for rel in model.relationships.iter().filter(|r| !r.attributes.is_empty()) {
        // Mermaid has no attributes on relationships: the pair's data is shown as an
        // entity of its own, named after the relationship.
        let _ = writeln!(out, "    {} {{", name(&rel.name));
        for a in &rel.attributes {
            attribute_line(&mut out, a);
        }
        out.push_str("    }\n");
    }
    out
}

fn attribute_line(out: &mut String, a: &Attribute) {
    let marker = match (a.identifier, a.unique) {
        (true, _) => " PK",
        (false, true) => " UK",
        _ => "",
    };
    let _ = writeln!(out, "        {} {}{marker}", a.attr_type.dynamodb_type().to_lowercase(), name(&a.name));
}

/// Mermaid names are words; anything else becomes `_`.
fn name(s: &str) -> String {
    s.chars().map(|c| if c.is_alphanumeric() || c == '_' || c == '-' { c } else { '_' }).collect()
}
