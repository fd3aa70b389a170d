//! The public booking API for the web site, WeChat and partner platforms.
//! Callers present an API key (`X-Api-Key`); keys are stored hashed, carry
//! their channel and a per-minute rate limit, and are managed by an
//! administrator. Patients identify themselves with name, resident ID and
//! phone; an unknown resident ID registers a new patient.

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use hcrm_shared::api::NewPatient;
use hcrm_shared::appointments::BookingChannel;
use hcrm_shared::validation::{normalize_phone, parse_resident_id};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, ToSchema};

use super::booking::{self, Booker, HoldSpec};
use super::model::*;
use super::slots;
use crate::app::AppState;
use crate::audit::Actor;
use crate::common::Scope;
use crate::db::schema::{appt_api_keys, patient_phones, patients};
use crate::db::{now, to_utc, write_transaction, DbConnection};
use crate::db_run;
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

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = appt_api_keys)]
pub struct KeyRow {
    pub id: i64,
    pub hospital_id: i64,
    pub name: String,
    pub channel: BookingChannel,
    pub key_hash: String,
    pub key_prefix: String,
    pub per_minute: i32,
    pub active: bool,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApiKeyInfo {
    pub id: i64,
    pub name: String,
    /// `web`, `wechat` or `partner`.
    pub channel: BookingChannel,
    /// The first characters, to recognise a key.
    pub key_prefix: String,
    pub per_minute: i32,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    /// The key itself: only in the answer that creates it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewApiKey {
    pub name: String,
    /// `web`, `wechat` or `partner`.
    pub channel: BookingChannel,
    #[serde(default)]
    pub per_minute: Option<i32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateApiKey {
    #[serde(default)]
    pub active: Option<bool>,
    #[serde(default)]
    pub per_minute: Option<i32>,
}

impl KeyRow {
    fn dto(&self, key: Option<String>) -> ApiKeyInfo {
        ApiKeyInfo {
            id: self.id,
            name: self.name.clone(),
            channel: self.channel,
            key_prefix: self.key_prefix.clone(),
            per_minute: self.per_minute,
            active: self.active,
            created_at: to_utc(self.created_at),
            last_used_at: self.last_used_at.map(to_utc),
            key,
        }
    }
}

pub fn hash_key(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

pub fn list_keys(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<Vec<ApiKeyInfo>> {
    let rows: Vec<KeyRow> = db_run!(conn: {
        appt_api_keys::table.filter(appt_api_keys::hospital_id.eq(hospital_id)).order(appt_api_keys::id).select(KeyRow::as_select()).load(conn)?
    });
    Ok(rows.iter().map(|r| r.dto(None)).collect())
}

pub fn create_key(conn: &mut DbConnection, hospital_id: i64, user_id: i64, new: &NewApiKey) -> ApiResult<ApiKeyInfo> {
    if new.name.trim().is_empty() {
        return Err(ApiError::invalid("name", "name the key (who uses it)"));
    }
    if !new.channel.is_self_service() {
        return Err(ApiError::invalid("channel", "use web, wechat or partner"));
    }
    let per_minute = new.per_minute.unwrap_or(600);
    if !(1..=1_000_000).contains(&per_minute) {
        return Err(ApiError::invalid("per_minute", "use 1 to 1000000"));
    }
    let key = format!("hcrm_{}", hex::encode(rand::random::<[u8; 24]>()));
    let row: KeyRow = db_run!(conn: {
        diesel::insert_into(appt_api_keys::table)
            .values((
                appt_api_keys::hospital_id.eq(hospital_id),
                appt_api_keys::name.eq(new.name.trim()),
                appt_api_keys::channel.eq(new.channel),
                appt_api_keys::key_hash.eq(hash_key(&key)),
                appt_api_keys::key_prefix.eq(&key[..12]),
                appt_api_keys::per_minute.eq(per_minute),
                appt_api_keys::active.eq(true),
                appt_api_keys::created_by.eq(Some(user_id)),
                appt_api_keys::created_at.eq(now()),
            ))
            .returning(KeyRow::as_returning())
            .get_result(conn)?
    });
    Ok(row.dto(Some(key)))
}

pub fn update_key(conn: &mut DbConnection, hospital_id: i64, id: i64, u: &UpdateApiKey) -> ApiResult<ApiKeyInfo> {
    if let Some(p) = u.per_minute {
        if !(1..=1_000_000).contains(&p) {
            return Err(ApiError::invalid("per_minute", "use 1 to 1000000"));
        }
    }
    let row: Option<KeyRow> = db_run!(conn: {
        let target = appt_api_keys::table.filter(appt_api_keys::id.eq(id)).filter(appt_api_keys::hospital_id.eq(hospital_id));
        if let Some(a) = u.active {
            diesel::update(target).set(appt_api_keys::active.eq(a)).execute(conn)?;
        }
        if let Some(p) = u.per_minute {
            diesel::update(target).set(appt_api_keys::per_minute.eq(p)).execute(conn)?;
        }
        target.select(KeyRow::as_select()).first(conn).optional()?
    });
    row.map(|r| r.dto(None)).ok_or_else(|| ApiError::not_found("API key"))
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
        let hash = hash_key(&key);
        let row: Option<KeyRow> = state
            .db
            .run(move |conn| {
                db_run!(conn: {
                    Ok(appt_api_keys::table.filter(appt_api_keys::key_hash.eq(&hash)).select(KeyRow::as_select()).first(conn).optional()?)
                })
            })
            .await?;
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

/// A booking by the patient themselves.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicHoldRequest {
    pub session_id: i64,
    #[serde(default)]
    pub slot_id: Option<i64>,
    pub name: String,
    /// Resident ID (居民身份证号), checked with its check digit.
    pub id_card: String,
    /// Mobile number; must be one the hospital has for an existing patient.
    pub phone: String,
    /// Book at once instead of holding for `hold_minutes`.
    #[serde(default)]
    pub confirm: bool,
    /// The client's own id of this request: a retry returns the same booking.
    #[serde(default)]
    pub client_ref: Option<String>,
}

/// Finds the patient by resident ID and checks name and phone, or registers
/// a new patient.
pub fn identify(conn: &mut DbConnection, caller: &ApiCaller, req: &PublicHoldRequest) -> ApiResult<i64> {
    let id = parse_resident_id(&req.id_card).map_err(|e| ApiError::invalid("id_card", e.to_string()))?;
    let phone = normalize_phone(&req.phone).map_err(|e| ApiError::invalid("phone", e.to_string()))?;
    let name = req.name.trim();
    if name.is_empty() {
        return Err(ApiError::invalid("name", "give the patient's name"));
    }
    let h = caller.key.hospital_id;
    let found: Option<(i64, String)> = db_run!(conn: {
        patients::table.filter(patients::hospital_id.eq(h)).filter(patients::id_card.eq(&id.number)).select((patients::id, patients::name)).first(conn).optional()?
    });
    match found {
        Some((pid, known)) => {
            let phones: Vec<String> = db_run!(conn: {
                patient_phones::table.filter(patient_phones::patient_id.eq(pid)).select(patient_phones::number).load(conn)?
            });
            if known != name || !phones.contains(&phone) {
                return Err(ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "identity_mismatch",
                    "name, resident ID and phone do not match the hospital's records",
                )
                .with_field("id_card"));
            }
            Ok(pid)
        }
        None => {
            let new = NewPatient {
                mrn: format!("NET-{}", id.number),
                name: name.to_string(),
                sex: None,
                birth_date: None,
                id_card: Some(id.number.clone()),
                phones: vec![phone],
                tags: vec![],
                address: None,
            };
            Ok(crate::patients::service::create(conn, h, &caller.booker().actor, &new)?.summary.id)
        }
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
            let patient_id = identify(conn, &caller, &req)?;
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
                let row = booking::hold(conn, &st, &caller.booker(), &spec)?;
                booking::dto(conn, &row)
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
    Ok(Json(
        state
            .db
            .run(move |conn| {
                let r = booking::load(conn, &caller.booker(), id)?;
                booking::dto(conn, &r)
            })
            .await?,
    ))
}

#[utoipa::path(post, path = "/public/appointments/{id}/confirm", tag = "public booking", params(("id" = i64, Path)),
    responses((status = 200, body = Appointment), (status = 409)), security(("api_key" = [])))]
pub async fn confirm(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Appointment>> {
    Ok(Json(
        state
            .db
            .run(move |conn| {
                write_transaction(conn, |conn| {
                    let r = booking::confirm(conn, &caller.booker(), id)?;
                    booking::dto(conn, &r)
                })
            })
            .await?,
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
    let st = state.clone();
    let a = state
        .db
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let r = booking::cancel(conn, &st, &caller.booker(), id, &req.reason)?;
                booking::dto(conn, &r)
            })
        })
        .await?;
    state.jobs.wake();
    Ok(Json(a))
}
