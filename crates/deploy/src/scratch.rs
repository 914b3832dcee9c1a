//! A proof on a scratch table: the design created on a DynamoDB (Local, in
//! practice), the sample data loaded, every access pattern proven, and the table
//! deleted again. What the user owns is never touched: the table's name is the
//! model's with a suffix this run chose, and the only table deleted is the one
//! this run created, holding nothing but generated sample data.

use std::future::Future;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use aws_sdk_dynamodb::operation::delete_table::DeleteTableError;
use aws_sdk_dynamodb::Client;

use serde::Serialize;
use tablewright_engine::design::Design;
use tablewright_engine::model::Model;
use tablewright_engine::sample::{Sample, SampleOptions};
use thiserror::Error;

use crate::apply::{apply, ApplyOptions, Progress};
use crate::diff::plan;
use crate::error::{message, DeployError, ProveError, SeedError};
use crate::lease::{self, Lease};
use crate::prove::{ProveOptions, ProveReport, Prover};
use crate::seed::{seed, Quiet, SeedOptions};
use crate::target::Connection;
use tablewright_engine::table_spec::TableSpec;

/// What a proof on a scratch table did, stage by stage, and the proof itself.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScratchProof {
    /// The scratch table, gone again when the proof ends.
    pub table: String,
    pub items: usize,
    pub create_seconds: f64,
    pub seed_seconds: f64,
    pub prove_seconds: f64,
    pub proof: ProveReport,
    /// The scratch table could not be deleted (the endpoint went away): why.
    pub left_behind: Option<String>,
}

/// Each stage's error is in the message, not a source, so that a chain printed
/// whole (the CLI's) says it once.
#[derive(Debug, Error)]
pub enum ScratchProofError {
    #[error("creating the scratch table: {0}")]
    Create(DeployError),
    #[error("loading the sample data: {0}")]
    Seed(SeedError),
    #[error("proving: {0}")]
    Prove(ProveError),
    #[error("interrupted; the scratch table {table} {}", left_behind.as_deref().map_or("was deleted".to_string(), |why| format!("could NOT be deleted: {why}")))]
    Interrupted { table: String, left_behind: Option<String> },
}

/// Creates a scratch table for `design`, seeds `sample` into it, proves every
/// pattern, and deletes the table whatever happened after it was created.
pub async fn prove_on_scratch(
    connection: &Connection,
    model: &Model,
    design: &Design,
    sample: &Sample,
    sample_options: &SampleOptions,
    options: &ProveOptions,
) -> Result<ScratchProof, ScratchProofError> {
    prove_on_scratch_until(connection, model, design, sample, sample_options, options, std::future::pending()).await
}

/// [`prove_on_scratch`], stopped when `stop` completes (the CLI's Ctrl-C or SIGTERM):
/// whatever stage it is in is abandoned and the scratch table deleted all the same.
pub async fn prove_on_scratch_until(
    connection: &Connection,
    model: &Model,
    design: &Design,
    sample: &Sample,
    sample_options: &SampleOptions,
    options: &ProveOptions,
    stop: impl Future<Output = ()>,
) -> Result<ScratchProof, ScratchProofError> {
    let client = connection.client();
    let table = scratch_name(&model.table.name);
    // Held until the table is gone, so that `--clean` elsewhere leaves it be.
    // Without one (no temporary directory), the run proves all the same.
    let lease = Lease::take(&table).ok();
    let mut spec = TableSpec::new(model, design, Some(&table));
    // A scratch table must be deletable by the run that made it.
    spec.deletion_protection = false;

    let stages = async {
        let started = Instant::now();
        let wait = ApplyOptions { allow_destroy: false, confirmed: false, wait: Duration::from_secs(120) };
        apply(&client, &plan(&spec, None), &wait, &mut Progress::to(&mut |_| {}))
            .await
            .map_err(ScratchProofError::Create)?;
        let create_seconds = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let seeding = SeedOptions::default();
        seed(&connection.client_without_retries(), &table, sample, &seeding, &Quiet)
            .await
            .map_err(ScratchProofError::Seed)?;
        let seed_seconds = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let prover = Prover { client: &client, table: &table, model, design, sample, sample_options };
        let proof = prover.prove(options).await.map_err(ScratchProofError::Prove)?;
        Ok::<_, ScratchProofError>((create_seconds, seed_seconds, started.elapsed().as_secs_f64(), proof))
    };
    let outcome = tokio::select! {
        outcome = stages => Some(outcome),
        () = stop => None,
    };

    let left_behind = delete_scratch(&client, &table).await;
    drop(lease);
    let Some(outcome) = outcome else { return Err(ScratchProofError::Interrupted { table, left_behind }) };
    let (create_seconds, seed_seconds, prove_seconds, proof) = outcome?;
    Ok(ScratchProof {
        table,
        items: sample.items.len(),
        create_seconds,
        seed_seconds,
        prove_seconds,
        proof,
        left_behind,
    })
}

/// Deletes a scratch table, waiting out a table still being created; `None` when
/// it is gone (or never came to be), else why it is still there.
async fn delete_scratch(client: &Client, table: &str) -> Option<String> {
    let started = Instant::now();
    loop {
        let err = match client.delete_table().table_name(table).send().await {
            Ok(_) => return None,
            Err(e) => e,
        };
        match err.as_service_error() {
            Some(DeleteTableError::ResourceNotFoundException(_)) => return None,
            Some(DeleteTableError::ResourceInUseException(_)) if started.elapsed() < Duration::from_secs(120) => {
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            _ => return Some(message(&err)),
        }
    }
}

/// The scratch tables of a model's table on an endpoint, by name.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ScratchTables {
    /// Left behind by earlier runs (killed with SIGKILL, or the endpoint gone
    /// before the delete): deletable.
    pub left: Vec<String>,
    /// In use by a proof still running on this machine: never deleted.
    pub running: Vec<String>,
}

/// The scratch tables of `model_table` there are, each left behind or in use.
/// A proof running on another machine holds no lease here: its table counts
/// as left behind.
pub async fn scratch_tables(client: &Client, model_table: &str) -> Result<ScratchTables, DeployError> {
    let prefix = format!("{}-proof-", scratch_stem(model_table));
    let mut found = Vec::new();
    let mut pages = client.list_tables().into_paginator().items().send();
    while let Some(name) = pages.next().await {
        let name = name.map_err(|e| DeployError::Aws {
            operation: "ListTables",
            table: model_table.to_string(),
            message: message(&e),
        })?;
        let suffix = name.strip_prefix(&prefix).unwrap_or_default();
        if !suffix.is_empty() && suffix.chars().all(|c| c.is_ascii_hexdigit()) {
            found.push(name);
        }
    }
    let (running, left) = found.into_iter().partition(|t| lease::held(t));
    Ok(ScratchTables { left, running })
}

/// Deletes the scratch tables `scratch_tables` found left behind: each that could not
/// be, with why.
pub async fn delete_leftovers(client: &Client, tables: &[String]) -> Vec<(String, String)> {
    let mut failed = Vec::new();
    for table in tables {
        if let Some(why) = delete_scratch(client, table).await {
            failed.push((table.clone(), why));
        }
    }
    failed
}

/// `acme-bank-proof-18c1f…`: the model's table name and this run's start time,
/// within DynamoDB's 255 characters.
fn scratch_name(table: &str) -> String {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or_default();
    format!("{}-proof-{nanos:x}", scratch_stem(table))
}

/// The part of the model's table name a scratch name keeps: room is left for the
/// longest suffix (`-proof-` and 32 hex digits) within 255 characters.
fn scratch_stem(table: &str) -> String {
    table.chars().take(255 - "-proof-".len() - 32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_names_are_the_models_own_and_valid() {
        let name = scratch_name("acme-bank");
        assert!(name.starts_with("acme-bank-proof-"));
        assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c)));
        assert!(scratch_name(&"t".repeat(300)).len() <= 255);
    }
}
