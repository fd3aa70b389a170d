//! The organisation domain's types. Its DTOs (`Hospital`, `Department`,
//! `User` and their requests) live in `hcrm_shared::api`, shared with the
//! desktop; here are the rows the queries select and their conversion.

use chrono::NaiveDateTime;
use hcrm_shared::api::{Department, DepartmentKind, User};
use hcrm_shared::Role;

use crate::db::{now, to_utc};

/// A department as selected: id, code, name, kind, active.
pub type DepartmentRow = (i64, String, String, DepartmentKind, bool);

pub fn department_from_row((id, code, name, kind, active): DepartmentRow) -> Department {
    Department { id, code, name, kind, active }
}

/// A user as selected by `user_select!` (with the department's name).
pub type UserRow = (
    i64,
    String,
    String,
    String,
    Option<i64>,
    Option<String>,
    bool,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    Option<String>,
);

pub fn user_from_row(
    (id, username, display_name, role, department_id, department_name, disabled, locked_until, last_login_at, phone): UserRow,
) -> User {
    User {
        id,
        username,
        display_name,
        role: Role::parse(&role).unwrap_or(Role::Agent),
        department_id,
        department_name,
        disabled,
        locked_until: locked_until.filter(|t| *t > now()).map(to_utc),
        last_login_at: last_login_at.map(to_utc),
        phone: phone.as_deref().map(hcrm_shared::masking::mask_phone),
    }
}
