//! Builds the workbench from the follow-up and call tables. Every list is
//! the caller's own and bounded, so the page loads in a few indexed reads.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use hcrm_shared::calls::CallDirection;
use hcrm_shared::followup::{TaskStatus, TaskStatusFilter};
use hcrm_shared::masking::mask_phone;

use super::model::{DayNumbers, MissedCall, Workbench};
use crate::auth::AuthUser;
use crate::db::schema::{calls, followup_attempts, followup_tasks, patients};
use crate::db::{now, to_utc, DbConnection};
use crate::db_run;
use crate::error::ApiResult;
use crate::followup::model::TaskRow;
use crate::followup::queue::queue_order;
use crate::followup::tasks::{self, end_of_local_day, TaskQuery, TaskScope};

/// The most rows each list shows; the task list has the rest.
const LIST_LIMIT: i64 = 20;

pub fn workbench(conn: &mut DbConnection, auth: &AuthUser, offset_minutes: i32) -> ApiResult<Workbench> {
    let t = now();
    let day_end = end_of_local_day(t, offset_minutes);
    let day_start = day_end - Duration::days(1);
    let scope = TaskScope::of(conn, auth)?;
    let due = tasks::list(
        conn,
        &scope,
        auth,
        &TaskQuery {
            mine: Some(true),
            due_today: Some(true),
            status: Some(TaskStatusFilter::Open),
            per_page: Some(LIST_LIMIT),
            ..TaskQuery::default()
        },
        offset_minutes,
    )?;
    let me = auth.user_id;
    let callback_rows: Vec<TaskRow> = db_run!(conn: {
        followup_tasks::table
            .filter(followup_tasks::hospital_id.eq(auth.hospital_id))
            .filter(followup_tasks::assignee_id.eq(me))
            .filter(followup_tasks::status.eq_any(TaskStatus::OPEN))
            .filter(followup_tasks::next_attempt_at.ge(day_start))
            .filter(followup_tasks::next_attempt_at.lt(day_end))
            .order(queue_order())
            .limit(LIST_LIMIT)
            .select(TaskRow::as_select())
            .load(conn)?
    });
    let callbacks_today = tasks::dtos(conn, callback_rows)?;
    let missed_calls = missed_calls(conn, auth, day_start)?;
    let numbers = day_numbers(conn, auth, day_start)?;
    Ok(Workbench { due_now: due.items, due_now_total: due.total, callbacks_today, missed_calls, numbers })
}

type CallRow = (String, String, NaiveDateTime, Option<i64>);

/// My unanswered inbound calls of today that nobody answered or returned
/// since (a later answered call from, or any call to, the same number).
fn missed_calls(conn: &mut DbConnection, auth: &AuthUser, day_start: NaiveDateTime) -> ApiResult<Vec<MissedCall>> {
    let me = auth.user_id;
    let missed: Vec<CallRow> = db_run!(conn: {
        calls::table
            .filter(calls::hospital_id.eq(auth.hospital_id))
            .filter(calls::agent_id.eq(me))
            .filter(calls::direction.eq(CallDirection::Inbound))
            .filter(calls::answered_at.is_null())
            .filter(calls::started_at.ge(day_start))
            .order(calls::started_at.desc())
            .limit(100)
            .select((calls::uuid, calls::remote_number, calls::started_at, calls::patient_id))
            .load(conn)?
    });
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (uuid, number, started_at, patient_id) in missed {
        // The latest missed call per number stands for the others.
        if !seen.insert(number.clone()) {
            continue;
        }
        let returned: i64 = db_run!(conn: {
            calls::table
                .filter(calls::hospital_id.eq(auth.hospital_id))
                .filter(calls::remote_number.eq(&number))
                .filter(calls::started_at.gt(started_at))
                .filter(calls::direction.eq(CallDirection::Outbound).or(calls::answered_at.is_not_null()))
                .count()
                .get_result(conn)?
        });
        if returned > 0 {
            continue;
        }
        let patient_name: Option<String> = match patient_id {
            Some(p) => db_run!(conn: { patients::table.find(p).select(patients::name).first(conn).optional()? }),
            None => None,
        };
        out.push(MissedCall {
            uuid,
            remote_number_masked: mask_phone(&number),
            started_at: to_utc(started_at),
            patient_id,
            patient_name,
        });
        if out.len() as i64 >= LIST_LIMIT {
            break;
        }
    }
    Ok(out)
}

fn day_numbers(conn: &mut DbConnection, auth: &AuthUser, day_start: NaiveDateTime) -> ApiResult<DayNumbers> {
    let me = auth.user_id;
    let (call_times, attempts, tasks_completed): (Vec<(Option<NaiveDateTime>, Option<NaiveDateTime>)>, i64, i64) = db_run!(conn: {
        let call_times = calls::table
            .filter(calls::hospital_id.eq(auth.hospital_id))
            .filter(calls::agent_id.eq(me))
            .filter(calls::started_at.ge(day_start))
            .select((calls::answered_at, calls::ended_at))
            .load(conn)?;
        let attempts = followup_attempts::table
            .filter(followup_attempts::user_id.eq(me))
            .filter(followup_attempts::at.ge(day_start))
            .count()
            .get_result(conn)?;
        let completed = followup_tasks::table
            .filter(followup_tasks::hospital_id.eq(auth.hospital_id))
            .filter(followup_tasks::assignee_id.eq(me))
            .filter(followup_tasks::completed_at.ge(day_start))
            .count()
            .get_result(conn)?;
        (call_times, attempts, completed)
    });
    let answered: Vec<_> = call_times.iter().filter_map(|(a, e)| a.map(|a| (a, *e))).collect();
    let talk_seconds = answered.iter().filter_map(|(a, e)| e.map(|e| (e - *a).num_seconds().max(0))).sum();
    Ok(DayNumbers {
        calls: call_times.len() as i64,
        answered_calls: answered.len() as i64,
        talk_seconds,
        attempts,
        tasks_completed,
    })
}
