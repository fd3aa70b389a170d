//! Logins, sessions and the authenticated caller.

pub mod limiter;
pub mod password;
pub mod routes;
pub mod service;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use hcrm_shared::{Permission, Role};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;
use crate::audit::Actor;
use crate::error::{ApiError, ApiResult};
use crate::extract::ClientIp;

/// The caller of a request, resolved from its bearer token. Handlers take
/// this as an argument, so an endpoint without it cannot exist by accident:
/// the role x endpoint test walks every route in the OpenAPI document.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub user_id: i64,
    pub session_id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub hospital_id: i64,
    pub department_id: Option<i64>,
    pub ip: String,
}

impl AuthUser {
    pub fn require(&self, p: Permission) -> ApiResult<()> {
        if self.role.has(p) {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!("role {} lacks permission {}", self.role, p.as_str())))
        }
    }

    /// The departments whose patients this user may see, or `None` for the
    /// whole hospital.
    pub fn department_scope(&self) -> Option<Vec<i64>> {
        if self.role.is_department_scoped() {
            Some(self.department_id.into_iter().collect())
        } else {
            None
        }
    }

    pub fn actor(&self) -> Actor {
        Actor {
            user_id: Some(self.user_id),
            username: self.username.clone(),
            role: self.role.as_str().to_string(),
            hospital_id: Some(self.hospital_id),
            ip: self.ip.clone(),
        }
    }
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .ok_or_else(|| ApiError::unauthorized("sign in first: no bearer token"))?;
        let ClientIp(ip) = ClientIp::from_request_parts(parts, state).await.unwrap_or(ClientIp("unknown".into()));
        let idle = state.config.session_idle_minutes;
        state.db.run(move |conn| service::authenticate(conn, &token, idle, ip)).await
    }
}

/// This domain's endpoints, nested under `/api/v1` by `router.rs`. Each
/// route, its handler and its OpenAPI entry come from the handler's
/// `#[utoipa::path]` annotation.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::login))
        .routes(routes!(routes::logout))
        .routes(routes!(routes::me))
        .routes(routes!(routes::change_password))
}
