//! What the UI receives: the document as it now is, or why a command failed.

use serde::Serialize;
use tablewright_engine::edit::Focus;
use tablewright_engine::export::ExportFormat;
use tablewright_engine::{Diagnostic, Model};
use ts_rs::TS;

use crate::analysis::Analysis;
use crate::examples::Example;
use crate::recovery::RecoveryOffer;

/// The open document, after every command that changes it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DocumentState {
    /// Changes with every edit, undo and redo; the same revision is the same model.
    pub revision: u64,
    /// The window title: file name and unsaved-changes marker.
    pub title: String,
    pub path: Option<String>,
    pub dirty: bool,
    /// What Undo and Redo would do, for the Edit menu.
    pub undo: Option<String>,
    pub redo: Option<String>,
    /// The model, with an imported source's text left out (null): only exports read it.
    pub model: Model,
    pub analysis: Analysis,
    /// What the last edit created or renamed, for the UI to select.
    pub focus: Option<Focus>,
    /// Recently opened files, most recent first.
    pub recent: Vec<String>,
    /// Something that went wrong beside the command (the recovery copy could not
    /// be written), to show once, until dismissed.
    pub notice: Option<String>,
    /// That the command did what was asked ("Saved …"), shown for a moment.
    pub confirmation: Option<String>,
}

/// Why a command did nothing.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Failure {
    pub message: String,
    /// The file the failure is about, when there is one.
    pub path: Option<String>,
    /// What went wrong, with what the UI needs to show it.
    #[serde(flatten)]
    pub kind: FailureKind,
}

/// The kinds of failure the UI shows differently: the `kind` field of a `Failure`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FailureKind {
    /// A file that failed to load or to import: every problem in it. Nothing was changed.
    Invalid { diagnostics: Vec<Diagnostic> },
    /// A file to import that holds several tables: their names, to choose one.
    ChooseTable { tables: Vec<String> },
    /// The open model has unsaved changes, which the command would lose.
    Unsaved,
    /// The model has problems to fix before it has a design to show or export.
    NoDesign,
    /// A file could not be read or written.
    File,
    /// Anything else; the message says what.
    Other,
}

impl Failure {
    /// A failure that is all message.
    pub fn said(error: impl std::fmt::Display) -> Self {
        Failure { message: error.to_string(), path: None, kind: FailureKind::Other }
    }
}

/// What the UI needs when it starts.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Startup {
    pub state: DocumentState,
    pub examples: Vec<Example>,
    /// Copies of unsaved work a crash or kill left behind, newest first.
    pub recovery: Vec<RecoveryOffer>,
    /// Why the model named when the app started did not open.
    pub failure: Option<Failure>,
    /// The DynamoDB endpoint the Prove view starts with.
    pub dynamodb_endpoint: String,
    /// What the design can be exported as, in the Export menu's order.
    pub exports: Vec<ExportChoice>,
}

/// One way to export the design, as the Export menu lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ExportChoice {
    pub format: ExportFormat,
    pub title: String,
}

impl ExportChoice {
    pub fn all() -> Vec<ExportChoice> {
        ExportFormat::ALL.iter().map(|&format| ExportChoice { format, title: format.title().to_string() }).collect()
    }
}
