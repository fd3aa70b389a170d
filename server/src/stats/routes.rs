use std::collections::BTreeMap;

use axum::extract::State;
use axum::Json;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use hcrm_shared::api::{DischargePoint, DischargeStats};
use hcrm_shared::Permission;

use crate::app::AppState;
use crate::auth::AuthUser;
use crate::db::now;
use crate::db::schema::{departments, visits};
use crate::db_run;
use crate::error::ApiResult;
use crate::extract::ApiQuery;

#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DischargeQuery {
    /// How many days back, 1 to 366 (default 30).
    pub days: Option<i64>,
}

/// Discharges per day and department; managers see their own department.
#[utoipa::path(get, path = "/stats/discharges", tag = "stats", params(DischargeQuery),
    responses((status = 200, body = DischargeStats)), security(("bearer" = ["stats.read"])))]
pub async fn discharges(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<DischargeQuery>,
) -> ApiResult<Json<DischargeStats>> {
    auth.require(Permission::StatsRead)?;
    let days = q.days.unwrap_or(30).clamp(1, 366);
    // Days are the hospital's local days, not UTC ones.
    let offset = Duration::minutes(state.config.utc_offset_minutes as i64);
    let scope = auth.department_scope();
    let hospital_id = auth.hospital_id;
    let rows: Vec<(NaiveDateTime, i64, String)> = state
        .db
        .run(move |conn| {
            let since = now() - Duration::days(days);
            Ok(db_run!(conn: {
                let mut query = visits::table
                    .inner_join(departments::table)
                    .filter(visits::hospital_id.eq(hospital_id))
                    .filter(visits::discharged_at.ge(since))
                    .select((visits::discharged_at.assume_not_null(), visits::department_id, departments::name))
                    .into_boxed();
                if let Some(depts) = &scope {
                    query = query.filter(visits::department_id.eq_any(depts.clone()));
                }
                query.load(conn)?
            }))
        })
        .await?;
    let mut counts: BTreeMap<(chrono::NaiveDate, i64), (String, i64)> = BTreeMap::new();
    for (at, dept, name) in rows {
        counts.entry(((at + offset).date(), dept)).or_insert((name, 0)).1 += 1;
    }
    let series = counts
        .into_iter()
        .map(|((date, department_id), (department_name, count))| DischargePoint {
            date,
            department_id,
            department_name,
            count,
        })
        .collect();
    Ok(Json(DischargeStats { series }))
}
