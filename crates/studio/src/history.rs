//! Undo and redo: whole models, one per step. A model is small (ACME is 25 KB of
//! JSON), so keeping copies is simpler and safer than inverting every edit.

use tablewright_engine::Model;

/// How many steps can be undone; older ones are forgotten.
pub const DEPTH: usize = 500;

/// A model as it was before (undo) or after (redo) a step.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub model: Model,
    /// Which state of the document this is; the saved state is known by it.
    pub revision: u64,
    /// The step between this snapshot and the document's current state.
    pub label: String,
}

#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
}

impl History {
    /// Records the state a step leaves; whatever was undone cannot be redone anymore.
    pub fn record(&mut self, before: Snapshot) {
        self.redo.clear();
        self.undo.push(before);
        if self.undo.len() > DEPTH {
            self.undo.remove(0);
        }
    }

    /// The state before the last step; `current` becomes redoable.
    pub fn undo(&mut self, current: Snapshot) -> Option<Snapshot> {
        let previous = self.undo.pop()?;
        self.redo.push(Snapshot { label: previous.label.clone(), ..current });
        Some(previous)
    }

    /// The state the last undo left; `current` becomes undoable again.
    pub fn redo(&mut self, current: Snapshot) -> Option<Snapshot> {
        let next = self.redo.pop()?;
        self.undo.push(Snapshot { label: next.label.clone(), ..current });
        Some(next)
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(revision: u64, label: &str) -> Snapshot {
        let mut model = Model::new("m");
        model.description = format!("state {revision}");
        Snapshot { model, revision, label: label.to_string() }
    }

    #[test]
    fn undo_and_redo_walk_the_steps_with_their_labels() {
        let mut h = History::default();
        h.record(at(0, "Add entity A"));
        h.record(at(1, "Add entity B"));
        assert_eq!(h.undo_label(), Some("Add entity B"));
        let back = h.undo(at(2, "")).unwrap();
        assert_eq!(back.revision, 1);
        assert_eq!(h.redo_label(), Some("Add entity B"));
        assert_eq!(h.undo_label(), Some("Add entity A"));
        let forward = h.redo(back).unwrap();
        assert_eq!(forward.revision, 2);
        assert_eq!(h.undo_label(), Some("Add entity B"));
        assert!(h.redo(forward).is_none());
    }

    #[test]
    fn a_new_step_forgets_what_was_undone() {
        let mut h = History::default();
        h.record(at(0, "one"));
        let back = h.undo(at(1, "")).unwrap();
        h.record(Snapshot { label: "two".into(), ..back });
        assert_eq!(h.redo_label(), None);
        assert_eq!(h.undo_label(), Some("two"));
    }

    #[test]
    fn depth_is_bounded() {
        let mut h = History::default();
        for i in 0..(DEPTH as u64 + 10) {
            h.record(at(i, "step"));
        }
        let mut steps = 0;
        let mut oldest = None;
        while let Some(previous) = h.undo(at(9999, "")) {
            oldest = Some(previous.revision);
            steps += 1;
        }
        assert_eq!(steps, DEPTH);
        assert_eq!(oldest, Some(10), "the oldest steps are the ones forgotten");
    }
}
