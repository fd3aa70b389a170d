//! Survey links for the public form, sent by SMS. The token is
//! `<hospital>.<link>.<expiry>.<signature>`: HMAC-SHA256 with the hospital's
//! key, so a guessed or altered token fails before the database is asked;
//! the row makes the link single-use.

use base64::Engine as _;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use hcrm_shared::messaging::NewSms;
use hcrm_shared::questionnaire::api::{NewSurveyLink, SurveyLink};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use super::templates;
use crate::app::AppState;
use crate::audit::{self, Actor};
use crate::common::Scope;
use crate::db::schema::{followup_tasks, survey_link_keys, survey_links as sl};
use crate::db::{now, to_utc, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::patients::service::visible_patient;
use crate::surveys::model::OpenLink;

type HmacSha256 = Hmac<Sha256>;

/// Bytes of the MAC kept in a token (144 bits: short links, still far
/// beyond guessing).
const SIGNATURE_BYTES: usize = 18;

/// The MAC of a token's payload.
fn mac(key: &[u8], payload: &str) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(payload.as_bytes());
    mac
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The hospital's signing key, made on first use.
fn hospital_key(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<Vec<u8>> {
    let existing: Option<String> = db_run!(conn: {
        survey_link_keys::table.find(hospital_id).select(survey_link_keys::secret).first(conn).optional()?
    });
    let secret = match existing {
        Some(s) => s,
        None => {
            let mut raw = [0u8; 32];
            rand::thread_rng().fill_bytes(&mut raw);
            let s = hex::encode(raw);
            db_run!(conn: {
                diesel::insert_into(survey_link_keys::table)
                    .values((survey_link_keys::hospital_id.eq(hospital_id), survey_link_keys::secret.eq(&s)))
                    .on_conflict_do_nothing()
                    .execute(conn)?;
                survey_link_keys::table.find(hospital_id).select(survey_link_keys::secret).first::<String>(conn)?
            })
        }
    };
    hex::decode(secret).map_err(|_| ApiError::internal("survey link key is not hex"))
}

fn payload(hospital_id: i64, link_id: i64, expires: i64) -> String {
    format!("{hospital_id}.{link_id}.{expires}")
}

fn sign(key: &[u8], hospital_id: i64, link_id: i64, expires: i64) -> String {
    let payload = payload(hospital_id, link_id, expires);
    let signature = b64(&mac(key, &payload).finalize().into_bytes()[..SIGNATURE_BYTES]);
    format!("{payload}.{signature}")
}

fn gone(code: &'static str, detail: &str) -> ApiError {
    ApiError::new(axum::http::StatusCode::GONE, code, detail)
}

/// Creates a link (and its SMS unless `send_sms` is false). Run in a write
/// transaction; wake the job runner after commit when an SMS was queued.
pub fn create(
    conn: &mut DbConnection,
    state: &AppState,
    scope: &Scope,
    actor: &Actor,
    new: &NewSurveyLink,
) -> ApiResult<SurveyLink> {
    let patient = visible_patient(conn, scope, new.patient_id)?;
    let version = templates::current(conn, scope.hospital_id, new.questionnaire_id)?;
    if let Some(task) = new.followup_task_id {
        let ok: i64 = db_run!(conn: {
            followup_tasks::table.filter(followup_tasks::id.eq(task)).filter(followup_tasks::patient_id.eq(patient.id)).count().get_result(conn)?
        });
        if ok == 0 {
            return Err(ApiError::invalid("followup_task_id", "no such task for this patient"));
        }
    }
    let hours = new.valid_hours.unwrap_or(state.config.surveys.link_valid_hours);
    if !(1..=24 * 90).contains(&hours) {
        return Err(ApiError::invalid("valid_hours", "1 hour to 90 days"));
    }
    let t = now();
    let expires_at = t + Duration::hours(hours);
    let id: i64 = db_run!(conn: {
        diesel::insert_into(sl::table)
            .values((sl::hospital_id.eq(scope.hospital_id), sl::version_id.eq(version.id), sl::patient_id.eq(patient.id),
                sl::department_id.eq(new.department_id), sl::followup_task_id.eq(new.followup_task_id), sl::expires_at.eq(expires_at),
                sl::created_by.eq(actor.user_id), sl::created_at.eq(t)))
            .returning(sl::id)
            .get_result(conn)?
    });
    let key = hospital_key(conn, scope.hospital_id)?;
    let token = sign(&key, scope.hospital_id, id, expires_at.and_utc().timestamp());
    let url = format!("{}/survey/{token}", state.config.surveys.public_base_url.trim_end_matches('/'));
    let mut sms_message_id = None;
    if new.send_sms {
        let days = (hours + 23) / 24;
        let body = format!(
            "{}您好，请您对本次就医体验进行评价（{}）：{url} 链接{}天内有效，仅可提交一次。",
            patient.name, version.content.title, days
        );
        let sms = crate::sms::service::enqueue(
            conn,
            state,
            scope.hospital_id,
            actor.user_id,
            &NewSms { patient_id: Some(patient.id), body: Some(body), ..Default::default() },
        )?;
        sms_message_id = Some(sms.id);
        db_run!(conn: { diesel::update(sl::table.find(id)).set(sl::sms_message_id.eq(Some(sms.id))).execute(conn)? });
    }
    audit::record(
        conn,
        actor,
        audit::AuditAction::SurveyLink,
        Some(patient.id),
        Some(&format!("survey_link:{id}")),
        Some(&version.name),
    )?;
    Ok(SurveyLink { id, token, url, expires_at: to_utc(expires_at), sms_message_id })
}

/// Checks the signature, the expiry and that the link is unused. A bad
/// signature answers 404; an expired or used link 410.
pub fn open(conn: &mut DbConnection, token: &str) -> ApiResult<OpenLink> {
    let bad = || ApiError::not_found("survey link");
    let parts: Vec<&str> = token.split('.').collect();
    let [h, l, e, sig] = parts[..] else { return Err(bad()) };
    let (Ok(hospital_id), Ok(link_id), Ok(expires)) = (h.parse::<i64>(), l.parse::<i64>(), e.parse::<i64>()) else {
        return Err(bad());
    };
    let exists: i64 = db_run!(conn: { survey_link_keys::table.find(hospital_id).count().get_result(conn)? });
    if exists == 0 {
        return Err(bad());
    }
    let key = hospital_key(conn, hospital_id)?;
    // The payload as signed (a token that spells its numbers differently
    // fails), and the signature compared in constant time.
    let payload = payload(hospital_id, link_id, expires);
    let signature = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(sig).map_err(|_| bad())?;
    if format!("{h}.{l}.{e}") != payload
        || signature.len() != SIGNATURE_BYTES
        || mac(&key, &payload).verify_truncated_left(&signature).is_err()
    {
        return Err(bad());
    }
    type Row = (i64, i64, i64, Option<i64>, Option<i64>, NaiveDateTime, Option<NaiveDateTime>);
    let row: Option<Row> = db_run!(conn: {
        sl::table
            .filter(sl::id.eq(link_id))
            .filter(sl::hospital_id.eq(hospital_id))
            .select((sl::id, sl::version_id, sl::patient_id, sl::department_id, sl::followup_task_id, sl::expires_at, sl::used_at))
            .first(conn)
            .optional()?
    });
    let (id, version_id, patient_id, department_id, followup_task_id, expires_at, used_at) = row.ok_or_else(bad)?;
    if used_at.is_some() {
        return Err(gone("link_used", "this survey has already been answered; thank you"));
    }
    if expires_at <= now() {
        return Err(gone("link_expired", "this survey link has expired"));
    }
    Ok(OpenLink { id, hospital_id, version_id, patient_id, department_id, followup_task_id })
}

/// Marks the link used; false when another request used it first. Run in
/// the transaction that stores the response.
pub fn mark_used(conn: &mut DbConnection, link_id: i64) -> ApiResult<bool> {
    let t = now();
    let n = db_run!(conn: {
        diesel::update(sl::table.filter(sl::id.eq(link_id)).filter(sl::used_at.is_null())).set(sl::used_at.eq(Some(t))).execute(conn)?
    });
    Ok(n == 1)
}

/// Test helper and admin tool: move a link's expiry (e.g. into the past).
pub fn set_expiry(conn: &mut DbConnection, link_id: i64, at: NaiveDateTime) -> ApiResult<()> {
    db_run!(conn: { diesel::update(sl::table.find(link_id)).set(sl::expires_at.eq(at)).execute(conn)? });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mac_matches_rfc_4231_case_2() {
        let mac = mac(b"Jefe", "what do ya want for nothing?").finalize().into_bytes();
        assert_eq!(hex::encode(mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    #[test]
    fn tokens_carry_a_truncated_signature_of_their_payload() {
        let token = sign(b"key", 1, 2, 3);
        let (payload, signature) = token.rsplit_once('.').unwrap();
        assert_eq!(payload, "1.2.3");
        assert_eq!(signature.len(), 24, "18 bytes in unpadded base64");
        assert_ne!(sign(b"other key", 1, 2, 3), token);
    }
}
