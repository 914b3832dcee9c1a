//! Lists and names said in prose, for explanations and generated names.

/// The name after its indefinite article, by how it sounds: "an Issue", "an
/// Order", "a User", "a Unit", "a Customer".
pub fn with_article(name: &str) -> String {
    let lower = name.to_lowercase();
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| lower.starts_with(p));
    // A vowel letter that sounds like a consonant ("you", "won"), unless the
    // word is a negation ("uninstall"); and a silent h ("an hour").
    let consonant_sound = starts(&["uni", "usa", "use", "usu", "uti", "ura", "url", "eu", "one", "once"]);
    let vowel = lower.starts_with(['a', 'e', 'i', 'o', 'u']) && (starts(&["unin"]) || !consonant_sound)
        || starts(&["hour", "honest", "honor", "heir"]);
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

/// A count with thousands separators: 7,227,000,000.
pub fn thousands(n: f64) -> String {
    let digits = format!("{:.0}", n.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0.0 && digits != "0" {
        out.insert(0, '-');
    }
    out
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
    use super::{listed, thousands, with_article};

    #[test]
    fn counts_are_grouped_by_thousands() {
        let said: Vec<String> = [0.0, 999.0, 1000.0, 1234567.4, 7_227_000_000.0, -4500.0].map(thousands).to_vec();
        assert_eq!(said, ["0", "999", "1,000", "1,234,567", "7,227,000,000", "-4,500"]);
    }

    #[test]
    fn articles_follow_the_sound() {
        let said: Vec<String> = [
            "Issue",
            "Order",
            "User",
            "Unit",
            "Customer",
            "Employee",
            "OneTimeCode",
            "Url",
            "Usage",
            "Uninstall",
            "Hour",
        ]
        .iter()
        .map(|n| with_article(n))
        .collect();
        assert_eq!(
            said,
            [
                "an Issue",
                "an Order",
                "a User",
                "a Unit",
                "a Customer",
                "an Employee",
                "a OneTimeCode",
                "a Url",
                "a Usage",
                "an Uninstall",
                "an Hour",
            ]
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
