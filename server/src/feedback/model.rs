//! Ticket DTOs, rows and the status rules.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use hcrm_shared::feedback::{
    CompensationStatus, ReplyChannel, TicketAction, TicketKind, TicketSeverity, TicketSource, TicketStatus,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::{feedback_history, feedback_tickets};

/// What a producer (an agent, a questionnaire rule, an evaluator rating, a
/// call) asks for. `(source, source_ref)` makes it idempotent.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTicket {
    pub kind: TicketKind,
    pub source: TicketSource,
    /// Call uuid, questionnaire response id, rating id... as text.
    #[serde(default)]
    pub source_ref: Option<String>,
    /// `normal` when absent or empty.
    #[serde(default, deserialize_with = "severity_or_normal")]
    pub severity: TicketSeverity,
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

/// For producers that fill in a few fields (`..Default::default()`): a
/// complaint taken on the phone.
impl Default for NewTicket {
    fn default() -> Self {
        NewTicket {
            kind: TicketKind::Complaint,
            source: TicketSource::Phone,
            source_ref: None,
            severity: TicketSeverity::Normal,
            anonymous: false,
            patient_id: None,
            contact_name: String::new(),
            contact_phone: None,
            topic: String::new(),
            content: String::new(),
            department_ids: Vec::new(),
            staff_user_id: None,
            staff_name: String::new(),
            call_uuid: None,
            received_at: None,
        }
    }
}

/// An empty severity has always meant the default one.
fn severity_or_normal<'de, D: serde::Deserializer<'de>>(d: D) -> Result<TicketSeverity, D::Error> {
    let s = String::deserialize(d)?;
    match s.trim() {
        "" => Ok(TicketSeverity::Normal),
        s => s.parse().map_err(serde::de::Error::custom),
    }
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
    pub kind: TicketKind,
    pub source: TicketSource,
    pub source_ref: Option<String>,
    pub severity: TicketSeverity,
    pub status: TicketStatus,
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
    pub compensation_status: CompensationStatus,
    pub satisfaction: Option<i32>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Ticket {
    pub id: i64,
    pub number: String,
    pub kind: TicketKind,
    pub source: TicketSource,
    pub source_ref: Option<String>,
    pub severity: TicketSeverity,
    pub status: TicketStatus,
    pub anonymous: bool,
    pub patient_id: Option<i64>,
    /// The patient's name and MRN (none on an anonymous ticket).
    pub patient_name: Option<String>,
    pub patient_mrn: Option<String>,
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
    pub compensation_status: CompensationStatus,
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
    pub action: TicketAction,
    pub from_status: Option<TicketStatus>,
    pub to_status: Option<TicketStatus>,
    pub department_id: Option<i64>,
    pub body: String,
    pub channel: Option<ReplyChannel>,
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
#[into_params(parameter_in = Query)]
pub struct TicketQuery {
    pub kind: Option<TicketKind>,
    pub status: Option<TicketStatus>,
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
    pub status: TicketStatus,
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
    pub channel: ReplyChannel,
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
    pub channel: Option<ReplyChannel>,
    pub body: String,
}

/// What the anonymous submitter sees: no names, no departments.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Progress {
    pub number: String,
    pub kind: TicketKind,
    pub status: TicketStatus,
    pub topic: String,
    pub created_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub replies: Vec<ProgressReply>,
}

#[derive(Debug, Clone, Serialize, ToSchema, Queryable)]
#[schema(as = FeedbackTemplate)]
pub struct Template {
    pub id: i64,
    pub code: String,
    pub kind: TicketKind,
    pub topic: String,
    pub body: String,
}
