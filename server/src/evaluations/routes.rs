use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use hcrm_shared::api::Page;
use hcrm_shared::evaluations::{
    CounterView, DeviceHeartbeat, EvaluationStats, EvaluationWindow, NewEvaluationWindow, NewRating, Rating,
    UpdateEvaluationWindow,
};
use hcrm_shared::Permission;

use super::service::{self, RatingQuery};
use super::{export, stats};
use crate::app::AppState;
use crate::audit;
use crate::auth::AuthUser;
use crate::db::write_transaction;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPath, ApiQuery};

fn timeout(state: &AppState) -> i64 {
    state.config.evaluations.heartbeat_timeout_seconds
}

/// Counter windows with their device and its last heartbeat.
#[utoipa::path(get, path = "/evaluations/windows", tag = "evaluations",
    responses((status = 200, body = Vec<EvaluationWindow>)), security(("bearer" = ["evaluation.read"])))]
pub async fn list_windows(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<Vec<EvaluationWindow>>> {
    auth.require(Permission::EvaluationRead)?;
    let t = timeout(&state);
    let scope = auth.department_scope().and_then(|s| s.first().copied()).or(if auth.role.is_department_scoped() {
        Some(-1)
    } else {
        None
    });
    Ok(Json(
        state
            .db
            .run(move |conn| {
                let rows = service::window_rows(conn, auth.hospital_id, scope)?;
                service::window_dtos(conn, auth.hospital_id, rows, t)
            })
            .await?,
    ))
}

#[utoipa::path(post, path = "/evaluations/windows", tag = "evaluations", request_body = NewEvaluationWindow,
    responses((status = 201, body = EvaluationWindow)), security(("bearer" = ["evaluation.manage"])))]
pub async fn create_window(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(new): ApiJson<NewEvaluationWindow>,
) -> ApiResult<(StatusCode, Json<EvaluationWindow>)> {
    auth.require(Permission::EvaluationManage)?;
    let (st, t) = (state.clone(), timeout(&state));
    let w = state
        .db
        .run(move |conn| {
            let row = write_transaction(conn, |conn| {
                let row = service::create_window(conn, &st.config, auth.hospital_id, &new)?;
                audit::record(
                    conn,
                    &auth.actor(),
                    audit::AuditAction::EvaluationWindowCreate,
                    None,
                    Some(&format!("evaluation_window:{}", row.id)),
                    Some(&row.code),
                )?;
                Ok(row)
            })?;
            Ok(service::window_dtos(conn, auth.hospital_id, vec![row], t)?.remove(0))
        })
        .await?;
    state.jobs.wake();
    Ok((StatusCode::CREATED, Json(w)))
}

#[utoipa::path(patch, path = "/evaluations/windows/{id}", tag = "evaluations", request_body = UpdateEvaluationWindow, params(("id" = i64, Path)),
    responses((status = 200, body = EvaluationWindow)), security(("bearer" = ["evaluation.manage"])))]
pub async fn update_window(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(change): ApiJson<UpdateEvaluationWindow>,
) -> ApiResult<Json<EvaluationWindow>> {
    auth.require(Permission::EvaluationManage)?;
    let t = timeout(&state);
    Ok(Json(
        state
            .db
            .run(move |conn| {
                let row = write_transaction(conn, |conn| {
                    let row = service::update_window(conn, auth.hospital_id, id, &change)?;
                    audit::record(
                        conn,
                        &auth.actor(),
                        audit::AuditAction::EvaluationWindowUpdate,
                        None,
                        Some(&format!("evaluation_window:{id}")),
                        None,
                    )?;
                    Ok(row)
                })?;
                Ok(service::window_dtos(conn, auth.hospital_id, vec![row], t)?.remove(0))
            })
            .await?,
    ))
}

/// A key press forwarded by a counter PC's reader. Idempotent on
/// (device_id, event_seq): 201 when stored now, 200 with the stored rating
/// when it was already there. The reader marks the event forwarded only
/// after either answer.
#[utoipa::path(post, path = "/evaluations/ratings", tag = "evaluations", request_body = NewRating,
    responses((status = 201, body = Rating), (status = 200, body = Rating, description = "already stored")), security(("bearer" = ["evaluation.submit"])))]
pub async fn submit_rating(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(new): ApiJson<NewRating>,
) -> ApiResult<(StatusCode, Json<Rating>)> {
    auth.require(Permission::EvaluationSubmit)?;
    let st = state.clone();
    let (rating, created, effects) = state
        .db
        .run(move |conn| {
            let (row, created, effects) = write_transaction(conn, |conn| {
                service::record_rating(conn, &st, &auth.actor(), auth.hospital_id, &new)
            })?;
            Ok((service::rating_dtos(conn, vec![row])?.remove(0), created, effects))
        })
        .await?;
    if effects.sms > 0 || effects.ticket.is_some() {
        state.jobs.wake();
    }
    Ok((if created { StatusCode::CREATED } else { StatusCode::OK }, Json(rating)))
}

/// Ratings by window, clerk, department and time, newest first.
#[utoipa::path(get, path = "/evaluations/ratings", tag = "evaluations", params(RatingQuery),
    responses((status = 200, body = Page<Rating>)), security(("bearer" = ["evaluation.read"])))]
pub async fn list_ratings(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<RatingQuery>,
) -> ApiResult<Json<Page<Rating>>> {
    auth.require(Permission::EvaluationRead)?;
    let offset = state.config.utc_offset_minutes;
    let scope = auth.department_scope();
    Ok(Json(state.db.run(move |conn| service::list(conn, auth.hospital_id, scope.as_deref(), &q, offset)).await?))
}

#[utoipa::path(get, path = "/evaluations/stats", tag = "evaluations", params(RatingQuery),
    responses((status = 200, body = EvaluationStats)), security(("bearer" = ["evaluation.read"])))]
pub async fn get_stats(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<RatingQuery>,
) -> ApiResult<Json<EvaluationStats>> {
    auth.require(Permission::EvaluationRead)?;
    let (offset, threshold) = (state.config.utc_offset_minutes, state.config.evaluations.low_score_threshold);
    let scope = auth.department_scope();
    Ok(Json(
        state
            .db
            .run(move |conn| {
                let (rows, _) = service::query_rows(conn, auth.hospital_id, scope.as_deref(), &q, offset, None)?;
                stats::compute(conn, auth.hospital_id, &rows, threshold, offset)
            })
            .await?,
    ))
}

/// The statistics and every rating as an Excel workbook with a chart.
#[utoipa::path(get, path = "/evaluations/export", tag = "evaluations", params(RatingQuery),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>)), security(("bearer" = ["evaluation.read"])))]
pub async fn export_xlsx(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<RatingQuery>,
) -> ApiResult<Response> {
    auth.require(Permission::EvaluationRead)?;
    let (offset, threshold) = (state.config.utc_offset_minutes, state.config.evaluations.low_score_threshold);
    let scope = auth.department_scope();
    let bytes = state
        .db
        .run(move |conn| {
            let (rows, _) = service::query_rows(conn, auth.hospital_id, scope.as_deref(), &q, offset, None)?;
            let s = stats::compute(conn, auth.hospital_id, &rows, threshold, offset)?;
            let ratings = service::rating_dtos(conn, rows)?;
            audit::record(
                conn,
                &auth.actor(),
                audit::AuditAction::EvaluationExport,
                None,
                None,
                Some(&format!("{} ratings", ratings.len())),
            )?;
            export::workbook(&s, &ratings, offset)
        })
        .await?;
    Ok(crate::common::download::xlsx(bytes, "evaluations.xlsx"))
}

/// A device heartbeat forwarded by the reader, with the line's counters.
#[utoipa::path(post, path = "/evaluations/heartbeats", tag = "evaluations", request_body = DeviceHeartbeat,
    responses((status = 200, body = EvaluationWindow)), security(("bearer" = ["evaluation.submit"])))]
pub async fn heartbeat(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(hb): ApiJson<DeviceHeartbeat>,
) -> ApiResult<Json<EvaluationWindow>> {
    auth.require(Permission::EvaluationSubmit)?;
    let t = timeout(&state);
    Ok(Json(
        state
            .db
            .run(move |conn| {
                let row = write_transaction(conn, |conn| service::heartbeat(conn, auth.hospital_id, &hb))?;
                Ok(service::window_dtos(conn, auth.hospital_id, vec![row], t)?.remove(0))
            })
            .await?,
    ))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CounterQuery {
    /// The window; default the one the caller is bound to.
    pub window_id: Option<i64>,
}

/// The counter page: the caller's window, its device status and the
/// caller's ratings today.
#[utoipa::path(get, path = "/evaluations/counter", tag = "evaluations", params(CounterQuery),
    responses((status = 200, body = CounterView)), security(("bearer" = ["evaluation.submit"])))]
pub async fn counter(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<CounterQuery>,
) -> ApiResult<Json<CounterView>> {
    auth.require(Permission::EvaluationSubmit)?;
    let (offset, t) = (state.config.utc_offset_minutes, timeout(&state));
    Ok(Json(
        state
            .db
            .run(move |conn| service::counter(conn, auth.hospital_id, auth.user_id, q.window_id, offset, t))
            .await?,
    ))
}
