//! Recording uploads with resume, verified by SHA-256, and audited plays.
//!
//! The upload protocol: `POST` announces size and checksum (and answers
//! where an earlier attempt stopped); each `PUT` carries the bytes from the
//! offset the server expects (`Content-Range: bytes a-b/size`); `GET`
//! answers that offset. After the last byte the server hashes what it
//! stored: a match completes the recording, a mismatch discards it (422) so
//! the desktop uploads again from zero.

use axum::body::Bytes;
use diesel::prelude::*;
use hcrm_shared::calls::{parse_upload_range, RecordingPlay, RecordingStart, RecordingStatus};
use hcrm_shared::Permission;
use rand::RngCore;

use super::model::{CallRow, RecordingRow};
use super::service::visible_call;
use super::store::RecordingStore;
use crate::audit;
use crate::auth::AuthUser;
use crate::config::RecordingsConfig;
use crate::db::schema::{call_recordings, recording_tickets};
use crate::db::{now, to_utc, write_transaction, Db, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};

fn status_of(uuid: &str, r: &RecordingRow) -> RecordingStatus {
    RecordingStatus {
        call_uuid: uuid.to_string(),
        size: r.size,
        sha256: r.sha256.clone(),
        received: r.received,
        complete: r.complete,
    }
}

/// Only the agent who made the call uploads its recording.
fn own_call(conn: &mut DbConnection, auth: &AuthUser, uuid: &str) -> ApiResult<CallRow> {
    auth.require(Permission::CallWrite)?;
    let call = visible_call(conn, auth, uuid)?;
    if call.agent_id != auth.user_id {
        return Err(ApiError::forbidden("only the agent who made the call uploads its recording"));
    }
    Ok(call)
}

fn recording_of(conn: &mut DbConnection, call_id: i64) -> ApiResult<Option<RecordingRow>> {
    Ok(db_run!(conn: {
        call_recordings::table.filter(call_recordings::call_id.eq(call_id)).select(RecordingRow::as_select()).first(conn).optional()?
    }))
}

/// Announces an upload, or answers where an identical one stands.
pub fn start(
    conn: &mut DbConnection,
    cfg: &RecordingsConfig,
    auth: &AuthUser,
    uuid: &str,
    req: &RecordingStart,
) -> ApiResult<RecordingStatus> {
    let sha = req.sha256.trim().to_ascii_lowercase();
    if sha.len() != 64 || !sha.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(ApiError::invalid("sha256", "64 hexadecimal digits"));
    }
    if req.size <= 0 || req.size > cfg.max_bytes {
        return Err(ApiError::invalid("size", format!("1 to {} bytes", cfg.max_bytes)));
    }
    let content_type = req.content_type.clone().unwrap_or_else(|| "audio/wav".into());
    if !content_type.starts_with("audio/") || content_type.len() > 64 {
        return Err(ApiError::invalid("content_type", "an audio/* type"));
    }
    let call = own_call(conn, auth, uuid)?;
    write_transaction(conn, |conn| {
        if let Some(r) = recording_of(conn, call.id)? {
            if r.sha256 == sha && r.size == req.size {
                return Ok(status_of(&call.uuid, &r));
            }
            if r.complete {
                return Err(ApiError::conflict("sha256", "the call already has a different recording"));
            }
            // An unfinished upload of other content: the desktop's file
            // changed, start over.
            db_run!(conn: {
                diesel::delete(recording_tickets::table.filter(recording_tickets::recording_id.eq(r.id))).execute(conn)?;
                diesel::delete(call_recordings::table.filter(call_recordings::id.eq(r.id))).execute(conn)?;
            });
        }
        let key = format!("{}/{}/{}.wav", call.hospital_id, call.started_at.format("%Y-%m"), call.uuid);
        db_run!(conn: {
            diesel::insert_into(call_recordings::table)
                .values((
                    call_recordings::hospital_id.eq(call.hospital_id),
                    call_recordings::call_id.eq(call.id),
                    call_recordings::size.eq(req.size),
                    call_recordings::sha256.eq(&sha),
                    call_recordings::content_type.eq(&content_type),
                    call_recordings::storage_key.eq(&key),
                    call_recordings::created_at.eq(now()),
                ))
                .execute(conn)?;
        });
        let r = recording_of(conn, call.id)?.ok_or_else(|| ApiError::internal("recording vanished"))?;
        audit::record(
            conn,
            &auth.actor(),
            audit::AuditAction::RecordingUploadStart,
            call.patient_id,
            Some(&format!("call:{}", call.uuid)),
            Some(&format!("size={}", req.size)),
        )?;
        Ok(status_of(&call.uuid, &r))
    })
}

/// Where the upload stands (the uploader asks after a restart); anyone who
/// sees the call sees this, the bytes need a play ticket.
pub fn status(conn: &mut DbConnection, auth: &AuthUser, uuid: &str) -> ApiResult<RecordingStatus> {
    let call = visible_call(conn, auth, uuid)?;
    let r = recording_of(conn, call.id)?.ok_or_else(|| ApiError::not_found("recording"))?;
    Ok(status_of(&call.uuid, &r))
}

/// What the checks before a chunk found.
enum ChunkPlan {
    /// Nothing to store: the recording is complete (a retried last chunk
    /// whose answer was lost) and this is its status.
    Done(RecordingStatus),
    /// Store bytes `start..=end`.
    // Boxed: the rows dwarf the other variant.
    Write { call: Box<CallRow>, rec: Box<RecordingRow>, start: u64, end: u64 },
}

/// Checks a chunk against what the database knows; reads only.
fn plan_chunk(
    conn: &mut DbConnection,
    auth: &AuthUser,
    uuid: &str,
    content_range: Option<&str>,
    len: usize,
) -> ApiResult<ChunkPlan> {
    let call = own_call(conn, auth, uuid)?;
    let rec = recording_of(conn, call.id)?.ok_or_else(|| ApiError::not_found("recording"))?;
    if rec.complete {
        return Ok(ChunkPlan::Done(status_of(&call.uuid, &rec)));
    }
    let (start, end, total) = content_range.and_then(parse_upload_range).ok_or_else(|| {
        ApiError::invalid("Content-Range", "send `Content-Range: bytes <first>-<last>/<size>` with each chunk")
    })?;
    if end - start + 1 != len as u64 {
        return Err(ApiError::invalid(
            "Content-Range",
            format!("names {} bytes but the body has {len}", end - start + 1),
        ));
    }
    if total != rec.size as u64 {
        return Err(ApiError::invalid(
            "Content-Range",
            format!("total {total} differs from the announced size {}", rec.size),
        ));
    }
    if start != rec.received as u64 {
        return Err(ApiError::conflict("Content-Range", format!("the server expects offset {}", rec.received)));
    }
    Ok(ChunkPlan::Write { call: Box::new(call), rec: Box::new(rec), start, end })
}

/// The answer when the recording moved on while a chunk was stored (an
/// uploader on another server instance): complete answers its status,
/// anything else where it stands now.
fn moved_on(conn: &mut DbConnection, call: &CallRow) -> ApiResult<RecordingStatus> {
    let now = recording_of(conn, call.id)?.ok_or_else(|| ApiError::not_found("recording"))?;
    if now.complete {
        return Ok(status_of(&call.uuid, &now));
    }
    Err(ApiError::conflict("Content-Range", format!("the server expects offset {}", now.received)))
}

/// The recording, if it is incomplete and still stands at `start`: an
/// upload that another one overtook changes nothing.
#[diesel::dsl::auto_type(no_type_alias)]
fn standing_at(id: i64, start: i64) -> _ {
    call_recordings::table
        .filter(call_recordings::id.eq(id))
        .filter(call_recordings::received.eq(start))
        .filter(call_recordings::complete.eq(false))
}

/// Records that bytes up to `received` are stored, if the recording still
/// stood at `start`.
fn record_progress(
    conn: &mut DbConnection,
    call: &CallRow,
    rec: &RecordingRow,
    start: i64,
    received: i64,
) -> ApiResult<RecordingStatus> {
    write_transaction(conn, |conn| {
        let moved = db_run!(conn: {
            diesel::update(standing_at(rec.id, start))
            .set(call_recordings::received.eq(received))
            .execute(conn)?
        });
        if moved == 1 {
            return Ok(RecordingStatus { received, ..status_of(&call.uuid, rec) });
        }
        moved_on(conn, call)
    })
}

/// Records the recording complete (its object is stored), if it still
/// stood at `start`.
fn record_complete(
    conn: &mut DbConnection,
    auth: &AuthUser,
    call: &CallRow,
    rec: &RecordingRow,
    start: i64,
) -> ApiResult<RecordingStatus> {
    write_transaction(conn, |conn| {
        let moved = db_run!(conn: {
            diesel::update(standing_at(rec.id, start))
            .set((call_recordings::received.eq(rec.size), call_recordings::complete.eq(true), call_recordings::completed_at.eq(now())))
            .execute(conn)?
        });
        if moved != 1 {
            return moved_on(conn, call);
        }
        audit::record(
            conn,
            &auth.actor(),
            audit::AuditAction::RecordingUploadComplete,
            call.patient_id,
            Some(&format!("call:{}", call.uuid)),
            Some(&rec.sha256),
        )?;
        Ok(RecordingStatus { received: rec.size, complete: true, ..status_of(&call.uuid, rec) })
    })
}

/// Stores one chunk, placed by its `Content-Range: bytes a-b/size`. A
/// chunk for a recording already complete answers its status (a retried
/// last chunk whose answer was lost).
///
/// Bytes move with no database transaction open (on SQLite a transaction
/// holding the write lock would stop every other writer while a chunk
/// crosses the disk or the network): the checks read, the bytes go to the
/// store, and a short transaction records the result only if the
/// recording still stands where the checks found it. Chunks of one
/// recording are serialised by the store's per-recording lock; an uploader
/// on another instance loses the race with a 409, and the final SHA-256
/// check catches any bytes it clobbered.
pub async fn put_chunk(
    db: &Db,
    store: &RecordingStore,
    auth: AuthUser,
    uuid: String,
    content_range: Option<String>,
    data: Bytes,
) -> ApiResult<RecordingStatus> {
    auth.require(Permission::CallWrite)?;
    let _serialised = store.lock_upload(&uuid).await;
    let len = data.len();
    let plan = {
        let auth = auth.clone();
        db.run(move |conn| plan_chunk(conn, &auth, &uuid, content_range.as_deref(), len)).await?
    };
    let (call, rec, start, end) = match plan {
        ChunkPlan::Done(status) => return Ok(status),
        ChunkPlan::Write { call, rec, start, end } => (*call, *rec, start as i64, end as i64),
    };
    store.write_at(&rec.storage_key, start as u64, data).await?;
    let received = end + 1;
    if received < rec.size {
        return db.run(move |conn| record_progress(conn, &call, &rec, start, received)).await;
    }
    let actual = store.staged_sha256(&rec.storage_key).await?;
    if actual != rec.sha256 {
        let id = rec.id;
        db.write(move |conn| {
                Ok(db_run!(conn: {
                    diesel::update(call_recordings::table.filter(call_recordings::id.eq(id)).filter(call_recordings::complete.eq(false)))
                        .set(call_recordings::received.eq(0i64))
                        .execute(conn)?
                }))
            })
        .await?;
        return Err(ApiError::new(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "checksum_mismatch",
            format!(
                "the received bytes hash to {actual}, not the announced {}; upload again from offset 0",
                rec.sha256
            ),
        )
        .with_field("sha256"));
    }
    store.complete(&rec.storage_key).await?;
    let key = rec.storage_key.clone();
    let status = db.run(move |conn| record_complete(conn, &auth, &call, &rec, start)).await?;
    store.discard_staged(&key).await;
    Ok(status)
}

/// Issues a play ticket: permitted roles, or the agent who made the call.
/// This is the audited "play"; the ticket's range requests are not audited
/// again.
pub fn play(conn: &mut DbConnection, cfg: &RecordingsConfig, auth: &AuthUser, uuid: &str) -> ApiResult<RecordingPlay> {
    let call = visible_call(conn, auth, uuid)?;
    let own = call.agent_id == auth.user_id && auth.role.has(Permission::CallWrite);
    if !own {
        auth.require(Permission::RecordingPlay)?;
    }
    let r = recording_of(conn, call.id)?.filter(|r| r.complete).ok_or_else(|| ApiError::not_found("recording"))?;
    let mut raw = [0u8; 24];
    rand::thread_rng().fill_bytes(&mut raw);
    let token = hex::encode(raw);
    let expires = now() + chrono::Duration::minutes(cfg.ticket_minutes.max(1));
    write_transaction(conn, |conn| {
        db_run!(conn: {
            diesel::delete(recording_tickets::table.filter(recording_tickets::expires_at.lt(now()))).execute(conn)?;
            diesel::insert_into(recording_tickets::table)
                .values((
                    recording_tickets::token.eq(&token),
                    recording_tickets::recording_id.eq(r.id),
                    recording_tickets::user_id.eq(auth.user_id),
                    recording_tickets::expires_at.eq(expires),
                ))
                .execute(conn)?;
        });
        audit::record(
            conn,
            &auth.actor(),
            audit::AuditAction::RecordingPlay,
            call.patient_id,
            Some(&format!("call:{}", call.uuid)),
            None,
        )
    })?;
    Ok(RecordingPlay {
        url: format!("/api/v1/recordings/stream/{token}"),
        expires_at: to_utc(expires),
        size: r.size,
        content_type: r.content_type,
    })
}

/// The recording a live ticket opens.
pub fn ticket(conn: &mut DbConnection, token: &str) -> ApiResult<RecordingRow> {
    if token.len() != 48 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(ApiError::not_found("recording"));
    }
    let t = now();
    let row: Option<RecordingRow> = db_run!(conn: {
        call_recordings::table
            .inner_join(recording_tickets::table)
            .filter(recording_tickets::token.eq(token))
            .filter(recording_tickets::expires_at.gt(t))
            .filter(call_recordings::complete.eq(true))
            .select(RecordingRow::as_select())
            .first(conn)
            .optional()?
    });
    row.ok_or_else(|| ApiError::not_found("recording"))
}
