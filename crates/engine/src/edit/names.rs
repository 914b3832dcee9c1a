//! Which names an edit may give, and the names it makes up.

use crate::escape::{is_hidden, visible};
use crate::model::Model;

use super::EditError;

/// What is wrong with a name, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameProblem {
    pub message: String,
    pub hint: &'static str,
}

/// The characters key templates read as syntax: `#` separates a key's parts,
/// braces mark placeholders, `:` gives a number's padding (`{amount:10}`).
const KEY_SYNTAX: [char; 4] = ['#', '{', '}', ':'];

/// Why `name` cannot name an entity or a relationship: it is written into key
/// values, code and exports, where key syntax or an invisible character would be
/// read as something else.
pub fn name_problem(name: &str) -> Option<NameProblem> {
    if let Some(problem) = hidden_problem(name, "a name") {
        return Some(problem);
    }
    let bad = name.trim().is_empty() || name.contains(KEY_SYNTAX) || name.trim() != name;
    bad.then(|| NameProblem {
        message: format!("'{name}' cannot be used as a name"),
        hint: "use letters, digits and '_', without '#', '{', '}' or ':' or spaces around it",
    })
}

/// Why `name` cannot name an attribute of an entity or relationship.
pub fn attribute_name_problem(name: &str) -> Option<NameProblem> {
    if let Some(problem) = hidden_problem(name, "an attribute's name") {
        Some(problem)
    } else if name.trim().is_empty() {
        Some(NameProblem { message: "attribute without a name".to_string(), hint: "give the attribute a name" })
    } else if name.starts_with('_') || crate::model::is_reserved_attribute(name) {
        Some(NameProblem {
            message: format!("'{name}' is reserved for the design's own attributes"),
            hint: "rename it: names starting with '_', PK, SK, GSI<n>PK/SK and LSI<n>SK are Tablewright's",
        })
    } else if name.contains(KEY_SYNTAX) || name.contains('.') || name.trim() != name {
        Some(NameProblem {
            message: format!("'{name}' cannot name an attribute"),
            hint: "key templates read '#', '{', '}', ':' and '.' as syntax: leave them out, and spaces around the name",
        })
    } else {
        None
    }
}

/// Why `id` cannot identify an access pattern: ids name generated files,
/// functions and command-line arguments.
pub fn pattern_id_problem(id: &str) -> Option<NameProblem> {
    let fine = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
    (!fine).then(|| NameProblem {
        message: format!("'{}' cannot be an access pattern's id", visible(id)),
        hint: "use letters, digits, '_', '.' and '-', such as \"AP01\"",
    })
}

/// Why `text` cannot be a one-line label (a pattern's or the model's name).
pub fn label_problem(text: &str) -> Option<NameProblem> {
    hidden_problem(text, "a name")
}

/// Why `text` cannot be a description: any printable text, on several lines.
pub fn description_problem(text: &str) -> Option<NameProblem> {
    text.contains(|c| is_hidden(c) && c != '\n' && c != '\t').then(|| NameProblem {
        message: format!("the description '{}' holds an invisible character", visible(text)),
        hint: "remove control characters other than line breaks and tabs (they show as \\u{...} here)",
    })
}

fn hidden_problem(text: &str, what: &str) -> Option<NameProblem> {
    text.contains(is_hidden).then(|| NameProblem {
        message: format!("{what} cannot hold a line break or an invisible character: '{}'", visible(text)),
        hint: "remove it (it shows as \\u{...} here); names are written into code, keys and exports",
    })
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
        assert!(name_problem("Order:10").is_some());
        assert!(attribute_name_problem("customerNumber:10").is_some());
        assert!(attribute_name_problem("a#b").is_some());
    }

    #[test]
    fn invisible_characters_are_refused_with_the_name_shown() {
        let problem = name_problem("Cust\u{0}omer").expect("a NUL is refused");
        assert!(problem.message.contains("Cust\\u{0}omer"), "{}", problem.message);
        assert!(attribute_name_problem("a\u{85}b").is_some());
        assert!(label_problem("Find\ntouch /tmp/x").is_some());
        assert!(label_problem("Find orders — newest first").is_none());
        assert!(description_problem("two\nlines\twith a tab").is_none());
        assert!(description_problem("bidi \u{202e}").is_some());
    }

    #[test]
    fn pattern_ids_are_plain_words() {
        assert!(pattern_id_problem("AP-01.b_2").is_none());
        assert!(pattern_id_problem("AP01\ntouch /tmp/pwned").is_some());
        assert!(pattern_id_problem("AP 01").is_some());
        assert!(pattern_id_problem("").is_some());
    }
}
