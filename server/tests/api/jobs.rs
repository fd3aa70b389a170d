//! The durable job runner and the admin's job endpoints.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::http::StatusCode;
use hcrm_server::app::Background;
use hcrm_server::jobs::{NewJob, Outcome};
use serde_json::json;

use crate::peers::{eventually, fast_jobs};
use crate::util::TestApp;

async fn hospital_of(app: &TestApp, username: &'static str) -> i64 {
    app.db(move |conn| {
        use diesel::prelude::*;
        use hcrm_server::db::schema::users;
        hcrm_server::db_run!(conn: { users::table.filter(users::username.eq(username)).select(users::hospital_id).first::<i64>(conn).unwrap() })
    })
    .await
}

async fn enqueue(app: &TestApp, job: NewJob) -> i64 {
    let state = app.state.clone();
    let id = app.db(move |conn| hcrm_server::jobs::enqueue(conn, &state, &job).unwrap().id).await;
    app.state.jobs.wake();
    id
}

async fn job_status(app: &TestApp, token: &str, id: i64) -> serde_json::Value {
    app.get(&format!("/api/v1/jobs/{id}"), token).await.body
}

#[tokio::test]
async fn failing_jobs_retry_with_back_off_die_and_can_be_retried() {
    let app = TestApp::with_config(fast_jobs).await;
    let calls = Arc::new(AtomicUsize::new(0));
    let healthy = Arc::new(AtomicUsize::new(0));
    let (c, h) = (calls.clone(), healthy.clone());
    app.state.jobs.register("test.flaky", move |_ctx| {
        let (c, h) = (c.clone(), h.clone());
        async move {
            c.fetch_add(1, Ordering::SeqCst);
            if h.load(Ordering::SeqCst) == 1 {
                Outcome::Done
            } else {
                Outcome::Retry("upstream refused".into())
            }
        }
    });
    let bg = Background::start(&app.state);
    let admin = app.login("admin").await;
    let hospital = hospital_of(&app, "admin").await;
    let id = enqueue(
        &app,
        NewJob { hospital_id: hospital, kind: "test.flaky".into(), max_attempts: Some(3), ..Default::default() },
    )
    .await;
    let dead = eventually("the job to die", || async {
        let j = job_status(&app, &admin, id).await;
        (j["job"]["status"] == "dead").then_some(j)
    })
    .await;
    assert_eq!(dead["job"]["attempts"], 3);
    assert_eq!(dead["job"]["last_error"], "upstream refused");
    assert_eq!(dead["runs"].as_array().unwrap().len(), 3);
    assert_eq!(calls.load(Ordering::SeqCst), 3);
    // Run-now is for live jobs; a dead one is retried.
    let r = app.post(&format!("/api/v1/jobs/{id}/run-now"), &admin, json!({})).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    healthy.store(1, Ordering::SeqCst);
    let r = app.post(&format!("/api/v1/jobs/{id}/retry"), &admin, json!({})).await;
    assert_eq!(r.status, StatusCode::OK);
    eventually("the retried job to finish", || async {
        (job_status(&app, &admin, id).await["job"]["status"] == "done").then_some(())
    })
    .await;
    assert_eq!(calls.load(Ordering::SeqCst), 4);
    assert_eq!(app.audit_count("job.retry", None).await, 1);
    let r = app.post(&format!("/api/v1/jobs/{id}/retry"), &admin, json!({})).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "only dead jobs are retried");
    // Listing with a filter; the other hospital sees none of it.
    let list = app.get("/api/v1/jobs?status=done&kind=test.flaky", &admin).await;
    assert_eq!(list.body["total"], 1);
    assert_eq!(app.get("/api/v1/jobs?status=bogus", &admin).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    let metrics = app.call(axum::http::Method::GET, "/metrics", None, None).await;
    let text = metrics.body.as_str().unwrap_or_default().to_string();
    assert!(text.contains("hcrm_job_attempts_total{outcome=\"dead\"} 1"), "{text}");
    assert!(text.contains("hcrm_job_attempts_total{outcome=\"retry\"} 2"), "{text}");
    let h2 = app.login("h2.admin").await;
    assert_eq!(app.get(&format!("/api/v1/jobs/{id}"), &h2).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/api/v1/jobs", &h2).await.body["total"], 0);
    bg.stop().await;
}

#[tokio::test]
async fn delayed_jobs_wait_and_run_now_brings_them_forward() {
    let app = TestApp::with_config(fast_jobs).await;
    let calls = Arc::new(AtomicUsize::new(0));
    let c = calls.clone();
    app.state.jobs.register("test.count", move |_ctx| {
        let c = c.clone();
        async move {
            c.fetch_add(1, Ordering::SeqCst);
            Outcome::Done
        }
    });
    let bg = Background::start(&app.state);
    let admin = app.login("admin").await;
    let hospital = hospital_of(&app, "admin").await;
    let tomorrow = hcrm_server::db::now() + chrono::Duration::days(1);
    let delayed = enqueue(
        &app,
        NewJob { hospital_id: hospital, kind: "test.count".into(), run_at: Some(tomorrow), ..Default::default() },
    )
    .await;
    let now_job =
        enqueue(&app, NewJob { hospital_id: hospital, kind: "test.count".into(), ..Default::default() }).await;
    eventually("the immediate job", || async {
        (job_status(&app, &admin, now_job).await["job"]["status"] == "done").then_some(())
    })
    .await;
    assert_eq!(job_status(&app, &admin, delayed).await["job"]["status"], "pending");
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    let r = app.post(&format!("/api/v1/jobs/{delayed}/run-now"), &admin, json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    eventually("the delayed job after run-now", || async {
        (job_status(&app, &admin, delayed).await["job"]["status"] == "done").then_some(())
    })
    .await;
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    // The same dedupe key enqueues once.
    let key = Some("once".to_string());
    let a = enqueue(
        &app,
        NewJob {
            hospital_id: hospital,
            kind: "test.count".into(),
            run_at: Some(tomorrow),
            dedupe_key: key.clone(),
            ..Default::default()
        },
    )
    .await;
    let b = enqueue(
        &app,
        NewJob {
            hospital_id: hospital,
            kind: "test.count".into(),
            run_at: Some(tomorrow),
            dedupe_key: key,
            ..Default::default()
        },
    )
    .await;
    assert_eq!(a, b);
    bg.stop().await;
}

#[tokio::test]
async fn recurring_jobs_run_again_and_a_panic_is_an_error() {
    let app = TestApp::with_config(fast_jobs).await;
    let calls = Arc::new(AtomicUsize::new(0));
    let c = calls.clone();
    app.state.jobs.register("test.tick", move |_ctx| {
        let c = c.clone();
        async move {
            c.fetch_add(1, Ordering::SeqCst);
            Outcome::Done
        }
    });
    app.state.jobs.register("test.panic", |_ctx| async { panic!("handler bug") });
    let bg = Background::start(&app.state);
    let admin = app.login("admin").await;
    let hospital = hospital_of(&app, "admin").await;
    let tick = enqueue(
        &app,
        NewJob {
            hospital_id: hospital,
            kind: "test.tick".into(),
            schedule: Some("@every 1s".into()),
            run_at: Some(hcrm_server::db::now()),
            ..Default::default()
        },
    )
    .await;
    let panics = enqueue(
        &app,
        NewJob { hospital_id: hospital, kind: "test.panic".into(), max_attempts: Some(2), ..Default::default() },
    )
    .await;
    eventually("the recurring job to run twice", || async { (calls.load(Ordering::SeqCst) >= 2).then_some(()) }).await;
    let j = job_status(&app, &admin, tick).await;
    assert_eq!(j["job"]["schedule"], "@every 1s");
    assert!(j["runs"].as_array().unwrap().len() >= 2);
    let dead = eventually("the panicking job to die", || async {
        let j = job_status(&app, &admin, panics).await;
        (j["job"]["status"] == "dead").then_some(j)
    })
    .await;
    assert!(dead["job"]["last_error"].as_str().unwrap().contains("handler failed"), "{dead}");
    // An unknown kind dies at once instead of looping.
    let unknown =
        enqueue(&app, NewJob { hospital_id: hospital, kind: "test.nobody".into(), ..Default::default() }).await;
    let j = eventually("the unknown job", || async {
        let j = job_status(&app, &admin, unknown).await;
        (j["job"]["status"] == "dead").then_some(j)
    })
    .await;
    assert_eq!(j["job"]["attempts"], 1);
    // A bad schedule is refused.
    let state = app.state.clone();
    let bad = app
        .db(move |conn| {
            hcrm_server::jobs::enqueue(
                conn,
                &state,
                &NewJob {
                    hospital_id: hospital,
                    kind: "x".into(),
                    schedule: Some("61 * * * *".into()),
                    ..Default::default()
                },
            )
            .map(|_| ())
        })
        .await;
    assert_eq!(bad.unwrap_err().field.as_deref(), Some("schedule"));
    bg.stop().await;
}
