//! The attributes a pinned INCLUDE projection lists follow the attributes they
//! name: a rename carries to them, and a name no item has any more leaves them,
//! so that an edit never turns a valid pin into one `check` rejects.

use crate::model::{Model, Projection};

/// After `from` was renamed to `to` in `next`: lists that named `from` name `to`
/// in its place, and keep `from` too while another entity or relationship
/// still has it (which of them an index holds needs the design, which an edit
/// does not derive; `check` reports a list that outgrows DynamoDB's limit).
pub fn rename(next: &mut Model, from: &str, to: &str) {
    let still_named = next.names_attribute(from);
    for list in include_lists(next) {
        let Some(at) = list.iter().position(|a| a == from) else { continue };
        let has_to = list.iter().any(|a| a == to);
        match (still_named, has_to) {
            (false, false) => list[at] = to.to_string(),
            (false, true) => {
                list.remove(at);
            }
            (true, false) => list.insert(at + 1, to.to_string()),
            (true, true) => {}
        }
    }
}

/// After an edit from `old` to `next`: names the edit left no item carrying
/// leave the lists; a list left empty projects the keys alone, as it did.
pub fn follow_attributes(old: &Model, next: &mut Model) {
    let gone: Vec<String> = next
        .table
        .pinned_projections
        .values()
        .flat_map(Projection::included)
        .filter(|a| old.names_attribute(a) && !next.names_attribute(a))
        .cloned()
        .collect();
    if gone.is_empty() {
        return;
    }
    for projection in next.table.pinned_projections.values_mut() {
        if let Projection::Include(list) = projection {
            list.retain(|a| !gone.contains(a));
            if list.is_empty() {
                *projection = Projection::KeysOnly;
            }
        }
    }
}

fn include_lists(model: &mut Model) -> impl Iterator<Item = &mut Vec<String>> {
    model.table.pinned_projections.values_mut().filter_map(|p| match p {
        Projection::Include(list) => Some(list),
        _ => None,
    })
}
