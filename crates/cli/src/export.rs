//! `export`: the design as infrastructure code, documents and diagrams.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::Args;
use tablewright_engine::clock;
use tablewright_engine::design::derive;
use tablewright_engine::export::{export, ExportFormat};
use tablewright_engine::{load_file, same_file, write_atomically};

#[derive(Args)]
pub struct ExportArgs {
    /// The model file.
    model: PathBuf,
    /// What to write.
    #[arg(long, value_parser = formats())]
    format: ExportFormat,
    /// Write here (atomically) instead of to standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

/// The formats by their engine names, with their titles as help: the app's
/// Export menu lists the same.
fn formats() -> impl TypedValueParser<Value = ExportFormat> {
    let values = ExportFormat::ALL.map(|f| PossibleValue::new(f.id()).help(f.title()));
    PossibleValuesParser::new(values)
        .map(|id| *ExportFormat::ALL.iter().find(|f| f.id() == id).expect("clap accepts only the listed names"))
}

pub fn run(args: &ExportArgs) -> Result<ExitCode> {
    if let Some(output) = args.output.as_ref().filter(|o| same_file(o, &args.model)) {
        bail!("{}: is the model being exported; write the export to another file", output.display());
    }
    let model = load_file(&args.model)?;
    let design = derive(&model);
    let bytes = export(&model, &design, args.format, clock::epoch_seconds()).context("cannot export the design")?;
    emit(&bytes, args.output.as_ref())?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to the output file atomically, or to standard output.
fn emit(bytes: &[u8], output: Option<&PathBuf>) -> Result<()> {
    match output {
        Some(path) => write_atomically(path, bytes)?,
        None => std::io::stdout().write_all(bytes).context("cannot write to standard output")?,
    }
    Ok(())
}
