//! Ticket DTOs, rows and the status rules.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::{feedback_history, feedback_tickets};

pub const KINDS: [&str; 3] = ["complaint", "praise", "suggestion"];
pub const SOURCES: [&str; 7] = ["phone", "followup", "questionnaire", "evaluator", "walk_in", "web_form", "letter"];
pub const SEVERITIES: [&str; 4] = ["low", "normal", "high", "critical"];
pub const STATUSES: [&str; 7] = ["new", "assigned", "in_progress", "waiting_patient", "resolved", "closed", "reopened"];

/// Allowed status changes. Routing (转办) is separate: it moves any open
/// ticket to another department and sets it `assigned`.
pub fn transition_allowed(from: &str, to: &str) -> bool {
    matches!(
        (from, to),
        ("new", "assigned" | "in_progress" | "closed")
            | ("assigned", "in_progress" | "waiting_patient" | "resolved")
            | ("in_progress", "waiting_patient" | "resolved")
            | ("waiting_patient", "in_progress" | "resolved")
            | ("resolved", "closed" | "reopened")
            | ("closed", "reopened")
            | ("reopened", "assigned" | "in_progress" | "resolved")
    )
}

pub fn is_open(status: &str) -> bool {
    !matches!(status, "resolved" | "closed")
}

/// What a producer (an agent, a questionnaire rule, an evaluator rating, a
/// call) asks for. `(source, source_ref)` makes it idempotent.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTicket {
    pub kind: String,
    pub source: String,
    /// Call uuid, questionnaire response id, rating id... as text.
    #[serde(default)]
    pub source_ref: Option<String>,
    #[serde(default = "normal")]
    pub severity: String,
    #[serde(default)]
    pub anonymous: bool,
    #[serde(default)]
    pub patient_id: Option<i64>,
    #[serde(default)]
    pub contact_name: String,
    #[serde(default)]
    pub contact_phone: Option<String>,
    pub topic: String,
    pub content: String,
    /// Departments concerned; the first becomes the handling department.
    #[serde(default)]
    pub department_ids: Vec<i64>,
    #[serde(default)]
    pub staff_user_id: Option<i64>,
    #[serde(default)]
    pub staff_name: String,
    /// The call the ticket came from (its recording is linked by it).
    #[serde(default)]
    pub call_uuid: Option<String>,
    /// When the hospital received it (a letter's date); the SLA counts from
    /// here. Defaults to now; cannot be in the future.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub received_at: Option<DateTime<Utc>>,
}

fn normal() -> String {
    "normal".into()
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Created {
    pub id: i64,
    pub number: String,
    /// The anonymous submitter's progress code; shown once, stored hashed.
    pub secret_code: Option<String>,
    pub created: bool,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = feedback_tickets)]
pub struct TicketRow {
    pub id: i64,
    pub hospital_id: i64,
    pub number: String,
    pub kind: String,
    pub source: String,
    pub source_ref: Option<String>,
    pub severity: String,
    pub status: String,
    pub anonymous: bool,
    pub patient_id: Option<i64>,
    pub contact_name: String,
    pub contact_phone: Option<String>,
    pub topic: String,
    pub content: String,
    pub staff_user_id: Option<i64>,
    pub staff_name: String,
    pub current_department_id: Option<i64>,
    pub secret_hash: Option<String>,
    pub call_uuid: Option<String>,
    pub first_response_due: NaiveDateTime,
    pub resolution_due: NaiveDateTime,
    pub first_responded_at: Option<NaiveDateTime>,
    pub resolved_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub paused_at: Option<NaiveDateTime>,
    pub escalation_level: i32,
    pub compensation_cents: Option<i64>,
    pub compensation_status: String,
    pub satisfaction: Option<i32>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Ticket {
    pub id: i64,
    pub number: String,
    pub kind: String,
    pub source: String,
    pub source_ref: Option<String>,
    pub severity: String,
    pub status: String,
    pub anonymous: bool,
    pub patient_id: Option<i64>,
    pub contact_name: String,
    /// Masked.
    pub contact_phone: Option<String>,
    pub topic: String,
    pub content: String,
    pub staff_user_id: Option<i64>,
    pub staff_name: String,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub department_ids: Vec<i64>,
    pub call_uuid: Option<String>,
    pub first_response_due: DateTime<Utc>,
    pub resolution_due: DateTime<Utc>,
    pub first_responded_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// The SLA clock is stopped (waiting for the patient) since then.
    pub paused_at: Option<DateTime<Utc>>,
    /// 0 none, 1 department head told, 2 hospital office told.
    pub escalation_level: i32,
    pub compensation_cents: Option<i64>,
    pub compensation_status: String,
    pub satisfaction: Option<i32>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = feedback_history)]
pub struct HistoryRow {
    pub id: i64,
    #[serde(skip)]
    pub ticket_id: i64,
    #[schema(value_type = String)]
    pub at: NaiveDateTime,
    pub user_id: Option<i64>,
    pub username: String,
    pub action: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub department_id: Option<i64>,
    pub body: String,
    pub channel: Option<String>,
    pub public: bool,
    pub call_uuid: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TicketDetail {
    pub ticket: Ticket,
    pub history: Vec<HistoryRow>,
    /// The recording of the call the ticket came from, when uploaded.
    pub recording: Option<hcrm_shared::calls::RecordingStatus>,
}

#[derive(Debug, Default, Clone, Deserialize, IntoParams)]
#[serde(default, deny_unknown_fields)]
pub struct TicketQuery {
    pub kind: Option<String>,
    pub status: Option<String>,
    pub patient_id: Option<i64>,
    pub department_id: Option<i64>,
    /// Only tickets with a missed deadline.
    pub overdue: Option<bool>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RouteRequest {
    pub department_id: i64,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusRequest {
    pub status: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentRequest {
    pub body: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplyRequest {
    /// `sms` (sent through the outbox) or `phone` (a recorded call).
    pub channel: String,
    pub body: String,
    #[serde(default)]
    pub call_uuid: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SatisfactionRequest {
    /// 1 (very dissatisfied) to 5 (very satisfied).
    pub score: i32,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompensationRequest {
    pub amount_cents: i64,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    pub approve: bool,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressRequest {
    pub number: String,
    pub code: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProgressReply {
    pub at: DateTime<Utc>,
    pub channel: Option<String>,
    pub body: String,
}

/// What the anonymous submitter sees: no names, no departments.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Progress {
    pub number: String,
    pub kind: String,
    pub status: String,
    pub topic: String,
    pub created_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub replies: Vec<ProgressReply>,
}

#[derive(Debug, Clone, Serialize, ToSchema, Queryable)]
pub struct Template {
    pub id: i64,
    pub code: String,
    pub kind: String,
    pub topic: String,
    pub body: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_pair_is_decided() {
        let allowed: Vec<(&str, &str)> = STATUSES
            .iter()
            .flat_map(|a| STATUSES.iter().map(move |b| (*a, *b)))
            .filter(|(a, b)| transition_allowed(a, b))
            .collect();
        assert_eq!(allowed.len(), 16);
        assert!(!transition_allowed("closed", "in_progress"));
        assert!(!transition_allowed("new", "resolved"));
        assert!(!transition_allowed("resolved", "resolved"));
        for s in STATUSES {
            assert!(!transition_allowed(s, s), "{s} to itself");
        }
    }
}
