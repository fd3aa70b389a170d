//! Excel import endpoints: template, upload (starts the preview), batch
//! status with progress and row errors, commit, error file.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use base64::Engine;
use hcrm_shared::intake::{CommitImport, ImportBatch, ImportKind, NewImport};
use hcrm_shared::Permission;

use super::model::TemplateQuery;
use super::service::{self, workbooks};
use crate::app::AppState;
use crate::auth::AuthUser;
use crate::common::download::xlsx;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery};

/// The .xlsx template of an import kind.
#[utoipa::path(get, path = "/imports/template", tag = "imports", params(TemplateQuery),
    responses((status = 200, description = "an .xlsx file")), security(("bearer" = ["import.run"])))]
pub async fn template(auth: AuthUser, ApiQuery(q): ApiQuery<TemplateQuery>) -> ApiResult<Response> {
    auth.require(Permission::ImportRun)?;
    let kind = q
        .kind
        .ok_or_else(|| ApiError::invalid("kind", format!("expected one of: {}", ImportKind::NAMES.join(", "))))?;
    let bytes = workbooks::template(kind)?;
    Ok(xlsx(bytes, &format!("hcrm-{kind}-template.xlsx")))
}

/// Recent imports of the hospital.
#[utoipa::path(get, path = "/imports", tag = "imports",
    responses((status = 200, body = Vec<ImportBatch>)), security(("bearer" = ["import.run"])))]
pub async fn list(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<Vec<ImportBatch>>> {
    auth.require(Permission::ImportRun)?;
    Ok(Json(state.db.run(move |conn| service::list(conn, auth.hospital_id)).await?))
}

/// Uploads a file and starts its preview (nothing is imported yet). The
/// same file imported before answers 200 with that batch, `duplicate` set.
#[utoipa::path(post, path = "/imports", tag = "imports", request_body = NewImport,
    responses((status = 201, body = ImportBatch), (status = 200, body = ImportBatch, description = "this file was imported before")), security(("bearer" = ["import.run"])))]
pub async fn upload(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(new): ApiJson<NewImport>,
) -> ApiResult<(StatusCode, Json<ImportBatch>)> {
    auth.require(Permission::ImportRun)?;
    let content = base64::engine::general_purpose::STANDARD
        .decode(new.content_base64.trim())
        .map_err(|e| ApiError::invalid("content_base64", format!("not base64: {e}")))?;
    let actor = auth.actor();
    let hospital = auth.hospital_id;
    let (batch, fresh) =
        state.db.run(move |conn| service::create(conn, hospital, &actor, new.kind, &new.file_name, content)).await?;
    if !fresh {
        return Ok((StatusCode::OK, Json(batch)));
    }
    let (id, scope, offset) = (batch.id, auth.department_scope(), state.config.utc_offset_minutes);
    service::spawn(state.db.clone(), id, move |conn| service::preview(conn, hospital, id, scope, offset));
    Ok((StatusCode::CREATED, Json(batch)))
}

/// A batch: status, progress (processed/total), row errors, sample rows.
#[utoipa::path(get, path = "/imports/{id}", tag = "imports", params(("id" = i64, Path)),
    responses((status = 200, body = ImportBatch)), security(("bearer" = ["import.run"])))]
pub async fn get(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ImportBatch>> {
    auth.require(Permission::ImportRun)?;
    Ok(Json(state.db.run(move |conn| service::get(conn, auth.hospital_id, id)).await?))
}

/// Imports a previewed batch: `all_or_nothing` (refused while any row has
/// an error) or `good_rows`. Runs in the background; poll the batch.
#[utoipa::path(post, path = "/imports/{id}/commit", tag = "imports", params(("id" = i64, Path)), request_body = CommitImport,
    responses((status = 202, body = ImportBatch), (status = 409, description = "not previewed, or errors with all_or_nothing")), security(("bearer" = ["import.run"])))]
pub async fn commit(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<CommitImport>,
) -> ApiResult<(StatusCode, Json<ImportBatch>)> {
    auth.require(Permission::ImportRun)?;
    let actor = auth.actor();
    let hospital = auth.hospital_id;
    let mode = body.mode;
    let a = actor.clone();
    let batch = state.db.run(move |conn| service::start_commit(conn, hospital, id, mode, &a)).await?;
    let (scope, offset) = (auth.department_scope(), state.config.utc_offset_minutes);
    service::spawn(state.db.clone(), id, move |conn| {
        service::commit(conn, hospital, id, body.mode, &actor, scope, offset)
    });
    Ok((StatusCode::ACCEPTED, Json(batch)))
}

/// The bad rows of a batch as an .xlsx with an error column.
#[utoipa::path(get, path = "/imports/{id}/error-file", tag = "imports", params(("id" = i64, Path)),
    responses((status = 200, description = "an .xlsx file")), security(("bearer" = ["import.run"])))]
pub async fn error_file(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Response> {
    auth.require(Permission::ImportRun)?;
    let bytes = state.db.run(move |conn| workbooks::error_file(conn, auth.hospital_id, id)).await?;
    Ok(xlsx(bytes, &format!("hcrm-import-{id}-errors.xlsx")))
}
