//! A plan turned into language-neutral operations: every value the requests send
//! is spelled out as literal text and named inputs (a key template's parts), the
//! expressions' `#names` and `:values` are bound, shard loops, follow-ups and
//! merges are explicit. The renderers only print these in their language; none
//! of them reads a plan or a template.

use crate::design::naming::{key_placeholder, was_attribute};
use crate::design::{
    Action, Consistency, CopiedAttribute, Design, EntityKeys, KeyCondition, Operation, Plan, Request, TABLE,
};
use crate::expression::{self, Literal};
use crate::model::{AccessPattern, AttrType, Attribute, Model, PatternKind, WriteCondition};
use crate::template::{Part, Template, SHARD};

use super::CodegenError;

/// Everything one pattern's code does.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub pattern: String,
    pub name: String,
    pub description: String,
    /// Why the plan is what it is, from the design.
    pub explanation: String,
    pub table: String,
    /// The table's partition key attribute, which a test of the item's existence names.
    pub partition_key: String,
    /// The function's parameters besides the client and the table name, in order.
    pub inputs: Vec<Input>,
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// The model's name: `customerNumber`, `date.from`, or for a put item `transactionItem`.
    pub name: String,
    pub kind: InputKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum InputKind {
    String,
    /// A whole number: identifiers, counters, zero-padded key parts.
    Integer,
    /// A number with a fraction: money.
    Decimal,
    Boolean,
    /// A set, list, map or binary value, passed in the SDK's own form.
    Other,
    /// A whole item of this entity to put; the code adds its keys.
    Item {
        entity: String,
    },
    /// A list of whole items of this entity, each put by an action of its own.
    Items {
        entity: String,
    },
    /// A list whose elements each make one action of a repeated step: objects
    /// with these fields (its key parts, its conditions' and updates' values).
    List {
        fields: Vec<Input>,
    },
}

impl InputKind {
    fn of(attr: &Attribute) -> InputKind {
        match attr.attr_type {
            AttrType::String => InputKind::String,
            AttrType::Number if attr.fractional() => InputKind::Decimal,
            AttrType::Number => InputKind::Integer,
            AttrType::Boolean => InputKind::Boolean,
            _ => InputKind::Other,
        }
    }

    pub fn is_number(&self) -> bool {
        matches!(self, InputKind::Integer | InputKind::Decimal)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Requests run one after the other; each `then` step uses the previous one's items.
    Read(Vec<ReadStep>),
    /// One write, or a transaction of several.
    Write(WriteBody),
    /// No request: DynamoDB's TTL deletes the items; the code checks that TTL is on.
    Ttl { entity: String, attribute: String, from: String, days: u32 },
}

/// One write, or a TransactWriteItems of several actions, sent only when the
/// request keeps every tie.
#[derive(Debug, Clone, PartialEq)]
pub struct WriteBody {
    pub transaction: bool,
    pub actions: Vec<WriteAction>,
    pub ties: Vec<Tie>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadOp {
    Get,
    Query,
    BatchGet,
    Scan,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReadStep {
    pub op: ReadOp,
    /// None for the table.
    pub index: Option<String>,
    /// The whole primary key (Get, BatchGet).
    pub key: Vec<(String, Value)>,
    /// The key condition (Query).
    pub key_condition: Option<String>,
    pub filter: Option<String>,
    /// `#name` → attribute name, of the filter.
    pub names: Vec<(String, String)>,
    /// `:name` → value, of the key condition and the filter.
    pub values: Vec<(String, Value)>,
    pub scan_index_forward: Option<bool>,
    /// The sort key attribute of the table or index read, which orders a Query's answer.
    pub sort_key: String,
    /// The most items the answer holds (the pages are read until then, then cut).
    pub limit: Option<u32>,
    /// The `Limit` each page asks for (more than `limit` where a filter drops items).
    pub page_size: Option<u32>,
    pub consistent: bool,
    pub fan_out: Option<FanOut>,
    /// For a follow-up: it runs once per item of the previous step (or, for a
    /// BatchGet, once over all of them), reading these attributes of that item.
    pub previous: Option<Vec<String>>,
    /// What the plan says the follow-up takes from the previous result.
    pub uses: Option<String>,
}

/// A Query run once per shard `0..count`, the results merged.
#[derive(Debug, Clone, PartialEq)]
pub struct FanOut {
    pub count: u32,
    /// Merge by this sort key attribute (descending when true); concatenate when None.
    pub order: Option<(String, bool)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string made of literal text and variables: a key template filled in.
    Text(Vec<Piece>),
    /// A number key's value (`Design::numeric_key`): its template's text, sent
    /// as a number.
    NumberText(Vec<Piece>),
    Number(String),
    Bool(bool),
    /// An input passed as it is, in its own type.
    Input(String),
    /// An attribute of the item a write read first (`ReadFirst::stored`), as stored.
    Stored {
        item: String,
        attribute: String,
    },
    /// A number: the epoch seconds of the date or timestamp in the input, plus
    /// `days` days: the TTL an update recomputes from the new date it sets.
    Expiry {
        input: String,
        days: u32,
    },
}

impl Value {
    fn literal(text: &str) -> Value {
        Value::Text(vec![Piece::Literal(text.to_string())])
    }

    pub fn of_literal(literal: Literal) -> Value {
        match literal {
            Literal::S(text) => Value::literal(&text),
            Literal::N(number) => Value::Number(number),
            Literal::Bool(b) => Value::Bool(b),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Literal(String),
    /// A variable's text, zero-padded to this many digits when given.
    Var(Var, Option<u8>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Var {
    Input(String),
    /// The shard number of a fan-out.
    Shard,
    /// An attribute of the item the previous step returned, or the one a write read first.
    Previous(String),
    /// An attribute of the item being put.
    Item(String),
    /// The shard a writer computes from the item: FNV-1a (32-bit) of these
    /// attributes' text joined by '#', modulo `count`.
    ItemShard {
        count: u32,
        from: Vec<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    Put,
    Update,
    Delete,
    ConditionCheck,
}

impl ActionKind {
    /// The action's name in TransactWriteItems.
    pub fn verb(self) -> &'static str {
        match self {
            ActionKind::Put => "Put",
            ActionKind::Update => "Update",
            ActionKind::Delete => "Delete",
            ActionKind::ConditionCheck => "ConditionCheck",
        }
    }
}

impl Each {
    /// The error when the list is longer than it may be.
    pub fn too_long(&self) -> String {
        format!("{} holds at most {} elements (a transaction takes 100 actions)", self.list, self.at_most)
    }
}

/// What the code of a transaction with repeated actions says before sending it.
pub const TRANSACTION_LIMIT: &str =
    "At most 100 actions, one per item: a longer list, or two elements naming one item, cancel it all.";

#[derive(Debug, Clone, PartialEq)]
pub struct WriteAction {
    pub kind: ActionKind,
    pub entity: String,
    /// The primary key (Update, Delete, ConditionCheck; a Put's is in `item`).
    pub key: Vec<(String, Value)>,
    pub item: Option<PutItem>,
    pub condition: Option<String>,
    pub update: Option<String>,
    pub names: Vec<(String, String)>,
    pub values: Vec<(String, Value)>,
    /// The stored item's attributes the write needs first (an update rebuilding a key).
    pub read_first: Option<ReadFirst>,
    /// Sent once per element of a list input; `None`: once.
    pub each: Option<Each>,
    /// The shard of the write-sharded keys the update rebuilds (`Var::Shard` in
    /// their text): FNV-1a of these values' text joined by '#', modulo the count,
    /// computed before the request as the item's put computes it.
    pub shard: Option<(u32, Vec<Var>)>,
    /// Whether the model's condition fails on a missing item whatever the
    /// inputs (`WriteCondition::requires_item`): DeleteItem and UpdateItem then
    /// refuse one, where PartiQL's DELETE succeeds, deleting nothing.
    pub needs_item: bool,
}

/// What two parts of one transaction's request must agree on, or the code
/// refuses it before sending anything: an identifier a put item holds (a
/// parent's, an ancestor's copied onto it, or one an update writes) and the
/// parameter that keys or feeds another action (the course whose seat is taken
/// is the one the enrollment is for), or the same attribute of the item put
/// beside it (every ticket is the order's).
#[derive(Debug, Clone, PartialEq)]
pub struct Tie {
    /// The input holding the put item, or the list each of whose elements is one.
    pub item: String,
    /// For a list: the name each element takes in the code.
    pub element: Option<String>,
    /// The identifier, as the put item carries it.
    pub attribute: String,
    pub to: TiedTo,
    /// Why they must agree, for the error: "the transaction acts on one Course".
    pub why: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TiedTo {
    /// The request parameter of that name.
    Input(String),
    /// The same attribute of the item in this input.
    Item(String),
}

impl Tie {
    /// The error when the request breaks the tie.
    pub fn broken(&self) -> String {
        let carrier = match self.element {
            Some(_) => format!("each element of {}", self.item),
            None => self.item.clone(),
        };
        let other = match &self.to {
            TiedTo::Input(input) => format!("the parameter {input}"),
            TiedTo::Item(item) => format!("{item}'s {}", self.attribute),
        };
        format!("{} of {carrier} must equal {other}: {}", self.attribute, self.why)
    }
}

/// A repeated action: the code loops over the list `list`, each element named
/// `element`; the action's values are the element's fields, by their names (a
/// put's item is the element itself).
#[derive(Debug, Clone, PartialEq)]
pub struct Each {
    pub list: String,
    pub element: String,
    /// The fields the action reads from the element, with their kinds; none for a put.
    pub fields: Vec<Input>,
    /// The most elements the list may hold; the code refuses a longer one.
    pub at_most: u32,
}

/// A strongly consistent GetItem of the action's key before the write: each
/// attribute becomes a text variable of its name (`Var::Previous`) for the keys,
/// and the condition compares the stored values (`Value::Stored`) with the item's.
/// No item, or one without an attribute, is an error: the write is not sent.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadFirst {
    /// The variable holding the item read: `complaintStored`.
    pub stored: String,
    pub attributes: Vec<String>,
    /// `#severity, #owner`, with `names` binding each to its attribute.
    pub projection: String,
    pub names: Vec<(String, String)>,
    /// The entity of the item read, for the errors.
    pub entity: String,
}

impl PutItem {
    /// The caller's item `name` with the fixed values over its own, as a
    /// language's spread (`merge` of the name and the entries) writes it; each
    /// entry as `entry` writes an attribute and its value.
    pub fn with_fixed(
        &self,
        name: String,
        entry: impl Fn(&str, &Literal) -> String,
        merge: impl Fn(&str, &str) -> String,
    ) -> String {
        if self.fixed.is_empty() {
            return name;
        }
        let entries: Vec<String> = self.fixed.iter().map(|(attribute, v)| entry(attribute, v)).collect();
        merge(&name, &entries.join(", "))
    }

    /// The fixed values as one DynamoDB JSON object (`{"status":{"S":"ACTIVE"}}`),
    /// to merge into the caller's item.
    pub fn fixed_json(&self) -> String {
        let json = |value: &Literal| match value {
            Literal::S(text) => serde_json::json!({ "S": text }),
            Literal::N(number) => serde_json::json!({ "N": number }),
            Literal::Bool(b) => serde_json::json!({ "BOOL": b }),
        };
        let object: serde_json::Map<String, serde_json::Value> =
            self.fixed.iter().map(|(a, v)| (a.clone(), json(v))).collect();
        serde_json::Value::Object(object).to_string()
    }

    /// The error's start when an item lacks required attributes; the code
    /// appends their names.
    pub fn lacks_required(&self) -> String {
        format!("the {} item lacks what the model requires: ", self.type_value)
    }
}

impl WriteAction {
    /// Whether the action recomputes a TTL: the renderer needs its date helper.
    pub fn expires(&self) -> bool {
        self.values.iter().any(|(_, v)| matches!(v, Value::Expiry { .. }))
    }
}

impl ReadFirst {
    /// Why the write reads first, for a remark above the read.
    pub fn why(&self) -> String {
        format!(
            "Read {} first (strongly consistent): a rebuilt key needs what the update does not carry.",
            self.attributes.join(", ")
        )
    }

    /// The error when there is no item to read: the write is not sent.
    pub fn no_item(&self) -> String {
        format!("no {} item with that key to update", self.entity)
    }

    /// The error when the item lacks an attribute a key is rebuilt from.
    pub fn no_value(&self, attribute: &str) -> String {
        format!("the {} item has no {attribute} to rebuild its key from", self.entity)
    }
}

/// The item a Put writes: the caller's attributes, plus what the design derives.
#[derive(Debug, Clone, PartialEq)]
pub struct PutItem {
    /// The input holding the caller's attributes.
    pub input: String,
    /// The attributes the model gives the entity, with their kinds.
    pub attributes: Vec<(String, InputKind)>,
    /// Those every item must have (identifiers, required attributes, a required
    /// parent's identifier): the code refuses an item without one rather than
    /// store it missing from an index that is built from it.
    pub required: Vec<String>,
    pub type_attribute: String,
    pub type_value: String,
    /// The values the put fixes in the model (a new loan is ACTIVE): set on the
    /// caller's item before its keys are built, whatever it holds.
    pub fixed: Vec<(String, Literal)>,
    /// Key attributes per index, the table's first.
    pub keys: Vec<KeyGroup>,
    pub ttl: Option<TtlValue>,
}

/// The key attributes of one index, written together or not at all.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyGroup {
    pub index: String,
    pub keys: Vec<(String, Value)>,
    /// The item attributes the values are made of: the keys are written only when
    /// the item has them all (the table's keys always: an item without them fails).
    pub needs: Vec<String>,
    /// A sparse index's condition.
    pub when: Option<Sparse>,
}

/// The printed comment on a key group written only for the items that have what it needs.
pub const ONLY_HAVING: &str = "only items that have them";
/// ... and on a sparse index's keys, written only for the items that match.
pub const ONLY_MATCHING: &str = "sparse: only the items that match";

/// What every printer asks of a key group, whatever its language: the printers
/// differ only in how they say it.
impl KeyGroup {
    /// The table's keys: every item must have what they need (a missing attribute
    /// fails the item), so what they bind stays bound for the later groups.
    pub fn is_table(&self) -> bool {
        self.index == TABLE
    }

    /// What a printed check says of an item that lacks `names`, which this group
    /// needs: the table's, or a copy of an ancestor's identifier.
    pub fn lacking(&self, entity: &str, names: &[String]) -> String {
        format!(
            "{} item needs {}: its keys are built from them",
            crate::words::with_article(entity),
            names.join(" and ")
        )
    }

    /// The attributes it needs that no earlier table group bound.
    pub fn unbound(&self, always: &[String]) -> Vec<String> {
        self.needs.iter().filter(|n| !always.contains(n)).cloned().collect()
    }

    /// The shard its keys carry: how many, and the attributes `_shard` is
    /// computed from (FNV-1a of their values joined by '#').
    pub fn shard(&self) -> Option<(u32, &[String])> {
        self.texts().find_map(|(_, pieces)| {
            pieces.iter().find_map(|p| match p {
                Piece::Var(Var::ItemShard { count, from }, _) => Some((*count, from.as_slice())),
                _ => None,
            })
        })
    }

    /// Each key attribute with the text it is written from.
    pub fn texts(&self) -> impl Iterator<Item = (&str, &[Piece])> {
        self.keys.iter().filter_map(|(attr, v)| match v {
            Value::Text(pieces) => Some((attr.as_str(), pieces.as_slice())),
            _ => None,
        })
    }

    /// Why the keys are written only under a condition, for the printed comment.
    pub fn guard_reason(&self) -> &'static str {
        if self.when.is_some() {
            ONLY_MATCHING
        } else {
            ONLY_HAVING
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sparse {
    pub attribute: String,
    /// Equal to this text; None: present (and not empty).
    pub equals: Option<String>,
}

/// `attribute` = epoch seconds of the item's `from` date + `days` days.
#[derive(Debug, Clone, PartialEq)]
pub struct TtlValue {
    pub attribute: String,
    pub from: String,
    pub days: u32,
}

impl TtlValue {
    /// What the printed code computes, in words for its comment.
    pub fn describe(&self) -> String {
        format!("{} = {} + {} days, in epoch seconds", self.attribute, self.from, self.days)
    }
}

/// The operations of `pattern_id`'s plan.
pub fn program(model: &Model, design: &Design, pattern_id: &str) -> Result<Program, CodegenError> {
    let pattern = model.pattern(pattern_id).ok_or_else(|| CodegenError::UnknownPattern {
        pattern: pattern_id.to_string(),
        known: model.access_patterns.iter().map(|p| p.id.clone()).collect(),
    })?;
    let plan = design
        .plans
        .iter()
        .find(|p| p.pattern == pattern_id)
        .ok_or_else(|| CodegenError::NoPlan(pattern_id.to_string()))?;
    let mut builder = Builder { model, design, pattern, inputs: Vec::new(), element_of: None };
    let body = match plan.request.operation {
        Operation::TimeToLive => builder.ttl(plan)?,
        Operation::PutItem | Operation::UpdateItem | Operation::DeleteItem | Operation::TransactWriteItems => {
            builder.write(plan)?
        }
        Operation::GetItem | Operation::Query | Operation::BatchGetItem | Operation::Scan => builder.read(plan)?,
    };
    Ok(Program {
        pattern: pattern.id.clone(),
        name: pattern.name.clone(),
        description: pattern.description.clone(),
        explanation: plan.explanation.clone(),
        table: design.table.name.clone(),
        partition_key: design.table.partition_key.name.clone(),
        inputs: builder.inputs,
        body,
    })
}

struct Builder<'a> {
    model: &'a Model,
    design: &'a Design,
    pattern: &'a AccessPattern,
    inputs: Vec<Input>,
    /// While a repeated action is built: its list, whose fields its inputs become.
    element_of: Option<String>,
}

impl<'a> Builder<'a> {
    fn read(&mut self, plan: &Plan) -> Result<Body, CodegenError> {
        let mut steps = vec![self.read_step(&plan.request, false)?];
        for next in &plan.then {
            steps.push(self.read_step(next, true)?);
        }
        Ok(Body::Read(steps))
    }

    /// Whether the caller gives `name`: an input, or a bound of the range.
    fn given(&self, name: &str) -> bool {
        let bound = |r: &crate::model::RangeCondition| {
            name.strip_prefix(r.attribute.as_str()).is_some_and(|rest| ["", ".from", ".to"].contains(&rest))
        };
        self.pattern.inputs.iter().any(|i| i == name) || self.pattern.range.as_ref().is_some_and(bound)
    }

    fn read_step(&mut self, r: &Request, follow_up: bool) -> Result<ReadStep, CodegenError> {
        let op = match r.operation {
            Operation::GetItem => ReadOp::Get,
            Operation::Query => ReadOp::Query,
            Operation::BatchGetItem => ReadOp::BatchGet,
            Operation::Scan => ReadOp::Scan,
            other => return Err(self.unsupported(format!("{other:?} in a read plan"))),
        };
        let mut previous: Vec<String> = Vec::new();
        let mut step = ReadStep {
            op,
            index: (r.index != TABLE).then(|| self.design.deployed_index(&r.index).to_string()),
            key: Vec::new(),
            key_condition: None,
            filter: None,
            names: Vec::new(),
            values: Vec::new(),
            scan_index_forward: r.scan_index_forward,
            sort_key: self.design.key_attributes(&r.index).1,
            limit: r.limit,
            page_size: r.page_size,
            consistent: r.consistency == Some(Consistency::Strong),
            fan_out: None,
            previous: None,
            uses: r.uses.clone(),
        };
        // In a follow-up, a template's attribute that is no input of the pattern
        // comes from the item the previous request returned.
        let mut var = |name: &str, me: &mut Self| -> Var {
            if name == SHARD {
                Var::Shard
            } else if follow_up && !me.given(name) {
                if !previous.iter().any(|p| p == name) {
                    previous.push(name.to_string());
                }
                Var::Previous(name.to_string())
            } else {
                me.input(name, None);
                Var::Input(name.to_string())
            }
        };
        match op {
            ReadOp::Get | ReadOp::BatchGet => {
                let key = r.key.as_ref().ok_or_else(|| self.unsupported("a GetItem without a key".into()))?;
                for (attribute, template) in whole_key(key)? {
                    let value = self.key_value(&attribute, &template, &mut var)?;
                    step.key.push((attribute, value));
                }
            }
            ReadOp::Query => {
                let key = r.key.as_ref().ok_or_else(|| self.unsupported("a Query without a key condition".into()))?;
                let text = r.key_condition.clone().unwrap_or_else(|| key.text());
                step.names.extend(expression::placeholders(&text));
                step.key_condition = Some(text);
                for (placeholder, attribute, template) in key.bound() {
                    let value = self.key_value(attribute, template, &mut var)?;
                    step.values.push((placeholder, value));
                }
                let sharded = Template::parse(&key.partition.value)
                    .map_err(|e| CodegenError::Template(key.partition.value.clone(), e.to_string()))?
                    .attributes()
                    .any(|a| a == SHARD);
                if sharded {
                    step.fan_out = Some(FanOut {
                        count: r.count.max(1),
                        order: r.scan_index_forward.map(|forward| (step.sort_key.clone(), !forward)),
                    });
                }
            }
            ReadOp::Scan => {}
        }
        if let Some(filter) = &r.filter {
            let bound = self.bind(filter, &mut |name, me| {
                match me.filter_input_kind(name) {
                    Some(kind) if !me.inputs.iter().any(|i| i.name == name) => {
                        me.inputs.push(Input { name: name.to_string(), kind })
                    }
                    _ => me.input(name, None),
                }
                Ok(Value::Input(name.to_string()))
            })?;
            step.filter = Some(bound.text);
            for name in bound.names {
                if !step.names.contains(&name) {
                    step.names.push(name);
                }
            }
            step.values.extend(bound.values);
        }
        if follow_up {
            step.previous = Some(previous);
        }
        Ok(step)
    }

    fn write(&mut self, plan: &Plan) -> Result<Body, CodegenError> {
        let transaction = plan.request.operation == Operation::TransactWriteItems;
        if plan.actions.is_empty() {
            return Err(self.unsupported(format!("a {:?} plan without actions", plan.request.operation)));
        }
        let mut actions = Vec::new();
        // Each action is a step's, in order (a transaction), or the pattern's own.
        let conditions = |i: usize| match self.pattern.kind {
            PatternKind::Transaction => self.pattern.steps.get(i).map_or(&[][..], |s| &s.conditions[..]),
            _ => &self.pattern.conditions[..],
        };
        let needs_item: Vec<bool> =
            (0..plan.actions.len()).map(|i| conditions(i).iter().any(WriteCondition::requires_item)).collect();
        for (action, needs_item) in plan.actions.iter().zip(needs_item) {
            self.element_of = action.for_each.as_ref().map(|f| f.list.clone());
            if let Some(list) = self.element_of.clone().filter(|_| action.action != "Put") {
                self.inputs.push(Input { name: list, kind: InputKind::List { fields: Vec::new() } });
            }
            let mut built = self.action(action)?;
            built.needs_item = needs_item;
            if let Some(f) = &action.for_each {
                let fields = match self.inputs.iter().find(|i| i.name == f.list).map(|i| &i.kind) {
                    Some(InputKind::List { fields }) => fields.clone(),
                    _ => Vec::new(),
                };
                let element = self.element_of_list(&f.list, &fields);
                if let Some(item) = built.item.as_mut() {
                    item.input = element.clone();
                }
                built.each = Some(Each { list: f.list.clone(), element, fields, at_most: f.at_most });
            }
            actions.push(built);
        }
        self.element_of = None;
        self.reads_apart(&actions)?;
        // One `shard` variable per function, as a put's key helper has one.
        if actions.iter().filter(|a| a.shard.is_some()).count() > 1 {
            return Err(self.unsupported("two updates that rebuild sharded keys in one transaction".to_string()));
        }
        let ties = if transaction { self.ties(&actions) } else { Vec::new() };
        Ok(Body::Write(WriteBody { transaction, actions, ties }))
    }

    /// The ties of a transaction: for each item it puts, each parent's
    /// identifier the item carries, tied to the parameter keying an action on
    /// that parent, else to the parent item put once beside it; and each
    /// identifier it holds that another action compares with or writes (the
    /// slot booked for the appointment's patient, the account's last
    /// transaction number the transaction's own).
    fn ties(&self, actions: &[WriteAction]) -> Vec<Tie> {
        let keyed_by = |a: &WriteAction, input: &str| {
            a.key.iter().any(|(_, v)| match v {
                Value::Text(pieces) | Value::NumberText(pieces) => {
                    pieces.iter().any(|p| matches!(p, Piece::Var(Var::Input(name), _) if name == input))
                }
                Value::Input(name) => name == input,
                _ => false,
            })
        };
        // What an update writes; a condition's operand is the request's to choose
        // (a stored counter compared with the new transaction's number).
        let written_by = |a: &WriteAction, input: &str| {
            a.update.as_deref().is_some_and(|u| expression::tokens(u, ':').iter().any(|t| t == input))
        };
        let mut ties: Vec<Tie> = Vec::new();
        let mut tie = |tie: Tie| {
            if !ties.iter().any(|t| {
                (&t.item, &t.element, &t.attribute, &t.to) == (&tie.item, &tie.element, &tie.attribute, &tie.to)
            }) {
                ties.push(tie);
            }
        };
        for put in actions.iter().filter(|a| a.kind == ActionKind::Put) {
            let Some(item) = &put.item else { continue };
            let (holder, element) = match &put.each {
                Some(e) => (e.list.clone(), Some(e.element.clone())),
                None => (item.input.clone(), None),
            };
            // A self-relationship's other end is named apart by the request (hiring
            // an employee and updating the manager).
            let carried = self.model.carried_parents(&put.entity).into_iter().filter(|c| !c.of_itself);
            for carried in carried.clone() {
                let (parent, attribute) = (carried.parent, carried.carried_as);
                let others = actions.iter().filter(|a| a.entity == parent && a.each.is_none());
                let keyed = others.clone().any(|a| a.kind != ActionKind::Put && keyed_by(a, &attribute));
                // The parent's item names the identifier as its own, not as the child carries it.
                let beside = others.filter_map(|a| a.item.as_ref()).next().filter(|_| carried.identifier == attribute);
                let to = match (keyed, beside) {
                    (true, _) => TiedTo::Input(attribute.clone()),
                    (false, Some(item)) => TiedTo::Item(item.input.clone()),
                    (false, None) => continue,
                };
                let why = format!("the transaction acts on one {parent}");
                tie(Tie { item: holder.clone(), element: element.clone(), attribute, to, why });
            }
            // An ancestor's identifier the design copies onto the item (an order
            // line's customerId): the ancestor the transaction acts on, else the
            // item put beside it that carries it.
            let entity_keys = self.design.entities.iter().find(|e| e.name == put.entity);
            for copy in entity_keys.map(|e| e.copies.as_slice()).unwrap_or_default() {
                let attribute = copy.attribute.clone();
                let keyed = actions.iter().any(|a| {
                    a.entity == copy.from && a.kind != ActionKind::Put && a.each.is_none() && keyed_by(a, &attribute)
                });
                let beside = actions
                    .iter()
                    .filter(|a| a.each.is_none() && !std::ptr::eq(*a, put))
                    .filter_map(|a| a.item.as_ref())
                    .find(|i| i.attributes.iter().any(|(n, _)| *n == attribute));
                let to = match (keyed, beside) {
                    (true, _) => TiedTo::Input(attribute.clone()),
                    (false, Some(item)) => TiedTo::Item(item.input.clone()),
                    (false, None) => continue,
                };
                let why = format!("the transaction acts on one {}", copy.from);
                tie(Tie { item: holder.clone(), element: element.clone(), attribute, to, why });
            }
            if element.is_some() {
                continue;
            }
            let own = self.model.entity(&put.entity).map(|e| e.identifier()).unwrap_or_default();
            let identifiers = own.iter().map(|a| a.name.clone()).chain(carried.map(|c| c.carried_as));
            for attribute in identifiers {
                let Some(other) =
                    actions.iter().find(|a| a.kind != ActionKind::Put && a.each.is_none() && written_by(a, &attribute))
                else {
                    continue;
                };
                let why = format!("the {} update writes it too", other.entity);
                tie(Tie {
                    item: holder.clone(),
                    element: None,
                    attribute: attribute.clone(),
                    to: TiedTo::Input(attribute),
                    why,
                });
            }
        }
        ties
    }

    fn action(&mut self, a: &Action) -> Result<WriteAction, CodegenError> {
        let kind = match a.action.as_str() {
            "Put" => ActionKind::Put,
            "Update" => ActionKind::Update,
            "Delete" => ActionKind::Delete,
            "ConditionCheck" => ActionKind::ConditionCheck,
            other => return Err(self.unsupported(format!("the action {other}"))),
        };
        let mut out = WriteAction {
            kind,
            entity: a.entity.clone(),
            key: Vec::new(),
            item: None,
            condition: None,
            update: None,
            names: Vec::new(),
            values: Vec::new(),
            read_first: (!a.reads.is_empty()).then(|| ReadFirst {
                stored: format!("{}Stored", lower_first(&a.entity)),
                attributes: a.reads.clone(),
                projection: a.reads.iter().map(|r| format!("#{r}")).collect::<Vec<_>>().join(", "),
                names: a.reads.iter().map(|r| (format!("#{r}"), r.clone())).collect(),
                entity: a.entity.clone(),
            }),
            each: None,
            shard: None,
            needs_item: false,
        };
        let read = |name: &str| a.reads.iter().any(|r| r == name);
        if let Some(shard) = &a.shard {
            if a.for_each.is_some() {
                return Err(self.unsupported(format!("a repeated update of {} that rebuilds a sharded key", a.entity)));
            }
            let from = shard
                .from
                .iter()
                .map(|name| {
                    if read(name) {
                        return Var::Previous(name.clone());
                    }
                    let attribute = self.attribute_of_input(name);
                    self.input_typed(name, attribute.as_deref(), Some(&a.entity));
                    Var::Input(name.clone())
                })
                .collect();
            out.shard = Some((shard.count.max(1), from));
        }
        if kind == ActionKind::Put {
            out.item = Some(self.put_item(a)?);
        } else {
            for (attribute, template) in whole_key(&a.key)? {
                let value = self.key_value(&attribute, &template, &mut |name, me| {
                    me.input(name, Some(&a.entity));
                    Var::Input(name.to_string())
                })?;
                out.key.push((attribute, value));
            }
        }
        // A condition's or an update's `:value` is a request parameter, typed as the
        // attribute it is compared with or written to.
        let mut input_value = |name: &str, me: &mut Self| -> Result<Value, CodegenError> {
            // An index key the update rebuilds: its template filled from the inputs
            // and what the write read first.
            if let Some(template) = a.built.get(name) {
                return me.text(template, &mut |part, me| {
                    if part == SHARD {
                        return Var::Shard;
                    }
                    if read(part) {
                        return Var::Previous(part.to_string());
                    }
                    let attribute = me.attribute_of_input(part);
                    me.input_typed(part, attribute.as_deref(), Some(&a.entity));
                    Var::Input(part.to_string())
                });
            }
            if let Some(ttl) = a.expires.as_ref().filter(|t| key_placeholder(&t.attribute) == name) {
                let attribute = me.attribute_of_input(&ttl.from);
                me.input_typed(&ttl.from, attribute.as_deref(), Some(&a.entity));
                return Ok(Value::Expiry { input: ttl.from.clone(), days: ttl.days });
            }
            if let Some(attribute) = was_attribute(name).filter(|r| read(r)) {
                let item = format!("{}Stored", lower_first(&a.entity));
                return Ok(Value::Stored { item, attribute: attribute.to_string() });
            }
            let attribute = me.attribute_of_input(name);
            me.input_typed(name, attribute.as_deref(), Some(&a.entity));
            Ok(Value::Input(name.to_string()))
        };
        for (text, slot) in [(&a.condition, &mut out.condition), (&a.update, &mut out.update)] {
            if let Some(text) = text {
                let bound = self.bind(text, &mut input_value)?;
                *slot = Some(bound.text);
                for n in bound.names {
                    if !out.names.contains(&n) {
                        out.names.push(n);
                    }
                }
                for v in bound.values {
                    if !out.values.iter().any(|(k, _)| k == &v.0) {
                        out.values.push(v);
                    }
                }
            }
        }
        Ok(out)
    }

    fn put_item(&mut self, a: &Action) -> Result<PutItem, CodegenError> {
        let entity = self.entity_keys(&a.entity)?;
        let input = match &a.for_each {
            // The loop's element is the item.
            // The loop's element is the item: `write` names it once it knows the list's fields.
            Some(f) => {
                self.inputs.push(Input { name: f.list.clone(), kind: InputKind::Items { entity: a.entity.clone() } });
                f.list.clone()
            }
            None => {
                let input = format!("{}Item", lower_first(&a.entity));
                if !self.inputs.iter().any(|i| i.name == input) {
                    self.inputs.push(Input { name: input.clone(), kind: InputKind::Item { entity: a.entity.clone() } });
                }
                input
            }
        };
        let mut groups: Vec<KeyGroup> = Vec::new();
        // The table's keys as the plan names them; the index keys as the entity writes them.
        let mut templates: Vec<(String, String, String)> =
            whole_key(&a.key)?.into_iter().map(|(attr, t)| (TABLE.to_string(), attr, t)).collect();
        for (attr, template) in &entity.keys {
            let index = self.index_of(attr);
            if index != TABLE {
                templates.push((index, attr.clone(), template.clone()));
            }
        }
        // A key that is the item's own attribute is written as the attribute.
        for (index, attr, template) in templates.into_iter().filter(|(_, attr, _)| entity.derives(attr)) {
            let shard = entity.shards.get(&attr);
            let parsed =
                Template::parse(&template).map_err(|e| CodegenError::Template(template.clone(), e.to_string()))?;
            let pieces = parsed
                .parts()
                .iter()
                .map(|p| match p {
                    Part::Literal(l) => Piece::Literal(l.clone()),
                    Part::Attr { name, pad } if name == SHARD => Piece::Var(
                        Var::ItemShard {
                            count: shard.map_or(1, |s| s.count.max(1)),
                            from: shard.map(|s| s.from.clone()).unwrap_or_default(),
                        },
                        *pad,
                    ),
                    Part::Attr { name, pad } => Piece::Var(Var::Item(name.clone()), *pad),
                })
                .collect();
            let mut needs: Vec<String> = parsed.attributes().filter(|n| *n != SHARD).map(str::to_string).collect();
            if parsed.attributes().any(|n| n == SHARD) {
                needs.extend(shard.map(|s| s.from.clone()).unwrap_or_default());
            }
            let when = self.design.gate(entity, &attr).map(|s| Sparse {
                attribute: s.attribute.clone(),
                equals: (s.op == "equals").then(|| s.value.clone().unwrap_or_default()),
            });
            // The table's keys go together; each index key is written whenever it
            // can be built, as the sample's items carry them (an update that gives
            // the item the other key then need not rebuild this one).
            let existing = if index == TABLE { groups.iter_mut().find(|g| g.index == index) } else { None };
            let group = match existing {
                Some(g) => g,
                None => {
                    groups.push(KeyGroup { index: index.clone(), keys: Vec::new(), needs: Vec::new(), when: None });
                    groups.last_mut().expect("just pushed")
                }
            };
            group.keys.push((attr, Value::Text(pieces)));
            for n in needs {
                if !group.needs.contains(&n) {
                    group.needs.push(n);
                }
            }
            if group.when.is_none() {
                group.when = when;
            }
        }
        // An ancestor's identifier copied onto the item is no option: the reads
        // that start from the ancestor find the item by it, so it goes with the
        // table's keys, which every item must have.
        if let Some(table) = groups.iter_mut().find(|g| g.is_table()) {
            for copy in &entity.copies {
                if !table.needs.contains(&copy.attribute) {
                    table.needs.push(copy.attribute.clone());
                }
            }
        }
        let carried = self.put_attributes(&a.entity, &entity.copies);
        Ok(PutItem {
            input,
            required: carried.iter().filter(|c| c.2).map(|c| c.0.clone()).collect(),
            attributes: carried.into_iter().map(|(name, kind, _)| (name, kind)).collect(),
            type_attribute: self.design.type_attribute.clone(),
            type_value: a.entity.clone(),
            fixed: a.fixed.iter().map(|(attr, text)| (attr.clone(), self.fixed_value(&a.entity, attr, text))).collect(),
            keys: groups,
            ttl: entity.ttl.as_ref().map(|t| TtlValue {
                attribute: t.attribute.clone(),
                from: t.from.clone(),
                days: t.days,
            }),
        })
    }

    fn ttl(&mut self, plan: &Plan) -> Result<Body, CodegenError> {
        let entity = plan.returns.first().cloned().unwrap_or_else(|| self.pattern.entity.clone());
        let keys = self.entity_keys(&entity)?;
        match &keys.ttl {
            Some(ttl) => {
                Ok(Body::Ttl { entity, attribute: ttl.attribute.clone(), from: ttl.from.clone(), days: ttl.days })
            }
            None => Err(self.unsupported(format!("a TTL plan, but the design gives {entity} no TTL attribute"))),
        }
    }

    /// What writes read first becomes variables named after the item and its
    /// attributes: none may be an input's name or another action's.
    fn reads_apart(&self, actions: &[WriteAction]) -> Result<(), CodegenError> {
        let mut seen: Vec<&str> = Vec::new();
        for r in actions.iter().filter_map(|a| a.read_first.as_ref()) {
            for name in std::iter::once(&r.stored).chain(&r.attributes) {
                if seen.contains(&name.as_str()) || self.inputs.iter().any(|i| &i.name == name) {
                    return Err(self.unsupported(format!(
                        "two values named {name}: an input and an attribute read first, or two actions reading the same"
                    )));
                }
                seen.push(name);
            }
        }
        Ok(())
    }

    /// A template as a text value, each attribute turned into a variable by `var`.
    fn text(&mut self, template: &str, var: &mut dyn FnMut(&str, &mut Self) -> Var) -> Result<Value, CodegenError> {
        let parsed =
            Template::parse(template).map_err(|e| CodegenError::Template(template.to_string(), e.to_string()))?;
        let pieces = parsed
            .parts()
            .iter()
            .map(|p| match p {
                Part::Literal(l) => Piece::Literal(l.clone()),
                Part::Attr { name, pad } => Piece::Var(var(name, self), *pad),
            })
            .collect();
        Ok(Value::Text(pieces))
    }

    /// The value of key attribute `attribute` from its template: text, or a number
    /// where the key holds numbers.
    fn key_value(
        &mut self,
        attribute: &str,
        template: &str,
        var: &mut dyn FnMut(&str, &mut Self) -> Var,
    ) -> Result<Value, CodegenError> {
        match self.text(template, var)? {
            Value::Text(pieces) if self.design.numeric_key(attribute) => Ok(Value::NumberText(pieces)),
            value => Ok(value),
        }
    }

    /// An expression made executable: `#name` tokens become attribute names; the
    /// quoted literals the design writes for readers (`#_type IN ("Customer",
    /// "Account")`, `:type ("Customer")`) become values of their own; every other
    /// `:name` gets the value `value_of` gives it.
    fn bind(
        &mut self,
        text: &str,
        value_of: &mut dyn FnMut(&str, &mut Self) -> Result<Value, CodegenError>,
    ) -> Result<Bound, CodegenError> {
        let literals = expression::bind_literals(text);
        let mut values: Vec<(String, Value)> =
            literals.values.into_iter().map(|(name, literal)| (name, Value::of_literal(literal))).collect();
        let out = literals.text;
        let names = expression::placeholders(&out);
        for name in expression::tokens(&out, ':') {
            let placeholder = format!(":{name}");
            if !values.iter().any(|(k, _)| k == &placeholder) {
                let value = value_of(&name, self)?;
                values.push((placeholder, value));
            }
        }
        Ok(Bound { text: out, names, values })
    }

    /// The name of one element of `list`, apart from its `fields` and every input
    /// (a list of `skus` whose elements have a `sku` field: `skusElement`).
    fn element_of_list(&self, list: &str, fields: &[Input]) -> String {
        let taken = |name: &str| {
            let name = folded(name);
            fields.iter().chain(&self.inputs).any(|i| folded(&i.name) == name)
        };
        let mut element = element_name(list);
        let mut n = 2;
        if taken(&element) {
            element = format!("{list}Element");
        }
        while taken(&element) {
            element = format!("{list}Element{n}");
            n += 1;
        }
        element
    }

    /// Registers an input, typed as the attribute of its name.
    fn input(&mut self, name: &str, entity: Option<&str>) {
        self.input_typed(name, None, entity);
    }

    /// Registers an input, typed as `attribute` (or the attribute of its own name).
    fn input_typed(&mut self, name: &str, attribute: Option<&str>, entity: Option<&str>) {
        let found = attribute.and_then(|a| self.lookup_in(a, entity)).or_else(|| self.lookup_in(name, entity));
        let kind = found.map_or(InputKind::String, InputKind::of);
        let list = self.element_of.clone();
        let inputs = match list.and_then(|l| self.inputs.iter_mut().find(|i| i.name == l)) {
            Some(Input { kind: InputKind::List { fields }, .. }) => fields,
            _ => &mut self.inputs,
        };
        if !inputs.iter().any(|i| i.name == name) {
            inputs.push(Input { name: name.to_string(), kind });
        }
    }

    /// The type of a request parameter the pattern's filter compares with: the
    /// tested attribute's, or an element's for `contains` on a set or a list.
    fn filter_input_kind(&self, name: &str) -> Option<InputKind> {
        let filter = self.pattern.filter.as_ref()?;
        let test = filter.tests().into_iter().find(|t| t.input.as_deref() == Some(name))?;
        let attr = self.lookup_in(&test.attribute, None)?;
        Some(match attr.attr_type {
            AttrType::StringSet | AttrType::List => InputKind::String,
            AttrType::NumberSet => InputKind::Decimal,
            _ => InputKind::of(attr),
        })
    }

    /// The attribute a condition or an update of the pattern compares with or
    /// writes the input `name` to.
    fn attribute_of_input(&self, name: &str) -> Option<String> {
        let p = self.pattern;
        let conditions =
            p.conditions.iter().chain(p.steps.iter().flat_map(|s| s.conditions.iter())).flat_map(|c| c.tests());
        let from_conditions = conditions.filter(|c| c.input.as_deref() == Some(name)).find_map(|c| c.attribute.clone());
        let updates = p.updates.iter().chain(p.steps.iter().flat_map(|s| s.updates.iter()));
        from_conditions
            .or_else(|| updates.filter(|u| u.input.as_deref() == Some(name)).map(|u| u.attribute.clone()).next())
    }

    /// The type of attribute `name`: on `entity` (or the pattern's), then on any
    /// entity or relationship. `date.from` is `date`'s; `friend.playerId` is
    /// `playerId`'s.
    fn lookup_in(&self, name: &str, entity: Option<&str>) -> Option<&'a Attribute> {
        let mut candidates = vec![name.to_string()];
        if let Some(stem) = name.strip_suffix(".from").or_else(|| name.strip_suffix(".to")) {
            candidates.push(stem.to_string());
        }
        if let Some((_, last)) = name.rsplit_once('.') {
            candidates.push(last.to_string());
        }
        let m = self.model;
        let own = entity.unwrap_or(&self.pattern.entity);
        if let Some((_, id)) = m.parent_role(own, name) {
            candidates.push(id.name.clone());
        }
        for candidate in &candidates {
            let on = |attrs: &'a [Attribute]| attrs.iter().find(|a| &a.name == candidate);
            let found = m
                .entity(own)
                .and_then(|e| on(&e.attributes))
                .or_else(|| m.relationship(own).and_then(|r| on(&r.attributes)))
                .or_else(|| m.entities.iter().find_map(|e| on(&e.attributes)))
                .or_else(|| m.relationships.iter().find_map(|r| on(&r.attributes)));
            if found.is_some() {
                return found;
            }
        }
        None
    }

    /// An entity's attributes; a many-to-many relationship's pair items carry the
    /// identifiers of both ends and the relationship's own attributes.
    /// The attributes an item of `name` carries, with their kinds and whether
    /// every item must have them: an entity's own, then its parents'
    /// identifiers (reads find it by them); a pair's ends, then its own.
    fn attributes_of(&self, name: &str) -> Vec<(String, InputKind, bool)> {
        let kind = InputKind::of;
        let own = |attributes: &[Attribute]| -> Vec<(String, InputKind, bool)> {
            attributes.iter().map(|a| (a.name.clone(), kind(a), a.required || a.identifier)).collect()
        };
        let carried: Vec<(String, InputKind, bool)> = self
            .model
            .carried_parents(name)
            .into_iter()
            .filter_map(|c| {
                let id = self.model.entity(&c.parent)?.attribute(&c.identifier)?;
                Some((c.carried_as, kind(id), c.required && !c.of_itself))
            })
            .collect();
        let listed = match (self.model.entity(name), self.model.relationship(name)) {
            (Some(e), _) => own(&e.attributes).into_iter().chain(carried).collect(),
            (None, Some(pair)) => carried.into_iter().chain(own(&pair.attributes)).collect(),
            (None, None) => Vec::new(),
        };
        let mut out: Vec<(String, InputKind, bool)> = Vec::new();
        for (name, kind, required) in listed {
            match out.iter_mut().find(|(n, ..)| *n == name) {
                Some(first) => first.2 |= required,
                None => out.push((name, kind, required)),
            }
        }
        out
    }

    /// What a put of `name` writes: the attributes the item carries, then each
    /// ancestor identifier the design copies onto it. A copy is required: the
    /// reads that start from the ancestor find the item by it, so every writer
    /// (PartiQL's column list too) must send it.
    fn put_attributes(&self, name: &str, copies: &[CopiedAttribute]) -> Vec<(String, InputKind, bool)> {
        let mut attributes = self.attributes_of(name);
        for copy in copies {
            match attributes.iter_mut().find(|(n, ..)| *n == copy.attribute) {
                Some(listed) => listed.2 = true,
                None => {
                    let identifier = self.model.entity(&copy.from).and_then(|e| e.attribute(&copy.attribute));
                    let kind = identifier.map_or(InputKind::String, InputKind::of);
                    attributes.push((copy.attribute.clone(), kind, true));
                }
            }
        }
        attributes
    }

    /// A value the model fixes for `attribute` of `kind`'s items, in the attribute's type.
    fn fixed_value(&self, kind: &str, attribute: &str, text: &str) -> Literal {
        let own = match (self.model.entity(kind), self.model.relationship(kind)) {
            (Some(e), _) => e.attribute(attribute),
            (None, Some(pair)) => pair.attributes.iter().find(|a| a.name == attribute),
            (None, None) => None,
        };
        expression::literal_of(own.map(|a| a.attr_type), text)
    }

    fn entity_keys(&self, name: &str) -> Result<&'a EntityKeys, CodegenError> {
        let design: &'a Design = self.design;
        design
            .entities
            .iter()
            .find(|e| e.name == name)
            .ok_or_else(|| self.unsupported(format!("the design has no keys for {name}")))
    }

    /// The index whose key `attribute` is.
    fn index_of(&self, attribute: &str) -> String {
        let d = self.design;
        if attribute == d.table.partition_key.name || attribute == d.table.sort_key.name {
            return TABLE.to_string();
        }
        d.gsis
            .iter()
            .chain(&d.lsis)
            .find(|i| i.partition_key.name == attribute || i.sort_key.name == attribute)
            .map_or_else(|| attribute.to_string(), |i| i.name.clone())
    }

    fn unsupported(&self, what: String) -> CodegenError {
        CodegenError::Unsupported { pattern: self.pattern.id.clone(), what }
    }
}

struct Bound {
    text: String,
    names: Vec<(String, String)>,
    values: Vec<(String, Value)>,
}

/// The partition and sort key attributes of a whole primary key, with templates.
fn whole_key(key: &KeyCondition) -> Result<Vec<(String, String)>, CodegenError> {
    let mut out = vec![(key.partition.attribute.clone(), key.partition.value.clone())];
    if let Some(sort) = &key.sort {
        let value = sort
            .values
            .first()
            .ok_or_else(|| CodegenError::Template(sort.attribute.clone(), "a sort key without a value".into()))?;
        out.push((sort.attribute.clone(), value.clone()));
    }
    Ok(out)
}

/// The name of one element of `list`: `line` of `lines`, `reservation` of
/// `reservations`; `itemElement` where the plural is not plain.
pub fn element_name(list: &str) -> String {
    match list.strip_suffix('s') {
        Some(one) if !one.is_empty() && !one.ends_with('s') => one.to_string(),
        _ => format!("{list}Element"),
    }
}

/// A name as every language's identifiers see it: `warehouse_id`, `warehouseId`
/// and `WAREHOUSE_ID` are one name.
fn folded(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

impl Program {
    /// The input named `name`: a parameter of the function, or a field of a list's elements.
    pub fn input(&self, name: &str) -> Option<&Input> {
        self.inputs.iter().find(|i| i.name == name).or_else(|| {
            self.inputs.iter().find_map(|i| match &i.kind {
                InputKind::List { fields } => fields.iter().find(|f| f.name == name),
                _ => None,
            })
        })
    }

    pub fn actions(&self) -> &[WriteAction] {
        match &self.body {
            Body::Write(w) => &w.actions,
            _ => &[],
        }
    }

    /// Whether the pattern only reads.
    pub fn is_read(&self) -> bool {
        matches!(self.body, Body::Read(_))
    }
}
