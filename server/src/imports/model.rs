//! The imports domain's types: a batch row, what it stores in `errors`,
//! the template query.

use chrono::NaiveDateTime;
use hcrm_shared::intake::{ImportKind, ImportMode, ImportStatus, PreviewRow, RowError};

/// What the batch row stores in `errors`: the row errors, the recognised
/// columns and a sample of rows.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(super) struct Findings {
    pub(super) errors: Vec<RowError>,
    pub(super) columns: Vec<(String, String)>,
    pub(super) sample: Vec<PreviewRow>,
}

pub(super) type BatchRow = (
    i64,
    ImportKind,
    String,
    Option<ImportMode>,
    ImportStatus,
    i32,
    i32,
    i32,
    i32,
    String,
    Option<String>,
    NaiveDateTime,
    Option<NaiveDateTime>,
);

#[derive(Debug, Default, Clone, serde::Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TemplateQuery {
    pub kind: Option<ImportKind>,
}
