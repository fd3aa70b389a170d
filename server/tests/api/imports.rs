//! Excel imports: files the way hospital staff make them (merged title rows,
//! serial and text dates, full-width digits, blank rows, wrong types), the
//! preview's row/column errors, both commit modes, the error file, progress,
//! idempotency, exam results making urgent tasks, and the .xls format.

use std::time::Duration;

use base64::Engine;
use calamine::{open_workbook_auto_from_rs, Reader};
use diesel::prelude::*;
use hcrm_server::db::schema::{exam_results, followup_tasks, visits};
use hcrm_server::db_run;
use rust_xlsxwriter::{Format, Workbook};
use serde_json::{json, Value};

use crate::util::TestApp;

pub fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

pub fn template_base64() -> String {
    b64(&hcrm_server::imports::service::workbooks::template(hcrm_shared::intake::ImportKind::Discharges).unwrap())
}

/// A cell of a generated sheet.
pub enum V<'a> {
    S(&'a str),
    /// A number formatted as a date (an Excel serial).
    D(f64),
    N(f64),
    Blank,
}

/// A workbook with a merged title row, an empty row, then the header on
/// row 3 and the data.
pub fn workbook(title: &str, header: &[&str], rows: &[Vec<V<'_>>]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let title_format = Format::new().set_bold().set_align(rust_xlsxwriter::FormatAlign::Center);
    ws.merge_range(0, 0, 0, header.len() as u16 - 1, title, &title_format).unwrap();
    for (j, h) in header.iter().enumerate() {
        ws.write_string(2, j as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (i, row) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        for (j, v) in row.iter().enumerate() {
            let c = j as u16;
            match v {
                V::S(s) => {
                    ws.write_string(r, c, *s).unwrap();
                }
                V::D(n) => {
                    ws.write_number_with_format(r, c, *n, &date).unwrap();
                }
                V::N(n) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                V::Blank => {}
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

const HEADER: &[&str] = &[
    "病案号",
    "姓名",
    "性别",
    "身份证号",
    "联系电话",
    "住院号",
    "出院科室",
    "入院日期",
    "出院时间",
    "ICD-10",
    "出院诊断",
];

/// Excel rows 4.. : good, good (text dates, full-width digits), blank,
/// bad date, bad phone + unknown department, good, missing MRN.
fn discharge_file() -> Vec<u8> {
    use V::*;
    workbook(
        "江淮市第一人民医院 2026年11月出院患者名单",
        HEADER,
        &[
            vec![
                S("X1001"),
                S("王一"),
                S("男"),
                Blank,
                N(13800001001.0),
                S("Z1001"),
                S("CARD"),
                D(46320.0),
                D(46329.0),
                S("I21.9"),
                S("急性心肌梗死"),
            ],
            vec![
                S("ｘ１００２"),
                S("李二"),
                S("女"),
                Blank,
                S("１３８００００１００２"),
                S("Z1002"),
                S("心血管内科"),
                S("2026/10/28"),
                S("2026年11月3日"),
                S("I10"),
                S("原发性高血压"),
            ],
            vec![Blank, Blank, Blank, Blank, Blank, Blank, Blank, Blank, Blank, Blank, Blank],
            vec![
                S("X1004"),
                S("张四"),
                S("男"),
                Blank,
                S("13800001004"),
                S("Z1004"),
                S("CARD"),
                S("2026-10-30"),
                S("明天"),
                S("I10"),
                S("原发性高血压"),
            ],
            vec![
                S("X1005"),
                S("赵五"),
                S("男"),
                Blank,
                S("call me"),
                S("Z1005"),
                S("NOPE"),
                S("2026-10-30"),
                S("2026-11-02"),
                S("I10"),
                S(""),
            ],
            vec![
                S("X1006"),
                S("钱六"),
                S("女"),
                Blank,
                S("13800001006"),
                S("Z1006"),
                S("ORTH"),
                S("20261020"),
                N(46325.0),
                S("S72.0"),
                S("股骨颈骨折"),
            ],
            vec![
                Blank,
                S("孙七"),
                S("女"),
                Blank,
                S("13800001007"),
                S("Z1007"),
                S("CARD"),
                S("2026-10-30"),
                S("2026-11-02"),
                S("123"),
                S(""),
            ],
        ],
    )
}

pub async fn upload(app: &TestApp, token: &str, kind: &str, name: &str, bytes: &[u8]) -> (u16, Value) {
    let r = app
        .post("/api/v1/imports", token, json!({"kind": kind, "file_name": name, "content_base64": b64(bytes)}))
        .await;
    (r.status.as_u16(), r.body)
}

/// Polls until the batch stops previewing/running; checks progress fields.
pub async fn settle(app: &TestApp, token: &str, id: i64) -> Value {
    for _ in 0..1200 {
        let b = app.get(&format!("/api/v1/imports/{id}"), token).await.body;
        assert!(
            b["processed_rows"].as_i64().unwrap()
                <= b["total_rows"].as_i64().unwrap().max(b["processed_rows"].as_i64().unwrap())
        );
        if b["status"] != "previewing" && b["status"] != "running" {
            return b;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("import {id} did not finish");
}

fn error_lines(b: &Value) -> Vec<String> {
    b["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!("row {}, column {}: {}", e["row"], e["column"].as_str().unwrap(), e["message"].as_str().unwrap())
        })
        .collect()
}

#[tokio::test]
async fn preview_names_rows_and_columns_then_good_rows_import_with_an_error_file() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let file = discharge_file();
    let (status, b) = upload(&app, &admin, "discharges", "出院名单.xlsx", &file).await;
    assert_eq!(status, 201, "{b}");
    let b = settle(&app, &admin, b["id"].as_i64().unwrap()).await;
    let id = b["id"].as_i64().unwrap();
    assert_eq!(b["status"], "previewed", "{b}");
    assert_eq!(b["total_rows"], 6, "the blank row is skipped: {b}");
    assert_eq!(b["processed_rows"], 6);
    let lines = error_lines(&b);
    assert!(lines.contains(&"row 7, column 出院时间: not a date: \"明天\"".to_string()), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("row 8, column 联系电话:")), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("row 8, column 出院科室: department \"NOPE\"")), "{lines:?}");
    assert!(lines.contains(&"row 10, column 病案号: is required".to_string()), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("row 10, column ICD-10: not an ICD-10 code")), "{lines:?}");
    assert_eq!(b["error_rows"], 3);
    // The preview wrote nothing.
    let n: i64 = app.db(|conn| db_run!(conn: { visits::table.filter(visits::visit_no.like("Z10%")).count().get_result(conn).unwrap() })).await;
    assert_eq!(n, 0);
    let sample = &b["sample"][1]["values"];
    assert_eq!(sample["mrn"], "X1002", "full-width MRN: {sample}");
    assert_eq!(sample["discharged_at"], "2026-11-03");
    assert_eq!(sample["admitted_at"], "2026-10-28");

    // All-or-nothing is refused while rows are bad.
    let r = app.post(&format!("/api/v1/imports/{id}/commit"), &admin, json!({"mode": "all_or_nothing"})).await;
    assert_eq!(r.status.as_u16(), 409, "{}", r.body);
    let r = app.post(&format!("/api/v1/imports/{id}/commit"), &admin, json!({"mode": "good_rows"})).await;
    assert_eq!(r.status.as_u16(), 202, "{}", r.body);
    let b = settle(&app, &admin, id).await;
    assert_eq!((b["status"].as_str(), b["imported_rows"].as_i64()), (Some("done"), Some(3)), "{b}");
    let p = app.patient_id("X1002").await;
    let (owner, discharged, diag): (i64, Option<chrono::NaiveDateTime>, String) =
        app.db(|conn| db_run!(conn: { visits::table.filter(visits::visit_no.eq("Z1002")).select((visits::patient_id, visits::discharged_at, visits::diagnoses)).first(conn).unwrap() })).await;
    assert_eq!(owner, p);
    assert_eq!(discharged.unwrap().to_string(), "2026-11-02 16:00:00", "local midnight of 2026-11-03 in UTC");
    assert!(diag.contains("I10"));
    assert!(app.audit_count("patient.create", Some(p)).await == 1, "imports are audited");

    // The error file: the bad rows with their original cells and an error column.
    let bytes = error_file(&app, &admin, id).await;
    let mut wb = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(rows.len(), 4, "header and three bad rows: {rows:?}");
    assert_eq!(rows[1][0], "7");
    assert!(rows[1].last().unwrap().contains("出院时间: not a date"), "{rows:?}");
    assert_eq!(rows[2][2], "赵五");

    // The same file again changes nothing.
    let audits = app.audit_count("patient.create", None).await;
    let (status, again) = upload(&app, &admin, "discharges", "again.xlsx", &file).await;
    assert_eq!(status, 200);
    assert_eq!((again["duplicate"].as_bool(), again["id"].as_i64()), (Some(true), Some(id)));
    // A different file with the same rows (natural keys) changes nothing either.
    let other = {
        use V::*;
        workbook(
            "另一份名单",
            HEADER,
            &[vec![
                S("X1001"),
                S("王一"),
                S("男"),
                Blank,
                N(13800001001.0),
                S("Z1001"),
                S("CARD"),
                D(46320.0),
                D(46329.0),
                S("I21.9"),
                S("急性心肌梗死"),
            ]],
        )
    };
    let (status, b2) = upload(&app, &admin, "discharges", "other.xlsx", &other).await;
    assert_eq!(status, 201);
    let id2 = b2["id"].as_i64().unwrap();
    assert_eq!(settle(&app, &admin, id2).await["error_rows"], 0);
    app.post(&format!("/api/v1/imports/{id2}/commit"), &admin, json!({"mode": "all_or_nothing"})).await;
    assert_eq!(settle(&app, &admin, id2).await["status"], "done");
    assert_eq!(app.audit_count("patient.create", None).await, audits);
    assert_eq!(app.audit_count("patient.update", None).await, 0, "unchanged rows write nothing");
}

pub async fn error_file(app: &TestApp, token: &str, id: i64) -> Vec<u8> {
    use tower::ServiceExt;
    let router = hcrm_server::router::build(app.state.clone());
    let res = router
        .oneshot(
            axum::http::Request::get(format!("/api/v1/imports/{id}/error-file"))
                .header("authorization", format!("Bearer {token}"))
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().contains("spreadsheetml"));
    use http_body_util::BodyExt;
    res.into_body().collect().await.unwrap().to_bytes().to_vec()
}

#[tokio::test]
async fn abnormal_exam_results_make_urgent_tasks_once() {
    let app = TestApp::new().await;
    let manager = app.login("manager.card").await;
    use V::*;
    let file = workbook(
        "2026年11月体检异常结果",
        &["体检号", "姓名", "身份证号", "手机", "体检日期", "体检项目", "检查结果", "是否异常", "异常等级"],
        &[
            vec![
                S("TJ001"),
                S("周八"),
                Blank,
                S("13900002001"),
                D(46329.0),
                S("血压"),
                S("165/100 mmHg"),
                S("是"),
                S("中度"),
            ],
            vec![S("TJ001"), S("周八"), Blank, S("13900002001"), D(46329.0), S("血糖"), S("5.1"), S("否"), Blank],
            vec![
                S("TJ002"),
                S("吴九"),
                Blank,
                S("13900002002"),
                S("2026年11月4日"),
                S("心电图"),
                S("房颤"),
                S("异常"),
                S("重度"),
            ],
            vec![
                S("TJ003"),
                S("郑十"),
                Blank,
                S("13900002003"),
                S("2026-11-04"),
                S("血压"),
                S("120/80"),
                S("maybe"),
                Blank,
            ],
        ],
    );
    let (status, b) = upload(&app, &manager, "exams", "体检.xlsx", &file).await;
    assert_eq!(status, 201, "{b}");
    let id = b["id"].as_i64().unwrap();
    let b = settle(&app, &manager, id).await;
    assert_eq!(error_lines(&b), vec!["row 7, column 是否异常: use 是 or 否, not \"maybe\"".to_string()]);
    app.post(&format!("/api/v1/imports/{id}/commit"), &manager, json!({"mode": "good_rows"})).await;
    let b = settle(&app, &manager, id).await;
    assert_eq!(b["imported_rows"], 3, "{b}");
    let tasks: Vec<(String, String, String)> = app
        .db(|conn| db_run!(conn: { followup_tasks::table.filter(followup_tasks::kind.eq("physical_exam")).order(followup_tasks::id).select((followup_tasks::source_key, followup_tasks::priority, followup_tasks::title)).load(conn).unwrap() }))
        .await;
    assert_eq!(tasks.len(), 2, "{tasks:?}");
    assert!(tasks.iter().all(|t| t.0.starts_with("exam:") && t.1 == "urgent"), "{tasks:?}");
    assert_eq!(tasks[0].2, "体检异常：血压");
    let results: i64 = app.db(|conn| db_run!(conn: { exam_results::table.count().get_result(conn).unwrap() })).await;
    assert_eq!(results, 3);
    // The same exams in another file: nothing new.
    let again = workbook(
        "重发",
        &["体检号", "姓名", "手机", "体检日期", "体检项目", "结果", "异常"],
        &[vec![S("TJ001"), S("周八"), S("13900002001"), D(46329.0), S("血压"), S("165/100 mmHg"), S("是")]],
    );
    let (_, b) = upload(&app, &manager, "exams", "again.xlsx", &again).await;
    let id = b["id"].as_i64().unwrap();
    settle(&app, &manager, id).await;
    app.post(&format!("/api/v1/imports/{id}/commit"), &manager, json!({"mode": "all_or_nothing"})).await;
    assert_eq!(settle(&app, &manager, id).await["status"], "done");
    let n: i64 = app.db(|conn| db_run!(conn: { followup_tasks::table.filter(followup_tasks::kind.eq("physical_exam")).count().get_result(conn).unwrap() })).await;
    assert_eq!(n, 2);
}

#[tokio::test]
async fn xls_files_managers_scope_and_broken_files() {
    let app = TestApp::new().await;
    let manager = app.login("manager.card").await;
    // Made once with PyPI's xlwt: see tests/fixtures/make_xls.py.
    let xls = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/discharges.xls")).unwrap();
    let (status, b) = upload(&app, &manager, "discharges", "discharges.xls", &xls).await;
    assert_eq!(status, 201, "{b}");
    let b = settle(&app, &manager, b["id"].as_i64().unwrap()).await;
    assert_eq!(b["status"], "previewed", "{b}");
    assert_eq!(b["total_rows"], 3, "{b}");
    let lines = error_lines(&b);
    // Row 6 is orthopaedics: outside the cardiology manager's departments.
    assert_eq!(lines, vec!["row 6, column 科室: department \"ORTH\" is outside your departments".to_string()], "{b}");
    assert_eq!(b["sample"][0]["values"]["discharged_at"], "2026-11-03", "{b}");
    assert_eq!(b["sample"][1]["values"]["discharged_at"], "2026-11-04", "{b}");

    // Not a workbook, and a workbook without the header.
    let (status, b) = upload(&app, &manager, "discharges", "notes.xlsx", b"just some text").await;
    assert_eq!(status, 201);
    let b = settle(&app, &manager, b["id"].as_i64().unwrap()).await;
    assert_eq!(b["status"], "failed");
    assert!(b["message"].as_str().unwrap().contains("not an Excel workbook"), "{b}");
    let file = workbook("无表头", &["随便", "什么"], &[vec![V::S("a"), V::S("b")]]);
    let (_, b) = upload(&app, &manager, "discharges", "x.xlsx", &file).await;
    let b = settle(&app, &manager, b["id"].as_i64().unwrap()).await;
    assert!(b["message"].as_str().unwrap().contains("no header row"), "{b}");
    // Agents cannot import.
    let agent = app.login("agent1").await;
    assert_eq!(upload(&app, &agent, "discharges", "x.xlsx", &file).await.0, 403);
}

/// One previewed batch per role for the permission matrix.
pub async fn matrix_batches(app: &TestApp) -> Vec<(hcrm_shared::Role, i64)> {
    use hcrm_shared::Role;
    let mut out = Vec::new();
    for role in Role::ALL {
        let bytes = workbook(
            &format!("矩阵 {role}"),
            HEADER,
            &[vec![
                V::S("MX1"),
                V::S("矩阵"),
                V::Blank,
                V::Blank,
                V::Blank,
                V::S(&format!("MXV-{role}")),
                V::S("CARD"),
                V::Blank,
                V::S("2026-11-03"),
            ]],
        );
        let id = app
            .db(move |conn| {
                let actor = hcrm_server::audit::Actor {
                    user_id: None,
                    username: "t".into(),
                    role: "admin".into(),
                    hospital_id: Some(1),
                    ip: String::new(),
                };
                let (b, _) = hcrm_server::imports::service::create(
                    conn,
                    1,
                    &actor,
                    hcrm_shared::intake::ImportKind::Discharges,
                    "m.xlsx",
                    bytes,
                )
                .unwrap();
                hcrm_server::imports::service::preview(conn, 1, b.id, None, 480).unwrap();
                b.id
            })
            .await;
        out.push((role, id));
    }
    out
}

#[tokio::test]
async fn a_row_that_fails_when_written_is_listed_and_the_others_are_imported() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    use V::*;
    let row = |mrn: &'static str, visit: &'static str| {
        vec![S(mrn), S("测试"), Blank, Blank, Blank, S(visit), S("CARD"), Blank, S("2026-11-03")]
    };
    let first = workbook("一", HEADER, &[row("W001", "WV1")]);
    let (_, b) = upload(&app, &admin, "discharges", "1.xlsx", &first).await;
    let id = b["id"].as_i64().unwrap();
    settle(&app, &admin, id).await;
    app.post(&format!("/api/v1/imports/{id}/commit"), &admin, json!({"mode": "good_rows"})).await;
    assert_eq!(settle(&app, &admin, id).await["imported_rows"], 1);
    // WV1 belongs to W001: the preview cannot know, the write refuses it.
    let second = workbook("二", HEADER, &[row("W002", "WV2"), row("W003", "WV1"), row("W004", "WV4")]);
    let (_, b) = upload(&app, &admin, "discharges", "2.xlsx", &second).await;
    let id = b["id"].as_i64().unwrap();
    assert_eq!(settle(&app, &admin, id).await["error_rows"], 0);
    app.post(&format!("/api/v1/imports/{id}/commit"), &admin, json!({"mode": "good_rows"})).await;
    let b = settle(&app, &admin, id).await;
    assert_eq!(
        (b["status"].as_str(), b["imported_rows"].as_i64(), b["error_rows"].as_i64()),
        (Some("done"), Some(2), Some(1)),
        "{b}"
    );
    assert_eq!(error_lines(&b), vec!["row 5, column 住院号: visit WV1 belongs to another patient".to_string()]);
    // All-or-nothing: the same conflict undoes the whole file.
    let third = workbook("三", HEADER, &[row("W005", "WV5"), row("W006", "WV1")]);
    let (_, b) = upload(&app, &admin, "discharges", "3.xlsx", &third).await;
    let id = b["id"].as_i64().unwrap();
    settle(&app, &admin, id).await;
    app.post(&format!("/api/v1/imports/{id}/commit"), &admin, json!({"mode": "all_or_nothing"})).await;
    let b = settle(&app, &admin, id).await;
    assert_eq!(b["status"], "failed", "{b}");
    assert!(b["message"].as_str().unwrap().contains("row 5"), "{b}");
    let n: i64 = app.db(|conn| db_run!(conn: { visits::table.filter(visits::visit_no.eq("WV5")).count().get_result(conn).unwrap() })).await;
    assert_eq!(n, 0, "nothing of the failed file was written");
}

/// A server restart cuts a running import short: at start-up the batch is
/// marked failed with what was imported (nothing for a preview or an
/// all-or-nothing commit, the committed chunks for good rows); a batch whose
/// progress is fresh (another instance running it) is left alone.
#[tokio::test]
async fn imports_cut_short_by_a_restart_are_marked_failed() {
    use diesel::prelude::*;
    use hcrm_server::db::schema::{hospitals, import_batches};
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    // Ids far from any other test's, whose in-memory progress could share
    // the process.
    let cases = [
        (910_001i64, "running", Some("good_rows"), 600),
        (910_002, "running", Some("all_or_nothing"), 600),
        (910_003, "previewing", None, 600),
        (910_004, "running", Some("good_rows"), 0),
    ];
    app.db(move |conn| {
        hcrm_server::db_run!(conn: {
            let h: i64 = hospitals::table.filter(hospitals::code.eq("HOSP1")).select(hospitals::id).first(conn).unwrap();
            for (id, status, mode, age) in cases {
                let t = hcrm_server::db::now() - chrono::Duration::seconds(age);
                diesel::insert_into(import_batches::table)
                    .values((
                        import_batches::id.eq(id),
                        import_batches::hospital_id.eq(h),
                        import_batches::kind.eq("discharges"),
                        import_batches::file_name.eq(format!("b{id}.xlsx")),
                        import_batches::file_hash.eq(format!("h{id}")),
                        import_batches::content.eq(vec![1u8]),
                        import_batches::mode.eq(mode),
                        import_batches::status.eq(status),
                        import_batches::total_rows.eq(1000),
                        import_batches::processed_rows.eq(500),
                        import_batches::imported_rows.eq(500),
                        import_batches::error_rows.eq(0),
                        import_batches::errors.eq("{}"),
                        import_batches::created_at.eq(t),
                        import_batches::updated_at.eq(t),
                    ))
                    .execute(conn)
                    .unwrap();
            }
        })
    })
    .await;
    // The restart: the same database opened again.
    let restarted = hcrm_server::AppState::open((*app.state.config).clone()).unwrap();
    drop(restarted);
    let b = app.get("/api/v1/imports/910001", &admin).await.body;
    assert_eq!(
        (b["status"].as_str(), b["imported_rows"].as_i64(), b["total_rows"].as_i64()),
        (Some("failed"), Some(500), Some(1000)),
        "{b}"
    );
    assert!(b["message"].as_str().unwrap().contains("500 of 1000 rows were imported"), "{b}");
    let b = app.get("/api/v1/imports/910002", &admin).await.body;
    assert_eq!((b["status"].as_str(), b["imported_rows"].as_i64()), (Some("failed"), Some(0)), "{b}");
    assert!(b["message"].as_str().unwrap().contains("rolled back, nothing was imported"), "{b}");
    let b = app.get("/api/v1/imports/910003", &admin).await.body;
    assert_eq!(b["status"], "failed");
    assert!(b["message"].as_str().unwrap().contains("during the preview"), "{b}");
    assert!(b["finished_at"].is_string());
    let b = app.get("/api/v1/imports/910004", &admin).await.body;
    assert_eq!(
        (b["status"].as_str(), b["processed_rows"].as_i64()),
        (Some("running"), Some(500)),
        "a batch beating elsewhere runs on: {b}"
    );
}
