//! Lists said in prose, for explanations and generated names.

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
    use super::listed;

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(listed::<&str>(&[]), "");
        assert_eq!(listed(&["OrderItem"]), "OrderItem");
        assert_eq!(listed(&["OrderItem", "Shipment"]), "OrderItem and Shipment");
        assert_eq!(listed(&["OrderItem", "Shipment", "Invoice"]), "OrderItem, Shipment and Invoice");
    }
}
