//! One index's slots, grouped so that the question the derivation asks for every
//! slot it places — which items could share this partition, and could their sort
//! keys be mistaken for this one's — costs time in the answer, not in the index's
//! size: thousands of kinds of item overloading one partition shape (a status, a
//! date) must not make placing each of them scan all the others.

use crate::template::Template;

use super::prefix_map::PrefixMap;
use super::Slot;

#[derive(Debug, Clone)]
pub struct IndexSlots {
    slots: Vec<Option<Slot>>,
    /// Partition templates by the literal they start with (only templates whose
    /// literals are prefixes of one another can produce the same partition), each
    /// with its items by the literal their sort keys start with.
    by_prefix: PrefixMap<Vec<Group>>,
}

/// The items writing one partition template, by their sort keys' literal prefix.
#[derive(Debug, Clone)]
struct Group {
    pk: Template,
    sorts: PrefixMap<Vec<usize>>,
}

impl IndexSlots {
    pub fn new(items: usize) -> Self {
        IndexSlots { slots: vec![None; items], by_prefix: PrefixMap::default() }
    }

    pub fn from_slots(slots: impl IntoIterator<Item = Slot>) -> Self {
        let list: Vec<Slot> = slots.into_iter().collect();
        let mut index = IndexSlots::new(list.len());
        for (i, slot) in list.into_iter().enumerate() {
            index.set(i, slot);
        }
        index
    }

    pub fn get(&self, item: usize) -> Option<&Slot> {
        self.slots.get(item)?.as_ref()
    }

    pub fn set(&mut self, item: usize, slot: Slot) {
        self.unindex(item);
        let groups = self.by_prefix.entry(&slot.pk.constant_prefix());
        let at = match groups.iter().position(|g| g.pk == slot.pk) {
            Some(at) => at,
            None => {
                groups.push(Group { pk: slot.pk.clone(), sorts: PrefixMap::default() });
                groups.len() - 1
            }
        };
        groups[at].sorts.entry(&slot.sk.constant_prefix()).push(item);
        self.slots[item] = Some(slot);
    }

    /// Changes an item's slot in place (sharding rewrites partition templates).
    pub fn update(&mut self, item: usize, change: impl FnOnce(&mut Slot)) {
        if let Some(mut slot) = self.slots[item].take() {
            change(&mut slot);
            self.set(item, slot);
        }
    }

    /// Every item's slot, in item order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &Slot)> {
        self.slots.iter().enumerate().filter_map(|(i, s)| s.as_ref().map(|s| (i, s)))
    }

    /// The slots whose partition template may produce a value `pk` produces, in no
    /// particular order.
    pub fn sharing_partition<'s>(&'s self, pk: &'s Template) -> impl Iterator<Item = (usize, &'s Slot)> + 's {
        self.groups_sharing(pk)
            .flat_map(|g| g.sorts.extending("", true).flatten().copied())
            .filter_map(move |i| self.get(i).map(|s| (i, s)))
    }

    /// Whether an item not in `except` has keys that could be mistaken for a
    /// slot with partition `pk` and sort key `sk`: a partition they may share, and
    /// sort keys one of which may start like the other.
    pub fn clashes(&self, pk: &Template, sk: &Template, except: &[usize]) -> bool {
        let prefix = sk.constant_prefix();
        let other = |items: &Vec<usize>| items.iter().any(|i| !except.contains(i));
        self.groups_sharing(pk).any(|g| {
            // Sort keys whose literal starts with ours always may start like ours.
            let longer = g.sorts.extending(&prefix, true).any(other);
            // Sort keys whose literal is a shorter start of ours: ask each one.
            let shorter = || {
                g.sorts.starts_of(&prefix).flatten().any(|&i| {
                    !except.contains(&i)
                        && self
                            .get(i)
                            .is_some_and(|o| o.sk.may_start_with(&prefix) || sk.may_start_with(&o.sk.constant_prefix()))
                })
            };
            longer || shorter()
        })
    }

    /// The groups whose partition template may produce a value `pk` produces.
    fn groups_sharing<'s>(&'s self, pk: &Template) -> impl Iterator<Item = &'s Group> + 's {
        let prefix = pk.constant_prefix();
        let buckets = self.by_prefix.starts_of(&prefix).chain(self.by_prefix.extending(&prefix, false));
        let sharing: Vec<&Group> = buckets.flatten().filter(|g| g.pk.may_equal(pk)).collect();
        sharing.into_iter()
    }

    fn unindex(&mut self, item: usize) {
        let Some(old) = &self.slots[item] else { return };
        let (pk_prefix, sk_prefix) = (old.pk.constant_prefix(), old.sk.constant_prefix());
        let Some(groups) = self.by_prefix.get_mut(&pk_prefix) else { return };
        if let Some(g) = groups.iter_mut().find(|g| g.pk == old.pk) {
            if let Some(items) = g.sorts.get_mut(&sk_prefix) {
                items.retain(|&i| i != item);
                if items.is_empty() {
                    g.sorts.remove(&sk_prefix);
                }
            }
        }
        groups.retain(|g| !g.sorts.is_empty());
        if groups.is_empty() {
            self.by_prefix.remove(&pk_prefix);
        }
    }
}
