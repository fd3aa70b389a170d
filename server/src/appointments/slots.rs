//! Reading sessions and their slots for the booking screens.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use hcrm_shared::appointments::{SessionStatus, SlotStatus, WaitlistStatus};

use super::model::*;
use crate::common::Scope;
use crate::db::schema::{appt_sessions, appt_slots, appt_waitlist, departments, users};
use crate::db::{now, to_utc, DbConnection, IdNames};
use crate::db_run;
use crate::error::{ApiError, ApiResult};

/// A session of the scope (ward staff: their department's), or 404.
pub fn session(conn: &mut DbConnection, scope: &Scope, id: i64) -> ApiResult<SessionRow> {
    let row: Option<SessionRow> = db_run!(conn: {
        appt_sessions::table.filter(appt_sessions::id.eq(id)).select(SessionRow::as_select()).first(conn).optional()?
    });
    row.filter(|s| scope.includes(s.hospital_id, s.department_id)).ok_or_else(|| ApiError::not_found("session"))
}

pub fn list_sessions(conn: &mut DbConnection, scope: &Scope, q: &SessionQuery) -> ApiResult<Vec<Session>> {
    let from = q.from.unwrap_or_else(|| now().date());
    let to = q.to.unwrap_or(from + chrono::Duration::days(13));
    if (to - from).num_days() > 92 {
        return Err(ApiError::invalid("to", "list at most 92 days at once"));
    }
    let rows: Vec<SessionRow> = db_run!(conn: {
        let mut query = appt_sessions::table
            .filter(appt_sessions::hospital_id.eq(scope.hospital_id))
            .filter(appt_sessions::day.between(from, to))
            .into_boxed();
        if let Some(d) = q.department_id {
            query = query.filter(appt_sessions::department_id.eq(d));
        }
        if let Some(d) = q.doctor_id {
            query = query.filter(appt_sessions::doctor_id.eq(d));
        }
        if q.expert_only == Some(true) {
            query = query.filter(appt_sessions::is_expert.eq(true));
        }
        if let Some(depts) = &scope.departments {
            query = query.filter(appt_sessions::department_id.eq_any(depts.clone()));
        }
        query.order((appt_sessions::starts_at, appt_sessions::id)).select(SessionRow::as_select()).load(conn)?
    });
    views(conn, &rows)
}

/// Session rows to screen rows, with free numbers and waitlist length.
pub fn views(conn: &mut DbConnection, rows: &[SessionRow]) -> ApiResult<Vec<Session>> {
    let ids: Vec<i64> = rows.iter().map(|s| s.id).collect();
    let t = now();
    let (free, waiting, depts, doctors): (Vec<(i64, i64)>, Vec<(i64, i64)>, IdNames, IdNames) = db_run!(conn: {
        let mut free = Vec::new();
        let mut waiting = Vec::new();
        for chunk in ids.chunks(500) {
            free.extend(appt_slots::table
                .filter(appt_slots::session_id.eq_any(chunk))
                .filter(appt_slots::status.eq(SlotStatus::Free).or(appt_slots::status.eq(SlotStatus::Held).and(appt_slots::hold_until.lt(t))))
                .group_by(appt_slots::session_id)
                .select((appt_slots::session_id, diesel::dsl::count_star()))
                .load::<(i64, i64)>(conn)?);
            waiting.extend(appt_waitlist::table
                .filter(appt_waitlist::session_id.eq_any(chunk))
                .filter(appt_waitlist::status.eq_any([WaitlistStatus::Waiting, WaitlistStatus::Offered]))
                .group_by(appt_waitlist::session_id)
                .select((appt_waitlist::session_id, diesel::dsl::count_star()))
                .load::<(i64, i64)>(conn)?);
        }
        let dept_ids: Vec<i64> = rows.iter().map(|s| s.department_id).collect();
        let doc_ids: Vec<i64> = rows.iter().filter_map(|s| s.doctor_id).collect();
        let depts = departments::table.filter(departments::id.eq_any(dept_ids)).select((departments::id, departments::name)).load(conn)?;
        let doctors = users::table.filter(users::id.eq_any(doc_ids)).select((users::id, users::display_name)).load(conn)?;
        (free, waiting, depts, doctors)
    });
    let free: HashMap<i64, i64> = free.into_iter().collect();
    let waiting: HashMap<i64, i64> = waiting.into_iter().collect();
    let depts: HashMap<i64, String> = depts.into_iter().collect();
    let doctors: HashMap<i64, String> = doctors.into_iter().collect();
    Ok(rows
        .iter()
        .map(|s| Session {
            id: s.id,
            department_id: s.department_id,
            department_name: depts.get(&s.department_id).cloned().unwrap_or_default(),
            doctor_id: s.doctor_id,
            doctor_name: s.doctor_id.and_then(|d| doctors.get(&d).cloned()),
            title: s.title.clone(),
            is_expert: s.is_expert,
            day: s.day,
            session: s.session,
            starts_at: to_utc(s.starts_at),
            ends_at: to_utc(s.ends_at),
            slot_minutes: s.slot_minutes,
            capacity: s.capacity,
            free: if s.status == SessionStatus::Open { free.get(&s.id).copied().unwrap_or(0) } else { 0 },
            onsite_every: s.onsite_every,
            quotas: s.quota_map(),
            release_at: to_utc(s.release_at),
            status: s.status,
            suspend_reason: s.suspend_reason.clone(),
            waitlist: waiting.get(&s.id).copied().unwrap_or(0),
        })
        .collect())
}

pub fn slots_of(conn: &mut DbConnection, session_id: i64) -> ApiResult<Vec<SlotRow>> {
    db_run!(conn: {
        Ok(appt_slots::table.filter(appt_slots::session_id.eq(session_id)).order(appt_slots::seq).select(SlotRow::as_select()).load(conn)?)
    })
}

pub fn detail(conn: &mut DbConnection, scope: &Scope, id: i64) -> ApiResult<SessionDetail> {
    let s = session(conn, scope, id)?;
    let view = views(conn, std::slice::from_ref(&s))?.remove(0);
    let t = now();
    let slots = slots_of(conn, id)?
        .iter()
        .map(|r| Slot {
            id: r.id,
            seq: r.seq,
            starts_at: to_utc(r.starts_at),
            ends_at: to_utc(r.ends_at),
            reserved_for: r.reserved_for,
            status: r.effective_status(t),
        })
        .collect();
    Ok(SessionDetail { session: view, slots })
}

pub fn sessions_on(
    conn: &mut DbConnection,
    hospital_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> ApiResult<Vec<SessionRow>> {
    db_run!(conn: {
        Ok(appt_sessions::table
            .filter(appt_sessions::hospital_id.eq(hospital_id))
            .filter(appt_sessions::day.between(from, to))
            .order(appt_sessions::starts_at)
            .select(SessionRow::as_select())
            .load(conn)?)
    })
}
