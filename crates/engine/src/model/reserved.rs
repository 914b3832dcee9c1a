//! The attribute names a design writes itself (its key attributes), which a
//! model's own attributes may not take.

/// Attribute names the design writes itself; a model's attributes may not use them.
pub fn is_reserved_attribute(name: &str) -> bool {
    let index_key = |prefix: &str, suffixes: &[&str]| {
        name.strip_prefix(prefix).is_some_and(|rest| {
            suffixes
                .iter()
                .any(|s| rest.strip_suffix(s).is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())))
        })
    };
    name == "PK" || name == "SK" || index_key("GSI", &["PK", "SK"]) || index_key("LSI", &["SK"])
}

/// The attribute every item carries with its entity's name, to tell items apart.
pub const TYPE_ATTRIBUTE: &str = "_type";
