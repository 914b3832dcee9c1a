//! The app's views, declared once: the View menu is built from this list, and the
//! UI's tabs, view type, commands and shortcuts come from the TypeScript module
//! generated from it (`ui/src/generated/views.ts`). A view added here shows in the
//! menu; the UI does not type-check until it has a body for it.

use serde::Serialize;

#[derive(Debug, Clone, Copy, Serialize)]
pub struct View {
    /// The tab's id; its menu and shortcut command is `view:<id>`.
    pub id: &'static str,
    /// The tab's label.
    pub label: &'static str,
    /// The View menu's item and the shortcut's description.
    pub menu: &'static str,
    /// The digit of its Ctrl+digit shortcut.
    pub key: char,
}

pub const VIEWS: &[View] = &[
    View { id: "diagram", label: "Diagram", menu: "Diagram", key: '1' },
    View { id: "patterns", label: "Access Patterns", menu: "Access Patterns", key: '2' },
    View { id: "design", label: "Design", menu: "Design", key: '3' },
    View { id: "aggregate", label: "Aggregate View", menu: "Aggregate View", key: '4' },
    View { id: "prove", label: "Prove", menu: "Prove on DynamoDB Local", key: '5' },
];

impl View {
    /// The command the menu sends and the shortcut runs.
    pub fn command(&self) -> String {
        format!("view:{}", self.id)
    }
}

/// Where the generated module lives, from the repository's root.
pub const MODULE_PATH: &str = "ui/src/generated/views.ts";

/// The TypeScript module of the views.
pub fn typescript_module() -> String {
    let list = serde_json::to_string_pretty(VIEWS).expect("views serialize");
    format!(
        "// Generated from crates/studio/src/views.rs; do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test -p tablewright-studio --test bindings\n\n\
         export const VIEWS = {list} as const;\n\n\
         export type View = (typeof VIEWS)[number][\"id\"];\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_view_has_its_own_id_and_shortcut() {
        for (i, v) in VIEWS.iter().enumerate() {
            assert!(v.key.is_ascii_digit(), "{}", v.id);
            assert!(VIEWS[..i].iter().all(|o| o.id != v.id && o.key != v.key), "{} repeats", v.id);
        }
    }
}
