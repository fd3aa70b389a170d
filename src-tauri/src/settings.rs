//! Local settings of the desktop app (server URL for now), kept as JSON in
//! the per-user config directory. Plain code: no Tauri types here, so it is
//! tested without a window.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Base URL of the HCRM server, e.g. `https://hcrm.example-hospital.cn`,
    /// without a trailing slash. `None` until the first-run screen sets it.
    pub server_url: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("cannot read or write the settings file: {0}")]
    Io(#[from] io::Error),
    #[error("the settings file is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("invalid server URL {0:?}: use http:// or https:// followed by a host")]
    InvalidUrl(String),
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
    if host.is_empty()
        || host.starts_with(':')
        || rest.chars().any(bad_char)
        || s.contains(['?', '#'])
    {
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
        Self {
            path,
            lock: Mutex::new(()),
        }
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let d =
            std::env::temp_dir().join(format!("hcrm-desktop-test-{}-{}", name, std::process::id()));
        let _ = fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn server_url_is_normalised() {
        assert_eq!(
            normalize_server_url(" https://hcrm.local/ ").unwrap(),
            "https://hcrm.local"
        );
        assert_eq!(
            normalize_server_url("http://10.1.2.3:8080").unwrap(),
            "http://10.1.2.3:8080"
        );
        assert_eq!(
            normalize_server_url("http://host/hcrm//").unwrap(),
            "http://host/hcrm"
        );
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
        assert_eq!(
            store.get().unwrap().server_url.as_deref(),
            Some("https://hcrm.local")
        );
        assert!(!d.join("settings.json.tmp").exists());
        // A file from a newer version with extra keys still loads.
        fs::write(store.path(), br#"{"server_url":"http://x","future":1}"#).unwrap();
        assert_eq!(store.get().unwrap().server_url.as_deref(), Some("http://x"));
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn corrupt_file_is_an_error_not_a_reset() {
        let d = temp_dir("corrupt");
        fs::create_dir_all(&d).unwrap();
        fs::write(d.join("settings.json"), b"{nope").unwrap();
        assert!(matches!(
            load(&d.join("settings.json")),
            Err(SettingsError::Json(_))
        ));
        let _ = fs::remove_dir_all(&d);
    }
}
