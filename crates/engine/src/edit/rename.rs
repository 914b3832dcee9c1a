//! Renames carried to every place that names the renamed thing. Attribute
//! references are matched as validation resolves them (a pattern on Account that
//! names `customerNumber` means Customer's identifier), so renaming one entity's
//! attribute never touches another's attribute of the same name.

use crate::graph::ErGraph;
use crate::model::{AccessPattern, Attribute, Cardinality, Model, PinnedKey};
use crate::template::{Part, Template};

use super::names::{attribute_name_problem, identifier_for, usable_new_name};
use super::{attributes_mut, position_of, EditError, RelationshipProperties};

/// Renames entity `entity` of `next` (a copy of `old`) to `to`; returns the new name.
pub fn entity(old: &Model, next: &mut Model, entity: &str, to: &str) -> Result<String, EditError> {
    let current = old.entity(entity).ok_or_else(|| EditError::UnknownEntity(entity.to_string()))?;
    if to == entity {
        return Ok(to.to_string());
    }
    let to = usable_new_name(old, to)?;
    for e in next.entities.iter_mut().filter(|e| e.name == entity) {
        e.name.clone_from(&to);
    }
    for r in &mut next.relationships {
        for end in [&mut r.from, &mut r.to] {
            if end == entity {
                end.clone_from(&to);
            }
        }
    }
    rename_target(next, entity, &to);
    if let Some(at) = next.layout.nodes.remove(entity) {
        next.layout.nodes.insert(to.clone(), at);
    }
    // The identifier a new entity was given still says the old name: it follows.
    let (old_id, new_id) = (identifier_for(entity), identifier_for(&to));
    let default_id = current.attribute(&old_id).is_some_and(|a| a.identifier) && current.attribute(&new_id).is_none();
    if default_id {
        let renamed = next.clone();
        let mut id = renamed.entity(&to).and_then(|e| e.attribute(&old_id)).cloned().expect("the entity was renamed");
        id.name = new_id;
        attribute(&renamed, next, &to, &old_id, &id)?;
    }
    Ok(to)
}

/// Replaces attribute `name` of `owner` with `to`, carrying a new name to every
/// reference to it.
pub fn attribute(old: &Model, next: &mut Model, owner: &str, name: &str, to: &Attribute) -> Result<(), EditError> {
    let attributes = attributes_mut(next, owner)?;
    let at = position_of(attributes, owner, name)?;
    if to.name != name {
        if let Some(problem) = attribute_name_problem(&to.name) {
            return Err(EditError::BadName(problem.message));
        }
        if attributes.iter().any(|a| a.name == to.name) {
            return Err(EditError::AttributeTaken { owner: owner.to_string(), attribute: to.name.clone() });
        }
    }
    attributes[at] = to.clone();
    if to.name == name {
        return Ok(());
    }
    let graph = ErGraph::new(old);
    let renamed: &Attribute = match old.entity(owner) {
        Some(e) => &e.attributes[at],
        None => &old.relationship(owner).expect("attributes_mut found the owner").attributes[at],
    };
    let means_renamed = |target: &str, reference: &str| {
        graph.resolve_input(target, reference).is_some_and(|a| std::ptr::eq(a, renamed))
    };
    for_each_reference(next, |target, reference| {
        if means_renamed(target, reference) {
            // A parent's identifier carried under its role keeps the role.
            let carried = old.parent_role(target, reference).and_then(|(r, _)| r.parent_attribute(&to.name));
            *reference = match (carried, reference.split_once('.')) {
                (Some(carried), _) => carried,
                (None, Some((role, _))) => format!("{role}.{}", to.name),
                (None, None) => to.name.clone(),
            };
        }
    });
    super::projection_pins::rename(next, name, &to.name);
    Ok(())
}

/// Applies `properties` to relationship `name`; returns its (new) name.
pub fn relationship(
    old: &Model,
    next: &mut Model,
    name: &str,
    properties: &RelationshipProperties,
) -> Result<String, EditError> {
    let current = old.relationship(name).ok_or_else(|| EditError::UnknownRelationship(name.to_string()))?;
    if properties.name != name {
        usable_new_name(old, &properties.name)?;
    }
    for end in [&properties.from, &properties.to] {
        old.entity(end).ok_or_else(|| EditError::UnknownEntity(end.clone()))?;
    }
    if properties.cardinality != Cardinality::ManyToMany {
        let data = [
            ("attributes", !current.attributes.is_empty()),
            ("pinned keys", !current.pinned_keys.is_empty()),
            ("access patterns on its pair items", old.access_patterns.iter().any(|p| p.entity == name)),
        ];
        if let Some((what, _)) = data.into_iter().find(|(_, present)| *present) {
            return Err(EditError::ManyToManyData { relationship: name.to_string(), what });
        }
    }
    let r = next.relationships.iter_mut().find(|r| r.name == name).expect("the relationship exists");
    r.name.clone_from(&properties.name);
    r.from.clone_from(&properties.from);
    r.to.clone_from(&properties.to);
    r.cardinality = properties.cardinality;
    r.to_role.clone_from(&properties.to_role);
    // Only a hierarchy of one entity has a parent role (check requires it, "parent"
    // unless named, as a new one gets); one that stops being one drops it.
    let hierarchy = properties.from == properties.to && properties.cardinality != Cardinality::ManyToMany;
    r.from_role = hierarchy.then(|| properties.from_role.clone().unwrap_or_else(|| "parent".to_string()));
    r.required = properties.required;
    r.description.clone_from(&properties.description);
    r.expected_count = properties.expected_count;
    r.average_item_size = properties.average_item_size;
    let new_name = properties.name.clone();
    if new_name != name {
        rename_target(next, name, &new_name);
        rename_followed(next, name, &new_name);
    }
    // A role names attributes (`friend.playerId` on the pair items, `managerEmployeeId`
    // on a self-relationship's children): references to them follow a new role.
    let ids = old.entity(&current.to).map(|e| e.identifier()).unwrap_or_default();
    let updated = next.relationships.iter().find(|r| r.name == new_name).expect("the relationship exists").clone();
    let mut renamed: Vec<(&str, String, String)> = Vec::new();
    for id in ids {
        if let (Some(was), Some(now)) = (&current.to_role, &properties.to_role) {
            renamed.push((new_name.as_str(), format!("{was}.{}", id.name), format!("{now}.{}", id.name)));
        }
        // Only between two roles of one hierarchy: a role dropped leaves its references
        // for validation to report, rather than turning them into the item's own id.
        let roles = (current.from_role.is_some() && updated.from_role.is_some() && current.to == updated.to)
            .then(|| (current.parent_attribute(&id.name), updated.parent_attribute(&id.name)));
        if let Some((Some(was), Some(now))) = roles {
            renamed.push((properties.to.as_str(), was, now));
        }
    }
    renamed.retain(|(_, was, now)| was != now);
    for_each_reference(next, |target, reference| {
        if let Some((_, _, now)) = renamed.iter().find(|(on, was, _)| *on == target && was == reference) {
            reference.clone_from(now);
        }
    });
    Ok(new_name)
}

/// Patterns (targets, `with`, steps) and the import's list that name `from`.
fn rename_target(next: &mut Model, from: &str, to: &str) {
    let rename = |name: &mut String| {
        if name == from {
            *name = to.to_string();
        }
    };
    for p in &mut next.access_patterns {
        rename(&mut p.entity);
        p.with.iter_mut().for_each(rename);
        for step in &mut p.steps {
            rename(&mut step.entity);
        }
    }
    if let Some(imported) = &mut next.imported {
        imported.entities.iter_mut().for_each(rename);
    }
}

/// The relationship a pattern follows (`via`), or one step of the path down from
/// an ancestor it follows (`CustomerOrders.OrderItems`).
fn rename_followed(next: &mut Model, from: &str, to: &str) {
    for via in next.access_patterns.iter_mut().filter_map(|p| p.via.as_mut()) {
        // A relationship's own name may hold a dot: the whole first.
        if via == from {
            *via = to.to_string();
        } else {
            *via = via.split('.').map(|step| if step == from { to } else { step }).collect::<Vec<_>>().join(".");
        }
    }
}

/// Calls `f(target, reference)` for every attribute reference in the model: the
/// attributes patterns name (resolved against the pattern's or step's entity) and
/// the placeholders of pinned key templates (against their entity or relationship).
fn for_each_reference(model: &mut Model, mut f: impl FnMut(&str, &mut String)) {
    for p in &mut model.access_patterns {
        pattern_references(p, &mut f);
    }
    for e in &mut model.entities {
        for key in e.pinned_keys.values_mut() {
            template_references(&e.name, key, &mut f);
        }
    }
    for r in &mut model.relationships {
        for key in r.pinned_keys.values_mut() {
            template_references(&r.name, key, &mut f);
        }
    }
}

fn pattern_references(p: &mut AccessPattern, f: &mut impl FnMut(&str, &mut String)) {
    let target = p.entity.as_str();
    for reference in p.inputs.iter_mut().chain(&mut p.returns) {
        f(target, reference);
    }
    let singles = [
        p.range.as_mut().map(|r| &mut r.attribute),
        p.order.as_mut().map(|o| &mut o.attribute),
        p.retention.as_mut().map(|r| &mut r.attribute),
    ];
    let tested = p.filter.iter_mut().flat_map(|x| x.tests_mut()).map(|t| &mut t.attribute);
    for reference in singles.into_iter().flatten().chain(tested) {
        f(target, reference);
    }
    for c in p.conditions.iter_mut().flat_map(|c| c.tests_mut()) {
        for a in [&mut c.attribute, &mut c.other_attribute].into_iter().flatten() {
            f(target, a);
        }
    }
    for u in &mut p.updates {
        f(target, &mut u.attribute);
    }
    for step in &mut p.steps {
        for c in step.conditions.iter_mut().flat_map(|c| c.tests_mut()) {
            for a in [&mut c.attribute, &mut c.other_attribute].into_iter().flatten() {
                f(&step.entity, a);
            }
        }
        for u in &mut step.updates {
            f(&step.entity, &mut u.attribute);
        }
    }
}

/// Templates that do not parse are left for validation to report.
fn template_references(target: &str, key: &mut PinnedKey, f: &mut impl FnMut(&str, &mut String)) {
    for text in [key.partition.as_mut(), key.sort.as_mut()].into_iter().flatten() {
        let Ok(template) = Template::parse(text) else { continue };
        let parts = template
            .parts()
            .iter()
            .map(|part| match part {
                Part::Attr { name, pad } => {
                    let mut name = name.clone();
                    f(target, &mut name);
                    Part::Attr { name, pad: *pad }
                }
                literal => literal.clone(),
            })
            .collect();
        *text = Template::from_parts(parts).to_string();
    }
    if let Some(sparse) = key.sparse.as_mut() {
        f(target, &mut sparse.attribute);
    }
}
