//! Window evaluations (窗口评价): counter windows with their evaluator
//! devices, ratings forwarded by the counter PCs' readers (idempotent on
//! device id + event number), low-rating SMS and callbacks, anomaly alerts,
//! statistics and the Excel export. The device protocol is in
//! `docs/evaluator-protocol.md`; the reader is `src-tauri/crates/evaluator`.

pub mod alerts;
pub mod demo;
pub mod export;
pub mod model;
pub mod routes;
pub mod service;
pub mod stats;

pub use alerts::ANOMALY_JOB;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

/// This domain's endpoints, nested under `/api/v1` by `router.rs`. Each
/// route, its handler and its OpenAPI entry come from the handler's
/// `#[utoipa::path]` annotation.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::list_windows, routes::create_window))
        .routes(routes!(routes::update_window))
        .routes(routes!(routes::list_ratings, routes::submit_rating))
        .routes(routes!(routes::get_stats))
        .routes(routes!(routes::export_xlsx))
        .routes(routes!(routes::heartbeat))
        .routes(routes!(routes::counter))
}
