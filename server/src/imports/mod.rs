//! Excel imports (calamine): discharged patients and physical-exam results.
//! `sheet` reads a workbook and finds its header, `rows` checks and writes
//! each kind's rows, `model` holds the types, `service` runs batches (preview, commit,
//! progress; its `workbooks` the error file and template), `routes` is the API.

pub mod model;
pub mod routes;
pub mod rows;
pub mod service;
pub mod sheet;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

/// This domain's endpoints, nested under `/api/v1` by `router.rs`. Each
/// route, its handler and its OpenAPI entry come from the handler's
/// `#[utoipa::path]` annotation.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::template))
        .routes(routes!(routes::get))
        .routes(routes!(routes::commit))
        .routes(routes!(routes::error_file))
}

/// The uploads (base64 JSON workbooks), which `router.rs` gives a larger body limit.
pub fn upload_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(routes::list, routes::upload))
}
