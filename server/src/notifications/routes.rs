use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use hcrm_shared::api::Page;
use hcrm_shared::messaging::{NewNotification, Notification, UnreadCount};
use hcrm_shared::Permission;

use super::model::{DeliverPayload, ListQuery, Message};
use super::service;
use crate::app::AppState;
use crate::audit;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::jobs::{self, NewJob};

/// The caller's own notifications, newest first.
#[utoipa::path(get, path = "/notifications", tag = "notifications", params(ListQuery),
    responses((status = 200, body = Page<Notification>)), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> ApiResult<Json<Page<Notification>>> {
    let user = auth.user_id;
    let (page, per_page) = crate::common::page_bounds(q.page, q.per_page);
    Ok(Json(state.db.run(move |conn| service::list(conn, user, q.unread, page, per_page)).await?))
}

#[utoipa::path(get, path = "/notifications/unread-count", tag = "notifications",
    responses((status = 200, body = UnreadCount)), security(("bearer" = [])))]
pub async fn unread_count(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<UnreadCount>> {
    let user = auth.user_id;
    Ok(Json(UnreadCount { unread: state.db.run(move |conn| service::unread_count(conn, user)).await? }))
}

#[utoipa::path(post, path = "/notifications/{id}/read", tag = "notifications", params(("id" = i64, Path)),
    responses((status = 200, body = UnreadCount)), security(("bearer" = [])))]
pub async fn mark_read(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<UnreadCount>> {
    let user = auth.user_id;
    let unread = state
        .db
        .run(move |conn| {
            service::mark_read(conn, user, id)?;
            service::unread_count(conn, user)
        })
        .await?;
    // The user's other sessions update their badge.
    state.hub.wake(&[user]);
    Ok(Json(UnreadCount { unread }))
}

#[utoipa::path(post, path = "/notifications/read-all", tag = "notifications",
    responses((status = 200, body = UnreadCount)), security(("bearer" = [])))]
pub async fn mark_all_read(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<UnreadCount>> {
    let user = auth.user_id;
    state.db.run(move |conn| service::mark_all_read(conn, user)).await?;
    state.hub.wake(&[user]);
    Ok(Json(UnreadCount { unread: 0 }))
}

/// Sends an alert or reminder to a user or to every user of a role in the
/// caller's hospital, now or at `at`.
#[utoipa::path(post, path = "/notifications", tag = "notifications", request_body = NewNotification,
    responses((status = 202, description = "stored, or scheduled when `at` is given")), security(("bearer" = ["notification.send"])))]
pub async fn send(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(new): ApiJson<NewNotification>,
) -> ApiResult<StatusCode> {
    auth.require(Permission::NotificationSend)?;
    let message = Message { kind: new.kind, title: new.title.clone(), body: new.body.clone(), link: new.link.clone() };
    message.validate()?;
    if new.user_id.is_some() == new.role.is_some() {
        return Err(ApiError::invalid("user_id", "give either user_id or role"));
    }
    let st = state.clone();
    let woken = state
        .db
        .write(move |conn| {
            let users = match (new.user_id, new.role) {
                (Some(u), _) => vec![u],
                (None, Some(r)) => service::users_with_role(conn, auth.hospital_id, r.as_str())?,
                _ => unreachable!(),
            };
            let woken = match new.at {
                Some(at) => {
                    let payload =
                        serde_json::to_value(DeliverPayload { user_ids: users.clone(), message: message.clone() })
                            .unwrap_or_default();
                    let job = NewJob {
                        hospital_id: auth.hospital_id,
                        kind: service::DELIVER_JOB.into(),
                        payload,
                        run_at: Some(at.naive_utc()),
                        ..Default::default()
                    };
                    jobs::enqueue(conn, &st, &job)?;
                    Vec::new()
                }
                None => {
                    let ids = service::create(conn, auth.hospital_id, &users, &message, None)?;
                    if new.user_id.is_some() && ids.is_empty() {
                        return Err(ApiError::not_found("user"));
                    }
                    ids
                }
            };
            audit::record(conn, &auth.actor(), audit::AuditAction::NotificationSend, None, None, Some(&message.title))?;
            Ok(woken)
        })
        .await?;
    state.hub.wake(&woken);
    state.jobs.wake();
    Ok(StatusCode::ACCEPTED)
}
