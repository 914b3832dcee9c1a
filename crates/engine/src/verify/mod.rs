//! The verifier: judges any model + design pair (derived, pinned by hand, or
//! imported) on its own, without asking the deriver. For every pattern it checks
//! that the plan can run and returns exactly the right items.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::design::capacity::{GSI_LIMIT, LSI_LIMIT};
use crate::design::naming::was_placeholder;
use crate::design::{
    Action, Consistency, CopiedAttribute, Design, EntityKeys, KeyCondition, Operation, Plan, Projection, Request,
    SparseCondition, Ttl, TABLE,
};
use crate::edit::Fix;
use crate::expression::Literal;
use crate::graph::ErGraph;
use crate::model::{
    AccessPattern, AttrType, Cardinality, ConditionOp, Filter, FilterOp, FilterTest, Model, PatternKind, RangeOp,
    Relationship, StepAction, Update, UpdateAction, WriteCondition,
};
use crate::template::{Part, Template, SHARD};
use crate::value::{canonical_number, Value};

mod findings;
mod fix;

use findings::Findings;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Verification {
    /// Problems of the design as a whole (limits, unknown attributes in templates).
    pub design: Vec<String>,
    pub patterns: Vec<Verdict>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Verdict {
    pub pattern: String,
    pub ok: bool,
    /// Why it fails; empty when it passes.
    pub reasons: Vec<String>,
    /// Changes of the model that answer the reasons, each one edit.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<Fix>>"))]
    pub fixes: Vec<Fix>,
}

impl Verification {
    pub fn ok(&self) -> bool {
        self.design.is_empty() && self.patterns.iter().all(|v| v.ok)
    }
}

pub fn verify(model: &Model, design: &Design) -> Verification {
    let graph = ErGraph::new(model);
    let checker = Checker::new(&graph, design);
    let plans: HashMap<&str, &Plan> = design.plans.iter().map(|plan| (plan.pattern.as_str(), plan)).collect();
    let patterns = model
        .access_patterns
        .iter()
        .map(|p| {
            let mut found = Findings::default();
            match plans.get(p.id.as_str()) {
                None => found.push("the design has no plan for it".to_string()),
                Some(plan) => checker.pattern(p, plan, &mut found),
            }
            let Findings { reasons, fixes } = found;
            Verdict { pattern: p.id.clone(), ok: reasons.is_empty(), reasons, fixes }
        })
        .collect();
    Verification { design: checker.design_checks(), patterns }
}

struct Checker<'a, 'm> {
    graph: &'a ErGraph<'m>,
    design: &'a Design,
    /// The design's entities by name.
    entities: HashMap<&'a str, &'a EntityKeys>,
    /// Per index, the key templates of the items written there, parsed once.
    slots: HashMap<String, KeySlots<'a>>,
}

/// The items of one index, grouped by the first literal of their partition key
/// template and within that by the first literal of their sort key template, so
/// that a key condition is matched against the few items whose keys could hold
/// its values rather than against every item (an overloaded index can hold
/// thousands of item types under `STATUS#{status}`).
#[derive(Default)]
struct KeySlots<'a> {
    by_first_literals: BTreeMap<String, BTreeMap<String, Vec<Slot<'a>>>>,
}

/// An item type and its partition and sort key templates in one index.
type Slot<'a> = (&'a str, Template, Template);

impl<'a> KeySlots<'a> {
    fn insert(&mut self, entity: &'a str, pk: Template, sk: Template) {
        let by_sort = self.by_first_literals.entry(first_literal(&pk)).or_default();
        by_sort.entry(first_literal(&sk)).or_default().push((entity, pk, sk));
    }

    /// The items whose partition key could equal `partition` and whose sort key
    /// could start with `sort_prefix`, what every key the sort condition accepts
    /// starts with.
    fn candidates(&self, partition: &Template, sort_prefix: Option<&str>) -> Vec<&Slot<'a>> {
        compatible(&self.by_first_literals, &first_literal(partition))
            .into_iter()
            .flat_map(|by_sort| match sort_prefix {
                Some(prefix) => compatible(by_sort, prefix),
                None => by_sort.values().collect(),
            })
            .flatten()
            .collect()
    }
}

/// The values of `map` whose keys (first literals of templates) agree with
/// `first` as far as the shorter goes: the templates that could make a string
/// starting with `first`.
fn compatible<'m, V>(map: &'m BTreeMap<String, V>, first: &str) -> Vec<&'m V> {
    let shorter = (0..=first.len()).filter(|&n| first.is_char_boundary(n)).filter_map(|n| map.get(&first[..n]));
    let longer = map
        .range::<str, _>((std::ops::Bound::Excluded(first), std::ops::Bound::Unbounded))
        .take_while(|(k, _)| k.starts_with(first))
        .map(|(_, v)| v);
    shorter.chain(longer).collect()
}

fn first_literal(t: &Template) -> String {
    match t.parts().first() {
        Some(Part::Literal(l)) => l.clone(),
        _ => String::new(),
    }
}

impl<'a, 'm> Checker<'a, 'm> {
    fn new(graph: &'a ErGraph<'m>, design: &'a Design) -> Self {
        let entities = design.entities.iter().map(|e| (e.name.as_str(), e)).collect();
        let mut slots: HashMap<String, KeySlots<'a>> = HashMap::new();
        let indexes =
            std::iter::once(TABLE.to_string()).chain(design.gsis.iter().chain(&design.lsis).map(|i| i.name.clone()));
        for index in indexes {
            let (pk_name, sk_name) = design.key_attributes(&index);
            let mut index_slots = KeySlots::default();
            for e in &design.entities {
                if let (Some(pk), Some(sk)) = (template(e, &pk_name), template(e, &sk_name)) {
                    index_slots.insert(&e.name, pk, sk);
                }
            }
            slots.insert(index, index_slots);
        }
        Checker { graph, design, entities, slots }
    }

    /// The relationships of a copy's path, when they lead down, one after the
    /// other, from the ancestor whose identifier it copies to `entity`.
    fn copy_path(&self, entity: &str, copy: &CopiedAttribute) -> Option<Vec<&'a Relationship>> {
        let path: Vec<&Relationship> =
            copy.path.iter().map(|name| self.graph.relationship(name)).collect::<Option<_>>()?;
        let linked = path.windows(2).all(|w| w[0].to == w[1].from);
        let identifies = self.graph.entity(&copy.from)?.identifier().iter().any(|a| a.name == copy.attribute);
        let ends = path.first()?.from == copy.from && path.last()?.to == entity;
        (linked && identifies && ends && path.len() >= 2).then_some(path)
    }

    fn entity(&self, name: &str) -> Option<&'a EntityKeys> {
        self.entities.get(name).copied()
    }

    fn design_checks(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.design.gsis.len() > GSI_LIMIT {
            out.push(format!("{} GSIs exceed the quota of {GSI_LIMIT}", self.design.gsis.len()));
        }
        if self.design.lsis.len() > LSI_LIMIT {
            out.push(format!("{} LSIs exceed the limit of {LSI_LIMIT}", self.design.lsis.len()));
        }
        let key_names: BTreeSet<String> = self
            .index_names()
            .iter()
            .flat_map(|i| {
                let (pk, sk) = self.design.key_attributes(i);
                [pk, sk]
            })
            .collect();
        for entity in &self.design.entities {
            for (attr, text) in &entity.keys {
                if !key_names.contains(attr) {
                    out.push(format!(
                        "{} writes {attr}, which is no key attribute of the table or its indexes",
                        entity.name
                    ));
                }
                match Template::parse(text) {
                    Err(e) => out.push(format!("{}'s {attr} template '{text}' is malformed: {e}", entity.name)),
                    Ok(t) => {
                        for a in t.attributes().filter(|a| *a != SHARD) {
                            let copied = entity.copies.iter().any(|c| c.attribute == a);
                            if self.graph.resolve_attribute(&entity.name, a).is_some() || copied {
                                continue;
                            }
                            out.push(match self.graph.resolve_input(&entity.name, a) {
                                Some(_) => format!(
                                    "{}'s {attr} = {text} uses '{a}', an ancestor's identifier its items hold only where the design copies it onto them, and it does not",
                                    entity.name
                                ),
                                None => format!("{}'s {attr} = {text} uses '{a}', which its items do not carry", entity.name),
                            });
                        }
                        let sharded = entity.shards.contains_key(attr);
                        if t.attributes().any(|a| a == SHARD) != sharded {
                            out.push(format!(
                                "{}'s {attr} = {text}: a {{_shard}} placeholder and a shard count go together",
                                entity.name
                            ));
                        }
                    }
                }
            }
            for copy in &entity.copies {
                let Some(path) = self.copy_path(&entity.name, copy) else {
                    out.push(format!(
                        "{}'s copy of {} names the path {}, which does not lead down from {} (whose identifier it is) to {}",
                        entity.name,
                        copy.attribute,
                        copy.path.join("."),
                        copy.from,
                        entity.name
                    ));
                    continue;
                };
                if let Some((w, r)) = self.graph.moving_write(&path) {
                    out.push(format!(
                        "{}'s copy of {} goes stale when {} moves {} to another {}: the items below it keep the old one",
                        entity.name, copy.attribute, w.id, crate::words::with_article(&r.to), r.from
                    ));
                }
            }
            let (pk, sk) = (&self.design.table.partition_key.name, &self.design.table.sort_key.name);
            if !entity.keys.contains_key(pk) || !entity.keys.contains_key(sk) {
                out.push(format!("{} has no table keys ({pk} and {sk})", entity.name));
            }
        }
        out.extend(colliding_table_keys(self.design));
        out
    }

    fn index_names(&self) -> Vec<String> {
        std::iter::once(TABLE.to_string())
            .chain(self.design.gsis.iter().chain(&self.design.lsis).map(|i| i.name.clone()))
            .collect()
    }

    fn pattern(&self, p: &AccessPattern, plan: &Plan, reasons: &mut Findings) {
        match p.kind {
            PatternKind::ReadOne | PatternKind::ReadMany => self.read(p, plan, reasons),
            PatternKind::Put | PatternKind::Update | PatternKind::Delete => self.write(p, plan, reasons),
            PatternKind::Transaction => self.transaction(p, plan, reasons),
            PatternKind::Expire => self.expire(p, plan, reasons),
        }
    }

    fn read(&self, p: &AccessPattern, plan: &Plan, reasons: &mut Findings) {
        let requests: Vec<&Request> = std::iter::once(&plan.request).chain(&plan.then).collect();
        let mut known: BTreeSet<String> = p.inputs.iter().cloned().collect();
        if let Some(range) = &p.range {
            for suffix in ["", ".from", ".to"] {
                known.insert(format!("{}{suffix}", range.attribute));
            }
        }
        let mut previous: Option<String> = None;
        for (n, request) in requests.iter().enumerate() {
            if let Some(prev) = &previous {
                known.extend(self.carried(prev));
                if n + 1 == requests.len() {
                    known.retain(|a| !self.carried_for_another_relationship(p, a));
                }
            }
            let matched = self.request(p, request, &known, n > 0, reasons);
            if n == 0 {
                self.relationship_kept(p, &requests, &matched, reasons);
            }
            if n + 1 == requests.len() {
                let wanted: BTreeSet<String> = std::iter::once(&p.entity).chain(&p.with).cloned().collect();
                for kind in wanted.intersection(&matched) {
                    self.key_shape_kept(request, kind, reasons);
                }
                self.absent_keys_kept(p, request, wanted.intersection(&matched), true, reasons);
                self.sparse_kept(p, request, reasons);
                self.same_items(p, request, &matched, &wanted, reasons);
            } else if matched.len() == 1 {
                for kind in &matched {
                    self.key_shape_kept(request, kind, reasons);
                }
            } else {
                self.absent_keys_kept(p, request, matched.iter(), false, reasons);
                reasons.push(format!(
                    "request {} should find one kind of item to continue from, but its key matches {:?}",
                    n + 1,
                    matched
                ));
            }
            previous = matched.into_iter().next();
        }
        self.order_kept(p, &requests, reasons);
        range_kept(p, &requests, reasons);
        limit_kept(p, &requests, reasons);
        inputs_kept(p, &requests, reasons);
        self.projected_enough(p, &requests, reasons);
        if let Some(f) = &p.filter {
            if !requests.iter().any(|r| filter_applied(f, r)) && !self.sparse_serves(p, requests.last().copied()) {
                reasons.push("the pattern's filter is neither applied nor built into a sparse index".to_string());
            }
        }
    }

    /// Every request on a secondary index gets from it what the read uses: an
    /// index returns only the attributes it projects (a filter on another sees
    /// it missing), whatever the table holds.
    fn projected_enough(&self, p: &AccessPattern, requests: &[&Request], reasons: &mut Findings) {
        use crate::design::derive::projection::{needed, Needed};
        for (k, r) in requests.iter().enumerate() {
            let Some(index) = self.design.gsis.iter().chain(&self.design.lsis).find(|i| i.name == r.index) else {
                continue;
            };
            // Every index holds its own and the table's key attributes, which
            // may be the items' own attributes (a table keyed by `customerId`).
            let keys =
                [&self.design.table.partition_key, &self.design.table.sort_key, &index.partition_key, &index.sort_key];
            let mut projected: Vec<&String> = keys.into_iter().map(|k| &k.name).collect();
            match &index.projection {
                Projection::All => continue,
                Projection::KeysOnly => {}
                Projection::Include(attributes) => projected.extend(attributes),
            }
            let missing: Vec<String> = match needed(p, requests, k) {
                Needed::Every => vec!["every attribute".to_string()],
                Needed::These(attributes) => attributes
                    .into_iter()
                    .filter(|a| !crate::model::is_reserved_attribute(a) && a != SHARD && !projected.contains(&a))
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect(),
            };
            if !missing.is_empty() {
                reasons.push(format!(
                    "{} projects {}, so request {} cannot get {} from it: project {}, or list what the read returns",
                    r.index,
                    crate::table_spec::projection_text(&index.projection),
                    k + 1,
                    missing.join(", "),
                    if missing.len() == 1 { "it" } else { "them" }
                ));
            }
        }
    }

    /// A read whose inputs identify a related entity must reach its target through
    /// the relationship it follows: read directly, the target's items match on the
    /// identifier they carry (their parent's); read in two steps, the first step
    /// finds the pair items of a many-to-many relationship or the children that
    /// name their parent.
    fn relationship_kept(
        &self,
        p: &AccessPattern,
        requests: &[&Request],
        first: &BTreeSet<String>,
        reasons: &mut Findings,
    ) {
        let Some(rel) = self.graph.followed(p) else { return };
        let kept = match (requests, rel.cardinality) {
            ([_], Cardinality::ManyToMany) => false,
            ([_], _) => rel.to == p.entity,
            (_, Cardinality::ManyToMany) => first.len() == 1 && first.contains(&rel.name),
            (_, _) => rel.from == p.entity && first.len() == 1 && first.contains(&rel.to),
        };
        if !kept {
            let how = match requests {
                [_] => format!("reads the {} items by the {} they carry themselves", p.entity, p.inputs.join(", ")),
                _ => format!("starts from {:?} items", first.iter().collect::<Vec<_>>()),
            };
            reasons.push(format!(
                "{} follows {} from {} to {}, but the plan {how}, which answers another question",
                p.id,
                rel.name,
                p.inputs.join(", "),
                p.entity
            ));
        }
    }

    /// Whether `attr` is an attribute the target's items carry for a relationship
    /// other than the one the pattern follows (a post's author, where the pattern
    /// follows the users who liked it): the inputs and the items found on the way
    /// hold another entity's value under that name.
    fn carried_for_another_relationship(&self, p: &AccessPattern, attr: &str) -> bool {
        let (Some(target), Some(rel)) = (self.graph.entity(&p.entity), self.graph.followed(p)) else { return false };
        let through_parent = rel.cardinality != Cardinality::ManyToMany && rel.to == p.entity;
        !through_parent && target.attribute(attr).is_none()
    }

    /// The items come in the pattern's order: the Query that returns them sorts by
    /// the order attribute (the first sort-key part after what the condition fixes),
    /// in the right direction. BatchGetItem returns items in no order, and the order
    /// of the items found before it (pairs, children) is not the target's.
    fn order_kept(&self, p: &AccessPattern, requests: &[&Request], reasons: &mut Findings) {
        let (Some(order), PatternKind::ReadMany) = (&p.order, p.kind) else { return };
        let Some(&sorting) = requests.last() else { return };
        match sorting.operation {
            Operation::Query => {}
            Operation::BatchGetItem => {
                reasons.push(format!(
                    "BatchGetItem returns the {} items in no order, so they do not come ordered by {}",
                    p.entity, order.attribute
                ));
                return;
            }
            _ => return,
        }
        let kind = &p.entity;
        let descending = order.direction == crate::model::Order::Descending;
        if sorting.scan_index_forward == Some(descending) || (descending && sorting.scan_index_forward.is_none()) {
            let way = if descending { "descending" } else { "ascending" };
            reasons.push(format!("the Query on {} does not read {way}, as the order asks", sorting.index));
        }
        if sorting.count > 1 && sorting.merge.as_deref().is_none_or(|m| !m.contains(&order.attribute)) {
            reasons.push(format!(
                "the {} requests on {} are not merged by {}",
                sorting.count, sorting.index, order.attribute
            ));
        }
        if !self.sorts_by(kind, sorting, &order.attribute) {
            reasons.push(format!(
                "{}'s sort key on {} does not sort by {} after the part the key condition fixes, so the items do not come ordered by it",
                kind, sorting.index, order.attribute
            ));
        }
    }

    /// Whether `kind`'s sort key in `r.index`, past the part `r`'s sort condition
    /// fixes, starts with `attr`.
    fn sorts_by(&self, kind: &str, r: &Request, attr: &str) -> bool {
        let (_, sk_name) = self.design.key_attributes(&r.index);
        let Some(sk) = self.entity(kind).and_then(|e| template(e, &sk_name)) else {
            return false;
        };
        let fixed: BTreeSet<String> = r
            .key
            .iter()
            .flat_map(|k| &k.sort)
            .flat_map(|s| &s.values)
            .filter_map(|v| Template::parse(v).ok())
            .flat_map(|t| t.attributes().map(str::to_string).collect::<Vec<_>>())
            .filter(|a| a != attr && !a.starts_with(&format!("{attr}.")))
            .collect();
        let (_, used) = sk.known_prefix(&|a| fixed.contains(a));
        matches!(sk.parts().get(used), Some(Part::Attr { name, .. }) if name == attr)
    }

    /// Checks one request; returns the names of the items its key can match.
    fn request(
        &self,
        p: &AccessPattern,
        r: &Request,
        known: &BTreeSet<String>,
        follows: bool,
        reasons: &mut Findings,
    ) -> BTreeSet<String> {
        if r.operation == Operation::Scan {
            reasons.push("served by a Scan, which reads the whole table".to_string());
            return BTreeSet::new();
        }
        if !self.index_names().contains(&r.index) {
            reasons.push(format!("index {} does not exist", r.index));
            return BTreeSet::new();
        }
        let Some(key) = &r.key else {
            reasons.push(format!("{:?} without a key condition", r.operation));
            return BTreeSet::new();
        };
        let (pk_name, sk_name) = self.design.key_attributes(&r.index);
        if key.partition.attribute != pk_name || key.sort.as_ref().is_some_and(|s| s.attribute != sk_name) {
            reasons.push(format!(
                "the key condition names attributes that are not {}'s keys ({pk_name}, {sk_name})",
                r.index
            ));
        }
        let strong_needed = p.strongly_consistent;
        if strong_needed && (r.index.starts_with("GSI") || r.consistency != Some(Consistency::Strong)) {
            reasons.push(format!(
                "needs strong consistency, which {} with {:?} reads does not give (only the table and LSIs do)",
                r.index, r.consistency
            ));
        }
        if r.consistency == Some(Consistency::Strong) && r.index.starts_with("GSI") {
            reasons.push(format!("asks for a strongly consistent read on {}, which GSIs do not support", r.index));
        }
        let templates = std::iter::once(&key.partition.value).chain(key.sort.iter().flat_map(|s| &s.values));
        for text in templates {
            let Ok(t) = Template::parse(text) else {
                reasons.push(format!("malformed key value '{text}'"));
                continue;
            };
            for a in t.attributes() {
                let shard_fanout = a == SHARD && r.count > 1;
                if !known.contains(a) && !shard_fanout {
                    let source = if follows { "the inputs or the previous result" } else { "the pattern's inputs" };
                    reasons.push(format!("the key condition needs '{a}', which is not among {source}"));
                }
            }
        }
        if let Some(range) = &p.range {
            let in_partition = Template::parse(&key.partition.value)
                .is_ok_and(|t| t.attributes().any(|a| a.starts_with(&range.attribute)));
            if in_partition {
                reasons.push(format!(
                    "the range on {} is applied to the partition key, not the sort key",
                    range.attribute
                ));
            }
        }
        if r.operation == Operation::GetItem && (r.index != TABLE || key.sort.as_ref().is_none_or(|s| s.op != "=")) {
            reasons.push("GetItem needs the table's whole primary key by equality".to_string());
        }
        self.matching(r, key)
    }

    /// The items whose keys in `r.index` can satisfy `key`.
    fn matching(&self, r: &Request, key: &KeyCondition) -> BTreeSet<String> {
        let (Ok(partition), Some(slots)) = (Template::parse(&key.partition.value), self.slots.get(&r.index)) else {
            return BTreeSet::new();
        };
        // The sort condition's values, parsed once for every candidate.
        let sort: Option<(&str, Vec<Template>)> = key
            .sort
            .as_ref()
            .map(|s| (s.op.as_str(), s.values.iter().filter_map(|v| Template::parse(v).ok()).collect()));
        let sort_prefix = sort.as_ref().and_then(|(op, values)| sort_prefix(op, values));
        slots
            .candidates(&partition, sort_prefix.as_deref())
            .into_iter()
            .filter(|(_, pk, sk)| {
                pk.may_equal(&partition) && sort.as_ref().is_none_or(|(op, values)| sort_may_match(sk, op, values))
            })
            .map(|(name, _, _)| name.to_string())
            .collect()
    }

    fn same_items(
        &self,
        p: &AccessPattern,
        r: &Request,
        matched: &BTreeSet<String>,
        wanted: &BTreeSet<String>,
        reasons: &mut Findings,
    ) {
        let missing: Vec<&String> = wanted.difference(matched).collect();
        if !missing.is_empty() {
            reasons.push(format!("the key condition on {} cannot return {:?}", r.index, missing));
        }
        let type_filtered = r.filter.as_deref().is_some_and(|f| f.contains(&self.design.type_attribute));
        let extra: Vec<&String> = matched.difference(wanted).collect();
        if !extra.is_empty() && !type_filtered {
            reasons.push(format!(
                "the key condition on {} also returns {:?} items, which {} does not ask for",
                r.index, extra, p.id
            ));
        }
    }

    /// An item without an attribute its index key is built from is not in that
    /// index, so a read of the index misses it — right for a sparse index the
    /// pattern means (it asks for items that have the attribute: an input, its
    /// range or a filter on it), a wrong answer otherwise.
    fn absent_keys_kept<'k>(
        &self,
        p: &AccessPattern,
        r: &Request,
        kinds: impl Iterator<Item = &'k String>,
        last: bool,
        reasons: &mut Findings,
    ) {
        if r.index == TABLE {
            return;
        }
        // A filter narrows every item the request reads: it can ask for the
        // target's items with the attribute only where they are all it reads.
        let filterable = |kind: &str| last && kind == p.entity && p.with.is_empty();
        let asked = |a: &str| {
            p.inputs.iter().any(|i| i == a)
                || p.range.as_ref().is_some_and(|r| r.attribute == a)
                || p.filter
                    .as_ref()
                    .is_some_and(|f| f.tests_attribute(a) && !crate::filter::passes(f, &|_| None, &|_| None))
        };
        let (pk_name, sk_name) = self.design.key_attributes(&r.index);
        for kind in kinds {
            let Some(keys) = self.entity(kind) else { continue };
            for key in [&pk_name, &sk_name] {
                let Some(t) = template(keys, key) else { continue };
                let sparse_by_design = keys.sparse.contains_key(key);
                for a in t.attributes().filter(|a| *a != SHARD && !asked(a) && !sparse_by_design) {
                    if !self.graph.always_carries(kind, a) {
                        if let Some(fix) = fix::always_carry(self.graph, kind, a) {
                            reasons.offer(fix);
                        }
                        if filterable(kind) {
                            reasons.offer(fix::only_present(p, a));
                        }
                        reasons.push(format!(
                            "{}'s {key} on {} is {t}, built from {a}, which {kind} items may lack: those items are \
                             not in {}, so {} misses them. Make {a} required if every {kind} has one, or add a \
                             filter that {a} is present if the pattern wants only those",
                            kind, r.index, r.index, p.id
                        ));
                    }
                }
            }
        }
    }

    /// The key condition names `kind`'s keys in `r.index` as the design builds
    /// them, attribute for attribute: a template that only may produce the same
    /// text (`RESERVATION#{checkInDate}` against keys made `RESERVATION#{createdAt}`)
    /// compares the input with what another attribute wrote.
    fn key_shape_kept(&self, r: &Request, kind: &str, reasons: &mut Findings) {
        let (Some(key), Some(keys)) = (&r.key, self.entity(kind)) else { return };
        let (pk_name, sk_name) = self.design.key_attributes(&r.index);
        let sk_name = &sk_name;
        // Each value with its operator and whether it is an upper bound, which
        // alone may end a span (`ORDER#{account}$`).
        let sort = key.sort.iter().flat_map(|s| {
            let upper = |i: usize| matches!(s.op.as_str(), "<" | "<=") || (s.op == "between" && i == 1);
            s.values.iter().enumerate().map(move |(i, v)| (sk_name, v, s.op.as_str(), upper(i)))
        });
        let partition = std::iter::once((&pk_name, &key.partition.value, "=", false));
        for (name, value, op, upper) in partition.chain(sort) {
            let (Some(built), Ok(read)) = (template(keys, name), Template::parse(value)) else { continue };
            // A bound of literal text only (`ACCOUNT#` to `CUSTOMER$`, a collection's
            // span) reads text, not attributes: which items it matches is decided above.
            if !read.is_constant() && !names_alike(&read, &built, op == "=", upper) {
                reasons.push(format!(
                    "the key condition on {} reads {name} as {read}, but {kind}'s {name} there is {built}: it compares the request's values with what other attributes wrote",
                    r.index
                ));
            } else if op == "begins_with" && ends_inside_a_value(&read, &built) {
                reasons.push(format!(
                    "the key condition on {} asks for {name} beginning with {read}, which stops right after a value that {kind}'s {name} ({built}) follows with more: a value that begins another (1 and 10) matches both; end the prefix with the literal that follows the value",
                    r.index
                ));
            }
        }
    }

    /// A read of a sparse index asks only for the items it holds: the target's
    /// keys there are written only when a condition holds (`status = HELD`),
    /// so a pattern that does not ask for just those misses the others.
    fn sparse_kept(&self, p: &AccessPattern, r: &Request, reasons: &mut Findings) {
        let Some(entity) = self.entity(&p.entity).filter(|_| r.index != TABLE) else { return };
        let (pk, sk) = self.design.key_attributes(&r.index);
        for gate in [&pk, &sk].into_iter().filter_map(|k| entity.sparse.get(k)) {
            let by_filter =
                p.filter.as_ref().is_some_and(|f| f.required_tests().into_iter().any(|t| gate_means(gate, t)));
            let by_key = gate.value.is_none()
                && (p.inputs.contains(&gate.attribute)
                    || p.range.as_ref().is_some_and(|r| r.attribute == gate.attribute));
            if !by_filter && !by_key {
                reasons.push(format!(
                    "{}'s keys on {} are written only when {gate} (a sparse index), but {} does not ask for only those: the other {} items are missing from its answer",
                    p.entity, r.index, p.id, p.entity
                ));
                return;
            }
        }
    }

    /// The target's keys in the index are written only when the pattern's filter
    /// holds: the design makes the index sparse on it, or (for "is present") the
    /// index key is built from the attribute, so items without it are not there.
    fn sparse_serves(&self, p: &AccessPattern, r: Option<&Request>) -> bool {
        let (Some(filter), Some(r)) = (p.filter.as_ref().and_then(Filter::test), r) else {
            return false;
        };
        let Some(entity) = self.entity(&p.entity) else {
            return false;
        };
        let (pk, sk) = self.design.key_attributes(&r.index);
        let by_design = entity.sparse.get(&pk).is_some_and(|s| gate_means(s, filter));
        let by_absence = filter.op == FilterOp::Present
            && r.index != TABLE
            && [&pk, &sk]
                .into_iter()
                .filter_map(|k| template(entity, k))
                .any(|t| t.attributes().any(|a| a == filter.attribute));
        by_design || by_absence
    }

    /// Attributes an item of `name` carries, for a request that follows one returning it.
    fn carried(&self, name: &str) -> Vec<String> {
        let model = self.graph.model();
        let own = model
            .entity(name)
            .map(|e| e.attributes.iter().map(|a| a.name.clone()).collect::<Vec<_>>())
            .unwrap_or_default();
        let related = self.graph.relationships_of(name).into_iter().filter_map(|r| {
            let other = if r.from == name { &r.to } else { &r.from };
            self.graph.entity(other)
        });
        let ends = self
            .graph
            .relationship(name)
            .into_iter()
            .filter_map(|r| self.graph.entity(&r.from).zip(self.graph.entity(&r.to)));
        let ids = related
            .chain(ends.flat_map(|(a, b)| [a, b]))
            .flat_map(|e| e.identifier().into_iter().map(|a| a.name.clone()));
        own.into_iter().chain(ids).collect()
    }

    fn write(&self, p: &AccessPattern, plan: &Plan, reasons: &mut Findings) {
        let expected = match p.kind {
            PatternKind::Put => Operation::PutItem,
            PatternKind::Update => Operation::UpdateItem,
            _ => Operation::DeleteItem,
        };
        if plan.request.operation != expected {
            reasons.push(format!("the {:?} pattern is planned as {:?}", p.kind, plan.request.operation));
        }
        self.whole_key(&p.entity, plan.request.key.as_ref(), reasons);
        self.key_known(p, reasons);
        let condition = plan.actions.first().and_then(|a| a.condition.as_deref());
        conditions_kept(&p.entity, &p.conditions, condition, reasons);
        if let Some(action) = plan.actions.first() {
            self.operands_kept(&p.entity, &p.conditions, &p.updates, action, reasons);
        }
        if let (PatternKind::Update, Some(action)) = (p.kind, plan.actions.first()) {
            self.keys_kept(&p.entity, &p.updates, &p.conditions, action, reasons);
        }
    }

    fn transaction(&self, p: &AccessPattern, plan: &Plan, reasons: &mut Findings) {
        if plan.request.operation != Operation::TransactWriteItems {
            reasons.push(format!("a transaction is planned as {:?}", plan.request.operation));
        }
        if plan.actions.len() != p.steps.len() {
            reasons.push(format!("{} steps but {} actions", p.steps.len(), plan.actions.len()));
        }
        let most = crate::model::most_actions(plan.actions.iter().map(|a| a.for_each.as_ref()));
        if most > 100 {
            reasons.push(format!("TransactWriteItems takes at most 100 actions, the plan sends up to {most}"));
        }
        for (step, action) in p.steps.iter().zip(&plan.actions) {
            if action.entity != step.entity {
                reasons.push(format!("step on {} is planned on {}", step.entity, action.entity));
            }
            if action.for_each != step.for_each {
                reasons.push(format!(
                    "the step on {} is repeated {}, its action {}",
                    step.entity,
                    repeated(step.for_each.as_ref()),
                    repeated(action.for_each.as_ref())
                ));
            }
            self.whole_key(&step.entity, Some(&action.key), reasons);
            conditions_kept(&step.entity, &step.conditions, action.condition.as_deref(), reasons);
            self.operands_kept(&step.entity, &step.conditions, &step.updates, action, reasons);
            if step.action == StepAction::Update {
                self.keys_kept(&step.entity, &step.updates, &step.conditions, action, reasons);
            }
        }
    }

    fn expire(&self, p: &AccessPattern, plan: &Plan, reasons: &mut Findings) {
        if plan.request.operation != Operation::TimeToLive {
            reasons.push("expiry should be left to TTL".to_string());
        }
        let table_ttl = &self.graph.model().table.ttl_attribute;
        let entity_ttl = self.entity(&p.entity).and_then(|e| e.ttl.as_ref());
        match (table_ttl, entity_ttl) {
            (Some(t), Some(e)) if *t == e.attribute => {}
            _ => reasons.push("the table's TTL attribute is not written on the items".to_string()),
        }
        // The items' expiry must be the one the pattern asks for: a TTL counted
        // from another date, or over other days, deletes other items.
        if let (Some(retention), Some(ttl)) = (&p.retention, entity_ttl) {
            if (ttl.from.as_str(), ttl.days) != (retention.attribute.as_str(), retention.days) {
                reasons.push(format!(
                    "{} keeps {} items {} days from {}, but the design's TTL expires them {} days from {}",
                    p.id, p.entity, retention.days, retention.attribute, ttl.days, ttl.from
                ));
            }
        }
    }

    /// A write's key must be the entity's whole table key.
    fn whole_key(&self, entity: &str, key: Option<&KeyCondition>, reasons: &mut Findings) {
        let Some(e) = self.entity(entity) else {
            reasons.push(format!("the design has no keys for {entity}"));
            return;
        };
        let whole = key.is_some_and(|k| {
            let (pk, sk) = (&self.design.table.partition_key.name, &self.design.table.sort_key.name);
            Some(&k.partition.value) == e.keys.get(pk)
                && k.sort.as_ref().is_some_and(|s| s.op == "=" && s.values.first() == e.keys.get(sk))
        });
        if !whole {
            reasons.push(format!("the write does not name {entity}'s whole table key"));
        }
    }

    /// A write's inputs, when it lists them, give every part of the item's table
    /// key: what the caller does not know, the request cannot name.
    fn key_known(&self, p: &AccessPattern, reasons: &mut Findings) {
        let Some(e) = self.entity(&p.entity) else { return };
        let parse = |name: &str| e.keys.get(name).and_then(|t| Template::parse(t).ok());
        let table = &self.design.table;
        let (Some(pk), Some(sk)) = (parse(&table.partition_key.name), parse(&table.sort_key.name)) else { return };
        let missing = p.unknown_key_parts([&pk, &sk]);
        if !missing.is_empty() {
            reasons.push(format!(
                "the write is given {} but {}'s table key (PK = {pk}, SK = {sk}) also needs {}",
                p.inputs.join(", "),
                p.entity,
                missing.join(", ")
            ));
        }
    }

    /// A write's plan compares with, and writes, what the model says: each
    /// condition's and update's input, or the value the model fixes, in the
    /// attribute's type (a number bare, not quoted, which would never equal it).
    fn operands_kept(
        &self,
        entity: &str,
        conditions: &[WriteCondition],
        updates: &[Update],
        action: &Action,
        reasons: &mut Findings,
    ) {
        let typed = |attribute: &str, text: &str| match self.graph.resolve_attribute(entity, attribute) {
            Some(a) if a.attr_type == AttrType::Number => Literal::N(canonical_number(text)),
            Some(a) if a.attr_type == AttrType::Boolean => Literal::Bool(text == "true"),
            _ => Literal::S(text.to_string()),
        };
        let bound = |text: Option<&str>| crate::expression::bind_literals(text.unwrap_or_default());
        // An operand is kept when the plan compares the attribute with it by the
        // test's own operator (or sets or adds it), so that two tests of one
        // attribute cannot trade their values.
        let kept = |bound: &crate::expression::Literals, attribute: &str, wanted: Use, operand: Operand| {
            operands_of(&bound.text, attribute).iter().filter(|o| o.operation == wanted).any(|o| match operand {
                Operand { input: Some(input), .. } => o.token == format!(":{input}"),
                Operand { value: Some(value), .. } => bound.values.iter().any(|(placeholder, literal)| {
                    *placeholder == o.token && canonical(literal) == typed(attribute, value)
                }),
                Operand { other: Some(other), .. } => o.token == format!("#{other}"),
                _ => true,
            })
        };
        let condition = bound(action.condition.as_deref());
        for clause in conditions {
            for (c, negated) in clause.signed_tests() {
                let (Some(attribute), Some(operator)) = (c.attribute.as_deref(), c.op.operator(negated)) else {
                    continue;
                };
                let wrapped = c.op.wrapped_in_not(negated);
                let operand = Operand {
                    input: c.input.as_deref(),
                    value: c.value.as_deref(),
                    other: c.other_attribute.as_deref(),
                };
                if !kept(&condition, attribute, Use::Compare(operator, wrapped), operand) {
                    let (open, close) = if wrapped { ("NOT (", ")") } else { ("", "") };
                    reasons.push(format!(
                        "the plan's condition does not test {open}{attribute} {operator} {}{close}",
                        operand.text()
                    ));
                }
            }
        }
        let update = bound(action.update.as_deref());
        // A value the plan fixes that the model does not overwrites the caller's.
        for (attribute, value) in &action.fixed {
            let asked = action.action == "Put" && updates.iter().any(|u| &u.attribute == attribute);
            if !asked {
                reasons.push(format!(
                    "the plan's {} writes {attribute} = {value}, which the model does not fix",
                    action.action.to_lowercase()
                ));
            }
        }
        for u in updates {
            if action.action == "Put" {
                // A put writes what the model fixes into the item itself.
                let written = action.fixed.get(&u.attribute).map(|v| typed(&u.attribute, v));
                let wanted = u.value.as_deref().map(|v| typed(&u.attribute, v));
                if written.is_none() || written != wanted {
                    reasons.push(format!(
                        "the plan's put does not write {} = {} (fixed in the model)",
                        u.attribute,
                        u.value.as_deref().unwrap_or_default()
                    ));
                }
                continue;
            }
            let operand = Operand { input: u.input.as_deref(), value: u.value.as_deref(), other: None };
            let (wanted, missing) = match u.action {
                UpdateAction::Set => (Use::Set, format!("set {} to {}", u.attribute, operand.text())),
                UpdateAction::Add => (Use::Add, format!("add {} to {}", operand.text(), u.attribute)),
                UpdateAction::Remove => continue,
            };
            if !kept(&update, &u.attribute, wanted, operand) {
                reasons.push(format!("the plan's update does not {missing}"));
            }
        }
    }

    /// The value an update sets that the model fixes, in the attribute's type.
    fn fixed_value(&self, entity: &str, update: Option<&Update>) -> Option<Value> {
        let u = update.filter(|u| u.action == UpdateAction::Set)?;
        let kind = self.graph.resolve_attribute(entity, &u.attribute).map_or(AttrType::String, |a| a.attr_type);
        u.value.as_deref().map(|v| Value::of_text(kind, v))
    }

    /// An update that changes what one of the item's keys is made of must rewrite
    /// that key in the same request (rebuilt from the new values) or remove it
    /// (the item leaves the index); otherwise the index keeps a stale entry.
    fn keys_kept(
        &self,
        entity: &str,
        updates: &[Update],
        conditions: &[WriteCondition],
        action: &Action,
        reasons: &mut Findings,
    ) {
        let Some(e) = self.entity(entity) else {
            return;
        };
        let changed = |a: &str| updates.iter().find(|u| u.attribute == a);
        let text = action.update.as_deref().unwrap_or_default();
        let assigned = crate::expression::update_assignments(text);
        let removed = crate::expression::update_targets(text, "REMOVE");
        if let Some((ttl, update)) = e.ttl.as_ref().and_then(|t| changed(&t.from).map(|u| (t, u))) {
            let rewritten = assigned.iter().any(|(k, _)| *k == ttl.attribute);
            let expected = update.input.as_ref().map(|from| Ttl { from: from.clone(), ..ttl.clone() });
            match update.action {
                UpdateAction::Remove if !removed.contains(&ttl.attribute) => reasons.push(format!(
                    "the update removes {}, from which {entity}'s TTL {} is computed, but leaves {} in place: the item would still expire",
                    ttl.from, ttl.attribute, ttl.attribute
                )),
                UpdateAction::Remove => {}
                _ if !rewritten => reasons.push(format!(
                    "the update changes {}, from which {entity}'s TTL {} is computed, but does not rewrite {}",
                    ttl.from, ttl.attribute, ttl.attribute
                )),
                _ if action.expires != expected => reasons.push(format!(
                    "the update rewrites {entity}'s TTL {} as {:?}, but it is {} + {} days of the new {}",
                    ttl.attribute, action.expires, ttl.from, ttl.days, ttl.from
                )),
                _ => {}
            }
        }
        for (key, template_text) in &e.keys {
            let Ok(template) = Template::parse(template_text) else { continue };
            let mut made_of: Vec<&str> = template.attributes().filter(|a| *a != SHARD).collect();
            made_of.extend(self.design.gate(e, key).map(|s| s.attribute.as_str()));
            made_of.extend(e.shards.get(key).iter().flat_map(|s| s.from.iter().map(String::as_str)));
            let Some(cause) = made_of.iter().copied().find_map(changed) else { continue };
            let attr = &cause.attribute;
            if *key == self.design.table.partition_key.name || *key == self.design.table.sort_key.name {
                reasons.push(format!(
                    "the update changes {attr}, which {entity}'s table key {key} = {template_text} is made of"
                ));
                continue;
            }
            // The key is the attribute itself: the update's own SET or REMOVE keeps it.
            if template.is_attribute(key) {
                continue;
            }
            let gated =
                self.design.gate(e, key).filter(|g| g.attribute == *attr && !template.attributes().any(|a| a == attr));
            // The item leaves the index when a part of the key goes, or when the
            // update sets the gate's attribute to a value fixed in the model that
            // fails the gate.
            let fails_gate = self.design.gate(e, key).is_some_and(|g| {
                let fixed = self.fixed_value(entity, changed(&g.attribute));
                fixed.is_some_and(|v| !g.holds_for(Some(&v)))
            });
            let leaves =
                fails_gate || made_of.iter().any(|a| changed(a).is_some_and(|u| u.action == UpdateAction::Remove));
            let depends = match gated {
                Some(g) => {
                    format!("which decides whether {entity}'s {key} = {template_text} is written (only when {g})")
                }
                None => format!("which {entity}'s {key} = {template_text} is built from"),
            };
            match (assigned.iter().find(|(k, _)| k == key), removed.contains(key)) {
                (None, false) => reasons.push(format!(
                    "the update changes {attr}, {depends}, but does not rewrite {key}: the index keeps a stale entry"
                )),
                (Some(_), _) if leaves => reasons.push(format!(
                    "the update {}, so {entity}'s {key} must be removed (the item leaves the index), not set",
                    match (fails_gate, cause.value.as_deref()) {
                        (true, Some(value)) => format!("sets {attr} to {value}"),
                        _ => format!("removes {attr}"),
                    }
                )),
                (Some((_, placeholder)), _) => {
                    let set = |a: &str| updates.iter().find(|u| u.attribute == a && u.action == UpdateAction::Set);
                    let expected = template
                        .filled(|a| self.fixed_value(entity, set(a)).and_then(|v| v.as_key_text().map(str::to_string)))
                        .renamed(|a| set(a).and_then(|u| u.input.clone()));
                    let built = action.built.get(placeholder).and_then(|t| Template::parse(t).ok());
                    // A write-sharded key takes the shard its put computes: the
                    // same count, from the same values.
                    let shard = e.shards.get(key.as_str()).filter(|_| template.attributes().any(|a| a == SHARD));
                    if let Some(shard) = shard {
                        let from: Vec<String> = shard
                            .from
                            .iter()
                            .map(|a| set(a).and_then(|u| u.input.clone()).unwrap_or_else(|| a.clone()))
                            .collect();
                        let planned = action.shard.as_ref().map(|s| (s.count, &s.from));
                        if planned != Some((shard.count, &from)) {
                            reasons.push(format!(
                                "the update rebuilds {entity}'s {key} = {template_text} without its shard: it is FNV-1a of {} modulo {}",
                                from.join(", "),
                                shard.count
                            ));
                        }
                        // Its parts, too, are values the write has.
                        let parts = from.iter().map(|name| Part::Attr { name: name.clone(), pad: None }).collect();
                        unknown_parts(&Template::from_parts(parts), key, updates, conditions, action, reasons);
                    }
                    if built.as_ref() != Some(&expected) {
                        reasons.push(format!(
                            "the update sets {entity}'s {key} to {}, but the key is {template_text}: it should be {expected}",
                            built.map_or_else(|| format!(":{placeholder} (no template)"), |t| t.to_string())
                        ));
                    } else {
                        unknown_parts(&expected, key, updates, conditions, action, reasons);
                    }
                }
                (None, true) if !leaves => reasons.push(format!(
                    "the update removes {entity}'s {key} although the item stays in the index with its new {attr}"
                )),
                (None, true) => {}
            }
        }
    }
}

/// Every part of a rebuilt key must be a value the write has: an input it sets, a
/// part of the item's key, or an attribute it reads from the stored item first;
/// and what it reads first must be held unchanged by the write's condition, on an
/// item that must exist, or the key could be built from nothing or an old value.
fn unknown_parts(
    built: &Template,
    key: &str,
    updates: &[Update],
    conditions: &[WriteCondition],
    action: &Action,
    reasons: &mut Findings,
) {
    let keyed: Vec<String> = std::iter::once(&action.key.partition.value)
        .chain(action.key.sort.iter().flat_map(|s| &s.values))
        .filter_map(|t| Template::parse(t).ok())
        .flat_map(|t| t.attributes().map(str::to_string).collect::<Vec<_>>())
        .collect();
    let carried = |a: &str| {
        updates.iter().any(|u| u.input.as_deref() == Some(a))
            || keyed.iter().any(|k| k == a)
            || action.reads.iter().any(|r| r == a)
    };
    for part in built.attributes().filter(|a| *a != SHARD && !carried(a)) {
        reasons.push(format!(
            "the update builds {}'s {key} from {part}, which it neither carries nor reads from the item first",
            action.entity
        ));
    }
    let condition = action.condition.as_deref().unwrap_or_default();
    for read in &action.reads {
        if !condition.contains(&format!("#{read} = :{}", was_placeholder(read))) {
            reasons.push(format!(
                "the update reads {read} first but its condition does not hold {read} unchanged: a concurrent change would build {key} from an old value"
            ));
        }
    }
    if !action.reads.is_empty() && !conditions.iter().any(WriteCondition::requires_item) {
        reasons.push(format!(
            "the update reads {} first, but nothing makes it require the item to exist: with no item there is nothing to read",
            action.reads.join(", ")
        ));
    }
}

/// A request's FilterExpression tests every attribute the pattern's filter tests
/// and compares with every value the request gives it.
fn filter_applied(f: &Filter, r: &Request) -> bool {
    r.filter.as_deref().is_some_and(|text| {
        let names = crate::expression::tokens(text, '#');
        let values = crate::expression::tokens(text, ':');
        f.tests().iter().all(|t| names.contains(&t.attribute))
            && f.inputs().iter().all(|i| values.iter().any(|v| v == i))
    })
}

/// Every input of a read narrows its answer: a key condition is built from it, or
/// a filter compares the attribute with it. An input the plan ignores returns items
/// the pattern does not ask for (the session of another customer).
fn inputs_kept(p: &AccessPattern, requests: &[&Request], reasons: &mut Findings) {
    let in_key = |r: &Request, input: &str| {
        r.key.as_ref().is_some_and(|k| {
            std::iter::once(&k.partition.value)
                .chain(k.sort.iter().flat_map(|s| &s.values))
                .filter_map(|t| Template::parse(t).ok())
                .any(|t| t.attributes().any(|a| a == input))
        })
    };
    let in_filter = |r: &Request, input: &str| {
        r.filter.as_deref().is_some_and(|f| {
            crate::expression::tokens(f, '#').iter().any(|a| a == input)
                && crate::expression::tokens(f, ':').iter().any(|v| v == input)
        })
    };
    for input in &p.inputs {
        if !requests.iter().any(|r| in_key(r, input) || in_filter(r, input)) {
            reasons.push(format!(
                "no request uses the input {input}: neither a key condition nor a filter compares {input} with it, so the answer is not narrowed to it"
            ));
        }
    }
}

/// The action's condition tests every attribute the model's conditions test, has
/// the existence check of each item-level test (`attribute_exists(...)`, or
/// `attribute_not_exists(...)` for `not_exists`, the other way round under a `not`),
/// and joins with OR where the model's conditions do.
fn conditions_kept(entity: &str, conditions: &[WriteCondition], condition: Option<&str>, reasons: &mut Findings) {
    // Read past the values written in, which may hold any text ("#status", " OR ").
    let text = crate::expression::bind_literals(condition.unwrap_or_default()).text;
    let text = text.as_str();
    for (c, negated) in conditions.iter().flat_map(WriteCondition::signed_tests) {
        match &c.attribute {
            Some(attr) if !text.contains(&format!("#{attr}")) => {
                reasons.push(format!("the condition on {attr} is missing from the plan"));
            }
            Some(_) => {}
            None => {
                let function = match (c.op == ConditionOp::NotExists) != negated {
                    true => "attribute_not_exists(",
                    false => "attribute_exists(",
                };
                if !text.contains(function) {
                    reasons.push(format!(
                        "the existence check on {entity} is missing: the condition has no {function}...)"
                    ));
                }
            }
        }
    }
    match (conditions.iter().any(WriteCondition::disjoins), text.contains(" OR ")) {
        (true, false) => {
            reasons.push(format!("the conditions on {entity} join tests with OR, and the plan's condition has no OR"))
        }
        (false, true) => reasons.push(format!(
            "the conditions on {entity} must all hold, and the plan's condition lets one of them do (OR)"
        )),
        _ => {}
    }
}

/// What an expression does with an operand of an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    /// `#attribute <operator> :name`, inside `NOT (...)` or not.
    Compare(&'static str, bool),
    /// `#attribute = :name` in an update.
    Set,
    /// `#attribute = #attribute + :name`.
    Add,
}

/// An operand an expression uses with `#attribute`, and how.
struct Used {
    operation: Use,
    /// `:name` (a value) or `#name` (another attribute).
    token: String,
}

/// Every operand an expression compares `#attribute` with, sets it to or adds
/// to it: the `:value` or `#other` after `#attribute =` (or `<>`, `<`, `<=`, `>`,
/// `>=`), and after `#attribute = #attribute +`. A `=` counts both as a
/// comparison and as a set, the expression's kind (condition or update)
/// telling which it is.
fn operands_of(text: &str, attribute: &str) -> Vec<Used> {
    const OPERATORS: [&str; 6] = ["<>", "<=", ">=", "=", "<", ">"];
    let name = format!("#{attribute} ");
    let mut out = Vec::new();
    for (at, _) in text.match_indices(&name) {
        let rest = &text[at + name.len()..];
        let Some((operator, rest)) = OPERATORS.iter().find_map(|op| rest.strip_prefix(op).map(|r| (*op, r))) else {
            continue;
        };
        let rest = rest.trim_start();
        let (added, rest) = match rest.strip_prefix(&format!("#{attribute} + ")) {
            Some(rest) => (true, rest),
            None => (false, rest),
        };
        let Some(sigil) = rest.chars().next().filter(|c| *c == ':' || *c == '#') else { continue };
        let body = &rest[1..];
        let len = body.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(body.len());
        let token = format!("{sigil}{}", &body[..len]);
        let wrapped = text[..at].ends_with("NOT (");
        let operations = match (operator, added) {
            ("=", true) => vec![Use::Add],
            ("=", false) => vec![Use::Compare("=", wrapped), Use::Set],
            (operator, _) => vec![Use::Compare(operator, wrapped)],
        };
        out.extend(operations.into_iter().map(|operation| Used { operation, token: token.clone() }));
    }
    out
}

/// A number literal in DynamoDB's canonical text, so that `1.50` is `1.5`.
fn canonical(literal: &Literal) -> Literal {
    match literal {
        Literal::N(n) => Literal::N(canonical_number(n)),
        other => other.clone(),
    }
}

/// A condition's or update's operand as the model gives it: a request
/// parameter, a value fixed in the model, or another attribute.
#[derive(Clone, Copy)]
struct Operand<'a> {
    input: Option<&'a str>,
    value: Option<&'a str>,
    /// Another attribute of the item (conditions only).
    other: Option<&'a str>,
}

impl Operand<'_> {
    /// As a reason names it: `:amount`, or the value fixed in the model.
    fn text(&self) -> String {
        match (self.input, self.value, self.other) {
            (Some(input), ..) => format!(":{input}"),
            (None, Some(value), _) => format!("{value} (fixed in the model)"),
            (None, None, Some(other)) => format!("{other} (another attribute of the item)"),
            (None, None, None) => String::new(),
        }
    }
}

/// Two kinds of item whose table keys have the same shape (the same literals, the
/// placeholders in the same places) write the same primary key for some values, and
/// then overwrite each other.
fn colliding_table_keys(design: &Design) -> Vec<String> {
    // A key's shape: its literals, and `None` for each placeholder.
    type Shape = Vec<Option<String>>;
    let shape = |entity: &EntityKeys, attr: &str| -> Option<Shape> {
        let parts = template(entity, attr)?.parts().to_vec();
        Some(
            parts
                .into_iter()
                .map(|p| match p {
                    Part::Literal(l) => Some(l),
                    Part::Attr { .. } => None,
                })
                .collect(),
        )
    };
    let mut by_shape: BTreeMap<(Shape, Shape), Vec<&str>> = BTreeMap::new();
    for e in &design.entities {
        if let (Some(pk), Some(sk)) =
            (shape(e, &design.table.partition_key.name), shape(e, &design.table.sort_key.name))
        {
            by_shape.entry((pk, sk)).or_default().push(&e.name);
        }
    }
    by_shape
        .values()
        .filter(|names| names.len() > 1)
        .map(|names| {
            format!(
                "{} write table keys of the same shape, so their items can overwrite each other",
                names.join(" and ")
            )
        })
        .collect()
}

/// A range is applied by some request, on its sort key or by a filter.
fn range_kept(p: &AccessPattern, requests: &[&Request], reasons: &mut Findings) {
    let Some(range) = &p.range else { return };
    let named = |text: &str| {
        Template::parse(text).is_ok_and(|t| {
            t.attributes()
                .any(|a| a == range.attribute || a.strip_prefix(&range.attribute).is_some_and(|r| r.starts_with('.')))
        })
    };
    let in_key = requests.iter().flat_map(|r| &r.key).flat_map(|k| &k.sort).flat_map(|s| &s.values).any(|v| named(v));
    let in_filter = requests.iter().filter_map(|r| r.filter.as_deref()).any(|f| f.contains(&range.attribute));
    if !in_key && !in_filter {
        reasons.push(format!(
            "the range on {} is applied neither by a sort key condition nor by a filter",
            range.attribute
        ));
    }
    for r in requests {
        let Some(sort) = r.key.as_ref().and_then(|k| k.sort.as_ref()) else { continue };
        let bounds: Vec<Option<Bound>> = sort.values.iter().map(|v| bound_of(v, &range.attribute)).collect();
        if bounds.iter().all(Option::is_none) {
            continue;
        }
        // A strict bound a sort key cannot express (`>` on a composite key's
        // last part) is a `>=` there and a filter that drops the equal items.
        let strict = |op: &str| r.filter.as_deref().is_some_and(|f| f.contains(&range.attribute) && f.contains(op));
        let lower = |b: &Option<Bound>| matches!(b, Some(Bound::Plain | Bound::From));
        let upper = |b: &Option<Bound>| matches!(b, Some(Bound::Plain | Bound::To));
        let kept = match (range.op, sort.op.as_str(), bounds.as_slice()) {
            (RangeOp::Eq, "=" | "begins_with", _) | (RangeOp::BeginsWith, "begins_with", _) => true,
            (RangeOp::Ge, ">=", _) | (RangeOp::Gt, ">", _) | (RangeOp::Le, "<=", _) | (RangeOp::Lt, "<", _) => true,
            (RangeOp::Gt, ">=", _) => strict(">"),
            (RangeOp::Lt, "<=", _) => strict("<"),
            (RangeOp::Ge, "between", [low, None]) => lower(low),
            (RangeOp::Gt, "between", [low, None]) => lower(low) && strict(">"),
            (RangeOp::Le, "between", [None, high]) => upper(high),
            (RangeOp::Lt, "between", [None, high]) => upper(high) && strict("<"),
            (RangeOp::Between, "between", [low, high]) => lower(low) && upper(high),
            _ => false,
        };
        if !kept {
            reasons.push(format!(
                "{} asks for {} {} but the key condition on {} applies {} {}",
                p.id,
                range.attribute,
                range.op,
                r.index,
                sort.op,
                sort.values.join(" and ")
            ));
        }
    }
}

/// The pattern's limit is the one a request stops at: fewer items are a wrong
/// answer, and a lone Query or Scan without it reads and returns more. (A read
/// with related items caps those, which a Query of both cannot: not judged.)
fn limit_kept(p: &AccessPattern, requests: &[&Request], reasons: &mut Findings) {
    if !p.with.is_empty() {
        return;
    }
    for r in requests.iter().filter(|r| r.limit.is_some() && r.limit != p.limit) {
        let limit = r.limit.unwrap_or_default();
        let wanted = p.limit.map_or("no limit".to_string(), |n| format!("a limit of {n}"));
        reasons.push(format!("the {:?} on {} stops at {limit} items, but {} has {wanted}", r.operation, r.index, p.id));
    }
    if let ([r], Some(n)) = (requests, p.limit) {
        if matches!(r.operation, Operation::Query | Operation::Scan) && r.limit.is_none() {
            reasons.push(format!(
                "{} returns at most {n} items, but the {:?} on {} has no limit",
                p.id, r.operation, r.index
            ));
        }
    }
}

/// Which bound of a range on an attribute a key condition's value holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    /// The attribute itself: `LOAN#{dueAt}`.
    Plain,
    /// A between's lower bound: `{dueAt.from}`.
    From,
    To,
}

fn bound_of(value: &str, attribute: &str) -> Option<Bound> {
    let t = Template::parse(value).ok()?;
    for a in t.attributes() {
        match a.strip_prefix(attribute) {
            Some("") => return Some(Bound::Plain),
            Some(".from") => return Some(Bound::From),
            Some(".to") => return Some(Bound::To),
            _ => {}
        }
    }
    None
}

/// Whether items that pass `test` are exactly those a sparse index's `gate`
/// writes (`status = HELD`), or (a gate of presence) only items that have the
/// attribute: every test but `absent` and `not_equals` fails on an item without it.
fn gate_means(gate: &SparseCondition, test: &FilterTest) -> bool {
    test.attribute == gate.attribute
        && match gate.value.as_deref() {
            Some(v) => {
                (test.op == FilterOp::Equals && test.value.as_deref() == Some(v))
                    || (test.op == FilterOp::In && test.values == [v])
            }
            None => !matches!(test.op, FilterOp::Absent | FilterOp::NotEquals),
        }
}

/// Whether a key condition's value `read` names the parts of the key template
/// `built` one for one: the same literals and the same attributes (a range's
/// bound, `checkInDate.from`, stands for its attribute). Unless `whole`, `read`
/// may stop early, its last literal a start of the one it stands for, or (an
/// `upper` bound) the end of the span of keys that start as it does.
fn names_alike(read: &Template, built: &Template, whole: bool, upper: bool) -> bool {
    let (read, built) = (read.parts(), built.parts());
    if read.len() > built.len() || (whole && read.len() != built.len()) {
        return false;
    }
    let last = read.len().saturating_sub(1);
    read.iter().zip(built).enumerate().all(|(i, pair)| match pair {
        (Part::Literal(r), Part::Literal(b)) => {
            r == b || (!whole && i == last && (b.starts_with(r.as_str()) || (upper && ends_span(r, b))))
        }
        (Part::Attr { name: r, pad: rp }, Part::Attr { name: b, pad: bp }) => {
            let bound = || !whole && r.strip_prefix(b.as_str()).is_some_and(|rest| rest == ".from" || rest == ".to");
            rp == bp && (r == b || bound())
        }
        _ => false,
    })
}

/// Whether a prefix `read` ends with a value where `built` goes on after it:
/// `DOCTOR#{specialty}` of `DOCTOR#{specialty}#{doctorId}` matches longer values.
/// A padded number has one width, so it cannot begin another.
fn ends_inside_a_value(read: &Template, built: &Template) -> bool {
    matches!(read.parts().last(), Some(Part::Attr { pad: None, .. })) && built.parts().len() > read.parts().len()
}

/// Whether `read` is the upper bound of the sort keys that start as `built`
/// starts up to its last character: `$` past every `ORDER#1#...` (`#` + 1), the
/// end of a range that runs to the end of a partition's span.
fn ends_span(read: &str, built: &str) -> bool {
    let Some(last) = read.chars().last() else { return false };
    let stem = &read[..read.len() - last.len_utf8()];
    let below = char::from_u32(u32::from(last).wrapping_sub(1));
    built.strip_prefix(stem).and_then(|rest| rest.chars().next()).is_some_and(|c| Some(c) == below)
}

fn template(entity: &EntityKeys, attr: &str) -> Option<Template> {
    entity.keys.get(attr).and_then(|t| Template::parse(t).ok())
}

/// Whether some value of `sk` can satisfy the sort condition; errs towards "yes".
fn sort_may_match(sk: &Template, op: &str, values: &[Template]) -> bool {
    match (op, values) {
        ("=", [v]) => sk.may_equal(v),
        ("begins_with", [v]) => sk.may_start_with(&v.constant_prefix()),
        ("between", [lo, hi]) => lowest(sk) <= highest(hi) && highest(sk) >= lowest(lo),
        (">" | ">=", [v]) => highest(sk) >= lowest(v),
        ("<" | "<=", [v]) => lowest(sk) <= highest(v),
        _ => true,
    }
}

/// What every sort key the condition accepts starts with: `=` and `begins_with`
/// name it; a `between` accepts only strings that share the common prefix of its
/// bounds (one that left it would fall below the lower or above the upper).
fn sort_prefix(op: &str, values: &[Template]) -> Option<String> {
    match (op, values) {
        ("=" | "begins_with", [v]) => Some(v.constant_prefix().into_owned()),
        ("between", [lo, hi]) => {
            let (low, high) = (lowest(lo), highest(hi));
            let common = low.chars().zip(high.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a.len_utf8()).sum();
            Some(low[..common].to_string())
        }
        _ => None,
    }
}

/// The lowest value a template can take.
fn lowest(t: &Template) -> String {
    t.constant_prefix().into_owned()
}

/// A string at or above every value a template can take.
fn highest(t: &Template) -> String {
    if t.is_constant() {
        t.constant_prefix().into_owned()
    } else {
        above(&t.constant_prefix())
    }
}

/// Above every string that starts with `prefix`.
fn above(prefix: &str) -> String {
    let mut s = prefix.to_string();
    s.push(char::MAX);
    s
}

/// How often a step or an action runs, in words.
fn repeated(each: Option<&crate::model::ForEach>) -> String {
    match each {
        Some(f) => format!("once per element of {} (at most {})", f.list, f.at_most),
        None => "once".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn t(text: &str) -> Template {
        Template::parse(text).unwrap()
    }

    #[test]
    fn a_between_narrows_to_the_common_prefix_of_its_bounds() {
        let between = |lo: &str, hi: &str| sort_prefix("between", &[t(lo), t(hi)]);
        assert_eq!(between("ORDER#{from}", "ORDER#{to}").as_deref(), Some("ORDER#"));
        assert_eq!(between("SHIPMENT#{createdAt}", "SHIPMENT$").as_deref(), Some("SHIPMENT"));
        assert_eq!(between("A#{x}", "B#{y}").as_deref(), Some(""));
        assert_eq!(sort_prefix("begins_with", &[t("LOAN#{loanedAt}")]).as_deref(), Some("LOAN#"));
        assert_eq!(sort_prefix(">", &[t("LOAN#")]), None);
    }

    #[test]
    fn a_prefix_that_stops_after_a_value_the_key_goes_on_from_matches_longer_values() {
        let built = t("DOCTOR#{specialty}#{doctorId}");
        assert!(ends_inside_a_value(&t("DOCTOR#{specialty}"), &built));
        assert!(!ends_inside_a_value(&t("DOCTOR#{specialty}#"), &built));
        assert!(!ends_inside_a_value(&t("DOCTOR#{specialty}#{doctorId}"), &built));
        assert!(!ends_inside_a_value(&t("LINE#{n:5}"), &t("LINE#{n:5}#{at}")), "a padded number has one width");
    }

    #[test]
    fn a_range_to_the_end_of_a_span_names_the_key_it_bounds() {
        let built = t("ORDER#{accountNumber:10}#{createdOn}");
        let upper = |read: &str| names_alike(&t(read), &built, false, true);
        assert!(upper("ORDER#{accountNumber:10}#{createdOn}"));
        assert!(upper("ORDER#{accountNumber:10}$"), "`$` ends the account's span");
        assert!(upper("ORDER#{accountNumber:10}#"));
        assert!(!upper("ORDER#{accountNumber:10}%"), "not the character after `#`");
        assert!(!upper("ORDER#{customerId}$"));
        assert!(!names_alike(&t("ORDER#{accountNumber:10}$"), &built, true, true));
        assert!(!names_alike(&t("ORDER#{accountNumber:10}$"), &built, false, false), "a lower bound past the span");
    }

    proptest! {
        /// The narrowing never drops a key the condition accepts: whatever
        /// sort key template a between accepts has a first literal that agrees
        /// with the prefix as far as the shorter goes, so its bucket is kept.
        #[test]
        fn every_key_between_the_bounds_is_under_the_prefix(
            lo in "[AB#é]{0,4}(\\{x\\})?", hi in "[AB#é]{0,4}(\\{y\\})?", key in "[AB#é]{0,5}(\\{k\\}[AB]?)?"
        ) {
            let values = [t(&lo), t(&hi)];
            let prefix = sort_prefix("between", &values).unwrap();
            let first = first_literal(&t(&key));
            if sort_may_match(&t(&key), "between", &values) {
                prop_assert!(
                    first.starts_with(&prefix) || prefix.starts_with(&first),
                    "{key} in [{lo}, {hi}] but its first literal {first:?} is not under {prefix:?}"
                );
            }
        }
    }
}
