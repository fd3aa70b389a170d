//! A value outside a closed set (a status, a kind, a channel) is a 422 that
//! names the field and lists the values it takes, in a body and in a query.

use axum::http::Method;
use serde_json::json;

use crate::util::TestApp;

#[tokio::test]
async fn an_unknown_value_is_a_422_naming_the_field_and_the_allowed_values() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;

    let r = app.call(Method::PUT, "/api/v1/agent-state", Some(&agent), Some(json!({"state": "sleeping"}))).await;
    assert_eq!(r.status.as_u16(), 422, "{:?}", r.body);
    assert_eq!(r.content_type(), "application/problem+json");
    assert_eq!(r.body["code"], "validation_failed");
    assert_eq!(r.body["field"], "state");
    assert_eq!(
        r.body["detail"],
        "state: unknown value \"sleeping\", expected one of: ready, busy, after_call_work, away"
    );
    // A known value still works.
    let r = app.call(Method::PUT, "/api/v1/agent-state", Some(&agent), Some(json!({"state": "ready"}))).await;
    assert_eq!(r.status.as_u16(), 200, "{:?}", r.body);
    assert_eq!(r.body["state"], "ready");

    let r = app.get("/api/v1/followup/tasks?status=shut", &agent).await;
    assert_eq!(r.status.as_u16(), 422, "{:?}", r.body);
    assert_eq!(r.body["field"], "status");
    assert_eq!(
        r.body["detail"],
        "status: unknown value \"shut\", expected one of: open, all, pending, in_progress, completed, failed, cancelled"
    );
    assert_eq!(app.get("/api/v1/followup/tasks?status=all", &agent).await.status.as_u16(), 200);

    // The OpenAPI document shows the set as a string enum.
    let doc = app.call(Method::GET, "/api/openapi.json", None, None).await.body;
    let schema = &doc["components"]["schemas"]["AgentStatus"];
    assert_eq!(schema["type"], "string", "{schema}");
    assert_eq!(schema["enum"], json!(["ready", "busy", "after_call_work", "away"]));
}
