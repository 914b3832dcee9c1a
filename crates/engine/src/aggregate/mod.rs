//! The aggregate view: the sample items as the table and each secondary index
//! hold them, grouped by partition key and ordered by sort key, as NoSQL
//! Workbench's visualizer shows a table. An item is in an index only when it
//! carries that index's key attributes (which is what makes a sparse index sparse).

mod highlight;

use std::cmp::Ordering;

use serde::Serialize;

use crate::design::{Design, Projection, TABLE};
use crate::sample::{Sample, SampleItem, Value};

pub use highlight::{highlight, Highlight};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AggregateView {
    /// Items of every entity and many-to-many relationship in the sample.
    pub items_per_entity: usize,
    /// The table first, then GSIs and LSIs in the design's order.
    pub indexes: Vec<IndexView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IndexView {
    /// "table", or the index's name.
    pub name: String,
    pub partition_key: String,
    pub sort_key: String,
    /// Whether the index holds every attribute, only the keys, or the keys and some.
    pub projection: Projection,
    /// The columns after the keys: every other attribute some item carries.
    pub attributes: Vec<String>,
    pub partitions: Vec<PartitionView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PartitionView {
    /// The partition key's value.
    pub key: String,
    pub items: Vec<ItemView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ItemView {
    pub entity: String,
    /// The item's primary key in the table, `PK` then `SK`: the same item in every index.
    pub primary_key: [String; 2],
    /// The sort key's value in this index.
    pub sort: String,
    /// The other attributes' values as text, in the index's column order (empty
    /// where the item has none, or the index does not project it).
    pub values: Vec<String>,
}

/// The sample as `design`'s table and indexes hold it.
pub fn aggregate(design: &Design, sample: &Sample, items_per_entity: usize) -> AggregateView {
    let mut indexes = vec![index_view(design, sample, TABLE, Projection::All)];
    for index in design.gsis.iter().chain(&design.lsis) {
        indexes.push(index_view(design, sample, &index.name, index.projection.clone()));
    }
    AggregateView { items_per_entity, indexes }
}

fn index_view(design: &Design, sample: &Sample, index: &str, projection: Projection) -> IndexView {
    let (pk, sk) = design.key_attributes(index);
    let members: Vec<&SampleItem> =
        sample.items.iter().filter(|i| i.get(&pk).is_some() && i.get(&sk).is_some()).collect();
    let keys = [&pk, &sk, &sample.key_names[0], &sample.key_names[1]];
    let mut attributes: Vec<String> = Vec::new();
    if projection == Projection::All {
        for item in &members {
            for name in item.attributes.keys() {
                if !keys.contains(&name) && !attributes.contains(name) {
                    attributes.push(name.clone());
                }
            }
        }
    } else {
        attributes.extend(
            [&sample.key_names[0], &sample.key_names[1]].into_iter().filter(|k| !keys[..2].contains(k)).cloned(),
        );
        if let Projection::Include(included) = &projection {
            attributes.extend(included.iter().filter(|a| !keys.contains(a)).cloned());
        }
    }
    let mut sorted = members;
    sorted.sort_by(|a, b| order(a.get(&pk), b.get(&pk)).then_with(|| order(a.get(&sk), b.get(&sk))));
    let mut partitions: Vec<PartitionView> = Vec::new();
    for item in sorted {
        let key = text(item.get(&pk));
        let view = ItemView {
            entity: item.entity.clone(),
            primary_key: [text(item.get(&sample.key_names[0])), text(item.get(&sample.key_names[1]))],
            sort: text(item.get(&sk)),
            values: attributes.iter().map(|a| text(item.get(a))).collect(),
        };
        match partitions.last_mut() {
            Some(last) if last.key == key => last.items.push(view),
            _ => partitions.push(PartitionView { key, items: vec![view] }),
        }
    }
    IndexView { name: index.to_string(), partition_key: pk, sort_key: sk, projection, attributes, partitions }
}

/// DynamoDB's key order; values that do not compare keep their places.
fn order(a: Option<&Value>, b: Option<&Value>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.compare(b).unwrap_or(Ordering::Equal),
        _ => Ordering::Equal,
    }
}

fn text(value: Option<&Value>) -> String {
    value.map(Value::to_cell).unwrap_or_default()
}
