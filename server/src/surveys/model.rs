//! The surveys domain's types. Its DTOs (questionnaires, versions, responses,
//! links, kiosks, staff surveys, statistics) live in
//! `hcrm_shared::questionnaire::api`, shared with the desktop; here are the
//! server-side shapes the services pass around and the statistics query.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveDateTime};
use hcrm_shared::questionnaire::api::*;
use hcrm_shared::questionnaire::version::VersionStatus;
use hcrm_shared::questionnaire::{ResponseChannel, Satisfaction, Template};
use serde::Deserialize;
use serde_json::Value;
use utoipa::IntoParams;

use crate::db::to_utc;

/// A version with its content parsed.
#[derive(Debug, Clone)]
pub struct LoadedVersion {
    pub id: i64,
    pub questionnaire_id: i64,
    pub hospital_id: i64,
    pub number: i32,
    pub status: VersionStatus,
    pub published_at: Option<NaiveDateTime>,
    pub name: String,
    pub content: Template,
}

impl LoadedVersion {
    pub fn info(&self) -> VersionInfo {
        VersionInfo {
            id: self.id,
            questionnaire_id: self.questionnaire_id,
            number: self.number,
            status: self.status,
            published_at: self.published_at.map(to_utc),
        }
    }
    pub fn detail(&self) -> VersionDetail {
        VersionDetail { info: self.info(), questionnaire_name: self.name.clone(), content: self.content.clone() }
    }
    pub fn is_published(&self) -> bool {
        self.status == VersionStatus::Published
    }
}

/// Everything a channel knows about one answer sheet.
#[derive(Debug, Clone, Default)]
pub struct Submission {
    pub hospital_id: i64,
    pub version_id: i64,
    pub channel: ResponseChannel,
    pub patient_id: Option<i64>,
    pub department_id: Option<i64>,
    pub followup_task_id: Option<i64>,
    pub user_id: Option<i64>,
    pub link_id: Option<i64>,
    pub kiosk_id: Option<i64>,
    pub staff_survey_id: Option<i64>,
    /// Keep no user and no time of day (anonymous staff surveys).
    pub anonymous: bool,
    pub answers: BTreeMap<String, Value>,
    /// The hospital's local date.
    pub today: Option<NaiveDate>,
    /// The server's configuration, for the complaint tickets answer rules
    /// open (their SLAs); without it no ticket is opened.
    pub config: Option<std::sync::Arc<crate::config::Config>>,
}

/// What storing produced: the response and the users to wake.
pub struct Stored {
    pub response: ResponseDetail,
    pub notified: Vec<i64>,
}

/// A valid, unused link behind a token.
#[derive(Debug, Clone)]
pub struct OpenLink {
    pub id: i64,
    pub hospital_id: i64,
    pub version_id: i64,
    pub patient_id: i64,
    pub department_id: Option<i64>,
    pub followup_task_id: Option<i64>,
}

/// The active device behind a token (401 otherwise).
pub struct Device {
    pub id: i64,
    pub hospital_id: i64,
    pub questionnaire_id: i64,
    pub department_id: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    pub questionnaire_id: i64,
    /// First day (local date), inclusive.
    pub from: Option<NaiveDate>,
    /// Last day, inclusive.
    pub to: Option<NaiveDate>,
    pub department_id: Option<i64>,
}

pub struct RespRow {
    pub id: i64,
    pub version_id: i64,
    pub channel: hcrm_shared::questionnaire::ResponseChannel,
    pub department_id: Option<i64>,
    pub answers: BTreeMap<String, Value>,
    pub score: Option<f64>,
    pub satisfaction: Option<Satisfaction>,
    pub answered_on: NaiveDate,
}

/// The responses of one questionnaire in a range, with what is needed to
/// label them.
pub struct Dataset {
    pub name: String,
    pub questionnaire_id: i64,
    pub latest: LoadedVersion,
    pub versions: HashMap<i64, LoadedVersion>,
    pub departments: HashMap<i64, String>,
    pub rows: Vec<RespRow>,
}

pub const NO_DEPARTMENT: &str = "未指定科室";

impl Dataset {
    pub fn department_name(&self, id: Option<i64>) -> String {
        id.and_then(|d| self.departments.get(&d).cloned()).unwrap_or_else(|| NO_DEPARTMENT.to_string())
    }
}

/// One of a patient's answer sheets, for the patient card.
// Queryable: loaded straight from the select, in field order.
#[derive(Debug, Clone, diesel::Queryable, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct PatientResponse {
    pub id: i64,
    pub questionnaire_id: i64,
    pub questionnaire_name: String,
    pub channel: hcrm_shared::questionnaire::ResponseChannel,
    pub score: Option<f64>,
    pub max_score: Option<f64>,
    pub satisfaction: Option<String>,
    pub answered_on: chrono::NaiveDate,
    pub followup_task_id: Option<i64>,
}
