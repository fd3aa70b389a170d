//! Request counters and latency histograms in the Prometheus text format,
//! kept in atomics so recording costs nothing measurable.

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use hcrm_shared::messaging::JobRunOutcome;

use crate::app::AppState;

const BUCKETS_MS: [f64; 10] = [1.0, 2.5, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 1000.0, 5000.0];

#[derive(Default)]
pub struct Metrics {
    /// Requests by status class: 1xx..5xx.
    by_class: [AtomicU64; 5],
    /// Cumulative latency histogram buckets, then +Inf.
    buckets: [AtomicU64; 11],
    latency_sum_us: AtomicU64,
    api_requests: AtomicU64,
    /// Job attempts by outcome, in the order of [`JOB_OUTCOMES`].
    job_attempts: [AtomicU64; 4],
}

/// The outcomes an attempt can end with (running and lease_expired are not
/// endings this instance observes).
pub const JOB_OUTCOMES: [JobRunOutcome; 4] =
    [JobRunOutcome::Ok, JobRunOutcome::Retry, JobRunOutcome::Dead, JobRunOutcome::Held];

impl Metrics {
    pub fn observe(&self, status: u16, micros: u64) {
        let class = ((status / 100).clamp(1, 5) - 1) as usize;
        self.by_class[class].fetch_add(1, Ordering::Relaxed);
        let ms = micros as f64 / 1000.0;
        for (i, b) in BUCKETS_MS.iter().enumerate() {
            if ms <= *b {
                self.buckets[i].fetch_add(1, Ordering::Relaxed);
            }
        }
        self.buckets[10].fetch_add(1, Ordering::Relaxed);
        self.latency_sum_us.fetch_add(micros, Ordering::Relaxed);
        self.api_requests.fetch_add(1, Ordering::Relaxed);
    }

    pub fn observe_job(&self, outcome: JobRunOutcome) {
        if let Some(i) = JOB_OUTCOMES.iter().position(|o| *o == outcome) {
            self.job_attempts[i].fetch_add(1, Ordering::Relaxed);
        }
    }

    pub fn render(&self, pool: Option<(u32, u32)>) -> String {
        let mut out = String::new();
        out.push_str(
            "# HELP hcrm_http_requests_total API requests by status class.\n# TYPE hcrm_http_requests_total counter\n",
        );
        for (i, c) in self.by_class.iter().enumerate() {
            let _ = writeln!(out, "hcrm_http_requests_total{{class=\"{}xx\"}} {}", i + 1, c.load(Ordering::Relaxed));
        }
        out.push_str("# HELP hcrm_http_request_duration_seconds API request latency.\n# TYPE hcrm_http_request_duration_seconds histogram\n");
        for (i, b) in BUCKETS_MS.iter().enumerate() {
            let _ = writeln!(
                out,
                "hcrm_http_request_duration_seconds_bucket{{le=\"{}\"}} {}",
                b / 1000.0,
                self.buckets[i].load(Ordering::Relaxed)
            );
        }
        let _ = writeln!(
            out,
            "hcrm_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}",
            self.buckets[10].load(Ordering::Relaxed)
        );
        let _ = writeln!(
            out,
            "hcrm_http_request_duration_seconds_sum {}",
            self.latency_sum_us.load(Ordering::Relaxed) as f64 / 1e6
        );
        let _ = writeln!(out, "hcrm_http_request_duration_seconds_count {}", self.api_requests.load(Ordering::Relaxed));
        out.push_str("# HELP hcrm_job_attempts_total Job attempts run by this instance, by outcome.\n# TYPE hcrm_job_attempts_total counter\n");
        for (i, o) in JOB_OUTCOMES.iter().enumerate() {
            let _ = writeln!(
                out,
                "hcrm_job_attempts_total{{outcome=\"{o}\"}} {}",
                self.job_attempts[i].load(Ordering::Relaxed)
            );
        }
        if let Some((connections, idle)) = pool {
            let _ = writeln!(out, "# TYPE hcrm_db_pool_connections gauge\nhcrm_db_pool_connections {connections}\n# TYPE hcrm_db_pool_idle gauge\nhcrm_db_pool_idle {idle}");
        }
        out
    }
}

/// Middleware: times every `/api` request.
pub async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let is_api = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().starts_with("/api"))
        .unwrap_or(req.uri().path().starts_with("/api"));
    let res = next.run(req).await;
    if is_api {
        state.metrics.observe(res.status().as_u16(), start.elapsed().as_micros() as u64);
    }
    res
}
