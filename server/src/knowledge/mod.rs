//! Inquiries and the knowledge base (业务咨询、知识库): articles with
//! versions and approval, CJK-aware search, the lookup data of the inquiry
//! screen, HIS imports and the inquiry log.

pub mod demo;
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
        .routes(routes!(routes::list, routes::create))
        .routes(routes!(routes::detail, routes::edit))
        .routes(routes!(routes::submit))
        .routes(routes!(routes::review))
        .routes(routes!(routes::search))
        .routes(routes!(routes::lookup_search))
        .routes(routes!(routes::items, routes::upsert_item))
        .routes(routes!(routes::staff))
        .routes(routes!(routes::expert_timetable))
        .routes(routes!(routes::inpatients))
        .routes(routes!(routes::surgeries))
        .routes(routes!(routes::import))
        .routes(routes!(routes::log_inquiry))
}
