use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use hcrm_shared::api::Page;
use hcrm_shared::Permission;

use super::model::*;
use super::service::{self, ticket_scope};
use crate::app::AppState;
use crate::audit::Actor;
use crate::auth::AuthUser;
use crate::common::Scope;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery, ClientIp};

/// Runs a change of a ticket in the caller's reach, as the caller, in a
/// write transaction.
async fn change_ticket<T: Send + 'static>(
    state: &AppState,
    auth: AuthUser,
    change: impl FnOnce(&mut DbConnection, &Scope, &Actor) -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    state.db.write(move |conn| change(conn, &ticket_scope(&auth), &auth.actor())).await
}

#[utoipa::path(get, path = "/feedback/tickets", tag = "feedback", params(TicketQuery),
    responses((status = 200, body = Page<Ticket>)), security(("bearer" = ["feedback.read"])))]
pub async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<TicketQuery>,
) -> ApiResult<Json<Page<Ticket>>> {
    auth.require(Permission::FeedbackRead)?;
    Ok(Json(
        state
            .db
            .run(move |conn| {
                let page = service::list(conn, &ticket_scope(&auth), &q)?;
                let ids: Vec<String> = page.items.iter().map(|t| t.id.to_string()).collect();
                crate::audit::record_read(
                    conn,
                    &auth.actor(),
                    crate::audit::AuditAction::FeedbackList,
                    q.patient_id,
                    Some(&ids.join(",")),
                )?;
                Ok(page)
            })
            .await?,
    ))
}

/// Opens a ticket; the anonymous submitter's code is in the answer once.
#[utoipa::path(post, path = "/feedback/tickets", tag = "feedback", request_body = NewTicket,
    responses((status = 201, body = Created)), security(("bearer" = ["feedback.write"])))]
pub async fn create(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(new): ApiJson<NewTicket>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    auth.require(Permission::FeedbackWrite)?;
    let c = state
        .write_and_wake(move |conn, st| service::open(conn, &st.config, auth.hospital_id, &auth.actor(), &new))
        .await?;
    Ok((StatusCode::CREATED, Json(c)))
}

#[utoipa::path(get, path = "/feedback/tickets/{id}", tag = "feedback", params(("id" = i64, Path)),
    responses((status = 200, body = TicketDetail), (status = 404)), security(("bearer" = ["feedback.read"])))]
pub async fn detail(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<TicketDetail>> {
    auth.require(Permission::FeedbackRead)?;
    Ok(Json(state.db.run(move |conn| service::detail(conn, &ticket_scope(&auth), &auth.actor(), id)).await?))
}

/// Routes (转办) the ticket to a department; allowed from any open status.
#[utoipa::path(post, path = "/feedback/tickets/{id}/route", tag = "feedback", params(("id" = i64, Path)), request_body = RouteRequest,
    responses((status = 204), (status = 409)), security(("bearer" = ["feedback.write"])))]
pub async fn route(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<RouteRequest>,
) -> ApiResult<StatusCode> {
    auth.require(Permission::FeedbackWrite)?;
    let config = state.config.clone();
    let ids =
        change_ticket(&state, auth, move |conn, scope, actor| service::route(conn, &config, scope, actor, id, &req))
            .await?;
    state.hub.wake(&ids);
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/feedback/tickets/{id}/status", tag = "feedback", params(("id" = i64, Path)), request_body = StatusRequest,
    responses((status = 204), (status = 409)), security(("bearer" = ["feedback.write"])))]
pub async fn status(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<StatusRequest>,
) -> ApiResult<StatusCode> {
    auth.require(Permission::FeedbackWrite)?;
    let config = state.config.clone();
    change_ticket(&state, auth, move |conn, scope, actor| {
        service::change_status(conn, &config, scope, actor, id, &req)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/feedback/tickets/{id}/comments", tag = "feedback", params(("id" = i64, Path)), request_body = CommentRequest,
    responses((status = 204)), security(("bearer" = ["feedback.write"])))]
pub async fn comment(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<CommentRequest>,
) -> ApiResult<StatusCode> {
    auth.require(Permission::FeedbackWrite)?;
    change_ticket(&state, auth, move |conn, scope, actor| service::comment(conn, scope, actor, id, &req)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Replies to the submitter by SMS or phone; shown on the progress page.
#[utoipa::path(post, path = "/feedback/tickets/{id}/replies", tag = "feedback", params(("id" = i64, Path)), request_body = ReplyRequest,
    responses((status = 204)), security(("bearer" = ["feedback.write"])))]
pub async fn reply(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ReplyRequest>,
) -> ApiResult<StatusCode> {
    auth.require(Permission::FeedbackWrite)?;
    let st = state.clone();
    change_ticket(&state, auth, move |conn, scope, actor| service::reply(conn, &st, scope, actor, id, &req)).await?;
    state.jobs.wake();
    Ok(StatusCode::NO_CONTENT)
}

/// Records the submitter's satisfaction with the handling (回访满意度).
#[utoipa::path(post, path = "/feedback/tickets/{id}/satisfaction", tag = "feedback", params(("id" = i64, Path)), request_body = SatisfactionRequest,
    responses((status = 204)), security(("bearer" = ["feedback.write"])))]
pub async fn satisfaction(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<SatisfactionRequest>,
) -> ApiResult<StatusCode> {
    auth.require(Permission::FeedbackWrite)?;
    change_ticket(&state, auth, move |conn, scope, actor| service::satisfaction(conn, scope, actor, id, &req)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Proposes a compensation; the ticket cannot be resolved until it is decided.
#[utoipa::path(post, path = "/feedback/tickets/{id}/compensation", tag = "feedback", params(("id" = i64, Path)), request_body = CompensationRequest,
    responses((status = 204)), security(("bearer" = ["feedback.write"])))]
pub async fn compensation(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<CompensationRequest>,
) -> ApiResult<StatusCode> {
    auth.require(Permission::FeedbackWrite)?;
    change_ticket(&state, auth, move |conn, scope, actor| service::request_compensation(conn, scope, actor, id, &req))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/feedback/tickets/{id}/compensation/decision", tag = "feedback", params(("id" = i64, Path)), request_body = DecisionRequest,
    responses((status = 204)), security(("bearer" = ["feedback.approve"])))]
pub async fn decide(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<DecisionRequest>,
) -> ApiResult<StatusCode> {
    auth.require(Permission::FeedbackApprove)?;
    change_ticket(&state, auth, move |conn, scope, actor| service::decide_compensation(conn, scope, actor, id, &req))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Content templates for common cases.
#[utoipa::path(get, path = "/feedback/templates", tag = "feedback",
    responses((status = 200, body = Vec<Template>)), security(("bearer" = ["feedback.read"])))]
pub async fn templates(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<Vec<Template>>> {
    auth.require(Permission::FeedbackRead)?;
    Ok(Json(state.db.run(move |conn| service::templates(conn, auth.hospital_id)).await?))
}

/// The anonymous submitter's progress page (no sign-in): ticket number and
/// code. A wrong code answers 404 like an unknown number; checks are
/// limited per client address.
#[utoipa::path(post, path = "/public/feedback/progress", tag = "feedback", request_body = ProgressRequest,
    responses((status = 200, body = Progress), (status = 404), (status = 429)))]
pub async fn progress(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(req): ApiJson<ProgressRequest>,
) -> ApiResult<Json<Progress>> {
    if !state.limits.feedback_checks.allow(&ip) {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "too many checks; try again in a minute",
        ));
    }
    Ok(Json(state.db.run(move |conn| service::progress(conn, &req)).await?))
}

/// The public web form (no sign-in): a complaint, praise or suggestion,
/// real-name or anonymous. Answers the ticket number and the progress code
/// for the progress page (shown once). Limited per client address.
#[utoipa::path(post, path = "/public/feedback/tickets", tag = "feedback", request_body = super::intake::WebFormTicket,
    responses((status = 201, body = Created), (status = 422), (status = 429)))]
pub async fn submit_web_form(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(form): ApiJson<super::intake::WebFormTicket>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    if !state.limits.feedback_forms.allow(&ip) {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "too many submissions; try again in a minute",
        ));
    }
    let st = state.clone();
    let c = state.db.run(move |conn| super::intake::submit_web_form(conn, &st.config, &ip, &form)).await?;
    state.jobs.wake();
    Ok((StatusCode::CREATED, Json(c)))
}

/// Ticket and inquiry statistics for a period (department-scoped like the
/// tickets).
#[utoipa::path(get, path = "/feedback/stats", tag = "feedback", params(super::stats::StatsQuery),
    responses((status = 200, body = super::stats::FeedbackStats)), security(("bearer" = ["stats.read"])))]
pub async fn stats(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<super::stats::StatsQuery>,
) -> ApiResult<Json<super::stats::FeedbackStats>> {
    auth.require(Permission::StatsRead)?;
    let offset = state.config.utc_offset_minutes;
    Ok(Json(
        state
            .db
            .run(move |conn| super::stats::compute(conn, &ticket_scope(&auth), offset, &q, crate::db::now()))
            .await?,
    ))
}

/// The same statistics as an Excel workbook, one sheet per table.
#[utoipa::path(get, path = "/feedback/stats/export", tag = "feedback", params(super::stats::StatsQuery),
    responses((status = 200, description = "xlsx workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")), security(("bearer" = ["stats.read"])))]
pub async fn export(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<super::stats::StatsQuery>,
) -> ApiResult<axum::response::Response> {
    auth.require(Permission::StatsRead)?;
    let offset = state.config.utc_offset_minutes;
    let (bytes, name) = state
        .db
        .run(move |conn| {
            let s = super::stats::compute(conn, &ticket_scope(&auth), offset, &q, crate::db::now())?;
            crate::audit::record_read(
                conn,
                &auth.actor(),
                crate::audit::AuditAction::FeedbackStatsExport,
                None,
                Some(&format!("{}..{}", s.from, s.to)),
            )?;
            Ok((super::stats::export(&s)?, format!("feedback-stats-{}-{}.xlsx", s.from, s.to)))
        })
        .await?;
    Ok(crate::common::download::xlsx(bytes, &name))
}
