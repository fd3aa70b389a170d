//! The audit domain's types: who acts, the row it appends, the search query.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use hcrm_shared::audit::AuditAction;

use crate::db::schema::audit_log;

/// Who is acting, as the audit log records it.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub username: String,
    pub role: String,
    pub hospital_id: Option<i64>,
    pub ip: String,
}

impl Actor {
    /// The server itself acting (jobs, demo data), under `username`.
    pub fn system(username: &str, hospital_id: Option<i64>) -> Actor {
        Actor { user_id: None, username: username.into(), role: "system".into(), hospital_id, ip: String::new() }
    }
}

#[derive(Insertable)]
#[diesel(table_name = audit_log)]
pub(super) struct NewAuditRow<'a> {
    pub(super) hospital_id: Option<i64>,
    pub(super) at: NaiveDateTime,
    pub(super) user_id: Option<i64>,
    pub(super) username: &'a str,
    pub(super) role: &'a str,
    pub(super) action: AuditAction,
    pub(super) patient_id: Option<i64>,
    pub(super) target: Option<&'a str>,
    pub(super) detail: Option<&'a str>,
    pub(super) ip: &'a str,
}

#[derive(Debug, Default, Clone, serde::Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    pub username: Option<String>,
    /// Text, not [`AuditAction`]: the log keeps the actions of earlier
    /// versions, and they stay searchable.
    pub action: Option<String>,
    pub patient_id: Option<i64>,
    /// Inclusive start, UTC (`2026-11-01T00:00:00`).
    pub from: Option<NaiveDateTime>,
    /// Exclusive end, UTC.
    pub to: Option<NaiveDateTime>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

pub(super) type AuditRow =
    (i64, NaiveDateTime, Option<i64>, String, String, String, Option<i64>, Option<String>, Option<String>, String);
