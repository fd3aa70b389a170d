//! Local settings of the desktop app (server URL, agents' shortcuts), kept as
//! JSON in the per-user config directory. Window size and position are kept
//! by the window-state plugin in its own file beside this one. Plain code: no Tauri types here, so it is
//! tested without a window.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Deserializer, Serialize};

use crate::shortcuts::{self, ShortcutAction, ShortcutError, ShortcutMap};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct Settings {
    /// Base URL of the HCRM server, e.g. `https://hcrm.example-hospital.cn`,
    /// without a trailing slash. `None` until the first-run screen sets it.
    pub server_url: Option<String>,
    /// Global shortcuts per action (canonical accelerators, "" = off).
    #[serde(deserialize_with = "lenient_shortcuts")]
    #[specta(type = ShortcutMap)]
    pub shortcuts: ShortcutMap,
    /// The agent's SIP account and audio devices (empty: no softphone).
    pub phone: crate::softphone::SipAccount,
}

impl Default for Settings {
    fn default() -> Self {
        Self { server_url: None, shortcuts: shortcuts::defaults(), phone: Default::default() }
    }
}

/// Actions this version does not know (written by a newer one) are dropped
/// rather than making the whole file unreadable; missing ones get defaults.
fn lenient_shortcuts<'de, D: Deserializer<'de>>(d: D) -> Result<ShortcutMap, D::Error> {
    let raw = BTreeMap::<String, String>::deserialize(d)?;
    let mut map = shortcuts::defaults();
    for (k, v) in raw {
        if let Ok(action) = serde_json::from_value::<ShortcutAction>(k.into()) {
            map.insert(action, v);
        }
    }
    Ok(map)
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("cannot read or write the settings file: {0}")]
    Io(#[from] io::Error),
    #[error("the settings file is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("invalid server URL {0:?}: use http:// or https:// followed by a host")]
    InvalidUrl(String),
    #[error(transparent)]
    Shortcut(#[from] ShortcutError),
}

/// Trims, checks the scheme and host, and drops trailing slashes so that
/// `url + "/api/v1"` is always right.
pub fn normalize_server_url(input: &str) -> Result<String, SettingsError> {
    let s = input.trim().trim_end_matches('/');
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .ok_or_else(|| SettingsError::InvalidUrl(input.to_owned()))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let bad_char = |c: char| c.is_whitespace() || c == '@';
    if host.is_empty() || host.starts_with(':') || rest.chars().any(bad_char) || s.contains(['?', '#']) {
        return Err(SettingsError::InvalidUrl(input.to_owned()));
    }
    Ok(s.to_owned())
}

/// Reads the settings; a missing file is a first run, not an error.
pub fn load(path: &Path) -> Result<Settings, SettingsError> {
    match fs::read(path) {
        Ok(bytes) => Ok(serde_json::from_slice(&bytes)?),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Settings::default()),
        Err(e) => Err(e.into()),
    }
}

/// Writes through a temporary file and a rename, so a crash mid-write leaves
/// the old settings rather than half a file.
pub fn save(path: &Path, settings: &Settings) -> Result<(), SettingsError> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("json.tmp");
    fs::write(&tmp, serde_json::to_vec_pretty(settings)?)?;
    fs::rename(&tmp, path)?;
    Ok(())
}

/// The settings file plus a lock so two commands cannot interleave a
/// read-modify-write.
#[derive(Debug)]
pub struct SettingsStore {
    path: PathBuf,
    lock: Mutex<()>,
}

impl SettingsStore {
    pub fn new(path: PathBuf) -> Self {
        Self { path, lock: Mutex::new(()) }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn get(&self) -> Result<Settings, SettingsError> {
        let _g = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        load(&self.path)
    }

    pub fn update(&self, f: impl FnOnce(&mut Settings)) -> Result<Settings, SettingsError> {
        let _g = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        let mut s = load(&self.path)?;
        f(&mut s);
        save(&self.path, &s)?;
        Ok(s)
    }

    pub fn set_server_url(&self, url: &str) -> Result<Settings, SettingsError> {
        let url = normalize_server_url(url)?;
        self.update(|s| s.server_url = Some(url))
    }

    /// A URL given from outside (the `HCRM_SERVER_URL` environment variable,
    /// e.g. from `scripts/run.sh` or a managed desktop shortcut) stands in for
    /// the first-run screen: it is saved only when no URL is saved yet.
    /// Returns whether it was saved.
    pub fn seed_server_url(&self, url: &str) -> Result<bool, SettingsError> {
        let url = normalize_server_url(url)?;
        let mut seeded = false;
        self.update(|s| {
            if s.server_url.is_none() {
                s.server_url = Some(url);
                seeded = true;
            }
        })?;
        Ok(seeded)
    }

    /// Validates the whole map first, so an invalid edit changes nothing.
    pub fn set_shortcuts(&self, map: &ShortcutMap) -> Result<Settings, SettingsError> {
        let map = shortcuts::validate(map)?;
        self.update(|s| s.shortcuts = map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("hcrm-desktop-test-{}-{}", name, std::process::id()));
        let _ = fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn server_url_is_normalised() {
        assert_eq!(normalize_server_url(" https://hcrm.local/ ").unwrap(), "https://hcrm.local");
        assert_eq!(normalize_server_url("http://10.1.2.3:8080").unwrap(), "http://10.1.2.3:8080");
        assert_eq!(normalize_server_url("http://host/hcrm//").unwrap(), "http://host/hcrm");
    }

    #[test]
    fn bad_server_urls_are_refused() {
        for bad in [
            "",
            "hcrm.local",
            "ftp://x",
            "http://",
            "https:///x",
            "http://:80",
            "http://a b",
            "http://u@h",
            "http://h/?q=1",
        ] {
            assert!(normalize_server_url(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn missing_file_is_first_run() {
        let d = temp_dir("missing");
        assert_eq!(load(&d.join("settings.json")).unwrap(), Settings::default());
    }

    #[test]
    fn store_round_trips_and_keeps_unknown_fields_out() {
        let d = temp_dir("roundtrip");
        let store = SettingsStore::new(d.join("settings.json"));
        assert_eq!(store.get().unwrap().server_url, None);
        store.set_server_url("https://hcrm.local/").unwrap();
        assert_eq!(store.get().unwrap().server_url.as_deref(), Some("https://hcrm.local"));
        assert!(!d.join("settings.json.tmp").exists());
        // A file from a newer version with extra keys still loads.
        fs::write(store.path(), br#"{"server_url":"http://x","future":1}"#).unwrap();
        assert_eq!(store.get().unwrap().server_url.as_deref(), Some("http://x"));
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn seeding_fills_only_a_missing_url() {
        let d = temp_dir("seed");
        let store = SettingsStore::new(d.join("settings.json"));
        assert!(store.seed_server_url("nope").is_err());
        assert!(store.seed_server_url("http://first/").unwrap());
        assert!(!store.seed_server_url("http://second").unwrap());
        assert_eq!(store.get().unwrap().server_url.as_deref(), Some("http://first"));
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn old_file_gets_default_shortcuts() {
        let d = temp_dir("old");
        fs::create_dir_all(&d).unwrap();
        fs::write(d.join("settings.json"), br#"{"server_url":"http://x"}"#).unwrap();
        let s = load(&d.join("settings.json")).unwrap();
        assert_eq!(s.shortcuts, shortcuts::defaults());
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn shortcuts_round_trip_and_unknown_actions_are_ignored() {
        let d = temp_dir("shortcuts");
        let store = SettingsStore::new(d.join("settings.json"));
        let mut m = ShortcutMap::new();
        m.insert(ShortcutAction::Answer, "alt+ctrl+1".into());
        m.insert(ShortcutAction::HangUp, String::new());
        store.set_shortcuts(&m).unwrap();
        let s = store.get().unwrap();
        assert_eq!(s.shortcuts[&ShortcutAction::Answer], "Ctrl+Alt+1");
        assert_eq!(s.shortcuts[&ShortcutAction::HangUp], "");
        assert_eq!(s.shortcuts[&ShortcutAction::SearchPatient], "Ctrl+Alt+F");
        let json: serde_json::Value = serde_json::from_slice(&fs::read(store.path()).unwrap()).unwrap();
        assert_eq!(json["shortcuts"]["answer"], "Ctrl+Alt+1");

        // An invalid map is refused whole and the file stays as it was.
        m.insert(ShortcutAction::SearchPatient, "Ctrl+Alt+1".into());
        assert!(matches!(store.set_shortcuts(&m), Err(SettingsError::Shortcut(ShortcutError::Duplicate { .. }))));
        assert_eq!(store.get().unwrap(), s);

        fs::write(store.path(), br#"{"shortcuts":{"answer":"Ctrl+Alt+Q","transfer":"Ctrl+Alt+T"}}"#).unwrap();
        let s = store.get().unwrap();
        assert_eq!(s.shortcuts.len(), 3);
        assert_eq!(s.shortcuts[&ShortcutAction::Answer], "Ctrl+Alt+Q");
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn corrupt_file_is_an_error_not_a_reset() {
        let d = temp_dir("corrupt");
        fs::create_dir_all(&d).unwrap();
        fs::write(d.join("settings.json"), b"{nope").unwrap();
        assert!(matches!(load(&d.join("settings.json")), Err(SettingsError::Json(_))));
        let _ = fs::remove_dir_all(&d);
    }
}
