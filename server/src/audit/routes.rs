use axum::extract::State;
use axum::Json;
use hcrm_shared::api::{AuditEntry, Page};
use hcrm_shared::Permission;

use super::model::AuditQuery;
use super::service;
use crate::app::AppState;
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::extract::ApiQuery;

/// Search the audit log of the caller's hospital (admins and auditors).
#[utoipa::path(get, path = "/audit", tag = "audit", params(AuditQuery),
    responses((status = 200, body = Page<AuditEntry>)), security(("bearer" = ["audit.read"])))]
pub async fn search(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> ApiResult<Json<Page<AuditEntry>>> {
    auth.require(Permission::AuditRead)?;
    let hospital_id = auth.hospital_id;
    Ok(Json(state.db.run(move |conn| service::search(conn, hospital_id, &q)).await?))
}
