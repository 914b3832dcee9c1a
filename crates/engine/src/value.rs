//! An attribute value as DynamoDB stores it, and its DynamoDB JSON form
//! (`{"S": "..."}`, `{"N": "12.5"}`, ...), the form exports, BatchWriteItem and the
//! AWS SDKs speak.

use std::cmp::Ordering;

use indexmap::IndexMap;
use serde_json::{json, Map, Value as Json};

use crate::model::AttrType;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    S(String),
    /// A number in DynamoDB's text form.
    N(String),
    Bool(bool),
    B(Vec<u8>),
    Ss(Vec<String>),
    Ns(Vec<String>),
    L(Vec<Value>),
    M(IndexMap<String, Value>),
}

impl Value {
    pub fn int(n: i64) -> Value {
        Value::N(n.to_string())
    }

    /// A value the model writes as text (a filter's, a condition's or an
    /// update's), in the type of the attribute it is compared with or written to:
    /// a number, a boolean, else a string.
    pub fn of_text(kind: AttrType, text: &str) -> Value {
        match kind {
            AttrType::Number => Value::number(text),
            AttrType::Boolean => Value::Bool(text == "true"),
            _ => Value::S(text.to_string()),
        }
    }

    /// A number written as DynamoDB gives it back (`canonical_number`): a key
    /// holding `12.50` is read back as `12.5`, so a key written so would name no
    /// item the reader can match.
    pub fn number(text: &str) -> Value {
        Value::N(canonical_number(text))
    }

    /// The text a key template writes for this value: strings and numbers only.
    pub fn as_key_text(&self) -> Option<&str> {
        match self {
            Value::S(s) | Value::N(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::N(n) => n.parse().ok(),
            _ => None,
        }
    }

    /// DynamoDB's order: numbers by value, strings by their UTF-8 bytes (Rust's string
    /// order), binaries by bytes. Values of different types do not compare.
    pub fn compare(&self, other: &Value) -> Option<Ordering> {
        match (self, other) {
            (Value::S(a), Value::S(b)) => Some(a.cmp(b)),
            (Value::N(_), Value::N(_)) => self.as_f64()?.partial_cmp(&other.as_f64()?),
            (Value::B(a), Value::B(b)) => Some(a.cmp(b)),
            _ => None,
        }
    }

    /// `{"S": "..."}` and so on.
    pub fn to_dynamodb_json(&self) -> Json {
        match self {
            Value::S(s) => json!({ "S": s }),
            Value::N(n) => json!({ "N": n }),
            Value::Bool(b) => json!({ "BOOL": b }),
            Value::B(b) => json!({ "B": base64(b) }),
            Value::Ss(v) => json!({ "SS": v }),
            Value::Ns(v) => json!({ "NS": v }),
            Value::L(v) => json!({ "L": v.iter().map(Value::to_dynamodb_json).collect::<Vec<_>>() }),
            Value::M(m) => {
                let map: Map<String, Json> = m.iter().map(|(k, v)| (k.clone(), v.to_dynamodb_json())).collect();
                json!({ "M": map })
            }
        }
    }

    /// Plain JSON (numbers as JSON numbers where they fit), for CSV cells of sets,
    /// lists and maps.
    pub fn to_plain_json(&self) -> Json {
        match self {
            Value::S(s) => json!(s),
            Value::N(n) => n.parse::<serde_json::Number>().map(Json::Number).unwrap_or_else(|_| json!(n)),
            Value::Bool(b) => json!(b),
            Value::B(b) => json!(base64(b)),
            Value::Ss(v) => json!(v),
            Value::Ns(v) => Json::Array(v.iter().map(|n| Value::N(n.clone()).to_plain_json()).collect()),
            Value::L(v) => Json::Array(v.iter().map(Value::to_plain_json).collect()),
            Value::M(m) => Json::Object(m.iter().map(|(k, v)| (k.clone(), v.to_plain_json())).collect()),
        }
    }

    /// The value a CSV cell shows: scalars as text, the rest as plain JSON.
    pub fn to_cell(&self) -> String {
        match self {
            Value::S(s) | Value::N(s) => s.clone(),
            Value::Bool(b) => b.to_string(),
            Value::B(b) => base64(b),
            other => other.to_plain_json().to_string(),
        }
    }

    /// Reads DynamoDB JSON back; `None` when it is not.
    pub fn from_dynamodb_json(json: &Json) -> Option<Value> {
        let object = json.as_object()?;
        let (tag, inner) = object.iter().next().filter(|_| object.len() == 1)?;
        let strings = |v: &Json| -> Option<Vec<String>> {
            v.as_array()?.iter().map(|s| s.as_str().map(str::to_string)).collect()
        };
        Some(match tag.as_str() {
            "S" => Value::S(inner.as_str()?.to_string()),
            "N" => Value::N(inner.as_str()?.to_string()),
            "BOOL" => Value::Bool(inner.as_bool()?),
            "B" => Value::B(unbase64(inner.as_str()?)?),
            "SS" => Value::Ss(strings(inner)?),
            "NS" => Value::Ns(strings(inner)?),
            "L" => Value::L(inner.as_array()?.iter().map(Value::from_dynamodb_json).collect::<Option<_>>()?),
            "M" => Value::M(
                inner
                    .as_object()?
                    .iter()
                    .map(|(k, v)| Some((k.clone(), Value::from_dynamodb_json(v)?)))
                    .collect::<Option<_>>()?,
            ),
            _ => return None,
        })
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding, as DynamoDB JSON writes binaries.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn unbase64(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u32> = text
        .bytes()
        .filter(|&b| b != b'=')
        .map(|b| ALPHABET.iter().position(|&a| a == b).map(|p| p as u32))
        .collect::<Option<_>>()?;
    let mut out = Vec::new();
    for chunk in digits.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &d)| n | d << (18 - 6 * i));
        for i in 0..chunk.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * i) & 0xFF) as u8);
        }
    }
    Some(out)
}

/// The longest exponent rewritten in full: DynamoDB's numbers stay within 10^±130,
/// and text beyond that is not a number it takes (it is kept as it is).
const MAX_EXPONENT: i64 = 200;

/// `text` in the form DynamoDB returns a number in: no exponent, no sign on
/// zero, no zero before the digits or after the point (`+012.50` → `12.5`,
/// `1.5E-3` → `0.0015`, `-0.0` → `0`). Text that is not a number is kept as it is.
pub fn canonical_number(text: &str) -> String {
    let Some((negative, digits, point)) = decimal_digits(text) else { return text.to_string() };
    let digits = digits.trim_end_matches('0');
    let leading = digits.len() - digits.trim_start_matches('0').len();
    let (digits, point) = (&digits[leading..], point - leading as i64);
    if digits.is_empty() {
        return "0".to_string();
    }
    let sign = if negative { "-" } else { "" };
    let len = digits.len() as i64;
    match point {
        p if p <= 0 => format!("{sign}0.{}{digits}", "0".repeat(p.unsigned_abs() as usize)),
        p if p >= len => format!("{sign}{digits}{}", "0".repeat((p - len) as usize)),
        p => format!("{sign}{}.{}", &digits[..p as usize], &digits[p as usize..]),
    }
}

/// A number's sign, its digits without the point, and how many of them come
/// before the point (after the exponent is applied).
fn decimal_digits(text: &str) -> Option<(bool, String, i64)> {
    let (negative, rest) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(at) => (&rest[..at], rest[at + 1..].parse::<i64>().ok().filter(|e| e.abs() <= MAX_EXPONENT)?),
        None => (rest, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    Some((negative, format!("{whole}{fraction}"), whole.len() as i64 + exponent))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
        for n in 0..20u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37)).collect();
            assert_eq!(unbase64(&base64(&bytes)).unwrap(), bytes);
        }
    }

    #[test]
    fn dynamodb_json_round_trips() {
        let mut map = IndexMap::new();
        map.insert("city".to_string(), Value::S("Lyon".into()));
        let values = [
            Value::S("a".into()),
            Value::N("-1.5".into()),
            Value::Bool(true),
            Value::B(vec![1, 2, 3]),
            Value::Ss(vec!["x".into()]),
            Value::Ns(vec!["1".into()]),
            Value::L(vec![Value::int(1)]),
            Value::M(map),
        ];
        for v in values {
            assert_eq!(Value::from_dynamodb_json(&v.to_dynamodb_json()), Some(v));
        }
    }

    /// The forms DynamoDB Local returned for these numbers put as keys.
    #[test]
    fn numbers_take_the_form_dynamodb_returns() {
        let cases = [
            ("12.50", "12.5"),
            ("1.0", "1"),
            ("0.0", "0"),
            ("-0", "0"),
            ("0.000", "0"),
            ("1e2", "100"),
            ("00012", "12"),
            ("-12.500", "-12.5"),
            ("1.5E-3", "0.0015"),
            ("+7", "7"),
            ("120", "120"),
            (".5", "0.5"),
        ];
        for (text, returned) in cases {
            assert_eq!(canonical_number(text), returned, "{text}");
        }
        for not_a_number in ["", "-", "abc", "1.2.3", "1e", "1e999999", "١٢"] {
            assert_eq!(canonical_number(not_a_number), not_a_number);
        }
    }

    #[test]
    fn numbers_compare_by_value_and_strings_by_bytes() {
        assert_eq!(Value::N("9".into()).compare(&Value::N("10".into())), Some(Ordering::Less));
        assert_eq!(Value::S("9".into()).compare(&Value::S("10".into())), Some(Ordering::Greater));
        assert_eq!(Value::S("a".into()).compare(&Value::N("1".into())), None);
    }
}
