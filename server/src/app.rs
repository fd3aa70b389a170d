//! The application state and the assembled HTTP service.

use std::sync::Arc;

use crate::auth::limiter::RateLimits;
use crate::calls::RecordingStore;
use crate::config::Config;
use crate::db::{Db, DbConnection};
use crate::error::ApiError;
use crate::jobs::Jobs;
use crate::metrics::Metrics;
use crate::notifications::Hub;
use crate::sms::Sms;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    /// Rate limits of this instance (sign-in, public forms, API keys).
    pub limits: Arc<RateLimits>,
    pub metrics: Arc<Metrics>,
    /// Job handlers and the local runner's wake-up.
    pub jobs: Arc<Jobs>,
    /// Wakes WebSocket sessions when their user has news.
    pub hub: Arc<Hub>,
    /// The SMS provider and rules.
    pub sms: Arc<Sms>,
    /// Where recording bytes live (a directory or object storage).
    pub recordings: Arc<RecordingStore>,
}

impl AppState {
    /// Opens the database and applies pending migrations.
    pub fn open(config: Config) -> anyhow::Result<AppState> {
        let db = Db::connect(&config.database_url, config.db_pool_size)?;
        let applied = db.migrate()?;
        if !applied.is_empty() {
            tracing::info!(?applied, "migrations applied");
        }
        // Imports cut short by the last stop are marked failed.
        {
            let mut conn = db.get().map_err(|e| anyhow::anyhow!(e.detail))?;
            crate::imports::service::interrupt_stale(&mut conn, crate::imports::service::STALE_SECONDS)
                .map_err(|e| anyhow::anyhow!(e.detail))?;
        }
        let jobs = Arc::new(Jobs::new());
        jobs.register(crate::sms::service::SEND_JOB, crate::sms::service::send_job);
        jobs.register(crate::notifications::service::DELIVER_JOB, crate::notifications::service::deliver_job);
        crate::followup::jobs::register(&jobs);
        crate::appointments::jobs::register(&jobs);
        jobs.register(crate::evaluations::ANOMALY_JOB, crate::evaluations::alerts::anomaly_job);
        crate::feedback::service::check_config(&config)?;
        jobs.register(crate::feedback::service::ESCALATE_JOB, crate::feedback::escalation::escalate_job);
        Ok(AppState {
            db,
            limits: Arc::new(RateLimits::new(&config)),
            sms: Arc::new(Sms::new(&config.sms)?),
            recordings: Arc::new(crate::calls::store::open(&config.recordings).map_err(anyhow::Error::msg)?),
            config: Arc::new(config),
            metrics: Arc::new(Metrics::default()),
            jobs,
            hub: Arc::new(Hub::default()),
        })
    }

    /// Runs `f` in a write transaction, handing it the state, then wakes the
    /// job runner: the jobs `f` queued (SMS, reminders) are seen at once,
    /// after the commit.
    pub async fn write_and_wake<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection, &AppState) -> Result<T, ApiError> + Send + 'static,
    {
        let state = self.clone();
        let out = self.db.write(move |conn| f(conn, &state)).await?;
        self.jobs.wake();
        Ok(out)
    }
}

/// The work that runs beside the HTTP service: the job runner and the
/// consumer of delivery receipts and replies. `serve` starts it when jobs are enabled;
/// tests start it when they need it.
pub struct Background {
    runner: crate::jobs::RunnerHandle,
    receipts: Option<tokio::task::JoinHandle<()>>,
}

impl Background {
    pub fn start(state: &AppState) -> Background {
        let receipts =
            state.sms.take_events().map(|rx| tokio::spawn(crate::sms::service::event_loop(state.clone(), rx)));
        Background { runner: crate::jobs::runner::spawn(state.clone()), receipts }
    }

    /// Stops claiming jobs and waits for attempts in flight.
    pub async fn stop(self) {
        self.runner.stop().await;
        if let Some(r) = self.receipts {
            r.abort();
        }
    }
}

/// Serves until ctrl-c or SIGTERM, then lets requests in flight finish.
pub async fn serve(state: AppState) -> anyhow::Result<()> {
    let addr = state.config.listen;
    let listener =
        tokio::net::TcpListener::bind(addr).await.map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
    tracing::info!(%addr, "listening");
    if state.config.jobs.enabled {
        // The follow-up engine's hourly generation and daily assignment.
        if let Err(e) = crate::followup::jobs::ensure_schedules(&state) {
            tracing::warn!(error = %e.detail, "cannot schedule the follow-up jobs");
        }
    }
    let background = state.config.jobs.enabled.then(|| Background::start(&state));
    let hl7 = crate::hl7::start(&state).await?;
    let app = crate::router::build(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await?;
    if let Some(l) = hl7 {
        l.stop();
    }
    if let Some(b) = background {
        b.stop().await;
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
