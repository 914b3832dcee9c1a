//! One problem found in a model file: where it is, what is wrong, and how to fix it.

use std::fmt;

use serde::Serialize;

use crate::path::JsonPath;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Diagnostic {
    pub kind: DiagnosticKind,
    /// JSONPath of the offending value, `$` for the whole file.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: JsonPath,
    /// 1-based line and column in the file, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// One line that says how to fix it.
    pub hint: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticKind {
    /// The file is not JSON.
    Syntax,
    /// JSON, but not of the model's shape (a missing field, a wrong type).
    Schema,
    /// Of the right shape, but inconsistent (an unknown entity, a duplicate name).
    Semantic,
}

impl Diagnostic {
    pub fn new(kind: DiagnosticKind, path: &JsonPath, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Diagnostic { kind, path: path.clone(), line: None, column: None, message: message.into(), hint: hint.into() }
    }

    pub fn semantic(path: &JsonPath, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Diagnostic::new(DiagnosticKind::Semantic, path, message, hint)
    }

    pub fn at(mut self, (line, column): (usize, usize)) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, "{line}:{column}: ")?;
        }
        write!(f, "{}: {}", self.path, self.message)?;
        if !self.hint.is_empty() {
            write!(f, "\n    hint: {}", self.hint)?;
        }
        Ok(())
    }
}
