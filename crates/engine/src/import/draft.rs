//! An entity being put together from what a source says about one kind of item.

use std::collections::BTreeMap;

use crate::model::{AttrType, Attribute, Entity, Inference, PinnedKey, SparseCondition};

use super::infer::Inferred;

pub(crate) struct Draft {
    pub name: String,
    pub attributes: Vec<Attribute>,
    pub pinned: BTreeMap<String, PinnedKey>,
    /// How the source was read for this entity, for the import report.
    pub inferences: Vec<Inference>,
}

impl Draft {
    pub fn new(name: &str) -> Self {
        Draft { name: name.to_string(), attributes: Vec::new(), pinned: BTreeMap::new(), inferences: Vec::new() }
    }

    /// Adds an attribute, or merges it with the one of the same name: a key's part
    /// makes it (part of) the identifier, and an identifier needs a key type.
    pub fn attribute(&mut self, name: &str, attr_type: AttrType, identifier: bool) {
        match self.attributes.iter_mut().find(|a| a.name == name) {
            Some(existing) => {
                if identifier {
                    existing.identifier = true;
                    existing.required = true;
                    if !existing.attr_type.is_key_capable() {
                        existing.attr_type = attr_type;
                    }
                }
            }
            None => {
                let mut attribute = Attribute::new(name, attr_type);
                attribute.identifier = identifier;
                attribute.required = identifier;
                self.attributes.push(attribute);
            }
        }
    }

    /// The attributes behind a key template's placeholders: of the type the source
    /// declares for them, if it is a key type; else the key's type when one
    /// placeholder is the whole value, text when it is part of it.
    pub fn key_attributes(
        &mut self,
        inferred: &Inferred,
        key_type: AttrType,
        identifier: bool,
        declared: &dyn Fn(&str) -> Option<AttrType>,
    ) {
        for name in &inferred.vars {
            let guessed = if inferred.whole { key_type } else { AttrType::String };
            let attr_type = declared(name).filter(|t| t.is_key_capable()).unwrap_or(guessed);
            self.attribute(name, attr_type, identifier);
        }
    }

    /// Every item of the kind carries it: the source's evidence that it is
    /// required (an attribute only some carry keeps an index sparse).
    pub fn require(&mut self, name: &str) {
        if let Some(a) = self.attributes.iter_mut().find(|a| a.name == name) {
            a.required = true;
        }
    }

    pub fn pin(&mut self, index: &str, partition: Option<String>, sort: Option<String>) {
        self.pinned.insert(index.to_string(), PinnedKey { partition, sort, sparse: None });
    }

    /// Makes the key pinned on `index` sparse: written only for the items where
    /// `condition` holds.
    pub fn sparse(&mut self, index: &str, condition: SparseCondition) {
        if let Some(key) = self.pinned.get_mut(index) {
            key.sparse = Some(condition);
        }
    }

    /// Says how the source was read; `ambiguous` when another reading was as likely.
    pub fn read_as(&mut self, text: impl Into<String>, ambiguous: bool) {
        self.inferences.push(Inference { entity: self.name.clone(), text: text.into(), ambiguous });
    }

    /// Identifiers first, as the keys name them; then the rest in the source's order.
    pub fn into_entity(mut self) -> Entity {
        self.attributes.sort_by_key(|a| !a.identifier);
        Entity {
            name: self.name,
            description: String::new(),
            attributes: self.attributes,
            expected_count: None,
            average_item_size: None,
            maintained_by_stream: false,
            pinned_keys: self.pinned,
        }
    }
}
