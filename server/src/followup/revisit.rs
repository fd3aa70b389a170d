//! Revisit reminders (复诊提醒): a due date set on a patient (or a visit)
//! sends an SMS the day before; if no booking follows within the grace
//! days, a task asks someone to phone.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use hcrm_shared::messaging::NewSms;

use super::generate::local_day_start;
use super::model::{NewRevisit, Revisit};
use super::service::{create_task, NewTask};
use super::settings;
use crate::app::AppState;
use crate::audit::{self, Actor};
use crate::common::Scope;
use crate::db::schema::{followup_revisits, patients, visits};
use crate::db::{now, write_transaction, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::patients::service::visible_patient;

/// Did the patient book (or come back) in the department since `since`?
///
/// THE one place the revisit flow asks this: a live appointment in the
/// department made since `since` (appointments module), or a visit there
/// admitted since then (the patient came back without booking).
pub fn booking_followed(
    conn: &mut DbConnection,
    patient_id: i64,
    department_id: i64,
    since: NaiveDateTime,
) -> ApiResult<bool> {
    // An appointment booked in that department since the reminder, on any
    // channel; a visit (the patient came without booking) counts too.
    if crate::appointments::service::has_booking_since(conn, patient_id, Some(department_id), since)? {
        return Ok(true);
    }
    let n: i64 = db_run!(conn: {
        visits::table
            .filter(visits::patient_id.eq(patient_id))
            .filter(visits::department_id.eq(department_id))
            .filter(visits::admitted_at.ge(since))
            .filter(visits::cancelled_at.is_null())
            .count()
            .get_result(conn)?
    });
    Ok(n > 0)
}

pub fn create(conn: &mut DbConnection, scope: &Scope, actor: &Actor, new: &NewRevisit) -> ApiResult<Revisit> {
    visible_patient(conn, scope, new.patient_id)?;
    crate::organisation::service::departments::get(conn, scope.hospital_id, new.department_id).map_err(|_| {
        ApiError::invalid("department_id", format!("department {} does not exist in this hospital", new.department_id))
    })?;
    if let Some(v) = new.visit_id {
        let owner: Option<i64> = db_run!(conn: {
            visits::table.find(v).filter(visits::hospital_id.eq(scope.hospital_id)).select(visits::patient_id).first(conn).optional()?
        });
        if owner != Some(new.patient_id) {
            return Err(ApiError::invalid("visit_id", "is not a visit of this patient"));
        }
    }
    let t = now();
    let id = write_transaction(conn, |conn| {
        let id: i64 = db_run!(conn: {
            diesel::insert_into(followup_revisits::table)
                .values((
                    followup_revisits::hospital_id.eq(scope.hospital_id),
                    followup_revisits::patient_id.eq(new.patient_id),
                    followup_revisits::visit_id.eq(new.visit_id),
                    followup_revisits::department_id.eq(new.department_id),
                    followup_revisits::due_date.eq(new.due_date),
                    followup_revisits::created_by.eq(actor.user_id),
                    followup_revisits::created_at.eq(t),
                ))
                .returning(followup_revisits::id)
                .get_result(conn)?
        });
        audit::record(
            conn,
            actor,
            audit::AuditAction::FollowupRevisitSet,
            Some(new.patient_id),
            Some(&format!("followup_revisit:{id}")),
            Some(&new.due_date.to_string()),
        )?;
        Ok(id)
    })?;
    Ok(Revisit {
        id,
        patient_id: new.patient_id,
        department_id: new.department_id,
        due_date: new.due_date,
        reminded: false,
        task_id: None,
    })
}

/// Sends reminders that are due (the day before the date) and makes tasks
/// for reminders no booking followed; returns the number of tasks made.
pub fn process(conn: &mut DbConnection, state: &AppState, hospital_id: i64) -> ApiResult<usize> {
    let offset = state.config.utc_offset_minutes;
    let grace = settings::get(conn, hospital_id)?.revisit_grace_days as i64;
    let t = now();
    type Open = (i64, i64, i64, chrono::NaiveDate, Option<NaiveDateTime>, Option<i64>);
    let open: Vec<Open> = db_run!(conn: {
        followup_revisits::table
            .filter(followup_revisits::hospital_id.eq(hospital_id))
            .filter(followup_revisits::closed_at.is_null())
            .select((
                followup_revisits::id,
                followup_revisits::patient_id,
                followup_revisits::department_id,
                followup_revisits::due_date,
                followup_revisits::reminded_at,
                followup_revisits::visit_id,
            ))
            .load(conn)?
    });
    let mut made = 0;
    let mut woke = false;
    for (id, patient_id, department_id, due_date, reminded_at, visit_id) in open {
        let due = local_day_start(due_date, offset);
        match reminded_at {
            None if t >= due - Duration::days(1) => {
                write_transaction(conn, |conn| {
                    let name: String =
                        db_run!(conn: { patients::table.find(patient_id).select(patients::name).first(conn)? });
                    let body = format!("{name}您好，您的复诊日期为{due_date}，请及时预约挂号。");
                    let sms = NewSms { patient_id: Some(patient_id), body: Some(body), ..Default::default() };
                    // A blocked number (opt-out) is stored as failed; the
                    // task after the grace days still follows.
                    let msg = crate::sms::service::enqueue(conn, state, hospital_id, None, &sms).ok().map(|m| m.id);
                    db_run!(conn: {
                        diesel::update(followup_revisits::table.find(id))
                            .set((followup_revisits::reminded_at.eq(Some(t)), followup_revisits::sms_message_id.eq(msg)))
                            .execute(conn)?;
                    });
                    Ok(())
                })?;
                woke = true;
            }
            Some(since) if t >= due + Duration::days(grace) => {
                let followed = booking_followed(conn, patient_id, department_id, since)?;
                write_transaction(conn, |conn| {
                    let task_id = if followed {
                        None
                    } else {
                        let mut task = NewTask::callback(
                            hospital_id,
                            patient_id,
                            Some(department_id),
                            format!("revisit:{id}"),
                            "复诊未预约回访",
                            format!("复诊日期 {due_date} 后 {grace} 天内未见预约"),
                        );
                        task.kind = hcrm_shared::followup::TaskKind::Revisit;
                        task.priority = hcrm_shared::followup::TaskPriority::Normal;
                        task.visit_id = visit_id;
                        task.due_until = t + Duration::days(3);
                        task.max_attempts = settings::get(conn, hospital_id)?.max_attempts;
                        let (tid, new) = create_task(conn, &task)?;
                        if new {
                            made += 1;
                        }
                        Some(tid)
                    };
                    db_run!(conn: {
                        diesel::update(followup_revisits::table.find(id))
                            .set((followup_revisits::closed_at.eq(Some(t)), followup_revisits::task_id.eq(task_id)))
                            .execute(conn)?;
                    });
                    Ok(())
                })?;
            }
            _ => {}
        }
    }
    if woke {
        state.jobs.wake();
    }
    Ok(made)
}
