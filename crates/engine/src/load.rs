//! Reading model files: every problem reported at once, nothing modified, no panics.

use std::path::{Path, PathBuf};
use std::{fmt, fs, io};

use serde_json::Value;
use thiserror::Error;

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::json_aside::{self, Step};
use crate::locate::{duplicate_keys, line_column, locate, DuplicateKey};
use crate::migrate::migrate;
use crate::model::{Model, SourceText};
use crate::path::{JsonPath, Segment};
use crate::schema::validator;
use crate::validate::validate;

/// Where a model keeps the file it was imported from.
const IMPORTED_SOURCE: &[Step] = &[Step::Key("imported"), Step::Key("source")];

#[derive(Debug, Error)]
pub enum LoadError {
    // The reason is in the message, not a `source`: a chain printed in full
    // (`{:#}`) would say it twice.
    #[error("{}: cannot read the file: {reason}", path.display())]
    Read { path: PathBuf, reason: io::Error },
    #[error("{}", Problems { path, diagnostics })]
    Invalid { path: PathBuf, diagnostics: Vec<Diagnostic> },
}

impl LoadError {
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            LoadError::Read { .. } => &[],
            LoadError::Invalid { diagnostics, .. } => diagnostics,
        }
    }
}

struct Problems<'a> {
    path: &'a Path,
    diagnostics: &'a [Diagnostic],
}

impl fmt::Display for Problems<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.diagnostics.len();
        write!(f, "{}: {n} problem{}", self.path.display(), if n == 1 { "" } else { "s" })?;
        for d in self.diagnostics {
            write!(f, "\n  {}:{d}", self.path.display())?;
        }
        Ok(())
    }
}

/// Reads and checks a model file. The file is only read.
pub fn load_file(path: &Path) -> Result<Model, LoadError> {
    let (model, problems) = load_file_for_editing(path)?;
    if problems.is_empty() {
        Ok(model)
    } else {
        Err(LoadError::Invalid { path: path.to_path_buf(), diagnostics: problems })
    }
}

/// Reads a model file for an editor: a file that is not a model (not JSON, not
/// of the model's shape) fails; a model with semantic problems (an unknown
/// attribute in a pattern) loads, with the problems, for the user to fix them.
pub fn load_file_for_editing(path: &Path) -> Result<(Model, Vec<Diagnostic>), LoadError> {
    let bytes = fs::read(path).map_err(|reason| LoadError::Read { path: path.to_path_buf(), reason })?;
    let invalid = |diagnostics| LoadError::Invalid { path: path.to_path_buf(), diagnostics };
    // Not lossily: a model that loaded with U+FFFD in place of bad bytes would be
    // saved back with them, silently changing the file.
    let text = String::from_utf8(bytes).map_err(|e| invalid(vec![not_utf8(&e)]))?;
    load_str_for_editing(&text).map_err(invalid)
}

/// Parses and checks a model; on failure, every problem found, in file order.
pub fn load_str(text: &str) -> Result<Model, Vec<Diagnostic>> {
    let (model, problems) = load_str_for_editing(text)?;
    if problems.is_empty() {
        Ok(model)
    } else {
        Err(problems)
    }
}

/// Parses a model; fails on syntax and shape errors only, and returns the
/// semantic problems, placed in the text and in file order, beside the model.
pub fn load_str_for_editing(text: &str) -> Result<(Model, Vec<Diagnostic>), Vec<Diagnostic>> {
    // Some Windows editors start UTF-8 files with a byte-order mark; JSON has no use for it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // An imported source can be most of the file, and is kept as its text.
    let parsed = json_aside::parse(text, &[IMPORTED_SOURCE]).map_err(|e| vec![syntax_error(&e)])?;
    let value = parsed.value;
    let duplicates: Vec<Diagnostic> = duplicate_keys(text).iter().map(duplicate_key).collect();
    if !duplicates.is_empty() {
        return Err(duplicates);
    }
    let value = migrate(value).map_err(|d| vec![placed(text, d)])?;
    let schema_errors = schema_errors(text, &value);
    if !schema_errors.is_empty() {
        return Err(schema_errors);
    }
    let mut model: Model = serde_path_to_error::deserialize(&value).map_err(|e| {
        let path = path_of(e.path());
        let d = Diagnostic::new(DiagnosticKind::Schema, &path, e.inner().to_string(), schema_hint(""));
        vec![placed(text, d)]
    })?;
    if let (Some(imported), Some((_, source))) = (model.imported.as_mut(), parsed.aside.into_iter().next()) {
        imported.source = SourceText::from_raw(source.to_owned());
    }
    // The checks go concept by concept (names, then entities, relationships,
    // patterns); the user reads the file top to bottom.
    let mut problems: Vec<Diagnostic> = validate(&model).into_iter().map(|d| placed(text, d)).collect();
    problems.sort_by_key(|d| (d.line, d.column));
    Ok((model, problems))
}

fn syntax_error(e: &serde_json::Error) -> Diagnostic {
    let message = e.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message).to_string();
    let hint = match e.classify() {
        serde_json::error::Category::Eof => "the file ends too early: look for a missing '}' or ']' or a cut-off file",
        _ => "fix the JSON at that place: a missing comma, an extra trailing comma, or an unquoted name",
    };
    // serde_json says column 0 when the error comes before a line's first
    // character (an empty file); columns here are 1-based.
    Diagnostic::new(DiagnosticKind::Syntax, &JsonPath::root(), message, hint).at((e.line().max(1), e.column().max(1)))
}

fn duplicate_key(d: &DuplicateKey) -> Diagnostic {
    let key = match d.path.segments().last() {
        Some(Segment::Key(key)) => Value::String(key.clone()).to_string(),
        _ => String::new(),
    };
    let message = format!(
        "the key {key} is given twice in one object (first at line {}, column {}); only one can count",
        d.first.0, d.first.1
    );
    Diagnostic::new(DiagnosticKind::Syntax, &d.path, message, "remove one of the two, or merge them").at(d.second)
}

fn not_utf8(e: &std::string::FromUtf8Error) -> Diagnostic {
    let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
    let valid = std::str::from_utf8(valid).unwrap_or_default();
    Diagnostic::new(
        DiagnosticKind::Syntax,
        &JsonPath::root(),
        "the file is not valid UTF-8 text",
        "save the file as UTF-8; the first bad byte is at this place",
    )
    .at(line_column(valid, valid.len()))
}

fn schema_errors(text: &str, value: &Value) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> =
        validator().iter_errors(value).flat_map(|e| shape_errors(&e, value)).map(|d| placed(text, d)).collect();
    out.sort_by_key(|d| (d.line, d.column));
    out.dedup();
    out
}

/// The problems one schema error stands for. A value matching none of several
/// shapes (a filter that is neither a test nor `all`, `any` or `not`) is judged
/// by the shape it comes closest to, the one with the fewest problems, so the
/// message names the misspelt field rather than listing every shape.
fn shape_errors(e: &jsonschema::ValidationError<'_>, value: &Value) -> Vec<Diagnostic> {
    use jsonschema::error::ValidationErrorKind;
    let path = JsonPath::from_pointer_in(&e.instance_path().to_string(), value);
    let hint = schema_hint(e.kind().keyword());
    match e.kind() {
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context }
            if !context.is_empty() =>
        {
            if let Some(choices) = merged_choices(context, value) {
                return vec![choices];
            }
            let closest = context.iter().min_by_key(|branch| branch.len()).expect("not empty");
            closest.iter().flat_map(|b| shape_errors(b, value)).collect()
        }
        // One problem per unknown field, at the field, not at its object
        // (which can start many lines above).
        ValidationErrorKind::AdditionalProperties { unexpected } => unexpected
            .iter()
            .map(|field| {
                Diagnostic::new(DiagnosticKind::Schema, &path.key(field), format!("unknown field '{field}'"), hint)
            })
            .collect(),
        _ => {
            let message = allowed(e).map_or_else(|| e.to_string(), |values| not_one_of(e.instance(), &values));
            vec![Diagnostic::new(DiagnosticKind::Schema, &path, message, hint)]
        }
    }
}

/// Alternatives told apart by one value (a pattern's kind: a write, read_one,
/// read_many, ...; a billing mode, whose other fields differ): one problem at
/// that value, naming the choices of every alternative, not the closest one's.
fn merged_choices(context: &[Vec<jsonschema::ValidationError<'_>>], value: &Value) -> Option<Diagnostic> {
    // An alternative of another type (a format's object form) is no candidate.
    let branches: Vec<&Vec<jsonschema::ValidationError<'_>>> =
        context.iter().filter(|branch| !matches!(branch.as_slice(), [one] if one.kind().keyword() == "type")).collect();
    let first = branches.first()?;
    first.iter().filter(|e| allowed(e).is_some()).find_map(|candidate| {
        let at = candidate.instance_path().to_string();
        let mut values: Vec<Value> = Vec::new();
        for branch in &branches {
            let here = branch.iter().find(|e| e.instance_path().to_string() == at && allowed(e).is_some())?;
            for v in allowed(here)? {
                if !values.contains(&v) {
                    values.push(v);
                }
            }
        }
        let path = JsonPath::from_pointer_in(&at, value);
        let message = not_one_of(candidate.instance(), &values);
        Some(Diagnostic::new(DiagnosticKind::Schema, &path, message, schema_hint("enum")))
    })
}

/// The values an `enum` or `const` error allows.
fn allowed(e: &jsonschema::ValidationError<'_>) -> Option<Vec<Value>> {
    use jsonschema::error::ValidationErrorKind;
    match e.kind() {
        ValidationErrorKind::Enum { options } => options.as_array().cloned(),
        ValidationErrorKind::Constant { expected_value } => Some(vec![Value::clone(expected_value)]),
        _ => None,
    }
}

/// `"read_all" is not one of "put", "update" or "read_one"`: every value, so that
/// the right one can be picked from the message alone.
fn not_one_of(given: &Value, values: &[Value]) -> String {
    let quoted: Vec<String> = values.iter().map(Value::to_string).collect();
    format!("{given} is not one of {}", crate::words::alternatives(&quoted))
}

fn schema_hint(keyword: &str) -> &'static str {
    match keyword {
        "required" => "add the missing field",
        "additionalProperties" | "unevaluatedProperties" => {
            "remove the field or correct its spelling (fields are snake_case)"
        }
        "enum" | "const" => "use one of the values listed",
        "oneOf" | "anyOf" => "use one of the shapes the model format allows here (`tablewright schema` prints it)",
        "type" => "change the value to the type the schema expects here",
        "minimum" | "maximum" | "format" => "use a number in range",
        _ => "see the model format (`tablewright schema` prints it)",
    }
}

fn placed(text: &str, d: Diagnostic) -> Diagnostic {
    if d.line.is_some() {
        return d;
    }
    let position = locate(text, &d.path);
    d.at(position)
}

fn path_of(path: &serde_path_to_error::Path) -> JsonPath {
    path.iter().fold(JsonPath::root(), |p, s| match s {
        serde_path_to_error::Segment::Seq { index } => p.index(*index),
        serde_path_to_error::Segment::Map { key } => p.key(key),
        _ => p,
    })
}
