//! A plan's expressions made executable for the SDK: `#name` tokens become
//! ExpressionAttributeNames, `:name` tokens ExpressionAttributeValues, and the
//! literals the design writes for readers become placeholders of their own (read
//! as the engine's `expression` module reads them for every consumer).

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use tablewright_engine::expression::{self, Literal};
use tablewright_engine::sample::Value;
use thiserror::Error;

use crate::convert::to_attribute;

/// A `:name` of an expression that nothing gives a value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("no value for :{name} in `{text}`")]
pub struct MissingValue {
    pub name: String,
    pub text: String,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Expression {
    pub text: String,
    pub names: HashMap<String, String>,
    pub values: HashMap<String, AttributeValue>,
}

impl Expression {
    /// `value_of` gives each `:name`'s value; an error names the first without one.
    pub fn new(text: &str, value_of: &dyn Fn(&str) -> Option<Value>) -> Result<Expression, MissingValue> {
        let literals = expression::bind_literals(text);
        let text = literals.text;
        let mut values: HashMap<String, AttributeValue> =
            literals.values.into_iter().map(|(name, literal)| (name, attribute_value(literal))).collect();
        let names = expression::placeholders(&text).into_iter().collect();
        for name in expression::tokens(&text, ':') {
            let key = format!(":{name}");
            if values.contains_key(&key) {
                continue;
            }
            let value = value_of(&name).ok_or_else(|| MissingValue { name: name.clone(), text: text.clone() })?;
            values.insert(key, to_attribute(&value));
        }
        Ok(Expression { text, names, values })
    }
}

fn attribute_value(literal: Literal) -> AttributeValue {
    match literal {
        Literal::S(text) => AttributeValue::S(text),
        Literal::N(number) => AttributeValue::N(number),
        Literal::Bool(b) => AttributeValue::Bool(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_names_and_values_are_bound() {
        let e = Expression::new("#_type IN (\"Customer\", \"Account\")", &|_| None).unwrap();
        assert_eq!(e.text, "#_type IN (:lit1, :lit2)");
        assert_eq!(e.names["#_type"], "_type");
        assert_eq!(e.values[":lit2"], AttributeValue::S("Account".into()));

        let e = Expression::new("#_type = :type (\"Order\") AND #status = :status", &|n| {
            (n == "status").then(|| Value::S("declined".into()))
        })
        .unwrap();
        assert_eq!(e.text, "#_type = :type AND #status = :status");
        assert_eq!(e.values[":type"], AttributeValue::S("Order".into()));
        assert_eq!(e.values[":status"], AttributeValue::S("declined".into()));
        assert!(Expression::new("#a = :missing", &|_| None).is_err());
    }
}
