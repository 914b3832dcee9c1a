//! A proof on a scratch table: the design created on a DynamoDB (Local, in
//! practice), the sample data loaded, every access pattern proven, and the table
//! deleted again. What the user owns is never touched: the table's name is the
//! model's with a suffix this run chose, and the only table deleted is the one
//! this run created, holding nothing but generated sample data.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use tablewright_engine::design::Design;
use tablewright_engine::model::Model;
use tablewright_engine::sample::{Sample, SampleOptions};
use thiserror::Error;

use crate::apply::{apply, ApplyOptions};
use crate::diff::plan;
use crate::error::{message, DeployError, ProveError, SeedError};
use crate::prove::{ProveOptions, ProveReport, Prover};
use crate::seed::{seed, Quiet, SeedOptions};
use crate::spec::TableSpec;
use crate::target::Connection;

/// What a rehearsal did, stage by stage, and the proof itself.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Rehearsal {
    /// The scratch table, gone again when the rehearsal ends.
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
pub enum RehearsalError {
    #[error("creating the scratch table: {0}")]
    Create(DeployError),
    #[error("loading the sample data: {0}")]
    Seed(SeedError),
    #[error("proving: {0}")]
    Prove(ProveError),
}

/// Creates a scratch table for `design`, seeds `sample` into it, proves every
/// pattern, and deletes the table whatever happened after it was created.
pub async fn rehearse(
    connection: &Connection,
    model: &Model,
    design: &Design,
    sample: &Sample,
    sample_options: &SampleOptions,
    options: &ProveOptions,
) -> Result<Rehearsal, RehearsalError> {
    let client = connection.client();
    let table = scratch_name(&model.table.name);
    let mut spec = TableSpec::new(model, design, Some(&table));
    // A scratch table must be deletable by the run that made it.
    spec.deletion_protection = false;
    let started = Instant::now();
    let wait = ApplyOptions { allow_destroy: false, confirmed: false, wait: Duration::from_secs(120) };
    apply(&client, &plan(&spec, None), &wait, &mut |_| {}).await.map_err(RehearsalError::Create)?;
    let create_seconds = started.elapsed().as_secs_f64();

    let outcome = async {
        let started = Instant::now();
        let seeding = SeedOptions::default();
        seed(&connection.client_without_retries(), &table, sample, &seeding, &Quiet)
            .await
            .map_err(RehearsalError::Seed)?;
        let seed_seconds = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let prover = Prover { client: &client, table: &table, model, design, sample, sample_options };
        let proof = prover.prove(options).await.map_err(RehearsalError::Prove)?;
        Ok::<_, RehearsalError>((seed_seconds, started.elapsed().as_secs_f64(), proof))
    }
    .await;

    let left_behind = client.delete_table().table_name(&table).send().await.err().map(|e| message(&e));
    let (seed_seconds, prove_seconds, proof) = outcome?;
    Ok(Rehearsal { table, items: sample.items.len(), create_seconds, seed_seconds, prove_seconds, proof, left_behind })
}

/// `acme-bank-proof-18c1f…`: the model's table name and this run's start time,
/// within DynamoDB's 255 characters.
fn scratch_name(table: &str) -> String {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or_default();
    let suffix = format!("-proof-{nanos:x}");
    let keep = 255 - suffix.len();
    let stem: String = table.chars().take(keep).collect();
    format!("{stem}{suffix}")
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
