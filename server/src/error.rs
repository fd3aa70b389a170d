//! API errors, always answered as `application/problem+json` with a stable
//! machine code, a human message and the offending field when there is one.
//! What went wrong underneath (a database or storage error) is kept as the
//! error's `source` for the log and never sent: database messages name
//! tables, columns and constraints, and some quote SQL.

use axum::http::{header, HeaderValue, StatusCode};
use std::sync::Arc;

use axum::response::{IntoResponse, Response};
use hcrm_shared::api::Problem;

#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub detail: String,
    pub field: Option<String>,
    /// The cause, logged when the response is built; not part of it.
    pub source: Option<Arc<anyhow::Error>>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, detail: impl Into<String>) -> Self {
        ApiError { status, code, detail: detail.into(), field: None, source: None }
    }
    /// Keeps `cause` for the log; the client sees only code, detail and field.
    pub fn with_source(mut self, cause: impl Into<anyhow::Error>) -> Self {
        self.source = Some(Arc::new(cause.into()));
        self
    }
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
    /// A value the client sent is not acceptable; names the field.
    pub fn invalid(field: impl Into<String>, detail: impl Into<String>) -> Self {
        let field = field.into();
        let detail = format!("{field}: {}", detail.into());
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed", detail).with_field(field)
    }
    pub fn bad_request(code: &'static str, detail: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, code, detail)
    }
    pub fn unauthorized(detail: impl Into<String>) -> Self {
        ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", detail)
    }
    pub fn forbidden(detail: impl Into<String>) -> Self {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", detail)
    }
    pub fn not_found(what: &str) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", format!("{what} not found"))
    }
    pub fn conflict(field: &str, detail: impl Into<String>) -> Self {
        ApiError::new(StatusCode::CONFLICT, "conflict", detail).with_field(field)
    }
    pub fn unavailable(detail: impl Into<String>) -> Self {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", detail)
    }
    pub fn internal(detail: impl Into<String>) -> Self {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", detail)
    }

    pub fn to_problem(&self) -> Problem {
        Problem {
            kind: format!("https://hcrm.invalid/problems/{}", self.code),
            title: self.status.canonical_reason().unwrap_or("Error").to_string(),
            status: self.status.as_u16(),
            code: self.code.to_string(),
            detail: self.detail.clone(),
            field: self.field.clone(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.status.as_u16(), self.code, self.detail)
    }
}

impl std::error::Error for ApiError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e.as_ref() as &(dyn std::error::Error + 'static))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let cause = self.source.as_ref().map(|e| format!("{e:#}"));
        if self.status.is_server_error() {
            tracing::error!(code = self.code, detail = %self.detail, cause, "request failed");
        } else if let Some(cause) = cause {
            tracing::debug!(code = self.code, detail = %self.detail, cause, "request refused");
        }
        let body = serde_json::to_vec(&self.to_problem()).unwrap_or_default();
        let mut res = (self.status, body).into_response();
        res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        res
    }
}

/// Database errors: a stable code and a sentence; the database's own
/// message (which names the table and constraint) goes to the log only.
impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        let answer = match &e {
            Error::NotFound => return ApiError::not_found("record"),
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                ApiError::new(StatusCode::CONFLICT, "conflict", "already exists")
            }
            Error::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                "refers to something that does not exist",
            ),
            _ => ApiError::internal("database error"),
        };
        answer.with_source(e)
    }
}

impl From<diesel::r2d2::PoolError> for ApiError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        ApiError::unavailable("database unavailable").with_source(e)
    }
}
