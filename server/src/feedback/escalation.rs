//! Escalation of overdue tickets: at a missed deadline (first response or
//! resolution) the handling department's head is told (level 1); after
//! `office_escalation_minutes` more business minutes the hospital office
//! and the administrators are told (level 2). Paused tickets (waiting for
//! the patient) do not escalate. Runs as a recurring job per hospital;
//! [`escalate_due`] takes the time so tests can move the clock.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use hcrm_shared::feedback::TicketAction;

use super::calendar::Calendar;
use super::model::TicketRow;
use crate::audit::Actor;
use crate::config::Config;
use crate::db::schema::{departments, feedback_history, feedback_tickets, users};
use crate::db::DbConnection;
use crate::db_run;
use crate::error::ApiResult;

/// The level a ticket should be at, at `at`.
pub fn level_at(cal: &Calendar, office_minutes: i64, t: &TicketRow, at: NaiveDateTime) -> i32 {
    if !t.status.is_open() || t.paused_at.is_some() {
        return t.escalation_level;
    }
    let missed =
        if t.first_responded_at.is_none() { t.first_response_due.min(t.resolution_due) } else { t.resolution_due };
    let level = if at < missed {
        0
    } else if at < cal.add_business_minutes(missed, office_minutes) {
        1
    } else {
        2
    };
    level.max(t.escalation_level)
}

fn system() -> Actor {
    Actor::system("system", None)
}

/// Escalates every ticket of the hospital due at `at`; returns the users
/// notified (wake them after commit).
pub fn escalate_due(
    conn: &mut DbConnection,
    config: &Config,
    hospital_id: i64,
    at: NaiveDateTime,
) -> ApiResult<Vec<i64>> {
    let cal = super::service::calendar(config);
    let office_minutes = config.feedback.office_escalation_minutes;
    let rows: Vec<TicketRow> = db_run!(conn: {
        feedback_tickets::table
            .filter(feedback_tickets::hospital_id.eq(hospital_id))
            .filter(feedback_tickets::status.ne_all(hcrm_shared::feedback::TicketStatus::DONE))
            .filter(feedback_tickets::paused_at.is_null())
            .filter(feedback_tickets::escalation_level.lt(2))
            .filter(feedback_tickets::first_response_due.le(at).or(feedback_tickets::resolution_due.le(at)))
            .select(TicketRow::as_select())
            .load(conn)?
    });
    let mut told = Vec::new();
    for t in rows {
        let level = level_at(&cal, office_minutes, &t, at);
        if level <= t.escalation_level {
            continue;
        }
        let mut recipients = Vec::new();
        if let Some(d) = t.current_department_id {
            recipients.extend(super::service::department_heads(conn, hospital_id, d)?);
        }
        if level >= 2 {
            let office = config.feedback.office_department.clone();
            let extra: Vec<i64> = db_run!(conn: {
                users::table
                    .left_join(departments::table)
                    .filter(users::hospital_id.eq(hospital_id))
                    .filter(users::disabled.eq(false))
                    .filter(users::role.eq(hcrm_shared::Role::Admin).or(departments::code.nullable().eq(office)))
                    .select(users::id)
                    .load(conn)?
            });
            recipients.extend(extra);
        }
        recipients.sort_unstable();
        recipients.dedup();
        let actor = system();
        db_run!(conn: {
            diesel::update(feedback_tickets::table.filter(feedback_tickets::id.eq(t.id))).set(feedback_tickets::escalation_level.eq(level)).execute(conn)?;
            diesel::insert_into(feedback_history::table)
                .values((
                    feedback_history::ticket_id.eq(t.id),
                    feedback_history::at.eq(at),
                    feedback_history::username.eq(&actor.username),
                    feedback_history::action.eq(TicketAction::Escalated),
                    feedback_history::department_id.eq(t.current_department_id),
                    feedback_history::body.eq(format!("level {level}")),
                ))
                .execute(conn)?;
        });
        let m = crate::notifications::model::Message {
            kind: hcrm_shared::messaging::NotificationKind::Alert,
            title: format!("工单超时{} {}", if level >= 2 { "（院办）" } else { "" }, t.number),
            body: t.topic.clone(),
            link: Some(format!("/feedback/{}", t.id)),
        };
        let ids = crate::notifications::service::create(
            conn,
            hospital_id,
            &recipients,
            &m,
            Some(&format!("feedback:{}:level:{level}", t.id)),
        )?;
        told.extend(ids);
    }
    Ok(told)
}

pub async fn escalate_job(ctx: crate::jobs::JobContext) -> crate::jobs::Outcome {
    let hospital_id = ctx.job.hospital_id;
    let config = ctx.state.config.clone();
    let res = ctx.state.db.write(move |conn| escalate_due(conn, &config, hospital_id, crate::db::now())).await;
    crate::notifications::service::wake_notified(&ctx.state, res)
}
