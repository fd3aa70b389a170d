//! The knowledge domain's types: article and lookup DTOs, their query
//! parameters, and the diesel rows of articles and their versions.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use hcrm_shared::knowledge::{KbVersionStatus, LookupKind};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::{kb_articles, kb_versions, lookup_items};

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleInput {
    pub category: String,
    pub title: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub body: String,
    /// The expert-consultation call the article was written from.
    #[serde(default)]
    pub source_call_uuid: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    pub approve: bool,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = kb_articles)]
pub struct ArticleRow {
    pub id: i64,
    pub hospital_id: i64,
    pub category: String,
    pub title: String,
    pub tags: String,
    pub body: String,
    pub published_version: Option<i32>,
    pub source_call_uuid: Option<String>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = kb_versions)]
pub struct VersionRow {
    pub id: i64,
    pub article_id: i64,
    pub version: i32,
    pub category: String,
    pub title: String,
    pub tags: String,
    pub body: String,
    pub status: KbVersionStatus,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub reviewed_by: Option<i64>,
    pub reviewed_at: Option<NaiveDateTime>,
    pub review_note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Version {
    pub version: i32,
    pub category: String,
    pub title: String,
    pub tags: Vec<String>,
    pub body: String,
    pub status: KbVersionStatus,
    pub created_at: DateTime<Utc>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Article {
    pub id: i64,
    pub category: String,
    pub title: String,
    pub tags: Vec<String>,
    pub body: String,
    pub published_version: Option<i32>,
    pub latest_version: i32,
    /// Status of the latest version.
    pub status: KbVersionStatus,
    pub source_call_uuid: Option<String>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ArticleDetail {
    pub article: Article,
    pub versions: Vec<Version>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchHit {
    pub id: i64,
    pub category: String,
    pub title: String,
    pub tags: Vec<String>,
    pub title_highlight: Vec<Segment>,
    pub snippet: Vec<Segment>,
    pub score: i64,
}

#[derive(Debug, Default, Clone, Deserialize, IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ArticleQuery {
    pub category: Option<String>,
    /// Latest version status.
    pub status: Option<KbVersionStatus>,
}

#[derive(Debug, Default, Clone, Deserialize, IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    pub q: String,
    pub limit: Option<usize>,
}

/// A piece of highlighted text.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewInquiry {
    /// What was asked about: 门诊时间, 医保报销...
    pub topic: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub patient_id: Option<i64>,
    #[serde(default)]
    pub call_uuid: Option<String>,
    /// The article the answer came from.
    #[serde(default)]
    pub article_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Logged {
    pub id: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
pub struct TopicCount {
    pub topic: String,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Queryable, Selectable)]
#[diesel(table_name = lookup_items)]
pub struct LookupItem {
    #[serde(default)]
    pub id: i64,
    #[serde(skip)]
    pub hospital_id: i64,
    pub kind: LookupKind,
    pub name: String,
    #[serde(default)]
    pub name_initials: String,
    /// The department (directory, clinic, staff).
    #[serde(default)]
    pub department: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub location: String,
    /// Drugs, lab and exam items.
    #[serde(default)]
    pub price: String,
    /// A drug's use, an exam's preparation, a clinic's scope.
    #[serde(default)]
    pub info: String,
    /// When a clinic is held.
    #[serde(default)]
    pub schedule: String,
    /// When lab and exam results are ready.
    #[serde(default)]
    pub turnaround: String,
}

#[derive(Debug, Default, Clone, Deserialize, IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ItemQuery {
    pub kind: Option<LookupKind>,
    pub q: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema, Queryable)]
pub struct Inpatient {
    pub id: i64,
    pub department_id: i64,
    pub department: String,
    pub mrn: String,
    pub name: String,
    pub bed: String,
    pub admitted_on: Option<NaiveDate>,
    pub diagnosis: String,
}

#[derive(Debug, Clone, Serialize, ToSchema, Queryable)]
pub struct Surgery {
    pub id: i64,
    pub department_id: i64,
    pub department: String,
    pub surgery_on: NaiveDate,
    pub mrn: String,
    pub name: String,
    pub operation: String,
    pub room: String,
    pub start_time: String,
}

#[derive(Debug, Default, Clone, Deserialize, IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PatientLookupQuery {
    /// Name, MRN or bed.
    pub q: Option<String>,
    /// Surgeries on this date (YYYY-MM-DD).
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportRequest {
    /// The .xlsx file, base64.
    pub file_base64: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportResult {
    pub rows: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LookupResults {
    pub articles: Vec<SearchHit>,
    pub items: Vec<LookupItem>,
}
