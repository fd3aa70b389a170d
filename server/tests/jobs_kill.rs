//! The job runner killed (SIGKILL) in the middle of an SMS batch: after a
//! restart every message is sent, and exactly once as far as the gateway
//! can tell (it honours the idempotency key); none is lost.

use std::time::Duration;

use diesel::prelude::*;
use hcrm_server::db::schema::{job_runs, sms_messages};
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

const BATCH: usize = 300;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killing_the_runner_mid_batch_loses_and_duplicates_nothing() {
    let bin = env!("CARGO_BIN_EXE_hcrm-server");
    let dir = tempfile::tempdir().unwrap();
    let (url, _pg) = util::fresh_database(dir.path());
    load_demo(bin, &url);
    let gw = Gateway::start(Mode::Ok).await;
    // Slow enough that the kill lands in the middle of the batch.
    gw.set_delay(Duration::from_millis(40));
    let config = write_config(dir.path(), "hcrm.toml", &gw.url(), 3);

    // Queue the batch from outside the server, as another module would.
    let mut cfg = Config { database_url: url.clone(), ..Config::default() };
    cfg.sms = gw.sms_config();
    let state = tokio::task::spawn_blocking(move || AppState::open(cfg).unwrap()).await.unwrap();
    let st = state.clone();
    let (hospital, ids): (i64, Vec<i64>) = state
        .db
        .run(move |conn| {
            let hospital: i64 = db_run!(conn: {
                hcrm_server::db::schema::hospitals::table.filter(hcrm_server::db::schema::hospitals::code.eq("HOSP1")).select(hcrm_server::db::schema::hospitals::id).first(conn)?
            });
            let ids = write_transaction(conn, |conn| {
                (0..BATCH)
                    .map(|i| {
                        let new = NewSms { phone: Some(format!("139{i:08}")), body: Some(format!("出院随访第{i}条")), ..Default::default() };
                        hcrm_server::sms::service::enqueue(conn, &st, hospital, None, &new).map(|r| r.id)
                    })
                    .collect::<Result<Vec<i64>, _>>()
            })?;
            Ok((hospital, ids))
        })
        .await
        .unwrap();

    let port = free_port();
    let mut server = spawn_server(bin, &config, &url, port);
    wait_healthy(port).await;
    peers::eventually("a third of the batch at the gateway", || async { (gw.accepted() >= BATCH / 3).then_some(()) })
        .await;
    server.kill().unwrap();
    server.wait().unwrap();
    let at_kill = gw.accepted();
    assert!(at_kill < BATCH, "the kill came after the batch: {at_kill}");

    let mut server = spawn_server(bin, &config, &url, port);
    wait_healthy(port).await;
    let db = state.db.clone();
    peers::eventually("every message sent", || {
        let db = db.clone();
        async move {
            let unsent: i64 = db
                .run(|conn| db_run!(conn: { Ok(sms_messages::table.filter(sms_messages::status.ne("sent")).count().get_result(conn)?) }))
                .await
                .unwrap();
            (unsent == 0).then_some(())
        }
    })
    .await;
    server.kill().unwrap();
    server.wait().unwrap();

    // Exactly once as far as the gateway can tell: every message's key
    // arrived, and only attempts in flight at the kill came again.
    assert_eq!(gw.accepted(), BATCH);
    let keys: Vec<String> = gw.state.recorded.lock().unwrap().order.clone();
    for id in &ids {
        assert!(keys.contains(&format!("hcrm-{hospital}-{id}")), "message {id} never reached the gateway");
    }
    let repeats = gw.duplicates();
    assert!(repeats <= 8, "more repeats ({repeats}) than attempts in flight at the kill");
    let lost_leases: i64 = state
        .db
        .run(|conn| db_run!(conn: { Ok(job_runs::table.filter(job_runs::outcome.eq("lease_expired")).count().get_result(conn)?) }))
        .await
        .unwrap();
    assert!(lost_leases >= 1, "the killed runner held jobs");
    eprintln!("killed with {at_kill}/{BATCH} at the gateway; {repeats} repeated sends absorbed by the idempotency key; {lost_leases} leases taken over");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigterm_lets_attempts_in_flight_finish_and_record() {
    let bin = env!("CARGO_BIN_EXE_hcrm-server");
    let dir = tempfile::tempdir().unwrap();
    let (url, _pg) = util::fresh_database(dir.path());
    load_demo(bin, &url);
    let gw = Gateway::start(Mode::Ok).await;
    gw.set_delay(Duration::from_millis(300));
    let config = write_config(dir.path(), "hcrm.toml", &gw.url(), 60);
    let mut cfg = Config { database_url: url.clone(), ..Config::default() };
    cfg.sms = gw.sms_config();
    let state = tokio::task::spawn_blocking(move || AppState::open(cfg).unwrap()).await.unwrap();
    let st = state.clone();
    state
        .db
        .run(move |conn| {
            let hospital: i64 = db_run!(conn: {
                hcrm_server::db::schema::hospitals::table.filter(hcrm_server::db::schema::hospitals::code.eq("HOSP1")).select(hcrm_server::db::schema::hospitals::id).first(conn)?
            });
            write_transaction(conn, |conn| {
                for i in 0..40 {
                    let new = NewSms { phone: Some(format!("135{i:08}")), body: Some(format!("优雅停机{i}")), ..Default::default() };
                    hcrm_server::sms::service::enqueue(conn, &st, hospital, None, &new)?;
                }
                Ok(())
            })
        })
        .await
        .unwrap();
    let port = free_port();
    let mut server = spawn_server(bin, &config, &url, port);
    wait_healthy(port).await;
    peers::eventually("sends in flight", || async {
        (gw.state.in_flight.load(std::sync::atomic::Ordering::SeqCst) > 0).then_some(())
    })
    .await;
    let status = std::process::Command::new("kill").args(["-TERM", &server.id().to_string()]).status().unwrap();
    assert!(status.success());
    let exit = tokio::task::spawn_blocking(move || server.wait().unwrap()).await.unwrap();
    assert!(exit.success(), "{exit:?}");
    // Every attempt that started was recorded; nothing is left running.
    let (running_runs, running_jobs, sent): (i64, i64, i64) = state
        .db
        .run(|conn| {
            db_run!(conn: {
                Ok((
                    job_runs::table.filter(job_runs::outcome.eq("running")).count().get_result(conn)?,
                    hcrm_server::db::schema::jobs::table.filter(hcrm_server::db::schema::jobs::status.eq("running")).count().get_result(conn)?,
                    sms_messages::table.filter(sms_messages::status.eq("sent")).count().get_result(conn)?,
                ))
            })
        })
        .await
        .unwrap();
    assert_eq!((running_runs, running_jobs), (0, 0));
    assert_eq!(sent as usize, gw.accepted(), "every accepted message is recorded as sent");
    assert!(sent < 40, "the stop came after the batch");
}
