//! Recording visits and contact-log entries of a patient.

use diesel::prelude::*;
use hcrm_shared::api::{Contact, NewContact, NewVisit, Visit};

use super::{visible_patient, visits_of};
use crate::audit::{self, Actor};
use crate::auth::AuthUser;
use crate::common::Scope;
use crate::db::schema::{contacts, visits};
use crate::db::{now, to_utc, write_transaction as transaction, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::patients::model::{NewContactRow, NewVisitRow};

fn clean_optional(v: &Option<String>, field: &str, max: usize) -> ApiResult<Option<String>> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) if s.chars().count() > max => Err(ApiError::invalid(field, format!("is longer than {max} characters"))),
        other => Ok(other.map(str::to_string)),
    }
}

pub fn add_visit(
    conn: &mut DbConnection,
    scope: &Scope,
    actor: &Actor,
    patient_id: i64,
    new: &NewVisit,
) -> ApiResult<Visit> {
    visible_patient(conn, scope, patient_id)?;
    if let Some(depts) = &scope.departments {
        if !depts.contains(&new.department_id) {
            return Err(ApiError::forbidden("department_id: you may only record visits in your own department")
                .with_field("department_id"));
        }
    }
    crate::organisation::service::departments::get(conn, scope.hospital_id, new.department_id).map_err(|_| {
        ApiError::invalid("department_id", format!("department {} does not exist in this hospital", new.department_id))
    })?;
    let visit_no = new.visit_no.trim().to_string();
    if visit_no.is_empty() || visit_no.len() > 32 {
        return Err(ApiError::invalid("visit_no", "1 to 32 characters"));
    }
    if let Some(d) = new.discharged_at {
        if d < new.admitted_at {
            return Err(ApiError::invalid("discharged_at", "is before admitted_at"));
        }
    }
    for (i, d) in new.diagnoses.iter().enumerate() {
        if d.code.trim().is_empty() || d.code.len() > 16 {
            return Err(ApiError::invalid(format!("diagnoses[{i}].code"), "an ICD-10 code of 1 to 16 characters"));
        }
    }
    let row = NewVisitRow {
        hospital_id: scope.hospital_id,
        patient_id,
        visit_no: visit_no.clone(),
        kind: new.kind,
        department_id: new.department_id,
        ward: clean_optional(&new.ward, "ward", 64)?,
        attending_doctor: clean_optional(&new.attending_doctor, "attending_doctor", 64)?,
        admitted_at: new.admitted_at.naive_utc(),
        discharged_at: new.discharged_at.map(|d| d.naive_utc()),
        diagnoses: serde_json::to_string(&new.diagnoses).unwrap_or_else(|_| "[]".into()),
        created_at: now(),
    };
    let id = transaction(conn, |conn| {
        let id: i64 = db_run!(conn: {
            let taken: i64 = visits::table
                .filter(visits::hospital_id.eq(scope.hospital_id))
                .filter(visits::visit_no.eq(&visit_no))
                .count()
                .get_result(conn)?;
            if taken > 0 {
                return Err(ApiError::conflict("visit_no", format!("visit_no: {visit_no} is already recorded")));
            }
            diesel::insert_into(visits::table).values(&row).returning(visits::id).get_result(conn)?
        });
        audit::record(
            conn,
            actor,
            audit::AuditAction::PatientVisitAdd,
            Some(patient_id),
            Some(&format!("visit:{id}")),
            None,
        )?;
        Ok(id)
    })?;
    visits_of(conn, patient_id, None)?
        .into_iter()
        .find(|v| v.id == id)
        .ok_or_else(|| ApiError::internal("visit vanished"))
}

pub fn add_contact(
    conn: &mut DbConnection,
    scope: &Scope,
    auth: &AuthUser,
    patient_id: i64,
    new: &NewContact,
) -> ApiResult<Contact> {
    visible_patient(conn, scope, patient_id)?;
    let summary = new.summary.trim();
    if summary.is_empty() || summary.chars().count() > 2000 {
        return Err(ApiError::invalid("summary", "1 to 2000 characters"));
    }
    let t = now();
    let id = transaction(conn, |conn| {
        let entry = NewContactRow {
            hospital_id: scope.hospital_id,
            patient_id,
            user_id: auth.user_id,
            at: t,
            channel: new.channel,
            direction: new.direction,
            summary,
        };
        let id = log_contact(conn, &entry)?;
        audit::record(
            conn,
            &auth.actor(),
            audit::AuditAction::PatientContactAdd,
            Some(patient_id),
            Some(&format!("contact:{id}")),
            None,
        )?;
        Ok(id)
    })?;
    Ok(Contact {
        id,
        at: to_utc(t),
        channel: new.channel,
        direction: new.direction,
        summary: summary.to_string(),
        username: auth.username.clone(),
    })
}

/// Appends an entry to a patient's contact log; returns its id.
pub fn log_contact(conn: &mut DbConnection, entry: &NewContactRow) -> ApiResult<i64> {
    Ok(db_run!(conn: {
        diesel::insert_into(contacts::table).values(entry).returning(contacts::id).get_result(conn)?
    }))
}
