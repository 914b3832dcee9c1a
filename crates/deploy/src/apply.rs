//! Carries out a plan: one change at a time, one GSI per UpdateTable, waiting after
//! each until the table and its indexes are ACTIVE again, and reporting how each
//! wait goes (a GSI backfill can take an hour). Refuses destructive changes unless
//! they were allowed; stops between requests when cancelled.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, CreateGlobalSecondaryIndexAction, DeleteGlobalSecondaryIndexAction,
    GlobalSecondaryIndex, GlobalSecondaryIndexUpdate, KeySchemaElement, KeyType, LocalSecondaryIndex,
    PointInTimeRecoverySpecification, Projection, ProjectionType, ProvisionedThroughput, ScalarAttributeType,
    StreamSpecification, StreamViewType, Tag, TimeToLiveSpecification,
};
use aws_sdk_dynamodb::Client;

use crate::diff::{Change, DeployPlan};
use crate::error::{build_message, DeployError};
use crate::live::{aws, describe, unsupported};
use crate::status::{status, TableState};
use tablewright_engine::design::KeyAttribute;
use tablewright_engine::model::Billing;
use tablewright_engine::table_spec::{projection_name, stream_view_name, IndexSpec, TableSpec};

#[derive(Debug, Clone, Copy, Default)]
pub struct ApplyOptions {
    /// Deleting a GSI or the table is allowed.
    pub allow_destroy: bool,
    /// The user confirmed that the table may be lost (`--yes`).
    pub confirmed: bool,
    /// How long to wait for the table or an index to become ACTIVE.
    pub wait: Duration,
}

/// Checks the plan against the options before anything is sent.
pub fn authorize(plan: &DeployPlan, options: &ApplyOptions) -> Result<(), DeployError> {
    let destructive: Vec<String> = plan.destructive().iter().map(|c| c.to_string()).collect();
    if !destructive.is_empty() && !options.allow_destroy {
        return Err(DeployError::Destructive(destructive.join("; ")));
    }
    if plan.changes.iter().any(|c| matches!(c, Change::ReplaceTable { protected: true, .. })) {
        return Err(DeployError::Protected(plan.table.clone()));
    }
    if plan.changes.iter().any(Change::loses_table) && !options.confirmed {
        return Err(DeployError::TableLoss(plan.table.clone()));
    }
    Ok(())
}

/// What `apply` reports as it goes.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ApplyEvent {
    /// Change `step` (from 1) of `of` is being sent.
    Started {
        step: usize,
        of: usize,
        change: String,
    },
    /// Waiting for the table or an index: how it is doing now.
    Waiting {
        step: usize,
        state: TableState,
        seconds: u64,
    },
    Done {
        step: usize,
        change: String,
    },
    /// Not applied: the endpoint does not support it (DynamoDB Local: tags,
    /// point-in-time recovery).
    Skipped {
        step: usize,
        change: String,
        why: String,
    },
}

impl std::fmt::Display for ApplyEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApplyEvent::Started { step, of, change } => write!(f, "[{step}/{of}] {change}"),
            ApplyEvent::Waiting { state, seconds, .. } => write!(f, "waiting {seconds} s: {}", state.describe()),
            ApplyEvent::Done { change, .. } => write!(f, "done: {change}"),
            ApplyEvent::Skipped { change, why, .. } => write!(f, "skipped: {change} ({why})"),
        }
    }
}

/// Where `apply` sends its events, and whether to stop.
pub struct Progress<'a> {
    pub report: &'a mut (dyn FnMut(ApplyEvent) + Send),
    /// Set to stop at the next step or poll: DynamoDB still finishes the request
    /// in flight (an index being built goes on being built).
    pub cancel: Option<&'a AtomicBool>,
}

impl<'a> Progress<'a> {
    /// Events go to `report`; nothing cancels.
    pub fn to(report: &'a mut (dyn FnMut(ApplyEvent) + Send)) -> Self {
        Progress { report, cancel: None }
    }

    fn check(&self, done: usize, of: usize) -> Result<(), DeployError> {
        match self.cancel {
            Some(flag) if flag.load(Ordering::Relaxed) => Err(DeployError::Cancelled { done, of }),
            _ => Ok(()),
        }
    }
}

/// Applies every change in order, reporting each step and each wait. What an
/// endpoint does not support (DynamoDB Local: point-in-time recovery, tags) is
/// reported and skipped.
pub async fn apply(
    client: &Client,
    plan: &DeployPlan,
    options: &ApplyOptions,
    progress: &mut Progress<'_>,
) -> Result<(), DeployError> {
    authorize(plan, options)?;
    let table = plan.table.as_str();
    let of = plan.changes.len();
    for (i, change) in plan.changes.iter().enumerate() {
        let step = i + 1;
        progress.check(i, of)?;
        let headline = change.to_string().lines().next().unwrap_or_default().to_string();
        (progress.report)(ApplyEvent::Started { step, of, change: headline.clone() });
        let mut waiter = Waiter { client, table, limit: options.wait, step, of, progress: &mut *progress };
        let skipped = apply_one(client, table, change, &mut waiter).await?;
        (progress.report)(match skipped {
            Some(why) => ApplyEvent::Skipped { step, change: headline, why },
            None => ApplyEvent::Done { step, change: headline },
        });
    }
    Ok(())
}

/// Waits after a step until the table (and an index) are ACTIVE, reporting
/// each poll.
struct Waiter<'w, 'p> {
    client: &'w Client,
    table: &'w str,
    limit: Duration,
    step: usize,
    of: usize,
    progress: &'w mut Progress<'p>,
}

impl Waiter<'_, '_> {
    async fn active(&mut self, index: Option<&str>) -> Result<(), DeployError> {
        let mut report = |state: &TableState, seconds: u64| {
            (self.progress.report)(ApplyEvent::Waiting { step: self.step, state: state.clone(), seconds });
        };
        let cancel = self.progress.cancel;
        let stop = || {
            cancel
                .is_some_and(|f| f.load(Ordering::Relaxed))
                .then_some(DeployError::Cancelled { done: self.step - 1, of: self.of })
        };
        wait_until_active(self.client, self.table, index, self.limit, &mut report, &stop).await
    }
}

async fn apply_one(
    client: &Client,
    table: &str,
    change: &Change,
    wait: &mut Waiter<'_, '_>,
) -> Result<Option<String>, DeployError> {
    match change {
        Change::CreateTable { spec } => {
            create_table(client, spec).await?;
            wait.active(None).await?;
        }
        Change::ReplaceTable { spec, .. } => {
            // A protected table never gets here (authorize); were protection turned
            // on meanwhile, DeleteTable itself refuses.
            client.delete_table().table_name(table).send().await.map_err(|e| aws("DeleteTable", table, &e))?;
            wait_gone(client, table, wait.limit).await?;
            create_table(client, spec).await?;
            wait.active(None).await?;
        }
        Change::DeleteGsi { name } => {
            let update = GlobalSecondaryIndexUpdate::builder()
                .delete(DeleteGlobalSecondaryIndexAction::builder().index_name(name).build().map_err(build)?)
                .build();
            client
                .update_table()
                .table_name(table)
                .global_secondary_index_updates(update)
                .send()
                .await
                .map_err(|e| aws("UpdateTable", table, &e))?;
            wait.active(None).await?;
        }
        Change::CreateGsi { index } => {
            let live = describe(client, table).await?;
            let throughput = match live.map(|l| l.spec.billing) {
                Some(Billing::Provisioned { read_capacity, write_capacity }) => {
                    Some(throughput(read_capacity, write_capacity)?)
                }
                _ => None,
            };
            let action = CreateGlobalSecondaryIndexAction::builder()
                .index_name(&index.name)
                .set_key_schema(Some(key_schema(&index.partition_key, index.sort_key.as_ref())?))
                .projection(projection(index))
                .set_provisioned_throughput(throughput)
                .build()
                .map_err(build)?;
            let mut defs = vec![attribute(&index.partition_key)?];
            if let Some(sk) = &index.sort_key {
                defs.push(attribute(sk)?);
            }
            client
                .update_table()
                .table_name(table)
                .set_attribute_definitions(Some(defs))
                .global_secondary_index_updates(GlobalSecondaryIndexUpdate::builder().create(action).build())
                .send()
                .await
                .map_err(|e| aws("UpdateTable", table, &e))?;
            wait.active(Some(&index.name)).await?;
        }
        Change::SetBilling { to, .. } => {
            let mut request = client.update_table().table_name(table);
            request = match to {
                Billing::OnDemand => request.billing_mode(BillingMode::PayPerRequest),
                Billing::Provisioned { read_capacity: read, write_capacity: write } => {
                    let live = describe(client, table).await?;
                    let mut updates = Vec::new();
                    for gsi in live.map(|l| l.spec.gsis).unwrap_or_default() {
                        updates.push(
                            GlobalSecondaryIndexUpdate::builder()
                                .update(
                                    aws_sdk_dynamodb::types::UpdateGlobalSecondaryIndexAction::builder()
                                        .index_name(gsi.name)
                                        .provisioned_throughput(throughput(*read, *write)?)
                                        .build()
                                        .map_err(build)?,
                                )
                                .build(),
                        );
                    }
                    request
                        .billing_mode(BillingMode::Provisioned)
                        .provisioned_throughput(throughput(*read, *write)?)
                        .set_global_secondary_index_updates((!updates.is_empty()).then_some(updates))
                }
            };
            request.send().await.map_err(|e| aws("UpdateTable", table, &e))?;
            wait.active(None).await?;
        }
        Change::SetStream { from, to } => {
            // A stream's view type cannot change in place: off, then on again.
            if from.is_some() {
                let off = StreamSpecification::builder().stream_enabled(false).build().map_err(build)?;
                client
                    .update_table()
                    .table_name(table)
                    .stream_specification(off)
                    .send()
                    .await
                    .map_err(|e| aws("UpdateTable", table, &e))?;
                wait.active(None).await?;
            }
            if let Some(view) = to {
                let on = StreamSpecification::builder()
                    .stream_enabled(true)
                    .stream_view_type(StreamViewType::from(stream_view_name(*view)))
                    .build()
                    .map_err(build)?;
                client
                    .update_table()
                    .table_name(table)
                    .stream_specification(on)
                    .send()
                    .await
                    .map_err(|e| aws("UpdateTable", table, &e))?;
                wait.active(None).await?;
            }
        }
        Change::SetTtl { from, to } => {
            if let Some(old) = from {
                let spec =
                    TimeToLiveSpecification::builder().enabled(false).attribute_name(old).build().map_err(build)?;
                client
                    .update_time_to_live()
                    .table_name(table)
                    .time_to_live_specification(spec)
                    .send()
                    .await
                    .map_err(|e| aws("UpdateTimeToLive", table, &e))?;
            }
            if let Some(new) = to {
                let spec =
                    TimeToLiveSpecification::builder().enabled(true).attribute_name(new).build().map_err(build)?;
                client
                    .update_time_to_live()
                    .table_name(table)
                    .time_to_live_specification(spec)
                    .send()
                    .await
                    .map_err(|e| aws("UpdateTimeToLive", table, &e))?;
            }
        }
        Change::SetPointInTimeRecovery { enabled } => {
            let spec = PointInTimeRecoverySpecification::builder()
                .point_in_time_recovery_enabled(*enabled)
                .build()
                .map_err(build)?;
            match client
                .update_continuous_backups()
                .table_name(table)
                .point_in_time_recovery_specification(spec)
                .send()
                .await
            {
                Ok(_) => {}
                Err(e) if unsupported(&e) => return Ok(Some("the endpoint has no point-in-time recovery".into())),
                Err(e) => return Err(aws("UpdateContinuousBackups", table, &e)),
            }
        }
        Change::SetDeletionProtection { enabled } => {
            client
                .update_table()
                .table_name(table)
                .deletion_protection_enabled(*enabled)
                .send()
                .await
                .map_err(|e| aws("UpdateTable", table, &e))?;
            wait.active(None).await?;
        }
        Change::Tag { tags } => {
            let arn = arn(client, table).await?;
            let tags: Vec<Tag> = tags
                .iter()
                .map(|(k, v)| Tag::builder().key(k).value(v).build().map_err(build))
                .collect::<Result<_, _>>()?;
            match client.tag_resource().resource_arn(arn).set_tags(Some(tags)).send().await {
                Ok(_) => {}
                Err(e) if unsupported(&e) => return Ok(Some("the endpoint has no tagging".into())),
                Err(e) => return Err(aws("TagResource", table, &e)),
            }
        }
        Change::Untag { keys } => {
            let arn = arn(client, table).await?;
            match client.untag_resource().resource_arn(arn).set_tag_keys(Some(keys.clone())).send().await {
                Ok(_) => {}
                Err(e) if unsupported(&e) => return Ok(Some("the endpoint has no tagging".into())),
                Err(e) => return Err(aws("UntagResource", table, &e)),
            }
        }
    }
    Ok(None)
}

async fn create_table(client: &Client, spec: &TableSpec) -> Result<(), DeployError> {
    let defs = spec.attribute_definitions().iter().map(attribute).collect::<Result<Vec<_>, _>>()?;
    let provisioned = match spec.billing {
        Billing::Provisioned { read_capacity, write_capacity } => Some(throughput(read_capacity, write_capacity)?),
        Billing::OnDemand => None,
    };
    let gsis = spec
        .gsis
        .iter()
        .map(|i| {
            GlobalSecondaryIndex::builder()
                .index_name(&i.name)
                .set_key_schema(Some(key_schema(&i.partition_key, i.sort_key.as_ref())?))
                .projection(projection(i))
                .set_provisioned_throughput(provisioned.clone())
                .build()
                .map_err(build)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let lsis = spec
        .lsis
        .iter()
        .map(|i| {
            LocalSecondaryIndex::builder()
                .index_name(&i.name)
                .set_key_schema(Some(key_schema(&i.partition_key, i.sort_key.as_ref())?))
                .projection(projection(i))
                .build()
                .map_err(build)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let stream = match &spec.stream {
        Some(view) => Some(
            StreamSpecification::builder()
                .stream_enabled(true)
                .stream_view_type(StreamViewType::from(stream_view_name(*view)))
                .build()
                .map_err(build)?,
        ),
        None => None,
    };
    let tags: Vec<Tag> = spec
        .tags
        .iter()
        .map(|(k, v)| Tag::builder().key(k).value(v).build().map_err(build))
        .collect::<Result<_, _>>()?;
    client
        .create_table()
        .table_name(&spec.name)
        .set_attribute_definitions(Some(defs))
        .set_key_schema(Some(key_schema(&spec.partition_key, spec.sort_key.as_ref())?))
        .billing_mode(if provisioned.is_some() { BillingMode::Provisioned } else { BillingMode::PayPerRequest })
        .set_provisioned_throughput(provisioned)
        .set_global_secondary_indexes((!gsis.is_empty()).then_some(gsis))
        .set_local_secondary_indexes((!lsis.is_empty()).then_some(lsis))
        .set_stream_specification(stream)
        .deletion_protection_enabled(spec.deletion_protection)
        .set_tags((!tags.is_empty()).then_some(tags))
        .send()
        .await
        .map_err(|e| aws("CreateTable", &spec.name, &e))?;
    Ok(())
}

/// Until the table, and `index` if named (else every index), are ACTIVE: polls
/// with a growing delay, reporting each state seen; `stop` ends the wait with
/// its error.
async fn wait_until_active(
    client: &Client,
    table: &str,
    index: Option<&str>,
    limit: Duration,
    report: &mut (dyn FnMut(&TableState, u64) + Send),
    stop: &(dyn Fn() -> Option<DeployError> + Sync),
) -> Result<(), DeployError> {
    let start = Instant::now();
    let mut delay = Duration::from_millis(100);
    loop {
        if let Some(state) = status(client, table).await? {
            if state.active(index) {
                return Ok(());
            }
            report(&state, start.elapsed().as_secs());
        }
        if let Some(stopped) = stop() {
            return Err(stopped);
        }
        if start.elapsed() > limit {
            let what = index.map_or_else(|| format!("table {table}"), |i| format!("index {i} of {table}"));
            return Err(DeployError::Timeout { what: format!("{what} to become ACTIVE"), seconds: limit.as_secs() });
        }
        tokio::time::sleep(delay).await;
        delay = (delay * 2).min(Duration::from_secs(5));
    }
}

async fn wait_gone(client: &Client, table: &str, limit: Duration) -> Result<(), DeployError> {
    let start = Instant::now();
    while describe(client, table).await?.is_some() {
        if start.elapsed() > limit {
            return Err(DeployError::Timeout {
                what: format!("table {table} to be deleted"),
                seconds: limit.as_secs(),
            });
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    Ok(())
}

async fn arn(client: &Client, table: &str) -> Result<String, DeployError> {
    Ok(describe(client, table).await?.map(|l| l.arn).unwrap_or_default())
}

fn key_schema(pk: &KeyAttribute, sk: Option<&KeyAttribute>) -> Result<Vec<KeySchemaElement>, DeployError> {
    let mut schema =
        vec![KeySchemaElement::builder().attribute_name(&pk.name).key_type(KeyType::Hash).build().map_err(build)?];
    if let Some(sk) = sk {
        schema.push(
            KeySchemaElement::builder().attribute_name(&sk.name).key_type(KeyType::Range).build().map_err(build)?,
        );
    }
    Ok(schema)
}

fn attribute(def: &KeyAttribute) -> Result<AttributeDefinition, DeployError> {
    AttributeDefinition::builder()
        .attribute_name(&def.name)
        .attribute_type(ScalarAttributeType::from(def.attr_type.as_str()))
        .build()
        .map_err(build)
}

fn projection(index: &IndexSpec) -> Projection {
    let included = match &index.projection {
        tablewright_engine::design::Projection::Include(attributes) => Some(attributes.clone()),
        _ => None,
    };
    Projection::builder()
        .projection_type(ProjectionType::from(projection_name(&index.projection)))
        .set_non_key_attributes(included)
        .build()
}

fn throughput(read: u64, write: u64) -> Result<ProvisionedThroughput, DeployError> {
    ProvisionedThroughput::builder()
        .read_capacity_units(read as i64)
        .write_capacity_units(write as i64)
        .build()
        .map_err(build)
}

fn build(e: impl std::fmt::Display + std::fmt::Debug) -> DeployError {
    DeployError::Build(build_message(e))
}
