use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use hcrm_shared::api::*;
use hcrm_shared::Permission;

use super::model::SearchQuery;
use super::service;
use crate::app::AppState;
use crate::audit;
use crate::auth::AuthUser;
use crate::common::Scope;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPath, ApiQuery};

/// Search patients by name, pinyin initials, phone, resident ID or MRN.
/// Phone and ID numbers come back masked.
#[utoipa::path(get, path = "/patients", tag = "patients", params(SearchQuery),
    responses((status = 200, body = Page<PatientSummary>)), security(("bearer" = ["patient.read"])))]
pub async fn search(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> ApiResult<Json<Page<PatientSummary>>> {
    auth.require(Permission::PatientRead)?;
    let page = state
        .db
        .run(move |conn| {
            let page = service::search(conn, &Scope::of(&auth), &q)?;
            // A list shows masked identities, but it still shows who is in
            // the archive: record the query and which patients it returned.
            let ids: Vec<String> = page.items.iter().map(|p| p.id.to_string()).collect();
            let detail = format!("q={} ids={}", q.q.as_deref().unwrap_or(""), ids.join(","));
            audit::record_read(conn, &auth.actor(), audit::AuditAction::PatientSearch, None, Some(&detail))?;
            Ok(page)
        })
        .await?;
    Ok(Json(page))
}

#[utoipa::path(post, path = "/patients", tag = "patients", request_body = NewPatient,
    responses((status = 201, body = PatientDetail)), security(("bearer" = ["patient.write"])))]
pub async fn create(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(new): ApiJson<NewPatient>,
) -> ApiResult<(StatusCode, Json<PatientDetail>)> {
    auth.require(Permission::PatientWrite)?;
    let p = state.db.run(move |conn| service::create(conn, auth.hospital_id, &auth.actor(), &new)).await?;
    Ok((StatusCode::CREATED, Json(p)))
}

/// The patient card: identity (masked), visits, contact log.
#[utoipa::path(get, path = "/patients/{id}", tag = "patients", params(("id" = i64, Path)),
    responses((status = 200, body = PatientCard), (status = 404)), security(("bearer" = ["patient.read"])))]
pub async fn card(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<PatientCard>> {
    auth.require(Permission::PatientRead)?;
    Ok(Json(state.db.run(move |conn| service::card(conn, &Scope::of(&auth), &auth.actor(), id)).await?))
}

#[utoipa::path(patch, path = "/patients/{id}", tag = "patients", params(("id" = i64, Path)), request_body = UpdatePatient,
    responses((status = 200, body = PatientDetail)), security(("bearer" = ["patient.write"])))]
pub async fn update(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(change): ApiJson<UpdatePatient>,
) -> ApiResult<Json<PatientDetail>> {
    auth.require(Permission::PatientWrite)?;
    Ok(Json(state.db.run(move |conn| service::update(conn, &Scope::of(&auth), &auth.actor(), id, &change)).await?))
}

/// Show the full phone numbers or resident ID; audited.
#[utoipa::path(post, path = "/patients/{id}/reveal", tag = "patients", params(("id" = i64, Path)), request_body = RevealRequest,
    responses((status = 200, body = RevealResponse)), security(("bearer" = ["patient.reveal"])))]
pub async fn reveal(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<RevealRequest>,
) -> ApiResult<Json<RevealResponse>> {
    auth.require(Permission::PatientReveal)?;
    Ok(Json(state.db.run(move |conn| service::reveal(conn, &Scope::of(&auth), &auth.actor(), id, req.field)).await?))
}

#[utoipa::path(get, path = "/patients/{id}/visits", tag = "patients", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Visit>)), security(("bearer" = ["patient.read"])))]
pub async fn list_visits(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Vec<Visit>>> {
    auth.require(Permission::PatientRead)?;
    Ok(Json(
        state
            .db
            .run(move |conn| {
                service::visible_patient(conn, &Scope::of(&auth), id)?;
                let v = service::visits_of(conn, id, None)?;
                audit::record_read(conn, &auth.actor(), audit::AuditAction::PatientVisitsRead, Some(id), None)?;
                Ok(v)
            })
            .await?,
    ))
}

#[utoipa::path(post, path = "/patients/{id}/visits", tag = "patients", params(("id" = i64, Path)), request_body = NewVisit,
    responses((status = 201, body = Visit)), security(("bearer" = ["patient.write"])))]
pub async fn add_visit(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(new): ApiJson<NewVisit>,
) -> ApiResult<(StatusCode, Json<Visit>)> {
    auth.require(Permission::PatientWrite)?;
    let v = state.db.run(move |conn| service::add_visit(conn, &Scope::of(&auth), &auth.actor(), id, &new)).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

#[utoipa::path(post, path = "/patients/{id}/contacts", tag = "patients", params(("id" = i64, Path)), request_body = NewContact,
    responses((status = 201, body = Contact)), security(("bearer" = ["patient.write"])))]
pub async fn add_contact(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(new): ApiJson<NewContact>,
) -> ApiResult<(StatusCode, Json<Contact>)> {
    auth.require(Permission::PatientWrite)?;
    let c = state.db.run(move |conn| service::add_contact(conn, &Scope::of(&auth), &auth, id, &new)).await?;
    Ok((StatusCode::CREATED, Json(c)))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ScreenPopQuery {
    /// The caller's number as the PBX presents it.
    pub number: String,
}

/// Patients matching an incoming caller's number, with recent visits and
/// open items, for the card shown before the agent answers.
#[utoipa::path(get, path = "/screen-pop", tag = "patients", params(ScreenPopQuery),
    responses((status = 200, body = ScreenPopResponse)), security(("bearer" = ["screen_pop"])))]
pub async fn screen_pop(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<ScreenPopQuery>,
) -> ApiResult<Json<ScreenPopResponse>> {
    auth.require(Permission::ScreenPop)?;
    Ok(Json(state.db.run(move |conn| service::screen_pop(conn, &Scope::of(&auth), &auth.actor(), &q.number)).await?))
}
