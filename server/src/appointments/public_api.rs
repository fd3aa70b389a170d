//! The public booking API for the web site, WeChat and partner platforms.
//! Callers present an API key (`X-Api-Key`); keys are stored hashed, carry
//! their channel and a per-minute rate limit, and are managed by an
//! administrator. Patients identify themselves with name, resident ID and
//! phone; an unknown resident ID registers a new patient.

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::Modify;

use super::api_keys;
use super::booking::{self, Booker, HoldSpec};
use super::model::*;
use super::slots;
use crate::app::AppState;
use crate::audit::Actor;
use crate::common::Scope;
use crate::db::write_transaction;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery};

pub const HEADER: &str = "x-api-key";

/// Adds the `api_key` security scheme to the OpenAPI document.
pub struct ApiKeyAuth;

impl Modify for ApiKeyAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components
            .add_security_scheme("api_key", SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new("X-Api-Key"))));
    }
}

/// The caller of the public API: a valid, active key within its rate.
#[derive(Debug, Clone)]
pub struct ApiCaller {
    pub key: KeyRow,
    pub ip: String,
}

impl ApiCaller {
    fn booker(&self) -> Booker {
        Booker {
            scope: Scope::hospital(self.key.hospital_id),
            actor: Actor {
                user_id: None,
                username: format!("api:{}", self.key.name),
                role: "api".into(),
                hospital_id: Some(self.key.hospital_id),
                ip: self.ip.clone(),
            },
            user_id: None,
            api_key_id: Some(self.key.id),
        }
    }
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let key = parts
            .headers
            .get(HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .ok_or_else(|| ApiError::unauthorized("send the API key in the X-Api-Key header"))?
            .to_string();
        let ip = crate::extract::ClientIp::from_request_parts(parts, state).await.map(|c| c.0).unwrap_or_default();
        let hash = api_keys::hash_key(&key);
        let row: Option<KeyRow> = state.db.run(move |conn| api_keys::find(conn, &hash)).await?;
        let row = row.filter(|r| r.active).ok_or_else(|| ApiError::unauthorized("unknown or revoked API key"))?;
        if !state.limits.api_keys.allow(&row.key_hash, row.per_minute) {
            return Err(ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                format!("this key may make {} requests a minute", row.per_minute),
            ));
        }
        Ok(ApiCaller { key: row, ip })
    }
}

#[utoipa::path(get, path = "/public/sessions", tag = "public booking", params(SessionQuery),
    responses((status = 200, body = Vec<Session>), (status = 401), (status = 429)), security(("api_key" = [])))]
pub async fn sessions(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(q): ApiQuery<SessionQuery>,
) -> ApiResult<Json<Vec<Session>>> {
    Ok(Json(state.db.run(move |conn| slots::list_sessions(conn, &Scope::hospital(caller.key.hospital_id), &q)).await?))
}

#[utoipa::path(get, path = "/public/sessions/{id}", tag = "public booking", params(("id" = i64, Path)),
    responses((status = 200, body = SessionDetail), (status = 404)), security(("api_key" = [])))]
pub async fn session(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<SessionDetail>> {
    Ok(Json(state.db.run(move |conn| slots::detail(conn, &Scope::hospital(caller.key.hospital_id), id)).await?))
}

/// Hold (or with `confirm`, book) a number. Errors: `not_released`,
/// `session_full`, `slot_taken`, `duplicate_hold`, `quota_exhausted`,
/// `blocked` (no-shows), `identity_mismatch`.
#[utoipa::path(post, path = "/public/holds", tag = "public booking", request_body = PublicHoldRequest,
    responses((status = 201, body = Appointment), (status = 409), (status = 422), (status = 429)), security(("api_key" = [])))]
pub async fn hold(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(req): ApiJson<PublicHoldRequest>,
) -> ApiResult<(StatusCode, Json<Appointment>)> {
    let st = state.clone();
    let a = state
        .db
        .run(move |conn| {
            // Registering a new patient commits on its own (it has its own
            // transaction); the booking is the second, atomic step.
            let patient_id = api_keys::identify(conn, caller.key.hospital_id, &caller.booker().actor, &req)?;
            write_transaction(conn, |conn| {
                let spec = HoldSpec {
                    session_id: req.session_id,
                    slot_id: req.slot_id,
                    patient_id,
                    channel: caller.key.channel,
                    confirm: req.confirm,
                    client_ref: req.client_ref.as_ref().map(|r| format!("k{}:{r}", caller.key.id)),
                    ..Default::default()
                };
                booking::shown(conn, |conn| booking::hold(conn, &st, &caller.booker(), &spec))
            })
        })
        .await?;
    Ok((StatusCode::CREATED, Json(a)))
}

#[utoipa::path(get, path = "/public/appointments/{id}", tag = "public booking", params(("id" = i64, Path)),
    responses((status = 200, body = Appointment), (status = 404)), security(("api_key" = [])))]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Appointment>> {
    Ok(Json(state.db.run(move |conn| booking::shown(conn, |conn| booking::load(conn, &caller.booker(), id))).await?))
}

#[utoipa::path(post, path = "/public/appointments/{id}/confirm", tag = "public booking", params(("id" = i64, Path)),
    responses((status = 200, body = Appointment), (status = 409)), security(("api_key" = [])))]
pub async fn confirm(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Appointment>> {
    Ok(Json(
        state.db.write(move |conn| booking::shown(conn, |conn| booking::confirm(conn, &caller.booker(), id))).await?,
    ))
}

#[utoipa::path(post, path = "/public/appointments/{id}/cancel", tag = "public booking", params(("id" = i64, Path)), request_body = CancelRequest,
    responses((status = 200, body = Appointment), (status = 409)), security(("api_key" = [])))]
pub async fn cancel(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<CancelRequest>,
) -> ApiResult<Json<Appointment>> {
    let a = state
        .write_and_wake(move |conn, st| {
            booking::shown(conn, |conn| booking::cancel(conn, st, &caller.booker(), id, &req.reason))
        })
        .await?;
    Ok(Json(a))
}
