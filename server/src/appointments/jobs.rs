//! The recurring work of booking: the sweep (no-shows after a session,
//! expired waitlist offers) and the day-before reminder SMS. Both are
//! recurring jobs per hospital, created when its schedules are generated.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use hcrm_shared::appointments::{AppointmentStatus, SessionPeriod, SessionStatus};
use hcrm_shared::messaging::NewSms;

use super::waitlist::savepoint;
use crate::app::AppState;
use crate::db::schema::{appointments, appt_sessions, departments, users};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::ApiResult;
use crate::jobs::{JobContext, NewJob, Outcome};

pub const SWEEP_JOB: &str = "appointments.sweep";
pub const REMINDER_JOB: &str = "appointments.reminders";

pub fn register(jobs: &crate::jobs::Jobs) {
    jobs.register(SWEEP_JOB, sweep_job);
    jobs.register(REMINDER_JOB, reminder_job);
}

pub fn ensure_recurring(conn: &mut DbConnection, config: &crate::config::Config, hospital_id: i64) -> ApiResult<()> {
    for (kind, schedule) in
        [(SWEEP_JOB, "@every 60s".to_string()), (REMINDER_JOB, config.appointments.reminder_schedule.clone())]
    {
        crate::jobs::service::enqueue(
            conn,
            &NewJob {
                hospital_id,
                kind: kind.into(),
                schedule: Some(schedule),
                dedupe_key: Some(kind.into()),
                ..Default::default()
            },
            &config.jobs,
            config.utc_offset_minutes,
        )?;
    }
    Ok(())
}

async fn sweep_job(ctx: JobContext) -> Outcome {
    let (state, hospital) = (ctx.state.clone(), ctx.job.hospital_id);
    let r = ctx.state.db.write(move |conn| sweep(conn, &state, hospital, now())).await;
    ctx.state.jobs.wake();
    match r {
        Ok(_) => Outcome::Done,
        Err(e) => Outcome::Retry(e.detail),
    }
}

async fn reminder_job(ctx: JobContext) -> Outcome {
    let (state, hospital) = (ctx.state.clone(), ctx.job.hospital_id);
    let r = ctx.state.db.write(move |conn| send_reminders(conn, &state, hospital, now())).await;
    ctx.state.jobs.wake();
    match r {
        Ok(_) => Outcome::Done,
        Err(e) => Outcome::Retry(e.detail),
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SweepResult {
    pub no_shows: usize,
    pub blocks: usize,
    pub offers_expired: usize,
}

/// Marks confirmed appointments of sessions that ended before `t` as
/// no-shows (applying the blacklist rule) and ends expired waitlist offers.
pub fn sweep(conn: &mut DbConnection, state: &AppState, hospital_id: i64, t: NaiveDateTime) -> ApiResult<SweepResult> {
    let mut result = SweepResult::default();
    let ended: Vec<i64> = db_run!(conn: {
        appt_sessions::table
            .filter(appt_sessions::hospital_id.eq(hospital_id))
            .filter(appt_sessions::ends_at.lt(t))
            .filter(appt_sessions::swept_at.is_null())
            .select(appt_sessions::id)
            .load(conn)?
    });
    for sid in ended {
        let missed: Vec<i64> = db_run!(conn: {
            diesel::update(appointments::table.filter(appointments::session_id.eq(sid)).filter(appointments::status.eq(AppointmentStatus::Confirmed)))
                .set((appointments::status.eq(AppointmentStatus::NoShow), appointments::no_show_at.eq(Some(t)), appointments::updated_at.eq(t)))
                .returning(appointments::patient_id)
                .get_results(conn)?
        });
        db_run!(conn: {
            diesel::update(appointments::table.filter(appointments::session_id.eq(sid)).filter(appointments::status.eq(AppointmentStatus::Held)))
                .set((appointments::status.eq(AppointmentStatus::Expired), appointments::updated_at.eq(t)))
                .execute(conn)?;
            diesel::update(appt_sessions::table.filter(appt_sessions::id.eq(sid))).set(appt_sessions::swept_at.eq(Some(t))).execute(conn)?;
        });
        result.no_shows += missed.len();
        for p in missed {
            if super::blacklist::apply_rule(conn, state, hospital_id, p, t)?.is_some() {
                result.blocks += 1;
            }
        }
    }
    result.offers_expired = super::waitlist::sweep(conn, state, hospital_id)?;
    Ok(result)
}

/// The day-before reminder: one SMS per confirmed appointment of tomorrow
/// (local date), once.
pub fn send_reminders(
    conn: &mut DbConnection,
    state: &AppState,
    hospital_id: i64,
    t: NaiveDateTime,
) -> ApiResult<usize> {
    let tomorrow = super::local(state, t).date() + Duration::days(1);
    type Due = (i64, i64, i32, SessionPeriod, chrono::NaiveDate, String, Option<String>);
    let due: Vec<Due> = db_run!(conn: {
        appointments::table
            .inner_join(appt_sessions::table.inner_join(departments::table))
            .left_join(users::table.on(users::id.nullable().eq(appointments::doctor_id)))
            .filter(appointments::hospital_id.eq(hospital_id))
            .filter(appointments::status.eq(AppointmentStatus::Confirmed))
            .filter(appointments::reminder_sms_id.is_null())
            .filter(appt_sessions::day.eq(tomorrow))
            .filter(appt_sessions::status.eq(SessionStatus::Open))
            .select((appointments::id, appointments::patient_id, appointments::seq, appt_sessions::session, appt_sessions::day, departments::name, users::display_name.nullable()))
            .load(conn)?
    });
    let mut sent = 0;
    for (id, patient, seq, session, day, dept, doctor) in due {
        let body = format!(
            "【就诊提醒】您已预约{} {} {}{}门诊，就诊序号{}号，请按时到院签到；如不能就诊请提前取消。",
            day,
            session.label(),
            dept,
            doctor.unwrap_or_default(),
            seq
        );
        let sms = NewSms { patient_id: Some(patient), body: Some(body), ..Default::default() };
        // A patient without a phone is skipped (marked 0) rather than retried forever.
        let sms_id = savepoint(conn, |conn| crate::sms::service::enqueue(conn, state, hospital_id, None, &sms))
            .map(|m| m.id)
            .unwrap_or(0);
        db_run!(conn: {
            diesel::update(appointments::table.filter(appointments::id.eq(id))).set(appointments::reminder_sms_id.eq(Some(sms_id))).execute(conn)?;
        });
        sent += 1;
    }
    Ok(sent)
}
