//! The audit log: who did what to which patient, when, from where.
//! Rows are only ever inserted (the database refuses UPDATE and DELETE).

pub mod model;
pub mod routes;
pub mod service;

pub use hcrm_shared::audit::AuditAction;
pub use model::Actor;
pub use service::{record, record_read};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

/// This domain's endpoints, nested under `/api/v1` by `router.rs`. Each
/// route, its handler and its OpenAPI entry come from the handler's
/// `#[utoipa::path]` annotation.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(routes::search))
}
