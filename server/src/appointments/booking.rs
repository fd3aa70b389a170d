//! Holding, confirming, cancelling, rescheduling and checking in.
//!
//! Every function here runs inside the caller's write transaction
//! (`db::write_transaction`: BEGIN IMMEDIATE on SQLite). A slot is taken by
//! a conditional UPDATE (`WHERE status = 'free' OR the hold ran out`), never
//! by reading and then writing, so concurrent requests on PostgreSQL cannot
//! both win; the partial unique indexes on `appointments` back that up.

use axum::http::StatusCode;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use hcrm_shared::appointments::{AppointmentStatus, BookingChannel, SessionStatus, SlotStatus};

use super::model::*;
use super::slots;
use super::{blacklist, waitlist};
use crate::app::AppState;
use crate::audit::{self, Actor};
use crate::common::Scope;
use crate::db::schema::{appointments, appt_sessions, appt_slots, patients};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};

/// Who books: a signed-in user or a public API key.
#[derive(Debug, Clone)]
pub struct Booker {
    pub scope: Scope,
    pub actor: Actor,
    pub user_id: Option<i64>,
    pub api_key_id: Option<i64>,
}

impl Booker {
    pub fn of(auth: &crate::auth::AuthUser) -> Booker {
        Booker { scope: Scope::of(auth), actor: auth.actor(), user_id: Some(auth.user_id), api_key_id: None }
    }
    pub fn hospital_id(&self) -> i64 {
        self.scope.hospital_id
    }
}

#[derive(Debug, Clone, Default)]
pub struct HoldSpec {
    pub session_id: i64,
    pub slot_id: Option<i64>,
    pub patient_id: i64,
    pub channel: BookingChannel,
    pub confirm: bool,
    pub client_ref: Option<String>,
    pub rescheduled_from: Option<i64>,
    /// How long the hold lasts (waitlist offers); default `hold_minutes`.
    pub hold_minutes: Option<i64>,
}

pub fn refuse(code: &'static str, detail: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::CONFLICT, code, detail)
}

/// Takes a number for the patient in the session: held for
/// `hold_minutes`, or confirmed at once when `spec.confirm`.
pub fn hold(conn: &mut DbConnection, state: &AppState, by: &Booker, spec: &HoldSpec) -> ApiResult<AppointmentRow> {
    let t = now();
    if let Some(r) = &spec.client_ref {
        if let Some(existing) = by_client_ref(conn, by.hospital_id(), r)? {
            // The same request again (a retry after a lost answer).
            if existing.patient_id != spec.patient_id || existing.session_id != spec.session_id {
                return Err(ApiError::conflict("client_ref", "this client_ref belongs to another booking"));
            }
            return Ok(existing);
        }
    }
    let session = slots::session(conn, &by.scope, spec.session_id)?;
    if session.status != SessionStatus::Open {
        return Err(refuse("session_suspended", "this clinic session is suspended (停诊)"));
    }
    if session.ends_at <= t {
        return Err(refuse("session_over", "this session is over"));
    }
    if spec.channel.is_online() && t < session.release_at {
        let local = session.release_at + Duration::minutes(state.config.utc_offset_minutes as i64);
        return Err(refuse(
            "not_released",
            format!("numbers of this session open at {} (local time)", local.format("%Y-%m-%d %H:%M")),
        ));
    }
    if spec.channel.is_self_service() {
        if let Some(b) = blacklist::active_block(conn, spec.patient_id, t)? {
            let local = b.ends_at + Duration::minutes(state.config.utc_offset_minutes as i64);
            return Err(refuse(
                "blocked",
                format!(
                    "online booking is blocked until {} after repeated no-shows; book by phone or at the window",
                    local.format("%Y-%m-%d")
                ),
            ));
        }
    }
    expire_patient_holds(conn, session.id, spec.patient_id, t)?;
    let (pid, sid) = (spec.patient_id, session.id);
    let live: i64 = db_run!(conn: {
        appointments::table
            .filter(appointments::session_id.eq(sid))
            .filter(appointments::patient_id.eq(pid))
            .filter(appointments::status.eq_any(AppointmentStatus::LIVE))
            .count()
            .get_result(conn)?
    });
    if live > 0 {
        return Err(refuse("duplicate_hold", "the patient already has a number in this session"));
    }
    check_quota(conn, &session, spec.channel, t)?;
    let hold_until = t + Duration::minutes(spec.hold_minutes.unwrap_or(state.config.appointments.hold_minutes).max(1));
    let slot = take_slot(conn, &session, spec.slot_id, spec.channel, hold_until, t)?;
    let status = if spec.confirm { AppointmentStatus::Confirmed } else { AppointmentStatus::Held };
    let inserted: Result<AppointmentRow, diesel::result::Error> = db_run!(conn: {
        diesel::insert_into(appointments::table)
            .values((
                appointments::hospital_id.eq(session.hospital_id),
                appointments::session_id.eq(session.id),
                appointments::slot_id.eq(slot.id),
                appointments::seq.eq(slot.seq),
                appointments::patient_id.eq(spec.patient_id),
                appointments::department_id.eq(session.department_id),
                appointments::doctor_id.eq(session.doctor_id),
                appointments::channel.eq(spec.channel),
                appointments::status.eq(status),
                appointments::hold_until.eq((!spec.confirm).then_some(hold_until)),
                appointments::api_key_id.eq(by.api_key_id),
                appointments::client_ref.eq(&spec.client_ref),
                appointments::created_by.eq(by.user_id),
                appointments::created_at.eq(t),
                appointments::confirmed_at.eq(spec.confirm.then_some(t)),
                appointments::rescheduled_from.eq(spec.rescheduled_from),
                appointments::updated_at.eq(t),
            ))
            .returning(AppointmentRow::as_returning())
            .get_result(conn)
    });
    let row = inserted.map_err(|e| match e {
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => {
            refuse("duplicate_hold", "the patient already has a number in this session")
        }
        e => e.into(),
    })?;
    let slot_status = if spec.confirm { SlotStatus::Booked } else { SlotStatus::Held };
    db_run!(conn: {
        diesel::update(appt_slots::table.filter(appt_slots::id.eq(slot.id)))
            .set((appt_slots::appointment_id.eq(Some(row.id)), appt_slots::status.eq(slot_status), appt_slots::hold_until.eq((!spec.confirm).then_some(hold_until))))
            .execute(conn)?;
    });
    let action = if spec.confirm { audit::AuditAction::AppointmentBook } else { audit::AuditAction::AppointmentHold };
    let detail = format!("session={} seq={} channel={}", session.id, slot.seq, spec.channel);
    audit::record(
        conn,
        &by.actor,
        action,
        Some(spec.patient_id),
        Some(&format!("appointment:{}", row.id)),
        Some(&detail),
    )?;
    Ok(row)
}

fn by_client_ref(conn: &mut DbConnection, hospital_id: i64, r: &str) -> ApiResult<Option<AppointmentRow>> {
    db_run!(conn: {
        Ok(appointments::table
            .filter(appointments::hospital_id.eq(hospital_id))
            .filter(appointments::client_ref.eq(r))
            .select(AppointmentRow::as_select())
            .first(conn)
            .optional()?)
    })
}

/// A hold of this patient in this session that ran out no longer counts.
fn expire_patient_holds(conn: &mut DbConnection, session_id: i64, patient_id: i64, t: NaiveDateTime) -> ApiResult<()> {
    let stale: Vec<(i64, i64)> = db_run!(conn: {
        diesel::update(
            appointments::table
                .filter(appointments::session_id.eq(session_id))
                .filter(appointments::patient_id.eq(patient_id))
                .filter(appointments::status.eq(AppointmentStatus::Held))
                .filter(appointments::hold_until.lt(t)),
        )
        .set((appointments::status.eq(AppointmentStatus::Expired), appointments::updated_at.eq(t)))
        .returning((appointments::id, appointments::slot_id))
        .get_results(conn)?
    });
    for (id, slot) in stale {
        free_slot(conn, slot, id)?;
    }
    Ok(())
}

/// Channel quotas: on PostgreSQL the session row is locked first so two
/// transactions cannot both see the last free place of a quota.
fn check_quota(
    conn: &mut DbConnection,
    session: &SessionRow,
    channel: BookingChannel,
    t: NaiveDateTime,
) -> ApiResult<()> {
    let Some(quota) = session.quota_map().get(channel.as_str()).copied() else { return Ok(()) };
    let sid = session.id;
    if let DbConnection::Postgresql(c) = conn {
        appt_sessions::table
            .filter(appt_sessions::id.eq(sid))
            .select(appt_sessions::id)
            .for_update()
            .first::<i64>(c)?;
    }
    let used: i64 = db_run!(conn: {
        appointments::table
            .filter(appointments::session_id.eq(sid))
            .filter(appointments::channel.eq(channel))
            .filter(appointments::status.eq_any([AppointmentStatus::Confirmed, AppointmentStatus::CheckedIn]).or(appointments::status.eq(AppointmentStatus::Held).and(appointments::hold_until.ge(t))))
            .count()
            .get_result(conn)?
    });
    if used >= quota {
        return Err(refuse("quota_exhausted", format!("the {channel} quota of this session ({quota}) is used up")));
    }
    Ok(())
}

/// Marks a slot free again if it still belongs to `appointment_id`.
pub fn free_slot(conn: &mut DbConnection, slot_id: i64, appointment_id: i64) -> ApiResult<()> {
    db_run!(conn: {
        diesel::update(appt_slots::table.filter(appt_slots::id.eq(slot_id)).filter(appt_slots::appointment_id.eq(appointment_id)))
            .set((appt_slots::status.eq(SlotStatus::Free), appt_slots::hold_until.eq(None::<NaiveDateTime>), appt_slots::appointment_id.eq(None::<i64>)))
            .execute(conn)?;
    });
    Ok(())
}

/// The conditional UPDATE that takes one slot; 1 row means it is ours.
fn try_take(conn: &mut DbConnection, slot_id: i64, hold_until: NaiveDateTime, t: NaiveDateTime) -> ApiResult<bool> {
    db_run!(conn: {
        // A hold that ran out leaves its appointment row live in the index;
        // expire it first (its slot is taken below).
        diesel::update(
            appointments::table
                .filter(appointments::slot_id.eq(slot_id))
                .filter(appointments::status.eq(AppointmentStatus::Held))
                .filter(appointments::hold_until.lt(t)),
        )
        .set((appointments::status.eq(AppointmentStatus::Expired), appointments::updated_at.eq(t)))
        .execute(conn)?;
        let n = diesel::update(
            appt_slots::table
                .filter(appt_slots::id.eq(slot_id))
                .filter(appt_slots::status.eq(SlotStatus::Free).or(appt_slots::status.eq(SlotStatus::Held).and(appt_slots::hold_until.lt(t)))),
        )
        .set((appt_slots::status.eq(SlotStatus::Held), appt_slots::hold_until.eq(Some(hold_until)), appt_slots::appointment_id.eq(None::<i64>)))
        .execute(conn)?;
        Ok(n == 1)
    })
}

fn take_slot(
    conn: &mut DbConnection,
    session: &SessionRow,
    slot_id: Option<i64>,
    channel: BookingChannel,
    hold_until: NaiveDateTime,
    t: NaiveDateTime,
) -> ApiResult<SlotRow> {
    let sid = session.id;
    if let Some(id) = slot_id {
        let slot: SlotRow = db_run!(conn: {
            appt_slots::table
                .filter(appt_slots::id.eq(id))
                .filter(appt_slots::session_id.eq(sid))
                .select(SlotRow::as_select())
                .first(conn)
                .optional()?
                .ok_or_else(|| ApiError::invalid("slot_id", "no such number in this session"))?
        });
        if slot.reserved_for == Some(BookingChannel::Onsite) && channel != BookingChannel::Onsite {
            return Err(refuse("slot_reserved", format!("number {} is kept for the on-site window", slot.seq)));
        }
        if slot.ends_at <= t {
            return Err(refuse("slot_over", format!("number {} is past", slot.seq)));
        }
        if !try_take(conn, slot.id, hold_until, t)? {
            return Err(refuse("slot_taken", format!("number {} is already taken", slot.seq)));
        }
        return Ok(slot);
    }
    // The window takes the numbers kept for it first; everyone else only
    // the others, so online and on-site patients interleave.
    let passes: &[bool] = if channel == BookingChannel::Onsite { &[true, false] } else { &[false] };
    for &reserved in passes {
        for _round in 0..50 {
            let candidates: Vec<SlotRow> = db_run!(conn: {
                let mut q = appt_slots::table
                    .filter(appt_slots::session_id.eq(sid))
                    .filter(appt_slots::starts_at.gt(t))
                    .filter(appt_slots::status.eq(SlotStatus::Free).or(appt_slots::status.eq(SlotStatus::Held).and(appt_slots::hold_until.lt(t))))
                    .into_boxed();
                q = if reserved { q.filter(appt_slots::reserved_for.eq(BookingChannel::Onsite)) } else { q.filter(appt_slots::reserved_for.is_null()) };
                q.order(appt_slots::seq).limit(20).select(SlotRow::as_select()).load(conn)?
            });
            if candidates.is_empty() {
                break;
            }
            for c in candidates {
                if try_take(conn, c.id, hold_until, t)? {
                    return Ok(c);
                }
            }
        }
    }
    Err(refuse("session_full", "no number is free in this session for this channel; the patient may join the waitlist"))
}

pub fn load(conn: &mut DbConnection, by: &Booker, id: i64) -> ApiResult<AppointmentRow> {
    let row: Option<AppointmentRow> = db_run!(conn: {
        appointments::table.filter(appointments::id.eq(id)).select(AppointmentRow::as_select()).first(conn).optional()?
    });
    let row = row.filter(|r| r.hospital_id == by.hospital_id()).ok_or_else(|| ApiError::not_found("appointment"))?;
    if let Some(d) = &by.scope.departments {
        if !d.contains(&row.department_id) {
            return Err(ApiError::not_found("appointment"));
        }
    }
    if let Some(k) = by.api_key_id {
        // A key sees only what it booked.
        if row.api_key_id != Some(k) {
            return Err(ApiError::not_found("appointment"));
        }
    }
    Ok(row)
}

/// Runs `op` and answers with the appointment it acted on, as the API shows it.
pub fn shown(
    conn: &mut DbConnection,
    op: impl FnOnce(&mut DbConnection) -> ApiResult<AppointmentRow>,
) -> ApiResult<Appointment> {
    let row = op(conn)?;
    dto(conn, &row)
}

pub fn dto(conn: &mut DbConnection, row: &AppointmentRow) -> ApiResult<Appointment> {
    let (pid, sid) = (row.patient_id, row.slot_id);
    let (name, slot): (String, SlotRow) = db_run!(conn: {
        let name = patients::table.filter(patients::id.eq(pid)).select(patients::name).first(conn)?;
        let slot = appt_slots::table.filter(appt_slots::id.eq(sid)).select(SlotRow::as_select()).first(conn)?;
        (name, slot)
    });
    Ok(row.dto(name, &slot))
}

/// Confirms a hold that has not run out. Confirming twice is harmless.
pub fn confirm(conn: &mut DbConnection, by: &Booker, id: i64) -> ApiResult<AppointmentRow> {
    let current = load(conn, by, id)?;
    let t = now();
    let updated: Option<AppointmentRow> = db_run!(conn: {
        diesel::update(
            appointments::table
                .filter(appointments::id.eq(id))
                .filter(appointments::status.eq(AppointmentStatus::Held))
                .filter(appointments::hold_until.ge(t)),
        )
        .set((appointments::status.eq(AppointmentStatus::Confirmed), appointments::confirmed_at.eq(Some(t)), appointments::hold_until.eq(None::<NaiveDateTime>), appointments::updated_at.eq(t)))
        .returning(AppointmentRow::as_returning())
        .get_result(conn)
        .optional()?
    });
    let Some(row) = updated else {
        return match current.status {
            AppointmentStatus::Confirmed | AppointmentStatus::CheckedIn => Ok(current),
            AppointmentStatus::Held | AppointmentStatus::Expired => {
                Err(refuse("hold_expired", "the hold ran out; book again"))
            }
            s => Err(refuse("not_held", format!("the appointment is {s}"))),
        };
    };
    let slot = row.slot_id;
    db_run!(conn: {
        diesel::update(appt_slots::table.filter(appt_slots::id.eq(slot)).filter(appt_slots::appointment_id.eq(id)))
            .set((appt_slots::status.eq(SlotStatus::Booked), appt_slots::hold_until.eq(None::<NaiveDateTime>)))
            .execute(conn)?;
    });
    audit::record(
        conn,
        &by.actor,
        audit::AuditAction::AppointmentConfirm,
        Some(row.patient_id),
        Some(&format!("appointment:{id}")),
        None,
    )?;
    Ok(row)
}

fn slot_start(conn: &mut DbConnection, slot_id: i64) -> ApiResult<NaiveDateTime> {
    db_run!(conn: { Ok(appt_slots::table.filter(appt_slots::id.eq(slot_id)).select(appt_slots::starts_at).first(conn)?) })
}

/// Ends a live appointment with `status`, frees its slot and offers it to
/// the waitlist. The cutoff applies to confirmed appointments.
fn end_live(
    conn: &mut DbConnection,
    state: &AppState,
    by: &Booker,
    id: i64,
    status: AppointmentStatus,
    reason: &str,
    enforce_cutoff: bool,
) -> ApiResult<AppointmentRow> {
    let current = load(conn, by, id)?;
    if ![AppointmentStatus::Held, AppointmentStatus::Confirmed].contains(&current.status) {
        return Err(refuse("not_cancellable", format!("the appointment is {}", current.status)));
    }
    let t = now();
    if enforce_cutoff && current.status == AppointmentStatus::Confirmed {
        let start = slot_start(conn, current.slot_id)?;
        let cutoff = state.config.appointments.cancel_cutoff_minutes;
        if t > start - Duration::minutes(cutoff) {
            return Err(refuse(
                "cutoff_passed",
                format!("appointments can be cancelled until {cutoff} minutes before their time"),
            ));
        }
    }
    let row: Option<AppointmentRow> = db_run!(conn: {
        diesel::update(appointments::table.filter(appointments::id.eq(id)).filter(appointments::status.eq_any([AppointmentStatus::Held, AppointmentStatus::Confirmed])))
            .set((
                appointments::status.eq(status),
                appointments::cancelled_at.eq(Some(t)),
                appointments::cancel_reason.eq(Some(reason)),
                appointments::hold_until.eq(None::<NaiveDateTime>),
                appointments::updated_at.eq(t),
            ))
            .returning(AppointmentRow::as_returning())
            .get_result(conn)
            .optional()?
    });
    let row = row.ok_or_else(|| refuse("not_cancellable", "the appointment changed meanwhile"))?;
    free_slot(conn, row.slot_id, row.id)?;
    Ok(row)
}

pub fn cancel(
    conn: &mut DbConnection,
    state: &AppState,
    by: &Booker,
    id: i64,
    reason: &str,
) -> ApiResult<AppointmentRow> {
    let row = end_live(conn, state, by, id, AppointmentStatus::Cancelled, reason, true)?;
    audit::record(
        conn,
        &by.actor,
        audit::AuditAction::AppointmentCancel,
        Some(row.patient_id),
        Some(&format!("appointment:{id}")),
        Some(reason),
    )?;
    waitlist::offer_freed(conn, state, row.session_id)?;
    Ok(row)
}

/// Moves an appointment to another session or number in one transaction:
/// the old one ends only if the new one is taken.
pub fn reschedule(
    conn: &mut DbConnection,
    state: &AppState,
    by: &Booker,
    id: i64,
    req: &RescheduleRequest,
) -> ApiResult<AppointmentRow> {
    let old = end_live(conn, state, by, id, AppointmentStatus::Rescheduled, "rescheduled", true)?;
    let spec = HoldSpec {
        session_id: req.session_id,
        slot_id: req.slot_id,
        patient_id: old.patient_id,
        channel: old.channel,
        confirm: true,
        client_ref: None,
        rescheduled_from: Some(old.id),
        hold_minutes: None,
    };
    let new = hold(conn, state, by, &spec)?;
    audit::record(
        conn,
        &by.actor,
        audit::AuditAction::AppointmentReschedule,
        Some(old.patient_id),
        Some(&format!("appointment:{id}")),
        Some(&format!("to appointment:{}", new.id)),
    )?;
    if old.session_id != new.session_id {
        waitlist::offer_freed(conn, state, old.session_id)?;
    }
    Ok(new)
}

/// Attendance, from the window or the HIS.
pub fn check_in(conn: &mut DbConnection, by: &Booker, id: i64) -> ApiResult<AppointmentRow> {
    let current = load(conn, by, id)?;
    let t = now();
    let row: Option<AppointmentRow> = db_run!(conn: {
        diesel::update(appointments::table.filter(appointments::id.eq(id)).filter(appointments::status.eq_any([AppointmentStatus::Confirmed, AppointmentStatus::NoShow])))
            .set((appointments::status.eq(AppointmentStatus::CheckedIn), appointments::checked_in_at.eq(Some(t)), appointments::no_show_at.eq(None::<NaiveDateTime>), appointments::updated_at.eq(t)))
            .returning(AppointmentRow::as_returning())
            .get_result(conn)
            .optional()?
    });
    let row = match row {
        Some(r) => r,
        None if current.status == AppointmentStatus::CheckedIn => return Ok(current),
        None => return Err(refuse("not_confirmed", format!("the appointment is {}", current.status))),
    };
    audit::record(
        conn,
        &by.actor,
        audit::AuditAction::AppointmentCheckIn,
        Some(row.patient_id),
        Some(&format!("appointment:{id}")),
        None,
    )?;
    Ok(row)
}

pub fn list(conn: &mut DbConnection, by: &Booker, q: &AppointmentQuery) -> ApiResult<Vec<Appointment>> {
    if q.patient_id.is_none() && q.session_id.is_none() {
        return Err(ApiError::invalid("patient_id", "give a patient_id or a session_id"));
    }
    if let Some(s) = q.session_id {
        slots::session(conn, &by.scope, s)?;
    }
    let h = by.hospital_id();
    let rows: Vec<AppointmentRow> = db_run!(conn: {
        let mut query = appointments::table.filter(appointments::hospital_id.eq(h)).into_boxed();
        if let Some(p) = q.patient_id {
            query = query.filter(appointments::patient_id.eq(p));
        }
        if let Some(s) = q.session_id {
            query = query.filter(appointments::session_id.eq(s));
        }
        if let Some(st) = q.status {
            query = query.filter(appointments::status.eq(st));
        }
        if let Some(d) = &by.scope.departments {
            query = query.filter(appointments::department_id.eq_any(d.clone()));
        }
        query.order(appointments::id.desc()).limit(500).select(AppointmentRow::as_select()).load(conn)?
    });
    rows.iter().map(|r| dto(conn, r)).collect()
}
