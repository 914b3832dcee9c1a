//! The difference between the table a design calls for and the table as it is, as
//! typed changes in the order they must be applied. Each says whether it destroys
//! data: deleting a table or a GSI, or replacing a table whose key schema changed.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::live::LiveTable;
use tablewright_engine::model::{Billing, StreamViewType};
use tablewright_engine::table_spec::{billing_text, stream_view_name, IndexSpec, TableSpec};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    CreateTable {
        spec: TableSpec,
    },
    /// The key schema or the LSIs differ, which no UpdateTable can change: the table
    /// is deleted with its items and created anew. Never while the live table has
    /// deletion protection on (`protected`): turning it off is a step of its own.
    ReplaceTable {
        reason: String,
        spec: TableSpec,
        protected: bool,
    },
    DeleteGsi {
        name: String,
    },
    CreateGsi {
        index: IndexSpec,
    },
    SetBilling {
        from: Billing,
        to: Billing,
    },
    SetStream {
        from: Option<StreamViewType>,
        to: Option<StreamViewType>,
    },
    SetTtl {
        from: Option<String>,
        to: Option<String>,
    },
    SetPointInTimeRecovery {
        enabled: bool,
    },
    SetDeletionProtection {
        enabled: bool,
    },
    Tag {
        tags: BTreeMap<String, String>,
    },
    Untag {
        keys: Vec<String>,
    },
}

impl Change {
    pub fn destructive(&self) -> bool {
        self.why_destructive().is_some()
    }

    /// Why it destroys data, in words for the person asked to confirm it.
    pub fn why_destructive(&self) -> Option<String> {
        match self {
            Change::ReplaceTable { reason, .. } => Some(format!(
                "{reason}: DynamoDB cannot change a table's key schema or its LSIs, so the table is deleted with every item and created empty"
            )),
            Change::DeleteGsi { name } => Some(format!(
                "{name} and its copy of the items are deleted: reads on it fail until it is created again, and creating it backfills from the whole table"
            )),
            _ => None,
        }
    }

    /// Whether applying it loses the whole table (and so also needs --yes).
    pub fn loses_table(&self) -> bool {
        matches!(self, Change::ReplaceTable { .. })
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "off".to_string());
        let view = |v: &Option<StreamViewType>| v.map_or("off", stream_view_name);
        match self {
            Change::CreateTable { spec } => {
                let sk = spec.sort_key.as_ref().map(|k| format!(" / {} {}", k.name, k.attr_type)).unwrap_or_default();
                write!(
                    f,
                    "+ create table {} ({} {}{sk}), {}",
                    spec.name,
                    spec.partition_key.name,
                    spec.partition_key.attr_type,
                    billing_text(&spec.billing)
                )?;
                for i in &spec.gsis {
                    write!(f, "\n    + GSI {}", i.describe())?;
                }
                for i in &spec.lsis {
                    write!(f, "\n    + LSI {}", i.describe())?;
                }
                if let Some(s) = spec.stream {
                    write!(f, "\n    + stream {}", stream_view_name(s))?;
                }
                if spec.deletion_protection {
                    write!(f, "\n    + deletion protection")?;
                }
                if !spec.tags.is_empty() {
                    write!(f, "\n    + tags {}", tags_text(&spec.tags))?;
                }
                Ok(())
            }
            Change::ReplaceTable { reason, spec, protected } => {
                write!(f, "-/+ DESTROY and recreate table {} ({reason}): every item is lost", spec.name)?;
                if *protected {
                    write!(f, "\n    ! refused: the table has deletion protection on")?;
                }
                Ok(())
            }
            Change::DeleteGsi { name } => write!(f, "- DESTROY GSI {name}"),
            Change::CreateGsi { index } => {
                write!(f, "+ create GSI {} (one UpdateTable, then wait until ACTIVE)", index.describe())
            }
            Change::SetBilling { from, to } => write!(f, "~ billing: {} -> {}", billing_text(from), billing_text(to)),
            Change::SetStream { from, to } => write!(f, "~ stream: {} -> {}", view(from), view(to)),
            Change::SetTtl { from, to } => write!(f, "~ TTL attribute: {} -> {}", opt(from), opt(to)),
            Change::SetPointInTimeRecovery { enabled } => write!(f, "~ point-in-time recovery: {}", on_off(*enabled)),
            Change::SetDeletionProtection { enabled } => write!(f, "~ deletion protection: {}", on_off(*enabled)),
            Change::Tag { tags } => write!(f, "~ tags: set {}", tags_text(tags)),
            Change::Untag { keys } => write!(f, "~ tags: remove {}", keys.join(", ")),
        }
    }
}

fn on_off(b: bool) -> &'static str {
    if b {
        "on"
    } else {
        "off"
    }
}

fn tags_text(tags: &BTreeMap<String, String>) -> String {
    tags.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ")
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeployPlan {
    pub table: String,
    pub changes: Vec<Change>,
    /// What the plan leaves alone, and why (settings the endpoint cannot read).
    pub notes: Vec<String>,
    /// What the table's items say that its definition cannot: keys stored under
    /// other templates than the design's ([`crate::drift`]). No change fixes them.
    pub warnings: Vec<String>,
}

impl DeployPlan {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    pub fn destructive(&self) -> Vec<&Change> {
        self.changes.iter().filter(|c| c.destructive()).collect()
    }
}

/// The changes that turn `live` (absent: no table yet) into `desired`.
pub fn plan(desired: &TableSpec, live: Option<&LiveTable>) -> DeployPlan {
    let mut changes = Vec::new();
    let mut notes = Vec::new();
    let Some(live) = live else {
        changes.push(Change::CreateTable { spec: desired.clone() });
        // CreateTable takes neither TTL nor point-in-time recovery.
        if desired.ttl_attribute.is_some() {
            changes.push(Change::SetTtl { from: None, to: desired.ttl_attribute.clone() });
        }
        if desired.point_in_time_recovery {
            changes.push(Change::SetPointInTimeRecovery { enabled: true });
        }
        return DeployPlan { table: desired.name.clone(), changes, notes, warnings: Vec::new() };
    };
    let current = &live.spec;
    let keys_differ = current.partition_key != desired.partition_key || current.sort_key != desired.sort_key;
    // Live indexes come in DynamoDB's order, the design's in its own.
    let lsis_differ =
        current.lsis.len() != desired.lsis.len() || !desired.lsis.iter().all(|d| current.lsis.contains(d));
    if keys_differ || lsis_differ {
        notes.extend(renamed_indexes(current, desired));
        let reason = if keys_differ {
            "the key schema changed"
        } else {
            "the local secondary indexes changed (LSIs exist only from a table's creation)"
        };
        if current.deletion_protection && !desired.deletion_protection {
            // Protection comes off in this deploy; the replacement waits for the
            // next, so that losing the table is always a deploy of its own.
            changes.push(Change::SetDeletionProtection { enabled: false });
            notes.push(format!(
                "the table must be replaced ({reason}); deploy again once deletion protection is off to replace it"
            ));
            return DeployPlan { table: desired.name.clone(), changes, notes, warnings: Vec::new() };
        }
        let protected = current.deletion_protection;
        changes.push(Change::ReplaceTable { reason: reason.to_string(), spec: desired.clone(), protected });
        if desired.ttl_attribute.is_some() {
            changes.push(Change::SetTtl { from: None, to: desired.ttl_attribute.clone() });
        }
        if desired.point_in_time_recovery && live.point_in_time_recovery.is_some() {
            changes.push(Change::SetPointInTimeRecovery { enabled: true });
        }
        return DeployPlan { table: desired.name.clone(), changes, notes, warnings: Vec::new() };
    }
    if current.billing != desired.billing {
        changes.push(Change::SetBilling { from: current.billing.clone(), to: desired.billing.clone() });
    }
    for index in &current.gsis {
        let wanted = desired.gsis.iter().find(|d| d.name == index.name);
        if wanted.is_none_or(|w| !w.same_shape(index)) {
            changes.push(Change::DeleteGsi { name: index.name.clone() });
        }
    }
    for index in &desired.gsis {
        let existing = current.gsis.iter().find(|c| c.name == index.name);
        if existing.is_none_or(|e| !e.same_shape(index)) {
            changes.push(Change::CreateGsi { index: index.clone() });
        }
    }
    notes.extend(renamed_indexes(current, desired));
    if current.stream != desired.stream {
        changes.push(Change::SetStream { from: current.stream, to: desired.stream });
    }
    if current.ttl_attribute != desired.ttl_attribute {
        changes.push(Change::SetTtl { from: current.ttl_attribute.clone(), to: desired.ttl_attribute.clone() });
    }
    match live.point_in_time_recovery {
        Some(on) if on != desired.point_in_time_recovery => {
            changes.push(Change::SetPointInTimeRecovery { enabled: desired.point_in_time_recovery });
        }
        None if desired.point_in_time_recovery => {
            notes.push("point-in-time recovery: the endpoint has no such API (DynamoDB Local); left alone".to_string());
        }
        _ => {}
    }
    if current.deletion_protection != desired.deletion_protection {
        changes.push(Change::SetDeletionProtection { enabled: desired.deletion_protection });
    }
    match &live.tags {
        Some(tags) => {
            let set: BTreeMap<String, String> = desired
                .tags
                .iter()
                .filter(|(k, v)| tags.get(*k) != Some(v))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if !set.is_empty() {
                changes.push(Change::Tag { tags: set });
            }
            let gone: Vec<String> = tags.keys().filter(|k| !desired.tags.contains_key(*k)).cloned().collect();
            if !gone.is_empty() {
                changes.push(Change::Untag { keys: gone });
            }
        }
        None if !desired.tags.is_empty() => {
            notes.push("tags: the endpoint has no tagging API (DynamoDB Local); left alone".to_string());
        }
        None => {}
    }
    DeployPlan { table: desired.name.clone(), changes, notes, warnings: Vec::new() }
}

/// Indexes the plan replaces only because their names differ (a model imported
/// since the table was deployed deploys them under the source's names):
/// DynamoDB renames no index, so the plan says what the replacement is.
fn renamed_indexes(current: &TableSpec, desired: &TableSpec) -> Vec<String> {
    let pairs = |live: &[IndexSpec], wanted: &[IndexSpec], local: bool| -> Vec<String> {
        live.iter()
            .filter(|l| !wanted.iter().any(|w| w.name == l.name))
            .filter_map(|l| {
                let new = wanted.iter().find(|w| w.same_shape(l) && !live.iter().any(|o| o.name == w.name))?;
                Some(format!(
                    "{} and {} have the same keys and projection: DynamoDB cannot rename an index, so {} goes and {} is built anew (queries must name {} once it is there){}",
                    l.name, new.name, l.name, new.name, new.name, if local { ", which for a local index means the table with it" } else { "" }
                ))
            })
            .collect()
    };
    let mut notes = pairs(&current.gsis, &desired.gsis, false);
    notes.extend(pairs(&current.lsis, &desired.lsis, true));
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use tablewright_engine::design::{KeyAttribute, Projection};

    fn key(name: &str) -> KeyAttribute {
        KeyAttribute { name: name.into(), attr_type: "S".into() }
    }

    fn gsi(n: u32) -> IndexSpec {
        IndexSpec {
            name: format!("GSI{n}"),
            partition_key: key(&format!("GSI{n}PK")),
            sort_key: Some(key(&format!("GSI{n}SK"))),
            projection: Projection::All,
        }
    }

    fn spec() -> TableSpec {
        TableSpec {
            name: "t".into(),
            partition_key: key("PK"),
            sort_key: Some(key("SK")),
            gsis: vec![gsi(1), gsi(2)],
            lsis: vec![],
            billing: Billing::OnDemand,
            stream: Some(StreamViewType::NewAndOldImages),
            ttl_attribute: Some("expiresAt".into()),
            point_in_time_recovery: true,
            deletion_protection: true,
            tags: [("owner".to_string(), "bank".to_string())].into(),
        }
    }

    fn live(spec: TableSpec) -> LiveTable {
        LiveTable {
            point_in_time_recovery: Some(spec.point_in_time_recovery),
            tags: Some(spec.tags.clone()),
            spec,
            arn: String::new(),
            status: "ACTIVE".into(),
            busy_indexes: vec![],
        }
    }

    #[test]
    fn nothing_to_do_when_the_table_matches() {
        assert!(plan(&spec(), Some(&live(spec()))).is_empty());
    }

    /// A live index the design now deploys under its source's name: the plan
    /// replaces it, and says that only the name differs.
    #[test]
    fn an_index_renamed_is_replaced_and_the_plan_says_so() {
        let mut desired = spec();
        desired.gsis[0].name = "ByCustomer".into();
        let plan = plan(&desired, Some(&live(spec())));
        let old = spec().gsis[0].name.clone();
        assert!(plan.changes.contains(&Change::DeleteGsi { name: old.clone() }), "{:?}", plan.changes);
        let expected =
            format!("{old} and ByCustomer have the same keys and projection: DynamoDB cannot rename an index");
        assert!(plan.notes.iter().any(|n| n.starts_with(&expected)), "{:?}", plan.notes);
    }

    /// DescribeTable lists an INCLUDE projection's attributes in its own order:
    /// the same set is the same index, not one to delete and create anew.
    #[test]
    fn an_include_list_in_another_order_is_the_same_index() {
        let include = |list: &[&str]| Projection::Include(list.iter().map(|a| a.to_string()).collect());
        let mut desired = spec();
        desired.gsis[1].projection = include(&["status", "orderId"]);
        let mut current = spec();
        current.gsis[1].projection = include(&["orderId", "status"]);
        assert!(plan(&desired, Some(&live(current.clone()))).is_empty());
        current.gsis[1].projection = include(&["orderId"]);
        assert!(!plan(&desired, Some(&live(current))).is_empty());
    }

    #[test]
    fn a_new_table_is_created_then_ttl_and_pitr_are_set() {
        let p = plan(&spec(), None);
        assert!(matches!(p.changes[0], Change::CreateTable { .. }));
        assert_eq!(p.changes[1], Change::SetTtl { from: None, to: Some("expiresAt".into()) });
        assert_eq!(p.changes[2], Change::SetPointInTimeRecovery { enabled: true });
        assert!(p.destructive().is_empty());
    }

    #[test]
    fn index_changes_delete_first_and_flag_the_deletion() {
        let mut current = spec();
        current.gsis = vec![gsi(1), {
            let mut g = gsi(3);
            g.projection = Projection::KeysOnly;
            g
        }];
        let p = plan(&spec(), Some(&live(current)));
        assert_eq!(p.changes, vec![Change::DeleteGsi { name: "GSI3".into() }, Change::CreateGsi { index: gsi(2) }]);
        assert_eq!(p.destructive().len(), 1);
    }

    #[test]
    fn a_new_key_schema_replaces_the_table() {
        let mut current = spec();
        current.sort_key = None;
        let p = plan(&spec(), Some(&live(current)));
        assert!(p.changes[0].loses_table());
    }

    #[test]
    fn a_protected_table_is_never_replaced_and_unprotecting_it_is_a_deploy_of_its_own() {
        let mut current = spec();
        current.sort_key = None;
        let p = plan(&spec(), Some(&live(current.clone())));
        assert!(matches!(&p.changes[0], Change::ReplaceTable { protected: true, .. }), "{:#?}", p.changes);
        assert!(p.changes[0].to_string().contains("refused: the table has deletion protection on"));

        let mut unprotected = spec();
        unprotected.deletion_protection = false;
        let p = plan(&unprotected, Some(&live(current.clone())));
        assert_eq!(p.changes, vec![Change::SetDeletionProtection { enabled: false }]);
        assert!(p.notes[0].contains("deploy again once deletion protection is off"), "{:?}", p.notes);

        current.deletion_protection = false;
        let p = plan(&unprotected, Some(&live(current)));
        assert!(matches!(&p.changes[0], Change::ReplaceTable { protected: false, .. }));
    }

    #[test]
    fn settings_and_tags_are_diffed_and_unreadable_ones_left_alone() {
        let mut current = spec();
        current.billing = Billing::Provisioned { read_capacity: 5, write_capacity: 5 };
        current.stream = None;
        current.ttl_attribute = None;
        current.deletion_protection = false;
        current.tags = [("old".to_string(), "x".to_string())].into();
        let p = plan(&spec(), Some(&live(current.clone())));
        assert_eq!(p.changes.len(), 6, "{:#?}", p.changes);
        assert!(p.changes.contains(&Change::Untag { keys: vec!["old".into()] }));
        let mut local = live(current);
        local.tags = None;
        local.point_in_time_recovery = None;
        let p = plan(&spec(), Some(&local));
        assert!(!p
            .changes
            .iter()
            .any(|c| matches!(c, Change::Tag { .. } | Change::Untag { .. } | Change::SetPointInTimeRecovery { .. })));
        assert_eq!(p.notes.len(), 2);
    }
}
