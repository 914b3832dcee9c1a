//! JSON parsed into a tree, except at given places, whose text is set aside
//! unparsed. A tree costs some twenty times the text it is read from (a map per
//! object, a node per value); a large part that is kept verbatim (an imported
//! model's source) or read into a form of its own (a NoSQL Workbench table's
//! items) then costs its size, not the tree's.

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::path::JsonPath;

/// A step of a place: a field of an object, or every element of an array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Key(&'static str),
    Each,
}

/// A document with some of its parts set aside.
pub(crate) struct Parsed<'t> {
    /// The document, with null where a part was set aside.
    pub value: Value,
    /// The parts set aside, each with its place, in the order of the text: slices
    /// of the text, not copies.
    pub aside: Vec<(JsonPath, &'t RawValue)>,
}

/// Parses `text`, setting aside the value at each of `places`.
pub(crate) fn parse<'t>(text: &'t str, places: &[&[Step]]) -> serde_json::Result<Parsed<'t>> {
    let mut aside = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let places: Vec<&[Step]> = places.to_vec();
    let value = Node { path: JsonPath::root(), places, aside: &mut aside }.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(Parsed { value, aside })
}

/// A value on the way to some place: `places` are the rest of the places below it.
struct Node<'p, 'a, 't> {
    path: JsonPath,
    places: Vec<&'p [Step]>,
    aside: &'a mut Vec<(JsonPath, &'t RawValue)>,
}

/// What to do with a child reached by `step`.
enum Child<'p> {
    /// It is a place: keep its text.
    SetAside,
    /// Some place lies below it.
    Descend(Vec<&'p [Step]>),
    /// No place is in it.
    Parse,
}

impl<'p> Node<'p, '_, '_> {
    /// `key` is the child's name, or None for an element of an array.
    fn child(&self, key: Option<&str>) -> Child<'p> {
        let takes = |step: &Step| match (step, key) {
            (Step::Key(name), Some(key)) => *name == key,
            (Step::Each, None) => true,
            _ => false,
        };
        let below: Vec<&'p [Step]> = self
            .places
            .iter()
            .filter_map(|place| place.split_first().filter(|(first, _)| takes(first)).map(|(_, rest)| rest))
            .collect();
        if below.iter().any(|rest| rest.is_empty()) {
            Child::SetAside
        } else if below.is_empty() {
            Child::Parse
        } else {
            Child::Descend(below)
        }
    }
}

impl<'de> DeserializeSeed<'de> for Node<'_, '_, 'de> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_, '_, 'de> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = match self.child(Some(&key)) {
                Child::SetAside => {
                    self.aside.push((self.path.key(&key), map.next_value::<&'de RawValue>()?));
                    Value::Null
                }
                Child::Descend(places) => {
                    map.next_value_seed(Node { path: self.path.key(&key), places, aside: self.aside })?
                }
                Child::Parse => map.next_value::<Value>()?,
            };
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut array = Vec::new();
        loop {
            let element = match self.child(None) {
                Child::SetAside => match seq.next_element::<&'de RawValue>()? {
                    Some(raw) => {
                        self.aside.push((self.path.index(array.len()), raw));
                        Some(Value::Null)
                    }
                    None => None,
                },
                Child::Descend(places) => {
                    seq.next_element_seed(Node { path: self.path.index(array.len()), places, aside: self.aside })?
                }
                Child::Parse => seq.next_element::<Value>()?,
            };
            match element {
                Some(value) => array.push(value),
                None => return Ok(Value::Array(array)),
            }
        }
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(v).map(Value::Number).ok_or_else(|| E::custom("a number JSON cannot hold"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ITEMS: &[Step] = &[Step::Key("tables"), Step::Each, Step::Key("items")];

    #[test]
    fn the_places_are_set_aside_as_their_text_and_the_rest_is_a_tree() {
        let text = r#"{"name": "x", "tables": [{"items": [1, {"a": 2}], "n": 1}, {"n": 2}, {"items": null}]}"#;
        let parsed = parse(text, &[ITEMS]).unwrap();
        assert_eq!(parsed.value, json!({"name": "x", "tables": [{"items": null, "n": 1}, {"n": 2}, {"items": null}]}));
        let aside: Vec<(String, &str)> = parsed.aside.iter().map(|(p, raw)| (p.to_string(), raw.get())).collect();
        assert_eq!(
            aside,
            [("$.tables[0].items".to_string(), r#"[1, {"a": 2}]"#), ("$.tables[2].items".into(), "null")]
        );
    }

    #[test]
    fn a_document_of_another_shape_is_read_whole() {
        let parsed = parse(r#"{"tables": {"items": [1]}, "x": [1.5, -2, true, "s"]}"#, &[ITEMS]).unwrap();
        assert_eq!(parsed.value, json!({"tables": {"items": [1]}, "x": [1.5, -2, true, "s"]}));
        assert!(parsed.aside.is_empty());
        assert!(parse(r#"{"tables": [] } x"#, &[ITEMS]).is_err());
    }
}
