//! HL7 v2 ADT intake from the HIS over MLLP: the parser (`parse`), the
//! archive writers shared with the Excel import (`archive`), what each event
//! does (`events`), its types (`model`), the inbox and ACKs (`service`), the TCP listener
//! (`listener`) and the admin API (`routes`).

pub mod archive;
pub mod events;
pub mod listener;
pub mod model;
pub mod parse;
pub mod routes;
pub mod service;

pub use listener::{bind, start, Hl7Listener};
pub use model::{IntakeSettings, Received};
pub use parse::{Charset, Hl7Error, Message};
pub use service::receive;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

/// This domain's endpoints, nested under `/api/v1` by `router.rs`. Each
/// route, its handler and its OpenAPI entry come from the handler's
/// `#[utoipa::path]` annotation.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::list))
        .routes(routes!(routes::get_message))
        .routes(routes!(routes::replay))
}
