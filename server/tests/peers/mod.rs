//! Real local peers for the messaging tests: an HTTP SMS gateway and an
//! SMPP 3.4 SMSC, both on 127.0.0.1.

#![allow(dead_code)]

pub mod booking_storm;
pub mod http_gateway;
pub mod process;
pub mod smsc;
pub mod websocket;

use std::future::Future;
use std::time::Duration;

/// Polls until `check` yields a value. The limit only guards against a hang;
/// nothing is asserted about timing.
pub async fn eventually<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(v) = check().await {
            return v;
        }
        if tokio::time::Instant::now() > deadline {
            panic!("gave up waiting for {what}");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Job settings that keep tests quick: frequent polls, immediate retries.
pub fn fast_jobs(c: &mut hcrm_server::Config) {
    c.jobs.poll_ms = 20;
    c.jobs.retry_base_seconds = 0;
    c.jobs.lease_seconds = 10;
}
