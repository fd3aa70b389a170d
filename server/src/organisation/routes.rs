use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use hcrm_shared::api::{
    Department, NewDepartment, NewUser, ResetPasswordRequest, SetUserPhone, UpdateDepartment, UpdateUser, User,
};
use hcrm_shared::Permission;

use super::service::{departments, users};
use crate::app::AppState;
use crate::audit;
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPath};

/// Departments of the caller's hospital (every signed-in user needs them for
/// pickers and labels).
#[utoipa::path(get, path = "/departments", tag = "organisation",
    responses((status = 200, body = Vec<Department>)), security(("bearer" = [])))]
pub async fn list_departments(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<Vec<Department>>> {
    Ok(Json(state.db.run(move |conn| departments::list(conn, auth.hospital_id)).await?))
}

#[utoipa::path(post, path = "/departments", tag = "organisation", request_body = NewDepartment,
    responses((status = 201, body = Department)), security(("bearer" = ["department.manage"])))]
pub async fn create_department(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(new): ApiJson<NewDepartment>,
) -> ApiResult<(StatusCode, Json<Department>)> {
    auth.require(Permission::DepartmentManage)?;
    let dept = state.db.run(move |conn| departments::create(conn, &auth.actor(), auth.hospital_id, &new)).await?;
    Ok((StatusCode::CREATED, Json(dept)))
}

#[utoipa::path(patch, path = "/departments/{id}", tag = "organisation", request_body = UpdateDepartment,
    params(("id" = i64, Path)), responses((status = 200, body = Department)), security(("bearer" = ["department.manage"])))]
pub async fn update_department(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(change): ApiJson<UpdateDepartment>,
) -> ApiResult<Json<Department>> {
    auth.require(Permission::DepartmentManage)?;
    Ok(Json(state.db.run(move |conn| departments::update(conn, &auth.actor(), auth.hospital_id, id, &change)).await?))
}

#[utoipa::path(get, path = "/users", tag = "organisation",
    responses((status = 200, body = Vec<User>)), security(("bearer" = ["user.manage"])))]
pub async fn list_users(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<Vec<User>>> {
    auth.require(Permission::UserManage)?;
    Ok(Json(state.db.run(move |conn| users::list(conn, auth.hospital_id)).await?))
}

#[utoipa::path(post, path = "/users", tag = "organisation", request_body = NewUser,
    responses((status = 201, body = User)), security(("bearer" = ["user.manage"])))]
pub async fn create_user(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(new): ApiJson<NewUser>,
) -> ApiResult<(StatusCode, Json<User>)> {
    auth.require(Permission::UserManage)?;
    let memory = state.config.argon2_memory_kib;
    let user = state.db.run(move |conn| users::add(conn, &auth, &new, memory)).await?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// Change a user's name, role or department; disable (ends their sessions
/// at once) or unlock them.
#[utoipa::path(patch, path = "/users/{id}", tag = "organisation", request_body = UpdateUser,
    params(("id" = i64, Path)), responses((status = 200, body = User)), security(("bearer" = ["user.manage"])))]
pub async fn update_user(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(change): ApiJson<UpdateUser>,
) -> ApiResult<Json<User>> {
    auth.require(Permission::UserManage)?;
    Ok(Json(state.db.run(move |conn| users::update(conn, &auth, id, &change)).await?))
}

#[utoipa::path(post, path = "/users/{id}/reset-password", tag = "organisation", request_body = ResetPasswordRequest,
    params(("id" = i64, Path)), responses((status = 204)), security(("bearer" = ["user.manage"])))]
pub async fn reset_password(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ResetPasswordRequest>,
) -> ApiResult<StatusCode> {
    auth.require(Permission::UserManage)?;
    let memory = state.config.argon2_memory_kib;
    state
        .db
        .run(move |conn| {
            users::reset_password(conn, auth.hospital_id, id, &req.password, memory)?;
            audit::record(
                conn,
                &auth.actor(),
                audit::AuditAction::UserResetPassword,
                None,
                Some(&format!("user:{id}")),
                None,
            )
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sets or clears a user's mobile phone (where the department manager's
/// low-rating SMS goes). The audit keeps the masked number.
#[utoipa::path(put, path = "/users/{id}/phone", tag = "organisation", request_body = SetUserPhone,
    params(("id" = i64, Path)), responses((status = 200, body = User)), security(("bearer" = ["user.manage"])))]
pub async fn set_user_phone(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<SetUserPhone>,
) -> ApiResult<Json<User>> {
    auth.require(Permission::UserManage)?;
    Ok(Json(
        state
            .db
            .write(move |conn| {
                let u = users::set_phone(conn, auth.hospital_id, id, req.phone.as_deref())?;
                let detail = u.phone.clone().unwrap_or_else(|| "cleared".into());
                audit::record(
                    conn,
                    &auth.actor(),
                    audit::AuditAction::UserPhone,
                    None,
                    Some(&format!("user:{id}")),
                    Some(&detail),
                )?;
                Ok(u)
            })
            .await?,
    ))
}
