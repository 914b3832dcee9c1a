//! The name a pattern is given from what it does, and kept in step with its
//! definition until the architect writes one of their own.

use crate::model::{AccessPattern, Model, Order, PatternKind};

/// "List Loan by memberId, newest loanedAt first": what the pattern reads or
/// writes, said from its kind, target (and what comes with it), inputs and order.
pub fn described(p: &AccessPattern) -> String {
    let by = if p.inputs.is_empty() { String::new() } else { format!(" by {}", p.inputs.join(" and ")) };
    let entity = if p.with.is_empty() || !p.kind.is_read() {
        p.entity.clone()
    } else {
        format!("{} with {}", p.entity, crate::words::listed(&p.with))
    };
    match p.kind {
        PatternKind::ReadOne => format!("Get {entity}{by}"),
        PatternKind::ReadMany => {
            let order = p.order.as_ref().map_or(String::new(), |o| match o.direction {
                Order::Ascending => format!(", oldest {} first", o.attribute),
                Order::Descending => format!(", newest {} first", o.attribute),
            });
            format!("List {entity}{by}{order}")
        }
        PatternKind::Put => format!("Create {entity}"),
        PatternKind::Update => format!("Update {entity}{by}"),
        PatternKind::Delete => format!("Delete {entity}{by}"),
        PatternKind::Transaction => format!("Write {entity} and more, all or nothing"),
        PatternKind::Expire => format!("Expire old {entity}"),
    }
}

/// After an edit from `old` to `next`: a pattern whose name still said what it
/// did (never written by hand) and that the edit did not rename says what it
/// does now, whether the edit changed the pattern or renamed what it names.
pub fn follow_definitions(old: &Model, next: &mut Model) {
    for p in &mut next.access_patterns {
        if let Some(before) = old.pattern(&p.id) {
            follow_definition(before, p);
        }
    }
}

fn follow_definition(old: &AccessPattern, next: &mut AccessPattern) {
    if next.name == old.name && old.name == described(old) {
        next.name = described(next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ordering;

    fn loans() -> AccessPattern {
        AccessPattern::read("AP01", "", PatternKind::ReadOne, "Loan", vec!["loanId".into()])
    }

    #[test]
    fn a_generated_name_follows_kind_inputs_and_order() {
        let mut old = loans();
        old.name = described(&old);
        assert_eq!(old.name, "Get Loan by loanId");
        let mut next = old.clone();
        next.kind = PatternKind::ReadMany;
        next.inputs = vec!["memberId".into()];
        next.order = Some(Ordering { attribute: "loanedAt".into(), direction: Order::Descending });
        follow_definition(&old, &mut next);
        assert_eq!(next.name, "List Loan by memberId, newest loanedAt first");
    }

    #[test]
    fn a_name_written_by_hand_stays() {
        let mut old = loans();
        old.name = "Loan by id".into();
        let mut next = old.clone();
        next.inputs = vec!["memberId".into()];
        follow_definition(&old, &mut next);
        assert_eq!(next.name, "Loan by id");
    }

    #[test]
    fn a_name_being_changed_is_the_one_kept() {
        let mut old = loans();
        old.name = described(&old);
        let mut next = old.clone();
        next.name = "Look up a loan".into();
        follow_definition(&old, &mut next);
        assert_eq!(next.name, "Look up a loan");
    }
}
