//! What the design calls each index's key attributes. Tablewright's own names
//! (PK, SK, GSI1PK, ...) unless the model was imported: then the source's names
//! (`pk`, `gsi1_sk`, an inverted index's `SK`/`PK`), so that its exports, code and
//! deployed table match the application already written against it — wherever
//! the design writes the same value into an attribute under every name it has.

use foldhash::HashMap;

use crate::design::naming::key_attributes;
use crate::design::types::{KeyAttribute, TABLE};
use crate::model::{Imported, IndexName, KeyType, Model, SourceIndex, SourceKey};

use super::{Layout, Slot};

/// Each index's (partition, sort) key attribute names; an index absent here
/// has Tablewright's.
#[derive(Debug, Default)]
pub struct KeyNames {
    chosen: HashMap<String, (String, String)>,
    /// Why an imported index kept Tablewright's names, by index.
    kept_own: Vec<(String, String)>,
    /// Every index's names once chosen: derivation asks for them hundreds of
    /// thousands of times on a large model, and building them is formatting.
    settled: HashMap<String, (String, String)>,
    /// The key attributes that are not text, by name: a source's number key that
    /// is the items' own number attribute (every other key value is text).
    typed: HashMap<String, KeyType>,
}

impl KeyNames {
    pub fn of(&self, index: &str) -> (String, String) {
        match self.settled.get(index) {
            Some(names) => names.clone(),
            None => self.build(index),
        }
    }

    fn build(&self, index: &str) -> (String, String) {
        let (pk, sk) = self.chosen.get(index).cloned().unwrap_or_else(|| key_attributes(index));
        match IndexName::parse(index) {
            // A local index is partitioned by the table's partition key itself.
            Some(IndexName::Local(_)) => (self.build(TABLE).0, sk),
            _ => (pk, sk),
        }
    }

    /// The key attribute `name` with its DynamoDB type.
    pub fn attribute(&self, name: &str) -> KeyAttribute {
        let key_type = self.typed.get(name).copied().unwrap_or(KeyType::S);
        KeyAttribute { name: name.to_string(), attr_type: key_type.as_str().to_string() }
    }

    /// Why an imported index's keys are not called what the source calls them.
    pub fn own_names_note(&self, index: &str) -> Option<String> {
        let (_, why) = self.kept_own.iter().find(|(i, _)| i == index)?;
        let (pk, sk) = self.of(index);
        Some(format!(" Its keys are named {pk} and {sk}, not as in the source: {why}."))
    }

    /// The source's names for every index whose items write each named
    /// attribute one way; the others keep Tablewright's, with the reason.
    pub fn choose(model: &Model, layout: &Layout<'_, '_>) -> KeyNames {
        let mut names = KeyNames::default();
        if let Some(imported) = model.imported.as_ref().filter(|i| i.source_key_names) {
            names.choose_source(imported, model, layout);
        }
        names.settled = layout
            .index_names()
            .into_iter()
            .map(|index| {
                let pair = names.build(&index);
                (index, pair)
            })
            .collect();
        names
    }

    fn choose_source(&mut self, imported: &Imported, model: &Model, layout: &Layout<'_, '_>) {
        for index in layout.index_names() {
            let Some(source) = imported.keys.get(&index) else { continue };
            match source_names(model, layout, &index, source) {
                Ok(pair) => {
                    self.chosen.insert(index, pair);
                }
                Err(why) => self.kept_own.push((index, why)),
            }
        }
        // Shared names are checked as the whole assignment stands: dropping one
        // index's names can leave another's clashing with Tablewright's.
        while let Some((index, why)) = self.first_clash(layout) {
            self.chosen.remove(&index);
            self.kept_own.push((index, why));
        }
        for (index, (pk, sk)) in &self.chosen {
            let source = &imported.keys[index];
            let halves = [(pk, source.partition_key.as_ref()), (sk, source.sort_key.as_ref())];
            for (name, key) in halves.into_iter().filter_map(|(n, k)| Some((n, k?))) {
                if key.key_type != KeyType::S && !name.is_empty() {
                    self.typed.insert(name.clone(), key.key_type);
                }
            }
        }
    }

    /// An index (never the table first) whose named attribute some item would
    /// write two ways, or for one index and not another.
    fn first_clash(&self, layout: &Layout<'_, '_>) -> Option<(String, String)> {
        let mut uses: HashMap<String, Vec<(String, bool)>> = HashMap::default();
        for index in layout.index_names() {
            let (pk, sk) = self.of(&index);
            if !matches!(IndexName::parse(&index), Some(IndexName::Local(_))) {
                uses.entry(pk).or_default().push((index.clone(), true));
            }
            uses.entry(sk).or_default().push((index, false));
        }
        let mut clashes: Vec<(String, String)> = uses
            .into_iter()
            .filter(|(_, used)| used.len() > 1)
            .filter_map(|(name, used)| {
                let written = |(index, partition): &(String, bool), item: usize| {
                    layout.slot(index, item).map(|slot: &Slot| {
                        let template = if *partition { &slot.pk } else { &slot.sk };
                        let shard = slot.shard.as_ref().filter(|_| *partition).map(|s| (s.count, s.from.clone()));
                        (template.to_string(), slot.sparse.clone(), shard)
                    })
                };
                let item =
                    (0..layout.items.len()).find(|&i| used.iter().any(|u| written(u, i) != written(&used[0], i)))?;
                let chosen = used.iter().map(|(index, _)| index).filter(|i| self.chosen.contains_key(*i));
                let index = chosen.clone().filter(|i| *i != TABLE).max().or_else(|| chosen.min())?.clone();
                let others: Vec<String> = used
                    .iter()
                    .map(|(i, _)| i)
                    .filter(|i| **i != index)
                    .map(|i| if i == TABLE { "the table".to_string() } else { i.clone() })
                    .collect();
                let why = format!(
                    "the source's name {name} is also a key attribute of {}, and {} would write it differently there",
                    others.join(" and "),
                    layout.items[item].name
                );
                Some((index, why))
            })
            .collect();
        clashes.sort();
        clashes.into_iter().next()
    }
}

/// The source's (partition, sort) names of `index`, when the design can write
/// them: both halves present, a name no model attribute has unless the key is
/// that attribute itself, and text unless it is (a number key can only be the
/// items' own number: the design's templates write text).
fn source_names(
    model: &Model,
    layout: &Layout<'_, '_>,
    index: &str,
    source: &SourceIndex,
) -> Result<(String, String), String> {
    let Some(sort) = source.sort_key.as_ref().map(named) else {
        return Err("the source's index has no sort key, and Tablewright's designs key every index by two".into());
    };
    // A local index's partition key is the table's, whichever names that has.
    if matches!(IndexName::parse(index), Some(IndexName::Local(_))) {
        writable(model, layout, (index, false), sort)?;
        return Ok((String::new(), sort.0.to_string()));
    }
    let Some(partition) = source.partition_key.as_ref().map(named) else {
        return Err("the source's index has no partition key".into());
    };
    writable(model, layout, (index, true), partition)?;
    writable(model, layout, (index, false), sort)?;
    Ok((partition.0.to_string(), sort.0.to_string()))
}

fn named(key: &SourceKey) -> (&str, KeyType) {
    (key.name.as_str(), key.key_type)
}

/// Why the design cannot write its key values into the source's attribute, if it
/// cannot; `half` is the index and whether the name is its partition key.
fn writable(
    model: &Model,
    layout: &Layout<'_, '_>,
    half: (&str, bool),
    (name, key_type): (&str, KeyType),
) -> Result<(), String> {
    // The source's text: shown in explanations, which reach a terminal as they are.
    let shown = crate::escape::visible(name);
    if key_type == KeyType::B {
        return Err(format!("the source's {shown} is binary, and the design's key values are text or numbers"));
    }
    if let Some(why) = unwritable(name) {
        return Err(format!("the design's expressions name key attributes through placeholders, and {shown} {why}"));
    }
    if model.names_attribute(name) {
        return own_attribute(layout, half, name, key_type)
            .map_err(|why| format!("the source's {shown} is also an attribute of the model's items, and {why}"));
    }
    if key_type == KeyType::N {
        return Err(format!(
            "the source's {shown} is a number, and the design's key values are text unless the key is the items' own number"
        ));
    }
    Ok(())
}

/// Whether the key half is the items' own attribute `name` (a table keyed by
/// `customerId`, an index by `status`): every item in the index declares `name`
/// of the key's type and keys the half by `{name}` alone, is in the index exactly when it
/// has `name` (in the table, always), and no item outside the index has `name`
/// (DynamoDB indexes every item that carries its key attributes). Then the items
/// write nothing but the attribute.
fn own_attribute(
    layout: &Layout<'_, '_>,
    (index, partition): (&str, bool),
    name: &str,
    key_type: KeyType,
) -> Result<(), String> {
    let Some(slots) = layout.index_slots(index) else { return Err(format!("the design has no index {index}")) };
    for (item, entity) in layout.items.iter().enumerate().map(|(i, item)| (i, item.name)) {
        let declared = own(layout, entity, name);
        let Some(slot) = slots.get(item) else {
            if declared.is_some() {
                return Err(format!("{entity} has a {name} too, so DynamoDB would index it where the design does not"));
            }
            continue;
        };
        let template = if partition { &slot.pk } else { &slot.sk };
        if !template.is_attribute(name) {
            return Err(format!("{entity} writes {template} there, not its {name} as it is"));
        }
        if partition && slot.shard.is_some() {
            return Err(format!("{entity}'s partitions there are sharded"));
        }
        // A read across the shards merges their items by the sort key's text.
        if key_type == KeyType::N && slot.shard.is_some() {
            return Err(format!(
                "{entity}'s partitions there are sharded: a read across the shards merges their numbers as text (10 before 9)"
            ));
        }
        if declared.is_none_or(|a| a.attr_type != key_type.attr_type()) {
            let kind = if key_type == KeyType::N { "a number" } else { "text" };
            return Err(format!("{entity} has no {name} of its own as {kind}"));
        }
        let membership = match &slot.sparse {
            None => index != TABLE || layout.graph.always_carries(entity, name),
            Some(s) => s.attribute == name && s.op == "present",
        };
        if !membership {
            return Err(format!("{entity} is in the index on another condition than having {name}"));
        }
    }
    Ok(())
}

/// The attribute `name` an entity or a many-to-many relationship's pair items
/// declare themselves (not a related entity's identifier they point at).
fn own<'m>(layout: &Layout<'_, 'm>, item: &str, name: &str) -> Option<&'m crate::model::Attribute> {
    match layout.graph.entity(item) {
        Some(e) => e.attribute(name),
        None => layout.graph.relationship(item)?.attributes.iter().find(|a| a.name == name),
    }
}

/// Why no expression could name the attribute: a `#` placeholder binds to the
/// name after it, which must then be letters, digits and `_`.
fn unwritable(name: &str) -> Option<&'static str> {
    (!crate::expression::nameable(name)).then_some("holds characters no expression placeholder can stand for")
}
