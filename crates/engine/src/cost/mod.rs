//! Capacity and cost: read and write units per pattern at peak, the monthly bill
//! on-demand versus provisioned, and storage, from the model's rates and volumes.

mod prices;
mod units;

use serde::Serialize;
use thiserror::Error;

use crate::design::{Design, Plan, Severity};
use crate::model::{Billing, Model, PatternKind};

pub use prices::{price_book, PriceBook, Prices};
pub use units::{index_writes, units_per_execution};

/// 730 hours: the month AWS bills by.
pub const HOURS_PER_MONTH: f64 = 730.0;
/// DynamoDB counts about 100 bytes of overhead per item (and per index copy) in storage.
pub const ITEM_OVERHEAD_BYTES: f64 = 100.0;
const GIB: f64 = 1024.0 * 1024.0 * 1024.0;

#[derive(Debug, Clone, PartialEq)]
pub struct CostOptions {
    pub region: String,
    /// Average request rate as a share of the peak rate, for the on-demand bill;
    /// provisioned capacity must cover the peak itself.
    pub average_to_peak: f64,
}

impl Default for CostOptions {
    fn default() -> Self {
        CostOptions { region: "us-east-1".into(), average_to_peak: 0.5 }
    }
}

#[derive(Debug, Error, PartialEq)]
pub enum CostError {
    #[error("no prices for region '{region}' (prices of {as_of}); known regions: {known}")]
    UnknownRegion { region: String, as_of: String, known: String },
    #[error("the average-to-peak share must be in (0, 1], not {0}")]
    BadAverage(f64),
    #[error("the estimate is not a finite number: {0} is too large; check its rate, counts and sizes")]
    NotFinite(String),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CostReport {
    pub region: String,
    pub prices_as_of: String,
    pub average_to_peak: f64,
    pub patterns: Vec<PatternCost>,
    pub indexes: Vec<IndexCost>,
    /// Read and write units per second at peak, all patterns together.
    pub peak_read_units: f64,
    pub peak_write_units: f64,
    pub storage_gib: f64,
    pub monthly: Monthly,
    /// Hot partitions and other capacity findings, from the design's problems and shards.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PatternCost {
    pub pattern: String,
    pub name: String,
    pub peak_rate: f64,
    pub read_units_per_request: f64,
    pub write_units_per_request: f64,
    pub peak_read_units: f64,
    pub peak_write_units: f64,
    /// On-demand cost of the pattern for a month at the average rate.
    pub monthly_on_demand: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IndexCost {
    pub index: String,
    pub storage_gib: f64,
    /// Write units per second at peak that land in this index.
    pub peak_write_units: f64,
}

/// US dollars a month.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Monthly {
    pub on_demand_reads: f64,
    pub on_demand_writes: f64,
    pub provisioned_reads: f64,
    pub provisioned_writes: f64,
    pub storage: f64,
    pub on_demand_total: f64,
    pub provisioned_total: f64,
}

pub fn estimate(model: &Model, design: &Design, options: &CostOptions) -> Result<CostReport, CostError> {
    if !(options.average_to_peak > 0.0 && options.average_to_peak <= 1.0) {
        return Err(CostError::BadAverage(options.average_to_peak));
    }
    let book = price_book();
    let prices = *book.regions.get(&options.region).ok_or_else(|| CostError::UnknownRegion {
        region: options.region.clone(),
        as_of: book.as_of.clone(),
        known: book.regions.keys().cloned().collect::<Vec<_>>().join(", "),
    })?;
    let seconds = HOURS_PER_MONTH * 3600.0 * options.average_to_peak;

    let patterns: Vec<PatternCost> = model
        .access_patterns
        .iter()
        .filter_map(|p| {
            let plan = design.plans.iter().find(|plan| plan.pattern == p.id)?;
            let (reads, writes) = units_per_execution(model, design, p, plan);
            let monthly = p.peak_rate
                * seconds
                * (reads * prices.on_demand_read_per_million + writes * prices.on_demand_write_per_million)
                / 1e6;
            Some(PatternCost {
                pattern: p.id.clone(),
                name: p.name.clone(),
                peak_rate: p.peak_rate,
                read_units_per_request: reads,
                write_units_per_request: writes,
                peak_read_units: p.peak_rate * reads,
                peak_write_units: p.peak_rate * writes,
                monthly_on_demand: monthly,
            })
        })
        .collect();
    let peak_read_units: f64 = patterns.iter().map(|p| p.peak_read_units).sum();
    let peak_write_units: f64 = patterns.iter().map(|p| p.peak_write_units).sum();

    let (table_bytes, indexes) = storage(model, design, &patterns);
    let storage_gib = (table_bytes + indexes.iter().map(|i| i.storage_gib * GIB).sum::<f64>()) / GIB;

    let on_demand_reads = peak_read_units * seconds * prices.on_demand_read_per_million / 1e6;
    let on_demand_writes = peak_write_units * seconds * prices.on_demand_write_per_million / 1e6;
    let provisioned_reads = peak_read_units.ceil() * HOURS_PER_MONTH * prices.provisioned_rcu_hour;
    let provisioned_writes = peak_write_units.ceil() * HOURS_PER_MONTH * prices.provisioned_wcu_hour;
    let storage_cost = storage_gib * prices.storage_gb_month;
    let monthly = Monthly {
        on_demand_reads,
        on_demand_writes,
        provisioned_reads,
        provisioned_writes,
        storage: storage_cost,
        on_demand_total: on_demand_reads + on_demand_writes + storage_cost,
        provisioned_total: provisioned_reads + provisioned_writes + storage_cost,
    };
    if let Some(p) = patterns.iter().find(|p| !(p.monthly_on_demand.is_finite() && p.peak_read_units.is_finite())) {
        return Err(CostError::NotFinite(format!("access pattern {}", p.pattern)));
    }
    if ![storage_gib, monthly.on_demand_total, monthly.provisioned_total].iter().all(|f| f.is_finite()) {
        return Err(CostError::NotFinite("the table's size or its total load".into()));
    }
    let warnings = warnings(model, design, options, &patterns, peak_read_units, peak_write_units);
    Ok(CostReport {
        region: options.region.clone(),
        prices_as_of: book.as_of,
        average_to_peak: options.average_to_peak,
        patterns,
        indexes,
        peak_read_units,
        peak_write_units,
        storage_gib,
        monthly,
        warnings,
    })
}

/// Bytes in the table, and each index's size and share of the writes.
fn storage(model: &Model, design: &Design, patterns: &[PatternCost]) -> (f64, Vec<IndexCost>) {
    let mut table = 0.0;
    let mut indexes: Vec<IndexCost> = design
        .gsis
        .iter()
        .chain(&design.lsis)
        .map(|i| IndexCost { index: i.name.clone(), storage_gib: 0.0, peak_write_units: 0.0 })
        .collect();
    for entity in &design.entities {
        let bytes = units::item_count(model, &entity.name)
            * (f64::from(units::item_size(model, &entity.name)) + ITEM_OVERHEAD_BYTES);
        table += bytes;
        for (index, share) in units::index_shares(model, design, entity) {
            let size = units::index_item_size(model, design, entity, &index);
            let bytes = units::item_count(model, &entity.name) * (f64::from(size) + ITEM_OVERHEAD_BYTES);
            if let Some(cost) = indexes.iter_mut().find(|c| c.index == index) {
                cost.storage_gib += bytes * share / GIB;
            }
        }
    }
    // The same writes per action that each pattern's cost counts (none for TTL's
    // deletes, which are free).
    let plans: std::collections::HashMap<&str, &Plan> =
        design.plans.iter().map(|plan| (plan.pattern.as_str(), plan)).collect();
    let billed = |cost: &&PatternCost| model.pattern(&cost.pattern).is_some_and(|p| p.kind != PatternKind::Expire);
    for cost in patterns.iter().filter(billed) {
        let Some(plan) = plans.get(cost.pattern.as_str()) else { continue };
        for (at, action) in plan.actions.iter().enumerate() {
            for (index, units) in index_writes(model, design, plan, at) {
                if let Some(index_cost) = indexes.iter_mut().find(|c| c.index == index) {
                    index_cost.peak_write_units += cost.peak_rate * units::typical_count(action) * units;
                }
            }
        }
    }
    (table, indexes)
}

fn warnings(
    model: &Model,
    design: &Design,
    options: &CostOptions,
    patterns: &[PatternCost],
    peak_read_units: f64,
    peak_write_units: f64,
) -> Vec<String> {
    let mut out: Vec<String> = design
        .problems
        .iter()
        .filter(|p| matches!(p.code, crate::design::ProblemCode::HotPartition | crate::design::ProblemCode::Scan))
        .map(|p| format!("{}: {}", if p.severity == Severity::Error { "error" } else { "warning" }, p.message))
        .collect();
    for entity in &design.entities {
        for (key, shard) in &entity.shards {
            let why = shard.load.map_or_else(
                || "its hottest partition would exceed a partition's throughput".to_string(),
                crate::design::capacity::shard_arithmetic,
            );
            out.push(format!(
                "{}'s {key} is sharded {} ways: {why}; readers fan out over {} requests.",
                entity.name, shard.count, shard.count
            ));
        }
    }
    out.extend(outgrown_volumes(model, options));
    out.extend(filtered_away(model, design, patterns));
    if model.table.billing == Billing::OnDemand {
        for (units, what) in [(peak_read_units, "read"), (peak_write_units, "write")] {
            if units > ON_DEMAND_TABLE_QUOTA {
                out.push(format!(
                    "warning: at peak the table takes {} {what} units a second, over the {} a second an on-demand table may take by default (a service quota): ask AWS to raise it before the traffic arrives, or change the design.",
                    crate::words::thousands(units),
                    crate::words::thousands(ON_DEMAND_TABLE_QUOTA)
                ));
            }
        }
    }
    out
}

/// Read units an on-demand table may take per second by default, and write
/// units: AWS's default per-table throughput quota.
const ON_DEMAND_TABLE_QUOTA: f64 = 40_000.0;

/// The items a filter drops are read and billed first: a read that reads ten
/// times what it returns, at a cost that matters (1,000 read units a second at
/// its peak), is said, with what would serve it from a sparse index instead.
fn filtered_away(model: &Model, design: &Design, patterns: &[PatternCost]) -> Vec<String> {
    let mut out = Vec::new();
    for cost in patterns.iter().filter(|c| c.peak_read_units >= 1_000.0) {
        let Some(p) = model.pattern(&cost.pattern) else { continue };
        let Some(plan) = design.plans.iter().find(|plan| plan.pattern == p.id) else { continue };
        let Some((read, kept)) = units::filtered_read(model, p, plan) else { continue };
        if read < 10.0 * kept {
            continue;
        }
        out.push(format!(
            "warning: {} reads about {} items to return about {}: its filter drops the rest after they are read and billed, {} read units a second at its peak rate (${} a month). Give the items it keeps an attribute only they have (set while they match, removed when they stop) and filter on its presence: the derivation can then serve the read from a sparse index.",
            p.id,
            crate::words::thousands(read),
            crate::words::thousands(kept),
            crate::words::thousands(cost.peak_read_units),
            crate::words::thousands(cost.monthly_on_demand),
        ));
    }
    out
}

/// Entities the on-demand estimate's rates would create faster than the model
/// says the table holds them: at the average share of peak around the clock, a
/// month of creates beyond the expected count (of an entity no delete or TTL
/// removes) means the rate, the average or the count is off, and so is the bill.
fn outgrown_volumes(model: &Model, options: &CostOptions) -> Vec<String> {
    let seconds = HOURS_PER_MONTH * 3600.0 * options.average_to_peak;
    // The entities each pattern writes, gathered in one pass: a pass per entity
    // would grow with the square of the model.
    let mut removed = std::collections::HashSet::new();
    let mut creators: std::collections::HashMap<&str, Vec<&crate::model::AccessPattern>> = Default::default();
    for p in &model.access_patterns {
        if matches!(p.kind, PatternKind::Delete | PatternKind::Expire) {
            removed.insert(p.entity.as_str());
        }
        let steps = p.steps.iter();
        removed.extend(steps.filter(|s| s.action == crate::model::StepAction::Delete).map(|s| s.entity.as_str()));
        let written = std::iter::once(p.entity.as_str()).chain(p.steps.iter().map(|s| s.entity.as_str()));
        let mut created: Vec<&str> = written.filter(|e| p.creates(e)).collect();
        created.sort_unstable();
        created.dedup();
        for entity in created {
            creators.entry(entity).or_default().push(p);
        }
    }
    let mut out = Vec::new();
    for entity in model.entities.iter().filter(|e| !removed.contains(e.name.as_str())) {
        let Some(count) = entity.expected_count else { continue };
        let creators = creators.get(entity.name.as_str()).map_or(&[][..], Vec::as_slice);
        let monthly: f64 = creators.iter().map(|p| p.peak_rate * p.typical_writes_of(&entity.name) * seconds).sum();
        if monthly > count as f64 {
            let ids: Vec<&str> = creators.iter().map(|p| p.id.as_str()).collect();
            out.push(format!(
                "at {:.0}% of the peak rate around the clock, {} {} {} {} items a month, more than the {} the model expects the table to hold, and nothing removes them: the on-demand bill counts those writes. Lower the average share or the peak rate, or raise {}'s expected count.",
                options.average_to_peak * 100.0,
                crate::words::listed(&ids),
                if ids.len() == 1 { "creates" } else { "create" },
                crate::words::thousands(monthly),
                entity.name,
                crate::words::thousands(count as f64),
                entity.name,
            ));
        }
    }
    out
}
