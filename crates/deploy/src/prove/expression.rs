//! A plan's expressions made executable: `#name` tokens become
//! ExpressionAttributeNames, `:name` tokens ExpressionAttributeValues, and the quoted
//! literals the design writes for readers (`#_type IN ("Customer", "Account")`,
//! `:type ("Customer")`) become placeholders of their own.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use tablewright_engine::sample::Value;

use crate::convert::to_attribute;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Expression {
    pub text: String,
    pub names: HashMap<String, String>,
    pub values: HashMap<String, AttributeValue>,
}

impl Expression {
    /// `value_of` gives each `:name`'s value; an error names the first without one.
    pub fn new(text: &str, value_of: &dyn Fn(&str) -> Option<Value>) -> Result<Expression, String> {
        let mut values = HashMap::new();
        let text = bind_literals(text, &mut values);
        let mut names = HashMap::new();
        for name in tokens(&text, '#') {
            names.insert(format!("#{name}"), name);
        }
        for name in tokens(&text, ':') {
            let key = format!(":{name}");
            if values.contains_key(&key) {
                continue;
            }
            let value = value_of(&name).ok_or_else(|| format!("no value for :{name} in `{text}`"))?;
            values.insert(key, to_attribute(&value));
        }
        Ok(Expression { text, names, values })
    }
}

/// `:type ("Customer")` → `:type` bound to "Customer"; any other `"literal"` → `:litN`.
fn bind_literals(text: &str, values: &mut HashMap<String, AttributeValue>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('"') {
        let Some(len) = rest[start + 1..].find('"') else { break };
        let literal = &rest[start + 1..start + 1 + len];
        let before = &rest[..start];
        let after = &rest[start + len + 2..];
        // `:name (` right before the literal and `)` right after: the literal is :name's value.
        if let (Some(head), Some(tail)) = (before.strip_suffix('('), after.strip_prefix(')')) {
            let head = head.trim_end();
            if let Some(colon) = head.rfind(':') {
                let name = &head[colon..];
                if name.len() > 1 && name[1..].chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    values.insert(name.to_string(), AttributeValue::S(literal.to_string()));
                    out.push_str(head);
                    rest = tail;
                    continue;
                }
            }
        }
        let placeholder = format!(":lit{}", values.len());
        values.insert(placeholder.clone(), AttributeValue::S(literal.to_string()));
        out.push_str(before);
        out.push_str(&placeholder);
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The names after `sigil` in `text`, each once, in order.
pub fn tokens(text: &str, sigil: char) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, c) in text.char_indices() {
        if c != sigil {
            continue;
        }
        let rest = &text[i + 1..];
        let len = rest.find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_')).unwrap_or(rest.len());
        if len > 0 && !out.iter().any(|n| n == &rest[..len]) {
            out.push(rest[..len].to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_names_and_values_are_bound() {
        let e = Expression::new("#_type IN (\"Customer\", \"Account\")", &|_| None).unwrap();
        assert_eq!(e.text, "#_type IN (:lit0, :lit1)");
        assert_eq!(e.names["#_type"], "_type");
        assert_eq!(e.values[":lit1"], AttributeValue::S("Account".into()));

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
