//! The names a model gives indexes where it pins keys and projections, which
//! are the names the design gives them: `table`, `GSI1`, `GSI2`, ... `LSI1`, ...

/// An index named as the design names it. `GSI01` and `GSI0` name none: one
/// index has one spelling, so a pin cannot be kept for an index it never meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexName {
    Table,
    Global(usize),
    Local(usize),
}

impl IndexName {
    pub fn parse(name: &str) -> Option<IndexName> {
        if name == "table" {
            return Some(IndexName::Table);
        }
        // Digits without a leading zero: the one spelling of a positive number.
        let number = |n: &str| {
            let canonical = n.bytes().all(|b| b.is_ascii_digit()) && !n.starts_with('0');
            n.parse::<usize>().ok().filter(|_| canonical)
        };
        match name.strip_prefix("GSI") {
            Some(n) => number(n).map(IndexName::Global),
            None => name.strip_prefix("LSI").and_then(number).map(IndexName::Local),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_spelling_per_index() {
        assert_eq!(IndexName::parse("table"), Some(IndexName::Table));
        assert_eq!(IndexName::parse("GSI12"), Some(IndexName::Global(12)));
        assert_eq!(IndexName::parse("LSI1"), Some(IndexName::Local(1)));
        for bad in ["GSI01", "GSI0", "GSI", "gsi1", "LSI+1", "Table", "GSI1 "] {
            assert_eq!(IndexName::parse(bad), None, "{bad}");
        }
    }
}
