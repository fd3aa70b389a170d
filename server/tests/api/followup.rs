//! The follow-up engine: rules and the idempotent generator, outcomes and
//! the retry policy, automatic cancellation, overdue marking, working modes,
//! assignment, department scope, and every kind of follow-up.

use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use serde_json::{json, Value};

use crate::util::TestApp;

pub async fn new_patient(app: &TestApp, admin: &str, mrn: &str, phone: &str) -> i64 {
    let r = app.post("/api/v1/patients", admin, json!({"mrn": mrn, "name": "随访测试", "phones": [phone]})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    r.body["id"].as_i64().unwrap()
}

/// An inpatient stay discharged `days_ago` days ago with one diagnosis.
pub async fn discharge(
    app: &TestApp,
    admin: &str,
    patient: i64,
    no: &str,
    dept: i64,
    days_ago: i64,
    code: &str,
) -> i64 {
    let out = Utc::now() - Duration::days(days_ago);
    let r = app
        .post(
            &format!("/api/v1/patients/{patient}/visits"),
            admin,
            json!({"visit_no": no, "kind": "inpatient", "department_id": dept,
                   "admitted_at": (out - Duration::days(4)).to_rfc3339(), "discharged_at": out.to_rfc3339(),
                   "diagnoses": [{"code": code, "name": "诊断"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    r.body["id"].as_i64().unwrap()
}

pub async fn cardiology_rule(app: &TestApp, admin: &str) -> i64 {
    let card = app.department_id("HOSP1", "CARD").await;
    let survey = app.survey_id("HOSP1").await;
    let r = app
        .post(
            "/api/v1/followup/rules",
            admin,
            json!({"name": "心内科出院随访", "department_id": card, "icd_codes": "I20-I25, I50",
                   "rounds": [{"from_day": 3, "to_day": 10, "questionnaire_id": survey}, {"from_day": 30, "to_day": 30}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    r.body["id"].as_i64().unwrap()
}

pub async fn generate(app: &TestApp, token: &str) -> Value {
    let r = app.post("/api/v1/followup/generate", token, json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    r.body
}

pub async fn tasks_of(app: &TestApp, token: &str, query: &str) -> Vec<Value> {
    let r = app.get(&format!("/api/v1/followup/tasks?per_page=200&{query}"), token).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    r.body["items"].as_array().unwrap().clone()
}

async fn outcome(app: &TestApp, token: &str, task: i64, body: Value) -> crate::util::Response {
    app.post(&format!("/api/v1/followup/tasks/{task}/outcome"), token, body).await
}

pub async fn set_mode(app: &TestApp, admin: &str, mode: &str) {
    let r = app
        .call(
            Method::PUT,
            "/api/v1/followup/settings",
            Some(admin),
            Some(json!({"mode": mode, "max_attempts": 3, "retry_interval_hours": 24,
            "spot_check_percent": 0, "spot_check_questionnaire_id": null, "revisit_grace_days": 7})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
}

pub async fn user_id(app: &TestApp, username: &str) -> i64 {
    let u = username.to_string();
    app.db(move |conn| {
        use diesel::prelude::*;
        use hcrm_server::db::schema::users;
        hcrm_server::db_run!(conn: { users::table.filter(users::username.eq(&u)).select(users::id).first::<i64>(conn).unwrap() })
    })
    .await
}

/// A plain open task made through the store, as other producers do.
pub async fn store_task(app: &TestApp, patient: i64, dept: Option<i64>, kind: &str, key: &str) -> i64 {
    let (kind, key) = (kind.to_string(), key.to_string());
    app.db(move |conn| {
        let mut t = hcrm_server::followup::NewTask::callback(1, patient, dept, key, "测试任务", "");
        t.kind = kind.parse().unwrap();
        t.priority = hcrm_shared::followup::TaskPriority::Normal;
        hcrm_server::followup::create_task(conn, &t).unwrap().0
    })
    .await
}

#[tokio::test]
async fn discharge_rules_make_each_round_once_and_skip_cancelled_stays() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    set_mode(&app, &admin, "centralised").await;
    let card = app.department_id("HOSP1", "CARD").await;
    let orth = app.department_id("HOSP1", "ORTH").await;
    let rule = cardiology_rule(&app, &admin).await;
    let p = new_patient(&app, &admin, "FU0001", "13700000001").await;
    let hit = discharge(&app, &admin, p, "FU-V1", card, 5, "I21.9").await;
    let wrong_code = discharge(&app, &admin, p, "FU-V2", card, 5, "I10").await;
    let wrong_dept = discharge(&app, &admin, p, "FU-V3", orth, 5, "I21.9").await;
    let cancelled = discharge(&app, &admin, p, "FU-V4", card, 5, "I50.9").await;
    app.db(move |conn| {
        use diesel::prelude::*;
        use hcrm_server::db::schema::visits;
        hcrm_server::db_run!(conn: {
            diesel::update(visits::table.find(cancelled)).set(visits::cancelled_at.eq(Some(hcrm_server::db::now()))).execute(conn).unwrap();
        })
    })
    .await;
    let first = generate(&app, &admin).await;
    assert!(first["discharge"].as_u64().unwrap() >= 2, "{first}");
    let mine = tasks_of(&app, &admin, &format!("patient_id={p}&status=all&rule_id={rule}")).await;
    let visits: Vec<i64> = mine.iter().map(|t| t["visit_id"].as_i64().unwrap()).collect();
    assert_eq!(mine.len(), 2, "two rounds for the matching stay only: {mine:?}");
    assert!(visits.iter().all(|v| *v == hit), "{visits:?} {wrong_code} {wrong_dept}");
    assert!(mine.iter().all(|t| t["rule_id"] == rule && t["kind"] == "discharge"));
    let round1 = mine.iter().find(|t| t["title"].as_str().unwrap().contains("第1轮")).unwrap();
    assert_eq!(round1["questionnaire_id"], app.survey_id("HOSP1").await);
    assert_eq!(round1["phone_masked"], "137****0001", "lists mask phones");
    // Runs again: nothing new.
    let again = generate(&app, &admin).await;
    assert_eq!(again["discharge"], 0, "{again}");
    let rules = app.get("/api/v1/followup/rules", &admin).await;
    assert!(rules.body.as_array().unwrap().iter().any(|r| r["id"] == rule && r["task_count"].as_i64().unwrap() >= 2));
    // A bad ICD range is refused with the field named.
    let bad = app
        .post(
            "/api/v1/followup/rules",
            &admin,
            json!({"name": "x", "icd_codes": "I25-I20", "rounds": [{"from_day": 1, "to_day": 2}]}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.body["field"], "icd_codes");
}

#[tokio::test]
async fn no_answer_retries_until_the_last_attempt_fails_and_reached_completes() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let agent = app.login("agent1").await;
    let p = new_patient(&app, &admin, "FU0002", "13700000002").await;
    let a = store_task(&app, p, None, "discharge", "t:a").await;
    let b = store_task(&app, p, None, "discharge", "t:b").await;
    let r = outcome(&app, &agent, a, json!({"outcome": "no_answer", "note": "无人接听"})).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    assert_eq!(r.body["status"], "pending");
    assert_eq!(r.body["attempts"], 1);
    let next: chrono::DateTime<Utc> = serde_json::from_value(r.body["next_attempt_at"].clone()).unwrap();
    assert!(next > Utc::now() + Duration::hours(23), "retried a day later: {next}");
    // Not due today any more.
    assert!(!tasks_of(&app, &agent, "due_today=true").await.iter().any(|t| t["id"] == a));
    assert_eq!(outcome(&app, &agent, a, json!({"outcome": "busy"})).await.body["status"], "pending");
    let last = outcome(&app, &agent, a, json!({"outcome": "no_answer"})).await;
    assert_eq!(last.body["status"], "failed", "the third attempt was the last: {:?}", last.body);
    let closed = outcome(&app, &agent, a, json!({"outcome": "reached"})).await;
    assert_eq!(closed.status, StatusCode::CONFLICT);
    let detail = app.get(&format!("/api/v1/followup/tasks/{a}"), &agent).await;
    assert_eq!(detail.body["attempts"].as_array().unwrap().len(), 3);
    assert_eq!(detail.body["attempts"][0]["username"], "agent1");
    assert_eq!(detail.body["attempts"][0]["note"], "无人接听");

    let no_time = outcome(&app, &agent, b, json!({"outcome": "call_back"})).await;
    assert_eq!(no_time.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(no_time.body["field"], "callback_at");
    let at = (Utc::now() + Duration::hours(3)).to_rfc3339();
    let cb = outcome(&app, &agent, b, json!({"outcome": "call_back", "callback_at": at, "call_id": "PBX-1"})).await;
    assert_eq!(cb.body["status"], "pending");
    let done = outcome(&app, &agent, b, json!({"outcome": "reached", "note": "恢复良好"})).await;
    assert_eq!(done.body["status"], "completed");
    assert_eq!(app.audit_count("followup.outcome", Some(p)).await, 5);
    let card = app.get(&format!("/api/v1/patients/{p}"), &agent).await;
    assert!(card.body["contacts"].as_array().unwrap().len() >= 5, "each outcome is in the contact log");
    let bad = outcome(&app, &agent, b, json!({"outcome": "maybe"})).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn death_and_readmission_cancel_what_they_make_pointless() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let agent = app.login("agent1").await;
    let p = new_patient(&app, &admin, "FU0003", "13700000003").await;
    let a = store_task(&app, p, None, "discharge", "d:a").await;
    let b = store_task(&app, p, None, "discharge", "d:b").await;
    let c = store_task(&app, p, None, "department", "d:c").await;
    let r = outcome(&app, &agent, a, json!({"outcome": "readmitted"})).await;
    assert_eq!(r.body["status"], "completed");
    let all = tasks_of(&app, &admin, &format!("patient_id={p}&status=all")).await;
    let get = |id: i64| all.iter().find(|t| t["id"] == id).unwrap().clone();
    assert_eq!(get(b)["status"], "cancelled");
    assert_eq!(get(b)["cancel_reason"], "readmitted");
    assert_eq!(get(c)["status"], "pending", "a department plan is not a discharge follow-up");
    let e = store_task(&app, p, None, "callback", "d:e").await;
    let d = outcome(&app, &agent, c, json!({"outcome": "deceased", "note": "家属告知"})).await;
    assert_eq!(d.body["status"], "completed");
    let all = tasks_of(&app, &admin, &format!("patient_id={p}&status=all")).await;
    let e = all.iter().find(|t| t["id"] == e).unwrap();
    assert_eq!((e["status"].as_str(), e["cancel_reason"].as_str()), (Some("cancelled"), Some("deceased")));
    let card = app.get(&format!("/api/v1/patients/{p}"), &admin).await;
    assert!(card.body["patient"]["tags"].as_array().unwrap().iter().any(|t| t == "deceased"), "{:?}", card.body);
    assert_eq!(app.audit_count("patient.update", Some(p)).await, 1);
}

#[tokio::test]
async fn overdue_tasks_are_marked_and_filtered() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let p = new_patient(&app, &admin, "FU0004", "13700000004").await;
    let late = store_task(&app, p, None, "discharge", "o:late").await;
    let fresh = store_task(&app, p, None, "discharge", "o:fresh").await;
    app.db(move |conn| {
        use diesel::prelude::*;
        use hcrm_server::db::schema::followup_tasks as ft;
        let past = hcrm_server::db::now() - Duration::days(2);
        hcrm_server::db_run!(conn: {
            diesel::update(ft::table.find(late)).set((ft::due_from.eq(past - Duration::days(5)), ft::due_until.eq(past))).execute(conn).unwrap();
        })
    })
    .await;
    let r = generate(&app, &admin).await;
    assert!(r["overdue"].as_u64().unwrap() >= 1, "{r}");
    let overdue = tasks_of(&app, &admin, "overdue=true").await;
    assert!(overdue.iter().any(|t| t["id"] == late && t["overdue"] == true));
    assert!(!overdue.iter().any(|t| t["id"] == fresh));
    assert_eq!(generate(&app, &admin).await["overdue"], 0, "marked once");
}

#[tokio::test]
async fn department_scope_holds_for_doctors_nurses_and_managers() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let card = app.department_id("HOSP1", "CARD").await;
    let orth = app.department_id("HOSP1", "ORTH").await;
    let p = new_patient(&app, &admin, "FU0005", "13700000005").await;
    let card_task = store_task(&app, p, Some(card), "discharge", "s:card").await;
    let orth_task = store_task(&app, p, Some(orth), "discharge", "s:orth").await;
    let doctor_card = app.login("doctor.card").await;
    let nurse = app.login("nurse.card").await;
    let manager = app.login("manager.card").await;
    // Doctors see only what is assigned to them.
    assert_eq!(
        app.get(&format!("/api/v1/followup/tasks/{card_task}"), &doctor_card).await.status,
        StatusCode::NOT_FOUND
    );
    let dc = user_id(&app, "doctor.card").await;
    let r = app.post(&format!("/api/v1/followup/tasks/{card_task}/assign"), &manager, json!({"user_id": dc})).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{:?}", r.body);
    assert_eq!(app.get(&format!("/api/v1/followup/tasks/{card_task}"), &doctor_card).await.status, StatusCode::OK);
    // Orthopaedics stays out of reach for cardiology, whoever holds it.
    let dorth = user_id(&app, "doctor.orth").await;
    let r = app.post(&format!("/api/v1/followup/tasks/{orth_task}/assign"), &admin, json!({"user_id": dorth})).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    for t in [&doctor_card, &nurse, &manager] {
        assert_eq!(app.get(&format!("/api/v1/followup/tasks/{orth_task}"), t).await.status, StatusCode::NOT_FOUND);
        let r = outcome(&app, t, orth_task, json!({"outcome": "reached"})).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(!tasks_of(&app, t, "status=all").await.iter().any(|x| x["id"] == orth_task));
    }
    assert!(
        tasks_of(&app, &nurse, "").await.iter().any(|x| x["id"] == card_task),
        "a nurse sees the department's tasks"
    );
    let orth_doc = app.login("doctor.orth").await;
    assert!(tasks_of(&app, &orth_doc, "mine=true").await.iter().any(|t| t["id"] == orth_task));
    // A manager cannot hand a task to another department, nor reach it.
    let r = app.post(&format!("/api/v1/followup/tasks/{card_task}/assign"), &manager, json!({"user_id": dorth})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app.post(&format!("/api/v1/followup/tasks/{orth_task}/assign"), &manager, json!({"user_id": dc})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn department_plans_make_rounds_and_send_sms_rounds() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let manager = app.login("manager.card").await;
    let card = app.department_id("HOSP1", "CARD").await;
    let orth = app.department_id("HOSP1", "ORTH").await;
    let survey = app.survey_id("HOSP1").await;
    let p = new_patient(&app, &admin, "FU0009", "13700000009").await;
    discharge(&app, &admin, p, "FU-P1", card, 40, "I10").await;
    let today = (Utc::now() + Duration::hours(8)).date_naive();
    let body = json!({"name": "高血压管理", "department_id": card, "first_date": today, "interval_days": 30, "round_count": 3,
        "rounds": [{"channel": "sms"}, {"channel": "phone", "questionnaire_id": survey}], "sms_body": "{{name}}您好，请按时服药。", "patient_ids": [p]});
    let r = app.post("/api/v1/followup/plans", &manager, body.clone()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    let mut other = body.clone();
    other["department_id"] = json!(orth);
    assert_eq!(
        app.post("/api/v1/followup/plans", &manager, other).await.status,
        StatusCode::FORBIDDEN,
        "managers plan for their own department"
    );
    let g = generate(&app, &admin).await;
    assert_eq!(g["department"], 3, "{g}");
    assert_eq!(g["sms"], 1, "the first round is an SMS due today: {g}");
    let all = tasks_of(&app, &admin, &format!("patient_id={p}&status=all&kind=department")).await;
    assert_eq!(all.len(), 3);
    let sms_task = all.iter().find(|t| t["channel"] == "sms").unwrap();
    assert_eq!(sms_task["status"], "completed");
    assert_eq!(sms_task["outcome"], "sms_sent");
    let phone_rounds: Vec<_> = all.iter().filter(|t| t["channel"] == "phone").collect();
    assert!(phone_rounds.iter().all(|t| t["questionnaire_id"] == survey && t["status"] == "pending"));
    let messages = app.get(&format!("/api/v1/sms/messages?patient_id={p}"), &admin).await;
    let items = messages.body["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 1, "{:?}", messages.body);
    assert_eq!(items[0]["body"], "随访测试您好，请按时服药。");
    let g = generate(&app, &admin).await;
    assert_eq!((g["department"].as_u64(), g["sms"].as_u64()), (Some(0), Some(0)));
}

#[tokio::test]
async fn research_rules_pick_a_period_and_an_icd_range() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let card = app.department_id("HOSP1", "CARD").await;
    let p = new_patient(&app, &admin, "FU0010", "13700000010").await;
    let inside = discharge(&app, &admin, p, "FU-R1", card, 60, "I21.0").await;
    discharge(&app, &admin, p, "FU-R2", card, 60, "J18.9").await;
    discharge(&app, &admin, p, "FU-R3", card, 200, "I21.0").await;
    let from = (Utc::now() - Duration::days(90)).date_naive();
    let to = (Utc::now() - Duration::days(30)).date_naive();
    let r = app
        .post(
            "/api/v1/followup/rules",
            &admin,
            json!({"name": "急性心梗研究", "kind": "research", "icd_codes": "I21-I22",
            "period_from": from, "period_to": to, "rounds": [{"from_day": 30, "to_day": 37, "questionnaire_id": app.survey_id("HOSP1").await}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    let rule = r.body["id"].as_i64().unwrap();
    let g = generate(&app, &admin).await;
    assert!(g["research"].as_u64().unwrap() >= 1);
    let mine = tasks_of(&app, &admin, &format!("patient_id={p}&kind=research")).await;
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(mine[0]["visit_id"], inside);
    assert_eq!(mine[0]["rule_id"], rule);
    let due_until: chrono::DateTime<Utc> = serde_json::from_value(mine[0]["due_until"].clone()).unwrap();
    assert!(due_until > Utc::now(), "a past window starts today");
    let no_period = app
        .post(
            "/api/v1/followup/rules",
            &admin,
            json!({"name": "x", "kind": "research", "rounds": [{"from_day": 1, "to_day": 2}]}),
        )
        .await;
    assert_eq!(no_period.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_doctor_flags_an_outpatient_visit_once() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    set_mode(&app, &admin, "ward").await;
    let card = app.department_id("HOSP1", "CARD").await;
    let p = new_patient(&app, &admin, "FU0011", "13700000011").await;
    let v = discharge(&app, &admin, p, "FU-O1", card, 1, "I10").await;
    let doctor = app.login("doctor.card").await;
    let r =
        app.post(&format!("/api/v1/followup/visits/{v}/flag"), &doctor, json!({"note": "调药后一周复查血压"})).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    assert_eq!(r.body["created"], true);
    let task = r.body["task_id"].as_i64().unwrap();
    let again = app.post(&format!("/api/v1/followup/visits/{v}/flag"), &doctor, json!({})).await;
    assert_eq!((again.body["task_id"].as_i64(), again.body["created"].as_bool()), (Some(task), Some(false)));
    let mine = tasks_of(&app, &doctor, "mine=true").await;
    assert!(
        mine.iter().any(|t| t["id"] == task && t["kind"] == "outpatient"),
        "in the ward mode it is the doctor's own"
    );
    let orth = app.login("doctor.orth").await;
    assert_eq!(
        app.post(&format!("/api/v1/followup/visits/{v}/flag"), &orth, json!({})).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_revisit_date_texts_first_and_makes_a_task_when_no_booking_follows() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let card = app.department_id("HOSP1", "CARD").await;
    let p = new_patient(&app, &admin, "FU0012", "13700000012").await;
    let q = new_patient(&app, &admin, "FU0013", "13700000013").await;
    let tomorrow = (Utc::now() + Duration::hours(8) + Duration::days(1)).date_naive();
    let mut ids = Vec::new();
    for who in [p, q] {
        let r = app
            .post(
                "/api/v1/followup/revisits",
                &admin,
                json!({"patient_id": who, "department_id": card, "due_date": tomorrow}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
        ids.push(r.body["id"].as_i64().unwrap());
    }
    generate(&app, &admin).await;
    let sms = app.get(&format!("/api/v1/sms/messages?patient_id={p}"), &admin).await;
    assert_eq!(sms.body["items"].as_array().unwrap().len(), 1, "reminded the day before: {:?}", sms.body);
    // Time passes: the due date and the grace days are behind us. q came back.
    let ids2 = ids.clone();
    app.db(move |conn| {
        use diesel::prelude::*;
        use hcrm_server::db::schema::followup_revisits as fr;
        let long_ago = hcrm_server::db::now() - Duration::days(20);
        hcrm_server::db_run!(conn: {
            diesel::update(fr::table.filter(fr::id.eq_any(&ids2)))
                .set((fr::due_date.eq(long_ago.date() + Duration::days(1)), fr::reminded_at.eq(Some(long_ago))))
                .execute(conn)
                .unwrap();
        })
    })
    .await;
    discharge(&app, &admin, q, "FU-RV1", card, 5, "I10").await;
    let g = generate(&app, &admin).await;
    assert_eq!(g["revisit"], 1, "{g}");
    let tp = tasks_of(&app, &admin, &format!("patient_id={p}&kind=revisit")).await;
    assert_eq!(tp.len(), 1);
    assert!(tasks_of(&app, &admin, &format!("patient_id={q}&kind=revisit")).await.is_empty(), "a booking followed");
    assert_eq!(generate(&app, &admin).await["revisit"], 0);
    let followed = app
        .db(move |conn| {
            hcrm_server::followup::revisit::booking_followed(conn, q, card, hcrm_server::db::now() - Duration::days(30))
                .unwrap()
        })
        .await;
    assert!(followed);
}

/// Rows of one sheet as strings (numbers without a trailing ".0").
pub fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
    use calamine::{Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn statistics_count_attempts_and_coverage_and_export_with_charts() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let agent = app.login("agent1").await;
    let card = app.department_id("HOSP1", "CARD").await;
    let p = new_patient(&app, &admin, "FU0020", "13700000020").await;
    let a = store_task(&app, p, Some(card), "discharge", "st:a").await;
    let b = store_task(&app, p, Some(card), "discharge", "st:b").await;
    outcome(&app, &agent, a, json!({"outcome": "no_answer"})).await;
    outcome(&app, &agent, a, json!({"outcome": "reached", "note": "已随访"})).await;
    outcome(&app, &agent, b, json!({"outcome": "busy"})).await;
    let s = app.get("/api/v1/followup/stats", &admin).await;
    assert_eq!(s.status, StatusCode::OK, "{:?}", s.body);
    let w = s.body["workload"].as_array().unwrap().iter().find(|w| w["name"] == "客服王芳").unwrap().clone();
    assert_eq!((w["attempts"].as_i64(), w["reached"].as_i64(), w["completed"].as_i64()), (Some(3), Some(1), Some(1)));
    assert_eq!(s.body["contact"]["attempts"], 3);
    assert_eq!(s.body["contact"]["contacted"], 1);
    assert_eq!(s.body["contact"]["rate"], 33.3);
    let cov = s.body["coverage"].as_array().unwrap().iter().find(|c| c["department_id"] == card).unwrap().clone();
    assert!(cov["due"].as_i64().unwrap() >= 2 && cov["done"].as_i64().unwrap() >= 1);
    assert_eq!(s.body["trend"].as_array().unwrap().len(), 6, "six months by default");

    let (status, ct, bytes) = app.get_bytes("/api/v1/followup/stats/export", &admin).await;
    assert_eq!(status, StatusCode::OK);
    assert!(ct.starts_with("application/vnd.openxmlformats"), "{ct}");
    let rows = sheet(&bytes, "工作量");
    assert_eq!(rows[0], vec!["人员", "尝试次数", "接通", "完成"]);
    assert!(rows.iter().any(|r| r == &vec!["客服王芳".to_string(), "3".into(), "1".into(), "1".into()]), "{rows:?}");
    let contact = sheet(&bytes, "接通率");
    assert_eq!(contact[3], vec!["接通率%".to_string(), "33.3".into()]);
    assert!(
        bytes
            .windows(16)
            .any(|w| w == b"xl/chartsheets/"[..].iter().chain(b"s").copied().collect::<Vec<u8>>().as_slice()),
        "native chart sheets"
    );
    let (status, _, one) = app.get_bytes("/api/v1/followup/stats/export?which=coverage", &admin).await;
    assert_eq!(status, StatusCode::OK);
    assert!(sheet(&one, "科室覆盖").len() >= 2);
    let (status, _, _) = app.get_bytes("/api/v1/followup/stats/export?which=nonsense", &admin).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // The records, as a study would take them.
    let (status, _, records) =
        app.get_bytes(&format!("/api/v1/followup/export?patient_id={p}&status=all"), &agent).await;
    assert_eq!(status, StatusCode::OK);
    let rows = sheet(&records, "随访记录");
    assert_eq!(rows.len(), 3, "a header and two tasks: {rows:?}");
    assert!(rows
        .iter()
        .any(|r| r[0] == a.to_string() && r[7] == "completed" && r[8] == "reached" && r[14] == "已随访"));
    assert_eq!(app.audit_count("followup.export", None).await, 1);
    // A manager's statistics stay in their department.
    let manager = app.login("manager.card").await;
    let ms = app.get("/api/v1/followup/stats", &manager).await;
    assert!(ms.body["coverage"].as_array().unwrap().iter().all(|c| c["department_id"] == card));
}

#[tokio::test]
async fn every_hospital_gets_the_recurring_jobs_once() {
    let app = TestApp::new().await;
    let state = app.state.clone();
    tokio::task::spawn_blocking(move || {
        hcrm_server::followup::jobs::ensure_schedules(&state).unwrap();
        hcrm_server::followup::jobs::ensure_schedules(&state).unwrap();
    })
    .await
    .unwrap();
    let admin = app.login("admin").await;
    let list = app.get("/api/v1/jobs?kind=followup.generate", &admin).await;
    assert_eq!(list.body["total"], 1, "{:?}", list.body);
    assert_eq!(list.body["items"][0]["schedule"], "@every 1h");
    assert_eq!(app.get("/api/v1/jobs?kind=followup.auto_assign", &admin).await.body["total"], 1);
}
