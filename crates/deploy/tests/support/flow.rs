//! The steps a user takes, as the tests take them: deploy, seed, prove.
#![allow(dead_code)]

use std::time::Duration;

use aws_sdk_dynamodb::Client;
use tablewright_deploy::apply::{apply, ApplyOptions, Progress};
use tablewright_deploy::prove::{ProveOptions, ProveReport, Prover};
use tablewright_deploy::seed::{seed, Quiet, SeedOptions, SeedReport};
use tablewright_deploy::{connect, plan_at, DeployError, DeployPlan, Target};
use tablewright_engine::design::Design;
use tablewright_engine::sample::{generate, Sample, SampleOptions};
use tablewright_engine::table_spec::TableSpec;
use tablewright_engine::Model;

pub async fn client(endpoint: &str) -> Client {
    connect(&Target::Local { endpoint: endpoint.to_string() }).await.client()
}

/// The plan as the CLI and the app make it: the table's definition, and the keys of its items.
pub async fn plan_for(client: &Client, model: &Model, design: &Design, table: &str) -> DeployPlan {
    let spec = TableSpec::new(model, design, Some(table));
    plan_at(client, &spec, model, design).await.expect("DescribeTable and Scan answer").1
}

pub async fn deploy_with(
    client: &Client,
    model: &Model,
    design: &Design,
    table: &str,
    allow_destroy: bool,
) -> Result<DeployPlan, DeployError> {
    let plan = plan_for(client, model, design, table).await;
    let options = ApplyOptions { allow_destroy, confirmed: false, wait: Duration::from_secs(120) };
    apply(client, &plan, &options, &mut Progress::to(&mut |_| {})).await?;
    Ok(plan)
}

pub async fn deploy(client: &Client, model: &Model, design: &Design, table: &str) -> DeployPlan {
    deploy_with(client, model, design, table, false).await.unwrap_or_else(|e| panic!("deploy {table}: {e}"))
}

pub fn sample(model: &Model, design: &Design, items: usize) -> (Sample, SampleOptions) {
    let options = SampleOptions { items_per_entity: items, seed: 42, as_of: SampleOptions::month_start(now()) };
    (generate(model, design, &options).expect("sample data"), options)
}

/// A table deployed from `design` and seeded with `items` items of every entity.
pub async fn seeded(
    client: &Client,
    model: &Model,
    design: &Design,
    table: &str,
    items: usize,
) -> (Sample, SampleOptions) {
    deploy(client, model, design, table).await;
    let (sample, options) = sample(model, design, items);
    seed_all(client, table, &sample).await;
    (sample, options)
}

pub async fn seed_all(client: &Client, table: &str, sample: &Sample) -> SeedReport {
    seed(client, table, sample, &SeedOptions::default(), &Quiet).await.unwrap_or_else(|e| panic!("seed {table}: {e}"))
}

pub async fn prove(
    client: &Client,
    table: &str,
    model: &Model,
    design: &Design,
    sample: &Sample,
    options: &SampleOptions,
) -> ProveReport {
    prove_only(client, table, model, design, sample, options, &[]).await
}

/// The proof of the patterns `only` (all when empty).
pub async fn prove_only(
    client: &Client,
    table: &str,
    model: &Model,
    design: &Design,
    sample: &Sample,
    options: &SampleOptions,
    only: &[String],
) -> ProveReport {
    let prover = Prover { client, table, model, design, sample, sample_options: options };
    prover
        .prove(&ProveOptions { trials: 3, only: only.to_vec(), ..ProveOptions::default() })
        .await
        .unwrap_or_else(|e| panic!("prove {table}: {e}"))
}

/// Failed patterns with their reasons, for assertion messages.
pub fn failures(report: &ProveReport) -> String {
    report
        .patterns
        .iter()
        .filter(|p| !p.pass)
        .map(|p| format!("{} ({}): {}", p.pattern, p.plan, p.failures.join(" | ")))
        .collect::<Vec<_>>()
        .join("\n")
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}
