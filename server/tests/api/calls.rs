//! Calls, agent states and recordings: idempotent call records, the
//! patient card's call history in scope, uploads that resume and verify,
//! range streaming behind audited play tickets, dial targets.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use diesel::prelude::*;
use hcrm_server::db::schema::{calls, patient_phones, visits};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::util::{Response, TestApp};

/// A hospital-1 patient with a visit in this department.
pub async fn patient_in(app: &TestApp, dept_code: &str) -> i64 {
    let dept = app.department_id("HOSP1", dept_code).await;
    app.db(move |conn| {
        hcrm_server::db_run!(conn: {
            visits::table.filter(visits::department_id.eq(dept)).order(visits::patient_id.desc()).select(visits::patient_id).first::<i64>(conn).unwrap()
        })
    })
    .await
}

pub fn uuid(n: u32) -> String {
    format!("5a1e0000-0000-4000-8000-{n:012}")
}

pub fn sha_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// Printable bytes, so the test client's text body compares exactly.
pub fn audio(n: usize) -> Vec<u8> {
    (0..n).map(|i| b'a' + (i % 26) as u8).collect()
}

pub async fn put_chunk(app: &TestApp, token: &str, uuid: &str, start: usize, data: &[u8], total: usize) -> Response {
    let req = Request::builder()
        .method(Method::PUT)
        .uri(format!("/api/v1/calls/{uuid}/recording"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/octet-stream")
        .header(header::CONTENT_RANGE, format!("bytes {}-{}/{}", start, start + data.len() - 1, total))
        .body(Body::from(data.to_vec()))
        .unwrap();
    app.raw(req).await
}

async fn stream(app: &TestApp, url: &str, range: Option<&str>) -> Response {
    let mut req = Request::builder().method(Method::GET).uri(url);
    if let Some(r) = range {
        req = req.header(header::RANGE, r);
    }
    app.raw(req.body(Body::empty()).unwrap()).await
}

fn call_body(patient: Option<i64>) -> Value {
    json!({"direction": "outbound", "local_number": "8001", "remote_number": "13812345678",
           "started_at": "2026-11-20T02:00:00Z", "patient_id": patient})
}

/// A call of `token`'s user with a complete recording of `data`.
pub async fn recorded_call(app: &TestApp, token: &str, uuid: &str, patient: i64, data: &[u8]) {
    let r = app.call(Method::PUT, &format!("/api/v1/calls/{uuid}"), Some(token), Some(call_body(Some(patient)))).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    let r = app
        .post(&format!("/api/v1/calls/{uuid}/recording"), token, json!({"size": data.len(), "sha256": sha_hex(data)}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    let r = put_chunk(app, token, uuid, 0, data, data.len()).await;
    assert_eq!(r.body["complete"], true, "{:?}", r.body);
}

#[tokio::test]
async fn call_records_are_idempotent_by_uuid() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let patient = patient_in(&app, "CARD").await;
    let id = uuid(1);
    let path = format!("/api/v1/calls/{id}");
    let first = app.call(Method::PUT, &path, Some(&agent), Some(call_body(Some(patient)))).await;
    assert_eq!(first.status, StatusCode::OK, "{:?}", first.body);
    assert_eq!(first.body["remote_number"], "138****5678");
    let again = app.call(Method::PUT, &path, Some(&agent), Some(call_body(Some(patient)))).await;
    assert_eq!(again.body, first.body);
    let end = app
        .call(Method::PUT, &path, Some(&agent), Some(json!({"answered_at": "2026-11-20T02:00:10Z", "ended_at": "2026-11-20T02:03:10Z", "disposition": "answered"})))
        .await;
    assert_eq!(end.status, StatusCode::OK, "{:?}", end.body);
    assert_eq!(end.body["talk_seconds"], 180);
    // A late retry of the first request erases nothing.
    let late = app.call(Method::PUT, &path, Some(&agent), Some(call_body(Some(patient)))).await;
    assert_eq!(late.body["disposition"], "answered");
    assert_eq!(late.body["ended_at"], end.body["ended_at"]);
    let count = app
        .db(move |conn| hcrm_server::db_run!(conn: { calls::table.filter(calls::uuid.eq(&id)).count().get_result::<i64>(conn).unwrap() }))
        .await;
    assert_eq!(count, 1);
    let history = app.get(&format!("/api/v1/patients/{patient}/calls"), &agent).await;
    assert_eq!(history.status, StatusCode::OK);
    assert!(history.body.as_array().unwrap().iter().any(|c| c["uuid"] == uuid(1) && c["agent_name"] == "客服王芳"));
    assert!(app.audit_count("patient.calls_read", Some(patient)).await >= 1);
    assert!(app.audit_count("call.write", Some(patient)).await >= 3);

    // Another agent cannot take the call over.
    let agent2 = app.login("agent2").await;
    let r = app.call(Method::PUT, &path, Some(&agent2), Some(json!({"disposition": "busy"}))).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Bad input names the field.
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/calls/{}", uuid(2)),
            Some(&agent),
            Some(json!({"direction": "sideways", "started_at": "2026-11-20T02:00:00Z"})),
        )
        .await;
    assert_eq!((r.status, r.body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("direction")));
    let r = app
        .call(Method::PUT, &format!("/api/v1/calls/{}", uuid(2)), Some(&agent), Some(json!({"direction": "inbound"})))
        .await;
    assert_eq!(r.body["field"], "started_at");
    let r = app.call(Method::PUT, "/api/v1/calls/not-a-uuid", Some(&agent), Some(call_body(None))).await;
    assert_eq!(r.body["field"], "uuid");
    let r = app
        .call(Method::PUT, &format!("/api/v1/calls/{}", uuid(2)), Some(&agent), Some(json!({"direction": "inbound", "started_at": "2026-11-20T02:00:00Z", "ended_at": "2026-11-20T01:00:00Z"})))
        .await;
    assert_eq!(r.body["field"], "ended_at");
}

#[tokio::test]
async fn a_call_links_to_its_task_and_the_tasks_patient() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let patient = patient_in(&app, "CARD").await;
    let other = patient_in(&app, "ORTH").await;
    let task = app
        .db(move |conn| {
            let t = hcrm_server::followup::NewTask::callback(1, patient, None, "calls-test:1", "回访", "");
            hcrm_server::followup::create_task(conn, &t).unwrap().0
        })
        .await;
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/calls/{}", uuid(3)),
            Some(&agent),
            Some(json!({"direction": "outbound", "started_at": "2026-11-20T02:00:00Z", "task_id": task})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    assert_eq!((r.body["task_id"].as_i64(), r.body["patient_id"].as_i64()), (Some(task), Some(patient)));
    let r = app
        .call(Method::PUT, &format!("/api/v1/calls/{}", uuid(4)), Some(&agent), Some(json!({"direction": "outbound", "started_at": "2026-11-20T02:00:00Z", "task_id": task, "patient_id": other})))
        .await;
    assert_eq!((r.status, r.body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("task_id")));
}

#[tokio::test]
async fn call_history_follows_the_patient_scope() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let card = patient_in(&app, "CARD").await;
    let r =
        app.call(Method::PUT, &format!("/api/v1/calls/{}", uuid(5)), Some(&agent), Some(call_body(Some(card)))).await;
    assert_eq!(r.status, StatusCode::OK);
    let doctor_card = app.login("doctor.card").await;
    let r = app.get(&format!("/api/v1/patients/{card}/calls"), &doctor_card).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.body.as_array().unwrap().is_empty());
    let r = app.get(&format!("/api/v1/calls/{}", uuid(5)), &doctor_card).await;
    assert_eq!(r.status, StatusCode::OK);
    // Outside the department or the hospital: not found.
    let orth_only = app
        .db(move |conn| {
            hcrm_server::db_run!(conn: {
                visits::table.filter(visits::patient_id.eq(card)).select(visits::department_id).load::<i64>(conn).unwrap()
            })
        })
        .await;
    let orth = app.department_id("HOSP1", "ORTH").await;
    if !orth_only.contains(&orth) {
        let doctor_orth = app.login("doctor.orth").await;
        assert_eq!(
            app.get(&format!("/api/v1/patients/{card}/calls"), &doctor_orth).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(app.get(&format!("/api/v1/calls/{}", uuid(5)), &doctor_orth).await.status, StatusCode::NOT_FOUND);
    }
    let h2 = app.login("h2.agent1").await;
    assert_eq!(app.get(&format!("/api/v1/patients/{card}/calls"), &h2).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/api/v1/calls/{}", uuid(5)), &h2).await.status, StatusCode::NOT_FOUND);
    // A clerk has no call history at all.
    let clerk = app.login("clerk1").await;
    assert_eq!(app.get(&format!("/api/v1/patients/{card}/calls"), &clerk).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn agent_states_form_a_timeline_supervisors_see() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let r = app.get("/api/v1/agent-state", &agent).await;
    assert_eq!(r.body["state"], "away");
    for state in ["ready", "ready", "busy", "after_call_work"] {
        let r = app.call(Method::PUT, "/api/v1/agent-state", Some(&agent), Some(json!({"state": state}))).await;
        assert_eq!((r.status, r.body["state"].as_str()), (StatusCode::OK, Some(state)), "{:?}", r.body);
    }
    let r = app.call(Method::PUT, "/api/v1/agent-state", Some(&agent), Some(json!({"state": "asleep"}))).await;
    assert_eq!((r.status, r.body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("state")));
    let manager = app.login("manager.card").await;
    let board = app.get("/api/v1/agent-states", &manager).await;
    assert_eq!(board.status, StatusCode::OK);
    let me = board.body.as_array().unwrap().iter().find(|s| s["username"] == "agent1").unwrap().clone();
    assert_eq!(me["state"], "after_call_work");
    let history = app.get(&format!("/api/v1/agent-states/history?user_id={}", me["user_id"]), &manager).await;
    let states: Vec<&str> = history.body.as_array().unwrap().iter().map(|s| s["state"].as_str().unwrap()).collect();
    assert_eq!(states, ["after_call_work", "busy", "ready"], "the repeated 'ready' is one state");
    assert!(history.body[1]["until"].is_string() && history.body[0]["until"].is_null());
    assert_eq!(app.get("/api/v1/agent-states", &agent).await.status, StatusCode::FORBIDDEN);
    // Another hospital's supervisor sees none of it.
    let h2 = app.login("h2.manager.card").await;
    let other = app.get("/api/v1/agent-states", &h2).await;
    assert!(other.body.as_array().unwrap().iter().all(|s| s["username"] != "agent1"));
}

#[tokio::test]
async fn recording_upload_resumes_across_chunks_and_verifies() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let patient = patient_in(&app, "CARD").await;
    let id = uuid(6);
    app.call(Method::PUT, &format!("/api/v1/calls/{id}"), Some(&agent), Some(call_body(Some(patient)))).await;
    let data = audio(100_000);
    let start = app
        .post(&format!("/api/v1/calls/{id}/recording"), &agent, json!({"size": data.len(), "sha256": sha_hex(&data)}))
        .await;
    assert_eq!((start.status, start.body["received"].as_i64()), (StatusCode::OK, Some(0)), "{:?}", start.body);
    let r = put_chunk(&app, &agent, &id, 0, &data[..40_000], data.len()).await;
    assert_eq!(
        (r.status, r.body["received"].as_i64(), r.body["complete"].as_bool()),
        (StatusCode::OK, Some(40_000), Some(false))
    );
    // The uploader restarts: announcing again answers where it stopped.
    let again = app
        .post(&format!("/api/v1/calls/{id}/recording"), &agent, json!({"size": data.len(), "sha256": sha_hex(&data)}))
        .await;
    assert_eq!(again.body["received"], 40_000);
    assert_eq!(app.get(&format!("/api/v1/calls/{id}/recording"), &agent).await.body["received"], 40_000);
    // A chunk from the wrong offset is refused and changes nothing.
    let r = put_chunk(&app, &agent, &id, 50_000, &data[50_000..60_000], data.len()).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{:?}", r.body);
    assert!(r.body["detail"].as_str().unwrap().contains("40000"));
    // A chunk without Content-Range names the header.
    let req = Request::builder()
        .method(Method::PUT)
        .uri(format!("/api/v1/calls/{id}/recording"))
        .header(header::AUTHORIZATION, format!("Bearer {agent}"))
        .body(Body::from(vec![1u8; 10]))
        .unwrap();
    let r = app.raw(req).await;
    assert_eq!((r.status, r.body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("Content-Range")));
    let r = put_chunk(&app, &agent, &id, 40_000, &data[40_000..80_000], data.len()).await;
    assert_eq!(r.body["received"], 80_000);
    let r = put_chunk(&app, &agent, &id, 80_000, &data[80_000..], data.len()).await;
    assert_eq!((r.status, r.body["complete"].as_bool()), (StatusCode::OK, Some(true)), "{:?}", r.body);
    // The retried last chunk after completion answers the same.
    let r = put_chunk(&app, &agent, &id, 80_000, &data[80_000..], data.len()).await;
    assert_eq!(r.body["complete"], true);
    let stored = std::fs::read(app.state.config.recordings.dir.join(format!("1/2026-11/{id}.wav"))).unwrap();
    assert_eq!(stored, data);
    // Another agent cannot upload to this call; a different file for a
    // complete recording is refused.
    let agent2 = app.login("agent2").await;
    assert_eq!(put_chunk(&app, &agent2, &id, 0, &data[..10], data.len()).await.status, StatusCode::FORBIDDEN);
    let r = app
        .post(&format!("/api/v1/calls/{id}/recording"), &agent, json!({"size": 5, "sha256": sha_hex(b"other")}))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let history = app.get(&format!("/api/v1/patients/{patient}/calls"), &agent).await;
    assert!(history.body.as_array().unwrap().iter().any(|c| c["uuid"] == id.as_str() && c["has_recording"] == true));
}

#[tokio::test]
async fn a_wrong_checksum_is_rejected_and_the_upload_starts_over() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let patient = patient_in(&app, "CARD").await;
    let id = uuid(7);
    app.call(Method::PUT, &format!("/api/v1/calls/{id}"), Some(&agent), Some(call_body(Some(patient)))).await;
    let data = audio(5000);
    let mut corrupted = data.clone();
    corrupted[1234] ^= 1;
    app.post(&format!("/api/v1/calls/{id}/recording"), &agent, json!({"size": data.len(), "sha256": sha_hex(&data)}))
        .await;
    let r = put_chunk(&app, &agent, &id, 0, &corrupted, data.len()).await;
    assert_eq!(
        (r.status, r.body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("checksum_mismatch")),
        "{:?}",
        r.body
    );
    let status = app.get(&format!("/api/v1/calls/{id}/recording"), &agent).await;
    assert_eq!((status.body["received"].as_i64(), status.body["complete"].as_bool()), (Some(0), Some(false)));
    assert_eq!(
        app.post(&format!("/api/v1/calls/{id}/recording/play"), &agent, json!({})).await.status,
        StatusCode::NOT_FOUND
    );
    let r = put_chunk(&app, &agent, &id, 0, &data, data.len()).await;
    assert_eq!(r.body["complete"], true);
    let r = app.post(&format!("/api/v1/calls/{id}/recording"), &agent, json!({"size": 10, "sha256": "xyz"})).await;
    assert_eq!(r.body["field"], "sha256");
}

#[tokio::test]
async fn recordings_stream_with_ranges_to_permitted_roles_and_each_play_is_audited() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let patient = patient_in(&app, "CARD").await;
    let id = uuid(8);
    let data = audio(3000);
    recorded_call(&app, &agent, &id, patient, &data).await;
    let play = app.post(&format!("/api/v1/calls/{id}/recording/play"), &agent, json!({})).await;
    assert_eq!(play.status, StatusCode::OK, "{:?}", play.body);
    assert_eq!(app.audit_count("recording.play", Some(patient)).await, 1);
    let url = play.body["url"].as_str().unwrap().to_string();
    let full = stream(&app, &url, None).await;
    assert_eq!(full.status, StatusCode::OK);
    assert_eq!(full.headers[header::ACCEPT_RANGES], "bytes");
    assert_eq!(full.headers[header::CONTENT_LENGTH], "3000");
    assert_eq!(full.body.as_str().unwrap().as_bytes(), &data[..]);
    let part = stream(&app, &url, Some("bytes=100-199")).await;
    assert_eq!(part.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(part.headers[header::CONTENT_RANGE], "bytes 100-199/3000");
    assert_eq!(part.body.as_str().unwrap().as_bytes(), &data[100..200]);
    let tail = stream(&app, &url, Some("bytes=2990-")).await;
    assert_eq!(
        (tail.status, tail.headers[header::CONTENT_RANGE].to_str().unwrap()),
        (StatusCode::PARTIAL_CONTENT, "bytes 2990-2999/3000")
    );
    let suffix = stream(&app, &url, Some("bytes=-5")).await;
    assert_eq!(suffix.headers[header::CONTENT_RANGE], "bytes 2995-2999/3000");
    let beyond = stream(&app, &url, Some("bytes=3000-")).await;
    assert_eq!(beyond.status, StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(beyond.headers[header::CONTENT_RANGE], "bytes */3000");
    // Range requests on one ticket are one play.
    assert_eq!(app.audit_count("recording.play", Some(patient)).await, 1);
    assert_eq!(
        stream(&app, "/api/v1/recordings/stream/0123456789abcdef0123456789abcdef0123456789abcdef", None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(stream(&app, "/api/v1/recordings/stream/nope", None).await.status, StatusCode::NOT_FOUND);

    // Supervisors, admins and auditors may play; other agents and ward staff
    // without recording.play may not.
    for user in ["manager.card", "admin", "auditor"] {
        let t = app.login(user).await;
        let r = app.post(&format!("/api/v1/calls/{id}/recording/play"), &t, json!({})).await;
        assert_eq!(r.status, StatusCode::OK, "{user}: {:?}", r.body);
    }
    assert_eq!(app.audit_count("recording.play", Some(patient)).await, 4);
    for user in ["agent2", "doctor.card", "nurse.card", "clerk1"] {
        let t = app.login(user).await;
        let r = app.post(&format!("/api/v1/calls/{id}/recording/play"), &t, json!({})).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{user}: {:?}", r.body);
    }
    let h2 = app.login("h2.admin").await;
    assert_eq!(
        app.post(&format!("/api/v1/calls/{id}/recording/play"), &h2, json!({})).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.audit_count("recording.play", Some(patient)).await, 4);
}

#[tokio::test]
async fn dial_targets_give_the_number_by_position_and_are_audited() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let patient = patient_in(&app, "CARD").await;
    let numbers = app
        .db(move |conn| {
            hcrm_server::db_run!(conn: {
                patient_phones::table.filter(patient_phones::patient_id.eq(patient)).order(patient_phones::position.asc()).select(patient_phones::number).load::<String>(conn).unwrap()
            })
        })
        .await;
    let r = app.post("/api/v1/calls/dial-target", &agent, json!({"patient_id": patient, "phone_index": 0})).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    assert_eq!(r.body["number"], numbers[0].as_str());
    assert_eq!(app.audit_count("patient.dial", Some(patient)).await, 1);
    let r = app.post("/api/v1/calls/dial-target", &agent, json!({"patient_id": patient, "phone_index": 9})).await;
    assert_eq!(r.body["field"], "phone_index");
    let clerk = app.login("clerk1").await;
    assert_eq!(
        app.post("/api/v1/calls/dial-target", &clerk, json!({"patient_id": patient})).await.status,
        StatusCode::FORBIDDEN
    );
    let h2 = app.login("h2.agent1").await;
    assert_eq!(
        app.post("/api/v1/calls/dial-target", &h2, json!({"patient_id": patient})).await.status,
        StatusCode::NOT_FOUND
    );

    // Linking an unknown caller's number adds it once; the screen-pop then
    // finds the patient.
    let r = app.post(&format!("/api/v1/patients/{patient}/phones"), &agent, json!({"number": "139-0000-7777"})).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    assert!(r.body["matches"].as_array().unwrap().iter().any(|m| m["patient"]["id"] == patient));
    app.post(&format!("/api/v1/patients/{patient}/phones"), &agent, json!({"number": "13900007777"})).await;
    let count = app
        .db(move |conn| {
            hcrm_server::db_run!(conn: {
                patient_phones::table.filter(patient_phones::patient_id.eq(patient)).filter(patient_phones::number.eq("13900007777")).count().get_result::<i64>(conn).unwrap()
            })
        })
        .await;
    assert_eq!(count, 1);
    assert_eq!(app.audit_count("patient.phone_add", Some(patient)).await, 1);
    let r = app.post(&format!("/api/v1/patients/{patient}/phones"), &agent, json!({"number": "12"})).await;
    assert_eq!(r.body["field"], "number");
}
