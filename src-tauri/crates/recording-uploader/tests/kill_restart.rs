//! The uploader killed (SIGKILL) at arbitrary points mid-upload, restarted
//! each time: afterwards every finished recording is on the server exactly
//! once, byte for byte, and an unfinished one is not uploaded. Before the
//! server is reachable it retries with back-off and loses nothing.
//!
//! The server is the real `hcrm-server` library serving HTTP on a local
//! port; the uploader is this crate's binary as a child process.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use hcrm_recording_uploader::Queue;
use hcrm_server::db::schema::{call_recordings, calls};
use sha2::{Digest, Sha256};

const BIN: &str = env!("CARGO_BIN_EXE_hcrm-recording-uploader");

fn start_server(dir: &Path) -> (tokio::runtime::Runtime, String, hcrm_server::AppState) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let mut config = hcrm_server::Config {
        database_url: format!("sqlite://{}", dir.join("server.db").display()),
        argon2_memory_kib: 1024,
        ..Default::default()
    };
    config.jobs.enabled = false;
    config.recordings.dir = dir.join("server-recordings");
    config.ui_dir = dir.join("no-ui");
    let state = hcrm_server::AppState::open(config).unwrap();
    hcrm_server::demo::load_demo_data(&mut state.db.get().unwrap(), 1024, 5).unwrap();
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let router = hcrm_server::router::build(state.clone());
    rt.spawn(async move { axum::serve(listener, router).await.unwrap() });
    (rt, url, state)
}

fn login(url: &str) -> String {
    let r: serde_json::Value = reqwest::blocking::Client::new()
        .post(format!("{url}/api/v1/auth/login"))
        .json(&serde_json::json!({"username": "agent1", "password": hcrm_server::demo::DEMO_PASSWORD}))
        .send()
        .unwrap()
        .json()
        .unwrap();
    r["token"].as_str().expect("token").to_string()
}

/// A deterministic byte soup per recording (no two alike).
fn recording_bytes(i: usize, len: usize) -> Vec<u8> {
    let mut x: u32 = 0x9e37_79b9 ^ (i as u32 * 7919);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect()
}

fn uuid(i: usize) -> String {
    format!("c0ffee00-0000-4000-8000-{i:012}")
}

fn write_recording(dir: &Path, i: usize, data: &[u8], finished: bool) {
    let id = uuid(i);
    std::fs::write(dir.join(format!("{id}.wav")), data).unwrap();
    let mut sidecar = serde_json::json!({
        "call_id": id, "direction": if i % 2 == 0 { "outbound" } else { "inbound" },
        "local_number": "8001", "remote_number": format!("1380000{i:04}"),
        "started_at": format!("2026-11-2{}T0{}:00:00Z", 1 + i % 2, i % 9), "answered_at": null, "ended_at": null,
    });
    if finished {
        sidecar["sha256"] = hex::encode(Sha256::digest(data)).into();
    }
    std::fs::write(dir.join(format!("{id}.json")), sidecar.to_string()).unwrap();
}

fn spawn(dir: &Path, server: &str, token: &str, extra: &[&str]) -> Child {
    Command::new(BIN)
        .args([
            "--dir",
            dir.to_str().unwrap(),
            "--server",
            server,
            "--chunk-bytes",
            "16384",
            "--chunk-delay-ms",
            "3",
            "--backoff-ms",
            "100",
        ])
        .args(extra)
        .env("HCRM_TOKEN", token)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Server-side: (calls rows, recording rows, partially received recordings).
fn server_rows(state: &hcrm_server::AppState) -> (i64, i64, i64) {
    let mut conn = state.db.get().unwrap();
    let conn = &mut *conn;
    hcrm_server::db_run!(conn: {
        let calls_n = calls::table.filter(calls::uuid.like("c0ffee00-%")).count().get_result(conn).unwrap();
        let recs = call_recordings::table.count().get_result(conn).unwrap();
        let partial = call_recordings::table
            .filter(call_recordings::complete.eq(false))
            .filter(call_recordings::received.gt(0i64))
            .count()
            .get_result(conn)
            .unwrap();
        (calls_n, recs, partial)
    })
}

#[test]
fn killed_uploads_resume_and_every_recording_arrives_exactly_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (_rt, url, state) = start_server(tmp.path());
    let token = login(&url);
    let rec_dir = tmp.path().join("recordings");
    std::fs::create_dir_all(&rec_dir).unwrap();
    let sizes = [300_000, 180_000, 420_000, 64_000, 250_000, 1];
    let originals: Vec<Vec<u8>> = sizes.iter().enumerate().map(|(i, n)| recording_bytes(i, *n)).collect();
    for (i, data) in originals.iter().enumerate() {
        write_recording(&rec_dir, i, data, true);
    }
    // Still being recorded: no checksum yet, so never uploaded.
    write_recording(&rec_dir, 99, &recording_bytes(99, 5000), false);

    // The server unreachable: the uploader queues, retries with back-off,
    // and is killed while waiting.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    let mut child = spawn(&rec_dir, &closed, &token, &[]);
    std::thread::sleep(Duration::from_millis(1500));
    child.kill().unwrap();
    child.wait().unwrap();
    {
        let q = Queue::open(&rec_dir.join("upload-queue.sqlite")).unwrap();
        let c = q.counts().unwrap();
        assert_eq!((c.pending, c.done), (sizes.len() as i64, 0), "all queued, none done");
        let (_, attempts, err) = q.status_of(&uuid(0)).unwrap().unwrap();
        assert!(attempts >= 1, "retried while unreachable");
        assert!(err.unwrap().contains("unreachable"));
    }
    assert_eq!(server_rows(&state).1, 0);

    // Now reachable: kill it again and again at varying points.
    let mut caught_mid_upload = 0;
    let started = Instant::now();
    for round in 0.. {
        let mut child = spawn(&rec_dir, &url, &token, &[]);
        std::thread::sleep(Duration::from_millis(120 + (round * 137 % 400) as u64));
        child.kill().unwrap();
        child.wait().unwrap();
        if server_rows(&state).2 > 0 {
            caught_mid_upload += 1;
        }
        let done = Queue::open(&rec_dir.join("upload-queue.sqlite")).unwrap().counts().unwrap().done;
        if done == sizes.len() as i64 || round >= 60 || started.elapsed() > Duration::from_secs(120) {
            break;
        }
    }
    assert!(caught_mid_upload > 0, "at least one kill landed in the middle of an upload");

    // A last run to the end.
    let status = spawn(&rec_dir, &url, &token, &["--exit-when-idle"]).wait().unwrap();
    assert!(status.success());
    let q = Queue::open(&rec_dir.join("upload-queue.sqlite")).unwrap();
    assert_eq!(
        q.counts().unwrap(),
        hcrm_recording_uploader::Counts { pending: 0, done: sizes.len() as i64, failed: 0 }
    );
    assert!(q.status_of(&uuid(99)).unwrap().is_none(), "the unfinished recording is not queued");

    // Server side: exactly one call and one complete recording per file,
    // byte for byte.
    let (calls_n, recs, partial) = server_rows(&state);
    assert_eq!((calls_n, recs, partial), (sizes.len() as i64, sizes.len() as i64, 0));
    for (i, data) in originals.iter().enumerate() {
        let id = uuid(i);
        let mut conn = state.db.get().unwrap();
        let conn = &mut *conn;
        let (key, complete, sha): (String, bool, String) = hcrm_server::db_run!(conn: {
            call_recordings::table
                .inner_join(calls::table)
                .filter(calls::uuid.eq(&id))
                .select((call_recordings::storage_key, call_recordings::complete, call_recordings::sha256))
                .first(conn)
                .unwrap()
        });
        assert!(complete);
        assert_eq!(sha, hex::encode(Sha256::digest(data)));
        let stored = std::fs::read(tmp.path().join("server-recordings").join(key)).unwrap();
        assert!(stored == *data, "recording {i} differs on the server");
    }
}
