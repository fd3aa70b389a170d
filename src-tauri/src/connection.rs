//! Is the HCRM server reachable? A state machine fed by `GET <server>/healthz`
//! results, and the polling loop that feeds it. No Tauri types: `lib.rs`
//! passes a callback that updates the tray and tells the UI.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use tokio::sync::Notify;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionStatus {
    /// No server URL yet (first run).
    NotConfigured,
    /// A server is set but no answer has come back yet.
    Checking,
    Connected,
    Unreachable,
}

/// What the tray and the UI show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Snapshot {
    pub status: ConnectionStatus,
    pub server_url: Option<String>,
    /// Why the last check failed, for the tooltip and the log.
    pub last_error: Option<String>,
}

/// One failed check while connected is often a blip (server restart, Wi-Fi
/// hand-over); the tray turns red only after this many in a row.
pub const FAILURES_BEFORE_UNREACHABLE: u32 = 2;

#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// Between checks while connected.
    pub healthy: Duration,
    /// First retry after a failure; doubles per failure up to `max_backoff`.
    pub retry: Duration,
    pub max_backoff: Duration,
    /// How often to look at the settings again while no server is set.
    pub idle: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Self {
            healthy: Duration::from_secs(10),
            retry: Duration::from_secs(2),
            max_backoff: Duration::from_secs(30),
            idle: Duration::from_secs(5),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Monitor {
    status: ConnectionStatus,
    server_url: Option<String>,
    failures: u32,
    last_error: Option<String>,
}

impl Default for Monitor {
    fn default() -> Self {
        Self::new()
    }
}

impl Monitor {
    pub fn new() -> Self {
        Self { status: ConnectionStatus::NotConfigured, server_url: None, failures: 0, last_error: None }
    }

    pub fn status(&self) -> ConnectionStatus {
        self.status
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot { status: self.status, server_url: self.server_url.clone(), last_error: self.last_error.clone() }
    }

    /// A new server means nothing is known about it yet. Returns the new
    /// status when it changed.
    pub fn set_server(&mut self, url: Option<String>) -> Option<ConnectionStatus> {
        if url == self.server_url {
            return None;
        }
        self.server_url = url;
        self.failures = 0;
        self.last_error = None;
        let next = if self.server_url.is_some() { ConnectionStatus::Checking } else { ConnectionStatus::NotConfigured };
        self.transition(next)
    }

    /// Feeds one health check. Returns the new status when it changed.
    pub fn record(&mut self, result: Result<(), String>) -> Option<ConnectionStatus> {
        // A check that raced with clearing the URL counts for nothing.
        self.server_url.as_ref()?;
        match result {
            Ok(()) => {
                self.failures = 0;
                self.last_error = None;
                self.transition(ConnectionStatus::Connected)
            }
            Err(e) => {
                self.failures = self.failures.saturating_add(1);
                self.last_error = Some(e);
                let give_up = match self.status {
                    ConnectionStatus::Connected => self.failures >= FAILURES_BEFORE_UNREACHABLE,
                    _ => true,
                };
                if give_up {
                    self.transition(ConnectionStatus::Unreachable)
                } else {
                    None
                }
            }
        }
    }

    fn transition(&mut self, next: ConnectionStatus) -> Option<ConnectionStatus> {
        (self.status != next).then(|| {
            self.status = next;
            next
        })
    }

    /// How long to wait before the next check.
    pub fn next_delay(&self, t: &Timing) -> Duration {
        match self.status {
            ConnectionStatus::NotConfigured => t.idle,
            ConnectionStatus::Checking => Duration::ZERO,
            ConnectionStatus::Connected if self.failures == 0 => t.healthy,
            _ => hcrm_shared::backoff::Backoff::new(t.retry, t.max_backoff).delay(self.failures.max(1)),
        }
    }
}

/// One health check: any 2xx from `/healthz` within the client's timeout.
pub async fn check(client: &reqwest::Client, server_url: &str) -> Result<(), String> {
    let url = format!("{}/healthz", server_url.trim_end_matches('/'));
    match client.get(&url).send().await {
        Ok(r) if r.status().is_success() => Ok(()),
        Ok(r) => Err(format!("HTTP {}", r.status())),
        Err(e) if e.is_timeout() => Err("timed out".to_owned()),
        Err(e) if e.is_connect() => Err("connection refused or no route".to_owned()),
        Err(e) => Err(e.to_string()),
    }
}

pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(3))
        .connect_timeout(Duration::from_secs(3))
        .build()
        .expect("the TLS backend is compiled in")
}

/// Polls forever. `server_url` is asked before every check (the user may
/// change it); `wake` cuts a wait short, e.g. right after a settings change;
/// `on_change` runs after every status change.
pub async fn run(
    monitor: Arc<Mutex<Monitor>>,
    timing: Timing,
    wake: Arc<Notify>,
    server_url: impl Fn() -> Option<String>,
    on_change: impl Fn(&Snapshot),
) {
    let client = http_client();
    let lock = |m: &Mutex<Monitor>| m.lock().unwrap_or_else(|e| e.into_inner()).clone();
    loop {
        let url = server_url();
        let changed = {
            let mut m = monitor.lock().unwrap_or_else(|e| e.into_inner());
            m.set_server(url.clone())
        };
        if changed.is_some() {
            on_change(&lock(&monitor).snapshot());
        }
        if let Some(url) = url {
            let result = check(&client, &url).await;
            let changed = {
                let mut m = monitor.lock().unwrap_or_else(|e| e.into_inner());
                // The URL may have changed during the request: drop the result.
                if m.snapshot().server_url.as_deref() == Some(url.as_str()) {
                    m.record(result)
                } else {
                    None
                }
            };
            if changed.is_some() {
                on_change(&lock(&monitor).snapshot());
            }
        }
        let delay = lock(&monitor).next_delay(&timing);
        tokio::select! {
            _ = tokio::time::sleep(delay) => {}
            _ = wake.notified() => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ConnectionStatus::*;

    fn configured() -> Monitor {
        let mut m = Monitor::new();
        assert_eq!(m.set_server(Some("http://h".into())), Some(Checking));
        m
    }

    #[test]
    fn starts_unconfigured_and_checks_a_new_server() {
        let mut m = Monitor::new();
        assert_eq!(m.status(), NotConfigured);
        assert_eq!(m.record(Ok(())), None, "no server, nothing to record");
        assert_eq!(m.set_server(Some("http://h".into())), Some(Checking));
        assert_eq!(m.set_server(Some("http://h".into())), None);
        assert_eq!(m.set_server(None), Some(NotConfigured));
    }

    #[test]
    fn first_answer_decides() {
        let mut m = configured();
        assert_eq!(m.record(Ok(())), Some(Connected));
        let mut m = configured();
        assert_eq!(m.record(Err("refused".into())), Some(Unreachable));
        assert_eq!(m.snapshot().last_error.as_deref(), Some("refused"));
    }

    #[test]
    fn one_blip_while_connected_is_tolerated() {
        let mut m = configured();
        m.record(Ok(()));
        assert_eq!(m.record(Err("timed out".into())), None);
        assert_eq!(m.status(), Connected);
        assert_eq!(m.record(Ok(())), None);
        assert_eq!(m.record(Err("timed out".into())), None);
        assert_eq!(m.record(Err("timed out".into())), Some(Unreachable));
        assert_eq!(m.record(Err("timed out".into())), None);
        assert_eq!(m.record(Ok(())), Some(Connected));
        assert_eq!(m.snapshot().last_error, None);
    }

    #[test]
    fn changing_server_resets() {
        let mut m = configured();
        m.record(Err("x".into()));
        assert_eq!(m.set_server(Some("http://other".into())), Some(Checking));
        assert_eq!(m.snapshot().last_error, None);
        assert_eq!(m.next_delay(&Timing::default()), Duration::ZERO);
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let t = Timing::default();
        let mut m = configured();
        m.record(Ok(()));
        assert_eq!(m.next_delay(&t), t.healthy);
        m.record(Err("x".into()));
        // Still connected after one failure, but retried soon.
        assert_eq!(m.next_delay(&t), Duration::from_secs(2));
        let delays: Vec<u64> = (0..6)
            .map(|_| {
                m.record(Err("x".into()));
                m.next_delay(&t).as_secs()
            })
            .collect();
        assert_eq!(delays, [4, 8, 16, 30, 30, 30]);
        m.set_server(None);
        assert_eq!(m.next_delay(&t), t.idle);
    }

    /// A tiny HTTP server: answers every request with `status`.
    async fn serve(status: &'static str) -> (String, tokio::task::JoinHandle<()>) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", l.local_addr().unwrap());
        let h = tokio::spawn(async move {
            loop {
                let (mut s, _) = l.accept().await.unwrap();
                let mut buf = [0u8; 1024];
                let _ = s.read(&mut buf).await;
                let body = format!("HTTP/1.1 {status}\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok");
                let _ = s.write_all(body.as_bytes()).await;
            }
        });
        (url, h)
    }

    #[tokio::test]
    async fn check_reads_healthz() {
        let client = http_client();
        let (ok, h1) = serve("200 OK").await;
        let (bad, h2) = serve("503 Service Unavailable").await;
        assert_eq!(check(&client, &ok).await, Ok(()));
        assert_eq!(check(&client, &bad).await, Err("HTTP 503 Service Unavailable".into()));
        h1.abort();
        h2.abort();
        // Nothing listens on a port that was just freed.
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let dead = format!("http://{}", l.local_addr().unwrap());
        drop(l);
        assert!(check(&client, &dead).await.is_err());
    }

    #[tokio::test]
    async fn loop_reports_connected_then_unreachable() {
        let (url, server) = serve("200 OK").await;
        let monitor = Arc::new(Mutex::new(Monitor::new()));
        let wake = Arc::new(Notify::new());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let timing = Timing {
            healthy: Duration::from_millis(20),
            retry: Duration::from_millis(10),
            max_backoff: Duration::from_millis(40),
            idle: Duration::from_millis(20),
        };
        let seen2 = seen.clone();
        let task = tokio::spawn(run(
            monitor.clone(),
            timing,
            wake,
            move || Some(url.clone()),
            move |s| seen2.lock().unwrap().push(s.status),
        ));
        let wait_for = |want: ConnectionStatus| {
            let seen = seen.clone();
            async move {
                for _ in 0..500 {
                    if seen.lock().unwrap().last() == Some(&want) {
                        return;
                    }
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
                panic!("never saw {want:?}: {:?}", seen.lock().unwrap());
            }
        };
        wait_for(Connected).await;
        server.abort();
        let _ = server.await;
        wait_for(Unreachable).await;
        task.abort();
        assert_eq!(*seen.lock().unwrap(), [Checking, Connected, Unreachable]);
    }
}
