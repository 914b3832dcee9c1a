//! `sample`: the sample data seed and prove use, as DynamoDB JSON or CSV; and the
//! options that pick the sample, shared by `seed` and `prove`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use tablewright_engine::design::{derive, Design};
use tablewright_engine::sample::{
    civil_from_days, date_text, days_from_civil, export, generate, Sample, SampleOptions,
};
use tablewright_engine::{load_file, write_atomically, Model};

/// Which sample: seed and prove must be given the same values.
#[derive(Args, Clone, Debug)]
pub struct SampleArgs {
    /// Items of every entity and many-to-many relationship.
    #[arg(long, default_value_t = 100)]
    pub items: usize,
    /// The random seed; the same seed gives the same items.
    #[arg(long, default_value_t = SampleOptions::DEFAULT_SEED)]
    pub seed: u64,
    /// The date (YYYY-MM-DD) the sample's dates lead up to; the first of the current
    /// month by default, so that TTL values lie in the future.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

impl SampleArgs {
    pub fn options(&self) -> Result<SampleOptions> {
        let as_of = match &self.as_of {
            Some(text) => parse_date(text).with_context(|| format!("--as-of {text}: expected YYYY-MM-DD"))?,
            None => SampleOptions::month_start(tablewright_engine::clock::epoch_seconds()),
        };
        if self.items == 0 {
            bail!("--items must be at least 1");
        }
        Ok(SampleOptions { items_per_entity: self.items, seed: self.seed, as_of })
    }

    /// `--items 100 --seed 42 --as-of 2026-11-01`: what reproduces this sample.
    pub fn describe(options: &SampleOptions) -> String {
        format!("--items {} --seed {} --as-of {}", options.items_per_entity, options.seed, date_text(options.as_of))
    }
}

/// A calendar date's day number; none for text that is not one (`2025-02-30`
/// would otherwise count on into March).
fn parse_date(text: &str) -> Option<i64> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?.parse().ok()?, parts.next()?.parse().ok()?, parts.next()?.parse().ok()?);
    // Four-digit years only: the day arithmetic would overflow on huge ones.
    if parts.next().is_some() || !(1..=9999).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    let days = days_from_civil(y, m, d);
    (civil_from_days(days) == (y, m, d)).then_some(days)
}

/// The model, its derived design and the sample.
pub fn load_sample(model: &std::path::Path, args: &SampleArgs) -> Result<(Model, Design, Sample, SampleOptions)> {
    let model = load_file(model)?;
    let design = derive(&model);
    let options = args.options()?;
    let sample = generate(&model, &design, &options).context("cannot make sample data for this design")?;
    Ok((model, design, sample, options))
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum SampleFormat {
    /// One `{"Item": {...}}` per line, as DynamoDB's S3 import and export write.
    DynamodbJson,
    /// One column per attribute; sets, lists and maps as JSON.
    Csv,
}

#[derive(Args)]
pub struct SampleCmd {
    /// The model file.
    model: PathBuf,
    #[command(flatten)]
    sample: SampleArgs,
    #[arg(long, value_enum, default_value = "dynamodb-json")]
    format: SampleFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: &SampleCmd) -> Result<ExitCode> {
    let (_, _, sample, options) = load_sample(&args.model, &args.sample)?;
    let text = match args.format {
        SampleFormat::DynamodbJson => export::dynamodb_json_lines(&sample),
        SampleFormat::Csv => export::csv(&sample),
    };
    match &args.output {
        Some(path) => {
            write_atomically(path, text.as_bytes())?;
            eprintln!(
                "{} items written to {} ({})",
                sample.items.len(),
                path.display(),
                SampleArgs::describe(&options)
            );
        }
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse() {
        assert_eq!(parse_date("1970-01-02"), Some(1));
        assert_eq!(parse_date("2026-13-01"), None);
        assert_eq!(parse_date("2026-01"), None);
        assert_eq!(parse_date("2024-02-29"), Some(19_782));
        assert_eq!(parse_date("2025-02-29"), None);
        assert_eq!(parse_date("2025-04-31"), None);
        assert_eq!(parse_date("9999999999999999-01-01"), None);
    }
}
