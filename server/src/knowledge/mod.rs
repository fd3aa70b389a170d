//! Inquiries and the knowledge base (业务咨询、知识库): articles with
//! versions and approval, CJK-aware search, the lookup data of the inquiry
//! screen, HIS imports and the inquiry log.

pub mod articles;
pub mod demo;
pub mod inquiries;
pub mod lookup;
pub mod routes;
pub mod search;

use axum::routing::{get, post};
use axum::Router;

use crate::app::AppState;

/// This domain's routes, merged into `/api/v1` by `router.rs`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/knowledge/articles", get(routes::list).post(routes::create))
        .route("/knowledge/articles/{id}", get(routes::detail).put(routes::edit))
        .route("/knowledge/articles/{id}/submit", post(routes::submit))
        .route("/knowledge/articles/{id}/review", post(routes::review))
        .route("/knowledge/search", get(routes::search))
        .route("/lookup/search", get(routes::lookup_search))
        .route("/lookup/items", get(routes::items).post(routes::upsert_item))
        .route("/lookup/staff", get(routes::staff))
        .route("/lookup/expert-timetable", get(routes::expert_timetable))
        .route("/lookup/inpatients", get(routes::inpatients))
        .route("/lookup/surgeries", get(routes::surgeries))
        .route("/lookup/import/{what}", post(routes::import))
        .route("/inquiries", post(routes::log_inquiry))
}

/// This domain's part of the OpenAPI document, merged by `openapi.rs`.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    routes::list,
    routes::create,
    routes::detail,
    routes::edit,
    routes::submit,
    routes::review,
    routes::search,
    routes::lookup_search,
    routes::items,
    routes::upsert_item,
    routes::staff,
    routes::expert_timetable,
    routes::inpatients,
    routes::surgeries,
    routes::import,
    routes::log_inquiry,
))]
pub struct ApiDoc;
