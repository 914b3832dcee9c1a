//! `derive` and `verify`: the single-table design of a model, and its proof on paper.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use tablewright_engine::design::{derive, Design, Severity};
use tablewright_engine::load_file;

#[derive(Args)]
pub struct DeriveArgs {
    /// The model file.
    model: PathBuf,
    /// Print the design as JSON (format "tablewright-design/1", see docs/design-json.md).
    #[arg(long)]
    json: bool,
}

pub fn run(args: &DeriveArgs) -> Result<ExitCode> {
    let model = load_file(&args.model)?;
    let design = derive(&model);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&design)?);
    } else {
        print!("{}", crate::render::design_text(&design));
    }
    // A design with an error in it serves some pattern wrongly or not at all: a
    // pipeline that derives it must not go on as if it were whole.
    let errors = design.problems.iter().filter(|p| p.severity == Severity::Error).count();
    if errors > 0 {
        eprintln!("error: the design has {errors} problem(s) of severity error; each is listed with its fix");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
pub struct VerifyArgs {
    /// The model file.
    model: PathBuf,
    /// A design to judge (JSON, as `derive --json` prints it); the derived one if absent.
    #[arg(long)]
    design: Option<PathBuf>,
    /// Print the verdicts as JSON.
    #[arg(long)]
    json: bool,
}

pub fn verify(args: &VerifyArgs) -> Result<ExitCode> {
    let model = load_file(&args.model)?;
    let design: Design = match &args.design {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).with_context(|| format!("{}: cannot read the design", path.display()))?;
            serde_json::from_str(&text)
                .with_context(|| format!("{}: not a Tablewright design (tablewright-design/1)", path.display()))?
        }
        None => derive(&model),
    };
    let verification = tablewright_engine::verify::verify(&model, &design);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&verification)?);
    } else {
        for problem in &verification.design {
            println!("design: {problem}");
        }
        for verdict in &verification.patterns {
            if verdict.ok {
                println!("{}: served", verdict.pattern);
            } else {
                println!("{}: NOT served", verdict.pattern);
                for reason in &verdict.reasons {
                    println!("    {reason}");
                }
                for fix in &verdict.fixes {
                    println!("    fix: {}", fix.label);
                }
            }
        }
        let served = verification.patterns.iter().filter(|v| v.ok).count();
        println!("{served} of {} patterns served", verification.patterns.len());
    }
    Ok(if verification.ok() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
