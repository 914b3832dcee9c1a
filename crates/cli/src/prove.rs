//! `prove`: every access pattern run against the live table and checked against the
//! answer computed from the model over the same sample data.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use serde::Serialize;
use tablewright_deploy::connect;
use tablewright_deploy::prove::{PatternReport, ProveOptions, ProveReport, Prover};
use tablewright_deploy::scratch::{delete_leftovers, prove_on_scratch_until, scratch_tables, ScratchProof};
use tablewright_deploy::target::Connection;

use crate::sample::{load_sample, SampleArgs};
use crate::target::{block_on, TargetArgs};

#[derive(Args)]
pub struct ProveArgs {
    /// The model file.
    model: PathBuf,
    #[command(flatten)]
    target: TargetArgs,
    #[command(flatten)]
    sample: SampleArgs,
    /// Parameter sets drawn from the sample per read pattern.
    #[arg(long, default_value_t = 5)]
    trials: usize,
    /// Only these patterns (repeatable), e.g. --pattern AP19.
    #[arg(long = "pattern", value_name = "ID")]
    patterns: Vec<String>,
    /// Prove on a scratch table instead: create it from the design, seed the
    /// sample into it, prove, and delete it again (what the app's Prove does).
    #[arg(long, conflicts_with = "table")]
    scratch: bool,
    /// With --scratch: delete the scratch tables earlier runs left behind (a run
    /// killed outright cannot delete its own), and prove nothing. A table that a
    /// proof still running on this machine uses is left alone; one running on
    /// another machine cannot be told from one left behind.
    #[arg(long, requires = "scratch")]
    clean: bool,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &ProveArgs) -> Result<ExitCode> {
    let (model, design, sample, sample_options) = load_sample(&args.model, &args.sample)?;
    let table = args.target.table_name(&model).to_string();
    let target = args.target.target()?;
    let options = ProveOptions { trials: args.trials, only: args.patterns.clone(), check_count: true };
    if args.scratch {
        let scratch_proof = block_on(async {
            let connection = connect(&target).await;
            let found = scratch_tables(&connection.client(), &model.table.name).await?;
            if !found.running.is_empty() {
                eprintln!(
                    "note: {} scratch table(s) in use by a proof still running here, left alone: {}",
                    found.running.len(),
                    found.running.join(", ")
                );
            }
            if args.clean {
                return clean(&connection, &found.left).await.map(|()| None);
            }
            if !found.left.is_empty() {
                eprintln!(
                    "note: earlier runs left {} scratch table(s): {}; delete them with `tablewright prove {} --scratch --clean`",
                    found.left.len(),
                    found.left.join(", "),
                    args.model.display()
                );
            }
            let stop = interrupted();
            let scratch_proof = prove_on_scratch_until(&connection, &model, &design, &sample, &sample_options, &options, stop).await?;
            Ok::<_, anyhow::Error>(Some(scratch_proof))
        })?
        .with_context(|| format!("proving on a scratch table at {}", target.describe()))?;
        return match scratch_proof {
            Some(scratch_proof) => reported(&scratch_proof, args.json, scratch_proof_text, scratch_proof.proof.pass()),
            None => Ok(ExitCode::SUCCESS),
        };
    }
    let report = block_on(async {
        let client = connect(&target).await.client();
        let prover = Prover {
            client: &client,
            table: &table,
            model: &model,
            design: &design,
            sample: &sample,
            sample_options: &sample_options,
        };
        prover.prove(&options).await
    })?
    .with_context(|| format!("proving {table} at {}", target.describe()))?;
    reported(&report, args.json, text, report.pass())
}

/// Ctrl-C or SIGTERM: the scratch table is deleted before the process ends.
async fn interrupted() {
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    let term = async {
        match terminate.as_mut() {
            Some(signal) => signal.recv().await.map_or((), |()| ()),
            None => std::future::pending().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = term => {}
    }
}

async fn clean(connection: &Connection, leftovers: &[String]) -> Result<()> {
    let failed = delete_leftovers(&connection.client(), leftovers).await;
    for table in leftovers.iter().filter(|t| !failed.iter().any(|(f, _)| f == *t)) {
        println!("deleted {table}");
    }
    if leftovers.is_empty() {
        println!("no scratch tables left behind");
    }
    match failed.first() {
        Some((table, why)) => anyhow::bail!("could not delete {table}: {why}"),
        None => Ok(()),
    }
}

/// Prints the report as JSON or as text; exit status 0 when every pattern passed.
fn reported<R: Serialize>(report: &R, json: bool, text: fn(&R) -> String, pass: bool) -> Result<ExitCode> {
    if json {
        println!("{}", serde_json::to_string_pretty(report)?);
    } else {
        print!("{}", text(report));
    }
    Ok(if pass { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn scratch_proof_text(r: &ScratchProof) -> String {
    let mut out = format!(
        "Scratch table {}: created in {:.1} s, {} items seeded in {:.1} s, proven in {:.1} s, deleted{}\n\n",
        r.table,
        r.create_seconds,
        r.items,
        r.seed_seconds,
        r.prove_seconds,
        r.left_behind.as_deref().map(|why| format!(" — NOT: {why}")).unwrap_or_default()
    );
    out.push_str(&text(&r.proof));
    out
}

fn result(p: &PatternReport) -> &'static str {
    match (p.pass, p.untried_whole()) {
        (true, _) => "pass",
        (false, true) => "untried",
        (false, false) => "FAIL",
    }
}

fn text(report: &ProveReport) -> String {
    let mut out = format!("Proof of table {} against the oracle\n\n", report.table);
    out.push_str(&format!(
        "{:<6} {:<7} {:>19} {:>9} {:>9}  {}\n",
        "id", "result", "items (got/expect)", "capacity", "ms/run", "plan"
    ));
    for p in &report.patterns {
        let items = if p.scenarios.is_empty() {
            format!("{}/{}", p.returned, p.expected)
        } else {
            format!("{} scenario{}", p.scenarios.len(), crate::render::plural(p.scenarios.len()))
        };
        out.push_str(&format!(
            "{:<6} {:<7} {:>19} {:>9.1} {:>9.1}  {}  ({})\n",
            p.pattern,
            result(p),
            items,
            p.capacity,
            p.latency_ms,
            p.plan,
            p.name
        ));
        for s in &p.scenarios {
            let outcome = if s.succeeded {
                "succeeded".to_string()
            } else {
                format!("rejected: {}", s.rejection.as_deref().unwrap_or("error"))
            };
            out.push_str(&format!("         {} {} [{outcome}]\n", if s.pass { "ok  " } else { "FAIL" }, s.name));
        }
        for u in &p.untried {
            out.push_str(&format!("         not tried: {u}\n"));
        }
        for f in p.failures.iter().take(5) {
            out.push_str(&format!("         ! {f}\n"));
        }
        for c in &p.cause {
            out.push_str(&format!("         cause: {c}\n"));
        }
        for fix in &p.fixes {
            out.push_str(&format!("         fix: {}\n", fix.label));
        }
    }
    out.push_str(&format!("\n{}", report.summary));
    out.push('\n');
    out
}
