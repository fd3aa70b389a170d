//! The patient archive (客服档案): patients, their phone numbers, visits,
//! the contact log, search and the screen-pop lookup.

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
        .routes(routes!(routes::search, routes::create))
        .routes(routes!(routes::card, routes::update))
        .routes(routes!(routes::reveal))
        .routes(routes!(routes::list_visits, routes::add_visit))
        .routes(routes!(routes::add_contact))
        .routes(routes!(routes::screen_pop))
}
