//! Tests joined by `all` (AND), `any` (OR) and `not`, as DynamoDB's filter and
//! condition expressions join them: one shape for a read's filter and a write's
//! conditions, so that both are walked, written and evaluated by the same code.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One test, or tests joined: `{"all": [...]}`, `{"any": [...]}`, `{"not": ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
#[schemars(rename = "{T}Clause")]
pub enum Clause<T> {
    Test(T),
    All(AllOf<T>),
    Any(AnyOf<T>),
    Not(NotOf<T>),
}

/// Every one of the parts holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
#[schemars(rename = "{T}AllOf")]
pub struct AllOf<T> {
    pub all: Vec<Clause<T>>,
}

/// At least one of the parts holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
#[schemars(rename = "{T}AnyOf")]
pub struct AnyOf<T> {
    pub any: Vec<Clause<T>>,
}

/// The part does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
#[schemars(rename = "{T}NotOf")]
pub struct NotOf<T> {
    pub not: Box<Clause<T>>,
}

impl<T> Clause<T> {
    /// The one test, when the clause is a single test.
    pub fn test(&self) -> Option<&T> {
        match self {
            Clause::Test(t) => Some(t),
            _ => None,
        }
    }

    /// The tests that must each hold for the clause to hold: a lone test, and
    /// those of `all` (not those under `any` or `not`, which may fail).
    pub fn required_tests(&self) -> Vec<&T> {
        match self {
            Clause::Test(t) => vec![t],
            Clause::All(AllOf { all: parts }) => parts.iter().flat_map(Clause::required_tests).collect(),
            Clause::Any(_) | Clause::Not(_) => Vec::new(),
        }
    }

    /// Every test, in file order.
    pub fn tests(&self) -> Vec<&T> {
        match self {
            Clause::Test(t) => vec![t],
            Clause::All(AllOf { all: parts }) | Clause::Any(AnyOf { any: parts }) => {
                parts.iter().flat_map(Clause::tests).collect()
            }
            Clause::Not(NotOf { not }) => not.tests(),
        }
    }

    pub fn tests_mut(&mut self) -> Vec<&mut T> {
        match self {
            Clause::Test(t) => vec![t],
            Clause::All(AllOf { all: parts }) | Clause::Any(AnyOf { any: parts }) => {
                parts.iter_mut().flat_map(Clause::tests_mut).collect()
            }
            Clause::Not(NotOf { not }) => not.tests_mut(),
        }
    }

    /// Every test with whether it is negated (under an odd number of `not`s).
    pub fn signed_tests(&self) -> Vec<(&T, bool)> {
        self.signed(false)
    }

    fn signed(&self, negated: bool) -> Vec<(&T, bool)> {
        match self {
            Clause::Test(t) => vec![(t, negated)],
            Clause::All(AllOf { all: parts }) | Clause::Any(AnyOf { any: parts }) => {
                parts.iter().flat_map(|p| p.signed(negated)).collect()
            }
            Clause::Not(NotOf { not }) => not.signed(!negated),
        }
    }

    /// Whether the clause, `not` pushed down, joins tests with OR: an `any` of
    /// several parts, or a `not` of an `all` of several.
    pub fn disjoins(&self) -> bool {
        self.disjoins_as(false)
    }

    fn disjoins_as(&self, negated: bool) -> bool {
        match self {
            Clause::Test(_) => false,
            Clause::All(AllOf { all: parts }) | Clause::Any(AnyOf { any: parts })
                if parts.len() > 1 && matches!(self, Clause::Any(_)) != negated =>
            {
                true
            }
            Clause::All(AllOf { all: parts }) | Clause::Any(AnyOf { any: parts }) => {
                parts.iter().any(|p| p.disjoins_as(negated))
            }
            Clause::Not(NotOf { not }) => not.disjoins_as(!negated),
        }
    }

    /// Whether the clause holds, given whether each test does.
    pub fn holds(&self, test: &mut dyn FnMut(&T) -> bool) -> bool {
        match self {
            Clause::Test(t) => test(t),
            Clause::All(AllOf { all }) => all.iter().all(|part| part.holds(test)),
            Clause::Any(AnyOf { any }) => any.iter().any(|part| part.holds(test)),
            Clause::Not(NotOf { not }) => !not.holds(test),
        }
    }

    /// The expression's text, `not` pushed down to the tests (De Morgan), and
    /// whether it joins several tests (then a caller joining it with others puts
    /// it in parentheses): `test(t, negated)` writes one test, and says the same.
    pub fn written(&self, test: &mut dyn FnMut(&T, bool) -> (String, bool)) -> (String, bool) {
        self.written_as(false, test)
    }

    fn written_as(&self, negate: bool, test: &mut dyn FnMut(&T, bool) -> (String, bool)) -> (String, bool) {
        let mut joined = |parts: &[Clause<T>], conjunction: bool| {
            let word = if conjunction { " AND " } else { " OR " };
            let texts: Vec<String> = parts
                .iter()
                .map(|part| match part.written_as(negate, test) {
                    (text, true) if parts.len() > 1 => format!("({text})"),
                    (text, _) => text,
                })
                .collect();
            (texts.join(word), parts.len() > 1)
        };
        match self {
            Clause::Test(t) => test(t, negate),
            // NOT (a AND b) is NOT a OR NOT b; NOT (a OR b) is NOT a AND NOT b.
            Clause::All(AllOf { all }) => joined(all, !negate),
            Clause::Any(AnyOf { any }) => joined(any, negate),
            Clause::Not(NotOf { not }) => not.written_as(!negate, test),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(name: &str) -> Clause<String> {
        Clause::Test(name.to_string())
    }

    fn text(c: &Clause<String>) -> String {
        c.written(&mut |t, negate| (if negate { format!("NOT {t}") } else { t.clone() }, false)).0
    }

    #[test]
    fn not_is_pushed_down_to_the_tests() {
        let c = Clause::Not(NotOf {
            not: Box::new(Clause::Any(AnyOf {
                any: vec![leaf("a"), Clause::All(AllOf { all: vec![leaf("b"), leaf("c")] })],
            })),
        });
        assert_eq!(text(&c), "NOT a AND (NOT b OR NOT c)");
        assert!(!c.holds(&mut |t| t == "a"));
        assert!(c.holds(&mut |t| t == "b"));
        assert_eq!(c.tests(), ["a", "b", "c"]);
        assert_eq!(c.signed_tests(), [(&"a".to_string(), true), (&"b".to_string(), true), (&"c".to_string(), true)]);
        assert!(c.disjoins(), "not (b and c) is not b or not c");
        assert!(
            !Clause::Not(NotOf { not: Box::new(Clause::Any(AnyOf { any: vec![leaf("a"), leaf("b")] })) }).disjoins()
        );
    }
}
