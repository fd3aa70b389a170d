use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use hcrm_shared::knowledge::{LookupImport, LookupKind};
use hcrm_shared::Permission;

use super::service::{articles, inquiries, lookup};
use crate::app::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::knowledge::model::{
    Article, ArticleDetail, ArticleInput, ArticleQuery, ImportRequest, ImportResult, Inpatient, ItemQuery, Logged,
    LookupItem, LookupResults, NewInquiry, PatientLookupQuery, ReviewRequest, SearchHit, SearchQuery, Surgery,
};

#[utoipa::path(get, path = "/knowledge/articles", tag = "knowledge", params(ArticleQuery),
    responses((status = 200, body = Vec<Article>)), security(("bearer" = ["knowledge.read"])))]
pub async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<ArticleQuery>,
) -> ApiResult<Json<Vec<Article>>> {
    auth.require(Permission::KnowledgeRead)?;
    let published_only = !auth.role.has(Permission::KnowledgeWrite) && !auth.role.has(Permission::KnowledgePublish);
    Ok(Json(state.db.run(move |conn| articles::list(conn, auth.hospital_id, &q, published_only)).await?))
}

/// A new article, as draft version 1.
#[utoipa::path(post, path = "/knowledge/articles", tag = "knowledge", request_body = ArticleInput,
    responses((status = 201, body = ArticleDetail)), security(("bearer" = ["knowledge.write"])))]
pub async fn create(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(a): ApiJson<ArticleInput>,
) -> ApiResult<(StatusCode, Json<ArticleDetail>)> {
    auth.require(Permission::KnowledgeWrite)?;
    let d = state.db.write(move |conn| articles::create(conn, auth.hospital_id, &auth.actor(), &a)).await?;
    Ok((StatusCode::CREATED, Json(d)))
}

#[utoipa::path(get, path = "/knowledge/articles/{id}", tag = "knowledge", params(("id" = i64, Path)),
    responses((status = 200, body = ArticleDetail), (status = 404)), security(("bearer" = ["knowledge.read"])))]
pub async fn detail(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ArticleDetail>> {
    auth.require(Permission::KnowledgeRead)?;
    Ok(Json(state.db.run(move |conn| articles::detail(conn, auth.hospital_id, id)).await?))
}

/// Edits the draft, or starts a new draft version after a published one.
#[utoipa::path(put, path = "/knowledge/articles/{id}", tag = "knowledge", params(("id" = i64, Path)), request_body = ArticleInput,
    responses((status = 200, body = ArticleDetail), (status = 409)), security(("bearer" = ["knowledge.write"])))]
pub async fn edit(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(a): ApiJson<ArticleInput>,
) -> ApiResult<Json<ArticleDetail>> {
    auth.require(Permission::KnowledgeWrite)?;
    Ok(Json(state.db.write(move |conn| articles::edit(conn, auth.hospital_id, &auth.actor(), id, &a)).await?))
}

#[utoipa::path(post, path = "/knowledge/articles/{id}/submit", tag = "knowledge", params(("id" = i64, Path)),
    responses((status = 200, body = ArticleDetail), (status = 409)), security(("bearer" = ["knowledge.write"])))]
pub async fn submit(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ArticleDetail>> {
    auth.require(Permission::KnowledgeWrite)?;
    Ok(Json(state.db.write(move |conn| articles::submit(conn, auth.hospital_id, &auth.actor(), id)).await?))
}

/// Approves (publishes) or rejects the pending version.
#[utoipa::path(post, path = "/knowledge/articles/{id}/review", tag = "knowledge", params(("id" = i64, Path)), request_body = ReviewRequest,
    responses((status = 200, body = ArticleDetail), (status = 409)), security(("bearer" = ["knowledge.publish"])))]
pub async fn review(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(r): ApiJson<ReviewRequest>,
) -> ApiResult<Json<ArticleDetail>> {
    auth.require(Permission::KnowledgePublish)?;
    Ok(Json(state.db.write(move |conn| articles::review(conn, auth.hospital_id, &auth.actor(), id, &r)).await?))
}

/// Full-text search of published articles: Chinese substrings, words,
/// digits and pinyin initials; ranked and highlighted.
#[utoipa::path(get, path = "/knowledge/search", tag = "knowledge", params(SearchQuery),
    responses((status = 200, body = Vec<SearchHit>)), security(("bearer" = ["knowledge.read"])))]
pub async fn search(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> ApiResult<Json<Vec<SearchHit>>> {
    auth.require(Permission::KnowledgeRead)?;
    Ok(Json(state.db.run(move |conn| articles::search(conn, auth.hospital_id, &q.q, q.limit.unwrap_or(20))).await?))
}

/// The inquiry screen's instant search across articles and lookup data
/// (the staff address book only with its permission).
#[utoipa::path(get, path = "/lookup/search", tag = "knowledge", params(SearchQuery),
    responses((status = 200, body = LookupResults)), security(("bearer" = ["knowledge.read"])))]
pub async fn lookup_search(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> ApiResult<Json<LookupResults>> {
    auth.require(Permission::KnowledgeRead)?;
    let staff = auth.role.has(Permission::StaffDirectoryRead);
    Ok(Json(
        state
            .db
            .run(move |conn| {
                let articles = articles::search(conn, auth.hospital_id, &q.q, q.limit.unwrap_or(8))?;
                let items = if q.q.trim().is_empty() {
                    vec![]
                } else {
                    lookup::find_items(conn, auth.hospital_id, None, &q.q, staff, 30)?
                };
                Ok(LookupResults { articles, items })
            })
            .await?,
    ))
}

/// Lookup items by kind: drug, directory, clinic, lab, exam (staff needs
/// the address-book permission).
#[utoipa::path(get, path = "/lookup/items", tag = "knowledge", params(ItemQuery),
    responses((status = 200, body = Vec<LookupItem>)), security(("bearer" = ["knowledge.read"])))]
pub async fn items(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<ItemQuery>,
) -> ApiResult<Json<Vec<LookupItem>>> {
    auth.require(Permission::KnowledgeRead)?;
    if q.kind == Some(LookupKind::Staff) {
        auth.require(Permission::StaffDirectoryRead)?;
    }
    let staff = auth.role.has(Permission::StaffDirectoryRead);
    Ok(Json(
        state
            .db
            .run(move |conn| {
                lookup::find_items(conn, auth.hospital_id, q.kind, q.q.as_deref().unwrap_or(""), staff, 500)
            })
            .await?,
    ))
}

#[utoipa::path(post, path = "/lookup/items", tag = "knowledge", request_body = LookupItem,
    responses((status = 200, body = LookupItem)), security(("bearer" = ["knowledge.publish"])))]
pub async fn upsert_item(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(item): ApiJson<LookupItem>,
) -> ApiResult<Json<LookupItem>> {
    auth.require(Permission::KnowledgePublish)?;
    Ok(Json(state.db.write(move |conn| lookup::upsert_item(conn, auth.hospital_id, &auth.actor(), &item)).await?))
}

/// The staff address book (restricted).
#[utoipa::path(get, path = "/lookup/staff", tag = "knowledge", params(ItemQuery),
    responses((status = 200, body = Vec<LookupItem>)), security(("bearer" = ["staff_directory.read"])))]
pub async fn staff(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<ItemQuery>,
) -> ApiResult<Json<Vec<LookupItem>>> {
    auth.require(Permission::StaffDirectoryRead)?;
    Ok(Json(state.db.run(move |conn| lookup::staff_directory(conn, &auth, q.q.as_deref())).await?))
}

/// The expert clinic timetable (from the appointment schedules; empty
/// until they are wired in).
#[utoipa::path(get, path = "/lookup/expert-timetable", tag = "knowledge",
    responses((status = 200, body = Vec<Object>)), security(("bearer" = ["knowledge.read"])))]
pub async fn expert_timetable(
    State(state): State<AppState>,
    auth: AuthUser,
) -> ApiResult<Json<Vec<serde_json::Value>>> {
    auth.require(Permission::KnowledgeRead)?;
    let today = crate::surveys::routes::local_today(&state);
    Ok(Json(state.db.run(move |conn| lookup::expert_timetable(conn, auth.hospital_id, today)).await?))
}

/// In-hospital patients imported from the HIS (department-scoped, audited).
#[utoipa::path(get, path = "/lookup/inpatients", tag = "knowledge", params(PatientLookupQuery),
    responses((status = 200, body = Vec<Inpatient>)), security(("bearer" = ["patient.read"])))]
pub async fn inpatients(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<PatientLookupQuery>,
) -> ApiResult<Json<Vec<Inpatient>>> {
    auth.require(Permission::PatientRead)?;
    Ok(Json(state.db.run(move |conn| lookup::inpatients(conn, &auth, &q)).await?))
}

/// Surgery schedules imported from the HIS (department-scoped, audited).
#[utoipa::path(get, path = "/lookup/surgeries", tag = "knowledge", params(PatientLookupQuery),
    responses((status = 200, body = Vec<Surgery>)), security(("bearer" = ["patient.read"])))]
pub async fn surgeries(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<PatientLookupQuery>,
) -> ApiResult<Json<Vec<Surgery>>> {
    auth.require(Permission::PatientRead)?;
    Ok(Json(state.db.run(move |conn| lookup::surgeries(conn, &auth, &q)).await?))
}

/// Imports the HIS export: `inpatients` (科室, 住院号, 姓名, 床号, 入院日期,
/// 诊断) or `surgeries` (日期, 科室, 住院号, 姓名, 手术名称, 手术间, 时间).
/// All rows are checked first; a bad row names its row and column and
/// nothing is stored.
#[utoipa::path(post, path = "/lookup/import/{what}", tag = "knowledge", params(("what" = LookupImport, Path)), request_body = ImportRequest,
    responses((status = 200, body = ImportResult), (status = 422)), security(("bearer" = ["knowledge.publish"])))]
pub async fn import(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(what): ApiPath<String>,
    ApiJson(req): ApiJson<ImportRequest>,
) -> ApiResult<Json<ImportResult>> {
    auth.require(Permission::KnowledgePublish)?;
    // Parsed here rather than by the extractor: another name is a path that
    // does not exist (404), not a bad value (422).
    let what: LookupImport = what.parse().map_err(|_| ApiError::not_found("import kind"))?;
    Ok(Json(
        state
            .db
            .write(move |conn| match what.as_str() {
                "inpatients" => lookup::import_inpatients(conn, auth.hospital_id, &auth.actor(), &req),
                "surgeries" => lookup::import_surgeries(conn, auth.hospital_id, &auth.actor(), &req),
                _ => Err(ApiError::not_found("import kind")),
            })
            .await?,
    ))
}

/// Logs an inquiry call with its topic.
#[utoipa::path(post, path = "/inquiries", tag = "knowledge", request_body = NewInquiry,
    responses((status = 201, body = Logged)), security(("bearer" = ["knowledge.read"])))]
pub async fn log_inquiry(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(n): ApiJson<NewInquiry>,
) -> ApiResult<(StatusCode, Json<Logged>)> {
    auth.require(Permission::KnowledgeRead)?;
    let l = state.db.write(move |conn| inquiries::log(conn, auth.hospital_id, &auth.actor(), &n)).await?;
    Ok((StatusCode::CREATED, Json(l)))
}
