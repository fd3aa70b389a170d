//! Call records, agent states and recording uploads: the DTOs the server,
//! the desktop uploader and the UI agree on.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::vocab::text_enum;

text_enum! {
    pub enum CallDirection {
        Inbound = "inbound",
        Outbound = "outbound",
    }
}

text_enum! {
    /// How a call ended.
    pub enum CallDisposition {
        Answered = "answered",
        NoAnswer = "no_answer",
        Busy = "busy",
        Rejected = "rejected",
        Failed = "failed",
        Cancelled = "cancelled",
        Transferred = "transferred",
    }
}

text_enum! {
    /// What an agent is doing (坐席状态).
    pub enum AgentStatus {
        Ready = "ready",
        Busy = "busy",
        AfterCallWork = "after_call_work",
        Away = "away",
    }
}

/// Creates or completes a call record; sent by the desktop at the start of a
/// call and again when it is answered and ends. Fields left out (or null)
/// keep what the server already has, so a late retry of an earlier update
/// never erases a later one.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CallUpsert {
    /// Required when the call is new.
    #[serde(default)]
    pub direction: Option<CallDirection>,
    #[serde(default)]
    pub local_number: Option<String>,
    #[serde(default)]
    pub remote_number: Option<String>,
    /// Required when the call is new.
    #[serde(default)]
    pub started_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub answered_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub ended_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub disposition: Option<CallDisposition>,
    #[serde(default)]
    pub patient_id: Option<i64>,
    /// The follow-up task the call works on (its patient becomes the call's).
    #[serde(default)]
    pub task_id: Option<i64>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CallRecord {
    pub uuid: String,
    pub direction: CallDirection,
    pub local_number: String,
    /// Masked in lists (`138****5678`).
    pub remote_number: String,
    pub started_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
    pub disposition: Option<CallDisposition>,
    pub agent_id: i64,
    pub agent_name: String,
    pub patient_id: Option<i64>,
    pub task_id: Option<i64>,
    pub note: Option<String>,
    /// Seconds from answer to end.
    pub talk_seconds: Option<i64>,
    /// A recording fully received and verified.
    pub has_recording: bool,
}

/// Starts (or resumes) the upload of a call's recording.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordingStart {
    pub size: i64,
    /// Lower-case hex SHA-256 of the whole file.
    pub sha256: String,
    #[serde(default)]
    pub content_type: Option<String>,
}

/// Where an upload stands: the next byte the server expects is `received`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RecordingStatus {
    pub call_uuid: String,
    pub size: i64,
    pub sha256: String,
    pub received: i64,
    /// All bytes arrived and the checksum matched.
    pub complete: bool,
}

/// A short-lived address to stream a recording from; the play is audited
/// when it is issued. Range requests on it answer 206.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RecordingPlay {
    pub url: String,
    pub expires_at: DateTime<Utc>,
    pub size: i64,
    pub content_type: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgentStateChange {
    pub state: AgentStatus,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AgentState {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub state: AgentStatus,
    pub reason: Option<String>,
    pub since: DateTime<Utc>,
    pub until: Option<DateTime<Utc>>,
}

/// The number to dial for one of a patient's phones, chosen by its position
/// on the card; only the desktop asks, and each answer is audited.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DialTargetRequest {
    pub patient_id: i64,
    /// Index into the card's `phones_masked`.
    #[serde(default)]
    pub phone_index: usize,
    #[serde(default)]
    pub task_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DialTarget {
    pub number: String,
    pub patient_id: i64,
    pub task_id: Option<i64>,
}

/// Adds a caller's number to a patient ("link to patient" on an unknown
/// caller's screen-pop).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkNumber {
    pub number: String,
}

/// Parses `Content-Range: bytes <start>-<end>/<total>` of an upload chunk.
pub fn parse_upload_range(v: &str) -> Option<(u64, u64, u64)> {
    let rest = v.trim().strip_prefix("bytes ")?;
    let (range, total) = rest.split_once('/')?;
    let (s, e) = range.split_once('-')?;
    let (s, e, t) = (s.trim().parse().ok()?, e.trim().parse().ok()?, total.trim().parse().ok()?);
    (s <= e && e < t).then_some((s, e, t))
}

/// A single `Range: bytes=...` request resolved against a length: the
/// inclusive byte span, or `Err(())` when it cannot be satisfied (416).
/// `Ok(None)` means no usable range header: send the whole body.
#[allow(clippy::result_unit_err)]
pub fn resolve_range(header: Option<&str>, len: u64) -> Result<Option<(u64, u64)>, ()> {
    let Some(h) = header else { return Ok(None) };
    let Some(spec) = h.trim().strip_prefix("bytes=") else { return Ok(None) };
    // Several ranges would need multipart/byteranges; players ask for one.
    let spec = spec.split(',').next().unwrap_or("").trim();
    let Some((s, e)) = spec.split_once('-') else { return Err(()) };
    let (s, e) = (s.trim(), e.trim());
    if s.is_empty() {
        let n: u64 = e.parse().map_err(|_| ())?;
        if n == 0 || len == 0 {
            return Err(());
        }
        return Ok(Some((len.saturating_sub(n), len - 1)));
    }
    let start: u64 = s.parse().map_err(|_| ())?;
    if start >= len {
        return Err(());
    }
    let end = if e.is_empty() { len - 1 } else { e.parse::<u64>().map_err(|_| ())?.min(len - 1) };
    if end < start {
        return Err(());
    }
    Ok(Some((start, end)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(resolve_range(None, 10), Ok(None));
        assert_eq!(resolve_range(Some("bytes=0-"), 10), Ok(Some((0, 9))));
        assert_eq!(resolve_range(Some("bytes=2-4"), 10), Ok(Some((2, 4))));
        assert_eq!(resolve_range(Some("bytes=8-100"), 10), Ok(Some((8, 9))));
        assert_eq!(resolve_range(Some("bytes=-3"), 10), Ok(Some((7, 9))));
        assert_eq!(resolve_range(Some("bytes=10-"), 10), Err(()));
        assert_eq!(resolve_range(Some("bytes=5-2"), 10), Err(()));
        assert_eq!(resolve_range(Some("bytes=x-"), 10), Err(()));
        assert_eq!(parse_upload_range("bytes 0-99/1000"), Some((0, 99, 1000)));
        assert_eq!(parse_upload_range("bytes 0-1000/1000"), None);
    }
}
