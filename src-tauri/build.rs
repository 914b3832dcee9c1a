//! Tauri's build step, with the app's own commands declared so that the
//! capabilities file must grant each one the UI uses: a command no capability
//! names cannot be called from the webview.

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)).expect("the Tauri build step");
}

/// Kept in step with `src/commands.rs`: a command missing here cannot be called.
const COMMANDS: [&str; 15] = [
    "startup",
    "edit",
    "undo",
    "redo",
    "new_document",
    "open_document",
    "save_document",
    "save_document_as",
    "restore_recovery",
    "discard_recovery",
    "quit",
    "aggregate_view",
    "highlight_pattern",
    "prove_design",
    "export_design",
];
