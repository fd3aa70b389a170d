//! Call records, the patient card's call history, dial targets and linking
//! a caller's number to a patient.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use hcrm_shared::calls::*;
use hcrm_shared::masking::mask_phone;
use hcrm_shared::validation::normalize_phone;

use super::model::CallRow;
use crate::audit;
use crate::auth::AuthUser;
use crate::common::Scope;
use crate::db::schema::{call_recordings, calls, followup_tasks, patient_phones, users};
use crate::db::{now, to_utc, write_transaction, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::patients::service::visible_patient;

/// The desktop's call id: a UUID, stored in lower case.
pub fn clean_uuid(raw: &str) -> ApiResult<String> {
    let u = raw.trim().to_ascii_lowercase();
    let ok = u.len() == 36
        && u.char_indices().all(|(i, c)| if [8, 13, 18, 23].contains(&i) { c == '-' } else { c.is_ascii_hexdigit() });
    if ok {
        Ok(u)
    } else {
        Err(ApiError::invalid("uuid", "must be a UUID like 0b7c3e1a-5d2f-4c1e-9a7b-2f9d8e6c4b1a"))
    }
}

fn clean_number(field: &str, raw: &str) -> ApiResult<String> {
    let n = raw.trim();
    if n.len() > 64 || !n.chars().all(|c| c.is_ascii_digit() || "+*#-".contains(c)) {
        return Err(ApiError::invalid(field, "digits, +, *, # or -, at most 64"));
    }
    Ok(n.to_string())
}

fn naive(t: Option<DateTime<Utc>>) -> Option<NaiveDateTime> {
    t.map(|t| t.naive_utc())
}

/// The call as the caller may see it: in the hospital, and either their own
/// call or one about a patient in their scope (a call without a patient is
/// visible to hospital-wide roles only). Anything else is "not found".
pub fn visible_call(conn: &mut DbConnection, auth: &AuthUser, uuid: &str) -> ApiResult<CallRow> {
    let uuid = clean_uuid(uuid)?;
    let hospital = auth.hospital_id;
    let row: Option<CallRow> = db_run!(conn: {
        calls::table.filter(calls::hospital_id.eq(hospital)).filter(calls::uuid.eq(&uuid)).select(CallRow::as_select()).first(conn).optional()?
    });
    let row = row.ok_or_else(|| ApiError::not_found("call"))?;
    if row.agent_id == auth.user_id {
        return Ok(row);
    }
    match row.patient_id {
        Some(p) => {
            visible_patient(conn, &Scope::of(auth), p).map_err(|_| ApiError::not_found("call"))?;
        }
        None if auth.department_scope().is_some() => return Err(ApiError::not_found("call")),
        None => {}
    }
    Ok(row)
}

/// The patient a task belongs to, when the task is in the hospital.
fn task_patient(conn: &mut DbConnection, hospital_id: i64, task_id: i64) -> ApiResult<i64> {
    let p: Option<i64> = db_run!(conn: {
        followup_tasks::table
            .filter(followup_tasks::id.eq(task_id))
            .filter(followup_tasks::hospital_id.eq(hospital_id))
            .select(followup_tasks::patient_id)
            .first(conn)
            .optional()?
    });
    p.ok_or_else(|| ApiError::invalid("task_id", format!("no follow-up task {task_id}")))
}

/// Creates the call or fills in what the desktop learned since; the same
/// request twice changes nothing.
pub fn upsert(conn: &mut DbConnection, auth: &AuthUser, raw_uuid: &str, body: &CallUpsert) -> ApiResult<CallRecord> {
    let uuid = clean_uuid(raw_uuid)?;
    let local = body.local_number.as_deref().map(|n| clean_number("local_number", n)).transpose()?;
    let remote = body.remote_number.as_deref().map(|n| clean_number("remote_number", n)).transpose()?;
    if body.note.as_deref().is_some_and(|n| n.chars().count() > 2000) {
        return Err(ApiError::invalid("note", "at most 2000 characters"));
    }
    let mut patient_id = body.patient_id;
    if let Some(task) = body.task_id {
        let tp = task_patient(conn, auth.hospital_id, task)?;
        if patient_id.is_some_and(|p| p != tp) {
            return Err(ApiError::invalid("task_id", "the task belongs to another patient"));
        }
        patient_id = Some(tp);
    }
    if let Some(p) = patient_id {
        visible_patient(conn, &Scope::of(auth), p)
            .map_err(|_| ApiError::invalid("patient_id", format!("no patient {p}")))?;
    }
    let hospital = auth.hospital_id;
    let t = now();
    write_transaction(conn, |conn| {
        let existing: Option<CallRow> = db_run!(conn: {
            calls::table.filter(calls::hospital_id.eq(hospital)).filter(calls::uuid.eq(&uuid)).select(CallRow::as_select()).first(conn).optional()?
        });
        let merged = match existing {
            Some(mut row) => {
                if row.agent_id != auth.user_id {
                    return Err(ApiError::not_found("call"));
                }
                if let Some(d) = body.direction {
                    if d != row.direction {
                        return Err(ApiError::invalid("direction", "a call cannot change direction"));
                    }
                }
                row.local_number = local.clone().unwrap_or(row.local_number);
                row.remote_number = remote.clone().unwrap_or(row.remote_number);
                row.started_at = naive(body.started_at).unwrap_or(row.started_at);
                row.answered_at = naive(body.answered_at).or(row.answered_at);
                row.ended_at = naive(body.ended_at).or(row.ended_at);
                row.disposition = body.disposition.or(row.disposition);
                row.patient_id = patient_id.or(row.patient_id);
                row.task_id = body.task_id.or(row.task_id);
                row.note = body.note.clone().or(row.note);
                row
            }
            None => CallRow {
                id: 0,
                hospital_id: hospital,
                uuid: uuid.clone(),
                direction: body
                    .direction
                    .ok_or_else(|| ApiError::invalid("direction", "is required for a new call"))?,
                local_number: local.clone().unwrap_or_default(),
                remote_number: remote.clone().unwrap_or_default(),
                agent_id: auth.user_id,
                patient_id,
                task_id: body.task_id,
                started_at: naive(body.started_at)
                    .ok_or_else(|| ApiError::invalid("started_at", "is required for a new call"))?,
                answered_at: naive(body.answered_at),
                ended_at: naive(body.ended_at),
                disposition: body.disposition,
                note: body.note.clone(),
            },
        };
        if merged.answered_at.is_some_and(|a| a < merged.started_at) {
            return Err(ApiError::invalid("answered_at", "is before started_at"));
        }
        if merged.ended_at.is_some_and(|e| e < merged.started_at) {
            return Err(ApiError::invalid("ended_at", "is before started_at"));
        }
        let values = (
            calls::local_number.eq(&merged.local_number),
            calls::remote_number.eq(&merged.remote_number),
            calls::started_at.eq(merged.started_at),
            calls::answered_at.eq(merged.answered_at),
            calls::ended_at.eq(merged.ended_at),
            calls::disposition.eq(merged.disposition),
            calls::patient_id.eq(merged.patient_id),
            calls::task_id.eq(merged.task_id),
            calls::note.eq(&merged.note),
            calls::updated_at.eq(t),
        );
        db_run!(conn: {
            if merged.id == 0 {
                diesel::insert_into(calls::table)
                    .values((
                        calls::hospital_id.eq(hospital),
                        calls::uuid.eq(&uuid),
                        calls::direction.eq(merged.direction),
                        calls::agent_id.eq(auth.user_id),
                        calls::created_at.eq(t),
                        values,
                    ))
                    .execute(conn)?;
            } else {
                diesel::update(calls::table.filter(calls::id.eq(merged.id))).set(values).execute(conn)?;
            }
        });
        audit::record(
            conn,
            &auth.actor(),
            audit::AuditAction::CallWrite,
            merged.patient_id,
            Some(&format!("call:{uuid}")),
            merged.disposition.map(CallDisposition::as_str),
        )?;
        Ok(())
    })?;
    let row = visible_call(conn, auth, &uuid)?;
    Ok(records(conn, vec![row])?.remove(0))
}

/// Rows to records: agent names, recording flags, masked remote numbers.
pub fn records(conn: &mut DbConnection, rows: Vec<CallRow>) -> ApiResult<Vec<CallRecord>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let agents: Vec<i64> = rows.iter().map(|r| r.agent_id).collect();
    let (names, recorded): (Vec<(i64, String)>, Vec<i64>) = db_run!(conn: {
        let names = users::table.filter(users::id.eq_any(&agents)).select((users::id, users::display_name)).load(conn)?;
        let recorded = call_recordings::table
            .filter(call_recordings::call_id.eq_any(&ids))
            .filter(call_recordings::complete.eq(true))
            .select(call_recordings::call_id)
            .load(conn)?;
        (names, recorded)
    });
    Ok(rows
        .into_iter()
        .map(|r| CallRecord {
            talk_seconds: match (r.answered_at, r.ended_at) {
                (Some(a), Some(e)) => Some((e - a).num_seconds()),
                _ => None,
            },
            has_recording: recorded.contains(&r.id),
            agent_name: names.iter().find(|(id, _)| *id == r.agent_id).map(|(_, n)| n.clone()).unwrap_or_default(),
            uuid: r.uuid,
            direction: r.direction,
            local_number: r.local_number,
            remote_number: if r.remote_number.len() >= 7 { mask_phone(&r.remote_number) } else { r.remote_number },
            started_at: to_utc(r.started_at),
            answered_at: r.answered_at.map(to_utc),
            ended_at: r.ended_at.map(to_utc),
            disposition: r.disposition,
            agent_id: r.agent_id,
            patient_id: r.patient_id,
            task_id: r.task_id,
            note: r.note,
        })
        .collect())
}

/// The patient card's call history, newest first; audited as a read.
pub fn patient_calls(conn: &mut DbConnection, auth: &AuthUser, patient_id: i64) -> ApiResult<Vec<CallRecord>> {
    visible_patient(conn, &Scope::of(auth), patient_id)?;
    let rows: Vec<CallRow> = db_run!(conn: {
        calls::table
            .filter(calls::hospital_id.eq(auth.hospital_id))
            .filter(calls::patient_id.eq(patient_id))
            .order((calls::started_at.desc(), calls::id.desc()))
            .limit(200)
            .select(CallRow::as_select())
            .load(conn)?
    });
    let out = records(conn, rows)?;
    audit::record_read(conn, &auth.actor(), audit::AuditAction::PatientCallsRead, Some(patient_id), None)?;
    Ok(out)
}

/// The full number of one of a patient's phones, for the desktop to dial.
/// The web UI only ever sees masked numbers; this answer goes to the
/// desktop process and is audited.
pub fn dial_target(conn: &mut DbConnection, auth: &AuthUser, req: &DialTargetRequest) -> ApiResult<DialTarget> {
    visible_patient(conn, &Scope::of(auth), req.patient_id)?;
    if let Some(task) = req.task_id {
        if task_patient(conn, auth.hospital_id, task)? != req.patient_id {
            return Err(ApiError::invalid("task_id", "the task belongs to another patient"));
        }
    }
    let pid = req.patient_id;
    let numbers: Vec<String> = db_run!(conn: {
        patient_phones::table
            .filter(patient_phones::patient_id.eq(pid))
            .order(patient_phones::position.asc())
            .select(patient_phones::number)
            .load(conn)?
    });
    let number = numbers.get(req.phone_index).cloned().ok_or_else(|| {
        ApiError::invalid("phone_index", format!("the patient has {} phone number(s)", numbers.len()))
    })?;
    write_transaction(conn, |conn| {
        audit::record(
            conn,
            &auth.actor(),
            audit::AuditAction::PatientDial,
            Some(pid),
            Some(&format!("phone:{}", req.phone_index)),
            req.task_id.map(|t| format!("task:{t}")).as_deref(),
        )
    })?;
    Ok(DialTarget { number, patient_id: pid, task_id: req.task_id })
}

/// Adds a caller's number to a patient (no-op when it is there already).
pub fn link_number(conn: &mut DbConnection, auth: &AuthUser, patient_id: i64, raw: &str) -> ApiResult<String> {
    let number = normalize_phone(raw).map_err(|e| ApiError::invalid("number", e.to_string()))?;
    visible_patient(conn, &Scope::of(auth), patient_id)?;
    let hospital = auth.hospital_id;
    write_transaction(conn, |conn| {
        let existing: Vec<(String, i32)> = db_run!(conn: {
            patient_phones::table.filter(patient_phones::patient_id.eq(patient_id)).select((patient_phones::number, patient_phones::position)).load(conn)?
        });
        if existing.iter().any(|(n, _)| *n == number) {
            return Ok(());
        }
        if existing.len() >= 10 {
            return Err(ApiError::invalid("number", "the patient already has 10 numbers"));
        }
        let position = existing.iter().map(|(_, p)| *p + 1).max().unwrap_or(0);
        db_run!(conn: {
            diesel::insert_into(patient_phones::table)
                .values((
                    patient_phones::hospital_id.eq(hospital),
                    patient_phones::patient_id.eq(patient_id),
                    patient_phones::number.eq(&number),
                    patient_phones::position.eq(position),
                ))
                .execute(conn)?;
        });
        audit::record(
            conn,
            &auth.actor(),
            audit::AuditAction::PatientPhoneAdd,
            Some(patient_id),
            None,
            Some(&mask_phone(&number)),
        )
    })?;
    Ok(number)
}
