//! `GET /api/v1/events`: the WebSocket push channel. Browsers cannot set an
//! Authorization header on a WebSocket, so the token may also come as
//! `?token=`. Frames are JSON [`Event`]s. Kept out of the OpenAPI document
//! (it is not a JSON endpoint); `tests/api/notifications.rs` covers it.

use std::time::Duration;

use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use hcrm_shared::messaging::Event;
use tokio::sync::broadcast::error::RecvError;

use super::service;
use crate::app::AppState;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::{ApiQuery, ClientIp};

#[derive(serde::Deserialize)]
pub struct EventsQuery {
    token: Option<String>,
}

/// How often a session looks for notifications made by other instances.
const POLL: Duration = Duration::from_secs(2);
/// How many polls between checks that the session is still valid.
const REAUTH_EVERY: u32 = 15;

pub async fn events(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    ApiQuery(q): ApiQuery<EventsQuery>,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(|t| t.trim().to_string())
        .or(q.token)
        .filter(|t| !t.is_empty());
    let Some(token) = token else {
        return ApiError::unauthorized("sign in first: no token").into_response();
    };
    let auth = match authenticate(&state, &token, &ip).await {
        Ok(a) => a,
        Err(e) => return e.into_response(),
    };
    match upgrade {
        Ok(ws) => ws.on_upgrade(move |socket| session(state, auth, token, ip, socket)).into_response(),
        Err(e) => {
            ApiError::bad_request("not_websocket", format!("this endpoint speaks WebSocket: {e}")).into_response()
        }
    }
}

async fn authenticate(state: &AppState, token: &str, ip: &str) -> Result<AuthUser, ApiError> {
    let (token, ip, idle) = (token.to_string(), ip.to_string(), state.config.session_idle_minutes);
    state.db.run(move |conn| crate::auth::service::authenticate(conn, &token, idle, ip)).await
}

async fn send(socket: &mut WebSocket, event: &Event) -> bool {
    let text = serde_json::to_string(event).unwrap_or_default();
    socket.send(WsMessage::Text(text.into())).await.is_ok()
}

async fn session(state: AppState, auth: AuthUser, token: String, ip: String, mut socket: WebSocket) {
    let user_id = auth.user_id;
    let mut wakeups = state.hub.subscribe();
    let start = state
        .db
        .run(move |conn| {
            service::in_snapshot(conn, |conn| {
                Ok((service::latest_id(conn, user_id)?, service::unread_count(conn, user_id)?))
            })
        })
        .await;
    let Ok((mut last_id, mut unread)) = start else { return };
    if !send(&mut socket, &Event::Hello { user_id, unread }).await {
        return;
    }
    let mut poll = tokio::time::interval(POLL);
    poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut polls = 0u32;
    loop {
        tokio::select! {
            msg = socket.recv() => match msg {
                None | Some(Err(_)) | Some(Ok(WsMessage::Close(_))) => break,
                _ => continue,
            },
            w = wakeups.recv() => match w {
                Ok(id) if id != user_id => continue,
                Ok(_) => {
                    // News for this user may be a sign-out: check first.
                    if authenticate(&state, &token, &ip).await.is_err() {
                        let _ = socket.send(WsMessage::Close(None)).await;
                        break;
                    }
                }
                Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => break,
            },
            _ = poll.tick() => {
                polls += 1;
                if polls >= REAUTH_EVERY && { polls = 0; authenticate(&state, &token, &ip).await.is_err() } {
                    // Signed out or revoked: the push stops with the session.
                    let _ = socket.send(WsMessage::Close(None)).await;
                    break;
                }
            }
        }
        let after = last_id;
        let Ok((fresh, count)) = state
            .db
            .run(move |conn| {
                service::in_snapshot(conn, |conn| {
                    Ok((service::newer_than(conn, user_id, after)?, service::unread_count(conn, user_id)?))
                })
            })
            .await
        else {
            continue;
        };
        let changed = count != unread;
        unread = count;
        if fresh.is_empty() {
            if changed && !send(&mut socket, &Event::Unread { unread }).await {
                break;
            }
            continue;
        }
        for n in fresh {
            last_id = last_id.max(n.id);
            if !send(&mut socket, &Event::Notification { notification: n, unread }).await {
                return;
            }
        }
    }
}
