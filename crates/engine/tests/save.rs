//! Saving writes the canonical text atomically and leaves nothing else behind;
//! loading only reads.

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use common::*;
use tablewright_engine::{load_file, save_file, to_canonical_json, write_atomically};

/// The names in `dir`, sorted: what a user would see in the folder.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn save_file_writes_the_canonical_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.tablewright.json");
    let model = acme();
    save_file(&model, &path).unwrap();
    let written = fs::read_to_string(&path).unwrap();
    assert_eq!(written, to_canonical_json(&model));
    assert_eq!(load_file(&path).unwrap(), model);
    assert_eq!(listing(dir.path()), ["acme.tablewright.json"]);
}

#[test]
fn saving_over_a_file_replaces_it_wholly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.tablewright.json");
    let model = acme();
    let canonical = to_canonical_json(&model);
    // Longer than the new text: a write in place would leave its tail.
    fs::write(&path, "x".repeat(canonical.len() * 2)).unwrap();
    save_file(&model, &path).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), canonical);

    // And a smaller model over the bigger one.
    let small = tablewright_engine::Model::new("small-table");
    save_file(&small, &path).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), to_canonical_json(&small));
    assert_eq!(listing(dir.path()), ["acme.tablewright.json"]);
}

#[test]
fn repeated_saves_leave_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let model = acme();
    for i in 0..5 {
        save_file(&model, &dir.path().join(format!("m{}.tablewright.json", i % 2))).unwrap();
    }
    assert_eq!(listing(dir.path()), ["m0.tablewright.json", "m1.tablewright.json"]);
}

#[test]
fn saving_into_a_missing_folder_fails_naming_the_path_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("m.tablewright.json");
    let err = save_file(&acme(), &path).unwrap_err();
    assert_eq!(err.path, path);
    let shown = err.to_string();
    assert!(shown.starts_with(&format!("{}: cannot save: ", path.display())), "{shown}");
    assert_eq!(err.source.kind(), std::io::ErrorKind::NotFound, "{shown}");
    assert!(!dir.path().join("no-such-folder").exists());
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn a_failed_replace_leaves_the_folder_as_it_was() {
    // The target is a non-empty folder: the final rename fails after the
    // temporary file was written, which must then be removed.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("m.tablewright.json");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("keep"), "x").unwrap();
    let err = write_atomically(&target, b"{}\n").unwrap_err();
    assert_eq!(err.path, target);
    assert_eq!(listing(dir.path()), ["m.tablewright.json"]);
    assert_eq!(listing(&target), ["keep"]);
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_permissions_of_the_file_it_replaces() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.tablewright.json");
    fs::write(&path, "old").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    save_file(&acme(), &path).unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "got {mode:o}");
}

#[cfg(unix)]
#[test]
fn a_new_file_gets_the_permissions_of_any_new_file() {
    // Not the temporary file's private 0600: a model is shared like any source file.
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.txt");
    fs::write(&plain, "x").unwrap();
    let path = dir.path().join("m.tablewright.json");
    save_file(&acme(), &path).unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), mode(&plain), "got {:o}", mode(&path));
}

#[test]
fn loading_never_modifies_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let valid = dir.path().join("valid.tablewright.json");
    // Not canonical (compact), so a loader that "helpfully" reformatted would show.
    let compact = serde_json::to_string(&serde_json::to_value(acme()).unwrap()).unwrap();
    fs::write(&valid, &compact).unwrap();
    let invalid = dir.path().join("invalid.tablewright.json");
    let broken = case(|v| v["relationships"][0]["to"] = serde_json::json!("Nope")).text;
    fs::write(&invalid, &broken).unwrap();
    let truncated = dir.path().join("truncated.tablewright.json");
    fs::write(&truncated, &compact[..compact.len() / 2]).unwrap();

    // An mtime in the past, so that a rewrite within the same clock tick shows.
    let past = SystemTime::now() - Duration::from_secs(3600);
    let files = [&valid, &invalid, &truncated];
    for path in files {
        fs::File::options().write(true).open(path).unwrap().set_modified(past).unwrap();
    }
    let before: Vec<_> =
        files.iter().map(|p| (fs::read(p).unwrap(), fs::metadata(p).unwrap().modified().unwrap())).collect();

    assert!(load_file(&valid).is_ok());
    assert!(load_file(&invalid).is_err());
    assert!(load_file(&truncated).is_err());

    for (path, (bytes, mtime)) in files.iter().zip(before) {
        assert_eq!(fs::read(path).unwrap(), bytes, "{} changed", path.display());
        assert_eq!(fs::metadata(path).unwrap().modified().unwrap(), mtime, "{} was written to", path.display());
    }
    assert_eq!(
        listing(dir.path()),
        ["invalid.tablewright.json", "truncated.tablewright.json", "valid.tablewright.json"]
    );
}

/// The reason a write was refused, as the user reads it.
fn refusal(path: &Path) -> String {
    write_atomically(path, b"new").expect_err("the write is refused").to_string()
}

#[test]
fn a_directory_a_device_and_a_fifo_are_refused_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    assert!(refusal(dir.path()).contains("is a directory"), "{}", refusal(dir.path()));
    assert!(dir.path().is_dir());
    assert!(refusal(Path::new("/dev/null")).contains("not a regular file"));
    let fifo = dir.path().join("fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    assert!(refusal(&fifo).contains("not a regular file"));
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO is still a FIFO");
}

#[test]
fn a_symbolic_link_keeps_pointing_at_the_file_it_names_which_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    let link = dir.path().join("link.json");
    fs::write(&real, "old").unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    write_atomically(&link, b"new").unwrap();
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    let dangling = dir.path().join("dangling.json");
    std::os::unix::fs::symlink(dir.path().join("missing.json"), &dangling).unwrap();
    assert!(refusal(&dangling).contains("symbolic link to a file that does not exist"));
}

#[test]
fn a_read_only_file_is_refused_and_left_as_it_was() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.json");
    fs::write(&path, "old").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    assert!(refusal(&path).contains("read-only"));
    assert_eq!(fs::read_to_string(&path).unwrap(), "old");
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o444);
    assert_eq!(listing(dir.path()), ["locked.json"]);
}
