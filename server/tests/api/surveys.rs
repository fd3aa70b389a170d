//! Questionnaires and surveys: versions, the four channels, answer rules,
//! anonymity, statistics and the Excel export.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use diesel::prelude::*;
use hcrm_server::db::schema::{
    audit_log, feedback_tickets, followup_tasks, questionnaire_versions, sms_messages, staff_survey_assignees,
    survey_responses,
};
use hcrm_server::db_run;
use serde_json::{json, Value};

use crate::util::TestApp;

fn branching() -> Value {
    let cases: Value = serde_json::from_str(include_str!("../../../shared/src/questionnaire/cases.json")).unwrap();
    cases["template"].clone()
}

async fn discharge(app: &TestApp, token: &str) -> i64 {
    let list = app.get("/api/v1/surveys/questionnaires", token).await;
    list.body.as_array().unwrap().iter().find(|q| q["code"] == "DISCHARGE_SATISFACTION").unwrap()["id"]
        .as_i64()
        .unwrap()
}

/// A patient with a cardiology visit.
async fn card_patient(app: &TestApp) -> i64 {
    let dept = app.department_id("HOSP1", "CARD").await;
    app.db(move |conn| {
        use hcrm_server::db::schema::visits;
        db_run!(conn: { visits::table.filter(visits::department_id.eq(dept)).order(visits::id).select(visits::patient_id).first::<i64>(conn).unwrap() })
    })
    .await
}

async fn put(app: &TestApp, path: &str, token: &str, body: Value) -> crate::util::Response {
    app.call(Method::PUT, path, Some(token), Some(body)).await
}

#[tokio::test]
async fn a_published_version_never_changes_and_old_answers_still_read() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let agent = app.login("agent1").await;
    let created = app
        .post(
            "/api/v1/surveys/questionnaires",
            &admin,
            json!({"code": "BRANCH", "name": "分支", "template": branching(), "publish": true}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    let qid = created.body["id"].as_i64().unwrap();
    let v1 = created.body["current_version_id"].as_i64().unwrap();
    let patient = card_patient(&app).await;
    let answers = json!({"q1": 2, "q2": 3, "q3": "d", "q4": ["wait", "cost"], "q5": "排队两个小时"});
    let r = app
        .post(
            "/api/v1/surveys/responses",
            &agent,
            json!({"questionnaire_id": qid, "patient_id": patient, "answers": answers}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    assert_eq!(r.body["score"], 7.0);
    assert_eq!(r.body["satisfaction"], "dissatisfied");
    let rid = r.body["id"].as_i64().unwrap();

    // Edit after answers exist: the options of q3 change meaning and score.
    let mut t = branching();
    t["sections"][0]["questions"][2]["options"] = json!([
        {"value": "good", "label": "好", "score": 10, "level": "very_satisfied"},
        {"value": "bad", "label": "差", "score": 0, "level": "very_dissatisfied"}]);
    t["sections"][0]["questions"][2]["jumps"] = json!([{"when": {"op": "chosen", "values": ["bad"]}, "goto": "q4"}]);
    t["rules"][0]["when"] = json!({"op": "chosen", "values": ["bad"]});
    let edited =
        put(&app, &format!("/api/v1/surveys/questionnaires/{qid}/draft"), &admin, json!({"template": t})).await;
    assert_eq!(edited.status, StatusCode::OK, "{:?}", edited.body);
    assert_eq!(edited.body["versions"].as_array().unwrap().len(), 2);
    assert_eq!(edited.body["draft_version"], 2);
    assert_eq!(edited.body["current_version_id"], v1, "the draft is not live yet");
    let old = app.get(&format!("/api/v1/surveys/versions/{v1}"), &agent).await;
    assert_eq!(
        old.body["content"]["sections"][0]["questions"][2]["options"][3]["value"], "d",
        "version 1 is untouched"
    );
    let published = app.post(&format!("/api/v1/surveys/questionnaires/{qid}/publish"), &admin, json!({})).await;
    assert_eq!(published.status, StatusCode::OK);
    assert_ne!(published.body["current_version_id"], v1);
    let again = app.post(&format!("/api/v1/surveys/questionnaires/{qid}/publish"), &admin, json!({})).await;
    assert_eq!(again.status, StatusCode::CONFLICT);

    // The old answers still read and score on their own version.
    let read = app.get(&format!("/api/v1/surveys/responses/{rid}"), &agent).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.body["version_id"], v1);
    assert_eq!(read.body["version"], 1);
    assert_eq!(read.body["answers"]["q3"], "d");
    assert_eq!(read.body["score"], 7.0);
    // New answers follow version 2; "d" is no longer an option.
    let bad = app
        .post(
            "/api/v1/surveys/responses",
            &agent,
            json!({"questionnaire_id": qid, "patient_id": patient, "answers": {"q1": 5, "q3": "d"}}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.body["field"], "answers.q3");
    // The statistics still label the old answer with its own version's text.
    let stats = app.get(&format!("/api/v1/surveys/stats?questionnaire_id={qid}"), &admin).await;
    let q3 = stats.body["questions"].as_array().unwrap().iter().find(|q| q["id"] == "q3").unwrap().clone();
    let d = q3["distribution"].as_array().unwrap().iter().find(|c| c["value"] == "d").unwrap().clone();
    assert_eq!((d["label"].as_str(), d["count"].as_i64()), (Some("不满意"), Some(1)));

    // The database refuses to change a published version, whatever the caller.
    let refused = app
        .db(move |conn| {
            db_run!(conn: {
                diesel::update(questionnaire_versions::table.find(v1)).set(questionnaire_versions::content.eq("{}")).execute(conn).is_err()
            })
        })
        .await;
    assert!(refused);
}

#[tokio::test]
async fn templates_round_trip_as_json_and_bad_ones_say_where() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let qid = discharge(&app, &admin).await;
    let doc = app.get(&format!("/api/v1/surveys/questionnaires/{qid}/export"), &admin).await;
    assert_eq!(doc.body["format"], "hcrm-questionnaire");
    let mut copy = doc.body.clone();
    copy["code"] = json!("COPY");
    let imported = app.post("/api/v1/surveys/questionnaires/import", &admin, copy.clone()).await;
    assert_eq!(imported.status, StatusCode::CREATED, "{:?}", imported.body);
    assert_eq!(imported.body["latest"]["content"], doc.body["template"]);
    let mut bad = copy;
    bad["template"]["sections"][0]["questions"][0]["next"] = json!("nowhere");
    let r = app.post("/api/v1/surveys/questionnaires/import", &admin, bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body["detail"].as_str().unwrap().contains("doctor: jumps to \"nowhere\""), "{:?}", r.body);
    let mut dup = branching();
    dup["sections"][1]["questions"][0]["id"] = json!("q1");
    let r = app
        .post("/api/v1/surveys/questionnaires", &admin, json!({"code": "DUP", "name": "重复", "template": dup}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body["detail"].as_str().unwrap().contains("q1: duplicate question id"), "{:?}", r.body);
    // Nothing half-written.
    let list = app.get("/api/v1/surveys/questionnaires", &admin).await;
    assert!(!list.body.as_array().unwrap().iter().any(|q| q["code"] == "DUP"));
}

#[tokio::test]
async fn a_low_score_opens_a_callback_task_and_tells_the_department_manager() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let manager = app.login("manager.card").await;
    let qid = discharge(&app, &agent).await;
    let patient = card_patient(&app).await;
    let before = app.get("/api/v1/notifications/unread-count", &manager).await.body["unread"].as_i64().unwrap_or(0);
    // Answered on a discharge follow-up task.
    let card = app.department_id("HOSP1", "CARD").await;
    let task = app
        .db(move |conn| {
            let hospital = db_run!(conn: { followup_tasks::table.select(followup_tasks::hospital_id).first::<i64>(conn).optional().unwrap() });
            let hospital = hospital.unwrap_or_else(|| {
                use hcrm_server::db::schema::hospitals;
                db_run!(conn: { hospitals::table.filter(hospitals::code.eq("HOSP1")).select(hospitals::id).first::<i64>(conn).unwrap() })
            });
            let mut t = hcrm_server::followup::NewTask::callback(hospital, patient, Some(card), "test:discharge", "出院随访", "");
            t.kind = hcrm_shared::followup::TaskKind::Discharge;
            t.priority = hcrm_shared::followup::TaskPriority::Normal;
            hcrm_server::followup::create_task(conn, &t).unwrap().0
        })
        .await;
    let answers = json!({"doctor": 2, "nurse": 4, "explain": "partly", "overall": "vd", "reasons": ["wait"], "details": "出院结算等了三个小时"});
    let r = app
        .post(
            "/api/v1/surveys/responses",
            &agent,
            json!({"questionnaire_id": qid, "patient_id": patient, "followup_task_id": task, "answers": answers}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    assert_eq!(r.body["followup_task_id"], task);
    assert_eq!(r.body["department_id"], card);
    let rid = r.body["id"].as_i64().unwrap();
    let tasks = r.body["callback_task_ids"].as_array().unwrap().clone();
    assert_eq!(tasks.len(), 2, "overall very dissatisfied and the doctor's low score: {:?}", r.body);
    let rows: Vec<(String, String, String, String, Option<i64>)> = app
        .db(move |conn| {
            db_run!(conn: {
                followup_tasks::table
                    .filter(followup_tasks::source_key.like(format!("survey_response:{rid}:%")))
                    .order(followup_tasks::source_key)
                    .select((followup_tasks::source_key, followup_tasks::kind, followup_tasks::priority, followup_tasks::status, followup_tasks::department_id))
                    .load(conn)
                    .unwrap()
            })
        })
        .await;
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0],
        (
            format!("survey_response:{rid}:dissatisfied"),
            "callback".into(),
            "urgent".into(),
            "pending".into(),
            Some(card)
        )
    );
    assert_eq!(rows[1].0, format!("survey_response:{rid}:doctor_low"));
    // Each triggered rule also opens a complaint ticket for the department.
    let tickets: Vec<(String, Option<String>)> = app
        .db(move |conn| {
            db_run!(conn: {
                feedback_tickets::table
                    .filter(feedback_tickets::source.eq("questionnaire"))
                    .order(feedback_tickets::source_ref)
                    .select((feedback_tickets::kind, feedback_tickets::source_ref))
                    .load(conn)
                    .unwrap()
            })
        })
        .await;
    assert_eq!(
        tickets,
        vec![
            ("complaint".to_string(), Some(format!("survey_response:{rid}:dissatisfied"))),
            ("complaint".to_string(), Some(format!("survey_response:{rid}:doctor_low"))),
        ]
    );
    // The follow-up record export carries the answers given on the task.
    let (status, _, records) =
        app.get_bytes(&format!("/api/v1/followup/export?patient_id={patient}&status=all"), &agent).await;
    assert_eq!(status, StatusCode::OK);
    let rows = crate::followup::sheet(&records, "随访记录");
    assert_eq!((rows[0][15].as_str(), rows[0][16].as_str()), ("问卷答案", "满意度"), "{:?}", rows[0]);
    let row = rows.iter().find(|r| r[0] == task.to_string()).unwrap_or_else(|| panic!("task {task} in {rows:?}"));
    assert!(row[15].contains("出院结算等了三个小时") && row[15].contains("：2"), "{row:?}");
    assert!(!row[16].is_empty(), "{row:?}");
    let after = app.get("/api/v1/notifications/unread-count", &manager).await;
    // The two rule alerts (the new tickets may notify the department too).
    assert!(after.body["unread"].as_i64().unwrap() >= before + 2, "{:?}", after.body);
    let notes = app.get("/api/v1/notifications", &manager).await;
    let titles: Vec<&str> =
        notes.body["items"].as_array().unwrap().iter().map(|n| n["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"出院满意度调查：不满意"), "{titles:?}");
    // A satisfied answer opens nothing.
    let ok = app.post("/api/v1/surveys/responses", &agent, json!({"questionnaire_id": qid, "patient_id": patient, "answers": {"doctor": 5, "nurse": 5, "explain": "yes", "overall": "vs"}})).await;
    assert_eq!(ok.body["callback_task_ids"], json!([]));
    assert!(app.audit_count("survey.response", Some(patient)).await >= 2);
}

#[tokio::test]
async fn answers_follow_the_path_and_the_department_scope() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let qid = discharge(&app, &agent).await;
    let patient = card_patient(&app).await;
    let off = app
        .post(
            "/api/v1/surveys/responses",
            &agent,
            json!({"questionnaire_id": qid, "patient_id": patient,
        "answers": {"doctor": 5, "nurse": 5, "explain": "yes", "overall": "s", "reasons": ["wait"]}}),
        )
        .await;
    assert_eq!(off.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(off.body["field"], "answers.reasons");
    let missing = app
        .post(
            "/api/v1/surveys/responses",
            &agent,
            json!({"questionnaire_id": qid, "patient_id": patient, "answers": {"doctor": 5, "overall": "s"}}),
        )
        .await;
    assert_eq!(missing.body["field"], "answers.nurse");
    let ok = app.post("/api/v1/surveys/responses", &agent, json!({"questionnaire_id": qid, "patient_id": patient, "answers": {"doctor": 5, "nurse": 5, "explain": "yes", "overall": "s"}})).await;
    let rid = ok.body["id"].as_i64().unwrap();
    // Ward staff of another department see neither the patient nor the answers.
    let orth = app.login("doctor.orth").await;
    assert_eq!(app.get(&format!("/api/v1/surveys/responses/{rid}"), &orth).await.status, StatusCode::NOT_FOUND);
    let card = app.login("doctor.card").await;
    assert_eq!(app.get(&format!("/api/v1/surveys/responses/{rid}"), &card).await.status, StatusCode::OK);
    // Another hospital sees nothing.
    let h2 = app.login("h2.agent1").await;
    assert_eq!(app.get(&format!("/api/v1/surveys/responses/{rid}"), &h2).await.status, StatusCode::NOT_FOUND);
    let other =
        app.post("/api/v1/surveys/responses", &h2, json!({"questionnaire_id": qid, "answers": {"doctor": 5}})).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
}

async fn public(
    app: &TestApp,
    method: Method,
    path: &str,
    body: Option<Value>,
    kiosk: Option<&str>,
) -> crate::util::Response {
    let mut req = Request::builder().method(method).uri(path).header("x-forwarded-for", "203.0.113.9");
    if let Some(k) = kiosk {
        req = req.header("x-kiosk-token", k);
    }
    let req = match body {
        Some(b) => req.header(header::CONTENT_TYPE, "application/json").body(Body::from(b.to_string())).unwrap(),
        None => req.body(Body::empty()).unwrap(),
    };
    app.raw(req).await
}

#[tokio::test]
async fn an_sms_link_takes_one_answer_and_expires() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let qid = discharge(&app, &agent).await;
    let patient = card_patient(&app).await;
    let link = app.post("/api/v1/surveys/links", &agent, json!({"questionnaire_id": qid, "patient_id": patient})).await;
    assert_eq!(link.status, StatusCode::CREATED, "{:?}", link.body);
    let token = link.body["token"].as_str().unwrap().to_string();
    let sms = link.body["sms_message_id"].as_i64().expect("an SMS was queued");
    let body: String = app.db(move |conn| db_run!(conn: { sms_messages::table.find(sms).select(sms_messages::body).first(conn).unwrap() })).await;
    assert!(body.contains(&format!("/survey/{token}")), "{body}");

    let form = public(&app, Method::GET, &format!("/api/v1/public/surveys/{token}"), None, None).await;
    assert_eq!(form.status, StatusCode::OK, "{:?}", form.body);
    assert_eq!(form.body["title"], "出院患者满意度调查");
    assert!(form.body.get("patient_id").is_none());
    let answers =
        json!({"answers": {"doctor": 4, "nurse": 5, "explain": "yes", "overall": "vs", "suggestions": "很好"}});
    let first =
        public(&app, Method::POST, &format!("/api/v1/public/surveys/{token}"), Some(answers.clone()), None).await;
    assert_eq!(first.status, StatusCode::NO_CONTENT, "{:?}", first.body);
    let second =
        public(&app, Method::POST, &format!("/api/v1/public/surveys/{token}"), Some(answers.clone()), None).await;
    assert_eq!(second.status, StatusCode::GONE);
    assert_eq!(second.body["code"], "link_used");
    assert_eq!(
        public(&app, Method::GET, &format!("/api/v1/public/surveys/{token}"), None, None).await.status,
        StatusCode::GONE
    );
    let stored: Vec<(String, Option<i64>)> = app
        .db(move |conn| db_run!(conn: { survey_responses::table.filter(survey_responses::patient_id.eq(patient)).filter(survey_responses::channel.eq("sms_link")).select((survey_responses::channel, survey_responses::link_id)).load(conn).unwrap() }))
        .await;
    assert_eq!(stored.len(), 1);

    // A tampered token is unknown; an expired link is refused.
    let mut forged = token.clone();
    forged.pop();
    forged.push(if token.ends_with('A') { 'B' } else { 'A' });
    assert_eq!(
        public(&app, Method::GET, &format!("/api/v1/public/surveys/{forged}"), None, None).await.status,
        StatusCode::NOT_FOUND
    );
    let link2 = app
        .post(
            "/api/v1/surveys/links",
            &agent,
            json!({"questionnaire_id": qid, "patient_id": patient, "send_sms": false}),
        )
        .await;
    let (id2, token2) = (link2.body["id"].as_i64().unwrap(), link2.body["token"].as_str().unwrap().to_string());
    assert!(link2.body["sms_message_id"].is_null());
    app.db(move |conn| {
        hcrm_server::surveys::service::links::set_expiry(
            conn,
            id2,
            hcrm_server::db::now() - chrono::Duration::minutes(1),
        )
        .unwrap()
    })
    .await;
    let expired = public(&app, Method::POST, &format!("/api/v1/public/surveys/{token2}"), Some(answers), None).await;
    assert_eq!(expired.status, StatusCode::GONE);
    assert_eq!(expired.body["code"], "link_expired");
}

#[tokio::test]
async fn a_kiosk_answers_with_its_device_token_only() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let qid = discharge(&app, &admin).await;
    let card = app.department_id("HOSP1", "CARD").await;
    let k = app
        .post(
            "/api/v1/surveys/kiosks",
            &admin,
            json!({"name": "心内科病区终端", "questionnaire_id": qid, "department_id": card}),
        )
        .await;
    assert_eq!(k.status, StatusCode::CREATED, "{:?}", k.body);
    let token = k.body["token"].as_str().unwrap().to_string();
    let listed = app.get("/api/v1/surveys/kiosks", &admin).await;
    assert!(listed.body[0]["token"].is_null(), "the token is shown once");
    assert_eq!(
        public(&app, Method::GET, "/api/v1/kiosk/questionnaire", None, None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        public(&app, Method::GET, "/api/v1/kiosk/questionnaire", None, Some("kwrong")).await.status,
        StatusCode::UNAUTHORIZED
    );
    let form = public(&app, Method::GET, "/api/v1/kiosk/questionnaire", None, Some(&token)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.body["idle_seconds"], 60);
    let r = public(
        &app,
        Method::POST,
        "/api/v1/kiosk/responses",
        Some(json!({"answers": {"doctor": 5, "nurse": 5, "explain": "yes", "overall": "vs"}})),
        Some(&token),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{:?}", r.body);
    let stored: Vec<(Option<i64>, Option<i64>)> = app
        .db(|conn| db_run!(conn: { survey_responses::table.filter(survey_responses::channel.eq("kiosk")).select((survey_responses::department_id, survey_responses::patient_id)).load(conn).unwrap() }))
        .await;
    assert_eq!(stored, vec![(Some(card), None)]);
}

#[tokio::test]
async fn staff_surveys_track_who_answered_and_remind_the_rest() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let qid = discharge(&app, &admin).await;
    let s = app.post("/api/v1/surveys/staff", &admin, json!({"questionnaire_id": qid, "title": "护理与医生满意度", "staff_group": "nursing", "roles": ["nurse", "doctor"]})).await;
    assert_eq!(s.status, StatusCode::CREATED, "{:?}", s.body);
    let sid = s.body["id"].as_i64().unwrap();
    let names: Vec<&str> =
        s.body["assignees"].as_array().unwrap().iter().map(|a| a["username"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["doctor.card", "doctor.orth", "nurse.card"]);
    let nurse = app.login("nurse.card").await;
    let mine = app.get("/api/v1/surveys/staff-mine", &nurse).await;
    assert_eq!(mine.body[0]["answered_by_me"], false);
    let answers = json!({"answers": {"doctor": 4, "nurse": 4, "explain": "yes", "overall": "s"}});
    let r = app.post(&format!("/api/v1/surveys/staff/{sid}/answer"), &nurse, answers.clone()).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{:?}", r.body);
    assert_eq!(
        app.post(&format!("/api/v1/surveys/staff/{sid}/answer"), &nurse, answers.clone()).await.status,
        StatusCode::CONFLICT
    );
    let agent = app.login("agent1").await;
    assert_eq!(
        app.post(&format!("/api/v1/surveys/staff/{sid}/answer"), &agent, answers).await.status,
        StatusCode::NOT_FOUND
    );
    let d = app.get(&format!("/api/v1/surveys/staff/{sid}"), &admin).await;
    assert_eq!((d.body["assigned"].as_i64(), d.body["answered"].as_i64()), (Some(3), Some(1)));
    let answered: Vec<bool> =
        d.body["assignees"].as_array().unwrap().iter().map(|a| !a["answered_on"].is_null()).collect();
    assert_eq!(answered, vec![false, false, true]);
    let doctor = app.login("doctor.card").await;
    let before = app.get("/api/v1/notifications/unread-count", &doctor).await.body["unread"].as_i64().unwrap();
    let reminded = app.post(&format!("/api/v1/surveys/staff/{sid}/remind"), &admin, json!({})).await;
    assert_eq!(reminded.body["reminded"], 2);
    assert_eq!(
        app.get("/api/v1/notifications/unread-count", &doctor).await.body["unread"].as_i64().unwrap(),
        before + 1
    );
    assert_eq!(
        app.get("/api/v1/notifications/unread-count", &nurse).await.body["unread"].as_i64().unwrap(),
        0,
        "who answered is not reminded"
    );
    // The non-anonymous answer carries its author.
    let who: Vec<Option<i64>> = app
        .db(move |conn| db_run!(conn: { survey_responses::table.filter(survey_responses::staff_survey_id.eq(sid)).select(survey_responses::user_id).load(conn).unwrap() }))
        .await;
    assert_eq!(who.len(), 1);
    assert!(who[0].is_some());
}

#[tokio::test]
async fn an_anonymous_staff_survey_stores_no_identity() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let qid = discharge(&app, &admin).await;
    let s = app.post("/api/v1/surveys/staff", &admin, json!({"questionnaire_id": qid, "title": "匿名职工满意度", "staff_group": "doctors", "roles": ["doctor"], "anonymous": true})).await;
    let sid = s.body["id"].as_i64().unwrap();
    let doctor = app.login("doctor.card").await;
    let audit_before =
        app.db(|conn| db_run!(conn: { audit_log::table.count().get_result::<i64>(conn).unwrap() })).await;
    let r = app.post(&format!("/api/v1/surveys/staff/{sid}/answer"), &doctor, json!({"answers": {"doctor": 2, "nurse": 3, "explain": "no", "overall": "d", "reasons": ["attitude"], "details": "科室管理混乱"}})).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{:?}", r.body);

    // Every column of the stored response: no user, no department, no time
    // of day, no address, nothing that names the assignee row.
    type Row = (
        Option<i64>,
        Option<i64>,
        Option<i64>,
        Option<i64>,
        Option<chrono::NaiveDateTime>,
        chrono::NaiveDate,
        String,
        String,
        Option<i64>,
        Option<i64>,
    );
    let rows: Vec<Row> = app
        .db(move |conn| {
            use survey_responses as r;
            db_run!(conn: {
                r::table.filter(r::staff_survey_id.eq(sid))
                    .select((r::user_id, r::department_id, r::patient_id, r::followup_task_id, r::created_at, r::answered_on, r::channel, r::answers, r::link_id, r::kiosk_id))
                    .load(conn).unwrap()
            })
        })
        .await;
    assert_eq!(rows.len(), 1);
    let (user, dept, patient, task, created_at, _date, channel, answers, link, kiosk) = rows[0].clone();
    assert_eq!((user, dept, patient, task, created_at, link, kiosk), (None, None, None, None, None, None, None));
    assert_eq!(channel, "staff");
    assert!(!answers.contains("10.1.2.3") && !answers.contains("doctor.card"));
    // The answer wrote no audit row (an audit row holds user, address and time).
    let audit_after = app.db(|conn| db_run!(conn: { audit_log::table.count().get_result::<i64>(conn).unwrap() })).await;
    assert_eq!(audit_after, audit_before);
    // Completion is tracked apart: a date per assignee and no link to the response.
    let marks: Vec<(i64, Option<chrono::NaiveDate>)> = app
        .db(move |conn| db_run!(conn: { staff_survey_assignees::table.filter(staff_survey_assignees::staff_survey_id.eq(sid)).select((staff_survey_assignees::user_id, staff_survey_assignees::answered_on)).load(conn).unwrap() }))
        .await;
    assert_eq!(marks.iter().filter(|m| m.1.is_some()).count(), 1);
    // The answer rules ran without naming anyone: no patient, so no task.
    let tasks = app.db(|conn| db_run!(conn: { followup_tasks::table.filter(followup_tasks::source_key.like("survey_response:%")).count().get_result::<i64>(conn).unwrap() })).await;
    assert_eq!(tasks, 0);
}

#[tokio::test]
async fn satisfaction_rates_per_department_and_month_and_the_excel_export_agree() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let agent = app.login("agent1").await;
    let created = app
        .post(
            "/api/v1/surveys/questionnaires",
            &admin,
            json!({"code": "RATE", "name": "满意度", "template": branching(), "publish": true}),
        )
        .await;
    let qid = created.body["id"].as_i64().unwrap();
    let card = app.department_id("HOSP1", "CARD").await;
    let orth = app.department_id("HOSP1", "ORTH").await;
    let patient = card_patient(&app).await;
    // CARD: vs, s, n -> 2/3; ORTH: s, d -> 1/2 (d needs reasons).
    for (dept, level) in [(card, "vs"), (card, "s"), (card, "n"), (orth, "s"), (orth, "d")] {
        let mut a = json!({"q1": 4, "q3": level});
        if level == "d" {
            a["q4"] = json!(["cost"]);
            a["q5"] = json!("药费太贵");
        }
        let r = app
            .post(
                "/api/v1/surveys/responses",
                &agent,
                json!({"questionnaire_id": qid, "patient_id": patient, "department_id": dept, "answers": a}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    }
    let s = app.get(&format!("/api/v1/surveys/stats?questionnaire_id={qid}"), &admin).await;
    assert_eq!(s.status, StatusCode::OK, "{:?}", s.body);
    assert_eq!(s.body["responses"], 5);
    assert_eq!(
        (
            s.body["overall"]["valid"].as_i64(),
            s.body["overall"]["satisfied"].as_i64(),
            s.body["overall"]["rate"].as_f64()
        ),
        (Some(5), Some(3), Some(60.0))
    );
    let depts = s.body["departments"].as_array().unwrap();
    let rate = |name: &str| depts.iter().find(|d| d["department_name"] == name).unwrap()["rate"].as_f64().unwrap();
    assert_eq!((rate("心血管内科"), rate("骨科")), (66.7, 50.0));
    assert_eq!(s.body["monthly"].as_array().unwrap().len(), 1);
    assert_eq!(s.body["texts"][0]["text"], "药费太贵");
    // The manager of cardiology sees cardiology only.
    let manager = app.login("manager.card").await;
    let m = app.get(&format!("/api/v1/surveys/stats?questionnaire_id={qid}"), &manager).await;
    assert_eq!((m.body["responses"].as_i64(), m.body["overall"]["rate"].as_f64()), (Some(3), Some(66.7)));

    // The workbook holds the same numbers.
    let req = Request::builder()
        .uri(format!("/api/v1/surveys/stats/export?questionnaire_id={qid}"))
        .header(header::AUTHORIZATION, format!("Bearer {admin}"))
        .body(Body::empty())
        .unwrap();
    let res = tower::ServiceExt::oneshot(hcrm_server::router::build(app.state.clone()), req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = http_body_util::BodyExt::collect(res.into_body()).await.unwrap().to_bytes();
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let overview = wb.worksheet_range("概览").unwrap();
    let cell = |r: u32, c: u32| overview.get_value((r, c)).cloned().unwrap();
    assert_eq!(cell(1, 1), calamine::Data::Float(5.0));
    assert_eq!(cell(3, 1), calamine::Data::Float(3.0));
    assert_eq!(cell(4, 1), calamine::Data::Float(60.0));
    let d = wb.worksheet_range("科室满意度").unwrap();
    let found: Vec<(String, f64)> = d
        .rows()
        .skip(1)
        .filter(|r| r[0] == "全部")
        .map(|r| {
            (
                r[1].to_string(),
                match r[4] {
                    calamine::Data::Float(f) => f,
                    _ => -1.0,
                },
            )
        })
        .collect();
    assert!(
        found.contains(&("心血管内科".to_string(), 66.7)) && found.contains(&("骨科".to_string(), 50.0)),
        "{found:?}"
    );
    let sheets = wb.worksheet_range("答卷明细").unwrap();
    assert_eq!(sheets.height(), 6);
}
