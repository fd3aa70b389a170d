//! What is still open for a patient: the counts the screen-pop shows an
//! agent before they answer. Each is one indexed look-up by patient id, so
//! the pop stays fast at a million patients.

use diesel::prelude::*;
use hcrm_shared::api::{ContactChannel, ContactDirection, LastContact, OpenItemCounts};
use hcrm_shared::appointments::AppointmentStatus;
use hcrm_shared::feedback::TicketStatus;
use hcrm_shared::followup::TaskStatus;

use crate::db::schema::{appointments, contacts, feedback_tickets, followup_tasks};
use crate::db::{now, to_utc, DbConnection};
use crate::db_run;
use crate::error::ApiResult;

pub fn open_items(conn: &mut DbConnection, hospital_id: i64, patient_id: i64) -> ApiResult<OpenItemCounts> {
    let t = now();
    let (follow_up_tasks, due_task_id, appointments, complaints, last) = db_run!(conn: {
        let open_tasks = || {
            followup_tasks::table
                .filter(followup_tasks::hospital_id.eq(hospital_id))
                .filter(followup_tasks::patient_id.eq(patient_id))
                .filter(followup_tasks::status.eq_any(TaskStatus::OPEN))
        };
        let follow_up_tasks: i64 = open_tasks().count().get_result(conn)?;
        let due_task_id: Option<i64> = open_tasks()
            .filter(followup_tasks::due_from.le(t))
            .order((followup_tasks::due_from.asc(), followup_tasks::priority.desc(), followup_tasks::id.asc()))
            .select(followup_tasks::id)
            .first(conn)
            .optional()?;
        let appointments: i64 = appointments::table
            .filter(appointments::hospital_id.eq(hospital_id))
            .filter(appointments::patient_id.eq(patient_id))
            .filter(appointments::status.eq_any([AppointmentStatus::Held, AppointmentStatus::Confirmed]))
            .count()
            .get_result(conn)?;
        let complaints: i64 = feedback_tickets::table
            .filter(feedback_tickets::hospital_id.eq(hospital_id))
            .filter(feedback_tickets::patient_id.eq(patient_id))
            .filter(feedback_tickets::status.ne_all(TicketStatus::DONE))
            .count()
            .get_result(conn)?;
        let last: Option<(chrono::NaiveDateTime, ContactChannel, ContactDirection, String)> = contacts::table
            .filter(contacts::patient_id.eq(patient_id))
            .filter(contacts::hospital_id.eq(hospital_id))
            .order((contacts::at.desc(), contacts::id.desc()))
            .select((contacts::at, contacts::channel, contacts::direction, contacts::summary))
            .first(conn)
            .optional()?;
        (follow_up_tasks, due_task_id, appointments, complaints, last)
    });
    let last_contact =
        last.map(|(at, channel, direction, summary)| LastContact { at: to_utc(at), channel, direction, summary });
    Ok(OpenItemCounts { follow_up_tasks, due_task_id, appointments, complaints, last_contact })
}
