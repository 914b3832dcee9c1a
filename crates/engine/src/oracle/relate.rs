//! Which sample items are related, read from the model's relationships and the
//! identifiers the items carry: a child carries its parent's identifier, a pair item
//! carries both ends'. Shared by the oracle and the parameter drawing.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::graph::ErGraph;
use crate::model::{AccessPattern, Cardinality, Model, Relationship};
use crate::sample::{Sample, SampleItem, Value};

/// How a read's inputs reach its target's items: through the relationship it
/// follows (`ErGraph::followed`), down a path from an ancestor further up
/// (`ErGraph::ancestry`), or neither (its own attributes, or any relationship).
enum Follow<'m> {
    Nothing,
    One(&'m Relationship),
    Down(Vec<&'m Relationship>),
}

impl<'m> Follow<'m> {
    fn of(model: &'m Model, pattern: &AccessPattern) -> Self {
        let graph = ErGraph::new(model);
        match (graph.followed(pattern), graph.ancestry(pattern)) {
            (Some(r), _) => Follow::One(r),
            (None, Some(path)) => Follow::Down(path),
            (None, None) => Follow::Nothing,
        }
    }
}

/// The links between the sample's items that one pattern follows, found through
/// indexes of the items by the identifiers they carry, built on first use: a
/// lookup per item keeps the oracle linear in the sample (a scan per item made a
/// proof of 2,000 items take minutes).
pub struct Links<'s> {
    model: &'s Model,
    sample: &'s Sample,
    follow: Follow<'s>,
    indexes: RefCell<HashMap<(usize, Side), Index>>,
}

/// Which identifiers of a relationship's ends an index reads off the items of
/// one kind: a parent's own, a child's copy of its parent's, a pair item's copy
/// of either end's.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Side {
    From,
    To,
    Child,
    PairFrom,
    PairTo,
}

/// Items (by their place in the sample) by the values of some of their attributes.
type Index = HashMap<Vec<Canon>, Vec<usize>>;

/// A value as [`same`] compares identifiers: numbers by value.
#[derive(PartialEq, Eq, Hash)]
enum Canon {
    N(u64),
    S(String),
    /// Identifiers are strings, numbers or binaries; anything else by its form.
    Other(String),
}

fn canon(v: &Value) -> Canon {
    match (v, v.as_f64()) {
        // Adding 0.0 makes -0 and 0 one value, as DynamoDB has them.
        (Value::N(_), Some(n)) => Canon::N((n + 0.0).to_bits()),
        (Value::S(s), _) => Canon::S(s.clone()),
        _ => Canon::Other(format!("{v:?}")),
    }
}

impl<'s> Links<'s> {
    pub fn new(model: &'s Model, sample: &'s Sample, pattern: &AccessPattern) -> Self {
        Links { model, sample, follow: Follow::of(model, pattern), indexes: RefCell::default() }
    }

    /// Whether `item` (of the pattern's target) matches `value` on the input `attr`,
    /// through what the pattern follows.
    pub fn matches(&self, item: &'s SampleItem, attr: &str, value: &Value) -> bool {
        self.values_of(item, attr).into_iter().any(|v| same(v, value))
    }

    /// A value the input `attr` has for `item` (of the pattern's target).
    pub fn value_of(&self, item: &'s SampleItem, attr: &str) -> Option<&'s Value> {
        self.values_of(item, attr).into_iter().next()
    }

    /// The values the input `attr` has for `item`: its own attribute, or else the
    /// attribute of the items related to it through what the pattern follows (the
    /// users who liked a post, not the one who wrote it), or of its ancestor up
    /// that path (whatever copy of it the item holds), or through any
    /// relationship when there is none.
    fn values_of(&self, item: &'s SampleItem, attr: &str) -> Vec<&'s Value> {
        let declared = self.model.entity(&item.entity).is_some_and(|e| e.attribute(attr).is_some());
        let own = || item.get(attr).into_iter().collect();
        match &self.follow {
            _ if declared => own(),
            // A child carries its parent's identifier.
            &Follow::One(r) if r.cardinality != Cardinality::ManyToMany && r.to == item.entity => own(),
            &Follow::One(r) => self.through(item, r).into_iter().filter_map(|o| o.get(attr)).collect(),
            // Up to the level below the ancestor, which carries its identifier as its parent's.
            Follow::Down(path) => {
                let mut at = Some(item);
                for &r in path.iter().skip(1).rev() {
                    at = at.and_then(|i| self.through(i, r).into_iter().find(|o| o.entity == r.from));
                }
                at.and_then(|i| i.get(attr)).into_iter().collect()
            }
            Follow::Nothing => match item.get(attr) {
                Some(v) => vec![v],
                None => self.related(item).into_iter().filter_map(|o| o.get(attr)).collect(),
            },
        }
    }

    /// Items related to `item` through any relationship, either direction.
    pub fn related(&self, item: &SampleItem) -> Vec<&'s SampleItem> {
        let mut found: Vec<&'s SampleItem> =
            self.model.relationships.iter().flat_map(|r| self.through(item, r)).collect();
        // Items of one sample: their addresses are in its order.
        found.sort_by_key(|o| std::ptr::from_ref(*o));
        found.dedup_by_key(|o| std::ptr::from_ref(*o));
        found
    }

    /// Items related to `item` through the relationship `r`: a parent's children
    /// or a child's parent; a pair item's ends or an end's pair items.
    fn through(&self, item: &SampleItem, r: &Relationship) -> Vec<&'s SampleItem> {
        let Some(at) = self.model.relationships.iter().position(|o| std::ptr::eq(o, r)) else { return Vec::new() };
        let sides: &[(Side, Side)] = match r.cardinality {
            Cardinality::ManyToMany if item.entity == r.name => {
                &[(Side::PairFrom, Side::From), (Side::PairTo, Side::To)]
            }
            Cardinality::ManyToMany => &[(Side::From, Side::PairFrom), (Side::To, Side::PairTo)],
            _ if r.from == r.to => &[],
            _ => &[(Side::Child, Side::From), (Side::From, Side::Child)],
        };
        let mut places: Vec<usize> = Vec::new();
        for &(mine, theirs) in sides {
            let (kind, names) = self.side(r, mine);
            if kind != item.entity {
                continue;
            }
            let Some(key) = key_of(item, &names) else { continue };
            let indexes = &mut *self.indexes.borrow_mut();
            let index = indexes.entry((at, theirs)).or_insert_with(|| self.index(r, theirs));
            places.extend(index.get(&key).into_iter().flatten());
        }
        // In the sample's order, as a scan finds them: the first is the one a read's input takes.
        places.sort_unstable();
        places.dedup();
        places.into_iter().map(|i| &self.sample.items[i]).filter(|o: &&'s SampleItem| o.entity != item.entity).collect()
    }

    /// The kind of item on one side of `r`, and the attributes its items hold the
    /// link in.
    fn side(&self, r: &'s Relationship, side: Side) -> (&'s str, Vec<String>) {
        let ids = |entity: &str| -> Vec<String> {
            self.model
                .entity(entity)
                .map(|e| e.identifier().iter().map(|x| x.name.clone()).collect())
                .unwrap_or_default()
        };
        match side {
            Side::From => (&r.from, ids(&r.from)),
            Side::Child => (&r.to, ids(&r.from)),
            Side::To => (&r.to, ids(&r.to)),
            Side::PairFrom => (&r.name, ids(&r.from)),
            Side::PairTo => (&r.name, ids(&r.to).iter().map(|n| r.to_end_attribute(n)).collect()),
        }
    }

    fn index(&self, r: &'s Relationship, side: Side) -> Index {
        let (kind, names) = self.side(r, side);
        let mut index = Index::new();
        for (place, item) in self.sample.items.iter().enumerate().filter(|(_, i)| i.entity == kind) {
            if let Some(key) = key_of(item, &names) {
                index.entry(key).or_default().push(place);
            }
        }
        index
    }
}

/// The values `item` holds for `names`; `None` when it lacks one (or there are none).
fn key_of(item: &SampleItem, names: &[String]) -> Option<Vec<Canon>> {
    if names.is_empty() {
        return None;
    }
    names.iter().map(|n| item.get(n).map(canon)).collect()
}

/// Equal as DynamoDB compares: numbers by value, sets in any order.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::N(_), Value::N(_)) => a.as_f64() == b.as_f64(),
        (Value::Ss(x), Value::Ss(y)) => sorted(x) == sorted(y),
        (Value::Ns(x), Value::Ns(y)) => {
            let parse = |v: &Vec<String>| {
                let mut n: Vec<f64> = v.iter().filter_map(|s| s.parse().ok()).collect();
                n.sort_by(f64::total_cmp);
                n
            };
            parse(x) == parse(y)
        }
        (Value::L(x), Value::L(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
        (Value::M(x), Value::M(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
        _ => a == b,
    }
}

fn sorted(v: &[String]) -> Vec<&String> {
    let mut s: Vec<&String> = v.iter().collect();
    s.sort();
    s
}
