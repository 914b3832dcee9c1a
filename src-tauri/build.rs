//! Tauri's build step. The app's commands are read from `src/commands.rs` (every
//! `#[tauri::command]` function), so that one file declares them: the build
//! declares them to Tauri, which then requires the capabilities file to grant
//! each one the UI calls (a command no capability names cannot be called from the
//! webview), and writes the handler list `main.rs` registers.

use std::fmt::Write;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=src/commands.rs");
    let source = std::fs::read_to_string("src/commands.rs").expect("src/commands.rs is readable");
    let commands = commands(&source);
    assert!(!commands.is_empty(), "src/commands.rs declares no #[tauri::command]");
    let mut handler = String::from("tauri::generate_handler![");
    for name in &commands {
        let _ = write!(handler, "commands::{name},");
    }
    handler.push(']');
    // For the test that holds the UI's calls and the capability file to the same list.
    println!("cargo:rustc-env=TABLEWRIGHT_COMMANDS={}", commands.join(","));
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("handler.rs"), handler).expect("OUT_DIR is writable");

    let names: Vec<&'static str> = commands.into_iter().map(|c| &*Box::leak(c.into_boxed_str())).collect();
    let manifest = tauri_build::AppManifest::new().commands(Box::leak(names.into_boxed_slice()));
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)).expect("the Tauri build step");
}

/// The names of the functions marked `#[tauri::command]`, in file order.
fn commands(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut marked = false;
    for line in source.lines().map(str::trim) {
        if line.starts_with("#[tauri::command") {
            marked = true;
        } else if marked && !line.starts_with("#[") {
            let name = line
                .split_whitespace()
                .skip_while(|w| *w != "fn")
                .nth(1)
                .map(|w| w.split(['(', '<']).next().unwrap_or(w).to_string());
            out.extend(name);
            marked = false;
        }
    }
    out
}
