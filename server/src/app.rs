//! The application state and the assembled HTTP service.

use std::sync::Arc;

use crate::auth::limiter::LoginLimiter;
use crate::config::Config;
use crate::db::Db;
use crate::metrics::Metrics;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub login_limiter: Arc<LoginLimiter>,
    pub metrics: Arc<Metrics>,
}

impl AppState {
    /// Opens the database and applies pending migrations.
    pub fn open(config: Config) -> anyhow::Result<AppState> {
        let db = Db::connect(&config.database_url, config.db_pool_size)?;
        let applied = db.migrate()?;
        if !applied.is_empty() {
            tracing::info!(?applied, "migrations applied");
        }
        Ok(AppState {
            db,
            login_limiter: Arc::new(LoginLimiter::new(config.login_attempts_per_minute)),
            config: Arc::new(config),
            metrics: Arc::new(Metrics::default()),
        })
    }
}

/// Serves until ctrl-c or SIGTERM, then lets requests in flight finish.
pub async fn serve(state: AppState) -> anyhow::Result<()> {
    let addr = state.config.listen;
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
    tracing::info!(%addr, "listening");
    let app = crate::router::build(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await?;
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
