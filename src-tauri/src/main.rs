//! Tablewright's desktop app. The window shows the UI bundled from ui/; every
//! command it sends is a one-line call into tablewright_studio::Studio, which
//! holds the document and knows nothing of windows.
//!
//!     tablewright-desktop [MODEL]     opens MODEL, or a new model

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod dialogs;
mod menu;
mod shell;

use std::path::PathBuf;

use tauri::Manager;

use shell::Shell;

fn main() {
    let file = std::env::args_os().nth(1).map(PathBuf::from);
    tauri::Builder::default()
        .setup(move |app| {
            let shell = Shell::start(app.handle(), file.as_deref())?;
            app.manage(shell);
            menu::install(app.handle())?;
            Ok(())
        })
        .on_menu_event(menu::chosen)
        .on_window_event(shell::window_event)
        .invoke_handler(tauri::generate_handler![
            commands::startup,
            commands::edit,
            commands::undo,
            commands::redo,
            commands::new_document,
            commands::open_document,
            commands::save_document,
            commands::save_document_as,
            commands::restore_recovery,
            commands::discard_recovery,
            commands::quit,
            commands::aggregate_view,
            commands::highlight_pattern,
            commands::prove_design,
            commands::export_design,
        ])
        .run(tauri::generate_context!())
        .expect("the Tauri application runs");
}
