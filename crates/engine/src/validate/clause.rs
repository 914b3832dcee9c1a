//! Tests joined by `all`, `any` and `not` (a read's filter, a write's conditions):
//! each test checked where it stands, and no join that lists nothing.

use crate::model::{AllOf, AnyOf, Clause, NotOf};
use crate::path::JsonPath;

use super::Validator;

impl Validator<'_, '_> {
    /// Checks every test of `clause` with `test`, at its JSON path; `what` names
    /// the tests in the message of an empty join ("filter", "condition").
    pub(super) fn clause<T>(
        &mut self,
        clause: &Clause<T>,
        at: &JsonPath,
        what: &str,
        test: &mut dyn FnMut(&mut Self, &T, &JsonPath),
    ) {
        match clause {
            Clause::Test(t) => test(self, t, at),
            Clause::All(AllOf { all: parts }) | Clause::Any(AnyOf { any: parts }) => {
                let word = if matches!(clause, Clause::All(_)) { "all" } else { "any" };
                if parts.is_empty() {
                    self.error(
                        &at.key(word),
                        format!("'{word}' lists no {what}, so it decides nothing"),
                        "list the tests it joins, or remove it",
                    );
                }
                for (i, part) in parts.iter().enumerate() {
                    self.clause(part, &at.key(word).index(i), what, test);
                }
            }
            Clause::Not(NotOf { not }) => self.clause(not, &at.key("not"), what, test),
        }
    }
}
