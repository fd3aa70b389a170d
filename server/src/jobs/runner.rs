//! The job runner: claims due jobs with a lease, runs their handlers with a
//! timeout, records the outcome. At-least-once: a job whose instance dies is
//! claimed again when its lease runs out, so handlers must be idempotent.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use hcrm_shared::messaging::JobRunOutcome;
use tokio::sync::{watch, Notify, Semaphore};

use super::model::{Claimed, JobRow, Outcome};
use super::service;
use crate::app::AppState;

pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// What a handler gets: the application and the claimed job.
#[derive(Clone)]
pub struct JobContext {
    pub state: AppState,
    pub job: JobRow,
}

impl JobContext {
    /// This attempt is the last one the job has: a handler that keeps its own
    /// status (an SMS) records the failure now.
    pub fn is_last_attempt(&self) -> bool {
        self.job.attempts >= self.job.max_attempts
    }
}

pub type Handler = Arc<dyn Fn(JobContext) -> BoxFuture<Outcome> + Send + Sync>;

/// The handlers by job kind, a wake-up for the local runner and this
/// instance's name in leases and history.
pub struct Jobs {
    handlers: RwLock<HashMap<String, Handler>>,
    wake: Notify,
    pub runner_id: String,
}

impl Default for Jobs {
    fn default() -> Self {
        Jobs::new()
    }
}

impl Jobs {
    pub fn new() -> Jobs {
        let suffix: u32 = rand::random();
        Jobs {
            handlers: RwLock::default(),
            wake: Notify::new(),
            runner_id: format!("{}-{suffix:08x}", std::process::id()),
        }
    }

    pub fn register<F, Fut>(&self, kind: &str, f: F)
    where
        F: Fn(JobContext) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Outcome> + Send + 'static,
    {
        let h: Handler = Arc::new(move |ctx| Box::pin(f(ctx)));
        self.handlers.write().unwrap().insert(kind.to_string(), h);
    }

    fn handler(&self, kind: &str) -> Option<Handler> {
        self.handlers.read().unwrap().get(kind).cloned()
    }

    /// Tells the local runner that work may be due (after an enqueue or a
    /// "run now"); other instances find it on their next poll.
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}

/// A running runner; `stop` lets attempts in flight finish.
pub struct RunnerHandle {
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl RunnerHandle {
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

pub fn spawn(state: AppState) -> RunnerHandle {
    let (stop, stop_rx) = watch::channel(false);
    let task = tokio::spawn(run_loop(state, stop_rx));
    RunnerHandle { stop, task }
}

async fn run_loop(state: AppState, mut stop: watch::Receiver<bool>) {
    let cfg = state.config.jobs.clone();
    let slots = cfg.concurrency.max(1);
    // Claim when half the slots are free (or all are): one claim
    // transaction for a batch rather than one per finished job.
    let claim_at = slots.div_ceil(2);
    let semaphore = Arc::new(Semaphore::new(slots));
    let runner = state.jobs.runner_id.clone();
    tracing::info!(%runner, slots, "job runner started");
    loop {
        if *stop.borrow() {
            break;
        }
        let free = semaphore.available_permits();
        let mut claimed_all = false;
        if free >= claim_at || free == slots {
            let (r, lease) = (runner.clone(), cfg.lease_seconds);
            match state.db.run(move |conn| service::claim(conn, &r, free as i64, lease)).await {
                Ok(batch) => {
                    claimed_all = !batch.is_empty() && batch.len() == free;
                    for claimed in batch {
                        let permit = semaphore.clone().acquire_owned().await.expect("semaphore is never closed");
                        let state = state.clone();
                        tokio::spawn(async move {
                            execute(state.clone(), claimed).await;
                            drop(permit);
                            // A slot is free: look for more work.
                            state.jobs.wake();
                        });
                    }
                }
                Err(e) => tracing::warn!(error = %e, "claiming jobs failed"),
            }
        }
        if claimed_all {
            continue;
        }
        tokio::select! {
            _ = state.jobs.wake.notified() => {}
            _ = tokio::time::sleep(Duration::from_millis(cfg.poll_ms.max(10))) => {}
            _ = stop.changed() => {}
        }
    }
    // Let attempts in flight finish so their outcome is recorded.
    let _ = semaphore.acquire_many(slots as u32).await;
    tracing::info!(%runner, "job runner stopped");
}

async fn execute(state: AppState, claimed: Claimed) {
    let cfg = state.config.jobs.clone();
    let job = claimed.job.clone();
    let outcome = match state.jobs.handler(&job.kind) {
        None => Outcome::Dead(format!("no handler for job kind {:?}", job.kind)),
        Some(h) => {
            let ctx = JobContext { state: state.clone(), job: job.clone() };
            // Half the lease: a handler that hangs gives the job back before
            // another instance could take it over.
            let limit = Duration::from_secs((cfg.lease_seconds.max(2) / 2) as u64);
            // Spawned, so a panicking handler is an error, not a dead runner.
            match tokio::time::timeout(limit, tokio::spawn(h(ctx))).await {
                Ok(Ok(o)) => o,
                Ok(Err(e)) => Outcome::Retry(format!("handler failed: {e}")),
                Err(_) => Outcome::Retry(format!("timed out after {}s", limit.as_secs())),
            }
        }
    };
    if let Outcome::Retry(e) | Outcome::Dead(e) = &outcome {
        tracing::warn!(job = job.id, kind = %job.kind, attempt = job.attempts, error = %e, "job attempt failed");
    }
    state.metrics.observe_job(match &outcome {
        Outcome::Done | Outcome::DoneWith(_) => JobRunOutcome::Ok,
        Outcome::Retry(_) if job.attempts < job.max_attempts => JobRunOutcome::Retry,
        Outcome::Retry(_) | Outcome::Dead(_) => JobRunOutcome::Dead,
        Outcome::Hold { .. } => JobRunOutcome::Held,
    });
    let runner = state.jobs.runner_id.clone();
    let offset = state.config.utc_offset_minutes;
    let res = state.db.run(move |conn| service::finish(conn, &claimed, &runner, &outcome, &cfg, offset)).await;
    match res {
        Ok(true) => {}
        Ok(false) => tracing::warn!(job = job.id, "lease lost before the job finished; another instance owns it"),
        // The lease runs out and the job is claimed again.
        Err(e) => tracing::error!(job = job.id, error = %e, "cannot record job outcome"),
    }
}
