//! Hospitals, their departments, and the staff users who sign in.

pub mod model;
pub mod routes;
pub mod service;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

/// This domain's endpoints, nested under `/api/v1` by `router.rs`. Each
/// route, its handler and its OpenAPI entry come from the handler's
/// `#[utoipa::path]` annotation.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::list_departments, routes::create_department))
        .routes(routes!(routes::update_department))
        .routes(routes!(routes::list_users, routes::create_user))
        .routes(routes!(routes::update_user))
        .routes(routes!(routes::reset_password))
        .routes(routes!(routes::set_user_phone))
}
