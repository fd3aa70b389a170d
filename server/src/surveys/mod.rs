//! Questionnaires and satisfaction surveys (问卷, 满意度调查). The engine
//! (templates, branching, scoring) is `hcrm_shared::questionnaire`; this
//! module stores versions and responses and serves the four channels:
//! phone script (`routes::respond`), kiosk and SMS-link form (`public`),
//! staff surveys (`service::staff`). Answer rules open callback tasks
//! (`service::responses::apply_rule`); `service::responses::complaint_from_answer` is the hook
//! for complaint tickets.

pub mod demo;
pub mod model;
pub mod public;
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
        .routes(routes!(routes::import))
        .routes(routes!(routes::detail))
        .routes(routes!(routes::edit))
        .routes(routes!(routes::publish))
        .routes(routes!(routes::export_json))
        .routes(routes!(routes::version))
        .routes(routes!(routes::respond))
        .routes(routes!(routes::get_response))
        .routes(routes!(routes::patient_responses))
        .routes(routes!(routes::create_link))
        .routes(routes!(routes::list_kiosks, routes::create_kiosk))
        .routes(routes!(routes::list_staff, routes::create_staff))
        .routes(routes!(routes::staff_mine))
        .routes(routes!(routes::staff_detail))
        .routes(routes!(routes::remind))
        .routes(routes!(routes::staff_answer))
        .routes(routes!(routes::stats))
        .routes(routes!(routes::stats_export))
        .routes(routes!(public::link_form, public::link_answer))
        .routes(routes!(public::kiosk_form))
        .routes(routes!(public::kiosk_answer))
}
