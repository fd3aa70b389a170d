//! Touchscreen kiosks (自助评价终端): no login; the device presents a
//! token an administrator created (only its SHA-256 is stored).

use chrono::NaiveDate;
use diesel::prelude::*;
use hcrm_shared::questionnaire::api::{Kiosk, NewKiosk};
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::templates;
use crate::audit::{self, Actor};
use crate::db::schema::{departments, kiosk_devices as k};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::surveys::model::Device;

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

type Row = (i64, String, i64, Option<i64>, bool, Option<NaiveDate>);

fn dto((id, name, questionnaire_id, department_id, active, last_seen_on): Row, token: Option<String>) -> Kiosk {
    Kiosk { id, name, questionnaire_id, department_id, active, last_seen_on, token }
}

pub fn list(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<Vec<Kiosk>> {
    let rows: Vec<Row> = db_run!(conn: {
        k::table.filter(k::hospital_id.eq(hospital_id)).order(k::id)
            .select((k::id, k::name, k::questionnaire_id, k::department_id, k::active, k::last_seen_on)).load(conn)?
    });
    Ok(rows.into_iter().map(|r| dto(r, None)).collect())
}

/// Registers a device; the token is in the answer once. Run in a write transaction.
pub fn create(conn: &mut DbConnection, hospital_id: i64, actor: &Actor, new: &NewKiosk) -> ApiResult<Kiosk> {
    if new.name.trim().is_empty() || new.name.chars().count() > 100 {
        return Err(ApiError::invalid("name", "1 to 100 characters"));
    }
    templates::current(conn, hospital_id, new.questionnaire_id)?;
    if let Some(d) = new.department_id {
        let n: i64 = db_run!(conn: { departments::table.filter(departments::id.eq(d)).filter(departments::hospital_id.eq(hospital_id)).count().get_result(conn)? });
        if n == 0 {
            return Err(ApiError::invalid("department_id", "no such department"));
        }
    }
    let mut raw = [0u8; 24];
    rand::thread_rng().fill_bytes(&mut raw);
    let token = format!("k{}", hex::encode(raw));
    let t = now();
    let row: Row = db_run!(conn: {
        diesel::insert_into(k::table)
            .values((k::hospital_id.eq(hospital_id), k::name.eq(new.name.trim()), k::token_hash.eq(hash(&token)), k::questionnaire_id.eq(new.questionnaire_id),
                k::department_id.eq(new.department_id), k::active.eq(true), k::created_at.eq(t)))
            .returning((k::id, k::name, k::questionnaire_id, k::department_id, k::active, k::last_seen_on))
            .get_result(conn)?
    });
    audit::record(
        conn,
        actor,
        audit::AuditAction::KioskCreate,
        None,
        Some(&format!("kiosk:{}", row.0)),
        Some(&new.name),
    )?;
    Ok(dto(row, Some(token)))
}

pub fn authenticate(conn: &mut DbConnection, token: &str) -> ApiResult<Device> {
    let h = hash(token.trim());
    let row: Option<(i64, i64, i64, Option<i64>)> = db_run!(conn: {
        k::table.filter(k::token_hash.eq(&h)).filter(k::active.eq(true))
            .select((k::id, k::hospital_id, k::questionnaire_id, k::department_id)).first(conn).optional()?
    });
    let (id, hospital_id, questionnaire_id, department_id) =
        row.ok_or_else(|| ApiError::unauthorized("unknown or disabled kiosk device token"))?;
    Ok(Device { id, hospital_id, questionnaire_id, department_id })
}

pub fn seen(conn: &mut DbConnection, id: i64, today: NaiveDate) -> ApiResult<()> {
    db_run!(conn: { diesel::update(k::table.find(id)).set(k::last_seen_on.eq(Some(today))).execute(conn)? });
    Ok(())
}
