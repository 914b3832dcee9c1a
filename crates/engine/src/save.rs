//! Writing model files: canonical text (stable key order, pretty-printed, so a change
//! is a small diff) written atomically (a crash leaves the old file or the new one,
//! never half of each).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::model::Model;

#[derive(Debug, Error)]
#[error("{}: cannot save: {source}", path.display())]
pub struct SaveError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

/// The model as its file holds it.
pub fn to_canonical_json(model: &Model) -> String {
    let mut text = serde_json::to_string_pretty(model).expect("a model always serializes");
    text.push('\n');
    text
}

/// Writes `model` to `path` through a temporary file in the same folder, synced
/// to disk and renamed over the target.
pub fn save_file(model: &Model, path: &Path) -> Result<(), SaveError> {
    write_atomically(path, to_canonical_json(model).as_bytes())
}

/// The same for any file the tool writes: exports, designs, recovery files.
///
/// Only a regular file is replaced: a directory, a device, a FIFO or a socket is
/// refused, as is a read-only file (it stays as it was). A symbolic link is
/// followed and its target replaced, so the link stays a link.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let err = |source| SaveError { path: path.to_path_buf(), source };
    let target = writable_target(path).map_err(err)?;
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // The file being replaced keeps its permissions; a new one gets those of any
    // file the user creates (0666 less the umask), not the temporary file's 0600.
    let existing = std::fs::metadata(&target).ok().map(|m| m.permissions());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tablewright-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(err)?;
    temp.write_all(bytes).map_err(err)?;
    temp.as_file().sync_all().map_err(err)?;
    if let Some(permissions) = existing {
        temp.as_file().set_permissions(permissions).map_err(err)?;
    }
    temp.persist(&target).map_err(|e| err(e.error))?;
    sync_dir(dir).map_err(err)
}

/// The file a write to `path` replaces: `path` itself, or the file its symbolic
/// link points to; an error when that is not a regular file the user may change.
fn writable_target(path: &Path) -> io::Result<PathBuf> {
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).map_err(|_| {
            io::Error::new(
                io::ErrorKind::NotFound,
                "it is a symbolic link to a file that does not exist; point the link at a file, or write elsewhere",
            )
        })?,
        _ => path.to_path_buf(),
    };
    match std::fs::metadata(&target) {
        Ok(m) if m.is_dir() => {
            Err(io::Error::new(io::ErrorKind::IsADirectory, "it is a directory; name a file inside it"))
        }
        Ok(m) if !m.is_file() => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is not a regular file (a device, a FIFO or a socket); name a file",
        )),
        Ok(m) if m.permissions().readonly() => Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only; make it writable (chmod u+w) or write to another file",
        )),
        _ => Ok(target),
    }
}

/// Whether `a` and `b` name the same existing file (through links, `..` or a
/// second name): a command must not write its output over its input.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Makes the rename itself durable.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}
