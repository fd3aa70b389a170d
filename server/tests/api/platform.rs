//! The stable endpoints other tools rely on.

use axum::http::{Method, StatusCode};

use crate::util::TestApp;

#[tokio::test]
async fn health_metrics_and_openapi() {
    let app = TestApp::new().await;
    let r = app.call(Method::GET, "/healthz", None, None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body["status"], "ok");
    assert_eq!(r.body["database"], if app.is_postgres() { "postgres" } else { "sqlite" });
    let t = app.login("agent1").await;
    app.get("/api/v1/auth/me", &t).await;
    let r = app.call(Method::GET, "/metrics", None, None).await;
    let text = r.body.as_str().unwrap().to_string();
    assert!(text.contains("hcrm_http_requests_total{class=\"2xx\"}"));
    assert!(text.contains("hcrm_http_request_duration_seconds_bucket"));
    let r = app.call(Method::GET, "/api/openapi.json", None, None).await;
    assert_eq!(r.body["openapi"], "3.1.0");
    assert!(r.body["paths"]["/api/v1/screen-pop"]["get"].is_object());
    assert!(r.body["components"]["securitySchemes"]["bearer"].is_object());
    let r = app.call(Method::GET, "/api/docs", None, None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.as_str().unwrap().contains("/api/openapi.json"));
}

#[tokio::test]
async fn departments_are_managed_by_admins() {
    let app = TestApp::new().await;
    let t = app.login("admin").await;
    let r = app
        .post("/api/v1/departments", &t, serde_json::json!({"code": "DERM", "name": "皮肤科", "kind": "clinical"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let id = r.body["id"].as_i64().unwrap();
    let dup = app
        .post("/api/v1/departments", &t, serde_json::json!({"code": "DERM", "name": "皮肤科", "kind": "clinical"}))
        .await;
    assert_eq!(dup.status, StatusCode::CONFLICT);
    assert_eq!(dup.body["field"], "code");
    let r = app
        .patch(&format!("/api/v1/departments/{id}"), &t, serde_json::json!({"active": false, "name": "皮肤性病科"}))
        .await;
    assert_eq!(r.body["active"], false);
    assert_eq!(r.body["name"], "皮肤性病科");
    assert_eq!(app.audit_count("department.create", None).await, 1);
}

#[tokio::test]
async fn the_desktop_webview_may_call_the_api_cross_origin() {
    use axum::body::Body;
    use axum::http::Request;
    let app = TestApp::new().await;
    let preflight = Request::builder()
        .method(Method::OPTIONS)
        .uri("/api/v1/patients")
        .header("origin", "tauri://localhost")
        .header("access-control-request-method", "GET")
        .header("access-control-request-headers", "authorization")
        .body(Body::empty())
        .unwrap();
    let r = app.raw(preflight).await;
    assert_eq!(r.headers.get("access-control-allow-origin").unwrap(), "tauri://localhost");
    let elsewhere = Request::builder()
        .method(Method::OPTIONS)
        .uri("/api/v1/patients")
        .header("origin", "https://evil.example")
        .header("access-control-request-method", "GET")
        .body(Body::empty())
        .unwrap();
    assert!(app.raw(elsewhere).await.headers.get("access-control-allow-origin").is_none());
}

/// PostgreSQL connections plan each run of a prepared statement: a generic
/// plan made while a table was empty (a fresh install's first HL7 feed)
/// would otherwise stay a sequential scan as the table grows.
#[tokio::test]
async fn postgres_connections_plan_prepared_statements_per_run() {
    let app = TestApp::new().await;
    if !app.is_postgres() {
        return;
    }
    #[derive(diesel::QueryableByName)]
    struct Setting {
        #[diesel(sql_type = diesel::sql_types::Text)]
        plan_cache_mode: String,
    }
    let mode = app
        .db(|conn| {
            use diesel::RunQueryDsl;
            diesel::sql_query("SHOW plan_cache_mode").get_result::<Setting>(conn).unwrap().plan_cache_mode
        })
        .await;
    assert_eq!(mode, "force_custom_plan");
}
