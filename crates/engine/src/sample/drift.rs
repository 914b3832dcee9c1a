//! Whether items already in a table carry the keys the design builds from their
//! attributes. DynamoDB rebuilds no key: a deploy that renumbers the indexes,
//! changes what a key template says or adds an index leaves every stored item
//! keyed as it was written, and the table's definition alone cannot show it (the
//! same GSI1PK/GSI1SK can mean anything). Reading some items and rebuilding their
//! keys with the design's [`KeyWriter`] can.

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;
use serde::Serialize;

use crate::design::{Design, EntityKeys};
use crate::model::Model;
use crate::oracle::same;
use crate::value::Value;

use super::keys::KeyWriter;

/// How the keys of the items read differ from the design's.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct KeyDrift {
    /// Items read.
    pub read: usize,
    /// Items whose type attribute names no entity of the design (written by
    /// something else, or by a model since changed): their keys are not judged.
    pub unknown: usize,
    /// By key attribute (and TTL attribute), the items whose stored value is not the design's.
    pub keys: BTreeMap<String, Mismatches>,
    /// The entities of the design none of whose items was among those read:
    /// their keys were not checked.
    pub unseen: Vec<String>,
    /// The table's TTL attribute, judged on every item: DynamoDB deletes by it.
    pub ttl_attribute: Option<String>,
}

/// One key attribute's mismatches among the items read.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Mismatches {
    /// It holds another value than the design builds.
    pub differ: usize,
    /// The design builds it and the item lacks it: the index misses the item.
    pub missing: usize,
    /// The item holds it and the design does not build it for this item (another
    /// entity's index, or a sparse condition that no longer holds).
    pub stray: usize,
    /// The first mismatch: the item's table key, what it holds, what the design builds.
    pub example: Option<Example>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Example {
    pub item: String,
    pub stored: Option<String>,
    pub built: Option<String>,
}

impl KeyDrift {
    pub fn is_clean(&self) -> bool {
        self.keys.is_empty()
    }

    /// One sentence per key attribute that differs, naming the index it keys.
    pub fn warnings(&self, design: &Design) -> Vec<String> {
        self
            .keys
            .iter()
            .map(|(attr, m)| {
                let (what, so) = if self.ttl_attribute.as_ref() == Some(attr) {
                    ("the TTL attribute".to_string(), "DynamoDB deletes items by the time they hold, so these expire otherwise than the model says until each is written again")
                } else {
                    (keyed(design, attr), "DynamoDB rewrites no key, so reads on it give wrong answers until every item is written again with the design's keys")
                };
                let counts = [(m.differ, "hold another value than the design builds"), (m.missing, "lack it"), (m.stray, "hold it where the design writes none")]
                    .iter()
                    .filter(|(n, _)| *n > 0)
                    .map(|(n, what)| format!("{n} {what}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let example = m.example.as_ref().map_or(String::new(), |e| {
                    let shown = |v: &Option<String>| v.as_deref().map_or("nothing".to_string(), |v| format!("'{v}'"));
                    format!(" (item {}: stored {}, the design builds {})", e.item, shown(&e.stored), shown(&e.built))
                });
                format!("{attr} ({what}): of {} items read, {counts}{example}; {so}", self.read)
            })
            .collect()
    }

    /// What was read and not judged: items of no entity the design knows.
    pub fn unjudged(&self, design: &Design) -> Option<String> {
        (self.unknown > 0).then(|| {
            format!(
                "{} of {} items read were not checked: their '{}' names no entity of the model, or the design cannot key them",
                self.unknown, self.read, design.type_attribute
            )
        })
    }
}

/// What a key attribute keys: "the table", "GSI2".
fn keyed(design: &Design, attr: &str) -> String {
    let table = &design.table;
    if attr == table.partition_key.name || attr == table.sort_key.name {
        return "the table's key".to_string();
    }
    design
        .gsis
        .iter()
        .chain(&design.lsis)
        .find(|i| i.partition_key.name == attr || i.sort_key.name == attr)
        .map_or_else(|| "no index of the design".to_string(), |i| design.index_label(&i.name))
}

/// Compares each item's key attributes, and its expiry under the table's TTL
/// attribute, with those the design builds from its other attributes.
pub fn key_drift(model: &Model, design: &Design, items: &[IndexMap<String, Value>]) -> KeyDrift {
    let ttl_attribute = model.table.ttl_attribute.as_deref();
    let keys = design.entities.iter().flat_map(|e| e.keys.keys().filter(|k| e.derives(k)).map(String::as_str));
    let ttls = design.entities.iter().filter_map(|e| e.ttl.as_ref().map(|t| t.attribute.as_str()));
    let derived: BTreeSet<&str> = keys.chain(ttls).chain(ttl_attribute).collect();
    let mut drift =
        KeyDrift { read: items.len(), ttl_attribute: ttl_attribute.map(str::to_string), ..KeyDrift::default() };
    let mut seen = BTreeSet::new();
    for item in items {
        let entity = item
            .get(&design.type_attribute)
            .and_then(Value::as_key_text)
            .and_then(|name| design.entities.iter().find(|e| e.name == name));
        let Some(entity) = entity else {
            drift.unknown += 1;
            continue;
        };
        seen.insert(entity.name.as_str());
        let Some(built) = rebuilt(design, entity, item) else {
            drift.unknown += 1;
            continue;
        };
        for &attr in &derived {
            // An attribute of the item's own that another entity's key (or the TTL) is named after.
            let declared = model.entity(&entity.name).map_or_else(
                || {
                    model
                        .relationships
                        .iter()
                        .any(|r| r.name == entity.name && r.attributes.iter().any(|a| a.name == attr))
                },
                |e| e.attribute(attr).is_some(),
            );
            if (!entity.derives(attr) && entity.keys.contains_key(attr)) || declared {
                continue;
            }
            let stored = item.get(attr);
            let builds = entity.derives(attr) || entity.ttl.as_ref().is_some_and(|t| t.attribute == attr);
            let wanted = built.get(attr).filter(|_| builds);
            let kind = match (stored, wanted) {
                (Some(s), Some(w)) if !same(s, w) && !same_key_text(s, w) => Kind::Differ,
                (None, Some(_)) => Kind::Missing,
                (Some(_), None) => Kind::Stray,
                _ => continue,
            };
            let found = drift.keys.entry(attr.to_string()).or_default();
            match kind {
                Kind::Differ => found.differ += 1,
                Kind::Missing => found.missing += 1,
                Kind::Stray => found.stray += 1,
            }
            found.example.get_or_insert_with(|| Example {
                item: table_key(design, item),
                stored: stored.map(text),
                built: wanted.map(text),
            });
        }
    }
    drift.unseen = design.entities.iter().map(|e| e.name.clone()).filter(|e| !seen.contains(e.as_str())).collect();
    drift
}

enum Kind {
    Differ,
    Missing,
    Stray,
}

/// The item as the design writes it from its own attributes, the stored keys
/// left out so that none survives where the design builds none.
fn rebuilt(design: &Design, entity: &EntityKeys, item: &IndexMap<String, Value>) -> Option<IndexMap<String, Value>> {
    let writer = KeyWriter::new(design, entity).ok()?;
    let own: IndexMap<String, Value> = item
        .iter()
        .filter(|(name, _)| !design.derived_attribute(entity, name))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    // A table key the item's attributes cannot build: every key attribute is then
    // judged against nothing, which says the same more loudly than one line.
    Some(writer.item(&design.type_attribute, own).unwrap_or_default())
}

/// Keys that say the same values, a number's text aside: an item's `12.50`
/// reads back from DynamoDB as `12.5`, and a key built from either names it.
fn same_key_text(a: &Value, b: &Value) -> bool {
    let (Some(a), Some(b)) = (a.as_key_text(), b.as_key_text()) else { return false };
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split('#').collect(), b.split('#').collect());
    a.len() == b.len()
        && a.iter()
            .zip(&b)
            .all(|(x, y)| x == y || matches!((x.parse::<f64>(), y.parse::<f64>()), (Ok(m), Ok(n)) if m == n))
}

fn table_key(design: &Design, item: &IndexMap<String, Value>) -> String {
    [&design.table.partition_key.name, &design.table.sort_key.name]
        .iter()
        .filter_map(|k| item.get(k.as_str()).map(|v| format!("{k}={}", text(v))))
        .collect::<Vec<_>>()
        .join(", ")
}

fn text(v: &Value) -> String {
    v.as_key_text().map_or_else(|| format!("{v:?}"), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::derive;
    use crate::sample::{generate, SampleOptions};

    fn acme() -> (Model, Design) {
        let model = crate::load_file(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../models/acme-bank.tablewright.json"
        )))
        .expect("the example loads");
        let design = derive(&model);
        (model, design)
    }

    fn items(model: &Model, design: &Design) -> Vec<IndexMap<String, Value>> {
        let sample = generate(
            model,
            design,
            &SampleOptions { items_per_entity: 5, seed: SampleOptions::DEFAULT_SEED, as_of: 20_000 },
        )
        .expect("a sample");
        sample.items.into_iter().map(|i| i.attributes).collect()
    }

    #[test]
    fn items_written_by_the_design_match_it() {
        let (model, design) = acme();
        let drift = key_drift(&model, &design, &items(&model, &design));
        assert!(drift.is_clean(), "{drift:#?}");
        assert_eq!(drift.unknown, 0);
    }

    /// Two GSIs swapped: the table's definition is the same, every item's keys are not.
    #[test]
    fn renumbered_indexes_are_found_in_the_items() {
        let (model, design) = acme();
        let stored = items(&model, &design);
        let mut renumbered = design.clone();
        for entity in &mut renumbered.entities {
            let keys = std::mem::take(&mut entity.keys);
            entity.keys = keys
                .into_iter()
                .map(|(k, v)| (k.replace("GSI1", "GSI_").replace("GSI2", "GSI1").replace("GSI_", "GSI2"), v))
                .collect();
        }
        let drift = key_drift(&model, &renumbered, &stored);
        let warnings = drift.warnings(&renumbered);
        assert!(drift.keys.contains_key("GSI1PK"), "{drift:#?}");
        assert!(warnings.iter().any(|w| w.starts_with("GSI1PK (GSI1): of ")), "{warnings:#?}");
    }

    #[test]
    fn an_index_the_items_were_written_without_is_missing_from_them() {
        let (model, design) = acme();
        let mut stored = items(&model, &design);
        for item in &mut stored {
            item.shift_remove("GSI1PK");
            item.shift_remove("GSI1SK");
        }
        let drift = key_drift(&model, &design, &stored);
        let gsi1 = &drift.keys["GSI1PK"];
        assert!(gsi1.missing > 0 && gsi1.differ == 0 && gsi1.stray == 0, "{gsi1:#?}");
        assert_eq!(gsi1.example.as_ref().and_then(|e| e.stored.clone()), None);
    }

    /// An expiry the model no longer asks for, or asks for sooner: DynamoDB
    /// deletes by what the items hold.
    #[test]
    fn a_stored_expiry_the_design_no_longer_writes_is_found() {
        let (model, design) = acme();
        let stored = items(&model, &design);
        let expiring = design.entities.iter().find(|e| e.ttl.is_some()).expect("ACME expires something");
        let ttl = expiring.ttl.clone().unwrap();
        let mut kept = design.clone();
        kept.entities.iter_mut().find(|e| e.name == expiring.name).unwrap().ttl = None;
        let drift = key_drift(&model, &kept, &stored);
        assert!(drift.keys[&ttl.attribute].stray > 0, "{drift:#?}");
        let mut sooner = design.clone();
        sooner.entities.iter_mut().find(|e| e.name == expiring.name).unwrap().ttl.as_mut().unwrap().days = 1;
        let drift = key_drift(&model, &sooner, &stored);
        assert!(drift.keys[&ttl.attribute].differ > 0, "{drift:#?}");
        let warnings = drift.warnings(&sooner);
        assert!(warnings[0].contains("(the TTL attribute)"), "{warnings:?}");
    }

    #[test]
    fn entities_none_of_whose_items_was_read_are_named() {
        let (model, design) = acme();
        let stored: Vec<_> =
            items(&model, &design).into_iter().filter(|i| i["_type"] != Value::S("Customer".into())).collect();
        assert_eq!(key_drift(&model, &design, &stored).unseen, vec!["Customer".to_string()]);
    }

    #[test]
    fn items_of_no_entity_are_counted_not_judged() {
        let (model, design) = acme();
        let item: IndexMap<String, Value> =
            [("PK".to_string(), Value::S("X".into())), ("GSI1PK".to_string(), Value::S("Y".into()))].into();
        let drift = key_drift(&model, &design, &[item]);
        assert_eq!((drift.read, drift.unknown), (1, 1));
        assert!(drift.is_clean());
    }
}
