//! An interrupted seed: the endpoint is killed in the middle of it, started again,
//! and the seed resumed from its checkpoint; then every item is in the table exactly
//! once, as generated.

mod support;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use support::flow::{client, deploy, sample};
use support::Local;
use tablewright_deploy::convert::from_item;
use tablewright_deploy::seed::{seed, Progress, SeedOptions};
use tablewright_deploy::SeedError;
use tablewright_engine::oracle::same;
use tablewright_engine::sample::key_of;

/// Kills the server once `after` items have landed.
struct KillMidway<'a> {
    local: &'a Mutex<Local>,
    after: usize,
    written: AtomicUsize,
    killed: AtomicBool,
}

impl Progress for KillMidway<'_> {
    fn advance(&self, items: usize) {
        let written = self.written.fetch_add(items, Ordering::SeqCst) + items;
        if written >= self.after && !self.killed.swap(true, Ordering::SeqCst) {
            self.local.lock().unwrap().kill();
        }
    }
}

/// A seed of ACME's sample into `table`, interrupted by killing the server a third
/// of the way in; the server is started again (with the data it had on disk).
/// Returns the batches the checkpoint recorded.
async fn interrupted_seed(
    local: &Mutex<Local>,
    client: &aws_sdk_dynamodb::Client,
    table: &str,
    sample: &tablewright_engine::sample::Sample,
    options: &SeedOptions,
) -> usize {
    let endpoint = local.lock().unwrap().endpoint.clone();
    let killer = KillMidway {
        local,
        after: sample.items.len() / 3,
        written: AtomicUsize::new(0),
        killed: AtomicBool::new(false),
    };
    let interrupted = seed(client, table, sample, options, &killer).await;
    let Err(SeedError::Unreachable { done, total: batches, .. }) = interrupted else {
        panic!("the seed must stop when the endpoint dies: {interrupted:?}");
    };
    assert!(done > 0 && done < batches, "{done} of {batches} batches recorded");
    assert!(options.checkpoint.as_ref().unwrap().exists(), "the checkpoint survives the interruption");
    local.lock().unwrap().spawn();
    support::wait_ready(&endpoint).await;
    done
}

fn options(checkpoint: &std::path::Path) -> SeedOptions {
    SeedOptions {
        checkpoint: Some(checkpoint.to_path_buf()),
        unreachable_attempts: 3,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(100),
        ..SeedOptions::default()
    }
}

/// The server came back without what the interrupted run wrote (in memory, or the
/// table emptied and made again): the checkpoint is not trusted, every batch is
/// written again, and the count check passes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resume_after_the_table_lost_its_items_writes_them_again() {
    let data = tempfile::tempdir().unwrap();
    let local = Mutex::new(Local::start(Some(data.path())).await);
    let endpoint = local.lock().unwrap().endpoint.clone();
    let client = client(&endpoint).await;
    let (model, design) = support::model("acme-bank");
    let table = "resume-lost";
    deploy(&client, &model, &design, table).await;
    let (sample, _) = sample(&model, &design, 100);
    let options = options(&data.path().join("seed-checkpoint.json"));
    interrupted_seed(&local, &client, table, &sample, &options).await;

    // ACME's table is protected: off, then away, then made again, empty.
    client.update_table().table_name(table).deletion_protection_enabled(false).send().await.unwrap();
    client.delete_table().table_name(table).send().await.unwrap();
    deploy(&client, &model, &design, table).await;
    let resumed =
        seed(&client, table, &sample, &options, &support::NoProgress).await.unwrap_or_else(|e| panic!("resume: {e}"));
    assert!(resumed.lost.is_some_and(|n| n > 0), "{resumed:?}");
    assert_eq!((resumed.resumed, resumed.written), (0, resumed.batches), "every batch written again");
    assert_eq!(resumed.count, Some(sample.items.len() as u64));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_seed_resumes_and_every_item_lands_exactly_once() {
    let data = tempfile::tempdir().unwrap();
    let local = Mutex::new(Local::start(Some(data.path())).await);
    let endpoint = local.lock().unwrap().endpoint.clone();
    let client = client(&endpoint).await;
    let (model, design) = support::model("acme-bank");
    let table = "resume-acme";
    deploy(&client, &model, &design, table).await;
    let (sample, _) = sample(&model, &design, 200);
    let total = sample.items.len();
    let checkpoint = data.path().join("seed-checkpoint.json");
    let options = options(&checkpoint);
    let done = interrupted_seed(&local, &client, table, &sample, &options).await;

    let resumed =
        seed(&client, table, &sample, &options, &support::NoProgress).await.unwrap_or_else(|e| panic!("resume: {e}"));
    assert_eq!(resumed.resumed, done, "the batches recorded before the crash are not sent again");
    assert_eq!(resumed.lost, None);
    assert_eq!(resumed.resumed + resumed.written, resumed.batches);
    assert_eq!(resumed.count, Some(total as u64));
    assert!(!checkpoint.exists(), "a finished seed leaves no checkpoint");

    // Every item exactly once, with the very attributes generated.
    let mut seen: HashMap<_, usize> = HashMap::new();
    let mut start = None;
    let by_key = sample.by_key();
    loop {
        let out = client.scan().table_name(table).set_exclusive_start_key(start.take()).send().await.unwrap();
        for item in out.items.unwrap_or_default() {
            let item = from_item(&item);
            let key = key_of(&item, &sample.key_names);
            let expected = by_key.get(&key).unwrap_or_else(|| panic!("{key} is no sample item"));
            assert!(
                expected.attributes.len() == item.len()
                    && expected.attributes.iter().all(|(k, v)| item.get(k).is_some_and(|w| same(v, w))),
                "{key} differs from the sample"
            );
            *seen.entry(key).or_default() += 1;
        }
        match out.last_evaluated_key {
            Some(k) if !k.is_empty() => start = Some(k),
            _ => break,
        }
    }
    assert_eq!(seen.len(), total, "every sample item is in the table");
    assert!(seen.values().all(|&n| n == 1));
}
