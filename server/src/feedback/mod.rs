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

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

/// This domain's endpoints, nested under `/api/v1` by `router.rs`. Each
/// route, its handler and its OpenAPI entry come from the handler's
/// `#[utoipa::path]` annotation.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::list, routes::create))
        .routes(routes!(routes::detail))
        .routes(routes!(routes::route))
        .routes(routes!(routes::status))
        .routes(routes!(routes::comment))
        .routes(routes!(routes::reply))
        .routes(routes!(routes::satisfaction))
        .routes(routes!(routes::compensation))
        .routes(routes!(routes::decide))
        .routes(routes!(routes::templates))
        .routes(routes!(routes::stats))
        .routes(routes!(routes::export))
        .routes(routes!(routes::progress))
        .routes(routes!(routes::submit_web_form))
}
