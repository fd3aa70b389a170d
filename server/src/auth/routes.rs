use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use hcrm_shared::api::{ChangePasswordRequest, CurrentUser, LoginRequest, LoginResponse};

use super::{password, service, AuthUser};
use crate::app::AppState;
use crate::audit;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ClientIp};

/// Sign in with a username and password; answers an opaque bearer token.
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, body = hcrm_shared::api::Problem),
              (status = 423, description = "locked after repeated failures"), (status = 429, description = "too many attempts")))]
pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(req): ApiJson<LoginRequest>,
) -> ApiResult<Json<LoginResponse>> {
    if !state.limits.login.allow(&ip) {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "too many sign-in attempts; wait a minute",
        ));
    }
    if req.username.trim().is_empty() {
        return Err(ApiError::invalid("username", "is required"));
    }
    let config = state.config.clone();
    Ok(Json(state.db.run(move |conn| service::login(conn, &config, req.username.trim(), &req.password, &ip)).await?))
}

/// End the current session.
#[utoipa::path(post, path = "/auth/logout", tag = "auth", responses((status = 204)), security(("bearer" = [])))]
pub async fn logout(State(state): State<AppState>, auth: AuthUser) -> ApiResult<StatusCode> {
    let user = auth.user_id;
    state.db.run(move |conn| service::logout(conn, &auth)).await?;
    // The user's open push sockets check their session and close.
    state.hub.wake(&[user]);
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in user, with the permissions the UI builds its menu from.
#[utoipa::path(get, path = "/auth/me", tag = "auth", responses((status = 200, body = CurrentUser)), security(("bearer" = [])))]
pub async fn me(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<CurrentUser>> {
    let offset = state.config.utc_offset_minutes;
    Ok(Json(state.db.run(move |conn| service::current_user(conn, auth.user_id, offset)).await?))
}

/// Change one's own password; other sessions of the user end.
#[utoipa::path(post, path = "/auth/password", tag = "auth", request_body = ChangePasswordRequest,
    responses((status = 204)), security(("bearer" = [])))]
pub async fn change_password(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(req): ApiJson<ChangePasswordRequest>,
) -> ApiResult<StatusCode> {
    password::check_policy(&req.new_password, &auth.username).map_err(|m| ApiError::invalid("new_password", m))?;
    let memory = state.config.argon2_memory_kib;
    state
        .db
        .run(move |conn| {
            crate::organisation::service::users::change_own_password(
                conn,
                &auth,
                &req.old_password,
                &req.new_password,
                memory,
            )?;
            audit::record(conn, &auth.actor(), audit::AuditAction::AuthPasswordChanged, None, None, None)
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Resolves the caller from the bearer token of each request that takes an [`AuthUser`].
impl FromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .ok_or_else(|| ApiError::unauthorized("sign in first: no bearer token"))?;
        let ClientIp(ip) = ClientIp::from_request_parts(parts, state).await.unwrap_or(ClientIp("unknown".into()));
        let idle = state.config.session_idle_minutes;
        state.db.run(move |conn| service::authenticate(conn, &token, idle, ip)).await
    }
}
