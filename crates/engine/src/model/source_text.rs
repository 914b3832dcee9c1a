//! Another tool's document, kept as its JSON text. It is read only when the model
//! is exported back to that tool, so a large source (a NoSQL Workbench table with
//! thousands of items) costs its size in memory, not the twenty-odd times a parsed
//! tree of it would, and it is written back exactly as it came. Shared, not
//! copied, when the model is: the app keeps a model per undo step.

use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::Value;

#[derive(Debug, Clone)]
pub struct SourceText(Arc<RawValue>);

impl SourceText {
    /// The text of `value`.
    pub fn of(value: &Value) -> Self {
        SourceText::from_raw(serde_json::value::to_raw_value(value).expect("a JSON value is always JSON text"))
    }

    /// Text already read as JSON.
    pub fn from_raw(raw: Box<RawValue>) -> Self {
        SourceText(Arc::from(raw))
    }

    pub fn text(&self) -> &str {
        self.0.get()
    }

    /// The document as a tree.
    pub fn value(&self) -> Value {
        serde_json::from_str(self.0.get()).expect("the text was JSON when kept")
    }
}

impl Serialize for SourceText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for SourceText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(SourceText::from_raw)
    }
}

impl PartialEq for SourceText {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_is_kept_as_it_came_and_written_back_so() {
        let text = r#"{"b": 1,  "a": [ 2 ]}"#;
        let source: SourceText = serde_json::from_str(text).unwrap();
        assert_eq!(source.text(), text);
        assert_eq!(serde_json::to_string(&source).unwrap(), text);
        assert_eq!(source.value()["a"][0], 2);
        assert_eq!(SourceText::of(&source.value()).text(), r#"{"b":1,"a":[2]}"#);
    }
}
