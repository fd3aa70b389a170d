//! One received message: decode, parse, check the header, apply the event
//! and write the inbox row in one transaction, answer with an ACK.
//!
//! Idempotency on MSH-10: a control id already processed (AA) gets its
//! stored ACK back and nothing changes. A control id that failed (AE/AR)
//! is processed again when resent: the failure changed nothing, and the
//! sender may have resent after the cause was fixed (e.g. a department
//! created). Replay by an admin re-runs a stored message in place.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use hcrm_shared::api::Page;
use hcrm_shared::intake::{Hl7Message, Hl7MessageDetail, Hl7Status};

use super::events::{self, Applied, Ctx, Fail};
use super::model::{InboxQuery, InboxRow, IntakeSettings, Received};
use super::parse::{sniff_charset, Charset, Hl7Error, Message};
use crate::audit::Actor;
use crate::common::page_bounds;
use crate::db::schema::{hl7_messages, hospitals};
use crate::db::{now, to_utc, write_transaction, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};

/// Processes one message from the listener.
pub fn receive(conn: &mut DbConnection, s: &IntakeSettings, raw: &[u8], remote: &str) -> ApiResult<Received> {
    handle(conn, s, raw, remote, None)
}

/// A message the framing layer could not complete (truncated, too large):
/// stored as rejected and answered AR.
pub fn reject_frame(
    conn: &mut DbConnection,
    s: &IntakeSettings,
    raw: &[u8],
    remote: &str,
    reason: &str,
) -> ApiResult<Received> {
    let charset = sniff_charset(raw, s.default_charset).unwrap_or(s.default_charset);
    let header = Message::parse(&charset.decode_lossy(raw)).ok();
    let err = Hl7Error::reject("MSH", 0, 100, reason);
    let hospital = hospital_for(conn, s, header.as_ref())?;
    fail(conn, hospital, header.as_ref(), charset, raw, remote, &err, None)
}

/// Re-runs a stored message, updating its row; the admin is the actor.
pub fn replay(
    conn: &mut DbConnection,
    s: &IntakeSettings,
    hospital_id: i64,
    id: i64,
    actor: &Actor,
) -> ApiResult<Received> {
    let (raw, remote): (Vec<u8>, String) = db_run!(conn: {
        hl7_messages::table
            .filter(hl7_messages::hospital_id.eq(hospital_id))
            .filter(hl7_messages::id.eq(id))
            .select((hl7_messages::raw, hl7_messages::remote))
            .first(conn)
            .optional()?
            .ok_or_else(|| ApiError::not_found("message"))?
    });
    let _ = remote;
    handle(conn, s, &raw, &format!("replay by {}", actor.username), Some((id, actor)))
}

fn hospital_for(conn: &mut DbConnection, s: &IntakeSettings, header: Option<&Message>) -> ApiResult<i64> {
    let named = header.map(|m| m.value("MSH", 6, 1).to_ascii_uppercase()).unwrap_or_default();
    let cached = s.hospitals.lock().ok().and_then(|c| {
        c.as_ref().filter(|(at, _)| at.elapsed() < std::time::Duration::from_secs(60)).map(|(_, v)| v.clone())
    });
    let found: Vec<(i64, String)> = match cached {
        Some(v) if !v.is_empty() => v,
        _ => {
            let v: Vec<(i64, String)> = db_run!(conn: {
                hospitals::table.select((hospitals::id, hospitals::code)).order(hospitals::id).load(conn)?
            });
            if let Ok(mut c) = s.hospitals.lock() {
                *c = Some((std::time::Instant::now(), v.clone()));
            }
            v
        }
    };
    found
        .iter()
        .find(|(_, c)| !named.is_empty() && c.eq_ignore_ascii_case(&named))
        .or_else(|| found.iter().find(|(_, c)| c.eq_ignore_ascii_case(&s.hospital)))
        .or(found.first())
        .map(|(id, _)| *id)
        .ok_or_else(|| ApiError::unavailable("no hospital is set up to receive HL7"))
}

fn handle(
    conn: &mut DbConnection,
    s: &IntakeSettings,
    raw: &[u8],
    remote: &str,
    replay: Option<(i64, &Actor)>,
) -> ApiResult<Received> {
    let sniffed = sniff_charset(raw, s.default_charset);
    let charset = *sniffed.as_ref().unwrap_or(&s.default_charset);
    let replay_id = replay.map(|r| r.0);
    // Decoded and parsed once; a message that does not decode or parse is
    // read again leniently, for the header of its ACK.
    let parsed = sniffed.and_then(|cs| {
        let text = cs
            .decode(raw)
            .ok_or_else(|| Hl7Error::reject("MSH", 18, 102, format!("the message is not valid {} text", cs.name())))?;
        Message::parse(&text)
    });
    let (msg, event, hospital_id) = match parsed {
        Ok(msg) => {
            let hospital_id = hospital_for(conn, s, Some(&msg))?;
            match check_header(&msg) {
                Ok(event) => (msg, event, hospital_id),
                Err(e) => return fail(conn, hospital_id, Some(&msg), charset, raw, remote, &e, replay_id),
            }
        }
        Err(e) => {
            // The header as well as it can be read, for the ACK even of a broken message.
            let lossy = Message::parse(&charset.decode_lossy(raw)).ok();
            let hospital_id = hospital_for(conn, s, lossy.as_ref())?;
            return fail(conn, hospital_id, lossy.as_ref(), charset, raw, remote, &e, replay_id);
        }
    };
    let control_id = msg.value("MSH", 10, 1);
    // One look-up of the control id: a processed copy is answered with its
    // stored ACK; an earlier failed copy's row is updated by the store.
    let mut prior_row: Option<i64> = None;
    if replay.is_none() {
        match prior(conn, hospital_id, &control_id)? {
            Some((_, Hl7Status::Processed, ack, cs)) => {
                return Ok(Received { ack: cs.encode(&ack), code: "AA".into(), inbox_id: None, duplicate: true });
            }
            Some((id, ..)) => prior_row = Some(id),
            None => {}
        }
    }
    let listener_actor = Actor {
        user_id: None,
        username: "hl7".into(),
        role: "system".into(),
        hospital_id: Some(hospital_id),
        ip: remote.to_string(),
    };
    let actor = replay.map(|r| r.1).unwrap_or(&listener_actor);
    let ack = build_ack(Some(&msg), charset, "AA", None);
    let mut last_conflict = None;
    for _ in 0..3 {
        let mut failure: Option<Fail> = None;
        let result = write_transaction(conn, |conn| {
            // The events first, so the inbox row is written once with what
            // they touched (the row's unique control id still guards
            // against a concurrent copy: its insert conflicts and rolls back).
            let ctx = Ctx {
                msg: &msg,
                hospital_id,
                offset_minutes: s.utc_offset_minutes,
                actor,
                target: format!("hl7:{control_id}"),
            };
            let applied = match events::apply(&ctx, conn, &event) {
                Ok(applied) => applied,
                Err(f) => {
                    failure = Some(f);
                    return Err(ApiError::internal("rolled back"));
                }
            };
            store(
                conn,
                Store {
                    hospital_id,
                    row: replay_id.or(prior_row),
                    looked_up: replay.is_none(),
                    control_id: Some(&control_id),
                    event: &format!("ADT^{event}"),
                    sending_app: &msg.value("MSH", 3, 1),
                    charset,
                    raw,
                    remote,
                    status: Hl7Status::Processed,
                    ack_code: "AA",
                    error: None,
                    ack: &ack,
                    applied: &applied,
                },
            )
        });
        match (result, failure) {
            (Ok(id), _) => {
                return Ok(Received {
                    ack: charset.encode(&ack),
                    code: "AA".into(),
                    inbox_id: Some(id),
                    duplicate: false,
                })
            }
            (Err(_), Some(Fail::Hl7(e))) => {
                return fail(conn, hospital_id, Some(&msg), charset, raw, remote, &e, replay_id)
            }
            (Err(_), Some(Fail::Api(e))) | (Err(e), None) => {
                if e.status == axum::http::StatusCode::CONFLICT && e.field.is_none() {
                    // A concurrent writer (the same message on another
                    // connection, or the same new patient): try again.
                    if replay.is_none() {
                        match prior(conn, hospital_id, &control_id)? {
                            Some((_, Hl7Status::Processed, ack, cs)) => {
                                return Ok(Received {
                                    ack: cs.encode(&ack),
                                    code: "AA".into(),
                                    inbox_id: None,
                                    duplicate: true,
                                });
                            }
                            other => prior_row = other.map(|p| p.0),
                        }
                    }
                    last_conflict = Some(e);
                    continue;
                }
                tracing::error!(error = %e.detail, control_id, "HL7 message failed");
                let err = Hl7Error::field("MSH", 0, 207, "the server could not store the message; resend it later");
                return fail(conn, hospital_id, Some(&msg), charset, raw, remote, &err, replay_id);
            }
        }
    }
    let e = last_conflict.unwrap_or_else(|| ApiError::internal("conflict"));
    tracing::error!(error = %e.detail, control_id, "HL7 message kept conflicting");
    let err = Hl7Error::field("MSH", 0, 207, "the message conflicted with concurrent messages; resend it");
    fail(conn, hospital_id, Some(&msg), charset, raw, remote, &err, replay_id)
}

/// MSH-9 must be a supported ADT event, MSH-10 present, MSH-12 a 2.x.
fn check_header(msg: &Message) -> Result<String, Hl7Error> {
    let kind = msg.value("MSH", 9, 1);
    let event = msg.value("MSH", 9, 2);
    if kind.is_empty() {
        return Err(Hl7Error::reject("MSH", 9, 101, "the message type is required"));
    }
    if kind != "ADT" {
        return Err(Hl7Error::reject("MSH", 9, 200, format!("message type {kind} is not supported (ADT only)")));
    }
    if !events::EVENTS.contains(&event.as_str()) {
        return Err(Hl7Error::reject(
            "MSH",
            9,
            201,
            format!("event {event:?} is not supported (use {})", events::EVENTS.join(", ")),
        ));
    }
    let evn = msg.value("EVN", 1, 1);
    if !evn.is_empty() && evn != event {
        return Err(Hl7Error::field("EVN", 1, 102, format!("event {evn} does not match MSH-9 ({event})")));
    }
    if msg.value("MSH", 10, 1).is_empty() {
        return Err(Hl7Error::reject("MSH", 10, 101, "the message control id is required"));
    }
    let version = msg.value("MSH", 12, 1);
    if !version.is_empty() && !version.starts_with("2.") {
        return Err(Hl7Error::reject("MSH", 12, 203, format!("version {version} is not HL7 v2")));
    }
    Ok(event)
}

/// The stored ACK of a processed message with this control id.
/// The inbox row of an earlier copy of this message: id, status, ACK.
fn prior(
    conn: &mut DbConnection,
    hospital_id: i64,
    control_id: &str,
) -> ApiResult<Option<(i64, Hl7Status, String, Charset)>> {
    let row: Option<(i64, Hl7Status, String, String)> = db_run!(conn: {
        hl7_messages::table
            .filter(hl7_messages::hospital_id.eq(hospital_id))
            .filter(hl7_messages::control_id.eq(control_id))
            .select((hl7_messages::id, hl7_messages::status, hl7_messages::ack, hl7_messages::charset))
            .first(conn)
            .optional()?
    });
    Ok(row.map(|(id, status, ack, cs)| (id, status, ack, Charset::parse(&cs).unwrap_or(Charset::Utf8))))
}

/// Stores a failed message (AE or AR) and builds its ACK.
#[allow(clippy::too_many_arguments)]
fn fail(
    conn: &mut DbConnection,
    hospital_id: i64,
    header: Option<&Message>,
    charset: Charset,
    raw: &[u8],
    remote: &str,
    err: &Hl7Error,
    replay_id: Option<i64>,
) -> ApiResult<Received> {
    let code = if err.reject { "AR" } else { "AE" };
    let ack = build_ack(header, charset, code, Some(err));
    let control_id = header.map(|m| m.value("MSH", 10, 1)).filter(|c| !c.is_empty());
    let id = write_transaction(conn, |conn| {
        // A broken copy never overwrites a processed message's row.
        let taken = match &control_id {
            Some(c) if replay_id.is_none() => prior(conn, hospital_id, c)?.is_some_and(|p| p.1 == Hl7Status::Processed),
            _ => false,
        };
        let event = header.map(|m| {
            let (a, b) = (m.value("MSH", 9, 1), m.value("MSH", 9, 2));
            if b.is_empty() {
                a
            } else {
                format!("{a}^{b}")
            }
        });
        store(
            conn,
            Store {
                hospital_id,
                row: replay_id,
                looked_up: false,
                control_id: if taken { None } else { control_id.as_deref() },
                event: event.as_deref().unwrap_or(""),
                sending_app: &header.map(|m| m.value("MSH", 3, 1)).unwrap_or_default(),
                charset,
                raw,
                remote,
                status: if err.reject { Hl7Status::Rejected } else { Hl7Status::Error },
                ack_code: code,
                error: Some(&err.to_string()),
                ack: &ack,
                applied: &Applied {
                    mrn: header.map(|m| m.value("PID", 3, 1).to_ascii_uppercase()).filter(|m| !m.is_empty()),
                    patient_id: None,
                },
            },
        )
    })?;
    Ok(Received { ack: charset.encode(&ack), code: code.into(), inbox_id: Some(id), duplicate: false })
}

struct Store<'a> {
    hospital_id: i64,
    /// Update this row (replay) rather than the one with the control id.
    row: Option<i64>,
    /// The control id was looked up just before (no row: insert).
    looked_up: bool,
    control_id: Option<&'a str>,
    event: &'a str,
    sending_app: &'a str,
    charset: Charset,
    raw: &'a [u8],
    remote: &'a str,
    status: Hl7Status,
    ack_code: &'a str,
    error: Option<&'a str>,
    ack: &'a str,
    applied: &'a Applied,
}

/// Inserts the inbox row, or updates the existing one for this control id
/// (a resent failure) or id (replay), counting the attempt.
fn store(conn: &mut DbConnection, w: Store<'_>) -> ApiResult<i64> {
    let t: NaiveDateTime = now();
    db_run!(conn: {
        let existing: Option<i64> = match (w.row, w.control_id) {
            (Some(id), _) => Some(id),
            // Looked up just before, in `handle`.
            (None, Some(_)) if w.looked_up => None,
            (None, Some(c)) => hl7_messages::table
                .filter(hl7_messages::hospital_id.eq(w.hospital_id))
                .filter(hl7_messages::control_id.eq(c))
                .select(hl7_messages::id)
                .first(conn)
                .optional()?,
            (None, None) => None,
        };
        let id = match existing {
            Some(id) => {
                diesel::update(hl7_messages::table.filter(hl7_messages::id.eq(id)))
                    .set((
                        hl7_messages::event.eq(w.event),
                        hl7_messages::sending_app.eq(w.sending_app),
                        hl7_messages::charset.eq(w.charset.name()),
                        hl7_messages::raw.eq(w.raw),
                        hl7_messages::status.eq(w.status),
                        hl7_messages::ack_code.eq(w.ack_code),
                        hl7_messages::error.eq(w.error),
                        hl7_messages::ack.eq(w.ack),
                        hl7_messages::mrn.eq(&w.applied.mrn),
                        hl7_messages::patient_id.eq(w.applied.patient_id),
                        hl7_messages::attempts.eq(hl7_messages::attempts + 1),
                        hl7_messages::processed_at.eq(t),
                    ))
                    .execute(conn)?;
                id
            }
            None => diesel::insert_into(hl7_messages::table)
                .values((
                    hl7_messages::hospital_id.eq(w.hospital_id),
                    hl7_messages::control_id.eq(w.control_id),
                    hl7_messages::event.eq(w.event),
                    hl7_messages::sending_app.eq(w.sending_app),
                    hl7_messages::charset.eq(w.charset.name()),
                    hl7_messages::mrn.eq(&w.applied.mrn),
                    hl7_messages::patient_id.eq(w.applied.patient_id),
                    hl7_messages::status.eq(w.status),
                    hl7_messages::ack_code.eq(w.ack_code),
                    hl7_messages::error.eq(w.error),
                    hl7_messages::raw.eq(w.raw),
                    hl7_messages::ack.eq(w.ack),
                    hl7_messages::remote.eq(w.remote),
                    hl7_messages::received_at.eq(t),
                    hl7_messages::processed_at.eq(t),
                ))
                .returning(hl7_messages::id)
                .get_result(conn)?,
        };
        Ok(id)
    })
}

/// The ACK: MSH (sender and receiver swapped), MSA, and ERR when
/// something is wrong (ERR-1 for v2.3 readers, ERR-2 location, ERR-3 code,
/// ERR-4 severity, ERR-8 the reason for people).
pub fn build_ack(header: Option<&Message>, charset: Charset, code: &str, err: Option<&Hl7Error>) -> String {
    let d = header.map(|m| m.delimiters).unwrap_or_default();
    let v = |seg: &str, f: usize| header.map(|m| m.raw_field_of(seg, f)).unwrap_or_default();
    let control_id = header.map(|m| m.value("MSH", 10, 1)).unwrap_or_default();
    let event = header.map(|m| m.value("MSH", 9, 2)).unwrap_or_default();
    let version = header.map(|m| m.value("MSH", 12, 1)).filter(|v| v.starts_with("2.")).unwrap_or_else(|| "2.5".into());
    let processing = header.map(|m| m.value("MSH", 11, 1)).filter(|p| !p.is_empty()).unwrap_or_else(|| "P".into());
    let ts = (chrono::Utc::now() + chrono::Duration::hours(8)).format("%Y%m%d%H%M%S");
    let sep = d.field;
    let enc = format!("{}{}{}{}", d.component, d.repetition, d.escape, d.subcomponent);
    let receiving_facility = {
        let f = v("MSH", 6);
        if f.is_empty() {
            "HCRM".to_string()
        } else {
            f
        }
    };
    let charset_field = header.map(|m| m.raw_field_of("MSH", 18)).filter(|c| !c.is_empty()).unwrap_or_else(|| {
        if charset == Charset::Utf8 {
            String::new()
        } else {
            charset.name().into()
        }
    });
    let mut out = format!(
        "MSH{sep}{enc}{sep}HCRM{sep}{receiving_facility}{sep}{}{sep}{}{sep}{ts}{sep}{sep}ACK{c}{event}{c}ACK{sep}{}{sep}{processing}{sep}{version}{sep}{sep}{sep}{sep}{sep}{sep}{charset_field}\r",
        v("MSH", 3),
        v("MSH", 4),
        Message::escape(&d, &format!("ACK{control_id}")),
        c = d.component,
    );
    let text = match (code, err) {
        (_, Some(e)) => Message::escape(&d, &e.to_string()),
        ("AA", None) => "OK".into(),
        _ => String::new(),
    };
    out.push_str(&format!("MSA{sep}{code}{sep}{}{sep}{text}\r", Message::escape(&d, &control_id)));
    if let Some(e) = err {
        let c = d.component;
        let s = d.subcomponent;
        let (seg, field) = (e.segment.as_str(), if e.field == 0 { String::new() } else { e.field.to_string() });
        out.push_str(&format!(
            "ERR{sep}{seg}{c}1{c}{field}{c}{code}{s}{ctext}{sep}{seg}{c}1{c}{field}{sep}{code}{c}{ctext}{c}HL70357{sep}E{sep}{sep}{sep}{sep}{reason}\r",
            code = e.code,
            ctext = Message::escape(&d, e.code_text()),
            reason = Message::escape(&d, &e.to_string()),
        ));
    }
    out
}

macro_rules! columns {
    () => {
        (
            hl7_messages::id,
            hl7_messages::control_id,
            hl7_messages::event,
            hl7_messages::sending_app,
            hl7_messages::charset,
            hl7_messages::mrn,
            hl7_messages::patient_id,
            hl7_messages::status,
            hl7_messages::ack_code,
            hl7_messages::error,
            hl7_messages::remote,
            hl7_messages::attempts,
            hl7_messages::received_at,
            hl7_messages::processed_at,
        )
    };
}

fn to_dto(r: InboxRow) -> Hl7Message {
    Hl7Message {
        id: r.0,
        control_id: r.1,
        event: r.2,
        sending_app: r.3,
        charset: r.4,
        mrn: r.5,
        patient_id: r.6,
        status: r.7,
        ack_code: r.8,
        error: r.9,
        remote: r.10,
        attempts: r.11,
        received_at: to_utc(r.12),
        processed_at: to_utc(r.13),
    }
}

/// Inbox messages matching `q`, newest first.
pub fn search(conn: &mut DbConnection, hospital_id: i64, q: &InboxQuery) -> ApiResult<Page<Hl7Message>> {
    let (page, per_page) = page_bounds(q.page, q.per_page);
    let event = q.event.as_ref().map(|e| e.trim().to_ascii_uppercase()).filter(|e| !e.is_empty()).map(|e| {
        if e.contains('^') {
            e
        } else {
            format!("ADT^{e}")
        }
    });
    let blank = |s: &Option<String>| s.as_ref().map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let (control_id, mrn, status) = (blank(&q.control_id), blank(&q.mrn).map(|m| m.to_ascii_uppercase()), q.status);
    let from = q.from.map(|d| d.and_hms_opt(0, 0, 0).unwrap());
    let to = q.to.map(|d| d.and_hms_opt(0, 0, 0).unwrap() + chrono::Duration::days(1));
    db_run!(conn: {
        macro_rules! filtered {
            () => {{
                let mut f = hl7_messages::table.filter(hl7_messages::hospital_id.eq(hospital_id)).into_boxed();
                if let Some(c) = &control_id { f = f.filter(hl7_messages::control_id.eq(c.clone())); }
                if let Some(e) = &event { f = f.filter(hl7_messages::event.eq(e.clone())); }
                if let Some(s) = status { f = f.filter(hl7_messages::status.eq(s)); }
                if let Some(m) = &mrn { f = f.filter(hl7_messages::mrn.eq(m.clone())); }
                if let Some(t) = from { f = f.filter(hl7_messages::received_at.ge(t)); }
                if let Some(t) = to { f = f.filter(hl7_messages::received_at.lt(t)); }
                f
            }};
        }
        let total: i64 = filtered!().count().get_result(conn)?;
        let rows: Vec<InboxRow> = filtered!().select(columns!()).order(hl7_messages::id.desc()).limit(per_page).offset((page - 1) * per_page).load(conn)?;
        Ok(Page { items: rows.into_iter().map(to_dto).collect(), total, page, per_page })
    })
}

/// One message with its raw text (decoded in its character set) and ACK.
pub fn detail(conn: &mut DbConnection, hospital_id: i64, id: i64) -> ApiResult<Hl7MessageDetail> {
    let (row, raw, ack): (InboxRow, Vec<u8>, String) = db_run!(conn: {
        let r: Option<(InboxRow, Vec<u8>, String)> = hl7_messages::table
            .filter(hl7_messages::hospital_id.eq(hospital_id))
            .filter(hl7_messages::id.eq(id))
            .select((columns!(), hl7_messages::raw, hl7_messages::ack))
            .first(conn)
            .optional()?;
        r.ok_or_else(|| ApiError::not_found("message"))?
    });
    let charset = Charset::parse(&row.4).unwrap_or(Charset::Utf8);
    Ok(Hl7MessageDetail { raw: charset.decode_lossy(&raw), raw_bytes: raw.len() as i64, ack, message: to_dto(row) })
}
