//! How each read pattern is served: from the table, from an item collection, through
//! a chain of requests, or from a secondary index placed for it.

use foldhash::HashMap;

use indexmap::IndexMap;

use crate::design::capacity::{READ_UNIT_BYTES, SPARSE_SELECTIVITY};
use crate::design::naming::{gsi_name, lsi_name, prefix};
use crate::design::types::{CopiedAttribute, ItemKind, SparseCondition, TABLE};
use crate::design::Technique;
use crate::graph::ErGraph;
use crate::model::{
    AccessPattern, AttrType, Cardinality, Filter, FilterOp, IndexName, Ordering, PatternKind, RangeCondition,
};
use crate::template::{Part, Template, SHARD};

use super::base_keys::id_template;
use super::descent::Descent;
use super::items::{Item, Items};
use super::{IndexSlots, Slot};

#[derive(Debug, Clone)]
pub enum Route {
    /// One Query or GetItem on `index`, over `item`'s slot there.
    Direct { index: String, item: usize, access: Box<Access> },
    /// An item and related items (a parent and its children, an aggregate) from
    /// their shared partition of `index`. `with` may hold fewer than the pattern
    /// asks for: those that share no partition with it (a reported problem).
    Collection { index: String, item: usize, with: Vec<usize> },
    /// Find the child by its identifier, then GetItem the parent it names.
    ViaChild { first: Box<Route>, target: usize },
    /// Find the pair items, then BatchGetItem the entities they name.
    ViaPairs { first: Box<Route>, target: usize },
    /// A read from an ancestor two or more levels up: `first` finds the target's
    /// items through the copy of the ancestor's identifier they hold, or, with
    /// `then`, the items of the level above the target, each of which `then`
    /// queries for its own (`follow_ups` of them, typically).
    Descent { first: Box<Route>, then: Option<Box<Route>>, follow_ups: u32, why: String },
    /// Nothing else can serve it.
    Scan { item: usize, reason: String },
}

impl Route {
    /// The item whose items the route ends with: the pattern's target.
    pub fn item(&self) -> usize {
        match self {
            Route::Direct { item, .. } | Route::Collection { item, .. } | Route::Scan { item, .. } => *item,
            Route::ViaChild { target, .. } | Route::ViaPairs { target, .. } => *target,
            Route::Descent { first, then, .. } => then.as_deref().unwrap_or(first).item(),
        }
    }

    /// The Scan the route takes, if it does: the item scanned and why.
    pub fn scan(&self) -> Option<(usize, &str)> {
        match self {
            Route::Scan { item, reason } => Some((*item, reason)),
            Route::Descent { first, then, .. } => first.scan().or_else(|| then.as_ref().and_then(|t| t.scan())),
            _ => None,
        }
    }
}

/// The two ways of a read from an ancestor further up ([`Descent`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    Copy,
    Chain,
}

/// What a way gives: the route's first leg and, for a chain, the follow-up; or
/// why it cannot serve the read.
type Attempt = Result<(Route, Option<Route>), String>;

/// The router's placements, kept while a way is tried.
struct RouterState {
    gsis: Vec<IndexSlots>,
    lsis: Vec<IndexSlots>,
    notes: Vec<IndexMap<String, IndexNote>>,
    served: HashMap<(String, usize), Vec<Access>>,
    copies: Vec<Vec<CopiedAttribute>>,
}

/// What a request knows and wants of one index slot.
#[derive(Debug, Clone, Default)]
pub struct Access {
    pub eq: Vec<String>,
    pub range: Option<RangeCondition>,
    pub order: Option<Ordering>,
    /// A filter applied after the key condition (not served by a sparse index).
    pub filter: Option<Filter>,
    /// Equality inputs a FilterExpression checks on the one item the key names.
    pub checked: Vec<String>,
    pub strong: bool,
    pub one: bool,
}

impl Access {
    /// What a read pattern knows and wants of the slot that serves it.
    pub fn of(p: &AccessPattern) -> Access {
        Access {
            eq: p.inputs.clone(),
            range: p.range.clone(),
            order: p.order.clone(),
            filter: p.filter.clone(),
            strong: p.strongly_consistent,
            one: p.kind == PatternKind::ReadOne,
            checked: Vec::new(),
        }
    }
}

/// Why an item has a slot in an index, and the reads it serves there.
#[derive(Debug, Clone, Default)]
pub struct IndexNote {
    pub techniques: Vec<Technique>,
    pub why: String,
    /// Why an item collection reads the slot too: kept apart from `why`, which a
    /// reshaped slot rewrites.
    pub joined: Option<String>,
    pub ids: Vec<String>,
}

impl IndexNote {
    /// The whole reason: why the slot is shaped as it is, and why a collection reads it.
    pub fn text(&self) -> String {
        match &self.joined {
            Some(joined) if !self.why.is_empty() => format!("{} {joined}", self.why),
            Some(joined) => joined.clone(),
            None => self.why.clone(),
        }
    }
}

pub struct Router<'a, 'm> {
    pub graph: &'a ErGraph<'m>,
    pub items: &'a Items<'m>,
    pub table: &'a [Slot],
    pub gsis: Vec<IndexSlots>,
    pub lsis: Vec<IndexSlots>,
    /// Per item and index: why the slot exists and the patterns it serves.
    pub notes: Vec<IndexMap<String, IndexNote>>,
    /// Per GSI slot (index, item): what the reads routed to it know and want, so
    /// that a slot is reshaped for another read only while it still serves them.
    served: HashMap<(String, usize), Vec<Access>>,
    /// The average bytes of each parent's item collection, by table partition.
    collections: HashMap<&'a Template, f64>,
    /// Per item: the ancestors' identifiers its items hold copies of.
    pub copies: Vec<Vec<CopiedAttribute>>,
}

impl<'a, 'm> Router<'a, 'm> {
    pub fn new(graph: &'a ErGraph<'m>, items: &'a Items<'m>, table: &'a [Slot]) -> Self {
        let mut router = Router {
            graph,
            items,
            table,
            gsis: Vec::new(),
            lsis: Vec::new(),
            notes: vec![IndexMap::new(); items.len()],
            served: HashMap::default(),
            collections: items.collection_bytes(table),
            copies: vec![Vec::new(); items.len()],
        };
        router.place_pinned();
        router.claim_sparse_pins();
        router
    }

    pub fn item_index(&self, name: &str) -> Option<usize> {
        self.items.index_of(name)
    }

    pub fn route(&mut self, p: &AccessPattern) -> Option<Route> {
        let target = self.item_index(&p.entity)?;
        let access = Access::of(p);
        let with: Vec<usize> = p.with.iter().filter_map(|w| self.item_index(w)).collect();
        if !with.is_empty() {
            if let Some(route) = self.collection(p, target, &with, &access) {
                return Some(route);
            }
        }
        if let Some(route) = self.via_related(p, target) {
            return Some(route);
        }
        if let Some(route) = self.via_ancestor(p, target) {
            return Some(route);
        }
        Some(self.direct(p, target, access))
    }

    /// Inputs that identify an ancestor two or more levels above the target: a
    /// chain of requests down the path, or one request through a copy of the
    /// ancestor's identifier on the target's items, whichever [`Descent`] weighs
    /// better, else the other; a way that fails leaves nothing behind.
    fn via_ancestor(&mut self, p: &AccessPattern, target: usize) -> Option<Route> {
        if self.items[target].kind != ItemKind::Entity {
            return None;
        }
        let path = self.graph.ancestry(p)?;
        let mut descent = Descent::weigh(self.graph, self.items, p, path);
        let ways = if descent.chains() { [Way::Chain, Way::Copy] } else { [Way::Copy, Way::Chain] };
        for way in ways {
            let saved = self.state();
            let tried = match way {
                Way::Chain => self.chain(p, &descent, target),
                Way::Copy => self.copy(p, &descent, target),
            };
            match tried {
                Ok((first, then)) => {
                    let follow_ups = if then.is_some() { descent.follow_ups.ceil() as u32 } else { 0 };
                    let why = descent.why(p, way);
                    return Some(Route::Descent { first: Box::new(first), then: then.map(Box::new), follow_ups, why });
                }
                Err(reason) => {
                    self.restore(saved);
                    descent.rule_out(way, reason);
                }
            }
        }
        Some(Route::Scan { item: target, reason: descent.neither(p) })
    }

    /// The copy way: the ancestor's identifier written onto the target's items,
    /// and an index keyed by it.
    fn copy(&mut self, p: &AccessPattern, descent: &Descent<'m>, target: usize) -> Attempt {
        let ancestor = &descent.path[0].from;
        let path: Vec<String> = descent.path.iter().map(|r| r.name.clone()).collect();
        for id in &descent.inputs {
            if !self.copies[target].iter().any(|c| &c.attribute == id) {
                let copy = CopiedAttribute { attribute: id.clone(), from: ancestor.clone(), path: path.clone() };
                self.copies[target].push(copy);
            }
        }
        let first = self.direct(p, target, Access::of(p));
        match first.scan() {
            Some((_, reason)) => Err(reason.to_string()),
            None => Ok((first, None)),
        }
    }

    /// The chain way: the items of the level above the target found from the
    /// ancestor (itself a descent when that is two levels or more), then the
    /// target's items under each of them, with the pattern's own tests.
    fn chain(&mut self, p: &AccessPattern, descent: &Descent<'m>, target: usize) -> Attempt {
        if let Some(reason) = &descent.unchainable {
            return Err(reason.clone());
        }
        let (above, last) = descent.path.split_at(descent.path.len() - 1);
        let parent = &last[0].from;
        let ids = &descent.inputs;
        let mut up = AccessPattern::read(&p.id, &p.name, PatternKind::ReadMany, parent, ids.clone());
        up.via = Some(crate::graph::path_name(above));
        up.peak_rate = p.peak_rate;
        up.strongly_consistent = p.strongly_consistent;
        let first = match self.route(&up) {
            Some(route) if route.scan().is_none() => route,
            _ => return Err(format!("find the {parent} items without a Scan")),
        };
        let parent_ids = self.items.index_of(parent).map(|i| self.items[i].identifier.clone()).unwrap_or_default();
        let mut down = p.clone();
        let own: Vec<String> =
            p.inputs.iter().filter(|i| !ids.contains(i) && !parent_ids.contains(i)).cloned().collect();
        down.inputs = parent_ids.into_iter().chain(own).collect();
        down.via = Some(last[0].name.clone());
        let then = self.direct(&down, target, Access::of(&down));
        if then.scan().is_some() {
            return Err(format!("find each {parent}'s {} items without a Scan", p.entity));
        }
        Ok((first, Some(then)))
    }

    /// What a way that fails must not leave behind: the indexes it placed, their
    /// notes and the copies it recorded.
    fn state(&self) -> RouterState {
        RouterState {
            gsis: self.gsis.clone(),
            lsis: self.lsis.clone(),
            notes: self.notes.clone(),
            served: self.served.clone(),
            copies: self.copies.clone(),
        }
    }

    fn restore(&mut self, state: RouterState) {
        RouterState { gsis: self.gsis, lsis: self.lsis, notes: self.notes, served: self.served, copies: self.copies } =
            state;
    }

    /// The target with as many of `with` as one Query can return: all of them
    /// from the table's partition or a pre-joined GSI, else those the table's
    /// partition holds, else those a GSI can pre-join.
    fn collection(&mut self, p: &AccessPattern, item: usize, with: &[usize], access: &Access) -> Option<Route> {
        let in_table = self.table_collection(item, with, access);
        if in_table.len() == with.len() {
            return Some(Route::Collection { index: TABLE.to_string(), item, with: in_table });
        }
        if let Some(route) = self.index_collection(p, item, with, access) {
            return Some(route);
        }
        if !in_table.is_empty() {
            return Some(Route::Collection { index: TABLE.to_string(), item, with: in_table });
        }
        let children: Vec<usize> = with.iter().copied().filter(|&w| self.is_parent_of(item, w)).collect();
        self.index_collection(p, item, &children, access)
    }

    /// Those of `with` that share `item`'s table partition, which the inputs name.
    fn table_collection(&self, item: usize, with: &[usize], access: &Access) -> Vec<usize> {
        let a = &self.table[item];
        if !a.pk.attributes().all(|x| access.eq.iter().any(|e| e == x)) {
            return Vec::new();
        }
        with.iter().copied().filter(|&w| w != item && self.table[w].pk == a.pk).collect()
    }

    fn is_parent_of(&self, item: usize, child: usize) -> bool {
        self.graph.children(self.items[item].name).iter().any(|r| r.to == self.items[child].name)
    }

    /// A parent and its children pre-joined in a GSI: all write the parent's
    /// identifier as the partition key there. Only the children carry it, so only a
    /// parent fetched with its children can be served this way.
    fn index_collection(&mut self, p: &AccessPattern, item: usize, with: &[usize], access: &Access) -> Option<Route> {
        let it = &self.items[item];
        let children = !with.is_empty() && with.iter().all(|&w| self.is_parent_of(item, w));
        let keyed_by_id = !it.identifier.is_empty() && it.identifier.iter().all(|a| access.eq.contains(a));
        if access.strong || !children || !keyed_by_id {
            return None;
        }
        let pk = id_template(self.graph, it, &it.prefix, &it.identifier);
        let mut group = vec![(item, Slot::new(pk.clone(), pk.clone()))];
        for &w in with {
            let wi = &self.items[w];
            group.push((w, Slot::new(pk.clone(), id_template(self.graph, wi, &wi.prefix, &wi.identifier))));
        }
        let index = place_collection(&mut self.gsis, self.items.len(), &group);
        let names: Vec<&str> = with.iter().map(|&w| self.items[w].name).collect();
        let why = format!(
            "Pre-joined {}: {} and its {} items share the partition {pk} here, so one Query returns them together.",
            Technique::ItemCollection.name().to_lowercase(),
            it.name,
            crate::words::listed(&names),
        );
        // What the Query knows of each member's slot: the partition, no more. A
        // later read may reshape the slot only while it still serves that.
        let whole_partition = Access { eq: it.identifier.clone(), ..Access::default() };
        for (member, _) in &group {
            self.note_collection(*member, &index, &why, p);
            self.served.entry((index.clone(), *member)).or_default().push(whole_partition.clone());
        }
        Some(Route::Collection { index, item, with: with.to_vec() })
    }

    /// Inputs that identify a child (to find its parent) or the other end of a
    /// many-to-many relationship (to find the entities paired with it), through the
    /// relationship the pattern follows. A child found by its parent's identifier
    /// carries it, so a direct read serves it.
    fn via_related(&mut self, p: &AccessPattern, target: usize) -> Option<Route> {
        if self.items[target].kind != ItemKind::Entity {
            return None;
        }
        let rel = self.graph.followed(p)?;
        let (first, one) = match rel.cardinality {
            Cardinality::ManyToMany => (self.item_index(&rel.name)?, false),
            _ if rel.from == self.items[target].name => (self.item_index(&rel.to)?, true),
            _ => return None,
        };
        if let Some(scan) = self.uncarried_key(p, first, target) {
            return Some(scan);
        }
        let access = Access { eq: p.inputs.clone(), one, strong: p.strongly_consistent, ..Access::default() };
        let first = match self.direct(p, first, access) {
            Route::Scan { reason, .. } => return Some(Route::Scan { item: target, reason }),
            route => Box::new(route),
        };
        Some(if one { Route::ViaChild { first, target } } else { Route::ViaPairs { first, target } })
    }

    /// The follow-up request of a two-step read keys `target` by its table key, which
    /// must be made of attributes the `first` items carry (their own, and the
    /// identifiers of the entities they relate). A target nested in a partition that
    /// `first` does not know (a child's grandparent, a pair's end nested under its own
    /// parent) cannot be fetched that way: nothing but a Scan is left.
    fn uncarried_key(&self, p: &AccessPattern, first: usize, target: usize) -> Option<Route> {
        let table = &self.table[target];
        let (via, to) = (&self.items[first], &self.items[target]);
        // A pair item carries its ends' own identifiers; a name it shares with an
        // attribute the target carries for another relationship (the post's author,
        // the liker's userId) holds another entity's value.
        let own = |a: &str| self.graph.entity(to.name).is_some_and(|e| e.attribute(a).is_some());
        let pairs = via.kind == ItemKind::Relationship;
        let mut missing: Vec<&str> = Vec::new();
        for a in table.pk.attributes().chain(table.sk.attributes()) {
            let carried = self.graph.resolve_attribute(via.name, a).is_some() && (!pairs || own(a));
            if !carried && !missing.contains(&a) {
                missing.push(a);
            }
        }
        (!missing.is_empty()).then(|| Route::Scan {
            item: target,
            reason: format!(
                "{} finds the {} items through the {} items, which do not carry {}, part of {}'s table key (PK = {}, SK = {}), so they cannot name the {} items to get",
                p.id,
                to.name,
                via.name,
                missing.join(", "),
                to.name,
                table.pk,
                table.sk,
                to.name
            ),
        })
    }

    fn direct(&mut self, p: &AccessPattern, item: usize, mut access: Access) -> Route {
        if let Some(checked) = self.checked_on_key(item, &access) {
            return filtered_route(item, access, checked);
        }
        let sparse = self.sparse_condition(item, &access);
        let on_table = serves(&self.table[item], &access);
        if on_table && (sparse.is_none() || !access.eq.is_empty()) {
            return Route::Direct { index: TABLE.to_string(), item, access: Box::new(access) };
        }
        if let Some(index) = self.pinned_serving(item, &access, sparse.as_ref()) {
            if sparse.is_some() {
                access.filter = None;
            }
            self.note(item, &index, &[Technique::PinnedKey], PINNED_KEPT, p);
            return Route::Direct { index, item, access: Box::new(access) };
        }
        let sparse_read = sparse.is_some();
        if sparse_read {
            access.filter = None;
        }
        let slot = self.index_slot(item, &access, sparse);
        let indexes = if access.strong { &self.lsis } else { &self.gsis };
        let new_slot = !indexes.iter().any(|i| i.get(item) == Some(&slot));
        let filtered =
            (new_slot && !sparse_read).then(|| self.filtered_in_small_collection(p, item, &access)).flatten();
        if access.strong {
            if let Some(checked) = filtered {
                return filtered_route(item, access, checked);
            }
            if slot.pk == self.table[item].pk {
                let index = place(&mut self.lsis, self.items.len(), item, &slot, lsi_name);
                let why = format!("{}: strong consistency, which only the table and its LSIs give, on the table's partition sorted by {}.", Technique::LocalSecondaryIndex, slot.sk);
                self.note(item, &index, &[Technique::LocalSecondaryIndex], &why, p);
                return Route::Direct { index, item, access: Box::new(access) };
            }
            let reason = format!(
                "{} needs a strongly consistent read by {:?}, which is not the table's partition key; only a Scan of the table is strongly consistent there",
                p.id, access.eq
            );
            return Route::Scan { item, reason };
        }
        if let Some(index) = self.widen(p, item, &slot, &access) {
            return Route::Direct { index, item, access: Box::new(access) };
        }
        if let Some(checked) = filtered {
            return filtered_route(item, access, checked);
        }
        let index = place(&mut self.gsis, self.items.len(), item, &slot, gsi_name);
        let (techniques, mut why) = slot_reason(self.graph, &self.items[item], &self.table[item], &slot);
        if slot.pk == self.table[item].pk {
            why.push(' ');
            why.push_str(&self.why_not_lsi(item, &slot, p));
        }
        self.note(item, &index, &techniques, &why, p);
        self.served.entry((index.clone(), item)).or_default().push(access.clone());
        Route::Direct { index, item, access: Box::new(access) }
    }

    /// Why a GSI that only re-sorts the item's own table partition rather than the
    /// table's sort key or an LSI: the table's sort key already serves other reads
    /// (`table_sort` tried to reshape it first), and an LSI would cost the same
    /// write per item but must exist when the table is created and caps every
    /// collection of the partition at 10 GB.
    fn why_not_lsi(&self, item: usize, slot: &Slot, p: &AccessPattern) -> String {
        let table = &self.table[item];
        let size = match self.collections.get(&table.pk) {
            Some(&bytes) => format!("these average {}", human_bytes(bytes)),
            None => "their size is not known".to_string(),
        };
        format!(
            "It re-sorts the table's own partition {}: the table's sort key {} does not answer {} as a key condition, and an LSI sorted by {} would, for the same write per item, but it must be created with the table and caps each {} item collection at 10 GB ({size}); a GSI can be added or dropped later and has no cap.",
            table.pk, table.sk, p.id, slot.sk, table.pk
        )
    }

    /// A read of one item whose inputs make its whole table key and more (the
    /// customer's session with a given id): the key names the item, and a
    /// FilterExpression checks the other inputs against it. One Query of that key
    /// costs what the GetItem would, where an index keyed by every input would cost
    /// a copy of every item.
    fn checked_on_key(&self, item: usize, access: &Access) -> Option<Vec<String>> {
        let table = &self.table[item];
        if !access.one || table.shard.is_some() || access.range.is_some() {
            return None;
        }
        let keyed: Vec<&str> = table.pk.attributes().chain(table.sk.attributes()).collect();
        if !keyed.iter().all(|a| access.eq.iter().any(|e| e == a)) {
            return None;
        }
        let rest: Vec<String> = access.eq.iter().filter(|e| !keyed.contains(&e.as_str())).cloned().collect();
        let carried = rest.iter().all(|a| self.holds(item, a));
        (!rest.is_empty() && carried).then_some(rest)
    }

    /// Index economy: a read of many items of one table partition that its key
    /// cannot narrow to (the active subscriptions of a vehicle). Where the whole
    /// collection under that partition averages one read unit or less (by the
    /// model's counts), one Query of it and a FilterExpression on the other inputs
    /// cost the read units an exact index Query would, and no index holds a copy
    /// of every item and costs a write for each. Not with a limit (DynamoDB counts
    /// the items read, not those that pass, towards it), a range or an order,
    /// which need the index's sort key.
    fn filtered_in_small_collection(&self, p: &AccessPattern, item: usize, access: &Access) -> Option<Vec<String>> {
        let table = &self.table[item];
        let unkeyed = access.one || access.range.is_some() || access.order.is_some() || p.limit.is_some();
        if unkeyed || table.shard.is_some() || !table.pk.attributes().all(|a| access.eq.iter().any(|e| e == a)) {
            return None;
        }
        // Without a literal to start the sort key, the Query would also return the
        // partition's other item types, which the filter does not test for.
        if table.sk.constant_prefix().is_empty() || !self.counts_declared(&table.pk) {
            return None;
        }
        let small = self.collections.get(&table.pk).is_some_and(|&bytes| bytes <= READ_UNIT_BYTES);
        let (sort_prefix, _) = table.sk.known_prefix(&|a| access.eq.iter().any(|e| e == a));
        let keyed: Vec<&str> = table.pk.attributes().chain(sort_prefix.attributes()).collect();
        let rest: Vec<String> = access.eq.iter().filter(|e| !keyed.contains(&e.as_str())).cloned().collect();
        let carried = rest.iter().all(|a| self.holds(item, a));
        (small && !rest.is_empty() && carried).then_some(rest)
    }

    /// Whether the item's items hold `attribute`: their own, a parent's identifier,
    /// or a copy of an ancestor's.
    fn holds(&self, item: usize, attribute: &str) -> bool {
        self.graph.carries(self.items[item].name, attribute)
            || self.copies[item].iter().any(|c| c.attribute == attribute)
    }

    /// Whether the model counts every item type written under the table partition
    /// `pk`, and the parent it is: a collection is small as far as the model says,
    /// not by the count every entity without one is assumed to have.
    fn counts_declared(&self, pk: &Template) -> bool {
        let members = self.table.iter().enumerate().filter(|(_, s)| &s.pk == pk).map(|(j, _)| self.items[j].name);
        let parent = self.items.with_prefix(pk.constant_prefix().trim_end_matches('#')).map(|p| p.name);
        let counted = |name: &str| match self.graph.entity(name) {
            Some(e) => e.expected_count.is_some(),
            None => self.graph.relationship(name).is_some_and(|r| r.expected_count.is_some()),
        };
        parent.is_some() && members.chain(parent).all(counted)
    }

    /// Index economy: a read whose new slot and an existing slot of the item in a
    /// GSI partition by attributes one of which holds the other's (the escalated
    /// logs of a supervisor; of a supervisor in a state) can share one slot. It
    /// partitions by the fewer attributes and puts the others first in a
    /// composite sort key (`{state}#{date}`), when that slot still serves every
    /// read routed to the existing one, serves this one, and is told apart from
    /// the other items' keys in that index.
    fn widen(&mut self, p: &AccessPattern, item: usize, new: &Slot, access: &Access) -> Option<String> {
        let it = &self.items[item];
        let attrs = |t: &Template| t.attributes().map(str::to_string).collect::<Vec<_>>();
        for n in 0..self.gsis.len() {
            let Some(existing) = self.gsis[n].get(item) else { continue };
            let index = gsi_name(n + 1);
            let reshaped = existing.shard.is_none()
                && existing.sparse == new.sparse
                && !it.pinned.contains_key(&index)
                && self.served.contains_key(&(index.clone(), item));
            if !reshaped {
                continue;
            }
            let routed = &self.served[&(index.clone(), item)];
            // A collection's members share the parent's partition: its template stays.
            let pre_joined = self.pre_joined(item, &index);
            let mut candidates =
                merged_slots(existing, new, &attrs).into_iter().filter(|(pk, _)| !pre_joined || *pk == existing.pk);
            let merged = candidates.find_map(|(pk, sort_attrs)| {
                // A slot whose sort key already has these attributes keeps its literals.
                let sk = [&existing.sk, &new.sk]
                    .into_iter()
                    .find(|sk| attrs(sk) == sort_attrs)
                    .cloned()
                    .unwrap_or_else(|| id_template(self.graph, it, &it.prefix, &sort_attrs));
                let merged = Slot { pk, sk, sparse: new.sparse.clone(), shard: None };
                let all_served = serves(&merged, access) && routed.iter().all(|a| serves(&merged, a));
                (all_served && !self.gsis[n].clashes(&merged.pk, &merged.sk, &[item])).then_some(merged)
            });
            let Some(merged) = merged else { continue };
            if merged != *existing {
                self.gsis[n].set(item, merged.clone());
                let ids = self.notes[item].get(&index).map(|n| n.ids.join(", ")).unwrap_or_default();
                let composite = merged.sk.attributes().count() > 1;
                let (mut techniques, why) = if composite {
                    let why = format!(
                        "{}: {} writes PK = {}, SK = {} here, so one index serves {ids} and {}: the partition holds what they share, and the sort key's leading parts narrow it for the reads that know more.",
                        Technique::CompositeSortKey, it.name, merged.pk, merged.sk, p.id
                    );
                    (vec![Technique::GsiOverloading, Technique::CompositeSortKey], why)
                } else {
                    let why = format!(
                        "{}: {} writes PK = {}, SK = {} here, so one index serves {ids} and {}, and its sort key orders the partition for {}.",
                        Technique::GsiOverloading, it.name, merged.pk, merged.sk, p.id, p.id
                    );
                    (vec![Technique::GsiOverloading], why)
                };
                if let Some(note) = self.notes[item].get_mut(&index) {
                    // A collection's technique stays (its reason is kept apart).
                    if pre_joined {
                        techniques.push(Technique::ItemCollection);
                    }
                    note.why = why;
                    note.techniques = techniques;
                }
            }
            self.note(item, &index, &[], "", p);
            self.served.entry((index.clone(), item)).or_default().push(access.clone());
            return Some(index);
        }
        None
    }

    /// An index slot pinned by hand for `item` that already serves `access`, with
    /// the items `sparse` keeps (all of them when it is `None`). A pin fixes the
    /// templates, not which items write them: `claim_sparse_pins` made the pins
    /// sparse reads use sparse, and those serve only reads of the same items.
    fn pinned_serving(&self, item: usize, access: &Access, sparse: Option<&SparseCondition>) -> Option<String> {
        self.items[item].pinned.keys().find_map(|index| {
            let (list, n, local) = match IndexName::parse(index)? {
                IndexName::Global(n) => (&self.gsis, n, false),
                IndexName::Local(n) => (&self.lsis, n, true),
                IndexName::Table => return None,
            };
            let slot = list.get(n - 1)?.get(item)?;
            // Only the table and its LSIs read strongly consistently.
            let consistent = !access.strong || local;
            (consistent && slot.sparse.as_ref() == sparse && serves(slot, access)).then(|| index.clone())
        })
    }

    /// Records that `pattern` reads `item`'s slot in `index`; the first read of
    /// the slot says why it exists and with which techniques.
    fn note(&mut self, item: usize, index: &str, techniques: &[Technique], why: &str, pattern: &AccessPattern) {
        let entry = self.notes[item].entry(index.to_string()).or_insert_with(|| IndexNote {
            techniques: techniques.to_vec(),
            why: why.to_string(),
            joined: None,
            ids: Vec::new(),
        });
        if !entry.ids.contains(&pattern.id) {
            entry.ids.push(pattern.id.clone());
        }
    }

    /// Records that `pattern` reads `item`'s slot in `index` as a member of an item
    /// collection, for the reason `why`.
    fn note_collection(&mut self, item: usize, index: &str, why: &str, pattern: &AccessPattern) {
        self.note(item, index, &[Technique::ItemCollection], "", pattern);
        let note = &mut self.notes[item][index];
        if !note.techniques.contains(&Technique::ItemCollection) {
            note.techniques.push(Technique::ItemCollection);
        }
        note.joined.get_or_insert_with(|| why.to_string());
    }

    /// Whether `item`'s slot in `index` is read as a member of an item collection.
    fn pre_joined(&self, item: usize, index: &str) -> bool {
        self.notes[item].get(index).is_some_and(|n| n.joined.is_some())
    }

    fn sparse_condition(&self, item: usize, access: &Access) -> Option<SparseCondition> {
        // A value the request gives varies per request: no index holds just its items.
        let filter = access.filter.as_ref()?.test().filter(|t| t.input.is_none())?;
        let selective = filter.selectivity.is_some_and(|s| s <= SPARSE_SELECTIVITY);
        let boolean =
            self.items[item].attribute(self.graph, &filter.attribute).is_some_and(|a| a.attr_type == AttrType::Boolean);
        let op = match filter.op {
            // The writers decide on a key's text, which a boolean has not (the
            // sample's keys, the generated guards): not derived yet, so a filter.
            FilterOp::Equals if boolean => return None,
            FilterOp::Equals => "equals",
            FilterOp::Present => "present",
            // An index of the items that lack an attribute needs a marker that every
            // write setting the attribute removes, and one of a range or a list of
            // values a marker every write re-evaluates: not derived yet, so a filter.
            _ => return None,
        };
        let condition =
            SparseCondition { attribute: filter.attribute.clone(), op: op.into(), value: filter.value.clone() };
        // An index pinned sparse on just this condition, that serves the read,
        // is the architect's word that it pays, whatever share the filter passes.
        (selective || self.pinned_sparse_serving(item, access, &condition).is_some()).then_some(condition)
    }

    /// A GSI slot of `item` pinned sparse on `condition` that serves `access`.
    fn pinned_sparse_serving(&self, item: usize, access: &Access, condition: &SparseCondition) -> Option<usize> {
        self.items[item].pinned.iter().find_map(|(index, key)| {
            let IndexName::Global(n) = IndexName::parse(index)? else { return None };
            let slot = self.gsis.get(n - 1)?.get(item)?;
            (key.sparse.as_ref() == Some(condition) && serves(slot, access)).then_some(n)
        })
    }

    /// The keys `item` writes into a secondary index so that `access` is one Query.
    fn index_slot(&self, item: usize, access: &Access, sparse: Option<SparseCondition>) -> Slot {
        let it = &self.items[item];
        let table = &self.table[item];
        let (partition, sort_eq) = self.split_inputs(item, &access.eq);
        let mut sort: Vec<String> = sort_eq;
        let ordered = access.range.as_ref().map(|r| &r.attribute).or(access.order.as_ref().map(|o| &o.attribute));
        if let Some(attr) = ordered.filter(|a| !sort.contains(a)) {
            sort.push(attr.clone());
        }
        let table_sk_attrs: Vec<&str> = table.sk.attributes().collect();
        let inverted = sort.is_empty()
            && sparse.is_none()
            && !partition.is_empty()
            && table.pk != table.sk
            && !table.sk.constant_prefix().is_empty()
            && table_sk_attrs.len() == partition.len()
            && partition.iter().all(|a| table_sk_attrs.contains(&a.as_str()));
        if inverted {
            return Slot { pk: table.sk.clone(), sk: table.pk.clone(), sparse: None, shard: None };
        }
        let pk = if partition.is_empty() {
            let mut text = it.prefix.clone();
            if let Some(s) = &sparse {
                text.push('#');
                text.push_str(&prefix(&s.attribute));
                if let Some(v) = &s.value {
                    text.push('#');
                    text.push_str(&v.to_uppercase());
                }
            }
            Template::literal(&text)
        } else if let Some(owner) = self.identified_by(item, &partition) {
            id_template(self.graph, it, &self.items[owner].prefix, &partition)
        } else {
            let mut parts = Vec::new();
            for (i, attr) in partition.iter().enumerate() {
                let label = if i == 0 { prefix(attr) } else { format!("#{}", prefix(attr)) };
                parts.push(Part::Literal(label + "#"));
                parts.push(Part::Attr { name: attr.clone(), pad: None });
            }
            Template::from_parts(parts)
        };
        let sk = if sort.is_empty() {
            id_template(self.graph, it, &it.prefix, &it.identifier)
        } else {
            id_template(self.graph, it, &it.prefix, &sort)
        };
        Slot { pk, sk, sparse, shard: None }
    }

    /// The equality inputs that go into the partition key, and those that go into a
    /// composite sort key: an identifier of the item or a related entity partitions,
    /// further equalities narrow within the partition.
    fn split_inputs(&self, item: usize, eq: &[String]) -> (Vec<String>, Vec<String>) {
        let candidates = std::iter::once(item).chain(self.related(item));
        for owner in candidates {
            let id = &self.items[owner].identifier;
            if !id.is_empty() && id.iter().all(|a| eq.contains(a)) {
                let rest = eq.iter().filter(|a| !id.contains(a)).cloned().collect();
                return (id.clone(), rest);
            }
        }
        (eq.to_vec(), Vec::new())
    }

    fn identified_by(&self, item: usize, attrs: &[String]) -> Option<usize> {
        std::iter::once(item).chain(self.related(item)).find(|&o| {
            let id = &self.items[o].identifier;
            id.len() == attrs.len() && id.iter().all(|a| attrs.contains(a))
        })
    }

    fn related(&self, item: usize) -> Vec<usize> {
        let name = self.items[item].name;
        let mut out: Vec<usize> = self
            .graph
            .relationships_of(name)
            .iter()
            .filter_map(|r| self.item_index(if r.from == name { &r.to } else { &r.from }))
            .collect();
        if let Some((a, b)) = self.items[item].ends {
            out.extend(self.item_index(a));
            out.extend(self.item_index(b));
        }
        // An ancestor whose identifier the items hold a copy of partitions like a parent.
        out.extend(self.copies[item].iter().filter_map(|c| self.item_index(&c.from)));
        out
    }

    /// Pinned slots that a sparse read can use are made sparse before any read is
    /// routed: a read of every item that the same templates happen to serve (all
    /// transactions of a date, on a pin meant for the declined ones) would
    /// otherwise take the slot first and put every item in it. Of the pins that
    /// could serve a sparse read, the one fewest reads of every item need is taken.
    fn claim_sparse_pins(&mut self) {
        let reads: Vec<&AccessPattern> =
            self.graph.model().access_patterns.iter().filter(|p| p.kind.is_read()).collect();
        // Only an entity with an index key pinned has one to claim; its reads are
        // looked up by entity, not rescanned for each read (10,000 entities).
        let mut reads_of: HashMap<&str, Vec<Access>> = HashMap::default();
        for p in &reads {
            reads_of.entry(p.entity.as_str()).or_default().push(Access::of(p));
        }
        for p in &reads {
            let Some(item) = self.item_index(&p.entity) else { continue };
            if !self.items[item].pinned.keys().any(|index| index.starts_with("GSI")) {
                continue;
            }
            let access = Access::of(p);
            let Some(sparse) = self.sparse_condition(item, &access) else { continue };
            // A pin the architect made sparse on it already serves it.
            if self.pinned_sparse_serving(item, &access, &sparse).is_some() {
                continue;
            }
            let full_reads: Vec<&Access> = reads_of[p.entity.as_str()]
                .iter()
                .filter(|a| self.sparse_condition(item, a).is_none() && !serves(&self.table[item], a))
                .collect();
            let claimed = self.items[item]
                .pinned
                .keys()
                .filter_map(|index| {
                    let IndexName::Global(n) = IndexName::parse(index)? else { return None };
                    let slot = self.gsis.get(n - 1)?.get(item)?;
                    let free = slot.sparse.is_none() && serves(slot, &access);
                    free.then(|| (n, full_reads.iter().filter(|a| serves(slot, a)).count()))
                })
                .min_by_key(|(_, needed)| *needed);
            if let Some((n, _)) = claimed {
                self.gsis[n - 1].update(item, |slot| slot.sparse = Some(sparse));
            }
        }
    }

    fn place_pinned(&mut self) {
        for (i, item) in self.items.iter().enumerate() {
            for (index, pinned) in item.pinned.iter() {
                let parse = |t: &Option<String>| t.as_deref().and_then(|t| Template::parse(t).ok());
                let (pk, slots, n) = match IndexName::parse(index) {
                    Some(IndexName::Global(n)) => (parse(&pinned.partition), &mut self.gsis, n),
                    Some(IndexName::Local(n)) => (Some(self.table[i].pk.clone()), &mut self.lsis, n),
                    Some(IndexName::Table) | None => continue,
                };
                let (Some(pk), Some(sk)) = (pk, parse(&pinned.sort)) else {
                    continue;
                };
                while slots.len() < n {
                    slots.push(IndexSlots::new(self.items.len()));
                }
                slots[n - 1].set(i, Slot { pk, sk, sparse: pinned.sparse.clone(), shard: None });
                let note = IndexNote {
                    techniques: vec![Technique::PinnedKey],
                    why: PINNED_KEPT.to_string(),
                    joined: None,
                    ids: Vec::new(),
                };
                self.notes[i].insert(index.clone(), note);
            }
        }
    }
}

/// Whether one Query (or GetItem) on `slot` answers `access` without a filter on keys.
pub fn serves(slot: &Slot, access: &Access) -> bool {
    if slot.shard.is_some() {
        return false;
    }
    let known = |a: &str| access.eq.iter().any(|e| e == a);
    // A shard number pinned by hand is fanned out over, not known.
    if !slot.pk.attributes().filter(|a| *a != SHARD).all(known) {
        return false;
    }
    let (prefix, used) = slot.sk.known_prefix(&known);
    let rest: Vec<&Part> = slot.sk.parts()[used..].iter().collect();
    // An equality is a key condition only in the partition or in the sort key's
    // known start: behind a part the read does not know, nothing can match it.
    let eq_in_key = access.eq.iter().all(|e| slot.pk.attributes().chain(prefix.attributes()).any(|a| a == e));
    if !eq_in_key {
        return false;
    }
    let ordered =
        access.range.as_ref().map(|r| r.attribute.as_str()).or(access.order.as_ref().map(|o| o.attribute.as_str()));
    match ordered {
        None => true,
        Some(attr) => {
            // The range attribute must come right after the known part, and last,
            // so that a bound on it bounds the whole sort key.
            matches!(rest.as_slice(), [Part::Attr { name, .. }] if name == attr)
                || (access.range.is_none() && matches!(rest.first(), Some(Part::Attr { name, .. }) if name == attr))
        }
    }
}

/// A read of the item's table partition that checks `checked` with a FilterExpression.
fn filtered_route(item: usize, mut access: Access, checked: Vec<String>) -> Route {
    access.eq.retain(|e| !checked.contains(e));
    access.checked = checked;
    Route::Direct { index: TABLE.to_string(), item, access: Box::new(access) }
}

/// Puts `slot` in the first index that holds nothing of `item` yet (or the same
/// keys) and where no other item's keys could be mistaken for it; returns its name.
fn place(indexes: &mut Vec<IndexSlots>, items: usize, item: usize, slot: &Slot, name: fn(usize) -> String) -> String {
    for (n, index) in indexes.iter_mut().enumerate() {
        match index.get(item) {
            Some(existing) if existing.pk == slot.pk && existing.sk == slot.sk && existing.sparse == slot.sparse => {
                return name(n + 1);
            }
            Some(_) => continue,
            None => {}
        }
        if !index.clashes(&slot.pk, &slot.sk, &[]) {
            index.set(item, slot.clone());
            return name(n + 1);
        }
    }
    let mut index = IndexSlots::new(items);
    index.set(item, slot.clone());
    indexes.push(index);
    name(indexes.len())
}

/// Places the slots of items read together, from one partition, in the first
/// GSI that takes them all (or a new one), and names it. A member that index
/// already holds in that partition, every item of it (not sparse, not sharded),
/// keeps its slot whatever its sort key: the collection's Query reads the whole
/// partition, so the index that sorts a customer's orders for a range read
/// serves reading them with the customer too, and no second GSI is made for it.
fn place_collection(indexes: &mut Vec<IndexSlots>, items: usize, group: &[(usize, Slot)]) -> String {
    let fits = |index: &IndexSlots, (item, slot): &(usize, Slot)| match index.get(*item) {
        Some(existing) => existing.pk == slot.pk && existing.sparse.is_none() && existing.shard.is_none(),
        // Only the item itself is let off: a member already there must not be
        // mistaken for a new one either.
        None => !index.clashes(&slot.pk, &slot.sk, &[*item]),
    };
    let n = indexes.iter().position(|index| group.iter().all(|member| fits(index, member)));
    let n = n.unwrap_or_else(|| {
        indexes.push(IndexSlots::new(items));
        indexes.len() - 1
    });
    for (item, slot) in group {
        if indexes[n].get(*item).is_none() {
            indexes[n].set(*item, slot.clone());
        }
    }
    gsi_name(n + 1)
}

/// The slots that could serve the reads of both `existing` and `new` in one
/// index partition, as (partition template, sort key attributes), best first.
/// Partitions by nested attribute sets partition by the fewer and sort by the
/// others first; partitions by the same attributes sort by either slot's sort
/// attributes followed by the other's, so one read's equalities lead, and last
/// by the new read's sort attributes alone, which serve earlier reads of the
/// whole partition (a customer with their orders).
fn merged_slots(existing: &Slot, new: &Slot, attrs: &dyn Fn(&Template) -> Vec<String>) -> Vec<(Template, Vec<String>)> {
    let (old_pk, new_pk) = (attrs(&existing.pk), attrs(&new.pk));
    let within = |a: &[String], b: &[String]| a.iter().all(|x| b.contains(x));
    let then = |mut first: Vec<String>, more: Vec<String>| {
        for a in more {
            if !first.contains(&a) {
                first.push(a);
            }
        }
        first
    };
    if old_pk.is_empty() || new_pk.is_empty() {
        return Vec::new();
    }
    if within(&new_pk, &old_pk) && within(&old_pk, &new_pk) {
        let (old_sk, new_sk) = (attrs(&existing.sk), attrs(&new.sk));
        return vec![
            (existing.pk.clone(), then(old_sk.clone(), new_sk.clone())),
            (existing.pk.clone(), then(new_sk.clone(), old_sk)),
            (existing.pk.clone(), new_sk),
        ];
    }
    let (narrow, wide) = if within(&new_pk, &old_pk) {
        (new, existing)
    } else if within(&old_pk, &new_pk) {
        (existing, new)
    } else {
        return Vec::new();
    };
    let narrow_pk = attrs(&narrow.pk);
    let extra: Vec<String> = attrs(&wide.pk).into_iter().filter(|a| !narrow_pk.contains(a)).collect();
    vec![(narrow.pk.clone(), then(extra, attrs(&wide.sk)))]
}

/// What the explanation of a slot pinned by hand says.
const PINNED_KEPT: &str = "Pinned by hand and kept.";

/// Why `item` writes `slot` into a GSI, with the techniques that says it uses.
fn slot_reason(graph: &ErGraph<'_>, item: &Item<'_>, table: &Slot, slot: &Slot) -> (Vec<Technique>, String) {
    if slot.pk == table.sk && slot.sk == table.pk {
        let why = format!(
            "{}: {} writes its table keys swapped (PK = {}, SK = {}), which turns the relationship around.",
            Technique::InvertedIndex,
            item.name,
            slot.pk,
            slot.sk
        );
        return (vec![Technique::InvertedIndex], why);
    }
    if let Some(cond) = &slot.sparse {
        let why = format!(
            "{}: {} writes PK = {}, SK = {} only when {cond}, so the index holds just those items and reading it is cheap.",
            Technique::SparseIndex,
            item.name,
            slot.pk,
            slot.sk
        );
        return (vec![Technique::SparseIndex], why);
    }
    let sort_attrs: Vec<&str> = slot.sk.attributes().collect();
    let identity = sort_attrs.iter().all(|a| item.identifier.iter().any(|i| i == a));
    let mut techniques = vec![Technique::GsiOverloading];
    let mut technique = Technique::GsiOverloading.name().to_string();
    if !identity && sort_attrs.len() > 1 {
        techniques.push(Technique::CompositeSortKey);
        technique.push_str(" with a composite sort key (equality first, then the range, so no filter is needed)");
    }
    let time_ordered = sort_attrs
        .last()
        .and_then(|a| item.attribute(graph, a))
        .and_then(|a| a.format.as_ref())
        .is_some_and(|f| f.is_time_ordered());
    if !identity && time_ordered {
        techniques.push(Technique::TimeOrderedSortKey);
        technique.push_str(" and a time-ordered sort key");
    }
    let why = format!(
        "{technique}: {} writes PK = {}, SK = {} into the index's generic key attributes, which other entities' keys may share.",
        item.name, slot.pk, slot.sk
    );
    (techniques, why)
}

/// Bytes as a reader says them: 3.2 KB, 41.0 MB, 12.5 GB.
fn human_bytes(bytes: f64) -> String {
    let units = [("GB", 1e9), ("MB", 1e6), ("KB", 1e3)];
    units
        .iter()
        .find(|(_, size)| bytes >= *size)
        .map_or_else(|| format!("{bytes:.0} bytes"), |(unit, size)| format!("{:.1} {unit}", bytes / size))
}
