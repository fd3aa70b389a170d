//! Request and response bodies of the JSON API under `/api/v1`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::roles::{Permission, Role};
use crate::vocab::text_enum;

/// An RFC 9457 problem document; every error the API returns is one.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    /// Stable machine-readable code, e.g. `validation_failed`, `forbidden`.
    pub code: String,
    /// Human-readable explanation naming what is wrong and where.
    pub detail: String,
    /// The offending field, as a JSON path (`phones[1]`), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

// ---------------------------------------------------------------- auth

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LoginResponse {
    /// Opaque bearer token; send as `Authorization: Bearer <token>`.
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user: CurrentUser,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CurrentUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub hospital_id: i64,
    pub hospital_name: String,
    pub permissions: Vec<Permission>,
    /// The hospital's offset from UTC: the UI shows every time in it,
    /// whatever the PC's own time zone.
    pub utc_offset_minutes: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    pub old_password: String,
    pub new_password: String,
}

// ---------------------------------------------------------------- organisation

text_enum! {
    pub enum DepartmentKind {
        Clinical = "clinical",
        Ward = "ward",
        /// Functional office (医务科, 护理部, 客服中心...).
        Office = "office",
        /// Service window (挂号, 药房, 收费).
        Window = "window",
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Department {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: DepartmentKind,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDepartment {
    pub code: String,
    pub name: String,
    pub kind: DepartmentKind,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateDepartment {
    pub name: Option<String>,
    pub kind: Option<DepartmentKind>,
    pub active: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Hospital {
    pub id: i64,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub disabled: bool,
    pub locked_until: Option<DateTime<Utc>>,
    pub last_login_at: Option<DateTime<Utc>>,
    /// The user's mobile phone, masked (138****0009); the department
    /// manager's low-rating SMS goes there.
    #[serde(default)]
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub role: Role,
    #[serde(default)]
    pub department_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUser {
    pub display_name: Option<String>,
    pub role: Option<Role>,
    pub department_id: Option<i64>,
    /// Disabling a user also ends all of their sessions at once.
    pub disabled: Option<bool>,
    /// Clears a lock-out after repeated failed logins.
    pub unlock: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordRequest {
    pub password: String,
}

/// Sets (or, with null, clears) a user's mobile phone.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetUserPhone {
    pub phone: Option<String>,
}

// ---------------------------------------------------------------- patients

text_enum! {
    #[derive(Default)]
    pub enum Sex {
        Male = "male",
        Female = "female",
        #[default]
        Unknown = "unknown",
    }
}

text_enum! {
    pub enum PatientTag {
        Vip = "vip",
        /// Never phone or text this patient (勿扰).
        DoNotContact = "do_not_contact",
        Deceased = "deceased",
    }
}

/// A patient as list views show it: phone and ID numbers masked.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PatientSummary {
    pub id: i64,
    /// Medical record number (病案号), unique within the hospital.
    pub mrn: String,
    pub name: String,
    pub sex: Sex,
    pub birth_date: Option<NaiveDate>,
    pub age: Option<i32>,
    pub id_card_masked: Option<String>,
    pub phones_masked: Vec<String>,
    pub tags: Vec<PatientTag>,
    pub department_names: Vec<String>,
    pub last_visit_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPatient {
    pub mrn: String,
    pub name: String,
    #[serde(default)]
    pub sex: Option<Sex>,
    #[serde(default)]
    pub birth_date: Option<NaiveDate>,
    /// Chinese resident ID; validated with its check digit.
    #[serde(default)]
    pub id_card: Option<String>,
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub tags: Vec<PatientTag>,
    #[serde(default)]
    pub address: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdatePatient {
    pub name: Option<String>,
    pub sex: Option<Sex>,
    pub birth_date: Option<NaiveDate>,
    pub id_card: Option<String>,
    /// Replaces the whole list of phone numbers.
    pub phones: Option<Vec<String>>,
    pub tags: Option<Vec<PatientTag>>,
    pub address: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PatientDetail {
    #[serde(flatten)]
    pub summary: PatientSummary,
    pub address: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PatientCard {
    pub patient: PatientDetail,
    pub visits: Vec<Visit>,
    pub contacts: Vec<Contact>,
}

text_enum! {
    pub enum VisitKind {
        Outpatient = "outpatient",
        Inpatient = "inpatient",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Diagnosis {
    /// ICD-10 code, e.g. `I21.9`.
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Visit {
    pub id: i64,
    /// The HIS's visit number (就诊号 / 住院号).
    pub visit_no: String,
    pub kind: VisitKind,
    pub department_id: i64,
    pub department_name: String,
    pub ward: Option<String>,
    pub attending_doctor: Option<String>,
    pub admitted_at: DateTime<Utc>,
    pub discharged_at: Option<DateTime<Utc>>,
    pub diagnoses: Vec<Diagnosis>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewVisit {
    pub visit_no: String,
    pub kind: VisitKind,
    pub department_id: i64,
    #[serde(default)]
    pub ward: Option<String>,
    #[serde(default)]
    pub attending_doctor: Option<String>,
    pub admitted_at: DateTime<Utc>,
    #[serde(default)]
    pub discharged_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub diagnoses: Vec<Diagnosis>,
}

text_enum! {
    pub enum ContactChannel {
        Phone = "phone",
        Sms = "sms",
        Visit = "visit",
        Other = "other",
    }
}

text_enum! {
    pub enum ContactDirection {
        Inbound = "inbound",
        Outbound = "outbound",
    }
}

/// One entry of the contact log (联系记录).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Contact {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub channel: ContactChannel,
    pub direction: ContactDirection,
    pub summary: String,
    pub username: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewContact {
    pub channel: ContactChannel,
    pub direction: ContactDirection,
    pub summary: String,
}

text_enum! {
    pub enum RevealField {
        Phone = "phone",
        IdCard = "id_card",
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevealRequest {
    pub field: RevealField,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RevealResponse {
    pub values: Vec<String>,
}

// ---------------------------------------------------------------- screen-pop

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ScreenPopResponse {
    /// The caller's number as normalised for lookup.
    pub number: String,
    pub matches: Vec<ScreenPopMatch>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ScreenPopMatch {
    pub patient: PatientSummary,
    pub recent_visits: Vec<Visit>,
    pub open_items: OpenItemCounts,
}

/// What is still open for a patient, for the agent who answers their call.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct OpenItemCounts {
    /// Open follow-up tasks (pending or in progress).
    pub follow_up_tasks: i64,
    /// The open task whose window has begun, first in queue order (due
    /// time, then priority, then id): the one to work on this call.
    pub due_task_id: Option<i64>,
    /// Appointments held or confirmed and not yet attended.
    pub appointments: i64,
    /// Feedback tickets not yet resolved or closed.
    pub complaints: i64,
    /// The latest logged contact with the patient.
    pub last_contact: Option<LastContact>,
}

/// A logged contact, as the screen-pop shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LastContact {
    pub at: DateTime<Utc>,
    pub channel: ContactChannel,
    pub direction: ContactDirection,
    /// What was said or done (the outcome, for a follow-up call).
    pub summary: String,
}

// ---------------------------------------------------------------- audit & stats

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub user_id: Option<i64>,
    pub username: String,
    pub role: String,
    /// What was done, e.g. `patient.read`, `patient.reveal`, `user.create`.
    pub action: String,
    pub patient_id: Option<i64>,
    pub target: Option<String>,
    pub detail: Option<String>,
    pub ip: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DischargePoint {
    pub date: NaiveDate,
    pub department_id: i64,
    pub department_name: String,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DischargeStats {
    pub series: Vec<DischargePoint>,
}
