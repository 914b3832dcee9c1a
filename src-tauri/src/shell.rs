//! The app's state held by Tauri: the studio session, and the window it shows.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use tablewright_studio::replies::{DocumentState, Failure};
use tablewright_studio::{Folders, Studio};
use tauri::menu::MenuItem;
use tauri::{AppHandle, Emitter, Manager, WebviewWindow, WindowEvent, Wry};

/// The one window.
pub const WINDOW: &str = "main";

pub struct Shell {
    studio: Mutex<Studio>,
    /// Why the file named on the command line did not open, for the UI to show.
    startup_failure: Mutex<Option<Failure>>,
    /// Set by Cancel in the Deploy dialog; the running deploy stops at its next step.
    deploy_cancel: Mutex<Arc<AtomicBool>>,
    /// The Edit menu's Undo and Redo, renamed as the document changes.
    history_items: Mutex<Option<(MenuItem<Wry>, MenuItem<Wry>)>>,
}

impl Shell {
    pub fn start(app: &AppHandle, file: Option<&Path>) -> tauri::Result<Shell> {
        let folders = Folders { data: app.path().app_data_dir()?, config: app.path().app_config_dir()? };
        let mut studio = Studio::new(&folders);
        let mut startup_failure = None;
        if let Some(file) = file {
            if let Err(e) = studio.open(file, false) {
                startup_failure = Some(e.failure());
            }
        }
        let shell = Shell {
            studio: Mutex::new(studio),
            startup_failure: Mutex::new(startup_failure),
            deploy_cancel: Mutex::default(),
            history_items: Mutex::default(),
        };
        if let Some(window) = app.get_webview_window(WINDOW) {
            let _ = window.set_title(&shell.studio().state().title);
        }
        Ok(shell)
    }

    /// The session. A command that panicked while holding it leaves it as the
    /// panic found it, which is still a whole model: carry on with it.
    pub fn studio(&self) -> MutexGuard<'_, Studio> {
        self.studio.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn keep_history_items(&self, undo: MenuItem<Wry>, redo: MenuItem<Wry>) {
        *self.history_items.lock().unwrap_or_else(|p| p.into_inner()) = Some((undo, redo));
    }

    pub fn history_items(&self) -> Option<(MenuItem<Wry>, MenuItem<Wry>)> {
        self.history_items.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// A fresh cancel flag for a deploy that starts now.
    pub fn deploy_starts(&self) -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(false));
        *self.deploy_cancel.lock().unwrap_or_else(|p| p.into_inner()) = flag.clone();
        flag
    }

    pub fn cancel_deploy(&self) {
        self.deploy_cancel.lock().unwrap_or_else(|p| p.into_inner()).store(true, Ordering::Relaxed);
    }

    pub fn take_startup_failure(&self) -> Option<Failure> {
        self.startup_failure.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
}

/// Shows what changed outside the page: the window title and the Edit menu's
/// Undo and Redo follow the document.
pub fn publish(app: &AppHandle, state: &DocumentState) {
    if let Some(window) = app.get_webview_window(WINDOW) {
        let _ = window.set_title(&state.title);
    }
    crate::menu::show_history(app, state);
}

/// Closing the window with unsaved changes asks first: the UI shows the
/// question and answers with the `quit` command.
pub fn window_event(window: &tauri::Window, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event {
        let shell = window.state::<Shell>();
        let mut studio = shell.studio();
        if studio.is_dirty() {
            api.prevent_close();
            let _ = window.emit("close-requested", ());
        } else {
            // Nothing unsaved: nothing to recover either.
            let _ = studio.close(false);
        }
    }
}

/// Ends the app after the UI has settled what to do with unsaved changes.
pub fn exit(window: &WebviewWindow) {
    window.app_handle().exit(0);
}
