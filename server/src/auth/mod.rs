//! Logins, sessions and the authenticated caller.

pub mod limiter;
pub mod model;
pub mod password;
pub mod routes;
pub mod service;

pub use model::AuthUser;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

/// This domain's endpoints, nested under `/api/v1` by `router.rs`. Each
/// route, its handler and its OpenAPI entry come from the handler's
/// `#[utoipa::path]` annotation.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::login))
        .routes(routes!(routes::logout))
        .routes(routes!(routes::me))
        .routes(routes!(routes::change_password))
}
