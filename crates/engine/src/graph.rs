//! The entity–relationship graph: entities as nodes, relationships as edges.

use foldhash::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::Direction;

use crate::model::{parent_role_among, AccessPattern, Attribute, Cardinality, Entity, Model, Relationship};

/// How far above its target an ancestor whose identifier a read starts from may be.
pub const MAX_HOPS: usize = 4;

/// A path of relationships as `via` spells it: their names joined by dots.
pub fn path_name(path: &[&Relationship]) -> String {
    path.iter().map(|r| r.name.as_str()).collect::<Vec<_>>().join(".")
}

/// A read-only view of a model as a graph. Relationships naming an unknown entity
/// are left out (validation reports them).
pub struct ErGraph<'m> {
    model: &'m Model,
    graph: DiGraph<usize, usize>,
    nodes: HashMap<&'m str, NodeIndex>,
    relationships: HashMap<&'m str, usize>,
    /// Positions of the access patterns touching each entity or relationship, so
    /// the deriver's per-entity questions do not rescan every pattern.
    touching: HashMap<&'m str, Vec<usize>>,
}

impl<'m> ErGraph<'m> {
    pub fn new(model: &'m Model) -> Self {
        let mut graph = DiGraph::new();
        let mut nodes = HashMap::default();
        for (i, entity) in model.entities.iter().enumerate() {
            nodes.entry(entity.name.as_str()).or_insert_with(|| graph.add_node(i));
        }
        // Added last to first: petgraph walks a node's edges newest first, so its
        // walks come out in model order without a sort.
        for (i, rel) in model.relationships.iter().enumerate().rev() {
            if let (Some(&a), Some(&b)) = (nodes.get(rel.from.as_str()), nodes.get(rel.to.as_str())) {
                graph.add_edge(a, b, i);
            }
        }
        let mut relationships = HashMap::default();
        for (i, rel) in model.relationships.iter().enumerate() {
            relationships.entry(rel.name.as_str()).or_insert(i);
        }
        let mut touching: HashMap<&str, Vec<usize>> = HashMap::default();
        for (i, p) in model.access_patterns.iter().enumerate() {
            let mut names: Vec<&str> = vec![&p.entity];
            names.extend(p.with.iter().map(String::as_str));
            names.extend(p.steps.iter().map(|s| s.entity.as_str()));
            names.sort_unstable();
            names.dedup();
            for name in names {
                touching.entry(name).or_default().push(i);
            }
        }
        ErGraph { model, graph, nodes, relationships, touching }
    }

    pub fn model(&self) -> &'m Model {
        self.model
    }

    pub fn entity(&self, name: &str) -> Option<&'m Entity> {
        self.nodes.get(name).map(|&n| &self.model.entities[self.graph[n]])
    }

    pub fn relationship(&self, name: &str) -> Option<&'m Relationship> {
        self.relationships.get(name).map(|&i| &self.model.relationships[i])
    }

    /// The relationships through which `p`'s inputs can reach its target entity:
    /// those whose other end is identified by exactly the inputs that are not the
    /// target's own attributes. Empty when the inputs are all the target's own.
    /// The posts a user wrote are not the posts the user liked: the derivation,
    /// the verifier and the oracle all follow the one `followed` names.
    pub fn relationships_reaching(&self, p: &AccessPattern) -> Vec<&'m Relationship> {
        let foreign = self.foreign_inputs(p);
        if foreign.is_empty() {
            return Vec::new();
        }
        self.relationships_of(&p.entity)
            .into_iter()
            .filter(|r| {
                r.from != r.to && self.identified_by(if r.from == p.entity { &r.to } else { &r.from }, &foreign)
            })
            .collect()
    }

    /// The inputs of `p` that are not its target's own attributes. A parent's
    /// identifier carried under its role is the target's own (a report's manager).
    pub fn foreign_inputs<'p>(&self, p: &'p AccessPattern) -> Vec<&'p str> {
        let Some(target) = self.entity(&p.entity) else {
            return Vec::new();
        };
        p.inputs
            .iter()
            .filter(|a| target.attribute(a).is_none() && self.parent_role(&p.entity, a).is_none())
            .map(String::as_str)
            .collect()
    }

    /// Whether `entity`'s identifier is exactly `names`.
    fn identified_by(&self, entity: &str, names: &[&str]) -> bool {
        self.entity(entity).is_some_and(|e| {
            let id = e.identifier();
            id.len() == names.len() && id.iter().all(|a| names.contains(&a.name.as_str()))
        })
    }

    /// The paths down which `p`'s inputs reach its target from an ancestor two or
    /// more one-to-many (or one-to-one) relationships above it: the items of a
    /// customer's orders, from the customer's identifier. Each path runs top down
    /// (CustomerOrders, OrderItems). Empty when a relationship reaches the target
    /// directly, or the inputs are all its own.
    pub fn ancestor_paths(&self, p: &AccessPattern) -> Vec<Vec<&'m Relationship>> {
        let foreign = self.foreign_inputs(p);
        if foreign.is_empty() || !self.relationships_reaching(p).is_empty() {
            return Vec::new();
        }
        let mut found = Vec::new();
        self.walk_up(&p.entity, &mut Vec::new(), &mut |path, top| {
            if path.len() >= 2 && self.identified_by(top, &foreign) {
                found.push(path.iter().rev().copied().collect());
                return true;
            }
            false
        });
        found
    }

    /// The ancestor path `p` follows: the one its `via` spells
    /// ("CustomerOrders.OrderItems"), or else the only one there is.
    pub fn ancestry(&self, p: &AccessPattern) -> Option<Vec<&'m Relationship>> {
        let mut paths = self.ancestor_paths(p);
        match &p.via {
            Some(via) => paths.into_iter().find(|path| path_name(path) == *via),
            None if paths.len() == 1 => paths.pop(),
            None => None,
        }
    }

    /// Calls `visit` with each path of parent relationships up from `entity` (the
    /// nearest first) and the entity it reaches, up to [`MAX_HOPS`], never through
    /// an entity twice; a visit that returns true ends that branch.
    fn walk_up(
        &self,
        entity: &str,
        path: &mut Vec<&'m Relationship>,
        visit: &mut dyn FnMut(&[&'m Relationship], &str) -> bool,
    ) {
        if path.len() == MAX_HOPS {
            return;
        }
        for r in self.parents(entity).into_iter().filter(|r| r.from != r.to) {
            if path.iter().any(|q| q.to == r.from || q.from == r.from) {
                continue;
            }
            path.push(r);
            if !visit(path, &r.from) {
                self.walk_up(&r.from, path, visit);
            }
            path.pop();
        }
    }

    /// The relationship `p` follows: the one it names in `via`, or else the only one
    /// that reaches its target. `None` when its inputs are the target's own, or when
    /// several relationships reach it and it names none (validation reports that).
    pub fn followed(&self, p: &AccessPattern) -> Option<&'m Relationship> {
        match &p.via {
            Some(via) => self.relationship(via),
            None => match self.relationships_reaching(p).as_slice() {
                [only] => Some(only),
                _ => None,
            },
        }
    }

    /// One-to-many and one-to-one relationships in which `entity` is the parent.
    pub fn children(&self, entity: &str) -> Vec<&'m Relationship> {
        self.edges(entity, Direction::Outgoing).filter(|r| r.cardinality != Cardinality::ManyToMany).collect()
    }

    /// One-to-many and one-to-one relationships in which `entity` is the child.
    pub fn parents(&self, entity: &str) -> Vec<&'m Relationship> {
        self.edges(entity, Direction::Incoming).filter(|r| r.cardinality != Cardinality::ManyToMany).collect()
    }

    /// Every many-to-many relationship, in model order.
    pub fn many_to_many(&self) -> Vec<&'m Relationship> {
        self.graph
            .edge_indices()
            .rev()
            .map(|e| &self.model.relationships[self.graph[e]])
            .filter(|r| r.cardinality == Cardinality::ManyToMany)
            .collect()
    }

    /// Every relationship that has `entity` at either end, outgoing first.
    pub fn relationships_of(&self, entity: &str) -> Vec<&'m Relationship> {
        let mut all: Vec<_> = self.edges(entity, Direction::Outgoing).collect();
        all.extend(self.edges(entity, Direction::Incoming).filter(|r| r.from != r.to));
        all
    }

    /// The access patterns that read or write `entity`'s items, as the target, the
    /// entity fetched `with` it, or a transaction step.
    pub fn patterns_touching(&self, entity: &str) -> impl Iterator<Item = &'m AccessPattern> + Clone + use<'_, 'm> {
        let model = self.model;
        self.touching.get(entity).into_iter().flatten().map(move |&i| &model.access_patterns[i])
    }

    /// The attribute `name` as an access pattern on `target` can use it: the target's
    /// own attributes (a many-to-many relationship's data), then the identifiers of
    /// the entities it is related to, which its items carry or point at.
    pub fn resolve_attribute(&self, target: &str, name: &str) -> Option<&'m Attribute> {
        if let Some(entity) = self.entity(target) {
            return entity.attribute(name).or_else(|| self.parent_role(target, name).map(|(_, id)| id)).or_else(|| {
                self.relationships_of(target)
                    .into_iter()
                    .map(|r| if r.from == target { &r.to } else { &r.from })
                    .find_map(|other| self.identifier_attribute(other, name))
            });
        }
        let rel = self.relationship(target)?;
        let to_end = match (&rel.to_role, name.split_once('.')) {
            (Some(role), Some((r, attr))) if r == role => return self.identifier_attribute(&rel.to, attr),
            (Some(_), _) => None,
            (None, _) => self.identifier_attribute(&rel.to, name),
        };
        rel.attributes.iter().find(|a| a.name == name).or_else(|| self.identifier_attribute(&rel.from, name)).or(to_end)
    }

    /// The attribute `name` as a read's input on `target`: what
    /// [`ErGraph::resolve_attribute`] finds, or the identifier of an ancestor two or
    /// more levels up (a customer's, for the items of their orders), which a read
    /// may start from but no test, key or write of the target's items may name.
    pub fn resolve_input(&self, target: &str, name: &str) -> Option<&'m Attribute> {
        self.resolve_attribute(target, name).or_else(|| self.ancestor_identifier(target, name))
    }

    /// Whether `target`'s items hold `name`: an own attribute, a parent's
    /// identifier (its children are keyed under it) or, on a many-to-many pair
    /// item, either end's identifier. A child's identifier resolves for a read
    /// (the children are found through the target) but no item of the target
    /// holds it.
    pub fn carries(&self, target: &str, name: &str) -> bool {
        let Some(entity) = self.entity(target) else {
            return self.resolve_attribute(target, name).is_some();
        };
        entity.attribute(name).is_some()
            || self.parent_role(target, name).is_some()
            || self.relationships_of(target).into_iter().any(|r| {
                r.to == target
                    && r.from != target
                    && r.cardinality != Cardinality::ManyToMany
                    && self.identifier_attribute(&r.from, name).is_some()
            })
    }

    /// Whether every item of `target` carries `name`: an own attribute that is
    /// required (or part of the identifier), or a parent's identifier through a
    /// relationship every child has. A relationship's pair items carry both ends.
    /// Items without it leave every index whose key is built from it.
    pub fn always_carries(&self, target: &str, name: &str) -> bool {
        let Some(entity) = self.entity(target) else {
            let own = self.relationship(target).and_then(|r| r.attributes.iter().find(|a| a.name == name));
            return own.is_none_or(|a| a.required);
        };
        if let Some(a) = entity.attribute(name) {
            return a.required || a.identifier;
        }
        if self.parent_role(target, name).is_some() {
            // A hierarchy has a top, which has no parent.
            return false;
        }
        let parents: Vec<&Relationship> = self
            .relationships_of(target)
            .into_iter()
            .filter(|r| r.to == target && r.from != target && r.cardinality != Cardinality::ManyToMany)
            .filter(|r| self.identifier_attribute(&r.from, name).is_some())
            .collect();
        parents.is_empty() || parents.iter().any(|r| r.required)
    }

    /// The first write of the model that sets a parent's identifier on an item of
    /// `path` (an update moving an account to another customer), with the
    /// relationship it changes: below it, a copy of an ancestor's identifier
    /// would go stale.
    pub fn moving_write(&self, path: &[&'m Relationship]) -> Option<(&'m AccessPattern, &'m Relationship)> {
        path.iter().find_map(|&r| {
            let parent_ids: Vec<&str> = self.entity(&r.from)?.identifier().iter().map(|a| a.name.as_str()).collect();
            self.model
                .access_patterns
                .iter()
                .find(|w| w.updates_of(&r.to).any(|u| parent_ids.contains(&u.attribute.as_str())))
                .map(|w| (w, r))
        })
    }

    /// [`Model::parent_role`] through the graph's own edges.
    fn parent_role(&self, entity: &str, name: &str) -> Option<(&'m Relationship, &'m Attribute)> {
        let own = self.edges(entity, Direction::Outgoing).filter(|r| r.to == entity);
        parent_role_among(self.entity(entity)?, name, own)
    }

    /// The identifier attribute `name` of an ancestor two or more hops above
    /// `entity` (a customer's, for an order's items).
    fn ancestor_identifier(&self, entity: &str, name: &str) -> Option<&'m Attribute> {
        let mut found = None;
        self.walk_up(entity, &mut Vec::new(), &mut |path, top| {
            found = found.or(if path.len() >= 2 { self.identifier_attribute(top, name) } else { None });
            found.is_some()
        });
        found
    }

    fn identifier_attribute(&self, entity: &str, name: &str) -> Option<&'m Attribute> {
        self.entity(entity)?.attributes.iter().find(|a| a.identifier && a.name == name)
    }

    /// In model order (see [`ErGraph::new`]).
    fn edges(&self, entity: &str, direction: Direction) -> impl Iterator<Item = &'m Relationship> + use<'_, 'm> {
        let model = self.model;
        self.nodes
            .get(entity)
            .into_iter()
            .flat_map(move |&n| self.graph.edges_directed(n, direction))
            .map(move |e| &model.relationships[*e.weight()])
    }
}
