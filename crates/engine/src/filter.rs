//! A read's filter as every consumer reads it: the FilterExpression a plan writes
//! (its values written in, typed as the attribute they test), and whether an item
//! passes it, which is the oracle's answer that the proof compares with DynamoDB's.
//! Both follow DynamoDB: an item without the attribute passes `absent` and
//! `not_equals` (nothing is not equal to the value: DynamoDB Local says so, and
//! the live filter test holds the oracle to it) and fails every other test;
//! numbers compare by value and strings by their bytes.

use std::cmp::Ordering;

use crate::expression;
use crate::model::{AttrType, Attribute, Filter, FilterOp};
use crate::sample::Value;

/// The FilterExpression for `f`, with `#attribute` and its values written in as
/// literals of `attribute`'s type (`#total > :filter (100)`).
pub fn expression(f: &Filter, attribute: Option<&Attribute>) -> String {
    let name = format!("#{}", f.attribute);
    let kind = attribute.map(|a| a.attr_type);
    let one = || format!(":filter ({})", literal(kind, f.value.as_deref().unwrap_or_default()));
    let compare = |op: &str| format!("{name} {op} {}", one());
    match f.op {
        FilterOp::Equals => compare("="),
        FilterOp::NotEquals => compare("<>"),
        FilterOp::LessThan => compare("<"),
        FilterOp::LessOrEqual => compare("<="),
        FilterOp::GreaterThan => compare(">"),
        FilterOp::GreaterOrEqual => compare(">="),
        FilterOp::Between => {
            let bound = |i: usize| literal(kind, f.values.get(i).map(String::as_str).unwrap_or_default());
            format!("{name} BETWEEN :filter_low ({}) AND :filter_high ({})", bound(0), bound(1))
        }
        FilterOp::BeginsWith => format!("begins_with({name}, {})", one()),
        FilterOp::Contains => format!("contains({name}, {})", one()),
        FilterOp::In => {
            let listed: Vec<String> =
                f.values.iter().enumerate().map(|(i, v)| format!(":filter_{} ({})", i + 1, literal(kind, v))).collect();
            format!("{name} IN ({})", listed.join(", "))
        }
        FilterOp::Present => format!("attribute_exists({name})"),
        FilterOp::Absent => format!("attribute_not_exists({name})"),
    }
}

/// Whether an item whose attribute holds `value` (None: the item lacks it) passes.
pub fn passes(f: &Filter, value: Option<&Value>) -> bool {
    match f.op {
        FilterOp::Present => present(value),
        FilterOp::Absent => !present(value),
        FilterOp::NotEquals if value.is_none() => true,
        _ => value.is_some_and(|v| holds(f, v)),
    }
}

fn holds(f: &Filter, v: &Value) -> bool {
    let one = f.value.as_deref().unwrap_or_default();
    let order = |text: &str| v.compare(&comparand(text, v));
    match f.op {
        FilterOp::Equals => equal(v, one),
        FilterOp::NotEquals => !equal(v, one),
        FilterOp::LessThan => order(one) == Some(Ordering::Less),
        FilterOp::LessOrEqual => matches!(order(one), Some(Ordering::Less | Ordering::Equal)),
        FilterOp::GreaterThan => order(one) == Some(Ordering::Greater),
        FilterOp::GreaterOrEqual => matches!(order(one), Some(Ordering::Greater | Ordering::Equal)),
        FilterOp::Between => match f.values.as_slice() {
            [low, high] => {
                matches!(order(low), Some(Ordering::Greater | Ordering::Equal))
                    && matches!(order(high), Some(Ordering::Less | Ordering::Equal))
            }
            _ => false,
        },
        FilterOp::BeginsWith => matches!(v, Value::S(s) if s.starts_with(one)),
        FilterOp::Contains => match v {
            Value::S(s) => s.contains(one),
            Value::Ss(items) => items.iter().any(|i| i == one),
            Value::Ns(items) => items.iter().any(|i| equal(&Value::N(i.clone()), one)),
            Value::L(items) => items.iter().any(|i| equal(i, one)),
            _ => false,
        },
        FilterOp::In => f.values.iter().any(|text| equal(v, text)),
        FilterOp::Present | FilterOp::Absent => unreachable!("presence is decided before the value is read"),
    }
}

/// An item holds the attribute when it has a value there; the sample writes an
/// empty string or set for none.
fn present(value: Option<&Value>) -> bool {
    match value {
        Some(Value::Ss(s) | Value::Ns(s)) => !s.is_empty(),
        Some(Value::S(s)) => !s.is_empty(),
        Some(_) => true,
        None => false,
    }
}

fn equal(v: &Value, text: &str) -> bool {
    match v {
        Value::Bool(b) => text == if *b { "true" } else { "false" },
        _ => v.compare(&comparand(text, v)) == Some(Ordering::Equal),
    }
}

/// The filter's text as a value of the same type as `like`.
fn comparand(text: &str, like: &Value) -> Value {
    match like {
        Value::N(_) => Value::N(text.to_string()),
        _ => Value::S(text.to_string()),
    }
}

/// `text` written into expression text as a value of the attribute's type: a
/// number or a boolean bare, anything else (and any text that is not one) a string.
fn literal(kind: Option<AttrType>, text: &str) -> String {
    let bare = match kind {
        Some(AttrType::Number | AttrType::NumberSet) => serde_json::from_str::<serde_json::Number>(text).is_ok(),
        Some(AttrType::Boolean) => text == "true" || text == "false",
        _ => false,
    };
    if bare {
        text.to_string()
    } else {
        expression::literal(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(op: FilterOp, value: Option<&str>, values: &[&str]) -> Filter {
        Filter {
            attribute: "total".into(),
            op,
            value: value.map(str::to_string),
            values: values.iter().map(|v| v.to_string()).collect(),
            selectivity: None,
        }
    }

    #[test]
    fn numbers_compare_by_value_and_are_written_bare() {
        let number = Attribute::new("total", AttrType::Number);
        let over = filter(FilterOp::GreaterThan, Some("100"), &[]);
        assert_eq!(expression(&over, Some(&number)), "#total > :filter (100)");
        assert!(passes(&over, Some(&Value::N("250".into()))));
        assert!(!passes(&over, Some(&Value::N("99.5".into()))));
        assert!(!passes(&over, None), "an item without the attribute fails every comparison");
        let between = filter(FilterOp::Between, None, &["10", "20"]);
        assert_eq!(expression(&between, Some(&number)), "#total BETWEEN :filter_low (10) AND :filter_high (20)");
        assert!(passes(&between, Some(&Value::N("20".into()))));
        assert!(!passes(&between, Some(&Value::N("9".into()))));
    }

    #[test]
    fn strings_are_json_literals_and_compare_by_bytes() {
        let text = Attribute::new("name", AttrType::String);
        let in_list = filter(FilterOp::In, None, &["open", "esc\"alated"]);
        assert_eq!(
            expression(&in_list, Some(&text)),
            "#total IN (:filter_1 (\"open\"), :filter_2 (\"esc\\\"alated\"))"
        );
        assert!(passes(&in_list, Some(&Value::S("esc\"alated".into()))));
        assert!(!passes(&in_list, Some(&Value::S("closed".into()))));
        let starts = filter(FilterOp::BeginsWith, Some("Sm"), &[]);
        assert!(passes(&starts, Some(&Value::S("Smith".into()))));
        assert!(!passes(&starts, Some(&Value::S("smith".into()))));
        let not = filter(FilterOp::NotEquals, Some("open"), &[]);
        assert!(passes(&not, Some(&Value::S("closed".into()))));
        assert!(passes(&not, None), "nothing is not equal to the value");
    }

    #[test]
    fn contains_looks_into_strings_sets_and_lists() {
        let has = filter(FilterOp::Contains, Some("7"), &[]);
        assert!(passes(&has, Some(&Value::Ns(vec!["7.0".into()]))));
        assert!(passes(&has, Some(&Value::S("a7b".into()))));
        assert!(passes(&has, Some(&Value::L(vec![Value::S("7".into())]))));
        assert!(!passes(&has, Some(&Value::Ss(vec!["8".into()]))));
    }
}
