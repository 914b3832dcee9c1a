//! Which names an edit may give, and the names it makes up.

use crate::model::Model;

use super::EditError;

/// What is wrong with a name, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameProblem {
    pub message: String,
    pub hint: &'static str,
}

/// Why `name` cannot name an entity or a relationship: it is written into key
/// values, where `#` separates parts and braces mark placeholders.
pub fn name_problem(name: &str) -> Option<NameProblem> {
    let bad = name.trim().is_empty() || name.contains(['#', '{', '}']) || name.trim() != name;
    bad.then(|| NameProblem {
        message: format!("'{name}' cannot be used as a name"),
        hint: "use letters, digits and '_', without '#', '{' or '}' or spaces around it",
    })
}

/// Why `name` cannot name an attribute of an entity or relationship.
pub fn attribute_name_problem(name: &str) -> Option<NameProblem> {
    if name.trim().is_empty() {
        Some(NameProblem { message: "attribute without a name".to_string(), hint: "give the attribute a name" })
    } else if name.starts_with('_') || crate::design::is_reserved_attribute(name) {
        Some(NameProblem {
            message: format!("'{name}' is reserved for the design's own attributes"),
            hint: "rename it: names starting with '_', PK, SK, GSI<n>PK/SK and LSI<n>SK are Tablewright's",
        })
    } else if name.contains(['{', '}', '.']) || name.trim() != name {
        Some(NameProblem {
            message: format!("'{name}' cannot name an attribute"),
            hint: "key templates read '{', '}' and '.' as syntax: leave them out, and spaces around the name",
        })
    } else {
        None
    }
}

/// Whether an entity or relationship already has `name`.
pub fn is_taken(model: &Model, name: &str) -> bool {
    model.entity(name).is_some() || model.relationship(name).is_some()
}

/// `name`, when a new entity or relationship may take it.
pub fn usable_new_name(model: &Model, name: &str) -> Result<String, EditError> {
    if let Some(problem) = name_problem(name) {
        return Err(EditError::BadName(problem.message));
    }
    if is_taken(model, name) {
        return Err(EditError::NameTaken(name.to_string()));
    }
    Ok(name.to_string())
}

/// The first of `candidate(1)`, `candidate(2)`, ... that is not `taken`.
pub fn numbered(candidate: impl Fn(usize) -> String, taken: impl Fn(&str) -> bool) -> String {
    (1..).map(candidate).find(|c| !taken(c)).expect("some number is free")
}

/// The identifier a new entity starts with: `Customer` → `customerId`.
pub fn identifier_for(entity: &str) -> String {
    let mut chars = entity.chars();
    let first: String = chars.next().map(|c| c.to_lowercase().collect()).unwrap_or_default();
    format!("{first}{}Id", chars.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_lower_camel_case() {
        assert_eq!(identifier_for("Customer"), "customerId");
        assert_eq!(identifier_for("DailyAggregate"), "dailyAggregateId");
        assert_eq!(identifier_for("Élan"), "élanId");
    }

    #[test]
    fn names_carrying_key_syntax_are_refused() {
        assert!(name_problem("Customer").is_none());
        assert!(name_problem("Cust#omer").is_some());
        assert!(name_problem(" Customer").is_some());
        assert!(name_problem("").is_some());
        assert!(attribute_name_problem("GSI1PK").is_some());
        assert!(attribute_name_problem("_type").is_some());
        assert!(attribute_name_problem("friend.id").is_some());
        assert!(attribute_name_problem("balance").is_none());
    }
}
