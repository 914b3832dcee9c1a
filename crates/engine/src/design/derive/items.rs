//! The kinds of item the table holds: one per entity and one per many-to-many
//! relationship (its pair items), with what the deriver needs to know of each.

use std::collections::BTreeMap;

use foldhash::HashMap;
use std::ops::Deref;

use crate::design::capacity::DEFAULT_ITEM_SIZE;
use crate::design::naming::prefix;
use crate::design::types::ItemKind;
use crate::graph::ErGraph;
use crate::model::{AttrType, Attribute, Cardinality, PinnedKey};
use crate::template::Template;

use super::Slot;

pub struct Item<'m> {
    pub name: &'m str,
    pub kind: ItemKind,
    pub prefix: String,
    /// The attributes that identify one item (for pairs: both ends' identifiers).
    pub identifier: Vec<String>,
    pub count: f64,
    pub size: u32,
    pub pinned: &'m BTreeMap<String, PinnedKey>,
    /// For pairs: the two entities joined, and how many identifier attributes
    /// belong to the `from` end.
    pub ends: Option<(&'m str, &'m str)>,
    pub from_id_len: usize,
}

/// The items, with the lookups the deriver makes over and over.
pub struct Items<'m> {
    list: Vec<Item<'m>>,
    by_name: HashMap<&'m str, usize>,
    by_prefix: HashMap<String, usize>,
    /// Entities identified by one attribute, by that attribute's name.
    by_identifier: HashMap<String, usize>,
}

impl<'m> Deref for Items<'m> {
    type Target = [Item<'m>];

    fn deref(&self) -> &[Item<'m>] {
        &self.list
    }
}

impl<'m> Items<'m> {
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    pub fn named(&self, name: &str) -> Option<&Item<'m>> {
        self.index_of(name).map(|i| &self.list[i])
    }

    pub fn with_prefix(&self, prefix: &str) -> Option<&Item<'m>> {
        self.by_prefix.get(prefix).map(|&i| &self.list[i])
    }

    /// The average bytes of `item`'s items in one partition keyed `pk`, when that
    /// partition is a parent's (its key starts with another item's prefix): the
    /// items spread over the parents.
    fn share_bytes(&self, item: usize, pk: &Template) -> Option<f64> {
        let partition = pk.constant_prefix();
        let it = &self.list[item];
        let parents = self.with_prefix(partition.trim_end_matches('#')).filter(|o| o.name != it.name)?;
        Some(it.count / parents.count.max(1.0) * f64::from(it.size))
    }

    /// The average bytes of one item collection per table partition template
    /// that is a parent's: every item type written under it, summed (a
    /// customer's accounts and addresses together). What an LSI's 10 GB cap is
    /// weighed against. `table` is each item's table slot.
    pub fn collection_bytes<'t>(&self, table: &'t [Slot]) -> HashMap<&'t Template, f64> {
        let mut out: HashMap<&Template, f64> = HashMap::default();
        for (i, slot) in table.iter().enumerate() {
            if let Some(bytes) = self.share_bytes(i, &slot.pk) {
                *out.entry(&slot.pk).or_default() += bytes;
            }
        }
        out
    }

    /// The entity whose whole identifier is the attribute `attr`.
    pub fn identified_by(&self, attr: &str) -> Option<&Item<'m>> {
        self.by_identifier.get(attr).map(|&i| &self.list[i])
    }
}

pub fn items<'m>(graph: &ErGraph<'m>) -> Items<'m> {
    let list = item_list(graph);
    let mut by_name = HashMap::default();
    let mut by_prefix = HashMap::default();
    let mut by_identifier = HashMap::default();
    for (i, item) in list.iter().enumerate() {
        by_name.entry(item.name).or_insert(i);
        by_prefix.entry(item.prefix.clone()).or_insert(i);
        if let ([id], ItemKind::Entity) = (item.identifier.as_slice(), item.kind) {
            by_identifier.entry(id.clone()).or_insert(i);
        }
    }
    Items { list, by_name, by_prefix, by_identifier }
}

fn item_list<'m>(graph: &ErGraph<'m>) -> Vec<Item<'m>> {
    let model = graph.model();
    let entities = model.entities.iter().map(|e| Item {
        name: &e.name,
        kind: ItemKind::Entity,
        prefix: prefix(&e.name),
        identifier: e.identifier().iter().map(|a| a.name.clone()).collect(),
        count: e.expected_count.map_or(1000.0, |c| c as f64),
        size: e.average_item_size.unwrap_or(DEFAULT_ITEM_SIZE),
        pinned: &e.pinned_keys,
        ends: None,
        from_id_len: 0,
    });
    let pairs = model.relationships.iter().filter(|r| r.cardinality == Cardinality::ManyToMany).map(|r| {
        let id =
            |end: &str| graph.entity(end).map(|e| e.identifier().iter().map(|a| a.name.clone()).collect::<Vec<_>>());
        Item {
            name: &r.name,
            kind: ItemKind::Relationship,
            prefix: prefix(&r.name),
            identifier: [
                id(&r.from).unwrap_or_default(),
                id(&r.to).unwrap_or_default().iter().map(|a| r.to_end_attribute(a)).collect(),
            ]
            .concat(),
            count: r.expected_count.map_or(1000.0, |c| c as f64),
            size: r.average_item_size.unwrap_or(DEFAULT_ITEM_SIZE / 4),
            pinned: &r.pinned_keys,
            ends: Some((r.from.as_str(), r.to.as_str())),
            from_id_len: id(&r.from).map_or(0, |i| i.len()),
        }
    });
    entities.chain(pairs).collect()
}

impl Item<'_> {
    /// The attribute `name` of the item's keys: its own, a related entity's
    /// identifier, or an ancestor's, which an index keyed by its copy uses.
    pub fn attribute<'m>(&self, graph: &ErGraph<'m>, name: &str) -> Option<&'m Attribute> {
        graph.resolve_input(self.name, name)
    }

    /// Numbers are zero-padded in keys so that they sort as text in numeric order.
    pub fn pad(&self, graph: &ErGraph<'_>, name: &str) -> Option<u8> {
        self.attribute(graph, name).filter(|a| a.attr_type == AttrType::Number).map(|_| 10)
    }
}
