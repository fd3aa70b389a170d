use chrono::NaiveDateTime;
use diesel::prelude::*;
use hcrm_shared::api::{NewUser, UpdateUser, User};
use hcrm_shared::Role;

use super::departments;
use crate::audit;
use crate::auth::password::{check_policy, hash_password, verify_password};
use crate::auth::{service::revoke_sessions, AuthUser};
use crate::db::schema::{departments as dept_t, users};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::organisation::model::{user_from_row, UserRow};

macro_rules! user_select {
    () => {
        (
            users::id,
            users::username,
            users::display_name,
            users::role,
            users::department_id,
            dept_t::name.nullable(),
            users::disabled,
            users::locked_until,
            users::last_login_at,
            users::phone,
        )
    };
}

pub fn list(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<Vec<User>> {
    let rows: Vec<UserRow> = db_run!(conn: {
        users::table
            .left_join(dept_t::table)
            .filter(users::hospital_id.eq(hospital_id))
            .select(user_select!())
            .order(users::username)
            .load(conn)?
    });
    Ok(rows.into_iter().map(user_from_row).collect())
}

pub fn get(conn: &mut DbConnection, hospital_id: i64, id: i64) -> ApiResult<User> {
    let row: Option<UserRow> = db_run!(conn: {
        users::table
            .left_join(dept_t::table)
            .filter(users::hospital_id.eq(hospital_id))
            .filter(users::id.eq(id))
            .select(user_select!())
            .first(conn)
            .optional()?
    });
    row.map(user_from_row).ok_or_else(|| ApiError::not_found("user"))
}

fn validate_username(username: &str) -> ApiResult<()> {
    let ok = (3..=32).contains(&username.len())
        && username.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-');
    if ok {
        Ok(())
    } else {
        Err(ApiError::invalid("username", "3 to 32 characters: letters, digits, '_', '.', '-'"))
    }
}

/// Checks that a department exists in the hospital and suits the role.
fn check_department(
    conn: &mut DbConnection,
    hospital_id: i64,
    role: Role,
    department_id: Option<i64>,
) -> ApiResult<()> {
    match department_id {
        Some(d) => departments::get(conn, hospital_id, d)
            .map(|_| ())
            .map_err(|_| ApiError::invalid("department_id", format!("department {d} does not exist in this hospital"))),
        None if role.requires_department() => {
            Err(ApiError::invalid("department_id", format!("a {role} must belong to a department")))
        }
        None => Ok(()),
    }
}

/// An administrator adds a user; audited.
pub fn add(conn: &mut DbConnection, admin: &AuthUser, new: &NewUser, argon2_memory_kib: u32) -> ApiResult<User> {
    let u = create(conn, admin.hospital_id, new, argon2_memory_kib)?;
    let detail = format!("{} as {}", u.username, u.role);
    audit::record(
        conn,
        &admin.actor(),
        audit::AuditAction::UserCreate,
        None,
        Some(&format!("user:{}", u.id)),
        Some(&detail),
    )?;
    Ok(u)
}

pub fn create(conn: &mut DbConnection, hospital_id: i64, new: &NewUser, argon2_memory_kib: u32) -> ApiResult<User> {
    validate_username(&new.username)?;
    if new.display_name.trim().is_empty() {
        return Err(ApiError::invalid("display_name", "is required"));
    }
    check_policy(&new.password, &new.username).map_err(|m| ApiError::invalid("password", m))?;
    check_department(conn, hospital_id, new.role, new.department_id)?;
    let hash = hash_password(&new.password, argon2_memory_kib);
    let id: i64 = db_run!(conn: {
        let taken: i64 = users::table.filter(users::username.eq(&new.username)).count().get_result(conn)?;
        if taken > 0 {
            return Err(ApiError::conflict("username", format!("username: {} is already taken", new.username)));
        }
        diesel::insert_into(users::table)
            .values((
                users::hospital_id.eq(hospital_id),
                users::username.eq(&new.username),
                users::display_name.eq(new.display_name.trim()),
                users::password_hash.eq(&hash),
                users::role.eq(new.role),
                users::department_id.eq(new.department_id),
                users::disabled.eq(false),
                users::failed_logins.eq(0),
                users::created_at.eq(now()),
            ))
            .returning(users::id)
            .get_result(conn)?
    });
    get(conn, hospital_id, id)
}

/// An administrator changes a user; audited with the change.
pub fn update(conn: &mut DbConnection, admin: &AuthUser, id: i64, change: &UpdateUser) -> ApiResult<User> {
    let (hospital_id, actor_id) = (admin.hospital_id, admin.user_id);
    let current = get(conn, hospital_id, id)?;
    if id == actor_id && (change.disabled == Some(true) || change.role.is_some_and(|r| r != Role::Admin)) {
        return Err(ApiError::invalid(
            if change.disabled.is_some() { "disabled" } else { "role" },
            "administrators cannot disable or demote themselves",
        ));
    }
    let role = change.role.unwrap_or(current.role);
    let department_id = change.department_id.or(current.department_id);
    if change.role.is_some() || change.department_id.is_some() {
        check_department(conn, hospital_id, role, department_id)?;
    }
    if let Some(name) = &change.display_name {
        if name.trim().is_empty() {
            return Err(ApiError::invalid("display_name", "is required"));
        }
    }
    crate::db::write_transaction(conn, |conn| {
        db_run!(conn: {
            let target = users::table.filter(users::hospital_id.eq(hospital_id)).filter(users::id.eq(id));
            if let Some(name) = &change.display_name {
                diesel::update(target).set(users::display_name.eq(name.trim())).execute(conn)?;
            }
            diesel::update(target)
                .set((users::role.eq(role), users::department_id.eq(department_id)))
                .execute(conn)?;
            if let Some(disabled) = change.disabled {
                diesel::update(target).set(users::disabled.eq(disabled)).execute(conn)?;
            }
            if change.unlock == Some(true) {
                diesel::update(target)
                    .set((users::failed_logins.eq(0), users::locked_until.eq(None::<NaiveDateTime>)))
                    .execute(conn)?;
            }
            Ok(())
        })
    })?;
    if change.disabled == Some(true) {
        revoke_sessions(conn, id)?;
    }
    let u = get(conn, hospital_id, id)?;
    let detail = serde_json::to_string(change).ok();
    audit::record(
        conn,
        &admin.actor(),
        audit::AuditAction::UserUpdate,
        None,
        Some(&format!("user:{id}")),
        detail.as_deref(),
    )?;
    Ok(u)
}

/// Sets or clears a user's mobile phone (normalised digits; mainland
/// mobile numbers only, since it receives SMS alerts).
pub fn set_phone(conn: &mut DbConnection, hospital_id: i64, id: i64, phone: Option<&str>) -> ApiResult<User> {
    get(conn, hospital_id, id)?;
    let phone = match phone.map(str::trim).filter(|p| !p.is_empty()) {
        None => None,
        Some(raw) => {
            let digits = hcrm_shared::validation::normalize_phone(raw)
                .map_err(|e| ApiError::invalid("phone", format!("{raw:?}: {e}")))?;
            if !hcrm_shared::validation::is_mobile(&digits) {
                return Err(ApiError::invalid(
                    "phone",
                    format!("{raw:?} is not a mobile number (11 digits starting 13-19); SMS alerts need one"),
                ));
            }
            Some(digits)
        }
    };
    db_run!(conn: {
        diesel::update(users::table.filter(users::hospital_id.eq(hospital_id)).filter(users::id.eq(id))).set(users::phone.eq(&phone)).execute(conn)?;
    });
    get(conn, hospital_id, id)
}

pub fn reset_password(
    conn: &mut DbConnection,
    hospital_id: i64,
    id: i64,
    password: &str,
    argon2_memory_kib: u32,
) -> ApiResult<()> {
    let user = get(conn, hospital_id, id)?;
    check_policy(password, &user.username).map_err(|m| ApiError::invalid("password", m))?;
    let hash = hash_password(password, argon2_memory_kib);
    db_run!(conn: {
        diesel::update(users::table.find(id))
            .set((users::password_hash.eq(hash), users::failed_logins.eq(0), users::locked_until.eq(None::<NaiveDateTime>)))
            .execute(conn)?;
    });
    revoke_sessions(conn, id)?;
    Ok(())
}

pub fn change_own_password(
    conn: &mut DbConnection,
    auth: &AuthUser,
    old: &str,
    new: &str,
    argon2_memory_kib: u32,
) -> ApiResult<()> {
    let hash: String = db_run!(conn: {
        users::table.find(auth.user_id).select(users::password_hash).first(conn)?
    });
    if !verify_password(old, &hash) {
        return Err(ApiError::invalid("old_password", "is not the current password"));
    }
    let new_hash = hash_password(new, argon2_memory_kib);
    db_run!(conn: {
        diesel::update(users::table.find(auth.user_id)).set(users::password_hash.eq(new_hash)).execute(conn)?;
        // Other sessions end; this one stays.
        diesel::update(crate::db::schema::sessions::table
            .filter(crate::db::schema::sessions::user_id.eq(auth.user_id))
            .filter(crate::db::schema::sessions::id.ne(auth.session_id)))
            .set(crate::db::schema::sessions::revoked_at.eq(Some(now())))
            .execute(conn)?;
    });
    Ok(())
}
