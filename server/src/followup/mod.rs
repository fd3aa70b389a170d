//! Follow-up (随访) tasks. Every producer of work for the call centre or a
//! ward (discharge rules, plans, spot checks, research, exam results,
//! revisit reminders, callbacks from questionnaire answers, evaluator
//! ratings and complaints) creates tasks through [`service::create_task`].
//!
//! The engine: `rules` (discharge and research rules), `generate` (the
//! idempotent generators), `plans` (department plans, outpatient flags),
//! `revisit` (revisit reminders), `tasks` (reach, list, outcomes), `queue` (queue order, next task),
//! `assign` (assignment), `settings` (working mode, retry policy), `jobs`
//! (recurring jobs), `routes`.

pub mod assign;
pub mod demo;
pub mod export;
pub mod generate;
pub mod jobs;
pub mod model;
pub mod plans;
pub mod queue;
pub mod revisit;
pub mod routes;
pub mod rules;
pub mod service;
pub mod settings;
pub mod stats;
pub mod tasks;

pub use service::{cancel_open_tasks, create_task, CancelScope, NewTask};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

/// This domain's endpoints, nested under `/api/v1` by `router.rs`. Each
/// route, its handler and its OpenAPI entry come from the handler's
/// `#[utoipa::path]` annotation.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::get_settings, routes::put_settings))
        .routes(routes!(routes::list_tasks))
        .routes(routes!(routes::get_task))
        .routes(routes!(routes::next_task))
        .routes(routes!(routes::record_outcome))
        .routes(routes!(routes::reassign))
        .routes(routes!(routes::assign_tasks))
        .routes(routes!(routes::assignees))
        .routes(routes!(routes::generate_now))
        .routes(routes!(routes::list_rules, routes::create_rule))
        .routes(routes!(routes::update_rule))
        .routes(routes!(routes::list_plans, routes::create_plan))
        .routes(routes!(routes::add_plan_patients))
        .routes(routes!(routes::flag_visit))
        .routes(routes!(routes::create_revisit))
        .routes(routes!(routes::stats))
        .routes(routes!(routes::stats_export))
        .routes(routes!(routes::records_export))
}
