//! The workbench endpoint.

use axum::extract::State;
use axum::Json;
use hcrm_shared::Permission;

use super::model::Workbench;
use super::service;
use crate::app::AppState;
use crate::auth::AuthUser;
use crate::error::ApiResult;

/// My working day: due tasks, promised call-backs, missed calls, numbers.
#[utoipa::path(get, path = "/workbench", tag = "workbench",
    responses((status = 200, body = Workbench)), security(("bearer" = ["followup.work"])))]
pub async fn workbench(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<Workbench>> {
    auth.require(Permission::FollowupWork)?;
    let offset = state.config.utc_offset_minutes;
    Ok(Json(state.db.run(move |conn| service::workbench(conn, &auth, offset)).await?))
}
