//! What the checks of one pattern find: the reasons it fails, and the fixes
//! offered for them.

use crate::edit::Fix;

#[derive(Default)]
pub(super) struct Findings {
    pub reasons: Vec<String>,
    pub fixes: Vec<Fix>,
}

impl Findings {
    /// Adds `reason` once: two checks may find the same fault (a rebuilt key's
    /// parts and its shard's, read first without a guard).
    pub fn push(&mut self, reason: String) {
        if !self.reasons.contains(&reason) {
            self.reasons.push(reason);
        }
    }

    /// Offers `fix` once, however many reasons call for it.
    pub fn offer(&mut self, fix: Fix) {
        if !self.fixes.iter().any(|f| f.edit == fix.edit) {
            self.fixes.push(fix);
        }
    }
}
