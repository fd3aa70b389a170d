//! Booking storm: 10,000 concurrent booking requests over HTTP against the
//! real server binary for 500 numbers (5 sessions of 100), from 300
//! patients. Exactly 500 must be confirmed and no number given twice.
//! Prints requests and confirmed bookings per second and the p50/p99
//! latency, on SQLite and, when `HCRM_BENCH_DATABASE_URL` (or
//! `HCRM_TEST_DATABASE_URL`) names a PostgreSQL server, on PostgreSQL
//! (a fresh database is created on it and dropped afterwards).
//!
//! `cargo bench -p hcrm-server --bench booking_storm`
//! Env: HCRM_BENCH_REQUESTS (10000), HCRM_BENCH_CONCURRENCY (500).
//! Without `--bench` (under `cargo test --all-targets`) it does a tiny run.

use std::process::{Command, Stdio};
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::Connection;

#[path = "../tests/peers/mod.rs"]
mod peers;

use peers::booking_storm::{login, make_sessions, patient_ids, stored, storm};
use peers::process::{free_port, wait_healthy};

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

async fn run(
    label: &str,
    url: &str,
    requests: usize,
    concurrency: usize,
    sessions: usize,
    per_session: usize,
    patients: usize,
) {
    let bin = env!("CARGO_BIN_EXE_hcrm-server");
    let status = Command::new(bin)
        .args(["demo-data", "--patients", &patients.to_string()])
        .env("HCRM_DATABASE_URL", url)
        .env("HCRM_ARGON2_MEMORY_KIB", "1024")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = Command::new(bin)
        .arg("serve")
        .env("HCRM_DATABASE_URL", url)
        .env("HCRM_LISTEN", format!("127.0.0.1:{port}"))
        .env("HCRM_ARGON2_MEMORY_KIB", "1024")
        .env("HCRM_DB_POOL_SIZE", "16")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_healthy(port).await;
    let client = reqwest::Client::new();
    let admin = login(&client, &base, "admin").await;
    let clerk = login(&client, &base, "clerk1").await;
    let ids = make_sessions(&client, &base, &admin, sessions, per_session).await;
    let people = patient_ids(url);
    let result = storm(&base, &clerk, &ids, &people, requests, concurrency).await;
    server.kill().unwrap();
    server.wait().unwrap();
    let (confirmed, doubles) = stored(url, &ids);
    let numbers = sessions * per_session;
    assert_eq!(result.failed, 0, "{label}: requests without an answer");
    assert_eq!(doubles, 0, "{label}: a number was given twice");
    assert_eq!(result.confirmed.len(), numbers, "{label}: confirmed answers");
    assert_eq!(confirmed.len(), numbers, "{label}: confirmed in the database");
    let mut lat = result.latencies.clone();
    lat.sort();
    let secs = result.elapsed.as_secs_f64();
    println!(
        "booking storm [{label}]: {requests} requests ({concurrency} in flight) for {numbers} numbers in {secs:.2}s: {:.0} requests/s, {:.0} confirmed bookings/s, latency p50 {:.1} ms p99 {:.1} ms; {} confirmed, {} refused, none twice",
        requests as f64 / secs,
        numbers as f64 / secs,
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        result.confirmed.len(),
        result.refused,
    );
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` does not.
    let smoke = !std::env::args().any(|a| a == "--bench");
    let (requests, concurrency, sessions, per_session, patients) = if smoke {
        (200, 16, 2, 10, 30)
    } else {
        (env_usize("HCRM_BENCH_REQUESTS", 10_000), env_usize("HCRM_BENCH_CONCURRENCY", 500), 5, 100, 300)
    };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(4).enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sqlite = format!("sqlite://{}", dir.path().join("storm.db").display());
    rt.block_on(run("sqlite", &sqlite, requests, concurrency, sessions, per_session, patients));
    let pg = std::env::var("HCRM_BENCH_DATABASE_URL")
        .or_else(|_| std::env::var("HCRM_TEST_DATABASE_URL"))
        .ok()
        .filter(|u| u.starts_with("postgres"));
    match pg {
        Some(admin) => {
            let name = format!("hcrm_storm_{}", std::process::id());
            let mut conn = diesel::PgConnection::establish(&admin).expect("connect to PostgreSQL");
            conn.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
            let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin.clone());
            rt.block_on(run(
                "postgresql",
                &format!("{base}/{name}"),
                requests,
                concurrency,
                sessions,
                per_session,
                patients,
            ));
            let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
        None => println!("booking storm [postgresql]: skipped (set HCRM_BENCH_DATABASE_URL=postgres://...)"),
    }
}
