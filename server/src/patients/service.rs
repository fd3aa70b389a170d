use std::collections::HashMap;

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use hcrm_shared::api::*;
use hcrm_shared::validation::{normalize_phone, parse_resident_id, to_half_width};

use super::model::*;
use crate::audit::{self, Actor};
use crate::common::Scope;
use crate::db::schema::{contacts, departments, patient_phones, patients, users, visits};
use crate::db::{now, to_utc, write_transaction as transaction, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};

/// Visits and the contact log (writes).
mod encounters;
/// What is still open for a patient (the screen-pop's counts).
mod open_items;
pub use encounters::{add_contact, add_visit, log_contact};

/// Patients of the scope (ward staff and managers: those with a visit in
/// their departments), boxed for the backend in hand.
macro_rules! scoped_patients {
    ($scope:expr) => {{
        let mut q = patients::table.filter(patients::hospital_id.eq($scope.hospital_id)).into_boxed();
        if let Some(depts) = &$scope.departments {
            q = q.filter(diesel::dsl::exists(
                visits::table
                    .filter(visits::patient_id.eq(patients::id))
                    .filter(visits::department_id.eq_any(depts.clone())),
            ));
        }
        q
    }};
}

/// Loads one patient the scope may see; anything else is "not found", so a
/// caller cannot learn that a record exists outside their reach.
pub fn visible_patient(conn: &mut DbConnection, scope: &Scope, id: i64) -> ApiResult<PatientRow> {
    let row: Option<PatientRow> = db_run!(conn: {
        scoped_patients!(scope)
            .filter(patients::id.eq(id))
            .select(PatientRow::as_select())
            .first(conn)
            .optional()?
    });
    row.ok_or_else(|| ApiError::not_found("patient"))
}

/// What a search string is taken to mean.
#[derive(Debug, Default)]
struct SearchTerms {
    name_prefix: Option<String>,
    initials_prefix: Option<String>,
    exact: Option<String>,
    phone: Option<String>,
    /// Four digits: the end of a phone number, as callers give it.
    phone_tail: Option<String>,
}

fn interpret(q: &str) -> SearchTerms {
    let q = to_half_width(q).trim().to_string();
    let mut t = SearchTerms::default();
    if q.is_empty() {
        return t;
    }
    if !q.is_ascii() {
        t.name_prefix = Some(q.clone());
    }
    if q.chars().all(|c| c.is_ascii_alphabetic()) {
        t.initials_prefix = Some(q.to_ascii_lowercase());
    } else if !q.is_ascii() && q.chars().any(|c| c.is_ascii_alphabetic()) {
        // 张s: characters and initials mixed, matched on the initials.
        t.initials_prefix = Some(pinyin_initials(&q));
    }
    if q.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        t.exact = Some(q.to_ascii_uppercase());
    }
    if let Ok(p) = normalize_phone(&q) {
        t.phone = Some(p);
    }
    if q.len() == 4 && q.chars().all(|c| c.is_ascii_digit()) {
        t.phone_tail = Some(q.clone());
    }
    t
}

/// Upper bound of a prefix range: both backends compare bytes here (SQLite's
/// BINARY collation, PostgreSQL columns declared COLLATE "C"), so every
/// string starting with `prefix` sorts below `prefix` + U+10FFFF.
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

pub fn search(conn: &mut DbConnection, scope: &Scope, q: &SearchQuery) -> ApiResult<Page<PatientSummary>> {
    let (page, per_page) = crate::common::page_bounds(q.page, q.per_page);
    let terms = interpret(q.q.as_deref().unwrap_or(""));
    let is_empty = terms.name_prefix.is_none()
        && terms.initials_prefix.is_none()
        && terms.exact.is_none()
        && terms.phone.is_none()
        && terms.phone_tail.is_none();
    let (total, rows): (i64, Vec<PatientRow>) = db_run!(conn: {
        macro_rules! filtered {
            () => {{
                // Patients merged away (HL7 A40) live on in their survivor.
                let mut query = scoped_patients!(scope).filter(patients::merged_into_id.is_null());
                if !is_empty {
                    // Each alternative is indexed; the OR is planned as a union.
                    let never = patients::id.eq(-1).into_sql::<diesel::sql_types::Bool>();
                    let mut cond: Box<dyn BoxableExpression<patients::table, _, SqlType = diesel::sql_types::Bool>> = Box::new(never);
                    if let Some(n) = &terms.name_prefix {
                        cond = Box::new(cond.or(patients::name.ge(n.clone()).and(patients::name.lt(prefix_end(n)))));
                    }
                    if let Some(i) = &terms.initials_prefix {
                        cond = Box::new(cond.or(patients::name_initials.ge(i.clone()).and(patients::name_initials.lt(prefix_end(i)))));
                    }
                    if let Some(e) = &terms.exact {
                        // An MRN by its beginning; an ID card number whole.
                        let mrn = patients::mrn.ge(e.clone()).and(patients::mrn.lt(prefix_end(e)));
                        cond = Box::new(cond.or(mrn).or(patients::id_card.assume_not_null().eq(e.clone())));
                    }
                    if let Some(p) = &terms.phone {
                        cond = Box::new(cond.or(patients::id.eq_any(
                            patient_phones::table
                                .filter(patient_phones::hospital_id.eq(scope.hospital_id))
                                .filter(patient_phones::number.eq(p.clone()))
                                .select(patient_phones::patient_id),
                        )));
                    }
                    if let Some(tail) = &terms.phone_tail {
                        cond = Box::new(cond.or(patients::id.eq_any(
                            patient_phones::table
                                .filter(patient_phones::hospital_id.eq(scope.hospital_id))
                                .filter(patient_phones::number_tail.eq(tail.clone()))
                                .select(patient_phones::patient_id),
                        )));
                    }
                    query = query.filter(cond);
                }
                query
            }};
        }
        let total: i64 = filtered!().count().get_result(conn)?;
        let rows: Vec<PatientRow> = filtered!()
            .select(PatientRow::as_select())
            .order(patients::id.desc())
            .limit(per_page)
            .offset((page - 1) * per_page)
            .load(conn)?;
        (total, rows)
    });
    let items = summaries(conn, rows)?;
    Ok(Page { items, total, page, per_page })
}

/// Builds masked summaries for a page of patients with two extra queries.
pub fn summaries(conn: &mut DbConnection, rows: Vec<PatientRow>) -> ApiResult<Vec<PatientSummary>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let (phones, visit_rows): (Vec<(i64, String)>, Vec<(i64, String, NaiveDateTime)>) = db_run!(conn: {
        let phones = patient_phones::table
            .filter(patient_phones::patient_id.eq_any(&ids))
            .order((patient_phones::patient_id, patient_phones::position))
            .select((patient_phones::patient_id, patient_phones::number))
            .load(conn)?;
        let visit_rows = visits::table
            .inner_join(departments::table)
            .filter(visits::patient_id.eq_any(&ids))
            .order(visits::admitted_at.desc())
            .select((visits::patient_id, departments::name, visits::admitted_at))
            .load(conn)?;
        (phones, visit_rows)
    });
    let mut phone_map: HashMap<i64, Vec<String>> = HashMap::new();
    for (pid, n) in phones {
        phone_map.entry(pid).or_default().push(n);
    }
    let mut dept_map: HashMap<i64, (Vec<String>, Option<NaiveDateTime>)> = HashMap::new();
    for (pid, dept, at) in visit_rows {
        let entry = dept_map.entry(pid).or_default();
        if !entry.0.contains(&dept) {
            entry.0.push(dept);
        }
        entry.1 = Some(entry.1.map_or(at, |t| t.max(at)));
    }
    let today = Utc::now().date_naive();
    Ok(rows
        .into_iter()
        .map(|r| {
            let (depts, last) = dept_map.remove(&r.id).unwrap_or_default();
            PatientSummary {
                id: r.id,
                mrn: r.mrn,
                name: r.name,
                sex: r.sex,
                birth_date: r.birth_date,
                age: r.birth_date.map(|b| age_on(b, today)),
                id_card_masked: masked_id(&r.id_card),
                phones_masked: masked_phones(phone_map.get(&r.id).map(Vec::as_slice).unwrap_or(&[])),
                tags: tags_from_db(&r.tags),
                department_names: depts,
                last_visit_at: last.map(to_utc),
            }
        })
        .collect())
}

fn detail_of(conn: &mut DbConnection, row: PatientRow) -> ApiResult<PatientDetail> {
    let (address, created_at, updated_at) = (row.address.clone(), row.created_at, row.updated_at);
    let summary = summaries(conn, vec![row])?.pop().ok_or_else(|| ApiError::internal("summary lost"))?;
    Ok(PatientDetail { summary, address, created_at: to_utc(created_at), updated_at: to_utc(updated_at) })
}

pub fn visits_of(conn: &mut DbConnection, patient_id: i64, limit: Option<i64>) -> ApiResult<Vec<Visit>> {
    let rows: Vec<VisitRow> = db_run!(conn: {
        let mut q = visits::table
            .inner_join(departments::table)
            .filter(visits::patient_id.eq(patient_id))
            .order(visits::admitted_at.desc())
            .select((
                visits::id,
                visits::patient_id,
                visits::visit_no,
                visits::kind,
                visits::department_id,
                departments::name,
                visits::ward,
                visits::attending_doctor,
                visits::admitted_at,
                visits::discharged_at,
                visits::diagnoses,
            ))
            .into_boxed();
        if let Some(l) = limit {
            q = q.limit(l);
        }
        q.load(conn)?
    });
    Ok(rows.into_iter().map(visit_to_api).collect())
}

fn contacts_of(conn: &mut DbConnection, patient_id: i64) -> ApiResult<Vec<Contact>> {
    let rows: Vec<(i64, NaiveDateTime, ContactChannel, ContactDirection, String, String)> = db_run!(conn: {
        contacts::table
            .inner_join(users::table)
            .filter(contacts::patient_id.eq(patient_id))
            .order(contacts::at.desc())
            .limit(200)
            .select((contacts::id, contacts::at, contacts::channel, contacts::direction, contacts::summary, users::username))
            .load(conn)?
    });
    Ok(rows
        .into_iter()
        .map(|(id, at, channel, direction, summary, username)| Contact {
            id,
            at: to_utc(at),
            channel,
            direction,
            summary,
            username,
        })
        .collect())
}

/// The patient card: identity (masked), visits and contact log. Audited.
pub fn card(conn: &mut DbConnection, scope: &Scope, actor: &Actor, id: i64) -> ApiResult<PatientCard> {
    let row = visible_patient(conn, scope, id)?;
    let patient = detail_of(conn, row)?;
    let visits = visits_of(conn, id, None)?;
    let contacts = contacts_of(conn, id)?;
    audit::record_read(conn, actor, audit::AuditAction::PatientRead, Some(id), None)?;
    Ok(PatientCard { patient, visits, contacts })
}

/// Validated, normalised patient fields.
struct CleanPatient {
    name: String,
    sex: Sex,
    birth_date: Option<chrono::NaiveDate>,
    id_card: Option<String>,
    phones: Vec<String>,
}

fn clean_phones(phones: &[String]) -> ApiResult<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for (i, p) in phones.iter().enumerate() {
        let n = normalize_phone(p).map_err(|e| ApiError::invalid(format!("phones[{i}]"), e.to_string()))?;
        if !out.contains(&n) {
            out.push(n);
        }
    }
    if out.len() > 10 {
        return Err(ApiError::invalid("phones", "at most 10 numbers"));
    }
    Ok(out)
}

fn clean_name(name: &str) -> ApiResult<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ApiError::invalid("name", "is required"));
    }
    if name.chars().count() > 64 {
        return Err(ApiError::invalid("name", "is longer than 64 characters"));
    }
    Ok(name.to_string())
}

/// Checks the resident ID and fills sex and birth date from it; a stated
/// birth date or sex that contradicts the ID is refused rather than guessed.
fn clean_identity(
    id_card: Option<&str>,
    sex: Option<Sex>,
    birth_date: Option<chrono::NaiveDate>,
) -> ApiResult<(Option<String>, Sex, Option<chrono::NaiveDate>)> {
    let Some(raw) = id_card.filter(|s| !s.trim().is_empty()) else {
        return Ok((None, sex.unwrap_or_default(), birth_date));
    };
    let id = parse_resident_id(raw).map_err(|e| ApiError::invalid("id_card", e.to_string()))?;
    if let Some(b) = birth_date {
        if b != id.birth_date {
            return Err(ApiError::invalid(
                "birth_date",
                format!("{b} does not match the resident ID ({})", id.birth_date),
            ));
        }
    }
    let id_sex = if id.male { Sex::Male } else { Sex::Female };
    if let Some(s) = sex.filter(|s| *s != Sex::Unknown) {
        if s != id_sex {
            return Err(ApiError::invalid("sex", "does not match the resident ID"));
        }
    }
    Ok((Some(id.number), id_sex, Some(id.birth_date)))
}

fn clean_new(new: &NewPatient) -> ApiResult<(String, CleanPatient)> {
    let mrn = to_half_width(new.mrn.trim()).to_ascii_uppercase();
    if mrn.is_empty() || mrn.len() > 32 || !mrn.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(ApiError::invalid("mrn", "1 to 32 letters, digits or '-'"));
    }
    let name = clean_name(&new.name)?;
    let (id_card, sex, birth_date) = clean_identity(new.id_card.as_deref(), new.sex, new.birth_date)?;
    let phones = clean_phones(&new.phones)?;
    Ok((mrn, CleanPatient { name, sex, birth_date, id_card, phones }))
}

fn insert_phones(conn: &mut DbConnection, hospital_id: i64, patient_id: i64, phones: &[String]) -> ApiResult<()> {
    let rows: Vec<NewPhoneRow> = phones
        .iter()
        .enumerate()
        .map(|(i, n)| NewPhoneRow { hospital_id, patient_id, number: n.clone(), position: i as i32 })
        .collect();
    db_run!(conn: {
        diesel::delete(patient_phones::table.filter(patient_phones::patient_id.eq(patient_id))).execute(conn)?;
        diesel::insert_into(patient_phones::table).values(&rows).execute(conn)?;
    });
    Ok(())
}

/// Creates a patient with phones and its audit row in one transaction.
pub fn create(conn: &mut DbConnection, hospital_id: i64, actor: &Actor, new: &NewPatient) -> ApiResult<PatientDetail> {
    let (mrn, p) = clean_new(new)?;
    let t = now();
    let row = NewPatientRow {
        hospital_id,
        mrn: mrn.clone(),
        name_initials: pinyin_initials(&p.name),
        name: p.name,
        sex: p.sex,
        birth_date: p.birth_date,
        id_card: p.id_card,
        address: new.address.as_ref().map(|a| a.trim().to_string()).filter(|a| !a.is_empty()),
        tags: tags_to_db(&new.tags),
        created_at: t,
        updated_at: t,
    };
    let created: PatientRow = transaction(conn, |conn| {
        let exists: i64 = db_run!(conn: {
            patients::table.filter(patients::hospital_id.eq(hospital_id)).filter(patients::mrn.eq(&mrn)).count().get_result(conn)?
        });
        if exists > 0 {
            return Err(ApiError::conflict("mrn", format!("mrn: {mrn} already belongs to a patient")));
        }
        let created: PatientRow = db_run!(conn: {
            diesel::insert_into(patients::table).values(&row).returning(PatientRow::as_returning()).get_result(conn)?
        });
        insert_phones(conn, hospital_id, created.id, &p.phones)?;
        audit::record(conn, actor, audit::AuditAction::PatientCreate, Some(created.id), None, None)?;
        Ok(created)
    })?;
    detail_of(conn, created)
}

pub fn update(
    conn: &mut DbConnection,
    scope: &Scope,
    actor: &Actor,
    id: i64,
    change: &UpdatePatient,
) -> ApiResult<PatientDetail> {
    let current = visible_patient(conn, scope, id)?;
    let name = change.name.as_deref().map(clean_name).transpose()?;
    let id_card_in = change.id_card.as_deref().or(current.id_card.as_deref());
    let sex_in = change.sex.or(Some(current.sex));
    let birth_in = change.birth_date.or(current.birth_date);
    // Re-derive identity only when something about it changes.
    let identity = if change.id_card.is_some() || change.sex.is_some() || change.birth_date.is_some() {
        Some(clean_identity(
            id_card_in,
            if change.id_card.is_some() && change.sex.is_none() { None } else { sex_in },
            if change.id_card.is_some() && change.birth_date.is_none() { None } else { birth_in },
        )?)
    } else {
        None
    };
    let phones = change.phones.as_deref().map(clean_phones).transpose()?;
    let mut changed: Vec<&str> = Vec::new();
    transaction(conn, |conn| {
        let t = now();
        db_run!(conn: {
            let target = patients::table.find(id);
            if let Some(n) = &name {
                diesel::update(target).set((patients::name.eq(n), patients::name_initials.eq(pinyin_initials(n)))).execute(conn)?;
                changed.push("name");
            }
            if let Some((id_card, sex, birth)) = &identity {
                diesel::update(target)
                    .set((patients::id_card.eq(id_card), patients::sex.eq(sex), patients::birth_date.eq(birth)))
                    .execute(conn)?;
                changed.push("identity");
            }
            if let Some(tags) = &change.tags {
                diesel::update(target).set(patients::tags.eq(tags_to_db(tags))).execute(conn)?;
                changed.push("tags");
            }
            if let Some(addr) = &change.address {
                let a = Some(addr.trim().to_string()).filter(|a| !a.is_empty());
                diesel::update(target).set(patients::address.eq(a)).execute(conn)?;
                changed.push("address");
            }
            diesel::update(target).set(patients::updated_at.eq(t)).execute(conn)?;
        });
        if let Some(p) = &phones {
            insert_phones(conn, scope.hospital_id, id, p)?;
            changed.push("phones");
        }
        audit::record(conn, actor, audit::AuditAction::PatientUpdate, Some(id), None, Some(&changed.join(",")))
    })?;
    let row = visible_patient(conn, scope, id)?;
    detail_of(conn, row)
}

/// The unmasked phone numbers or ID of one patient; every use is audited.
pub fn reveal(
    conn: &mut DbConnection,
    scope: &Scope,
    actor: &Actor,
    id: i64,
    field: RevealField,
) -> ApiResult<RevealResponse> {
    let row = visible_patient(conn, scope, id)?;
    let values = match field {
        RevealField::IdCard => row.id_card.into_iter().collect(),
        RevealField::Phone => db_run!(conn: {
            patient_phones::table
                .filter(patient_phones::patient_id.eq(id))
                .order(patient_phones::position)
                .select(patient_phones::number)
                .load::<String>(conn)?
        }),
    };
    audit::record_read(conn, actor, audit::AuditAction::PatientReveal, Some(id), Some(field.as_str()))?;
    Ok(RevealResponse { values })
}

/// The caller's patients with recent visits, for the card that pops up
/// before the agent answers. Every match is audited.
pub fn screen_pop(conn: &mut DbConnection, scope: &Scope, actor: &Actor, number: &str) -> ApiResult<ScreenPopResponse> {
    let number = normalize_phone(number).map_err(|e| ApiError::invalid("number", e.to_string()))?;
    let rows: Vec<PatientRow> = db_run!(conn: {
        scoped_patients!(scope)
            .filter(patients::id.eq_any(
                patient_phones::table
                    .filter(patient_phones::hospital_id.eq(scope.hospital_id))
                    .filter(patient_phones::number.eq(&number))
                    .select(patient_phones::patient_id),
            ))
            .order(patients::id.desc())
            .limit(10)
            .select(PatientRow::as_select())
            .load(conn)?
    });
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let summaries = summaries(conn, rows)?;
    let mut matches = Vec::with_capacity(summaries.len());
    for (patient, id) in summaries.into_iter().zip(ids) {
        let recent_visits = visits_of(conn, id, Some(3))?;
        audit::record_read(conn, actor, audit::AuditAction::PatientScreenPop, Some(id), Some(&number))?;
        let open_items = open_items::open_items(conn, scope.hospital_id, id)?;
        matches.push(ScreenPopMatch { patient, recent_visits, open_items });
    }
    Ok(ScreenPopResponse { number, matches })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_terms() {
        let t = interpret("张");
        assert_eq!(t.name_prefix.as_deref(), Some("张"));
        assert!(t.phone.is_none());
        assert_eq!(interpret("张s").initials_prefix.as_deref(), Some("zs"));
        assert_eq!(interpret("5678").phone_tail.as_deref(), Some("5678"));
        assert_eq!(interpret("15678").phone_tail, None);
        let t = interpret("zs");
        assert_eq!(t.initials_prefix.as_deref(), Some("zs"));
        let t = interpret("１３８１２３４５６７８");
        assert_eq!(t.phone.as_deref(), Some("13812345678"));
        assert_eq!(t.exact.as_deref(), Some("13812345678"));
        let t = interpret("11010519491231002x");
        assert_eq!(t.exact.as_deref(), Some("11010519491231002X"));
    }
}
