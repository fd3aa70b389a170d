//! The SMS outbox through the API with the HTTP gateway provider: templates,
//! sending, retries and failure, opt-out, quiet hours, rate limits.

use std::time::Duration;

use axum::http::StatusCode;
use hcrm_server::app::Background;
use serde_json::{json, Value};

use crate::peers::http_gateway::{Gateway, Mode};
use crate::peers::{eventually, fast_jobs};
use crate::util::TestApp;

async fn app_with_gateway(gw: &Gateway, customise: impl FnOnce(&mut hcrm_server::Config)) -> TestApp {
    let sms = gw.sms_config();
    TestApp::with_config(move |c| {
        c.sms = sms;
        fast_jobs(c);
        customise(c);
    })
    .await
}

async fn message_when(app: &TestApp, token: &str, id: i64, status: &str) -> Value {
    eventually(&format!("message {id} to be {status}"), || async {
        let r = app.get(&format!("/api/v1/sms/messages/{id}"), token).await;
        (r.body["status"] == status).then_some(r.body)
    })
    .await
}

#[tokio::test]
async fn a_template_with_an_unknown_variable_is_refused() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let r = app
        .post(
            "/api/v1/sms/templates",
            &admin,
            json!({"code": "T1", "name": "复诊", "body": "{{patient_name}}您好，请{{docter}}复诊"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.body["field"], "body");
    assert!(r.body["detail"].as_str().unwrap().contains("docter"), "{}", r.body);
    let ok = app
        .post(
            "/api/v1/sms/templates",
            &admin,
            json!({"code": "T1", "name": "复诊", "body": "{{patient_name}}您好，请于{{date}}到{{department}}复诊"}),
        )
        .await;
    assert_eq!(ok.status, StatusCode::CREATED);
    let id = ok.body["id"].as_i64().unwrap();
    let r = app.patch(&format!("/api/v1/sms/templates/{id}"), &admin, json!({"body": "{{unknown}}"})).await;
    assert_eq!((r.status, r.body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("body")));
    let dup = app.post("/api/v1/sms/templates", &admin, json!({"code": "T1", "name": "x", "body": "x"})).await;
    assert_eq!(dup.status, StatusCode::CONFLICT);
    // A missing value is named when sending.
    let r = app.post("/api/v1/sms/messages", &admin, json!({"phone": "13800138000", "template_id": id})).await;
    assert_eq!((r.status, r.body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("variables")));
    // The other hospital does not see it.
    let h2 = app.login("h2.admin").await;
    assert_eq!(app.get("/api/v1/sms/templates", &h2).await.body.as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn a_message_is_stored_then_sent_through_the_http_gateway() {
    let gw = Gateway::start(Mode::Ok).await;
    let app = app_with_gateway(&gw, |_| {}).await;
    let bg = Background::start(&app.state);
    let admin = app.login("admin").await;
    let agent = app.login("agent1").await;
    let t = app.post("/api/v1/sms/templates", &admin, json!({"code": "REVISIT", "name": "复诊提醒", "body": "{{patient_name}}您好，请于{{date}}到{{department}}复诊。"})).await;
    let patient = app.patient_id("A000000001").await;
    // Demo patients may carry a random do-not-contact tag.
    app.patch(&format!("/api/v1/patients/{patient}"), &admin, json!({"tags": []})).await;
    let r = app
        .post("/api/v1/sms/messages", &agent, json!({"patient_id": patient, "template_id": t.body["id"], "variables": {"date": "12月1日", "department": "心内科"}}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["status"], "queued");
    let id = r.body["id"].as_i64().unwrap();
    let sent = message_when(&app, &agent, id, "sent").await;
    assert_eq!(sent["provider"], "http");
    assert_eq!(sent["parts"], 1);
    let texts = gw.texts();
    assert_eq!(texts.len(), 1);
    assert!(texts[0].1.ends_with("您好，请于12月1日到心内科复诊。"), "{texts:?}");
    assert!(!texts[0].1.contains("{{"));
    assert_eq!(app.audit_count("sms.send", Some(patient)).await, 1);
    // The job that sent it is done, with one successful attempt.
    let job = app.get(&format!("/api/v1/jobs/{}", sent["job_id"]), &admin).await;
    assert_eq!(job.body["job"]["status"], "done");
    assert_eq!(job.body["runs"].as_array().unwrap().len(), 1);
    assert_eq!(job.body["runs"][0]["outcome"], "ok");
    bg.stop().await;
}

#[tokio::test]
async fn a_gateway_that_stays_down_means_retries_then_failed_with_the_reason() {
    let gw = Gateway::start(Mode::Down).await;
    let app = app_with_gateway(&gw, |c| c.sms.max_attempts = 3).await;
    let bg = Background::start(&app.state);
    let admin = app.login("admin").await;
    let r = app.post("/api/v1/sms/messages", &admin, json!({"phone": "13800138000", "body": "测试"})).await;
    let id = r.body["id"].as_i64().unwrap();
    let failed = message_when(&app, &admin, id, "failed").await;
    let reason = failed["reason"].as_str().unwrap();
    assert!(reason.contains("500") && reason.contains("gave up after 3 attempts"), "{reason}");
    assert_eq!(failed["attempts"], 3);
    assert_eq!(gw.requests(), 3);
    // The message fails inside the handler's last attempt; the job is marked
    // dead when that attempt's outcome is recorded, a moment later.
    let job_path = format!("/api/v1/jobs/{}", failed["job_id"]);
    let job_body = eventually("the job to be dead", || async {
        let j = app.get(&job_path, &admin).await;
        (j.body["job"]["status"] == "dead").then_some(j.body)
    })
    .await;
    let job = crate::util::Response { status: StatusCode::OK, headers: Default::default(), body: job_body };
    assert!(job.body["job"]["last_error"].as_str().unwrap().contains("500"));
    let outcomes: Vec<&str> =
        job.body["runs"].as_array().unwrap().iter().map(|r| r["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["dead", "retry", "retry"]);
    // The sender hears about it in the app.
    let notes = app.get("/api/v1/notifications", &admin).await;
    assert!(notes.body["items"].as_array().unwrap().iter().any(|n| n["kind"] == "sms_failed"), "{}", notes.body);

    gw.set_mode(Mode::Ok);
    let job_id = failed["job_id"].as_i64().unwrap();
    // The message itself failed for good; a retry of its job finds it final
    // and does not send it behind the sender's back.
    let r = app.post(&format!("/api/v1/jobs/{job_id}/retry"), &admin, json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    eventually("the retried job to finish", || async {
        let j = app.get(&format!("/api/v1/jobs/{job_id}"), &admin).await;
        (j.body["job"]["status"] == "done").then_some(())
    })
    .await;
    assert_eq!(gw.accepted(), 0);
    // Resending makes a new message, which goes out now the gateway is up.
    let again = app.post(&format!("/api/v1/sms/messages/{id}/resend"), &admin, json!({})).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.body);
    let new_id = again.body["id"].as_i64().unwrap();
    assert_ne!(new_id, id);
    message_when(&app, &admin, new_id, "sent").await;
    assert_eq!(gw.accepted(), 1);
    let r = app.post(&format!("/api/v1/sms/messages/{new_id}/resend"), &admin, json!({})).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "a sent message is not resent");
    bg.stop().await;
}

#[tokio::test]
async fn a_gateway_timeout_is_retried() {
    let gw = Gateway::start(Mode::HangFirst(1)).await;
    let app = app_with_gateway(&gw, |c| c.sms.http.timeout_ms = 300).await;
    let bg = Background::start(&app.state);
    let admin = app.login("admin").await;
    let r = app.post("/api/v1/sms/messages", &admin, json!({"phone": "13800138000", "body": "超时重试"})).await;
    let sent = message_when(&app, &admin, r.body["id"].as_i64().unwrap(), "sent").await;
    assert_eq!(sent["attempts"], 2);
    let job = app.get(&format!("/api/v1/jobs/{}", sent["job_id"]), &admin).await;
    assert!(job.body["runs"][1]["error"].as_str().unwrap().contains("timed out"), "{}", job.body);
    assert_eq!(gw.accepted(), 1);
    bg.stop().await;
}

#[tokio::test]
async fn opted_out_and_do_not_contact_recipients_get_nothing() {
    let gw = Gateway::start(Mode::Ok).await;
    let app = app_with_gateway(&gw, |_| {}).await;
    let bg = Background::start(&app.state);
    let admin = app.login("admin").await;
    let o =
        app.post("/api/v1/sms/opt-outs", &admin, json!({"phone": "+86 138-0013-8000", "reason": "回复TD退订"})).await;
    assert_eq!(o.status, StatusCode::CREATED, "{}", o.body);
    assert_eq!(app.get("/api/v1/sms/opt-outs", &admin).await.body.as_array().unwrap().len(), 1);
    let r = app.post("/api/v1/sms/messages", &admin, json!({"phone": "13800138000", "body": "您好"})).await;
    assert_eq!((r.body["status"].as_str(), r.body["reason"].as_str()), (Some("failed"), Some("opted_out")));
    // A patient tagged do-not-contact.
    let patient = app.patient_id("A000000002").await;
    let tagged = app.patch(&format!("/api/v1/patients/{patient}"), &admin, json!({"tags": ["do_not_contact"]})).await;
    assert_eq!(tagged.status, StatusCode::OK, "{}", tagged.body);
    let r = app.post("/api/v1/sms/messages", &admin, json!({"patient_id": patient, "body": "您好"})).await;
    assert_eq!(
        (r.body["status"].as_str(), r.body["reason"].as_str()),
        (Some("failed"), Some("do_not_contact")),
        "{}",
        r.body
    );
    // An opt-out that arrives after queueing still stops the message.
    let queued =
        app.post("/api/v1/sms/messages", &admin, json!({"phone": "13900139000", "body": "您好", "urgent": true})).await;
    let id = queued.body["id"].as_i64().unwrap();
    app.post("/api/v1/sms/opt-outs", &admin, json!({"phone": "13900139000"})).await;
    let m = eventually("the queued message to settle", || async {
        let m = app.get(&format!("/api/v1/sms/messages/{id}"), &admin).await.body;
        (m["status"] != "queued").then_some(m)
    })
    .await;
    if m["status"] == "failed" {
        assert_eq!(m["reason"], "opted_out");
    }
    assert!(gw.texts().iter().all(|(phone, _)| phone != "13800138000"));
    bg.stop().await;
}

/// A quiet-hours window around the present, in UTC.
fn window_around_now() -> String {
    use chrono::Timelike;
    let now = chrono::Utc::now();
    let start = now - chrono::Duration::minutes(60);
    let end = now + chrono::Duration::minutes(60);
    format!("{:02}:{:02}-{:02}:{:02}", start.hour(), start.minute(), end.hour(), end.minute())
}

#[tokio::test]
async fn quiet_hours_hold_messages_unless_urgent() {
    let gw = Gateway::start(Mode::Ok).await;
    let app = app_with_gateway(&gw, |c| {
        c.sms.quiet_hours = window_around_now();
        c.utc_offset_minutes = 0;
    })
    .await;
    let bg = Background::start(&app.state);
    let admin = app.login("admin").await;
    let normal = app.post("/api/v1/sms/messages", &admin, json!({"phone": "13800138000", "body": "随访提醒"})).await;
    let urgent = app
        .post("/api/v1/sms/messages", &admin, json!({"phone": "13800138001", "body": "危急值通知", "urgent": true}))
        .await;
    message_when(&app, &admin, urgent.body["id"].as_i64().unwrap(), "sent").await;
    let held = message_when(&app, &admin, normal.body["id"].as_i64().unwrap(), "held").await;
    assert_eq!(held["reason"], "quiet_hours");
    let job = app.get(&format!("/api/v1/jobs/{}", held["job_id"]), &admin).await.body;
    assert_eq!(job["job"]["status"], "pending");
    assert_eq!(job["job"]["attempts"], 0, "holding spends no attempt");
    let run_at = chrono::DateTime::parse_from_rfc3339(job["job"]["run_at"].as_str().unwrap()).unwrap();
    assert!(run_at > chrono::Utc::now() + chrono::Duration::minutes(50), "held until the window ends: {run_at}");
    assert_eq!(gw.texts().len(), 1);
    bg.stop().await;
}

#[tokio::test]
async fn the_per_number_rate_limit_holds_the_excess() {
    let gw = Gateway::start(Mode::Ok).await;
    let app = app_with_gateway(&gw, |c| c.sms.per_number_per_hour = 2).await;
    let bg = Background::start(&app.state);
    let admin = app.login("admin").await;
    let mut ids = Vec::new();
    for i in 0..3 {
        let r =
            app.post("/api/v1/sms/messages", &admin, json!({"phone": "13800138000", "body": format!("第{i}条")})).await;
        ids.push(r.body["id"].as_i64().unwrap());
        // One at a time, so the limit sees the previous sends.
        eventually("the message to settle", || async {
            let m = app.get(&format!("/api/v1/sms/messages/{}", ids[i]), &admin).await.body;
            (m["status"] != "queued").then_some(())
        })
        .await;
    }
    let other = app.post("/api/v1/sms/messages", &admin, json!({"phone": "13800138999", "body": "别的号码"})).await;
    message_when(&app, &admin, other.body["id"].as_i64().unwrap(), "sent").await;
    let statuses: Vec<Value> = futures_statuses(&app, &admin, &ids).await;
    assert_eq!(statuses[0]["status"], "sent");
    assert_eq!(statuses[1]["status"], "sent");
    assert_eq!((statuses[2]["status"].as_str(), statuses[2]["reason"].as_str()), (Some("held"), Some("rate_limited")));
    let list = app.get("/api/v1/sms/messages?status=held", &admin).await;
    assert_eq!(list.body["total"], 1);
    assert_eq!(gw.texts().len(), 3);
    tokio::time::sleep(Duration::from_millis(50)).await;
    bg.stop().await;
}

async fn futures_statuses(app: &TestApp, token: &str, ids: &[i64]) -> Vec<Value> {
    let mut out = Vec::new();
    for id in ids {
        out.push(app.get(&format!("/api/v1/sms/messages/{id}"), token).await.body);
    }
    out
}

#[tokio::test]
async fn the_gateway_posts_receipts_that_finish_the_story() {
    let gw = Gateway::start(Mode::Ok).await;
    let app = app_with_gateway(&gw, |c| c.sms.http.receipt_token = "s3cret".into()).await;
    let bg = Background::start(&app.state);
    let admin = app.login("admin").await;
    let a = app.post("/api/v1/sms/messages", &admin, json!({"phone": "13800138000", "body": "一"})).await.body["id"]
        .as_i64()
        .unwrap();
    let b = app.post("/api/v1/sms/messages", &admin, json!({"phone": "13800138001", "body": "二"})).await.body["id"]
        .as_i64()
        .unwrap();
    message_when(&app, &admin, a, "sent").await;
    message_when(&app, &admin, b, "sent").await;
    let ids: std::collections::HashMap<String, String> =
        gw.state.recorded.lock().unwrap().accepted.values().map(|(phone, _, id)| (phone.clone(), id.clone())).collect();
    let receipts = json!([
        {"msgid": ids["13800138000"], "status": "DELIVRD"},
        {"msgid": ids["13800138001"], "status": "UNDELIV", "error": "空号"},
    ]);
    let refused =
        app.call(axum::http::Method::POST, "/api/v1/sms/receipts?token=wrong", None, Some(receipts.clone())).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let r = app.call(axum::http::Method::POST, "/api/v1/sms/receipts?token=s3cret", None, Some(receipts)).await;
    assert_eq!((r.status, r.body["applied"].as_i64()), (StatusCode::OK, Some(2)), "{}", r.body);
    let delivered = app.get(&format!("/api/v1/sms/messages/{a}"), &admin).await.body;
    assert_eq!(delivered["status"], "delivered");
    assert!(delivered["delivered_at"].is_string());
    let failed = app.get(&format!("/api/v1/sms/messages/{b}"), &admin).await.body;
    assert_eq!(
        (failed["status"].as_str(), failed["reason"].as_str()),
        (Some("failed"), Some("undelivered: UNDELIV: 空号"))
    );
    bg.stop().await;
    // Without a configured token the endpoint does not exist.
    let plain = TestApp::new().await;
    let r = plain.call(axum::http::Method::POST, "/api/v1/sms/receipts?token=", None, Some(json!({}))).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
