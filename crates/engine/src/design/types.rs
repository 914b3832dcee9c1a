//! The derived design as data: what the CLI prints, the app shows, the exports and
//! the deploy consume, and the verifier judges. Its JSON form is versioned
//! ("tablewright-design/1") and documented in docs/design-json.md.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::design::technique::Technique;
use crate::edit::Fix;
pub use crate::model::Projection;
pub use crate::model::SparseCondition;
use crate::model::{AttrType, IndexName, Update, UpdateAction, Write};
use crate::template::Template;
use crate::value::Value;

pub const DESIGN_FORMAT: &str = "tablewright-design/1";

/// The name of the base table in plans and key maps.
pub const TABLE: &str = "table";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Design {
    pub format: String,
    pub model: String,
    pub table: TableKeys,
    pub gsis: Vec<Index>,
    pub lsis: Vec<Index>,
    /// The attribute every item carries with its entity's name, to tell items apart.
    pub type_attribute: String,
    pub entities: Vec<EntityKeys>,
    pub plans: Vec<Plan>,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TableKeys {
    pub name: String,
    pub partition_key: KeyAttribute,
    pub sort_key: KeyAttribute,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KeyAttribute {
    pub name: String,
    /// S, N or B.
    #[serde(rename = "type")]
    pub attr_type: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Index {
    pub name: String,
    /// The name the index is deployed, exported and queried under, where it is
    /// not `name`: an imported index's source name (or, where a source's name
    /// took this index's own, the next free one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub deployed_name: Option<String>,
    pub partition_key: KeyAttribute,
    pub sort_key: KeyAttribute,
    pub projection: Projection,
    /// Why the index exists: which patterns it serves and which technique it uses.
    pub explanation: String,
    /// The techniques its decisions use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Technique>>", optional))]
    pub techniques: Vec<Technique>,
}

/// What one entity (or many-to-many relationship) writes into the key attributes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EntityKeys {
    pub name: String,
    /// `entity`, or `relationship` for a many-to-many relationship's pair items.
    pub kind: ItemKind,
    /// Key attribute → template, in index order (PK, SK, GSI1PK, GSI1SK, ..., LSI1SK).
    pub keys: IndexMap<String, String>,
    /// Key attributes written only when a condition holds (sparse indexes).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<IndexMap<String, SparseCondition>>", optional))]
    pub sparse: IndexMap<String, SparseCondition>,
    /// Key attributes carrying a shard suffix `{_shard}` and how writers compute it.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<IndexMap<String, Shard>>", optional))]
    pub shards: IndexMap<String, Shard>,
    /// The TTL attribute this entity's items carry, and how it is computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub ttl: Option<Ttl>,
    /// Identifiers of ancestors two or more levels up, copied onto every item when
    /// it is written, so that a read starting from the ancestor finds the items in
    /// one request (the customer's identifier on an order's items).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<CopiedAttribute>>", optional))]
    pub copies: Vec<CopiedAttribute>,
    /// One entry per decision, naming the technique and why.
    pub explanation: Vec<String>,
    /// The techniques its decisions use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Technique>>", optional))]
    pub techniques: Vec<Technique>,
}

impl EntityKeys {
    /// Whether the design writes `name` from a template, rather than the item
    /// holding it as its own attribute that a key is (`customerId` = `{customerId}`,
    /// in a table imported with its source's key names).
    pub fn derives(&self, name: &str) -> bool {
        let own = |t: &String| Template::parse(t).is_ok_and(|t| t.is_attribute(name));
        self.keys.get(name).is_some_and(|t| !own(t))
    }
}

impl Design {
    /// Whether the design writes `name` onto `entity`'s items from their other
    /// attributes: a key built from a template, the type attribute, the TTL.
    pub fn derived_attribute(&self, entity: &EntityKeys, name: &str) -> bool {
        entity.derives(name) || name == self.type_attribute || entity.ttl.as_ref().is_some_and(|t| t.attribute == name)
    }

    /// The name DynamoDB knows `index` by (`Index::deployed_name`, else its own).
    pub fn deployed_index<'d>(&'d self, index: &'d str) -> &'d str {
        self.gsis
            .iter()
            .chain(&self.lsis)
            .find(|i| i.name == index)
            .and_then(|i| i.deployed_name.as_deref())
            .unwrap_or(index)
    }

    /// `index` as reports name it for people: its own name, with the name
    /// DynamoDB knows it by where that differs ("GSI1 (deployed as ByStatus)"),
    /// since plans and pins use the first and the AWS console shows the second.
    pub fn index_label(&self, index: &str) -> String {
        match self.deployed_index(index) {
            deployed if deployed != index => format!("{index} (deployed as {deployed})"),
            _ => index.to_string(),
        }
    }

    /// Every index's name and its (partition, sort) key attribute names, the
    /// table first: what the design writes its keys into, which an imported
    /// model names as its source does.
    pub fn key_pairs(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        let table = (TABLE, self.table.partition_key.name.as_str(), self.table.sort_key.name.as_str());
        let indexes = self.gsis.iter().chain(&self.lsis);
        std::iter::once(table)
            .chain(indexes.map(|i| (i.name.as_str(), i.partition_key.name.as_str(), i.sort_key.name.as_str())))
    }

    /// The (partition, sort) key attribute names of `index`.
    pub fn key_attributes(&self, index: &str) -> (String, String) {
        self.key_pairs()
            .find(|(name, _, _)| *name == index)
            .map(|(_, pk, sk)| (pk.to_string(), sk.to_string()))
            .unwrap_or_else(|| super::naming::key_attributes(index))
    }

    /// Whether the key attribute `name` holds numbers: a source's number key kept
    /// as the items' own number attribute. Every other key value is text.
    pub fn numeric_key(&self, name: &str) -> bool {
        let table = [&self.table.partition_key, &self.table.sort_key];
        let indexes = self.gsis.iter().chain(&self.lsis).flat_map(|i| [&i.partition_key, &i.sort_key]);
        table.into_iter().chain(indexes).any(|k| k.name == name && k.attr_type == "N")
    }

    /// The value a key attribute holds for the text its template renders.
    pub fn key_value(&self, name: &str, text: String) -> Value {
        if self.numeric_key(name) {
            Value::number(&text)
        } else {
            Value::S(text)
        }
    }

    /// The sparse condition without which `entity`'s item does not write `key`
    /// at all: see `gates`.
    pub fn gate<'e>(&self, entity: &'e EntityKeys, key: &str) -> Option<&'e SparseCondition> {
        let condition = entity.sparse.get(key)?;
        let (index, pk, sk) = self.key_pairs().find(|(_, pk, sk)| *pk == key || *sk == key)?;
        // A local index's partition key is the table's, which no condition gates.
        let local = matches!(IndexName::parse(index), Some(IndexName::Local(_)));
        let own = if local { vec![sk] } else { vec![pk, sk] };
        let templates: Vec<Template> =
            own.iter().filter_map(|k| entity.keys.get(*k)).filter_map(|t| Template::parse(t).ok()).collect();
        gates(condition, &templates.iter().collect::<Vec<_>>()).then_some(condition)
    }
}

/// Whether a sparse index's condition must keep its keys off the items that fail
/// it. Not a `present` condition on an attribute the index's own keys are built
/// from: without the attribute that key cannot be built, which keeps the item out
/// of the index already, and the other key is written like any other (so that an
/// update that gives the item the attribute need only build the one key).
pub fn gates(condition: &SparseCondition, templates: &[&Template]) -> bool {
    !(condition.op == "present" && templates.iter().any(|t| t.attributes().any(|a| a == condition.attribute)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Entity,
    Relationship,
}

impl SparseCondition {
    /// How many index entries one write of an item makes or deletes through
    /// this condition, when it sets or removes the condition's attribute
    /// (`None` when it leaves it alone): a value fixed in the model that meets
    /// it puts the item in the index (1), or, where the item may be in already and
    /// `rekeyed` (another part of the index key changes too), moves it (a delete
    /// and a put: 2); one that fails it, or a removal, takes the item out (1),
    /// unless the write's own conditions say it was not in (only an `open`
    /// ticket is assigned: 0); a value the request gives may do either (1).
    pub fn entries_per_write(&self, write: &Write<'_>, kind: AttrType, rekeyed: bool) -> Option<f64> {
        let meets = |text: &str| self.holds_for(Some(&Value::of_text(kind, text)));
        // A put that fixes the attribute writes the entry or not, whatever it replaces.
        if let Some(fixed) = write.fixed.iter().find(|u| u.attribute == self.attribute) {
            return Some(if fixed.value.as_deref().is_some_and(meets) { 1.0 } else { 0.0 });
        }
        let update = write.updates.iter().find(|u| u.attribute == self.attribute)?;
        let was = write.conditions.iter().find_map(|c| c.fixed_values_of(&self.attribute));
        let was_out = was.is_some_and(|values| values.iter().all(|w| !meets(w)));
        Some(match (update.action, update.value.as_deref()) {
            (UpdateAction::Set, Some(value)) if meets(value) && rekeyed && !was_out => 2.0,
            (UpdateAction::Set, Some(value)) if meets(value) => 1.0,
            (UpdateAction::Set, Some(_)) | (UpdateAction::Remove, _) if was_out => 0.0,
            _ => 1.0,
        })
    }

    /// Whether puts must be taken to write the index for every item: some write
    /// takes items out of it, so they were in, and no update puts them there
    /// with a value fixed in the model (then a new item may be in it).
    pub fn entered_by_puts<'w>(&self, writes: impl IntoIterator<Item = Write<'w>>, kind: AttrType) -> bool {
        let meets = |u: &Update| {
            u.action == UpdateAction::Set
                && u.value.as_deref().is_some_and(|v| self.holds_for(Some(&Value::of_text(kind, v))))
        };
        let (mut leave, mut enter) = (false, false);
        for write in writes {
            let Some(update) = write.updates.iter().find(|u| u.attribute == self.attribute) else { continue };
            enter |= meets(update);
            leave |= !meets(update) && self.entries_per_write(&write, kind, false).is_some_and(|n| n > 0.0);
        }
        leave && !enter
    }

    /// Whether an item whose attribute holds `value` (`None`: lacks it) meets
    /// the condition, and so is written to the index.
    pub fn holds_for(&self, value: Option<&Value>) -> bool {
        match self.op.as_str() {
            "equals" => value.and_then(Value::as_key_text).is_some_and(|v| Some(v) == self.value.as_deref()),
            _ => match value {
                Some(Value::Ss(s) | Value::Ns(s)) => !s.is_empty(),
                Some(Value::S(s)) => !s.is_empty(),
                Some(_) => true,
                None => false,
            },
        }
    }

    /// The share of `entity`'s items that meet this condition: the selectivity
    /// a filter of one of the `patterns` that read `entity` gives for the same
    /// test (the same value, for `equals`), else the present share of its
    /// `attribute`. (A pattern that reads another entity filters that one's
    /// attributes, whatever their names.)
    pub fn share<'p>(
        &self,
        patterns: impl IntoIterator<Item = &'p crate::model::AccessPattern>,
        entity: &str,
        attribute: Option<&crate::model::Attribute>,
    ) -> f64 {
        use crate::model::FilterOp;
        let same = |t: &&crate::model::FilterTest| {
            t.attribute == self.attribute
                && match self.op.as_str() {
                    "equals" => t.op == FilterOp::Equals && t.value == self.value,
                    _ => t.op == FilterOp::Present,
                }
        };
        let from_pattern = patterns
            .into_iter()
            .filter(|p| p.entity == entity)
            .filter_map(|p| p.filter.as_ref())
            .find_map(|f| f.tests().into_iter().filter(same).find_map(|t| t.selectivity));
        from_pattern.unwrap_or_else(|| attribute.map_or(1.0, crate::model::Attribute::present_share))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Shard {
    pub count: u32,
    /// `_shard` = FNV-1a (32-bit) of these attributes' values joined by '#', modulo count.
    pub from: Vec<String>,
    /// What the hottest partition would take unsharded: the count comes from it,
    /// and every report of it (explanations, `cost`) quotes these figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub load: Option<HotLoad>,
}

/// A partition's peak load, in units per second, rounded up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HotLoad {
    /// Reads that shards divide: each shard holds and returns its share.
    pub reads: u64,
    pub writes: u64,
    /// Reads of at most a limit's items, which read every shard for that many:
    /// no shard count spreads them.
    #[serde(default, skip_serializing_if = "is_zero")]
    #[cfg_attr(feature = "ts", ts(as = "Option<u64>", optional))]
    pub limited_reads: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// An ancestor's identifier an item holds as a copy, written once with the item.
/// A write of the model that moves an item of the path to another parent would
/// leave it stale: the derivation then chains the requests where it can, and the
/// verifier rejects a copy it could not avoid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CopiedAttribute {
    pub attribute: String,
    /// The ancestor whose identifier it is.
    pub from: String,
    /// The relationships from the ancestor down to the item, top down.
    pub path: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Ttl {
    pub attribute: String,
    /// The date attribute the lifetime counts from.
    pub from: String,
    pub days: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Plan {
    pub pattern: String,
    pub name: String,
    /// The first (or only) request.
    #[serde(flatten)]
    pub request: Request,
    /// Requests in all, counting every shard of a fan-out and every follow-up.
    pub requests: u32,
    /// Requests that follow the first, each using what the previous one returned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Request>>", optional))]
    pub then: Vec<Request>,
    /// The actions of a TransactWriteItems, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Action>>", optional))]
    pub actions: Vec<Action>,
    /// The entities whose items the pattern returns or writes.
    pub returns: Vec<String>,
    pub explanation: String,
    /// The techniques its decisions use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Technique>>", optional))]
    pub techniques: Vec<Technique>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Request {
    pub operation: Operation,
    /// "table", or the name of a GSI or LSI.
    pub index: String,
    /// The key condition (Query), key (GetItem, writes) with `:placeholders`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub key_condition: Option<String>,
    /// The same condition as data, for the verifier and the code generators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub key: Option<KeyCondition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub filter: Option<String>,
    /// Query direction: false for newest first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub scan_index_forward: Option<bool>,
    /// How many items the answer holds at most: the pages are read until it
    /// has that many, then cut to them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub limit: Option<u32>,
    /// The `Limit` each page asks for: DynamoDB counts it before the
    /// FilterExpression, so a filtered read asks for the limit over the filter's
    /// share (at most 1,000) to find its answer in one page; none where the share
    /// is not known (pages of 1 MB).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub page_size: Option<u32>,
    /// Eventual or strong for reads; null for writes.
    pub consistency: Option<Consistency>,
    /// How many of this request run (N for a sharded scatter-gather).
    pub count: u32,
    /// How the results of the `count` requests combine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub merge: Option<String>,
    /// What the request takes from the previous one's result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub uses: Option<String>,
}

impl Request {
    /// The limit as the design shows it: `limit 1 (pages of 50)` where each page
    /// asks for more than the answer keeps, `(pages of 1 MB)` where it asks for
    /// no Limit.
    pub fn limit_text(&self) -> Option<String> {
        let limit = self.limit?;
        Some(match self.page_size {
            Some(page) if page == limit => format!("limit {limit}"),
            Some(page) => format!("limit {limit} (pages of {page})"),
            None => format!("limit {limit} (pages of 1 MB)"),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Operation {
    GetItem,
    Query,
    BatchGetItem,
    PutItem,
    UpdateItem,
    DeleteItem,
    TransactWriteItems,
    Scan,
    /// No request: DynamoDB's TTL removes the items in the background.
    TimeToLive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Consistency {
    Eventual,
    Strong,
}

/// A key condition as data: `partition = value` and an optional sort-key condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KeyCondition {
    pub partition: KeyPart,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub sort: Option<SortCondition>,
}

impl KeyCondition {
    /// `PK = :pk AND begins_with(SK, :sk)`: the key condition as text, with the
    /// placeholders `parameters` gives values to.
    pub fn text(&self) -> String {
        let pk = crate::expression::key_attribute(&self.partition.attribute);
        let mut text = format!("{pk} = :pk");
        if let Some(sort) = &self.sort {
            let a = crate::expression::key_attribute(&sort.attribute);
            text.push_str(" AND ");
            text.push_str(&match sort.op.as_str() {
                "between" => format!("{a} BETWEEN :sk1 AND :sk2"),
                "begins_with" => format!("begins_with({a}, :sk)"),
                op => format!("{a} {op} :sk"),
            });
        }
        text
    }

    /// The placeholders of the key condition with their templates, named as in
    /// `key_condition`: `:pk`, then `:sk` or `:sk1` and `:sk2`.
    pub fn parameters(&self) -> Vec<(String, String)> {
        self.bound().into_iter().map(|(placeholder, _, template)| (placeholder, template.to_string())).collect()
    }

    /// `parameters`, each with the key attribute it is compared with.
    pub fn bound(&self) -> Vec<(String, &str, &str)> {
        let mut out = vec![(":pk".to_string(), self.partition.attribute.as_str(), self.partition.value.as_str())];
        if let Some(sort) = &self.sort {
            let attribute = sort.attribute.as_str();
            match sort.values.as_slice() {
                [one] => out.push((":sk".to_string(), attribute, one.as_str())),
                many => {
                    out.extend(many.iter().enumerate().map(|(i, v)| (format!(":sk{}", i + 1), attribute, v.as_str())))
                }
            }
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KeyPart {
    pub attribute: String,
    /// Template of the value, over the pattern's inputs (and `_shard`).
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SortCondition {
    pub attribute: String,
    /// =, <, <=, >, >=, between, begins_with.
    pub op: String,
    /// One template per operand; `{name}` placeholders are inputs (`{from:date}`/`{to:date}` for between).
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Action {
    /// Put, Update, Delete or ConditionCheck.
    pub action: String,
    pub entity: String,
    pub key: KeyCondition,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub condition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub update: Option<String>,
    /// A put's values fixed in the model (`status` → `ACTIVE`): the item it
    /// writes holds them whatever the caller's item says, and its keys are built
    /// from them.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<IndexMap<String, String>>", optional))]
    pub fixed: IndexMap<String, String>,
    /// The update's placeholders whose values the write builds from its inputs:
    /// the index keys it rebuilds because it changes what they are made of
    /// (`_GSI1SK` → `INVENTORY#{now}`, templates over the write's inputs).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<IndexMap<String, String>>", optional))]
    pub built: IndexMap<String, String>,
    /// Attributes of the item as stored that a rebuilt key needs and the write does
    /// not carry: a strongly consistent GetItem of the key reads them first, and the
    /// condition holds the write to them being unchanged (`#a = :_was_a`), so a
    /// concurrent change makes it fail rather than build a key from an old value.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub reads: Vec<String>,
    /// The TTL an update recomputes because it sets the date the TTL counts from:
    /// `:_<attribute>` is the epoch seconds of the input `from` plus `days` days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub expires: Option<Ttl>,
    /// A transaction's action repeated once per element of this list input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub for_each: Option<crate::model::ForEach>,
    /// The shard of the write-sharded keys the update rebuilds (`{_shard}` in
    /// `built`): FNV-1a of these inputs' (or read attributes') text joined by '#',
    /// modulo `count`, as the item's put computes it from the same values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub shard: Option<Shard>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Problem {
    pub severity: Severity,
    pub code: ProblemCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub entity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub pattern: Option<String>,
    /// Changes of the model that answer it, each one edit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Fix>>", optional))]
    pub fixes: Vec<Fix>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ProblemCode {
    Scan,
    HotPartition,
    UnboundedCollection,
    ItemSize,
    IndexLimit,
    StrongConsistency,
    StreamMissing,
    TtlMissing,
    PinnedConflict,
    SortOrder,
    /// An update changes an attribute the item's table key is made of.
    KeyUpdate,
    /// An update changes what an index key is made of and cannot rebuild that
    /// key in the same request, so the index would keep a stale entry.
    StaleIndexKey,
    /// A write's inputs do not give every attribute of the item's table key, so
    /// it cannot name the one item it changes.
    WriteKeyUnknown,
    /// A put that creates its item only if absent, whose table key also holds
    /// attributes beside the item's identifier: it stops a second item only when
    /// those are equal too.
    CreateNotUnique,
    /// An attribute declared unique that a write can give a second item: only a
    /// primary key is unique in DynamoDB, so it takes an item keyed by the value,
    /// put in the same transaction on the condition that none exists.
    UniqueNotEnforced,
    /// A read of one item whose inputs name no one item: a hotel's
    /// reservation by the hotel's id returns whichever comes first.
    ReadOneNotUnique,
}
