//! DTOs of the job scheduler (事务调度中心), the SMS outbox and in-app
//! notifications, including the frames pushed over `/api/v1/events`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::vocab::text_enum;

// ---------------------------------------------------------------- jobs

text_enum! {
    pub enum JobStatus {
        Pending = "pending",
        Running = "running",
        Done = "done",
        Dead = "dead",
    }
}

text_enum! {
    /// How one attempt of a job ended.
    pub enum JobRunOutcome {
        /// Still running (or its instance died and nobody has noticed yet).
        Running = "running",
        Ok = "ok",
        Retry = "retry",
        /// Put off without spending an attempt (quiet hours, rate limit).
        Held = "held",
        Dead = "dead",
        /// Its instance died; the job was claimed again.
        LeaseExpired = "lease_expired",
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub payload: serde_json::Value,
    pub status: JobStatus,
    pub run_at: DateTime<Utc>,
    /// Cron expression (5 fields, local time) or `@every 30s` for recurring jobs.
    pub schedule: Option<String>,
    pub attempts: i32,
    pub max_attempts: i32,
    pub last_error: Option<String>,
    pub locked_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct JobRun {
    pub id: i64,
    pub attempt: i32,
    /// The server instance that ran it.
    pub runner: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub outcome: JobRunOutcome,
    pub error: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct JobDetail {
    pub job: Job,
    /// Newest first.
    pub runs: Vec<JobRun>,
}

// ---------------------------------------------------------------- SMS

text_enum! {
    /// Where a message (or one part of a long message) stands.
    pub enum SmsStatus {
        Queued = "queued",
        /// Waiting for quiet hours to end or the rate limit to allow it.
        Held = "held",
        Sent = "sent",
        Delivered = "delivered",
        Failed = "failed",
    }
}

impl SmsStatus {
    /// Statuses the send job still works on.
    pub const UNSENT: [SmsStatus; 2] = [SmsStatus::Queued, SmsStatus::Held];
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SmsTemplate {
    pub id: i64,
    pub code: String,
    pub name: String,
    /// Text with `{{variable}}` placeholders; see [`SMS_TEMPLATE_VARIABLES`].
    pub body: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Variables a template may use.
pub const SMS_TEMPLATE_VARIABLES: [&str; 6] = ["patient_name", "department", "date", "time", "doctor", "link"];

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSmsTemplate {
    pub code: String,
    pub name: String,
    pub body: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateSmsTemplate {
    pub name: Option<String>,
    pub body: Option<String>,
    pub active: Option<bool>,
}

/// Send one SMS: to a patient (their first phone unless `phone` is given)
/// or to a bare number; with a template and variables or a literal body.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSms {
    pub patient_id: Option<i64>,
    pub phone: Option<String>,
    pub template_id: Option<i64>,
    #[serde(default)]
    pub variables: BTreeMap<String, String>,
    pub body: Option<String>,
    /// Urgent messages ignore quiet hours (critical values, clinic suspension).
    #[serde(default)]
    pub urgent: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SmsMessage {
    pub id: i64,
    pub patient_id: Option<i64>,
    /// Always masked (reveal on the patient card, which is audited).
    pub phone: String,
    pub body: String,
    pub urgent: bool,
    pub status: SmsStatus,
    /// Why it is held or failed (`quiet_hours`, `rate_limited`, `opted_out`,
    /// `do_not_contact`, or the provider's error).
    pub reason: Option<String>,
    pub provider: Option<String>,
    pub parts: i32,
    pub attempts: i32,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub job_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SmsOptOut {
    pub id: i64,
    pub phone: String,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSmsOptOut {
    pub phone: String,
    #[serde(default)]
    pub reason: String,
}

// ---------------------------------------------------------------- notifications

text_enum! {
    pub enum NotificationKind {
        TaskAssigned = "task_assigned",
        Alert = "alert",
        Reminder = "reminder",
        SmsFailed = "sms_failed",
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Notification {
    pub id: i64,
    pub kind: NotificationKind,
    pub title: String,
    pub body: String,
    /// A UI route to open, e.g. `/patients/12`.
    pub link: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// Send a notification to one user or to every user of a role.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewNotification {
    pub user_id: Option<i64>,
    pub role: Option<crate::Role>,
    pub kind: NotificationKind,
    pub title: String,
    #[serde(default)]
    pub body: String,
    pub link: Option<String>,
    /// Deliver later (a reminder) instead of now.
    pub at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UnreadCount {
    pub unread: i64,
}

/// A frame pushed over the WebSocket `/api/v1/events`, as JSON text.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// First frame after connecting.
    Hello {
        user_id: i64,
        unread: i64,
    },
    Notification {
        notification: Notification,
        unread: i64,
    },
    /// The unread count changed elsewhere (read on another device).
    Unread {
        unread: i64,
    },
}
