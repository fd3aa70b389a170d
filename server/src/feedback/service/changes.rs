//! Changes to open tickets (status, routing, comments, replies,
//! satisfaction, compensation) and the anonymous progress page.

use diesel::prelude::*;
use hcrm_shared::feedback::{CompensationStatus, ReplyChannel, TicketAction, TicketStatus};

use crate::app::AppState;
use crate::audit::{self, Actor};
use crate::common::Scope;
use crate::config::Config;
use crate::db::schema::{feedback_templates, feedback_tickets, users};
use crate::db::{now, to_utc, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::feedback::model::*;

use super::{append, calendar, department_in_hospital, hash_code, history, link_department, visible, HistoryEntry};

fn set_status(conn: &mut DbConnection, config: &Config, row: &TicketRow, to: TicketStatus) -> ApiResult<()> {
    use TicketStatus::*;
    let t = now();
    let cal = calendar(config);
    // Leaving waiting_patient restarts the clock with the business time left.
    let (frd, rd) = match row.paused_at {
        Some(p) if to != WaitingPatient => {
            (cal.resume(row.first_response_due, p, t), cal.resume(row.resolution_due, p, t))
        }
        _ => (row.first_response_due, row.resolution_due),
    };
    let paused = if to == WaitingPatient { Some(row.paused_at.unwrap_or(t)) } else { None };
    let first =
        row.first_responded_at.or(if matches!(to, InProgress | WaitingPatient | Resolved) { Some(t) } else { None });
    let resolved_at = match to {
        Resolved => Some(t),
        Reopened => None,
        _ => row.resolved_at,
    };
    let closed_at = match to {
        Closed => Some(t),
        Reopened => None,
        _ => row.closed_at,
    };
    db_run!(conn: {
        diesel::update(feedback_tickets::table.filter(feedback_tickets::id.eq(row.id)))
            .set((
                feedback_tickets::status.eq(to),
                feedback_tickets::first_response_due.eq(frd),
                feedback_tickets::resolution_due.eq(rd),
                feedback_tickets::paused_at.eq(paused),
                feedback_tickets::first_responded_at.eq(first),
                feedback_tickets::resolved_at.eq(resolved_at),
                feedback_tickets::closed_at.eq(closed_at),
                feedback_tickets::updated_at.eq(t),
            ))
            .execute(conn)?;
    });
    Ok(())
}

/// Changes the status if the rules allow it (409 otherwise).
pub fn change_status(
    conn: &mut DbConnection,
    config: &Config,
    scope: &Scope,
    actor: &Actor,
    id: i64,
    req: &StatusRequest,
) -> ApiResult<()> {
    let row = visible(conn, scope, id)?;
    if !row.status.can_become(req.status) {
        return Err(ApiError::conflict("status", format!("a ticket cannot go from {} to {}", row.status, req.status)));
    }
    if req.status == TicketStatus::Resolved && row.compensation_status == CompensationStatus::Pending {
        return Err(ApiError::conflict("status", "the compensation awaits approval"));
    }
    if req.status == TicketStatus::Assigned && row.current_department_id.is_none() {
        return Err(ApiError::conflict("status", "route the ticket to a department to assign it"));
    }
    set_status(conn, config, &row, req.status)?;
    append(
        conn,
        id,
        actor,
        HistoryEntry {
            status: (Some(row.status), Some(req.status)),
            department_id: row.current_department_id,
            ..HistoryEntry::new(TicketAction::Status, req.note.trim())
        },
    )?;
    audit_ticket(conn, actor, audit::AuditAction::FeedbackStatus, &row, Some(req.status.as_str()))?;
    Ok(())
}

/// Routes (转办) an open ticket to a department, without a fixed flow; the
/// department's managers are told. Returns the users to wake.
pub fn route(
    conn: &mut DbConnection,
    config: &Config,
    scope: &Scope,
    actor: &Actor,
    id: i64,
    req: &RouteRequest,
) -> ApiResult<Vec<i64>> {
    let row = visible(conn, scope, id)?;
    if row.status == TicketStatus::Closed {
        return Err(ApiError::conflict("status", "a closed ticket must be reopened before it is routed"));
    }
    if row.status == TicketStatus::Resolved {
        return Err(ApiError::conflict("status", "a resolved ticket must be reopened before it is routed"));
    }
    let name = department_in_hospital(conn, scope.hospital_id, req.department_id, "department_id")?;
    link_department(conn, id, req.department_id)?;
    if row.status != TicketStatus::Assigned {
        set_status(conn, config, &row, TicketStatus::Assigned)?;
    }
    db_run!(conn: {
        diesel::update(feedback_tickets::table.filter(feedback_tickets::id.eq(id)))
            .set((feedback_tickets::current_department_id.eq(Some(req.department_id)), feedback_tickets::updated_at.eq(now())))
            .execute(conn)?;
    });
    let body =
        if req.note.trim().is_empty() { format!("→ {name}") } else { format!("→ {name}: {}", req.note.trim()) };
    append(
        conn,
        id,
        actor,
        HistoryEntry {
            status: (Some(row.status), Some(TicketStatus::Assigned)),
            department_id: Some(req.department_id),
            ..HistoryEntry::new(TicketAction::Routed, &body)
        },
    )?;
    audit_ticket(conn, actor, audit::AuditAction::FeedbackRoute, &row, Some(&name))?;
    let heads = department_heads(conn, scope.hospital_id, req.department_id)?;
    let m = crate::notifications::model::Message {
        kind: hcrm_shared::messaging::NotificationKind::TaskAssigned,
        title: format!("转办工单 {}", row.number),
        body: row.topic.clone(),
        link: Some(format!("/feedback/{id}")),
    };
    crate::notifications::service::create(conn, scope.hospital_id, &heads, &m, None)
}

pub fn department_heads(conn: &mut DbConnection, hospital_id: i64, department_id: i64) -> ApiResult<Vec<i64>> {
    db_run!(conn: {
        Ok(users::table
            .filter(users::hospital_id.eq(hospital_id))
            .filter(users::department_id.eq(department_id))
            .filter(users::role.eq(hcrm_shared::Role::Manager))
            .filter(users::disabled.eq(false))
            .select(users::id)
            .load(conn)?)
    })
}

pub fn comment(conn: &mut DbConnection, scope: &Scope, actor: &Actor, id: i64, req: &CommentRequest) -> ApiResult<()> {
    let row = visible(conn, scope, id)?;
    if req.body.trim().is_empty() || req.body.chars().count() > 5000 {
        return Err(ApiError::invalid("body", "1 to 5000 characters"));
    }
    append(
        conn,
        id,
        actor,
        HistoryEntry {
            department_id: row.current_department_id,
            ..HistoryEntry::new(TicketAction::Comment, req.body.trim())
        },
    )?;
    audit_ticket(conn, actor, audit::AuditAction::FeedbackComment, &row, None)
}

/// A reply to the submitter by SMS (queued in the outbox) or by phone (the
/// recorded call's uuid). Shown on the public progress page. Counts as the
/// first response. Wake the job runner after commit.
pub fn reply(
    conn: &mut DbConnection,
    state: &AppState,
    scope: &Scope,
    actor: &Actor,
    id: i64,
    req: &ReplyRequest,
) -> ApiResult<()> {
    let row = visible(conn, scope, id)?;
    let body = req.body.trim();
    if body.is_empty() || body.chars().count() > 1000 {
        return Err(ApiError::invalid("body", "1 to 1000 characters"));
    }
    if req.channel == ReplyChannel::Sms {
        if row.contact_phone.is_none() && row.patient_id.is_none() {
            return Err(ApiError::invalid("channel", "the ticket has no phone number to text"));
        }
        let sms = hcrm_shared::messaging::NewSms {
            patient_id: row.patient_id,
            phone: row.contact_phone.clone(),
            template_id: None,
            variables: Default::default(),
            body: Some(body.to_string()),
            urgent: false,
        };
        crate::sms::service::enqueue(conn, state, scope.hospital_id, actor.user_id, &sms)?;
    }
    append(
        conn,
        id,
        actor,
        HistoryEntry {
            department_id: row.current_department_id,
            channel: Some(req.channel),
            public: true,
            call_uuid: req.call_uuid.as_deref(),
            ..HistoryEntry::new(TicketAction::Reply, body)
        },
    )?;
    if row.first_responded_at.is_none() {
        db_run!(conn: {
            diesel::update(feedback_tickets::table.filter(feedback_tickets::id.eq(id))).set(feedback_tickets::first_responded_at.eq(Some(now()))).execute(conn)?;
        });
    }
    audit_ticket(conn, actor, audit::AuditAction::FeedbackReply, &row, Some(req.channel.as_str()))
}

pub fn satisfaction(
    conn: &mut DbConnection,
    scope: &Scope,
    actor: &Actor,
    id: i64,
    req: &SatisfactionRequest,
) -> ApiResult<()> {
    if !(1..=5).contains(&req.score) {
        return Err(ApiError::invalid("score", "1 to 5"));
    }
    let row = visible(conn, scope, id)?;
    db_run!(conn: {
        diesel::update(feedback_tickets::table.filter(feedback_tickets::id.eq(id))).set(feedback_tickets::satisfaction.eq(Some(req.score))).execute(conn)?;
    });
    append(
        conn,
        id,
        actor,
        HistoryEntry::new(TicketAction::Satisfaction, &format!("{} {}", req.score, req.note.trim())),
    )?;
    audit_ticket(conn, actor, audit::AuditAction::FeedbackSatisfaction, &row, None)
}

pub fn request_compensation(
    conn: &mut DbConnection,
    scope: &Scope,
    actor: &Actor,
    id: i64,
    req: &CompensationRequest,
) -> ApiResult<()> {
    if req.amount_cents <= 0 {
        return Err(ApiError::invalid("amount_cents", "must be positive"));
    }
    if req.reason.trim().is_empty() {
        return Err(ApiError::invalid("reason", "say why"));
    }
    let row = visible(conn, scope, id)?;
    if !row.status.is_open() {
        return Err(ApiError::conflict("status", "the ticket is no longer open"));
    }
    db_run!(conn: {
        diesel::update(feedback_tickets::table.filter(feedback_tickets::id.eq(id)))
            .set((feedback_tickets::compensation_cents.eq(Some(req.amount_cents)), feedback_tickets::compensation_status.eq(CompensationStatus::Pending)))
            .execute(conn)?;
    });
    let body = format!("{:.2} 元: {}", req.amount_cents as f64 / 100.0, req.reason.trim());
    append(conn, id, actor, HistoryEntry::new(TicketAction::CompensationRequested, &body))?;
    audit_ticket(conn, actor, audit::AuditAction::FeedbackCompensation, &row, Some(&body))
}

pub fn decide_compensation(
    conn: &mut DbConnection,
    scope: &Scope,
    actor: &Actor,
    id: i64,
    req: &DecisionRequest,
) -> ApiResult<()> {
    let row = visible(conn, scope, id)?;
    if row.compensation_status != CompensationStatus::Pending {
        return Err(ApiError::conflict("compensation_status", "no compensation awaits a decision"));
    }
    let to = if req.approve { CompensationStatus::Approved } else { CompensationStatus::Rejected };
    db_run!(conn: {
        diesel::update(feedback_tickets::table.filter(feedback_tickets::id.eq(id))).set(feedback_tickets::compensation_status.eq(to)).execute(conn)?;
    });
    append(
        conn,
        id,
        actor,
        HistoryEntry::new(TicketAction::CompensationDecided, &format!("{to} {}", req.note.trim())),
    )?;
    audit_ticket(conn, actor, audit::AuditAction::FeedbackCompensationDecision, &row, Some(to.as_str()))
}

pub fn templates(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<Vec<Template>> {
    db_run!(conn: {
        Ok(feedback_templates::table
            .filter(feedback_templates::hospital_id.eq(hospital_id))
            .order(feedback_templates::code)
            .select((feedback_templates::id, feedback_templates::code, feedback_templates::kind, feedback_templates::topic, feedback_templates::body))
            .load(conn)?)
    })
}

/// The anonymous progress page: the number and the code must both match;
/// anything else is "not found", the same answer as for no ticket at all.
pub fn progress(conn: &mut DbConnection, req: &ProgressRequest) -> ApiResult<Progress> {
    let hash = hash_code(&req.code);
    let row: Option<TicketRow> = db_run!(conn: {
        feedback_tickets::table
            .filter(feedback_tickets::number.eq(req.number.trim()))
            .filter(feedback_tickets::secret_hash.eq(&hash))
            .select(TicketRow::as_select())
            .first(conn)
            .optional()?
    });
    let row = row.ok_or_else(|| ApiError::not_found("ticket"))?;
    let replies = history(conn, row.id)?
        .into_iter()
        .filter(|h| h.public)
        .map(|h| ProgressReply { at: to_utc(h.at), channel: h.channel, body: h.body })
        .collect();
    Ok(Progress {
        number: row.number,
        kind: row.kind,
        status: row.status,
        topic: row.topic,
        created_at: to_utc(row.created_at),
        resolved_at: row.resolved_at.map(to_utc),
        replies,
    })
}

/// The audit entry of a change to a ticket: its patient, and the ticket by its number.
fn audit_ticket(
    conn: &mut DbConnection,
    actor: &Actor,
    action: audit::AuditAction,
    ticket: &TicketRow,
    detail: Option<&str>,
) -> ApiResult<()> {
    audit::record(conn, actor, action, ticket.patient_id, Some(&ticket.number), detail)
}
