//! API types of window evaluations (窗口评价): counter windows, ratings as
//! forwarded by the counter PC's reader, and statistics.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::vocab::text_enum;

text_enum! {
    /// What an anomaly alert about a counter window's reader says.
    pub enum AnomalyKind {
        /// No heartbeat within the timeout.
        Offline = "offline",
        /// One key pressed far more often than the statistics allow.
        KeyAlways = "key_always",
        /// One key far less often (a broken key).
        KeyNever = "key_never",
        /// Many presses in a short time.
        Burst = "burst",
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EvaluationWindow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub department_id: i64,
    pub department_name: String,
    pub device_id: Option<String>,
    pub clerk_id: Option<i64>,
    pub clerk_name: Option<String>,
    /// 3, 4 or 5 keys.
    pub layout: i32,
    pub active: bool,
    pub last_heartbeat_at: Option<DateTime<Utc>>,
    /// A heartbeat arrived within the configured timeout.
    pub online: bool,
    /// What the reader last reported: firmware, decoder counters.
    #[schema(value_type = Object)]
    pub device_status: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewEvaluationWindow {
    pub code: String,
    pub name: String,
    pub department_id: i64,
    pub device_id: Option<String>,
    pub clerk_id: Option<i64>,
    pub layout: Option<i32>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateEvaluationWindow {
    pub name: Option<String>,
    /// An empty string unbinds the device.
    pub device_id: Option<String>,
    /// 0 unbinds the clerk.
    pub clerk_id: Option<i64>,
    pub layout: Option<i32>,
    pub active: Option<bool>,
}

/// One key press as the reader forwards it. (device_id, event_seq) is the
/// idempotency key: forwarding again answers 200 with the stored rating.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRating {
    pub device_id: String,
    pub event_seq: i64,
    pub key: i32,
    pub layout: i32,
    #[serde(default)]
    pub prompted: bool,
    pub pressed_at: DateTime<Utc>,
    /// The clerk signed in at the counter when the key was pressed; the
    /// window's clerk when absent.
    pub clerk_id: Option<i64>,
    /// The patient on the clerk's screen (card read or MRN typed).
    pub patient_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Rating {
    pub id: i64,
    pub window_id: i64,
    pub window_name: String,
    pub department_id: i64,
    pub clerk_id: Option<i64>,
    pub clerk_name: Option<String>,
    pub patient_id: Option<i64>,
    pub device_id: String,
    pub event_seq: i64,
    pub key: i32,
    pub layout: i32,
    /// 1..=5 on every layout (see docs/evaluator-protocol.md §6).
    pub score: i32,
    pub label: String,
    pub prompted: bool,
    pub pressed_at: DateTime<Utc>,
    pub received_at: DateTime<Utc>,
}

/// A device's heartbeat as the reader forwards it (at most every few
/// seconds), with what it knows about the device and the line.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeviceHeartbeat {
    pub device_id: String,
    #[schema(value_type = Object)]
    #[serde(default)]
    pub status: serde_json::Value,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CountCell {
    pub id: i64,
    pub name: String,
    pub total: i64,
    pub average_score: f64,
    /// Ratings at or below the low-rating threshold.
    pub low: i64,
    /// Share of ratings with score 4 or 5.
    pub satisfaction: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DayCell {
    pub day: NaiveDate,
    pub total: i64,
    pub average_score: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ScoreCell {
    pub score: i32,
    pub label: String,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EvaluationStats {
    pub total: i64,
    pub average_score: f64,
    pub satisfaction: f64,
    pub low: i64,
    pub by_score: Vec<ScoreCell>,
    pub by_window: Vec<CountCell>,
    pub by_clerk: Vec<CountCell>,
    pub by_department: Vec<CountCell>,
    pub by_day: Vec<DayCell>,
}

/// What the counter page shows: the clerk's window, its device and today.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CounterView {
    pub window: Option<EvaluationWindow>,
    pub today: Vec<Rating>,
    pub today_average: f64,
}
