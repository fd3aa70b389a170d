//! The auth domain's types: the authenticated caller and the rows sign-in reads.

use chrono::NaiveDateTime;
use hcrm_shared::{Permission, Role};

use crate::audit::Actor;
use crate::error::{ApiError, ApiResult};

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

pub(super) type LoginRow = (i64, i64, String, bool, i32, Option<NaiveDateTime>, String);

pub(super) type SessionRow =
    (i64, NaiveDateTime, NaiveDateTime, Option<NaiveDateTime>, i64, String, String, String, i64, Option<i64>, bool);
