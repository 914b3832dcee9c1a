//! The recently opened files, most recent first, kept in the app's config folder.

use std::fs;
use std::path::{Path, PathBuf};

use tablewright_engine::{write_atomically, SaveError};

/// How many files the list keeps.
pub const LENGTH: usize = 10;

#[derive(Debug)]
pub struct RecentFiles {
    file: PathBuf,
}

impl RecentFiles {
    pub fn new(file: &Path) -> Self {
        RecentFiles { file: file.to_path_buf() }
    }

    /// The list; empty when it was never written or cannot be read.
    pub fn list(&self) -> Vec<PathBuf> {
        fs::read_to_string(&self.file).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
    }

    /// Puts `path` first. A path that is not Unicode is not listed (the list is
    /// JSON text, and the UI shows it).
    pub fn add(&self, path: &Path) -> Result<(), SaveError> {
        if path.to_str().is_none() {
            return Ok(());
        }
        let mut list = self.list();
        list.retain(|p| p != path);
        list.insert(0, path.to_path_buf());
        list.truncate(LENGTH);
        self.write(&list)
    }

    /// Takes `path` off the list (it could not be opened).
    pub fn remove(&self, path: &Path) -> Result<(), SaveError> {
        let mut list = self.list();
        list.retain(|p| p != path);
        self.write(&list)
    }

    fn write(&self, list: &[PathBuf]) -> Result<(), SaveError> {
        if let Some(dir) = self.file.parent() {
            fs::create_dir_all(dir).map_err(|source| SaveError { path: dir.to_path_buf(), source })?;
        }
        let text = serde_json::to_string_pretty(list).expect("paths serialize");
        write_atomically(&self.file, text.as_bytes())
    }
}
