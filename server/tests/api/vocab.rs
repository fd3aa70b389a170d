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

/// Every request field whose values are a closed set refuses an unknown one
/// the same way: a 422 naming the field and listing what it takes.
#[tokio::test]
async fn each_closed_set_in_a_request_names_its_allowed_values() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let template = json!({"title": "t", "sections": [{"id": "s", "title": "s", "questions": [{"id": "q", "text": "评分", "kind": "rating5"}]}]});
    let cases = [
        (
            "/api/v1/surveys/questionnaires",
            json!({"code": "q1", "name": "问卷", "category": "fun", "template": template}),
            "category",
            "unknown value \"fun\", expected one of: satisfaction, staff, general",
        ),
        (
            "/api/v1/surveys/questionnaires/import",
            json!({"format": "hcrm-questionnaire", "format_version": 1, "code": "q2", "name": "问卷", "category": "fun", "template": template}),
            "category",
            "unknown value \"fun\", expected one of: satisfaction, staff, general",
        ),
        (
            "/api/v1/patients/1/contacts",
            json!({"channel": "fax", "direction": "inbound", "summary": "x"}),
            "channel",
            "unknown value \"fax\", expected one of: phone, sms, visit, other",
        ),
        (
            "/api/v1/patients/1/contacts",
            json!({"channel": "phone", "direction": "sideways", "summary": "x"}),
            "direction",
            "unknown value \"sideways\", expected one of: inbound, outbound",
        ),
        (
            "/api/v1/patients",
            json!({"sex": "robot"}),
            "sex",
            "unknown value \"robot\", expected one of: male, female, unknown",
        ),
        (
            "/api/v1/patients/1/visits",
            json!({"visit_no": "V1", "kind": "emergency"}),
            "kind",
            "unknown value \"emergency\", expected one of: outpatient, inpatient",
        ),
        (
            "/api/v1/patients/1/reveal",
            json!({"field": "address"}),
            "field",
            "unknown value \"address\", expected one of: phone, id_card",
        ),
        (
            "/api/v1/departments",
            json!({"code": "LAB", "name": "检验科", "kind": "lab"}),
            "kind",
            "unknown value \"lab\", expected one of: clinical, ward, office, window",
        ),
    ];
    for (path, body, field, detail) in cases {
        let r = app.post(path, &admin, body).await;
        assert_eq!(r.status.as_u16(), 422, "{path}: {:?}", r.body);
        assert_eq!(r.body["field"], field, "{path}: {:?}", r.body);
        assert_eq!(r.body["detail"], format!("{field}: {detail}"), "{path}");
    }
    let r = app.get("/api/v1/followup/stats/export?which=nonsense", &admin).await;
    assert_eq!(r.status.as_u16(), 422, "{:?}", r.body);
    assert_eq!(r.body["field"], "which");
    assert_eq!(
        r.body["detail"],
        "which: unknown value \"nonsense\", expected one of: all, workload, coverage, contact, trend"
    );
}
