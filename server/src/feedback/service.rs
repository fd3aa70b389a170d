//! Tickets: opening (idempotent on source and source reference), routing,
//! status changes, comments, replies, satisfaction and compensation. Every
//! change appends to `feedback_history`, which the database keeps
//! append-only.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use hcrm_shared::feedback::{ReplyChannel, TicketAction, TicketKind, TicketSource, TicketStatus};
use hcrm_shared::masking::mask_phone;
use hcrm_shared::validation::normalize_phone;
use hcrm_shared::Role;
use sha2::{Digest, Sha256};

use super::calendar::Calendar;
use super::model::*;
use crate::audit::{self, Actor};
use crate::auth::AuthUser;
use crate::common::Scope;
use crate::config::Config;
use crate::db::schema::{
    departments, feedback_history, feedback_ticket_departments, feedback_tickets, patients, users,
};
use crate::db::{now, to_utc, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};

/// Changes to open tickets: status, routing, comments, replies,
/// satisfaction, compensation; and the anonymous progress page.
mod changes;
pub use changes::*;

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
    action: TicketAction,
    from_status: Option<TicketStatus>,
    to_status: Option<TicketStatus>,
    department_id: Option<i64>,
    body: &'a str,
    channel: Option<ReplyChannel>,
    public: bool,
    call_uuid: Option<&'a str>,
}

/// What one history entry says; `new` gives an internal note with no status
/// change, and the callers set what else applies.
pub(super) struct HistoryEntry<'a> {
    action: TicketAction,
    /// The status before and after.
    status: (Option<TicketStatus>, Option<TicketStatus>),
    department_id: Option<i64>,
    body: &'a str,
    channel: Option<ReplyChannel>,
    /// Shown to the patient (a reply), not only to staff.
    public: bool,
    call_uuid: Option<&'a str>,
}

impl<'a> HistoryEntry<'a> {
    pub(super) fn new(action: TicketAction, body: &'a str) -> Self {
        HistoryEntry {
            action,
            status: (None, None),
            department_id: None,
            body,
            channel: None,
            public: false,
            call_uuid: None,
        }
    }
}

/// One history entry; the only way anything is written there.
fn append(conn: &mut DbConnection, ticket_id: i64, actor: &Actor, entry: HistoryEntry) -> ApiResult<()> {
    let row = NewHistory {
        ticket_id,
        at: now(),
        user_id: actor.user_id,
        username: &actor.username,
        action: entry.action,
        from_status: entry.status.0,
        to_status: entry.status.1,
        department_id: entry.department_id,
        body: entry.body,
        channel: entry.channel,
        public: entry.public,
        call_uuid: entry.call_uuid,
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
        HistoryEntry {
            status: (None, Some(status)),
            department_id: depts.first().copied(),
            call_uuid: new.call_uuid.as_deref(),
            ..HistoryEntry::new(TicketAction::Created, new.content.trim())
        },
    )?;
    audit::record(
        conn,
        actor,
        audit::AuditAction::FeedbackCreate,
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
    // The patient each ticket is about, so the ticket shows who it is.
    let patient_ids: Vec<i64> = rows.iter().filter(|r| !r.anonymous).filter_map(|r| r.patient_id).collect();
    let people: Vec<(i64, String, String)> = db_run!(conn: {
        patients::table.filter(patients::id.eq_any(&patient_ids)).select((patients::id, patients::name, patients::mrn)).load(conn)?
    });
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
            patient_name: people.iter().find(|p| Some(p.0) == r.patient_id).map(|p| p.1.clone()),
            patient_mrn: people.iter().find(|p| Some(p.0) == r.patient_id).map(|p| p.2.clone()),
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
    audit::record_read(conn, actor, audit::AuditAction::FeedbackRead, patient, Some(&number))?;
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
