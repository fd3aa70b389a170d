//! Tauri commands of the softphone (see `phone.rs` for the contract): thin
//! adapters; errors cross IPC as a [`CommandError`].

use tauri::State;

use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::phone::{AudioDevices, DialRequest, PhoneEvent, PhoneState};

/// The UI hands over the signed-in session: the desktop dials patient
/// phones and uploads recordings with it.
#[tauri::command]
#[specta::specta]
pub fn phone_set_session(phone: State<'_, PhoneState>, server_url: String, token: Option<String>) -> CommandResult<()> {
    match token.filter(|t| !t.is_empty()) {
        Some(t) => phone.set_session(&server_url, &t).map_err(CommandError::phone),
        None => {
            phone.clear_session();
            Ok(())
        }
    }
}

#[tauri::command]
#[specta::specta]
pub async fn phone_dial(phone: State<'_, PhoneState>, request: DialRequest) -> CommandResult<()> {
    let number = phone.resolve(&request).await.map_err(CommandError::phone)?;
    phone.engine().dial(&request.uuid, &number).map_err(CommandError::phone)
}

#[tauri::command]
#[specta::specta]
pub fn phone_answer(phone: State<'_, PhoneState>, uuid: String) -> CommandResult<()> {
    phone.engine().answer(&uuid).map_err(CommandError::phone)
}

#[tauri::command]
#[specta::specta]
pub fn phone_hangup(phone: State<'_, PhoneState>, uuid: String) -> CommandResult<()> {
    phone.engine().hangup(&uuid).map_err(CommandError::phone)
}

#[tauri::command]
#[specta::specta]
pub fn phone_hold(phone: State<'_, PhoneState>, uuid: String, on: bool) -> CommandResult<()> {
    phone.engine().hold(&uuid, on).map_err(CommandError::phone)
}

#[tauri::command]
#[specta::specta]
pub fn phone_mute(phone: State<'_, PhoneState>, uuid: String, on: bool) -> CommandResult<()> {
    phone.engine().mute(&uuid, on).map_err(CommandError::phone)
}

#[tauri::command]
#[specta::specta]
pub fn phone_transfer(phone: State<'_, PhoneState>, uuid: String, target: String) -> CommandResult<()> {
    phone.engine().transfer(&uuid, &target).map_err(CommandError::phone)
}

#[tauri::command]
#[specta::specta]
pub fn phone_dtmf(phone: State<'_, PhoneState>, uuid: String, digits: String) -> CommandResult<()> {
    phone.engine().dtmf(&uuid, &digits).map_err(CommandError::phone)
}

#[tauri::command]
#[specta::specta]
pub fn phone_audio_devices(phone: State<'_, PhoneState>) -> CommandResult<AudioDevices> {
    phone.engine().devices().map_err(CommandError::phone)
}

#[tauri::command]
#[specta::specta]
pub fn phone_set_audio_devices(
    phone: State<'_, PhoneState>,
    settings: State<'_, crate::settings::SettingsStore>,
    input: Option<String>,
    output: Option<String>,
) -> CommandResult<()> {
    phone.engine().set_devices(input.clone(), output.clone()).map_err(CommandError::phone)?;
    // Remembered for the next start.
    settings.update(|s| {
        s.phone.audio_input = input.unwrap_or_default();
        s.phone.audio_output = output.unwrap_or_default();
    })?;
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub fn phone_test_tone(phone: State<'_, PhoneState>, output: Option<String>) -> CommandResult<()> {
    phone.engine().test_tone(output).map_err(CommandError::phone)
}

/// Recordings waiting, uploaded, given up.
#[tauri::command]
#[specta::specta]
pub fn recording_uploads(phone: State<'_, PhoneState>) -> hcrm_recording_uploader::Counts {
    phone.uploads()
}

/// The SIP account as the settings page shows it: the password stays here.
#[derive(serde::Serialize, specta::Type)]
pub struct AccountView {
    #[serde(flatten)]
    pub account: crate::softphone::SipAccount,
    pub has_password: bool,
}

#[tauri::command]
#[specta::specta]
pub fn phone_account(settings: State<'_, crate::settings::SettingsStore>) -> CommandResult<AccountView> {
    let mut account = settings.get()?.phone;
    let has_password = !account.password.is_empty();
    account.password.clear();
    Ok(AccountView { account, has_password })
}

/// Saves the account (an empty password keeps the stored one) and restarts
/// the line on it.
#[tauri::command]
#[specta::specta]
pub async fn phone_set_account(
    app: tauri::AppHandle,
    phone: State<'_, PhoneState>,
    settings: State<'_, crate::settings::SettingsStore>,
    mut account: crate::softphone::SipAccount,
) -> CommandResult<()> {
    use tauri_specta::Event;
    if account.is_configured() {
        account
            .phone_config(phone.recordings_dir.clone())
            .map_err(|e| CommandError::new(ErrorCode::InvalidPhoneAccount, e))?;
    }
    let saved = settings.update(|s| {
        if account.password.is_empty() {
            account.password = s.phone.password.clone();
        }
        s.phone = account.clone();
    })?;
    let emit: crate::phone::Emit = std::sync::Arc::new(move |e: PhoneEvent| {
        let _ = e.emit(&app);
    });
    phone.replace_engine(crate::softphone::engine_for(&saved.phone, phone.recordings_dir.clone(), emit).await);
    Ok(())
}
