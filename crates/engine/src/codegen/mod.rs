//! Runnable code for every access pattern, from its plan: the AWS CLI (a bash
//! script), Python (boto3), Rust (aws-sdk-dynamodb), TypeScript (AWS SDK v3 with
//! lib-dynamodb), and PartiQL where PartiQL can say it.
//!
//! [`ops`] turns a plan into language-neutral operations (values as literal text
//! and named inputs, bound expressions, shard loops, follow-ups, merges); each
//! language's file only prints them.

mod aws_cli;
mod names;
pub mod ops;
mod partiql;
mod python;
mod rust;
mod typescript;

use std::fmt;

use thiserror::Error;

use crate::design::Design;
use crate::model::Model;

pub use ops::{program, Program};
pub use partiql::negates;

/// Why a read with a limit follows pages (said in each language's comment):
/// DynamoDB's Limit counts the items a page reads, before the filter drops any,
/// and a page ends at 1 MB, so one request can return fewer than the limit.
const LIMIT_PAGES: &str = "Limit caps the items each page reads, before the filter, and a page ends at 1 MB: follow pages until the limit came back, then cut to it.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    /// A bash script calling the AWS CLI (and jq to put JSON together).
    Cli,
    Python,
    Rust,
    TypeScript,
    Partiql,
}

impl Language {
    pub const ALL: [Language; 5] =
        [Language::Cli, Language::Python, Language::Rust, Language::TypeScript, Language::Partiql];

    /// The name the CLI takes: cli, python, rust, typescript, partiql.
    pub fn name(self) -> &'static str {
        match self {
            Language::Cli => "cli",
            Language::Python => "python",
            Language::Rust => "rust",
            Language::TypeScript => "typescript",
            Language::Partiql => "partiql",
        }
    }

    pub fn parse(text: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.name() == text)
    }

    /// What starts a comment that runs to the end of the line.
    fn comment_mark(self) -> &'static str {
        match self {
            Language::Cli | Language::Python => "#",
            Language::Rust | Language::TypeScript => "//",
            Language::Partiql => "--",
        }
    }

    /// The usual file name ending.
    pub fn extension(self) -> &'static str {
        match self {
            Language::Cli => "sh",
            Language::Python => "py",
            Language::Rust => "rs",
            Language::TypeScript => "ts",
            Language::Partiql => "partiql",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CodegenError {
    #[error("no access pattern '{pattern}'; the model has {}", known.join(", "))]
    UnknownPattern { pattern: String, known: Vec<String> },
    #[error("the design has no plan for {0}")]
    NoPlan(String),
    #[error("the key template {0} is malformed: {1}")]
    Template(String, String),
    #[error("{pattern}: cannot generate code for {what}")]
    Unsupported { pattern: String, what: String },
}

/// The code of one pattern: a complete unit (a Python module, a bash script, a
/// TypeScript module, Rust functions, PartiQL statements).
pub fn code(model: &Model, design: &Design, pattern_id: &str, language: Language) -> Result<String, CodegenError> {
    let program = program(model, design, pattern_id)?;
    Ok(render(language, &Unit { model: &model.name, table: &design.table.name, programs: vec![program], all: false }))
}

/// The code of every pattern in one unit, each pattern's function once, the
/// helpers they share once.
pub fn code_all(model: &Model, design: &Design, language: Language) -> Result<String, CodegenError> {
    let programs =
        model.access_patterns.iter().map(|p| program(model, design, &p.id)).collect::<Result<Vec<_>, _>>()?;
    Ok(render(language, &Unit { model: &model.name, table: &design.table.name, programs, all: true }))
}

/// The names the generated code gives a program's inputs in `language`, with the
/// model's names: `("date.from", "DATE_FROM")` for the AWS CLI script's environment
/// variables, `("date.from", "date_from")` for Python's parameters. (The JSON a
/// Python module's `__main__` reads keeps the model's names.)
pub fn input_names(language: Language, program: &Program) -> Vec<(String, String)> {
    let mut scope = names::Scope::new(language);
    program.inputs.iter().map(|i| (i.name.clone(), scope.name(&i.name))).collect()
}

/// What a renderer prints: one pattern, or all of them.
pub(crate) struct Unit<'a> {
    pub model: &'a str,
    pub table: &'a str,
    pub programs: Vec<Program>,
    /// Every pattern of the model: the entry point takes the pattern's id first.
    pub all: bool,
}

fn render(language: Language, unit: &Unit<'_>) -> String {
    match language {
        Language::Cli => aws_cli::render(unit),
        Language::Python => python::render(unit),
        Language::Rust => rust::render(unit),
        Language::TypeScript => typescript::render(unit),
        Language::Partiql => partiql::render(unit),
    }
}

/// Lines of code with indentation.
#[derive(Default)]
pub(crate) struct Out {
    text: String,
    depth: usize,
    unit: &'static str,
}

impl Out {
    pub fn new(unit: &'static str) -> Out {
        Out { text: String::new(), depth: 0, unit }
    }

    /// What has been written so far.
    pub fn written(&self) -> &str {
        &self.text
    }

    /// One line at the current depth (an empty line stays empty); text with
    /// line breaks, several lines. Any other character that could end a line or
    /// hide what the code does (a carriage return, U+2028, a bidi control) is
    /// shown as `\u{…}`: the escapers keep model text from getting here raw, and
    /// this keeps a slip from turning into a line of code.
    pub fn line(&mut self, text: impl AsRef<str>) {
        let text = text.as_ref();
        for l in text.split('\n') {
            if !l.is_empty() {
                for _ in 0..self.depth {
                    self.text.push_str(self.unit);
                }
                self.text.push_str(&crate::escape::visible(l));
            }
            self.text.push('\n');
        }
    }

    pub fn blank(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
    }

    /// Exactly `n` empty lines before what comes next (Python wants two between definitions).
    pub fn gap(&mut self, n: usize) {
        while self.text.ends_with("\n\n") {
            self.text.pop();
        }
        if !self.text.is_empty() {
            for _ in 0..n {
                self.text.push('\n');
            }
        }
    }

    pub fn indent(&mut self) {
        self.depth += 1;
    }

    pub fn dedent(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    pub fn finish(self) -> String {
        let mut text = self.text.trim_end().to_string();
        text.push('\n');
        text
    }
}

/// Helper functions a unit needs, each once, in the order first asked for.
#[derive(Default)]
pub(crate) struct Helpers {
    list: Vec<(String, String)>,
}

impl Helpers {
    pub fn add(&mut self, name: &str, code: impl FnOnce() -> String) {
        if !self.list.iter().any(|(n, _)| n == name) {
            self.list.push((name.to_string(), code()));
        }
    }

    pub fn has(&self, name: &str) -> bool {
        self.list.iter().any(|(n, _)| n == name)
    }

    pub fn code(&self) -> impl Iterator<Item = &str> {
        self.list.iter().map(|(_, c)| c.as_str())
    }

    /// Adds the helper `name` where a function or another helper calls it
    /// (`name(`, or `name ` for a bash function): key text asks for it where no
    /// `Helpers` is at hand.
    pub fn add_where_called(&mut self, functions: &[String], name: &str, code: &str) {
        let calls = [format!("{name}("), format!("{name} ")];
        let called = functions
            .iter()
            .map(String::as_str)
            .chain(self.code())
            .any(|c| calls.iter().any(|call| c.contains(call.as_str())));
        if called {
            self.add(name, || code.to_string());
        }
    }
}

/// A line comment of `language` holding `text`, which cannot end it early: the
/// text comes from the model, and a line break in a name must not start code.
pub(crate) fn remark(language: Language, text: impl AsRef<str>) -> String {
    format!("{} {}", language.comment_mark(), crate::escape::comment(text.as_ref()))
}

/// The comment lines that open a pattern's function: what, why. Model text as
/// comment text ([`crate::escape::comment`]); a description's line breaks reflow.
pub(crate) fn summary(p: &Program) -> Vec<String> {
    let name = format!("{} {}.", p.pattern, p.name.trim_end_matches('.'));
    let description = p.description.replace(['\n', '\t'], " ");
    [name.as_str(), description.as_str(), p.explanation.as_str()]
        .into_iter()
        .filter(|text| !text.trim().is_empty())
        .map(crate::escape::comment)
        .collect()
}

/// Text wrapped at `width` columns (words are never split).
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The summary, wrapped, each paragraph apart.
pub(crate) fn summary_lines(p: &Program, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for (i, paragraph) in summary(p).iter().enumerate() {
        if i > 0 {
            out.push(String::new());
        }
        out.extend(wrap(paragraph, width));
    }
    out
}
