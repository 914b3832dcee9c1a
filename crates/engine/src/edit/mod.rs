//! Edits of a model as the desktop app makes them: each one a whole step (one
//! undo) that keeps every reference to what it changes (a renamed attribute is
//! renamed in the patterns and pinned keys that use it, a deleted entity takes its
//! relationships and patterns with it) and refuses what would make the model
//! ambiguous (two entities of one name). What an edit cannot judge on its own
//! (a pattern left without an input) is for validation to report.

mod fix;
mod names;
mod pattern_name;
mod projection_pins;
mod remove;
mod rename;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::{
    AccessPattern, AttrType, Attribute, Cardinality, Entity, IndexName, Model, PatternKind, PinnedKey, Position,
    Projection, Relationship, TableSettings,
};

pub use fix::Fix;
pub use names::{
    attribute_name_problem, description_problem, label_problem, name_problem, pattern_id_problem, NameProblem,
};

/// One change to a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Edit {
    SetModelInfo {
        name: String,
        description: String,
    },
    /// The table's settings; its pinned projections are left as they are (only
    /// `PinProjection` changes them), so a settings form or fix built from an
    /// earlier copy of the model cannot undo a pin made since.
    SetTable {
        table: TableSettings,
    },
    /// A new entity with an identifier attribute, named `name` or Entity1, Entity2, ...
    AddEntity {
        #[cfg_attr(feature = "ts", ts(optional))]
        name: Option<String>,
        #[cfg_attr(feature = "ts", ts(optional))]
        position: Option<Position>,
    },
    RenameEntity {
        entity: String,
        to: String,
    },
    SetEntityProperties {
        entity: String,
        properties: EntityProperties,
    },
    /// An attribute of an entity, or of a many-to-many relationship (`owner`).
    AddAttribute {
        owner: String,
        attribute: Attribute,
    },
    /// Replaces attribute `attribute` of `owner`; a new name is carried into every
    /// pattern and pinned key that uses the attribute.
    UpdateAttribute {
        owner: String,
        attribute: String,
        to: Attribute,
    },
    DeleteAttribute {
        owner: String,
        attribute: String,
    },
    MoveAttribute {
        owner: String,
        attribute: String,
        to_index: usize,
    },
    AddRelationship {
        from: String,
        to: String,
        cardinality: Cardinality,
    },
    UpdateRelationship {
        relationship: String,
        properties: RelationshipProperties,
    },
    /// Deletes entities (with their relationships, positions and the patterns that
    /// need them) and relationships (with the patterns on their pair items): the
    /// canvas's Delete of a selection, as one step.
    Delete {
        #[serde(default)]
        entities: Vec<String>,
        #[serde(default)]
        relationships: Vec<String>,
    },
    /// A new pattern: `pattern` as given, or a get-by-identifier of `entity`.
    AddPattern {
        #[cfg_attr(feature = "ts", ts(optional))]
        entity: Option<String>,
        #[cfg_attr(feature = "ts", ts(optional))]
        pattern: Option<AccessPattern>,
    },
    UpdatePattern {
        id: String,
        pattern: AccessPattern,
    },
    DeletePattern {
        id: String,
    },
    MovePattern {
        id: String,
        to_index: usize,
    },
    /// Pins `owner`'s (an entity's or a many-to-many relationship's) key on
    /// `index` ("table", "GSI1", ...) as written, or with no key unpins it.
    PinKey {
        owner: String,
        index: String,
        #[cfg_attr(feature = "ts", ts(optional))]
        key: Option<PinnedKey>,
    },
    /// Pins what secondary index `index` ("GSI1", "LSI1", ...) projects, or with
    /// no projection returns it to the derived one.
    PinProjection {
        index: String,
        #[cfg_attr(feature = "ts", ts(optional))]
        projection: Option<Projection>,
    },
    /// Canvas positions of entities (a drag, or an automatic layout).
    MoveNodes {
        positions: BTreeMap<String, Position>,
    },
}

/// What an entity is besides its name and attributes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct EntityProperties {
    pub description: String,
    pub expected_count: Option<u64>,
    pub average_item_size: Option<u32>,
    pub maintained_by_stream: bool,
}

impl EntityProperties {
    pub fn of(entity: &Entity) -> Self {
        EntityProperties {
            description: entity.description.clone(),
            expected_count: entity.expected_count,
            average_item_size: entity.average_item_size,
            maintained_by_stream: entity.maintained_by_stream,
        }
    }
}

/// What a relationship is besides its attributes and pinned keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RelationshipProperties {
    pub name: String,
    pub from: String,
    pub to: String,
    pub cardinality: Cardinality,
    pub to_role: Option<String>,
    pub from_role: Option<String>,
    pub required: bool,
    pub description: String,
    pub expected_count: Option<u64>,
    pub average_item_size: Option<u32>,
}

impl RelationshipProperties {
    pub fn of(rel: &Relationship) -> Self {
        RelationshipProperties {
            name: rel.name.clone(),
            from: rel.from.clone(),
            to: rel.to.clone(),
            cardinality: rel.cardinality,
            to_role: rel.to_role.clone(),
            from_role: rel.from_role.clone(),
            required: rel.required,
            description: rel.description.clone(),
            expected_count: rel.expected_count,
            average_item_size: rel.average_item_size,
        }
    }
}

/// The model after an edit.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub model: Model,
    /// What the step did, for the Edit menu ("Undo Rename entity Customer").
    pub label: String,
    /// The element the step created or renamed, for the app to select.
    pub focus: Option<Focus>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum Focus {
    Entity(String),
    Relationship(String),
    Pattern(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditError {
    #[error("there is no entity '{0}'")]
    UnknownEntity(String),
    #[error("there is no relationship '{0}'")]
    UnknownRelationship(String),
    #[error("there is no entity or many-to-many relationship '{0}' to hold attributes")]
    UnknownOwner(String),
    #[error("'{owner}' has no attribute '{attribute}'")]
    UnknownAttribute { owner: String, attribute: String },
    #[error("there is no access pattern '{0}'")]
    UnknownPattern(String),
    #[error("the name '{0}' is already used by an entity or a relationship")]
    NameTaken(String),
    #[error("'{owner}' already has an attribute '{attribute}'")]
    AttributeTaken { owner: String, attribute: String },
    #[error("the access pattern id '{0}' is already used")]
    PatternIdTaken(String),
    #[error("{0}")]
    BadName(String),
    #[error("only a many-to-many relationship has attributes; '{0}' is not one")]
    NotManyToMany(String),
    #[error("'{relationship}' still has {what}, which only a many-to-many relationship can have")]
    ManyToManyData { relationship: String, what: &'static str },
    #[error("there is no entity to read: add an entity first")]
    NoEntity,
    #[error("'{index}' is not {what}")]
    NotAnIndex { index: String, what: &'static str },
}

/// `model` with `edit` applied; `model` itself is left as it was.
pub fn apply(model: &Model, edit: &Edit) -> Result<Applied, EditError> {
    let mut next = model.clone();
    let (label, focus) = match edit {
        Edit::SetModelInfo { name, description } => {
            next.name = name.trim().to_string();
            next.description = description.clone();
            ("Change model name and description".to_string(), None)
        }
        Edit::SetTable { table } => {
            let pinned_projections = std::mem::take(&mut next.table.pinned_projections);
            next.table = TableSettings { pinned_projections, ..table.clone() };
            ("Change table settings".to_string(), None)
        }
        Edit::AddEntity { name, position } => {
            let name = match name {
                Some(name) => names::usable_new_name(model, name)?,
                None => names::numbered(|n| format!("Entity{n}"), |c| names::is_taken(model, c)),
            };
            next.entities.push(new_entity(&name));
            if let Some(at) = position {
                next.layout.nodes.insert(name.clone(), *at);
            }
            (format!("Add entity {name}"), Some(Focus::Entity(name)))
        }
        Edit::RenameEntity { entity, to } => {
            let to = rename::entity(model, &mut next, entity, to)?;
            (format!("Rename entity {entity} to {to}"), Some(Focus::Entity(to)))
        }
        Edit::SetEntityProperties { entity, properties } => {
            let e = entity_mut(&mut next, entity)?;
            e.description = properties.description.clone();
            e.expected_count = properties.expected_count;
            e.average_item_size = properties.average_item_size;
            e.maintained_by_stream = properties.maintained_by_stream;
            (format!("Change entity {entity}"), Some(Focus::Entity(entity.clone())))
        }
        Edit::AddAttribute { owner, attribute } => {
            if let Some(problem) = attribute_name_problem(&attribute.name) {
                return Err(EditError::BadName(problem.message));
            }
            let attributes = attributes_mut(&mut next, owner)?;
            if attributes.iter().any(|a| a.name == attribute.name) {
                return Err(EditError::AttributeTaken { owner: owner.clone(), attribute: attribute.name.clone() });
            }
            attributes.push(attribute.clone());
            (format!("Add attribute {owner}.{}", attribute.name), owner_focus(model, owner))
        }
        Edit::UpdateAttribute { owner, attribute, to } => {
            rename::attribute(model, &mut next, owner, attribute, to)?;
            (format!("Change attribute {owner}.{attribute}"), owner_focus(model, owner))
        }
        Edit::DeleteAttribute { owner, attribute } => {
            let attributes = attributes_mut(&mut next, owner)?;
            let at = position_of(attributes, owner, attribute)?;
            attributes.remove(at);
            (format!("Delete attribute {owner}.{attribute}"), owner_focus(model, owner))
        }
        Edit::MoveAttribute { owner, attribute, to_index } => {
            let attributes = attributes_mut(&mut next, owner)?;
            let at = position_of(attributes, owner, attribute)?;
            let moved = attributes.remove(at);
            attributes.insert((*to_index).min(attributes.len()), moved);
            (format!("Move attribute {owner}.{attribute}"), owner_focus(model, owner))
        }
        Edit::AddRelationship { from, to, cardinality } => {
            for end in [from, to] {
                model.entity(end).ok_or_else(|| EditError::UnknownEntity(end.clone()))?;
            }
            let plural = if *cardinality == Cardinality::OneToMany { "s" } else { "" };
            let name = names::numbered(
                |n| if n == 1 { format!("{from}{to}{plural}") } else { format!("{from}{to}{plural}{n}") },
                |c| names::is_taken(model, c),
            );
            let to_role = (from == to && *cardinality == Cardinality::ManyToMany).then(|| "other".to_string());
            // A hierarchy of one entity: each child names its parent as "parent".
            let from_role = (from == to && *cardinality != Cardinality::ManyToMany).then(|| "parent".to_string());
            // A child drawn under a parent has one, as an ER diagram's "1" end reads;
            // a hierarchy of one entity has a top that has none.
            let required = *cardinality != Cardinality::ManyToMany && from != to;
            next.relationships.push(Relationship {
                name: name.clone(),
                from: from.clone(),
                to: to.clone(),
                cardinality: *cardinality,
                to_role,
                from_role,
                required,
                description: String::new(),
                attributes: Vec::new(),
                expected_count: None,
                average_item_size: None,
                pinned_keys: BTreeMap::new(),
            });
            (format!("Connect {from} to {to}"), Some(Focus::Relationship(name)))
        }
        Edit::UpdateRelationship { relationship, properties } => {
            let name = rename::relationship(model, &mut next, relationship, properties)?;
            (format!("Change relationship {relationship}"), Some(Focus::Relationship(name)))
        }
        Edit::Delete { entities, relationships } => {
            let label = remove::elements(&mut next, entities, relationships)?;
            (label, None)
        }
        Edit::AddPattern { entity, pattern } => {
            let pattern = match pattern {
                Some(p) => {
                    if model.pattern(&p.id).is_some() {
                        return Err(EditError::PatternIdTaken(p.id.clone()));
                    }
                    p.clone()
                }
                None => default_pattern(model, entity.as_deref())?,
            };
            let id = pattern.id.clone();
            next.access_patterns.push(pattern);
            (format!("Add access pattern {id}"), Some(Focus::Pattern(id)))
        }
        Edit::UpdatePattern { id, pattern } => {
            let at = pattern_index(model, id)?;
            if pattern.id != *id && model.pattern(&pattern.id).is_some() {
                return Err(EditError::PatternIdTaken(pattern.id.clone()));
            }
            next.access_patterns[at] = pattern.clone();
            (format!("Change access pattern {id}"), Some(Focus::Pattern(pattern.id.clone())))
        }
        Edit::DeletePattern { id } => {
            let at = pattern_index(model, id)?;
            next.access_patterns.remove(at);
            (format!("Delete access pattern {id}"), None)
        }
        Edit::MovePattern { id, to_index } => {
            let at = pattern_index(model, id)?;
            let moved = next.access_patterns.remove(at);
            next.access_patterns.insert((*to_index).min(next.access_patterns.len()), moved);
            (format!("Move access pattern {id}"), Some(Focus::Pattern(id.clone())))
        }
        Edit::PinKey { owner, index, key } => {
            let what = "an index's name: table, GSI1, GSI2, ... or LSI1, ...";
            pinnable(index, IndexName::parse(index).is_some(), what)?;
            let verb = pin(pins_mut(&mut next, owner)?, index, key);
            (format!("{verb} {owner}'s {index} key"), None)
        }
        Edit::PinProjection { index, projection } => {
            let secondary = !matches!(IndexName::parse(index), None | Some(IndexName::Table));
            let what = "a secondary index's name: GSI1, GSI2, ... or LSI1, ... (the table projects every attribute)";
            pinnable(index, secondary, what)?;
            let verb = pin(&mut next.table.pinned_projections, index, projection);
            (format!("{verb} the projection of {index}"), None)
        }
        Edit::MoveNodes { positions } => {
            for (name, at) in positions {
                model.entity(name).ok_or_else(|| EditError::UnknownEntity(name.clone()))?;
                next.layout.nodes.insert(name.clone(), *at);
            }
            let label = match positions.keys().collect::<Vec<_>>().as_slice() {
                [one] => format!("Move {one}"),
                _ => format!("Move {} entities", positions.len()),
            };
            (label, None)
        }
    };
    pattern_name::follow_definitions(model, &mut next);
    projection_pins::follow_attributes(model, &mut next);
    Ok(Applied { model: next, label, focus })
}

fn pinnable(index: &str, named: bool, what: &'static str) -> Result<(), EditError> {
    if named {
        Ok(())
    } else {
        Err(EditError::NotAnIndex { index: index.to_string(), what })
    }
}

/// Pins `value` for `index`, or unpins it when there is none; the verb says which.
fn pin<T: Clone>(pins: &mut BTreeMap<String, T>, index: &str, value: &Option<T>) -> &'static str {
    match value {
        Some(value) => {
            pins.insert(index.to_string(), value.clone());
            "Pin"
        }
        None => {
            pins.remove(index);
            "Unpin"
        }
    }
}

/// A new entity: its name and an identifier, `<name>Id`, so it is complete enough
/// to derive keys for at once.
fn new_entity(name: &str) -> Entity {
    let mut id = Attribute::new(&names::identifier_for(name), AttrType::String);
    id.identifier = true;
    id.required = true;
    Entity {
        name: name.to_string(),
        description: String::new(),
        attributes: vec![id],
        expected_count: None,
        average_item_size: None,
        maintained_by_stream: false,
        pinned_keys: BTreeMap::new(),
    }
}

/// Get one item of `entity` (or of the first entity) by its identifier, once a second.
fn default_pattern(model: &Model, entity: Option<&str>) -> Result<AccessPattern, EditError> {
    let target = match entity {
        Some(name) => model.entity(name).ok_or_else(|| EditError::UnknownEntity(name.to_string()))?,
        None => model.entities.first().ok_or(EditError::NoEntity)?,
    };
    let id = names::numbered(|n| format!("AP{n:02}"), |c| model.pattern(c).is_some());
    let inputs: Vec<String> = target.identifier().iter().map(|a| a.name.clone()).collect();
    let mut pattern = AccessPattern::read(&id, "", PatternKind::ReadOne, &target.name, inputs);
    pattern.name = pattern_name::described(&pattern);
    Ok(pattern)
}

fn entity_mut<'a>(model: &'a mut Model, name: &str) -> Result<&'a mut Entity, EditError> {
    model.entities.iter_mut().find(|e| e.name == name).ok_or_else(|| EditError::UnknownEntity(name.to_string()))
}

/// The pinned keys of an entity or of a many-to-many relationship.
fn pins_mut<'a>(model: &'a mut Model, owner: &str) -> Result<&'a mut BTreeMap<String, PinnedKey>, EditError> {
    owner_mut(model, owner).map(|(_, pins)| pins)
}

/// The attribute list of an entity or of a many-to-many relationship.
fn attributes_mut<'a>(model: &'a mut Model, owner: &str) -> Result<&'a mut Vec<Attribute>, EditError> {
    owner_mut(model, owner).map(|(attributes, _)| attributes)
}

/// What an entity or a many-to-many relationship (the owners of attributes and
/// pins) has of its own.
type OwnParts<'a> = (&'a mut Vec<Attribute>, &'a mut BTreeMap<String, PinnedKey>);

fn owner_mut<'a>(model: &'a mut Model, owner: &str) -> Result<OwnParts<'a>, EditError> {
    if let Some(e) = model.entities.iter_mut().find(|e| e.name == owner) {
        return Ok((&mut e.attributes, &mut e.pinned_keys));
    }
    match model.relationships.iter_mut().find(|r| r.name == owner) {
        Some(r) if r.cardinality == Cardinality::ManyToMany => Ok((&mut r.attributes, &mut r.pinned_keys)),
        Some(_) => Err(EditError::NotManyToMany(owner.to_string())),
        None => Err(EditError::UnknownOwner(owner.to_string())),
    }
}

fn position_of(attributes: &[Attribute], owner: &str, attribute: &str) -> Result<usize, EditError> {
    attributes
        .iter()
        .position(|a| a.name == attribute)
        .ok_or_else(|| EditError::UnknownAttribute { owner: owner.to_string(), attribute: attribute.to_string() })
}

fn pattern_index(model: &Model, id: &str) -> Result<usize, EditError> {
    model.access_patterns.iter().position(|p| p.id == id).ok_or_else(|| EditError::UnknownPattern(id.to_string()))
}

fn owner_focus(model: &Model, owner: &str) -> Option<Focus> {
    if model.entity(owner).is_some() {
        Some(Focus::Entity(owner.to_string()))
    } else {
        Some(Focus::Relationship(owner.to_string()))
    }
}
