//! Runs a read plan on the live table as an application would: GetItem, Query
//! (every page, every shard of a fan-out, merged in the index's order, cut to the
//! limit), Scan, BatchGetItem (100 keys at a time, unprocessed keys retried) and the
//! follow-up requests that use what the previous one returned.

use std::collections::HashMap;
use std::time::Duration;

use aws_sdk_dynamodb::types::{AttributeValue, ConsumedCapacity, KeysAndAttributes, ReturnConsumedCapacity};
use aws_sdk_dynamodb::Client;
use indexmap::IndexMap;
use tablewright_engine::design::{Consistency, Design, Operation, Plan, Request, TABLE};
use tablewright_engine::expression;
use tablewright_engine::sample::{Rng, Value};

use super::expression::Expression;
use crate::convert::{from_item, to_attribute};
use crate::error::{message, ProveError};
use crate::retry::backoff;
use tablewright_engine::design::bind::{key_values, sharded, Source};

pub type Item = IndexMap<String, Value>;

#[derive(Debug, Default)]
pub struct Answer {
    pub items: Vec<Item>,
    pub capacity: f64,
    pub requests: usize,
}

pub struct Reader<'a> {
    pub client: &'a Client,
    pub table: &'a str,
    pub design: &'a Design,
}

impl Reader<'_> {
    pub async fn run(&self, plan: &Plan, params: &Item) -> Result<Answer, ProveError> {
        let mut answer = self.request(&plan.request, &Source { shard: None, maps: vec![params] }).await?;
        for next in &plan.then {
            let previous = std::mem::take(&mut answer.items);
            if next.operation == Operation::BatchGetItem {
                let sources: Vec<Source<'_>> =
                    previous.iter().map(|i| Source { shard: None, maps: vec![i, params] }).collect();
                let step = self.batch_get(next, &sources).await?;
                answer.items = step.items;
                answer.capacity += step.capacity;
                answer.requests += step.requests;
            } else {
                for item in &previous {
                    let step = self.request(next, &Source { shard: None, maps: vec![item, params] }).await?;
                    answer.items.extend(step.items);
                    answer.capacity += step.capacity;
                    answer.requests += step.requests;
                }
            }
        }
        Ok(answer)
    }

    async fn request(&self, r: &Request, source: &Source<'_>) -> Result<Answer, ProveError> {
        match r.operation {
            Operation::GetItem => self.get(r, source).await,
            Operation::Query => {
                let key = r.key.as_ref().ok_or_else(|| plan_error("a Query without a key condition"))?;
                if r.count > 1 && sharded(key) {
                    let shards = futures::future::try_join_all((0..r.count).map(|s| {
                        let source = Source { shard: Some(s), maps: source.maps.clone() };
                        async move { self.query(r, &source).await }
                    }))
                    .await?;
                    Ok(merge(r, shards, &self.design.key_attributes(&r.index).1))
                } else {
                    self.query(r, source).await
                }
            }
            Operation::Scan => self.scan(r, source).await,
            Operation::BatchGetItem => self.batch_get(r, std::slice::from_ref(source)).await,
            other => Err(plan_error(&format!("{other:?} is not a read"))),
        }
    }

    async fn get(&self, r: &Request, source: &Source<'_>) -> Result<Answer, ProveError> {
        let key = self.key(r, source)?;
        let out = self
            .client
            .get_item()
            .table_name(self.table)
            .set_key(Some(key))
            .consistent_read(r.consistency == Some(Consistency::Strong))
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .send()
            .await
            .map_err(|e| self.aws("GetItem", &e))?;
        Ok(Answer {
            items: out.item.iter().map(from_item).collect(),
            capacity: units(out.consumed_capacity.as_ref()),
            requests: 1,
        })
    }

    async fn query(&self, r: &Request, source: &Source<'_>) -> Result<Answer, ProveError> {
        let key = r.key.as_ref().ok_or_else(|| plan_error("a Query without a key condition"))?;
        let text = r.key_condition.clone().ok_or_else(|| plan_error("a Query without a key condition"))?;
        let mut values: HashMap<String, AttributeValue> =
            key_values(self.design, key, source)?.into_iter().map(|(k, v)| (k, to_attribute(&v))).collect();
        let filter = self.filter(r, source)?;
        let mut names: HashMap<String, String> = expression::placeholders(&text).into_iter().collect();
        if let Some(f) = &filter {
            names.extend(f.names.clone());
            values.extend(f.values.clone());
        }
        let mut answer = Answer::default();
        let mut start = None;
        loop {
            let out = self
                .client
                .query()
                .table_name(self.table)
                .set_index_name((r.index != TABLE).then(|| self.design.deployed_index(&r.index).to_string()))
                .key_condition_expression(&text)
                .set_filter_expression(filter.as_ref().map(|f| f.text.clone()))
                .set_expression_attribute_names((!names.is_empty()).then(|| names.clone()))
                .set_expression_attribute_values(Some(values.clone()))
                .set_scan_index_forward(r.scan_index_forward)
                .set_limit(r.page_size.map(|l| l as i32))
                .consistent_read(r.consistency == Some(Consistency::Strong))
                .return_consumed_capacity(ReturnConsumedCapacity::Total)
                .set_exclusive_start_key(start.take())
                .send()
                .await
                .map_err(|e| self.aws("Query", &e))?;
            answer.requests += 1;
            answer.capacity += units(out.consumed_capacity.as_ref());
            answer.items.extend(out.items.unwrap_or_default().iter().map(from_item));
            let full = r.limit.is_some_and(|l| answer.items.len() >= l as usize);
            match out.last_evaluated_key {
                Some(k) if !k.is_empty() && !full => start = Some(k),
                _ => break,
            }
        }
        if let Some(limit) = r.limit {
            answer.items.truncate(limit as usize);
        }
        Ok(answer)
    }

    async fn scan(&self, r: &Request, source: &Source<'_>) -> Result<Answer, ProveError> {
        let filter = self.filter(r, source)?;
        let mut answer = Answer::default();
        let mut start = None;
        loop {
            let out = self
                .client
                .scan()
                .table_name(self.table)
                .set_index_name((r.index != TABLE).then(|| self.design.deployed_index(&r.index).to_string()))
                .set_filter_expression(filter.as_ref().map(|f| f.text.clone()))
                .set_expression_attribute_names(filter.as_ref().map(|f| f.names.clone()).filter(|n| !n.is_empty()))
                .set_expression_attribute_values(filter.as_ref().map(|f| f.values.clone()).filter(|v| !v.is_empty()))
                .consistent_read(r.consistency == Some(Consistency::Strong))
                .return_consumed_capacity(ReturnConsumedCapacity::Total)
                .set_exclusive_start_key(start.take())
                .send()
                .await
                .map_err(|e| self.aws("Scan", &e))?;
            answer.requests += 1;
            answer.capacity += units(out.consumed_capacity.as_ref());
            answer.items.extend(out.items.unwrap_or_default().iter().map(from_item));
            match out.last_evaluated_key {
                Some(k) if !k.is_empty() => start = Some(k),
                _ => break,
            }
        }
        if let Some(limit) = r.limit {
            answer.items.truncate(limit as usize);
        }
        Ok(answer)
    }

    async fn batch_get(&self, r: &Request, sources: &[Source<'_>]) -> Result<Answer, ProveError> {
        let mut keys: Vec<HashMap<String, AttributeValue>> = Vec::new();
        for source in sources {
            let key = self.key(r, source)?;
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        let mut answer = Answer::default();
        let mut rng = Rng::new(keys.len() as u64);
        for chunk in keys.chunks(100) {
            let mut pending = chunk.to_vec();
            let mut attempt = 0;
            while !pending.is_empty() {
                let request = KeysAndAttributes::builder()
                    .set_keys(Some(pending.clone()))
                    .consistent_read(r.consistency == Some(Consistency::Strong))
                    .build()
                    .map_err(|e| ProveError::Build(e.to_string()))?;
                let out = self
                    .client
                    .batch_get_item()
                    .request_items(self.table, request)
                    .return_consumed_capacity(ReturnConsumedCapacity::Total)
                    .send()
                    .await
                    .map_err(|e| self.aws("BatchGetItem", &e))?;
                answer.requests += 1;
                answer.capacity += out.consumed_capacity.iter().flatten().filter_map(|c| c.capacity_units).sum::<f64>();
                let found = out.responses.and_then(|mut r| r.remove(self.table)).unwrap_or_default();
                answer.items.extend(found.iter().map(from_item));
                pending =
                    out.unprocessed_keys.and_then(|mut u| u.remove(self.table)).map(|k| k.keys).unwrap_or_default();
                if !pending.is_empty() {
                    tokio::time::sleep(backoff(attempt, Duration::from_millis(25), Duration::from_secs(2), &mut rng))
                        .await;
                    attempt += 1;
                }
            }
        }
        Ok(answer)
    }

    /// The whole primary key a GetItem or BatchGetItem names.
    fn key(&self, r: &Request, source: &Source<'_>) -> Result<HashMap<String, AttributeValue>, ProveError> {
        let key = r.key.as_ref().ok_or_else(|| plan_error("a request without a key"))?;
        let mut out = HashMap::new();
        let value = |attribute: &str, text| to_attribute(&self.design.key_value(attribute, text));
        out.insert(
            key.partition.attribute.clone(),
            value(&key.partition.attribute, source.render(&key.partition.value)?),
        );
        if let Some(sort) = &key.sort {
            let text = sort.values.first().ok_or_else(|| plan_error("a sort key without a value"))?;
            out.insert(sort.attribute.clone(), value(&sort.attribute, source.render(text)?));
        }
        Ok(out)
    }

    /// The request's filter with its values: the design writes in the values it
    /// knows; the rest are parameters.
    fn filter(&self, r: &Request, source: &Source<'_>) -> Result<Option<Expression>, ProveError> {
        let Some(text) = &r.filter else { return Ok(None) };
        Expression::new(text, &|name: &str| source.get(name)).map(Some).map_err(ProveError::from)
    }

    fn aws<E: std::error::Error + aws_sdk_dynamodb::error::ProvideErrorMetadata + 'static>(
        &self,
        operation: &'static str,
        err: &E,
    ) -> ProveError {
        ProveError::Aws { operation, table: self.table.to_string(), message: message(err) }
    }
}

/// The shards' answers as one: in the index's sort-key order when the plan orders
/// (each shard is in order; the merge keeps it), concatenated otherwise; cut to the limit.
fn merge(r: &Request, shards: Vec<Answer>, sk: &str) -> Answer {
    let mut answer = Answer::default();
    for shard in shards {
        answer.items.extend(shard.items);
        answer.capacity += shard.capacity;
        answer.requests += shard.requests;
    }
    if let Some(forward) = r.scan_index_forward {
        let text = |i: &Item| i.get(sk).and_then(Value::as_key_text).unwrap_or_default().to_string();
        answer.items.sort_by_key(text);
        if !forward {
            answer.items.reverse();
        }
    }
    if let Some(limit) = r.limit {
        answer.items.truncate(limit as usize);
    }
    answer
}

pub fn units(c: Option<&ConsumedCapacity>) -> f64 {
    c.and_then(|c| c.capacity_units).unwrap_or(0.0)
}

fn plan_error(text: &str) -> ProveError {
    ProveError::Plan(text.to_string())
}
