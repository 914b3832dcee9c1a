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

// Every edit derives the design again; mimalloc does its many small
// allocations faster than glibc (see the workspace Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        // Every #[tauri::command] of commands.rs, listed by build.rs.
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/handler.rs")))
        .run(tauri::generate_context!())
        .expect("the Tauri application runs");
}
