//! `tablewright`: the command-line face of the engine.

mod check;
mod code;
mod cost;
mod derive;
mod docs;
mod export;
mod import;
mod render;
// Deploy, seed and prove against DynamoDB (crates/deploy).
mod deploy;
mod prove;
mod sample;
mod seed;
mod target;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

// Derivation builds many small strings; mimalloc does that work faster than
// glibc (see the workspace Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Design DynamoDB single-table models from entities, relationships and access patterns.
#[derive(Parser)]
#[command(name = "tablewright", version, about, long_about = None, after_long_help = EXIT_STATUS)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Log what the AWS SDK does on stderr: -v how credentials, region and endpoint
    /// are found and each request; -vv in more detail. RUST_LOG, when set, decides
    /// instead. Credentials are never printed.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
}

/// What every command's exit status means; `--help` and the man page show it.
const EXIT_STATUS: &str = "Exit status:
  0  success (check: every file valid; verify: every pattern served)
  1  invalid input: a model, a file, a design that fails verify or prove, a refused plan
  2  usage error (a wrong flag or argument); deploy --plan --detailed-exitcode: changes pending
  3  DynamoDB or AWS failed, was unreachable or too slow";

#[derive(Subcommand)]
enum Command {
    /// Check model files; prints "ok" per valid file, or every problem found.
    /// Exit status: 0 when all are valid, 1 when any is not, 2 on a usage error.
    Check(check::CheckArgs),
    /// Rewrite model files in canonical form (stable key order, pretty-printed).
    Fmt(check::FmtArgs),
    /// Derive the single-table design: key templates, indexes, a plan per pattern, problems
    /// (exit 1 when a problem is an error).
    Derive(derive::DeriveArgs),
    /// Export the table definition, a design document or the ER diagram.
    Export(export::ExportArgs),
    /// Make a model from a NoSQL Workbench model or a CloudFormation template.
    Import(import::ImportArgs),
    /// Capacity units per pattern at peak, monthly cost on-demand versus provisioned, storage.
    Cost(cost::CostArgs),
    /// Check that a design serves every access pattern: exit 0 when it does, 1 otherwise.
    Verify(derive::VerifyArgs),
    /// Runnable code for an access pattern: AWS CLI, Python, Rust, TypeScript or PartiQL.
    Code(code::CodeArgs),
    /// Print the JSON Schema of the model file format.
    Schema,
    /// Create or update the table on DynamoDB Local or AWS: show the plan, then apply it.
    Deploy(deploy::DeployArgs),
    /// Write the sample data into the table (resumable), with a progress bar.
    Seed(seed::SeedArgs),
    /// Run every access pattern against the table and check the answers against the model.
    Prove(prove::ProveArgs),
    /// Print the sample data (N items per entity) as DynamoDB JSON or CSV.
    Sample(sample::SampleCmd),
    /// Print the shell completion script for bash, zsh, fish, elvish or PowerShell.
    Completions(docs::CompletionsArgs),
    /// Write the man pages (tablewright.1 and one per command) into a directory.
    Man(docs::ManArgs),
}

fn main() -> ExitCode {
    stop_quietly_on_a_closed_pipe();
    let cli = Cli::parse();
    log_to_stderr(cli.verbose);
    let result = match cli.command {
        Command::Check(args) => check::check(&args),
        Command::Fmt(args) => check::fmt(&args),
        Command::Derive(args) => derive::run(&args),
        Command::Verify(args) => derive::verify(&args),
        Command::Code(args) => code::run(&args),
        Command::Cost(args) => cost::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Deploy(args) => deploy::run(&args),
        Command::Seed(args) => seed::run(&args),
        Command::Prove(args) => prove::run(&args),
        Command::Sample(args) => sample::run(&args),
        Command::Completions(args) => docs::completions::<Cli>(&args),
        Command::Man(args) => docs::man::<Cli>(&args),
        Command::Schema => {
            print!("{}", tablewright_engine::schema::schema_text());
            Ok(ExitCode::SUCCESS)
        }
    };
    result.unwrap_or_else(|e| {
        eprintln!("error: {e:#}");
        exit_status(&e)
    })
}

/// `tablewright verify M | head` closes the pipe early; a command-line tool then
/// stops as `cat` does, not with a panic about printing to stdout.
/// The SDK's own tracing, at the level -v asks for (or as RUST_LOG says), on
/// stderr so that the command's output stays clean. Trace level, where the SDK
/// shows requests whole, is RUST_LOG's alone.
fn log_to_stderr(verbose: u8) {
    // -v: where credentials, region and profile come from (aws_config says so at
    // debug level) and the requests; -vv: each request's steps too.
    let levels = match verbose {
        0 => None,
        1 => Some(("debug", "info")),
        _ => Some(("debug", "debug")),
    };
    let filter = match (std::env::var("RUST_LOG").ok().filter(|v| !v.is_empty()), levels) {
        (Some(spec), _) => spec,
        (None, Some((config, requests))) => {
            format!(
                "aws_config={config},aws_smithy_runtime={requests},aws_sdk_dynamodb={requests},aws_sdk_sts={requests}"
            )
        }
        (None, None) => return,
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}

/// 1 for invalid input (a model, a file, a refused plan), 3 for an error of the
/// environment (DynamoDB or AWS failed, unreachable or too slow); clap exits with
/// 2 for a usage error. `deploy --plan --detailed-exitcode` uses 2 for changes
/// pending, as Terraform does.
fn exit_status(error: &anyhow::Error) -> ExitCode {
    if error.chain().any(tablewright_deploy::error::is_runtime) {
        ExitCode::from(3)
    } else {
        ExitCode::FAILURE
    }
}

#[allow(unsafe_code)] // signal(2) has no safe wrapper in std
fn stop_quietly_on_a_closed_pipe() {
    // SAFETY: restoring a signal's default disposition at start-up, before any
    // thread exists, is what every Unix filter does.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
