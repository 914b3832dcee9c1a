//! Bringing a design made elsewhere into Tablewright: NoSQL Workbench models and
//! CloudFormation templates become models whose pinned keys are the source's own
//! key design, so the deriver keeps it and the verifier can judge it.
//!
//! An import reads one table (a model is one table), never changes its input, and
//! stops at the first problem with the place in the file where it is.

pub mod cloudformation;
mod draft;
mod infer;
pub mod nosql_workbench;
mod nosql_workbench_items;
mod patterns;
mod projections;
mod reader;
mod separator;
mod sparse_membership;

/// How a JSON value is described in messages ("a string", "an array"), for every reader of JSON files.
use std::fmt;

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::path::JsonPath;

pub use cloudformation::import_cloudformation;
pub use nosql_workbench::{import_nwb, MAX_FILE_BYTES as MAX_NWB_BYTES};

/// What an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    NosqlWorkbench,
    CloudFormation,
}

impl SourceFormat {
    /// Tells the two apart by their content: a NoSQL Workbench model has a
    /// `DataModel`, a CloudFormation template `Resources`. JSON or YAML alike.
    pub fn detect(text: &str) -> Option<SourceFormat> {
        let trimmed = text.trim_start_matches('\u{feff}').trim_start();
        if trimmed.starts_with('{') {
            // The top-level names alone: a tree of the whole file would cost
            // twenty times its size.
            let names: std::collections::HashMap<String, serde::de::IgnoredAny> = serde_json::from_str(trimmed).ok()?;
            if names.contains_key("DataModel") {
                return Some(SourceFormat::NosqlWorkbench);
            }
            if names.contains_key("Resources") || names.contains_key("AWSTemplateFormatVersion") {
                return Some(SourceFormat::CloudFormation);
            }
            return None;
        }
        // YAML: only CloudFormation is written in it. A top-level key at the start
        // of a line is enough to tell; the parser judges the rest.
        let yaml_key = |key: &str| text.lines().any(|l| l.starts_with(key));
        (yaml_key("Resources:") || yaml_key("AWSTemplateFormatVersion:")).then_some(SourceFormat::CloudFormation)
    }
}

/// Imports `text` as `format`, or as what its content shows it is when `None`:
/// what `tablewright import` and the app's File → Import do alike.
pub fn import(text: &str, format: Option<SourceFormat>, options: &ImportOptions) -> Result<crate::Model, ImportError> {
    let Some(format) = format.or_else(|| SourceFormat::detect(text)) else {
        return Err(ImportError::schema(
            &JsonPath::root(),
            "neither a NoSQL Workbench model (no DataModel) nor a CloudFormation template (no Resources)",
            "import a NoSQL Workbench model (File → Export in Workbench) or a CloudFormation template; \
             from the command line, --from says which the file is",
        ));
    };
    match format {
        SourceFormat::NosqlWorkbench => import_nwb(text, options),
        SourceFormat::CloudFormation => import_cloudformation(text, options),
    }
}

/// Refuses a file too large to be a design (a data dump) by its size alone, so
/// that a caller can ask before reading it.
pub fn check_size(bytes: u64) -> Result<(), ImportError> {
    if bytes > MAX_NWB_BYTES as u64 {
        return Err(nosql_workbench::too_large(bytes));
    }
    Ok(())
}

/// What to import from a file that holds several tables.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The table to import: its name (or, in a CloudFormation template, its
    /// logical id). Needed only when the file holds more than one.
    pub table: Option<String>,
}

/// Why a file cannot be imported, and where in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// Boxed: a Result's error is returned by every reading function.
    diagnostic: Box<Diagnostic>,
    /// The file holds several tables and none was named: their names, to choose
    /// one (the app offers them; the CLI's hint names `--table`).
    tables: Vec<String>,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.diagnostic.fmt(f)
    }
}

impl std::error::Error for ImportError {}

impl ImportError {
    pub(crate) fn new(diagnostic: Diagnostic) -> Self {
        ImportError { diagnostic: Box::new(diagnostic), tables: Vec::new() }
    }

    pub fn diagnostic(&self) -> &Diagnostic {
        &self.diagnostic
    }

    /// The tables to choose from, when the file holds several and none was named.
    pub fn tables(&self) -> &[String] {
        &self.tables
    }

    pub(crate) fn schema(path: &JsonPath, message: impl Into<String>, hint: impl Into<String>) -> Self {
        ImportError::new(Diagnostic::new(DiagnosticKind::Schema, path, message, hint))
    }

    /// The same error, placed at `at` (line, column) in the file.
    pub(crate) fn placed_at(mut self, at: (usize, usize)) -> Self {
        self.diagnostic = Box::new(self.diagnostic.at(at));
        self
    }

    /// The same error, offering `tables` to choose from.
    pub(crate) fn choosing_among(mut self, tables: Vec<String>) -> Self {
        self.tables = tables;
        self
    }
}

/// An import makes models that load: a problem here is the importer's, and is
/// reported rather than written to a file that would not open.
pub(crate) fn check_model(model: &crate::model::Model) -> Result<(), ImportError> {
    match crate::validate::validate(model).into_iter().next() {
        None => Ok(()),
        Some(d) => Err(ImportError::new(Diagnostic::new(
            DiagnosticKind::Semantic,
            &JsonPath::root(),
            format!("the imported model would not be valid: {}: {}", d.path, d.message),
            d.hint,
        ))),
    }
}

/// `CUST` → `Cust`, `ORDER_ITEM` → `OrderItem`, `cust-account` → `CustAccount`: an
/// entity name from a key prefix or a table name.
pub(crate) fn pascal(text: &str) -> String {
    let mut out = String::new();
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            let rest: String = chars.collect();
            // An all-capitals word is a shouted one (CUST); a mixed one keeps its humps.
            if word.chars().any(|c| c.is_ascii_lowercase()) {
                out.push_str(&rest);
            } else {
                out.push_str(&rest.to_lowercase());
            }
        }
    }
    out
}

/// `CUST` → `cust`, `ORDER_ITEM` → `orderItem`: the start of an attribute name.
pub(crate) fn camel(text: &str) -> String {
    let p = pascal(text);
    let mut chars = p.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The name a model attribute gets for a source attribute: its own, unless
/// Tablewright keeps that name for the design's key attributes (PK, SK, GSI1PK,
/// names starting with '_'); then lower case, without leading underscores. The
/// characters key templates read as syntax (`#{}:.`) and control characters
/// split a name into words joined by '_' (`FRIENDS#playerID` → `FRIENDS_playerID`,
/// a counter named `follower#` → `follower`).
pub(crate) fn attribute_name(source: &str) -> String {
    let words: Vec<&str> = source
        .split(|c: char| "#{}:.".contains(c) || c.is_control())
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join("_");
    if !joined.starts_with('_') && !crate::model::is_reserved_attribute(&joined) && !joined.is_empty() {
        return joined;
    }
    let lowered = joined.trim_start_matches('_').to_lowercase();
    if lowered.is_empty() {
        "key".to_string()
    } else {
        lowered
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_prefixes_and_tables() {
        assert_eq!(pascal("CUST"), "Cust");
        assert_eq!(pascal("ORDER_ITEM"), "OrderItem");
        assert_eq!(pascal("cust-account-embedded"), "CustAccountEmbedded");
        assert_eq!(pascal("GamePlayers"), "GamePlayers");
        assert_eq!(camel("ORDER_ITEM"), "orderItem");
        assert_eq!(camel("LoginAlias"), "loginAlias");
    }

    #[test]
    fn source_names_become_names_a_template_can_hold() {
        assert_eq!(attribute_name("email"), "email");
        assert_eq!(attribute_name("FRIENDS#playerID"), "FRIENDS_playerID");
        assert_eq!(attribute_name("follower#"), "follower");
        assert_eq!(attribute_name("a.b:c"), "a_b_c");
        assert_eq!(attribute_name("_type"), "type");
        assert_eq!(attribute_name("#"), "key");
    }

    #[test]
    fn reserved_names_are_lowered() {
        assert_eq!(attribute_name("PK"), "pk");
        assert_eq!(attribute_name("GSI1SK"), "gsi1sk");
        assert_eq!(attribute_name("_type"), "type");
        assert_eq!(attribute_name("email"), "email");
        assert_eq!(attribute_name("GSI1_PK"), "GSI1_PK");
    }

    #[test]
    fn detects_the_source() {
        assert_eq!(SourceFormat::detect("{\"DataModel\": []}"), Some(SourceFormat::NosqlWorkbench));
        assert_eq!(SourceFormat::detect("{\"Resources\": {}}"), Some(SourceFormat::CloudFormation));
        assert_eq!(SourceFormat::detect("Resources:\n  T:\n"), Some(SourceFormat::CloudFormation));
        assert_eq!(SourceFormat::detect("{\"x\": 1}"), None);
    }
}
