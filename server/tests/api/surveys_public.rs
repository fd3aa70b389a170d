//! Surveys answered without signing in: the one-time SMS link and the
//! kiosk with its device token.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use diesel::prelude::*;
use hcrm_server::db::schema::{sms_messages, survey_responses};
use hcrm_server::db_run;
use serde_json::{json, Value};

use crate::surveys::{card_patient, discharge};
use crate::util::TestApp;

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
