//! Survey statistics and the Excel export: time to load, compute and write
//! the workbook (with charts and every answer sheet) for N answer sheets of
//! the discharge satisfaction survey, on SQLite.
//!
//! `cargo bench -p hcrm-server --bench surveys`
//! Env: HCRM_BENCH_ANSWERS (default 100000).
//! Without `--bench` (under `cargo test --all-targets`) it does a tiny run.

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::Duration;
use diesel::prelude::*;
use hcrm_server::db::schema::{departments, hospitals, survey_responses as sr};
use hcrm_server::db::{now, write_transaction};
use hcrm_server::surveys::demo as survey_demo;
use hcrm_server::surveys::model::StatsQuery;
use hcrm_server::surveys::service::stats;
use hcrm_server::surveys::service::{export, templates};
use hcrm_server::{db_run, demo, AppState, Config};
use hcrm_shared::questionnaire as engine;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

fn main() {
    let smoke = !std::env::args().any(|a| a == "--bench");
    let answers: usize = if smoke {
        300
    } else {
        std::env::var("HCRM_BENCH_ANSWERS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000)
    };
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        database_url: format!("sqlite://{}", dir.path().join("bench.db").display()),
        argon2_memory_kib: 1024,
        ..Config::default()
    };
    let state = AppState::open(config).expect("open database");
    let mut pooled = state.db.get().unwrap();
    let conn: &mut hcrm_server::db::DbConnection = &mut pooled;
    demo::load_demo_data(conn, 1024, 0).unwrap();
    let hospital: i64 = db_run!(conn: { hospitals::table.filter(hospitals::code.eq("HOSP1")).select(hospitals::id).first(conn).unwrap() });
    let qid = survey_demo::ensure_discharge_survey(conn, hospital).unwrap();
    let version = templates::current(conn, hospital, qid).unwrap();
    let depts: Vec<i64> = db_run!(conn: { departments::table.filter(departments::hospital_id.eq(hospital)).select(departments::id).load(conn).unwrap() });

    let started = Instant::now();
    let mut rng = StdRng::seed_from_u64(6);
    let today = now().date();
    write_transaction(conn, |conn| {
        for i in 0..answers {
            let overall = ["vs", "vs", "s", "s", "s", "n", "d", "vd"][rng.gen_range(0..8)];
            let mut a: BTreeMap<String, Value> = BTreeMap::new();
            a.insert("doctor".into(), json!(rng.gen_range(1..=5)));
            a.insert("nurse".into(), json!(rng.gen_range(1..=5)));
            a.insert("explain".into(), json!(["yes", "partly", "no"][rng.gen_range(0..3)]));
            let food = ["good", "fair", "bad"][rng.gen_range(0..3)];
            a.insert("ward".into(), json!({"clean": "good", "quiet": "fair", "food": food}));
            a.insert("overall".into(), json!(overall));
            if overall == "d" || overall == "vd" {
                a.insert("reasons".into(), json!(["wait", "cost"]));
                a.insert("details".into(), json!(format!("第{i}份：结算排队时间长")));
            }
            a.insert("recommend".into(), json!(rng.gen_range(0..=10)));
            if i % 7 == 0 {
                a.insert("suggestions".into(), json!("希望增加停车位"));
            }
            let s = engine::score(&version.content, &a);
            let level = engine::classify(&version.content, &a).map(|l| l.as_str());
            let day = today - Duration::days(rng.gen_range(0..365));
            let dept = depts[rng.gen_range(0..depts.len())];
            let text = serde_json::to_string(&a).unwrap();
            db_run!(conn: {
                diesel::insert_into(sr::table)
                    .values((sr::hospital_id.eq(hospital), sr::version_id.eq(version.id), sr::channel.eq("phone"), sr::department_id.eq(Some(dept)),
                        sr::answers.eq(&text), sr::score.eq(Some(s.total)), sr::max_score.eq(Some(s.max)), sr::satisfaction.eq(level),
                        sr::answered_on.eq(day), sr::created_at.eq(Some(now()))))
                    .execute(conn)?;
            });
        }
        Ok(())
    })
    .unwrap();
    let seeded = started.elapsed();

    let q = StatsQuery { questionnaire_id: qid, from: None, to: None, department_id: None };
    let t0 = Instant::now();
    let d = stats::load(conn, hospital, None, &q).unwrap();
    let loaded = t0.elapsed();
    let t1 = Instant::now();
    let s = stats::compute(&d);
    let computed = t1.elapsed();
    let t2 = Instant::now();
    let bytes = export::workbook(&d, &s).unwrap();
    let written = t2.elapsed();
    assert_eq!(s.responses as usize, answers);
    let total = loaded + computed + written;
    println!(
        "survey export, SQLite, {answers} answer sheets ({} seeded in {:.1} s)",
        d.rows.len(),
        seeded.as_secs_f64()
    );
    println!("  load responses      {:>8.0} ms", loaded.as_secs_f64() * 1000.0);
    println!("  compute statistics  {:>8.0} ms", computed.as_secs_f64() * 1000.0);
    println!(
        "  write workbook      {:>8.0} ms  ({:.1} MB, {} sheets of answers)",
        written.as_secs_f64() * 1000.0,
        bytes.len() as f64 / 1e6,
        s.responses
    );
    println!("  export total        {:>8.0} ms  (GET /api/v1/surveys/stats/export)", total.as_secs_f64() * 1000.0);
    println!("  overall satisfaction {:?}% of {} valid", s.overall.rate, s.overall.valid);
}
