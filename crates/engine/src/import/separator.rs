//! Keys whose writer separates a type word from its value with `:` (`User:UserA`,
//! `Room:Music`) rather than `#`. The inference reads `#`; such a key's values are
//! read with `#` in place of each `:` that follows a word, and the templates read
//! off them get their `:` back, so the model keys the items as the source does.
//! Only a key none of whose values holds a `#` is read so: a `:` inside a value
//! (a time, `12:00:00`) follows digits and stays.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::model::{Entity, SourceIndex};
use crate::template::{Part, Template};

use super::infer::is_word;
use super::nosql_workbench_items::Entry;

/// The key attribute names of `table` (a DataModel entry) whose values separate
/// with `:`, after rewriting those values in its `items`.
pub(crate) fn read_colons_as_hashes(table: &Value, items: &mut [Entry]) -> BTreeSet<String> {
    let mut colon_keys = BTreeSet::new();
    for key in key_names(table) {
        let values = || items.iter().filter_map(|entry| string(entry, &key));
        let colons = values().all(|v| !v.contains('#')) && values().any(|v| hashed(v) != v);
        if !colons {
            continue;
        }
        for entry in items.iter_mut() {
            let Entry::Item(item) = entry else { continue };
            if let Some(new) = item.string(&key).map(hashed) {
                item.set_string(&key, new);
            }
        }
        colon_keys.insert(key);
    }
    colon_keys
}

/// The entities' pinned templates of `colon_keys` with `:` where they read `#`.
pub(crate) fn colons_back(
    entities: &mut [Entity],
    keys: &std::collections::BTreeMap<String, SourceIndex>,
    colon_keys: &BTreeSet<String>,
) {
    if colon_keys.is_empty() {
        return;
    }
    let uses_colons = |name: Option<&str>| name.is_some_and(|n| colon_keys.contains(n));
    for entity in entities {
        for (index, pinned) in &mut entity.pinned_keys {
            let Some(source) = keys.get(index) else { continue };
            if uses_colons(source.partition_key.as_ref().map(|k| k.name.as_str())) {
                pinned.partition = pinned.partition.as_deref().map(with_colons);
            }
            if uses_colons(source.sort_key.as_ref().map(|k| k.name.as_str())) {
                pinned.sort = pinned.sort.as_deref().map(with_colons);
            }
        }
    }
}

/// `User:UserA` → `User#UserA`: each `:` right after a word.
fn hashed(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut segment_start = 0;
    for (i, c) in value.char_indices() {
        if c == ':' && is_word(&value[segment_start..i]) {
            out.push('#');
            segment_start = i + 1;
        } else {
            out.push(c);
            if c == ':' {
                segment_start = i + 1;
            }
        }
    }
    out
}

/// A template's literal `#`s as `:`.
fn with_colons(template: &str) -> String {
    let Ok(t) = Template::parse(template) else { return template.to_string() };
    let parts = t
        .parts()
        .iter()
        .map(|p| match p {
            Part::Literal(l) => Part::Literal(l.replace('#', ":")),
            other => other.clone(),
        })
        .collect();
    Template::from_parts(parts).to_string()
}

fn key_names(table: &Value) -> Vec<String> {
    let mut names = Vec::new();
    let mut add = |keys: Option<&Value>| {
        for half in ["PartitionKey", "SortKey"] {
            if let Some(name) =
                keys.and_then(|k| k.get(half)).and_then(|k| k.get("AttributeName")).and_then(Value::as_str)
            {
                if !names.iter().any(|n| n == name) {
                    names.push(name.to_string());
                }
            }
        }
    };
    add(table.get("KeyAttributes"));
    for gsi in table.get("GlobalSecondaryIndexes").and_then(Value::as_array).into_iter().flatten() {
        add(gsi.get("KeyAttributes"));
    }
    names
}

fn string<'e>(entry: &'e Entry, key: &str) -> Option<&'e str> {
    match entry {
        Entry::Item(item) => item.string(key),
        Entry::Not(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_colon_after_a_word_separates_and_one_in_a_time_does_not() {
        assert_eq!(hashed("User:UserA"), "User#UserA");
        assert_eq!(hashed("Room:Music"), "Room#Music");
        assert_eq!(hashed("2023-04-01T12:00:00.001Z"), "2023-04-01T12:00:00.001Z");
        assert_eq!(hashed("meta"), "meta");
        assert_eq!(with_colons("User#{userId}"), "User:{userId}");
        assert_eq!(with_colons("{date}"), "{date}");
    }
}
