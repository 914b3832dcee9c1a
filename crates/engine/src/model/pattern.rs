//! Access patterns: every read and write the application makes.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::clause::{AllOf, AnyOf, Clause, NotOf};
use super::entity::is_false;
use crate::template::{Template, SHARD};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct AccessPattern {
    /// Short unique id such as "AP01"; plans, tests and the CLI refer to the pattern by it.
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>", optional))]
    pub description: String,
    pub kind: PatternKind,
    /// The entity (or many-to-many relationship) whose items the pattern reads or writes.
    pub entity: String,
    /// Related entities fetched in the same request: a customer with their
    /// accounts, an order with its items, shipments and invoice (an aggregate).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub with: Vec<String>,
    /// The relationship the pattern follows from its inputs to its target, when the
    /// inputs identify an entity related to the target in more than one way (the
    /// posts a user wrote, "UserPosts", or liked, "Like"); for an ancestor two or
    /// more levels up, the path down, its relationships' names joined by dots
    /// ("CustomerOrders.OrderItems").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub via: Option<String>,
    /// Attributes the application knows and matches by equality. They may be the
    /// entity's own, the identifier of an entity related to it, or that of an
    /// ancestor further up (a customer's, for the items of their orders).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub inputs: Vec<String>,
    /// At most one range condition, on one attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub range: Option<RangeCondition>,
    /// The order the results must come in; a Query sorts by one attribute only, so
    /// with a range condition it is the range's attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub order: Option<Ordering>,
    /// Return at most this many items (the last N).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub limit: Option<u32>,
    /// Only the items for which this holds ("status = declined", "special status present").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub filter: Option<Filter>,
    /// The attributes the application uses from a read's answer; none listed: all
    /// of them. A secondary index projects what the reads of it return.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub returns: Vec<String>,
    /// The read must see every write that finished before it (table or LSI only).
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub strongly_consistent: bool,
    /// Peak requests per second.
    pub peak_rate: f64,
    /// Items a read returns (or a write touches) at the most, typically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub result_size: Option<u64>,
    /// Conditions of a single put, update or delete.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<WriteCondition>>", optional))]
    pub conditions: Vec<WriteCondition>,
    /// Changes of a single update; of a put, the values fixed in the model that
    /// every item it writes holds (a new loan is ACTIVE), each a `set` with a `value`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Update>>", optional))]
    pub updates: Vec<Update>,
    /// The actions of a transaction, all or nothing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<TransactionStep>>", optional))]
    pub steps: Vec<TransactionStep>,
    /// For `expire`: how long items live, counted from a date attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub retention: Option<Retention>,
}

impl AccessPattern {
    /// A read of `entity` by equality on `inputs`, once a second, and nothing else:
    /// what an editor or an import starts a pattern from.
    pub fn read(id: &str, name: &str, kind: PatternKind, entity: &str, inputs: Vec<String>) -> Self {
        AccessPattern {
            id: id.to_string(),
            name: name.to_string(),
            description: String::new(),
            kind,
            entity: entity.to_string(),
            with: Vec::new(),
            via: None,
            inputs,
            range: None,
            order: None,
            limit: None,
            filter: None,
            returns: Vec::new(),
            strongly_consistent: false,
            peak_rate: 1.0,
            result_size: None,
            conditions: Vec::new(),
            updates: Vec::new(),
            steps: Vec::new(),
            retention: None,
        }
    }

    /// How many items of `entity` one request writes, typically: a transaction's
    /// steps on it that write (not condition checks), one per element of a repeated
    /// step's list; a single write, one.
    pub fn typical_writes_of(&self, entity: &str) -> f64 {
        if self.steps.is_empty() {
            return 1.0;
        }
        self.steps
            .iter()
            .filter(|s| s.entity == entity && s.action != StepAction::ConditionCheck)
            .map(|s| s.for_each.as_ref().map_or(1.0, |f| f64::from(f.typical())))
            .sum()
    }

    /// Whether the pattern creates items of `entity`: a put (or a transaction's
    /// put step) conditioned on the item not existing yet.
    pub fn creates(&self, entity: &str) -> bool {
        match self.kind {
            PatternKind::Put => self.entity == entity && only_if_absent(&self.conditions),
            PatternKind::Transaction => self
                .steps
                .iter()
                .any(|s| s.entity == entity && s.action == StepAction::Put && only_if_absent(&s.conditions)),
            _ => false,
        }
    }

    /// The changes the pattern's updates make to items of `entity`: its own (a
    /// single update of it), or those of its transaction's update steps on it.
    /// A put's values fixed in the model are the new item's, not changes.
    pub fn updates_of<'p>(&'p self, entity: &str) -> impl Iterator<Item = &'p Update> + use<'p> {
        self.writes_of(entity).into_iter().flat_map(|w| w.updates.iter())
    }

    /// The conditions the pattern's writes of `entity` items check: its own (a
    /// single write of it), or those of its transaction's steps on it.
    pub fn conditions_of<'p>(&'p self, entity: &'p str) -> impl Iterator<Item = &'p WriteCondition> + 'p {
        let own =
            (self.steps.is_empty() && self.kind.is_write() && self.entity == entity).then_some(self.conditions.iter());
        let steps = self.steps.iter().filter(move |s| s.entity == entity).flat_map(|s| s.conditions.iter());
        own.into_iter().flatten().chain(steps)
    }

    /// The pattern's writes of `entity` items (not its condition checks): itself,
    /// for a single write, or its transaction's steps on it.
    pub fn writes_of(&self, entity: &str) -> Vec<Write<'_>> {
        match self.kind {
            PatternKind::Put | PatternKind::Update | PatternKind::Delete if self.entity == entity => {
                vec![Write::new(self.kind == PatternKind::Put, &self.conditions, &self.updates, 1.0)]
            }
            PatternKind::Transaction => self
                .steps
                .iter()
                .filter(|s| s.entity == entity && s.action != StepAction::ConditionCheck)
                .map(|s| {
                    let count = s.for_each.as_ref().map_or(1.0, |f| f64::from(f.typical()));
                    Write::new(s.action == StepAction::Put, &s.conditions, &s.updates, count)
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Whether the pattern puts items of `entity` (new or replacing), itself or
    /// in a transaction's step.
    pub fn puts(&self, entity: &str) -> bool {
        match self.kind {
            PatternKind::Put => self.entity == entity,
            PatternKind::Transaction => self.steps.iter().any(|s| s.entity == entity && s.action == StepAction::Put),
            _ => false,
        }
    }

    /// The attributes of an update's or a delete's key (`templates`, the item's
    /// partition and sort key) that the pattern's inputs do not give: DynamoDB
    /// changes one item, named by its whole primary key. A put carries the whole
    /// item, its key's parts with it; a write that lists no inputs leaves them
    /// implied: the caller knows the whole key.
    pub fn unknown_key_parts<'t>(&self, templates: [&'t Template; 2]) -> Vec<&'t str> {
        if self.inputs.is_empty() || !matches!(self.kind, PatternKind::Update | PatternKind::Delete) {
            return Vec::new();
        }
        let mut missing: Vec<&str> = templates
            .into_iter()
            .flat_map(Template::attributes)
            .filter(|a| *a != SHARD && !self.inputs.iter().any(|i| i == a))
            .collect();
        missing.dedup();
        missing
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PatternKind {
    /// At most one item (plus its `with` items).
    ReadOne,
    /// A list of items.
    ReadMany,
    Put,
    Update,
    Delete,
    /// Several writes and condition checks, all or nothing.
    Transaction,
    /// Items removed by age, in the background (TTL), not by a request.
    Expire,
}

impl PatternKind {
    pub fn is_read(self) -> bool {
        matches!(self, PatternKind::ReadOne | PatternKind::ReadMany)
    }

    pub fn is_write(self) -> bool {
        !self.is_read()
    }
}

/// One write of an item by a pattern: a put, an update or a delete, sent
/// `count` times a request (a repeated step's typical list).
#[derive(Debug, Clone, Copy)]
pub struct Write<'p> {
    pub put: bool,
    pub conditions: &'p [WriteCondition],
    /// What an update changes in the stored item; none for a put.
    pub updates: &'p [Update],
    /// The values a put fixes on the item it writes; none for an update.
    pub fixed: &'p [Update],
    pub count: f64,
}

impl<'p> Write<'p> {
    /// The write of a pattern or step whose model `updates` are an update's
    /// changes, or (`put`) the values a put fixes.
    pub fn new(put: bool, conditions: &'p [WriteCondition], updates: &'p [Update], count: f64) -> Self {
        let (updates, fixed) = if put { (&[][..], updates) } else { (updates, &[][..]) };
        Write { put, conditions, updates, fixed, count }
    }

    /// Whether the write's updates change a part of a key built from `templates`
    /// (its entry then moves: a delete and a put).
    pub fn rekeys(&self, templates: &[&Template]) -> bool {
        self.updates.iter().any(|u| templates.iter().any(|t| t.attributes().any(|a| a == u.attribute)))
    }
}

/// Whether a put with these conditions writes only where no item has its key
/// (`attribute_not_exists(PK)`): it creates, never replaces.
pub fn only_if_absent(conditions: &[WriteCondition]) -> bool {
    conditions.iter().any(|c| matches!(c, Clause::Test(Condition { op: ConditionOp::NotExists, attribute: None, .. })))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RangeCondition {
    pub attribute: String,
    pub op: RangeOp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum RangeOp {
    #[serde(rename = "=")]
    Eq,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = "between")]
    Between,
    #[serde(rename = "begins_with")]
    BeginsWith,
}

impl std::fmt::Display for RangeOp {
    /// As the model writes it: `>=`, `between`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RangeOp::Eq => "=",
            RangeOp::Lt => "<",
            RangeOp::Le => "<=",
            RangeOp::Gt => ">",
            RangeOp::Ge => ">=",
            RangeOp::Between => "between",
            RangeOp::BeginsWith => "begins_with",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Ordering {
    pub attribute: String,
    pub direction: Order,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Order {
    Ascending,
    Descending,
}

/// Which items a read keeps: one test, or tests joined by `all` (AND), `any` (OR)
/// and `not`, as DynamoDB's FilterExpression joins them.
pub type Filter = Clause<FilterTest>;

/// What a write checks: one test of the item or an attribute, or tests joined by
/// `all`, `any` and `not` ("the item does not exist, or its version is the one
/// read": create, or replace if unchanged).
pub type WriteCondition = Clause<Condition>;

impl Filter {
    /// A test of presence (`present`, `absent`), which compares with nothing.
    pub fn on(attribute: &str, op: FilterOp) -> Filter {
        Filter::Test(FilterTest::on(attribute, op))
    }

    /// Whether the filter tests `attribute`.
    pub fn tests_attribute(&self, attribute: &str) -> bool {
        self.tests().iter().any(|t| t.attribute == attribute)
    }

    /// The request parameters the filter compares with.
    pub fn inputs(&self) -> Vec<&str> {
        self.tests().into_iter().filter_map(|t| t.input.as_deref()).collect()
    }

    /// The share of the items that pass, from the tests' selectivities taken as
    /// independent; `None` when unknown. A test of `all` without one is taken to
    /// keep everything, as a lone test without one is.
    pub fn selectivity(&self) -> Option<f64> {
        match self {
            Clause::Test(t) => t.selectivity,
            Clause::All(AllOf { all }) => {
                let known: Vec<f64> = all.iter().filter_map(Filter::selectivity).collect();
                (!known.is_empty()).then(|| known.iter().product())
            }
            Clause::Any(AnyOf { any }) => {
                let fails: Option<f64> = any.iter().map(|f| f.selectivity().map(|s| 1.0 - s)).product();
                fails.map(|f| 1.0 - f)
            }
            Clause::Not(NotOf { not }) => not.selectivity().map(|s| 1.0 - s),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct FilterTest {
    pub attribute: String,
    pub op: FilterOp,
    /// The value compared with, for the tests of one value (`equals`, `greater_than`,
    /// `begins_with`, `contains`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub value: Option<String>,
    /// The request parameter compared with, in place of a `value` written in the
    /// model ("orders over the amount asked": `minTotal`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub input: Option<String>,
    /// The values of `between` (the lowest and the highest) and `in` (one or more).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub values: Vec<String>,
    /// Share (0 to 1) of the entity's items that pass; small shares call for a sparse index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub selectivity: Option<f64>,
}

impl FilterTest {
    /// A test of presence (`present`, `absent`), which compares with nothing.
    pub fn on(attribute: &str, op: FilterOp) -> FilterTest {
        FilterTest {
            attribute: attribute.to_string(),
            op,
            value: None,
            input: None,
            values: Vec::new(),
            selectivity: None,
        }
    }
}

/// The tests a read's filter applies to an attribute that is not part of the key,
/// with DynamoDB's meaning: an item that lacks the attribute passes `absent` and
/// `not_equals`, and fails every other test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FilterOp {
    Equals,
    NotEquals,
    LessThan,
    LessOrEqual,
    GreaterThan,
    GreaterOrEqual,
    /// From `values[0]` to `values[1]`, both included.
    Between,
    /// A string that starts with the value ("names beginning with Sm").
    BeginsWith,
    /// A string holding the value, or a set or list with it as an element.
    Contains,
    /// Equal to one of `values` ("status in open, escalated").
    In,
    Present,
    /// The item lacks the attribute (`attribute_not_exists`): a loan not yet returned.
    Absent,
}

/// How many values a filter test compares with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operands {
    None,
    /// `value`.
    One,
    /// `values`: the lowest and the highest.
    Two,
    /// `values`: one or more.
    Many,
}

impl FilterOp {
    pub fn operands(self) -> Operands {
        match self {
            FilterOp::Present | FilterOp::Absent => Operands::None,
            FilterOp::Between => Operands::Two,
            FilterOp::In => Operands::Many,
            _ => Operands::One,
        }
    }

    /// Tests that order values (numbers by value, strings by their bytes).
    pub fn orders(self) -> bool {
        matches!(
            self,
            FilterOp::LessThan
                | FilterOp::LessOrEqual
                | FilterOp::GreaterThan
                | FilterOp::GreaterOrEqual
                | FilterOp::Between
        )
    }
}

/// A condition a write checks; it fails, and nothing changes, when it does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The attribute tested; absent for `exists` / `not_exists` on the item itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub attribute: Option<String>,
    pub op: ConditionOp,
    /// The request parameter compared with (`amount`, `expectedLastTransaction`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub input: Option<String>,
    /// The value compared with, fixed in the model in place of an `input`
    /// ("only a pending order is paid": `status = pending`), as the attribute's
    /// type writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub value: Option<String>,
    /// Another attribute of the same item compared with, in place of an `input`
    /// ("a seat is taken only while seatsTaken < capacity").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub other_attribute: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ConditionOp {
    #[serde(rename = "exists")]
    Exists,
    #[serde(rename = "not_exists")]
    NotExists,
    #[serde(rename = "=")]
    Eq,
    #[serde(rename = "<>")]
    Ne,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = ">=")]
    Ge,
}

impl Condition {
    /// A test of the item itself (`exists`, `not_exists`).
    pub fn of_item(op: ConditionOp) -> Condition {
        Condition { attribute: None, op, input: None, value: None, other_attribute: None }
    }

    /// A comparison of `attribute` with the request parameter `input`.
    pub fn with_input(attribute: &str, op: ConditionOp, input: &str) -> Condition {
        Condition { input: Some(input.to_string()), ..Condition::of_attribute(attribute, op) }
    }

    /// A comparison of `attribute` with a value fixed in the model.
    pub fn with_value(attribute: &str, op: ConditionOp, value: &str) -> Condition {
        Condition { value: Some(value.to_string()), ..Condition::of_attribute(attribute, op) }
    }

    fn of_attribute(attribute: &str, op: ConditionOp) -> Condition {
        Condition { attribute: Some(attribute.to_string()), ..Condition::of_item(op) }
    }

    /// Whether the condition fails on an absent item: an existence test, or a
    /// comparison (an absent attribute is equal to, less or greater than nothing).
    /// `<>` and `not_exists` hold on an absent item, as DynamoDB evaluates them.
    pub fn requires_item(&self) -> bool {
        match self.op {
            ConditionOp::Exists => true,
            ConditionOp::NotExists | ConditionOp::Ne => false,
            ConditionOp::Eq | ConditionOp::Lt | ConditionOp::Le | ConditionOp::Gt | ConditionOp::Ge => {
                self.attribute.is_some()
            }
        }
    }
}

impl WriteCondition {
    /// Whether the write fails on an absent item whatever its inputs: the clause
    /// cannot hold when every test takes the value it has on no item.
    pub fn requires_item(&self) -> bool {
        !self.holds(&mut |c| !c.requires_item())
    }

    /// The values fixed in the model that the clause requires `attribute` to
    /// equal, one of them (`status = assigned`, or an `any` of such tests);
    /// `None` when it does not pin the attribute so.
    pub fn fixed_values_of(&self, attribute: &str) -> Option<Vec<&str>> {
        match self {
            Clause::Test(Condition { attribute: Some(a), op: ConditionOp::Eq, value: Some(v), .. })
                if a == attribute =>
            {
                Some(vec![v.as_str()])
            }
            Clause::Test(_) | Clause::Not(_) => None,
            Clause::All(AllOf { all }) => all.iter().find_map(|c| c.fixed_values_of(attribute)),
            Clause::Any(AnyOf { any }) => {
                let each: Option<Vec<Vec<&str>>> = any.iter().map(|c| c.fixed_values_of(attribute)).collect();
                each.map(|values| values.concat())
            }
        }
    }
}

impl ConditionOp {
    pub fn needs_input(self) -> bool {
        !matches!(self, ConditionOp::Exists | ConditionOp::NotExists)
    }

    /// Whether a stored value that stands `order` to the operand passes the
    /// comparison (`Less`: the stored value is the smaller); `None` for the
    /// existence tests, which compare nothing.
    pub fn accepts(self, order: std::cmp::Ordering) -> Option<bool> {
        use std::cmp::Ordering::*;
        Some(match self {
            ConditionOp::Exists | ConditionOp::NotExists => return None,
            ConditionOp::Eq => order == Equal,
            ConditionOp::Ne => order != Equal,
            ConditionOp::Lt => order == Less,
            ConditionOp::Le => order != Greater,
            ConditionOp::Gt => order == Greater,
            ConditionOp::Ge => order != Less,
        })
    }

    /// Whether a condition expression writes the test, `negated`, inside
    /// `NOT (...)`: an ordering has no opposite that means the same on an
    /// absent attribute, where `=` and `<>` do, as do the existence tests.
    pub fn wrapped_in_not(self, negated: bool) -> bool {
        negated && matches!(self, ConditionOp::Lt | ConditionOp::Le | ConditionOp::Gt | ConditionOp::Ge)
    }

    /// The comparison a condition expression writes for the test, `negated` or
    /// not: `=` and `<>` swap; another comparison keeps its operator inside a
    /// `NOT (...)`. `None` for the existence tests, which compare with nothing.
    pub fn operator(self, negated: bool) -> Option<&'static str> {
        Some(match (self, negated) {
            (ConditionOp::Exists | ConditionOp::NotExists, _) => return None,
            (ConditionOp::Eq, false) | (ConditionOp::Ne, true) => "=",
            (ConditionOp::Ne, false) | (ConditionOp::Eq, true) => "<>",
            (ConditionOp::Lt, _) => "<",
            (ConditionOp::Le, _) => "<=",
            (ConditionOp::Gt, _) => ">",
            (ConditionOp::Ge, _) => ">=",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Update {
    pub attribute: String,
    pub action: UpdateAction,
    /// The request parameter whose value is set or added; none for `remove`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub input: Option<String>,
    /// The value set or added, fixed in the model in place of an `input` (a
    /// payment sets `status` to `paid`), as the attribute's type writes it. The
    /// design then knows the new value: the index keys built from it, and whether
    /// the item enters or leaves a sparse index, are decided in the same request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub value: Option<String>,
}

impl Update {
    /// `attribute` set to (or, with `add`, increased by) the request parameter `input`.
    pub fn with_input(attribute: &str, action: UpdateAction, input: &str) -> Update {
        Update { attribute: attribute.to_string(), action, input: Some(input.to_string()), value: None }
    }

    /// `attribute` set to (or increased by) a value fixed in the model.
    pub fn with_value(attribute: &str, action: UpdateAction, value: &str) -> Update {
        Update { attribute: attribute.to_string(), action, input: None, value: Some(value.to_string()) }
    }

    /// `attribute` removed.
    pub fn remove(attribute: &str) -> Update {
        Update { attribute: attribute.to_string(), action: UpdateAction::Remove, input: None, value: None }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum UpdateAction {
    Set,
    /// Add a number to a number attribute (a balance, a counter).
    Add,
    Remove,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct TransactionStep {
    pub action: StepAction,
    pub entity: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>", optional))]
    pub description: String,
    /// The step is repeated once per element of a list the request carries ("one
    /// per line of the order"); absent: once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub for_each: Option<ForEach>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<WriteCondition>>", optional))]
    pub conditions: Vec<WriteCondition>,
    /// An update step's changes; a put step's values fixed in the model, as a
    /// put pattern's `updates`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Update>>", optional))]
    pub updates: Vec<Update>,
}

/// A list input whose elements each make one action of a repeated step. An
/// element gives the step's key parts and its conditions' and updates' inputs,
/// by their names; for a put, the element is the item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ForEach {
    /// The request parameter holding the list (`lines`); each repeated step has its own.
    pub list: String,
    /// The most elements a request carries: the transaction's actions counted with
    /// it must stay within DynamoDB's 100.
    pub at_most: u32,
    /// Elements in a typical request, which `cost` counts; `at_most` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub typical: Option<u32>,
}

impl ForEach {
    /// Elements in a typical request.
    pub fn typical(&self) -> u32 {
        self.typical.unwrap_or(self.at_most)
    }
}

/// How many actions a transaction of `steps` sends at the most: a repeated step
/// counts its `at_most`.
pub fn most_actions<'s>(steps: impl IntoIterator<Item = Option<&'s ForEach>>) -> u64 {
    steps.into_iter().map(|f| f.map_or(1, |f| u64::from(f.at_most))).sum()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StepAction {
    Put,
    Update,
    Delete,
    ConditionCheck,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Retention {
    /// The date or timestamp attribute the age counts from.
    pub attribute: String,
    pub days: u32,
    /// Expired items are archived from the stream's REMOVE records (needs old images).
    #[serde(default, skip_serializing_if = "super::entity::is_false")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub archive: bool,
}
