//! The follow-up engine's working modes and assignment: who gets which
//! task under the centre and ward modes, by count and by department, and
//! the deterministic spot-check sample.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::followup::{discharge, generate, new_patient, set_mode, store_task, tasks_of, user_id};
use crate::util::TestApp;

#[tokio::test]
async fn the_ward_mode_gives_ward_tasks_to_wards_and_spot_checks_to_the_centre() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let agent = app.login("agent1").await;
    let card = app.department_id("HOSP1", "CARD").await;
    let p = new_patient(&app, &admin, "FU0006", "13700000006").await;
    let ward_task = store_task(&app, p, Some(card), "discharge", "m:ward").await;
    let spot = store_task(&app, p, Some(card), "administrative", "m:spot").await;
    set_mode(&app, &admin, "centralised").await;
    assert_eq!(app.get(&format!("/api/v1/followup/tasks/{ward_task}"), &agent).await.status, StatusCode::OK);
    set_mode(&app, &admin, "ward").await;
    assert_eq!(app.get(&format!("/api/v1/followup/tasks/{ward_task}"), &agent).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/api/v1/followup/tasks/{spot}"), &agent).await.status, StatusCode::OK);
    let nurse = app.login("nurse.card").await;
    assert_eq!(
        app.get(&format!("/api/v1/followup/tasks/{spot}"), &nurse).await.status,
        StatusCode::NOT_FOUND,
        "the ward does not check itself"
    );
    // The daily job: ward tasks to the department's doctors and nurses, spot checks to agents.
    let n = app.db(|conn| hcrm_server::followup::assign::auto_assign(conn, 1).unwrap()).await;
    assert!(n >= 2);
    let all = tasks_of(&app, &admin, &format!("patient_id={p}")).await;
    let who = |id: i64| all.iter().find(|t| t["id"] == id).unwrap()["assignee_id"].as_i64().unwrap();
    let (dc, nc, a1, a2) = (
        user_id(&app, "doctor.card").await,
        user_id(&app, "nurse.card").await,
        user_id(&app, "agent1").await,
        user_id(&app, "agent2").await,
    );
    assert!([dc, nc].contains(&who(ward_task)));
    assert!([a1, a2].contains(&who(spot)));
    set_mode(&app, &admin, "centralised").await;
    let bad = app
        .call(Method::PUT, "/api/v1/followup/settings", Some(&admin), Some(json!({"mode": "chaos", "max_attempts": 3, "retry_interval_hours": 24, "spot_check_percent": 0, "spot_check_questionnaire_id": null, "revisit_grace_days": 7})))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn assignment_by_count_balances_and_by_department_follows_departments() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let card = app.department_id("HOSP1", "CARD").await;
    let orth = app.department_id("HOSP1", "ORTH").await;
    let p = new_patient(&app, &admin, "FU0007", "13700000007").await;
    for i in 0..7 {
        store_task(&app, p, None, "callback", &format!("a:{i}")).await;
    }
    let (a1, a2) = (user_id(&app, "agent1").await, user_id(&app, "agent2").await);
    // The demo queue is already shared out; the new tasks even it up.
    let before1 = tasks_of(&app, &admin, &format!("assignee_id={a1}")).await.len();
    let before2 = tasks_of(&app, &admin, &format!("assignee_id={a2}")).await.len();
    // agent2 already holds one task: the split evens out the totals.
    let held = store_task(&app, p, None, "callback", "a:held").await;
    app.post(&format!("/api/v1/followup/tasks/{held}/assign"), &admin, json!({"user_id": a2})).await;
    let r = app.post("/api/v1/followup/assign", &admin, json!({"strategy": "count", "user_ids": [a1, a2]})).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    assert_eq!(r.body["assigned"], 7);
    let mine1 = tasks_of(&app, &admin, &format!("assignee_id={a1}")).await.len();
    let mine2 = tasks_of(&app, &admin, &format!("assignee_id={a2}")).await.len();
    assert_eq!(mine1 + mine2, before1 + before2 + 8);
    assert!(mine1.abs_diff(mine2) <= 1, "balanced totals: {mine1} and {mine2}");
    let agent = app.login("agent1").await;
    let notes = app.get("/api/v1/notifications", &agent).await;
    let items =
        notes.body["items"].as_array().cloned().unwrap_or_else(|| notes.body.as_array().cloned().unwrap_or_default());
    assert!(items.iter().any(|n| n["kind"] == "task_assigned"), "the assignee is told: {:?}", notes.body);
    // By department: each task to the chosen person of its department.
    let c = store_task(&app, p, Some(card), "discharge", "a:card").await;
    let o = store_task(&app, p, Some(orth), "discharge", "a:orth").await;
    let (dc, dorth) = (user_id(&app, "doctor.card").await, user_id(&app, "doctor.orth").await);
    let r =
        app.post("/api/v1/followup/assign", &admin, json!({"strategy": "department", "user_ids": [dc, dorth]})).await;
    assert_eq!(r.body["assigned"], 2, "{:?}", r.body);
    let all = tasks_of(&app, &admin, "").await;
    let who = |id: i64| all.iter().find(|t| t["id"] == id).unwrap()["assignee_id"].as_i64();
    assert_eq!((who(c), who(o)), (Some(dc), Some(dorth)));
    // Reassignment, and back to the pool.
    app.post(&format!("/api/v1/followup/tasks/{c}/assign"), &admin, json!({"user_id": a1})).await;
    app.post(&format!("/api/v1/followup/tasks/{o}/assign"), &admin, json!({"user_id": null})).await;
    let all = tasks_of(&app, &admin, "").await;
    let who = |id: i64| all.iter().find(|t| t["id"] == id).unwrap()["assignee_id"].as_i64();
    assert_eq!((who(c), who(o)), (Some(a1), None));
    assert_eq!(
        app.post("/api/v1/followup/assign", &agent, json!({"strategy": "count", "user_ids": [a1]})).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn spot_checks_sample_deterministically() {
    use hcrm_server::followup::generate::sampled;
    let picked: Vec<i64> = (1..=10_000).filter(|v| sampled(*v, 10)).collect();
    assert!((800..1200).contains(&picked.len()), "about a tenth: {}", picked.len());
    assert_eq!(picked, (1..=10_000).filter(|v| sampled(*v, 10)).collect::<Vec<_>>(), "the same every run");
    assert!(picked.iter().all(|v| sampled(*v, 20)), "a larger share keeps the earlier picks");

    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let survey = app.survey_id("HOSP1").await;
    let r = app
        .call(Method::PUT, "/api/v1/followup/settings", Some(&admin), Some(json!({"mode": "centralised", "max_attempts": 3, "retry_interval_hours": 24, "spot_check_percent": 100, "spot_check_questionnaire_id": survey, "revisit_grace_days": 7})))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let card = app.department_id("HOSP1", "CARD").await;
    let p = new_patient(&app, &admin, "FU0008", "13700000008").await;
    let v = discharge(&app, &admin, p, "FU-S1", card, 2, "I10").await;
    let first = generate(&app, &admin).await;
    assert!(first["administrative"].as_u64().unwrap() >= 1);
    let mine = tasks_of(&app, &admin, &format!("patient_id={p}&kind=administrative")).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["visit_id"], v);
    assert_eq!(mine[0]["questionnaire_id"], survey);
    assert_eq!(generate(&app, &admin).await["administrative"], 0);
}
