//! Department scope: which part of the hospital a caller may see.

use crate::auth::AuthUser;

/// A hospital, and for department-scoped callers the departments they may
/// see (`None`: the whole hospital). Ward staff and managers are scoped to
/// their department (see `Role::is_department_scoped`); a domain with
/// another rule builds its scope with [`Scope::departments`].
#[derive(Debug, Clone)]
pub struct Scope {
    pub hospital_id: i64,
    pub departments: Option<Vec<i64>>,
}

impl Scope {
    /// The caller's scope: their department for ward staff and managers,
    /// the hospital for everyone else.
    pub fn of(auth: &AuthUser) -> Scope {
        Scope { hospital_id: auth.hospital_id, departments: auth.department_scope() }
    }

    /// The whole hospital (system work, API keys).
    pub fn hospital(hospital_id: i64) -> Scope {
        Scope { hospital_id, departments: None }
    }

    /// The given departments of the hospital.
    pub fn departments(hospital_id: i64, departments: Vec<i64>) -> Scope {
        Scope { hospital_id, departments: Some(departments) }
    }

    /// Whether something of this hospital and department is in scope.
    pub fn includes(&self, hospital_id: i64, department_id: i64) -> bool {
        hospital_id == self.hospital_id && self.departments.as_ref().is_none_or(|d| d.contains(&department_id))
    }
}
