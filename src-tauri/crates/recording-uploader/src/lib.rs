//! The desktop's recording uploader: finds finished call recordings in the
//! recordings directory (see [`sidecar`]), keeps them in a local queue
//! ([`queue`]) and uploads each to the server with resume and a SHA-256
//! check, retrying with back-off while the server is unreachable. A
//! recording is marked done only after the server confirmed its checksum,
//! and every server step is idempotent (the call by its UUID, the upload by
//! its offset), so a process killed at any point uploads every recording
//! exactly once after it restarts.
//!
//! No Tauri here: `src-tauri` starts it with [`Uploader::spawn`] and hands
//! it the session token.

pub mod queue;
pub mod sidecar;

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use hcrm_shared::backoff::Backoff;
use hcrm_shared::calls::{RecordingStart, RecordingStatus};
use reqwest::blocking::Client;
use reqwest::StatusCode;

pub use queue::{Counts, Queue};

#[derive(Debug, Clone)]
pub struct Config {
    /// Where the recorder writes `<uuid>.wav` and `<uuid>.json`.
    pub recordings_dir: PathBuf,
    /// The queue database (beside the recordings by default).
    pub queue_db: PathBuf,
    /// `https://hcrm.hospital.local` (no trailing `/api/v1`).
    pub server_url: String,
    pub chunk_bytes: usize,
    /// A pause between chunks: spares a thin link during calls (and lets
    /// the kill test catch an upload in the middle).
    pub chunk_delay: Duration,
    pub backoff_base: Duration,
    pub backoff_max: Duration,
    /// How often the directory is scanned for new recordings.
    pub scan_interval: Duration,
    pub request_timeout: Duration,
}

impl Config {
    pub fn new(recordings_dir: PathBuf, server_url: impl Into<String>) -> Config {
        Config {
            queue_db: recordings_dir.join("upload-queue.sqlite"),
            recordings_dir,
            server_url: server_url.into(),
            chunk_bytes: 1024 * 1024,
            chunk_delay: Duration::ZERO,
            backoff_base: Duration::from_secs(2),
            backoff_max: Duration::from_secs(300),
            scan_interval: Duration::from_secs(5),
            request_timeout: Duration::from_secs(60),
        }
    }
}

/// What one attempt at one recording came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The server confirmed the checksum.
    Done,
    /// Try again after a back-off (server unreachable, 5xx...).
    Retry(String),
    /// The server will never take it; kept in the queue as failed.
    Failed(String),
    /// No session: wait for a token, without counting an attempt.
    NoToken,
}

fn local_sha256(path: &str) -> Option<String> {
    use sha2::Digest;
    let mut f = File::open(path).ok()?;
    let mut h = sha2::Sha256::new();
    std::io::copy(&mut f, &mut h).ok()?;
    Some(hex::encode(h.finalize()))
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Shared with the handle: the token and server URL may change while the
/// uploader runs (sign-in, settings).
#[derive(Clone, Default)]
pub struct Session {
    token: Arc<RwLock<Option<String>>>,
    server_url: Arc<RwLock<String>>,
}

impl Session {
    pub fn set_token(&self, token: Option<String>) {
        *self.token.write().unwrap_or_else(|e| e.into_inner()) = token;
    }
    pub fn set_server_url(&self, url: &str) {
        *self.server_url.write().unwrap_or_else(|e| e.into_inner()) = url.trim_end_matches('/').to_string();
    }
    fn token(&self) -> Option<String> {
        self.token.read().unwrap_or_else(|e| e.into_inner()).clone()
    }
    fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.server_url.read().unwrap_or_else(|e| e.into_inner()))
    }
}

pub struct Uploader {
    config: Config,
    queue: Queue,
    client: Client,
    pub session: Session,
}

enum Http {
    Ok(serde_json::Value),
    Status(StatusCode, serde_json::Value),
}

impl Uploader {
    pub fn new(config: Config, token: Option<String>) -> Result<Uploader, String> {
        std::fs::create_dir_all(&config.recordings_dir)
            .map_err(|e| format!("{}: {e}", config.recordings_dir.display()))?;
        let queue =
            Queue::open(&config.queue_db).map_err(|e| format!("upload queue {}: {e}", config.queue_db.display()))?;
        let client = Client::builder().timeout(config.request_timeout).build().map_err(|e| e.to_string())?;
        let session = Session::default();
        session.set_token(token);
        session.set_server_url(&config.server_url);
        Ok(Uploader { config, queue, client, session })
    }

    pub fn counts(&self) -> Counts {
        self.queue.counts().unwrap_or_default()
    }

    pub fn queue(&self) -> &Queue {
        &self.queue
    }

    /// Queues finished recordings not seen before; returns how many.
    pub fn scan(&self) -> Result<usize, String> {
        let mut added = 0;
        for f in sidecar::scan(&self.config.recordings_dir).map_err(|e| e.to_string())? {
            let size = std::fs::metadata(&f.wav_path).map_err(|e| e.to_string())?.len() as i64;
            let sha = f.sidecar.sha256.clone().unwrap_or_default().to_ascii_lowercase();
            if self
                .queue
                .add(
                    &f.sidecar.uuid.to_ascii_lowercase(),
                    &f.wav_path.to_string_lossy(),
                    &f.sidecar_path.to_string_lossy(),
                    size,
                    &sha,
                    now_ms(),
                )
                .map_err(|e| e.to_string())?
            {
                log::info!("recording {} queued ({size} bytes)", f.sidecar.uuid);
                added += 1;
            }
        }
        Ok(added)
    }

    /// Works through every due recording once; returns how many finished.
    pub fn run_due(&self, stop: &AtomicBool) -> usize {
        let mut done = 0;
        while !stop.load(Ordering::Relaxed) {
            let Ok(Some(item)) = self.queue.next_due(now_ms()) else { break };
            let outcome = self.upload(&item, stop);
            let result = match &outcome {
                Outcome::Done => {
                    done += 1;
                    log::info!("recording {} uploaded", item.uuid);
                    self.queue.mark_done(&item.uuid, now_ms())
                }
                Outcome::Failed(e) => {
                    log::warn!("recording {} not uploaded: {e}", item.uuid);
                    self.queue.mark_failed(&item.uuid, e)
                }
                Outcome::Retry(e) => {
                    // base × 2^attempts, at most the configured maximum.
                    let failures = item.attempts.max(0) as u32 + 1;
                    let delay = Backoff::new(self.config.backoff_base, self.config.backoff_max).delay(failures);
                    log::info!("recording {}: {e}; again in {delay:?}", item.uuid);
                    self.queue.retry_later(&item.uuid, e, now_ms() + delay.as_millis() as i64)
                }
                Outcome::NoToken => break,
            };
            if let Err(e) = result {
                log::warn!("upload queue: {e}");
                break;
            }
            if matches!(outcome, Outcome::Retry(_)) {
                // The server is likely down for the others too.
                break;
            }
        }
        done
    }

    /// Scans and uploads until `stop` is set. With `exit_when_idle`, returns
    /// once nothing is pending.
    pub fn run(&self, stop: &AtomicBool, exit_when_idle: bool) {
        let mut next_scan = 0i64;
        while !stop.load(Ordering::Relaxed) {
            if now_ms() >= next_scan {
                if let Err(e) = self.scan() {
                    log::warn!("scanning recordings: {e}");
                }
                next_scan = now_ms() + self.config.scan_interval.as_millis() as i64;
            }
            self.run_due(stop);
            if exit_when_idle && self.counts().pending == 0 {
                return;
            }
            let wake = self.queue.next_due_at().ok().flatten().unwrap_or(next_scan).min(next_scan);
            let pause = (wake - now_ms()).clamp(50, 500);
            std::thread::sleep(Duration::from_millis(pause as u64));
        }
    }

    fn send(&self, req: reqwest::blocking::RequestBuilder) -> Result<Http, Outcome> {
        let Some(token) = self.session.token() else { return Err(Outcome::NoToken) };
        let res = req.bearer_auth(token).send().map_err(|e| Outcome::Retry(format!("server unreachable: {e}")))?;
        let status = res.status();
        let body: serde_json::Value = res.json().unwrap_or(serde_json::Value::Null);
        if status.is_success() {
            return Ok(Http::Ok(body));
        }
        if status == StatusCode::UNAUTHORIZED {
            return Err(Outcome::NoToken);
        }
        if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::REQUEST_TIMEOUT
        {
            return Err(Outcome::Retry(format!("server answered {status}: {}", body["detail"].as_str().unwrap_or(""))));
        }
        Ok(Http::Status(status, body))
    }

    fn recording_status(v: serde_json::Value) -> Result<RecordingStatus, Outcome> {
        serde_json::from_value(v).map_err(|e| Outcome::Retry(format!("unexpected answer: {e}")))
    }

    /// One attempt at one recording: call record, announce, chunks from the
    /// server's offset.
    pub fn upload(&self, item: &queue::Item, stop: &AtomicBool) -> Outcome {
        match self.try_upload(item, stop) {
            Ok(()) => Outcome::Done,
            Err(o) => o,
        }
    }

    fn try_upload(&self, item: &queue::Item, stop: &AtomicBool) -> Result<(), Outcome> {
        let sidecar = sidecar::Sidecar::read(std::path::Path::new(&item.sidecar_path)).map_err(Outcome::Failed)?;
        let mut file = File::open(&item.wav_path).map_err(|e| Outcome::Failed(format!("{}: {e}", item.wav_path)))?;
        let fail = |what: &str, s: StatusCode, body: &serde_json::Value| {
            Outcome::Failed(format!(
                "{what}: {s} {} {}",
                body["field"].as_str().unwrap_or(""),
                body["detail"].as_str().unwrap_or("")
            ))
        };
        let uuid = &item.uuid;
        match self.send(self.client.put(self.session.url(&format!("/calls/{uuid}"))).json(&sidecar.call_upsert()))? {
            Http::Ok(_) => {}
            Http::Status(s, b) => return Err(fail("call record", s, &b)),
        }
        let start =
            RecordingStart { size: item.size, sha256: item.sha256.clone(), content_type: Some("audio/wav".into()) };
        let mut status =
            match self.send(self.client.post(self.session.url(&format!("/calls/{uuid}/recording"))).json(&start))? {
                Http::Ok(v) => Self::recording_status(v)?,
                Http::Status(s, b) => return Err(fail("announce recording", s, &b)),
            };
        let mut buf = vec![0u8; self.config.chunk_bytes.max(1)];
        while !status.complete {
            if stop.load(Ordering::Relaxed) {
                return Err(Outcome::Retry("stopped".into()));
            }
            let offset = status.received as u64;
            let want = (item.size as u64 - offset).min(buf.len() as u64) as usize;
            file.seek(SeekFrom::Start(offset)).map_err(|e| Outcome::Failed(e.to_string()))?;
            file.read_exact(&mut buf[..want]).map_err(|e| Outcome::Failed(format!("{}: {e}", item.wav_path)))?;
            let req = self
                .client
                .put(self.session.url(&format!("/calls/{uuid}/recording")))
                .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
                .header(
                    reqwest::header::CONTENT_RANGE,
                    format!("bytes {}-{}/{}", offset, offset + want as u64 - 1, item.size),
                )
                .body(buf[..want].to_vec());
            status = match self.send(req)? {
                Http::Ok(v) => Self::recording_status(v)?,
                // Another attempt moved the offset (a chunk whose answer was
                // lost): ask where the server stands and go on from there.
                Http::Status(StatusCode::CONFLICT, _) => {
                    match self.send(self.client.get(self.session.url(&format!("/calls/{uuid}/recording"))))? {
                        Http::Ok(v) => Self::recording_status(v)?,
                        Http::Status(s, b) => return Err(fail("upload status", s, &b)),
                    }
                }
                Http::Status(StatusCode::UNPROCESSABLE_ENTITY, b) if b["code"] == "checksum_mismatch" => {
                    // A file that changed after its sidecar was written would
                    // fail forever: give up on it; otherwise bytes were
                    // damaged on the way, so send them again.
                    if local_sha256(&item.wav_path).as_deref() != Some(item.sha256.as_str()) {
                        return Err(Outcome::Failed("the file does not match the checksum in its sidecar".into()));
                    }
                    return Err(Outcome::Retry("the server's checksum did not match; uploading again".into()));
                }
                Http::Status(s, b) => return Err(fail("upload", s, &b)),
            };
            if !self.config.chunk_delay.is_zero() && !status.complete {
                std::thread::sleep(self.config.chunk_delay);
            }
        }
        Ok(())
    }

    /// Runs the uploader on a thread of its own.
    pub fn spawn(self) -> Handle {
        let stop = Arc::new(AtomicBool::new(false));
        let counts = Arc::new(Mutex::new(self.counts()));
        let session = self.session.clone();
        let (s, c) = (stop.clone(), counts.clone());
        let thread = std::thread::Builder::new()
            .name("recording-uploader".into())
            .spawn(move || {
                while !s.load(Ordering::Relaxed) {
                    let _ = self.scan();
                    self.run_due(&s);
                    *c.lock().unwrap_or_else(|e| e.into_inner()) = self.counts();
                    std::thread::sleep(Duration::from_millis(500).min(self.config.scan_interval));
                }
            })
            .ok();
        Handle { stop, counts, session, thread: Mutex::new(thread) }
    }
}

/// A running uploader.
pub struct Handle {
    stop: Arc<AtomicBool>,
    counts: Arc<Mutex<Counts>>,
    pub session: Session,
    thread: Mutex<Option<std::thread::JoinHandle<()>>>,
}

impl Handle {
    pub fn counts(&self) -> Counts {
        self.counts.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
    /// Stops after the current chunk; what was not confirmed stays pending.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.lock().unwrap_or_else(|e| e.into_inner()).take() {
            let _ = t.join();
        }
    }
}
