//! `deploy`: the plan that brings the live table in line with the model, shown,
//! then applied (unless `--plan`); destroying anything needs `--allow-destroy`.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use tablewright_deploy::apply::{apply, authorize, ApplyEvent, ApplyOptions, Progress};
use tablewright_deploy::{connect, plan_at};
use tablewright_engine::design::derive;
use tablewright_engine::load_file;
use tablewright_engine::table_spec::TableSpec;

use crate::target::{block_on, TargetArgs};

#[derive(Args)]
pub struct DeployArgs {
    /// The model file.
    model: PathBuf,
    #[command(flatten)]
    target: TargetArgs,
    /// Show the plan and change nothing.
    #[arg(long)]
    plan: bool,
    /// Apply without asking (and confirm the loss of a table that must be recreated).
    #[arg(long)]
    yes: bool,
    /// Allow deleting GSIs, and (with --yes) replacing the table, losing its items.
    #[arg(long)]
    allow_destroy: bool,
    /// With --plan: exit 0 when the table matches the model, 2 when changes are
    /// pending or its items are keyed otherwise than the design keys them (1
    /// stays an error), as `terraform plan -detailed-exitcode` does.
    #[arg(long, requires = "plan")]
    detailed_exitcode: bool,
    /// Print the plan (and the outcome) as JSON: {"table", "target", "changes": [{"change": ..., ...}], "notes", "warnings", "applied"}.
    #[arg(long)]
    json: bool,
}

/// What `deploy --json` prints.
#[derive(serde::Serialize)]
struct Report<'a> {
    table: &'a str,
    target: String,
    changes: &'a [tablewright_deploy::Change],
    /// Whether each change destroys data, in the order of `changes`.
    destructive: Vec<bool>,
    notes: &'a [String],
    /// Items of the table keyed otherwise than the design keys them.
    warnings: &'a [String],
    applied: bool,
}

pub fn run(args: &DeployArgs) -> Result<ExitCode> {
    let model = load_file(&args.model)?;
    let design = derive(&model);
    let spec = TableSpec::new(&model, &design, args.target.table.as_deref());
    let target = args.target.target()?;
    block_on(async {
        let connection = connect(&target).await;
        let client = connection.client();
        let place = connection.describe(&target).await;
        let (_, plan) = plan_at(&client, &spec, &model, &design)
            .await
            .with_context(|| format!("cannot read table {} at {place}", spec.name))?;
        let report = |applied: bool| -> Result<()> {
            let report = Report {
                table: &spec.name,
                target: place.clone(),
                changes: &plan.changes,
                destructive: plan.changes.iter().map(|c| c.destructive()).collect(),
                notes: &plan.notes,
                warnings: &plan.warnings,
                applied,
            };
            println!("{}", serde_json::to_string_pretty(&report)?);
            Ok(())
        };
        if !args.json {
            println!("Plan for table {} at {place}:", spec.name);
            match (plan.is_empty(), plan.warnings.is_empty()) {
                (true, true) => println!("  no changes: the table matches the model"),
                (true, false) => {
                    println!("  no changes to the table's definition, but its items do not match the design:")
                }
                _ => {}
            }
            for change in &plan.changes {
                println!("  {change}");
            }
            for note in &plan.notes {
                println!("  note: {note}");
            }
            for warning in &plan.warnings {
                println!("  warning: {warning}");
            }
        }
        if args.plan || plan.is_empty() {
            if args.json {
                report(false)?;
            }
            let pending = args.detailed_exitcode && !(plan.is_empty() && plan.warnings.is_empty());
            return Ok(if pending { ExitCode::from(2) } else { ExitCode::SUCCESS });
        }
        let options =
            ApplyOptions { allow_destroy: args.allow_destroy, confirmed: args.yes, wait: Duration::from_secs(3600) };
        if let Err(e) = authorize(&plan, &options) {
            eprintln!("error: {e}");
            return Ok(ExitCode::FAILURE);
        }
        if !args.yes && !std::io::stdin().is_terminal() {
            // No one to ask: a script must say --yes to change a table.
            eprintln!(
                "error: {} change(s) pending and no terminal to confirm them; run with --yes to apply, or --plan to only show them",
                plan.changes.len()
            );
            return Ok(ExitCode::FAILURE);
        }
        if !args.yes {
            print!("Apply {} change(s)? [y/N] ", plan.changes.len());
            std::io::stdout().flush()?;
            let mut answer = String::new();
            std::io::stdin().lock().read_line(&mut answer)?;
            if !matches!(answer.trim(), "y" | "Y" | "yes") {
                println!("nothing applied");
                return Ok(ExitCode::FAILURE);
            }
        }
        // With --json, stdout is the report alone: progress goes to stderr. A
        // spinner says how each wait goes (a GSI backfill can take an hour); it
        // is drawn on a terminal only.
        let json = args.json;
        let spinner = ProgressBar::new_spinner();
        spinner.set_style(ProgressStyle::with_template("  {spinner} {msg}").expect("a valid template"));
        spinner.enable_steady_tick(Duration::from_millis(120));
        let mut on_event = |event: ApplyEvent| match event {
            ApplyEvent::Waiting { .. } => spinner.set_message(event.to_string()),
            _ => spinner.suspend(|| if json { eprintln!("  {event}") } else { println!("  {event}") }),
        };
        let applied = apply(&client, &plan, &options, &mut Progress::to(&mut on_event)).await;
        spinner.finish_and_clear();
        applied.with_context(|| format!("applying the plan to {}", spec.name))?;
        if args.json {
            report(true)?;
        } else {
            println!("Applied: table {} is defined as the model says.", spec.name);
            if !plan.warnings.is_empty() {
                println!("Its items written before keep their keys (see the warnings above): write them again with the design's keys.");
            }
        }
        Ok(ExitCode::SUCCESS)
    })?
}
