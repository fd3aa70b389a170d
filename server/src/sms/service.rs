//! The outbox: a message is stored (with its job, in one transaction) and
//! then sent by the `sms.send` job, which applies the rules, calls the
//! provider with a stable idempotency key and records the outcome. Receipts
//! move messages from sent to delivered or failed.

pub mod rules;
pub mod template;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use hcrm_shared::api::Page;
use hcrm_shared::masking::mask_phone;
use hcrm_shared::messaging::{NewSms, SmsMessage, SmsOptOut, SmsStatus};
use hcrm_shared::validation::normalize_phone;
use hcrm_shared::Role;

use super::model::{MessageQuery, SmsRow};
use super::provider::{Outgoing, ProviderEvent, Receipt};
use crate::app::AppState;
use crate::db::schema::{patient_phones, patients, sms_messages, sms_opt_outs, sms_parts};
use crate::db::{now, to_utc, write_transaction, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::jobs::{self, JobContext, NewJob, Outcome};
use crate::notifications::service as notify;

pub const SEND_JOB: &str = "sms.send";

use SmsStatus::{Delivered, Failed, Held, Queued, Sent};

/// Stores a message and its send job. Must run inside a write transaction;
/// wake the runner after commit. A blocked recipient (opt-out,
/// do-not-contact) is stored as failed with the reason and no job.
pub fn enqueue(
    conn: &mut DbConnection,
    state: &AppState,
    hospital_id: i64,
    created_by: Option<i64>,
    new: &NewSms,
) -> ApiResult<SmsRow> {
    let patient = match new.patient_id {
        Some(pid) => Some(db_run!(conn: {
            patients::table
                .filter(patients::id.eq(pid))
                .filter(patients::hospital_id.eq(hospital_id))
                .select((patients::id, patients::name))
                .first::<(i64, String)>(conn)
                .optional()?
                .ok_or_else(|| ApiError::not_found("patient"))?
        })),
        None => None,
    };
    let phone = match (&new.phone, &patient) {
        (Some(p), _) => normalize_phone(p).map_err(|e| ApiError::invalid("phone", e.to_string()))?,
        (None, Some((pid, _))) => {
            let pid = *pid;
            db_run!(conn: {
                patient_phones::table
                    .filter(patient_phones::patient_id.eq(pid))
                    .order(patient_phones::position)
                    .select(patient_phones::number)
                    .first::<String>(conn)
                    .optional()?
                    .ok_or_else(|| ApiError::invalid("patient_id", "the patient has no phone number"))?
            })
        }
        (None, None) => return Err(ApiError::invalid("phone", "give a phone number or a patient_id")),
    };
    let body = match (&new.template_id, &new.body) {
        (Some(tid), None) => {
            let t = template::get(conn, hospital_id, *tid)
                .map_err(|_| ApiError::invalid("template_id", "no such template"))?;
            if !t.active {
                return Err(ApiError::invalid("template_id", "the template is inactive"));
            }
            let mut vars = new.variables.clone();
            if let Some((_, name)) = &patient {
                vars.entry("patient_name".into()).or_insert_with(|| name.clone());
            }
            template::render(&t.body, &vars).map_err(|e| ApiError::invalid("variables", e))?
        }
        (None, Some(b)) if !b.trim().is_empty() => b.clone(),
        _ => return Err(ApiError::invalid("body", "give either a template_id or a body")),
    };
    if body.chars().count() > 1000 {
        return Err(ApiError::invalid("body", "at most 1000 characters"));
    }
    let blocked = rules::blocked_reason(conn, hospital_id, &phone, new.patient_id)?;
    let t = now();
    let row: SmsRow = db_run!(conn: {
        diesel::insert_into(sms_messages::table)
            .values((
                sms_messages::hospital_id.eq(hospital_id),
                sms_messages::patient_id.eq(new.patient_id),
                sms_messages::template_id.eq(new.template_id),
                sms_messages::phone.eq(&phone),
                sms_messages::body.eq(&body),
                sms_messages::urgent.eq(new.urgent),
                sms_messages::status.eq(if blocked.is_some() { Failed } else { Queued }),
                sms_messages::reason.eq(blocked),
                sms_messages::created_by.eq(created_by),
                sms_messages::created_at.eq(t),
                sms_messages::updated_at.eq(t),
            ))
            .returning(SmsRow::as_returning())
            .get_result(conn)?
    });
    if blocked.is_some() {
        return Ok(row);
    }
    let job = jobs::enqueue(
        conn,
        state,
        &NewJob {
            hospital_id,
            kind: SEND_JOB.into(),
            payload: serde_json::json!({ "message_id": row.id }),
            max_attempts: Some(state.config.sms.max_attempts),
            dedupe_key: Some(format!("sms:{}", row.id)),
            ..Default::default()
        },
    )?;
    db_run!(conn: {
        Ok(diesel::update(sms_messages::table.filter(sms_messages::id.eq(row.id)))
            .set(sms_messages::job_id.eq(Some(job.id)))
            .returning(SmsRow::as_returning())
            .get_result(conn)?)
    })
}

pub fn get(conn: &mut DbConnection, hospital_id: i64, id: i64) -> ApiResult<SmsRow> {
    db_run!(conn: {
        sms_messages::table
            .filter(sms_messages::hospital_id.eq(hospital_id))
            .filter(sms_messages::id.eq(id))
            .select(SmsRow::as_select())
            .first(conn)
            .optional()?
            .ok_or_else(|| ApiError::not_found("message"))
    })
}

pub fn list(conn: &mut DbConnection, hospital_id: i64, q: &MessageQuery) -> ApiResult<Page<SmsMessage>> {
    let (page, per_page) = crate::common::page_bounds(q.page, q.per_page);
    let phone = match &q.phone {
        Some(p) => Some(normalize_phone(p).map_err(|e| ApiError::invalid("phone", e.to_string()))?),
        None => None,
    };
    db_run!(conn: {
        let filtered = || {
            let mut b = sms_messages::table.filter(sms_messages::hospital_id.eq(hospital_id)).into_boxed();
            if let Some(s) = q.status {
                b = b.filter(sms_messages::status.eq(s));
            }
            if let Some(p) = q.patient_id {
                b = b.filter(sms_messages::patient_id.eq(p));
            }
            if let Some(p) = &phone {
                b = b.filter(sms_messages::phone.eq(p.clone()));
            }
            b
        };
        let total: i64 = filtered().count().get_result(conn)?;
        let rows: Vec<SmsRow> = filtered()
            .order(sms_messages::id.desc())
            .offset((page - 1) * per_page)
            .limit(per_page)
            .select(SmsRow::as_select())
            .load(conn)?;
        Ok(Page { items: rows.iter().map(SmsRow::dto).collect(), total, page, per_page })
    })
}

fn set_status(
    conn: &mut DbConnection,
    id: i64,
    status: SmsStatus,
    reason: Option<&str>,
    attempts: i32,
) -> ApiResult<()> {
    let t = now();
    db_run!(conn: {
        // Never step back from a final state.
        diesel::update(sms_messages::table.filter(sms_messages::id.eq(id)).filter(sms_messages::status.eq_any(SmsStatus::UNSENT)))
            .set((sms_messages::status.eq(status), sms_messages::reason.eq(reason), sms_messages::attempts.eq(attempts), sms_messages::updated_at.eq(t)))
            .execute(conn)?;
    });
    Ok(())
}

/// Runs inside the transaction that completes the send job.
fn mark_sent(conn: &mut DbConnection, row: &SmsRow, provider: &str, ids: &[String], attempts: i32) -> ApiResult<()> {
    let t = now();
    {
        db_run!(conn: {
            let n = diesel::update(sms_messages::table.filter(sms_messages::id.eq(row.id)).filter(sms_messages::status.eq_any(SmsStatus::UNSENT)))
                .set((
                    sms_messages::status.eq(Sent),
                    sms_messages::reason.eq(None::<String>),
                    sms_messages::provider.eq(Some(provider)),
                    sms_messages::parts.eq(ids.len() as i32),
                    sms_messages::attempts.eq(attempts),
                    sms_messages::sent_at.eq(Some(t)),
                    sms_messages::updated_at.eq(t),
                ))
                .execute(conn)?;
            if n == 1 {
                for (seq, pid) in ids.iter().enumerate() {
                    diesel::insert_into(sms_parts::table)
                        .values((
                            sms_parts::hospital_id.eq(row.hospital_id),
                            sms_parts::message_id.eq(row.id),
                            sms_parts::seq.eq(seq as i32 + 1),
                            sms_parts::provider.eq(provider),
                            sms_parts::provider_message_id.eq(pid),
                            sms_parts::status.eq(Sent),
                            sms_parts::updated_at.eq(t),
                        ))
                        .execute(conn)?;
                }
            }
        });
        Ok(())
    }
}

/// Marks a message failed and tells its sender and the SMS managers.
fn fail(conn: &mut DbConnection, row: &SmsRow, reason: &str, attempts: i32) -> ApiResult<Vec<i64>> {
    write_transaction(conn, |conn| {
        set_status(conn, row.id, Failed, Some(reason), attempts)?;
        let mut users: Vec<i64> = row.created_by.into_iter().collect();
        for role in Role::ALL.into_iter().filter(|r| r.has(hcrm_shared::Permission::SmsManage)) {
            users.extend(notify::users_with_role(conn, row.hospital_id, role.as_str())?);
        }
        users.sort_unstable();
        users.dedup();
        let m = crate::notifications::model::Message {
            kind: hcrm_shared::messaging::NotificationKind::SmsFailed,
            title: format!("短信发送失败 / SMS failed: {}", mask_phone(&row.phone)),
            body: reason.chars().take(500).collect(),
            link: Some(format!("/sms/messages/{}", row.id)),
        };
        notify::create(conn, row.hospital_id, &users, &m, Some(&format!("sms-failed:{}", row.id)))
    })
}

/// The `sms.send` job.
pub async fn send_job(ctx: JobContext) -> Outcome {
    match send_job_inner(&ctx).await {
        Ok(o) => o,
        Err(e) => Outcome::Retry(e.detail),
    }
}

async fn send_job_inner(ctx: &JobContext) -> ApiResult<Outcome> {
    let state = &ctx.state;
    let id = ctx.job.payload_json()["message_id"]
        .as_i64()
        .ok_or_else(|| ApiError::internal("payload without message_id"))?;
    let hospital_id = ctx.job.hospital_id;
    let attempts = ctx.job.attempts;
    let per_hour = state.config.sms.per_number_per_hour;
    let quiet = state.sms.quiet_hours;
    let offset = state.config.utc_offset_minutes;
    // Decide under the database's eyes whether it may go now.
    enum Step {
        Finished,
        Hold(NaiveDateTime, &'static str),
        Send(Box<SmsRow>),
    }
    let step = state
        .db
        .run(move |conn| {
            let row = get(conn, hospital_id, id)?;
            if !SmsStatus::UNSENT.contains(&row.status) {
                return Ok(Step::Finished); // already done: a repeated job is harmless
            }
            if let Some(reason) = rules::blocked_reason(conn, hospital_id, &row.phone, row.patient_id)? {
                set_status(conn, id, Failed, Some(reason), attempts)?;
                return Ok(Step::Finished);
            }
            let t = now();
            if !row.urgent {
                if let Some(until) = quiet.and_then(|q| q.hold_until(t, offset)) {
                    set_status(conn, id, Held, Some("quiet_hours"), attempts - 1)?;
                    return Ok(Step::Hold(until, "quiet_hours"));
                }
            }
            if let Some(until) = rules::rate_limited_until(conn, hospital_id, &row.phone, per_hour, t)? {
                set_status(conn, id, Held, Some("rate_limited"), attempts - 1)?;
                return Ok(Step::Hold(until, "rate_limited"));
            }
            Ok(Step::Send(Box::new(row)))
        })
        .await?;
    let row = match step {
        Step::Finished => return Ok(Outcome::Done),
        Step::Hold(until, reason) => return Ok(Outcome::Hold { until, reason: reason.into() }),
        Step::Send(row) => *row,
    };
    let out = Outgoing {
        message_id: row.id,
        idempotency_key: row.idempotency_key(),
        phone: row.phone.clone(),
        text: row.body.clone(),
    };
    let provider = state.sms.provider.clone();
    let result = provider.send(&out).await;
    let name = provider.name();
    match result {
        Ok(accepted) => {
            let ids = accepted.provider_ids;
            Ok(Outcome::DoneWith(std::sync::Arc::new(move |conn| mark_sent(conn, &row, name, &ids, attempts))))
        }
        Err(e) if e.retryable && !ctx.is_last_attempt() => {
            let reason = e.reason.clone();
            state.db.run(move |conn| set_status(conn, id, Queued, Some(&reason), attempts)).await?;
            Ok(Outcome::Retry(e.reason))
        }
        Err(e) => {
            let reason =
                if e.retryable { format!("gave up after {attempts} attempts: {}", e.reason) } else { e.reason.clone() };
            let r = reason.clone();
            let users = state.db.run(move |conn| fail(conn, &row, &r, attempts)).await?;
            state.hub.wake(&users);
            Ok(Outcome::Dead(reason))
        }
    }
}

/// Applies a receipt; false when no sent segment has that id (yet).
pub fn apply_receipt(conn: &mut DbConnection, r: &Receipt) -> ApiResult<bool> {
    let t = now();
    write_transaction(conn, |conn| {
        db_run!(conn: {
            let messages: Vec<i64> = sms_parts::table
                .filter(sms_parts::provider.eq(&r.provider))
                .filter(sms_parts::provider_message_id.eq(&r.provider_message_id))
                .select(sms_parts::message_id)
                .load(conn)?;
            if messages.is_empty() {
                return Ok(false);
            }
            diesel::update(
                sms_parts::table
                    .filter(sms_parts::provider.eq(&r.provider))
                    .filter(sms_parts::provider_message_id.eq(&r.provider_message_id)),
            )
            .set((sms_parts::status.eq(if r.delivered { Delivered } else { Failed }), sms_parts::error.eq(&r.error), sms_parts::updated_at.eq(t)))
            .execute(conn)?;
            for m in messages {
                let states: Vec<SmsStatus> = sms_parts::table.filter(sms_parts::message_id.eq(m)).select(sms_parts::status).load(conn)?;
                let target = if states.contains(&Failed) {
                    Some((Failed, Some(format!("undelivered: {}", r.error.clone().unwrap_or_default())), None))
                } else if states.iter().all(|s| *s == Delivered) {
                    Some((Delivered, None, Some(t)))
                } else {
                    None
                };
                if let Some((status, reason, delivered_at)) = target {
                    diesel::update(sms_messages::table.filter(sms_messages::id.eq(m)).filter(sms_messages::status.eq(Sent)))
                        .set((
                            sms_messages::status.eq(status),
                            sms_messages::reason.eq(reason),
                            sms_messages::delivered_at.eq(delivered_at),
                            sms_messages::updated_at.eq(t),
                        ))
                        .execute(conn)?;
                }
            }
            Ok(true)
        })
    })
}

/// Applies receipts and replies as they come. A receipt can overtake the
/// commit of its own "sent" (the SMSC answers fast), so unknown ids are
/// tried again for a while.
pub async fn event_loop(state: AppState, mut rx: tokio::sync::mpsc::UnboundedReceiver<ProviderEvent>) {
    let retry_tx = state.sms.event_sender();
    let mut tries: std::collections::HashMap<String, u32> = Default::default();
    while let Some(event) = rx.recv().await {
        let r = match event {
            ProviderEvent::Receipt(r) => r,
            ProviderEvent::Reply { phone, text } => {
                let (p, t) = (phone.clone(), text.clone());
                match state.db.run(move |conn| apply_reply(conn, &p, &t)).await {
                    Ok(n) if n > 0 => tracing::info!(phone = %mask_phone(&phone), "opted out by reply"),
                    Ok(_) => tracing::info!(phone = %mask_phone(&phone), %text, "reply received"),
                    Err(e) => tracing::warn!(error = %e, "cannot record a reply"),
                }
                continue;
            }
        };
        let rc = r.clone();
        match state.db.run(move |conn| apply_receipt(conn, &rc)).await {
            Ok(true) => {
                tries.remove(&r.provider_message_id);
            }
            Ok(false) | Err(_) => {
                let n = tries.entry(r.provider_message_id.clone()).or_insert(0);
                *n += 1;
                if *n <= 30 {
                    let tx = retry_tx.clone();
                    tokio::spawn(async move {
                        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                        let _ = tx.send(ProviderEvent::Receipt(r));
                    });
                } else {
                    tries.remove(&r.provider_message_id);
                    tracing::warn!(id = %r.provider_message_id, "receipt for an unknown message dropped");
                }
            }
        }
    }
}

/// Replies that mean "no more SMS" (the carriers' 退订 convention).
pub fn is_unsubscribe(text: &str) -> bool {
    let t = hcrm_shared::validation::to_half_width(text).trim().to_uppercase();
    ["TD", "T", "N", "QX", "0000", "退订", "取消", "退定"].contains(&t.as_str())
}

/// An unsubscribe reply opts the number out of every hospital that has
/// texted it (one SMSC account may serve several). Returns how many.
pub fn apply_reply(conn: &mut DbConnection, phone: &str, text: &str) -> ApiResult<usize> {
    if !is_unsubscribe(text) {
        return Ok(0);
    }
    let Ok(phone) = normalize_phone(phone) else { return Ok(0) };
    let t = now();
    let reason = format!("回复{}退订 / replied {}", text.trim(), text.trim());
    write_transaction(conn, |conn| {
        db_run!(conn: {
            let hospitals: Vec<i64> = sms_messages::table
                .filter(sms_messages::phone.eq(&phone))
                .select(sms_messages::hospital_id)
                .distinct()
                .load(conn)?;
            for h in &hospitals {
                diesel::insert_into(sms_opt_outs::table)
                    .values((
                        sms_opt_outs::hospital_id.eq(h),
                        sms_opt_outs::phone.eq(&phone),
                        sms_opt_outs::reason.eq(&reason),
                        sms_opt_outs::created_at.eq(t),
                    ))
                    .on_conflict_do_nothing()
                    .execute(conn)?;
            }
            Ok(hospitals.len())
        })
    })
}

// ---------------------------------------------------------------- opt-outs

pub fn list_opt_outs(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<Vec<SmsOptOut>> {
    db_run!(conn: {
        let rows: Vec<(i64, String, String, NaiveDateTime)> = sms_opt_outs::table
            .filter(sms_opt_outs::hospital_id.eq(hospital_id))
            .order(sms_opt_outs::id.desc())
            .select((sms_opt_outs::id, sms_opt_outs::phone, sms_opt_outs::reason, sms_opt_outs::created_at))
            .load(conn)?;
        Ok(rows.into_iter().map(|(id, phone, reason, at)| SmsOptOut { id, phone, reason, created_at: to_utc(at) }).collect())
    })
}

pub fn add_opt_out(
    conn: &mut DbConnection,
    hospital_id: i64,
    user_id: i64,
    phone: &str,
    reason: &str,
) -> ApiResult<SmsOptOut> {
    let phone = normalize_phone(phone).map_err(|e| ApiError::invalid("phone", e.to_string()))?;
    let t = now();
    db_run!(conn: {
        diesel::insert_into(sms_opt_outs::table)
            .values((
                sms_opt_outs::hospital_id.eq(hospital_id),
                sms_opt_outs::phone.eq(&phone),
                sms_opt_outs::reason.eq(reason),
                sms_opt_outs::created_by.eq(Some(user_id)),
                sms_opt_outs::created_at.eq(t),
            ))
            .on_conflict_do_nothing()
            .execute(conn)?;
    });
    list_opt_outs(conn, hospital_id)?
        .into_iter()
        .find(|o| o.phone == phone)
        .ok_or_else(|| ApiError::internal("opt-out vanished"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn unsubscribe_replies() {
        for t in ["TD", "td", " ＴＤ ", "退订", "T"] {
            assert!(super::is_unsubscribe(t), "{t}");
        }
        for t in ["好的", "TD我明天来", "谢谢"] {
            assert!(!super::is_unsubscribe(t), "{t}");
        }
    }
}
