//! A booking storm over HTTP against the real server: many concurrent
//! `POST /api/v1/appointments` (confirm at once) from many patients for a
//! fixed set of numbers. Shared by the kill test and the benchmark.

use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use hcrm_server::db::schema::{appointments, hospitals, patients};
use hcrm_server::db::Db;
use hcrm_server::db_run;
use serde_json::{json, Value};

pub const TITLE: &str = "号源风暴";

pub async fn login(client: &reqwest::Client, base: &str, username: &str) -> String {
    let r: Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"username": username, "password": hcrm_server::demo::DEMO_PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    r["token"].as_str().unwrap_or_else(|| panic!("login {username}: {r}")).to_string()
}

/// `sessions` sessions of `per_session` one-minute numbers on the days
/// after today, for the cardiology department; returns their ids.
pub async fn make_sessions(
    client: &reqwest::Client,
    base: &str,
    admin: &str,
    sessions: usize,
    per_session: usize,
) -> Vec<i64> {
    let dept: Value =
        client.get(format!("{base}/api/v1/departments")).bearer_auth(admin).send().await.unwrap().json().await.unwrap();
    let card = dept.as_array().unwrap().iter().find(|d| d["code"] == "CARD").unwrap()["id"].as_i64().unwrap();
    let end = chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap() + chrono::Duration::minutes(per_session as i64);
    for weekday in 1..=7 {
        let r = client
            .post(format!("{base}/api/v1/appointments/templates"))
            .bearer_auth(admin)
            .json(&json!({"department_id": card, "title": TITLE, "weekday": weekday, "session": "afternoon",
                "start_time": "12:00", "end_time": end.format("%H:%M").to_string(), "slot_minutes": 1}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 201, "{}", r.text().await.unwrap());
    }
    let today = (chrono::Utc::now().naive_utc() + chrono::Duration::minutes(480)).date();
    let (from, to) = (today + chrono::Duration::days(1), today + chrono::Duration::days(sessions as i64));
    let r = client
        .post(format!("{base}/api/v1/appointments/generate"))
        .bearer_auth(admin)
        .json(&json!({"from": from, "to": to}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let list: Value = client
        .get(format!("{base}/api/v1/appointments/sessions?from={from}&to={to}"))
        .bearer_auth(admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ids: Vec<i64> =
        list.as_array().unwrap().iter().filter(|s| s["title"] == TITLE).map(|s| s["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), sessions);
    ids
}

pub fn patient_ids(url: &str) -> Vec<i64> {
    let db = Db::connect(url, 1).unwrap();
    let mut conn = db.get().unwrap();
    let conn = &mut *conn;
    db_run!(conn: {
        patients::table
            .inner_join(hospitals::table)
            .filter(hospitals::code.eq("HOSP1"))
            .select(patients::id)
            .load(conn)
            .unwrap()
    })
}

#[derive(Debug, Default)]
pub struct StormResult {
    /// Appointment ids answered 201.
    pub confirmed: Vec<i64>,
    pub refused: usize,
    /// Requests with no answer (the server died).
    pub failed: usize,
    pub latencies: Vec<Duration>,
    pub elapsed: Duration,
}

/// Fires `requests` bookings with at most `concurrency` in flight; request
/// `i` books a pseudo-random patient into a pseudo-random session.
pub async fn storm(
    base: &str,
    token: &str,
    sessions: &[i64],
    patients: &[i64],
    requests: usize,
    concurrency: usize,
) -> StormResult {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .timeout(Duration::from_secs(120))
        .build()
        .unwrap();
    let gate = Arc::new(tokio::sync::Semaphore::new(concurrency));
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..requests {
        // Round-robin over sessions; each session sees every patient in turn.
        let session = sessions[i % sessions.len()];
        let patient = patients[(i / sessions.len()) % patients.len()];
        let (client, gate, base, token) = (client.clone(), gate.clone(), base.to_string(), token.to_string());
        tasks.spawn(async move {
            let _permit = gate.acquire_owned().await.unwrap();
            let t = Instant::now();
            let r = client
                .post(format!("{base}/api/v1/appointments"))
                .bearer_auth(&token)
                .json(&json!({"session_id": session, "patient_id": patient, "confirm": true}))
                .send()
                .await;
            let outcome = match r {
                Ok(r) if r.status().as_u16() == 201 => {
                    let v: Value = r.json().await.unwrap_or(Value::Null);
                    Ok(v["id"].as_i64())
                }
                Ok(r) if r.status().as_u16() == 409 => Ok(None),
                Ok(r) => panic!("unexpected answer {}: {}", r.status(), r.text().await.unwrap_or_default()),
                Err(_) => Err(()),
            };
            (outcome, t.elapsed())
        });
    }
    let mut out = StormResult::default();
    while let Some(r) = tasks.join_next().await {
        let (outcome, latency) = r.unwrap();
        match outcome {
            Ok(Some(id)) => {
                out.confirmed.push(id);
                out.latencies.push(latency);
            }
            Ok(None) => {
                out.refused += 1;
                out.latencies.push(latency);
            }
            Err(()) => out.failed += 1,
        }
    }
    out.elapsed = started.elapsed();
    out
}

/// What the database holds: confirmed appointments of the sessions, and
/// slots with more than one live appointment (must be none).
pub fn stored(url: &str, sessions: &[i64]) -> (Vec<i64>, i64) {
    let db = Db::connect(url, 1).unwrap();
    let mut conn = db.get().unwrap();
    let conn = &mut *conn;
    let sessions = sessions.to_vec();
    db_run!(conn: {
        let confirmed: Vec<i64> = appointments::table
            .filter(appointments::session_id.eq_any(&sessions))
            .filter(appointments::status.eq("confirmed"))
            .select(appointments::id)
            .load(conn)
            .unwrap();
        let slots: Vec<i64> = appointments::table
            .filter(appointments::session_id.eq_any(&sessions))
            .filter(appointments::status.eq_any(["held", "confirmed", "checked_in"]))
            .select(appointments::slot_id)
            .load(conn)
            .unwrap();
        let mut sorted = slots.clone();
        sorted.sort();
        sorted.dedup();
        (confirmed, (slots.len() - sorted.len()) as i64)
    })
}
