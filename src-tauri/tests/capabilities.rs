//! What the webview may do. It may call exactly the commands the UI uses: the
//! commands `src/commands.rs` declares (which build.rs registers and declares to
//! Tauri) are the ones the UI invokes (ui/src/api.ts) and the capability file
//! grants, and nothing else is. It runs only the bundled UI, under a CSP with
//! nothing inline.

use std::collections::BTreeSet;

const API: &str = include_str!("../../ui/src/api.ts");
const CAPABILITY: &str = include_str!("../capabilities/main-window.json");
const CONFIG: &str = include_str!("../tauri.conf.json");

fn invoked_by_the_ui() -> BTreeSet<String> {
    // invoke<T>("name", ...)
    API.split("invoke<").skip(1).filter_map(|rest| rest.split('"').nth(1)).map(str::to_string).collect()
}

/// Every `#[tauri::command]` of src/commands.rs, as build.rs found them.
fn declared() -> BTreeSet<String> {
    env!("TABLEWRIGHT_COMMANDS").split(',').map(str::to_string).collect()
}

fn granted() -> (BTreeSet<String>, BTreeSet<String>) {
    let capability: serde_json::Value = serde_json::from_str(CAPABILITY).unwrap();
    let permissions = capability["permissions"].as_array().expect("a permissions list");
    let names: Vec<&str> = permissions.iter().map(|p| p.as_str().expect("plain permission names")).collect();
    let (core, own): (Vec<&str>, Vec<&str>) = names.into_iter().partition(|p| p.starts_with("core:"));
    let own = own
        .iter()
        .map(|p| p.strip_prefix("allow-").unwrap_or_else(|| panic!("{p}: only allow- permissions")).replace('-', "_"))
        .collect();
    (own, core.into_iter().map(str::to_string).collect())
}

#[test]
fn the_ui_may_call_exactly_the_commands_it_uses() {
    let used = invoked_by_the_ui();
    assert!(used.contains("startup") && used.contains("export_design"), "{used:?}");
    assert_eq!(declared(), used, "declared in src/commands.rs");
    let (own, core) = granted();
    assert_eq!(own, used, "granted by capabilities/main-window.json");
    // Of Tauri's own, only listening to the shell's events (menu, close request).
    assert_eq!(core, BTreeSet::from(["core:event:allow-listen".into(), "core:event:allow-unlisten".into()]));
}

#[test]
fn the_webview_runs_only_the_bundled_ui_with_nothing_inline() {
    let config: serde_json::Value = serde_json::from_str(CONFIG).unwrap();
    assert_eq!(config["build"]["frontendDist"], "../ui/dist");
    assert_eq!(config["app"]["withGlobalTauri"], false, "no window.__TAURI__ for injected scripts");
    let csp = config["app"]["security"]["csp"].as_object().expect("a CSP, directive by directive");
    for directive in ["default-src", "script-src", "style-src", "font-src"] {
        assert_eq!(csp[directive], "'self'", "{directive}");
    }
    assert_eq!(csp["connect-src"], "ipc: http://ipc.localhost", "the backend only");
    assert_eq!(csp["object-src"], "'none'");
    for (directive, sources) in csp {
        assert!(!sources.as_str().unwrap().contains("unsafe"), "{directive}: {sources}");
    }
}
