//! The open document: a model, the file it belongs to, its undo history and
//! whether it holds changes the file does not.

use std::path::{Path, PathBuf};

use tablewright_engine::edit::{apply, Edit, EditError, Focus};
use tablewright_engine::load::load_file_for_editing;
use tablewright_engine::{save_file, Diagnostic, LoadError, Model, SaveError};

use crate::history::{History, Snapshot};

/// The file name ending every model file has.
pub const EXTENSION: &str = ".tablewright.json";

/// The name of a model nobody has named yet.
pub const UNTITLED: &str = "Untitled";

#[derive(Debug)]
pub struct Document {
    model: Model,
    path: Option<PathBuf>,
    revision: u64,
    last_revision: u64,
    /// The revision with nothing to lose: what the file holds, or a new model as
    /// it was made. `None` when no state is (a recovered model).
    clean_revision: Option<u64>,
    history: History,
}

impl Document {
    /// A document for `model` that no file holds yet.
    pub fn untitled(model: Model) -> Self {
        Document {
            model,
            path: None,
            revision: 0,
            last_revision: 0,
            clean_revision: Some(0),
            history: History::default(),
        }
    }

    /// A model that no file holds as it is, unsaved until saved: recovered after
    /// a crash (from `path`, if it had one), or imported from another format.
    pub fn unsaved(model: Model, path: Option<PathBuf>) -> Self {
        Document { path, clean_revision: None, ..Document::untitled(model) }
    }

    /// The model file at `path`, with the problems it has (a file that is not a
    /// model at all fails).
    pub fn open(path: &Path) -> Result<(Document, Vec<Diagnostic>), LoadError> {
        let (model, problems) = load_file_for_editing(path)?;
        Ok((Document { path: Some(path.to_path_buf()), ..Document::untitled(model) }, problems))
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn is_dirty(&self) -> bool {
        self.clean_revision != Some(self.revision)
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.history.undo_label()
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.history.redo_label()
    }

    /// The window title: the file name, `*` before it while there are unsaved changes.
    pub fn title(&self) -> String {
        let name = self.file_name().unwrap_or_else(|| UNTITLED.to_string());
        let marker = if self.is_dirty() { "*" } else { "" };
        format!("{marker}{name} — Tablewright")
    }

    pub fn file_name(&self) -> Option<String> {
        self.path.as_deref().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned())
    }

    /// Applies `edit` as one undoable step. An edit that changes nothing (a rename
    /// to the same name) is no step.
    pub fn apply(&mut self, edit: &Edit) -> Result<Option<Focus>, EditError> {
        let applied = apply(&self.model, edit)?;
        if applied.model != self.model {
            let before = std::mem::replace(&mut self.model, applied.model);
            self.history.record(Snapshot { model: before, revision: self.revision, label: applied.label });
            self.last_revision += 1;
            self.revision = self.last_revision;
        }
        Ok(applied.focus)
    }

    /// Whether there was a step to undo.
    pub fn undo(&mut self) -> bool {
        let current = self.snapshot();
        self.restore(|h| h.undo(current))
    }

    pub fn redo(&mut self) -> bool {
        let current = self.snapshot();
        self.restore(|h| h.redo(current))
    }

    /// Writes the model to its file, atomically.
    pub fn save(&mut self) -> Result<(), SaveError> {
        let path = self.path.clone().ok_or_else(|| SaveError {
            path: PathBuf::new(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "the model has no file yet: save it as a file"),
        })?;
        self.save_as(&path)
    }

    /// Writes the model to `path`, which it then belongs to. A model nobody has
    /// named takes the file's name (and its table, if still untitled too), so that
    /// `library.tablewright.json` deploys a table `library`, not `Untitled`.
    pub fn save_as(&mut self, path: &Path) -> Result<(), SaveError> {
        if self.path.is_none() {
            self.name_after(path);
        }
        save_file(&self.model, path)?;
        self.path = Some(path.to_path_buf());
        self.clean_revision = Some(self.revision);
        Ok(())
    }

    fn name_after(&mut self, path: &Path) {
        let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let stem = file.strip_suffix(EXTENSION).unwrap_or(&file).trim();
        if self.model.name != UNTITLED || stem.is_empty() {
            return;
        }
        self.model.name = stem.to_string();
        let table: String =
            stem.chars().map(|c| if c.is_ascii_alphanumeric() || "_-.".contains(c) { c } else { '-' }).collect();
        if self.model.table.name == UNTITLED && (3..=255).contains(&table.len()) {
            self.model.table.name = table;
        }
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot { model: self.model.clone(), revision: self.revision, label: String::new() }
    }

    fn restore(&mut self, step: impl FnOnce(&mut History) -> Option<Snapshot>) -> bool {
        match step(&mut self.history) {
            Some(s) => {
                self.model = s.model;
                self.revision = s.revision;
                true
            }
            None => false,
        }
    }
}

/// `path` with the model file extension when it has none of its own, as a user
/// typing "shop" in a save dialog means "shop.tablewright.json".
pub fn with_model_extension(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if name.ends_with(".json") {
        path.to_path_buf()
    } else {
        path.with_file_name(format!("{name}{EXTENSION}"))
    }
}
