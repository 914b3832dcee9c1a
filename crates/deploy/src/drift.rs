//! The deploy plan with what the live table's items say: keys stored under other
//! templates than the design's (indexes renumbered, a template changed, an index
//! added that no item was written for), which the table's definition cannot show
//! and no change of it fixes.

use aws_sdk_dynamodb::Client;
use indexmap::IndexMap;
use tablewright_engine::design::Design;
use tablewright_engine::model::Model;
use tablewright_engine::sample::drift::key_drift;
use tablewright_engine::table_spec::TableSpec;
use tablewright_engine::value::Value;

use crate::convert::from_item;
use crate::diff::{plan, DeployPlan};
use crate::error::message;
use crate::error::DeployError;
use crate::live::{describe, LiveTable};

/// Items read to check their keys: a Scan of up to 1,000 items (on AWS, half a
/// read unit per 4 KB of them).
pub const ITEMS_CHECKED: usize = 1000;

/// The plan that turns the table at the target (if any) into `spec`, warning
/// where the items already in it are keyed (or expire) otherwise than `design`
/// keys them, and saying which entities' items were not among those read.
pub async fn plan_at(
    client: &Client,
    spec: &TableSpec,
    model: &Model,
    design: &Design,
) -> Result<(Option<LiveTable>, DeployPlan), DeployError> {
    let live = describe(client, &spec.name).await?;
    let mut plan = plan(spec, live.as_ref());
    // A table to be replaced (now, or once its protection is off) loses its
    // items, whatever their keys.
    let replaced =
        live.as_ref().is_none_or(|l| l.spec.partition_key != spec.partition_key || l.spec.sort_key != spec.sort_key)
            || plan.changes.iter().any(|c| c.loses_table());
    if replaced {
        return Ok((live, plan));
    }
    match first_items(client, &spec.name).await {
        Ok((items, whole)) if !items.is_empty() => {
            let drift = key_drift(model, design, &items);
            plan.warnings = drift.warnings(design);
            plan.notes.extend(drift.unjudged(design));
            if !whole {
                let unseen = if drift.unseen.is_empty() {
                    String::new()
                } else {
                    format!("; no item of {} was among them, so theirs were not checked", drift.unseen.join(", "))
                };
                plan.notes.push(format!(
                    "the keys of the first {} items were checked against the design, not the whole table{unseen}",
                    items.len()
                ));
            }
        }
        Ok(_) => {}
        Err(why) => plan
            .notes
            .push(format!("the items' keys were not checked against the design: reading {} failed ({why})", spec.name)),
    }
    Ok((live, plan))
}

/// Up to [`ITEMS_CHECKED`] items, and whether they are all the table holds.
async fn first_items(client: &Client, table: &str) -> Result<(Vec<IndexMap<String, Value>>, bool), String> {
    let mut items = Vec::new();
    let mut start = None;
    loop {
        let left = ITEMS_CHECKED - items.len();
        let page = client
            .scan()
            .table_name(table)
            .limit(i32::try_from(left).unwrap_or(i32::MAX))
            .set_exclusive_start_key(start)
            .send()
            .await
            .map_err(|e| message(&e))?;
        items.extend(page.items().iter().map(from_item));
        start = page.last_evaluated_key;
        if start.is_none() {
            return Ok((items, true));
        }
        if items.len() >= ITEMS_CHECKED {
            return Ok((items, false));
        }
    }
}
