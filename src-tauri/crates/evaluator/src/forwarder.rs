//! Sends stored key events to the server, oldest first, and marks each one
//! forwarded only after the server confirmed it (201 new, 200 already
//! there). While the server is unreachable events stay queued and the
//! forwarder backs off. (device id, event_seq) is the idempotency key, so a
//! forward repeated after a crash stores nothing twice.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hcrm_shared::backoff::Backoff;

use crate::status::{lock, Shared};
use crate::store::{Store, StoredEvent};

/// How the forwarder signs in: a token handed over by the UI, or a
/// username and password (headless reader).
#[derive(Debug, Clone, Default)]
pub struct ServerAuth {
    pub base_url: String,
    pub token: Option<String>,
    pub username: Option<String>,
    pub password: Option<String>,
}

pub struct Forwarder {
    store: Mutex<Store>,
    shared: Shared,
    auth: Arc<Mutex<ServerAuth>>,
    client: reqwest::Client,
}

enum Failure {
    /// Try again later (server down, 5xx, timeout).
    Transient(String),
    /// The server will never take it (422): keep it, stop retrying.
    Permanent(String),
    Unauthorized,
}

const MAX_BACKOFF: Duration = Duration::from_secs(30);
const HEARTBEAT_EVERY: Duration = Duration::from_secs(2);

impl Forwarder {
    pub fn new(store: Store, shared: Shared, auth: Arc<Mutex<ServerAuth>>) -> Forwarder {
        let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().expect("http client");
        Forwarder { store: Mutex::new(store), shared, auth, client }
    }

    async fn login(&self) -> Result<String, Failure> {
        let a = lock(&self.auth).clone();
        if let Some(t) = a.token {
            return Ok(t);
        }
        let (Some(u), Some(p)) = (a.username, a.password) else {
            return Err(Failure::Transient("not signed in".into()));
        };
        let r = self
            .client
            .post(format!("{}/api/v1/auth/login", a.base_url))
            .json(&serde_json::json!({"username": u, "password": p}))
            .send()
            .await
            .map_err(|e| Failure::Transient(format!("login: {e}")))?;
        if !r.status().is_success() {
            return Err(Failure::Transient(format!("login: {}", r.status())));
        }
        let body: serde_json::Value = r.json().await.map_err(|e| Failure::Transient(e.to_string()))?;
        let token = body["token"].as_str().ok_or_else(|| Failure::Transient("login: no token".into()))?.to_string();
        lock(&self.auth).token = Some(token.clone());
        Ok(token)
    }

    async fn post(&self, token: &str, e: &StoredEvent) -> Result<i64, Failure> {
        let base = lock(&self.auth).base_url.clone();
        let body = serde_json::json!({
            "device_id": e.device_id,
            "event_seq": e.event_seq,
            "key": e.key,
            "layout": e.layout,
            "prompted": e.prompted,
            "pressed_at": e.pressed_at.to_rfc3339(),
            "clerk_id": e.clerk_id,
            "patient_id": e.patient_id,
        });
        let r = self
            .client
            .post(format!("{base}/api/v1/evaluations/ratings"))
            .bearer_auth(token)
            .header("Idempotency-Key", format!("{}:{}", e.device_id, e.event_seq))
            .json(&body)
            .send()
            .await
            .map_err(|err| Failure::Transient(err.to_string()))?;
        let status = r.status();
        if status.is_success() {
            let v: serde_json::Value = r.json().await.map_err(|err| Failure::Transient(err.to_string()))?;
            return v["id"].as_i64().ok_or_else(|| Failure::Transient("answer without id".into()));
        }
        if status == reqwest::StatusCode::UNAUTHORIZED {
            return Err(Failure::Unauthorized);
        }
        let text = r.text().await.unwrap_or_default();
        if status == reqwest::StatusCode::UNPROCESSABLE_ENTITY || status == reqwest::StatusCode::FORBIDDEN {
            return Err(Failure::Permanent(format!("{status}: {text}")));
        }
        Err(Failure::Transient(format!("{status}: {text}")))
    }

    async fn heartbeat(&self, token: &str) {
        let st = self.shared.status();
        let Some(device) = st.device_id.clone() else { return };
        let base = lock(&self.auth).base_url.clone();
        let body = serde_json::json!({
            "device_id": device,
            "status": {
                "port": st.port, "protocol": st.protocol, "vendor": st.vendor, "model": st.model, "firmware": st.firmware,
                "connected": st.connected, "line": st.line, "reconnects": st.reconnects,
                "events_stored": st.events_stored, "pending_forward": st.pending_forward,
            }
        });
        if let Ok(r) = self
            .client
            .post(format!("{base}/api/v1/evaluations/heartbeats"))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
        {
            if r.status().is_success() {
                self.shared.update(|s| s.heartbeat_dirty = false);
            }
        }
    }

    fn refresh_pending(&self) {
        let n = lock(&self.store).pending_count().unwrap_or(0);
        self.shared.update(|s| s.pending_forward = n);
    }

    /// Forwards until `stop` is notified.
    pub async fn run(self, stop: Arc<tokio::sync::Notify>) {
        let backoff = Backoff::new(Duration::from_millis(250), MAX_BACKOFF);
        let mut failures = 0;
        let mut last_heartbeat = Instant::now() - HEARTBEAT_EVERY;
        loop {
            self.refresh_pending();
            let wait = match self.round(&mut last_heartbeat).await {
                Ok(true) => {
                    failures = 0;
                    continue;
                }
                Ok(false) => Duration::from_secs(1),
                Err(e) => {
                    self.shared.update(|s| s.last_forward_error = Some(e));
                    failures += 1;
                    backoff.delay(failures)
                }
            };
            tokio::select! {
                _ = stop.notified() => return,
                _ = self.shared.stored.notified() => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
    }

    /// One pass: Ok(true) when something was forwarded (go on at once).
    async fn round(&self, last_heartbeat: &mut Instant) -> Result<bool, String> {
        let batch = lock(&self.store).pending(50).map_err(|e| format!("store: {e}"))?;
        let st = self.shared.status();
        let heartbeat_due = st.heartbeat_dirty && st.device_id.is_some() && last_heartbeat.elapsed() >= HEARTBEAT_EVERY;
        if batch.is_empty() && !heartbeat_due {
            return Ok(false);
        }
        let token = match self.login().await {
            Ok(t) => t,
            Err(Failure::Transient(e)) | Err(Failure::Permanent(e)) => return Err(e),
            Err(Failure::Unauthorized) => return Err("unauthorized".into()),
        };
        if heartbeat_due {
            *last_heartbeat = Instant::now();
            self.heartbeat(&token).await;
        }
        let mut forwarded = false;
        for e in &batch {
            match self.post(&token, e).await {
                Ok(server_id) => {
                    // Only now is the event done; a crash before this line
                    // forwards it again and the server answers 200.
                    lock(&self.store).mark_forwarded(e.id, server_id).map_err(|err| format!("store: {err}"))?;
                    self.shared.update(|s| {
                        s.forwarded += 1;
                        s.last_forward_error = None;
                    });
                    forwarded = true;
                }
                Err(Failure::Permanent(msg)) => {
                    let _ = lock(&self.store).mark_failed(e.id, &msg, true);
                    self.shared.update(|s| s.last_forward_error = Some(msg));
                }
                Err(Failure::Unauthorized) => {
                    let mut a = lock(&self.auth);
                    // A handed-over token stays until the UI sends a new one.
                    if a.username.is_some() {
                        a.token = None;
                    }
                    return Err("the server refused the session".into());
                }
                Err(Failure::Transient(msg)) => {
                    let _ = lock(&self.store).mark_failed(e.id, &msg, false);
                    return Err(msg);
                }
            }
        }
        Ok(forwarded)
    }
}
