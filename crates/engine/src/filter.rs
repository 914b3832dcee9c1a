//! A read's filter as every consumer reads it: the FilterExpression a plan writes
//! (its values written in, typed as the attribute they test), and whether an item
//! passes it, which is the oracle's answer that the proof compares with DynamoDB's.
//! Both follow DynamoDB: an item without the attribute passes `absent` and
//! `not_equals` (nothing is not equal to the value: DynamoDB Local says so, and
//! the live filter test holds the oracle to it) and fails every other test;
//! numbers compare by value and strings by their bytes.

use std::cmp::Ordering;

use crate::expression;
use crate::model::{AttrType, Attribute, Filter, FilterOp, FilterTest};
use crate::value::Value;

/// The FilterExpression for `f`, with `#attribute` and its values written in as
/// literals of the attribute's type (`#total > :filter (100)`), and a value given
/// by the request as its parameter (`#total > :minTotal`). `attribute` finds the
/// definition of a tested attribute. Tests after the first number their
/// placeholders (`:filter2`), so that every value has its own. A `not` is pushed
/// down to the tests (De Morgan) and written as the opposite test where one
/// means exactly the same, an absent attribute included (`=` and `<>`, `exists`
/// and `not_exists`, IN and a run of `<>`): NOT stays only before a test that has
/// none (DynamoDB Local fails a PartiQL SELECT with NOT and ORDER BY).
pub fn expression<'a>(f: &Filter, attribute: &dyn Fn(&str) -> Option<&'a Attribute>) -> String {
    let mut count = 0;
    f.written(&mut |t, negate| {
        count += 1;
        let prefix = if count == 1 { "filter".to_string() } else { format!("filter{count}") };
        test_text(t, negate, attribute(&t.attribute).map(|a| a.attr_type), &prefix)
    })
    .0
}

fn test_text(t: &FilterTest, negate: bool, kind: Option<AttrType>, prefix: &str) -> (String, bool) {
    let name = format!("#{}", t.attribute);
    let one = || match &t.input {
        Some(input) => format!(":{input}"),
        None => format!(":{prefix} ({})", expression::typed_literal(kind, t.value.as_deref().unwrap_or_default())),
    };
    let compare = |op: &str| format!("{name} {op} {}", one());
    let listed = || -> Vec<String> {
        t.values
            .iter()
            .enumerate()
            .map(|(i, v)| format!(":{prefix}_{} ({})", i + 1, expression::typed_literal(kind, v)))
            .collect()
    };
    if negate {
        match t.op {
            FilterOp::Equals => return (compare("<>"), false),
            FilterOp::NotEquals => return (compare("="), false),
            FilterOp::Present => return (format!("attribute_not_exists({name})"), false),
            FilterOp::Absent => return (format!("attribute_exists({name})"), false),
            FilterOp::In => {
                let each: Vec<String> = listed().into_iter().map(|v| format!("{name} <> {v}")).collect();
                return (each.join(" AND "), each.len() > 1);
            }
            _ => return (format!("NOT ({})", test_text(t, false, kind, prefix).0), false),
        }
    }
    let text = match t.op {
        FilterOp::Equals => compare("="),
        FilterOp::NotEquals => compare("<>"),
        FilterOp::LessThan => compare("<"),
        FilterOp::LessOrEqual => compare("<="),
        FilterOp::GreaterThan => compare(">"),
        FilterOp::GreaterOrEqual => compare(">="),
        FilterOp::Between => {
            let bound =
                |i: usize| expression::typed_literal(kind, t.values.get(i).map(String::as_str).unwrap_or_default());
            format!("{name} BETWEEN :{prefix}_low ({}) AND :{prefix}_high ({})", bound(0), bound(1))
        }
        FilterOp::BeginsWith => format!("begins_with({name}, {})", one()),
        FilterOp::Contains => format!("contains({name}, {})", one()),
        FilterOp::In => format!("{name} IN ({})", listed().join(", ")),
        FilterOp::Present => format!("attribute_exists({name})"),
        FilterOp::Absent => format!("attribute_not_exists({name})"),
    };
    // BETWEEN's AND binds tighter than the joining AND and OR: no parentheses needed.
    (text, false)
}

/// Whether an item passes: `value` gives the item's value of an attribute (None:
/// the item lacks it), `param` a request parameter a test compares with.
pub fn passes<'v>(
    f: &Filter,
    value: &dyn Fn(&str) -> Option<&'v Value>,
    param: &dyn Fn(&str) -> Option<&'v Value>,
) -> bool {
    f.holds(&mut |t| test_passes(t, value(&t.attribute), param))
}

/// Whether an item whose attribute holds `value` (None: the item lacks it) passes one test.
pub fn test_passes<'v>(t: &FilterTest, value: Option<&Value>, param: &dyn Fn(&str) -> Option<&'v Value>) -> bool {
    match t.op {
        FilterOp::Present => present(value),
        FilterOp::Absent => !present(value),
        FilterOp::NotEquals if value.is_none() => true,
        _ => value.is_some_and(|v| holds(t, v, param)),
    }
}

fn holds<'v>(t: &FilterTest, v: &Value, param: &dyn Fn(&str) -> Option<&'v Value>) -> bool {
    // A parameter the request does not give compares with nothing: DynamoDB
    // would reject the request, and no item passes.
    let given = |text: &str| match &t.input {
        Some(input) => param(input).cloned(),
        None => Some(comparand(text, v)),
    };
    let one = given(t.value.as_deref().unwrap_or_default());
    let order = |c: Option<Value>| c.and_then(|c| v.compare(&c));
    match t.op {
        FilterOp::Equals => one.is_some_and(|c| equal(v, &c)),
        FilterOp::NotEquals => one.is_some_and(|c| !equal(v, &c)),
        FilterOp::LessThan => order(one) == Some(Ordering::Less),
        FilterOp::LessOrEqual => matches!(order(one), Some(Ordering::Less | Ordering::Equal)),
        FilterOp::GreaterThan => order(one) == Some(Ordering::Greater),
        FilterOp::GreaterOrEqual => matches!(order(one), Some(Ordering::Greater | Ordering::Equal)),
        FilterOp::Between => match t.values.as_slice() {
            [low, high] => {
                matches!(order(Some(comparand(low, v))), Some(Ordering::Greater | Ordering::Equal))
                    && matches!(order(Some(comparand(high, v))), Some(Ordering::Less | Ordering::Equal))
            }
            _ => false,
        },
        FilterOp::BeginsWith => matches!((v, one), (Value::S(s), Some(Value::S(prefix))) if s.starts_with(&prefix)),
        FilterOp::Contains => one.is_some_and(|c| contains(v, &c)),
        FilterOp::In => t.values.iter().any(|text| equal(v, &comparand(text, v))),
        FilterOp::Present | FilterOp::Absent => unreachable!("presence is decided before the value is read"),
    }
}

/// `contains`: a substring of a string, an element of a set or a list.
fn contains(v: &Value, c: &Value) -> bool {
    match (v, c) {
        (Value::S(s), Value::S(part)) => s.contains(part.as_str()),
        (Value::Ss(items), Value::S(one)) => items.iter().any(|i| i == one),
        (Value::Ns(items), Value::N(_)) => items.iter().any(|i| equal(&Value::N(i.clone()), c)),
        (Value::Ns(items), Value::S(text)) => {
            items.iter().any(|i| equal(&Value::N(i.clone()), &Value::N(text.clone())))
        }
        (Value::L(items), _) => items.iter().any(|i| equal(i, &comparand_like(c, i))),
        _ => false,
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

fn equal(v: &Value, c: &Value) -> bool {
    match (v, c) {
        (Value::Bool(a), Value::Bool(b)) => a == b,
        _ => v.compare(c) == Some(Ordering::Equal),
    }
}

/// The filter's text as a value of the same type as `like`.
fn comparand(text: &str, like: &Value) -> Value {
    match like {
        Value::N(_) => Value::N(text.to_string()),
        Value::Bool(_) if text == "true" || text == "false" => Value::Bool(text == "true"),
        _ => Value::S(text.to_string()),
    }
}

/// A model's text value (a string) read as the type of a list element it is compared with.
fn comparand_like(c: &Value, like: &Value) -> Value {
    match c {
        Value::S(text) => comparand(text, like),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(op: FilterOp, value: Option<&str>, values: &[&str]) -> Filter {
        Filter::Test(FilterTest {
            value: value.map(str::to_string),
            values: values.iter().map(|v| v.to_string()).collect(),
            ..FilterTest::on("total", op)
        })
    }

    fn passes(f: &Filter, v: Option<&Value>) -> bool {
        super::passes(f, &|_| v, &|_| None)
    }

    fn expression(f: &Filter, a: Option<&Attribute>) -> String {
        super::expression(f, &|_| a)
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

    fn parsed(json: serde_json::Value) -> Filter {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn joined_tests_number_their_values_and_not_is_pushed_down() {
        let f = parsed(serde_json::json!({ "all": [
            { "attribute": "channel", "op": "equals", "input": "salesChannel" },
            { "any": [
                { "attribute": "status", "op": "in", "values": ["cancelled", "returned"] },
                { "attribute": "hold", "op": "present" },
            ]},
            { "not": { "attribute": "status", "op": "equals", "value": "pending" } },
        ]}));
        assert_eq!(
            super::expression(&f, &|_| None),
            "#channel = :salesChannel AND (#status IN (:filter2_1 (\"cancelled\"), :filter2_2 (\"returned\")) \
             OR attribute_exists(#hold)) AND #status <> :filter4 (\"pending\")"
        );
        let negated = parsed(serde_json::json!({ "not": { "any": [
            { "attribute": "status", "op": "in", "values": ["a", "b"] },
            { "attribute": "name", "op": "begins_with", "value": "Sm" },
            { "not": { "attribute": "hold", "op": "absent" } },
        ]}}));
        assert_eq!(
            super::expression(&negated, &|_| None),
            "(#status <> :filter_1 (\"a\") AND #status <> :filter_2 (\"b\")) AND NOT (begins_with(#name, \
             :filter2 (\"Sm\"))) AND attribute_not_exists(#hold)"
        );
    }

    #[test]
    fn a_test_of_a_request_value_compares_with_the_parameter() {
        let over = parsed(serde_json::json!({ "attribute": "total", "op": "greater_than", "input": "minTotal" }));
        let number = Attribute::new("total", AttrType::Number);
        assert_eq!(expression(&over, Some(&number)), "#total > :minTotal");
        let hundred = Value::N("100".into());
        let item = Value::N("150".into());
        assert!(super::passes(&over, &|_| Some(&item), &|name| (name == "minTotal").then_some(&hundred)));
        assert!(!super::passes(&over, &|_| Some(&hundred), &|_| Some(&hundred)));
        assert!(!super::passes(&over, &|_| Some(&item), &|_| None), "no parameter, no item passes");
    }

    #[test]
    fn not_holds_on_an_item_without_the_attribute_as_dynamodb_says() {
        let not_equal = parsed(serde_json::json!({ "not": { "attribute": "total", "op": "equals", "value": "1" } }));
        assert!(super::passes(&not_equal, &|_| None, &|_| None));
        let not_in = parsed(serde_json::json!({ "not": { "attribute": "total", "op": "in", "values": ["1", "2"] } }));
        assert!(super::passes(&not_in, &|_| None, &|_| None));
    }
}
