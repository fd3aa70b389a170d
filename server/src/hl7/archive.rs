//! Writes to the patient archive on behalf of the HIS: patients by MRN and
//! visits by visit number, created or updated, audited. Shared by the HL7
//! intake and the Excel import; callers run these inside their transaction.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use hcrm_shared::api::{Diagnosis, PatientTag, Sex, VisitKind};

use crate::audit::{self, Actor};
use crate::db::schema::{patient_phones, patients, visits};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::followup::{cancel_open_tasks, CancelScope};
use crate::patients::model::{pinyin_initials, tags_from_db, tags_to_db, NewPatientRow, NewPhoneRow};

/// What the source says about a patient; `None`/empty means "not given",
/// never "erase".
#[derive(Debug, Clone, Default)]
pub struct PatientData {
    pub mrn: String,
    pub name: Option<String>,
    pub sex: Option<Sex>,
    pub birth_date: Option<NaiveDate>,
    /// Already validated and normalised.
    pub id_card: Option<String>,
    pub address: Option<String>,
    /// Already normalised.
    pub phones: Vec<String>,
    pub deceased: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct Upserted {
    pub id: i64,
    pub created: bool,
    pub changed: bool,
}

/// The patient with this MRN, following A40 merges to the survivor.
pub fn find_patient(conn: &mut DbConnection, hospital_id: i64, mrn: &str) -> ApiResult<Option<i64>> {
    let mut found: Option<(i64, Option<i64>)> = db_run!(conn: {
        patients::table
            .filter(patients::hospital_id.eq(hospital_id))
            .filter(patients::mrn.eq(mrn))
            .select((patients::id, patients::merged_into_id))
            .first(conn)
            .optional()?
    });
    // A chain of merges is short; the bound guards against a cycle.
    for _ in 0..8 {
        match found {
            Some((_, Some(next))) => {
                found = db_run!(conn: {
                    patients::table.filter(patients::id.eq(next)).select((patients::id, patients::merged_into_id)).first(conn).optional()?
                });
            }
            _ => break,
        }
    }
    Ok(found.map(|(id, _)| id))
}

/// Creates or updates the patient; a new patient needs a name.
pub fn upsert_patient(
    conn: &mut DbConnection,
    hospital_id: i64,
    actor: &Actor,
    data: &PatientData,
    target: &str,
) -> ApiResult<Upserted> {
    let t = now();
    let existing = find_patient(conn, hospital_id, &data.mrn)?;
    let result = match existing {
        None => {
            let name = data
                .name
                .clone()
                .filter(|n| !n.trim().is_empty())
                .ok_or_else(|| ApiError::invalid("name", "a new patient needs a name"))?;
            let mut tags = Vec::new();
            if data.deceased {
                tags.push(PatientTag::Deceased);
            }
            let row = NewPatientRow {
                hospital_id,
                mrn: data.mrn.clone(),
                name_initials: pinyin_initials(&name),
                name,
                sex: data.sex.unwrap_or_default(),
                birth_date: data.birth_date,
                id_card: data.id_card.clone(),
                address: data.address.clone(),
                tags: tags_to_db(&tags),
                created_at: t,
                updated_at: t,
            };
            let id: i64 = db_run!(conn: { diesel::insert_into(patients::table).values(&row).returning(patients::id).get_result(conn)? });
            add_phones(conn, hospital_id, id, &data.phones, true)?;
            audit::record(conn, actor, audit::AuditAction::PatientCreate, Some(id), Some(target), None)?;
            Upserted { id, created: true, changed: true }
        }
        Some(id) => {
            type Current = (String, Sex, Option<NaiveDate>, Option<String>, Option<String>, String);
            let cur: Current = db_run!(conn: {
                patients::table
                    .filter(patients::id.eq(id))
                    .select((patients::name, patients::sex, patients::birth_date, patients::id_card, patients::address, patients::tags))
                    .first(conn)?
            });
            let mut changed: Vec<&str> = Vec::new();
            let name = match &data.name {
                Some(n) if !n.trim().is_empty() && *n != cur.0 => {
                    changed.push("name");
                    n.clone()
                }
                _ => cur.0.clone(),
            };
            let sex = match data.sex {
                Some(s) if s != Sex::Unknown && s != cur.1 => {
                    changed.push("sex");
                    s
                }
                _ => cur.1,
            };
            let birth = match data.birth_date {
                Some(b) if Some(b) != cur.2 => {
                    changed.push("birth_date");
                    Some(b)
                }
                _ => cur.2,
            };
            let id_card = match &data.id_card {
                Some(c) if Some(c) != cur.3.as_ref() => {
                    changed.push("id_card");
                    Some(c.clone())
                }
                _ => cur.3.clone(),
            };
            let address = match &data.address {
                Some(a) if Some(a) != cur.4.as_ref() => {
                    changed.push("address");
                    Some(a.clone())
                }
                _ => cur.4.clone(),
            };
            let mut tags = tags_from_db(&cur.5);
            if data.deceased && !tags.contains(&PatientTag::Deceased) {
                tags.push(PatientTag::Deceased);
                changed.push("tags");
            }
            if add_phones(conn, hospital_id, id, &data.phones, false)? {
                changed.push("phones");
            }
            if !changed.is_empty() {
                db_run!(conn: {
                    diesel::update(patients::table.filter(patients::id.eq(id)))
                        .set((
                            patients::name_initials.eq(pinyin_initials(&name)),
                            patients::name.eq(&name),
                            patients::sex.eq(sex),
                            patients::birth_date.eq(birth),
                            patients::id_card.eq(&id_card),
                            patients::address.eq(&address),
                            patients::tags.eq(tags_to_db(&tags)),
                            patients::updated_at.eq(t),
                        ))
                        .execute(conn)?;
                });
                audit::record(
                    conn,
                    actor,
                    audit::AuditAction::PatientUpdate,
                    Some(id),
                    Some(target),
                    Some(&changed.join(",")),
                )?;
            }
            Upserted { id, created: false, changed: !changed.is_empty() }
        }
    };
    if data.deceased {
        // A death makes every pending follow-up of the patient pointless.
        cancel_open_tasks(conn, CancelScope::Patient(result.id), "deceased")?;
    }
    Ok(result)
}

/// Appends the numbers the patient does not have yet (the HIS adds, agents'
/// numbers stay); returns whether any was added. A patient created in this
/// transaction (`new_patient`) has no numbers yet: no query for them.
fn add_phones(
    conn: &mut DbConnection,
    hospital_id: i64,
    patient_id: i64,
    phones: &[String],
    new_patient: bool,
) -> ApiResult<bool> {
    if phones.is_empty() {
        return Ok(false);
    }
    let have: Vec<(String, i32)> = if new_patient {
        Vec::new()
    } else {
        db_run!(conn: {
            patient_phones::table.filter(patient_phones::patient_id.eq(patient_id)).select((patient_phones::number, patient_phones::position)).load(conn)?
        })
    };
    let mut next = have.iter().map(|h| h.1).max().map_or(0, |m| m + 1);
    let mut rows = Vec::new();
    for p in phones {
        if have.iter().any(|h| &h.0 == p)
            || rows.iter().any(|r: &NewPhoneRow| &r.number == p)
            || have.len() + rows.len() >= 10
        {
            continue;
        }
        rows.push(NewPhoneRow { hospital_id, patient_id, number: p.clone(), position: next });
        next += 1;
    }
    if rows.is_empty() {
        return Ok(false);
    }
    db_run!(conn: { diesel::insert_into(patient_phones::table).values(&rows).execute(conn)?; });
    Ok(true)
}

/// What the source says about a visit.
#[derive(Debug, Clone)]
pub struct VisitData {
    pub visit_no: String,
    pub kind: VisitKind,
    pub department_id: i64,
    pub ward: Option<String>,
    pub attending_doctor: Option<String>,
    pub admitted_at: Option<NaiveDateTime>,
    pub discharged_at: Option<NaiveDateTime>,
    /// `None`: keep what is stored.
    pub diagnoses: Option<Vec<Diagnosis>>,
}

/// The visit with this number: (id, patient id, cancelled).
pub fn find_visit(conn: &mut DbConnection, hospital_id: i64, visit_no: &str) -> ApiResult<Option<(i64, i64, bool)>> {
    let row: Option<(i64, i64, Option<NaiveDateTime>)> = db_run!(conn: {
        visits::table
            .filter(visits::hospital_id.eq(hospital_id))
            .filter(visits::visit_no.eq(visit_no))
            .select((visits::id, visits::patient_id, visits::cancelled_at))
            .first(conn)
            .optional()?
    });
    Ok(row.map(|(id, p, c)| (id, p, c.is_some())))
}

/// Creates or updates the visit. A visit number that belongs to another
/// patient is a conflict on `visit_no`. An update clears a cancellation
/// (the HIS admitted again under the same number).
pub fn upsert_visit(
    conn: &mut DbConnection,
    hospital_id: i64,
    patient_id: i64,
    actor: &Actor,
    data: &VisitData,
    target: &str,
) -> ApiResult<Upserted> {
    let t = now();
    let diagnoses = data.diagnoses.as_ref().map(|d| serde_json::to_string(d).unwrap_or_else(|_| "[]".into()));
    match find_visit(conn, hospital_id, &data.visit_no)? {
        None => {
            let id: i64 = db_run!(conn: {
                diesel::insert_into(visits::table)
                    .values((
                        visits::hospital_id.eq(hospital_id),
                        visits::patient_id.eq(patient_id),
                        visits::visit_no.eq(&data.visit_no),
                        visits::kind.eq(data.kind),
                        visits::department_id.eq(data.department_id),
                        visits::ward.eq(&data.ward),
                        visits::attending_doctor.eq(&data.attending_doctor),
                        visits::admitted_at.eq(data.admitted_at.or(data.discharged_at).unwrap_or(t)),
                        visits::discharged_at.eq(data.discharged_at),
                        visits::diagnoses.eq(diagnoses.clone().unwrap_or_else(|| "[]".into())),
                        visits::created_at.eq(t),
                    ))
                    .returning(visits::id)
                    .get_result(conn)?
            });
            audit::record(
                conn,
                actor,
                audit::AuditAction::PatientVisitAdd,
                Some(patient_id),
                Some(&format!("visit:{id} {target}")),
                None,
            )?;
            Ok(Upserted { id, created: true, changed: true })
        }
        Some((id, owner, _)) if owner != patient_id => {
            let _ = id;
            Err(ApiError::conflict("visit_no", format!("visit {} belongs to another patient", data.visit_no)))
        }
        Some((id, _, _)) => {
            type Cur = (
                VisitKind,
                i64,
                Option<String>,
                Option<String>,
                NaiveDateTime,
                Option<NaiveDateTime>,
                String,
                Option<NaiveDateTime>,
            );
            let cur: Cur = db_run!(conn: {
                visits::table
                    .filter(visits::id.eq(id))
                    .select((visits::kind, visits::department_id, visits::ward, visits::attending_doctor, visits::admitted_at, visits::discharged_at, visits::diagnoses, visits::cancelled_at))
                    .first(conn)?
            });
            let new = (
                data.kind,
                data.department_id,
                data.ward.clone().or(cur.2.clone()),
                data.attending_doctor.clone().or(cur.3.clone()),
                data.admitted_at.unwrap_or(cur.4),
                data.discharged_at.or(cur.5),
                diagnoses.unwrap_or_else(|| cur.6.clone()),
                None::<NaiveDateTime>,
            );
            if new == cur {
                return Ok(Upserted { id, created: false, changed: false });
            }
            db_run!(conn: {
                diesel::update(visits::table.filter(visits::id.eq(id)))
                    .set((
                        visits::kind.eq(new.0),
                        visits::department_id.eq(new.1),
                        visits::ward.eq(&new.2),
                        visits::attending_doctor.eq(&new.3),
                        visits::admitted_at.eq(new.4),
                        visits::discharged_at.eq(new.5),
                        visits::diagnoses.eq(&new.6),
                        visits::cancelled_at.eq(None::<NaiveDateTime>),
                        visits::cancel_reason.eq(None::<String>),
                    ))
                    .execute(conn)?;
            });
            audit::record(
                conn,
                actor,
                audit::AuditAction::PatientVisitUpdate,
                Some(patient_id),
                Some(&format!("visit:{id} {target}")),
                None,
            )?;
            Ok(Upserted { id, created: false, changed: true })
        }
    }
}
