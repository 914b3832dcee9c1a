//! The table definition a deploy or an infrastructure export needs, taken from the
//! model's settings and the design's keys: one source for CloudFormation,
//! Terraform, CDK, the AWS CLI and the deploy itself.

use std::collections::BTreeMap;

use crate::design::{Design, KeyAttribute, Projection};
use crate::model::{Billing, Model, StreamViewType};

#[derive(Debug, Clone, PartialEq)]
pub struct TableSpec {
    pub name: String,
    /// The key attributes of the table and every index, each once, in first-use order.
    pub attribute_definitions: Vec<KeyAttribute>,
    pub partition_key: String,
    pub sort_key: Option<String>,
    pub gsis: Vec<IndexSpec>,
    pub lsis: Vec<IndexSpec>,
    pub billing: Billing,
    pub stream: Option<StreamViewType>,
    pub ttl_attribute: Option<String>,
    pub point_in_time_recovery: bool,
    pub deletion_protection: bool,
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndexSpec {
    pub name: String,
    pub partition_key: String,
    pub sort_key: Option<String>,
    pub projection: Projection,
}

pub fn table_spec(model: &Model, design: &Design) -> TableSpec {
    let mut definitions: Vec<KeyAttribute> = Vec::new();
    let mut define = |key: &KeyAttribute| {
        if !definitions.iter().any(|d| d.name == key.name) {
            definitions.push(key.clone());
        }
    };
    define(&design.table.partition_key);
    define(&design.table.sort_key);
    let index = |i: &crate::design::Index| IndexSpec {
        name: i.name.clone(),
        partition_key: i.partition_key.name.clone(),
        sort_key: Some(i.sort_key.name.clone()),
        projection: i.projection,
    };
    for i in design.gsis.iter().chain(&design.lsis) {
        define(&i.partition_key);
        define(&i.sort_key);
    }
    let table = &model.table;
    TableSpec {
        name: table.name.clone(),
        attribute_definitions: definitions,
        partition_key: design.table.partition_key.name.clone(),
        sort_key: Some(design.table.sort_key.name.clone()),
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

impl TableSpec {
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

pub fn stream_view_name(view: StreamViewType) -> &'static str {
    match view {
        StreamViewType::KeysOnly => "KEYS_ONLY",
        StreamViewType::NewImage => "NEW_IMAGE",
        StreamViewType::OldImage => "OLD_IMAGE",
        StreamViewType::NewAndOldImages => "NEW_AND_OLD_IMAGES",
    }
}

pub fn projection_name(projection: Projection) -> &'static str {
    match projection {
        Projection::All => "ALL",
        Projection::KeysOnly => "KEYS_ONLY",
    }
}
