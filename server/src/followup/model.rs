//! Follow-up DTOs (what the API speaks) and database rows.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use hcrm_shared::api::{PatientTag, Sex, Visit};
use hcrm_shared::followup::{
    AssignStrategy, AttemptOutcome, FollowupMode, RuleKind, TaskChannel, TaskKind, TaskPriority, TaskStatus,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::service::NewTask;
use crate::db::schema::{followup_attempts, followup_plans, followup_rules, followup_settings, followup_tasks};
use crate::db::to_utc;

// ---------------------------------------------------------------- rows

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = followup_tasks)]
pub struct TaskRow {
    pub id: i64,
    /// What the task was made with.
    #[diesel(embed)]
    pub spec: NewTask,
    pub status: TaskStatus,
    pub attempts: i32,
    pub next_attempt_at: Option<NaiveDateTime>,
    pub outcome: Option<String>,
    pub cancel_reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub completed_at: Option<NaiveDateTime>,
    pub rule_id: Option<i64>,
    pub overdue: bool,
    pub last_attempt_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = followup_rules)]
pub struct RuleRow {
    pub id: i64,
    pub hospital_id: i64,
    pub name: String,
    pub kind: RuleKind,
    pub department_id: Option<i64>,
    pub icd_codes: String,
    pub rounds: String,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub active: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = followup_plans)]
pub struct PlanRow {
    pub id: i64,
    pub hospital_id: i64,
    pub department_id: i64,
    pub name: String,
    pub first_date: NaiveDate,
    pub interval_days: i32,
    pub round_count: i32,
    pub rounds: String,
    pub sms_body: String,
    pub active: bool,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = followup_attempts)]
pub struct AttemptRow {
    pub id: i64,
    pub task_id: i64,
    pub user_id: i64,
    pub at: NaiveDateTime,
    pub outcome: AttemptOutcome,
    pub note: String,
    pub call_id: Option<String>,
    pub callback_at: Option<NaiveDateTime>,
}

// ---------------------------------------------------------------- settings

// Also the row of `followup_settings` (keyed by the hospital).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = followup_settings, treat_none_as_null = true)]
#[serde(deny_unknown_fields)]
pub struct FollowupSettings {
    /// `centralised` (the customer-service centre works every task) or
    /// `ward` (doctors and nurses work their own department's tasks).
    pub mode: FollowupMode,
    /// Attempts before a task fails (retry policy).
    pub max_attempts: i32,
    /// Hours between attempts after no answer or busy.
    pub retry_interval_hours: i32,
    /// Share of each department's discharges the centre spot-checks, 0-100.
    pub spot_check_percent: i32,
    pub spot_check_questionnaire_id: Option<i64>,
    /// Days after a revisit due date without a booking before a task is made.
    pub revisit_grace_days: i32,
}

impl Default for FollowupSettings {
    fn default() -> Self {
        FollowupSettings {
            mode: FollowupMode::Centralised,
            max_attempts: 3,
            retry_interval_hours: 24,
            spot_check_percent: 10,
            spot_check_questionnaire_id: None,
            revisit_grace_days: 7,
        }
    }
}

// ---------------------------------------------------------------- tasks

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Task {
    pub id: i64,
    pub patient_id: i64,
    pub patient_name: String,
    pub mrn: String,
    /// Masked; reveal on the patient card (audited).
    pub phone_masked: Option<String>,
    pub visit_id: Option<i64>,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub kind: TaskKind,
    pub title: String,
    pub detail: String,
    pub priority: TaskPriority,
    pub channel: TaskChannel,
    pub questionnaire_id: Option<i64>,
    pub due_from: DateTime<Utc>,
    pub due_until: DateTime<Utc>,
    pub status: TaskStatus,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub attempts: i32,
    pub max_attempts: i32,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub outcome: Option<String>,
    pub cancel_reason: Option<String>,
    pub overdue: bool,
    pub rule_id: Option<i64>,
    pub completed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Attempt {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub username: String,
    pub outcome: AttemptOutcome,
    pub note: String,
    pub call_id: Option<String>,
    pub callback_at: Option<DateTime<Utc>>,
}

impl AttemptRow {
    pub fn dto(&self, username: String) -> Attempt {
        Attempt {
            id: self.id,
            at: to_utc(self.at),
            username,
            outcome: self.outcome,
            note: self.note.clone(),
            call_id: self.call_id.clone(),
            callback_at: self.callback_at.map(to_utc),
        }
    }
}

/// The follow-up screen: the task, who the patient is (masked), the visit
/// it is about and the attempts so far.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TaskDetail {
    pub task: Task,
    pub sex: Sex,
    pub age: Option<i32>,
    pub tags: Vec<PatientTag>,
    pub phones_masked: Vec<String>,
    pub visit: Option<Visit>,
    pub attempts: Vec<Attempt>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordOutcome {
    pub outcome: AttemptOutcome,
    #[serde(default)]
    pub note: String,
    /// Required for `call_back`: when the patient asked to be called.
    pub callback_at: Option<DateTime<Utc>>,
    /// The telephony system's call id, when the call went through it.
    pub call_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Reassign {
    /// The new assignee; `null` returns the task to the pool.
    pub user_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignRequest {
    /// `count` (balanced across `user_ids`) or `department` (each task to
    /// the chosen users of its department, balanced among them).
    pub strategy: AssignStrategy,
    pub user_ids: Vec<i64>,
    /// Only unassigned open tasks of this department / kind.
    pub department_id: Option<i64>,
    pub kind: Option<TaskKind>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AssignResult {
    pub assigned: usize,
    /// (user id, tasks given in this run).
    pub per_user: Vec<UserCount>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UserCount {
    pub user_id: i64,
    pub count: i64,
}

// ---------------------------------------------------------------- rules

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// Window in days after discharge, inclusive.
    pub from_day: i32,
    pub to_day: i32,
    pub questionnaire_id: Option<i64>,
    #[serde(default = "phone")]
    pub channel: TaskChannel,
}

fn phone() -> TaskChannel {
    TaskChannel::Phone
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleInput {
    pub name: String,
    #[serde(default = "discharge")]
    pub kind: RuleKind,
    pub department_id: Option<i64>,
    /// ICD-10 prefixes and inclusive ranges: `I20-I25, I50`. Empty = all.
    #[serde(default)]
    pub icd_codes: String,
    pub rounds: Vec<Round>,
    /// Research: discharges in this period (local dates, inclusive).
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    #[serde(default = "yes")]
    pub active: bool,
}

/// The columns a rule's input sets, alike on insert and on update.
#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = followup_rules, treat_none_as_null = true)]
pub struct RuleColumns<'a> {
    pub name: &'a str,
    pub kind: RuleKind,
    pub department_id: Option<i64>,
    pub icd_codes: &'a str,
    /// The rounds as JSON.
    pub rounds: String,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub active: bool,
}

impl RuleInput {
    pub fn columns(&self) -> RuleColumns<'_> {
        RuleColumns {
            name: self.name.trim(),
            kind: self.kind,
            department_id: self.department_id,
            icd_codes: self.icd_codes.trim(),
            rounds: serde_json::to_string(&self.rounds).unwrap_or_default(),
            period_from: self.period_from,
            period_to: self.period_to,
            active: self.active,
        }
    }
}

fn discharge() -> RuleKind {
    RuleKind::Discharge
}
fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Rule {
    pub id: i64,
    pub name: String,
    pub kind: RuleKind,
    pub department_id: Option<i64>,
    pub icd_codes: String,
    pub rounds: Vec<Round>,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub active: bool,
    /// Tasks this rule made so far.
    pub task_count: i64,
}

impl RuleRow {
    pub fn rounds(&self) -> Vec<Round> {
        serde_json::from_str(&self.rounds).unwrap_or_default()
    }
}

/// What one generator run made.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[schema(as = TaskGenerateResult)]
pub struct GenerateResult {
    pub discharge: usize,
    pub research: usize,
    pub administrative: usize,
    pub department: usize,
    pub revisit: usize,
    pub sms: usize,
    pub overdue: usize,
}

// ---------------------------------------------------------------- plans

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PlanRound {
    pub questionnaire_id: Option<i64>,
    #[serde(default = "phone")]
    pub channel: TaskChannel,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanInput {
    pub name: String,
    pub department_id: i64,
    pub first_date: NaiveDate,
    pub interval_days: i32,
    pub round_count: i32,
    /// One entry per round; the last repeats when there are fewer.
    pub rounds: Vec<PlanRound>,
    /// The text of SMS rounds (`{{name}}` is the patient's name).
    #[serde(default)]
    pub sms_body: String,
    #[serde(default)]
    pub patient_ids: Vec<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Plan {
    pub id: i64,
    pub name: String,
    pub department_id: i64,
    pub first_date: NaiveDate,
    pub interval_days: i32,
    pub round_count: i32,
    pub rounds: Vec<PlanRound>,
    pub sms_body: String,
    pub active: bool,
    pub patient_ids: Vec<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanPatients {
    pub patient_ids: Vec<i64>,
}

// ---------------------------------------------------------------- outpatient, revisits

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FlagVisit {
    /// Days from now the follow-up window stays open (default 7).
    pub due_in_days: Option<i32>,
    #[serde(default)]
    pub note: String,
    pub questionnaire_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRevisit {
    pub patient_id: i64,
    pub visit_id: Option<i64>,
    pub department_id: i64,
    /// The local date by which the patient should come back.
    pub due_date: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Revisit {
    pub id: i64,
    pub patient_id: i64,
    pub department_id: i64,
    pub due_date: NaiveDate,
    pub reminded: bool,
    pub task_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Assignee {
    pub id: i64,
    pub display_name: String,
    pub role: String,
    pub department_id: Option<i64>,
}
