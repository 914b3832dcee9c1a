//! Which scratch tables a proof still running on this machine uses. Each run
//! holds an exclusive lock on a file named for its table while the table lives;
//! the operating system drops the lock with the process, even one killed
//! outright, so a table whose file nobody holds is one a run left behind.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::PathBuf;

/// A run's hold on its scratch table's name; let go (and the file removed) when dropped.
#[derive(Debug)]
pub struct Lease {
    // Held open: closing it lets the lock go.
    _file: File,
    path: PathBuf,
}

impl Lease {
    /// Takes the lease on `table` for this process.
    pub fn take(table: &str) -> std::io::Result<Lease> {
        let path = path(table);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut file = OpenOptions::new().create(true).truncate(false).write(true).open(&path)?;
        file.lock()?;
        file.set_len(0)?;
        writeln!(file, "{}", std::process::id())?;
        Ok(Lease { _file: file, path })
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        // Only a lease file's holder removes it; a file left by a killed run
        // is taken over by the next run that finds it unlocked.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Whether a running process holds the lease on `table`.
pub fn held(table: &str) -> bool {
    let Ok(file) = File::open(path(table)) else { return false };
    matches!(file.try_lock(), Err(TryLockError::WouldBlock))
}

/// One file per scratch table, in the temporary directory every run on this
/// machine shares. Scratch names are letters, digits, `-`, `_` and `.` only.
fn path(table: &str) -> PathBuf {
    std::env::temp_dir().join("tablewright-proofs").join(format!("{table}.lock"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lease_is_held_while_taken_and_not_after() {
        let table = format!("lease-test-{}", std::process::id());
        assert!(!held(&table));
        let lease = Lease::take(&table).unwrap();
        // A lock of another open file description, as another process's would be.
        assert!(held(&table));
        drop(lease);
        assert!(!held(&table));
    }
}
