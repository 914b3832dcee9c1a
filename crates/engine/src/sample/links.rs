//! How an entity's items point at other items: the parent identifiers a child carries
//! (one-to-many and one-to-one), the attribute that names a parent of the same entity
//! (an employee's `managerEmployeeId` through a parent role, or a plain `managerId`
//! in a model without one), and attributes that name another entity's identifier
//! (`headEmployeeId`, `warehouseId`). Sample data fills them with existing items only.

use crate::model::{AttrType, Cardinality, Entity, Model};

pub struct ParentLink<'m> {
    pub parent: usize,
    /// The parent's identifier attributes, which the child carries under the same names.
    pub attrs: Vec<&'m str>,
    pub required: bool,
    pub one_to_one: bool,
}

#[derive(Default)]
pub struct Links<'m> {
    pub parents: Vec<ParentLink<'m>>,
    /// The attributes that name another item of the same entity (a tree: earlier
    /// items only), one per relationship of the entity with itself.
    pub self_refs: Vec<String>,
    /// Attribute → entity whose identifier it holds.
    pub references: Vec<(&'m str, usize)>,
}

impl Links<'_> {
    /// Whether a parent supplies this attribute.
    pub fn supplied_by_parent(&self, attr: &str) -> bool {
        self.parents.iter().any(|p| p.attrs.contains(&attr))
    }
}

pub fn links(model: &Model) -> Vec<Links<'_>> {
    let index = |name: &str| model.entities.iter().position(|e| e.name == name);
    model
        .entities
        .iter()
        .enumerate()
        .map(|(me, entity)| {
            let mut links = Links::default();
            for rel in model.relationships.iter().filter(|r| r.to == entity.name) {
                let Some(parent) = index(&rel.from) else { continue };
                match rel.cardinality {
                    Cardinality::ManyToMany => {}
                    _ if parent == me => {
                        let named = match entity.identifier().as_slice() {
                            [id] if rel.from_role.is_some() => rel.parent_attribute(&id.name),
                            _ => self_reference(entity).map(str::to_string),
                        };
                        links.self_refs.extend(named.filter(|n| !links.self_refs.contains(n)));
                    }
                    cardinality => links.parents.push(ParentLink {
                        parent,
                        attrs: model.entities[parent].identifier().iter().map(|a| a.name.as_str()).collect(),
                        required: rel.required,
                        one_to_one: cardinality == Cardinality::OneToOne,
                    }),
                }
            }
            for attr in entity.attributes.iter().filter(|a| !a.identifier && !a.unique) {
                let name = attr.name.as_str();
                if links.supplied_by_parent(name)
                    || links.self_refs.iter().any(|r| r == name)
                    || attr.attr_type != AttrType::String
                {
                    continue;
                }
                let target = model.entities.iter().position(|other| match other.identifier().as_slice() {
                    [id] => id.name.len() >= 3 && name.to_lowercase().ends_with(&id.name.to_lowercase()),
                    _ => false,
                });
                if let Some(target) = target {
                    links.references.push((name, target));
                }
            }
            links
        })
        .collect()
}

/// For a relationship of an entity with itself: the one attribute that can name the
/// other item (`managerId`): a plain attribute of the identifier's type called `...Id`.
fn self_reference(entity: &Entity) -> Option<&str> {
    let id = match entity.identifier().as_slice() {
        [id] => id.attr_type,
        _ => return None,
    };
    let mut candidates = entity.attributes.iter().filter(|a| {
        !a.identifier && !a.unique && a.attr_type == id && (a.name.ends_with("Id") || a.name.ends_with("_id"))
    });
    let first = candidates.next()?;
    candidates.next().is_none().then_some(first.name.as_str())
}

/// Parents before children; the model's order otherwise.
pub fn generation_order(links: &[Links<'_>]) -> Vec<usize> {
    let mut done = vec![false; links.len()];
    let mut order = Vec::with_capacity(links.len());
    while order.len() < links.len() {
        let ready = (0..links.len()).find(|&i| !done[i] && links[i].parents.iter().all(|p| done[p.parent]));
        // A cycle of required parents cannot be honoured: take the first left.
        let next = ready.unwrap_or_else(|| (0..links.len()).find(|&i| !done[i]).expect("one is left"));
        done[next] = true;
        order.push(next);
    }
    order
}
