//! The table as it is: DescribeTable, DescribeTimeToLive, DescribeContinuousBackups
//! and ListTagsOfResource read into the same shape as the spec. Settings an endpoint
//! does not support (DynamoDB Local has no tags and no point-in-time recovery) are
//! marked unknown, and the plan leaves them alone.

use std::collections::BTreeMap;

use aws_sdk_dynamodb::error::ProvideErrorMetadata;
use aws_sdk_dynamodb::operation::describe_table::DescribeTableError;
use aws_sdk_dynamodb::types::{
    BillingMode, GlobalSecondaryIndexDescription, IndexStatus, KeySchemaElement, KeyType,
    LocalSecondaryIndexDescription, PointInTimeRecoveryStatus, ProjectionType, TableDescription, TableStatus,
    TimeToLiveStatus,
};
use aws_sdk_dynamodb::Client;

use crate::error::{message, DeployError};
use tablewright_engine::design::{KeyAttribute, Projection};
use tablewright_engine::model::Billing;
use tablewright_engine::table_spec::{stream_view_of, IndexSpec, TableSpec};

#[derive(Debug, Clone)]
pub struct LiveTable {
    pub spec: TableSpec,
    /// `None` when the endpoint cannot tell (no point-in-time recovery API).
    pub point_in_time_recovery: Option<bool>,
    /// `None` when the endpoint cannot tell (no tagging API).
    pub tags: Option<BTreeMap<String, String>>,
    pub arn: String,
    pub status: String,
    /// GSIs not ACTIVE yet (creating, backfilling, deleting).
    pub busy_indexes: Vec<String>,
}

/// `None` when there is no such table.
pub async fn describe(client: &Client, name: &str) -> Result<Option<LiveTable>, DeployError> {
    let table = match client.describe_table().table_name(name).send().await {
        Ok(out) => match out.table {
            Some(t) => t,
            None => return Ok(None),
        },
        Err(e) if matches!(e.as_service_error(), Some(DescribeTableError::ResourceNotFoundException(_))) => {
            return Ok(None);
        }
        Err(e) => return Err(aws("DescribeTable", name, &e)),
    };
    let ttl = client
        .describe_time_to_live()
        .table_name(name)
        .send()
        .await
        .map_err(|e| aws("DescribeTimeToLive", name, &e))?;
    let ttl = ttl.time_to_live_description.and_then(|d| match d.time_to_live_status {
        Some(TimeToLiveStatus::Enabled | TimeToLiveStatus::Enabling) => d.attribute_name,
        _ => None,
    });
    let pitr = match client.describe_continuous_backups().table_name(name).send().await {
        Ok(out) => Some(
            out.continuous_backups_description
                .and_then(|d| d.point_in_time_recovery_description)
                .and_then(|p| p.point_in_time_recovery_status)
                == Some(PointInTimeRecoveryStatus::Enabled),
        ),
        Err(e) if unsupported(&e) => None,
        Err(e) => return Err(aws("DescribeContinuousBackups", name, &e)),
    };
    let arn = table.table_arn.clone().unwrap_or_default();
    let tags = tags(client, name, &arn).await?;
    Ok(Some(read(table, ttl, pitr, tags, name)))
}

async fn tags(client: &Client, name: &str, arn: &str) -> Result<Option<BTreeMap<String, String>>, DeployError> {
    let mut tags = BTreeMap::new();
    let mut next: Option<String> = None;
    loop {
        let out = match client.list_tags_of_resource().resource_arn(arn).set_next_token(next.take()).send().await {
            Ok(out) => out,
            Err(e) if unsupported(&e) => return Ok(None),
            Err(e) => return Err(aws("ListTagsOfResource", name, &e)),
        };
        for tag in out.tags.unwrap_or_default() {
            tags.insert(tag.key, tag.value);
        }
        match out.next_token {
            Some(token) => next = Some(token),
            None => return Ok(Some(tags)),
        }
    }
}

/// DynamoDB Local answers operations it lacks with UnknownOperationException.
pub fn unsupported<E: ProvideErrorMetadata>(err: &E) -> bool {
    err.code() == Some("UnknownOperationException")
}

fn read(
    t: TableDescription,
    ttl: Option<String>,
    pitr: Option<bool>,
    tags: Option<BTreeMap<String, String>>,
    name: &str,
) -> LiveTable {
    let types: BTreeMap<String, String> = t
        .attribute_definitions
        .unwrap_or_default()
        .into_iter()
        .map(|d| (d.attribute_name, d.attribute_type.as_str().to_string()))
        .collect();
    let keys = |schema: &[KeySchemaElement], kind: KeyType| {
        schema.iter().find(|k| k.key_type == kind).map(|k| KeyAttribute {
            name: k.attribute_name.clone(),
            attr_type: types.get(&k.attribute_name).cloned().unwrap_or_default(),
        })
    };
    let schema = t.key_schema.unwrap_or_default();
    let gsi = |g: &GlobalSecondaryIndexDescription| {
        let schema = g.key_schema.clone().unwrap_or_default();
        IndexSpec {
            name: g.index_name.clone().unwrap_or_default(),
            partition_key: keys(&schema, KeyType::Hash)
                .unwrap_or(KeyAttribute { name: String::new(), attr_type: String::new() }),
            sort_key: keys(&schema, KeyType::Range),
            projection: projection(g.projection.as_ref()),
        }
    };
    let lsi = |l: &LocalSecondaryIndexDescription| {
        let schema = l.key_schema.clone().unwrap_or_default();
        IndexSpec {
            name: l.index_name.clone().unwrap_or_default(),
            partition_key: keys(&schema, KeyType::Hash)
                .unwrap_or(KeyAttribute { name: String::new(), attr_type: String::new() }),
            sort_key: keys(&schema, KeyType::Range),
            projection: projection(l.projection.as_ref()),
        }
    };
    let gsi_list = t.global_secondary_indexes.unwrap_or_default();
    let busy_indexes = gsi_list
        .iter()
        .filter(|g| g.index_status.as_ref() != Some(&IndexStatus::Active) || g.backfilling == Some(true))
        .filter_map(|g| g.index_name.clone())
        .collect();
    let mut gsis: Vec<IndexSpec> =
        gsi_list.iter().filter(|g| g.index_status.as_ref() != Some(&IndexStatus::Deleting)).map(gsi).collect();
    gsis.sort_by(|a, b| a.name.cmp(&b.name));
    let mut lsis: Vec<IndexSpec> = t.local_secondary_indexes.unwrap_or_default().iter().map(lsi).collect();
    lsis.sort_by(|a, b| a.name.cmp(&b.name));
    // A table without a billing summary was created provisioned and never switched.
    let on_demand = t.billing_mode_summary.and_then(|b| b.billing_mode) == Some(BillingMode::PayPerRequest);
    let billing = if on_demand {
        Billing::OnDemand
    } else {
        let p = t.provisioned_throughput.as_ref();
        Billing::Provisioned {
            read_capacity: p.and_then(|p| p.read_capacity_units).unwrap_or(0) as u64,
            write_capacity: p.and_then(|p| p.write_capacity_units).unwrap_or(0) as u64,
        }
    };
    let stream = t
        .stream_specification
        .filter(|s| s.stream_enabled)
        .and_then(|s| s.stream_view_type)
        .and_then(|v| stream_view_of(v.as_str()));
    LiveTable {
        spec: TableSpec {
            name: name.to_string(),
            partition_key: keys(&schema, KeyType::Hash)
                .unwrap_or(KeyAttribute { name: String::new(), attr_type: String::new() }),
            sort_key: keys(&schema, KeyType::Range),
            gsis,
            lsis,
            billing,
            stream,
            ttl_attribute: ttl,
            point_in_time_recovery: pitr.unwrap_or(false),
            deletion_protection: t.deletion_protection_enabled.unwrap_or(false),
            tags: tags.clone().unwrap_or_default(),
        },
        point_in_time_recovery: pitr,
        tags,
        arn: t.table_arn.unwrap_or_default(),
        status: t.table_status.map_or_else(|| TableStatus::Active.as_str().to_string(), |s| s.as_str().to_string()),
        busy_indexes,
    }
}

/// An index's projection as DynamoDB describes it (ALL when it says nothing).
fn projection(p: Option<&aws_sdk_dynamodb::types::Projection>) -> Projection {
    match p.and_then(|p| p.projection_type.as_ref()) {
        Some(ProjectionType::KeysOnly) => Projection::KeysOnly,
        Some(ProjectionType::Include) => {
            Projection::Include(p.map(|p| p.non_key_attributes().to_vec()).unwrap_or_default())
        }
        _ => Projection::All,
    }
}

pub fn aws<E: std::error::Error + ProvideErrorMetadata + 'static>(
    operation: &'static str,
    table: &str,
    err: &E,
) -> DeployError {
    DeployError::Aws { operation, table: table.to_string(), message: message(err) }
}
