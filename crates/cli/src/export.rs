//! `export`: the design as infrastructure code, documents and diagrams.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use tablewright_engine::design::derive;
use tablewright_engine::export::nosql_workbench::{self, NwbOptions};
use tablewright_engine::export::{diagram, export_text, TextFormat};
use tablewright_engine::{load_file, write_atomically};

#[derive(Args)]
pub struct ExportArgs {
    /// The model file.
    model: PathBuf,
    #[arg(long, value_enum)]
    format: Format,
    /// Write here (atomically) instead of to standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// AWS CloudFormation template, YAML.
    Cloudformation,
    /// AWS CloudFormation template, JSON.
    CloudformationJson,
    /// Input for `aws dynamodb create-table --cli-input-json`.
    AwsCli,
    /// Terraform `aws_dynamodb_table`.
    Terraform,
    /// AWS CDK v2 stack in TypeScript.
    Cdk,
    /// Design document: entities, keys, plans with explanations, problems, ER diagram.
    Markdown,
    /// ER diagram in Mermaid syntax.
    Mermaid,
    /// ER diagram as an SVG picture.
    Svg,
    /// ER diagram as a PNG picture.
    Png,
    /// NoSQL Workbench data model (3.0): table, GSIs, a facet per entity, sample items.
    NosqlWorkbench,
}

pub fn run(args: &ExportArgs) -> Result<ExitCode> {
    let model = load_file(&args.model)?;
    let design = derive(&model);
    let text_format = match args.format {
        Format::Svg => return done(diagram::svg(&model).as_bytes(), args),
        Format::Png => {
            let png = diagram::png(&model).context("cannot draw the diagram")?;
            return done(&png, args);
        }
        Format::NosqlWorkbench => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
            let value = nosql_workbench::nosql_workbench(&model, &design, &NwbOptions::at(now))?;
            return done(nosql_workbench::to_text(&value).as_bytes(), args);
        }
        Format::Cloudformation => TextFormat::CloudFormation,
        Format::CloudformationJson => TextFormat::CloudFormationJson,
        Format::AwsCli => TextFormat::AwsCli,
        Format::Terraform => TextFormat::Terraform,
        Format::Cdk => TextFormat::Cdk,
        Format::Markdown => TextFormat::Markdown,
        Format::Mermaid => TextFormat::Mermaid,
    };
    done(export_text(&model, &design, text_format).as_bytes(), args)
}

fn done(bytes: &[u8], args: &ExportArgs) -> Result<ExitCode> {
    emit(bytes, args.output.as_ref())?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to the output file atomically, or to standard output.
pub fn emit(bytes: &[u8], output: Option<&PathBuf>) -> Result<()> {
    match output {
        Some(path) => write_atomically(path, bytes)?,
        None => std::io::stdout().write_all(bytes).context("cannot write to standard output")?,
    }
    Ok(())
}
