use axum::http::StatusCode;

use crate::util::TestApp;

#[tokio::test]
async fn the_audit_log_cannot_be_changed_even_in_the_database() {
    let app = TestApp::new().await;
    let t = app.login("agent1").await;
    let id = app.patient_id("A000000003").await;
    app.get(&format!("/api/v1/patients/{id}"), &t).await;
    let (update, delete) = app
        .db(|conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::audit_log;
            hcrm_server::db_run!(conn: {
                let u = diesel::update(audit_log::table).set(audit_log::username.eq("someone-else")).execute(conn);
                let d = diesel::delete(audit_log::table).execute(conn);
                (u.map_err(|e| e.to_string()), d.map_err(|e| e.to_string()))
            })
        })
        .await;
    assert!(update.unwrap_err().contains("append-only"));
    assert!(delete.unwrap_err().contains("append-only"));
    assert_eq!(app.audit_count("patient.read", Some(id)).await, 1);
}

#[tokio::test]
async fn auditors_search_by_user_action_patient_and_time() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let a = app.patient_id("A000000001").await;
    let b = app.patient_id("A000000002").await;
    app.get(&format!("/api/v1/patients/{a}"), &agent).await;
    app.get(&format!("/api/v1/patients/{b}"), &agent).await;
    let auditor = app.login("auditor").await;
    let r = app.get(&format!("/api/v1/audit?username=agent1&action=patient.read&patient_id={a}"), &auditor).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body["total"], 1);
    let row = &r.body["items"][0];
    assert_eq!(row["patient_id"], a);
    assert_eq!(row["role"], "agent");
    let future = app.get("/api/v1/audit?from=2999-01-01T00:00:00", &auditor).await;
    assert_eq!(future.body["total"], 0);
    let all = app.get("/api/v1/audit?to=2999-01-01T00:00:00", &auditor).await;
    assert!(all.body["total"].as_i64().unwrap() >= 4);
    // The auditor sees no patient data.
    assert_eq!(app.get(&format!("/api/v1/patients/{a}"), &auditor).await.status, StatusCode::FORBIDDEN);
}
