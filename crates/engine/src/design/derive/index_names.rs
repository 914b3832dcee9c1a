//! What an imported design's indexes are called where they meet DynamoDB: the
//! source's own names (`GSI1_inverse`, `ByEmail`), so that its exports, deployed
//! table and generated code fit the application already written against it. The
//! design itself keeps calling them GSI1, LSI1, ... (the slots pins and
//! `imported.keys` are keyed by).

use foldhash::{HashMap, HashSet};

use crate::design::types::TABLE;
use crate::model::Model;

/// The name each secondary index is deployed under where it is not its own, by
/// design index; with why an imported index keeps its own.
#[derive(Debug, Default)]
pub struct DeployedNames {
    pub chosen: HashMap<String, String>,
    pub kept_own: HashMap<String, String>,
}

impl DeployedNames {
    /// The source's names first, each usable one once; then every other index
    /// its own name, or the next free one where a source's name took it (a
    /// source's `GSI3` on the design's GSI2 leaves a new GSI3 to be `GSI4`).
    pub fn choose(model: &Model, indexes: &[String]) -> DeployedNames {
        let mut names = DeployedNames::default();
        let Some(imported) = model.imported.as_ref().filter(|i| i.source_key_names) else { return names };
        let secondary: Vec<&String> = indexes.iter().filter(|i| *i != TABLE).collect();
        let mut taken: HashSet<String> = HashSet::default();
        let mut unnamed: Vec<&String> = Vec::new();
        for index in &secondary {
            let Some(name) = imported.keys.get(*index).and_then(|s| s.name.as_ref()) else {
                unnamed.push(index);
                continue;
            };
            let shown = crate::escape::visible(name);
            if let Some(why) = unusable(name) {
                names.kept_own.insert(index.to_string(), why);
                unnamed.push(index);
            } else if !taken.insert(name.clone()) {
                names.kept_own.insert(index.to_string(), format!("another index of the source is called {shown}"));
                unnamed.push(index);
            } else if name != *index {
                names.chosen.insert(index.to_string(), name.clone());
            }
        }
        for index in unnamed {
            if taken.insert(index.to_string()) {
                continue;
            }
            // Above every number in use, so that no name an index had moves to another.
            let prefix = index.trim_end_matches(|c: char| c.is_ascii_digit());
            let used = taken.iter().filter_map(|t| t.strip_prefix(prefix)?.parse::<usize>().ok()).max().unwrap_or(0);
            let free = format!("{prefix}{}", used + 1);
            taken.insert(free.clone());
            names.chosen.insert(index.to_string(), free);
        }
        names
    }

    /// The sentence an index's explanation ends with, if it is deployed under
    /// another name or was imported with one it could not keep.
    pub fn note(&self, index: &str) -> Option<String> {
        if let Some(name) = self.chosen.get(index) {
            return Some(match self.kept_own.get(index) {
                Some(why) => format!(" Deployed as {name}, not under the source's name: {why}."),
                None => format!(" Deployed as {name}."),
            });
        }
        let why = self.kept_own.get(index)?;
        Some(format!(" Deployed as {index}, not under the source's name: {why}."))
    }
}

/// Why DynamoDB would refuse `name` for an index: 3 to 255 characters of
/// letters, digits, `_`, `-` and `.`.
fn unusable(name: &str) -> Option<String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "_-.".contains(c);
    let fits = (3..=255).contains(&name.len()) && name.chars().all(allowed);
    (!fits).then(|| {
        format!(
            "DynamoDB names an index with 3 to 255 letters, digits, '_', '-' or '.', and the source's {} is not one",
            crate::escape::visible(name)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn imported(keys: serde_json::Value) -> Model {
        serde_json::from_value(serde_json::json!({
            "format": "tablewright/3", "name": "m", "table": { "name": "t", "billing": { "mode": "on_demand" } },
            "entities": [], "relationships": [], "access_patterns": [],
            "imported": { "from": "cloudformation", "keys": keys, "source_key_names": true, "entities": [], "source": {} }
        }))
        .unwrap()
    }

    fn key(name: &str) -> serde_json::Value {
        serde_json::json!({ "name": name, "partition_key": { "name": "a", "type": "S" }, "sort_key": { "name": "b", "type": "S" } })
    }

    fn indexes(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn a_source_name_that_is_another_design_index_name_is_kept_when_that_index_is_renamed() {
        // The source's indexes ByEmail and GSI1 sit on the design's GSI1 and GSI2:
        // nothing is deployed as GSI1 but the source's own.
        let model = imported(serde_json::json!({ "GSI1": key("ByEmail"), "GSI2": key("GSI1") }));
        let names = DeployedNames::choose(&model, &indexes(&["table", "GSI1", "GSI2"]));
        assert_eq!(names.chosen.get("GSI1").map(String::as_str), Some("ByEmail"));
        assert_eq!(names.chosen.get("GSI2").map(String::as_str), Some("GSI1"));
        assert!(names.kept_own.is_empty(), "{:?}", names.kept_own);
    }

    #[test]
    fn a_new_index_whose_own_name_the_source_took_gets_the_next_free_one() {
        let model = imported(serde_json::json!({ "GSI1": key("GSI1"), "GSI2": key("GSI3") }));
        let names = DeployedNames::choose(&model, &indexes(&["table", "GSI1", "GSI2", "GSI3"]));
        assert_eq!(names.chosen.get("GSI1"), None, "its own name is the source's");
        assert_eq!(names.chosen.get("GSI2").map(String::as_str), Some("GSI3"));
        assert_eq!(names.chosen.get("GSI3").map(String::as_str), Some("GSI4"), "above every name in use");
    }

    #[test]
    fn a_name_two_source_indexes_share_goes_to_the_first() {
        let model = imported(serde_json::json!({ "GSI1": key("ByEmail"), "GSI2": key("ByEmail") }));
        let names = DeployedNames::choose(&model, &indexes(&["table", "GSI1", "GSI2"]));
        assert_eq!(names.chosen.get("GSI1").map(String::as_str), Some("ByEmail"));
        assert_eq!(names.chosen.get("GSI2"), None);
        assert!(names.note("GSI2").unwrap().contains("another index of the source is called ByEmail"));
    }
}
