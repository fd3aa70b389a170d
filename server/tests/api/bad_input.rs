//! Bad input gets a 4xx problem document naming the field; nothing is 500.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::json;

use crate::util::TestApp;

#[tokio::test]
async fn bad_bodies_are_named_problems() {
    let app = TestApp::new().await;
    let t = app.login("admin").await;
    let cases = [
        (
            "/api/v1/patients",
            json!({"mrn": "X1", "name": "王五", "id_card": "110105194912310021"}),
            422,
            Some("id_card"),
        ),
        ("/api/v1/patients", json!({"mrn": "X1", "name": 5}), 422, Some("name")),
        ("/api/v1/patients", json!({"mrn": "X1"}), 422, Some("name")),
        (
            "/api/v1/patients",
            json!({"mrn": "X1", "name": "王五", "phones": ["13800001111", "12"]}),
            422,
            Some("phones[1]"),
        ),
        ("/api/v1/patients", json!({"mrn": "X1", "name": "王五", "birth_date": "1949-13-01"}), 422, Some("birth_date")),
        (
            "/api/v1/patients",
            json!({"mrn": "X1", "name": "王五", "id_card": "11010519491231002X", "birth_date": "1950-01-01"}),
            422,
            Some("birth_date"),
        ),
        ("/api/v1/patients", json!({"mrn": "X1", "name": "王五", "tags": ["royal"]}), 422, Some("tags[0]")),
        ("/api/v1/patients", json!({"mrn": "X1", "name": "王五", "colour": "blue"}), 422, Some("colour")),
        (
            "/api/v1/users",
            json!({"username": "newbie", "display_name": "n", "password": "Good#Pass1", "role": "superuser"}),
            422,
            Some("role"),
        ),
        (
            "/api/v1/users",
            json!({"username": "x", "display_name": "n", "password": "Good#Pass1", "role": "agent"}),
            422,
            Some("username"),
        ),
        ("/api/v1/departments", json!({"code": "", "name": "空", "kind": "clinical"}), 422, Some("code")),
        ("/api/v1/departments", json!({"code": "Z", "name": "空", "kind": "canteen"}), 422, Some("kind")),
    ];
    for (path, body, status, field) in cases {
        let r = app.post(path, &t, body.clone()).await;
        assert_eq!(r.status.as_u16(), status, "{path} {body}: {:?}", r.body);
        assert_eq!(r.content_type(), "application/problem+json");
        assert_eq!(r.body["field"].as_str(), field, "{path} {body}: {:?}", r.body);
        assert!(r.body["detail"].as_str().unwrap().len() > 5);
    }
    // Nothing of those was stored.
    assert_eq!(app.get("/api/v1/patients?q=X1", &t).await.body["total"], 0);
}

#[tokio::test]
async fn malformed_oversized_and_mistyped_requests() {
    let app = TestApp::new().await;
    let t = app.login("admin").await;
    let raw = |body: Body, ctype: &str| {
        Request::builder()
            .method(Method::POST)
            .uri("/api/v1/patients")
            .header(header::AUTHORIZATION, format!("Bearer {t}"))
            .header(header::CONTENT_TYPE, ctype)
            .body(body)
            .unwrap()
    };
    let r = app.raw(raw(Body::from("{\"mrn\": \"X1\", "), "application/json")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.body["code"], "malformed_json");
    let r = app.raw(raw(Body::from("mrn=X1"), "application/x-www-form-urlencoded")).await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let huge = format!("{{\"mrn\":\"X1\",\"name\":\"{}\"}}", "王".repeat(1_000_000));
    let r = app.raw(raw(Body::from(huge), "application/json")).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.content_type(), "application/problem+json");
    assert_eq!(r.body["code"], "body_too_large");

    let r = app.get("/api/v1/patients/not-a-number", &t).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.body["code"], "bad_path");
    let r = app.get("/api/v1/patients?page=first", &t).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.body["field"], "page");
    let r = app.get("/api/v1/patients?colour=blue", &t).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = app.get("/api/v1/patients/999999", &t).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app.get("/api/v1/no-such-thing", &t).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.content_type(), "application/problem+json");
    let r = app.call(Method::DELETE, "/api/v1/audit", Some(&t), None).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.content_type(), "application/problem+json");
    let r = app.call(Method::GET, "/api/v1/auth/me", Some("garbage-token"), None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = app.call(Method::POST, "/api/v1/auth/login", None, Some(json!({"username": "", "password": ""}))).await;
    assert_eq!(r.body["field"], "username");
}

/// Throws odd bodies at every write endpoint: each gets a 4xx, never a 500.
#[tokio::test]
async fn no_body_makes_a_server_error() {
    let app = TestApp::new().await;
    let t = app.login("admin").await;
    let patient = app.patient_id("A000000001").await;
    let paths = [
        (Method::POST, "/api/v1/patients".to_string()),
        (Method::PATCH, format!("/api/v1/patients/{patient}")),
        (Method::POST, format!("/api/v1/patients/{patient}/visits")),
        (Method::POST, format!("/api/v1/patients/{patient}/contacts")),
        (Method::POST, format!("/api/v1/patients/{patient}/reveal")),
        (Method::POST, "/api/v1/users".to_string()),
        (Method::PATCH, "/api/v1/users/1".to_string()),
        (Method::POST, "/api/v1/departments".to_string()),
        (Method::PATCH, "/api/v1/departments/1".to_string()),
        (Method::POST, "/api/v1/auth/password".to_string()),
    ];
    let long = "字".repeat(5000);
    let bodies = [
        json!(null),
        json!([]),
        json!("text"),
        json!(12),
        json!({}),
        json!({"mrn": long, "name": long, "phones": [long]}),
        json!({"name": {"nested": [1, 2, {"deep": true}]}}),
        json!({"department_id": 9_223_372_036_854_775_807i64, "visit_no": "V", "kind": "inpatient", "admitted_at": "2026-01-01T00:00:00Z"}),
        json!({"department_id": -1, "visit_no": "V", "kind": "inpatient", "admitted_at": "not a time"}),
        json!({"role": "doctor", "department_id": 999999}),
        json!({"summary": "", "channel": "phone", "direction": "sideways"}),
        json!({"field": "blood_type"}),
        json!({"mrn": "A000000002", "name": "重复"}),
        json!({"code": "CARD", "name": "重复", "kind": "clinical"}),
    ];
    for (method, path) in &paths {
        for body in &bodies {
            let r = app.call(method.clone(), path, Some(&t), Some(body.clone())).await;
            assert!(r.status.as_u16() < 500, "{method} {path} {body}: {} {:?}", r.status, r.body);
            if !r.status.is_success() {
                assert_eq!(r.content_type(), "application/problem+json", "{method} {path} {body}");
            }
        }
    }
}
