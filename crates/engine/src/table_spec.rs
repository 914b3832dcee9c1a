//! The table a model and its design call for, and what a live table is when read
//! back: key schema, GSIs and LSIs, billing, stream, TTL, point-in-time recovery,
//! deletion protection and tags. One type for CloudFormation, Terraform, CDK, the
//! AWS CLI, the deploy and the diff of a deploy against the live table.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::design::{Design, Index, KeyAttribute, Projection};
use crate::model::{Billing, Model, StreamViewType};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableSpec {
    pub name: String,
    pub partition_key: KeyAttribute,
    pub sort_key: Option<KeyAttribute>,
    pub gsis: Vec<IndexSpec>,
    pub lsis: Vec<IndexSpec>,
    pub billing: Billing,
    pub stream: Option<StreamViewType>,
    /// The TTL attribute; `None` when TTL is off.
    pub ttl_attribute: Option<String>,
    pub point_in_time_recovery: bool,
    pub deletion_protection: bool,
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndexSpec {
    pub name: String,
    pub partition_key: KeyAttribute,
    pub sort_key: Option<KeyAttribute>,
    pub projection: Projection,
}

impl TableSpec {
    /// The table `model` and `design` call for, named `name` (the model's own
    /// table name unless another is given).
    pub fn new(model: &Model, design: &Design, name: Option<&str>) -> TableSpec {
        let index = |i: &Index| IndexSpec {
            name: i.deployed_name.clone().unwrap_or_else(|| i.name.clone()),
            partition_key: i.partition_key.clone(),
            sort_key: Some(i.sort_key.clone()),
            projection: i.projection.clone(),
        };
        let table = &model.table;
        TableSpec {
            name: name.unwrap_or(&table.name).to_string(),
            partition_key: design.table.partition_key.clone(),
            sort_key: Some(design.table.sort_key.clone()),
            gsis: design.gsis.iter().map(index).collect(),
            lsis: design.lsis.iter().map(index).collect(),
            billing: table.billing.clone(),
            stream: table.stream,
            ttl_attribute: table.ttl_attribute.clone(),
            point_in_time_recovery: table.point_in_time_recovery,
            deletion_protection: table.deletion_protection,
            tags: table.tags.clone(),
        }
    }

    /// The key attributes of the table and every index, each once, in first-use
    /// order: DynamoDB rejects a definition no key uses.
    pub fn attribute_definitions(&self) -> Vec<KeyAttribute> {
        let mut definitions: Vec<KeyAttribute> = Vec::new();
        let indexes = self.gsis.iter().chain(&self.lsis);
        let keys = std::iter::once(&self.partition_key)
            .chain(&self.sort_key)
            .chain(indexes.flat_map(|i| std::iter::once(&i.partition_key).chain(&i.sort_key)));
        for key in keys {
            if !definitions.iter().any(|d| d.name == key.name) {
                definitions.push(key.clone());
            }
        }
        definitions
    }

    /// `PAY_PER_REQUEST` or `PROVISIONED`, as DynamoDB spells it.
    pub fn billing_mode(&self) -> &'static str {
        match self.billing {
            Billing::OnDemand => "PAY_PER_REQUEST",
            Billing::Provisioned { .. } => "PROVISIONED",
        }
    }

    pub fn capacity(&self) -> Option<(u64, u64)> {
        match self.billing {
            Billing::OnDemand => None,
            Billing::Provisioned { read_capacity, write_capacity } => Some((read_capacity, write_capacity)),
        }
    }
}

impl IndexSpec {
    /// Two indexes of one name with different keys or projection are different
    /// indexes: changing one means deleting it and creating it anew.
    pub fn same_shape(&self, other: &IndexSpec) -> bool {
        self.partition_key == other.partition_key
            && self.sort_key == other.sort_key
            && self.projection.same(&other.projection)
    }

    pub fn describe(&self) -> String {
        let key = |k: &KeyAttribute| format!("{} {}", k.name, k.attr_type);
        let sk = self.sort_key.as_ref().map(|k| format!(" / {}", key(k))).unwrap_or_default();
        format!("{} ({}{sk}, projection {})", self.name, key(&self.partition_key), projection_text(&self.projection))
    }
}

/// The billing in words: `on demand`, `provisioned 5 RCU / 5 WCU`.
pub fn billing_text(billing: &Billing) -> String {
    match billing {
        Billing::OnDemand => "on demand".to_string(),
        Billing::Provisioned { read_capacity, write_capacity } => {
            format!("provisioned {read_capacity} RCU / {write_capacity} WCU")
        }
    }
}

pub fn stream_view_name(view: StreamViewType) -> &'static str {
    match view {
        StreamViewType::KeysOnly => "KEYS_ONLY",
        StreamViewType::NewImage => "NEW_IMAGE",
        StreamViewType::OldImage => "OLD_IMAGE",
        StreamViewType::NewAndOldImages => "NEW_AND_OLD_IMAGES",
    }
}

/// The stream view DynamoDB names so.
pub fn stream_view_of(name: &str) -> Option<StreamViewType> {
    [StreamViewType::KeysOnly, StreamViewType::NewImage, StreamViewType::OldImage, StreamViewType::NewAndOldImages]
        .into_iter()
        .find(|v| stream_view_name(*v) == name)
}

/// `ALL`, `KEYS_ONLY` or `INCLUDE`, as DynamoDB spells the projection type.
pub fn projection_name(projection: &Projection) -> &'static str {
    match projection {
        Projection::All => "ALL",
        Projection::KeysOnly => "KEYS_ONLY",
        Projection::Include(_) => "INCLUDE",
    }
}

/// The projection in words: `ALL`, `INCLUDE (total, status)`.
pub fn projection_text(projection: &Projection) -> String {
    match projection {
        Projection::Include(attributes) => format!("INCLUDE ({})", attributes.join(", ")),
        other => projection_name(other).to_string(),
    }
}
