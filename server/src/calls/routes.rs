use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use hcrm_shared::api::ScreenPopResponse;
use hcrm_shared::calls::*;
use hcrm_shared::Permission;

use super::agents::{self, HistoryQuery};
use super::{recordings, service};
use crate::app::AppState;
use crate::auth::AuthUser;
use crate::common::Scope;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery};

/// Creates the call or records its progress (answer, end, disposition,
/// linked patient or task). Idempotent by the desktop's call UUID.
#[utoipa::path(put, path = "/calls/{uuid}", tag = "calls", params(("uuid" = String, Path)), request_body = CallUpsert,
    responses((status = 200, body = CallRecord)), security(("bearer" = ["call.write"])))]
pub async fn upsert(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(uuid): ApiPath<String>,
    ApiJson(body): ApiJson<CallUpsert>,
) -> ApiResult<Json<CallRecord>> {
    auth.require(Permission::CallWrite)?;
    Ok(Json(state.db.run(move |conn| service::upsert(conn, &auth, &uuid, &body)).await?))
}

#[utoipa::path(get, path = "/calls/{uuid}", tag = "calls", params(("uuid" = String, Path)),
    responses((status = 200, body = CallRecord), (status = 404)), security(("bearer" = ["call.read"])))]
pub async fn get_call(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(uuid): ApiPath<String>,
) -> ApiResult<Json<CallRecord>> {
    auth.require(Permission::CallRead)?;
    Ok(Json(
        state
            .db
            .run(move |conn| {
                let row = service::visible_call(conn, &auth, &uuid)?;
                Ok(service::records(conn, vec![row])?.remove(0))
            })
            .await?,
    ))
}

/// The patient card's call history, newest first (remote numbers masked).
#[utoipa::path(get, path = "/patients/{id}/calls", tag = "calls", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<CallRecord>)), security(("bearer" = ["call.read"])))]
pub async fn patient_calls(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Vec<CallRecord>>> {
    auth.require(Permission::CallRead)?;
    Ok(Json(state.db.run(move |conn| service::patient_calls(conn, &auth, id)).await?))
}

/// Adds a caller's number to a patient ("link to patient" from the
/// screen-pop of an unknown number); answers the screen-pop for it.
#[utoipa::path(post, path = "/patients/{id}/phones", tag = "calls", params(("id" = i64, Path)), request_body = LinkNumber,
    responses((status = 200, body = ScreenPopResponse)), security(("bearer" = ["patient.write"])))]
pub async fn link_number(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<LinkNumber>,
) -> ApiResult<Json<ScreenPopResponse>> {
    auth.require(Permission::PatientWrite)?;
    Ok(Json(
        state
            .db
            .run(move |conn| {
                let number = service::link_number(conn, &auth, id, &body.number)?;
                crate::patients::service::screen_pop(conn, &Scope::of(&auth), &auth.actor(), &number)
            })
            .await?,
    ))
}

/// The full number behind one of a patient's masked phones, for the
/// desktop softphone to dial; audited (`patient.dial`).
#[utoipa::path(post, path = "/calls/dial-target", tag = "calls", request_body = DialTargetRequest,
    responses((status = 200, body = DialTarget)), security(("bearer" = ["call.write"])))]
pub async fn dial_target(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(req): ApiJson<DialTargetRequest>,
) -> ApiResult<Json<DialTarget>> {
    auth.require(Permission::CallWrite)?;
    Ok(Json(state.db.run(move |conn| service::dial_target(conn, &auth, &req)).await?))
}

/// Announces a recording upload (size and SHA-256) or resumes one: the
/// answer's `received` is the offset to send next.
#[utoipa::path(post, path = "/calls/{uuid}/recording", tag = "calls", params(("uuid" = String, Path)), request_body = RecordingStart,
    responses((status = 200, body = RecordingStatus)), security(("bearer" = ["call.write"])))]
pub async fn recording_start(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(uuid): ApiPath<String>,
    ApiJson(req): ApiJson<RecordingStart>,
) -> ApiResult<Json<RecordingStatus>> {
    auth.require(Permission::CallWrite)?;
    let cfg = state.config.recordings.clone();
    Ok(Json(state.db.run(move |conn| recordings::start(conn, &cfg, &auth, &uuid, &req)).await?))
}

/// Where a recording upload stands.
#[utoipa::path(get, path = "/calls/{uuid}/recording", tag = "calls", params(("uuid" = String, Path)),
    responses((status = 200, body = RecordingStatus)), security(("bearer" = ["call.read"])))]
pub async fn recording_status(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(uuid): ApiPath<String>,
) -> ApiResult<Json<RecordingStatus>> {
    auth.require(Permission::CallRead)?;
    Ok(Json(state.db.run(move |conn| recordings::status(conn, &auth, &uuid)).await?))
}

/// One chunk of a recording: the raw bytes, placed by
/// `Content-Range: bytes <first>-<last>/<size>`; `<first>` must be the
/// server's `received` (409 otherwise). The last chunk is verified by
/// SHA-256: a mismatch answers 422 and the upload restarts from 0.
#[utoipa::path(put, path = "/calls/{uuid}/recording", tag = "calls", params(("uuid" = String, Path)),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = RecordingStatus), (status = 409), (status = 422)), security(("bearer" = ["call.write"])))]
pub async fn recording_chunk(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(uuid): ApiPath<String>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<RecordingStatus>> {
    auth.require(Permission::CallWrite)?;
    if body.len() > state.config.recordings.max_chunk_bytes {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("chunks are at most {} bytes", state.config.recordings.max_chunk_bytes),
        ));
    }
    let range = headers.get(header::CONTENT_RANGE).and_then(|v| v.to_str().ok()).map(String::from);
    Ok(Json(recordings::put_chunk(&state.db, &state.recordings, auth, uuid, range, body).await?))
}

/// Plays a recording: permitted roles (`recording.play`) or the agent who
/// made the call. Audited; answers a short-lived URL that streams with
/// range requests.
#[utoipa::path(post, path = "/calls/{uuid}/recording/play", tag = "calls", params(("uuid" = String, Path)),
    responses((status = 200, body = RecordingPlay)), security(("bearer" = ["recording.play"])))]
pub async fn recording_play(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(uuid): ApiPath<String>,
) -> ApiResult<Json<RecordingPlay>> {
    let cfg = state.config.recordings.clone();
    Ok(Json(state.db.run(move |conn| recordings::play(conn, &cfg, &auth, &uuid)).await?))
}

/// The recording's bytes for an audio element: no bearer token (an audio
/// element cannot send one); the ticket from `.../recording/play` is the
/// credential. `Range` answers 206 with `Content-Range`, 416 when it
/// cannot be satisfied.
#[utoipa::path(get, path = "/recordings/stream/{ticket}", tag = "calls", params(("ticket" = String, Path)),
    responses((status = 200, content_type = "audio/wav"), (status = 206), (status = 416)))]
pub async fn recording_stream(
    State(state): State<AppState>,
    ApiPath(ticket): ApiPath<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let rec = state.db.run(move |conn| recordings::ticket(conn, &ticket)).await?;
    let len = rec.size as u64;
    let range_header = headers.get(header::RANGE).and_then(|v| v.to_str().ok());
    let (status, start, end) = match resolve_range(range_header, len) {
        Ok(None) => (StatusCode::OK, 0, len - 1),
        Ok(Some((s, e))) => (StatusCode::PARTIAL_CONTENT, s, e),
        Err(()) => {
            let mut res = ApiError::new(
                StatusCode::RANGE_NOT_SATISFIABLE,
                "range_not_satisfiable",
                format!("the recording has {len} bytes"),
            )
            .into_response();
            res.headers_mut().insert(header::CONTENT_RANGE, HeaderValue::from_str(&format!("bytes */{len}")).unwrap());
            return Ok(res);
        }
    };
    let count = end - start + 1;
    let bytes = state.recordings.read_range(&rec.storage_key, start, count).await?;
    let mut res = Response::new(Body::from_stream(bytes));
    *res.status_mut() = status;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&rec.content_type).unwrap_or(HeaderValue::from_static("audio/wav")),
    );
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(count));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if status == StatusCode::PARTIAL_CONTENT {
        h.insert(header::CONTENT_RANGE, HeaderValue::from_str(&format!("bytes {start}-{end}/{len}")).unwrap());
    }
    Ok(res)
}

/// The caller's agent state.
#[utoipa::path(get, path = "/agent-state", tag = "calls",
    responses((status = 200, body = AgentState)), security(("bearer" = ["call.write"])))]
pub async fn my_state(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<AgentState>> {
    auth.require(Permission::CallWrite)?;
    Ok(Json(state.db.run(move |conn| agents::current(conn, &auth)).await?))
}

/// Sets the caller's agent state (ready, busy, after_call_work, away).
#[utoipa::path(put, path = "/agent-state", tag = "calls", request_body = AgentStateChange,
    responses((status = 200, body = AgentState)), security(("bearer" = ["call.write"])))]
pub async fn set_state(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(change): ApiJson<AgentStateChange>,
) -> ApiResult<Json<AgentState>> {
    auth.require(Permission::CallWrite)?;
    Ok(Json(state.db.run(move |conn| agents::set(conn, &auth, &change)).await?))
}

/// Every agent's current state (supervisors).
#[utoipa::path(get, path = "/agent-states", tag = "calls",
    responses((status = 200, body = Vec<AgentState>)), security(("bearer" = ["agent.monitor"])))]
pub async fn board(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<Vec<AgentState>>> {
    auth.require(Permission::AgentMonitor)?;
    Ok(Json(state.db.run(move |conn| agents::board(conn, auth.hospital_id)).await?))
}

/// One agent's state changes, newest first (supervisors).
#[utoipa::path(get, path = "/agent-states/history", tag = "calls", params(HistoryQuery),
    responses((status = 200, body = Vec<AgentState>)), security(("bearer" = ["agent.monitor"])))]
pub async fn history(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<HistoryQuery>,
) -> ApiResult<Json<Vec<AgentState>>> {
    auth.require(Permission::AgentMonitor)?;
    let user = q.user_id.unwrap_or(auth.user_id);
    Ok(Json(state.db.run(move |conn| agents::history(conn, auth.hospital_id, user, &q)).await?))
}
