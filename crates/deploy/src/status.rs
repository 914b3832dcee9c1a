//! How a table is doing right now, from one DescribeTable: its status, item count
//! and each GSI's status and backfill. Deploy waits on it (and reports it as
//! progress); the app shows it as the live table.

use aws_sdk_dynamodb::operation::describe_table::DescribeTableError;
use aws_sdk_dynamodb::types::{GlobalSecondaryIndexDescription, IndexStatus, TableStatus};
use aws_sdk_dynamodb::Client;
use serde::Serialize;

use crate::error::DeployError;
use crate::live::aws;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TableState {
    pub name: String,
    /// CREATING, UPDATING, DELETING, ACTIVE, ...
    pub status: String,
    /// Items DynamoDB counted (AWS refreshes this about every six hours).
    pub items: i64,
    pub bytes: i64,
    pub indexes: Vec<IndexState>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IndexState {
    pub name: String,
    pub status: String,
    /// Still copying the table's existing items into the new index.
    pub backfilling: bool,
    pub items: i64,
}

impl TableState {
    /// The table and `index` (else every index) are ready for reads and writes.
    pub fn active(&self, index: Option<&str>) -> bool {
        let ready = |i: &IndexState| i.status == IndexStatus::Active.as_str() && !i.backfilling;
        let indexes_ready = match index {
            Some(name) => self.indexes.iter().any(|i| i.name == name && ready(i)),
            None => self.indexes.iter().all(ready),
        };
        self.status == TableStatus::Active.as_str() && indexes_ready
    }

    /// One line: `ACTIVE, 1200 items; GSI1 CREATING (backfilling, 300 items)`.
    pub fn describe(&self) -> String {
        let mut text = format!("{}, {} items", self.status, self.items);
        for index in self.indexes.iter().filter(|i| i.status != IndexStatus::Active.as_str() || i.backfilling) {
            let backfill =
                if index.backfilling { format!(" (backfilling, {} items)", index.items) } else { String::new() };
            text.push_str(&format!("; {} {}{backfill}", index.name, index.status));
        }
        text
    }
}

/// `None` when there is no such table.
pub async fn status(client: &Client, name: &str) -> Result<Option<TableState>, DeployError> {
    let table = match client.describe_table().table_name(name).send().await {
        Ok(out) => out.table,
        Err(e) if matches!(e.as_service_error(), Some(DescribeTableError::ResourceNotFoundException(_))) => None,
        Err(e) => return Err(aws("DescribeTable", name, &e)),
    };
    Ok(table.map(|t| {
        let mut indexes: Vec<IndexState> =
            t.global_secondary_indexes.unwrap_or_default().iter().map(index_state).collect();
        // DescribeTable lists them in no order; GSI2 before GSI10.
        indexes.sort_by(|a, b| (a.name.len(), &a.name).cmp(&(b.name.len(), &b.name)));
        TableState {
            name: name.to_string(),
            status: t.table_status.map_or_else(|| TableStatus::Active.as_str().to_string(), |s| s.as_str().to_string()),
            items: t.item_count.unwrap_or(0),
            bytes: t.table_size_bytes.unwrap_or(0),
            indexes,
        }
    }))
}

fn index_state(g: &GlobalSecondaryIndexDescription) -> IndexState {
    IndexState {
        name: g.index_name.clone().unwrap_or_default(),
        status: g
            .index_status
            .as_ref()
            .map_or_else(|| IndexStatus::Active.as_str().to_string(), |s| s.as_str().to_string()),
        backfilling: g.backfilling == Some(true),
        items: g.item_count.unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(name: &str, status: &str, backfilling: bool) -> IndexState {
        IndexState { name: name.into(), status: status.into(), backfilling, items: 7 }
    }

    #[test]
    fn a_table_is_active_when_it_and_the_indexes_waited_on_are() {
        let mut t = TableState {
            name: "T".into(),
            status: "ACTIVE".into(),
            items: 10,
            bytes: 100,
            indexes: vec![index("GSI1", "ACTIVE", false), index("GSI2", "CREATING", true)],
        };
        assert!(t.active(Some("GSI1")));
        assert!(!t.active(Some("GSI2")));
        assert!(!t.active(Some("GSI3")), "an index not there yet is not ready");
        assert!(!t.active(None));
        assert_eq!(t.describe(), "ACTIVE, 10 items; GSI2 CREATING (backfilling, 7 items)");
        t.indexes[1] = index("GSI2", "ACTIVE", false);
        assert!(t.active(None));
        t.status = "UPDATING".into();
        assert!(!t.active(None));
    }
}
