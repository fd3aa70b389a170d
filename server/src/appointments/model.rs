//! Rows and API shapes of appointment booking.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use hcrm_shared::appointments::{AppointmentStatus, BookingChannel, SessionPeriod, SessionStatus, SlotStatus};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::{appointments, appt_api_keys, appt_sessions, appt_slots, appt_templates};
use crate::db::to_utc;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = appt_templates)]
pub struct TemplateRow {
    pub id: i64,
    pub hospital_id: i64,
    pub department_id: i64,
    pub doctor_id: Option<i64>,
    pub title: String,
    pub is_expert: bool,
    pub weekday: i32,
    pub session: SessionPeriod,
    pub start_time: String,
    pub end_time: String,
    pub slot_minutes: i32,
    pub onsite_every: i32,
    pub quotas: String,
    pub active: bool,
    pub created_at: NaiveDateTime,
}

/// The columns a template's input sets, alike on insert and on update.
#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = appt_templates, treat_none_as_null = true)]
pub struct TemplateColumns<'a> {
    pub department_id: i64,
    pub doctor_id: Option<i64>,
    pub title: &'a str,
    pub is_expert: bool,
    pub weekday: i32,
    pub session: SessionPeriod,
    pub start_time: &'a str,
    pub end_time: &'a str,
    pub slot_minutes: i32,
    pub onsite_every: i32,
    /// The quotas as JSON.
    pub quotas: String,
    pub active: bool,
}

impl TemplateInput {
    pub fn columns(&self) -> TemplateColumns<'_> {
        TemplateColumns {
            department_id: self.department_id,
            doctor_id: self.doctor_id,
            title: &self.title,
            is_expert: self.is_expert,
            weekday: self.weekday,
            session: self.session,
            start_time: &self.start_time,
            end_time: &self.end_time,
            slot_minutes: self.slot_minutes,
            onsite_every: self.onsite_every,
            quotas: serde_json::to_string(&self.quotas).unwrap_or_else(|_| "{}".into()),
            active: self.active,
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = appt_sessions)]
pub struct SessionRow {
    pub id: i64,
    pub hospital_id: i64,
    pub department_id: i64,
    pub doctor_id: Option<i64>,
    pub template_id: Option<i64>,
    pub title: String,
    pub is_expert: bool,
    pub day: NaiveDate,
    pub session: SessionPeriod,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub slot_minutes: i32,
    pub capacity: i32,
    pub onsite_every: i32,
    pub quotas: String,
    pub release_at: NaiveDateTime,
    pub status: SessionStatus,
    pub suspend_reason: Option<String>,
    pub suspended_at: Option<NaiveDateTime>,
    pub suspended_by: Option<i64>,
    pub swept_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

impl SessionRow {
    pub fn quota_map(&self) -> BTreeMap<String, i64> {
        serde_json::from_str(&self.quotas).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = appt_slots)]
pub struct SlotRow {
    pub id: i64,
    pub hospital_id: i64,
    pub session_id: i64,
    pub seq: i32,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub reserved_for: Option<BookingChannel>,
    pub status: SlotStatus,
    pub hold_until: Option<NaiveDateTime>,
    pub appointment_id: Option<i64>,
}

impl SlotRow {
    /// A hold past its time is free, whether or not a sweep has seen it.
    pub fn effective_status(&self, now: NaiveDateTime) -> SlotStatus {
        match (self.status, self.hold_until) {
            (SlotStatus::Held, Some(until)) if until < now => SlotStatus::Free,
            (s, _) => s,
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = appointments)]
pub struct AppointmentRow {
    pub id: i64,
    pub hospital_id: i64,
    pub session_id: i64,
    pub slot_id: i64,
    pub seq: i32,
    pub patient_id: i64,
    pub department_id: i64,
    pub doctor_id: Option<i64>,
    pub channel: BookingChannel,
    pub status: AppointmentStatus,
    pub hold_until: Option<NaiveDateTime>,
    pub api_key_id: Option<i64>,
    pub client_ref: Option<String>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub confirmed_at: Option<NaiveDateTime>,
    pub cancelled_at: Option<NaiveDateTime>,
    pub cancel_reason: Option<String>,
    pub checked_in_at: Option<NaiveDateTime>,
    pub no_show_at: Option<NaiveDateTime>,
    pub reminder_sms_id: Option<i64>,
    pub rescheduled_from: Option<i64>,
    pub updated_at: NaiveDateTime,
}

/// A weekly template: this doctor (or department) holds this session every
/// such weekday.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ScheduleTemplateInput)]
pub struct TemplateInput {
    pub department_id: i64,
    #[serde(default)]
    pub doctor_id: Option<i64>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub is_expert: bool,
    /// ISO weekday, 1 = Monday ... 7 = Sunday.
    pub weekday: i32,
    pub session: SessionPeriod,
    /// Local time, `HH:MM`.
    pub start_time: String,
    pub end_time: String,
    pub slot_minutes: i32,
    /// Every n-th number is kept for the on-site window (0: none).
    #[serde(default)]
    pub onsite_every: i32,
    /// Channel -> most live appointments of that channel in one session.
    #[serde(default)]
    pub quotas: BTreeMap<String, i64>,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = ScheduleTemplate)]
pub struct Template {
    pub id: i64,
    #[serde(flatten)]
    pub input: TemplateInput,
}

impl TemplateRow {
    pub fn dto(&self) -> Template {
        Template {
            id: self.id,
            input: TemplateInput {
                department_id: self.department_id,
                doctor_id: self.doctor_id,
                title: self.title.clone(),
                is_expert: self.is_expert,
                weekday: self.weekday,
                session: self.session,
                start_time: self.start_time.clone(),
                end_time: self.end_time.clone(),
                slot_minutes: self.slot_minutes,
                onsite_every: self.onsite_every,
                quotas: serde_json::from_str(&self.quotas).unwrap_or_default(),
                active: self.active,
            },
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HolidayInput {
    pub day: NaiveDate,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Holiday {
    pub id: i64,
    pub day: NaiveDate,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GenerateRequest {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = ScheduleGenerateResult)]
pub struct GenerateResult {
    pub sessions_created: i64,
    pub slots_created: i64,
    pub skipped_holidays: Vec<NaiveDate>,
}

/// A session as the booking console shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Session {
    pub id: i64,
    pub department_id: i64,
    pub department_name: String,
    pub doctor_id: Option<i64>,
    pub doctor_name: Option<String>,
    pub title: String,
    pub is_expert: bool,
    pub day: NaiveDate,
    pub session: SessionPeriod,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub slot_minutes: i32,
    pub capacity: i32,
    /// Numbers still free (on-site reserved ones included).
    pub free: i64,
    pub onsite_every: i32,
    pub quotas: BTreeMap<String, i64>,
    pub release_at: DateTime<Utc>,
    pub status: SessionStatus,
    pub suspend_reason: Option<String>,
    pub waitlist: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Slot {
    pub id: i64,
    pub seq: i32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// `onsite` when the number is kept for the window.
    pub reserved_for: Option<BookingChannel>,
    pub status: SlotStatus,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SessionDetail {
    pub session: Session,
    pub slots: Vec<Slot>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SessionQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub department_id: Option<i64>,
    pub doctor_id: Option<i64>,
    pub expert_only: Option<bool>,
}

/// Book for a patient. Without `slot_id` the first number open to the
/// channel is taken. `confirm` books at once instead of holding.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HoldRequest {
    pub session_id: i64,
    #[serde(default)]
    pub slot_id: Option<i64>,
    pub patient_id: i64,
    /// `phone` (agents), `onsite` (window), `clinic` (doctors); defaults by role.
    #[serde(default)]
    pub channel: Option<BookingChannel>,
    #[serde(default)]
    pub confirm: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Appointment {
    pub id: i64,
    pub session_id: i64,
    pub slot_id: i64,
    /// The sequence number (就诊序号).
    pub seq: i32,
    pub patient_id: i64,
    pub patient_name: String,
    pub department_id: i64,
    pub doctor_id: Option<i64>,
    pub channel: BookingChannel,
    pub status: AppointmentStatus,
    pub hold_until: Option<DateTime<Utc>>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub cancel_reason: Option<String>,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub rescheduled_from: Option<i64>,
}

impl AppointmentRow {
    pub fn dto(&self, patient_name: String, slot: &SlotRow) -> Appointment {
        Appointment {
            id: self.id,
            session_id: self.session_id,
            slot_id: self.slot_id,
            seq: self.seq,
            patient_id: self.patient_id,
            patient_name,
            department_id: self.department_id,
            doctor_id: self.doctor_id,
            channel: self.channel,
            status: self.status,
            hold_until: self.hold_until.map(to_utc),
            starts_at: to_utc(slot.starts_at),
            ends_at: to_utc(slot.ends_at),
            created_at: to_utc(self.created_at),
            confirmed_at: self.confirmed_at.map(to_utc),
            cancelled_at: self.cancelled_at.map(to_utc),
            cancel_reason: self.cancel_reason.clone(),
            checked_in_at: self.checked_in_at.map(to_utc),
            rescheduled_from: self.rescheduled_from,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelRequest {
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RescheduleRequest {
    pub session_id: i64,
    #[serde(default)]
    pub slot_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AppointmentQuery {
    pub patient_id: Option<i64>,
    pub session_id: Option<i64>,
    pub status: Option<AppointmentStatus>,
}

/// One line of the inquiry screen's expert clinic timetable.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TimetableEntry {
    pub session_id: i64,
    pub day: NaiveDate,
    pub session: SessionPeriod,
    pub department_id: i64,
    pub department_name: String,
    pub doctor_id: Option<i64>,
    pub doctor_name: Option<String>,
    pub title: String,
    pub status: SessionStatus,
    pub free: i64,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = appt_api_keys)]
pub struct KeyRow {
    pub id: i64,
    pub hospital_id: i64,
    pub name: String,
    pub channel: BookingChannel,
    pub key_hash: String,
    pub key_prefix: String,
    pub per_minute: i32,
    pub active: bool,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApiKeyInfo {
    pub id: i64,
    pub name: String,
    /// `web`, `wechat` or `partner`.
    pub channel: BookingChannel,
    /// The first characters, to recognise a key.
    pub key_prefix: String,
    pub per_minute: i32,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    /// The key itself: only in the answer that creates it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewApiKey {
    pub name: String,
    /// `web`, `wechat` or `partner`.
    pub channel: BookingChannel,
    #[serde(default)]
    pub per_minute: Option<i32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateApiKey {
    #[serde(default)]
    pub active: Option<bool>,
    #[serde(default)]
    pub per_minute: Option<i32>,
}

impl KeyRow {
    pub fn dto(&self, key: Option<String>) -> ApiKeyInfo {
        ApiKeyInfo {
            id: self.id,
            name: self.name.clone(),
            channel: self.channel,
            key_prefix: self.key_prefix.clone(),
            per_minute: self.per_minute,
            active: self.active,
            created_at: to_utc(self.created_at),
            last_used_at: self.last_used_at.map(to_utc),
            key,
        }
    }
}

/// A booking by the patient themselves.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicHoldRequest {
    pub session_id: i64,
    #[serde(default)]
    pub slot_id: Option<i64>,
    pub name: String,
    /// Resident ID (居民身份证号), checked with its check digit.
    pub id_card: String,
    /// Mobile number; must be one the hospital has for an existing patient.
    pub phone: String,
    /// Book at once instead of holding for `hold_minutes`.
    #[serde(default)]
    pub confirm: bool,
    /// The client's own id of this request: a retry returns the same booking.
    #[serde(default)]
    pub client_ref: Option<String>,
}
