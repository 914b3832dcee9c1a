//! The fixes the verifier offers beside its reasons.

use crate::edit::{Edit, Fix, RelationshipProperties};
use crate::graph::ErGraph;
use crate::model::{AccessPattern, AllOf, Attribute, Cardinality, Clause, FilterOp, FilterTest};

/// Makes every `kind` item carry `attribute`: its own attribute made required,
/// or, for a parent's identifier the item takes from its parent, the
/// relationship to that parent made required (a child always has one).
///
/// None when a pattern asks for the `kind` items that lack it: required, none
/// would be left to find.
pub fn always_carry(graph: &ErGraph, kind: &str, attribute: &str) -> Option<Fix> {
    let entity = graph.entity(kind)?;
    let wanted_absent = graph
        .model()
        .access_patterns
        .iter()
        .filter(|p| p.entity == kind)
        .filter_map(|p| p.filter.as_ref())
        .any(|f| f.tests().iter().any(|t| t.attribute == attribute && t.op == FilterOp::Absent));
    if wanted_absent {
        return None;
    }
    if let Some(own) = entity.attribute(attribute) {
        let to = Attribute { required: true, ..own.clone() };
        return Some(Fix {
            label: format!("Make {kind}'s {attribute} required"),
            edit: Edit::UpdateAttribute { owner: kind.to_string(), attribute: attribute.to_string(), to },
        });
    }
    let parent = graph.relationships_of(kind).into_iter().find(|r| {
        r.to == kind
            && r.from != kind
            && r.cardinality != Cardinality::ManyToMany
            && graph.entity(&r.from).and_then(|e| e.attribute(attribute)).is_some_and(|a| a.identifier)
    })?;
    let properties = RelationshipProperties { required: true, ..RelationshipProperties::of(parent) };
    Some(Fix {
        label: format!(
            "Make every {kind} have {} ({} required)",
            crate::words::with_article(&parent.from),
            parent.name
        ),
        edit: Edit::UpdateRelationship { relationship: parent.name.clone(), properties },
    })
}

/// Narrows pattern `p` to the items that carry `attribute`: what it returns
/// from a sparse index then is what it asks for. Only for an attribute of the
/// items `p` alone returns: a filter applies to every item a request reads.
pub fn only_present(p: &AccessPattern, attribute: &str) -> Fix {
    let present = Clause::Test(FilterTest::on(attribute, FilterOp::Present));
    let filter = match p.filter.clone() {
        None => present,
        Some(Clause::All(AllOf { mut all })) => {
            all.push(present);
            Clause::All(AllOf { all })
        }
        Some(other) => Clause::All(AllOf { all: vec![other, present] }),
    };
    Fix {
        label: format!("Ask {} only for items with {attribute}", p.id),
        edit: Edit::UpdatePattern { id: p.id.clone(), pattern: AccessPattern { filter: Some(filter), ..p.clone() } },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;

    const LIBRARY: &str = include_str!("../../../../tests/fixtures/library-optional-key.tablewright.json");

    /// A key built from a parent's identifier misses the children without a
    /// parent: the fix makes the relationship to the parent required.
    #[test]
    fn a_parent_identifier_is_carried_once_the_relationship_is_required() {
        let mut model = crate::load_str(LIBRARY).unwrap();
        model.relationships[0].required = false;
        let graph = ErGraph::new(&model);
        assert!(!graph.always_carries("Loan", "memberId"));
        let fix = always_carry(&graph, "Loan", "memberId").unwrap();
        assert_eq!(fix.label, "Make every Loan have a Member (MemberLoans required)");
        let fixed = apply(&model, &fix.edit).unwrap().model;
        assert!(ErGraph::new(&fixed).always_carries("Loan", "memberId"));
    }

    #[test]
    fn an_attribute_a_pattern_wants_absent_is_not_made_required() {
        let model = crate::load_str(LIBRARY).unwrap();
        let graph = ErGraph::new(&model);
        assert!(always_carry(&graph, "Loan", "returnedOn").is_none(), "AP06 lists the loans not yet returned");
        assert!(always_carry(&graph, "Loan", "loanedAt").is_some());
    }

    #[test]
    fn a_filter_on_presence_joins_the_filter_already_there() {
        let model = crate::load_str(LIBRARY).unwrap();
        let open_loans = model.pattern("AP06").unwrap();
        let fix = only_present(open_loans, "dueOn");
        let Edit::UpdatePattern { pattern, .. } = fix.edit else { panic!("{fix:?}") };
        let Some(Clause::All(AllOf { all })) = pattern.filter else { panic!("{:?}", pattern.filter) };
        assert_eq!(all.len(), 2);
        assert_eq!(all[0], open_loans.filter.clone().unwrap());
        assert_eq!(all[1], Clause::Test(FilterTest::on("dueOn", FilterOp::Present)));
    }
}
