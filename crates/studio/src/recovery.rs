//! Crash recovery. While a document has unsaved changes, the app keeps a copy of
//! it in a recovery folder, rewritten atomically after every step; saving (or
//! closing without saving, on purpose) removes it. A copy left behind is what a
//! crash or a kill interrupted, and the next start offers it back.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use tablewright_engine::{write_atomically, Model, SaveError};
use ts_rs::TS;

const FORMAT: &str = "tablewright-recovery/1";

/// A recovery file: the model and the file it belongs to.
#[derive(Debug, Serialize, Deserialize)]
struct Copy {
    format: String,
    /// Not Unicode: recovered as a model without a file.
    path: Option<String>,
    /// Seconds since 1970.
    saved_at: u64,
    model: Model,
}

/// A copy another run of the app left behind.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RecoveryOffer {
    /// The recovery file's name, which restoring or discarding names.
    pub id: String,
    /// The file the model belonged to; none for a model never saved.
    pub path: Option<String>,
    pub model_name: String,
    /// When the copy was written, in seconds since 1970.
    pub saved_at: u64,
}

#[derive(Debug)]
pub struct Recovery {
    dir: PathBuf,
    /// This run's own copy.
    own: PathBuf,
}

impl Recovery {
    /// Recovery files in `dir`; this run's own copy is named after its process
    /// and start time, so that two runs never share one.
    pub fn new(dir: &Path) -> Self {
        let started = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or_default();
        let own = dir.join(format!("session-{}-{started}.json", std::process::id()));
        Recovery { dir: dir.to_path_buf(), own }
    }

    /// Keeps `model` as this run's copy.
    pub fn keep(&self, model: &Model, path: Option<&Path>) -> Result<(), SaveError> {
        let err = |source| SaveError { path: self.dir.clone(), source };
        fs::create_dir_all(&self.dir).map_err(err)?;
        let saved_at = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default();
        let path = path.and_then(Path::to_str).map(str::to_string);
        let copy = Copy { format: FORMAT.to_string(), path, saved_at, model: model.clone() };
        let text = serde_json::to_string(&copy).expect("a model always serializes");
        write_atomically(&self.own, text.as_bytes())
    }

    /// Removes this run's copy: there is nothing to recover.
    pub fn clear(&self) -> io::Result<()> {
        match fs::remove_file(&self.own) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Copies other runs left, newest first. Files that do not read as copies
    /// are left alone, not offered and not deleted.
    pub fn offers(&self) -> Vec<RecoveryOffer> {
        let Ok(entries) = fs::read_dir(&self.dir) else { return Vec::new() };
        let mut offers: Vec<RecoveryOffer> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| *p != self.own && p.extension().is_some_and(|x| x == "json"))
            .filter_map(|p| {
                let copy = read(&p).ok()?;
                Some(RecoveryOffer {
                    id: p.file_name()?.to_string_lossy().into_owned(),
                    path: copy.path,
                    model_name: copy.model.name,
                    saved_at: copy.saved_at,
                })
            })
            .collect();
        offers.sort_by(|a, b| b.saved_at.cmp(&a.saved_at).then_with(|| a.id.cmp(&b.id)));
        offers
    }

    /// The model of copy `id` and the file it belonged to. The copy stays until
    /// [`Recovery::discard`]: restoring makes it this run's unsaved document, whose
    /// own copy takes over.
    pub fn restore(&self, id: &str) -> io::Result<(Model, Option<PathBuf>)> {
        let copy = read(&self.other(id)?)?;
        Ok((copy.model, copy.path.map(PathBuf::from)))
    }

    pub fn discard(&self, id: &str) -> io::Result<()> {
        fs::remove_file(self.other(id)?)
    }

    /// Another run's copy by its id; never a path outside the folder.
    fn other(&self, id: &str) -> io::Result<PathBuf> {
        let plain = Path::new(id).file_name().is_some_and(|n| n == id);
        if !plain || self.dir.join(id) == self.own {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("no recovery copy '{id}'")));
        }
        Ok(self.dir.join(id))
    }
}

fn read(path: &Path) -> io::Result<Copy> {
    let text = fs::read_to_string(path)?;
    let copy: Copy = serde_json::from_str(&text).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    if copy.format != FORMAT {
        return Err(io::Error::new(io::ErrorKind::InvalidData, format!("not a {FORMAT} file")));
    }
    Ok(copy)
}
