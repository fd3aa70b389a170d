//! Knowledge base and lookup data (issue 10): versions and approval,
//! Chinese search (substrings, mixed Chinese and digits, pinyin initials)
//! on both backends, lookup scope, HIS imports, inquiry log.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::util::TestApp;

/// An .xlsx with the HIS inpatient columns and these rows, base64.
pub fn inpatients_workbook(rows: &[[&str; 6]]) -> String {
    workbook(
        &["科室", "住院号", "姓名", "床号", "入院日期", "诊断"],
        &rows.iter().map(|r| r.to_vec()).collect::<Vec<_>>(),
    )
}

pub fn workbook(header: &[&str], rows: &[Vec<&str>]) -> String {
    use base64::Engine;
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    base64::engine::general_purpose::STANDARD.encode(wb.save_to_buffer().unwrap())
}

fn enc(q: &str) -> String {
    form_urlencoded::byte_serialize(q.as_bytes()).collect()
}

async fn search(app: &TestApp, token: &str, q: &str) -> Vec<Value> {
    let r = app.get(&format!("/api/v1/knowledge/search?q={}", enc(q)), token).await;
    assert_eq!(r.status, StatusCode::OK, "{q}: {:?}", r.body);
    r.body.as_array().unwrap().clone()
}

async fn titles(app: &TestApp, token: &str, q: &str) -> Vec<String> {
    search(app, token, q).await.iter().map(|h| h["title"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn chinese_search_finds_substrings_digits_and_pinyin_initials() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    // Substrings of two characters, across word boundaries, in the body.
    assert_eq!(titles(&app, &agent, "诊时").await, ["门诊时间"]);
    assert_eq!(titles(&app, &agent, "保报").await, ["医保报销"]);
    assert_eq!(titles(&app, &agent, "报销比例").await, ["医保报销"]);
    assert!(titles(&app, &agent, "诊门").await.is_empty(), "bigrams keep their order");
    // A single character is a prefix of the bigrams.
    assert!(titles(&app, &agent, "销").await.contains(&"医保报销".to_string()));
    // Mixed Chinese and digits.
    assert_eq!(titles(&app, &agent, "3号楼").await, ["体检须知"]);
    let two = titles(&app, &agent, "2号楼").await;
    assert!(two.contains(&"医保报销".to_string()) && two.contains(&"CT检查注意事项".to_string()), "{two:?}");
    assert_eq!(titles(&app, &agent, "禁食4小时").await, ["CT检查注意事项"]);
    // Latin words, case- and width-folded, prefix while typing.
    assert_eq!(titles(&app, &agent, "ct").await, ["CT检查注意事项"]);
    assert_eq!(titles(&app, &agent, "ＣＴ检查").await, ["CT检查注意事项"]);
    // Pinyin initials of the title.
    assert_eq!(titles(&app, &agent, "mzsj").await, ["门诊时间"]);
    assert_eq!(titles(&app, &agent, "TJXZ").await, ["体检须知"]);
    assert_eq!(titles(&app, &agent, "ybbx").await, ["医保报销"]);
    // Ranking: a title hit comes before body hits.
    let hits = search(&app, &agent, "门诊").await;
    assert_eq!(hits[0]["title"], "门诊时间");
    // Highlighting.
    let hit = &search(&app, &agent, "诊时").await[0];
    assert!(hit["title_highlight"].as_array().unwrap().iter().any(|s| s["hit"] == true && s["text"] == "诊时"));
    let hit = &search(&app, &agent, "报销比例").await[0];
    assert!(hit["snippet"].as_array().unwrap().iter().any(|s| s["hit"] == true && s["text"] == "报销比例"));
    // The other hospital's index is its own.
    let h2 = app.login("h2.agent1").await;
    let mine = app
        .post(
            "/api/v1/knowledge/articles",
            &agent,
            json!({"category": "测试", "title": "独家消息", "body": "只在一院"}),
        )
        .await;
    let id = mine.body["article"]["id"].as_i64().unwrap();
    app.post(&format!("/api/v1/knowledge/articles/{id}/submit"), &agent, json!({})).await;
    app.post(&format!("/api/v1/knowledge/articles/{id}/review"), &app.login("admin").await, json!({"approve": true}))
        .await;
    assert_eq!(titles(&app, &agent, "独家").await, ["独家消息"]);
    assert!(titles(&app, &h2, "独家").await.is_empty());
}

#[tokio::test]
async fn articles_go_through_versions_and_approval() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let manager = app.login("manager.card").await;
    let r = app
        .post(
            "/api/v1/knowledge/articles",
            &agent,
            json!({"category": "专家咨询", "title": "房颤抗凝", "tags": ["房颤", "华法林"], "body": "华法林需定期监测INR", "source_call_uuid": "call-77"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    let id = r.body["article"]["id"].as_i64().unwrap();
    assert_eq!(r.body["article"]["status"], "draft");
    assert_eq!(r.body["article"]["source_call_uuid"], "call-77");
    assert!(titles(&app, &agent, "华法林").await.is_empty(), "drafts are not searchable");
    let path = format!("/api/v1/knowledge/articles/{id}");
    assert_eq!(
        app.post(&format!("{path}/review"), &manager, json!({"approve": true})).await.status,
        StatusCode::CONFLICT,
        "nothing pending"
    );
    assert_eq!(app.post(&format!("{path}/submit"), &agent, json!({})).await.status, StatusCode::OK);
    let edit = json!({"category": "专家咨询", "title": "房颤抗凝治疗", "body": "新型口服抗凝药无需监测INR"});
    assert_eq!(
        app.call(axum::http::Method::PUT, &path, Some(&agent), Some(edit.clone())).await.status,
        StatusCode::CONFLICT,
        "pending"
    );
    assert_eq!(
        app.post(&format!("{path}/review"), &agent, json!({"approve": true})).await.status,
        StatusCode::FORBIDDEN
    );
    let r = app.post(&format!("{path}/review"), &manager, json!({"approve": true, "note": "准确"})).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body["article"]["published_version"], 1);
    assert_eq!(titles(&app, &agent, "华法林").await, ["房颤抗凝"]);
    // Editing the published article starts version 2; version 1 stays live.
    let r = app.call(axum::http::Method::PUT, &path, Some(&agent), Some(edit)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body["article"]["latest_version"], 2);
    assert_eq!(r.body["article"]["title"], "房颤抗凝", "the published text is unchanged");
    assert_eq!(titles(&app, &agent, "华法林").await, ["房颤抗凝"]);
    assert!(titles(&app, &agent, "口服").await.is_empty());
    app.post(&format!("{path}/submit"), &agent, json!({})).await;
    let r = app.post(&format!("{path}/review"), &manager, json!({"approve": false, "note": "补充出处"})).await;
    assert_eq!(r.body["versions"][0]["status"], "rejected");
    app.post(&format!("{path}/submit"), &agent, json!({})).await;
    assert_eq!(app.post(&format!("{path}/submit"), &agent, json!({})).await.status, StatusCode::CONFLICT);
    let r = app
        .call(
            axum::http::Method::PUT,
            &path,
            Some(&agent),
            Some(json!({"category": "专家咨询", "title": "房颤抗凝治疗", "body": "新型口服抗凝药无需监测INR（出处：指南2024）"})),
        )
        .await;
    assert_eq!(r.body["article"]["latest_version"], 3);
    app.post(&format!("{path}/submit"), &agent, json!({})).await;
    let r = app.post(&format!("{path}/review"), &manager, json!({"approve": true})).await;
    assert_eq!(r.body["article"]["published_version"], 3);
    let statuses: Vec<&str> =
        r.body["versions"].as_array().unwrap().iter().map(|v| v["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["published", "rejected", "superseded"]);
    assert_eq!(titles(&app, &agent, "口服").await, ["房颤抗凝治疗"]);
    assert!(titles(&app, &agent, "华法林").await.is_empty(), "the old text left the index");
    // Readers without write access see published articles only.
    let draft = app
        .post("/api/v1/knowledge/articles", &agent, json!({"category": "x", "title": "未发布草稿", "body": "x"}))
        .await;
    let doc = app.get("/api/v1/knowledge/articles", &app.login("doctor.card").await).await;
    assert!(!doc.body.as_array().unwrap().iter().any(|a| a["id"] == draft.body["article"]["id"]));
}

#[tokio::test]
async fn lookup_search_covers_items_and_hides_the_staff_book() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let doctor = app.login("doctor.card").await;
    let r = app.get(&format!("/api/v1/lookup/search?q={}", enc("阿司")), &agent).await;
    assert_eq!(r.body["items"][0]["name"], "阿司匹林肠溶片");
    let r = app.get("/api/v1/lookup/search?q=asp", &agent).await;
    assert!(r.body["items"].as_array().unwrap().iter().any(|i| i["name"] == "阿司匹林肠溶片"), "pinyin initials");
    let r = app.get(&format!("/api/v1/lookup/search?q={}", enc("门诊")), &agent).await;
    assert_eq!(r.body["articles"][0]["title"], "门诊时间");
    let r = app.get(&format!("/api/v1/lookup/items?kind=exam&q={}", enc("胃镜")), &agent).await;
    assert_eq!(r.body[0]["info"], "检查前禁食8小时，禁水2小时");
    // The staff address book is restricted.
    let r = app.get(&format!("/api/v1/lookup/search?q={}", enc("张建国")), &agent).await;
    assert_eq!(r.body["items"][0]["kind"], "staff");
    let r = app.get(&format!("/api/v1/lookup/search?q={}", enc("张建国")), &doctor).await;
    assert!(r.body["items"].as_array().unwrap().is_empty());
    assert_eq!(app.get("/api/v1/lookup/items?kind=staff", &doctor).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/api/v1/lookup/staff", &doctor).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/api/v1/lookup/staff", &agent).await.body.as_array().unwrap().len(), 2);
    // The expert clinic timetable comes from the appointment schedules
    // (the demo cardiology expert clinic, Tuesdays and Thursdays).
    let timetable = app.get("/api/v1/lookup/expert-timetable", &agent).await.body;
    let sessions = timetable.as_array().unwrap();
    assert!(!sessions.is_empty() && sessions.iter().all(|s| s["title"] == "心内科专家门诊"), "{timetable}");
}

#[tokio::test]
async fn his_imports_are_checked_scoped_and_audited() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let good = inpatients_workbook(&[
        ["心血管内科", "Z100", "王伟", "12", "2026-11-01", "高血压"],
        ["骨科", "Z200", "李娜", "3", "2026-11-05", "骨折"],
    ]);
    let r = app.post("/api/v1/lookup/import/inpatients", &admin, json!({"file_base64": good})).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    assert_eq!(r.body["rows"], 2);
    // A bad row names row and column, and nothing is replaced.
    let bad = inpatients_workbook(&[
        ["心血管内科", "Z300", "张三", "1", "2026-11-01", ""],
        ["不存在科", "Z400", "赵六", "2", "2026-11-02", ""],
    ]);
    let r = app.post("/api/v1/lookup/import/inpatients", &admin, json!({"file_base64": bad})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body["detail"].as_str().unwrap().contains("row 3, column \"科室\""), "{:?}", r.body);
    let bad_date = inpatients_workbook(&[["骨科", "Z500", "钱七", "2", "11月2日", ""]]);
    let r = app.post("/api/v1/lookup/import/inpatients", &admin, json!({"file_base64": bad_date})).await;
    assert!(r.body["detail"].as_str().unwrap().contains("row 2, column \"入院日期\""), "{:?}", r.body);
    let r = app.post("/api/v1/lookup/import/inpatients", &admin, json!({"file_base64": "bm90IGV4Y2Vs"})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let agent = app.login("agent1").await;
    assert_eq!(app.get("/api/v1/lookup/inpatients", &agent).await.body.as_array().unwrap().len(), 2);
    let doc = app.login("doctor.card").await;
    let mine = app.get("/api/v1/lookup/inpatients", &doc).await;
    assert_eq!(mine.body.as_array().unwrap().len(), 1, "department scope");
    assert_eq!(mine.body[0]["name"], "王伟");
    assert!(app.audit_count("lookup.inpatients", None).await >= 2);
    assert_eq!(app.audit_count("lookup.import_inpatients", None).await, 1);
    // Surgeries, by date.
    let surg = workbook(
        &["日期", "科室", "住院号", "姓名", "手术名称", "手术间", "时间"],
        &[vec!["2026-11-23", "骨科", "Z200", "李娜", "股骨颈骨折内固定术", "3", "09:00"]],
    );
    let r = app.post("/api/v1/lookup/import/surgeries", &admin, json!({"file_base64": surg})).await;
    assert_eq!(r.body["rows"], 1, "{:?}", r.body);
    assert_eq!(
        app.get("/api/v1/lookup/surgeries?date=2026-11-23", &agent).await.body[0]["operation"],
        "股骨颈骨折内固定术"
    );
    assert!(app.get("/api/v1/lookup/surgeries?date=2026-11-23", &doc).await.body.as_array().unwrap().is_empty());
    assert_eq!(
        app.post("/api/v1/lookup/import/other", &admin, json!({"file_base64": ""})).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn inquiries_are_logged_with_their_topic() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let patient = app.patient_id("A000000001").await;
    for topic in ["门诊时间", "医保报销", "门诊时间"] {
        let r = app
            .post("/api/v1/inquiries", &agent, json!({"topic": topic, "patient_id": patient, "call_uuid": "c-9"}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    }
    assert_eq!(
        app.post("/api/v1/inquiries", &agent, json!({"topic": ""})).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.post("/api/v1/inquiries", &agent, json!({"topic": "x", "patient_id": 999999})).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let top = app
        .db(|conn| {
            let far = chrono::NaiveDate::from_ymd_opt(2100, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
            hcrm_server::knowledge::service::inquiries::top_topics(conn, 1, chrono::NaiveDateTime::default(), far, 10)
                .unwrap()
        })
        .await;
    assert_eq!(top[0].topic, "门诊时间");
    assert_eq!(top[0].count, 2);
}

/// The ranking runs in the database (grouped, ordered and limited there)
/// over an index that carries the weights; its results are those of the
/// plain definition: every condition present, the best term weight per
/// condition summed, the best alternative counting, ties by newest id.
#[tokio::test]
async fn search_ranking_in_sql_matches_the_definition() {
    use diesel::prelude::*;
    use hcrm_server::db::schema::kb_terms;
    use hcrm_server::knowledge::service::search::{self, Cond};
    use std::collections::HashMap;
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let admin = app.login("admin").await;
    for (title, body) in [
        ("门诊时间表", "门诊时间 周一至周五"),
        ("急诊门诊", "门诊楼一楼 急诊 24小时"),
        ("时间安排", "门诊 时间"),
        ("门诊缴费", "门诊门诊 缴费窗口"),
    ] {
        let r = app
            .post("/api/v1/knowledge/articles", &agent, json!({"category": "门诊", "title": title, "body": body}))
            .await;
        let id = r.body["article"]["id"].as_i64().unwrap();
        app.post(&format!("/api/v1/knowledge/articles/{id}/submit"), &agent, json!({})).await;
        app.post(&format!("/api/v1/knowledge/articles/{id}/review"), &admin, json!({"approve": true})).await;
    }
    let hospital: i64 = app.db(|c| hcrm_server::db_run!(c: { hcrm_server::db::schema::hospitals::table.filter(hcrm_server::db::schema::hospitals::code.eq("HOSP1")).select(hcrm_server::db::schema::hospitals::id).first(c).unwrap() })).await;
    for q in ["门诊", "门诊时间", "门", "时", "mz", "mzsj", "2号楼", "门诊门诊", "诊时 1", "无此词语"]
    {
        let (got, want) = app
            .db(move |c| {
                let got = search::matching(c, hospital, q, 3).unwrap();
                let rows: Vec<(String, i64, i32)> = hcrm_server::db_run!(c: {
                    kb_terms::table.filter(kb_terms::hospital_id.eq(hospital)).select((kb_terms::term, kb_terms::article_id, kb_terms::weight)).load(c).unwrap()
                });
                let mut best: HashMap<i64, i64> = HashMap::new();
                for alt in search::query_alternatives(q) {
                    let mut acc: Option<HashMap<i64, i64>> = None;
                    for cond in &alt {
                        let mut m: HashMap<i64, i64> = HashMap::new();
                        for (t, a, w) in &rows {
                            let ok = match cond {
                                Cond::Exact(e) => t == e,
                                Cond::Prefix(p) => t.starts_with(p.as_str()),
                            };
                            if ok {
                                let e = m.entry(*a).or_default();
                                *e = (*e).max(*w as i64);
                            }
                        }
                        acc = Some(match acc {
                            None => m,
                            Some(acc) => acc.into_iter().filter_map(|(k, v)| m.get(&k).map(|w| (k, v + w))).collect(),
                        });
                    }
                    for (k, v) in acc.unwrap_or_default() {
                        let e = best.entry(k).or_default();
                        *e = (*e).max(v);
                    }
                }
                let mut want: Vec<(i64, i64)> = best.into_iter().collect();
                want.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
                want.truncate(15);
                (got, want)
            })
            .await;
        assert_eq!(got, want, "{q}");
    }
    // A very long query is refused by field (each term is a join).
    let long: String = (0..60u32).map(|i| char::from_u32(0x4e00 + i).unwrap()).collect();
    let r = app.get(&format!("/api/v1/knowledge/search?q={}", enc(&long)), &agent).await;
    assert_eq!((r.status, r.body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("q")), "{:?}", r.body);
    if app.is_postgres() {
        // The primary key carries the weight: ranking is answered from the index.
        let def: String = app
            .db(|c| match c {
                hcrm_server::db::DbConnection::Postgresql(c) => {
                    diesel::select(diesel::dsl::sql::<diesel::sql_types::Text>(
                        "(SELECT indexdef FROM pg_indexes WHERE indexname = 'kb_terms_pkey')",
                    ))
                    .get_result(c)
                    .unwrap()
                }
                _ => unreachable!(),
            })
            .await;
        assert!(def.contains("INCLUDE (weight)"), "{def}");
    }
}

/// The expert timetable starts on the hospital's local date, not the UTC
/// one: the offset is chosen so that the two dates differ now.
#[tokio::test]
async fn the_expert_timetable_starts_on_the_local_date() {
    use chrono::{Duration, Timelike, Utc};
    let utc = Utc::now().naive_utc();
    // Before noon UTC, UTC-13 is still yesterday; after, UTC+13 is tomorrow.
    let offset: i64 = if utc.hour() < 12 { -13 * 60 } else { 13 * 60 };
    let app = TestApp::with_config(move |c| c.utc_offset_minutes = offset as i32).await;
    let local = (Utc::now().naive_utc() + Duration::minutes(offset)).date();
    assert_ne!(local, Utc::now().naive_utc().date());
    let dept = app.department_id("HOSP1", "CARD").await;
    for (day, title) in [(local - Duration::days(1), "时区测试·前一天"), (local, "时区测试·当天")] {
        app.db(move |conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::{appt_sessions, hospitals};
            let start = day.and_hms_opt(1, 0, 0).unwrap();
            hcrm_server::db_run!(conn: {
                let h: i64 = hospitals::table.filter(hospitals::code.eq("HOSP1")).select(hospitals::id).first(conn).unwrap();
                diesel::insert_into(appt_sessions::table)
                    .values((
                        appt_sessions::hospital_id.eq(h),
                        appt_sessions::department_id.eq(dept),
                        appt_sessions::title.eq(title),
                        appt_sessions::is_expert.eq(true),
                        appt_sessions::day.eq(day),
                        appt_sessions::session.eq("morning"),
                        appt_sessions::starts_at.eq(start),
                        appt_sessions::ends_at.eq(start + Duration::hours(3)),
                        appt_sessions::slot_minutes.eq(30),
                        appt_sessions::capacity.eq(6),
                        appt_sessions::onsite_every.eq(0),
                        appt_sessions::release_at.eq(start - Duration::days(7)),
                        appt_sessions::created_at.eq(start - Duration::days(7)),
                    ))
                    .execute(conn)
                    .unwrap();
            })
        })
        .await;
    }
    let agent = app.login("agent1").await;
    let r = app.get("/api/v1/lookup/expert-timetable", &agent).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    let titles: Vec<&str> = r
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["title"].as_str())
        .filter(|t| t.starts_with("时区测试"))
        .collect();
    assert_eq!(titles, ["时区测试·当天"], "{}", r.body);
    assert_eq!(r.body[0]["day"].as_str().map(|d| d >= local.to_string().as_str()), Some(true), "{}", r.body);
}
