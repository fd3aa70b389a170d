//! Durable jobs (事务调度中心): one-off, delayed and recurring jobs on the
//! `jobs` table, run by [`runner`] in every instance with jobs enabled.

pub mod model;
pub mod routes;
pub mod runner;
pub mod schedule;
pub mod service;

pub use model::{NewJob, Outcome};
pub use runner::{JobContext, Jobs, RunnerHandle};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;
use crate::db::DbConnection;
use crate::error::ApiResult;

/// Enqueues with the application's defaults. Wake the local runner
/// (`state.jobs.wake()`) once the surrounding transaction has committed.
pub fn enqueue(conn: &mut DbConnection, state: &AppState, new: &NewJob) -> ApiResult<model::JobRow> {
    service::enqueue(conn, new, &state.config.jobs, state.config.utc_offset_minutes)
}

/// This domain's endpoints, nested under `/api/v1` by `router.rs`. Each
/// route, its handler and its OpenAPI entry come from the handler's
/// `#[utoipa::path]` annotation.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::list))
        .routes(routes!(routes::detail))
        .routes(routes!(routes::run_now))
        .routes(routes!(routes::retry))
}
