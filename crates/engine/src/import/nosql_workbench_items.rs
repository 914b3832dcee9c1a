//! The sample items of a NoSQL Workbench table, read into the little the import
//! needs of each: its attributes' names, each value's type descriptor (`S`, `N`,
//! `M`, ...) and, for a value written as a string, its text. Names and
//! descriptors are shared by every item that has them, and lists and maps are
//! skipped, so a table of many items costs about twice its text in memory where
//! a JSON tree of it would cost twenty times (the file itself is kept as text).

use std::collections::HashSet;
use std::rc::Rc;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// A `TableData` field as the file has it.
pub(crate) enum TableData {
    /// `null`: no items.
    Absent,
    Items(Vec<Entry>),
    /// Not an array: what it is instead ("an object").
    Not(&'static str),
}

/// An element of `TableData`.
pub(crate) enum Entry {
    Item(Item),
    /// Not an object: what it is instead.
    Not(&'static str),
}

pub(crate) struct Item {
    attributes: Box<[(Rc<str>, Attr)]>,
}

/// An attribute's value in DynamoDB JSON.
pub(crate) enum Attr {
    /// An object of one field, the type descriptor (`{"S": "CUST#1"}`), with the
    /// value's text when it is a string.
    Typed { tag: Rc<str>, text: Option<Box<str>> },
    /// Anything else.
    Untyped,
}

impl Item {
    pub fn attributes(&self) -> impl Iterator<Item = (&str, &Attr)> {
        self.attributes.iter().map(|(name, attr)| (&**name, attr))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.attributes.iter().map(|(name, _)| &**name)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The type descriptor of the attribute's value.
    pub fn tag(&self, name: &str) -> Option<&str> {
        match self.get(name)? {
            Attr::Typed { tag, .. } => Some(tag),
            Attr::Untyped => None,
        }
    }

    /// The text of a value written as a string: the string of S, the digits of N,
    /// the base64 of B.
    pub fn text(&self, name: &str) -> Option<&str> {
        match self.get(name)? {
            Attr::Typed { text, .. } => text.as_deref(),
            Attr::Untyped => None,
        }
    }

    /// The text of a string (S) value.
    pub fn string(&self, name: &str) -> Option<&str> {
        self.tag(name).filter(|tag| *tag == "S").and(self.text(name))
    }

    /// Replaces the text of a string (S) value.
    pub fn set_string(&mut self, name: &str, value: String) {
        if let Some((_, Attr::Typed { tag, text })) = self.attributes.iter_mut().find(|(n, _)| &**n == name) {
            if &**tag == "S" {
                *text = Some(value.into_boxed_str());
            }
        }
    }

    fn get(&self, name: &str) -> Option<&Attr> {
        self.attributes.iter().find(|(n, _)| &**n == name).map(|(_, attr)| attr)
    }
}

/// The names and descriptors read so far, each held once.
#[derive(Default)]
pub(crate) struct Names(HashSet<Rc<str>>);

impl Names {
    fn intern(&mut self, name: &str) -> Rc<str> {
        if let Some(held) = self.0.get(name) {
            return held.clone();
        }
        let held: Rc<str> = Rc::from(name);
        self.0.insert(held.clone());
        held
    }
}

/// Reads a `TableData` field's text.
pub(crate) fn read(raw: &RawValue, names: &mut Names) -> serde_json::Result<TableData> {
    let mut deserializer = serde_json::Deserializer::from_str(raw.get());
    ByShape(ListShape { names }).deserialize(&mut deserializer)
}

/// What a value becomes, by its shape; a shape not expected says what it was
/// (in the words `json_kind::kind_of` uses) and is skipped unread.
trait Shape<'de>: Sized {
    type Out;

    fn other(self, kind: &'static str) -> Self::Out;

    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Out, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(self.other("an object"))
    }

    fn seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Out, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(self.other("an array"))
    }

    fn string(self, _: &str) -> Self::Out {
        self.other("a string")
    }

    fn null(self) -> Self::Out {
        self.other("null")
    }
}

struct ByShape<S>(S);

impl<'de, S: Shape<'de>> DeserializeSeed<'de> for ByShape<S> {
    type Value = S::Out;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Out, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, S: Shape<'de>> Visitor<'de> for ByShape<S> {
    type Value = S::Out;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<S::Out, A::Error> {
        self.0.map(map)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<S::Out, A::Error> {
        self.0.seq(seq)
    }

    fn visit_str<E>(self, v: &str) -> Result<S::Out, E> {
        Ok(self.0.string(v))
    }

    fn visit_unit<E>(self) -> Result<S::Out, E> {
        Ok(self.0.null())
    }

    fn visit_bool<E>(self, _: bool) -> Result<S::Out, E> {
        Ok(self.0.other("a boolean"))
    }

    fn visit_i64<E>(self, _: i64) -> Result<S::Out, E> {
        Ok(self.0.other("a number"))
    }

    fn visit_u64<E>(self, _: u64) -> Result<S::Out, E> {
        Ok(self.0.other("a number"))
    }

    fn visit_f64<E>(self, _: f64) -> Result<S::Out, E> {
        Ok(self.0.other("a number"))
    }
}

/// `TableData`: an array of items.
struct ListShape<'n> {
    names: &'n mut Names,
}

impl<'de> Shape<'de> for ListShape<'_> {
    type Out = TableData;

    fn other(self, kind: &'static str) -> TableData {
        TableData::Not(kind)
    }

    fn null(self) -> TableData {
        TableData::Absent
    }

    fn seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TableData, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = seq.next_element_seed(ByShape(ItemShape { names: self.names }))? {
            entries.push(entry);
        }
        Ok(TableData::Items(entries))
    }
}

/// An item: an object of attributes.
struct ItemShape<'n> {
    names: &'n mut Names,
}

impl<'de> Shape<'de> for ItemShape<'_> {
    type Out = Entry;

    fn other(self, kind: &'static str) -> Entry {
        Entry::Not(kind)
    }

    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entry, A::Error> {
        let mut attributes: Vec<(Rc<str>, Attr)> = Vec::new();
        while let Some(name) = map.next_key_seed(ByShape(NameShape { names: self.names }))? {
            let attr = map.next_value_seed(ByShape(AttrShape { names: self.names }))?;
            let Some(name) = name else { continue };
            // As in a JSON object: a name given twice keeps its place and takes
            // the later value.
            match attributes.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = attr,
                None => attributes.push((name, attr)),
            }
        }
        // Boxed: a vector's spare capacity would be a third of a table's items.
        Ok(Entry::Item(Item { attributes: attributes.into_boxed_slice() }))
    }
}

/// An attribute's value: `{"S": "text"}`.
struct AttrShape<'n> {
    names: &'n mut Names,
}

impl<'de> Shape<'de> for AttrShape<'_> {
    type Out = Attr;

    fn other(self, _: &'static str) -> Attr {
        Attr::Untyped
    }

    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<Attr, A::Error> {
        let Some(Some(tag)) = map.next_key_seed(ByShape(NameShape { names: self.names }))? else {
            return Ok(Attr::Untyped);
        };
        let text = map.next_value_seed(ByShape(TextShape))?;
        if map.next_key::<IgnoredAny>()?.is_some() {
            map.next_value::<IgnoredAny>()?;
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(Attr::Untyped);
        }
        Ok(Attr::Typed { tag, text })
    }
}

/// A name (an attribute's, a type descriptor), held once.
struct NameShape<'n> {
    names: &'n mut Names,
}

impl Shape<'_> for NameShape<'_> {
    type Out = Option<Rc<str>>;

    fn other(self, _: &'static str) -> Option<Rc<str>> {
        None
    }

    fn string(self, v: &str) -> Option<Rc<str>> {
        Some(self.names.intern(v))
    }
}

/// A value's text, when it is a string.
struct TextShape;

impl Shape<'_> for TextShape {
    type Out = Option<Box<str>>;

    fn other(self, _: &'static str) -> Option<Box<str>> {
        None
    }

    fn string(self, v: &str) -> Option<Box<str>> {
        Some(v.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str) -> TableData {
        let raw: &RawValue = serde_json::from_str(text).unwrap();
        read(raw, &mut Names::default()).unwrap()
    }

    #[test]
    fn an_item_keeps_its_names_descriptors_and_string_texts() {
        let TableData::Items(entries) = items(
            r#"[{"PK": {"S": "CUST#1"}, "n": {"N": "12"}, "m": {"M": {"a": {"S": "x"}}}, "odd": {"S": "a", "N": "1"},
                 "bare": "x", "PK": {"S": "CUST#2"}}, 7]"#,
        ) else {
            panic!("an array of items")
        };
        let Entry::Item(item) = &entries[0] else { panic!("an object") };
        assert_eq!(item.keys().collect::<Vec<_>>(), ["PK", "n", "m", "odd", "bare"]);
        assert_eq!((item.tag("PK"), item.string("PK")), (Some("S"), Some("CUST#2")));
        assert_eq!((item.tag("n"), item.text("n"), item.string("n")), (Some("N"), Some("12"), None));
        assert_eq!((item.tag("m"), item.text("m")), (Some("M"), None));
        assert!(matches!(item.attributes().nth(3), Some((_, Attr::Untyped))));
        assert_eq!(item.tag("bare"), None);
        assert!(matches!(entries[1], Entry::Not("a number")));
    }

    #[test]
    fn table_data_that_is_not_a_list_says_what_it_is() {
        assert!(matches!(items("null"), TableData::Absent));
        assert!(matches!(items(r#"{"a": [1]}"#), TableData::Not("an object")));
        assert!(matches!(items(r#""x""#), TableData::Not("a string")));
    }
}
