//! Tauri commands: thin adapters from IPC to the plain modules. Errors cross
//! the IPC boundary as display strings, which the UI shows as they are.

use tauri::State;

use crate::app_info::{self, AppInfo};
use crate::settings::{Settings, SettingsStore};

#[tauri::command]
pub fn app_info() -> AppInfo {
    app_info::app_info()
}

#[tauri::command]
pub fn get_settings(store: State<'_, SettingsStore>) -> Result<Settings, String> {
    store.get().map_err(|e| e.to_string())
}

#[tauri::command]
pub fn set_server_url(store: State<'_, SettingsStore>, url: String) -> Result<Settings, String> {
    store.set_server_url(&url).map_err(|e| e.to_string())
}
