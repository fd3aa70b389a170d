//! In-app notifications: stored per user, listed over REST and pushed over
//! the WebSocket `/api/v1/events` (see [`ws`]).

pub mod hub;
pub mod model;
pub mod routes;
pub mod service;
pub mod ws;

pub use hub::Hub;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

/// This domain's endpoints, nested under `/api/v1` by `router.rs`. Each
/// route, its handler and its OpenAPI entry come from the handler's
/// `#[utoipa::path]` annotation.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::list, routes::send))
        .routes(routes!(routes::unread_count))
        .routes(routes!(routes::mark_all_read))
        .routes(routes!(routes::mark_read))
}
