//! CloudFormation templates (YAML or JSON) → a Tablewright model of one of their
//! `AWS::DynamoDB::Table` resources.
//!
//! A template defines keys but no items, so the table becomes one entity whose
//! attributes are the defined key attributes, identified by the table's key, with
//! the table's and every index's key schema pinned. The table's settings (name,
//! billing, stream, TTL, point-in-time recovery, deletion protection, tags) become
//! the model's. Short-form tags (`!Ref`, `!Sub`, `!GetAtt`, ...) are read as the
//! long form (`{"Ref": ...}`); a `Ref` to a parameter resolves to its `Default`.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::draft::Draft;
use super::patterns::implied_patterns;
use super::projections::{pinned_projections, read_projection};
use super::reader::At;
use super::{attribute_name, pascal, ImportError, ImportOptions};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::json_kind::kind_of;
use crate::locate::locate;
use crate::model::{
    AttrType, Billing, ImportSource, Imported, KeyType, Model, Projection, SourceIndex, SourceKey, SourceText,
    StreamViewType, TYPE_ATTRIBUTE,
};
use crate::path::JsonPath;

const TABLE_TYPE: &str = "AWS::DynamoDB::Table";
const GLOBAL_TABLE_TYPE: &str = "AWS::DynamoDB::GlobalTable";
const SIMPLE_TABLE_TYPE: &str = "AWS::Serverless::SimpleTable";

/// A table's attribute definitions, partition key and sort key.
type TableKey = (Vec<(String, KeyType)>, SourceKey, Option<SourceKey>);

/// The resource types that define a DynamoDB table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TableKind {
    Table,
    /// Replicas in several regions; some settings are per replica.
    Global,
    /// SAM's table of one partition key and no indexes.
    Simple,
}

impl TableKind {
    fn of(resource_type: &str) -> Option<TableKind> {
        match resource_type {
            TABLE_TYPE => Some(TableKind::Table),
            GLOBAL_TABLE_TYPE => Some(TableKind::Global),
            SIMPLE_TABLE_TYPE => Some(TableKind::Simple),
            _ => None,
        }
    }
}

/// Reads a CloudFormation template and makes the model of one of its tables.
pub fn import_cloudformation(text: &str, options: &ImportOptions) -> Result<Model, ImportError> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim_start().starts_with('{') {
        let root: Value = serde_json::from_str(text).map_err(|e| {
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_string();
            syntax(format!("not JSON: {message}"), Some((e.line(), e.column())))
        })?;
        // JSON: the complaint's path gives its line and column.
        read(&root, options).map_err(|e| {
            let at = locate(text, &e.diagnostic().path);
            e.placed_at(at)
        })
    } else {
        if let Some(at) = too_deep(text) {
            let message = format!("nested more than {MAX_DEPTH} levels deep; no template needs that");
            return Err(syntax(message, Some(at)));
        }
        let not_yaml = |e: serde_norway::Error| {
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_string();
            syntax(format!("not YAML: {message}"), e.location().map(|l| (l.line(), l.column())))
        };
        let mut yaml: serde_norway::Value = serde_norway::from_str(text).map_err(not_yaml)?;
        // `<<: *base` merges the anchored mapping in, as YAML 1.1 says.
        yaml.apply_merge().map_err(not_yaml)?;
        read(&from_yaml(yaml, &JsonPath::root())?, options)
    }
}

/// How deep a template may nest its flow collections (`[...]`, `{...}`): a real
/// one nests a few levels; a hostile one nests thousands, which the YAML parser
/// takes quadratic time to reject.
const MAX_DEPTH: usize = 64;

/// Where the text first opens a flow collection more than [`MAX_DEPTH`] deep
/// (line, column), found in one pass before any parsing.
fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    for (number, line) in text.lines().enumerate() {
        let mut quote: Option<char> = None;
        // Quotes and comments count only where a token starts.
        let mut at_token = true;
        for (column, c) in line.chars().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if at_token => quote = Some(c),
                (None, '#') if at_token => break,
                (None, '[' | '{') => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Some((number + 1, column + 1));
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            at_token = " \t[{,:-".contains(c);
        }
    }
    None
}

/// The short-form function tags CloudFormation defines (and the `Fn::` names
/// they stand for); any other tag is a mistake or another tool's.
const FUNCTION_TAGS: &[&str] = &[
    "Ref",
    "Condition",
    "Base64",
    "Cidr",
    "FindInMap",
    "GetAtt",
    "GetAZs",
    "ImportValue",
    "Join",
    "Select",
    "Split",
    "Sub",
    "Transform",
    "And",
    "Equals",
    "If",
    "Not",
    "Or",
    "ToJsonString",
    "Length",
];

fn syntax(message: String, at: Option<(usize, usize)>) -> ImportError {
    let d = Diagnostic::new(
        DiagnosticKind::Syntax,
        &JsonPath::root(),
        message,
        "a CloudFormation template is YAML or JSON; check that the file is complete",
    );
    ImportError::new(match at {
        Some((line, column)) => d.at((line.max(1), column.max(1))),
        None => d,
    })
}

/// YAML as the JSON form of the template: short-form function tags become the
/// long form CloudFormation defines for them.
fn from_yaml(value: serde_norway::Value, path: &JsonPath) -> Result<Value, ImportError> {
    use serde_norway::Value as Y;
    Ok(match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64().and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number)
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(
            items.into_iter().enumerate().map(|(i, item)| from_yaml(item, &path.index(i))).collect::<Result<_, _>>()?,
        ),
        Y::Mapping(map) => {
            let mut object = Map::new();
            for (k, v) in map {
                let key = match from_yaml(k, path)? {
                    Value::String(s) => s,
                    other => other.to_string(),
                };
                let value = from_yaml(v, &path.key(&key))?;
                object.insert(key, value);
            }
            Value::Object(object)
        }
        Y::Tagged(tagged) => {
            let name = tagged.tag.to_string();
            let name = name.trim_start_matches('!');
            if !FUNCTION_TAGS.contains(&name) {
                return Err(ImportError::schema(
                    path,
                    format!("unknown tag !{name}"),
                    "CloudFormation's short forms are !Ref, !Sub, !GetAtt, !Join, ...; write the value plainly or in the long form",
                ));
            }
            let inner = from_yaml(tagged.value, path)?;
            let long = match name {
                "Ref" | "Condition" => name.to_string(),
                other => format!("Fn::{other}"),
            };
            // `!GetAtt Table.Arn` is the string form of ["Table", "Arn"].
            let inner = match (name, inner) {
                ("GetAtt", Value::String(s)) => match s.split_once('.') {
                    Some((resource, attribute)) => Value::Array(vec![resource.into(), attribute.into()]),
                    None => Value::String(s),
                },
                (_, inner) => inner,
            };
            let mut object = Map::new();
            object.insert(long, inner);
            Value::Object(object)
        }
    })
}

struct Template<'a> {
    parameters: Option<&'a Map<String, Value>>,
}

impl Template<'_> {
    /// A literal string the template gives here: as written, a number, a `Ref` to
    /// a parameter with a `Default`, or a `Fn::Sub` of such parameters.
    fn literal(&self, at: &At<'_>) -> Result<String, ImportError> {
        let function = |what: String| {
            ImportError::schema(
                &at.path,
                what,
                "write the value itself here, or give the parameter a Default, so the import can read it",
            )
        };
        match at.value {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) => Ok(n.to_string()),
            Value::Object(o) if o.len() == 1 => {
                let (name, arg) = o.iter().next().expect("one field");
                match (name.as_str(), arg) {
                    ("Ref", Value::String(p)) => self
                        .default_of(p)
                        .ok_or_else(|| function(format!("refers to '{p}', which is no parameter with a Default"))),
                    ("Fn::Sub", Value::String(text)) => self.substitute(text, &function),
                    _ => Err(function(format!(
                        "is the CloudFormation function {name}, which the import cannot evaluate"
                    ))),
                }
            }
            other => Err(at.wrong(&format!("a string (found {})", kind_of(other)))),
        }
    }

    fn default_of(&self, parameter: &str) -> Option<String> {
        match self.parameters?.get(parameter)?.get("Default")? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// `Fn::Sub`'s text with each `${Parameter}` replaced by its Default; `fail`
    /// places the error of one that cannot be.
    fn substitute(&self, text: &str, fail: &dyn Fn(String) -> ImportError) -> Result<String, ImportError> {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find('}').ok_or_else(|| fail(format!("'{text}' has an unclosed ${{")))? + start;
            let name = &rest[start + 2..end];
            // `${!Literal}` is CloudFormation's escape for a literal `${Literal}`.
            match name.strip_prefix('!') {
                Some(literal) => out.push_str(&format!("${{{literal}}}")),
                None => {
                    out.push_str(&self.default_of(name).ok_or_else(|| {
                        fail(format!("'{text}' uses ${{{name}}}, which is no parameter with a Default"))
                    })?)
                }
            }
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

fn read(root: &Value, options: &ImportOptions) -> Result<Model, ImportError> {
    let at = At::new(root);
    at.object().map_err(|_| {
        ImportError::schema(
            &at.path,
            "the file is not a CloudFormation template",
            "a template is a mapping with Resources",
        )
    })?;
    let parameters = match at.optional("Parameters")? {
        Some(p) => Some(p.object()?),
        None => None,
    };
    let template = Template { parameters };
    let resources = at.field("Resources")?;
    let mut tables = Vec::new();
    for (id, resource) in resources.object()? {
        let r = At { value: resource, path: resources.path.key(id) };
        if r.optional("Type")?.map(|t| t.str().map(|s| TableKind::of(s).is_some())).transpose()? == Some(true) {
            tables.push((id.clone(), r));
        }
    }
    let (id, resource) = choose_table(&tables, &resources.path, &template, options)?;
    let kind = TableKind::of(resource.field("Type")?.str()?).expect("chosen among tables");
    let properties = resource.field("Properties")?;

    let (definitions, hash, range) = match kind {
        TableKind::Simple => simple_key(&properties, &template)?,
        TableKind::Table | TableKind::Global => {
            let definitions = attribute_definitions(&properties)?;
            let (hash, range) = key_schema(&properties.field("KeySchema")?, &definitions)?;
            (definitions, hash, range)
        }
    };
    let mut draft = Draft::new(&entity_name(id));
    for (name, key_type) in &definitions {
        let identifier = *name == hash.name || range.as_ref().is_some_and(|r| r.name == *name);
        draft.attribute(&attribute_name(name), key_type.attr_type(), identifier);
    }
    let placeholder = |key: &SourceKey| format!("{{{}}}", attribute_name(&key.name));
    let table_sort = placeholder(range.as_ref().unwrap_or(&hash));
    draft.pin("table", Some(placeholder(&hash)), Some(table_sort.clone()));

    let mut keys = BTreeMap::new();
    keys.insert(
        "table".to_string(),
        SourceIndex { name: None, partition_key: Some(hash.clone()), sort_key: range.clone() },
    );
    let mut projections = Vec::new();
    let mut function_notes = Vec::new();
    for (list, prefix) in [("GlobalSecondaryIndexes", "GSI"), ("LocalSecondaryIndexes", "LSI")] {
        let Some(indexes) = properties.optional(list)? else { continue };
        for (n, index) in indexes.array()?.iter().enumerate() {
            let name = template.literal(&index.field("IndexName")?)?;
            // Only a value the import failed to evaluate makes the projection unknown;
            // any other fault in it is the template's, reported as such.
            let unevaluated = std::cell::Cell::new(false);
            let literal = |at: &At<'_>| {
                template
                    .literal(at)
                    .inspect_err(|_| unevaluated.set(unevaluated.get() || evaluates_functions(at.value)))
            };
            let projection = match index.optional("Projection")? {
                Some(p) => match read_projection(&p, &literal) {
                    Ok(projection) => projection,
                    Err(_) if unevaluated.get() => {
                        function_notes.push(format!(
                            "index {name}'s Projection is computed by CloudFormation functions the import cannot \
                             evaluate; it is read as ALL, what the index holds at most (pin it in the Design view)"
                        ));
                        Projection::All
                    }
                    Err(e) => return Err(e),
                },
                None => Projection::All,
            };
            let (index_hash, index_range) = key_schema(&index.field("KeySchema")?, &definitions)?;
            let tablewright = format!("{prefix}{}", n + 1);
            // An index without a sort key: the item's own key orders it, as in the table.
            let sort = index_range.as_ref().map_or(table_sort.clone(), placeholder);
            let local = prefix == "LSI";
            if local && index_hash.name != hash.name {
                return Err(ImportError::schema(
                    &index.path.key("KeySchema"),
                    format!(
                        "local index '{name}' is partitioned by '{}', not by the table's '{}'",
                        index_hash.name, hash.name
                    ),
                    "a local secondary index shares the table's partition key",
                ));
            }
            draft.pin(&tablewright, (!local).then(|| placeholder(&index_hash)), Some(sort));
            projections.push((tablewright.clone(), name.clone(), projection));
            keys.insert(
                tablewright,
                SourceIndex { name: Some(name), partition_key: (!local).then_some(index_hash), sort_key: index_range },
            );
        }
    }

    let table_name = table_name(&resource, &properties, &template, id)?;
    let mut model = Model::new(&table_name);
    if let Some(d) = at.optional("Description")? {
        model.description = template.literal(&d)?;
    }
    let mut notes = Vec::new();
    match kind {
        TableKind::Table => {
            model.table.billing = billing(&properties, &template)?;
            settings(&properties, &template, &mut model)?;
            protection_and_tags(&properties, &template, &mut model)?;
        }
        TableKind::Global => {
            model.table.billing = global_billing(&properties, &template)?;
            settings(&properties, &template, &mut model)?;
            let replicas = properties.field("Replicas")?;
            let list = replicas.array()?;
            let regions: Vec<String> =
                list.iter().map(|r| r.field("Region").and_then(|g| template.literal(&g))).collect::<Result<_, _>>()?;
            if let Some(first) = list.first() {
                protection_and_tags(first, &template, &mut model)?;
            }
            notes.push(format!(
                "a global table with replicas in {}: the model describes the table once, with the first replica's \
                 point-in-time recovery, deletion protection and tags; every replica stays in imported.source",
                regions.join(", ")
            ));
        }
        TableKind::Simple => {
            model.table.billing = match properties.optional("ProvisionedThroughput")? {
                Some(_) => billing(&properties, &template)?,
                None => Billing::OnDemand,
            };
            simple_tags(&properties, &template, &mut model)?;
            notes.push(
                "a SAM SimpleTable: one partition key, no sort key and no indexes; exports write it as an \
                 AWS::DynamoDB::Table"
                    .to_string(),
            );
        }
    }
    draft.read_as(
        format!("the table '{id}': a template shows no items, so one entity, keyed by its key attributes as they are"),
        false,
    );
    projected_attributes(&mut draft, &projections);
    notes.extend(function_notes);
    let inferences = draft.inferences.clone();
    let entity = draft.into_entity();
    let key_names: Vec<&str> = definitions.iter().map(|(name, _)| name.as_str()).collect();
    let indexes: Vec<(String, &str, &Projection)> =
        projections.iter().map(|(index, name, projection)| (index.clone(), name.as_str(), projection)).collect();
    let (pinned, projection_notes) = pinned_projections(&indexes, &key_names, std::slice::from_ref(&entity));
    model.table.pinned_projections = pinned;
    notes.extend(projection_notes);
    model.access_patterns = implied_patterns(std::slice::from_ref(&entity), &keys, &model.table.pinned_projections);
    let mut source = Map::new();
    source.insert("LogicalId".to_string(), Value::String(id.to_string()));
    source.insert("Resource".to_string(), resource.value.clone());
    model.imported = Some(Imported {
        from: ImportSource::Cloudformation,
        keys,
        source_key_names: true,
        entities: vec![entity.name.clone()],
        notes,
        inferences,
        source: SourceText::of(&Value::Object(source)),
    });
    model.entities = vec![entity];
    super::check_model(&model)?;
    Ok(model)
}

/// The attributes an INCLUDE projection names beside the keys: a template
/// declares no other attribute, so they are the only word on what items carry.
/// Their type is not declared anywhere; text is assumed and said.
fn projected_attributes(draft: &mut Draft, projections: &[(String, String, Projection)]) {
    let mut added = Vec::new();
    for listed in projections.iter().flat_map(|(_, _, p)| p.included()).filter(|a| *a != TYPE_ATTRIBUTE) {
        let name = attribute_name(listed);
        if !draft.attributes.iter().any(|a| a.name == name) {
            draft.attribute(&name, AttrType::String, false);
            added.push(name);
        }
    }
    if !added.is_empty() {
        draft.read_as(
            format!(
                "the items carry {}: an index projects them, and a template declares no type for them, so text is \
                 assumed",
                added.join(", ")
            ),
            true,
        );
    }
}

/// Whether a value is, or holds, a CloudFormation function (`Ref`, `Fn::If`, ...).
fn evaluates_functions(value: &Value) -> bool {
    match value {
        Value::Object(o) => {
            (o.len() == 1 && o.keys().any(|k| k == "Ref" || k.starts_with("Fn::")))
                || o.values().any(evaluates_functions)
        }
        Value::Array(items) => items.iter().any(evaluates_functions),
        _ => false,
    }
}

fn choose_table<'t, 'a>(
    tables: &'t [(String, At<'a>)],
    path: &JsonPath,
    template: &Template<'_>,
    options: &ImportOptions,
) -> Result<(&'t str, At<'a>), ImportError> {
    let ids = || tables.iter().map(|(id, _)| format!("'{id}'")).collect::<Vec<_>>().join(", ");
    match (&options.table, tables.len()) {
        (_, 0) => Err(ImportError::schema(
            path,
            format!("the template has no {TABLE_TYPE}, {GLOBAL_TABLE_TYPE} or {SIMPLE_TABLE_TYPE} resource"),
            "import a template that defines a DynamoDB table",
        )),
        (Some(wanted), _) => {
            let named = |r: &At<'_>| {
                let name = r.optional("Properties").ok().flatten()?.optional("TableName").ok().flatten()?;
                template.literal(&name).ok()
            };
            tables
                .iter()
                .find(|(id, r)| id == wanted || named(r).as_deref() == Some(wanted.as_str()))
                .map(|(id, r)| (id.as_str(), r.clone()))
                .ok_or_else(|| {
                    ImportError::schema(
                        path,
                        format!("the template has no table '{wanted}'; its tables are {}", ids()),
                        "name one by its logical id or TableName with --table",
                    )
                })
        }
        (None, 1) => Ok((tables[0].0.as_str(), tables[0].1.clone())),
        (None, n) => Err(ImportError::schema(
            path,
            format!("the template has {n} tables ({}); a Tablewright model is one table", ids()),
            "choose one with --table LOGICAL_ID",
        )
        .choosing_among(tables.iter().map(|(id, _)| id.clone()).collect())),
    }
}

/// A logical id as an entity name (`UsersTable` → `Users`): the table is the one
/// kind of item the template tells of.
fn entity_name(id: &str) -> String {
    let name = pascal(id);
    match name.strip_suffix("Table") {
        Some(stem) if !stem.is_empty() => stem.to_string(),
        _ => name,
    }
}

fn attribute_definitions(properties: &At<'_>) -> Result<Vec<(String, KeyType)>, ImportError> {
    let mut out = Vec::new();
    for d in properties.field("AttributeDefinitions")?.array()? {
        let name = d.field("AttributeName")?.str()?.to_string();
        let t = d.field("AttributeType")?;
        let text = t.str()?;
        let key_type = KeyType::parse(text).ok_or_else(|| {
            ImportError::schema(&t.path, format!("'{text}' is no key attribute type"), "use S, N or B")
        })?;
        out.push((name, key_type));
    }
    Ok(out)
}

/// The HASH and RANGE attributes of a key schema, typed by the definitions.
fn key_schema(at: &At<'_>, definitions: &[(String, KeyType)]) -> Result<(SourceKey, Option<SourceKey>), ImportError> {
    let (mut hash, mut range) = (None, None);
    for element in at.array()? {
        let name_at = element.field("AttributeName")?;
        let name = name_at.str()?.to_string();
        let key_type = definitions.iter().find(|(n, _)| *n == name).map(|(_, t)| *t).ok_or_else(|| {
            ImportError::schema(
                &name_at.path,
                format!("'{name}' is not in AttributeDefinitions"),
                "define every key attribute with its type in AttributeDefinitions",
            )
        })?;
        let key = SourceKey { name, key_type };
        let kind = element.field("KeyType")?;
        match kind.str()? {
            "HASH" => hash = Some(key),
            "RANGE" => range = Some(key),
            other => {
                return Err(ImportError::schema(
                    &kind.path,
                    format!("unknown key type '{other}'"),
                    "use HASH (partition key) or RANGE (sort key)",
                ))
            }
        }
    }
    let hash = hash.ok_or_else(|| {
        ImportError::schema(&at.path, "the key schema has no HASH key", "add the partition key with KeyType HASH")
    })?;
    Ok((hash, range))
}

fn table_name(
    resource: &At<'_>,
    properties: &At<'_>,
    template: &Template<'_>,
    id: &str,
) -> Result<String, ImportError> {
    let valid =
        |n: &str| (3..=255).contains(&n.len()) && n.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
    if let Some(name) = properties.optional("TableName")? {
        // A name the import cannot work out (from the stack's name, say) leaves
        // CloudFormation to choose one; the logical id stands in for it.
        if let Ok(text) = template.literal(&name) {
            if !valid(&text) {
                return Err(ImportError::schema(
                    &name.path,
                    format!("'{text}' is not a valid DynamoDB table name"),
                    "use 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'",
                ));
            }
            return Ok(text);
        }
    }
    if valid(id) {
        Ok(id.to_string())
    } else {
        Err(ImportError::schema(
            &resource.path,
            format!("the table has no TableName and its logical id '{id}' is no valid table name"),
            "give the table a TableName of 3 to 255 characters",
        ))
    }
}

fn billing(properties: &At<'_>, template: &Template<'_>) -> Result<Billing, ImportError> {
    // CloudFormation's default billing mode is PROVISIONED.
    let mode = match properties.optional("BillingMode")? {
        Some(m) => {
            let text = template.literal(&m)?;
            match text.as_str() {
                "PROVISIONED" | "PAY_PER_REQUEST" => text,
                other => {
                    return Err(ImportError::schema(
                        &m.path,
                        format!("unknown billing mode '{other}'"),
                        "use PROVISIONED or PAY_PER_REQUEST",
                    ))
                }
            }
        }
        None => "PROVISIONED".to_string(),
    };
    if mode == "PAY_PER_REQUEST" {
        return Ok(Billing::OnDemand);
    }
    let throughput = properties.field("ProvisionedThroughput")?;
    let units = |field: &str| -> Result<u64, ImportError> {
        let f = throughput.field(field)?;
        let text = template.literal(&f)?;
        match text.trim().parse::<u64>() {
            Ok(n) if n > 0 => Ok(n),
            _ => {
                Err(ImportError::schema(&f.path, format!("'{text}' is no capacity"), "use a whole number of 1 or more"))
            }
        }
    };
    Ok(Billing::Provisioned {
        read_capacity: units("ReadCapacityUnits")?,
        write_capacity: units("WriteCapacityUnits")?,
    })
}

fn flag(properties: &At<'_>, path: &[&str], template: &Template<'_>) -> Result<bool, ImportError> {
    let mut at = properties.clone();
    for key in path {
        match at.optional(key)? {
            Some(next) => at = next,
            None => return Ok(false),
        }
    }
    match at.value {
        Value::Bool(b) => Ok(*b),
        _ => match template.literal(&at)?.to_ascii_lowercase().as_str() {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(at.wrong("true or false")),
        },
    }
}

fn settings(properties: &At<'_>, template: &Template<'_>, model: &mut Model) -> Result<(), ImportError> {
    let table = &mut model.table;
    if let Some(stream) = properties.optional("StreamSpecification")? {
        if let Some(view) = stream.optional("StreamViewType")? {
            table.stream = Some(match template.literal(&view)?.as_str() {
                "KEYS_ONLY" => StreamViewType::KeysOnly,
                "NEW_IMAGE" => StreamViewType::NewImage,
                "OLD_IMAGE" => StreamViewType::OldImage,
                "NEW_AND_OLD_IMAGES" => StreamViewType::NewAndOldImages,
                other => {
                    return Err(ImportError::schema(
                        &view.path,
                        format!("unknown stream view type '{other}'"),
                        "use KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES",
                    ))
                }
            });
        }
    }
    if flag(properties, &["TimeToLiveSpecification", "Enabled"], template)? {
        let ttl = properties.field("TimeToLiveSpecification")?.field("AttributeName")?;
        table.ttl_attribute = Some(template.literal(&ttl)?);
    }
    Ok(())
}

/// Recovery, protection and tags: a table's own, or a global table replica's.
fn protection_and_tags(at: &At<'_>, template: &Template<'_>, model: &mut Model) -> Result<(), ImportError> {
    let table = &mut model.table;
    table.point_in_time_recovery =
        flag(at, &["PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"], template)?;
    table.deletion_protection = flag(at, &["DeletionProtectionEnabled"], template)?;
    if let Some(tags) = at.optional("Tags")? {
        for tag in tags.array()? {
            let key = template.literal(&tag.field("Key")?)?;
            // A tag whose value comes from the stack (its name, a condition) has no
            // value before deploy; it stays in the imported resource.
            if let Ok(value) = template.literal(&tag.field("Value")?) {
                table.tags.insert(key, value);
            }
        }
    }
    Ok(())
}

/// A SimpleTable's key: `PrimaryKey` with a `Name` and a `Type` of String, Number
/// or Binary (String when absent, as SAM has it).
fn simple_key(properties: &At<'_>, template: &Template<'_>) -> Result<TableKey, ImportError> {
    let Some(key) = properties.optional("PrimaryKey")? else {
        let key = SourceKey { name: "id".to_string(), key_type: KeyType::S };
        return Ok((vec![("id".to_string(), KeyType::S)], key, None));
    };
    let name = template.literal(&key.field("Name")?)?;
    let key_type = match key.optional("Type")? {
        None => KeyType::S,
        Some(t) => match template.literal(&t)?.as_str() {
            "String" => KeyType::S,
            "Number" => KeyType::N,
            "Binary" => KeyType::B,
            other => {
                return Err(ImportError::schema(
                    &t.path,
                    format!("'{other}' is no SimpleTable key type"),
                    "use String, Number or Binary",
                ))
            }
        },
    };
    Ok((vec![(name.clone(), key_type)], SourceKey { name, key_type }, None))
}

/// SAM writes a SimpleTable's tags as a map.
fn simple_tags(properties: &At<'_>, template: &Template<'_>, model: &mut Model) -> Result<(), ImportError> {
    let Some(tags) = properties.optional("Tags")? else { return Ok(()) };
    for (key, value) in tags.object()? {
        let at = At { value, path: tags.path.key(key) };
        if let Ok(value) = template.literal(&at) {
            model.table.tags.insert(key.clone(), value);
        }
    }
    Ok(())
}

/// A global table bills on demand, or provisioned with write capacity set for the
/// table and read capacity per replica (each either fixed or auto scaled): the
/// model takes the table's write and the first replica's read, the least each
/// may scale to.
fn global_billing(properties: &At<'_>, template: &Template<'_>) -> Result<Billing, ImportError> {
    let mode = match properties.optional("BillingMode")? {
        Some(m) => template.literal(&m)?,
        None => "PROVISIONED".to_string(),
    };
    if mode == "PAY_PER_REQUEST" {
        return Ok(Billing::OnDemand);
    }
    let units = |at: &At<'_>, fixed: &str, scaling: &str| -> Result<u64, ImportError> {
        let text = match at.optional(fixed)? {
            Some(f) => template.literal(&f)?,
            None => template.literal(&at.field(scaling)?.field("MinCapacity")?)?,
        };
        text.trim().parse::<u64>().ok().filter(|n| *n > 0).ok_or_else(|| {
            ImportError::schema(&at.path, format!("'{text}' is no capacity"), "use a whole number of 1 or more")
        })
    };
    let write = units(
        &properties.field("WriteProvisionedThroughputSettings")?,
        "WriteCapacityUnits",
        "WriteCapacityAutoScalingSettings",
    )?;
    let replicas = properties.field("Replicas")?;
    let first = replicas.array()?.into_iter().next().ok_or_else(|| {
        ImportError::schema(&replicas.path, "a global table without replicas", "list at least one replica")
    })?;
    let read = units(
        &first.field("ReadProvisionedThroughputSettings")?,
        "ReadCapacityUnits",
        "ReadCapacityAutoScalingSettings",
    )?;
    Ok(Billing::Provisioned { read_capacity: read, write_capacity: write })
}
