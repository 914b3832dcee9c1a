//! The commands the UI calls: each one a call into the studio session, the new
//! document state published to the window title, a failure returned as the
//! UI shows it. Async, so that they run off the main thread and never freeze
//! the window; the session's lock keeps them in order.

use std::future::Future;
use std::path::PathBuf;

use tablewright_deploy::prove::ProveReport;
use tablewright_deploy::scratch::ScratchProof;
use tablewright_deploy::status::TableState;
use tablewright_engine::aggregate::{AggregateView, Highlight};
use tablewright_engine::edit::Edit;
use tablewright_engine::export::ExportFormat;
use tablewright_studio::deployment::{
    apply_deploy as apply_plan, plan_deploy as planned, prove_table as prove_live, table_state as live_table,
    ApplyRequest, DeployEvent, DeployOutcome, DeployPlanView, DeployRequest, DeploySetup, LiveProofRequest,
};
use tablewright_studio::examples::examples;
use tablewright_studio::proof::{prove, ProofRequest};
use tablewright_studio::replies::{DocumentState, ExportChoice, Failure, Startup};
use tablewright_studio::StudioError;
use tauri::ipc::Channel;
use tauri::{AppHandle, State, WebviewWindow};

use crate::dialogs;
use crate::menu;
use crate::shell::{exit, publish, Shell};

type Reply<T> = Result<T, Failure>;

/// Everything the UI needs to start: the document, the examples, recovery
/// copies a crash left behind, and why the file named at start did not open.
#[tauri::command]
pub async fn startup(shell: State<'_, Shell>) -> Reply<Startup> {
    let mut studio = shell.studio();
    Ok(Startup {
        state: studio.state(),
        examples: examples(),
        recovery: studio.recovery_offers(),
        failure: shell.take_startup_failure(),
        dynamodb_endpoint: tablewright_deploy::local_endpoint_from_environment()
            .unwrap_or_else(|| "http://127.0.0.1:8000".to_string()),
        exports: ExportChoice::all(),
    })
}

#[tauri::command]
pub async fn edit(app: AppHandle, shell: State<'_, Shell>, edit: Edit) -> Reply<DocumentState> {
    let state = shell.studio().edit(&edit);
    published(&app, state)
}

#[tauri::command]
pub async fn undo(app: AppHandle, shell: State<'_, Shell>) -> Reply<DocumentState> {
    let state = shell.studio().undo();
    published(&app, Ok(state))
}

#[tauri::command]
pub async fn redo(app: AppHandle, shell: State<'_, Shell>) -> Reply<DocumentState> {
    let state = shell.studio().redo();
    published(&app, Ok(state))
}

/// A new model, empty or from an example; `discard` confirms that unsaved
/// changes may go.
#[tauri::command]
pub async fn new_document(
    app: AppHandle,
    shell: State<'_, Shell>,
    example: Option<String>,
    discard: bool,
) -> Reply<DocumentState> {
    let state = shell.studio().new_document(example.as_deref(), discard);
    published(&app, state)
}

/// Opens `path`, or the file chosen in an Open dialog; `None` when the dialog
/// was cancelled.
#[tauri::command]
pub async fn open_document(
    app: AppHandle,
    shell: State<'_, Shell>,
    path: Option<String>,
    discard: bool,
) -> Reply<Option<DocumentState>> {
    let Some(path) = given_or_chosen(path, dialogs::open_model(&app)).await else { return Ok(None) };
    let state = shell.studio().open(&path, discard);
    menu::refresh(&app);
    published(&app, state).map(Some)
}

/// A new model from the NoSQL Workbench model or CloudFormation template at
/// `path`, or chosen in a dialog; `None` when the dialog was cancelled. `table`
/// names the one to import from a file that holds several.
#[tauri::command]
pub async fn import_model(
    app: AppHandle,
    shell: State<'_, Shell>,
    path: Option<String>,
    table: Option<String>,
    discard: bool,
) -> Reply<Option<DocumentState>> {
    let Some(path) = given_or_chosen(path, dialogs::import_source(&app)).await else { return Ok(None) };
    let state = shell.studio().import(&path, table.as_deref(), discard);
    published(&app, state).map(Some)
}

/// Saves to the model's file, asking where first when it has none; `None` when
/// that dialog was cancelled.
#[tauri::command]
pub async fn save_document(
    app: AppHandle,
    window: WebviewWindow,
    shell: State<'_, Shell>,
) -> Reply<Option<DocumentState>> {
    if shell.studio().has_file() {
        let state = shell.studio().save();
        return published(&app, state).map(Some);
    }
    save_document_as(app, window, shell).await
}

#[tauri::command]
pub async fn save_document_as(
    app: AppHandle,
    window: WebviewWindow,
    shell: State<'_, Shell>,
) -> Reply<Option<DocumentState>> {
    let suggested = shell.studio().suggested_file_name();
    let Some(path) = dialogs::save_model(&app, &window, &suggested).await else { return Ok(None) };
    let state = shell.studio().save_as(&path);
    menu::refresh(&app);
    published(&app, state).map(Some)
}

#[tauri::command]
pub async fn restore_recovery(
    app: AppHandle,
    shell: State<'_, Shell>,
    id: String,
    discard: bool,
) -> Reply<DocumentState> {
    let state = shell.studio().restore(&id, discard);
    published(&app, state)
}

#[tauri::command]
pub async fn discard_recovery(shell: State<'_, Shell>, id: String) -> Reply<()> {
    shell.studio().discard_recovery(&id).map_err(|e| e.failure())
}

/// Closes the app; `discard` confirms that unsaved changes may go.
#[tauri::command]
pub async fn quit(window: WebviewWindow, shell: State<'_, Shell>, discard: bool) -> Reply<()> {
    shell.studio().close(discard).map_err(|e| e.failure())?;
    exit(&window);
    Ok(())
}

#[tauri::command]
pub async fn aggregate_view(shell: State<'_, Shell>, items: usize) -> Reply<AggregateView> {
    shell.studio().aggregate(items).map_err(|e| e.failure())
}

#[tauri::command]
pub async fn highlight_pattern(
    shell: State<'_, Shell>,
    pattern: String,
    items: usize,
    draw: u64,
) -> Reply<Option<Highlight>> {
    shell.studio().highlight(&pattern, items, draw).map_err(|e| e.failure())
}

/// Proves the design on a scratch table at `request.endpoint` (DynamoDB Local).
#[tauri::command]
pub async fn prove_design(shell: State<'_, Shell>, request: ProofRequest) -> Reply<ScratchProof> {
    let inputs = shell.studio().proof_inputs(request.items).map_err(|e| e.failure())?;
    prove(&inputs, &request).await.map_err(Failure::said)
}

/// The Deploy dialog's starting point: the AWS profiles and the model's last target.
#[tauri::command]
pub async fn deploy_setup(shell: State<'_, Shell>) -> Reply<DeploySetup> {
    Ok(shell.studio().deploy_setup())
}

/// The plan for deploying the design to `request`'s table (remembered as the
/// model's target).
#[tauri::command]
pub async fn plan_deploy(shell: State<'_, Shell>, request: DeployRequest) -> Reply<DeployPlanView> {
    let inputs = {
        let mut studio = shell.studio();
        studio.remember_deploy(&request);
        studio.deploy_inputs(None).map_err(|e| e.failure())?
    };
    planned(&inputs, &request).await.map_err(|e| Failure::said(e.explained(&request)))
}

/// Applies the plan that was shown, streaming progress to `events`.
#[tauri::command]
pub async fn apply_deploy(
    shell: State<'_, Shell>,
    request: ApplyRequest,
    events: Channel<DeployEvent>,
) -> Reply<DeployOutcome> {
    let inputs = shell.studio().deploy_inputs(request.seed).map_err(|e| e.failure())?;
    let cancel = shell.deploy_starts();
    let mut send = |event: DeployEvent| {
        let _ = events.send(event);
    };
    apply_plan(&inputs, &request, &mut send, &cancel).await.map_err(|e| Failure::said(e.explained(&request.deploy)))
}

/// Stops the running deploy at its next step.
#[tauri::command]
pub async fn cancel_deploy(shell: State<'_, Shell>) -> Reply<()> {
    shell.cancel_deploy();
    Ok(())
}

/// The live table: its status, item count and each GSI's status.
#[tauri::command]
pub async fn table_state(request: DeployRequest) -> Reply<Option<TableState>> {
    live_table(&request).await.map_err(|e| Failure::said(e.explained(&request)))
}

/// Proves the design on the deployed table (seeded with the sample), reads only
/// unless `request.writes`.
#[tauri::command]
pub async fn prove_table(shell: State<'_, Shell>, request: LiveProofRequest) -> Reply<ProveReport> {
    let inputs = shell.studio().proof_inputs(request.items).map_err(|e| e.failure())?;
    prove_live(&inputs, &request).await.map_err(|e| Failure::said(e.explained(&request.deploy)))
}

/// Exports the design in `format` to the file chosen in a Save dialog: the
/// path written, or `None` when the dialog was cancelled. A model without a
/// design fails before the dialog shows.
#[tauri::command]
pub async fn export_design(
    app: AppHandle,
    window: WebviewWindow,
    shell: State<'_, Shell>,
    format: ExportFormat,
) -> Reply<Option<String>> {
    let (bytes, suggested) = {
        let mut studio = shell.studio();
        (studio.exported(format).map_err(|e| e.failure())?, studio.suggested_export_name(format))
    };
    let Some(path) = dialogs::save_export(&app, &window, format, &suggested).await else { return Ok(None) };
    shell.studio().write_export(&path, &bytes).map_err(|e| e.failure())?;
    Ok(Some(path.to_string_lossy().into_owned()))
}

/// The path the UI gave, else the one chosen in `dialog` (shown only then);
/// `None` when the dialog was cancelled.
async fn given_or_chosen(path: Option<String>, dialog: impl Future<Output = Option<PathBuf>>) -> Option<PathBuf> {
    match path {
        Some(p) => Some(PathBuf::from(p)),
        None => dialog.await,
    }
}

fn published(app: &AppHandle, state: Result<DocumentState, StudioError>) -> Reply<DocumentState> {
    let state = state.map_err(|e| e.failure())?;
    publish(app, &state);
    Ok(state)
}
