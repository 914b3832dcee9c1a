//! Names the design gives to things: key prefixes, key attributes, indexes.

/// `CustomerOffer` → `CUSTOMER_OFFER`: the literal that starts an entity's key values.
pub fn prefix(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        if c.is_alphanumeric() {
            out.extend(c.to_uppercase());
        } else {
            out.push('_');
        }
    }
    out
}

pub fn gsi_name(n: usize) -> String {
    format!("GSI{n}")
}

pub fn lsi_name(n: usize) -> String {
    format!("LSI{n}")
}

/// The attribute names of index `index`'s partition and sort keys.
pub fn key_attributes(index: &str) -> (String, String) {
    if index == super::types::TABLE {
        ("PK".to_string(), "SK".to_string())
    } else if index.starts_with("LSI") {
        ("PK".to_string(), format!("{index}SK"))
    } else {
        (format!("{index}PK"), format!("{index}SK"))
    }
}

/// The placeholder a rebuilt key's (or a recomputed TTL's) value is bound to: `:_GSI1SK`. Model names
/// cannot start with `_`, so it never meets an input's.
pub fn key_placeholder(key_attribute: &str) -> String {
    format!("_{key_attribute}")
}

/// The placeholder of an attribute's value as the write read it first:
/// `:_was_severity`, which the condition compares with the stored value.
pub fn was_placeholder(attribute: &str) -> String {
    format!("_was_{attribute}")
}

/// The attribute whose read value a `was_placeholder` stands for.
pub fn was_attribute(placeholder: &str) -> Option<&str> {
    placeholder.strip_prefix("_was_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_screaming_snake_case() {
        assert_eq!(prefix("Customer"), "CUSTOMER");
        assert_eq!(prefix("CustomerOffer"), "CUSTOMER_OFFER");
        assert_eq!(prefix("phone"), "PHONE");
        assert_eq!(prefix("specialStatuses"), "SPECIAL_STATUSES");
        assert_eq!(prefix("orderItem2"), "ORDER_ITEM2");
    }

    #[test]
    fn key_attribute_names() {
        assert_eq!(key_attributes("table"), ("PK".into(), "SK".into()));
        assert_eq!(key_attributes("GSI2"), ("GSI2PK".into(), "GSI2SK".into()));
        assert_eq!(key_attributes("LSI1"), ("PK".into(), "LSI1SK".into()));
    }
}
