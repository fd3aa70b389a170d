use base64::Engine;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use hcrm_shared::api::{CurrentUser, LoginResponse};
use hcrm_shared::Role;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::model::{AuthUser, LoginRow, SessionRow};
use super::password::{dummy_hash, verify_password};
use crate::audit::{self, Actor};
use crate::config::Config;
use crate::db::schema::{departments, hospitals, sessions, users};
use crate::db::{now, to_utc, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use axum::http::StatusCode;

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn invalid_credentials() -> ApiError {
    ApiError::unauthorized("invalid username or password")
}

/// Checks a password and opens a session. Failed attempts count towards a
/// lock-out stored on the user, so all server instances agree on it.
pub fn login(
    conn: &mut DbConnection,
    config: &Config,
    username: &str,
    password: &str,
    ip: &str,
) -> ApiResult<LoginResponse> {
    let found: Option<LoginRow> = db_run!(conn: {
        users::table
            .filter(users::username.eq(username))
            .select((users::id, users::hospital_id, users::password_hash, users::disabled, users::failed_logins, users::locked_until, users::role))
            .first(conn)
            .optional()?
    });
    let anonymous = Actor {
        user_id: None,
        username: username.chars().take(64).collect(),
        role: String::new(),
        hospital_id: None,
        ip: ip.to_string(),
    };
    let Some((user_id, hospital_id, hash, disabled, failed, locked_until, role)) = found else {
        let _ = verify_password(password, dummy_hash(config.argon2_memory_kib));
        audit::record(conn, &anonymous, audit::AuditAction::AuthLoginFailed, None, None, Some("unknown username"))?;
        return Err(invalid_credentials());
    };
    let actor = Actor { user_id: Some(user_id), role, hospital_id: Some(hospital_id), ..anonymous };
    let t = now();
    if let Some(until) = locked_until.filter(|u| *u > t) {
        audit::record(conn, &actor, audit::AuditAction::AuthLoginLocked, None, None, None)?;
        return Err(ApiError::new(
            StatusCode::LOCKED,
            "account_locked",
            format!("too many failed sign-ins; the account is locked until {} UTC", until.format("%Y-%m-%d %H:%M")),
        ));
    }
    if !verify_password(password, &hash) {
        let failed = failed + 1;
        let lock = (failed >= config.lockout_threshold).then(|| t + Duration::minutes(config.lockout_minutes));
        db_run!(conn: {
            diesel::update(users::table.find(user_id))
                .set((users::failed_logins.eq(if lock.is_some() { 0 } else { failed }), users::locked_until.eq(lock)))
                .execute(conn)?;
        });
        let detail = if lock.is_some() { "wrong password; account locked" } else { "wrong password" };
        audit::record(conn, &actor, audit::AuditAction::AuthLoginFailed, None, None, Some(detail))?;
        return Err(invalid_credentials());
    }
    if disabled {
        audit::record(conn, &actor, audit::AuditAction::AuthLoginDisabled, None, None, None)?;
        return Err(ApiError::new(StatusCode::FORBIDDEN, "account_disabled", "this account is disabled"));
    }
    let token = new_token();
    let expires_at = t + Duration::minutes(config.session_ttl_minutes);
    crate::db::write_transaction(conn, |conn| {
        db_run!(conn: {
            diesel::update(users::table.find(user_id))
                .set((users::failed_logins.eq(0), users::locked_until.eq(None::<NaiveDateTime>), users::last_login_at.eq(Some(t))))
                .execute(conn)?;
            diesel::insert_into(sessions::table)
                .values((
                    sessions::user_id.eq(user_id),
                    sessions::token_hash.eq(token_hash(&token)),
                    sessions::created_at.eq(t),
                    sessions::expires_at.eq(expires_at),
                    sessions::last_seen_at.eq(t),
                    sessions::ip.eq(ip),
                ))
                .execute(conn)?;
            Ok(())
        })
    })?;
    audit::record(conn, &actor, audit::AuditAction::AuthLogin, None, None, None)?;
    let user = current_user(conn, user_id, config.utc_offset_minutes)?;
    Ok(LoginResponse { token, expires_at: to_utc(expires_at), user })
}

/// Resolves a bearer token to its user, refusing expired, idle, revoked and
/// disabled ones alike.
pub fn authenticate(conn: &mut DbConnection, token: &str, idle_minutes: i64, ip: String) -> ApiResult<AuthUser> {
    let hash = token_hash(token);
    let row: Option<SessionRow> = db_run!(conn: {
        sessions::table
            .inner_join(users::table)
            .filter(sessions::token_hash.eq(&hash))
            .select((
                sessions::id,
                sessions::expires_at,
                sessions::last_seen_at,
                sessions::revoked_at,
                users::id,
                users::username,
                users::display_name,
                users::role,
                users::hospital_id,
                users::department_id,
                users::disabled,
            ))
            .first(conn)
            .optional()?
    });
    let expired = || ApiError::new(StatusCode::UNAUTHORIZED, "session_expired", "the session has ended; sign in again");
    let Some((
        session_id,
        expires_at,
        last_seen,
        revoked,
        user_id,
        username,
        display_name,
        role,
        hospital_id,
        department_id,
        disabled,
    )) = row
    else {
        return Err(expired());
    };
    let t = now();
    if revoked.is_some() || disabled || expires_at <= t || last_seen + Duration::minutes(idle_minutes) <= t {
        return Err(expired());
    }
    // Touch at most once a minute: the idle timeout needs no finer grain and
    // most requests stay read-only.
    if t - last_seen > Duration::seconds(60) {
        db_run!(conn: {
            diesel::update(sessions::table.find(session_id)).set(sessions::last_seen_at.eq(t)).execute(conn)?;
        });
    }
    let role = Role::parse(&role).ok_or_else(|| ApiError::internal(format!("unknown role {role} stored")))?;
    Ok(AuthUser { user_id, session_id, username, display_name, role, hospital_id, department_id, ip })
}

pub fn logout(conn: &mut DbConnection, auth: &AuthUser) -> ApiResult<()> {
    db_run!(conn: {
        diesel::update(sessions::table.find(auth.session_id)).set(sessions::revoked_at.eq(Some(now()))).execute(conn)?;
    });
    audit::record(conn, &auth.actor(), audit::AuditAction::AuthLogout, None, None, None)
}

/// Ends every open session of a user (on disable or password reset).
pub fn revoke_sessions(conn: &mut DbConnection, user_id: i64) -> ApiResult<usize> {
    Ok(db_run!(conn: {
        diesel::update(sessions::table.filter(sessions::user_id.eq(user_id)).filter(sessions::revoked_at.is_null()))
            .set(sessions::revoked_at.eq(Some(now())))
            .execute(conn)?
    }))
}

pub fn current_user(conn: &mut DbConnection, user_id: i64, utc_offset_minutes: i32) -> ApiResult<CurrentUser> {
    let (id, username, display_name, role, department_id, hospital_id, department_name, hospital_name): (
        i64,
        String,
        String,
        String,
        Option<i64>,
        i64,
        Option<String>,
        String,
    ) = db_run!(conn: {
        users::table
            .inner_join(hospitals::table)
            .left_join(departments::table)
            .filter(users::id.eq(user_id))
            .select((users::id, users::username, users::display_name, users::role, users::department_id, users::hospital_id, departments::name.nullable(), hospitals::name))
            .first(conn)?
    });
    let role = Role::parse(&role).ok_or_else(|| ApiError::internal("unknown role stored"))?;
    Ok(CurrentUser {
        id,
        username,
        display_name,
        role,
        department_id,
        department_name,
        hospital_id,
        hospital_name,
        permissions: role.permissions().to_vec(),
        utc_offset_minutes,
    })
}
