use axum::extract::State;
use axum::Json;
use hcrm_shared::api::Page;
use hcrm_shared::messaging::{Job, JobDetail};
use hcrm_shared::Permission;

use super::model::{JobQuery, JobRow};
use super::service;
use crate::app::AppState;
use crate::audit;
use crate::auth::AuthUser;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::extract::{ApiPath, ApiQuery};

/// Jobs of the caller's hospital, newest first.
#[utoipa::path(get, path = "/jobs", tag = "jobs", params(JobQuery),
    responses((status = 200, body = Page<Job>)), security(("bearer" = ["job.manage"])))]
pub async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<JobQuery>,
) -> ApiResult<Json<Page<Job>>> {
    auth.require(Permission::JobManage)?;
    Ok(Json(state.db.run(move |conn| service::list(conn, auth.hospital_id, &q)).await?))
}

/// One job with its attempts.
#[utoipa::path(get, path = "/jobs/{id}", tag = "jobs", params(("id" = i64, Path)),
    responses((status = 200, body = JobDetail)), security(("bearer" = ["job.manage"])))]
pub async fn detail(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<JobDetail>> {
    auth.require(Permission::JobManage)?;
    Ok(Json(state.db.run(move |conn| service::detail(conn, auth.hospital_id, id)).await?))
}

/// Makes a pending or finished job due now.
#[utoipa::path(post, path = "/jobs/{id}/run-now", tag = "jobs", params(("id" = i64, Path)),
    responses((status = 200, body = Job), (status = 409, description = "running or dead")), security(("bearer" = ["job.manage"])))]
pub async fn run_now(State(state): State<AppState>, auth: AuthUser, ApiPath(id): ApiPath<i64>) -> ApiResult<Json<Job>> {
    requeue(state, auth, id, service::run_now, audit::AuditAction::JobRunNow).await
}

/// Gives a dead job a fresh set of attempts, due now.
#[utoipa::path(post, path = "/jobs/{id}/retry", tag = "jobs", params(("id" = i64, Path)),
    responses((status = 200, body = Job), (status = 409, description = "not dead")), security(("bearer" = ["job.manage"])))]
pub async fn retry(State(state): State<AppState>, auth: AuthUser, ApiPath(id): ApiPath<i64>) -> ApiResult<Json<Job>> {
    requeue(state, auth, id, service::retry, audit::AuditAction::JobRetry).await
}

/// Run-now and retry: the change, its audit entry, then a wake-up for the runner.
async fn requeue(
    state: AppState,
    auth: AuthUser,
    id: i64,
    change: fn(&mut DbConnection, i64, i64) -> ApiResult<JobRow>,
    action: audit::AuditAction,
) -> ApiResult<Json<Job>> {
    auth.require(Permission::JobManage)?;
    let job = state
        .db
        .write(move |conn| {
            let job = change(conn, auth.hospital_id, id)?;
            audit::record(conn, &auth.actor(), action, None, Some(&format!("job:{id}")), Some(&job.kind))?;
            Ok(job)
        })
        .await?;
    state.jobs.wake();
    Ok(Json(job.to_dto()))
}
