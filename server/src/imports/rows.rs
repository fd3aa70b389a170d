//! The two kinds of import: their columns, how a row is checked (without
//! writing), and how a checked row is written.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveTime};
use diesel::prelude::*;
use hcrm_shared::api::{Diagnosis, Sex, VisitKind};
use hcrm_shared::intake::ImportKind;
use hcrm_shared::intake::RowError;
use hcrm_shared::validation::{normalize_phone, parse_resident_id};

use super::sheet::{Cell, Column, Table};
use crate::audit::Actor;
use crate::db::schema::{departments, exam_results, patients};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::followup::{create_task, NewTask};
use crate::hl7::archive::{self, PatientData, VisitData};

const fn col(field: &'static str, headers: &'static [&'static str], required: bool) -> Column {
    Column { field, headers, required }
}

pub const DISCHARGES: &[Column] = &[
    col("mrn", &["病案号", "住院病案号", "病历号", "MRN"], true),
    col("name", &["姓名", "患者姓名", "病人姓名"], true),
    col("sex", &["性别"], false),
    col("birth_date", &["出生日期", "出生年月日"], false),
    col("id_card", &["身份证号", "身份证", "身份证号码", "证件号码"], false),
    col("phone", &["联系电话", "电话", "手机", "手机号", "手机号码"], false),
    col("visit_no", &["住院号", "住院流水号", "就诊号", "入院登记号"], true),
    col("department", &["出院科室", "科室", "科室代码", "科室名称"], true),
    col("ward", &["病区", "床号"], false),
    col("admitted_at", &["入院日期", "入院时间"], false),
    col("discharged_at", &["出院日期", "出院时间"], true),
    col("diagnosis_code", &["诊断编码", "出院诊断编码", "ICD-10", "ICD10", "疾病编码"], false),
    col("diagnosis_name", &["出院诊断", "诊断", "诊断名称", "疾病名称"], false),
    col("doctor", &["主治医生", "主治医师", "医生"], false),
];

pub const EXAMS: &[Column] = &[
    col("exam_no", &["体检号", "体检编号", "体检流水号"], true),
    col("name", &["姓名", "受检者", "体检人"], true),
    col("mrn", &["病案号", "病历号"], false),
    col("sex", &["性别"], false),
    col("id_card", &["身份证号", "身份证", "证件号码"], false),
    col("phone", &["联系电话", "电话", "手机", "手机号"], false),
    col("exam_date", &["体检日期", "检查日期"], true),
    col("item", &["体检项目", "项目", "检查项目"], true),
    col("result", &["结果", "检查结果", "体检结果"], true),
    col("abnormal", &["是否异常", "异常", "异常标志"], true),
    col("level", &["异常等级", "危急程度", "等级"], false),
];

pub fn spec(kind: ImportKind) -> &'static [Column] {
    if kind == ImportKind::Exams {
        EXAMS
    } else {
        DISCHARGES
    }
}

/// A checked row, ready to write.
#[derive(Debug, Clone)]
pub enum Record {
    /// The days as written (the visit holds them as UTC instants).
    Discharge { patient: PatientData, visit: VisitData, admitted: Option<NaiveDate>, discharged: NaiveDate },
    Exam {
        patient: PatientData,
        exam_no: String,
        exam_date: NaiveDate,
        item: String,
        result: String,
        abnormal: bool,
        level: Option<String>,
    },
}

impl Record {
    /// The row as the preview shows it.
    pub fn values(&self) -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        let p = match self {
            Record::Discharge { patient, .. } | Record::Exam { patient, .. } => patient,
        };
        m.insert("mrn".into(), p.mrn.clone());
        m.insert("name".into(), p.name.clone().unwrap_or_default());
        if let Some(b) = p.birth_date {
            m.insert("birth_date".into(), b.to_string());
        }
        m.insert(
            "phone".into(),
            p.phones.iter().map(|n| hcrm_shared::masking::mask_phone(n)).collect::<Vec<_>>().join(", "),
        );
        match self {
            Record::Discharge { visit, admitted, discharged, .. } => {
                m.insert("visit_no".into(), visit.visit_no.clone());
                m.insert("discharged_at".into(), discharged.to_string());
                if let Some(a) = admitted {
                    m.insert("admitted_at".into(), a.to_string());
                }
                if let Some(d) = visit.diagnoses.as_ref().and_then(|d| d.first()) {
                    m.insert("diagnosis".into(), format!("{} {}", d.code, d.name).trim().to_string());
                }
            }
            Record::Exam { exam_no, exam_date, item, result, abnormal, level, .. } => {
                m.insert("exam_no".into(), exam_no.clone());
                m.insert("exam_date".into(), exam_date.to_string());
                m.insert("item".into(), item.clone());
                m.insert("result".into(), result.clone());
                m.insert("abnormal".into(), if *abnormal { "是".into() } else { "否".into() });
                m.insert("level".into(), level.clone().unwrap_or_default());
            }
        }
        m
    }
}

/// What checking needs from the database, loaded once per file.
pub struct Lookup {
    /// Department code (upper case) and name → id.
    pub departments: HashMap<String, i64>,
    /// Departments the importing user may import for (None: all).
    pub scope: Option<Vec<i64>>,
    pub offset_minutes: i32,
}

impl Lookup {
    pub fn load(
        conn: &mut DbConnection,
        hospital_id: i64,
        scope: Option<Vec<i64>>,
        offset_minutes: i32,
    ) -> ApiResult<Lookup> {
        let rows: Vec<(i64, String, String)> = db_run!(conn: {
            departments::table.filter(departments::hospital_id.eq(hospital_id)).select((departments::id, departments::code, departments::name)).load(conn)?
        });
        let mut departments = HashMap::new();
        for (id, code, name) in rows {
            departments.insert(code.to_uppercase(), id);
            departments.insert(name, id);
        }
        Ok(Lookup { departments, scope, offset_minutes })
    }
}

struct Checker<'a> {
    table: &'a Table,
    cells: &'a [Cell],
    row: u32,
    errors: Vec<RowError>,
}

impl Checker<'_> {
    fn fail(&mut self, field: &str, spec: &[Column], message: impl Into<String>) {
        self.errors.push(RowError {
            row: self.row,
            column: self.table.header_of(field, spec),
            message: message.into(),
        });
    }
    fn get(&self, field: &str) -> Cell {
        self.table.cell(self.cells, field).map(|c| c.0.clone()).unwrap_or(Cell::Empty)
    }
    fn text(&mut self, field: &str, spec: &[Column]) -> Option<String> {
        let c = self.get(field);
        let required = spec.iter().any(|c| c.field == field && c.required);
        match c {
            Cell::Empty if required => {
                self.fail(field, spec, "is required");
                None
            }
            Cell::Empty => None,
            Cell::Error(e) => {
                self.fail(field, spec, format!("the cell holds an error ({e})"));
                None
            }
            c => Some(c.text()),
        }
    }
    fn date(&mut self, field: &str, spec: &[Column]) -> Option<NaiveDate> {
        let c = self.get(field);
        if c.is_empty() {
            if spec.iter().any(|c| c.field == field && c.required) {
                self.fail(field, spec, "is required");
            }
            return None;
        }
        let d = c.date();
        if d.is_none() {
            self.fail(field, spec, format!("not a date: {:?}", c.text()));
        }
        d
    }
}

/// Checks one row; either a record or the row's errors (every bad cell).
pub fn check(
    kind: ImportKind,
    table: &Table,
    row: u32,
    cells: &[Cell],
    lookup: &Lookup,
) -> Result<Record, Vec<RowError>> {
    let spec = spec(kind);
    let mut c = Checker { table, cells, row, errors: Vec::new() };
    // Who: the same columns in both kinds.
    let mrn_raw = c.text("mrn", spec).map(|m| m.to_ascii_uppercase());
    let name = c.text("name", spec);
    if name.as_ref().is_some_and(|n| n.chars().count() > 64) {
        c.fail("name", spec, "is longer than 64 characters");
    }
    let sex = match c.text("sex", spec).as_deref() {
        None => None,
        Some("男" | "M" | "m" | "male") => Some(Sex::Male),
        Some("女" | "F" | "f" | "female") => Some(Sex::Female),
        Some("未知" | "U") => Some(Sex::Unknown),
        Some(other) => {
            c.fail("sex", spec, format!("use 男 or 女, not {other:?}"));
            None
        }
    };
    let birth_date = if spec.iter().any(|s| s.field == "birth_date") { c.date("birth_date", spec) } else { None };
    let id = match c.text("id_card", spec) {
        Some(raw) => match parse_resident_id(&raw) {
            Ok(id) => Some(id),
            Err(e) => {
                c.fail("id_card", spec, format!("not a valid resident ID: {e}"));
                None
            }
        },
        None => None,
    };
    let mut phones = Vec::new();
    if let Some(raw) = c.text("phone", spec) {
        for part in raw.split(['/', ',', '，', ';', '；', '、']).map(str::trim).filter(|p| !p.is_empty()) {
            match normalize_phone(part) {
                Ok(n) => phones.push(n),
                Err(e) => c.fail("phone", spec, format!("{part:?}: {e}")),
            }
        }
    }
    let check_mrn =
        |m: &str| !m.is_empty() && m.len() <= 32 && m.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-');
    if let Some(m) = &mrn_raw {
        if !check_mrn(m) {
            c.fail("mrn", spec, "1 to 32 letters, digits or '-'");
        }
    }
    let patient = |mrn: String| PatientData {
        mrn,
        name: name.clone(),
        sex: id.as_ref().map(|i| if i.male { Sex::Male } else { Sex::Female }).or(sex),
        birth_date: id.as_ref().map(|i| i.birth_date).or(birth_date),
        id_card: id.as_ref().map(|i| i.number.clone()),
        address: None,
        phones: phones.clone(),
        deceased: false,
    };
    let record = if kind == ImportKind::Exams {
        let exam_no = c.text("exam_no", spec).map(|e| e.to_ascii_uppercase());
        if exam_no.as_ref().is_some_and(|e| !check_mrn(e)) {
            c.fail("exam_no", spec, "1 to 32 letters, digits or '-'");
        }
        let exam_date = c.date("exam_date", spec);
        let item = c.text("item", spec);
        let result = c.text("result", spec);
        let abnormal = match c.text("abnormal", spec).as_deref() {
            None => None,
            Some("是" | "异常" | "Y" | "y" | "1" | "阳性" | "+") => Some(true),
            Some("否" | "正常" | "N" | "n" | "0" | "阴性" | "-") => Some(false),
            Some(other) => {
                c.fail("abnormal", spec, format!("use 是 or 否, not {other:?}"));
                None
            }
        };
        let level = c.text("level", spec);
        if id.is_none() && phones.is_empty() && mrn_raw.is_none() {
            c.errors.push(RowError {
                row,
                column: String::new(),
                message: "a person needs an MRN, a resident ID or a phone number".into(),
            });
        }
        match (exam_no, exam_date, item, result, abnormal) {
            (Some(exam_no), Some(exam_date), Some(item), Some(result), Some(abnormal)) if c.errors.is_empty() => {
                // Without an MRN the exam centre's person gets one from the exam number.
                let mrn = mrn_raw.clone().unwrap_or_else(|| format!("TJ-{exam_no}").chars().take(32).collect());
                Some(Record::Exam { patient: patient(mrn), exam_no, exam_date, item, result, abnormal, level })
            }
            _ => None,
        }
    } else {
        let visit_no = c.text("visit_no", spec).map(|v| v.to_ascii_uppercase());
        let department = c.text("department", spec).and_then(|d| {
            let id = lookup.departments.get(&d.to_uppercase()).or_else(|| lookup.departments.get(&d)).copied();
            match id {
                None => {
                    c.fail("department", spec, format!("department {d:?} is not known (use its code or name)"));
                    None
                }
                Some(id) if lookup.scope.as_ref().is_some_and(|s| !s.contains(&id)) => {
                    c.fail("department", spec, format!("department {d:?} is outside your departments"));
                    None
                }
                Some(id) => Some(id),
            }
        });
        let admitted = c.date("admitted_at", spec);
        let discharged = c.date("discharged_at", spec);
        if let (Some(a), Some(d)) = (admitted, discharged) {
            if d < a {
                c.fail("discharged_at", spec, format!("{d} is before the admission ({a})"));
            }
        }
        let code = c.text("diagnosis_code", spec).map(|s| s.to_ascii_uppercase());
        if let Some(code) = &code {
            let ok = code.len() >= 3
                && code.chars().next().is_some_and(|ch| ch.is_ascii_uppercase())
                && code[1..].chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '.' || ch == '+' || ch == '-');
            if !ok {
                c.fail("diagnosis_code", spec, format!("not an ICD-10 code: {code:?}"));
            }
        }
        let diag_name = c.text("diagnosis_name", spec);
        let doctor = c.text("doctor", spec);
        let ward = c.text("ward", spec);
        // Dates are local days; stored at local midnight in UTC.
        let at = |d: NaiveDate| d.and_time(NaiveTime::MIN) - chrono::Duration::minutes(lookup.offset_minutes as i64);
        match (mrn_raw.clone(), visit_no, department, discharged) {
            (Some(mrn), Some(visit_no), Some(department_id), Some(discharged)) if c.errors.is_empty() => {
                let diagnoses = (code.is_some() || diag_name.is_some())
                    .then(|| vec![Diagnosis { code: code.unwrap_or_default(), name: diag_name.unwrap_or_default() }]);
                Some(Record::Discharge {
                    patient: patient(mrn),
                    visit: VisitData {
                        visit_no,
                        kind: VisitKind::Inpatient,
                        department_id,
                        ward,
                        attending_doctor: doctor,
                        admitted_at: admitted.map(at),
                        discharged_at: Some(at(discharged)),
                        diagnoses,
                    },
                    admitted,
                    discharged,
                })
            }
            _ => None,
        }
    };
    match record {
        Some(r) if c.errors.is_empty() => Ok(r),
        _ => {
            if c.errors.is_empty() {
                c.errors.push(RowError { row, column: String::new(), message: "the row is incomplete".into() });
            }
            Err(c.errors)
        }
    }
}

/// Writes one checked record; returns whether anything changed.
pub fn apply(conn: &mut DbConnection, hospital_id: i64, actor: &Actor, batch: i64, record: &Record) -> ApiResult<bool> {
    let target = format!("import:{batch}");
    match record {
        Record::Discharge { patient, visit, .. } => {
            let p = archive::upsert_patient(conn, hospital_id, actor, patient, &target)?;
            let v = archive::upsert_visit(conn, hospital_id, p.id, actor, visit, &target)?;
            Ok(p.changed || v.changed)
        }
        Record::Exam { patient, exam_no, exam_date, item, result, abnormal, level } => {
            // The exam centre's person: by MRN, else by resident ID.
            let mut patient = patient.clone();
            if let Some(card) = &patient.id_card {
                let existing: Option<String> = db_run!(conn: {
                    patients::table
                        .filter(patients::hospital_id.eq(hospital_id))
                        .filter(patients::id_card.eq(card))
                        .filter(patients::merged_into_id.is_null())
                        .select(patients::mrn)
                        .first(conn)
                        .optional()?
                });
                if let Some(mrn) = existing.filter(|_| patient.mrn.starts_with("TJ-")) {
                    patient.mrn = mrn;
                }
            }
            let p = archive::upsert_patient(conn, hospital_id, actor, &patient, &target)?;
            let inserted: Option<i64> = db_run!(conn: {
                diesel::insert_into(exam_results::table)
                    .values((
                        exam_results::hospital_id.eq(hospital_id),
                        exam_results::patient_id.eq(p.id),
                        exam_results::exam_no.eq(exam_no),
                        exam_results::exam_date.eq(exam_date),
                        exam_results::item.eq(item),
                        exam_results::result.eq(result),
                        exam_results::abnormal.eq(abnormal),
                        exam_results::level.eq(level),
                        exam_results::batch_id.eq(Some(batch)),
                        exam_results::created_at.eq(now()),
                    ))
                    .on_conflict_do_nothing()
                    .returning(exam_results::id)
                    .get_result(conn)
                    .optional()?
            });
            let Some(id) = inserted else { return Ok(p.changed) };
            if *abnormal {
                let detail = match level {
                    Some(l) => format!("{exam_date} {item}: {result}（{l}）"),
                    None => format!("{exam_date} {item}: {result}"),
                };
                let mut task = NewTask::callback(
                    hospital_id,
                    p.id,
                    None,
                    format!("exam:{id}"),
                    format!("体检异常：{item}"),
                    detail,
                );
                task.kind = hcrm_shared::followup::TaskKind::PhysicalExam;
                create_task(conn, &task)?;
            }
            Ok(true)
        }
    }
}

/// A write error of a row, for the error list.
pub fn row_error(row: u32, e: &ApiError) -> RowError {
    let column = match e.field.as_deref() {
        Some("visit_no") => "住院号",
        Some("name") => "姓名",
        _ => "",
    };
    RowError { row, column: column.into(), message: e.detail.clone() }
}
