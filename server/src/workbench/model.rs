//! The workbench's answer.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::followup::model::Task;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Workbench {
    /// My open tasks due by the end of today, in queue order (first 20).
    pub due_now: Vec<Task>,
    pub due_now_total: i64,
    /// My open tasks with a call-back promised for today.
    pub callbacks_today: Vec<Task>,
    /// Calls that rang on my phone today, went unanswered, and have not been
    /// answered or returned since.
    pub missed_calls: Vec<MissedCall>,
    pub numbers: DayNumbers,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MissedCall {
    pub uuid: String,
    pub remote_number_masked: String,
    pub started_at: DateTime<Utc>,
    pub patient_id: Option<i64>,
    pub patient_name: Option<String>,
}

/// My day so far (the hospital's day).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct DayNumbers {
    pub calls: i64,
    pub answered_calls: i64,
    pub talk_seconds: i64,
    /// Follow-up attempts recorded (every outcome counts).
    pub attempts: i64,
    /// Tasks of mine completed today.
    pub tasks_completed: i64,
}
