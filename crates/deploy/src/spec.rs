//! The table a model and its design call for: key schema, attribute definitions (key
//! attributes only: DynamoDB rejects definitions no key uses), GSIs and LSIs, billing,
//! stream, TTL, point-in-time recovery, deletion protection and tags.

use std::collections::BTreeMap;

use serde::Serialize;
use tablewright_engine::design::{Design, Index, KeyAttribute, Projection};
use tablewright_engine::model::{Billing, Model};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableSpec {
    pub name: String,
    pub partition_key: KeyDef,
    pub sort_key: Option<KeyDef>,
    /// By name.
    pub gsis: Vec<IndexSpec>,
    pub lsis: Vec<IndexSpec>,
    pub billing: BillingSpec,
    /// The stream's view type; `None` when off.
    pub stream: Option<String>,
    /// The TTL attribute; `None` when TTL is off.
    pub ttl: Option<String>,
    pub point_in_time_recovery: bool,
    pub deletion_protection: bool,
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct KeyDef {
    pub name: String,
    /// S, N or B.
    pub attr_type: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndexSpec {
    pub name: String,
    pub partition_key: KeyDef,
    pub sort_key: Option<KeyDef>,
    /// ALL, KEYS_ONLY or INCLUDE.
    pub projection: String,
}

impl IndexSpec {
    /// Two indexes of one name with different keys or projection are different
    /// indexes: changing one means deleting it and creating it anew.
    pub fn same_shape(&self, other: &IndexSpec) -> bool {
        self.partition_key == other.partition_key
            && self.sort_key == other.sort_key
            && self.projection == other.projection
    }

    pub fn describe(&self) -> String {
        let sk = self.sort_key.as_ref().map(|k| format!(" / {} {}", k.name, k.attr_type)).unwrap_or_default();
        format!(
            "{} ({} {}{sk}, projection {})",
            self.name, self.partition_key.name, self.partition_key.attr_type, self.projection
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BillingSpec {
    OnDemand,
    /// Read and write units, for the table and each of its GSIs.
    Provisioned {
        read: u64,
        write: u64,
    },
}

impl BillingSpec {
    pub fn describe(&self) -> String {
        match self {
            BillingSpec::OnDemand => "on demand".to_string(),
            BillingSpec::Provisioned { read, write } => format!("provisioned {read} RCU / {write} WCU"),
        }
    }
}

impl TableSpec {
    /// The spec for `model`'s table as `design` keys it, named `name` (the model's
    /// own table name unless another is given).
    pub fn new(model: &Model, design: &Design, name: Option<&str>) -> TableSpec {
        let index = |i: &Index| IndexSpec {
            name: i.name.clone(),
            partition_key: key(&i.partition_key),
            sort_key: Some(key(&i.sort_key)),
            projection: match i.projection {
                Projection::All => "ALL",
                Projection::KeysOnly => "KEYS_ONLY",
            }
            .to_string(),
        };
        let mut gsis: Vec<IndexSpec> = design.gsis.iter().map(index).collect();
        gsis.sort_by(|a, b| a.name.cmp(&b.name));
        let mut lsis: Vec<IndexSpec> = design.lsis.iter().map(index).collect();
        lsis.sort_by(|a, b| a.name.cmp(&b.name));
        TableSpec {
            name: name.unwrap_or(&model.table.name).to_string(),
            partition_key: key(&design.table.partition_key),
            sort_key: Some(key(&design.table.sort_key)),
            gsis,
            lsis,
            billing: match model.table.billing {
                Billing::OnDemand => BillingSpec::OnDemand,
                Billing::Provisioned { read_capacity, write_capacity } => {
                    BillingSpec::Provisioned { read: read_capacity, write: write_capacity }
                }
            },
            stream: model
                .table
                .stream
                .map(|s| serde_json::to_value(s).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()),
            ttl: model.table.ttl_attribute.clone(),
            point_in_time_recovery: model.table.point_in_time_recovery,
            deletion_protection: model.table.deletion_protection,
            tags: model.table.tags.clone(),
        }
    }

    /// Every key attribute of the table and its indexes, each once.
    pub fn attribute_definitions(&self) -> Vec<KeyDef> {
        let mut defs: Vec<KeyDef> = std::iter::once(&self.partition_key)
            .chain(&self.sort_key)
            .chain(
                self.gsis.iter().chain(&self.lsis).flat_map(|i| std::iter::once(&i.partition_key).chain(&i.sort_key)),
            )
            .cloned()
            .collect();
        defs.sort();
        defs.dedup();
        defs
    }
}

fn key(k: &KeyAttribute) -> KeyDef {
    KeyDef { name: k.name.clone(), attr_type: k.attr_type.clone() }
}
