//! Tauri commands of the softphone (see `phone.rs` for the contract): thin
//! adapters, errors cross IPC as display strings.

use tauri::State;

use crate::phone::{AudioDevices, DialRequest, PhoneState};

/// The UI hands over the signed-in session: the desktop dials patient
/// phones and uploads recordings with it.
#[tauri::command]
pub fn phone_set_session(
    phone: State<'_, PhoneState>,
    server_url: String,
    token: Option<String>,
) -> Result<(), String> {
    match token.filter(|t| !t.is_empty()) {
        Some(t) => phone.set_session(&server_url, &t),
        None => {
            phone.clear_session();
            Ok(())
        }
    }
}

#[tauri::command]
pub async fn phone_dial(phone: State<'_, PhoneState>, request: DialRequest) -> Result<(), String> {
    let number = phone.resolve(&request).await?;
    phone.engine().dial(&request.uuid, &number)
}

#[tauri::command]
pub fn phone_answer(phone: State<'_, PhoneState>, uuid: String) -> Result<(), String> {
    phone.engine().answer(&uuid)
}

#[tauri::command]
pub fn phone_hangup(phone: State<'_, PhoneState>, uuid: String) -> Result<(), String> {
    phone.engine().hangup(&uuid)
}

#[tauri::command]
pub fn phone_hold(phone: State<'_, PhoneState>, uuid: String, on: bool) -> Result<(), String> {
    phone.engine().hold(&uuid, on)
}

#[tauri::command]
pub fn phone_mute(phone: State<'_, PhoneState>, uuid: String, on: bool) -> Result<(), String> {
    phone.engine().mute(&uuid, on)
}

#[tauri::command]
pub fn phone_transfer(phone: State<'_, PhoneState>, uuid: String, target: String) -> Result<(), String> {
    phone.engine().transfer(&uuid, &target)
}

#[tauri::command]
pub fn phone_dtmf(phone: State<'_, PhoneState>, uuid: String, digits: String) -> Result<(), String> {
    phone.engine().dtmf(&uuid, &digits)
}

#[tauri::command]
pub fn phone_audio_devices(phone: State<'_, PhoneState>) -> Result<AudioDevices, String> {
    phone.engine().devices()
}

#[tauri::command]
pub fn phone_set_audio_devices(
    phone: State<'_, PhoneState>,
    settings: State<'_, crate::settings::SettingsStore>,
    input: Option<String>,
    output: Option<String>,
) -> Result<(), String> {
    phone.engine().set_devices(input.clone(), output.clone())?;
    // Remembered for the next start.
    settings
        .update(|s| {
            s.phone.audio_input = input.unwrap_or_default();
            s.phone.audio_output = output.unwrap_or_default();
        })
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[tauri::command]
pub fn phone_test_tone(phone: State<'_, PhoneState>, output: Option<String>) -> Result<(), String> {
    phone.engine().test_tone(output)
}

/// Recordings waiting, uploaded, given up.
#[tauri::command]
pub fn recording_uploads(phone: State<'_, PhoneState>) -> hcrm_recording_uploader::Counts {
    phone.uploads()
}

/// The SIP account as the settings page shows it: the password stays here.
#[derive(serde::Serialize)]
pub struct AccountView {
    #[serde(flatten)]
    pub account: crate::softphone::SipAccount,
    pub has_password: bool,
}

#[tauri::command]
pub fn phone_account(settings: State<'_, crate::settings::SettingsStore>) -> Result<AccountView, String> {
    let mut account = settings.get().map_err(|e| e.to_string())?.phone;
    let has_password = !account.password.is_empty();
    account.password.clear();
    Ok(AccountView { account, has_password })
}

/// Saves the account (an empty password keeps the stored one) and restarts
/// the line on it.
#[tauri::command]
pub async fn phone_set_account(
    app: tauri::AppHandle,
    phone: State<'_, PhoneState>,
    settings: State<'_, crate::settings::SettingsStore>,
    mut account: crate::softphone::SipAccount,
) -> Result<(), String> {
    use tauri::Emitter;
    if account.is_configured() {
        account.phone_config(phone.recordings_dir.clone())?;
    }
    let saved = settings
        .update(|s| {
            if account.password.is_empty() {
                account.password = s.phone.password.clone();
            }
            s.phone = account.clone();
        })
        .map_err(|e| e.to_string())?;
    let emit: crate::phone::Emit = std::sync::Arc::new(move |e| {
        let _ = app.emit(crate::phone::EVENT_PHONE, e);
    });
    phone.replace_engine(crate::softphone::engine_for(&saved.phone, phone.recordings_dir.clone(), emit).await);
    Ok(())
}
