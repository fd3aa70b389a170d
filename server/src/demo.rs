//! Demo data (two believable hospitals) and the bulk patient generator used
//! by benchmarks. Generation is seeded, so every run makes the same people.

use chrono::{Duration, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use hcrm_shared::api::{DepartmentKind, Diagnosis, NewUser, Sex, VisitKind};
use hcrm_shared::validation::resident_id_check_char;
use hcrm_shared::Role;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use crate::db::schema::{patient_phones, patients, users, visits};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::ApiResult;
use crate::organisation::service::{departments, hospitals, users as user_service};
use crate::patients::model::{pinyin_initials, NewPatientRow, NewPhoneRow, NewVisitRow};

/// The password every demo account shares (printed by the run script).
pub const DEMO_PASSWORD: &str = "Hcrm@2026";

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于",
    "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "欧阳", "司马",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞",
    "平", "刚", "桂英", "华", "建国", "建华", "玉兰", "志强", "海燕", "红", "文", "斌", "宇", "浩", "婷", "雪", "琳",
    "晨", "欣怡", "子涵", "梓轩",
];
const REGIONS: &[&str] =
    &["340102", "340104", "340111", "341502", "110105", "320102", "330106", "310104", "420102", "510104"];

/// A department: code, name, and (ICD-10 code, diagnosis) pairs.
type ClinicalDepartment = (&'static str, &'static str, &'static [(&'static str, &'static str)]);

/// Clinical departments with the diagnoses their patients typically carry.
const CLINICAL: &[ClinicalDepartment] = &[
    (
        "CARD",
        "心血管内科",
        &[("I21.9", "急性心肌梗死"), ("I10", "原发性高血压"), ("I50.9", "心力衰竭"), ("I48", "心房颤动")],
    ),
    ("RESP", "呼吸内科", &[("J18.9", "肺炎"), ("J44.9", "慢性阻塞性肺病"), ("J45.9", "哮喘")]),
    ("GAST", "消化内科", &[("K29.7", "胃炎"), ("K25.9", "胃溃疡"), ("K74.6", "肝硬化")]),
    ("ENDO", "内分泌科", &[("E11.9", "2型糖尿病"), ("E05.9", "甲状腺功能亢进症")]),
    ("NEUR", "神经内科", &[("I63.9", "脑梗死"), ("G40.9", "癫痫"), ("G20", "帕金森病")]),
    ("GSUR", "普外科", &[("K35.8", "急性阑尾炎"), ("K80.2", "胆囊结石"), ("K40.9", "腹股沟疝")]),
    ("ORTH", "骨科", &[("S72.0", "股骨颈骨折"), ("M17.9", "膝关节骨关节炎"), ("M51.2", "腰椎间盘突出")]),
    ("OBGY", "妇产科", &[("O80", "单胎顺产"), ("D25.9", "子宫平滑肌瘤")]),
    ("PEDI", "儿科", &[("J06.9", "急性上呼吸道感染"), ("A09", "感染性腹泻")]),
    ("ONCO", "肿瘤科", &[("C34.9", "肺恶性肿瘤"), ("C16.9", "胃恶性肿瘤"), ("C50.9", "乳腺恶性肿瘤")]),
];
const OTHER_DEPARTMENTS: &[(&str, &str, DepartmentKind)] = &[
    ("CSC", "客户服务中心", DepartmentKind::Office),
    ("MED", "医务科", DepartmentKind::Office),
    ("NURS", "护理部", DepartmentKind::Office),
    ("REG", "门诊挂号收费处", DepartmentKind::Window),
    ("PHAR", "门诊药房", DepartmentKind::Window),
];

pub struct DemoSummary {
    pub hospitals: Vec<(String, String)>,
    pub users: Vec<(String, Role, String)>,
    pub patients: usize,
}

/// Fills two hospitals with departments, staff of every role and patients.
/// Running it again adds nothing.
pub fn load_demo_data(
    conn: &mut DbConnection,
    argon2_memory_kib: u32,
    patients_per_hospital: usize,
) -> ApiResult<DemoSummary> {
    let mut summary = DemoSummary { hospitals: vec![], users: vec![], patients: 0 };
    for (index, (code, name, prefix)) in
        [("HOSP1", "江淮市第一人民医院", ""), ("HOSP2", "江南区域医疗中心", "h2.")].into_iter().enumerate()
    {
        let hospital = hospitals::ensure(conn, code, name)?;
        summary.hospitals.push((code.to_string(), name.to_string()));
        let mut clinical_ids = Vec::new();
        for (dcode, dname, _) in CLINICAL {
            clinical_ids.push(departments::ensure(conn, hospital.id, dcode, dname, DepartmentKind::Clinical)?.id);
        }
        for (dcode, dname, kind) in OTHER_DEPARTMENTS {
            departments::ensure(conn, hospital.id, dcode, dname, *kind)?;
        }
        let dept = |conn: &mut DbConnection, c: &str| {
            departments::ensure(conn, hospital.id, c, c, DepartmentKind::Clinical).map(|d| d.id)
        };
        let staff: Vec<(String, &str, Role, Option<i64>)> = vec![
            (format!("{prefix}admin"), "系统管理员", Role::Admin, None),
            (format!("{prefix}agent1"), "客服王芳", Role::Agent, Some(dept(conn, "CSC")?)),
            (format!("{prefix}agent2"), "客服李娜", Role::Agent, Some(dept(conn, "CSC")?)),
            (format!("{prefix}doctor.card"), "心内科张医生", Role::Doctor, Some(dept(conn, "CARD")?)),
            (format!("{prefix}doctor.orth"), "骨科刘医生", Role::Doctor, Some(dept(conn, "ORTH")?)),
            (format!("{prefix}nurse.card"), "心内科陈护士", Role::Nurse, Some(dept(conn, "CARD")?)),
            (format!("{prefix}clerk1"), "挂号窗口赵敏", Role::Clerk, Some(dept(conn, "REG")?)),
            (format!("{prefix}manager.card"), "心内科主任", Role::Manager, Some(dept(conn, "CARD")?)),
            (format!("{prefix}auditor"), "审计员", Role::Auditor, None),
        ];
        for (username, display, role, department_id) in staff {
            let exists: i64 =
                db_run!(conn: { users::table.filter(users::username.eq(&username)).count().get_result(conn)? });
            if exists == 0 {
                let new = NewUser {
                    username: username.clone(),
                    display_name: display.into(),
                    password: DEMO_PASSWORD.into(),
                    role,
                    department_id,
                };
                user_service::create(conn, hospital.id, &new, argon2_memory_kib)?;
            }
            summary.users.push((username, role, display.to_string()));
        }
        let existing: i64 =
            db_run!(conn: { patients::table.filter(patients::hospital_id.eq(hospital.id)).count().get_result(conn)? });
        if existing == 0 {
            let mut rng = StdRng::seed_from_u64(2026 + index as u64);
            let mrn_prefix = if index == 0 { "A" } else { "B" };
            summary.patients += generate_patients(
                conn,
                hospital.id,
                &clinical_ids,
                mrn_prefix,
                patients_per_hospital,
                &mut rng,
                |_| {},
            )?;
        }
        crate::surveys::demo::load(conn, hospital.id, 60)?;
        // Feedback templates and tickets; articles and lookup data.
        crate::feedback::demo::load(conn, &crate::config::Config::default(), hospital.id, index == 0)?;
        crate::knowledge::demo::load(conn, hospital.id)?;
    }
    crate::followup::demo::load(conn)?;
    crate::appointments::demo::load(conn)?;
    crate::calls::demo::load(conn)?;
    crate::evaluations::demo::load(conn, argon2_memory_kib)?;
    Ok(summary)
}

struct GeneratedPatient {
    row: NewPatientRow,
    phones: Vec<String>,
    visits: Vec<NewVisitRow>,
}

fn random_resident_id(rng: &mut StdRng, birth: NaiveDate, male: bool) -> String {
    let region = REGIONS.choose(rng).unwrap();
    let seq = rng.gen_range(0..50) * 2 + if male { 1 } else { 0 };
    let first17 = format!("{region}{}{:03}", birth.format("%Y%m%d"), rng.gen_range(0..10) * 100 + seq % 100);
    let check = resident_id_check_char(&first17).unwrap();
    format!("{first17}{check}")
}

fn random_patient(
    rng: &mut StdRng,
    hospital_id: i64,
    mrn: String,
    clinical_ids: &[i64],
    serial: usize,
    t: NaiveDateTime,
) -> GeneratedPatient {
    let male = rng.gen_bool(0.5);
    let name = format!("{}{}", SURNAMES.choose(rng).unwrap(), GIVEN.choose(rng).unwrap());
    let birth = NaiveDate::from_ymd_opt(1940, 1, 1).unwrap() + Duration::days(rng.gen_range(0..365 * 80));
    let id_card = rng.gen_bool(0.9).then(|| random_resident_id(rng, birth, male));
    // Unique mobile numbers derived from the serial keep screen-pop lookups
    // exact; a second number for a third of patients, as families share.
    let mut phones = vec![generated_primary_phone(hospital_id, serial)];
    if rng.gen_bool(0.33) {
        phones.push(format!("1{}{:09}", rng.gen_range(3..10), rng.gen_range(0..1_000_000_000u64)));
    }
    let visit_count = rng.gen_range(1..=3);
    let mut visits = Vec::new();
    for v in 0..visit_count {
        let (di, (_, _, diagnoses)) = CLINICAL.iter().enumerate().collect::<Vec<_>>().choose(rng).copied().unwrap();
        let department_id = clinical_ids[di];
        let inpatient = rng.gen_bool(0.6);
        let admitted = t - Duration::minutes(rng.gen_range(60..60 * 24 * 120));
        let discharged = if inpatient {
            let d = admitted + Duration::hours(rng.gen_range(48..24 * 14));
            (d < t).then_some(d)
        } else {
            Some(admitted + Duration::minutes(rng.gen_range(20..180)))
        };
        let (code, dname) = diagnoses.choose(rng).unwrap();
        let diag = vec![Diagnosis { code: code.to_string(), name: dname.to_string() }];
        visits.push(NewVisitRow {
            hospital_id,
            patient_id: 0,
            visit_no: format!("{mrn}-{v}"),
            kind: if inpatient { VisitKind::Inpatient } else { VisitKind::Outpatient },
            department_id,
            ward: inpatient.then(|| format!("{}病区", rng.gen_range(1..6))),
            attending_doctor: Some(format!("{}医生", SURNAMES.choose(rng).unwrap())),
            admitted_at: admitted,
            discharged_at: discharged,
            diagnoses: serde_json::to_string(&diag).unwrap(),
            created_at: t,
        });
    }
    let tags = if rng.gen_bool(0.03) {
        "vip"
    } else if rng.gen_bool(0.01) {
        "do_not_contact"
    } else {
        ""
    };
    GeneratedPatient {
        row: NewPatientRow {
            hospital_id,
            mrn,
            name_initials: pinyin_initials(&name),
            name,
            sex: if male { Sex::Male } else { Sex::Female },
            birth_date: Some(birth),
            id_card,
            address: Some(format!(
                "{}路{}号",
                ["长江", "黄山", "淮河", "望江", "金寨"].choose(rng).unwrap(),
                rng.gen_range(1..999)
            )),
            tags: tags.into(),
            created_at: t,
            updated_at: t,
        },
        phones,
        visits,
    }
}

/// Inserts `count` generated patients with phones and visits in batches;
/// `progress` is told how many are done after each batch.
pub fn generate_patients(
    conn: &mut DbConnection,
    hospital_id: i64,
    clinical_ids: &[i64],
    mrn_prefix: &str,
    count: usize,
    rng: &mut StdRng,
    mut progress: impl FnMut(usize),
) -> ApiResult<usize> {
    const BATCH: usize = 5000;
    let t = now();
    let start: i64 =
        db_run!(conn: { patients::table.filter(patients::hospital_id.eq(hospital_id)).count().get_result(conn)? });
    let mut done = 0;
    while done < count {
        let n = BATCH.min(count - done);
        let batch: Vec<GeneratedPatient> = (0..n)
            .map(|i| {
                let serial = start as usize + done + i;
                random_patient(rng, hospital_id, format!("{mrn_prefix}{:09}", serial + 1), clinical_ids, serial, t)
            })
            .collect();
        crate::db::write_transaction(conn, |conn| {
            let rows: Vec<NewPatientRow> = batch.iter().map(|g| g.row.clone()).collect();
            // Chunks stay under SQLite's bound-parameter limit.
            let mut ids: Vec<i64> = Vec::with_capacity(n);
            for chunk in rows.chunks(500) {
                let chunk_ids: Vec<i64> = db_run!(conn: {
                    diesel::insert_into(patients::table).values(chunk).returning(patients::id).get_results(conn)?
                });
                ids.extend(chunk_ids);
            }
            let mut phones = Vec::new();
            let mut visit_rows = Vec::new();
            for (g, id) in batch.iter().zip(&ids) {
                for (i, p) in g.phones.iter().enumerate() {
                    phones.push(NewPhoneRow { hospital_id, patient_id: *id, number: p.clone(), position: i as i32 });
                }
                for v in &g.visits {
                    visit_rows.push(NewVisitRow { patient_id: *id, ..v.clone() });
                }
            }
            db_run!(conn: {
                for chunk in phones.chunks(1000) {
                    diesel::insert_into(patient_phones::table).values(chunk).execute(conn)?;
                }
                for chunk in visit_rows.chunks(500) {
                    diesel::insert_into(visits::table).values(chunk).execute(conn)?;
                }
            });
            Ok(())
        })?;
        done += n;
        progress(done);
    }
    Ok(done)
}

/// The phone number the generator gives the patient with this serial: a
/// bijection (7919 is coprime with 10^8), so numbers never repeat within a
/// hospital and benchmarks can look up known callers.
pub fn generated_primary_phone(hospital_id: i64, serial: usize) -> String {
    let prefixes = ["138", "139", "150", "151", "186", "187", "133", "177", "189", "135"];
    format!("{}{:08}", prefixes[serial % 10], (serial as u64 * 7919 + hospital_id as u64 * 13) % 100_000_000)
}

/// Adds `count` patients to a hospital for benchmarks (no audit rows: this
/// is a load generator, not a user action).
pub fn bulk_patients(
    conn: &mut DbConnection,
    hospital_code: &str,
    count: usize,
    progress: impl FnMut(usize),
) -> ApiResult<usize> {
    let hospital = hospitals::ensure(conn, hospital_code, hospital_code)?;
    let mut clinical_ids = Vec::new();
    for (dcode, dname, _) in CLINICAL {
        clinical_ids.push(departments::ensure(conn, hospital.id, dcode, dname, DepartmentKind::Clinical)?.id);
    }
    let mut rng = StdRng::seed_from_u64(Utc::now().timestamp() as u64);
    // Generated data can be made again, so skip the per-batch fsync.
    set_sqlite_synchronous(conn, "OFF")?;
    let result = generate_patients(conn, hospital.id, &clinical_ids, "M", count, &mut rng, progress);
    set_sqlite_synchronous(conn, "FULL")?;
    result
}

fn set_sqlite_synchronous(conn: &mut DbConnection, mode: &str) -> ApiResult<()> {
    use diesel::connection::SimpleConnection;
    if let DbConnection::Sqlite(c) = conn {
        c.batch_execute(&format!("PRAGMA synchronous = {mode}"))?;
    }
    Ok(())
}
