//! Which relationship a read follows from its inputs to its target. Inputs that are
//! not the target's own attributes identify a related entity, and the answer depends
//! on the relationship between them: the posts a user wrote are not the posts the
//! user liked. The derivation, the verifier and the oracle all ask this one question.

use super::{AccessPattern, Model, Relationship};

impl Model {
    /// The relationships through which `p`'s inputs can reach its target entity:
    /// those whose other end is identified by exactly the inputs that are not the
    /// target's own attributes. Empty when the inputs are all the target's own.
    pub fn relationships_reaching(&self, p: &AccessPattern) -> Vec<&Relationship> {
        let Some(target) = self.entity(&p.entity) else {
            return Vec::new();
        };
        let foreign: Vec<&String> = p.inputs.iter().filter(|a| target.attribute(a).is_none()).collect();
        if foreign.is_empty() {
            return Vec::new();
        }
        let identified = |name: &str| {
            self.entity(name).is_some_and(|e| {
                let id = e.identifier();
                id.len() == foreign.len() && id.iter().all(|a| foreign.contains(&&a.name))
            })
        };
        self.relationships
            .iter()
            .filter(|r| r.from != r.to)
            .filter(|r| (r.from == p.entity && identified(&r.to)) || (r.to == p.entity && identified(&r.from)))
            .collect()
    }

    /// The relationship `p` follows: the one it names in `via`, or else the only one
    /// that reaches its target. `None` when its inputs are the target's own, or when
    /// several relationships reach it and it names none (validation reports that).
    pub fn followed(&self, p: &AccessPattern) -> Option<&Relationship> {
        match &p.via {
            Some(via) => self.relationship(via),
            None => match self.relationships_reaching(p).as_slice() {
                [only] => Some(only),
                _ => None,
            },
        }
    }
}
