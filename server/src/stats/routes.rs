use axum::extract::State;
use axum::Json;
use chrono::Duration;
use hcrm_shared::api::DischargeStats;
use hcrm_shared::Permission;

use super::model::DischargeQuery;
use super::service;
use crate::app::AppState;
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::extract::ApiQuery;

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
    let stats = state.db.run(move |conn| service::discharges(conn, hospital_id, scope, days, offset)).await?;
    Ok(Json(stats))
}
