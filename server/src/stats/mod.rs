//! Statistics for dashboards. Grouping by day happens in Rust so the same
//! code serves both backends without dialect-specific date functions.

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
    OpenApiRouter::new().routes(routes!(routes::discharges))
}
