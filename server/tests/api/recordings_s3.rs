//! Recordings in S3-compatible object storage (`[recordings] store = "s3"`)
//! against a local S3 server speaking the real protocol (PyPI's moto in
//! server mode, installed by `ensure_python_tools`; the hospital's MinIO or
//! Ceph is not reachable from here). An upload resumes across chunks while
//! staged on disk, lands in the bucket whole when its checksum matches,
//! and plays back with range requests read from the bucket.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::json;

use crate::calls::{audio, patient_in, put_chunk, sha_hex, uuid};
use crate::util::TestApp;

/// PyPI's `moto_server` (package moto[server]).
fn moto_server() -> Option<std::path::PathBuf> {
    crate::util::python_tool("moto_server", "HCRM_MOTO_SERVER", "moto[server]")
}

struct S3Server(Child, u16);

impl S3Server {
    fn start(bin: &std::path::Path) -> S3Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        Self::start_on(bin, port)
    }

    fn start_on(bin: &std::path::Path, port: u16) -> S3Server {
        let child = Command::new(bin)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "moto_server did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        S3Server(child, port)
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Makes the bucket (moto takes unsigned requests; a hospital's bucket is
/// made by its storage administrator).
async fn create_bucket(port: u16) {
    let r = reqwest::Client::new().put(format!("http://127.0.0.1:{port}/hcrm-recordings")).send().await.unwrap();
    assert!(r.status().is_success(), "{}", r.status());
}

/// Recordings in a bucket of the S3 server on `port`.
fn bucket_on(c: &mut hcrm_server::Config, port: u16) {
    c.recordings.store = "s3".into();
    c.recordings.s3.endpoint = format!("http://127.0.0.1:{port}");
    c.recordings.s3.bucket = "hcrm-recordings".into();
    c.recordings.s3.access_key = "hcrm".into();
    c.recordings.s3.secret_key = "hcrm-secret".into();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recordings_upload_to_object_storage_and_play_from_it() {
    let Some(bin) = moto_server() else { return };
    let s3 = S3Server::start(&bin);
    let port = s3.1;
    let app = TestApp::with_config(move |c| bucket_on(c, port)).await;
    create_bucket(port).await;

    let agent = app.login("agent1").await;
    let patient = patient_in(&app, "CARD").await;
    let id = uuid(40);
    let body = json!({"direction": "outbound", "remote_number": "13812345678", "started_at": "2026-11-20T02:00:00Z", "patient_id": patient});
    assert_eq!(
        app.call(Method::PUT, &format!("/api/v1/calls/{id}"), Some(&agent), Some(body)).await.status,
        StatusCode::OK
    );
    let data = audio(150_000);
    app.post(&format!("/api/v1/calls/{id}/recording"), &agent, json!({"size": data.len(), "sha256": sha_hex(&data)}))
        .await;
    let r = put_chunk(&app, &agent, &id, 0, &data[..60_000], data.len()).await;
    assert_eq!(r.body["received"], 60_000, "{:?}", r.body);
    // In progress: staged on disk, nothing in the bucket yet.
    let key = format!("1/2026-11/{id}.wav");
    let staged = app.state.config.recordings.dir.join("staging").join(&key);
    assert!(staged.is_file());
    assert!(app.state.recordings.get(&key).await.is_err());
    let r = put_chunk(&app, &agent, &id, 60_000, &data[60_000..], data.len()).await;
    assert_eq!((r.status, r.body["complete"].as_bool()), (StatusCode::OK, Some(true)), "{:?}", r.body);
    // Complete: the whole object is in the bucket and the staged file gone.
    assert!(!staged.exists());
    let in_bucket = app.state.recordings.get(&key).await.unwrap();
    assert_eq!(in_bucket, data);

    // Played back from the bucket, whole and by range.
    let play = app.post(&format!("/api/v1/calls/{id}/recording/play"), &agent, json!({})).await;
    assert_eq!(play.status, StatusCode::OK, "{:?}", play.body);
    let url = play.body["url"].as_str().unwrap().to_string();
    let get = |range: Option<&'static str>| {
        let mut req = Request::builder().method(Method::GET).uri(url.clone());
        if let Some(r) = range {
            req = req.header(header::RANGE, r);
        }
        req.body(Body::empty()).unwrap()
    };
    let full = app.raw(get(None)).await;
    assert_eq!(full.status, StatusCode::OK);
    assert_eq!(full.body.as_str().unwrap().as_bytes(), &data[..]);
    let part = app.raw(get(Some("bytes=100000-100099"))).await;
    assert_eq!(
        (part.status, part.headers[header::CONTENT_RANGE].to_str().unwrap()),
        (StatusCode::PARTIAL_CONTENT, "bytes 100000-100099/150000")
    );
    assert_eq!(part.body.as_str().unwrap().as_bytes(), &data[100_000..100_100]);
}

#[tokio::test]
async fn an_unreachable_bucket_leaves_the_upload_resumable() {
    // Object storage down when the last chunk arrives: the recording is not
    // marked complete, the bytes stay staged, and the retried chunk finishes
    // it once the storage is back.
    let Some(bin) = moto_server() else { return };
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let app = TestApp::with_config(move |c| bucket_on(c, port)).await;
    let agent = app.login("agent1").await;
    let patient = patient_in(&app, "CARD").await;
    let id = uuid(41);
    let body = json!({"direction": "outbound", "started_at": "2026-11-20T02:00:00Z", "patient_id": patient});
    app.call(Method::PUT, &format!("/api/v1/calls/{id}"), Some(&agent), Some(body)).await;
    let data = audio(20_000);
    app.post(&format!("/api/v1/calls/{id}/recording"), &agent, json!({"size": data.len(), "sha256": sha_hex(&data)}))
        .await;
    let r = put_chunk(&app, &agent, &id, 0, &data, data.len()).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{:?}", r.body);
    assert!(r.body["detail"].as_str().unwrap().contains("object storage"), "{:?}", r.body);
    let status = app.get(&format!("/api/v1/calls/{id}/recording"), &agent).await;
    assert_eq!(status.body["complete"], false);

    let s3 = S3Server::start_on(&bin, port);
    create_bucket(port).await;
    let from = status.body["received"].as_u64().unwrap() as usize;
    let r = put_chunk(&app, &agent, &id, from, &data[from..], data.len()).await;
    assert_eq!(r.body["complete"], true, "{:?}", r.body);
    drop(s3);
}
