//! Screen-pop lookup by phone number with 1,000,000 patients: p50 and p99
//! inside the server (service call) and through HTTP, on SQLite and, when
//! `HCRM_TEST_DATABASE_URL` names a PostgreSQL server, on PostgreSQL.
//!
//! `cargo bench -p hcrm-server --bench screen_pop`
//! Env: HCRM_BENCH_PATIENTS (default 1000000), HCRM_BENCH_LOOKUPS (2000).
//! The generated SQLite file is kept beside the target dir and reused.

use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::Connection;
use hcrm_server::audit::Actor;
use hcrm_server::common::Scope;
use hcrm_server::patients::service::screen_pop;
use hcrm_server::{demo, AppState, Config};
use rand::{Rng, SeedableRng};

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn report(label: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let mean = samples.iter().sum::<Duration>().as_secs_f64() * 1000.0 / samples.len() as f64;
    println!(
        "{label:<34} n={:<6} p50={:.3} ms  p99={:.3} ms  max={:.3} ms  mean={:.3} ms",
        samples.len(),
        percentile(&samples, 0.50),
        percentile(&samples, 0.99),
        samples.last().unwrap().as_secs_f64() * 1000.0,
        mean
    );
}

fn prepare(url: &str, patients: usize) -> (AppState, i64) {
    let config =
        Config { database_url: url.to_string(), argon2_memory_kib: 1024, db_pool_size: 8, ..Config::default() };
    let state = AppState::open(config).expect("open database");
    let mut conn = state.db.get().unwrap();
    demo::load_demo_data(&mut conn, 1024, 0).unwrap();
    let hospital = hcrm_server::organisation::service::hospitals::find_by_code(&mut conn, "HOSP1").unwrap().unwrap();
    let existing = count_patients(&mut conn, hospital.id);
    if existing < patients {
        let start = Instant::now();
        let missing = patients - existing;
        println!("generating {missing} patients…");
        demo::bulk_patients(&mut conn, "HOSP1", missing, |done| {
            if done % 100_000 == 0 {
                println!("  {done} ({:.0}/s)", done as f64 / start.elapsed().as_secs_f64());
            }
        })
        .unwrap();
        println!("generated {missing} patients in {:.1} s", start.elapsed().as_secs_f64());
        if let hcrm_server::db::DbConnection::Sqlite(c) = &mut *conn {
            c.batch_execute("ANALYZE").unwrap();
        } else if let hcrm_server::db::DbConnection::Postgresql(c) = &mut *conn {
            c.batch_execute("ANALYZE").unwrap();
        }
    }
    drop(conn);
    (state, hospital.id)
}

fn count_patients(conn: &mut hcrm_server::db::DbConnection, hospital_id: i64) -> usize {
    use diesel::prelude::*;
    use hcrm_server::db::schema::patients;
    hcrm_server::db_run!(conn: {
        patients::table.filter(patients::hospital_id.eq(hospital_id)).count().get_result::<i64>(conn).unwrap() as usize
    })
}

fn run(label: &str, url: &str, patients: usize, lookups: usize) {
    println!("\n== {label}: {patients} patients ==");
    let (state, hospital_id) = prepare(url, patients);
    let actor = Actor {
        user_id: None,
        username: "bench".into(),
        role: "agent".into(),
        hospital_id: Some(hospital_id),
        ip: "127.0.0.1".into(),
    };
    let scope = Scope::hospital(hospital_id);
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let total = count_patients(&mut state.db.get().unwrap(), hospital_id);

    // Inside the server: the service call with its audit write, as a
    // request handler runs it (pooled connection, no HTTP).
    let mut conn = state.db.get().unwrap();
    for _ in 0..200 {
        let number = demo::generated_primary_phone(hospital_id, rng.gen_range(0..total));
        screen_pop(&mut conn, &scope, &actor, &number).unwrap();
    }
    // The audit insert alone: with synchronous=FULL it is one fsync.
    let mut samples = Vec::with_capacity(lookups);
    for _ in 0..lookups.min(500) {
        let t = Instant::now();
        hcrm_server::audit::record(
            &mut conn,
            &actor,
            hcrm_server::audit::AuditAction::PatientScreenPop,
            None,
            None,
            None,
        )
        .unwrap();
        samples.push(t.elapsed());
    }
    report("audit insert alone (durable commit)", samples);
    let mut samples = Vec::with_capacity(lookups);
    let mut found = 0;
    for _ in 0..lookups {
        let number = demo::generated_primary_phone(hospital_id, rng.gen_range(0..total));
        let t = Instant::now();
        let r = screen_pop(&mut conn, &scope, &actor, &number).unwrap();
        samples.push(t.elapsed());
        found += r.matches.len();
    }
    drop(conn);
    report("in-server screen_pop (audited)", samples);
    println!("  callers found: {found}/{lookups}");

    // Through HTTP on a real socket, one keep-alive client.
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app =
            hcrm_server::router::build(state.clone()).into_make_service_with_connect_info::<std::net::SocketAddr>();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let client = reqwest::Client::new();
        let base = format!("http://{addr}");
        let login: serde_json::Value = client
            .post(format!("{base}/api/v1/auth/login"))
            .json(&serde_json::json!({"username": "agent1", "password": demo::DEMO_PASSWORD}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let token = login["token"].as_str().unwrap().to_string();
        let mut samples = Vec::with_capacity(lookups);
        for _ in 0..lookups {
            let number = demo::generated_primary_phone(hospital_id, rng.gen_range(0..total));
            samples.push(timed_lookup(&client, &base, &token, &number).await);
        }
        report("HTTP GET /api/v1/screen-pop", samples);

        // Eight agents' phones ringing at once.
        let start = Instant::now();
        let mut tasks = Vec::new();
        for w in 0..8u64 {
            let (client, base, token) = (client.clone(), base.clone(), token.clone());
            tasks.push(tokio::spawn(async move {
                let mut rng = rand::rngs::StdRng::seed_from_u64(w);
                let mut samples = Vec::new();
                for _ in 0..lookups / 8 {
                    let number = demo::generated_primary_phone(hospital_id, rng.gen_range(0..total));
                    samples.push(timed_lookup(&client, &base, &token, &number).await);
                }
                samples
            }));
        }
        let mut all = Vec::new();
        for t in tasks {
            all.extend(t.await.unwrap());
        }
        let n = all.len();
        report("HTTP, 8 concurrent clients", all);
        println!("  throughput: {:.0} lookups/s", n as f64 / start.elapsed().as_secs_f64());
    });
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing
    // useful either way: run a small smoke version under test.
    let args: Vec<String> = std::env::args().collect();
    let smoke = !args.iter().any(|a| a == "--bench");
    let patients: usize = std::env::var("HCRM_BENCH_PATIENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(if smoke {
        2000
    } else {
        1_000_000
    });
    let lookups: usize =
        std::env::var("HCRM_BENCH_LOOKUPS").ok().and_then(|v| v.parse().ok()).unwrap_or(if smoke { 80 } else { 2000 });
    let dir = std::env::var("CARGO_TARGET_DIR").map(std::path::PathBuf::from).unwrap_or_else(|_| std::env::temp_dir());
    let sqlite = dir.join(format!("hcrm-bench-{patients}.db"));
    run("SQLite", &format!("sqlite://{}", sqlite.display()), patients, lookups);
    if let Ok(admin) = std::env::var("HCRM_TEST_DATABASE_URL") {
        let name = format!("hcrm_bench_{patients}");
        let mut conn = diesel::PgConnection::establish(&admin).expect("connect to PostgreSQL");
        let exists = conn.batch_execute(&format!("CREATE DATABASE {name}")).is_err();
        if exists {
            println!("(reusing PostgreSQL database {name})");
        }
        let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap();
        run("PostgreSQL", &format!("{base}/{name}"), patients, lookups);
    }
}

/// One screen-pop over HTTP, body read; how long it took.
async fn timed_lookup(client: &reqwest::Client, base: &str, token: &str, number: &str) -> std::time::Duration {
    let t = Instant::now();
    let r = client.get(format!("{base}/api/v1/screen-pop?number={number}")).bearer_auth(token).send().await.unwrap();
    assert!(r.status().is_success());
    let _ = r.bytes().await.unwrap();
    t.elapsed()
}
