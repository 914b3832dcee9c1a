//! NoSQL Workbench models (format versions 1.0, 2.0 and 3.0) → a Tablewright model.
//!
//! One table of `DataModel` becomes the model. Its entities come from the table's
//! facets (one per facet) or, without facets, from its items grouped by the type
//! words their keys start with (`CUST#101` → Cust). The key values of each kind of
//! item become pinned key templates for the table and every GSI, so the derived
//! design is the file's own and the verifier judges it. The table as the file has
//! it (unknown fields, facets, indexes, items) is kept verbatim under `imported`,
//! as text, from which the NoSQL Workbench export gives it back; the items are
//! read without a JSON tree of them (`nosql_workbench_items`), so memory stays a small
//! multiple of the file.

use std::collections::{BTreeMap, HashMap, HashSet};

use indexmap::IndexMap;
use serde_json::value::RawValue;
use serde_json::Value;

use super::draft::Draft;
use super::infer::{is_word, marker, Context, Held, Inferred, Namer, Reading};
use super::nosql_workbench_items::{self, Attr, Entry, Item, TableData};
use super::patterns::implied_patterns;
use super::projections::{pinned_projections, read_projection};
use super::reader::{self, At};
use super::separator;
use super::sparse_membership::sparse_membership;
use super::{attribute_name, pascal, ImportError, ImportOptions};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::json_aside::{self, Step};
use crate::locate::locate;
use crate::model::{
    AttrType, Billing, Entity, ImportSource, Imported, KeyType, Model, Projection, SourceIndex, SourceKey, SourceText,
};
use crate::path::JsonPath;
use crate::template::Template;

/// The format versions of NoSQL Workbench's model files that this reads.
pub const VERSIONS: [&str; 3] = ["1.0", "2.0", "3.0"];

/// The type descriptors of DynamoDB JSON, as items in `TableData` are written.
const TYPE_TAGS: [&str; 10] = ["S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M"];

/// Reads a NoSQL Workbench model and makes the model of one of its tables.
pub fn import_nwb(text: &str, options: &ImportOptions) -> Result<Model, ImportError> {
    let text = text.trim_start_matches('\u{feff}');
    super::check_size(text.len() as u64)?;
    let parsed = json_aside::parse(text, &[TABLE_ITEMS, FACET_ITEMS]).map_err(|e| syntax_error(&e))?;
    let root = parsed.value;
    let mut data = Data::read(parsed.aside).map_err(|e| syntax_error(&e))?;
    // Keys written `User:UserA` are read as `User#UserA`, and given back their `:`.
    let mut colon_keys = Vec::new();
    for (i, table) in root.get("DataModel").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let items = data.entries_mut(&table_path(i).key("TableData"));
        colon_keys.push(separator::read_colons_as_hashes(table, items));
    }
    let (mut model, index) = read(&root, &data, options).map_err(|e| placed(text, e))?;
    drop(data);
    if let (Some(imported), Some(keys)) = (model.imported.as_ref(), colon_keys.get(index)) {
        separator::colons_back(&mut model.entities, &imported.keys, keys);
    }
    let tables = root.get("DataModel").and_then(Value::as_array).map_or(0, Vec::len);
    if let Some(imported) = model.imported.as_mut() {
        imported.source = narrowed(text, index, tables).map_err(|e| syntax_error(&e))?;
    }
    Ok(model)
}

/// Where the items of a table and of its facets are.
const TABLE_ITEMS: &[Step] = &[Step::Key("DataModel"), Step::Each, Step::Key("TableData")];
const FACET_ITEMS: &[Step] =
    &[Step::Key("DataModel"), Step::Each, Step::Key("TableFacets"), Step::Each, Step::Key("TableData")];

fn table_path(index: usize) -> JsonPath {
    JsonPath::root().key("DataModel").index(index)
}

/// Every `TableData` of the file, by its place.
struct Data(HashMap<JsonPath, TableData>);

impl Data {
    fn read(aside: Vec<(JsonPath, &RawValue)>) -> serde_json::Result<Data> {
        let mut names = nosql_workbench_items::Names::default();
        let mut data = HashMap::new();
        for (path, raw) in aside {
            let items = nosql_workbench_items::read(raw, &mut names)?;
            data.insert(path, items);
        }
        Ok(Data(data))
    }

    fn get(&self, path: &JsonPath) -> Option<&TableData> {
        self.0.get(path)
    }

    fn entries_mut(&mut self, path: &JsonPath) -> &mut [Entry] {
        match self.0.get_mut(path) {
            Some(TableData::Items(entries)) => entries,
            _ => &mut [],
        }
    }
}

/// The file as it was, narrowed to the chosen table: the export starts from it.
fn narrowed(text: &str, index: usize, tables: usize) -> serde_json::Result<SourceText> {
    if tables == 1 {
        return Ok(SourceText::from_raw(RawValue::from_string(text.to_string())?));
    }
    let mut root: IndexMap<String, Box<RawValue>> = serde_json::from_str(text)?;
    if let Some(data_model) = root.get_mut("DataModel") {
        let mut tables: Vec<Box<RawValue>> = serde_json::from_str(data_model.get())?;
        let chosen = tables.swap_remove(index);
        *data_model = serde_json::value::to_raw_value(&[chosen])?;
    }
    Ok(SourceText::from_raw(serde_json::value::to_raw_value(&root)?))
}

/// The largest file read, of either kind. NoSQL Workbench's sample data is a few
/// items per facet and a template a few pages: a file far past this is a data
/// dump, whose import would say nothing more about the design.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

pub(super) fn too_large(bytes: u64) -> ImportError {
    ImportError::schema(
        &JsonPath::root(),
        format!(
            "{} MiB; a design of more than {} MiB is a data dump, not a model",
            bytes.div_ceil(1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ),
        "keep a few sample items per facet in TableData (the import reads the design, not the data), or import the table's CloudFormation",
    )
}

fn syntax_error(e: &serde_json::Error) -> ImportError {
    let message = e.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message).to_string();
    let d = Diagnostic::new(
        DiagnosticKind::Syntax,
        &JsonPath::root(),
        format!("not JSON: {message}"),
        "a NoSQL Workbench model is a JSON file as the Workbench exports it; check that it is complete",
    );
    ImportError::new(d.at((e.line().max(1), e.column().max(1))))
}

/// Adds the line and column of the problem's path.
fn placed(text: &str, e: ImportError) -> ImportError {
    if e.diagnostic().line.is_some() {
        return e;
    }
    let at = locate(text, &e.diagnostic().path);
    e.placed_at(at)
}

/// A key attribute as the file defines it.
#[derive(Debug, Clone, PartialEq)]
struct Key {
    name: String,
    key_type: KeyType,
}

impl Key {
    fn source(&self) -> SourceKey {
        SourceKey { name: self.name.clone(), key_type: self.key_type }
    }
}

struct Gsi {
    name: String,
    pk: Key,
    sk: Option<Key>,
    /// What it copies of each item, as the source says (ALL when it says nothing).
    projection: Projection,
    /// Where its key attributes are given, for an error about them.
    at: JsonPath,
}

struct Facet<'a> {
    name: String,
    pk_alias: Option<String>,
    sk_alias: Option<String>,
    attributes: Vec<String>,
    items: Vec<&'a Item>,
    /// Where its attribute list is, for an error about one of them.
    at: JsonPath,
}

/// The chosen table, checked.
struct Table<'a> {
    name: String,
    pk: Key,
    sk: Option<Key>,
    /// Declared attribute types (`NonKeyAttributes`), by name.
    declared: Vec<(String, String)>,
    gsis: Vec<Gsi>,
    facets: Vec<Facet<'a>>,
    items: Vec<&'a Item>,
    billing: Billing,
    /// What the items say, gathered once so that each kind's reading of them stays
    /// linear in the size of the table.
    seen: Seen<'a>,
}

#[derive(Default)]
struct Seen<'a> {
    /// Every attribute name some item carries.
    names: HashSet<&'a str>,
    /// The key attributes whose values are generic (`CUST#101`).
    generic: HashSet<String>,
    /// Each key attribute's values across the table.
    contexts: HashMap<String, Context<'a>>,
    /// The position of each declared attribute in `NonKeyAttributes`.
    declared_at: HashMap<String, usize>,
}

/// The model of the chosen table, with an empty `imported.source`, and the
/// table's index in `DataModel`.
fn read(root: &Value, data: &Data, options: &ImportOptions) -> Result<(Model, usize), ImportError> {
    let at = At::new(root);
    at.object().map_err(|_| {
        ImportError::schema(
            &at.path,
            "the file is not a NoSQL Workbench model",
            "a model is a JSON object with DataModel",
        )
    })?;
    let metadata = at.optional("ModelMetadata")?;
    if let Some(meta) = &metadata {
        check_metadata(meta)?;
    }
    let data_model = at.field("DataModel")?;
    let tables = data_model.array()?;
    let (index, chosen) = choose_table(&tables, &data_model.path, options)?;
    let table = read_table(chosen, data)?;

    let model_name = match at.optional("ModelName")? {
        Some(name) => name.str()?.to_string(),
        None => table.name.clone(),
    };
    let description = match metadata.as_ref().map(|m| m.optional("Description")).transpose()?.flatten() {
        Some(d) => d.str()?.to_string(),
        None => String::new(),
    };

    let drafts = if table.facets.is_empty() { by_prefix(&table) } else { by_facet(&table) };
    let inferences = drafts.iter().flat_map(|d| d.inferences.iter().cloned()).collect();
    let entities: Vec<Entity> = drafts.into_iter().map(Draft::into_entity).collect();
    if entities.is_empty() {
        return Err(ImportError::schema(
            &data_model.path.index(index),
            format!("table '{}' has no facet and no item that says what it holds: nothing to model", table.name),
            "add a facet or sample items in NoSQL Workbench, or import the table's CloudFormation",
        ));
    }

    let mut keys = BTreeMap::new();
    keys.insert(
        "table".to_string(),
        SourceIndex {
            name: None,
            partition_key: Some(table.pk.source()),
            sort_key: table.sk.as_ref().map(Key::source),
        },
    );
    for (n, gsi) in table.gsis.iter().enumerate() {
        keys.insert(
            format!("GSI{}", n + 1),
            SourceIndex {
                name: Some(gsi.name.clone()),
                partition_key: Some(gsi.pk.source()),
                sort_key: gsi.sk.as_ref().map(Key::source),
            },
        );
    }
    let key_names: Vec<&str> = std::iter::once(&table.pk)
        .chain(&table.sk)
        .chain(table.gsis.iter().flat_map(|g| std::iter::once(&g.pk).chain(&g.sk)))
        .map(|k| k.name.as_str())
        .collect();
    let sources: Vec<(String, &str, &Projection)> = (table.gsis.iter().enumerate())
        .map(|(n, g)| (format!("GSI{}", n + 1), g.name.as_str(), &g.projection))
        .collect();
    let (pinned_projections, notes) = pinned_projections(&sources, &key_names, &entities);
    let patterns = implied_patterns(&entities, &keys, &pinned_projections);

    let mut model = Model::new(&model_name);
    model.description = description;
    model.table.name = table.name.clone();
    model.table.billing = table.billing.clone();
    model.table.pinned_projections = pinned_projections;
    model.imported = Some(Imported {
        from: ImportSource::NosqlWorkbench,
        keys,
        source_key_names: true,
        entities: entities.iter().map(|e| e.name.clone()).collect(),
        notes,
        inferences,
        source: SourceText::of(&Value::Null),
    });
    model.entities = entities;
    model.access_patterns = patterns;
    super::check_model(&model)?;
    Ok((model, index))
}

fn check_metadata(meta: &At<'_>) -> Result<(), ImportError> {
    meta.object()?;
    if let Some(version) = meta.optional("Version")? {
        let v = version.str()?;
        if !VERSIONS.contains(&v) {
            return Err(ImportError::schema(
                &version.path,
                format!("NoSQL Workbench format version '{v}' is not supported"),
                format!(
                    "Tablewright reads versions {}; save the model again from NoSQL Workbench",
                    VERSIONS.join(", ")
                ),
            ));
        }
    }
    if let Some(service) = meta.optional("AWSService")? {
        let s = service.str()?;
        if s != "Amazon DynamoDB" {
            return Err(ImportError::schema(
                &service.path,
                format!("this is a model for {s}, not for Amazon DynamoDB"),
                "only DynamoDB models can be imported",
            ));
        }
    }
    Ok(())
}

fn choose_table<'a, 'f>(
    tables: &'f [At<'a>],
    path: &JsonPath,
    options: &ImportOptions,
) -> Result<(usize, &'f At<'a>), ImportError> {
    let mut names = Vec::new();
    for t in tables {
        names.push(t.field("TableName")?.str()?.to_string());
    }
    let listed = || names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", ");
    match (&options.table, tables.len()) {
        (_, 0) => Err(ImportError::schema(path, "the model has no tables", "add a table in NoSQL Workbench")),
        (Some(wanted), _) => match names.iter().position(|n| n == wanted) {
            Some(i) => Ok((i, &tables[i])),
            None => Err(ImportError::schema(
                path,
                format!("the model has no table '{wanted}'; its tables are {}", listed()),
                "name one of them with --table",
            )),
        },
        (None, 1) => Ok((0, &tables[0])),
        (None, _) => Err(ImportError::schema(
            path,
            format!("the model has {} tables ({}); a Tablewright model is one table", names.len(), listed()),
            "choose one with --table NAME",
        )
        .choosing_among(names.clone())),
    }
}

fn read_key(at: &At<'_>) -> Result<Key, ImportError> {
    let name = at.field("AttributeName")?;
    let name = name.str()?.to_string();
    let ty = at.field("AttributeType")?;
    let text = ty.str()?;
    let key_type = KeyType::parse(text).ok_or_else(|| {
        ImportError::schema(
            &ty.path,
            format!("a key attribute cannot be of type '{text}'"),
            "key attributes are of type S, N or B",
        )
    })?;
    Ok(Key { name, key_type })
}

fn read_key_pair(at: &At<'_>) -> Result<(Key, Option<Key>), ImportError> {
    let pk = read_key(&at.field("PartitionKey")?)?;
    let sk = match at.optional("SortKey")? {
        Some(sk) => Some(read_key(&sk)?),
        None => None,
    };
    Ok((pk, sk))
}

fn read_table<'a>(at: &At<'_>, data: &'a Data) -> Result<Table<'a>, ImportError> {
    let name_field = at.field("TableName")?;
    let name = name_field.str()?.to_string();
    let valid = name.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
    if !(3..=255).contains(&name.len()) || !valid {
        return Err(ImportError::schema(
            &name_field.path,
            format!("'{name}' is not a valid DynamoDB table name"),
            "use 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'",
        ));
    }
    let (pk, sk) = read_key_pair(&at.field("KeyAttributes")?)?;

    let mut declared = Vec::new();
    if let Some(list) = at.optional("NonKeyAttributes")? {
        for a in list.array()? {
            let n = a.field("AttributeName")?;
            let t = a.field("AttributeType")?;
            let type_tag = t.str()?;
            if !TYPE_TAGS.contains(&type_tag) {
                return Err(unknown_type(&t.path, type_tag));
            }
            declared.push((n.str()?.to_string(), type_tag.to_string()));
        }
    }

    let mut gsis = Vec::new();
    if let Some(list) = at.optional("GlobalSecondaryIndexes")? {
        for g in list.array()? {
            let name = g.field("IndexName")?.str()?.to_string();
            let keys = g.field("KeyAttributes")?;
            let (pk, sk) = read_key_pair(&keys)?;
            let projection = match g.optional("Projection")? {
                Some(p) => read_projection(&p, &|at| at.str().map(str::to_string))?,
                None => Projection::All,
            };
            gsis.push(Gsi { name, pk, sk, projection, at: keys.path.clone() });
        }
    }

    let keys: Vec<&Key> = std::iter::once(&pk).chain(&sk).collect();
    let items = read_items(&at.path.key("TableData"), data, &keys)?;

    let mut facets = Vec::new();
    if let Some(list) = at.optional("TableFacets")? {
        for f in list.array()? {
            let name = f.field("FacetName")?.str()?.to_string();
            let (mut pk_alias, mut sk_alias) = (None, None);
            if let Some(alias) = f.optional("KeyAttributeAlias")? {
                pk_alias = alias.optional("PartitionKeyAlias")?.map(|a| a.str().map(str::to_string)).transpose()?;
                sk_alias = alias.optional("SortKeyAlias")?.map(|a| a.str().map(str::to_string)).transpose()?;
            }
            let mut attributes = Vec::new();
            let listed = f.optional("NonKeyAttributes")?;
            if let Some(list) = &listed {
                for a in list.array()? {
                    attributes.push(a.str()?.to_string());
                }
            }
            let items = read_items(&f.path.key("TableData"), data, &keys)?;
            let at = listed.map_or_else(|| f.path.clone(), |l| l.path.clone());
            facets.push(Facet { name, pk_alias, sk_alias, attributes, items, at });
        }
    }

    let billing = read_billing(at)?;
    let mut table = Table { name, pk, sk, declared, gsis, facets, items, billing, seen: Seen::default() };
    table.seen = table.gather();
    table.check_attributes_exist()?;
    Ok(table)
}

fn unknown_type(path: &JsonPath, tag: &str) -> ImportError {
    ImportError::schema(path, format!("'{tag}' is not a DynamoDB type"), format!("use one of {}", TYPE_TAGS.join(", ")))
}

/// The items at `path`, in DynamoDB JSON: every attribute a one-field object
/// naming its type. The contents of lists and maps are left as they are (the
/// Workbench itself writes list elements both typed and untyped).
fn read_items<'a>(path: &JsonPath, data: &'a Data, keys: &[&Key]) -> Result<Vec<&'a Item>, ImportError> {
    let entries = match data.get(path) {
        None | Some(TableData::Absent) => return Ok(Vec::new()),
        Some(TableData::Not(found)) => return Err(reader::wrong(path, "an array", found)),
        Some(TableData::Items(entries)) => entries,
    };
    let mut out = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let at = path.index(i);
        let object = match entry {
            Entry::Item(item) => item,
            Entry::Not(found) => return Err(reader::wrong(&at, "an object", found)),
        };
        for (name, value) in object.attributes() {
            let path = at.key(name);
            let Attr::Typed { tag, .. } = value else {
                return Err(ImportError::schema(
                    &path,
                    format!("the value of '{name}' is not in DynamoDB JSON"),
                    "write it as {\"S\": \"text\"}, {\"N\": \"1\"}, {\"BOOL\": true}, ...",
                ));
            };
            if !TYPE_TAGS.contains(&&**tag) {
                return Err(unknown_type(&path.key(tag), tag));
            }
        }
        for key in keys {
            match object.tag(&key.name) {
                None => {
                    return Err(ImportError::schema(
                        &at,
                        format!("the item has no value for the key attribute '{}'", key.name),
                        "every item needs the table's partition key (and sort key, if it has one)",
                    ))
                }
                Some(tag) if tag != key.key_type.as_str() => {
                    return Err(ImportError::schema(
                        &at.key(&key.name),
                        format!("'{}' is of type {} but the key is of type {}", key.name, tag, key.key_type.as_str()),
                        "give the key attribute a value of the key's type",
                    ))
                }
                Some(_) => {}
            }
        }
        out.push(object);
    }
    Ok(out)
}

fn read_billing(at: &At<'_>) -> Result<Billing, ImportError> {
    let mode = at.optional("BillingMode")?;
    let settings = at.optional("ProvisionedCapacitySettings")?;
    let provisioned = match &mode {
        Some(m) => match m.str()? {
            "PROVISIONED" => true,
            "PAY_PER_REQUEST" => false,
            other => {
                return Err(ImportError::schema(
                    &m.path,
                    format!("unknown billing mode '{other}'"),
                    "use PROVISIONED or PAY_PER_REQUEST",
                ))
            }
        },
        // Files from before billing settings existed: capacity alone means provisioned.
        None => settings.is_some(),
    };
    if !provisioned {
        return Ok(Billing::OnDemand);
    }
    let Some(settings) = settings else {
        return Err(ImportError::schema(
            &at.path.key("ProvisionedCapacitySettings"),
            "provisioned billing without ProvisionedCapacitySettings",
            "add ProvisionedCapacitySettings.ProvisionedThroughput with the read and write capacity units",
        ));
    };
    let throughput = settings.field("ProvisionedThroughput")?;
    let units = |field: &str| -> Result<u64, ImportError> {
        let f = throughput.field(field)?;
        let n = f.count()?;
        if n == 0 {
            return Err(ImportError::schema(&f.path, "provisioned capacity must be at least 1", "set 1 or more"));
        }
        Ok(n)
    };
    Ok(Billing::Provisioned {
        read_capacity: units("ReadCapacityUnits")?,
        write_capacity: units("WriteCapacityUnits")?,
    })
}

/// The text values of attribute `name` on `items`.
fn texts<'i, 'n>(items: &'n [&'i Item], name: &'n str) -> impl Iterator<Item = &'i str> + 'n
where
    'i: 'n,
{
    items.iter().filter_map(move |item| item.text(name))
}

fn attr_type(tag: &str) -> AttrType {
    match tag {
        "N" => AttrType::Number,
        "B" => AttrType::Binary,
        "BOOL" => AttrType::Boolean,
        "SS" => AttrType::StringSet,
        "NS" => AttrType::NumberSet,
        // Tablewright has no binary set; a list holds it without losing values.
        "BS" | "L" => AttrType::List,
        "M" => AttrType::Map,
        _ => AttrType::String,
    }
}

impl<'a> Table<'a> {
    fn gather(&self) -> Seen<'a> {
        let items: Vec<&'a Item> = self.all_items().collect();
        let mut seen = Seen {
            names: items.iter().flat_map(|item| item.keys()).collect(),
            declared_at: self.declared.iter().enumerate().map(|(i, (name, _))| (name.clone(), i)).collect(),
            ..Seen::default()
        };
        let keys = [Some(&self.pk), self.sk.as_ref()]
            .into_iter()
            .flatten()
            .chain(self.gsis.iter().flat_map(|g| std::iter::once(&g.pk).chain(&g.sk)));
        let prefixed = |name: &str| texts(&items, name).any(|v| v.contains('#'));
        // An index key that holds one type word on every item, beside a key of
        // prefixed values (`LOAN` with `LOAN#2026-06-13`: every loan in one
        // partition, sorted by its due date), is a literal of the single-table
        // convention, not an attribute (as `escalated_to` holding `AgentB` on
        // every item of a small sample is).
        let one_word = |name: &str| {
            let paired = self.gsis.iter().any(|g| match (&g.pk, &g.sk) {
                (pk, Some(sk)) if pk.name == name => prefixed(&sk.name),
                (pk, Some(sk)) if sk.name == name => prefixed(&pk.name),
                _ => false,
            });
            let first = texts(&items, name).next();
            paired
                && first.is_some_and(is_word)
                && texts(&items, name).nth(1).is_some()
                && texts(&items, name).all(|v| Some(v) == first)
        };
        for key in keys {
            // Only a generic key's values are compared with their family.
            if (prefixed(&key.name) || one_word(&key.name)) && seen.generic.insert(key.name.clone()) {
                seen.contexts.insert(key.name.clone(), Context::new(texts(&items, &key.name)));
            }
        }
        seen
    }

    /// A facet's attribute or an index's key that the table neither declares nor
    /// keys by, and that no item carries, would be invented by the import (a type
    /// guessed, a pattern for an index nothing writes): the file is inconsistent.
    fn check_attributes_exist(&self) -> Result<(), ImportError> {
        let known = |name: &str| {
            name == self.pk.name
                || self.sk.as_ref().is_some_and(|k| k.name == name)
                || self.declared_type(name).is_some()
                || self.seen.names.contains(name)
        };
        let index_key =
            |name: &str| self.gsis.iter().flat_map(|g| std::iter::once(&g.pk).chain(&g.sk)).any(|k| k.name == name);
        for facet in &self.facets {
            if let Some((i, name)) = facet.attributes.iter().enumerate().find(|(_, a)| !known(a) && !index_key(a)) {
                let listed = facet.at.clone();
                return Err(ImportError::schema(
                    &listed.index(i),
                    format!("facet '{}' lists '{name}', which the table does not declare and no item has", facet.name),
                    "declare it in the table's NonKeyAttributes (with its type), or remove it from the facet",
                ));
            }
        }
        let listed_by_facet = |name: &str| self.facets.iter().any(|f| f.attributes.iter().any(|a| a == name));
        for gsi in &self.gsis {
            for (field, key) in [("PartitionKey", Some(&gsi.pk)), ("SortKey", gsi.sk.as_ref())] {
                let Some(key) = key else { continue };
                if !known(&key.name) && !listed_by_facet(&key.name) {
                    return Err(ImportError::schema(
                        &gsi.at.key(field).key("AttributeName"),
                        format!(
                            "index '{}' is keyed by '{}', which no facet lists, the table does not declare and no item has",
                            gsi.name, key.name
                        ),
                        "add the attribute to the facets whose items the index holds (or to an item), or remove the index",
                    ));
                }
            }
        }
        Ok(())
    }

    fn all_items(&self) -> impl Iterator<Item = &'a Item> + '_ {
        self.items.iter().copied().chain(self.facets.iter().flat_map(|f| f.items.iter().copied()))
    }

    /// A key attribute holds generic, prefixed values (`CUST#101`) rather than one
    /// of the items' own attributes (`john@doe.com`): its values are templates.
    fn generic(&self, key: &Key) -> bool {
        self.seen.generic.contains(&key.name)
    }

    /// Attribute names that hold keys rather than data the entity declares: the
    /// table's keys (whose templates give the entity its identifier) and the
    /// indexes' keys with generic values.
    fn holds_keys(&self, name: &str) -> bool {
        let table_key = name == self.pk.name || self.sk.as_ref().is_some_and(|k| k.name == name);
        let index_key = self
            .gsis
            .iter()
            .flat_map(|g| std::iter::once(&g.pk).chain(&g.sk))
            .any(|k| k.name == name && self.generic(k));
        table_key || index_key
    }

    /// The names of an item's own data attributes (not its keys) that hold `value`:
    /// what a segment of a composite key is (`comm#{comm_date}#{comm_id}`).
    fn same_as(&self, item: &Item, value: &str) -> Vec<Held> {
        item.keys()
            .filter(|name| !self.holds_keys(name))
            .filter_map(|name| {
                let pad = match item.text(name) {
                    Some(text) if text == value => None,
                    Some(number) if item.tag(name) == Some("N") && zero_padded(value, number) => {
                        Some(u8::try_from(value.len()).ok()?)
                    }
                    _ => return None,
                };
                Some(Held { name: attribute_name(name), pad })
            })
            .collect()
    }

    /// The values of a generic key on every item of the table.
    fn context(&self, key: &Key) -> &Context<'a> {
        &self.seen.contexts[&key.name]
    }

    fn declared_type(&self, name: &str) -> Option<AttrType> {
        self.seen.declared_at.get(name).map(|&i| attr_type(&self.declared[i].1))
    }

    /// The entity's own attributes among the items', in the declared order first.
    fn data_attributes(&self, items: &[&Item], draft: &mut Draft) {
        let mut names: Vec<&str> = Vec::new();
        let mut listed = HashSet::new();
        for item in items {
            for name in item.keys() {
                if listed.insert(name) {
                    names.push(name);
                }
            }
        }
        names.sort_by_key(|name| self.seen.declared_at.get(*name).copied().unwrap_or(usize::MAX));
        for name in names {
            let carried = items.iter().find_map(|i| i.tag(name));
            if let Some(tag) = carried {
                self.data_attribute(name, Some(tag), draft);
                if items.iter().all(|i| i.contains(name)) {
                    draft.require(&attribute_name(name));
                }
            }
        }
    }

    fn data_attribute(&self, name: &str, tag: Option<&str>, draft: &mut Draft) {
        // Names starting with '_' are Tablewright's own (the `_type` of its exports).
        if name.trim().is_empty() || name.starts_with('_') || self.holds_keys(name) {
            return;
        }
        let attr_type = self.declared_type(name).or(tag.map(attr_type)).unwrap_or(AttrType::String);
        draft.attribute(&attribute_name(name), attr_type, false);
    }
}

/// The pinned keys of one kind of item: the table's, then every index its items
/// write. `aliases` are a facet's names for the table's key attributes.
fn pin_keys<'i>(
    table: &Table<'_>,
    items: &[&'i Item],
    aliases: (Option<&str>, Option<&str>),
    facet_attributes: Option<&[String]>,
    draft: &mut Draft,
) {
    let mut namer = Namer::default();
    let same_as = |i: usize, value: &str| items.get(i).map_or_else(Vec::new, |item| table.same_as(item, value));
    let values = |key: &Key| -> Vec<(usize, &'i str)> {
        items.iter().enumerate().filter_map(|(i, item)| item.text(&key.name).map(|v| (i, v))).collect()
    };
    // Each key's template, and how it was read: for the import report.
    let template_of = |namer: &mut Namer<'i>, key: &Key, alias: Option<&str>| -> (Inferred, String, bool) {
        let values = values(key);
        if let Some(t) = alias.and_then(alias_template) {
            // A facet whose alias is itself a template (as Tablewright exports them).
            return (namer.given(&t, &values), "the facet's alias, a template".into(), false);
        }
        // An alias written like its values (`FRIENDS#playerID`) names the value
        // after its last '#'.
        let alias = alias
            .map(|a| attribute_name(a.rsplit('#').next().unwrap_or(a)))
            .filter(|a| *a != attribute_name(&key.name) && *a != "key");
        if let Some(t) = composite_name(&key.name, &values) {
            // A key named for its parts (`State#Date`) whose values have those parts.
            return (namer.given(&t, &values), format!("the parts its name '{}' gives", key.name), false);
        }
        let sort_key = table.sk.as_ref().is_some_and(|k| k.name == key.name);
        if let (true, Some((_, word))) = (sort_key, values.first()) {
            // One word as every item's sort key (`meta` under `Room:Music`): the
            // item-collection convention's name for the kind, not a value.
            if values.len() > 1 && is_word(word) && values.iter().all(|(_, v)| v == word) {
                let how = format!("'{word}' on every item: the kind's name, not a value");
                return (namer.given(&Template::literal(word), &values), how, false);
            }
        }
        if !table.generic(key) {
            // A key that holds one attribute as it is: the facet's name for it.
            let name = alias.unwrap_or_else(|| attribute_name(&key.name));
            return (namer.attribute(&name, &values), "one attribute, as it is".into(), false);
        }
        let inferred = namer.infer(
            &values,
            table.context(key),
            &attribute_name(&key.name),
            Reading::Key { alias: alias.as_deref() },
            &same_as,
        );
        let n = values.len();
        if inferred.whole {
            // Values with prefixes but none shared: maybe several kinds in one.
            let how = format!("no type word common to its {n} value(s): the whole value is one attribute");
            return (inferred, how, true);
        }
        // With one item, what varies is judged from the other kinds' values alone.
        let how = format!("read off {n} value(s): the type words literal, the rest values");
        (inferred, how, n == 1)
    };
    let read = |draft: &mut Draft, key: &Key, (inferred, how, ambiguous): (Inferred, String, bool)| {
        draft.read_as(format!("{} {}: {how}", key.name, inferred.template), ambiguous);
        inferred
    };
    let pk = read(draft, &table.pk, template_of(&mut namer, &table.pk, aliases.0));
    let mut sk = table.sk.as_ref().map(|k| read(draft, k, template_of(&mut namer, k, aliases.1)));
    if pk.vars.is_empty() && sk.as_ref().is_none_or(|s| s.vars.is_empty()) {
        // Constant keys: one item. An entity needs an identifier, so the sort key
        // (or the partition key) stands for it, as it would with a second item.
        let key = table.sk.as_ref().unwrap_or(&table.pk);
        draft.read_as(format!("one item with constant keys: {} stands for its identifier", key.name), true);
        let whole = namer.attribute(&attribute_name(&key.name), &values(key));
        if table.sk.is_some() {
            sk = Some(whole);
        } else {
            return pin_table(table, draft, whole.clone(), Some(whole), items, facet_attributes, namer);
        }
    }
    pin_table(table, draft, pk, sk, items, facet_attributes, namer)
}

fn pin_table<'i>(
    table: &Table<'_>,
    draft: &mut Draft,
    pk: Inferred,
    sk: Option<Inferred>,
    items: &[&'i Item],
    facet_attributes: Option<&[String]>,
    mut namer: Namer<'i>,
) {
    let declared = |name: &str| table.declared_type(name);
    let same_as = |i: usize, value: &str| items.get(i).map_or_else(Vec::new, |item| table.same_as(item, value));
    draft.key_attributes(&pk, table.pk.key_type.attr_type(), true, &declared);
    let sk_type = table.sk.as_ref().map_or(table.pk.key_type, |k| k.key_type);
    if let Some(sk) = &sk {
        draft.key_attributes(sk, sk_type.attr_type(), true, &declared);
    }
    // A table without a sort key: the design's sort key repeats the partition key,
    // which is how Tablewright keys an item that has a partition of its own.
    let sort = sk.as_ref().map_or(pk.template.clone(), |s| s.template.clone());
    draft.pin("table", Some(pk.template.clone()), Some(sort.clone()));

    for (n, gsi) in table.gsis.iter().enumerate() {
        let carried: Vec<(usize, &str)> =
            items.iter().enumerate().filter_map(|(i, item)| item.text(&gsi.pk.name).map(|v| (i, v))).collect();
        // Items say which kinds write an index. A facet without items says it by
        // listing the index's key among its attributes.
        let listed = items.is_empty() && facet_attributes.is_some_and(|a| a.contains(&gsi.pk.name));
        let membership = match (carried.len(), items.len()) {
            (0, _) if listed => format!("in {}: the facet lists {}", gsi.name, gsi.pk.name),
            (0, _) => format!("not in {}: none of its items carries {}", gsi.name, gsi.pk.name),
            (c, n) if c < n => format!("in {}, sparse: {c} of its {n} items carry {}", gsi.name, gsi.pk.name),
            (_, n) => format!("in {}: all {n} of its items carry {}", gsi.name, gsi.pk.name),
        };
        draft.read_as(membership, false);
        if carried.is_empty() && !listed {
            continue;
        }
        let mut key = |k: &Key, partition: bool| {
            let values: Vec<(usize, &str)> =
                items.iter().enumerate().filter_map(|(i, item)| item.text(&k.name).map(|v| (i, v))).collect();
            let inferred = if table.generic(k) && partition {
                namer.infer(&values, table.context(k), &attribute_name(&k.name), Reading::GsiPartition, &same_as)
            } else if table.generic(k) {
                namer.infer(&values, table.context(k), &attribute_name(&k.name), Reading::Key { alias: None }, &same_as)
            } else {
                namer.attribute(&attribute_name(&k.name), &values)
            };
            draft.key_attributes(&inferred, k.key_type.attr_type(), false, &declared);
            if !items.is_empty() && values.len() == items.len() {
                for name in &inferred.vars {
                    draft.require(name);
                }
            }
            inferred.template
        };
        let partition = key(&gsi.pk, true);
        // An index without a sort key: the item's own key orders it, as in the table.
        let index_sort = match &gsi.sk {
            Some(k) => key(k, false),
            None => sort.clone(),
        };
        let index = format!("GSI{}", n + 1);
        if partition.contains(&format!("{{{}}}", crate::template::SHARD)) {
            let text = format!(
                "{index}'s {} {partition}: a short number no attribute holds, read as a write shard",
                gsi.pk.name
            );
            draft.read_as(text, true);
        }
        draft.pin(&index, Some(partition.clone()), Some(index_sort.clone()));
        if (1..items.len()).contains(&carried.len()) {
            // An index keyed by attributes some items lack holds only those that
            // have them: where that is exactly the carriers, absence gates it,
            // with no condition to find.
            let parse = |t: &str| Template::parse(t).unwrap_or_else(|_| Template::literal(t));
            let (pk_template, sk_template) = (parse(&partition), parse(&index_sort));
            let placeholders: Vec<String> = pk_template
                .attributes()
                .chain(sk_template.attributes())
                .filter(|a| *a != crate::template::SHARD)
                .map(str::to_string)
                .collect();
            let has_all = |i: &Item| placeholders.iter().all(|name| i.keys().any(|k| attribute_name(k) == *name));
            let carries = |i: &Item| i.text(&gsi.pk.name).is_some();
            if items.iter().all(|i| has_all(i) == carries(i)) {
                continue;
            }
            let keyed = |raw: &str| table.holds_keys(raw) || placeholders.contains(&attribute_name(raw));
            match sparse_membership(items, &gsi.pk.name, &pk_template, &keyed) {
                Some(condition) => {
                    draft.read_as(format!("{index} holds the items where {condition}: its key's words name it"), false);
                    draft.sparse(&index, condition);
                }
                None => draft.read_as(
                    format!("{index} holds some items only, but no attribute its key's words name tells them apart: pinned for every item"),
                    true,
                ),
            }
        }
    }
}

/// `{State}#{Date}` for a key attribute named `State#Date` whose every value has
/// as many parts (`WARNING1#2020-04-24T14:40:00`).
fn composite_name(key: &str, values: &[(usize, &str)]) -> Option<Template> {
    let words: Vec<&str> = key.split('#').collect();
    let fits = words.len() > 1 && words.iter().all(|w| !w.trim().is_empty());
    let every = !values.is_empty() && values.iter().all(|(_, v)| v.split('#').count() == words.len());
    if !(fits && every) {
        return None;
    }
    let text: Vec<String> = words.iter().map(|w| format!("{{{}}}", attribute_name(w))).collect();
    Template::parse(&text.join("#")).ok()
}

/// A facet alias that is a key template (`CUSTOMER#{customerNumber}`).
/// A facet alias that is a template, its placeholders named as the imported
/// attributes are: a pair item's role-qualified `{friend.playerId}` (as
/// Tablewright exports a self-relationship) becomes `{friend_playerId}`, the
/// attribute the items' `friend.playerId` is imported as.
fn alias_template(alias: &str) -> Option<Template> {
    let template = Template::parse(alias).ok().filter(|t| !t.is_constant())?;
    Some(template.renamed(|name| Some(attribute_name(name))))
}

/// One entity per facet, with the facet's items and the table's items that fit it.
fn by_facet(table: &Table<'_>) -> Vec<Draft> {
    let mut assigned: Vec<Vec<&Item>> = table.facets.iter().map(|f| f.items.clone()).collect();
    // The table's own items each facet took by the attributes they carry, with
    // no `_type` to name it.
    let mut by_cover = vec![0; table.facets.len()];
    for item in &table.items {
        if let Some((f, named)) = facet_of(table, item) {
            assigned[f].push(item);
            by_cover[f] += usize::from(!named);
        }
    }
    let mut used: HashSet<String> = HashSet::new();
    table
        .facets
        .iter()
        .zip(assigned)
        .zip(by_cover)
        .map(|((facet, items), covered)| {
            let name = unique(usable_name(&facet.name, &table.name), &mut used);
            let mut draft = Draft::new(&name);
            draft.read_as(format!("the facet '{}', with {} item(s)", facet.name, items.len()), false);
            if covered > 0 {
                let text =
                    format!("{covered} of the table's items, by the attributes they carry (no _type names a facet)");
                draft.read_as(text, true);
            }
            pin_keys(
                table,
                &items,
                (facet.pk_alias.as_deref(), facet.sk_alias.as_deref()),
                Some(&facet.attributes),
                &mut draft,
            );
            for attribute in &facet.attributes {
                let tag = items.iter().find_map(|i| i.tag(attribute));
                table.data_attribute(attribute, tag, &mut draft);
            }
            table.data_attributes(&items, &mut draft);
            draft
        })
        .collect()
}

/// The facet a table-level item belongs to: the one its `_type` names (true), or
/// the narrowest whose attributes cover the item's (false).
fn facet_of(table: &Table<'_>, item: &Item) -> Option<(usize, bool)> {
    if let Some(name) = item.string("_type") {
        if let Some(i) = table.facets.iter().position(|f| f.name == name) {
            return Some((i, true));
        }
    }
    let own: Vec<&str> = item.keys().filter(|n| !table.holds_keys(n) && !n.starts_with('_')).collect();
    table
        .facets
        .iter()
        .enumerate()
        .filter(|(_, f)| own.iter().all(|n| f.attributes.iter().any(|a| a == n)))
        .min_by_key(|(_, f)| f.attributes.len())
        .map(|(i, _)| (i, false))
}

/// The type words of a kind of item: its partition key's and its sort key's.
type Kind = (Option<String>, Option<String>);

/// A kind of item and the items of it.
type Group<'a> = (Kind, Vec<&'a Item>);

/// Kinds of item told apart by the type words of their keys: the word a key
/// starts with (`CUST#101`, `u#42`, `metadata`), and a word that ends a partition
/// key after a value (`u#42#follower`: the followers of a user, a kind of its
/// own). Kinds that differ only in their sort key's word but whose items carry
/// the same attributes are one kind whose word is a value (`NORMAL#...` beside
/// `ALARM#...`).
fn by_prefix(table: &Table<'_>) -> Vec<Draft> {
    let pk_generic = table.generic(&table.pk);
    let sk_generic = table.sk.as_ref().is_some_and(|k| table.generic(k));
    // (partition word, sort word) → items, in the order the kinds first appear.
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut position: HashMap<Kind, usize> = HashMap::new();
    for item in table.all_items() {
        let pk = item.text(&table.pk.name).unwrap_or_default();
        let (pk_word, trailing) = match pk_generic.then(|| partition_word(pk)).flatten() {
            Some((word, trailing)) => (Some(word), trailing),
            None => (None, false),
        };
        // A constant partition (`WAREHOUSES`) gathers one kind under many sort keys,
        // so its sort keys do not tell kinds apart; nor do those of a partition
        // named for its kind (`u#42#follower`), whose sort keys are the members.
        let constant = !pk.contains('#') && is_word(pk);
        let sk_word = match &table.sk {
            Some(k) if sk_generic && !constant && !trailing => item.text(&k.name).and_then(marker).map(str::to_string),
            _ => None,
        };
        let group = (pk_word, sk_word);
        match position.get(&group) {
            Some(&i) => groups[i].1.push(item),
            None => {
                position.insert(group.clone(), groups.len());
                groups.push((group, vec![item]));
            }
        }
    }
    let groups = merge_value_words(table, groups);
    let names = group_names(&groups.iter().map(|((g, _), _)| g.clone()).collect::<Vec<_>>(), &table.name);
    groups
        .iter()
        .zip(names)
        .map(|(((kind, items), words), name)| {
            let mut draft = Draft::new(&name);
            let keyed = match kind {
                (Some(p), Some(s)) => format!("keys starting '{p}' and '{s}'"),
                (Some(p), None) => format!("a partition key of type word '{p}'"),
                (None, _) => "keys with no type word".to_string(),
            };
            draft.read_as(format!("the {} item(s) with {keyed}", items.len()), false);
            if !words.is_empty() {
                let text = format!(
                    "the sort key words {} read as values of one kind, not as kinds: their items carry the same attributes",
                    words.join(", ")
                );
                draft.read_as(text, true);
            }
            pin_keys(table, items, (None, None), None, &mut draft);
            table.data_attributes(items, &mut draft);
            draft
        })
        .collect()
}

/// A partition key's type word: the word that ends it right after a value, when
/// it starts with a word too (`u#42#follower` → follower: the followers of a
/// user are a kind of their own), else the word it starts with.
/// Whether the word is a trailing one comes with it.
fn partition_word(value: &str) -> Option<(String, bool)> {
    let segments: Vec<&str> = value.split('#').collect();
    match segments.as_slice() {
        [first, .., id, last] if is_word(first) && !is_word(id) && is_word(last) => Some((last.to_string(), true)),
        _ => marker(value).map(|w| (w.to_string(), false)),
    }
}

/// Merges kinds under the same partition word whose sort words differ but whose
/// items carry the same attributes (one kind's set within the other's, neither
/// empty): the sort word is then a value the items hold (a state, `NORMAL` beside
/// `WARNING1`), not a type. Each kind comes with the sort words merged into it.
fn merge_value_words<'a>(table: &Table<'_>, groups: Vec<Group<'a>>) -> Vec<(Group<'a>, Vec<String>)> {
    type Names<'a> = std::collections::BTreeSet<&'a str>;
    let carried = |items: &[&'a Item]| -> Names<'a> {
        items.iter().flat_map(|i| i.keys()).filter(|n| !table.holds_keys(n) && !n.starts_with('_')).collect()
    };
    // How many parts the items' sort keys have: a state word stands where the
    // other kind has a value, so both have as many.
    let parts = |items: &[&Item]| -> std::collections::BTreeSet<usize> {
        let sk = table.sk.as_ref().map(|k| k.name.as_str()).unwrap_or_default();
        items.iter().filter_map(|i| i.text(sk)).map(|v| v.split('#').count()).collect()
    };
    let mut out: Vec<(Group<'a>, Names, Vec<String>)> = Vec::new();
    for (kind, items) in groups {
        let names = carried(&items);
        let shape = parts(&items);
        let alike = |other: &Names, other_items: &[&Item]| {
            !names.is_empty() && (names.is_subset(other) || other.is_subset(&names)) && parts(other_items) == shape
        };
        match out.iter_mut().find(|((k, i), n, _)| k.0 == kind.0 && k.1 != kind.1 && alike(n, i)) {
            Some(((k, merged), n, words)) => {
                words.extend(k.1.take());
                words.extend(kind.1);
                merged.extend(items);
                n.extend(names);
            }
            None => out.push(((kind, items), names, Vec::new())),
        }
    }
    out.into_iter().map(|(group, _, words)| (group, words)).collect()
}

/// Entity names for the kinds: a kind keyed by its own word takes the word
/// (Cust for CUST#1 / CUST#1); a kind under another's partition takes its sort
/// word (Acct for CUST#1 / ACCT#5), or both when that is taken (DeptEmployee).
fn group_names(groups: &[Kind], table: &str) -> Vec<String> {
    let mut names: Vec<Option<String>> = vec![None; groups.len()];
    let mut used: HashSet<String> = HashSet::new();
    let word = |w: &Option<String>| w.as_deref().map(pascal).unwrap_or_else(|| pascal(table));
    // Own-keyed kinds first, then kinds without a sort word, then nested ones.
    let passes: [&dyn Fn(&Kind) -> bool; 3] =
        [&|(p, s)| s.is_some() && p == s, &|(_, s)| s.is_none(), &|(p, s)| s.is_some() && p != s];
    for (pass, belongs) in passes.iter().enumerate() {
        for (i, group) in groups.iter().enumerate() {
            if names[i].is_some() || !belongs(group) {
                continue;
            }
            let (p, s) = group;
            let first = if pass == 2 { word(s) } else { word(p) };
            let second = match pass {
                1 => format!("{}Item", word(p)),
                _ => format!("{}{}", word(p), word(s)),
            };
            let name = if used.contains(&first) { second } else { first };
            names[i] = Some(unique(name, &mut used));
        }
    }
    names.into_iter().map(Option::unwrap_or_default).collect()
}

/// `name`, or `name2`, `name3`, ... when taken.
fn unique(name: String, used: &mut HashSet<String>) -> String {
    let mut candidate = name.clone();
    let mut n = 2;
    while used.contains(&candidate) {
        candidate = format!("{name}{n}");
        n += 1;
    }
    used.insert(candidate.clone());
    candidate
}

/// A facet name as an entity name: kept when Tablewright can use it.
fn usable_name(name: &str, table: &str) -> String {
    if !name.trim().is_empty() && !name.contains(['#', '{', '}']) {
        return name.to_string();
    }
    let cleaned = pascal(name);
    if cleaned.is_empty() {
        pascal(table)
    } else {
        cleaned
    }
}

/// Whether `segment` is the integer `number` written with leading zeros
/// (`0000001234` for 1234), as keys pad numbers so that they sort as text.
fn zero_padded(segment: &str, number: &str) -> bool {
    let digits = segment.trim_start_matches('0');
    segment.len() > number.len()
        && segment.bytes().all(|b| b.is_ascii_digit())
        && (digits == number || (digits.is_empty() && number == "0"))
}
