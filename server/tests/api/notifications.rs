//! In-app notifications: REST list, unread counts, mark-as-read, the push
//! over the WebSocket `/api/v1/events`, and reminders delivered by a job.

use std::net::SocketAddr;

use axum::http::{Method, StatusCode};
use hcrm_server::app::Background;
use serde_json::json;

use crate::peers::websocket::WsClient;
use crate::peers::{eventually, fast_jobs};
use crate::util::TestApp;

/// Serves the app on a real socket (a WebSocket needs one).
async fn serve(app: &TestApp) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let svc = hcrm_server::router::build(app.state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, svc).await.unwrap() });
    addr
}

async fn user_id(app: &TestApp, token: &str) -> i64 {
    app.get("/api/v1/auth/me", token).await.body["id"].as_i64().unwrap()
}

#[tokio::test]
async fn notifications_are_pushed_listed_counted_and_read() {
    let app = TestApp::new().await;
    let addr = serve(&app).await;
    let admin = app.login("admin").await;
    let agent = app.login("agent1").await;
    let agent_id = user_id(&app, &agent).await;

    // No token, a bad token, or a plain GET: no socket.
    assert_eq!(app.call(Method::GET, "/api/v1/events", None, None).await.status, StatusCode::UNAUTHORIZED);
    assert!(WsClient::connect(addr, "/api/v1/events?token=nope").await.unwrap_err().contains("401"));
    assert_eq!(app.get("/api/v1/events", &agent).await.status, StatusCode::BAD_REQUEST);

    let mut ws = WsClient::connect(addr, &format!("/api/v1/events?token={agent}")).await.unwrap();
    let hello = ws.next_json().await;
    assert_eq!(
        (hello["type"].as_str(), hello["user_id"].as_i64(), hello["unread"].as_i64()),
        (Some("hello"), Some(agent_id), Some(0))
    );

    let r = app
        .post("/api/v1/notifications", &admin, json!({"user_id": agent_id, "kind": "task_assigned", "title": "新的随访任务", "body": "张三 出院第3天", "link": "/tasks/1"}))
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    let pushed = ws.next_json().await;
    assert_eq!(pushed["type"], "notification");
    assert_eq!(pushed["notification"]["title"], "新的随访任务");
    assert_eq!(pushed["unread"], 1);
    let id = pushed["notification"]["id"].as_i64().unwrap();

    // To every agent of the hospital; agent1 gets it too.
    app.post("/api/v1/notifications", &admin, json!({"role": "agent", "kind": "alert", "title": "危急值"})).await;
    let second = ws.next_json().await;
    assert_eq!((second["notification"]["kind"].as_str(), second["unread"].as_i64()), (Some("alert"), Some(2)));

    let list = app.get("/api/v1/notifications?unread=true", &agent).await;
    assert_eq!(list.body["total"], 2);
    assert_eq!(app.get("/api/v1/notifications/unread-count", &agent).await.body["unread"], 2);
    let read = app.post(&format!("/api/v1/notifications/{id}/read"), &agent, json!({})).await;
    assert_eq!(read.body["unread"], 1);
    // The badge of the open socket follows.
    let unread = ws.next_json().await;
    assert_eq!((unread["type"].as_str(), unread["unread"].as_i64()), (Some("unread"), Some(1)));
    app.post("/api/v1/notifications/read-all", &agent, json!({})).await;
    assert_eq!(app.get("/api/v1/notifications/unread-count", &agent).await.body["unread"], 0);

    // Someone else's notification is not found, not readable.
    let doctor = app.login("doctor.card").await;
    assert_eq!(
        app.post(&format!("/api/v1/notifications/{id}/read"), &doctor, json!({})).await.status,
        StatusCode::NOT_FOUND
    );
    // Another hospital's user cannot be addressed.
    let h2_agent = app.login("h2.agent1").await;
    let h2_id = user_id(&app, &h2_agent).await;
    let r = app.post("/api/v1/notifications", &admin, json!({"user_id": h2_id, "kind": "alert", "title": "x"})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/api/v1/notifications/unread-count", &h2_agent).await.body["unread"], 0);
    let r =
        app.post("/api/v1/notifications", &admin, json!({"user_id": agent_id, "kind": "gossip", "title": "x"})).await;
    assert_eq!(r.body["field"], "kind");

    // Signing out closes the push.
    let r = app.post("/api/v1/auth/logout", &agent, json!({})).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let closed = async {
        // The read-all above may still be on its way as an unread frame.
        while let Some(frame) = ws.next().await {
            assert_eq!(frame["type"], "unread", "{frame}");
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(30), closed)
        .await
        .expect("the socket stays open after sign-out");
}

#[tokio::test]
async fn a_reminder_is_delivered_by_a_job_and_pushed() {
    let app = TestApp::with_config(fast_jobs).await;
    let addr = serve(&app).await;
    let bg = Background::start(&app.state);
    let manager = app.login("manager.card").await;
    let agent = app.login("agent1").await;
    let agent_id = user_id(&app, &agent).await;
    let mut ws = WsClient::connect(addr, &format!("/api/v1/events?token={agent}")).await.unwrap();
    assert_eq!(ws.next_json().await["type"], "hello");
    let at = chrono::Utc::now() + chrono::Duration::milliseconds(300);
    let r = app
        .post(
            "/api/v1/notifications",
            &manager,
            json!({"user_id": agent_id, "kind": "reminder", "title": "回访提醒", "at": at}),
        )
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    let pushed = ws.next_json().await;
    assert_eq!(pushed["notification"]["title"], "回访提醒");
    let jobs = eventually("the reminder job to finish", || async {
        let admin = app.login("admin").await;
        let j = app.get("/api/v1/jobs?kind=notification.deliver&status=done", &admin).await;
        (j.body["total"] == 1).then_some(j.body)
    })
    .await;
    // Re-running the delivered job does not notify twice.
    let admin = app.login("admin").await;
    let job_id = jobs["items"][0]["id"].as_i64().unwrap();
    app.post(&format!("/api/v1/jobs/{job_id}/run-now"), &admin, json!({})).await;
    eventually("the re-run", || async {
        let j = app.get(&format!("/api/v1/jobs/{job_id}"), &admin).await;
        (j.body["job"]["status"] == "done" && j.body["runs"].as_array().unwrap().len() == 2).then_some(())
    })
    .await;
    assert_eq!(app.get("/api/v1/notifications", &agent).await.body["total"], 1);
    bg.stop().await;
}

#[tokio::test]
async fn a_notification_made_on_another_instance_reaches_the_socket() {
    let app = TestApp::new().await;
    // A second instance on the same database, with its own hub.
    let config = (*app.state.config).clone();
    let other = tokio::task::spawn_blocking(move || hcrm_server::AppState::open(config).unwrap()).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let svc = hcrm_server::router::build(other).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, svc).await.unwrap() });
    let admin = app.login("admin").await;
    let agent = app.login("agent1").await;
    let agent_id = user_id(&app, &agent).await;
    let mut ws = WsClient::connect(addr, &format!("/api/v1/events?token={agent}")).await.unwrap();
    assert_eq!(ws.next_json().await["type"], "hello");
    app.post("/api/v1/notifications", &admin, json!({"user_id": agent_id, "kind": "alert", "title": "跨实例"})).await;
    let pushed = ws.next_json().await;
    assert_eq!(pushed["notification"]["title"], "跨实例");
}
