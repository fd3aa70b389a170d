//! Two server instances on one PostgreSQL database share a batch of jobs:
//! both do work, and no job runs twice (claims use FOR UPDATE SKIP LOCKED).
//! On SQLite one instance runs jobs, so the test only runs on PostgreSQL.

use std::collections::HashMap;
use std::time::Duration;

use diesel::prelude::*;
use hcrm_server::db::schema::{hospitals, job_runs, sms_messages};
use hcrm_server::db::write_transaction;
use hcrm_server::{db_run, AppState, Config};
use hcrm_shared::messaging::NewSms;

#[path = "peers/mod.rs"]
mod peers;
#[path = "api/util.rs"]
#[allow(dead_code)]
mod util;

use peers::http_gateway::{Gateway, Mode};
use peers::process::{free_port, load_demo, spawn_server, wait_healthy, write_config};

const BATCH: usize = 400;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_share_a_batch_and_run_no_job_twice() {
    if !std::env::var("HCRM_TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres")) {
        eprintln!("skipped: set HCRM_TEST_DATABASE_URL to a PostgreSQL server");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_hcrm-server");
    let dir = tempfile::tempdir().unwrap();
    let (url, _pg) = util::fresh_database(dir.path());
    load_demo(bin, &url);
    let gw = Gateway::start(Mode::Ok).await;
    gw.set_delay(Duration::from_millis(10));
    // A long lease: a job can only run twice if two instances claim it.
    let config = write_config(dir.path(), "hcrm.toml", &gw.url(), 300);
    let (a, b) = (free_port(), free_port());
    let mut first = spawn_server(bin, &config, &url, a);
    let mut second = spawn_server(bin, &config, &url, b);
    wait_healthy(a).await;
    wait_healthy(b).await;

    let mut cfg = Config { database_url: url.clone(), ..Config::default() };
    cfg.sms = gw.sms_config();
    let state = tokio::task::spawn_blocking(move || AppState::open(cfg).unwrap()).await.unwrap();
    let st = state.clone();
    state
        .db
        .run(move |conn| {
            let hospital: i64 = db_run!(conn: { hospitals::table.filter(hospitals::code.eq("HOSP1")).select(hospitals::id).first(conn)? });
            write_transaction(conn, |conn| {
                for i in 0..BATCH {
                    let new = NewSms { phone: Some(format!("137{i:08}")), body: Some(format!("共享批次{i}")), ..Default::default() };
                    hcrm_server::sms::service::enqueue(conn, &st, hospital, None, &new)?;
                }
                Ok(())
            })
        })
        .await
        .unwrap();
    let db = state.db.clone();
    peers::eventually("the whole batch sent", || {
        let db = db.clone();
        async move {
            let unsent: i64 =
                db.run(|conn| db_run!(conn: { Ok(sms_messages::table.filter(sms_messages::status.ne("sent")).count().get_result(conn)?) })).await.unwrap();
            (unsent == 0).then_some(())
        }
    })
    .await;
    first.kill().unwrap();
    second.kill().unwrap();
    let _ = (first.wait(), second.wait());

    assert_eq!(gw.requests(), BATCH, "a message went to the gateway twice");
    assert_eq!(gw.duplicates(), 0);
    let runs: Vec<(i64, String, String)> =
        state.db.run(|conn| db_run!(conn: { Ok(job_runs::table.select((job_runs::job_id, job_runs::runner, job_runs::outcome)).load(conn)?) })).await.unwrap();
    assert_eq!(runs.len(), BATCH, "every job ran exactly once");
    assert!(runs.iter().all(|(_, _, o)| o == "ok"));
    let mut per_runner: HashMap<String, usize> = HashMap::new();
    for (_, runner, _) in &runs {
        *per_runner.entry(runner.clone()).or_default() += 1;
    }
    assert_eq!(per_runner.len(), 2, "both instances took part: {per_runner:?}");
    eprintln!("jobs per instance: {per_runner:?}");
}
