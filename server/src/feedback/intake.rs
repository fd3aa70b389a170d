//! Tickets from the other sources: a call record (source `phone`, linked to
//! the call and so to its recording) and the public web form (source
//! `web_form`, no sign-in). Low window ratings open theirs from
//! `evaluations::service`.

use diesel::prelude::*;
use hcrm_shared::calls::RecordingStatus;
use hcrm_shared::validation::normalize_phone;
use serde::Deserialize;
use utoipa::ToSchema;

use super::model::{Created, NewTicket};
use crate::audit::Actor;
use crate::config::Config;
use crate::db::schema::{call_recordings, calls, hospitals};
use crate::db::{write_transaction, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use hcrm_shared::feedback::{TicketKind, TicketSeverity, TicketSource};

/// A ticket opened from a call: the call must be this hospital's; a
/// real-name ticket takes the call's patient and number unless given.
pub fn from_call(conn: &mut DbConnection, hospital_id: i64, new: &mut NewTicket) -> ApiResult<()> {
    let Some(uuid) = new.call_uuid.as_deref().map(str::trim).filter(|u| !u.is_empty()).map(String::from) else {
        new.call_uuid = None;
        return Ok(());
    };
    let call: Option<(Option<i64>, String)> = db_run!(conn: {
        calls::table
            .filter(calls::hospital_id.eq(hospital_id))
            .filter(calls::uuid.eq(&uuid))
            .select((calls::patient_id, calls::remote_number))
            .first(conn)
            .optional()?
    });
    let (patient, number) =
        call.ok_or_else(|| ApiError::invalid("call_uuid", format!("no call {uuid} in this hospital")))?;
    if !new.anonymous {
        if new.patient_id.is_none() {
            new.patient_id = patient;
        }
        let no_phone = new.contact_phone.as_deref().is_none_or(|p| p.trim().is_empty());
        if no_phone && normalize_phone(&number).is_ok() {
            new.contact_phone = Some(number);
        }
    }
    new.call_uuid = Some(uuid);
    Ok(())
}

/// The recording of the ticket's call, when one was uploaded (played with
/// `POST /api/v1/calls/{uuid}/recording/play`, audited there).
pub fn recording(
    conn: &mut DbConnection,
    hospital_id: i64,
    call_uuid: Option<&str>,
) -> ApiResult<Option<RecordingStatus>> {
    let Some(uuid) = call_uuid else { return Ok(None) };
    let row: Option<(i64, String, i64, bool)> = db_run!(conn: {
        call_recordings::table
            .inner_join(calls::table.on(calls::id.eq(call_recordings::call_id)))
            .filter(calls::hospital_id.eq(hospital_id))
            .filter(calls::uuid.eq(uuid))
            .select((call_recordings::size, call_recordings::sha256, call_recordings::received, call_recordings::complete))
            .first(conn)
            .optional()?
    });
    Ok(row.map(|(size, sha256, received, complete)| RecordingStatus {
        call_uuid: uuid.to_string(),
        size,
        sha256,
        received,
        complete,
    }))
}

/// What a patient sends from the public web form.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WebFormTicket {
    /// Hospital code (the form's link carries it); may be left out when
    /// the installation has one hospital.
    #[serde(default)]
    pub hospital: Option<String>,
    pub kind: TicketKind,
    #[serde(default)]
    pub anonymous: bool,
    /// Required unless anonymous.
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
    pub topic: String,
    pub content: String,
}

/// Longest text the public form accepts (the staff form allows more).
pub const WEB_FORM_MAX_CONTENT: usize = 2000;

/// Opens a `web_form` ticket; the answer carries the number and the
/// progress code (real-name or not), shown once.
pub fn submit_web_form(conn: &mut DbConnection, config: &Config, ip: &str, form: &WebFormTicket) -> ApiResult<Created> {
    let name = form.name.trim();
    if !form.anonymous && name.is_empty() {
        return Err(ApiError::invalid("name", "required unless anonymous"));
    }
    if name.chars().count() > 50 {
        return Err(ApiError::invalid("name", "at most 50 characters"));
    }
    if form.content.chars().count() > WEB_FORM_MAX_CONTENT {
        return Err(ApiError::invalid("content", format!("at most {WEB_FORM_MAX_CONTENT} characters")));
    }
    let code = form.hospital.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let found: Vec<(i64, String)> = db_run!(conn: {
        let mut q = hospitals::table.select((hospitals::id, hospitals::code)).into_boxed();
        if let Some(c) = code {
            q = q.filter(hospitals::code.eq(c.to_string()));
        }
        q.limit(2).load(conn)?
    });
    let hospital_id = match (code, found.as_slice()) {
        (_, [(id, _)]) => *id,
        (Some(c), []) => return Err(ApiError::invalid("hospital", format!("no hospital {c}"))),
        _ => return Err(ApiError::invalid("hospital", "the hospital code is required")),
    };
    let actor = Actor {
        user_id: None,
        username: "web-form".into(),
        role: "patient".into(),
        hospital_id: Some(hospital_id),
        ip: ip.to_string(),
    };
    let new = NewTicket {
        kind: form.kind,
        source: TicketSource::WebForm,
        source_ref: None,
        severity: TicketSeverity::Normal,
        anonymous: form.anonymous,
        patient_id: None,
        contact_name: if form.anonymous { String::new() } else { name.to_string() },
        contact_phone: if form.anonymous { None } else { form.phone.clone() },
        topic: form.topic.clone(),
        content: form.content.clone(),
        department_ids: vec![],
        staff_user_id: None,
        staff_name: String::new(),
        call_uuid: None,
        received_at: None,
    };
    write_transaction(conn, |conn| super::service::open(conn, config, hospital_id, &actor, &new))
}
