//! What an imported design's indexes are called where they meet DynamoDB: the
//! source's own names (`GSI1_inverse`, `ByEmail`), so that its exports, deployed
//! table and generated code fit the application already written against it. The
//! design itself keeps calling them GSI1, LSI1, ... (the slots pins and
//! `imported.keys` are keyed by).

use foldhash::{HashMap, HashSet};

use crate::model::Model;

/// The source's name of each index that has a usable one, by design index;
/// with why an index keeps the design's name where the source's cannot serve.
#[derive(Debug, Default)]
pub struct SourceIndexNames {
    pub chosen: HashMap<String, String>,
    pub kept_own: HashMap<String, String>,
}

impl SourceIndexNames {
    pub fn choose(model: &Model, indexes: &[String]) -> SourceIndexNames {
        let mut names = SourceIndexNames::default();
        let Some(imported) = model.imported.as_ref().filter(|i| i.source_key_names) else { return names };
        let mut taken: HashSet<&str> = HashSet::default();
        for index in indexes {
            let Some(name) = imported.keys.get(index).and_then(|s| s.name.as_ref()) else { continue };
            if let Some(why) = unusable(name) {
                names.kept_own.insert(index.clone(), why);
            } else if name != index && (taken.contains(name.as_str()) || indexes.contains(name)) {
                // Another index is deployed as `name` already, or keeps it as its own.
                let shown = crate::escape::visible(name);
                names.kept_own.insert(index.clone(), format!("another index of the design is called {shown}"));
            } else {
                taken.insert(name);
                names.chosen.insert(index.clone(), name.clone());
            }
        }
        names
    }

    /// The sentence an index's explanation ends with, if it was imported with a name.
    pub fn note(&self, index: &str) -> Option<String> {
        if let Some(name) = self.chosen.get(index).filter(|n| *n != index) {
            return Some(format!(" Deployed as {name}, the source's name for it."));
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
