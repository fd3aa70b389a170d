//! What other modules use of booking (the lead wires the callers).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use hcrm_shared::appointments::AppointmentStatus;

use super::model::{SessionRow, TimetableEntry};
use super::slots;
use crate::db::schema::{appointments, appt_sessions};
use crate::db::DbConnection;
use crate::db_run;
use crate::error::ApiResult;

/// Whether the patient has booked (and not cancelled) since `since`, in the
/// department when given: follow-up revisit reminders skip such patients.
pub fn has_booking_since(
    conn: &mut DbConnection,
    patient_id: i64,
    department_id: Option<i64>,
    since: NaiveDateTime,
) -> ApiResult<bool> {
    let n: i64 = db_run!(conn: {
        let mut q = appointments::table
            .filter(appointments::patient_id.eq(patient_id))
            .filter(appointments::created_at.ge(since))
            .filter(appointments::status.eq_any([AppointmentStatus::Confirmed, AppointmentStatus::CheckedIn, AppointmentStatus::NoShow]))
            .into_boxed();
        if let Some(d) = department_id {
            q = q.filter(appointments::department_id.eq(d));
        }
        q.count().get_result(conn)?
    });
    Ok(n > 0)
}

/// The expert clinic timetable (专家门诊时间表) for the inquiry screen.
pub fn expert_timetable(
    conn: &mut DbConnection,
    hospital_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> ApiResult<Vec<TimetableEntry>> {
    let rows: Vec<SessionRow> = db_run!(conn: {
        appt_sessions::table
            .filter(appt_sessions::hospital_id.eq(hospital_id))
            .filter(appt_sessions::is_expert.eq(true))
            .filter(appt_sessions::day.between(from, to))
            .order((appt_sessions::day, appt_sessions::starts_at))
            .select(SessionRow::as_select())
            .load(conn)?
    });
    Ok(slots::views(conn, &rows)?
        .into_iter()
        .map(|s| TimetableEntry {
            session_id: s.id,
            day: s.day,
            session: s.session,
            department_id: s.department_id,
            department_name: s.department_name,
            doctor_id: s.doctor_id,
            doctor_name: s.doctor_name,
            title: s.title,
            status: s.status,
            free: s.free,
        })
        .collect())
}
