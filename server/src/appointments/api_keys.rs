//! The public booking API's keys (stored hashed, with their channel and rate)
//! and the identification of the patients who book through it.

use axum::http::StatusCode;
use diesel::prelude::*;
use hcrm_shared::api::NewPatient;
use hcrm_shared::validation::{normalize_phone, parse_resident_id};
use sha2::{Digest, Sha256};

use super::model::{ApiKeyInfo, KeyRow, NewApiKey, PublicHoldRequest, UpdateApiKey};
use crate::audit::Actor;
use crate::db::schema::{appt_api_keys, patient_phones, patients};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};

pub fn hash_key(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

pub fn list_keys(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<Vec<ApiKeyInfo>> {
    let rows: Vec<KeyRow> = db_run!(conn: {
        appt_api_keys::table.filter(appt_api_keys::hospital_id.eq(hospital_id)).order(appt_api_keys::id).select(KeyRow::as_select()).load(conn)?
    });
    Ok(rows.iter().map(|r| r.dto(None)).collect())
}

pub fn create_key(conn: &mut DbConnection, hospital_id: i64, user_id: i64, new: &NewApiKey) -> ApiResult<ApiKeyInfo> {
    if new.name.trim().is_empty() {
        return Err(ApiError::invalid("name", "name the key (who uses it)"));
    }
    if !new.channel.is_self_service() {
        return Err(ApiError::invalid("channel", "use web, wechat or partner"));
    }
    let per_minute = new.per_minute.unwrap_or(600);
    if !(1..=1_000_000).contains(&per_minute) {
        return Err(ApiError::invalid("per_minute", "use 1 to 1000000"));
    }
    let key = format!("hcrm_{}", hex::encode(rand::random::<[u8; 24]>()));
    let row: KeyRow = db_run!(conn: {
        diesel::insert_into(appt_api_keys::table)
            .values((
                appt_api_keys::hospital_id.eq(hospital_id),
                appt_api_keys::name.eq(new.name.trim()),
                appt_api_keys::channel.eq(new.channel),
                appt_api_keys::key_hash.eq(hash_key(&key)),
                appt_api_keys::key_prefix.eq(&key[..12]),
                appt_api_keys::per_minute.eq(per_minute),
                appt_api_keys::active.eq(true),
                appt_api_keys::created_by.eq(Some(user_id)),
                appt_api_keys::created_at.eq(now()),
            ))
            .returning(KeyRow::as_returning())
            .get_result(conn)?
    });
    Ok(row.dto(Some(key)))
}

pub fn update_key(conn: &mut DbConnection, hospital_id: i64, id: i64, u: &UpdateApiKey) -> ApiResult<ApiKeyInfo> {
    if let Some(p) = u.per_minute {
        if !(1..=1_000_000).contains(&p) {
            return Err(ApiError::invalid("per_minute", "use 1 to 1000000"));
        }
    }
    let row: Option<KeyRow> = db_run!(conn: {
        let target = appt_api_keys::table.filter(appt_api_keys::id.eq(id)).filter(appt_api_keys::hospital_id.eq(hospital_id));
        if let Some(a) = u.active {
            diesel::update(target).set(appt_api_keys::active.eq(a)).execute(conn)?;
        }
        if let Some(p) = u.per_minute {
            diesel::update(target).set(appt_api_keys::per_minute.eq(p)).execute(conn)?;
        }
        target.select(KeyRow::as_select()).first(conn).optional()?
    });
    row.map(|r| r.dto(None)).ok_or_else(|| ApiError::not_found("API key"))
}

/// The key with this hash, active or not.
pub fn find(conn: &mut DbConnection, hash: &str) -> ApiResult<Option<KeyRow>> {
    db_run!(conn: {
        Ok(appt_api_keys::table.filter(appt_api_keys::key_hash.eq(hash)).select(KeyRow::as_select()).first(conn).optional()?)
    })
}

/// Finds the patient by resident ID and checks name and phone, or registers
/// a new patient.
pub fn identify(conn: &mut DbConnection, h: i64, actor: &Actor, req: &PublicHoldRequest) -> ApiResult<i64> {
    let id = parse_resident_id(&req.id_card).map_err(|e| ApiError::invalid("id_card", e.to_string()))?;
    let phone = normalize_phone(&req.phone).map_err(|e| ApiError::invalid("phone", e.to_string()))?;
    let name = req.name.trim();
    if name.is_empty() {
        return Err(ApiError::invalid("name", "give the patient's name"));
    }
    let found: Option<(i64, String)> = db_run!(conn: {
        patients::table.filter(patients::hospital_id.eq(h)).filter(patients::id_card.eq(&id.number)).select((patients::id, patients::name)).first(conn).optional()?
    });
    match found {
        Some((pid, known)) => {
            let phones: Vec<String> = db_run!(conn: {
                patient_phones::table.filter(patient_phones::patient_id.eq(pid)).select(patient_phones::number).load(conn)?
            });
            if known != name || !phones.contains(&phone) {
                return Err(ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "identity_mismatch",
                    "name, resident ID and phone do not match the hospital's records",
                )
                .with_field("id_card"));
            }
            Ok(pid)
        }
        None => {
            let new = NewPatient {
                mrn: format!("NET-{}", id.number),
                name: name.to_string(),
                sex: None,
                birth_date: None,
                id_card: Some(id.number.clone()),
                phones: vec![phone],
                tags: vec![],
                address: None,
            };
            Ok(crate::patients::service::create(conn, h, actor, &new)?.summary.id)
        }
    }
}
