//! Database errors reach the client as a stable code, a sentence and the
//! field, never as the database's own message: no table, column,
//! constraint or index name, no SQL.

use axum::http::{Method, StatusCode};
use diesel::connection::SimpleConnection;
use serde_json::{json, Value};

use crate::calls::{patient_in, uuid};
use crate::util::TestApp;

/// Fails when the problem document carries any of `names` or anything that
/// reads like a database message.
fn assert_no_internals(body: &Value, names: &[&str]) {
    let text = body.to_string().to_lowercase();
    let database_words =
        ["select ", "insert ", "update ", "constraint", "sqlite", "postgres", "violat", "relation", "no such", "index"];
    for word in names.iter().chain(database_words.iter()) {
        assert!(!text.contains(&word.to_lowercase()), "{word:?} reached the client: {body}");
    }
}

#[tokio::test]
async fn a_constraint_violation_answers_409_without_naming_the_constraint() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let patient = patient_in(&app, "CARD").await;
    // A rule the service does not know of, so only the database enforces it.
    app.db(|conn| {
        conn.batch_execute(
            "CREATE UNIQUE INDEX one_call_per_test_number ON calls (remote_number) WHERE remote_number = '13900000099'",
        )
    })
    .await
    .unwrap();
    let body = json!({"direction": "outbound", "remote_number": "13900000099", "started_at": "2026-11-20T02:00:00Z", "patient_id": patient});
    let first = app.call(Method::PUT, &format!("/api/v1/calls/{}", uuid(70)), Some(&agent), Some(body.clone())).await;
    assert_eq!(first.status, StatusCode::OK, "{:?}", first.body);
    let second = app.call(Method::PUT, &format!("/api/v1/calls/{}", uuid(71)), Some(&agent), Some(body)).await;
    assert_eq!(
        (second.status, second.body["code"].as_str()),
        (StatusCode::CONFLICT, Some("conflict")),
        "{:?}",
        second.body
    );
    assert!(second.content_type().starts_with("application/problem+json"));
    assert!(!second.body["detail"].as_str().unwrap_or("").is_empty());
    assert_no_internals(&second.body, &["one_call_per_test_number", "calls.", "remote_number", "unique"]);
}

#[tokio::test]
async fn a_failing_query_answers_500_without_the_sql_or_the_table() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    app.db(|conn| conn.batch_execute("ALTER TABLE agent_states RENAME TO agent_states_elsewhere")).await.unwrap();
    let r = app.get("/api/v1/agent-state", &agent).await;
    assert_eq!(
        (r.status, r.body["code"].as_str()),
        (StatusCode::INTERNAL_SERVER_ERROR, Some("internal")),
        "{:?}",
        r.body
    );
    assert!(!r.body["detail"].as_str().unwrap_or("").is_empty());
    assert_no_internals(&r.body, &["agent_states", "ended_at", "user_id", "from "]);
}
