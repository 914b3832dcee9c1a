//! Write scenarios: how a write pattern must behave, from the MODEL's conditions and
//! updates. One scenario where every condition holds (the write succeeds and changes
//! exactly what the updates say), and one per condition that breaks just that
//! condition (the write is rejected and changes nothing): on ACME, a debit the
//! balance cannot cover, a stale counter, a transaction that already exists.

use indexmap::IndexMap;

use crate::design::naming::{key_placeholder, was_attribute};
use crate::design::{Design, Plan};
use crate::model::{
    AccessPattern, Attribute, Condition, ConditionOp, Format, Model, PatternKind, StepAction, Update, UpdateAction,
};
use crate::sample::{fresh_item, relaid, sample_value, ItemKey, Rng, Sample, SampleItem, SampleOptions, Value};

use super::relate::same;

#[derive(Debug, Clone, PartialEq)]
pub struct WriteScenario {
    pub pattern: String,
    pub name: String,
    /// Whether the write must succeed; otherwise it must be rejected and change nothing.
    pub succeeds: bool,
    /// One per action of the plan, in order.
    pub actions: Vec<ActionCase>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActionCase {
    /// Put, Update, Delete or ConditionCheck.
    pub action: String,
    pub entity: String,
    /// The attributes the action's key template is rendered from.
    pub key_values: IndexMap<String, Value>,
    /// For a Put: the item written.
    pub item: Option<IndexMap<String, Value>>,
    /// The values of the `:placeholders` in the action's condition and update.
    pub inputs: IndexMap<String, Value>,
    /// Where the item lives by the design's keys for its entity.
    pub key: ItemKey,
    /// The item before the write; `None` when absent.
    pub before: Option<IndexMap<String, Value>>,
    /// The item after a successful write; `None` when absent.
    pub after: Option<IndexMap<String, Value>>,
}

struct Step<'m> {
    action: &'static str,
    entity: &'m str,
    conditions: &'m [Condition],
    updates: &'m [Update],
}

/// The scenarios of a write pattern; an error says why none can be made.
pub fn scenarios(
    model: &Model,
    design: &Design,
    sample: &Sample,
    options: &SampleOptions,
    pattern: &AccessPattern,
    plan: &Plan,
) -> Result<Vec<WriteScenario>, String> {
    let steps: Vec<Step<'_>> = match pattern.kind {
        PatternKind::Transaction => pattern
            .steps
            .iter()
            .map(|s| Step {
                action: match s.action {
                    StepAction::Put => "Put",
                    StepAction::Update => "Update",
                    StepAction::Delete => "Delete",
                    StepAction::ConditionCheck => "ConditionCheck",
                },
                entity: &s.entity,
                conditions: &s.conditions,
                updates: &s.updates,
            })
            .collect(),
        PatternKind::Put | PatternKind::Update | PatternKind::Delete => vec![Step {
            action: match pattern.kind {
                PatternKind::Put => "Put",
                PatternKind::Update => "Update",
                _ => "Delete",
            },
            entity: &pattern.entity,
            conditions: &pattern.conditions,
            updates: &pattern.updates,
        }],
        _ => return Ok(Vec::new()),
    };
    if plan.actions.len() != steps.len() {
        return Err(format!("the pattern has {} steps but the plan {} actions", steps.len(), plan.actions.len()));
    }
    let builder = Builder { model, design, sample, options, steps: &steps, plan };
    let mut out = vec![builder.build(&pattern.id, None)?];
    for (s, step) in steps.iter().enumerate() {
        for (c, condition) in step.conditions.iter().enumerate() {
            if condition.attribute.is_some() && !condition.op.needs_input() {
                continue; // attribute_exists(#a) on one attribute: no item to break it with
            }
            out.push(builder.build(&pattern.id, Some((s, c)))?);
        }
    }
    Ok(out)
}

struct Builder<'a, 'm> {
    model: &'m Model,
    design: &'a Design,
    sample: &'a Sample,
    options: &'a SampleOptions,
    steps: &'a [Step<'m>],
    plan: &'a Plan,
}

impl Builder<'_, '_> {
    fn build(&self, pattern: &str, broken: Option<(usize, usize)>) -> Result<WriteScenario, String> {
        let mut rng = Rng::derive(self.options.seed, &format!("{pattern} {broken:?}"));
        let mut context: IndexMap<String, Value> = IndexMap::new();
        let mut actions = Vec::new();
        for (i, (step, action)) in self.steps.iter().zip(&self.plan.actions).enumerate() {
            let broken_here = broken.filter(|(s, _)| *s == i).map(|(_, c)| &step.conditions[c]);
            let absent_wanted = match broken_here {
                Some(c) if c.attribute.is_none() => c.op == ConditionOp::Exists,
                _ => step.action == "Put",
            };
            let item = if absent_wanted {
                let fixed: IndexMap<String, Value> = context
                    .iter()
                    .filter(|(k, _)| self.identity(step.entity).contains(k))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                fresh_item(self.model, self.design, self.options, self.sample, step.entity, &fixed, i as u64)
                    .map_err(|e| e.to_string())?
            } else {
                self.existing(step, &context, &mut rng)?.clone()
            };
            for name in self.identity(step.entity) {
                if let Some(v) = item.get(&name) {
                    context.entry(name).or_insert_with(|| v.clone());
                }
            }
            let key = self.sample.key(&item);
            let before = self.sample.by_key_one(&key).map(|i| i.attributes.clone());
            let mut inputs = IndexMap::new();
            let texts = [action.condition.as_deref(), action.update.as_deref()];
            // The keys and the TTL an update rebuilds are computed from its other
            // inputs, and what it reads first comes from the stored item, not the caller.
            let read_first = |n: &str| was_attribute(n).is_some_and(|a| action.reads.iter().any(|r| r == a));
            let expiry = |n: &str| action.expires.as_ref().is_some_and(|t| key_placeholder(&t.attribute) == n);
            let given = texts
                .iter()
                .flatten()
                .flat_map(|t| crate::expression::tokens(t, ':'))
                .filter(|n| !action.built.contains_key(n) && !read_first(n) && !expiry(n));
            for name in given {
                let value = self.input(step, &name, &item, &context, broken_here, &mut rng)?;
                inputs.insert(name, value);
            }
            let after = match step.action {
                "Put" => Some(item.attributes.clone()),
                "Delete" => None,
                "Update" => before.as_ref().map(|b| self.updated(step, b, &inputs)).transpose()?,
                _ => before.clone(),
            };
            actions.push(ActionCase {
                action: action.action.clone(),
                entity: step.entity.to_string(),
                key_values: item.attributes.clone(),
                item: (step.action == "Put").then(|| item.attributes.clone()),
                inputs,
                key,
                before,
                after,
            });
        }
        let name = match broken {
            None => "every condition holds: the write succeeds".to_string(),
            Some((s, c)) => {
                let step = &self.steps[s];
                format!("{}: {} → rejected, nothing changes", step.entity, describe(&step.conditions[c]))
            }
        };
        Ok(WriteScenario { pattern: pattern.to_string(), name, succeeds: broken.is_none(), actions })
    }

    /// The attributes that say which item of `kind` is meant: its identifiers and
    /// its parents' (for pairs, both ends').
    fn identity(&self, kind: &str) -> Vec<String> {
        let ids = |e: &str| -> Vec<String> {
            self.model.entity(e).map(|e| e.identifier().iter().map(|a| a.name.clone()).collect()).unwrap_or_default()
        };
        if let Some(rel) = self.model.relationship(kind).filter(|_| self.model.entity(kind).is_none()) {
            let mut names = ids(&rel.from);
            names.extend(ids(&rel.to).iter().map(|a| rel.to_end_attribute(a)));
            return names;
        }
        let mut names = ids(kind);
        for rel in self.model.relationships.iter().filter(|r| r.to == kind && r.from != kind) {
            if rel.cardinality != crate::model::Cardinality::ManyToMany {
                names.extend(ids(&rel.from));
            }
        }
        names
    }

    /// A sample item of the step's entity that agrees with the items chosen so far
    /// and carries every attribute its conditions test.
    fn existing<'s>(
        &'s self,
        step: &Step<'s>,
        context: &IndexMap<String, Value>,
        rng: &mut Rng,
    ) -> Result<&'s SampleItem, String> {
        let usable: Vec<&SampleItem> = self
            .sample
            .of(step.entity)
            .filter(|i| step.conditions.iter().filter_map(|c| c.attribute.as_ref()).all(|a| i.get(a).is_some()))
            .collect();
        let agreeing: Vec<&SampleItem> = usable
            .iter()
            .copied()
            .filter(|i| context.iter().all(|(k, v)| i.get(k).is_none_or(|w| same(v, w))))
            .collect();
        let pool = if agreeing.is_empty() { usable } else { agreeing };
        if pool.is_empty() {
            return Err(format!("no {} item in the sample to write to", step.entity));
        }
        Ok(pool[rng.below(pool.len() as u64) as usize])
    }

    fn input(
        &self,
        step: &Step<'_>,
        name: &str,
        item: &SampleItem,
        context: &IndexMap<String, Value>,
        broken: Option<&Condition>,
        rng: &mut Rng,
    ) -> Result<Value, String> {
        if let Some(c) = step.conditions.iter().find(|c| c.input.as_deref() == Some(name)) {
            let attr = c.attribute.as_deref().unwrap_or_default();
            let current = item.get(attr).ok_or_else(|| format!("the {} item has no {attr}", step.entity))?;
            let holds = broken.is_none_or(|b| b != c);
            return Ok(condition_input(c.op, current, self.definition(step.entity, attr), holds));
        }
        if let Some(v) = context
            .get(name)
            .or_else(|| item.get(name).filter(|_| step.updates.iter().all(|u| u.input.as_deref() != Some(name))))
        {
            return Ok(v.clone());
        }
        if let Some(u) = step.updates.iter().find(|u| u.input.as_deref() == Some(name)) {
            let def = self.definition(step.entity, &u.attribute);
            return Ok(match u.action {
                UpdateAction::Add => match def.and_then(|d| d.format.as_ref()) {
                    Some(Format::Money) => Value::N(format!("{}.{:02}", rng.range(1, 99), rng.range(0, 99))),
                    _ => Value::int(rng.range(1, 9)),
                },
                _ => match def {
                    Some(d) => sample_value(d, self.options, rng),
                    None => Value::S(format!("{name}-{}", rng.range(1, 999))),
                },
            });
        }
        Err(format!("nothing gives a value for :{name}"))
    }

    fn definition(&self, kind: &str, attr: &str) -> Option<&Attribute> {
        match self.model.entity(kind) {
            Some(e) => e.attribute(attr),
            None => self.model.relationship(kind)?.attributes.iter().find(|a| a.name == attr),
        }
    }

    /// The item after the step's updates, its keys laid out again from its new
    /// attributes: an index key built from what changed changes with it.
    fn updated(
        &self,
        step: &Step<'_>,
        before: &IndexMap<String, Value>,
        inputs: &IndexMap<String, Value>,
    ) -> Result<IndexMap<String, Value>, String> {
        let mut after = before.clone();
        for u in step.updates {
            let input = u.input.as_deref().and_then(|i| inputs.get(i));
            match (u.action, input) {
                (UpdateAction::Remove, _) => {
                    after.shift_remove(&u.attribute);
                }
                (UpdateAction::Set, Some(v)) => {
                    after.insert(u.attribute.clone(), v.clone());
                }
                (UpdateAction::Add, Some(v)) => {
                    let sum =
                        after.get(&u.attribute).and_then(Value::as_f64).unwrap_or(0.0) + v.as_f64().unwrap_or(0.0);
                    after.insert(u.attribute.clone(), Value::N(number_text(sum)));
                }
                _ => {}
            }
        }
        relaid(self.design, step.entity, &after).map_err(|e| e.to_string())
    }
}

/// The sample as a successful `scenario` leaves it: each item it writes as the
/// oracle says it must be after the write, gone where it deletes.
pub fn after_write(sample: &Sample, scenario: &WriteScenario) -> Sample {
    let mut out = sample.clone();
    for case in &scenario.actions {
        out.items.retain(|i| sample.key(i) != case.key);
        if let Some(after) = &case.after {
            out.items.push(SampleItem { entity: case.entity.clone(), attributes: after.clone() });
        }
    }
    out
}

/// The value of a condition's input that makes it hold (or, with `holds` false, fail)
/// against the item's current value.
fn condition_input(op: ConditionOp, current: &Value, def: Option<&Attribute>, holds: bool) -> Value {
    use ConditionOp::*;
    let other = || match (current, def.and_then(|d| d.format.as_ref())) {
        (Value::S(s), Some(Format::Enum(values))) => {
            Value::S(values.iter().find(|v| *v != s).cloned().unwrap_or_else(|| format!("{s}~other")))
        }
        (Value::S(s), _) => Value::S(format!("{s}~other")),
        (Value::N(_), _) => shift(current, 1.0),
        (v, _) => v.clone(),
    };
    let above = || match current {
        Value::S(s) => Value::S(format!("{s}~")),
        _ => shift(current, 1.0),
    };
    let below = || match current {
        Value::S(s) => Value::S(s.chars().take(s.chars().count().saturating_sub(1)).collect()),
        _ => shift(current, -1.0),
    };
    match (op, holds) {
        (Eq, true) | (Ne, false) | (Le, true) | (Ge, true) | (Lt, false) | (Gt, false) => current.clone(),
        (Eq, false) | (Ne, true) => other(),
        (Lt, true) | (Ge, false) => above(),
        (Gt, true) | (Le, false) => below(),
        (Exists | NotExists, _) => current.clone(),
    }
}

fn shift(v: &Value, by: f64) -> Value {
    Value::N(number_text(v.as_f64().unwrap_or(0.0) + by))
}

/// A number as DynamoDB would print it: no trailing zeros, at most 2 decimals kept
/// from money arithmetic.
fn number_text(n: f64) -> String {
    let text = format!("{:.2}", (n * 100.0).round() / 100.0);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn describe(c: &Condition) -> String {
    match (&c.attribute, c.op) {
        (None, ConditionOp::NotExists) => "the item already exists".to_string(),
        (None, _) => "the item does not exist".to_string(),
        (Some(a), op) => {
            let sym = serde_json::to_value(op).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
            format!("{a} {sym} :{} does not hold", c.input.as_deref().unwrap_or_default())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_make_conditions_hold_or_fail() {
        let n = |s: &str| Value::N(s.into());
        assert_eq!(condition_input(ConditionOp::Ge, &n("10.5"), None, true), n("10.5"));
        assert_eq!(condition_input(ConditionOp::Ge, &n("10.5"), None, false), n("11.5"));
        assert_eq!(condition_input(ConditionOp::Eq, &n("7"), None, false), n("8"));
        assert_eq!(condition_input(ConditionOp::Lt, &n("7"), None, true), n("8"));
        assert_eq!(condition_input(ConditionOp::Le, &n("7"), None, false), n("6"));
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(3.10), "3.1");
    }
}
