//! Complaints, praise and suggestions (投诉、表扬、建议): tickets with free
//! routing between departments, an append-only history, SLAs on a
//! business-hours calendar, escalation, replies and the anonymous progress
//! page. Producers elsewhere (questionnaire rules, evaluator ratings,
//! calls) open tickets through [`service::open_ticket`].

pub mod calendar;
pub mod config;
pub mod demo;
pub mod escalation;
pub mod intake;
pub mod model;
pub mod routes;
pub mod service;
pub mod stats;

pub use model::NewTicket;
pub use service::open_ticket;

use axum::routing::{get, post};
use axum::Router;

use crate::app::AppState;

/// This domain's routes, merged into `/api/v1` by `router.rs`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/feedback/tickets", get(routes::list).post(routes::create))
        .route("/feedback/tickets/{id}", get(routes::detail))
        .route("/feedback/tickets/{id}/route", post(routes::route))
        .route("/feedback/tickets/{id}/status", post(routes::status))
        .route("/feedback/tickets/{id}/comments", post(routes::comment))
        .route("/feedback/tickets/{id}/replies", post(routes::reply))
        .route("/feedback/tickets/{id}/satisfaction", post(routes::satisfaction))
        .route("/feedback/tickets/{id}/compensation", post(routes::compensation))
        .route("/feedback/tickets/{id}/compensation/decision", post(routes::decide))
        .route("/feedback/templates", get(routes::templates))
        .route("/feedback/stats", get(routes::stats))
        .route("/feedback/stats/export", get(routes::export))
        .route("/public/feedback/progress", post(routes::progress))
        .route("/public/feedback/tickets", post(routes::submit_web_form))
}

/// This domain's part of the OpenAPI document, merged by `openapi.rs`.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    routes::list,
    routes::create,
    routes::detail,
    routes::route,
    routes::status,
    routes::comment,
    routes::reply,
    routes::satisfaction,
    routes::compensation,
    routes::decide,
    routes::templates,
    routes::stats,
    routes::export,
    routes::progress,
    routes::submit_web_form,
))]
pub struct ApiDoc;
