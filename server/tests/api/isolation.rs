//! One hospital never sees another's data, by any endpoint.

use axum::http::StatusCode;
use serde_json::json;

use crate::util::TestApp;

#[tokio::test]
async fn hospital_one_cannot_reach_hospital_two() {
    let app = TestApp::new().await;
    let theirs = app.patient_id("B000000001").await;
    let their_dept = app.department_id("HOSP2", "CARD").await;
    let (their_phone, their_user) = app
        .db(move |conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::{patient_phones, users};
            hcrm_server::db_run!(conn: {
                let phone: String = patient_phones::table.filter(patient_phones::patient_id.eq(theirs)).select(patient_phones::number).first(conn).unwrap();
                let user: i64 = users::table.filter(users::username.eq("h2.agent1")).select(users::id).first(conn).unwrap();
                (phone, user)
            })
        })
        .await;
    let admin = app.login("admin").await;
    let agent = app.login("agent1").await;

    for token in [&admin, &agent] {
        for path in [format!("/api/v1/patients/{theirs}"), format!("/api/v1/patients/{theirs}/visits")] {
            assert_eq!(app.get(&path, token).await.status, StatusCode::NOT_FOUND, "{path}");
        }
        let r = app.post(&format!("/api/v1/patients/{theirs}/reveal"), token, json!({"field": "phone"})).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = app.patch(&format!("/api/v1/patients/{theirs}"), token, json!({"address": "x"})).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = app
            .post(
                &format!("/api/v1/patients/{theirs}/contacts"),
                token,
                json!({"channel": "phone", "direction": "outbound", "summary": "x"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = app
            .post(&format!("/api/v1/patients/{theirs}/visits"), token, json!({"visit_no": "V1", "kind": "outpatient", "department_id": their_dept, "admitted_at": "2026-11-01T08:00:00Z"}))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        for q in ["B000000001", their_phone.as_str()] {
            let r = app.get(&format!("/api/v1/patients?q={q}"), token).await;
            assert_eq!(r.body["total"], 0, "search {q}");
        }
        let r = app.get(&format!("/api/v1/screen-pop?number={their_phone}"), token).await;
        assert_eq!(r.body["matches"].as_array().unwrap().len(), 0);
        // A full listing holds only our own MRNs.
        let all = app.get("/api/v1/patients?per_page=200", token).await;
        assert!(all.body["items"].as_array().unwrap().iter().all(|p| p["mrn"].as_str().unwrap().starts_with('A')));
    }

    // Our own patient cannot be given a visit in their department.
    let ours = app.patient_id("A000000001").await;
    let r = app
        .post(&format!("/api/v1/patients/{ours}/visits"), &admin, json!({"visit_no": "V2", "kind": "outpatient", "department_id": their_dept, "admitted_at": "2026-11-01T08:00:00Z"}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.body["field"], "department_id");

    // Organisation and audit.
    let depts = app.get("/api/v1/departments", &admin).await;
    assert!(depts.body.as_array().unwrap().iter().all(|d| d["id"] != their_dept));
    assert_eq!(
        app.patch(&format!("/api/v1/departments/{their_dept}"), &admin, json!({"name": "x"})).await.status,
        StatusCode::NOT_FOUND
    );
    let users = app.get("/api/v1/users", &admin).await;
    assert!(users.body.as_array().unwrap().iter().all(|u| !u["username"].as_str().unwrap().starts_with("h2.")));
    assert_eq!(
        app.patch(&format!("/api/v1/users/{their_user}"), &admin, json!({"disabled": true})).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post(&format!("/api/v1/users/{their_user}/reset-password"), &admin, json!({"password": "Hijack#2026"}))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let their_admin = app.login("h2.admin").await;
    app.get(&format!("/api/v1/patients/{theirs}"), &their_admin).await;
    let audit = app.get("/api/v1/audit?per_page=200", &admin).await;
    assert!(audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| !a["username"].as_str().unwrap().starts_with("h2.")));
    let stats = app.get("/api/v1/stats/discharges?days=366", &admin).await;
    let our_depts: Vec<i64> = depts.body.as_array().unwrap().iter().map(|d| d["id"].as_i64().unwrap()).collect();
    assert!(stats.body["series"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| our_depts.contains(&p["department_id"].as_i64().unwrap())));
}
