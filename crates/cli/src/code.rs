//! `code`: runnable code for an access pattern (or all of them) from its plan: the
//! AWS CLI, Python (boto3), Rust (aws-sdk-dynamodb), TypeScript (lib-dynamodb) or
//! PartiQL.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Result};
use clap::{Args, ValueEnum};
use tablewright_engine::codegen::{code, code_all, Language};
use tablewright_engine::design::derive;
use tablewright_engine::load_file;

// One pattern or all of them: a missing choice names both.
#[derive(Args)]
#[command(group(clap::ArgGroup::new("patterns").required(true).args(["pattern", "all"])))]
pub struct CodeArgs {
    /// The model file.
    model: PathBuf,
    /// The access pattern, by id (e.g. AP03).
    #[arg(long, value_name = "ID")]
    pattern: Option<String>,
    /// Every pattern, in one file (functions once, shared helpers once).
    #[arg(long)]
    all: bool,
    #[arg(long, value_enum)]
    lang: Lang,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Lang {
    /// A bash script with the AWS CLI (and jq); inputs from environment variables.
    Cli,
    /// A Python module with boto3; inputs as JSON in the first argument.
    Python,
    /// Async functions for aws-sdk-dynamodb.
    Rust,
    /// Async functions for the AWS SDK v3 with @aws-sdk/lib-dynamodb.
    Typescript,
    /// PartiQL statements with their parameters, where PartiQL can express the plan.
    Partiql,
}

impl Lang {
    fn language(self) -> Language {
        match self {
            Lang::Cli => Language::Cli,
            Lang::Python => Language::Python,
            Lang::Rust => Language::Rust,
            Lang::Typescript => Language::TypeScript,
            Lang::Partiql => Language::Partiql,
        }
    }
}

pub fn run(args: &CodeArgs) -> Result<ExitCode> {
    let model = load_file(&args.model)?;
    let design = derive(&model);
    let text = match (&args.pattern, args.all) {
        (Some(id), false) => code(&model, &design, id, args.lang.language())?,
        (None, true) => code_all(&model, &design, args.lang.language())?,
        _ => bail!("give --pattern ID or --all"),
    };
    print!("{text}");
    // The code is what the plan says, served or not: say where it is not.
    let verification = tablewright_engine::verify::verify(&model, &design);
    let shown = |id: &str| args.pattern.as_deref().is_none_or(|p| p == id);
    for verdict in verification.patterns.iter().filter(|v| !v.ok && shown(&v.pattern)) {
        eprintln!(
            "warning: {} is not served (see `tablewright verify`), so this code for it is not safe to run as is: {}",
            verdict.pattern,
            verdict.reasons.join("; ")
        );
    }
    Ok(ExitCode::SUCCESS)
}
