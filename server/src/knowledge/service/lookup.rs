//! Lookup data for the agent's inquiry screen: drugs, the department phone
//! directory, special clinics, lab and exam items, the staff address book
//! (restricted), and in-hospital patients and surgery schedules imported
//! from the HIS by Excel (patient data: department-scoped and audited).

use std::io::Cursor;

use chrono::NaiveDate;
use diesel::prelude::*;
use hcrm_shared::knowledge::LookupKind;

use crate::audit::{self, Actor};
use crate::auth::AuthUser;
use crate::db::schema::{departments, his_inpatients, his_surgeries, lookup_items};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::knowledge::model::{ImportRequest, ImportResult, Inpatient, LookupItem, PatientLookupQuery, Surgery};
use crate::patients::model::pinyin_initials;

/// Name substring or pinyin-initials prefix; `staff` only when allowed.
pub fn find_items(
    conn: &mut DbConnection,
    hospital_id: i64,
    kind: Option<LookupKind>,
    q: &str,
    staff_allowed: bool,
    limit: i64,
) -> ApiResult<Vec<LookupItem>> {
    let q = hcrm_shared::validation::to_half_width(q).trim().to_string();
    let ascii = !q.is_empty() && q.chars().all(|c| c.is_ascii_alphabetic());
    db_run!(conn: {
        let mut f = lookup_items::table.filter(lookup_items::hospital_id.eq(hospital_id)).into_boxed();
        if let Some(k) = kind {
            f = f.filter(lookup_items::kind.eq(k));
        }
        if !staff_allowed {
            f = f.filter(lookup_items::kind.ne(LookupKind::Staff));
        }
        if !q.is_empty() {
            let like = format!("%{}%", q.replace(['%', '_'], ""));
            if ascii {
                f = f.filter(lookup_items::name.like(like).or(lookup_items::name_initials.like(format!("{}%", q.to_ascii_lowercase()))));
            } else {
                f = f.filter(lookup_items::name.like(like.clone()).or(lookup_items::info.like(like)));
            }
        }
        Ok(f.order((lookup_items::kind, lookup_items::name)).limit(limit).select(LookupItem::as_select()).load(conn)?)
    })
}

/// Adds or replaces (by kind and name) one item.
pub fn upsert_item(
    conn: &mut DbConnection,
    hospital_id: i64,
    actor: &Actor,
    item: &LookupItem,
) -> ApiResult<LookupItem> {
    if item.name.trim().is_empty() {
        return Err(ApiError::invalid("name", "give a name"));
    }
    let name = item.name.trim();
    let values = (
        lookup_items::hospital_id.eq(hospital_id),
        lookup_items::kind.eq(item.kind),
        lookup_items::name.eq(name),
        lookup_items::name_initials.eq(pinyin_initials(name)),
        lookup_items::department.eq(&item.department),
        lookup_items::phone.eq(&item.phone),
        lookup_items::location.eq(&item.location),
        lookup_items::price.eq(&item.price),
        lookup_items::info.eq(&item.info),
        lookup_items::schedule.eq(&item.schedule),
        lookup_items::turnaround.eq(&item.turnaround),
    );
    let row: LookupItem = db_run!(conn: {
        diesel::delete(lookup_items::table.filter(lookup_items::hospital_id.eq(hospital_id)).filter(lookup_items::kind.eq(item.kind)).filter(lookup_items::name.eq(name))).execute(conn)?;
        diesel::insert_into(lookup_items::table).values(values).returning(LookupItem::as_returning()).get_result(conn)?
    });
    audit::record(conn, actor, audit::AuditAction::LookupUpsert, None, Some(&format!("{}:{}", item.kind, name)), None)?;
    Ok(row)
}

/// The expert clinic timetable comes from the appointment schedules: the
/// expert sessions of the next two weeks from the hospital's local `today`
/// (not the UTC date: before 08:00 in UTC+8 that is still yesterday), with
/// the places still free.
pub fn expert_timetable(
    conn: &mut DbConnection,
    hospital_id: i64,
    today: chrono::NaiveDate,
) -> ApiResult<Vec<serde_json::Value>> {
    let from = today;
    let entries =
        crate::appointments::service::expert_timetable(conn, hospital_id, from, from + chrono::Duration::days(14))?;
    Ok(entries.into_iter().filter_map(|e| serde_json::to_value(e).ok()).collect())
}

/// The staff address book by name; every search is audited.
pub fn staff_directory(conn: &mut DbConnection, caller: &AuthUser, q: Option<&str>) -> ApiResult<Vec<LookupItem>> {
    let found = find_items(conn, caller.hospital_id, Some(LookupKind::Staff), q.unwrap_or(""), true, 500)?;
    audit::record_read(conn, &caller.actor(), audit::AuditAction::LookupStaff, None, q)?;
    Ok(found)
}

/// In-hospital patients by name, MRN or bed, in the caller's departments;
/// the read is audited with the MRNs shown.
pub fn inpatients(conn: &mut DbConnection, caller: &AuthUser, q: &PatientLookupQuery) -> ApiResult<Vec<Inpatient>> {
    let (hospital_id, depts) = (caller.hospital_id, caller.department_scope());
    let q = q.q.as_deref().unwrap_or("");
    let like = format!("%{}%", q.trim().replace('%', ""));
    let rows: Vec<Inpatient> = db_run!(conn: {
        let mut f = his_inpatients::table.inner_join(departments::table).filter(his_inpatients::hospital_id.eq(hospital_id)).into_boxed();
        if let Some(d) = depts {
            f = f.filter(his_inpatients::department_id.eq_any(d.to_vec()));
        }
        if !q.trim().is_empty() {
            f = f.filter(his_inpatients::name.like(like.clone()).or(his_inpatients::mrn.like(like.clone())).or(his_inpatients::bed.like(like)));
        }
        f.order((departments::name, his_inpatients::bed))
            .limit(200)
            .select((his_inpatients::id, his_inpatients::department_id, departments::name, his_inpatients::mrn, his_inpatients::name, his_inpatients::bed, his_inpatients::admitted_on, his_inpatients::diagnosis))
            .load(conn)?
    });
    let mrns = rows.iter().map(|p| p.mrn.as_str());
    record_his_read(conn, &caller.actor(), audit::AuditAction::LookupInpatients, &format!("q={} mrn=", q), mrns)?;
    Ok(rows)
}

/// Surgeries by date, name or MRN, in the caller's departments; the read is
/// audited with the MRNs shown.
pub fn surgeries(conn: &mut DbConnection, caller: &AuthUser, q: &PatientLookupQuery) -> ApiResult<Vec<Surgery>> {
    let (hospital_id, depts, date) = (caller.hospital_id, caller.department_scope(), q.date);
    let q = q.q.as_deref().unwrap_or("");
    let like = format!("%{}%", q.trim().replace('%', ""));
    let rows: Vec<Surgery> = db_run!(conn: {
        let mut f = his_surgeries::table.inner_join(departments::table).filter(his_surgeries::hospital_id.eq(hospital_id)).into_boxed();
        if let Some(d) = depts {
            f = f.filter(his_surgeries::department_id.eq_any(d.to_vec()));
        }
        if let Some(d) = date {
            f = f.filter(his_surgeries::surgery_on.eq(d));
        }
        if !q.trim().is_empty() {
            f = f.filter(his_surgeries::name.like(like.clone()).or(his_surgeries::mrn.like(like)));
        }
        f.order((his_surgeries::surgery_on, his_surgeries::start_time))
            .limit(200)
            .select((his_surgeries::id, his_surgeries::department_id, departments::name, his_surgeries::surgery_on, his_surgeries::mrn, his_surgeries::name, his_surgeries::operation, his_surgeries::room, his_surgeries::start_time))
            .load(conn)?
    });
    let mrns = rows.iter().map(|s| s.mrn.as_str());
    record_his_read(conn, &caller.actor(), audit::AuditAction::LookupSurgeries, "mrn=", mrns)?;
    Ok(rows)
}

/// Audits a read of HIS patient rows: `detail` followed by the MRNs shown.
fn record_his_read<'a>(
    conn: &mut DbConnection,
    actor: &Actor,
    action: audit::AuditAction,
    detail: &str,
    mrns: impl Iterator<Item = &'a str>,
) -> ApiResult<()> {
    let mrns: Vec<&str> = mrns.collect();
    audit::record_read(conn, actor, action, None, Some(&format!("{detail}{}", mrns.join(","))))
}

fn cell_text(d: &calamine::Data) -> String {
    use calamine::Data;
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        // Excel serial days since 1899-12-30.
        Data::DateTime(t) => (NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()
            + chrono::Duration::days(t.as_f64().floor() as i64))
        .to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("{e:?}"),
    }
}

/// The first sheet as rows of text; the first row is the header. Columns
/// are found by their (Chinese) header so their order does not matter.
fn read_sheet(bytes: &[u8], wanted: &[&str]) -> ApiResult<Vec<(usize, Vec<String>)>> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| ApiError::invalid("file_base64", format!("not an .xlsx workbook: {e}")))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| ApiError::invalid("file_base64", "the workbook has no sheet"))?
        .map_err(|e| ApiError::invalid("file_base64", format!("cannot read the first sheet: {e}")))?;
    let mut rows = range.rows();
    let header: Vec<String> = rows.next().map(|r| r.iter().map(cell_text).collect()).unwrap_or_default();
    let mut index = Vec::new();
    for w in wanted {
        let i = header
            .iter()
            .position(|h| h == w)
            .ok_or_else(|| ApiError::invalid("file_base64", format!("row 1: no column \"{w}\"")))?;
        index.push(i);
    }
    Ok(rows
        .enumerate()
        .map(|(n, r)| {
            (n + 2, index.iter().map(|&i| r.get(i).map(cell_text).unwrap_or_default()).collect::<Vec<String>>())
        })
        .filter(|(_, v)| v.iter().any(|c| !c.is_empty()))
        .collect())
}

fn department_by_name(conn: &mut DbConnection, hospital_id: i64, name: &str, row: usize, col: &str) -> ApiResult<i64> {
    let id: Option<i64> = db_run!(conn: {
        departments::table
            .filter(departments::hospital_id.eq(hospital_id))
            .filter(departments::name.eq(name).or(departments::code.eq(name)))
            .select(departments::id)
            .first(conn)
            .optional()?
    });
    id.ok_or_else(|| ApiError::invalid("file_base64", format!("row {row}, column \"{col}\": no department {name:?}")))
}

fn parse_date(s: &str, row: usize, col: &str) -> ApiResult<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(s, "%Y/%m/%d")).map_err(|_| {
        ApiError::invalid("file_base64", format!("row {row}, column \"{col}\": {s:?} is not a date (YYYY-MM-DD)"))
    })
}

fn decode(b64: &str) -> ApiResult<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|_| ApiError::invalid("file_base64", "not base64"))
}

/// Replaces the in-hospital list with the workbook's (columns 科室, 住院号,
/// 姓名, 床号, 入院日期, 诊断). Every row is checked before anything is
/// stored; call inside a write transaction.
pub fn import_inpatients(
    conn: &mut DbConnection,
    hospital_id: i64,
    actor: &Actor,
    req: &ImportRequest,
) -> ApiResult<ImportResult> {
    let cols = ["科室", "住院号", "姓名", "床号", "入院日期", "诊断"];
    let rows = read_sheet(&decode(&req.file_base64)?, &cols)?;
    let mut parsed = Vec::new();
    for (n, r) in &rows {
        let dept = department_by_name(conn, hospital_id, &r[0], *n, cols[0])?;
        if r[1].is_empty() {
            return Err(ApiError::invalid("file_base64", format!("row {n}, column \"住院号\": empty")));
        }
        if r[2].is_empty() {
            return Err(ApiError::invalid("file_base64", format!("row {n}, column \"姓名\": empty")));
        }
        let admitted = if r[4].is_empty() { None } else { Some(parse_date(&r[4], *n, cols[4])?) };
        parsed.push((dept, r.clone(), admitted));
    }
    let t = now();
    db_run!(conn: {
        diesel::delete(his_inpatients::table.filter(his_inpatients::hospital_id.eq(hospital_id))).execute(conn)?;
        for (dept, r, admitted) in &parsed {
            diesel::insert_into(his_inpatients::table)
                .values((
                    his_inpatients::hospital_id.eq(hospital_id),
                    his_inpatients::department_id.eq(dept),
                    his_inpatients::mrn.eq(&r[1]),
                    his_inpatients::name.eq(&r[2]),
                    his_inpatients::bed.eq(&r[3]),
                    his_inpatients::admitted_on.eq(admitted),
                    his_inpatients::diagnosis.eq(&r[5]),
                    his_inpatients::imported_at.eq(t),
                ))
                .on_conflict_do_nothing()
                .execute(conn)?;
        }
    });
    audit::record(
        conn,
        actor,
        audit::AuditAction::LookupImportInpatients,
        None,
        None,
        Some(&format!("{} rows", parsed.len())),
    )?;
    Ok(ImportResult { rows: parsed.len() })
}

/// Replaces the surgery schedule of the dates in the workbook (columns 日期,
/// 科室, 住院号, 姓名, 手术名称, 手术间, 时间).
pub fn import_surgeries(
    conn: &mut DbConnection,
    hospital_id: i64,
    actor: &Actor,
    req: &ImportRequest,
) -> ApiResult<ImportResult> {
    let cols = ["日期", "科室", "住院号", "姓名", "手术名称", "手术间", "时间"];
    let rows = read_sheet(&decode(&req.file_base64)?, &cols)?;
    let mut parsed = Vec::new();
    for (n, r) in &rows {
        let date = parse_date(&r[0], *n, cols[0])?;
        let dept = department_by_name(conn, hospital_id, &r[1], *n, cols[1])?;
        for (i, c) in [(2, "住院号"), (3, "姓名"), (4, "手术名称")] {
            if r[i].is_empty() {
                return Err(ApiError::invalid("file_base64", format!("row {n}, column \"{c}\": empty")));
            }
        }
        parsed.push((date, dept, r.clone()));
    }
    let dates: Vec<NaiveDate> = parsed.iter().map(|p| p.0).collect();
    let t = now();
    db_run!(conn: {
        diesel::delete(his_surgeries::table.filter(his_surgeries::hospital_id.eq(hospital_id)).filter(his_surgeries::surgery_on.eq_any(&dates))).execute(conn)?;
        for (date, dept, r) in &parsed {
            diesel::insert_into(his_surgeries::table)
                .values((
                    his_surgeries::hospital_id.eq(hospital_id),
                    his_surgeries::department_id.eq(dept),
                    his_surgeries::surgery_on.eq(date),
                    his_surgeries::mrn.eq(&r[2]),
                    his_surgeries::name.eq(&r[3]),
                    his_surgeries::operation.eq(&r[4]),
                    his_surgeries::room.eq(&r[5]),
                    his_surgeries::start_time.eq(&r[6]),
                    his_surgeries::imported_at.eq(t),
                ))
                .on_conflict_do_nothing()
                .execute(conn)?;
        }
    });
    audit::record(
        conn,
        actor,
        audit::AuditAction::LookupImportSurgeries,
        None,
        None,
        Some(&format!("{} rows", parsed.len())),
    )?;
    Ok(ImportResult { rows: parsed.len() })
}
