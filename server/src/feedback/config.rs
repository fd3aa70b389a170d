//! `[feedback]` configuration: the business-hours calendar, SLAs per kind
//! and severity, escalation and the anonymous progress page's limit.

use serde::Deserialize;

use super::calendar::Calendar;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SlaRule {
    pub kind: String,
    pub severity: String,
    pub first_response_minutes: i64,
    pub resolution_minutes: i64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FeedbackConfig {
    /// Working hours per weekday, Monday first: "08:00-12:00,14:00-17:30";
    /// "" is a closed day. Local time (`utc_offset_minutes`).
    pub week: Vec<String>,
    /// Dates with no work (YYYY-MM-DD).
    pub holidays: Vec<String>,
    /// Weekend dates worked with ordinary hours (调休).
    pub workdays: Vec<String>,
    /// Business minutes per kind and severity; the first matching rule
    /// wins, "*" matches anything.
    pub sla: Vec<SlaRule>,
    /// Business minutes after a missed deadline before the hospital office
    /// is told (the department head is told at the deadline).
    pub office_escalation_minutes: i64,
    /// Department code of the hospital office (院办), told at level 2 with
    /// the administrators.
    pub office_department: String,
    /// Progress checks on the public page per client address per minute.
    pub public_checks_per_minute: u32,
    /// Web-form submissions per client address per minute.
    pub public_submissions_per_minute: u32,
}

fn rule(kind: &str, severity: &str, first: i64, resolve: i64) -> SlaRule {
    SlaRule { kind: kind.into(), severity: severity.into(), first_response_minutes: first, resolution_minutes: resolve }
}

impl Default for FeedbackConfig {
    fn default() -> Self {
        let day = "08:00-12:00,14:00-17:30".to_string();
        FeedbackConfig {
            week: vec![day.clone(), day.clone(), day.clone(), day.clone(), day, String::new(), String::new()],
            holidays: vec![],
            workdays: vec![],
            sla: vec![
                rule("complaint", "critical", 30, 450),
                rule("complaint", "high", 60, 900),
                rule("complaint", "*", 240, 2250),
                rule("suggestion", "*", 900, 4500),
                rule("praise", "*", 900, 4500),
            ],
            office_escalation_minutes: 240,
            office_department: "MED".into(),
            public_checks_per_minute: 10,
            public_submissions_per_minute: 5,
        }
    }
}

impl FeedbackConfig {
    pub fn calendar(&self, utc_offset_minutes: i32) -> Result<Calendar, String> {
        Calendar::from_config(utc_offset_minutes, &self.week, &self.holidays, &self.workdays)
    }

    /// (first response, resolution) business minutes.
    pub fn sla_for(&self, kind: &str, severity: &str) -> (i64, i64) {
        self.sla
            .iter()
            .find(|r| (r.kind == kind || r.kind == "*") && (r.severity == severity || r.severity == "*"))
            .map(|r| (r.first_response_minutes, r.resolution_minutes))
            .unwrap_or((240, 2250))
    }
}
