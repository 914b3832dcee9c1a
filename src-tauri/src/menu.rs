//! The native menu bar. A choice is sent to the UI as a `menu` event carrying
//! the item's id (`new`, `open`, `example:acme-bank`, `recent:/path`, ...): the UI
//! owns the flow (asking about unsaved changes, showing failures) for menu and
//! keyboard alike.

use tablewright_engine::export::ExportFormat;
use tablewright_studio::examples::examples;
use tablewright_studio::views::VIEWS;
use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItem, MenuItemBuilder, PredefinedMenuItem, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Wry};

use tablewright_studio::replies::DocumentState;

use crate::shell::Shell;

pub fn install(app: &AppHandle) -> tauri::Result<()> {
    app.set_menu(build(app)?)?;
    Ok(())
}

/// Rebuilds the menu after the recent-files list changed.
pub fn refresh(app: &AppHandle) {
    let app = app.clone();
    let _ = app.clone().run_on_main_thread(move || {
        if let Ok(menu) = build(&app) {
            let _ = app.set_menu(menu);
        }
    });
}

/// Names Undo and Redo for the steps they take, as the document now stands.
pub fn show_history(app: &AppHandle, state: &DocumentState) {
    if let Some((undo, redo)) = app.state::<Shell>().history_items() {
        name_steps(&undo, &redo, state.undo.as_deref(), state.redo.as_deref());
    }
}

/// "Undo Add entity Customer (Ctrl+Z)", or a disabled bare "Undo". The keys
/// are named in the text: as accelerators they would take Ctrl+Z from the
/// page's text fields, where it undoes typing.
fn name_steps(undo: &MenuItem<Wry>, redo: &MenuItem<Wry>, undo_step: Option<&str>, redo_step: Option<&str>) {
    for (item, verb, keys, step) in [(undo, "Undo", "Ctrl+Z", undo_step), (redo, "Redo", "Ctrl+Shift+Z", redo_step)] {
        let _ = item.set_text(step.map_or_else(|| verb.to_string(), |s| format!("{verb} {s} ({keys})")));
        let _ = item.set_enabled(step.is_some());
    }
}

pub fn chosen(app: &AppHandle, event: MenuEvent) {
    let _ = app.emit("menu", event.id().0.as_str());
}

fn build(app: &AppHandle) -> tauri::Result<Menu<Wry>> {
    let item = |id: &str, text: &str, keys: Option<&str>| {
        let mut b = MenuItemBuilder::with_id(id, text);
        if let Some(keys) = keys {
            b = b.accelerator(keys);
        }
        b.build(app)
    };
    let mut from_example = SubmenuBuilder::new(app, "New from Example");
    for example in examples() {
        from_example = from_example.item(&item(&format!("example:{}", example.id), &example.name, None)?);
    }
    let shell = app.state::<Shell>();
    let recent_files = shell.studio().recent();
    let mut recent = SubmenuBuilder::new(app, "Open Recent");
    if recent_files.is_empty() {
        recent = recent.item(&MenuItemBuilder::new("No recent files").enabled(false).build(app)?);
    }
    for path in &recent_files {
        recent = recent.item(&item(&format!("recent:{path}"), path, None)?);
    }
    let mut export = SubmenuBuilder::new(app, "Export Design");
    for format in ExportFormat::ALL {
        export = export.item(&item(&format!("export:{}", format.id()), &format!("{}…", format.title()), None)?);
    }
    let file = SubmenuBuilder::new(app, "File")
        .item(&item("new", "New", Some("CmdOrCtrl+N"))?)
        .item(&from_example.build()?)
        .item(&item("open", "Open…", Some("CmdOrCtrl+O"))?)
        .item(&recent.build()?)
        .item(&item("import", "Import…", None)?)
        .separator()
        .item(&item("save", "Save", Some("CmdOrCtrl+S"))?)
        .item(&item("save-as", "Save As…", Some("CmdOrCtrl+Shift+S"))?)
        .separator()
        .item(&export.build()?)
        .item(&item("deploy", "Deploy…", None)?)
        .separator()
        .item(&item("quit", "Quit", Some("CmdOrCtrl+Q"))?)
        .build()?;
    let (undo, redo) = (item("undo", "Undo", None)?, item("redo", "Redo", None)?);
    let (undo_step, redo_step) = shell.studio().history();
    name_steps(&undo, &redo, undo_step.as_deref(), redo_step.as_deref());
    shell.keep_history_items(undo.clone(), redo.clone());
    let edit = SubmenuBuilder::new(app, "Edit")
        // Ctrl+Z is the page's: in a text field it undoes typing, elsewhere
        // the page sends undo itself. An accelerator here would take the key
        // from the field.
        .item(&undo)
        .item(&redo)
        .separator()
        .item(&item("add-entity", "Add Entity", None)?)
        .item(&item("add-pattern", "Add Access Pattern", None)?)
        .build()?;
    let mut view = SubmenuBuilder::new(app, "View");
    for v in VIEWS {
        view = view.item(&item(&v.command(), v.menu, Some(&format!("CmdOrCtrl+{}", v.key)))?);
    }
    let view = view
        .separator()
        .item(&item("auto-layout", "Auto Layout", Some("CmdOrCtrl+L"))?)
        .item(&item("fit-view", "Fit to Window", Some("CmdOrCtrl+0"))?)
        .item(&item("theme", "Toggle Dark Theme", None)?)
        .build()?;
    let help = SubmenuBuilder::new(app, "Help")
        .item(&item("shortcuts", "Keyboard Shortcuts", Some("F1"))?)
        .item(&PredefinedMenuItem::separator(app)?)
        .item(&item("about", "About Tablewright", None)?)
        .build()?;
    MenuBuilder::new(app).items(&[&file, &edit, &view, &help]).build()
}
