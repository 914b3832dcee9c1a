//! Deleting entities and relationships with what cannot stand without them: an
//! entity's relationships and canvas position, and the patterns on its items (or
//! on a deleted relationship's pair items). A pattern that only fetched a deleted
//! entity `with` its target, or had a step on it, keeps the rest.

use std::collections::BTreeSet;

use crate::model::Model;

use super::EditError;

/// Deletes `entities` and `relationships` from `model`; returns what it did, in words.
pub fn elements(model: &mut Model, entities: &[String], relationships: &[String]) -> Result<String, EditError> {
    for name in entities {
        model.entity(name).ok_or_else(|| EditError::UnknownEntity(name.clone()))?;
    }
    for name in relationships {
        model.relationship(name).ok_or_else(|| EditError::UnknownRelationship(name.clone()))?;
    }
    let gone_entities: BTreeSet<&str> = entities.iter().map(String::as_str).collect();
    let gone_relationships: BTreeSet<String> = model
        .relationships
        .iter()
        .filter(|r| {
            relationships.contains(&r.name)
                || gone_entities.contains(r.from.as_str())
                || gone_entities.contains(r.to.as_str())
        })
        .map(|r| r.name.clone())
        .collect();
    let gone = |name: &str| gone_entities.contains(name) || gone_relationships.contains(name);

    let patterns_before = model.access_patterns.len();
    model.access_patterns.retain(|p| !gone(&p.entity));
    let patterns_removed = patterns_before - model.access_patterns.len();
    for p in &mut model.access_patterns {
        p.with.retain(|w| !gone(w));
        p.steps.retain(|s| !gone(&s.entity));
    }
    model.entities.retain(|e| !gone_entities.contains(e.name.as_str()));
    model.relationships.retain(|r| !gone_relationships.contains(&r.name));
    model.layout.nodes.retain(|name, _| !gone_entities.contains(name.as_str()));
    if let Some(imported) = &mut model.imported {
        imported.entities.retain(|name| !gone(name));
    }

    let mut parts: Vec<String> = entities.to_vec();
    let (named, implied): (Vec<&String>, Vec<&String>) =
        gone_relationships.iter().partition(|r| relationships.contains(r));
    parts.extend(named.into_iter().cloned());
    if !implied.is_empty() {
        parts.push(count(implied.len(), "relationship"));
    }
    if patterns_removed > 0 {
        parts.push(count(patterns_removed, "access pattern"));
    }
    Ok(format!("Delete {}", join_words(&parts)))
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// `a`, `a and b`, `a, b and c`.
fn join_words(parts: &[String]) -> String {
    match parts {
        [] => "nothing".to_string(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
