//! The agent's workbench (我的工作台): the page an agent lands on. What is
//! due now, the call-backs they promised for today, the calls they missed
//! and have not returned, and their numbers for the day. It reads the
//! follow-up and call domains; it owns no tables.

pub mod model;
pub mod routes;
pub mod service;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

/// This domain's endpoints, nested under `/api/v1` by `router.rs`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(routes::workbench))
}
