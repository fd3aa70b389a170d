//! The softphone's recorder writes `<dir>/<call-uuid>.wav` and a sidecar
//! `<call-uuid>.json` describing the call; the sidecar gains `sha256` when
//! the WAV is finished and closed. Only finished recordings are uploaded.
//!
//! Field names accept the spellings the recorder may use (aliases), so the
//! two crates need not change in lock-step.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Sidecar {
    #[serde(alias = "call_id", alias = "call_uuid", alias = "id")]
    pub uuid: String,
    #[serde(default)]
    pub direction: Option<String>,
    #[serde(default, alias = "local", alias = "from")]
    pub local_number: Option<String>,
    #[serde(default, alias = "remote", alias = "to")]
    pub remote_number: Option<String>,
    #[serde(default, alias = "start", alias = "start_time", alias = "started")]
    pub started_at: Option<DateTime<Utc>>,
    #[serde(default, alias = "answer", alias = "answer_time", alias = "answered")]
    pub answered_at: Option<DateTime<Utc>>,
    #[serde(default, alias = "end", alias = "end_time", alias = "ended")]
    pub ended_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub disposition: Option<String>,
    #[serde(default)]
    pub patient_id: Option<i64>,
    #[serde(default)]
    pub task_id: Option<i64>,
    /// Present once the recording is finished.
    #[serde(default)]
    pub sha256: Option<String>,
}

impl Sidecar {
    pub fn read(path: &Path) -> Result<Sidecar, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The call record the server keeps for this recording.
    pub fn call_upsert(&self) -> hcrm_shared::calls::CallUpsert {
        hcrm_shared::calls::CallUpsert {
            // A value the server does not know is left out rather than
            // failing the upload of the recording.
            direction: self.direction.as_deref().and_then(|d| d.parse().ok()),
            local_number: self.local_number.as_deref().and_then(dialable),
            remote_number: self.remote_number.as_deref().and_then(dialable),
            started_at: self.started_at,
            answered_at: self.answered_at,
            ended_at: self.ended_at,
            disposition: self.disposition.as_deref().and_then(|d| d.parse().ok()),
            patient_id: self.patient_id,
            task_id: self.task_id,
            note: None,
        }
    }
}

/// The number as the server keeps it: the user part of a SIP URI
/// (`sip:13800138000@pbx` → `13800138000`), or nothing when it is not a
/// phone number (`sip:reception@pbx`) — a call record must not fail the
/// upload of its recording.
fn dialable(raw: &str) -> Option<String> {
    let n = raw.trim();
    let n = n.strip_prefix("sips:").or_else(|| n.strip_prefix("sip:")).unwrap_or(n);
    let n = n.split(['@', ';']).next().unwrap_or_default();
    (!n.is_empty() && n.len() <= 64 && n.chars().all(|c| c.is_ascii_digit() || "+*#-".contains(c)))
        .then(|| n.to_string())
}

/// A finished recording found in the directory.
#[derive(Debug, Clone)]
pub struct Found {
    pub sidecar: Sidecar,
    pub sidecar_path: PathBuf,
    pub wav_path: PathBuf,
}

/// Finished recordings in `dir`: a sidecar with a checksum and its WAV.
/// Unreadable sidecars (a recorder writing one right now) are skipped and
/// seen again on the next scan.
pub fn scan(dir: &Path) -> std::io::Result<Vec<Found>> {
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let Ok(sidecar) = Sidecar::read(&path) else { continue };
        if sidecar.sha256.as_deref().is_none_or(|s| s.len() != 64) {
            continue;
        }
        let wav_path = path.with_extension("wav");
        if wav_path.is_file() {
            out.push(Found { sidecar, sidecar_path: path, wav_path });
        }
    }
    out.sort_by(|a, b| a.sidecar.started_at.cmp(&b.sidecar.started_at).then(a.sidecar.uuid.cmp(&b.sidecar.uuid)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_taken_from_sip_uris_or_left_out() {
        assert_eq!(dialable("13800138000").as_deref(), Some("13800138000"));
        assert_eq!(dialable("sip:8001@pbx.local;transport=tcp").as_deref(), Some("8001"));
        assert_eq!(dialable("sips:+8613800138000@pbx").as_deref(), Some("+8613800138000"));
        assert_eq!(dialable("sip:reception@pbx"), None);
        assert_eq!(dialable(""), None);
    }
}
