//! Tauri commands: thin adapters from IPC to the plain modules. Errors cross
//! the IPC boundary as a [`CommandError`] (`{code, message}`); the UI shows
//! the message as it is. Their TypeScript bindings are generated
//! (`bindings.rs`).

use tauri::{AppHandle, Manager, State};
use tauri_plugin_notification::NotificationExt;

use crate::app_info::{self, AppInfo};
use crate::connection::Snapshot;
use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::settings::{Settings, SettingsStore};
use crate::shortcuts::{self, ShortcutMap};
use crate::{apply_shortcuts, tray, Desktop};

#[tauri::command]
#[specta::specta]
pub fn app_info() -> AppInfo {
    app_info::app_info()
}

#[tauri::command]
#[specta::specta]
pub fn get_settings(store: State<'_, SettingsStore>) -> CommandResult<Settings> {
    Ok(store.get()?)
}

#[tauri::command]
#[specta::specta]
pub fn set_server_url(
    store: State<'_, SettingsStore>,
    desktop: State<'_, Desktop>,
    url: String,
) -> CommandResult<Settings> {
    let s = store.set_server_url(&url)?;
    // Check the new server now rather than at the next poll.
    desktop.wake.notify_one();
    Ok(s)
}

/// Validates, registers, then saves: a combination another program holds is
/// reported and the previous shortcuts stay in force.
#[tauri::command]
#[specta::specta]
pub fn set_shortcuts(
    app: AppHandle,
    store: State<'_, SettingsStore>,
    shortcuts: ShortcutMap,
) -> CommandResult<Settings> {
    let map = shortcuts::validate(&shortcuts)?;
    let old = store.get()?.shortcuts;
    if let Err(e) = apply_shortcuts(&app, &map) {
        let _ = apply_shortcuts(&app, &shortcuts::validate(&old).unwrap_or_default());
        return Err(CommandError::new(ErrorCode::ShortcutUnavailable, e));
    }
    Ok(store.set_shortcuts(&map)?)
}

#[tauri::command]
#[specta::specta]
pub fn connection_status(desktop: State<'_, Desktop>) -> Snapshot {
    desktop.snapshot()
}

#[tauri::command]
#[specta::specta]
pub fn set_ui_language(desktop: State<'_, Desktop>, lang: String) {
    *desktop.lang.lock().unwrap_or_else(|e| e.into_inner()) = tray::Lang::from_tag(&lang);
    desktop.refresh_tray();
}

/// A desktop notification, e.g. for an incoming call or an alert pushed by
/// the server while the window is in the background.
#[tauri::command]
#[specta::specta]
pub fn notify(app: AppHandle, title: String, body: String) -> CommandResult<()> {
    app.notification()
        .builder()
        .title(title)
        .body(body)
        .show()
        .map_err(|e| CommandError::new(ErrorCode::Notification, e))
}

/// Where the log files are, for the about box and support requests.
#[tauri::command]
#[specta::specta]
pub fn log_dir(app: AppHandle) -> CommandResult<String> {
    app.path().app_log_dir().map(|p| p.display().to_string()).map_err(|e| CommandError::new(ErrorCode::Internal, e))
}

// ---------------------------------------------------------------- counter mode (window evaluator)

#[tauri::command]
#[specta::specta]
pub fn evaluator_status(svc: State<'_, crate::evaluator::EvaluatorService>) -> hcrm_evaluator::ReaderStatus {
    svc.status()
}

/// The "请评价" button and hotkey.
#[tauri::command]
#[specta::specta]
pub fn evaluator_request(
    svc: State<'_, crate::evaluator::EvaluatorService>,
    timeout_s: Option<u8>,
) -> CommandResult<()> {
    svc.request_evaluation(timeout_s.unwrap_or(30)).map_err(CommandError::evaluator)
}

#[tauri::command]
#[specta::specta]
pub fn evaluator_today(
    svc: State<'_, crate::evaluator::EvaluatorService>,
) -> CommandResult<Vec<hcrm_evaluator::StoredEvent>> {
    svc.today().map_err(CommandError::evaluator)
}

#[tauri::command]
#[specta::specta]
pub fn evaluator_get_port_settings(svc: State<'_, crate::evaluator::EvaluatorService>) -> hcrm_evaluator::PortSettings {
    svc.port_settings()
}

#[tauri::command]
#[specta::specta]
pub fn evaluator_set_port_settings(
    svc: State<'_, crate::evaluator::EvaluatorService>,
    settings: hcrm_evaluator::PortSettings,
) -> CommandResult<hcrm_evaluator::PortSettings> {
    svc.set_port_settings(settings).map_err(CommandError::evaluator)
}

/// The clerk's session and the patient on screen, from the webview.
#[tauri::command]
#[specta::specta]
pub fn evaluator_set_session(
    svc: State<'_, crate::evaluator::EvaluatorService>,
    session: crate::evaluator::CounterSession,
) -> CommandResult<()> {
    svc.set_session(session).map_err(CommandError::evaluator)
}
