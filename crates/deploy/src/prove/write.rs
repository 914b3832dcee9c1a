//! Runs a write scenario: the plan's request (TransactWriteItems, or a single
//! PutItem, UpdateItem or DeleteItem) with the scenario's values, then reads every
//! item it touched back and compares with what the oracle says they must hold;
//! `restore` then puts the sample's items back, so the table is as seeded again.

use std::collections::{BTreeSet, HashMap};

use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{
    AttributeValue, ConditionCheck, Delete, Put, ReturnConsumedCapacity, TransactWriteItem, Update,
};
use aws_sdk_dynamodb::Client;
use indexmap::IndexMap;
use tablewright_engine::design::{Action, Design, Operation, Plan};
use tablewright_engine::oracle::{same, ActionCase, WriteScenario};
use tablewright_engine::sample::{epoch_seconds, key_of, shard_of, ItemKey, Sample, Value};

use super::expression::Expression;
use crate::convert::{from_item, to_attribute, to_item};
use crate::error::{message, ProveError};
use tablewright_engine::design::bind::Source;
use tablewright_engine::design::naming::{key_placeholder, was_attribute};

pub struct Writer<'a> {
    pub client: &'a Client,
    pub table: &'a str,
    pub sample: &'a Sample,
    pub design: &'a Design,
}

#[derive(Debug)]
pub struct Outcome {
    pub succeeded: bool,
    /// Why DynamoDB rejected it (the cancellation reasons).
    pub rejection: Option<String>,
    pub capacity: f64,
    pub failures: Vec<String>,
    /// Every key the write may have changed: what `restore` puts back.
    pub touched: BTreeSet<ItemKey>,
}

/// A request ready to send: its key rendered, its expressions bound.
struct Prepared {
    action: String,
    key: HashMap<String, AttributeValue>,
    item: Option<HashMap<String, AttributeValue>>,
    condition: Option<Expression>,
    update: Option<Expression>,
}

/// Why a write that reads its item first is not sent: what it would build a
/// key from is not stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unread {
    #[error("no {entity} item {key} to read before the write")]
    NoItem { entity: String, key: ItemKey },
    #[error("the {entity} item {key} has no {attribute} to read before the write")]
    NoAttribute { entity: String, key: ItemKey, attribute: String },
}

impl Writer<'_> {
    pub async fn run(&self, plan: &Plan, scenario: &WriteScenario) -> Result<Outcome, ProveError> {
        // What the actions read first, as the generated code does; a read that finds
        // nothing to build from means the write is not sent.
        let mut stored = Vec::new();
        let mut unsent = None;
        let mut read_capacity = 0.0;
        let cases: Vec<(&Action, &ActionCase)> = scenario
            .actions
            .iter()
            .map(|c| plan.actions.get(c.step).map(|a| (a, c)))
            .collect::<Option<_>>()
            .ok_or_else(|| ProveError::Plan("a scenario's action is not in the plan".into()))?;
        for &(a, c) in &cases {
            match self.read_first(a, c, &mut read_capacity).await? {
                Ok(values) => stored.push(values),
                Err(why) => {
                    unsent = Some(why);
                    stored.push(IndexMap::new());
                }
            }
        }
        let prepared: Vec<Prepared> = if unsent.is_some() {
            Vec::new()
        } else {
            cases.iter().zip(&stored).map(|(&(a, c), s)| self.prepare(a, c, s)).collect::<Result<_, _>>()?
        };
        // Every key the request may touch: where the design keeps each item, and where
        // the plan's (possibly wrong) key templates point.
        let mut touched: BTreeSet<ItemKey> = scenario.actions.iter().map(|c| c.key.clone()).collect();
        touched.extend(prepared.iter().map(|p| key_of(&from_item(&p.key), &self.sample.key_names)));
        let mut failures = Vec::new();
        for case in &scenario.actions {
            let live = self.read(&case.key).await?;
            if !matches_state(live.as_ref(), case.before.as_ref()) {
                failures.push(format!("{} {} was not as seeded before the write", case.entity, case.key));
            }
        }
        let (succeeded, rejection, write_capacity) = if let Some(why) = unsent {
            (false, Some(why.to_string()), 0.0)
        } else if plan.request.operation == Operation::TransactWriteItems {
            self.transact(prepared).await?
        } else {
            self.single(
                prepared.into_iter().next().ok_or_else(|| ProveError::Plan("a write without an action".into()))?,
            )
            .await?
        };
        let capacity = read_capacity + write_capacity;
        if succeeded != scenario.succeeds {
            failures.push(match &rejection {
                Some(why) => format!("rejected ({why}) but must succeed"),
                None => "succeeded but must be rejected".to_string(),
            });
        }
        for case in &scenario.actions {
            let live = self.read(&case.key).await?;
            let expected = if succeeded { case.after.as_ref() } else { case.before.as_ref() };
            if !matches_state(live.as_ref(), expected) {
                failures.push(state_difference(case, live.as_ref(), expected, succeeded));
            }
        }
        let cases: BTreeSet<ItemKey> = scenario.actions.iter().map(|c| c.key.clone()).collect();
        for key in touched.difference(&cases) {
            let live = self.read(key).await?;
            let seeded = self.sample.by_key_one(key).map(|i| &i.attributes);
            if !matches_state(live.as_ref(), seeded) {
                failures.push(format!("the write changed {key}, which is no item of the pattern's"));
            }
        }
        Ok(Outcome { succeeded, rejection, capacity, failures, touched })
    }

    /// What `action` reads from the stored item before it is sent (nothing when it
    /// reads nothing), or why it is not sent: no item, or one without an attribute.
    /// The read's capacity units are added to `capacity`.
    async fn read_first(
        &self,
        action: &Action,
        case: &ActionCase,
        capacity: &mut f64,
    ) -> Result<Result<IndexMap<String, Value>, Unread>, ProveError> {
        if action.reads.is_empty() {
            return Ok(Ok(IndexMap::new()));
        }
        let key = self.action_key(action, case)?;
        let shown = key_of(&from_item(&key), &self.sample.key_names);
        let out = self
            .client
            .get_item()
            .table_name(self.table)
            .set_key(Some(key))
            .consistent_read(true)
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .send()
            .await
            .map_err(|e| self.aws("GetItem", &e))?;
        *capacity += super::read::units(out.consumed_capacity.as_ref());
        let key = shown;
        let Some(item) = out.item.as_ref().map(from_item) else {
            return Ok(Err(Unread::NoItem { entity: action.entity.clone(), key }));
        };
        let mut values = IndexMap::new();
        for attr in &action.reads {
            match item.get(attr) {
                Some(v) => values.insert(attr.clone(), v.clone()),
                None => {
                    return Ok(Err(Unread::NoAttribute { entity: action.entity.clone(), key, attribute: attr.clone() }))
                }
            };
        }
        Ok(Ok(values))
    }

    /// The action's table key, from the scenario's key values.
    fn action_key(&self, action: &Action, case: &ActionCase) -> Result<HashMap<String, AttributeValue>, ProveError> {
        let source = Source { shard: None, maps: vec![&case.key_values] };
        let mut key = HashMap::new();
        let value = |attribute: &str, template: &str| {
            let text = source.render(template).map_err(ProveError::from)?;
            Ok::<_, ProveError>(to_attribute(&self.design.key_value(attribute, text)))
        };
        let partition = &action.key.partition;
        key.insert(partition.attribute.clone(), value(&partition.attribute, &partition.value)?);
        if let Some(sort) = &action.key.sort {
            let template =
                sort.values.first().ok_or_else(|| ProveError::Plan("a write key without a sort value".into()))?;
            key.insert(sort.attribute.clone(), value(&sort.attribute, template)?);
        }
        Ok(key)
    }

    fn prepare(
        &self,
        action: &Action,
        case: &ActionCase,
        stored: &IndexMap<String, Value>,
    ) -> Result<Prepared, ProveError> {
        let key = self.action_key(action, case)?;
        // An index key the update rebuilds: its template over the write's inputs,
        // the item's key values and what it read first, as the generated code fills it in.
        let values = Source { shard: None, maps: vec![&case.inputs, &case.key_values, stored] };
        // A rebuilt write-sharded key's shard, from the values the plan names.
        let shard = action.shard.as_ref().and_then(|s| {
            let from: IndexMap<String, Value> =
                s.from.iter().filter_map(|name| values.get(name).map(|v| (name.clone(), v))).collect();
            shard_of(s, &from).and_then(|n| n.parse().ok())
        });
        let inputs = Source { shard, ..values };
        let value_of = |name: &str| match (action.built.get(name), was_attribute(name)) {
            (Some(template), _) => inputs.render(template).ok().map(Value::S),
            (None, Some(attr)) if stored.contains_key(attr) => stored.get(attr).cloned(),
            (None, _) => match action.expires.as_ref().filter(|t| key_placeholder(&t.attribute) == name) {
                // The TTL the update recomputes, as the generated code does: the new date + days.
                Some(ttl) => {
                    let date = case.inputs.get(&ttl.from).and_then(Value::as_key_text);
                    date.and_then(epoch_seconds).map(|s| Value::int(s + i64::from(ttl.days) * 86_400))
                }
                None => case.inputs.get(name).cloned(),
            },
        };
        let expression = |text: &Option<String>| {
            text.as_deref().map(|t| Expression::new(t, &value_of).map_err(ProveError::from)).transpose()
        };
        let item = case.item.as_ref().map(|attrs| {
            // The plan's key, not the design's: a wrong plan must show.
            let mut item = to_item(attrs);
            item.extend(key.clone());
            item
        });
        Ok(Prepared {
            action: action.action.clone(),
            key,
            item,
            condition: expression(&action.condition)?,
            update: expression(&action.update)?,
        })
    }

    async fn transact(&self, prepared: Vec<Prepared>) -> Result<(bool, Option<String>, f64), ProveError> {
        let items: Vec<TransactWriteItem> =
            prepared.into_iter().map(|p| self.transact_item(p)).collect::<Result<_, _>>()?;
        let sent = self
            .client
            .transact_write_items()
            .set_transact_items(Some(items))
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .send()
            .await;
        match sent {
            Ok(out) => Ok((true, None, out.consumed_capacity.iter().flatten().filter_map(|c| c.capacity_units).sum())),
            Err(e) => match e.as_service_error() {
                Some(TransactWriteItemsError::TransactionCanceledException(c)) => {
                    let reasons: Vec<String> = c
                        .cancellation_reasons()
                        .iter()
                        .enumerate()
                        .filter_map(|(i, r)| {
                            r.code().filter(|c| *c != "None").map(|code| format!("action {}: {code}", i + 1))
                        })
                        .collect();
                    Ok((false, Some(reasons.join(", ")), 0.0))
                }
                _ => Err(self.aws("TransactWriteItems", &e)),
            },
        }
    }

    fn transact_item(&self, p: Prepared) -> Result<TransactWriteItem, ProveError> {
        let (names, values) = bindings(&[&p.condition, &p.update]);
        let condition = p.condition.map(|c| c.text);
        let build = |e: aws_sdk_dynamodb::error::BuildError| ProveError::Build(e.to_string());
        let item = TransactWriteItem::builder();
        Ok(match p.action.as_str() {
            "Put" => item
                .put(
                    Put::builder()
                        .table_name(self.table)
                        .set_item(p.item)
                        .set_condition_expression(condition)
                        .set_expression_attribute_names(names)
                        .set_expression_attribute_values(values)
                        .build()
                        .map_err(build)?,
                )
                .build(),
            "Update" => item
                .update(
                    Update::builder()
                        .table_name(self.table)
                        .set_key(Some(p.key))
                        .set_update_expression(p.update.map(|u| u.text))
                        .set_condition_expression(condition)
                        .set_expression_attribute_names(names)
                        .set_expression_attribute_values(values)
                        .build()
                        .map_err(build)?,
                )
                .build(),
            "Delete" => item
                .delete(
                    Delete::builder()
                        .table_name(self.table)
                        .set_key(Some(p.key))
                        .set_condition_expression(condition)
                        .set_expression_attribute_names(names)
                        .set_expression_attribute_values(values)
                        .build()
                        .map_err(build)?,
                )
                .build(),
            _ => item
                .condition_check(
                    ConditionCheck::builder()
                        .table_name(self.table)
                        .set_key(Some(p.key))
                        .set_condition_expression(condition)
                        .set_expression_attribute_names(names)
                        .set_expression_attribute_values(values)
                        .build()
                        .map_err(build)?,
                )
                .build(),
        })
    }

    async fn single(&self, p: Prepared) -> Result<(bool, Option<String>, f64), ProveError> {
        let (names, values) = bindings(&[&p.condition, &p.update]);
        let condition = p.condition.map(|c| c.text);
        let total = ReturnConsumedCapacity::Total;
        let result = match p.action.as_str() {
            "Put" => self
                .client
                .put_item()
                .table_name(self.table)
                .set_item(p.item)
                .set_condition_expression(condition)
                .set_expression_attribute_names(names)
                .set_expression_attribute_values(values)
                .return_consumed_capacity(total)
                .send()
                .await
                .map(|o| o.consumed_capacity)
                .map_err(|e| {
                    (e.as_service_error().is_some_and(|s| s.is_conditional_check_failed_exception()), message(&e))
                }),
            "Update" => self
                .client
                .update_item()
                .table_name(self.table)
                .set_key(Some(p.key))
                .set_update_expression(p.update.map(|u| u.text))
                .set_condition_expression(condition)
                .set_expression_attribute_names(names)
                .set_expression_attribute_values(values)
                .return_consumed_capacity(total)
                .send()
                .await
                .map(|o| o.consumed_capacity)
                .map_err(|e| {
                    (e.as_service_error().is_some_and(|s| s.is_conditional_check_failed_exception()), message(&e))
                }),
            _ => self
                .client
                .delete_item()
                .table_name(self.table)
                .set_key(Some(p.key))
                .set_condition_expression(condition)
                .set_expression_attribute_names(names)
                .set_expression_attribute_values(values)
                .return_consumed_capacity(total)
                .send()
                .await
                .map(|o| o.consumed_capacity)
                .map_err(|e| {
                    (e.as_service_error().is_some_and(|s| s.is_conditional_check_failed_exception()), message(&e))
                }),
        };
        match result {
            Ok(c) => Ok((true, None, super::read::units(c.as_ref()))),
            Err((true, _)) => Ok((false, Some("ConditionalCheckFailed".into()), 0.0)),
            Err((false, text)) => {
                Err(ProveError::Aws { operation: "write", table: self.table.to_string(), message: text })
            }
        }
    }

    pub(super) async fn read(&self, key: &ItemKey) -> Result<Option<IndexMap<String, Value>>, ProveError> {
        let out = self
            .client
            .get_item()
            .table_name(self.table)
            .set_key(Some(self.key(key)))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| self.aws("GetItem", &e))?;
        Ok(out.item.as_ref().map(from_item))
    }

    /// Puts back the seeded item at each key, or deletes what the sample does not hold.
    pub async fn restore(&self, keys: &BTreeSet<ItemKey>) -> Result<(), ProveError> {
        for key in keys {
            match self.sample.by_key_one(key) {
                Some(item) => {
                    self.client
                        .put_item()
                        .table_name(self.table)
                        .set_item(Some(to_item(&item.attributes)))
                        .send()
                        .await
                        .map_err(|e| self.aws("PutItem", &e))?;
                }
                None => {
                    self.client
                        .delete_item()
                        .table_name(self.table)
                        .set_key(Some(self.key(key)))
                        .send()
                        .await
                        .map_err(|e| self.aws("DeleteItem", &e))?;
                }
            }
        }
        Ok(())
    }

    fn key(&self, key: &ItemKey) -> HashMap<String, AttributeValue> {
        let [pk, sk] = &self.sample.key_names;
        HashMap::from([
            (pk.clone(), to_attribute(&self.design.key_value(pk, key.pk.clone()))),
            (sk.clone(), to_attribute(&self.design.key_value(sk, key.sk.clone()))),
        ])
    }

    fn aws<E: std::error::Error + aws_sdk_dynamodb::error::ProvideErrorMetadata + 'static>(
        &self,
        operation: &'static str,
        err: &E,
    ) -> ProveError {
        ProveError::Aws { operation, table: self.table.to_string(), message: message(err) }
    }
}

type Names = Option<HashMap<String, String>>;
type Values = Option<HashMap<String, AttributeValue>>;

fn bindings(expressions: &[&Option<Expression>]) -> (Names, Values) {
    let mut names = HashMap::new();
    let mut values = HashMap::new();
    for e in expressions.iter().copied().flatten() {
        names.extend(e.names.clone());
        values.extend(e.values.clone());
    }
    ((!names.is_empty()).then_some(names), (!values.is_empty()).then_some(values))
}

fn matches_state(live: Option<&IndexMap<String, Value>>, expected: Option<&IndexMap<String, Value>>) -> bool {
    match (live, expected) {
        (None, None) => true,
        (Some(a), Some(b)) => a.len() == b.len() && b.iter().all(|(k, v)| a.get(k).is_some_and(|w| same(v, w))),
        _ => false,
    }
}

fn state_difference(
    case: &ActionCase,
    live: Option<&IndexMap<String, Value>>,
    expected: Option<&IndexMap<String, Value>>,
    succeeded: bool,
) -> String {
    let when = if succeeded { "after the write" } else { "after the rejected write" };
    match (live, expected) {
        (None, Some(_)) => format!("{} {} is missing {when}", case.entity, case.key),
        (Some(_), None) => format!("{} {} exists {when} but must not", case.entity, case.key),
        (Some(a), Some(b)) => {
            let differing: Vec<String> = b
                .iter()
                .filter(|(k, v)| a.get(*k).is_none_or(|w| !same(v, w)))
                .map(|(k, v)| format!("{k} = {:?} (expected {:?})", a.get(k), v))
                .chain(a.keys().filter(|k| !b.contains_key(*k)).map(|k| format!("{k} should not be there")))
                .collect();
            format!("{} {} {when}: {}", case.entity, case.key, differing.join("; "))
        }
        (None, None) => String::new(),
    }
}
