//! Write plans: single puts, updates and deletes, transactions, and TTL expiry.

use indexmap::IndexMap;

use crate::design::naming::{key_placeholder, was_placeholder};
use crate::design::types::{Action, Operation, Plan, Request, TABLE};
use crate::design::Technique;
use crate::expression::typed_literal;
use crate::model::{
    most_actions, AccessPattern, AttrType, Condition, ConditionOp, PatternKind, Update, UpdateAction, WriteCondition,
};

use super::maintain::{maintenance, requires_item, Maintenance};
use super::plans::{full_key, keyed};
use super::Layout;

/// A write's plan, with what each of its updates does to the item's keys.
pub struct Written<'p> {
    pub plan: Plan,
    pub upkeeps: Vec<Upkeep<'p>>,
}

/// What one update (a pattern's or a transaction step's) must do to its item's
/// keys: computed once, for the plan's request and for the problems list, so the
/// two cannot disagree.
pub struct Upkeep<'p> {
    pub pattern: &'p AccessPattern,
    pub item: usize,
    pub maintenance: Maintenance,
}

pub fn write_plan<'p>(layout: &Layout<'_, '_>, p: &'p AccessPattern) -> Option<Written<'p>> {
    let item = layout.items.index_of(&p.entity)?;
    let mut upkeeps = Vec::new();
    let mut kept = |item: usize, verb: &str, maintenance: Maintenance| {
        if verb == "Update" {
            upkeeps.push(Upkeep { pattern: p, item, maintenance });
        }
    };
    let (request, actions, explanation, techniques) = match p.kind {
        PatternKind::Put | PatternKind::Update | PatternKind::Delete => {
            let (operation, verb) = match p.kind {
                PatternKind::Put => (Operation::PutItem, "Put"),
                PatternKind::Update => (Operation::UpdateItem, "Update"),
                _ => (Operation::DeleteItem, "Delete"),
            };
            let (action, upkeep) = action(layout, verb, item, &p.conditions, &p.updates, None);
            let request = keyed(operation, TABLE, action.key.clone(), false);
            let text = write_explanation(layout, item, &action, &upkeep);
            kept(item, verb, upkeep);
            (request, Vec::from([action]), text, Vec::new())
        }
        PatternKind::Transaction => {
            // The generated code computes one shard per request, outside any loop.
            let mut sharded = false;
            let actions: Vec<Action> = p
                .steps
                .iter()
                .filter_map(|s| {
                    let target = layout.items.index_of(&s.entity)?;
                    let verb = match s.action {
                        crate::model::StepAction::Put => "Put",
                        crate::model::StepAction::Update => "Update",
                        crate::model::StepAction::Delete => "Delete",
                        crate::model::StepAction::ConditionCheck => "ConditionCheck",
                    };
                    let refused = match (&s.for_each, sharded) {
                        (Some(_), _) => {
                            Some("the step is repeated per element, and the shard is computed once a request")
                        }
                        (None, true) => Some("another step of the transaction already computes a shard"),
                        (None, false) => None,
                    };
                    let (made, upkeep) = action(layout, verb, target, &s.conditions, &s.updates, refused);
                    sharded |= made.shard.is_some();
                    kept(target, verb, upkeep);
                    Some(Action { for_each: s.for_each.clone(), ..made })
                })
                .collect();
            let first = actions.first()?.key.clone();
            let request = keyed(Operation::TransactWriteItems, TABLE, first, false);
            let checks: Vec<String> = actions.iter().filter_map(|a| a.condition.clone()).collect();
            let text = format!(
                "{}: TransactWriteItems applies {} all or nothing; the conditions ({}) are checked at write time, so a stale read or a broken invariant cancels the whole transaction and changes nothing. Each item written costs two write units.",
                Technique::Transaction,
                counted_actions(&actions),
                checks.join("; ")
            );
            (request, actions, text, vec![Technique::Transaction])
        }
        PatternKind::Expire => {
            let table = &layout.graph.model().table;
            let ttl = table.ttl_attribute.clone().unwrap_or_else(|| "ttl".into());
            let retention = p.retention.as_ref()?;
            let request = Request {
                key_condition: None,
                key: None,
                ..keyed(Operation::TimeToLive, TABLE, full_key(layout, TABLE, &layout.table[item]), false)
            };
            let archive = if retention.archive {
                " The stream's REMOVE records made by TTL (userIdentity dynamodb.amazonaws.com) carry the old image and feed the archive."
            } else {
                ""
            };
            let text = format!(
                "{}: every {} item carries {ttl} = {} + {} days in epoch seconds; DynamoDB deletes expired items in the background at no write cost.{archive} Deletion can lag, so reads that must never see expired items filter on {ttl}.",
                Technique::Ttl, p.entity, retention.attribute, retention.days
            );
            (request, Vec::new(), text, vec![Technique::Ttl])
        }
        PatternKind::ReadOne | PatternKind::ReadMany => return None,
    };
    let plan = Plan {
        pattern: p.id.clone(),
        name: p.name.clone(),
        request,
        // Each action that reads the stored item first sends a GetItem before the write.
        requests: 1 + actions
            .iter()
            .filter(|a| !a.reads.is_empty())
            .map(|a| a.for_each.as_ref().map_or(1, |f| f.typical()))
            .sum::<u32>(),
        then: Vec::new(),
        actions,
        returns: vec![p.entity.clone()],
        explanation,
        techniques,
    };
    Some(Written { plan, upkeeps })
}

/// How many actions a transaction sends: `the 4 actions`, or with repeated ones `up
/// to 92 actions (OrderItem once per element of lines, at most 45; ...)`. Two
/// elements naming one item fail the whole transaction, as DynamoDB allows one
/// action per item.
fn counted_actions(actions: &[Action]) -> String {
    let repeated: Vec<String> = actions
        .iter()
        .filter_map(|a| {
            a.for_each
                .as_ref()
                .map(|f| format!("{} {} once per element of {}, at most {}", a.action, a.entity, f.list, f.at_most))
        })
        .collect();
    if repeated.is_empty() {
        return format!("the {} actions", actions.len());
    }
    let most = most_actions(actions.iter().map(|a| a.for_each.as_ref()));
    format!(
        "up to {most} actions ({}; two elements naming the same item cancel the transaction, which may touch an item once)",
        repeated.join("; ")
    )
}

/// The action, and what it does to the item's index keys.
fn action(
    layout: &Layout<'_, '_>,
    verb: &str,
    item: usize,
    conditions: &[WriteCondition],
    updates: &[Update],
    shard_refused: Option<&str>,
) -> (Action, Maintenance) {
    let key = full_key(layout, TABLE, &layout.table[item]);
    let upkeep = if verb == "Update" {
        maintenance(layout, item, updates, requires_item(conditions), shard_refused)
    } else {
        Maintenance::default()
    };
    let name = layout.items[item].name;
    let kind = |attribute: &str| layout.graph.resolve_attribute(name, attribute).map(|a| a.attr_type);
    // What was read first must still be stored when the write lands.
    let unchanged = upkeep.reads.iter().map(|a| format!("#{a} = :{}", was_placeholder(a)));
    let mut fixed = FixedValues::default();
    let parts: Vec<String> = conditions
        .iter()
        .map(|c| {
            match (
                condition_text(c, &key.partition.attribute, &kind, &mut fixed),
                conditions.len() + upkeep.reads.len() > 1,
            ) {
                ((text, true), true) => format!("({text})"),
                ((text, _), _) => text,
            }
        })
        .chain(unchanged)
        .collect();
    let condition = (!parts.is_empty()).then(|| parts.join(" AND "));
    let action = Action {
        action: verb.to_string(),
        entity: layout.items[item].name.to_string(),
        key,
        condition,
        update: if verb == "Put" { None } else { update_text(updates, &upkeep, &kind) },
        fixed: if verb == "Put" { put_values(updates) } else { IndexMap::new() },
        built: upkeep.sets.iter().map(|(k, t)| (key_placeholder(k), t.to_string())).collect(),
        reads: upkeep.reads.clone(),
        expires: upkeep.expires.clone(),
        for_each: None,
        shard: upkeep.shard.clone(),
    };
    (action, upkeep)
}

/// The values a put fixes in the model on the item it writes, by attribute.
fn put_values(updates: &[Update]) -> IndexMap<String, String> {
    updates.iter().filter_map(|u| Some((u.attribute.clone(), u.value.clone()?))).collect()
}

/// The placeholders of the values a write's conditions fix in the model,
/// numbered (`:_if1`, `:_if2`): a name made from the attribute could meet another
/// (`line` tested twice, and `line_2`), and not every attribute name is a token.
#[derive(Default)]
struct FixedValues {
    count: usize,
}

impl FixedValues {
    /// `:placeholder (value)`, the value typed as the attribute it is compared with.
    fn placeholder(&mut self, kind: Option<AttrType>, value: &str) -> String {
        self.count += 1;
        format!(":_if{} ({})", self.count, typed_literal(kind, value))
    }
}

/// A write's condition as ConditionExpression text; `not` is pushed down to the
/// tests, and written as the opposite test where one means exactly the same on
/// an item or an attribute that is absent (`exists` and `not_exists`, `=` and `<>`).
/// A test without an attribute is on the item: its table partition key `pk`.
fn condition_text(
    c: &WriteCondition,
    pk: &str,
    kind: &dyn Fn(&str) -> Option<AttrType>,
    fixed: &mut FixedValues,
) -> (String, bool) {
    c.written(&mut |t, negate| {
        let operand = match (&t.input, &t.value, &t.attribute, &t.other_attribute) {
            (Some(input), ..) => format!(":{input}"),
            (None, Some(value), Some(attribute), _) => fixed.placeholder(kind(attribute), value),
            (None, None, _, Some(other)) => format!("#{other}"),
            _ => String::new(),
        };
        (test_text(t, negate, pk, &operand), false)
    })
}

/// A test compared with `operand` (a `:placeholder`, with its value where the
/// model fixes it; or `#other`, another attribute of the item).
fn test_text(c: &Condition, negate: bool, pk: &str, operand: &str) -> String {
    let attr = c.attribute.as_deref().map_or_else(|| crate::expression::key_attribute(pk), |a| format!("#{a}"));
    match (c.op, negate) {
        (ConditionOp::Exists, false) | (ConditionOp::NotExists, true) => format!("attribute_exists({attr})"),
        (ConditionOp::NotExists, false) | (ConditionOp::Exists, true) => format!("attribute_not_exists({attr})"),
        (op, _) if op.wrapped_in_not(negate) => format!("NOT ({})", test_text(c, false, pk, operand)),
        (op, _) => format!("{attr} {} {operand}", op.operator(negate).unwrap_or_default()),
    }
}

/// The update expression: the pattern's updates, then the index keys they make
/// the item rebuild (SET) or drop (REMOVE).
fn update_text(updates: &[Update], upkeep: &Maintenance, kind: &dyn Fn(&str) -> Option<AttrType>) -> Option<String> {
    let mut fixed = 0;
    let sets: Vec<String> = updates
        .iter()
        .filter_map(|u| {
            // A value fixed in the model is `:_set1 ("paid")`, numbered as a condition's are.
            let operand = match (&u.input, &u.value) {
                (Some(input), _) => format!(":{input}"),
                (None, Some(value)) => {
                    fixed += 1;
                    format!(":_set{fixed} ({})", typed_literal(kind(&u.attribute), value))
                }
                (None, None) => return None,
            };
            match u.action {
                UpdateAction::Set => Some(format!("#{0} = {operand}", u.attribute)),
                UpdateAction::Add => Some(format!("#{0} = #{0} + {operand}", u.attribute)),
                UpdateAction::Remove => None,
            }
        })
        .chain(upkeep.sets.iter().map(|(key, _)| format!("#{key} = :{}", key_placeholder(key))))
        .chain(upkeep.expires.iter().map(|t| format!("#{0} = :{1}", t.attribute, key_placeholder(&t.attribute))))
        .collect();
    let removes: Vec<String> = updates
        .iter()
        .filter(|u| u.action == UpdateAction::Remove)
        .map(|u| format!("#{}", u.attribute))
        .chain(upkeep.removes.iter().chain(&upkeep.stops_expiring).map(|key| format!("#{key}")))
        .collect();
    let mut clauses = Vec::new();
    if !sets.is_empty() {
        clauses.push(format!("SET {}", sets.join(", ")));
    }
    if !removes.is_empty() {
        clauses.push(format!("REMOVE {}", removes.join(", ")));
    }
    (!clauses.is_empty()).then(|| clauses.join(" "))
}

/// What else a write must keep right: the index keys derived from what it changes.
fn write_explanation(layout: &Layout<'_, '_>, item: usize, action: &Action, upkeep: &Maintenance) -> String {
    let mut keys: Vec<String> = Vec::new();
    for n in 1..=layout.gsis.len() {
        let index = format!("GSI{n}");
        if let Some(slot) = layout.slot(&index, item) {
            let sparse = slot.sparse.as_ref().map(|s| format!(" (only when {s})")).unwrap_or_default();
            let (pk, sk) = layout.key_names.of(&index);
            keys.push(format!("{pk}/{sk}{sparse}"));
        }
    }
    let name = layout.items[item].name;
    let keys_text = if keys.is_empty() { String::new() } else { format!(" and writes {}", keys.join(", ")) };
    match action.action.as_str() {
        "Put" => {
            let fixed: Vec<String> = action.fixed.iter().map(|(a, v)| format!("{a} = {v}")).collect();
            let holding = if fixed.is_empty() {
                String::new()
            } else {
                format!(", holding {} whatever the caller's item says", crate::words::listed(&fixed))
            };
            format!(
                "PutItem of the {name} item{holding} with its table keys{keys_text}; every index it lands in costs another write."
            )
        }
        "Update" if upkeep.reads.is_empty() => {
            format!("UpdateItem of the {name} item by its primary key{}.", upkeep_text(upkeep))
        }
        "Update" => {
            let attrs = upkeep.reads.join(", ");
            format!(
                "Two requests: a strongly consistent GetItem reads {attrs} from the {name} item, which a rebuilt index key needs and the update does not carry; then UpdateItem of the item by its primary key, conditioned on {attrs} being unchanged, so that a concurrent change fails the write (the caller retries) rather than build the key from an old value{}.",
                upkeep_text(upkeep)
            )
        }
        _ => format!("DeleteItem of the {name} item by its primary key; DynamoDB removes it from every index."),
    }
}

/// What an update does to the item's index keys, in words.
fn upkeep_text(upkeep: &Maintenance) -> String {
    let rebuilt: Vec<String> = upkeep.sets.iter().map(|(key, template)| format!("{key} = {template}")).collect();
    let mut parts = Vec::new();
    if !rebuilt.is_empty() {
        parts.push(format!(
            "; it changes what {} made of, so it rebuilds {} in the same request{}",
            if rebuilt.len() == 1 { "an index key is" } else { "index keys are" },
            rebuilt.join(", "),
            if upkeep.impossible.is_empty() { " and no index keeps a stale entry" } else { "" }
        ));
    }
    if let Some(t) = &upkeep.expires {
        parts.push(format!(
            "; it sets the date the TTL counts from, so it sets {} = {} + {} days in epoch seconds too",
            t.attribute, t.from, t.days
        ));
    }
    if let Some(ttl) = &upkeep.stops_expiring {
        parts.push(format!(
            "; it removes the date the TTL counts from, so it removes {ttl} too: the item no longer expires"
        ));
    }
    if !upkeep.removes.is_empty() {
        parts.push(format!(
            "; it removes {}, so the item leaves {}",
            upkeep.removes.join(", "),
            if upkeep.removes.len() > 2 { "those indexes" } else { "that index" }
        ));
    }
    // Said here too, so that generated code that carries the explanation never
    // reads as safe where the problems list says it is not.
    if !upkeep.impossible.is_empty() {
        parts.push(format!("; but it cannot keep every index key right: {}", upkeep.impossible.join("; ")));
    }
    parts.concat()
}
