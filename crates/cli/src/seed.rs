//! `seed`: the sample data written into the live table, with a progress bar;
//! resumable, so an interrupted seed picks up where it stopped.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use tablewright_deploy::connect;
use tablewright_deploy::seed::{seed, Progress, SeedOptions};

use crate::sample::{load_sample, SampleArgs};
use crate::target::{block_on, TargetArgs};

#[derive(Args)]
pub struct SeedArgs {
    /// The model file.
    model: PathBuf,
    #[command(flatten)]
    target: TargetArgs,
    #[command(flatten)]
    sample: SampleArgs,
    /// Batches of 25 in flight at once.
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
    /// Where progress is recorded for resuming (default .tablewright/seed-TABLE.json).
    #[arg(long, value_name = "FILE")]
    checkpoint: Option<PathBuf>,
    /// Start over, ignoring a checkpoint of an interrupted seed.
    #[arg(long)]
    restart: bool,
    /// Print the result as one JSON object: {"table", "items", "batches", "resumed",
    /// "written", "retries", "seconds", "items_per_second", "count", "lost"}.
    #[arg(long)]
    json: bool,
}

/// The CLI's progress bar: on standard error, and drawn only on a terminal.
struct Bar(ProgressBar);

impl Progress for Bar {
    fn begin(&self, total: usize, done: usize) {
        self.0.set_length(total as u64);
        self.0.set_position(done as u64);
    }

    fn advance(&self, items: usize) {
        self.0.inc(items as u64);
    }
}

pub fn run(args: &SeedArgs) -> Result<ExitCode> {
    let (model, _, sample, options) = load_sample(&args.model, &args.sample)?;
    let table = args.target.table_name(&model).to_string();
    let target = args.target.target()?;
    let checkpoint =
        args.checkpoint.clone().unwrap_or_else(|| PathBuf::from(".tablewright").join(format!("seed-{table}.json")));
    if let Some(dir) = checkpoint.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    eprintln!(
        "Seeding {} items into {table} at {} (sample {}; checkpoint {})",
        sample.items.len(),
        target.describe(),
        SampleArgs::describe(&options),
        checkpoint.display()
    );
    let bar = ProgressBar::new(sample.items.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} items  {per_sec}  eta {eta}").expect("a valid template"),
    );
    let seed_options = SeedOptions {
        concurrency: args.concurrency,
        checkpoint: Some(checkpoint),
        restart: args.restart,
        ..SeedOptions::default()
    };
    let report = block_on(async {
        let client = connect(&target).await.client_without_retries();
        seed(&client, &table, &sample, &seed_options, &Bar(bar.clone())).await
    })?;
    bar.finish_and_clear();
    let report = report.with_context(|| format!("seeding {table}"))?;
    if args.json {
        let result = serde_json::json!({
            "table": table,
            "items": report.items,
            "batches": report.batches,
            "resumed": report.resumed,
            "written": report.written,
            "retries": report.retries,
            "seconds": report.elapsed.as_secs_f64(),
            "items_per_second": report.items_per_second(),
            "count": report.count,
            "lost": report.lost,
        });
        println!("{}", serde_json::to_string_pretty(&result)?);
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(lost) = report.lost {
        println!("the table had lost {lost} items the checkpoint recorded as written: every batch was written again");
    }
    if report.resumed > 0 {
        println!("resumed: {} of {} batches were already written", report.resumed, report.batches);
    }
    println!(
        "wrote {} items in {} batches in {:.2} s ({:.0} items/s, {} retries)",
        (report.written * 25).min(report.items),
        report.written,
        report.elapsed.as_secs_f64(),
        report.items_per_second(),
        report.retries
    );
    if let Some(count) = report.count {
        println!("verified: the table holds {count} items, as many as the sample");
    }
    Ok(ExitCode::SUCCESS)
}
