//! `cost`: capacity units per pattern at peak, and the monthly bill on-demand
//! versus provisioned, with storage.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use tablewright_engine::cost::{estimate, CostOptions, CostReport};
use tablewright_engine::design::derive;
use tablewright_engine::load_file;

use crate::render::table;

#[derive(Args)]
pub struct CostArgs {
    /// The model file.
    model: PathBuf,
    /// AWS region whose prices apply.
    #[arg(long, default_value = "us-east-1")]
    region: String,
    /// Average request rate as a share of the peak, for the on-demand bill (0 to 1).
    #[arg(long, default_value_t = 0.5)]
    average_to_peak: f64,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &CostArgs) -> Result<ExitCode> {
    let model = load_file(&args.model)?;
    let design = derive(&model);
    let options = CostOptions { region: args.region.clone(), average_to_peak: args.average_to_peak };
    let report = estimate(&model, &design, &options)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", text(&report));
    }
    Ok(ExitCode::SUCCESS)
}

fn text(r: &CostReport) -> String {
    let mut out = format!(
        "Prices of {} in {}; on-demand at {:.0}% of the peak rate on average.\n\n",
        r.prices_as_of,
        r.region,
        r.average_to_peak * 100.0
    );
    let rows: Vec<Vec<String>> = r
        .patterns
        .iter()
        .map(|p| {
            vec![
                p.pattern.clone(),
                format!("{}", p.peak_rate),
                format!("{:.2}", p.read_units_per_request),
                format!("{:.3}", p.write_units_per_request),
                format!("{:.1}", p.peak_read_units),
                format!("{:.1}", p.peak_write_units),
                format!("${:.2}", p.monthly_on_demand),
            ]
        })
        .collect();
    out.push_str(&table(&["pattern", "peak/s", "RCU/req", "WCU/req", "RCU/s", "WCU/s", "on-demand/month"], &rows));
    out.push_str("\nINDEXES\n");
    let rows: Vec<Vec<String>> = r
        .indexes
        .iter()
        .map(|i| vec![i.index.clone(), format!("{:.1} GiB", i.storage_gib), format!("{:.1}", i.peak_write_units)])
        .collect();
    out.push_str(&table(&["index", "storage", "WCU/s at peak"], &rows));
    let m = &r.monthly;
    out.push_str(&format!(
        "\nAt peak: {:.0} read and {:.0} write units a second; {:.1} GiB stored.\n\n",
        r.peak_read_units, r.peak_write_units, r.storage_gib
    ));
    let rows = vec![
        vec!["reads".into(), format!("${:.2}", m.on_demand_reads), format!("${:.2}", m.provisioned_reads)],
        vec!["writes".into(), format!("${:.2}", m.on_demand_writes), format!("${:.2}", m.provisioned_writes)],
        vec!["storage".into(), format!("${:.2}", m.storage), format!("${:.2}", m.storage)],
        vec!["total".into(), format!("${:.2}", m.on_demand_total), format!("${:.2}", m.provisioned_total)],
    ];
    out.push_str(&table(&["per month", "on-demand", "provisioned (peak)"], &rows));
    for w in &r.warnings {
        out.push_str(&format!("\n{w}"));
    }
    out.push('\n');
    out
}
