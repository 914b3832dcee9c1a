//! `import`: a model from a NoSQL Workbench model or a CloudFormation template.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use tablewright_engine::escape::visible;
use tablewright_engine::import::{check_size, import, ImportError, ImportOptions, SourceFormat};
use tablewright_engine::model::Inference;
use tablewright_engine::{same_file, to_canonical_json, write_atomically};

#[derive(Args)]
pub struct ImportArgs {
    /// The file to import (.json, .yaml, .yml).
    file: PathBuf,
    /// What the file is; found from its content when absent.
    #[arg(long, value_enum)]
    from: Option<Source>,
    /// The table to import when the file holds several: its name (or, in a
    /// CloudFormation template, its logical id).
    #[arg(long)]
    table: Option<String>,
    /// The model file to write (atomically); nothing is written when the import fails.
    #[arg(short, long)]
    output: PathBuf,
    /// Replace the output file when it exists.
    #[arg(long)]
    force: bool,
    /// Print what was read as JSON: {"output", "table", "entities": [{"name",
    /// "keys": {"table": [pk, sk], "GSI1": ...}}], "patterns", "notes",
    /// "inferences": [{"entity", "text", "ambiguous"}]}.
    #[arg(long)]
    json: bool,
    /// Print how the source was read: what made each entity, each key template and
    /// each index's members; the readings to check are marked "check".
    #[arg(long)]
    report: bool,
}

/// What `import --json` prints: the reading of the source, for a script to check.
#[derive(serde::Serialize)]
struct Report<'a> {
    output: String,
    table: &'a str,
    entities: Vec<EntityReading<'a>>,
    patterns: usize,
    notes: &'a [String],
    inferences: &'a [Inference],
}

#[derive(serde::Serialize)]
struct EntityReading<'a> {
    name: &'a str,
    /// The pinned key templates, by Tablewright index, as (partition, sort).
    keys: std::collections::BTreeMap<&'a str, (Option<&'a str>, Option<&'a str>)>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Source {
    /// A NoSQL Workbench data model (format 1.0, 2.0 or 3.0).
    NosqlWorkbench,
    /// An AWS CloudFormation template with AWS::DynamoDB::Table resources.
    Cloudformation,
}

pub fn run(args: &ImportArgs) -> Result<ExitCode> {
    let file = args.file.display();
    let output = args.output.display();
    if same_file(&args.output, &args.file) {
        bail!("{output}: is the file being imported; write the model to another file");
    }
    if !args.force && std::fs::symlink_metadata(&args.output).is_ok() {
        bail!("{output}: already exists; choose another file, or add --force to replace it");
    }
    // The same shape as `check`: file:line:column: path: message, then the hint.
    let refused = |e: ImportError| {
        let d = e.diagnostic();
        let at = match (d.line, d.column) {
            (Some(line), Some(column)) => format!("{file}:{line}:{column}"),
            _ => file.to_string(),
        };
        eprintln!("{at}: {}: {}\n    hint: {}", d.path, d.message, d.hint);
        Ok(ExitCode::FAILURE)
    };
    let size = std::fs::metadata(&args.file).with_context(|| format!("{file}: cannot read the file"))?.len();
    if let Err(e) = check_size(size) {
        return refused(e);
    }
    let text = std::fs::read_to_string(&args.file).with_context(|| format!("{file}: cannot read the file"))?;
    let format = args.from.map(|from| match from {
        Source::NosqlWorkbench => SourceFormat::NosqlWorkbench,
        Source::Cloudformation => SourceFormat::CloudFormation,
    });
    let model = match import(&text, format, &ImportOptions { table: args.table.clone() }) {
        Ok(model) => model,
        Err(e) => return refused(e),
    };
    write_atomically(&args.output, to_canonical_json(&model).as_bytes())?;
    if args.json {
        let report = Report {
            output: args.output.display().to_string(),
            table: &model.table.name,
            entities: model
                .entities
                .iter()
                .map(|e| EntityReading {
                    name: &e.name,
                    keys: e
                        .pinned_keys
                        .iter()
                        .map(|(index, k)| (index.as_str(), (k.partition.as_deref(), k.sort.as_deref())))
                        .collect(),
                })
                .collect(),
            patterns: model.access_patterns.len(),
            notes: model.imported.as_ref().map_or(&[], |i| i.notes.as_slice()),
            inferences: model.imported.as_ref().map_or(&[], |i| i.inferences.as_slice()),
        };
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{}: {} entities, {} implied access patterns, from table '{}'",
        args.output.display(),
        model.entities.len(),
        model.access_patterns.len(),
        model.table.name
    );
    for note in model.imported.iter().flat_map(|i| &i.notes) {
        println!("note: {}", visible(note));
    }
    if args.report {
        for i in model.imported.iter().flat_map(|i| &i.inferences) {
            let mark = if i.ambiguous { "check" } else { "read" };
            // The texts hold the source's own names: no control character reaches the terminal.
            println!("{mark}: {}: {}", visible(&i.entity), visible(&i.text));
        }
    }
    Ok(ExitCode::SUCCESS)
}
