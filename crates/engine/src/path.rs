//! A location inside a model file, written as `$.entities[1].attributes[0].type`.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct JsonPath(Vec<Segment>);

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    Key(String),
    Index(usize),
}

impl JsonPath {
    pub fn root() -> Self {
        JsonPath(Vec::new())
    }

    pub fn key(&self, key: &str) -> Self {
        self.with(Segment::Key(key.to_string()))
    }

    pub fn index(&self, index: usize) -> Self {
        self.with(Segment::Index(index))
    }

    /// Reads a JSON pointer (`/entities/1/name`); all-digit segments are indexes.
    /// Maps keyed by the user (tags, pinned keys, canvas positions) may have
    /// all-digit keys: when the document is at hand, use [`JsonPath::from_pointer_in`].
    pub fn from_pointer(pointer: &str) -> Self {
        let segments = pointer
            .split('/')
            .skip(1)
            .map(|raw| raw.replace("~1", "/").replace("~0", "~"))
            .map(|s| match s.parse::<usize>() {
                Ok(i) if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) => Segment::Index(i),
                _ => Segment::Key(s),
            })
            .collect();
        JsonPath(segments)
    }

    /// Reads a JSON pointer into `document`: a segment is an index where the value
    /// it steps into is an array, a key everywhere else (`{"tags": {"2024": 1}}`).
    pub fn from_pointer_in(pointer: &str, document: &serde_json::Value) -> Self {
        let mut path = JsonPath::root();
        let mut current = Some(document);
        for raw in pointer.split('/').skip(1) {
            let s = raw.replace("~1", "/").replace("~0", "~");
            let index = match current {
                Some(serde_json::Value::Array(_)) => s.parse::<usize>().ok(),
                Some(_) => None,
                None => s.parse::<usize>().ok().filter(|_| s.chars().all(|c| c.is_ascii_digit())),
            };
            match index {
                Some(i) => {
                    current = current.and_then(|v| v.get(i));
                    path = path.index(i);
                }
                None => {
                    current = current.and_then(|v| v.get(&s));
                    path = path.key(&s);
                }
            }
        }
        path
    }

    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    fn with(&self, segment: Segment) -> Self {
        let mut segments = self.0.clone();
        segments.push(segment);
        JsonPath(segments)
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        for segment in &self.0 {
            match segment {
                Segment::Key(k) if is_identifier(k) => write!(f, ".{k}")?,
                Segment::Key(k) => write!(f, "[{}]", serde_json::Value::String(k.clone()))?,
                Segment::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

impl serde::Serialize for JsonPath {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        && !s.starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_like_jsonpath() {
        let p = JsonPath::root().key("entities").index(2).key("my key");
        assert_eq!(p.to_string(), "$.entities[2][\"my key\"]");
    }

    #[test]
    fn reads_json_pointers() {
        let p = JsonPath::from_pointer("/entities/1/attributes/0/type");
        assert_eq!(p.to_string(), "$.entities[1].attributes[0].type");
        assert_eq!(JsonPath::from_pointer("").to_string(), "$");
    }

    #[test]
    fn reads_digit_keys_of_maps_as_keys() {
        let doc = serde_json::json!({"table": {"tags": {"2024": 1}}, "entities": [{}, {"a": 1}]});
        let p = JsonPath::from_pointer_in("/table/tags/2024", &doc);
        assert_eq!(p.to_string(), "$.table.tags[\"2024\"]");
        let p = JsonPath::from_pointer_in("/entities/1/a", &doc);
        assert_eq!(p.to_string(), "$.entities[1].a");
    }
}
