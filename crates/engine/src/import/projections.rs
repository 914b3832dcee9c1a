//! What a source's secondary indexes project, brought in as pinned projections
//! so that the design, `cost` and the verifier judge the expert's choice rather
//! than a copy of every attribute.

use std::collections::BTreeMap;

use super::attribute_name;
use super::reader::At;
use super::ImportError;
use crate::model::{next_to_widen, Entity, Projection, PROJECTED_ATTRIBUTES_LIMIT, TYPE_ATTRIBUTE};
use crate::template::Template;

/// A `Projection` object (NoSQL Workbench and CloudFormation spell it alike):
/// ALL, KEYS_ONLY, or INCLUDE with its `NonKeyAttributes`, each string read by `text`.
pub(crate) fn read_projection(
    at: &At<'_>,
    text: &dyn Fn(&At<'_>) -> Result<String, ImportError>,
) -> Result<Projection, ImportError> {
    let kind = at.field("ProjectionType")?;
    match text(&kind)?.as_str() {
        "ALL" => Ok(Projection::All),
        "KEYS_ONLY" => Ok(Projection::KeysOnly),
        "INCLUDE" => {
            let mut attributes = Vec::new();
            if let Some(list) = at.optional("NonKeyAttributes")? {
                for a in list.array()? {
                    attributes.push(text(&a)?);
                }
            }
            Ok(Projection::Include(attributes))
        }
        other => Err(ImportError::schema(
            &kind.path,
            format!("'{other}' is not a projection type"),
            "write ALL, KEYS_ONLY or INCLUDE",
        )),
    }
}

/// The indexes (Tablewright name, source name, projection) that project less
/// than ALL, pinned by Tablewright index name, and a note for each listed
/// name no entity carries. Every DynamoDB projection carries the table's and the
/// index's keys; Tablewright's design writes its own key attributes, so the pin
/// names the model attributes the source's keys are made of (the entities' pinned
/// key templates) beside the listed ones the entities have. `key_names` are the
/// source's key attributes, which a listing may repeat without a note.
pub(crate) fn pinned_projections(
    indexes: &[(String, &str, &Projection)],
    key_names: &[&str],
    entities: &[Entity],
) -> (BTreeMap<String, Projection>, Vec<String>) {
    let mut pinned = BTreeMap::new();
    let mut notes = Vec::new();
    let has = |a: &String| entities.iter().any(|e| e.attribute(&attribute_name(a)).is_some());
    for (index, name, projection) in indexes {
        let listed: &[String] = match projection {
            Projection::All => continue,
            Projection::KeysOnly => &[],
            Projection::Include(listed) => listed,
        };
        let unknown: Vec<&str> = listed
            .iter()
            .filter(|a| !has(a) && !key_names.contains(&a.as_str()) && a.as_str() != TYPE_ATTRIBUTE)
            .map(String::as_str)
            .collect();
        if !unknown.is_empty() {
            notes.push(format!(
                "index {name} projects {}, which no item carries; the pinned projection leaves them out.",
                unknown.join(", ")
            ));
        }
        // `_type` is the attribute Tablewright's designs tell item types apart by
        // (an export of one lists it): it stays itself, not an attribute `type`.
        let own = |a: &String| if a == TYPE_ATTRIBUTE { a.clone() } else { attribute_name(a) };
        let mut kept: Vec<String> = Vec::new();
        for a in listed.iter().filter(|a| a.as_str() == TYPE_ATTRIBUTE || has(a)).map(own) {
            if !kept.contains(&a) {
                kept.push(a);
            }
        }
        let key_templates = entities
            .iter()
            .filter(|e| e.pinned_keys.contains_key(index))
            .flat_map(|e| ["table", index.as_str()].into_iter().filter_map(|k| e.pinned_keys.get(k)))
            .flat_map(|k| [&k.partition, &k.sort])
            .filter_map(|t| t.as_deref().and_then(|t| Template::parse(t).ok()));
        for template in key_templates {
            for a in template.attributes() {
                if !kept.iter().any(|k| k == a) {
                    kept.push(a.to_string());
                }
            }
        }
        pinned.insert(index.clone(), if kept.is_empty() { Projection::KeysOnly } else { Projection::Include(kept) });
    }
    notes.extend(keep_within_limit(&mut pinned));
    (pinned, notes)
}

/// The key attributes a pin adds can take a source's lists over DynamoDB's
/// limit, which `check` would refuse: the longest lists are pinned ALL until the
/// rest fit, each with a note, so that the import keeps every index.
fn keep_within_limit(pinned: &mut BTreeMap<String, Projection>) -> Vec<String> {
    let mut notes = Vec::new();
    while let Some(index) = next_to_widen(pinned.iter().map(|(i, p)| (i.as_str(), p)), &|_| true).map(str::to_string) {
        let named: usize = pinned.values().map(|p| p.included().len()).sum();
        notes.push(format!(
            "index {index} would project {} attributes with the model's key attributes, and the table's INCLUDE \
             lists {named} in all over DynamoDB's {PROJECTED_ATTRIBUTES_LIMIT}; it is pinned ALL.",
            pinned[&index].included().len()
        ));
        pinned.insert(index, Projection::All);
    }
    notes
}
