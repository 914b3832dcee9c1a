//! Reading a source document field by field, each value with its path, so every
//! complaint names the place in the file.

use serde_json::{Map, Value};

use super::ImportError;
use crate::json_kind::kind_of;
use crate::path::JsonPath;

/// A value of the source and where it is.
#[derive(Clone)]
pub(crate) struct At<'a> {
    pub value: &'a Value,
    pub path: JsonPath,
}

/// A value at `path` is `found` where `expected` belongs.
pub(crate) fn wrong(path: &JsonPath, expected: &str, found: &str) -> ImportError {
    ImportError::schema(path, format!("expected {expected} here, found {found}"), format!("write {expected}"))
}

impl<'a> At<'a> {
    pub fn wrong(&self, expected: &str) -> ImportError {
        wrong(&self.path, expected, kind_of(self.value))
    }

    pub fn new(value: &'a Value) -> Self {
        At { value, path: JsonPath::root() }
    }

    pub fn object(&self) -> Result<&'a Map<String, Value>, ImportError> {
        self.value.as_object().ok_or_else(|| self.wrong("an object"))
    }

    pub fn str(&self) -> Result<&'a str, ImportError> {
        self.value.as_str().ok_or_else(|| self.wrong("a string"))
    }

    pub fn array(&self) -> Result<Vec<At<'a>>, ImportError> {
        let items = self.value.as_array().ok_or_else(|| self.wrong("an array"))?;
        Ok(items.iter().enumerate().map(|(i, value)| At { value, path: self.path.index(i) }).collect())
    }

    /// A field that must be there.
    pub fn field(&self, key: &str) -> Result<At<'a>, ImportError> {
        let object = self.object()?;
        match object.get(key) {
            Some(value) => Ok(At { value, path: self.path.key(key) }),
            None => Err(ImportError::schema(
                &self.path.key(key),
                format!("the required field \"{key}\" is missing"),
                format!("add \"{key}\" to the object at {}", self.path),
            )),
        }
    }

    /// A field that may be absent (or null).
    pub fn optional(&self, key: &str) -> Result<Option<At<'a>>, ImportError> {
        let object = self.object()?;
        Ok(object.get(key).filter(|v| !v.is_null()).map(|value| At { value, path: self.path.key(key) }))
    }

    /// A whole number, also when written as a string ("5"), as templates often do.
    pub fn count(&self) -> Result<u64, ImportError> {
        let parsed = match self.value {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        };
        parsed.ok_or_else(|| self.wrong("a whole number of 0 or more"))
    }
}
