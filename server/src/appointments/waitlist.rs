//! The waitlist (候补): a full session takes patients in order; a freed
//! number is held for the first in line for `waitlist_offer_minutes` and
//! offered by SMS; if they do not accept in time it goes to the next.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use hcrm_shared::appointments::{AppointmentStatus, BookingChannel, SessionStatus, SlotStatus, WaitlistStatus};
use hcrm_shared::messaging::NewSms;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::booking::{self, Booker, HoldSpec};
use super::slots;
use crate::app::AppState;
use crate::audit;
use crate::common::Scope;
use crate::db::schema::{appointments, appt_slots, appt_waitlist, patients};
use crate::db::{now, to_utc, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = appt_waitlist)]
pub struct WaitRow {
    pub id: i64,
    pub hospital_id: i64,
    pub session_id: i64,
    pub patient_id: i64,
    pub channel: BookingChannel,
    pub status: WaitlistStatus,
    pub appointment_id: Option<i64>,
    pub offer_expires_at: Option<NaiveDateTime>,
    pub sms_id: Option<i64>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WaitEntry {
    pub id: i64,
    pub session_id: i64,
    pub patient_id: i64,
    pub patient_name: String,
    pub channel: BookingChannel,
    pub status: WaitlistStatus,
    pub appointment_id: Option<i64>,
    pub offer_expires_at: Option<DateTime<Utc>>,
    pub sms_id: Option<i64>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JoinRequest {
    pub session_id: i64,
    pub patient_id: i64,
    #[serde(default)]
    pub channel: Option<BookingChannel>,
}

fn entry(conn: &mut DbConnection, r: &WaitRow) -> ApiResult<WaitEntry> {
    let pid = r.patient_id;
    let name: String =
        db_run!(conn: { patients::table.filter(patients::id.eq(pid)).select(patients::name).first(conn)? });
    Ok(WaitEntry {
        id: r.id,
        session_id: r.session_id,
        patient_id: r.patient_id,
        patient_name: name,
        channel: r.channel,
        status: r.status,
        appointment_id: r.appointment_id,
        offer_expires_at: r.offer_expires_at.map(to_utc),
        sms_id: r.sms_id,
        created_at: to_utc(r.created_at),
    })
}

fn free_numbers(conn: &mut DbConnection, session_id: i64, t: NaiveDateTime) -> ApiResult<i64> {
    db_run!(conn: {
        Ok(appt_slots::table
            .filter(appt_slots::session_id.eq(session_id))
            .filter(appt_slots::reserved_for.is_null())
            .filter(appt_slots::starts_at.gt(t))
            .filter(appt_slots::status.eq(SlotStatus::Free).or(appt_slots::status.eq(SlotStatus::Held).and(appt_slots::hold_until.lt(t))))
            .count()
            .get_result(conn)?)
    })
}

/// Puts the patient on the waitlist of a full session.
pub fn join(
    conn: &mut DbConnection,
    by: &Booker,
    session_id: i64,
    patient_id: i64,
    channel: BookingChannel,
) -> ApiResult<WaitEntry> {
    let s = slots::session(conn, &by.scope, session_id)?;
    let t = now();
    if s.status != SessionStatus::Open || s.ends_at <= t {
        return Err(booking::refuse("session_closed", "this session takes no waitlist"));
    }
    if free_numbers(conn, session_id, t)? > 0 {
        return Err(booking::refuse("not_full", "this session still has free numbers; book one"));
    }
    let row: Result<WaitRow, diesel::result::Error> = db_run!(conn: {
        diesel::insert_into(appt_waitlist::table)
            .values((
                appt_waitlist::hospital_id.eq(s.hospital_id),
                appt_waitlist::session_id.eq(session_id),
                appt_waitlist::patient_id.eq(patient_id),
                appt_waitlist::channel.eq(channel),
                appt_waitlist::status.eq(WaitlistStatus::Waiting),
                appt_waitlist::created_by.eq(by.user_id),
                appt_waitlist::created_at.eq(t),
                appt_waitlist::updated_at.eq(t),
            ))
            .returning(WaitRow::as_returning())
            .get_result(conn)
    });
    let row = row.map_err(|e| match e {
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => {
            booking::refuse("already_waiting", "the patient is already on this waitlist")
        }
        e => e.into(),
    })?;
    audit::record(
        conn,
        &by.actor,
        audit::AuditAction::AppointmentWaitlistJoin,
        Some(patient_id),
        Some(&format!("appt_waitlist:{}", row.id)),
        None,
    )?;
    entry(conn, &row)
}

pub fn list(conn: &mut DbConnection, by: &Booker, session_id: i64) -> ApiResult<Vec<WaitEntry>> {
    slots::session(conn, &by.scope, session_id)?;
    let rows: Vec<WaitRow> = db_run!(conn: {
        appt_waitlist::table.filter(appt_waitlist::session_id.eq(session_id)).order(appt_waitlist::id).select(WaitRow::as_select()).load(conn)?
    });
    rows.iter().map(|r| entry(conn, r)).collect()
}

/// Offers free numbers of the session to the waitlist, first come first
/// served: each offer is a hold that lasts the offer time, and an SMS.
pub fn offer_freed(conn: &mut DbConnection, state: &AppState, session_id: i64) -> ApiResult<usize> {
    let t = now();
    let mut offered = 0;
    loop {
        let next: Option<WaitRow> = db_run!(conn: {
            appt_waitlist::table
                .filter(appt_waitlist::session_id.eq(session_id))
                .filter(appt_waitlist::status.eq(WaitlistStatus::Waiting))
                .order(appt_waitlist::id)
                .select(WaitRow::as_select())
                .first(conn)
                .optional()?
        });
        let Some(w) = next else { break };
        if free_numbers(conn, session_id, t)? == 0 {
            break;
        }
        let minutes = state.config.appointments.waitlist_offer_minutes.max(1);
        let by = Booker {
            scope: Scope::hospital(w.hospital_id),
            actor: super::system_actor(w.hospital_id),
            user_id: None,
            api_key_id: None,
        };
        let spec = HoldSpec {
            session_id,
            patient_id: w.patient_id,
            channel: w.channel,
            hold_minutes: Some(minutes),
            ..Default::default()
        };
        // An offer that cannot be made (the patient booked meanwhile, a
        // quota) ends this entry and moves on; the savepoint keeps a failed
        // attempt from spoiling the surrounding transaction on PostgreSQL.
        let attempt = savepoint(conn, |conn| booking::hold(conn, state, &by, &spec));
        let (status, appointment, expires) = match attempt {
            Ok(a) => (WaitlistStatus::Offered, Some(a.id), Some(t + Duration::minutes(minutes))),
            Err(_) => (WaitlistStatus::Expired, None, None),
        };
        let sms_id = match appointment {
            Some(_) => {
                let s = slots::session(conn, &Scope::hospital(w.hospital_id), session_id)?;
                let until = super::local(state, t + Duration::minutes(minutes));
                let body = format!(
                    "您候补的{} {}门诊已有号源，已为您保留至{}，请致电或在线确认，逾期将顺延给下一位。",
                    s.day,
                    s.session.label(),
                    until.format("%H:%M")
                );
                let sms =
                    NewSms { patient_id: Some(w.patient_id), body: Some(body), urgent: true, ..Default::default() };
                savepoint(conn, |conn| crate::sms::service::enqueue(conn, state, w.hospital_id, None, &sms))
                    .ok()
                    .map(|m| m.id)
            }
            None => None,
        };
        db_run!(conn: {
            diesel::update(appt_waitlist::table.filter(appt_waitlist::id.eq(w.id)))
                .set((
                    appt_waitlist::status.eq(status),
                    appt_waitlist::appointment_id.eq(appointment),
                    appt_waitlist::offer_expires_at.eq(expires),
                    appt_waitlist::sms_id.eq(sms_id),
                    appt_waitlist::updated_at.eq(t),
                ))
                .execute(conn)?;
        });
        if appointment.is_some() {
            offered += 1;
        }
    }
    Ok(offered)
}

/// Runs `f` in a savepoint (diesel's nested transaction).
pub fn savepoint<T>(conn: &mut DbConnection, f: impl FnOnce(&mut DbConnection) -> ApiResult<T>) -> ApiResult<T> {
    use diesel::Connection;
    conn.transaction::<T, ApiError, _>(f)
}

/// The patient accepts an offer: the held number is confirmed.
pub fn accept(conn: &mut DbConnection, by: &Booker, id: i64) -> ApiResult<super::model::AppointmentRow> {
    let w: Option<WaitRow> = db_run!(conn: {
        appt_waitlist::table.filter(appt_waitlist::id.eq(id)).select(WaitRow::as_select()).first(conn).optional()?
    });
    let w = w.filter(|w| w.hospital_id == by.hospital_id()).ok_or_else(|| ApiError::not_found("waitlist entry"))?;
    slots::session(conn, &by.scope, w.session_id)?;
    let t = now();
    let (Some(appt), true) =
        (w.appointment_id, w.status == WaitlistStatus::Offered && w.offer_expires_at.is_some_and(|e| e >= t))
    else {
        return Err(booking::refuse("no_offer", format!("this entry is {} and has no open offer", w.status)));
    };
    let system = Booker {
        scope: Scope::hospital(w.hospital_id),
        actor: by.actor.clone(),
        user_id: by.user_id,
        api_key_id: None,
    };
    let row = booking::confirm(conn, &system, appt)?;
    db_run!(conn: {
        diesel::update(appt_waitlist::table.filter(appt_waitlist::id.eq(id))).set((appt_waitlist::status.eq(WaitlistStatus::Accepted), appt_waitlist::updated_at.eq(t))).execute(conn)?;
    });
    Ok(row)
}

/// Ends offers that ran out (their hold is released) and offers the numbers
/// to the next in line. Returns how many offers expired.
pub fn sweep(conn: &mut DbConnection, state: &AppState, hospital_id: i64) -> ApiResult<usize> {
    let t = now();
    let due: Vec<WaitRow> = db_run!(conn: {
        appt_waitlist::table
            .filter(appt_waitlist::hospital_id.eq(hospital_id))
            .filter(appt_waitlist::status.eq(WaitlistStatus::Offered))
            .filter(appt_waitlist::offer_expires_at.lt(t))
            .select(WaitRow::as_select())
            .load(conn)?
    });
    for w in &due {
        if let Some(a) = w.appointment_id {
            let freed: Option<(i64, i64)> = db_run!(conn: {
                diesel::update(appointments::table.filter(appointments::id.eq(a)).filter(appointments::status.eq(AppointmentStatus::Held)))
                    .set((appointments::status.eq(AppointmentStatus::Expired), appointments::updated_at.eq(t)))
                    .returning((appointments::id, appointments::slot_id))
                    .get_result(conn)
                    .optional()?
            });
            if let Some((id, slot)) = freed {
                booking::free_slot(conn, slot, id)?;
            }
        }
        db_run!(conn: {
            diesel::update(appt_waitlist::table.filter(appt_waitlist::id.eq(w.id))).set((appt_waitlist::status.eq(WaitlistStatus::Expired), appt_waitlist::updated_at.eq(t))).execute(conn)?;
        });
    }
    let mut sessions: Vec<i64> = due.iter().map(|w| w.session_id).collect();
    sessions.sort();
    sessions.dedup();
    for s in sessions {
        offer_freed(conn, state, s)?;
    }
    Ok(due.len())
}

/// Cancels the waiting entries of a session (it was suspended).
pub fn close(conn: &mut DbConnection, session_id: i64) -> ApiResult<usize> {
    let t = now();
    db_run!(conn: {
        Ok(diesel::update(appt_waitlist::table.filter(appt_waitlist::session_id.eq(session_id)).filter(appt_waitlist::status.eq_any([WaitlistStatus::Waiting, WaitlistStatus::Offered])))
            .set((appt_waitlist::status.eq(WaitlistStatus::Cancelled), appt_waitlist::updated_at.eq(t)))
            .execute(conn)?)
    })
}
