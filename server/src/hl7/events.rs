//! What each ADT event does to the archive. Runs inside the transaction
//! that also writes the inbox row; any error rolls everything back and the
//! message is answered AE with the segment-field at fault.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use hcrm_shared::api::{Diagnosis, Sex, VisitKind};
use hcrm_shared::validation::{normalize_phone, parse_resident_id, to_half_width};

use super::archive::{self, PatientData, VisitData};
use super::parse::{parse_date, parse_ts, Hl7Error, Message};
use crate::audit::{self, Actor};
use crate::db::schema::{
    contacts, departments, exam_results, followup_tasks, patient_phones, patients, sms_messages, visits,
};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::ApiError;
use crate::followup::{cancel_open_tasks, CancelScope};

pub const EVENTS: &[&str] = &["A01", "A02", "A03", "A04", "A08", "A11", "A13", "A40"];

pub struct Ctx<'a> {
    pub msg: &'a Message,
    pub hospital_id: i64,
    pub offset_minutes: i32,
    pub actor: &'a Actor,
    /// "hl7:<control id>", the audit target.
    pub target: String,
}

/// What a processed message touched, for the inbox row.
#[derive(Debug, Default, Clone)]
pub struct Applied {
    pub mrn: Option<String>,
    pub patient_id: Option<i64>,
}

pub enum Fail {
    Hl7(Hl7Error),
    Api(ApiError),
}

impl From<ApiError> for Fail {
    fn from(e: ApiError) -> Fail {
        Fail::Api(e)
    }
}
impl From<Hl7Error> for Fail {
    fn from(e: Hl7Error) -> Fail {
        Fail::Hl7(e)
    }
}
impl From<diesel::result::Error> for Fail {
    fn from(e: diesel::result::Error) -> Fail {
        Fail::Api(e.into())
    }
}

type R<T> = Result<T, Fail>;

/// Maps a validation error of the archive writers to the HL7 field.
fn at(e: ApiError, seg: &str, field: usize) -> Fail {
    // Validation errors name a field; a database conflict (a concurrent
    // writer) does not, and is retried by the caller.
    if e.status.is_client_error() && e.field.is_some() {
        Fail::Hl7(Hl7Error::field(seg, field, 102, e.detail))
    } else {
        Fail::Api(e)
    }
}

pub fn apply(ctx: &Ctx<'_>, conn: &mut DbConnection, event: &str) -> R<Applied> {
    let pid = read_pid(ctx)?;
    let mut applied = Applied { mrn: Some(pid.mrn.clone()), patient_id: None };
    match event {
        "A01" | "A04" => {
            let (p, new_patient) = upsert_patient_created(ctx, conn, &pid)?;
            applied.patient_id = Some(p);
            let kind = if event == "A01" { VisitKind::Inpatient } else { VisitKind::Outpatient };
            let v = read_visit(ctx, conn, kind)?;
            let up = archive::upsert_visit(conn, ctx.hospital_id, p, ctx.actor, &v, &ctx.target)
                .map_err(|e| at(e, "PV1", 19))?;
            if up.created && event == "A01" && !new_patient {
                // A new admission: the discharge follow-up of an earlier stay
                // is pointless now (a patient created just now has none).
                cancel_open_tasks(
                    conn,
                    CancelScope::PatientKinds(p, &[hcrm_shared::followup::TaskKind::Discharge]),
                    "readmitted",
                )?;
            }
        }
        "A02" | "A03" => {
            let p = upsert_patient(ctx, conn, &pid)?;
            applied.patient_id = Some(p);
            let mut v = read_visit(ctx, conn, VisitKind::Inpatient)?;
            if event == "A03" {
                let pv1 = ctx.msg.segment("PV1");
                let raw = pv1.map(|s| ctx.msg.get(s, 45, 1)).unwrap_or_default();
                let (raw, seg, field) =
                    if raw.is_empty() { (ctx.msg.value("EVN", 6, 1), "EVN", 6) } else { (raw, "PV1", 45) };
                let (raw, seg, field) =
                    if raw.is_empty() { (ctx.msg.value("EVN", 2, 1), "EVN", 2) } else { (raw, seg, field) };
                if raw.is_empty() {
                    return Err(Hl7Error::field("PV1", 45, 101, "the discharge date/time is required").into());
                }
                v.discharged_at = Some(
                    parse_ts(&raw, ctx.offset_minutes)
                        .ok_or_else(|| Hl7Error::field(seg, field, 102, format!("not a date/time: {raw:?}")))?,
                );
            } else if archive::find_visit(conn, ctx.hospital_id, &v.visit_no)?.is_none() {
                return Err(Hl7Error::field(
                    "PV1",
                    19,
                    204,
                    format!("visit {} is not known; a transfer needs an admission first", v.visit_no),
                )
                .into());
            }
            archive::upsert_visit(conn, ctx.hospital_id, p, ctx.actor, &v, &ctx.target)
                .map_err(|e| at(e, "PV1", 19))?;
        }
        "A08" => {
            let p = upsert_patient(ctx, conn, &pid)?;
            applied.patient_id = Some(p);
            // A visit update rides along when the visit is known.
            let visit_no = ctx.msg.value("PV1", 19, 1);
            if !visit_no.is_empty() && archive::find_visit(conn, ctx.hospital_id, &visit_no)?.is_some() {
                let kind = if ctx.msg.value("PV1", 2, 1) == "I" { VisitKind::Inpatient } else { VisitKind::Outpatient };
                let v = read_visit(ctx, conn, kind)?;
                archive::upsert_visit(conn, ctx.hospital_id, p, ctx.actor, &v, &ctx.target)
                    .map_err(|e| at(e, "PV1", 19))?;
            }
        }
        "A11" | "A13" => {
            let visit_no = required(ctx, "PV1", 19, "the visit number")?;
            let (visit_id, owner, _) = archive::find_visit(conn, ctx.hospital_id, &visit_no)?
                .ok_or_else(|| Hl7Error::field("PV1", 19, 204, format!("visit {visit_no} is not known")))?;
            applied.patient_id = Some(owner);
            let t = now();
            if event == "A11" {
                db_run!(conn: {
                    diesel::update(visits::table.filter(visits::id.eq(visit_id)))
                        .set((visits::cancelled_at.eq(Some(t)), visits::cancel_reason.eq(Some("admission cancelled (A11)"))))
                        .execute(conn)?;
                });
                cancel_open_tasks(conn, CancelScope::Visit(visit_id), "admission cancelled (A11)")?;
                audit::record(
                    conn,
                    ctx.actor,
                    audit::AuditAction::PatientVisitCancel,
                    Some(owner),
                    Some(&format!("visit:{visit_id} {}", ctx.target)),
                    None,
                )?;
            } else {
                db_run!(conn: {
                    diesel::update(visits::table.filter(visits::id.eq(visit_id))).set(visits::discharged_at.eq(None::<NaiveDateTime>)).execute(conn)?;
                });
                cancel_open_tasks(conn, CancelScope::Visit(visit_id), "discharge cancelled (A13)")?;
                audit::record(
                    conn,
                    ctx.actor,
                    audit::AuditAction::PatientVisitUpdate,
                    Some(owner),
                    Some(&format!("visit:{visit_id} {}", ctx.target)),
                    Some("discharge cancelled"),
                )?;
            }
            if pid.deceased {
                upsert_patient(ctx, conn, &pid)?;
            }
        }
        "A40" => {
            let survivor = upsert_patient(ctx, conn, &pid)?;
            applied.patient_id = Some(survivor);
            let mrg =
                ctx.msg.segment("MRG").ok_or_else(|| Hl7Error::field("MRG", 0, 100, "A40 needs an MRG segment"))?;
            let prior = to_half_width(&ctx.msg.get(mrg, 1, 1)).trim().to_ascii_uppercase();
            if prior.is_empty() {
                return Err(Hl7Error::field("MRG", 1, 101, "the prior patient identifier is required").into());
            }
            merge(ctx, conn, &prior, survivor)?;
        }
        other => return Err(Hl7Error::reject("MSH", 9, 201, format!("event {other} is not supported")).into()),
    }
    Ok(applied)
}

fn required(ctx: &Ctx<'_>, seg: &str, field: usize, what: &str) -> R<String> {
    if ctx.msg.segment(seg).is_none() {
        return Err(Hl7Error::field(seg, 0, 100, format!("the {seg} segment is missing")).into());
    }
    let v = ctx.msg.value(seg, field, 1);
    if v.is_empty() {
        return Err(Hl7Error::field(seg, field, 101, format!("{what} is required")).into());
    }
    Ok(v)
}

fn read_pid(ctx: &Ctx<'_>) -> R<PatientData> {
    let m = ctx.msg;
    let pid = m.segment("PID").ok_or_else(|| Hl7Error::field("PID", 0, 100, "the PID segment is missing"))?;
    let ids = m.repetitions(pid, 3);
    let id_of = |types: &[&str]| {
        ids.iter()
            .find(|r| r.get(4).is_some_and(|t| types.contains(&t.trim())))
            .and_then(|r| r.first())
            .map(|s| s.trim().to_string())
    };
    let mrn = id_of(&["MR", "PI", "PT"])
        .or_else(|| ids.iter().find(|r| r.get(4).is_none_or(|t| t.trim().is_empty())).and_then(|r| r.first().cloned()))
        .unwrap_or_default();
    let mrn = if mrn.is_empty() { m.get(pid, 2, 1) } else { mrn };
    let mrn = to_half_width(mrn.trim()).to_ascii_uppercase();
    if mrn.is_empty() {
        return Err(Hl7Error::field("PID", 3, 101, "the patient identifier (MRN) is required").into());
    }
    if mrn.len() > 32 || !mrn.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(Hl7Error::field("PID", 3, 102, "the MRN must be 1 to 32 letters, digits or '-'").into());
    }
    let (card_raw, card_field) = match id_of(&["NNCHN", "ID", "SFZ", "CZ", "NI"]) {
        Some(c) => (c, 3),
        None => (m.get(pid, 19, 1), 19),
    };
    let id = if card_raw.is_empty() {
        None
    } else {
        Some(
            parse_resident_id(&card_raw)
                .map_err(|e| Hl7Error::field("PID", card_field, 102, format!("not a valid resident ID: {e}")))?,
        )
    };
    let family = m.get(pid, 5, 1);
    let given = m.get(pid, 5, 2);
    let name = if family.chars().chain(given.chars()).any(|c| !c.is_ascii()) || given.is_empty() {
        format!("{family}{given}")
    } else {
        format!("{family} {given}")
    };
    let name = name.trim().to_string();
    if name.chars().count() > 64 {
        return Err(Hl7Error::field("PID", 5, 102, "the name is longer than 64 characters").into());
    }
    let birth_raw = m.get(pid, 7, 1);
    let birth_date = if birth_raw.is_empty() {
        None
    } else {
        Some(
            parse_date(&birth_raw)
                .ok_or_else(|| Hl7Error::field("PID", 7, 102, format!("not a date: {birth_raw:?}")))?,
        )
    };
    let sex = match m.get(pid, 8, 1).as_str() {
        "M" => Some(Sex::Male),
        "F" => Some(Sex::Female),
        _ => None,
    };
    if let (Some(id), Some(b)) = (&id, birth_date) {
        if id.birth_date != b {
            return Err(Hl7Error::field(
                "PID",
                7,
                102,
                format!("{b} does not match the resident ID ({})", id.birth_date),
            )
            .into());
        }
    }
    let mut phones = Vec::new();
    for field in [13, 14] {
        for rep in m.repetitions(pid, field) {
            let number =
                [0usize, 11].iter().filter_map(|&i| rep.get(i)).find(|s| !s.trim().is_empty()).cloned().unwrap_or_else(
                    || {
                        format!(
                            "{}{}",
                            rep.get(5).map(String::as_str).unwrap_or(""),
                            rep.get(6).map(String::as_str).unwrap_or("")
                        )
                    },
                );
            if number.trim().is_empty() {
                continue;
            }
            let n =
                normalize_phone(&number).map_err(|e| Hl7Error::field("PID", field, 102, format!("{number:?}: {e}")))?;
            if !phones.contains(&n) {
                phones.push(n);
            }
        }
    }
    let address = m.repetitions(pid, 11).first().map(|a| {
        // Chinese order: province, city, street.
        [3usize, 2, 0, 1]
            .iter()
            .filter_map(|&i| a.get(i))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<String>()
    });
    Ok(PatientData {
        mrn,
        name: (!name.is_empty()).then_some(name),
        sex: id.as_ref().map(|i| if i.male { Sex::Male } else { Sex::Female }).or(sex),
        birth_date: id.as_ref().map(|i| i.birth_date).or(birth_date),
        id_card: id.map(|i| i.number),
        address: address.filter(|a| !a.is_empty()),
        phones,
        deceased: m.get(pid, 30, 1) == "Y",
    })
}

fn upsert_patient(ctx: &Ctx<'_>, conn: &mut DbConnection, pid: &PatientData) -> R<i64> {
    upsert_patient_created(ctx, conn, pid).map(|(id, _)| id)
}

/// The patient's id, and whether this message created the patient.
fn upsert_patient_created(ctx: &Ctx<'_>, conn: &mut DbConnection, pid: &PatientData) -> R<(i64, bool)> {
    let up = archive::upsert_patient(conn, ctx.hospital_id, ctx.actor, pid, &ctx.target).map_err(|e| {
        if e.field.as_deref() == Some("name") {
            Fail::Hl7(Hl7Error::field("PID", 5, 101, e.detail))
        } else {
            at(e, "PID", 3)
        }
    })?;
    Ok((up.id, up.created))
}

fn read_visit(ctx: &Ctx<'_>, conn: &mut DbConnection, kind: VisitKind) -> R<VisitData> {
    let m = ctx.msg;
    let visit_no = to_half_width(&required(ctx, "PV1", 19, "the visit number")?).to_ascii_uppercase();
    let pv1 = m.segment("PV1").expect("checked by required");
    // Department: PV1-3 point of care, else PV1-10 hospital service.
    let poc = m.get(pv1, 3, 1);
    let service = m.get(pv1, 10, 1);
    let code = if poc.is_empty() { service.clone() } else { poc.clone() };
    if code.is_empty() {
        return Err(Hl7Error::field("PV1", 3, 101, "the department (point of care) is required").into());
    }
    // PV1-10 is looked up only when PV1-3 is not known (one query, not two).
    let department_id = match department_by_code(conn, ctx.hospital_id, &code)? {
        None if !poc.is_empty() && !service.is_empty() => department_by_code(conn, ctx.hospital_id, &service)?,
        found => found,
    }
    .ok_or_else(|| Hl7Error::field("PV1", 3, 103, format!("department {code:?} is not known")))?;
    let room = m.get(pv1, 3, 2);
    let bed = m.get(pv1, 3, 3);
    let ward = match (room.is_empty(), bed.is_empty()) {
        (true, true) => None,
        (false, true) => Some(room),
        (true, false) => Some(bed),
        (false, false) => Some(format!("{room}-{bed}")),
    };
    let doctor = format!("{}{}", m.get(pv1, 7, 2), m.get(pv1, 7, 3));
    let admit_raw = m.get(pv1, 44, 1);
    let admitted_at = if admit_raw.is_empty() {
        parse_ts(&m.value("EVN", 2, 1), ctx.offset_minutes)
            .filter(|_| kind == VisitKind::Outpatient || ctx.msg.value("MSH", 9, 2) == "A01")
    } else {
        Some(
            parse_ts(&admit_raw, ctx.offset_minutes)
                .ok_or_else(|| Hl7Error::field("PV1", 44, 102, format!("not a date/time: {admit_raw:?}")))?,
        )
    };
    let mut diagnoses = Vec::new();
    for dg1 in m.all("DG1") {
        let code = m.get(dg1, 3, 1);
        let name = {
            let n = m.get(dg1, 3, 2);
            if n.is_empty() {
                m.get(dg1, 4, 1)
            } else {
                n
            }
        };
        if code.is_empty() && name.is_empty() {
            return Err(Hl7Error::field("DG1", 3, 101, "a DG1 segment needs a diagnosis code").into());
        }
        diagnoses.push(Diagnosis { code: code.to_ascii_uppercase(), name });
    }
    Ok(VisitData {
        visit_no,
        kind,
        department_id,
        ward,
        attending_doctor: (!doctor.trim().is_empty()).then_some(doctor),
        admitted_at,
        discharged_at: None,
        diagnoses: (!diagnoses.is_empty()).then_some(diagnoses),
    })
}

pub fn department_by_code(conn: &mut DbConnection, hospital_id: i64, code: &str) -> Result<Option<i64>, ApiError> {
    let code = to_half_width(code.trim()).to_ascii_uppercase();
    Ok(db_run!(conn: {
        departments::table
            .filter(departments::hospital_id.eq(hospital_id))
            .filter(departments::code.eq(&code))
            .select(departments::id)
            .first::<i64>(conn)
            .optional()?
    }))
}

/// A40: moves everything of the duplicate to the survivor and marks the
/// duplicate merged; a merge already done changes nothing.
fn merge(ctx: &Ctx<'_>, conn: &mut DbConnection, prior_mrn: &str, survivor: i64) -> R<()> {
    let prior: Option<(i64, Option<i64>)> = db_run!(conn: {
        patients::table
            .filter(patients::hospital_id.eq(ctx.hospital_id))
            .filter(patients::mrn.eq(prior_mrn))
            .select((patients::id, patients::merged_into_id))
            .first(conn)
            .optional()?
    });
    let (prior, merged_into) =
        prior.ok_or_else(|| Hl7Error::field("MRG", 1, 204, format!("patient {prior_mrn} is not known")))?;
    if prior == survivor || merged_into == Some(survivor) {
        return Ok(());
    }
    let t = now();
    let phones: Vec<String> = db_run!(conn: {
        patient_phones::table.filter(patient_phones::patient_id.eq(prior)).order(patient_phones::position).select(patient_phones::number).load(conn)?
    });
    db_run!(conn: {
        diesel::update(visits::table.filter(visits::patient_id.eq(prior))).set(visits::patient_id.eq(survivor)).execute(conn)?;
        diesel::update(contacts::table.filter(contacts::patient_id.eq(prior))).set(contacts::patient_id.eq(survivor)).execute(conn)?;
        diesel::update(followup_tasks::table.filter(followup_tasks::patient_id.eq(prior))).set(followup_tasks::patient_id.eq(survivor)).execute(conn)?;
        diesel::update(sms_messages::table.filter(sms_messages::patient_id.eq(prior))).set(sms_messages::patient_id.eq(survivor)).execute(conn)?;
        diesel::update(exam_results::table.filter(exam_results::patient_id.eq(prior))).set(exam_results::patient_id.eq(survivor)).execute(conn)?;
        diesel::delete(patient_phones::table.filter(patient_phones::patient_id.eq(prior))).execute(conn)?;
        diesel::update(patients::table.filter(patients::id.eq(prior)))
            .set((patients::merged_into_id.eq(Some(survivor)), patients::merged_at.eq(Some(t)), patients::updated_at.eq(t)))
            .execute(conn)?;
    });
    // The survivor keeps its numbers and gains the duplicate's.
    let data = PatientData { mrn: ctx.msg.value("PID", 3, 1), phones, ..Default::default() };
    if !data.phones.is_empty() {
        let mrn: String =
            db_run!(conn: { patients::table.filter(patients::id.eq(survivor)).select(patients::mrn).first(conn)? });
        archive::upsert_patient(conn, ctx.hospital_id, ctx.actor, &PatientData { mrn, ..data }, &ctx.target)?;
    }
    audit::record(
        conn,
        ctx.actor,
        audit::AuditAction::PatientMerge,
        Some(survivor),
        Some(&format!("patient:{prior} {}", ctx.target)),
        Some(&format!("merged {prior_mrn} into this patient")),
    )?;
    audit::record(
        conn,
        ctx.actor,
        audit::AuditAction::PatientMerge,
        Some(prior),
        Some(&format!("patient:{survivor} {}", ctx.target)),
        Some("merged into another patient"),
    )?;
    Ok(())
}
