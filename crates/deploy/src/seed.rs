//! Seeding: the sample's items through BatchWriteItem, 25 to a batch with several
//! batches in flight; UnprocessedItems and throttling retried with backoff until
//! every item lands; progress reported as batches complete; a checkpoint so an
//! interrupted seed resumes; the table's item count checked at the end.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::types::{PutRequest, Select, WriteRequest};
use aws_sdk_dynamodb::Client;
use futures::stream::{self, StreamExt};
use tablewright_engine::sample::{Rng, Sample};

use crate::checkpoint::Checkpoint;
use crate::convert::to_item;
use crate::error::{build_message, message, SeedError};
use crate::retry::{backoff, classify, Class};

/// BatchWriteItem takes at most 25 put or delete requests.
pub const BATCH: usize = 25;

#[derive(Debug, Clone)]
pub struct SeedOptions {
    /// Batches in flight at once.
    pub concurrency: usize,
    /// Where the checkpoint lives; none: no resuming.
    pub checkpoint: Option<PathBuf>,
    /// Ignore an existing checkpoint and write every batch.
    pub restart: bool,
    /// Attempts per batch while the endpoint does not answer at all.
    pub unreachable_attempts: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
    /// Count the table's items at the end and compare.
    pub verify: bool,
}

impl Default for SeedOptions {
    fn default() -> Self {
        SeedOptions {
            concurrency: 8,
            checkpoint: None,
            restart: false,
            unreachable_attempts: 8,
            base_delay: Duration::from_millis(25),
            max_delay: Duration::from_secs(5),
            verify: true,
        }
    }
}

/// Hears of the seed's progress (the CLI draws a bar).
pub trait Progress: Sync {
    fn begin(&self, _total_items: usize, _already_written: usize) {}
    fn advance(&self, _items: usize) {}
}

/// Reports nothing.
pub struct Quiet;
impl Progress for Quiet {}

#[derive(Debug, Clone, PartialEq)]
pub struct SeedReport {
    pub items: usize,
    pub batches: usize,
    /// Batches a previous, interrupted run had written (skipped now).
    pub resumed: usize,
    pub written: usize,
    /// Batches sent again for their unprocessed items or after throttling.
    pub retries: usize,
    /// Time spent writing (sample generation and the count excluded).
    pub elapsed: Duration,
    /// Items the table holds at the end, when verified.
    pub count: Option<u64>,
    /// Items the checkpoint recorded as written that the table no longer held
    /// (every batch was then written again).
    pub lost: Option<u64>,
}

impl SeedReport {
    pub fn items_per_second(&self) -> f64 {
        let written_items = (self.written * BATCH).min(self.items);
        written_items as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

pub async fn seed(
    client: &Client,
    table: &str,
    sample: &Sample,
    options: &SeedOptions,
    progress: &dyn Progress,
) -> Result<SeedReport, SeedError> {
    let batches: Vec<Vec<WriteRequest>> = sample
        .items
        .chunks(BATCH)
        .map(|chunk| {
            chunk
                .iter()
                .map(|item| {
                    let put = PutRequest::builder().set_item(Some(to_item(&item.attributes))).build();
                    put.map(|p| WriteRequest::builder().put_request(p).build())
                        .map_err(|e| SeedError::Build(build_message(e)))
                })
                .collect()
        })
        .collect::<Result<_, _>>()?;
    let mut checkpoint = Checkpoint::new(table, sample.fingerprint(), sample.items.len(), batches.len());
    let mut done: BTreeSet<usize> = BTreeSet::new();
    if let (Some(path), false) = (&options.checkpoint, options.restart) {
        if let Some(found) = Checkpoint::load(path, &checkpoint)? {
            done = found.done_set();
        }
    }
    // The checkpoint says what an earlier run wrote, not what the table still
    // holds (a DynamoDB Local restarted in memory, a table emptied by hand): with
    // fewer items than it records, every batch is written again. Puts of the same
    // items are idempotent, so nothing is duplicated.
    let mut lost = None;
    if !done.is_empty() {
        let recorded: usize = done.iter().map(|&i| batches[i].len()).sum();
        let present = count_items(client, table).await?;
        if present < recorded as u64 {
            lost = Some(recorded as u64 - present);
            done.clear();
        }
    }
    let resumed = done.len();
    let pending: Vec<usize> = (0..batches.len()).filter(|i| !done.contains(i)).collect();
    let items_done: usize = done.iter().map(|&i| batches[i].len()).sum();
    progress.begin(sample.items.len(), items_done);

    let start = Instant::now();
    let mut results = stream::iter(pending)
        .map(|i| {
            let batch = &batches[i];
            async move { (i, write_batch(client, table, batch, options, i).await) }
        })
        .buffer_unordered(options.concurrency.max(1));
    let mut retries = 0;
    let mut written = 0;
    let mut last_save = Instant::now();
    let mut failure = None;
    while let Some((i, result)) = results.next().await {
        match result {
            Ok(r) => {
                retries += r;
                written += 1;
                done.insert(i);
                progress.advance(batches[i].len());
                if options.checkpoint.is_some() && last_save.elapsed() > Duration::from_millis(250) {
                    save(&mut checkpoint, &done, options).await?;
                    last_save = Instant::now();
                }
            }
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    drop(results);
    let elapsed = start.elapsed();
    if options.checkpoint.is_some() {
        save(&mut checkpoint, &done, options).await?;
    }
    if let Some(e) = failure {
        return Err(match e {
            SeedError::Unreachable { message, attempts, .. } => {
                SeedError::Unreachable { message, attempts, done: done.len(), total: batches.len() }
            }
            other => other,
        });
    }
    let count = if options.verify { Some(count_items(client, table).await?) } else { None };
    if let Some(found) = count {
        if found != sample.items.len() as u64 {
            return Err(SeedError::CountMismatch { expected: sample.items.len(), found });
        }
    }
    // Every batch is in and counted: nothing is left to resume.
    if let Some(path) = &options.checkpoint {
        let _ = std::fs::remove_file(path);
    }
    Ok(SeedReport {
        items: sample.items.len(),
        batches: batches.len(),
        resumed,
        written,
        retries,
        elapsed,
        count,
        lost,
    })
}

async fn save(checkpoint: &mut Checkpoint, done: &BTreeSet<usize>, options: &SeedOptions) -> Result<(), SeedError> {
    let Some(path) = options.checkpoint.clone() else { return Ok(()) };
    checkpoint.set_done(done);
    let snapshot = checkpoint.clone();
    tokio::task::spawn_blocking(move || snapshot.save(&path))
        .await
        .map_err(|e| SeedError::Checkpoint { path: String::new(), message: e.to_string() })?
}

/// Writes one batch, retrying until every item is in; returns how many times it
/// had to send again.
async fn write_batch(
    client: &Client,
    table: &str,
    batch: &[WriteRequest],
    options: &SeedOptions,
    index: usize,
) -> Result<usize, SeedError> {
    let mut requests = batch.to_vec();
    let mut rng = Rng::new(index as u64);
    let mut attempt = 0;
    let mut unreachable = 0;
    let mut retries = 0;
    loop {
        let sent = client.batch_write_item().request_items(table, requests.clone()).send().await;
        match sent {
            Ok(out) => {
                let left = out.unprocessed_items.and_then(|mut m| m.remove(table)).unwrap_or_default();
                if left.is_empty() {
                    return Ok(retries);
                }
                requests = left;
            }
            Err(e) => match classify(&e) {
                Class::Throttled => {}
                Class::Unreachable => {
                    unreachable += 1;
                    if unreachable >= options.unreachable_attempts {
                        return Err(SeedError::Unreachable {
                            message: message(&e),
                            attempts: unreachable,
                            done: 0,
                            total: 0,
                        });
                    }
                }
                Class::Fatal => {
                    return Err(SeedError::Aws {
                        operation: "BatchWriteItem",
                        table: table.to_string(),
                        message: message(&e),
                    });
                }
            },
        }
        retries += 1;
        tokio::time::sleep(backoff(attempt, options.base_delay, options.max_delay, &mut rng)).await;
        attempt += 1;
    }
}

/// The table's items, counted by a parallel Scan (Select COUNT reads no attributes).
pub async fn count_items(client: &Client, table: &str) -> Result<u64, SeedError> {
    const SEGMENTS: i32 = 4;
    let counts = futures::future::try_join_all((0..SEGMENTS).map(|segment| async move {
        let mut total = 0u64;
        let mut start = None;
        loop {
            let out = client
                .scan()
                .table_name(table)
                .select(Select::Count)
                .segment(segment)
                .total_segments(SEGMENTS)
                .set_exclusive_start_key(start.take())
                .send()
                .await
                .map_err(|e| SeedError::Aws { operation: "Scan", table: table.to_string(), message: message(&e) })?;
            total += out.count as u64;
            match out.last_evaluated_key {
                Some(key) if !key.is_empty() => start = Some(key),
                _ => return Ok::<u64, SeedError>(total),
            }
        }
    }))
    .await?;
    Ok(counts.iter().sum())
}
