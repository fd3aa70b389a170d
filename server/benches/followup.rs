//! The follow-up generator: time to turn 100,000 discharges into tasks
//! (a cardiology rule with two rounds, so 200,000 tasks), and the time of a
//! rerun that finds everything made already (the hourly job's usual case).
//! SQLite, and PostgreSQL when `HCRM_TEST_DATABASE_URL` names a server.
//!
//! `cargo bench -p hcrm-server --bench followup`
//! Env: HCRM_BENCH_DISCHARGES (default 100000).
//! Without `--bench` (under `cargo test --all-targets`) it does a tiny run.

use std::time::Instant;

use chrono::Duration;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use hcrm_server::db::schema::{departments, followup_rules, followup_tasks, hospitals, patients, visits};
use hcrm_server::db::{now, write_transaction, DbConnection};
use hcrm_server::patients::model::NewVisitRow;
use hcrm_server::{db_run, demo, AppState, Config};

fn seed(conn: &mut DbConnection, discharges: usize) -> (i64, i64) {
    demo::load_demo_data(conn, 1024, 0).unwrap();
    let hospital: i64 = db_run!(conn: { hospitals::table.filter(hospitals::code.eq("HOSP1")).select(hospitals::id).first(conn).unwrap() });
    let card: i64 = db_run!(conn: {
        departments::table.filter(departments::hospital_id.eq(hospital)).filter(departments::code.eq("CARD")).select(departments::id).first(conn).unwrap()
    });
    demo::bulk_patients(conn, "HOSP1", 2000, |_| {}).unwrap();
    let people: Vec<i64> = db_run!(conn: { patients::table.filter(patients::hospital_id.eq(hospital)).select(patients::id).load(conn).unwrap() });
    let t = now();
    let diag = r#"[{"code":"I22.1","name":"再发心肌梗死"}]"#;
    let rows: Vec<NewVisitRow> = (0..discharges)
        .map(|i| {
            let out = t - Duration::minutes((i as i64 * 37) % (60 * 24 * 30));
            NewVisitRow {
                hospital_id: hospital,
                patient_id: people[i % people.len()],
                visit_no: format!("BENCH-{i}"),
                kind: hcrm_shared::api::VisitKind::Inpatient,
                department_id: card,
                ward: None,
                attending_doctor: None,
                admitted_at: out - Duration::days(5),
                discharged_at: Some(out),
                diagnoses: diag.into(),
                created_at: t,
            }
        })
        .collect();
    for chunk in rows.chunks(5000) {
        write_transaction(conn, |conn| {
            db_run!(conn: {
                for part in chunk.chunks(500) {
                    diesel::insert_into(visits::table).values(part).execute(conn)?;
                }
            });
            Ok(())
        })
        .unwrap();
    }
    let rounds = r#"[{"from_day":3,"to_day":10,"questionnaire_id":1,"channel":"phone"},{"from_day":30,"to_day":37,"questionnaire_id":1,"channel":"phone"}]"#;
    let since = t - Duration::days(60);
    db_run!(conn: {
        // Only the benchmark's rule runs (the demo's would match too).
        diesel::update(followup_rules::table).set(followup_rules::active.eq(false)).execute(conn).unwrap();
        diesel::insert_into(followup_rules::table)
            .values((
                followup_rules::hospital_id.eq(hospital),
                followup_rules::name.eq("基准心内科随访"),
                followup_rules::kind.eq("discharge"),
                followup_rules::department_id.eq(Some(card)),
                followup_rules::icd_codes.eq("I22"),
                followup_rules::rounds.eq(rounds),
                followup_rules::active.eq(true),
                followup_rules::created_at.eq(since),
                followup_rules::updated_at.eq(since),
            ))
            .execute(conn)
            .unwrap();
    });
    (hospital, card)
}

fn run(label: &str, url: String, discharges: usize) {
    let config = Config { database_url: url, argon2_memory_kib: 1024, db_pool_size: 2, ..Config::default() };
    let state = AppState::open(config).expect("open database");
    let mut conn = state.db.get().unwrap();
    let conn = &mut *conn;
    let (hospital, _) = seed(conn, discharges);
    let before: i64 = db_run!(conn: { followup_tasks::table.filter(followup_tasks::hospital_id.eq(hospital)).count().get_result(conn).unwrap() });
    let started = Instant::now();
    let (made, _) = hcrm_server::followup::generate::generate_rules(conn, hospital, 480).unwrap();
    let first = started.elapsed();
    let started = Instant::now();
    let (again, _) = hcrm_server::followup::generate::generate_rules(conn, hospital, 480).unwrap();
    let rerun = started.elapsed();
    let after: i64 = db_run!(conn: { followup_tasks::table.filter(followup_tasks::hospital_id.eq(hospital)).count().get_result(conn).unwrap() });
    assert_eq!(again, 0, "a rerun makes nothing");
    assert!(after - before >= made as i64);
    println!(
        "followup/{label}: {discharges} discharges -> {made} tasks in {:.2} s ({:.0} discharges/s); rerun (nothing new) {:.2} s",
        first.as_secs_f64(),
        discharges as f64 / first.as_secs_f64(),
        rerun.as_secs_f64()
    );
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` does not.
    let smoke = !std::env::args().any(|a| a == "--bench");
    let discharges = if smoke {
        200
    } else {
        std::env::var("HCRM_BENCH_DISCHARGES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000)
    };
    let dir = tempfile::tempdir().unwrap();
    run("SQLite", format!("sqlite://{}", dir.path().join("bench.db").display()), discharges);
    if let Ok(admin) = std::env::var("HCRM_TEST_DATABASE_URL") {
        if admin.starts_with("postgres") {
            let name = format!("hcrm_bench_followup_{}", std::process::id());
            let mut conn = diesel::PgConnection::establish(&admin).expect("connect to PostgreSQL");
            conn.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
            let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin.clone());
            run("PostgreSQL", format!("{base}/{name}"), discharges);
            let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}
