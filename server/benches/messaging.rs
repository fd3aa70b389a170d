//! The job runner and the SMS outbox: messages per second from the outbox
//! to a local HTTP gateway, and job dispatch latency (due -> handler start)
//! p50/p99, on SQLite and, when `HCRM_TEST_DATABASE_URL` names a PostgreSQL
//! server, on PostgreSQL.
//!
//! `cargo bench -p hcrm-server --bench messaging`
//! Env: HCRM_BENCH_MESSAGES (default 5000), HCRM_BENCH_JOBS (1000).
//! Without `--bench` (under `cargo test --all-targets`) it does a tiny run.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use hcrm_server::app::Background;
use hcrm_server::db::schema::{hospitals, sms_messages};
use hcrm_server::db::write_transaction;
use hcrm_server::jobs::{NewJob, Outcome};
use hcrm_server::{db_run, demo, AppState, Config};
use hcrm_shared::messaging::NewSms;

#[path = "../tests/peers/http_gateway.rs"]
#[allow(dead_code)]
mod http_gateway;

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

async fn open(url: String, gateway: &http_gateway::Gateway) -> AppState {
    let mut config = Config { database_url: url, argon2_memory_kib: 1024, db_pool_size: 8, ..Config::default() };
    config.sms = gateway.sms_config();
    config.jobs.poll_ms = 50;
    config.jobs.concurrency = 16;
    tokio::task::spawn_blocking(move || {
        let state = AppState::open(config).expect("open database");
        demo::load_demo_data(&mut state.db.get().unwrap(), 1024, 0).unwrap();
        state
    })
    .await
    .unwrap()
}

async fn outbox_throughput(state: &AppState, messages: usize) {
    let st = state.clone();
    let started = Instant::now();
    state
        .db
        .run(move |conn| {
            let hospital: i64 = db_run!(conn: { hospitals::table.filter(hospitals::code.eq("HOSP1")).select(hospitals::id).first(conn)? });
            write_transaction(conn, |conn| {
                for i in 0..messages {
                    let new = NewSms { phone: Some(format!("136{i:08}")), body: Some(format!("【医院】第{i}条随访提醒，请按时复诊。")), ..Default::default() };
                    hcrm_server::sms::service::enqueue(conn, &st, hospital, None, &new)?;
                }
                Ok(())
            })
        })
        .await
        .unwrap();
    let queued = started.elapsed();
    let bg = Background::start(state);
    let t = Instant::now();
    loop {
        let unsent: i64 = state
            .db
            .run(|conn| db_run!(conn: { Ok(sms_messages::table.filter(sms_messages::status.ne("sent")).count().get_result(conn)?) }))
            .await
            .unwrap();
        if unsent == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let sent = t.elapsed();
    bg.stop().await;
    println!(
        "  outbox: {messages} messages queued in {:.2}s ({:.0}/s); sent to the HTTP gateway in {:.2}s = {:.0} messages/s",
        queued.as_secs_f64(),
        messages as f64 / queued.as_secs_f64(),
        sent.as_secs_f64(),
        messages as f64 / sent.as_secs_f64()
    );
}

async fn dispatch_latency(state: &AppState, jobs: usize) {
    let samples = Arc::new(Mutex::new(Vec::with_capacity(jobs)));
    let s = samples.clone();
    state.jobs.register("bench.noop", move |ctx| {
        let s = s.clone();
        async move {
            let due = hcrm_server::db::to_utc(ctx.job.run_at);
            let late = (chrono::Utc::now() - due).to_std().unwrap_or_default();
            s.lock().unwrap().push(late);
            Outcome::Done
        }
    });
    let bg = Background::start(state);
    let hospital: i64 =
        state.db.run(|conn| db_run!(conn: { Ok(hospitals::table.filter(hospitals::code.eq("HOSP1")).select(hospitals::id).first(conn)?) })).await.unwrap();
    for _ in 0..jobs {
        let st = state.clone();
        state
            .db
            .run(move |conn| {
                write_transaction(conn, |conn| {
                    hcrm_server::jobs::enqueue(
                        conn,
                        &st,
                        &NewJob { hospital_id: hospital, kind: "bench.noop".into(), ..Default::default() },
                    )
                })
            })
            .await
            .unwrap();
        state.jobs.wake();
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    while samples.lock().unwrap().len() < jobs {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    bg.stop().await;
    let mut v = samples.lock().unwrap().clone();
    v.sort();
    println!(
        "  job dispatch latency (due -> handler start, local wake-up): n={} p50={:.2} ms p99={:.2} ms max={:.2} ms",
        v.len(),
        percentile(&v, 0.50),
        percentile(&v, 0.99),
        v.last().unwrap().as_secs_f64() * 1000.0
    );
}

async fn run(label: &str, url: String, messages: usize, jobs: usize) {
    println!("{label}:");
    let gateway = http_gateway::Gateway::start(http_gateway::Mode::Ok).await;
    let state = open(url.clone(), &gateway).await;
    outbox_throughput(&state, messages).await;
    assert_eq!(gateway.accepted(), messages);
    dispatch_latency(&state, jobs).await;
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` does not.
    let smoke = !std::env::args().any(|a| a == "--bench");
    let env = |k: &str, d: usize| std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(d);
    let (messages, jobs) =
        if smoke { (20, 10) } else { (env("HCRM_BENCH_MESSAGES", 5000), env("HCRM_BENCH_JOBS", 1000)) };
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        run("SQLite", format!("sqlite://{}", dir.path().join("bench.db").display()), messages, jobs).await;
        if let Ok(admin) = std::env::var("HCRM_TEST_DATABASE_URL") {
            if admin.starts_with("postgres") {
                let name = format!("hcrm_bench_messaging_{}", std::process::id());
                let mut conn = diesel::PgConnection::establish(&admin).expect("connect to PostgreSQL");
                conn.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
                let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin.clone());
                run("PostgreSQL", format!("{base}/{name}"), messages, jobs).await;
                let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    });
}
