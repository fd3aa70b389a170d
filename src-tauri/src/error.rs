//! The error every command returns over IPC: a stable `code` the UI can
//! branch on and the `message` it shows as it is.

use serde::Serialize;

use crate::settings::SettingsError;
use crate::shortcuts::ShortcutError;

/// What went wrong, as a closed set; the wire names are stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The settings file could not be read or written.
    SettingsFile,
    /// Not an `http://` or `https://` URL with a host.
    InvalidServerUrl,
    /// A shortcut the rules refuse (no modifier, unknown key, used twice).
    InvalidShortcut,
    /// A valid shortcut the system would not register (another program holds it).
    ShortcutUnavailable,
    /// The SIP account cannot make a line (the message names the field).
    InvalidPhoneAccount,
    /// The softphone refused or failed (no call, no audio, dial target...).
    Phone,
    /// The counter's evaluator reader refused or failed.
    Evaluator,
    /// The desktop notification could not be shown.
    Notification,
    /// Anything else on this machine (paths, ...).
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    pub code: ErrorCode,
    pub message: String,
}

impl CommandError {
    pub fn new(code: ErrorCode, message: impl std::fmt::Display) -> Self {
        Self { code, message: message.to_string() }
    }

    pub fn phone(message: impl std::fmt::Display) -> Self {
        Self::new(ErrorCode::Phone, message)
    }

    pub fn evaluator(message: impl std::fmt::Display) -> Self {
        Self::new(ErrorCode::Evaluator, message)
    }
}

impl From<SettingsError> for CommandError {
    fn from(e: SettingsError) -> Self {
        let code = match &e {
            SettingsError::Io(_) | SettingsError::Json(_) => ErrorCode::SettingsFile,
            SettingsError::InvalidUrl(_) => ErrorCode::InvalidServerUrl,
            SettingsError::Shortcut(_) => ErrorCode::InvalidShortcut,
        };
        Self::new(code, e)
    }
}

impl From<ShortcutError> for CommandError {
    fn from(e: ShortcutError) -> Self {
        Self::new(ErrorCode::InvalidShortcut, e)
    }
}

pub type CommandResult<T> = Result<T, CommandError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_cross_ipc_as_code_and_message() {
        let e = CommandError::from(SettingsError::InvalidUrl("ftp://x".into()));
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({
                "code": "invalid_server_url",
                "message": "invalid server URL \"ftp://x\": use http:// or https:// followed by a host"
            })
        );
        assert_eq!(e.to_string(), e.message);
    }
}
