//! Tickets: opening (idempotent on source and source reference), routing,
//! status changes, comments, replies, satisfaction and compensation. Every
//! change appends to `feedback_history`, which the database keeps
//! append-only.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use hcrm_shared::feedback::{CompensationStatus, ReplyChannel, TicketKind, TicketSource, TicketStatus};
use hcrm_shared::masking::mask_phone;
use hcrm_shared::validation::normalize_phone;
use hcrm_shared::Role;
use sha2::{Digest, Sha256};

use super::calendar::Calendar;
use super::model::*;
use crate::app::AppState;
use crate::audit::{self, Actor};
use crate::auth::AuthUser;
use crate::common::Scope;
use crate::config::Config;
use crate::db::schema::{
    departments, feedback_history, feedback_templates, feedback_ticket_departments, feedback_tickets, patients, users,
};
use crate::db::{now, to_utc, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};

/// The job that escalates overdue tickets, one recurring job per hospital.
pub const ESCALATE_JOB: &str = "feedback.escalate";

/// Which tickets a caller sees: the customer-service centre (agents) and
/// administrators see all; everyone else only tickets that concern or were
/// routed to their own department.
pub fn ticket_scope(auth: &AuthUser) -> Scope {
    match auth.role {
        Role::Admin | Role::Agent => Scope::hospital(auth.hospital_id),
        _ => Scope::departments(auth.hospital_id, auth.department_id.into_iter().collect()),
    }
}

pub fn calendar(config: &Config) -> Calendar {
    // The configuration is checked at start (see `check_config`); a broken
    // one falls back to the standard week rather than failing tickets.
    config.feedback.calendar(config.utc_offset_minutes).unwrap_or_else(|_| Calendar::standard())
}

pub fn check_config(config: &Config) -> anyhow::Result<()> {
    config.feedback.calendar(config.utc_offset_minutes).map_err(|e| anyhow::anyhow!("[feedback] {e}"))?;
    Ok(())
}

pub fn hash_code(code: &str) -> String {
    hex::encode(Sha256::digest(code.trim().to_ascii_uppercase().as_bytes()))
}

fn new_code() -> String {
    use rand::Rng;
    // No 0/O, 1/I/L: read out over the phone.
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    (0..8).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect()
}

#[derive(Insertable)]
#[diesel(table_name = feedback_history)]
struct NewHistory<'a> {
    ticket_id: i64,
    at: NaiveDateTime,
    user_id: Option<i64>,
    username: &'a str,
    action: &'a str,
    from_status: Option<TicketStatus>,
    to_status: Option<TicketStatus>,
    department_id: Option<i64>,
    body: &'a str,
    channel: Option<ReplyChannel>,
    public: bool,
    call_uuid: Option<&'a str>,
}

/// One history entry; the only way anything is written there.
#[allow(clippy::too_many_arguments)]
fn append(
    conn: &mut DbConnection,
    ticket_id: i64,
    actor: &Actor,
    action: &str,
    status: (Option<TicketStatus>, Option<TicketStatus>),
    department_id: Option<i64>,
    body: &str,
    channel: Option<ReplyChannel>,
    public: bool,
    call_uuid: Option<&str>,
) -> ApiResult<()> {
    let row = NewHistory {
        ticket_id,
        at: now(),
        user_id: actor.user_id,
        username: &actor.username,
        action,
        from_status: status.0,
        to_status: status.1,
        department_id,
        body,
        channel,
        public,
        call_uuid,
    };
    db_run!(conn: { diesel::insert_into(feedback_history::table).values(&row).execute(conn)?; });
    Ok(())
}

fn department_in_hospital(conn: &mut DbConnection, hospital_id: i64, id: i64, field: &str) -> ApiResult<String> {
    db_run!(conn: {
        departments::table
            .filter(departments::id.eq(id))
            .filter(departments::hospital_id.eq(hospital_id))
            .select(departments::name)
            .first::<String>(conn)
            .optional()?
            .ok_or_else(|| ApiError::invalid(field, format!("no department {id} in this hospital")))
    })
}

fn link_department(conn: &mut DbConnection, ticket_id: i64, department_id: i64) -> ApiResult<()> {
    db_run!(conn: {
        diesel::insert_into(feedback_ticket_departments::table)
            .values((feedback_ticket_departments::ticket_id.eq(ticket_id), feedback_ticket_departments::department_id.eq(department_id)))
            .on_conflict_do_nothing()
            .execute(conn)?;
    });
    Ok(())
}

/// The recurring escalation job of a hospital, created with its first
/// ticket (idempotent on its dedupe key).
fn ensure_escalation_job(conn: &mut DbConnection, config: &Config, hospital_id: i64) -> ApiResult<()> {
    let job = crate::jobs::NewJob {
        hospital_id,
        kind: ESCALATE_JOB.into(),
        schedule: Some("@every 1m".into()),
        dedupe_key: Some(ESCALATE_JOB.into()),
        ..Default::default()
    };
    crate::jobs::service::enqueue(conn, &job, &config.jobs, config.utc_offset_minutes)?;
    Ok(())
}

/// Opens a ticket for a producer: an agent, a questionnaire rule, an
/// evaluator rating, a call. With a `source_ref` the same (source,
/// source_ref) always names the same ticket: returns its id and whether it
/// is new. Call inside the producer's write transaction.
pub fn open_ticket(
    conn: &mut DbConnection,
    config: &Config,
    hospital_id: i64,
    actor: &Actor,
    new: &NewTicket,
) -> ApiResult<(i64, bool)> {
    open(conn, config, hospital_id, actor, new).map(|c| (c.id, c.created))
}

/// [`open_ticket`] with the number and, for an anonymous ticket, the
/// progress code (shown once).
pub fn open(
    conn: &mut DbConnection,
    config: &Config,
    hospital_id: i64,
    actor: &Actor,
    new: &NewTicket,
) -> ApiResult<Created> {
    let mut new = new.clone();
    super::intake::from_call(conn, hospital_id, &mut new)?;
    let new = &new;
    let topic = new.topic.trim();
    if topic.is_empty() || topic.chars().count() > 100 {
        return Err(ApiError::invalid("topic", "1 to 100 characters"));
    }
    if new.content.trim().is_empty() || new.content.chars().count() > 5000 {
        return Err(ApiError::invalid("content", "1 to 5000 characters"));
    }
    let source_ref = new.source_ref.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if let Some(r) = source_ref {
        let existing: Option<(i64, String)> = db_run!(conn: {
            feedback_tickets::table
                .filter(feedback_tickets::hospital_id.eq(hospital_id))
                .filter(feedback_tickets::source.eq(&new.source))
                .filter(feedback_tickets::source_ref.eq(r))
                .select((feedback_tickets::id, feedback_tickets::number))
                .first(conn)
                .optional()?
        });
        if let Some((id, number)) = existing {
            return Ok(Created { id, number, secret_code: None, created: false });
        }
    }
    let phone = match new.contact_phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => Some(normalize_phone(p).map_err(|e| ApiError::invalid("contact_phone", e.to_string()))?),
        None => None,
    };
    if let Some(pid) = new.patient_id {
        let found: i64 = db_run!(conn: {
            patients::table.filter(patients::id.eq(pid)).filter(patients::hospital_id.eq(hospital_id)).count().get_result(conn)?
        });
        if found == 0 {
            return Err(ApiError::invalid("patient_id", "no such patient in this hospital"));
        }
    }
    let mut depts = new.department_ids.clone();
    // Praise goes to the praised staff member's department.
    let mut staff_name = new.staff_name.trim().to_string();
    if let Some(uid) = new.staff_user_id {
        let staff: Option<(String, Option<i64>)> = db_run!(conn: {
            users::table
                .filter(users::id.eq(uid))
                .filter(users::hospital_id.eq(hospital_id))
                .select((users::display_name, users::department_id))
                .first(conn)
                .optional()?
        });
        let (name, dept) =
            staff.ok_or_else(|| ApiError::invalid("staff_user_id", "no such staff member in this hospital"))?;
        if staff_name.is_empty() {
            staff_name = name;
        }
        if let Some(d) = dept {
            if new.kind == TicketKind::Praise {
                depts.retain(|x| *x != d);
                depts.insert(0, d);
            } else if !depts.contains(&d) {
                depts.push(d);
            }
        }
    }
    for (i, d) in depts.iter().enumerate() {
        department_in_hospital(conn, hospital_id, *d, &format!("department_ids[{i}]"))?;
    }
    let t = now();
    let received = match new.received_at {
        Some(r) if r.naive_utc() > t + chrono::Duration::minutes(5) => {
            return Err(ApiError::invalid("received_at", "cannot be in the future"))
        }
        Some(r) => r.naive_utc(),
        None => t,
    };
    let cal = calendar(config);
    let (first, resolve) = config.feedback.sla_for(new.kind.as_str(), new.severity.as_str());
    // The web form gives every submitter a progress code, named or not.
    let code = (new.anonymous || new.source == TicketSource::WebForm).then(new_code);
    let status = if depts.is_empty() { TicketStatus::New } else { TicketStatus::Assigned };
    let placeholder = format!("pending-{}", hex::encode(rand::random::<[u8; 8]>()));
    let id: i64 = db_run!(conn: {
        diesel::insert_into(feedback_tickets::table)
            .values((
                feedback_tickets::hospital_id.eq(hospital_id),
                feedback_tickets::number.eq(&placeholder),
                feedback_tickets::kind.eq(new.kind),
                feedback_tickets::source.eq(new.source),
                feedback_tickets::source_ref.eq(source_ref),
                feedback_tickets::severity.eq(new.severity),
                feedback_tickets::status.eq(status),
                feedback_tickets::anonymous.eq(new.anonymous),
                feedback_tickets::patient_id.eq(if new.anonymous { None } else { new.patient_id }),
                feedback_tickets::contact_name.eq(if new.anonymous { "" } else { new.contact_name.trim() }),
                feedback_tickets::contact_phone.eq(&phone),
                feedback_tickets::topic.eq(topic),
                feedback_tickets::content.eq(new.content.trim()),
                feedback_tickets::staff_user_id.eq(new.staff_user_id),
                feedback_tickets::staff_name.eq(&staff_name),
                feedback_tickets::current_department_id.eq(depts.first().copied()),
                feedback_tickets::secret_hash.eq(code.as_deref().map(hash_code)),
                feedback_tickets::call_uuid.eq(&new.call_uuid),
                feedback_tickets::first_response_due.eq(cal.add_business_minutes(received, first)),
                feedback_tickets::resolution_due.eq(cal.add_business_minutes(received, resolve)),
                feedback_tickets::created_by.eq(actor.user_id),
                feedback_tickets::created_at.eq(received),
                feedback_tickets::updated_at.eq(t),
            ))
            .returning(feedback_tickets::id)
            .get_result(conn)?
    });
    let local = received + chrono::Duration::minutes(config.utc_offset_minutes as i64);
    let number = format!("FK{}{:06}", local.format("%Y%m%d"), id);
    db_run!(conn: {
        diesel::update(feedback_tickets::table.filter(feedback_tickets::id.eq(id))).set(feedback_tickets::number.eq(&number)).execute(conn)?;
    });
    for d in &depts {
        link_department(conn, id, *d)?;
    }
    append(
        conn,
        id,
        actor,
        "created",
        (None, Some(status)),
        depts.first().copied(),
        new.content.trim(),
        None,
        false,
        new.call_uuid.as_deref(),
    )?;
    audit::record(
        conn,
        actor,
        "feedback.create",
        if new.anonymous { None } else { new.patient_id },
        Some(&number),
        Some(new.kind.as_str()),
    )?;
    ensure_escalation_job(conn, config, hospital_id)?;
    Ok(Created { id, number, secret_code: code, created: true })
}

/// Loads a ticket the scope may see; anything else is "not found".
pub fn visible(conn: &mut DbConnection, scope: &Scope, id: i64) -> ApiResult<TicketRow> {
    let row: Option<TicketRow> = db_run!(conn: {
        let mut q = feedback_tickets::table
            .filter(feedback_tickets::id.eq(id))
            .filter(feedback_tickets::hospital_id.eq(scope.hospital_id))
            .into_boxed();
        if let Some(d) = &scope.departments {
            q = q.filter(feedback_tickets::id.eq_any(
                feedback_ticket_departments::table.filter(feedback_ticket_departments::department_id.eq_any(d.clone())).select(feedback_ticket_departments::ticket_id),
            ));
        }
        q.select(TicketRow::as_select()).first(conn).optional()?
    });
    row.ok_or_else(|| ApiError::not_found("ticket"))
}

pub fn dto(conn: &mut DbConnection, rows: Vec<TicketRow>) -> ApiResult<Vec<Ticket>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let dept_ids: Vec<i64> = rows.iter().filter_map(|r| r.current_department_id).collect();
    let (links, names): (Vec<(i64, i64)>, Vec<(i64, String)>) = db_run!(conn: {
        let links = feedback_ticket_departments::table
            .filter(feedback_ticket_departments::ticket_id.eq_any(&ids))
            .select((feedback_ticket_departments::ticket_id, feedback_ticket_departments::department_id))
            .load(conn)?;
        let names = departments::table.filter(departments::id.eq_any(&dept_ids)).select((departments::id, departments::name)).load(conn)?;
        (links, names)
    });
    Ok(rows
        .into_iter()
        .map(|r| Ticket {
            department_name: r
                .current_department_id
                .and_then(|d| names.iter().find(|(i, _)| *i == d).map(|(_, n)| n.clone())),
            department_ids: links.iter().filter(|(t, _)| *t == r.id).map(|(_, d)| *d).collect(),
            id: r.id,
            number: r.number,
            kind: r.kind,
            source: r.source,
            source_ref: r.source_ref,
            severity: r.severity,
            status: r.status,
            anonymous: r.anonymous,
            patient_id: r.patient_id,
            contact_name: r.contact_name,
            contact_phone: r.contact_phone.as_deref().map(mask_phone),
            topic: r.topic,
            content: r.content,
            staff_user_id: r.staff_user_id,
            staff_name: r.staff_name,
            department_id: r.current_department_id,
            call_uuid: r.call_uuid,
            first_response_due: to_utc(r.first_response_due),
            resolution_due: to_utc(r.resolution_due),
            first_responded_at: r.first_responded_at.map(to_utc),
            resolved_at: r.resolved_at.map(to_utc),
            closed_at: r.closed_at.map(to_utc),
            paused_at: r.paused_at.map(to_utc),
            escalation_level: r.escalation_level,
            compensation_cents: r.compensation_cents,
            compensation_status: r.compensation_status,
            satisfaction: r.satisfaction,
            created_at: to_utc(r.created_at),
        })
        .collect())
}

pub fn history(conn: &mut DbConnection, ticket_id: i64) -> ApiResult<Vec<HistoryRow>> {
    db_run!(conn: {
        Ok(feedback_history::table
            .filter(feedback_history::ticket_id.eq(ticket_id))
            .order(feedback_history::id)
            .select(HistoryRow::as_select())
            .load(conn)?)
    })
}

pub fn detail(conn: &mut DbConnection, scope: &Scope, actor: &Actor, id: i64) -> ApiResult<TicketDetail> {
    let row = visible(conn, scope, id)?;
    let patient = row.patient_id;
    let number = row.number.clone();
    let recording = super::intake::recording(conn, row.hospital_id, row.call_uuid.as_deref())?;
    let ticket = dto(conn, vec![row])?.remove(0);
    let history = history(conn, id)?;
    audit::record_read(conn, actor, "feedback.read", patient, Some(&number))?;
    Ok(TicketDetail { ticket, history, recording })
}

pub fn list(conn: &mut DbConnection, scope: &Scope, q: &TicketQuery) -> ApiResult<hcrm_shared::api::Page<Ticket>> {
    let (page, per_page) = crate::common::page_bounds(q.page, q.per_page);
    let t = now();
    let (total, rows): (i64, Vec<TicketRow>) = db_run!(conn: {
        macro_rules! filtered {
            () => {{
                let mut f = feedback_tickets::table.filter(feedback_tickets::hospital_id.eq(scope.hospital_id)).into_boxed();
                if let Some(d) = &scope.departments {
                    f = f.filter(feedback_tickets::id.eq_any(
                        feedback_ticket_departments::table.filter(feedback_ticket_departments::department_id.eq_any(d.clone())).select(feedback_ticket_departments::ticket_id),
                    ));
                }
                if let Some(k) = q.kind {
                    f = f.filter(feedback_tickets::kind.eq(k));
                }
                if let Some(s) = q.status {
                    f = f.filter(feedback_tickets::status.eq(s));
                }
                if let Some(p) = q.patient_id {
                    f = f.filter(feedback_tickets::patient_id.eq(p));
                }
                if let Some(d) = q.department_id {
                    f = f.filter(feedback_tickets::current_department_id.eq(d));
                }
                if q.overdue == Some(true) {
                    f = f.filter(feedback_tickets::status.ne_all(TicketStatus::DONE)).filter(
                        feedback_tickets::resolution_due.lt(t).or(feedback_tickets::first_responded_at.is_null().and(feedback_tickets::first_response_due.lt(t))),
                    );
                }
                f
            }};
        }
        let total: i64 = filtered!().count().get_result(conn)?;
        let rows = filtered!().order(feedback_tickets::id.desc()).limit(per_page).offset((page - 1) * per_page).select(TicketRow::as_select()).load(conn)?;
        (total, rows)
    });
    let items = dto(conn, rows)?;
    Ok(hcrm_shared::api::Page { items, total, page, per_page })
}

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
        "status",
        (Some(row.status), Some(req.status)),
        row.current_department_id,
        req.note.trim(),
        None,
        false,
        None,
    )?;
    audit::record(conn, actor, "feedback.status", row.patient_id, Some(&row.number), Some(req.status.as_str()))?;
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
        "routed",
        (Some(row.status), Some(TicketStatus::Assigned)),
        Some(req.department_id),
        &body,
        None,
        false,
        None,
    )?;
    audit::record(conn, actor, "feedback.route", row.patient_id, Some(&row.number), Some(&name))?;
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
    append(conn, id, actor, "comment", (None, None), row.current_department_id, req.body.trim(), None, false, None)?;
    audit::record(conn, actor, "feedback.comment", row.patient_id, Some(&row.number), None)
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
        "reply",
        (None, None),
        row.current_department_id,
        body,
        Some(req.channel),
        true,
        req.call_uuid.as_deref(),
    )?;
    if row.first_responded_at.is_none() {
        db_run!(conn: {
            diesel::update(feedback_tickets::table.filter(feedback_tickets::id.eq(id))).set(feedback_tickets::first_responded_at.eq(Some(now()))).execute(conn)?;
        });
    }
    audit::record(conn, actor, "feedback.reply", row.patient_id, Some(&row.number), Some(req.channel.as_str()))
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
        "satisfaction",
        (None, None),
        None,
        &format!("{} {}", req.score, req.note.trim()),
        None,
        false,
        None,
    )?;
    audit::record(conn, actor, "feedback.satisfaction", row.patient_id, Some(&row.number), None)
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
    append(conn, id, actor, "compensation_requested", (None, None), None, &body, None, false, None)?;
    audit::record(conn, actor, "feedback.compensation", row.patient_id, Some(&row.number), Some(&body))
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
        "compensation_decided",
        (None, None),
        None,
        &format!("{to} {}", req.note.trim()),
        None,
        false,
        None,
    )?;
    audit::record(conn, actor, "feedback.compensation_decision", row.patient_id, Some(&row.number), Some(to.as_str()))
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
