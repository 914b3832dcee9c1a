//! The model as a NoSQL Workbench data model (format 3.0), which the Workbench
//! opens in its modeler and visualizer: the table with its key attributes and
//! GSIs, one facet per entity (and many-to-many relationship) whose key aliases
//! are the design's templates, every attribute declared, sample items in
//! `TableData`, and the billing settings.
//!
//! A model imported from NoSQL Workbench is exported from the file it came from
//! (kept under `imported`): its tables, keys, indexes, facets, items and unknown
//! fields come back as they were, with what the model owns (names, description,
//! billing) written where it changed, and entities or indexes added since then
//! added to it. The Workbench has no local secondary indexes; a design's LSIs are
//! left out.

use std::fmt;

use serde_json::{json, Map, Value};

use crate::design::{Design, EntityKeys, KeyAttribute};
use crate::model::{Billing, ImportSource, Imported, KeyType, Model};
use crate::sample::{self, date_text, Sample, SampleError, SampleOptions};

/// The format version written for new files.
pub const VERSION: &str = "3.0";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NwbOptions {
    /// Now, in epoch seconds: the model's creation date in the Workbench, and the
    /// day the sample's dates lead up to.
    pub now: i64,
    /// Sample items of every entity and many-to-many relationship.
    pub items_per_entity: usize,
    pub seed: u64,
}

impl NwbOptions {
    pub fn at(now: i64) -> Self {
        NwbOptions { now, items_per_entity: 5, seed: SampleOptions::DEFAULT_SEED }
    }
}

/// The sample items could not be made: the design's table keys cannot hold them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NwbExportError(pub SampleError);

impl fmt::Display for NwbExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot make the sample items for NoSQL Workbench: {}", self.0)
    }
}

impl std::error::Error for NwbExportError {}

/// The NoSQL Workbench model of `model` with its `design`.
pub fn nosql_workbench(model: &Model, design: &Design, options: &NwbOptions) -> Result<Value, NwbExportError> {
    match &model.imported {
        Some(imported) if imported.from == ImportSource::NosqlWorkbench => {
            let source = imported.source.value();
            if is_single_table(&source) {
                from_source(model, design, imported, source, options)
            } else {
                fresh(model, design, options)
            }
        }
        _ => fresh(model, design, options),
    }
}

/// The file's text: pretty JSON with a final newline.
pub fn to_text(value: &Value) -> String {
    crate::escape::json(value) + "\n"
}

fn is_single_table(source: &Value) -> bool {
    source.get("DataModel").and_then(Value::as_array).is_some_and(|t| t.len() == 1 && t[0].is_object())
}

fn sample(model: &Model, design: &Design, options: &NwbOptions) -> Result<Sample, NwbExportError> {
    let sample_options = SampleOptions {
        items_per_entity: options.items_per_entity,
        seed: options.seed,
        as_of: SampleOptions::month_start(options.now),
    };
    sample::generate(model, design, &sample_options).map_err(NwbExportError)
}

/// `Jan 12, 2023, 10:14 AM`, as the Workbench writes its dates (in UTC here).
fn workbench_date(now: i64) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let day = date_text(now.div_euclid(86_400));
    let mut parts = day.split('-').map(|p| p.parse::<usize>().unwrap_or(1));
    let (year, month, day_of_month) =
        (parts.next().unwrap_or(1970), parts.next().unwrap_or(1), parts.next().unwrap_or(1));
    let seconds = now.rem_euclid(86_400);
    let (hour, minute) = (seconds / 3600, seconds % 3600 / 60);
    let (hour12, half) = match hour {
        0 => (12, "AM"),
        1..=11 => (hour, "AM"),
        12 => (12, "PM"),
        _ => (hour - 12, "PM"),
    };
    format!("{} {day_of_month:02}, {year}, {hour12:02}:{minute:02} {half}", MONTHS[(month - 1).min(11)])
}

fn key_attribute(key: &KeyAttribute) -> Value {
    json!({ "AttributeName": key.name, "AttributeType": key.attr_type })
}

fn key_attributes(partition: &KeyAttribute, sort: &KeyAttribute) -> Value {
    json!({ "PartitionKey": key_attribute(partition), "SortKey": key_attribute(sort) })
}

fn gsi(index: &crate::design::Index) -> Value {
    json!({
        "IndexName": index.deployed_name.as_ref().unwrap_or(&index.name),
        "KeyAttributes": key_attributes(&index.partition_key, &index.sort_key),
        "Projection": crate::export::shapes::projection(&index.projection),
    })
}

fn billing(billing: &Billing, into: &mut Map<String, Value>) {
    match billing {
        Billing::OnDemand => {
            into.insert("BillingMode".into(), "PAY_PER_REQUEST".into());
            into.remove("ProvisionedCapacitySettings");
        }
        Billing::Provisioned { read_capacity, write_capacity } => {
            into.insert("BillingMode".into(), "PROVISIONED".into());
            // Auto scaling settings of an imported file stay; the throughput is the model's.
            let settings = into.entry("ProvisionedCapacitySettings").or_insert_with(|| json!({}));
            if !settings.is_object() {
                *settings = json!({});
            }
            settings["ProvisionedThroughput"] =
                json!({ "ReadCapacityUnits": read_capacity, "WriteCapacityUnits": write_capacity });
        }
    }
}

/// The attributes (name, DynamoDB type) the items of one kind carry besides the
/// table's keys: the model's, the index keys and type attribute the design adds,
/// and whatever the sample items hold.
fn kind_attributes(model: &Model, design: &Design, entity: &EntityKeys, sample: &Sample) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |name: &str, t: &str| {
        if !out.iter().any(|(n, _)| n == name) {
            out.push((name.to_string(), t.to_string()));
        }
    };
    let graph = crate::graph::ErGraph::new(model);
    let declared: Vec<(String, &'static str)> = match model.entity(&entity.name) {
        Some(e) => e.attributes.iter().map(|a| (a.name.clone(), a.attr_type.dynamodb_type())).collect(),
        None => match model.relationship(&entity.name) {
            Some(rel) => {
                let ends = [(rel.from.as_str(), None), (rel.to.as_str(), Some(rel))];
                let ids = ends.into_iter().flat_map(|(end, to)| {
                    graph.entity(end).into_iter().flat_map(move |e| {
                        e.identifier().into_iter().map(move |a| {
                            let name = to.map_or(a.name.clone(), |r| r.to_end_attribute(&a.name));
                            (name, a.attr_type.dynamodb_type())
                        })
                    })
                });
                let own = rel.attributes.iter().map(|a| (a.name.clone(), a.attr_type.dynamodb_type()));
                ids.chain(own).collect()
            }
            None => Vec::new(),
        },
    };
    // The table's keys are the facet's key attributes, whether the design
    // derives them or they are the items' own (a table keyed by `customerId`).
    let table_keys = [&design.table.partition_key.name, &design.table.sort_key.name];
    for (name, t) in declared.iter().filter(|(n, _)| !table_keys.contains(&n)) {
        add(name, t);
    }
    for key in entity.keys.keys().filter(|k| !table_keys.contains(k)) {
        add(key, "S");
    }
    add(&design.type_attribute, "S");
    if let Some(ttl) = &entity.ttl {
        add(&ttl.attribute, "N");
    }
    for item in sample.of(&entity.name) {
        for (name, value) in item.to_dynamodb_json().as_object().into_iter().flatten() {
            if !table_keys.contains(&name) {
                let tag = value.as_object().and_then(|o| o.keys().next()).map_or("S", String::as_str);
                add(name, tag);
            }
        }
    }
    out
}

fn facet(entity: &EntityKeys, design: &Design, attributes: &[(String, String)]) -> Value {
    let alias = |key: &KeyAttribute| entity.keys.get(&key.name).cloned().unwrap_or_default();
    json!({
        "FacetName": entity.name,
        "KeyAttributeAlias": {
            "PartitionKeyAlias": alias(&design.table.partition_key),
            "SortKeyAlias": alias(&design.table.sort_key),
        },
        "TableData": [],
        "NonKeyAttributes": attributes.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(),
        "DataAccess": { "MySql": {} },
    })
}

fn declared(attributes: &[(String, String)]) -> Vec<Value> {
    attributes.iter().map(|(n, t)| json!({ "AttributeName": n, "AttributeType": t })).collect()
}

/// A new file from the model and its design.
fn fresh(model: &Model, design: &Design, options: &NwbOptions) -> Result<Value, NwbExportError> {
    let sample = sample(model, design, options)?;
    let mut all: Vec<(String, String)> = Vec::new();
    let mut facets = Vec::new();
    for entity in &design.entities {
        let attributes = kind_attributes(model, design, entity, &sample);
        for (name, t) in &attributes {
            if !all.iter().any(|(n, _)| n == name) {
                all.push((name.clone(), t.clone()));
            }
        }
        facets.push(facet(entity, design, &attributes));
    }
    let mut table = Map::new();
    table.insert("TableName".into(), model.table.name.clone().into());
    table.insert("KeyAttributes".into(), key_attributes(&design.table.partition_key, &design.table.sort_key));
    table.insert("NonKeyAttributes".into(), Value::Array(declared(&all)));
    table.insert("TableFacets".into(), Value::Array(facets));
    if !design.gsis.is_empty() {
        table.insert("GlobalSecondaryIndexes".into(), design.gsis.iter().map(gsi).collect());
    }
    table.insert("TableData".into(), sample.items.iter().map(|i| i.to_dynamodb_json()).collect());
    table.insert("DataAccess".into(), json!({ "MySql": {} }));
    billing(&model.table.billing, &mut table);
    let date = workbench_date(options.now);
    Ok(json!({
        "ModelName": model.name,
        "ModelMetadata": {
            "Author": "",
            "DateCreated": date,
            "DateLastModified": date,
            "Description": model.description,
            "AWSService": "Amazon DynamoDB",
            "Version": VERSION,
        },
        "DataModel": [Value::Object(table)],
    }))
}

/// How the source names the design's key attributes (`PK` → `customer_id`), and
/// which the source has no place for (the sort key of a table without one).
struct Names<'a> {
    imported: &'a Imported,
    design: &'a Design,
}

impl Names<'_> {
    /// The source's attribute for the design's `attribute`, with its type; none when
    /// the source's index has no such key; the design's own name for new indexes.
    fn of(&self, attribute: &str) -> Option<(String, KeyType)> {
        let own = || Some((attribute.to_string(), KeyType::S));
        let Some((index, sort)) = self.design.key_pairs().find_map(|(index, pk, sk)| {
            [(pk, false), (sk, true)].into_iter().find(|(k, _)| *k == attribute).map(|(_, s)| (index, s))
        }) else {
            return own();
        };
        let Some(source) = self.imported.keys.get(index) else {
            return own();
        };
        let key = if sort {
            source.sort_key.as_ref()
        } else {
            source.partition_key.as_ref().or_else(|| self.imported.keys.get("table")?.partition_key.as_ref())
        };
        // An index that kept Tablewright's names (the source's would hold two
        // values) keeps them here too: the source's name is another key's.
        let taken =
            |name: &str| name != attribute && self.design.key_pairs().any(|(_, pk, sk)| pk == name || sk == name);
        match key {
            Some(k) if taken(&k.name) => own(),
            Some(k) => Some((k.name.clone(), k.key_type)),
            None => None,
        }
    }
}

/// The imported file, with what changed in the model since written into it.
fn from_source(
    model: &Model,
    design: &Design,
    imported: &Imported,
    mut root: Value,
    options: &NwbOptions,
) -> Result<Value, NwbExportError> {
    let table_name = root["DataModel"][0].get("TableName").and_then(Value::as_str).unwrap_or_default().to_string();
    let source_name = root.get("ModelName").and_then(Value::as_str).map_or(table_name, str::to_string);
    if source_name != model.name {
        root["ModelName"] = model.name.clone().into();
    }
    let source_description =
        root.get("ModelMetadata").and_then(|m| m.get("Description")).and_then(Value::as_str).unwrap_or_default();
    if source_description != model.description {
        if !root.get("ModelMetadata").is_some_and(Value::is_object) {
            root["ModelMetadata"] = json!({});
        }
        root["ModelMetadata"]["Description"] = model.description.clone().into();
    }
    let Some(table) = root["DataModel"][0].as_object_mut() else {
        return fresh(model, design, options);
    };
    if table.get("TableName").and_then(Value::as_str) != Some(model.table.name.as_str()) {
        table.insert("TableName".into(), model.table.name.clone().into());
    }
    if source_billing(table).as_ref() != Some(&model.table.billing) {
        billing(&model.table.billing, table);
    }

    let names = Names { imported, design };
    // Facets of entities removed from the model go; the rest stay as they were.
    let kept = |name: &str| !imported.entities.iter().any(|e| e == name) || model_has(model, name);
    if let Some(facets) = table.get_mut("TableFacets").and_then(Value::as_array_mut) {
        facets.retain(|f| f.get("FacetName").and_then(Value::as_str).is_none_or(kept));
    }

    let added: Vec<&EntityKeys> = design.entities.iter().filter(|e| !imported.entities.contains(&e.name)).collect();
    let new_indexes: Vec<&crate::design::Index> =
        design.gsis.iter().filter(|g| !imported.keys.contains_key(&g.name)).collect();
    if !new_indexes.is_empty() {
        let list = table.entry("GlobalSecondaryIndexes").or_insert_with(|| json!([]));
        if let Some(list) = list.as_array_mut() {
            list.extend(new_indexes.iter().map(|g| gsi(g)));
        }
    }
    if added.is_empty() {
        return Ok(root);
    }

    // Entities added since the import: a facet, their attributes, sample items, all
    // under the source's names for the key attributes.
    let sample = sample(model, design, options)?;
    let mut facets = Vec::new();
    let mut items = Vec::new();
    let mut attributes: Vec<(String, String)> = Vec::new();
    for entity in added {
        let own: Vec<(String, String)> = kind_attributes(model, design, entity, &sample)
            .into_iter()
            .filter_map(|(n, t)| match names.of(&n) {
                Some((source, _)) if entity.keys.contains_key(&n) => Some((source, t)),
                Some(_) => Some((n, t)),
                None => None,
            })
            .collect();
        let renamed = EntityKeys {
            keys: entity.keys.iter().filter_map(|(k, v)| names.of(k).map(|(n, _)| (n, v.clone()))).collect(),
            ..entity.clone()
        };
        let table_keys = source_table_keys(&names, design);
        facets.push(facet_with_keys(&renamed, &table_keys, &own));
        for (n, t) in own {
            if !attributes.iter().any(|(m, _)| *m == n) {
                attributes.push((n, t));
            }
        }
        for item in sample.of(&entity.name) {
            let mut out = Map::new();
            for (name, value) in item.to_dynamodb_json().as_object().into_iter().flatten() {
                match names.of(name).filter(|_| entity.keys.contains_key(name)) {
                    // A design that keeps its own (text) key names writes the number as text.
                    Some((source, KeyType::N)) => {
                        let text =
                            value.get("S").or_else(|| value.get("N")).and_then(Value::as_str).unwrap_or_default();
                        out.insert(source, json!({ "N": text }));
                    }
                    Some((source, _)) => {
                        out.insert(source, value.clone());
                    }
                    None if entity.keys.contains_key(name) => {}
                    None => {
                        out.insert(name.clone(), value.clone());
                    }
                }
            }
            items.push(Value::Object(out));
        }
    }
    let key_names: Vec<String> = source_table_keys(&names, design).into_iter().flatten().collect();
    let list = table.entry("NonKeyAttributes").or_insert_with(|| json!([]));
    if let Some(list) = list.as_array_mut() {
        for (name, t) in attributes.iter().filter(|(n, _)| !key_names.contains(n)) {
            let known = list.iter().any(|a| a.get("AttributeName").and_then(Value::as_str) == Some(name));
            if !known {
                list.push(json!({ "AttributeName": name, "AttributeType": t }));
            }
        }
    }
    if let Some(list) = table.entry("TableFacets").or_insert_with(|| json!([])).as_array_mut() {
        list.extend(facets);
    }
    if let Some(list) = table.entry("TableData").or_insert_with(|| json!([])).as_array_mut() {
        list.extend(items);
    }
    Ok(root)
}

fn model_has(model: &Model, name: &str) -> bool {
    model.entity(name).is_some() || model.relationship(name).is_some()
}

/// The source's table key attribute names: the partition key's, and the sort key's if it has one.
fn source_table_keys(names: &Names<'_>, design: &Design) -> [Option<String>; 2] {
    [names.of(&design.table.partition_key.name).map(|(n, _)| n), names.of(&design.table.sort_key.name).map(|(n, _)| n)]
}

fn facet_with_keys(entity: &EntityKeys, table_keys: &[Option<String>; 2], attributes: &[(String, String)]) -> Value {
    let mut alias = Map::new();
    for (field, key) in ["PartitionKeyAlias", "SortKeyAlias"].iter().zip(table_keys) {
        if let Some(template) = key.as_ref().and_then(|k| entity.keys.get(k)) {
            alias.insert(field.to_string(), template.clone().into());
        }
    }
    let attributes: Vec<&String> =
        attributes.iter().map(|(n, _)| n).filter(|n| !table_keys.iter().flatten().any(|k| k == *n)).collect();
    json!({
        "FacetName": entity.name,
        "KeyAttributeAlias": alias,
        "TableData": [],
        "NonKeyAttributes": attributes,
        "DataAccess": { "MySql": {} },
    })
}

/// The billing an imported table's own fields give, as the import read them.
fn source_billing(table: &Map<String, Value>) -> Option<Billing> {
    let throughput = table.get("ProvisionedCapacitySettings").and_then(|s| s.get("ProvisionedThroughput"));
    let units = |field: &str| -> Option<u64> {
        match throughput?.get(field)? {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    };
    let provisioned = match table.get("BillingMode").and_then(Value::as_str) {
        Some("PROVISIONED") => true,
        Some("PAY_PER_REQUEST") => false,
        Some(_) => return None,
        None => table.contains_key("ProvisionedCapacitySettings"),
    };
    if provisioned {
        Some(Billing::Provisioned {
            read_capacity: units("ReadCapacityUnits")?,
            write_capacity: units("WriteCapacityUnits")?,
        })
    } else {
        Some(Billing::OnDemand)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_the_workbench_writes_them() {
        // 2023-01-12 10:14 UTC
        assert_eq!(workbench_date(1_673_518_440), "Jan 12, 2023, 10:14 AM");
        assert_eq!(workbench_date(0), "Jan 01, 1970, 12:00 AM");
        assert_eq!(workbench_date(1_673_518_440 + 6 * 3600), "Jan 12, 2023, 04:14 PM");
    }
}
