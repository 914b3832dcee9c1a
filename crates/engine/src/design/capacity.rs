//! Units and per-partition limits, as DynamoDB counts them.

use crate::design::types::{HotLoad, SparseCondition};
use crate::model::{AccessPattern, Attribute, PatternKind};
use crate::template::{Template, SHARD};
use crate::words::thousands;

/// Per-partition throughput ceilings (units per second).
pub const PARTITION_READ_UNITS: f64 = 3000.0;
pub const PARTITION_WRITE_UNITS: f64 = 1000.0;
/// Shard counts leave this share of a partition's ceiling unused, for bursts.
pub const HEADROOM: f64 = 0.8;
/// A filter passing this share or less of an entity's items gets a sparse index.
pub const SPARSE_SELECTIVITY: f64 = 0.05;
pub const ITEM_SIZE_LIMIT: u64 = 400 * 1024;
pub const ITEM_COLLECTION_LIMIT: f64 = 10.0 * 1024.0 * 1024.0 * 1024.0;
pub const GSI_LIMIT: usize = 20;
pub const LSI_LIMIT: usize = 5;
pub const BATCH_GET_LIMIT: u64 = 100;
pub const QUERY_PAGE_BYTES: f64 = 1024.0 * 1024.0;
/// What one read unit reads (a strongly consistent one; an eventually
/// consistent read of as much costs half).
pub const READ_UNIT_BYTES: f64 = 4096.0;
/// Size assumed for an item whose entity does not say.
pub const DEFAULT_ITEM_SIZE: u32 = 1024;

/// Read units for reading `items` items of `size` bytes in one Query (sizes add up
/// before rounding to 4 KB), halved for eventually consistent reads.
pub fn read_units(items: f64, size: u32, strong: bool) -> f64 {
    let units = (items * f64::from(size) / READ_UNIT_BYTES).ceil().max(1.0);
    if strong {
        units
    } else {
        units / 2.0
    }
}

/// Write units for writing one item of `size` bytes.
pub fn write_units(size: u32) -> f64 {
    (f64::from(size) / 1024.0).ceil().max(1.0)
}

/// Whether a read names one item: a `read_one` whose inputs give every part of
/// the key it reads by (`templates`, the partition's and the sort key's), so
/// that the request can find that item only. One that gives less reads what
/// its partition holds, even if the application keeps one of them.
pub fn reads_one_item(pattern: &AccessPattern, templates: &[&Template]) -> bool {
    pattern.kind == PatternKind::ReadOne
        && templates
            .iter()
            .flat_map(|t| t.attributes())
            .filter(|a| *a != SHARD)
            .all(|a| pattern.inputs.iter().any(|i| i == a))
}

/// The share of `entity`'s items an index whose keys are `templates` holds: those
/// that meet its sparse `condition` (by the `patterns` that read them), and of
/// them those that carry every optional attribute of `own` (the entity's) the
/// keys are built from (an item without one has no such key). The storage cost
/// and the hot-partition load both count the index so.
pub fn index_share<'p>(
    own: &[Attribute],
    patterns: impl IntoIterator<Item = &'p AccessPattern>,
    entity: &str,
    condition: Option<&SparseCondition>,
    templates: &[&Template],
) -> f64 {
    let gated = condition.map_or(1.0, |c| c.share(patterns, entity, own.iter().find(|a| a.name == c.attribute)));
    let mut keyed: Vec<&Attribute> = templates
        .iter()
        .flat_map(|t| t.attributes())
        .filter_map(|a| own.iter().find(|o| o.name == a))
        .filter(|a| condition.is_none_or(|c| c.attribute != a.name))
        .collect();
    keyed.sort_by(|a, b| a.name.cmp(&b.name));
    keyed.dedup_by(|a, b| a.name == b.name);
    gated * keyed.iter().map(|a| a.present_share()).product::<f64>()
}

/// Items a Query reads to return `wanted` of them when its filter keeps `share`
/// of what it reads: the items the filter drops are read (and billed) too, but
/// never more than the `partition` holds (nor fewer than are wanted: an estimate
/// of the partition does not overrule the answer's stated size).
pub fn items_read(wanted: f64, share: f64, partition: f64) -> f64 {
    let share = if share > 0.0 { share } else { 1.0 };
    (wanted / share).min(partition.max(wanted))
}

/// Pages (requests) a Query needs for `items` items of `size` bytes.
pub fn pages(items: f64, size: u32) -> u32 {
    let pages = (items * f64::from(size) / QUERY_PAGE_BYTES).ceil().max(1.0);
    pages.min(f64::from(u32::MAX)) as u32
}

/// The shard count that keeps the hottest partition under its ceilings: the
/// reads shards divide share what reads under a limit (which every shard takes
/// in full) leave of the read ceiling; where those leave nothing, the count
/// follows the whole ceiling and the reads are a problem of their own.
pub fn shard_count(load: HotLoad) -> u32 {
    let need = (load.reads as f64 / read_room(load)).max(load.writes as f64 / (PARTITION_WRITE_UNITS * HEADROOM));
    need.ceil().max(1.0).min(f64::from(u32::MAX)) as u32
}

/// The read units a second a shard has for the reads shards divide.
fn read_room(load: HotLoad) -> f64 {
    let ceiling = PARTITION_READ_UNITS * HEADROOM;
    match ceiling - load.limited_reads as f64 {
        room if room > 0.0 => room,
        _ => ceiling,
    }
}

/// The figures a shard count is chosen from, as every report states them.
pub fn hot_load(read_load: f64, write_load: f64, limited_read_load: f64) -> HotLoad {
    let units = |l: f64| l.ceil().clamp(0.0, u64::MAX as f64) as u64;
    HotLoad { reads: units(read_load), writes: units(write_load), limited_reads: units(limited_read_load) }
}

/// Whether reads that no shard count spreads leave a shard no room under the
/// read ceiling (with headroom).
pub fn limited_reads_too_hot(load: HotLoad) -> bool {
    load.limited_reads as f64 >= PARTITION_READ_UNITS * HEADROOM
}

/// The arithmetic behind a shard count, in words: the hottest partition's load,
/// the ceilings with their headroom, and the count they give.
pub fn shard_arithmetic(load: HotLoad) -> String {
    let n = |units: f64| thousands(units);
    let (reads, writes) = (n(load.reads as f64), n(load.writes as f64));
    format!(
        "unsharded, its hottest partition would take {reads} read and {writes} write units a second; a partition serves \
         {} and {}, and kept to {:.0}% of that, {reads} / {} and {writes} / {} round up to {} shards",
        n(PARTITION_READ_UNITS),
        n(PARTITION_WRITE_UNITS),
        HEADROOM * 100.0,
        n(read_room(load)),
        n(PARTITION_WRITE_UNITS * HEADROOM),
        n(f64::from(shard_count(load)))
    ) + &limited_arithmetic(load)
}

/// The reads a shard count leaves as they are, in words (empty when there are none).
fn limited_arithmetic(load: HotLoad) -> String {
    if load.limited_reads == 0 {
        return String::new();
    }
    format!(
        " (the {} left beside {} read units a second of reads of at most a limit's items, which read every shard for \
         that many, so no shard count spreads them)",
        thousands(read_room(load)),
        thousands(load.limited_reads as f64)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_round_up_per_request() {
        assert_eq!(read_units(1.0, 350, false), 0.5);
        assert_eq!(read_units(1.0, 5000, true), 2.0);
        assert_eq!(read_units(20.0, 400, false), 1.0);
        assert_eq!(write_units(1500), 2.0);
        assert_eq!(pages(750_000.0, 400), 287);
    }

    #[test]
    fn shards_keep_headroom() {
        let load = |reads, writes, limited_reads| HotLoad { reads, writes, limited_reads };
        assert_eq!(shard_count(load(2000, 10, 0)), 1);
        assert_eq!(shard_count(load(2500, 10, 0)), 2);
        assert_eq!(shard_count(load(0, 1700, 0)), 3);
        // 2,000 of the 2,400 taken by reads under a limit leave 400 for the rest.
        assert_eq!(shard_count(load(2000, 10, 2000)), 5);
    }
}
