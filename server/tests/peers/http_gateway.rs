//! An HTTP SMS gateway like the Chinese ones: JSON in, `{"code":0,...}` out.
//! It honours the request id as an idempotency key (a repeat gets the first
//! answer and is counted), and can be told to fail with 500 or to hang.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mode {
    Ok,
    /// Answer 500 to everything.
    Down,
    /// Never answer the first `n` requests in time.
    HangFirst(usize),
}

#[derive(Default)]
pub struct Recorded {
    /// request id -> (phone, text, gateway message id)
    pub accepted: HashMap<String, (String, String, String)>,
    pub order: Vec<String>,
}

pub struct GatewayState {
    pub mode: Mutex<Mode>,
    pub delay: Mutex<Duration>,
    pub requests: AtomicUsize,
    pub duplicates: AtomicUsize,
    pub in_flight: AtomicUsize,
    pub max_in_flight: AtomicUsize,
    pub recorded: Mutex<Recorded>,
}

pub struct Gateway {
    pub addr: SocketAddr,
    pub state: Arc<GatewayState>,
}

impl Gateway {
    pub async fn start(mode: Mode) -> Gateway {
        let state = Arc::new(GatewayState {
            mode: Mutex::new(mode),
            delay: Mutex::new(Duration::ZERO),
            requests: AtomicUsize::new(0),
            duplicates: AtomicUsize::new(0),
            in_flight: AtomicUsize::new(0),
            max_in_flight: AtomicUsize::new(0),
            recorded: Mutex::new(Recorded::default()),
        });
        let app = Router::new().route("/sms/send", post(send)).with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Gateway { addr, state }
    }

    pub fn url(&self) -> String {
        format!("http://{}/sms/send", self.addr)
    }

    pub fn set_mode(&self, m: Mode) {
        *self.state.mode.lock().unwrap() = m;
    }

    pub fn set_delay(&self, d: Duration) {
        *self.state.delay.lock().unwrap() = d;
    }

    pub fn requests(&self) -> usize {
        self.state.requests.load(Ordering::SeqCst)
    }

    pub fn accepted(&self) -> usize {
        self.state.recorded.lock().unwrap().accepted.len()
    }

    pub fn duplicates(&self) -> usize {
        self.state.duplicates.load(Ordering::SeqCst)
    }

    pub fn texts(&self) -> Vec<(String, String)> {
        let r = self.state.recorded.lock().unwrap();
        r.order.iter().map(|k| (r.accepted[k].0.clone(), r.accepted[k].1.clone())).collect()
    }

    /// An `[sms]` configuration pointing at this gateway.
    pub fn sms_config(&self) -> hcrm_server::config::SmsConfig {
        let mut c = hcrm_server::config::SmsConfig {
            provider: "http".into(),
            quiet_hours: "off".into(),
            per_number_per_hour: 0,
            ..Default::default()
        };
        c.http.url = self.url();
        c.http.headers.insert("X-Api-Key".into(), "test-key".into());
        c.http.success_pattern = "\"code\":0".into();
        c.http.message_id_pointer = "/data/msgid".into();
        c.http.timeout_ms = 1000;
        c
    }
}

struct InFlight<'a>(&'a GatewayState);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

async fn send(
    State(s): State<Arc<GatewayState>>,
    headers: axum::http::HeaderMap,
    Json(body): Json<Value>,
) -> (StatusCode, String) {
    let n = s.requests.fetch_add(1, Ordering::SeqCst);
    let now = s.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    s.max_in_flight.fetch_max(now, Ordering::SeqCst);
    let _guard = InFlight(&s);
    if headers.get("x-api-key").and_then(|v| v.to_str().ok()) != Some("test-key") {
        return (StatusCode::UNAUTHORIZED, json!({"code": 401, "msg": "bad key"}).to_string());
    }
    let mode = *s.mode.lock().unwrap();
    match mode {
        Mode::Down => {
            return (StatusCode::INTERNAL_SERVER_ERROR, json!({"code": 500, "msg": "gateway down"}).to_string())
        }
        Mode::HangFirst(k) if n < k => {
            tokio::time::sleep(Duration::from_secs(30)).await;
        }
        _ => {}
    }
    let (phone, text, key) = (
        body["mobile"].as_str().unwrap_or_default().to_string(),
        body["content"].as_str().unwrap_or_default().to_string(),
        body["requestId"].as_str().unwrap_or_default().to_string(),
    );
    let id = {
        let mut r = s.recorded.lock().unwrap();
        match r.accepted.get(&key) {
            Some((_, _, id)) => {
                s.duplicates.fetch_add(1, Ordering::SeqCst);
                id.clone()
            }
            None => {
                let id = format!("gw-{}", r.order.len() + 1);
                r.accepted.insert(key.clone(), (phone, text, id.clone()));
                r.order.push(key);
                id
            }
        }
    };
    // Accepted before answering: a client that dies now never hears of it,
    // the case the idempotency key is for.
    let delay = *s.delay.lock().unwrap();
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    (StatusCode::OK, json!({"code": 0, "msg": "ok", "data": {"msgid": id}}).to_string())
}
