//! The seed's checkpoint: which batches are written, kept in a small JSON file that
//! is replaced atomically, so an interrupted seed resumes where it stopped. A batch
//! is recorded only after DynamoDB accepted every item of it; a batch written but not
//! yet recorded is written again on resume, which PutRequest makes harmless (the
//! same key, the same item).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tablewright_engine::write_atomically;

use crate::error::SeedError;

pub const FORMAT: &str = "tablewright-seed/1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub format: String,
    pub table: String,
    /// The sample's fingerprint: a checkpoint of other items must not be resumed.
    pub sample: String,
    pub items: usize,
    pub batches: usize,
    /// Written batches, as inclusive ranges of batch indices.
    pub done: Vec<[usize; 2]>,
}

impl Checkpoint {
    pub fn new(table: &str, fingerprint: u64, items: usize, batches: usize) -> Self {
        Checkpoint {
            format: FORMAT.into(),
            table: table.into(),
            sample: format!("{fingerprint:016x}"),
            items,
            batches,
            done: Vec::new(),
        }
    }

    pub fn done_set(&self) -> BTreeSet<usize> {
        self.done.iter().flat_map(|[a, b]| *a..=*b).collect()
    }

    pub fn set_done(&mut self, done: &BTreeSet<usize>) {
        let mut ranges: Vec<[usize; 2]> = Vec::new();
        for &i in done {
            match ranges.last_mut() {
                Some(last) if last[1] + 1 == i => last[1] = i,
                _ => ranges.push([i, i]),
            }
        }
        self.done = ranges;
    }

    /// The checkpoint at `path` if it is one of this very seed; an error if it
    /// belongs to another (another table, sample or format).
    pub fn load(path: &Path, expected: &Checkpoint) -> Result<Option<Checkpoint>, SeedError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(error(path, e.to_string())),
        };
        let found: Checkpoint =
            serde_json::from_str(&text).map_err(|e| error(path, format!("not a seed checkpoint: {e}")))?;
        let same = found.format == expected.format
            && found.table == expected.table
            && found.sample == expected.sample
            && found.items == expected.items
            && found.batches == expected.batches;
        if !same {
            return Err(error(
                path,
                format!(
                    "it records a seed of other items ({} items into {}); pass --restart to start over",
                    found.items, found.table
                ),
            ));
        }
        Ok(Some(found))
    }

    pub fn save(&self, path: &Path) -> Result<(), SeedError> {
        let text = serde_json::to_string_pretty(self).expect("a checkpoint serializes");
        write_atomically(path, text.as_bytes()).map_err(|e| error(path, e.to_string()))
    }
}

fn error(path: &Path, message: String) -> SeedError {
    SeedError::Checkpoint { path: PathBuf::from(path).display().to_string(), message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_round_trip_and_foreign_checkpoints_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cp.json");
        let mut cp = Checkpoint::new("t", 7, 100, 4);
        let done: BTreeSet<usize> = [0, 1, 3].into();
        cp.set_done(&done);
        assert_eq!(cp.done, vec![[0, 1], [3, 3]]);
        cp.save(&path).unwrap();
        let loaded = Checkpoint::load(&path, &Checkpoint::new("t", 7, 100, 4)).unwrap().unwrap();
        assert_eq!(loaded.done_set(), done);
        assert!(Checkpoint::load(&path, &Checkpoint::new("t", 8, 100, 4)).is_err());
        assert!(Checkpoint::load(&dir.path().join("none.json"), &cp).unwrap().is_none());
    }
}
