//! A change that answers a problem, offered beside it: one edit and what it
//! does in words, so the app applies it in one click (one step to undo) and the
//! CLI prints it. The verifier and the derivation's problems offer them.

use serde::{Deserialize, Serialize};

use super::Edit;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Fix {
    /// What the fix does, as its button says it: "Make Loan's loanedAt required".
    pub label: String,
    pub edit: Edit,
}
