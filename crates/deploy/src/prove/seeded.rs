//! Whether the table holds the sample the proof judges by: a table seeded from
//! another model, an earlier design or another `--items`/`--seed` may hold as
//! many items, and every read would then fail for a reason the proof cannot name.

use std::collections::BTreeSet;

use tablewright_engine::oracle::same;

use super::write::Writer;
use super::Prover;
use crate::error::ProveError;

impl Prover<'_> {
    /// Reads the first sample item of each kind (entity or pair) by its key and
    /// compares it with the sample's: the first that is missing or differs is
    /// the error.
    pub(super) async fn check_seeded(&self) -> Result<(), ProveError> {
        let writer = Writer { client: self.client, table: self.table, sample: self.sample, design: self.design };
        let mut kinds = BTreeSet::new();
        for item in self.sample.items.iter().filter(|i| kinds.insert(i.entity.as_str())) {
            let key = self.sample.key(item);
            let why = match writer.read(&key).await? {
                None => "no item".to_string(),
                Some(stored) => {
                    let differs = |(name, value)| stored.get(name).is_none_or(|s| !same(s, value));
                    match item.attributes.iter().find(|&(n, v)| differs((n, v))) {
                        Some((name, _)) => format!("an item whose '{name}' is not the sample's"),
                        None if stored.len() != item.attributes.len() => {
                            "an item with attributes the sample's lacks".to_string()
                        }
                        None => continue,
                    }
                }
            };
            return Err(ProveError::OtherSample { entity: item.entity.clone(), key: key.to_string(), why });
        }
        Ok(())
    }
}
