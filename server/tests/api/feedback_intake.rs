//! Tickets from the other sources (issue 10): from a call record (linked to
//! its recording) and from the public web form (no sign-in).

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::{json, Value};

use crate::calls::{audio, recorded_call, uuid};
use crate::util::{Response, TestApp};

/// A public request from its own client address (the limits are per address).
async fn public_post(app: &TestApp, path: &str, ip: &str, body: Value) -> Response {
    let req = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header("x-forwarded-for", ip)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    app.raw(req).await
}

#[tokio::test]
async fn an_agent_opens_a_ticket_from_a_call_and_the_detail_links_its_recording() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let patient = crate::calls::patient_in(&app, "CARD").await;
    let call = uuid(777);
    recorded_call(&app, &agent, &call, patient, &audio(300)).await;
    // Only the call is given: the patient and number come from it.
    let r = app.post("/api/v1/feedback/tickets", &agent, json!({"kind": "complaint", "source": "phone", "call_uuid": call, "topic": "候诊太久", "content": "来电投诉候诊两小时"})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    let id = r.body["id"].as_i64().unwrap();
    let d = app.get(&format!("/api/v1/feedback/tickets/{id}"), &agent).await;
    assert_eq!(d.status, StatusCode::OK, "{:?}", d.body);
    assert_eq!(
        (d.body["ticket"]["source"].as_str(), d.body["ticket"]["call_uuid"].as_str()),
        (Some("phone"), Some(call.as_str()))
    );
    assert_eq!(d.body["ticket"]["patient_id"], patient);
    assert!(d.body["ticket"]["contact_phone"].as_str().unwrap().starts_with("138"), "{}", d.body);
    assert_eq!(
        (
            d.body["recording"]["call_uuid"].as_str(),
            d.body["recording"]["complete"].as_bool(),
            d.body["recording"]["size"].as_i64()
        ),
        (Some(call.as_str()), Some(true), Some(300))
    );
    // The link plays (audited by the calls module).
    let play = app.post(&format!("/api/v1/calls/{call}/recording/play"), &agent, json!({})).await;
    assert_eq!(play.status, StatusCode::OK, "{:?}", play.body);
    // A ticket without a call has no recording; an unknown or other
    // hospital's call is refused by field.
    let r = app
        .post(
            "/api/v1/feedback/tickets",
            &agent,
            json!({"kind": "suggestion", "source": "walk_in", "topic": "建议", "content": "多设座椅"}),
        )
        .await;
    let d = app.get(&format!("/api/v1/feedback/tickets/{}", r.body["id"]), &agent).await;
    assert!(d.body["recording"].is_null());
    let bad = app
        .post(
            "/api/v1/feedback/tickets",
            &agent,
            json!({"kind": "complaint", "source": "phone", "call_uuid": uuid(778), "topic": "x", "content": "x"}),
        )
        .await;
    assert_eq!(
        (bad.status, bad.body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("call_uuid")),
        "{:?}",
        bad.body
    );
    let h2 = app.login("h2.agent1").await;
    let other = app
        .post(
            "/api/v1/feedback/tickets",
            &h2,
            json!({"kind": "complaint", "source": "phone", "call_uuid": call, "topic": "x", "content": "x"}),
        )
        .await;
    assert_eq!((other.status, other.body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("call_uuid")));
}

#[tokio::test]
async fn the_public_web_form_opens_a_ticket_with_a_progress_code() {
    let app = TestApp::new().await;
    let path = "/api/v1/public/feedback/tickets";
    // Real-name: the name is kept, and a code is given all the same.
    let r = public_post(&app, path, "10.9.0.1", json!({"hospital": "HOSP1", "kind": "praise", "name": "王女士", "phone": "13900001111", "topic": "感谢护士", "content": "心内科护士很耐心"})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    let (number, code) =
        (r.body["number"].as_str().unwrap().to_string(), r.body["secret_code"].as_str().unwrap().to_string());
    let p = public_post(&app, "/api/v1/public/feedback/progress", "10.9.0.1", json!({"number": number, "code": code}))
        .await;
    assert_eq!(
        (p.status, p.body["kind"].as_str(), p.body["status"].as_str()),
        (StatusCode::OK, Some("praise"), Some("new")),
        "{:?}",
        p.body
    );
    let admin = app.login("admin").await;
    let d = app.get(&format!("/api/v1/feedback/tickets/{}", r.body["id"]), &admin).await;
    assert_eq!(
        (
            d.body["ticket"]["source"].as_str(),
            d.body["ticket"]["contact_name"].as_str(),
            d.body["ticket"]["anonymous"].as_bool()
        ),
        (Some("web_form"), Some("王女士"), Some(false))
    );
    // Anonymous: no name nor phone kept.
    let r = public_post(&app, path, "10.9.0.1", json!({"hospital": "HOSP1", "kind": "complaint", "anonymous": true, "name": "不留", "phone": "13900002222", "topic": "收费", "content": "多收了挂号费"})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    let d = app.get(&format!("/api/v1/feedback/tickets/{}", r.body["id"]), &admin).await;
    assert_eq!(
        (
            d.body["ticket"]["contact_name"].as_str(),
            d.body["ticket"]["contact_phone"].as_str(),
            d.body["ticket"]["anonymous"].as_bool()
        ),
        (Some(""), None, Some(true))
    );
    // The other hospital gets its own.
    let r = public_post(
        &app,
        path,
        "10.9.0.2",
        json!({"hospital": "HOSP2", "kind": "suggestion", "anonymous": true, "topic": "停车", "content": "车位太少"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    let h2 = app.login("h2.admin").await;
    assert_eq!(app.get(&format!("/api/v1/feedback/tickets/{}", r.body["id"]), &h2).await.status, StatusCode::OK);
    assert_eq!(
        app.get(&format!("/api/v1/feedback/tickets/{}", r.body["id"]), &admin).await.status,
        StatusCode::NOT_FOUND
    );
    // Bad input names the field; nothing is stored.
    let before = ticket_count(&app).await;
    let long = "长".repeat(2001);
    for (i, (body, field)) in [
        (json!({"hospital": "HOSP1", "kind": "rant", "anonymous": true, "topic": "x", "content": "x"}), "kind"),
        (json!({"hospital": "HOSP1", "kind": "complaint", "topic": "x", "content": "x"}), "name"),
        (json!({"hospital": "HOSP1", "kind": "complaint", "anonymous": true, "topic": "x", "content": long}), "content"),
        (json!({"hospital": "HOSP1", "kind": "complaint", "anonymous": true, "topic": "", "content": "x"}), "topic"),
        (json!({"hospital": "NOPE", "kind": "complaint", "anonymous": true, "topic": "x", "content": "x"}), "hospital"),
        (json!({"kind": "complaint", "anonymous": true, "topic": "x", "content": "x"}), "hospital"),
        (json!({"hospital": "HOSP1", "kind": "complaint", "name": "李", "phone": "12ab", "topic": "x", "content": "x"}), "contact_phone"),
    ]
    .into_iter()
    .enumerate()
    {
        let r = public_post(&app, path, &format!("10.9.1.{i}"), body).await;
        assert_eq!((r.status, r.body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(field)), "{:?}", r.body);
    }
    assert_eq!(ticket_count(&app).await, before);
    // Submissions are limited per address (5 a minute by default).
    let mut limited = false;
    for i in 0..8 {
        let r = public_post(&app, path, "10.9.0.4", json!({"hospital": "HOSP1", "kind": "suggestion", "anonymous": true, "topic": "建议", "content": format!("第{i}条")})).await;
        if r.status == StatusCode::TOO_MANY_REQUESTS {
            limited = true;
            break;
        }
        assert_eq!(r.status, StatusCode::CREATED);
    }
    assert!(limited);
}

async fn ticket_count(app: &TestApp) -> i64 {
    app.db(|conn| {
        use diesel::prelude::*;
        use hcrm_server::db::schema::feedback_tickets;
        hcrm_server::db_run!(conn: { feedback_tickets::table.count().get_result::<i64>(conn).unwrap() })
    })
    .await
}
