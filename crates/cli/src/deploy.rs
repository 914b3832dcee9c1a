//! `deploy`: the plan that brings the live table in line with the model, shown,
//! then applied (unless `--plan`); destroying anything needs `--allow-destroy`.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;
use tablewright_deploy::apply::{apply, authorize, ApplyOptions};
use tablewright_deploy::live::describe;
use tablewright_deploy::spec::TableSpec;
use tablewright_deploy::{connect, plan};
use tablewright_engine::design::derive;
use tablewright_engine::load_file;

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
}

pub fn run(args: &DeployArgs) -> Result<ExitCode> {
    let model = load_file(&args.model)?;
    let design = derive(&model);
    let spec = TableSpec::new(&model, &design, args.target.table.as_deref());
    let target = args.target.target();
    block_on(async {
        let client = connect(&target).await.client();
        let live = describe(&client, &spec.name)
            .await
            .with_context(|| format!("cannot read table {} at {}", spec.name, target.describe()))?;
        let plan = plan(&spec, live.as_ref());
        println!("Plan for table {} at {}:", spec.name, target.describe());
        if plan.is_empty() {
            println!("  no changes: the table matches the model");
        }
        for change in &plan.changes {
            println!("  {change}");
        }
        for note in &plan.notes {
            println!("  note: {note}");
        }
        if args.plan || plan.is_empty() {
            return Ok(ExitCode::SUCCESS);
        }
        let options =
            ApplyOptions { allow_destroy: args.allow_destroy, confirmed: args.yes, wait: Duration::from_secs(3600) };
        if let Err(e) = authorize(&plan, &options) {
            eprintln!("error: {e}");
            return Ok(ExitCode::FAILURE);
        }
        if !args.yes && std::io::stdin().is_terminal() {
            print!("Apply {} change(s)? [y/N] ", plan.changes.len());
            std::io::stdout().flush()?;
            let mut answer = String::new();
            std::io::stdin().lock().read_line(&mut answer)?;
            if !matches!(answer.trim(), "y" | "Y" | "yes") {
                println!("nothing applied");
                return Ok(ExitCode::FAILURE);
            }
        }
        apply(&client, &plan, &options, &mut |line| println!("  {line}"))
            .await
            .with_context(|| format!("applying the plan to {}", spec.name))?;
        println!("Applied: table {} matches the model.", spec.name);
        Ok(ExitCode::SUCCESS)
    })?
}
