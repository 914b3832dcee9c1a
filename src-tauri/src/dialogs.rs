//! Native file dialogs (rfd, GTK on Linux). A GTK dialog must be made on the
//! main thread, where Tauri runs GTK; the command then waits for the answer on
//! its own thread, so the window stays responsive while the dialog is open.

use std::path::PathBuf;

use futures::channel::oneshot;
use rfd::{AsyncFileDialog, FileHandle};
use tablewright_engine::export::ExportFormat;
use tauri::{AppHandle, Manager, WebviewWindow};

const FILTER: (&str, &[&str]) = ("Tablewright models", &["json"]);

pub async fn open_model(app: &AppHandle) -> Option<PathBuf> {
    pick(app, "Open Model", FILTER.0, FILTER.1).await
}

/// A NoSQL Workbench model or a CloudFormation template to import.
pub async fn import_source(app: &AppHandle) -> Option<PathBuf> {
    let kinds = "NoSQL Workbench models and CloudFormation templates";
    pick(app, "Import Design", kinds, &["json", "yaml", "yml", "template"]).await
}

/// An Open dialog over the window for one existing file.
async fn pick(
    app: &AppHandle,
    title: &'static str,
    kind: &'static str,
    extensions: &'static [&'static str],
) -> Option<PathBuf> {
    let window = app.get_webview_window(crate::shell::WINDOW);
    shown(app, move || {
        let mut dialog = AsyncFileDialog::new().set_title(title).add_filter(kind, extensions);
        if let Some(w) = &window {
            dialog = dialog.set_parent(w);
        }
        dialog.pick_file()
    })
    .await
}

pub async fn save_model(app: &AppHandle, window: &WebviewWindow, suggested: &str) -> Option<PathBuf> {
    save(app, window, "Save Model", suggested, FILTER.0, FILTER.1[0]).await
}

pub async fn save_export(
    app: &AppHandle,
    window: &WebviewWindow,
    format: ExportFormat,
    suggested: &str,
) -> Option<PathBuf> {
    save(app, window, "Export Design", suggested, format.title(), format.extension()).await
}

/// A Save dialog proposing `suggested`, its filter showing files ending in `extension`.
async fn save(
    app: &AppHandle,
    window: &WebviewWindow,
    title: &'static str,
    suggested: &str,
    kind: &'static str,
    extension: &'static str,
) -> Option<PathBuf> {
    let window = window.clone();
    let suggested = suggested.to_string();
    shown(app, move || {
        AsyncFileDialog::new()
            .set_title(title)
            .set_file_name(suggested)
            .add_filter(kind, &[extension])
            .set_can_create_directories(true)
            .set_parent(&window)
            .save_file()
    })
    .await
}

/// Makes the dialog on the main thread and waits for the file chosen.
async fn shown<F, D>(app: &AppHandle, make: D) -> Option<PathBuf>
where
    D: FnOnce() -> F + Send + 'static,
    F: std::future::Future<Output = Option<FileHandle>> + Send + 'static,
{
    let (send, receive) = oneshot::channel();
    app.run_on_main_thread(move || {
        let _ = send.send(make());
    })
    .ok()?;
    let chosen = receive.await.ok()?.await?;
    Some(chosen.path().to_path_buf())
}
