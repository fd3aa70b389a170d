//! The softphone's server side: call records (idempotent by the desktop's
//! call UUID), agent states, recordings uploaded with resume and checked by
//! SHA-256, streamed with range requests behind audited play tickets, and
//! dial targets that hand a patient's number to the desktop only.

pub mod agents;
pub mod demo;
pub mod model;
pub mod recordings;
pub mod routes;
pub mod s3;
pub mod service;
pub mod store;

pub use store::RecordingStore;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

/// This domain's endpoints, nested under `/api/v1` by `router.rs`. Each
/// route, its handler and its OpenAPI entry come from the handler's
/// `#[utoipa::path]` annotation.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::dial_target))
        .routes(routes!(routes::get_call, routes::upsert))
        .routes(routes!(routes::recording_play))
        .routes(routes!(routes::recording_stream))
        .routes(routes!(routes::patient_calls))
        .routes(routes!(routes::link_number))
        .routes(routes!(routes::my_state, routes::set_state))
        .routes(routes!(routes::board))
        .routes(routes!(routes::history))
}

/// The recording upload, whose chunks `router.rs` lets exceed the JSON body limit.
pub fn recording_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(routes::recording_status, routes::recording_start, routes::recording_chunk))
}
