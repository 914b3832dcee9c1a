//! Lists and names said in prose, for explanations and generated names.

/// The name after its indefinite article, by how it sounds: "an Issue", "an
/// Order", "a User", "a Unit", "a Customer".
pub fn with_article(name: &str) -> String {
    let lower = name.to_lowercase();
    // A vowel letter that sounds like a consonant ("you", "won").
    let consonant_sound =
        ["uni", "use", "usu", "uti", "ura", "url", "eu", "one", "once"].iter().any(|p| lower.starts_with(p));
    let vowel = lower.starts_with(['a', 'e', 'i', 'o', 'u']) && !consonant_sound;
    format!("{} {name}", if vowel { "an" } else { "a" })
}

/// `["A"]` → "A"; `["A", "B", "C"]` → "A, B and C".
pub fn listed<S: AsRef<str>>(names: &[S]) -> String {
    joined(names, "and")
}

/// `a, b or c`: the choices.
pub fn alternatives<S: AsRef<str>>(names: &[S]) -> String {
    joined(names, "or")
}

fn joined<S: AsRef<str>>(names: &[S], conjunction: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} {conjunction} {}", rest.join(", "), last.as_ref())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{listed, with_article};

    #[test]
    fn articles_follow_the_sound() {
        let said: Vec<String> = ["Issue", "Order", "User", "Unit", "Customer", "Employee", "OneTimeCode", "Url"]
            .iter()
            .map(|n| with_article(n))
            .collect();
        assert_eq!(
            said,
            ["an Issue", "an Order", "a User", "a Unit", "a Customer", "an Employee", "a OneTimeCode", "a Url"]
        );
    }

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(listed::<&str>(&[]), "");
        assert_eq!(listed(&["OrderItem"]), "OrderItem");
        assert_eq!(listed(&["OrderItem", "Shipment"]), "OrderItem and Shipment");
        assert_eq!(listed(&["OrderItem", "Shipment", "Invoice"]), "OrderItem, Shipment and Invoice");
    }
}
