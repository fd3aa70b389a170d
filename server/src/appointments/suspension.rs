//! Clinic suspension (停诊): the session closes, every live appointment is
//! ended as `suspended`, each patient gets an urgent SMS with a rebooking
//! offer (the same doctor's next open session, else the department's), and
//! a notice row per appointment is tracked until it is resolved.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use hcrm_shared::appointments::{
    AppointmentStatus, BookingChannel, NoticeOutcome, NoticeStatus, SessionStatus, SlotStatus,
};
use hcrm_shared::masking::mask_phone;
use hcrm_shared::messaging::NewSms;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::booking::{self, Booker, HoldSpec};
use super::model::*;
use super::slots;
use super::waitlist::{self, savepoint};
use crate::app::AppState;
use crate::audit;
use crate::db::schema::{appointments, appt_sessions, appt_slots, appt_suspension_notices, patients, sms_messages};
use crate::db::{now, to_utc, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SuspendRequest {
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Notice {
    pub id: i64,
    pub session_id: i64,
    pub appointment_id: i64,
    pub seq: i32,
    pub patient_id: i64,
    pub patient_name: String,
    /// Masked.
    pub phone: Option<String>,
    pub sms_id: Option<i64>,
    /// The SMS's status in the outbox (`queued`, `sent`, `delivered`, `failed`...).
    pub sms_status: Option<hcrm_shared::messaging::SmsStatus>,
    pub sms_reason: Option<String>,
    pub offer_session_id: Option<i64>,
    pub status: NoticeStatus,
    pub new_appointment_id: Option<i64>,
    pub note: Option<String>,
    pub resolved_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SuspendResult {
    pub session_id: i64,
    pub notices: Vec<Notice>,
}

/// How a notice is resolved. `rebooked` books the patient into
/// `session_id` (default: the offered session), first free number unless
/// `slot_id`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolveRequest {
    pub outcome: NoticeOutcome,
    #[serde(default)]
    pub session_id: Option<i64>,
    #[serde(default)]
    pub slot_id: Option<i64>,
    #[serde(default)]
    pub note: Option<String>,
}

/// The next open session with a free number: the same doctor's first, else
/// the department's.
fn offer_for(conn: &mut DbConnection, s: &SessionRow) -> ApiResult<Option<SessionRow>> {
    let t = now();
    let free = |conn: &mut DbConnection, doctor: Option<i64>| -> ApiResult<Option<SessionRow>> {
        let (h, dept, start, id) = (s.hospital_id, s.department_id, s.starts_at, s.id);
        db_run!(conn: {
            let has_free = diesel::dsl::exists(
                appt_slots::table
                    .filter(appt_slots::session_id.eq(appt_sessions::id))
                    .filter(appt_slots::reserved_for.is_null())
                    .filter(appt_slots::status.eq(SlotStatus::Free).or(appt_slots::status.eq(SlotStatus::Held).and(appt_slots::hold_until.lt(t)))),
            );
            let mut q = appt_sessions::table
                .filter(appt_sessions::hospital_id.eq(h))
                .filter(appt_sessions::department_id.eq(dept))
                .filter(appt_sessions::status.eq(SessionStatus::Open))
                .filter(appt_sessions::id.ne(id))
                .filter(appt_sessions::starts_at.ge(start.min(t)))
                .filter(appt_sessions::ends_at.gt(t))
                .filter(has_free)
                .into_boxed();
            if let Some(d) = doctor {
                q = q.filter(appt_sessions::doctor_id.eq(d));
            }
            Ok(q.order(appt_sessions::starts_at).select(SessionRow::as_select()).first(conn).optional()?)
        })
    };
    if let Some(d) = s.doctor_id {
        if let Some(found) = free(conn, Some(d))? {
            return Ok(Some(found));
        }
    }
    free(conn, None)
}

pub fn suspend(
    conn: &mut DbConnection,
    state: &AppState,
    by: &Booker,
    session_id: i64,
    reason: &str,
) -> ApiResult<SuspendResult> {
    if reason.trim().is_empty() {
        return Err(ApiError::invalid("reason", "say why the clinic is suspended"));
    }
    let s = slots::session(conn, &by.scope, session_id)?;
    let t = now();
    let changed = db_run!(conn: {
        diesel::update(appt_sessions::table.filter(appt_sessions::id.eq(session_id)).filter(appt_sessions::status.eq(SessionStatus::Open)))
            .set((
                appt_sessions::status.eq(SessionStatus::Suspended),
                appt_sessions::suspend_reason.eq(Some(reason.trim())),
                appt_sessions::suspended_at.eq(Some(t)),
                appt_sessions::suspended_by.eq(by.user_id),
            ))
            .execute(conn)?
    });
    if changed == 0 {
        return Err(booking::refuse("already_suspended", "this session is already suspended"));
    }
    let live: Vec<AppointmentRow> = db_run!(conn: {
        diesel::update(appointments::table.filter(appointments::session_id.eq(session_id)).filter(appointments::status.eq_any([AppointmentStatus::Held, AppointmentStatus::Confirmed])))
            .set((appointments::status.eq(AppointmentStatus::Suspended), appointments::cancelled_at.eq(Some(t)), appointments::cancel_reason.eq(Some(reason.trim())), appointments::updated_at.eq(t)))
            .returning(AppointmentRow::as_returning())
            .get_results(conn)?
    });
    db_run!(conn: {
        diesel::update(appt_slots::table.filter(appt_slots::session_id.eq(session_id)))
            .set((appt_slots::status.eq(SlotStatus::Free), appt_slots::hold_until.eq(None::<NaiveDateTime>), appt_slots::appointment_id.eq(None::<i64>)))
            .execute(conn)?;
    });
    waitlist::close(conn, session_id)?;
    let offer = offer_for(conn, &s)?;
    let dept_doctor = slots::views(conn, std::slice::from_ref(&s))?.remove(0);
    let who = dept_doctor
        .doctor_name
        .clone()
        .map(|d| format!("{}{}", dept_doctor.department_name, d))
        .unwrap_or(dept_doctor.department_name.clone());
    let offer_text = match &offer {
        Some(o) => format!("可为您改约{} {}，请致电医院确认或回复", o.day, o.session.label()),
        None => "请致电医院改约同科室其他医生".to_string(),
    };
    for a in &live {
        if a.status != AppointmentStatus::Suspended {
            continue;
        }
        let body = format!(
            "【停诊通知】您预约的{} {} {}门诊（{}号）因{}停诊，{}。给您带来不便，敬请谅解。",
            s.day,
            s.session.label(),
            who,
            a.seq,
            reason.trim(),
            offer_text
        );
        let sms = NewSms { patient_id: Some(a.patient_id), body: Some(body), urgent: true, ..Default::default() };
        let sms_id = savepoint(conn, |conn| crate::sms::service::enqueue(conn, state, s.hospital_id, by.user_id, &sms))
            .ok()
            .map(|m| m.id);
        let offer_id = offer.as_ref().map(|o| o.id);
        db_run!(conn: {
            diesel::insert_into(appt_suspension_notices::table)
                .values((
                    appt_suspension_notices::hospital_id.eq(s.hospital_id),
                    appt_suspension_notices::session_id.eq(session_id),
                    appt_suspension_notices::appointment_id.eq(a.id),
                    appt_suspension_notices::patient_id.eq(a.patient_id),
                    appt_suspension_notices::sms_id.eq(sms_id),
                    appt_suspension_notices::offer_session_id.eq(offer_id),
                    appt_suspension_notices::status.eq(if sms_id.is_some() { NoticeStatus::Pending } else { NoticeStatus::Unreachable }),
                    appt_suspension_notices::created_at.eq(t),
                ))
                .execute(conn)?;
        });
    }
    audit::record(
        conn,
        &by.actor,
        audit::AuditAction::AppointmentSuspend,
        None,
        Some(&format!("appt_session:{session_id}")),
        Some(&format!("{} appointments; {}", live.len(), reason.trim())),
    )?;
    Ok(SuspendResult { session_id, notices: notices(conn, by, session_id)? })
}

#[derive(Queryable)]
struct NoticeJoin {
    id: i64,
    session_id: i64,
    appointment_id: i64,
    patient_id: i64,
    sms_id: Option<i64>,
    offer_session_id: Option<i64>,
    status: NoticeStatus,
    new_appointment_id: Option<i64>,
    note: Option<String>,
    resolved_at: Option<NaiveDateTime>,
    seq: i32,
    patient_name: String,
}

pub fn notices(conn: &mut DbConnection, by: &Booker, session_id: i64) -> ApiResult<Vec<Notice>> {
    slots::session(conn, &by.scope, session_id)?;
    let rows: Vec<NoticeJoin> = db_run!(conn: {
        appt_suspension_notices::table
            .inner_join(appointments::table.inner_join(patients::table))
            .filter(appt_suspension_notices::session_id.eq(session_id))
            .order(appointments::seq)
            .select((
                appt_suspension_notices::id,
                appt_suspension_notices::session_id,
                appt_suspension_notices::appointment_id,
                appt_suspension_notices::patient_id,
                appt_suspension_notices::sms_id,
                appt_suspension_notices::offer_session_id,
                appt_suspension_notices::status,
                appt_suspension_notices::new_appointment_id,
                appt_suspension_notices::note,
                appt_suspension_notices::resolved_at,
                appointments::seq,
                patients::name,
            ))
            .load(conn)?
    });
    let mut out = Vec::new();
    for r in rows {
        let sms: Option<(String, hcrm_shared::messaging::SmsStatus, Option<String>)> = match r.sms_id {
            Some(id) => db_run!(conn: {
                sms_messages::table.filter(sms_messages::id.eq(id)).select((sms_messages::phone, sms_messages::status, sms_messages::reason)).first(conn).optional()?
            }),
            None => None,
        };
        out.push(Notice {
            id: r.id,
            session_id: r.session_id,
            appointment_id: r.appointment_id,
            seq: r.seq,
            patient_id: r.patient_id,
            patient_name: r.patient_name,
            phone: sms.as_ref().map(|s| mask_phone(&s.0)),
            sms_id: r.sms_id,
            sms_status: sms.as_ref().map(|s| s.1),
            sms_reason: sms.and_then(|s| s.2),
            offer_session_id: r.offer_session_id,
            status: r.status,
            new_appointment_id: r.new_appointment_id,
            note: r.note,
            resolved_at: r.resolved_at.map(to_utc),
        });
    }
    Ok(out)
}

pub fn resolve(
    conn: &mut DbConnection,
    state: &AppState,
    by: &Booker,
    id: i64,
    req: &ResolveRequest,
) -> ApiResult<Notice> {
    let row: Option<(i64, i64, i64, Option<i64>, NoticeStatus)> = db_run!(conn: {
        appt_suspension_notices::table
            .filter(appt_suspension_notices::id.eq(id))
            .filter(appt_suspension_notices::hospital_id.eq(by.hospital_id()))
            .select((appt_suspension_notices::session_id, appt_suspension_notices::patient_id, appt_suspension_notices::appointment_id, appt_suspension_notices::offer_session_id, appt_suspension_notices::status))
            .first(conn)
            .optional()?
    });
    let (session_id, patient_id, old_appt, offer, _status) =
        row.ok_or_else(|| ApiError::not_found("suspension notice"))?;
    slots::session(conn, &by.scope, session_id)?;
    let new_appointment = match req.outcome {
        NoticeOutcome::Rebooked => {
            let target = req
                .session_id
                .or(offer)
                .ok_or_else(|| ApiError::invalid("session_id", "no session was offered; name one"))?;
            let spec = HoldSpec {
                session_id: target,
                slot_id: req.slot_id,
                patient_id,
                channel: BookingChannel::Phone,
                confirm: true,
                rescheduled_from: Some(old_appt),
                ..Default::default()
            };
            Some(booking::hold(conn, state, by, &spec)?.id)
        }
        NoticeOutcome::Cancelled | NoticeOutcome::Unreachable => None,
    };
    let t = now();
    db_run!(conn: {
        diesel::update(appt_suspension_notices::table.filter(appt_suspension_notices::id.eq(id)))
            .set((
                appt_suspension_notices::status.eq(req.outcome.status()),
                appt_suspension_notices::new_appointment_id.eq(new_appointment),
                appt_suspension_notices::note.eq(&req.note),
                appt_suspension_notices::resolved_at.eq(Some(t)),
                appt_suspension_notices::resolved_by.eq(by.user_id),
            ))
            .execute(conn)?;
    });
    audit::record(
        conn,
        &by.actor,
        audit::AuditAction::AppointmentSuspensionResolve,
        Some(patient_id),
        Some(&format!("appt_suspension_notice:{id}")),
        Some(req.outcome.as_str()),
    )?;
    notices(conn, by, session_id)?
        .into_iter()
        .find(|n| n.id == id)
        .ok_or_else(|| ApiError::not_found("suspension notice"))
}
