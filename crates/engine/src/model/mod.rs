//! The data model an architect draws: the contract between the engine, the CLI,
//! the desktop app, the exports and the deploy.

mod clause;
mod entity;
mod imported;
mod index_name;
mod keys;
mod layout;
mod pattern;
mod projection;
mod relationship;
mod reserved;
mod source_text;
mod table;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use clause::{AllOf, AnyOf, Clause, NotOf};
pub use entity::{AttrType, Attribute, Distribution, Entity, Format};
pub use imported::{ImportSource, Imported, Inference, KeyType, SourceIndex, SourceKey};
pub use index_name::IndexName;
pub use keys::{PinnedKey, SparseCondition};
pub use layout::{Layout, Position};
pub use pattern::{
    most_actions, only_if_absent, AccessPattern, Condition, ConditionOp, Filter, FilterOp, FilterTest, ForEach,
    Operands, Order, Ordering, PatternKind, RangeCondition, RangeOp, Retention, StepAction, TransactionStep, Update,
    UpdateAction, Write, WriteCondition,
};
pub use projection::{next_to_widen, Projection, PROJECTED_ATTRIBUTES_LIMIT};
pub use relationship::{Cardinality, Relationship};
pub use reserved::{is_reserved_attribute, TYPE_ATTRIBUTE};
pub use source_text::SourceText;
pub use table::{Billing, StreamViewType, TableSettings};

/// The format this build writes; older ones are migrated forward on load.
pub const FORMAT: &str = "tablewright/3";

/// Where editors find the schema of a model file, relative to a file in `models/`.
pub const SCHEMA_REF: &str = "./tablewright.schema.json";

/// A Tablewright model: one DynamoDB table's entities, relationships and access patterns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// The JSON Schema editors validate the file against.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub schema: Option<String>,
    /// The file format and its version, "tablewright/3".
    pub format: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>", optional))]
    pub description: String,
    pub table: TableSettings,
    pub entities: Vec<Entity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Relationship>>", optional))]
    pub relationships: Vec<Relationship>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<AccessPattern>>", optional))]
    pub access_patterns: Vec<AccessPattern>,
    /// Canvas positions; not part of the data model.
    #[serde(default, skip_serializing_if = "Layout::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Layout>", optional))]
    pub layout: Layout,
    /// What an import from another tool brought and the model has no place for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub imported: Option<Imported>,
}

/// A parent's identifier that an item carries (`Model::carried_parents`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedParent {
    pub parent: String,
    /// The identifier attribute, as the parent names it.
    pub identifier: String,
    /// As the item names it: the identifier, or under a role (`managerEmployeeId`,
    /// `friend.playerId`).
    pub carried_as: String,
    /// Through a relationship of the entity with itself.
    pub of_itself: bool,
    /// Every such item has it: a pair's ends, a required relationship's parent.
    pub required: bool,
}

impl Model {
    /// An empty model with a table of the same name, ready to be drawn on.
    pub fn new(name: &str) -> Self {
        Model {
            schema: None,
            format: FORMAT.to_string(),
            name: name.to_string(),
            description: String::new(),
            table: TableSettings {
                name: name.to_string(),
                billing: Billing::OnDemand,
                stream: None,
                ttl_attribute: None,
                point_in_time_recovery: false,
                deletion_protection: false,
                tags: Default::default(),
                pinned_projections: Default::default(),
            },
            entities: Vec::new(),
            relationships: Vec::new(),
            access_patterns: Vec::new(),
            layout: Layout::default(),
            imported: None,
        }
    }

    pub fn entity(&self, name: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.name == name)
    }

    pub fn relationship(&self, name: &str) -> Option<&Relationship> {
        self.relationships.iter().find(|r| r.name == name)
    }

    /// The parents whose identifiers an item of `kind` carries: a child's
    /// through each one-to-many or one-to-one relationship (a parent of the same
    /// entity under its role), a pair item's two ends (`kind` a many-to-many
    /// relationship).
    pub fn carried_parents(&self, kind: &str) -> Vec<CarriedParent> {
        let ids = |entity: &str| self.entity(entity).map(Entity::identifier).unwrap_or_default();
        let carried = |parent: &str, identifier: &str, carried_as: String, r: &Relationship| CarriedParent {
            parent: parent.to_string(),
            identifier: identifier.to_string(),
            carried_as,
            of_itself: r.from == r.to,
            required: r.required || r.cardinality == Cardinality::ManyToMany,
        };
        if let Some(pair) = self.relationship(kind).filter(|_| self.entity(kind).is_none()) {
            let from = ids(&pair.from).into_iter().map(|id| carried(&pair.from, &id.name, id.name.clone(), pair));
            let to =
                ids(&pair.to).into_iter().map(|id| carried(&pair.to, &id.name, pair.to_end_attribute(&id.name), pair));
            return from.chain(to).collect();
        }
        let parents = self.relationships.iter().filter(|r| r.to == kind && r.cardinality != Cardinality::ManyToMany);
        parents
            .flat_map(|r| {
                ids(&r.from)
                    .into_iter()
                    .filter_map(move |id| Some(carried(&r.from, &id.name, r.parent_attribute(&id.name)?, r)))
            })
            .collect()
    }

    /// Whether some item may carry an attribute of this name: an entity's or a
    /// relationship's attribute, or the type attribute every item has.
    pub fn names_attribute(&self, name: &str) -> bool {
        name == TYPE_ATTRIBUTE
            || self.entities.iter().any(|e| e.attribute(name).is_some())
            || self.relationships.iter().any(|r| r.attributes.iter().any(|a| a.name == name))
    }

    pub fn pattern(&self, id: &str) -> Option<&AccessPattern> {
        self.access_patterns.iter().find(|p| p.id == id)
    }

    /// The relationship of `entity` with itself whose children carry `name`
    /// (`managerEmployeeId`, under a parent role), and the parent's identifier
    /// attribute they carry as it. An attribute the entity declares is its own.
    pub fn parent_role(&self, entity: &str, name: &str) -> Option<(&Relationship, &Attribute)> {
        let own = self.relationships.iter().filter(|r| r.from == entity && r.to == entity);
        parent_role_among(self.entity(entity)?, name, own)
    }
}

/// [`Model::parent_role`] among `own`, the relationships of `entity` with itself:
/// the graph passes the ones it has indexed, so that the derivation's lookups do
/// not scan every relationship of the model.
pub fn parent_role_among<'a>(
    entity: &'a Entity,
    name: &str,
    own: impl IntoIterator<Item = &'a Relationship>,
) -> Option<(&'a Relationship, &'a Attribute)> {
    if entity.attribute(name).is_some() {
        return None;
    }
    let ids = entity.identifier();
    own.into_iter()
        .filter(|r| r.cardinality != Cardinality::ManyToMany)
        .find_map(|r| ids.iter().find(|id| r.parent_attribute(&id.name).as_deref() == Some(name)).map(|id| (r, *id)))
}
