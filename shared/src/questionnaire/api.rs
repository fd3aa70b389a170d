//! API DTOs of the survey endpoints (`/api/v1/surveys`, `/api/v1/kiosk`,
//! `/api/v1/public/surveys`).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::model::Template;

crate::vocab::text_enum! {
    /// What a questionnaire is for.
    #[derive(Default)]
    pub enum QuestionnaireCategory {
        Satisfaction = "satisfaction",
        Staff = "staff",
        #[default]
        General = "general",
    }
}

crate::vocab::text_enum! {
    /// Staff groups a staff survey can go to (护理, 医技, 药学, 医生, 后勤, 行政).
    pub enum StaffGroup {
        Nursing = "nursing",
        MedicalTechnology = "medical_technology",
        Pharmacy = "pharmacy",
        Doctors = "doctors",
        Logistics = "logistics",
        Administration = "administration",
        Custom = "custom",
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct QuestionnaireSummary {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub category: QuestionnaireCategory,
    /// The version new responses are given on (the latest published).
    pub current_version_id: Option<i64>,
    pub current_version: Option<i32>,
    /// A draft waiting to be published, if any.
    pub draft_version: Option<i32>,
    pub responses: i64,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct VersionInfo {
    pub id: i64,
    pub questionnaire_id: i64,
    pub number: i32,
    pub status: super::version::VersionStatus,
    pub published_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct VersionDetail {
    #[serde(flatten)]
    pub info: VersionInfo,
    pub questionnaire_name: String,
    pub content: Template,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct QuestionnaireDetail {
    #[serde(flatten)]
    pub summary: QuestionnaireSummary,
    pub versions: Vec<VersionInfo>,
    /// The latest version (the draft when there is one).
    pub latest: VersionDetail,
}

/// One-pass creation (一步创建问卷): the template and, with `publish`, its
/// first version live at once.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewQuestionnaire {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub category: QuestionnaireCategory,
    pub template: Template,
    #[serde(default)]
    pub publish: bool,
}

/// An edit: replaces the draft, or starts a new draft when the latest
/// version is published.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditQuestionnaire {
    pub name: Option<String>,
    pub template: Template,
    #[serde(default)]
    pub publish: bool,
}

/// Record an answer sheet: by an agent on the phone (`phone`), by staff on
/// a patient's behalf (`web`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewResponse {
    /// The version answered; default: the template's current version.
    pub version_id: Option<i64>,
    pub questionnaire_id: Option<i64>,
    #[serde(default)]
    pub channel: super::ResponseChannel,
    pub patient_id: Option<i64>,
    pub followup_task_id: Option<i64>,
    /// Department the answers are about; default: the task's, else the
    /// patient's latest visit's.
    pub department_id: Option<i64>,
    #[schema(value_type = Object)]
    pub answers: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ResponseDetail {
    pub id: i64,
    pub version_id: i64,
    pub version: i32,
    pub questionnaire_id: i64,
    pub channel: super::ResponseChannel,
    pub patient_id: Option<i64>,
    pub department_id: Option<i64>,
    pub followup_task_id: Option<i64>,
    #[schema(value_type = Object)]
    pub answers: BTreeMap<String, Value>,
    pub score: Option<f64>,
    pub max_score: Option<f64>,
    pub satisfaction: Option<String>,
    pub answered_on: NaiveDate,
    /// Callback tasks the answers opened.
    pub callback_task_ids: Vec<i64>,
}

/// A link to the public form, sent by SMS unless `send_sms` is false.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSurveyLink {
    pub questionnaire_id: i64,
    pub patient_id: i64,
    pub followup_task_id: Option<i64>,
    pub department_id: Option<i64>,
    #[serde(default = "yes")]
    pub send_sms: bool,
    /// Override the configured validity.
    pub valid_hours: Option<i64>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SurveyLink {
    pub id: i64,
    pub token: String,
    /// The address of the public form (relative unless `[surveys] public_base_url` is set).
    pub url: String,
    pub expires_at: DateTime<Utc>,
    pub sms_message_id: Option<i64>,
}

/// What a public form or a kiosk shows: the questionnaire, no patient data.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PublicQuestionnaire {
    pub version_id: i64,
    pub title: String,
    pub content: Template,
    /// Kiosks: reset after this many idle seconds.
    pub idle_seconds: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicAnswers {
    #[schema(value_type = Object)]
    pub answers: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewKiosk {
    pub name: String,
    pub questionnaire_id: i64,
    pub department_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Kiosk {
    pub id: i64,
    pub name: String,
    pub questionnaire_id: i64,
    pub department_id: Option<i64>,
    pub active: bool,
    pub last_seen_on: Option<NaiveDate>,
    /// Shown once, at creation: the device keeps it (kiosk page `?device=`).
    pub token: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewStaffSurvey {
    pub questionnaire_id: i64,
    pub title: String,
    pub staff_group: StaffGroup,
    #[serde(default)]
    pub anonymous: bool,
    /// Staff with one of these roles...
    #[serde(default)]
    pub roles: Vec<String>,
    /// ...or in one of these departments. Both empty: all active staff.
    #[serde(default)]
    pub department_ids: Vec<i64>,
    pub due_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StaffSurvey {
    pub id: i64,
    pub title: String,
    pub staff_group: StaffGroup,
    pub anonymous: bool,
    pub version_id: i64,
    pub questionnaire_id: i64,
    pub due_on: Option<NaiveDate>,
    pub assigned: i64,
    pub answered: i64,
    /// Whether the caller is assigned and has answered (for "my surveys").
    pub answered_by_me: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StaffAssignee {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub department_name: Option<String>,
    pub answered_on: Option<NaiveDate>,
    pub reminded_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StaffSurveyDetail {
    #[serde(flatten)]
    pub survey: StaffSurvey,
    pub assignees: Vec<StaffAssignee>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Reminded {
    pub reminded: usize,
}

/// Counts of one answer value of one question.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AnswerCount {
    pub value: String,
    pub label: String,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct QuestionStats {
    pub id: String,
    pub text: String,
    pub kind: String,
    pub answered: i64,
    pub distribution: Vec<AnswerCount>,
    pub average: Option<f64>,
}

/// Satisfaction of one department in one month (`department_id` null:
/// the whole hospital; `month` "all": the whole range).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SatisfactionRow {
    pub month: String,
    pub department_id: Option<i64>,
    pub department_name: String,
    /// Responses with a valid answer to the satisfaction question.
    pub valid: i64,
    /// 非常满意 + 满意.
    pub satisfied: i64,
    /// satisfied / valid in percent, one decimal.
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TextAnswer {
    pub response_id: i64,
    pub question_id: String,
    pub answered_on: NaiveDate,
    pub department_name: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SurveyStats {
    pub questionnaire_id: i64,
    pub name: String,
    pub responses: i64,
    pub average_score: Option<f64>,
    /// Overall, whole range.
    pub overall: SatisfactionRow,
    /// Hospital per month (the trend).
    pub monthly: Vec<SatisfactionRow>,
    /// Per department over the whole range.
    pub departments: Vec<SatisfactionRow>,
    /// Per department per month.
    pub by_department: Vec<SatisfactionRow>,
    pub questions: Vec<QuestionStats>,
    pub texts: Vec<TextAnswer>,
}
