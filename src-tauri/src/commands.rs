//! Tauri commands: thin adapters from IPC to the plain modules. Errors cross
//! the IPC boundary as display strings, which the UI shows as they are.

use tauri::{AppHandle, Manager, State};
use tauri_plugin_notification::NotificationExt;

use crate::app_info::{self, AppInfo};
use crate::connection::Snapshot;
use crate::settings::{Settings, SettingsStore};
use crate::shortcuts::{self, ShortcutMap};
use crate::{apply_shortcuts, tray, Desktop};

#[tauri::command]
pub fn app_info() -> AppInfo {
    app_info::app_info()
}

#[tauri::command]
pub fn get_settings(store: State<'_, SettingsStore>) -> Result<Settings, String> {
    store.get().map_err(|e| e.to_string())
}

#[tauri::command]
pub fn set_server_url(
    store: State<'_, SettingsStore>,
    desktop: State<'_, Desktop>,
    url: String,
) -> Result<Settings, String> {
    let s = store.set_server_url(&url).map_err(|e| e.to_string())?;
    // Check the new server now rather than at the next poll.
    desktop.wake.notify_one();
    Ok(s)
}

/// Validates, registers, then saves: a combination another program holds is
/// reported and the previous shortcuts stay in force.
#[tauri::command]
pub fn set_shortcuts(
    app: AppHandle,
    store: State<'_, SettingsStore>,
    shortcuts: ShortcutMap,
) -> Result<Settings, String> {
    let map = shortcuts::validate(&shortcuts).map_err(|e| e.to_string())?;
    let old = store.get().map_err(|e| e.to_string())?.shortcuts;
    if let Err(e) = apply_shortcuts(&app, &map) {
        let _ = apply_shortcuts(&app, &shortcuts::validate(&old).unwrap_or_default());
        return Err(e);
    }
    store.set_shortcuts(&map).map_err(|e| e.to_string())
}

#[tauri::command]
pub fn connection_status(desktop: State<'_, Desktop>) -> Snapshot {
    desktop.snapshot()
}

#[tauri::command]
pub fn set_ui_language(desktop: State<'_, Desktop>, lang: String) {
    *desktop.lang.lock().unwrap_or_else(|e| e.into_inner()) = tray::Lang::from_tag(&lang);
    desktop.refresh_tray();
}

/// A desktop notification, e.g. for an incoming call or an alert pushed by
/// the server while the window is in the background.
#[tauri::command]
pub fn notify(app: AppHandle, title: String, body: String) -> Result<(), String> {
    app.notification().builder().title(title).body(body).show().map_err(|e| e.to_string())
}

/// Where the log files are, for the about box and support requests.
#[tauri::command]
pub fn log_dir(app: AppHandle) -> Result<String, String> {
    app.path().app_log_dir().map(|p| p.display().to_string()).map_err(|e| e.to_string())
}

// ---------------------------------------------------------------- counter mode (window evaluator)

#[tauri::command]
pub fn evaluator_status(svc: State<'_, crate::evaluator::EvaluatorService>) -> hcrm_evaluator::ReaderStatus {
    svc.status()
}

/// The "请评价" button and hotkey.
#[tauri::command]
pub fn evaluator_request(
    svc: State<'_, crate::evaluator::EvaluatorService>,
    timeout_s: Option<u8>,
) -> Result<(), String> {
    svc.request_evaluation(timeout_s.unwrap_or(30))
}

#[tauri::command]
pub fn evaluator_today(
    svc: State<'_, crate::evaluator::EvaluatorService>,
) -> Result<Vec<hcrm_evaluator::StoredEvent>, String> {
    svc.today()
}

#[tauri::command]
pub fn evaluator_get_port_settings(svc: State<'_, crate::evaluator::EvaluatorService>) -> hcrm_evaluator::PortSettings {
    svc.port_settings()
}

#[tauri::command]
pub fn evaluator_set_port_settings(
    svc: State<'_, crate::evaluator::EvaluatorService>,
    settings: hcrm_evaluator::PortSettings,
) -> Result<hcrm_evaluator::PortSettings, String> {
    svc.set_port_settings(settings)
}

/// The clerk's session and the patient on screen, from the webview.
#[tauri::command]
pub fn evaluator_set_session(
    svc: State<'_, crate::evaluator::EvaluatorService>,
    session: crate::evaluator::CounterSession,
) -> Result<(), String> {
    svc.set_session(session)
}
