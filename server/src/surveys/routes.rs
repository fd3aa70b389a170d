//! Signed-in endpoints under `/api/v1/surveys`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use chrono::NaiveDate;
use hcrm_shared::questionnaire::api::*;
use hcrm_shared::questionnaire::json::Exported;
use hcrm_shared::questionnaire::ResponseChannel;
use hcrm_shared::Permission;

use super::service::{export, kiosk, links, responses, staff, stats, templates};
use crate::app::AppState;
use crate::audit::Actor;
use crate::auth::AuthUser;
use crate::common::Scope;
use crate::db::{now, DbConnection};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::patients::service::visible_patient;
use crate::surveys::model::{PatientResponse, StatsQuery, Stored, Submission};

/// The hospital's local date today.
pub fn local_today(state: &AppState) -> NaiveDate {
    (now() + chrono::Duration::minutes(state.config.utc_offset_minutes as i64)).date()
}

/// Stores an answer sheet in a write transaction and wakes the users its
/// answer rules notified. `submission` looks up what the channel knows and
/// who answers (it may refuse); the hospital's date and the configuration
/// are added here.
pub async fn store_answers(
    state: &AppState,
    submission: impl FnOnce(&mut DbConnection) -> ApiResult<(Submission, Option<Actor>)> + Send + 'static,
) -> ApiResult<Stored> {
    let (today, config) = (local_today(state), state.config.clone());
    let stored = state
        .db
        .write(move |conn| {
            let (sub, actor) = submission(conn)?;
            responses::store(conn, actor.as_ref(), Submission { today: Some(today), config: Some(config), ..sub })
        })
        .await?;
    state.hub.wake(&stored.notified);
    Ok(stored)
}

/// Questionnaires of the hospital (every signed-in user: staff answer them).
#[utoipa::path(get, path = "/surveys/questionnaires", tag = "surveys",
    responses((status = 200, body = Vec<QuestionnaireSummary>)), security(("bearer" = [])))]
pub async fn list(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<Vec<QuestionnaireSummary>>> {
    Ok(Json(state.db.run(move |conn| templates::list(conn, auth.hospital_id)).await?))
}

/// Create a questionnaire; with `publish` it is live at once (一步创建问卷).
#[utoipa::path(post, path = "/surveys/questionnaires", tag = "surveys", request_body = NewQuestionnaire,
    responses((status = 201, body = QuestionnaireDetail)), security(("bearer" = ["survey.manage"])))]
pub async fn create(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(new): ApiJson<NewQuestionnaire>,
) -> ApiResult<(StatusCode, Json<QuestionnaireDetail>)> {
    auth.require(Permission::SurveyManage)?;
    let d = state.db.write(move |c| templates::create(c, auth.hospital_id, &auth.actor(), &new)).await?;
    Ok((StatusCode::CREATED, Json(d)))
}

#[utoipa::path(get, path = "/surveys/questionnaires/{id}", tag = "surveys", params(("id" = i64, Path)),
    responses((status = 200, body = QuestionnaireDetail)), security(("bearer" = [])))]
pub async fn detail(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<QuestionnaireDetail>> {
    Ok(Json(state.db.run(move |conn| templates::detail(conn, auth.hospital_id, id)).await?))
}

/// Save an edit: replaces the draft, or makes a new draft version when the
/// latest is published (published versions never change).
#[utoipa::path(put, path = "/surveys/questionnaires/{id}/draft", tag = "surveys", params(("id" = i64, Path)), request_body = EditQuestionnaire,
    responses((status = 200, body = QuestionnaireDetail)), security(("bearer" = ["survey.manage"])))]
pub async fn edit(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(change): ApiJson<EditQuestionnaire>,
) -> ApiResult<Json<QuestionnaireDetail>> {
    auth.require(Permission::SurveyManage)?;
    Ok(Json(state.db.write(move |c| templates::edit(c, auth.hospital_id, &auth.actor(), id, &change)).await?))
}

#[utoipa::path(post, path = "/surveys/questionnaires/{id}/publish", tag = "surveys", params(("id" = i64, Path)),
    responses((status = 200, body = QuestionnaireDetail)), security(("bearer" = ["survey.manage"])))]
pub async fn publish(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<QuestionnaireDetail>> {
    auth.require(Permission::SurveyManage)?;
    Ok(Json(state.db.write(move |c| templates::publish(c, auth.hospital_id, &auth.actor(), id)).await?))
}

/// The latest version as a JSON exchange document.
#[utoipa::path(get, path = "/surveys/questionnaires/{id}/export", tag = "surveys", params(("id" = i64, Path)),
    responses((status = 200, body = Exported)), security(("bearer" = ["survey.manage"])))]
pub async fn export_json(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Exported>> {
    auth.require(Permission::SurveyManage)?;
    Ok(Json(state.db.run(move |conn| templates::export(conn, auth.hospital_id, id)).await?))
}

/// Import a JSON exchange document: a new questionnaire, or a new draft of
/// the one with the same code.
#[utoipa::path(post, path = "/surveys/questionnaires/import", tag = "surveys", request_body = Exported,
    responses((status = 201, body = QuestionnaireDetail)), security(("bearer" = ["survey.manage"])))]
pub async fn import(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(doc): ApiJson<Exported>,
) -> ApiResult<(StatusCode, Json<QuestionnaireDetail>)> {
    auth.require(Permission::SurveyManage)?;
    let d = state.db.write(move |c| templates::import(c, auth.hospital_id, &auth.actor(), &doc)).await?;
    Ok((StatusCode::CREATED, Json(d)))
}

#[utoipa::path(get, path = "/surveys/versions/{id}", tag = "surveys", params(("id" = i64, Path)),
    responses((status = 200, body = VersionDetail)), security(("bearer" = [])))]
pub async fn version(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<VersionDetail>> {
    Ok(Json(state.db.run(move |conn| templates::version(conn, auth.hospital_id, id).map(|v| v.detail())).await?))
}

/// Record answers (phone script, or staff entering a paper form): checked
/// against the path, scored; answer rules open callback tasks.
#[utoipa::path(post, path = "/surveys/responses", tag = "surveys", request_body = NewResponse,
    responses((status = 201, body = ResponseDetail)), security(("bearer" = ["survey.respond"])))]
pub async fn respond(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(new): ApiJson<NewResponse>,
) -> ApiResult<(StatusCode, Json<ResponseDetail>)> {
    auth.require(Permission::SurveyRespond)?;
    if !matches!(new.channel, ResponseChannel::Phone | ResponseChannel::Web) {
        return Err(ApiError::invalid(
            "channel",
            "record phone or web answers here; kiosks, links and staff surveys have their own endpoints",
        ));
    }
    let stored = store_answers(&state, move |c| {
        let scope = Scope::of(&auth);
        if let Some(p) = new.patient_id {
            visible_patient(c, &scope, p)?;
        }
        let version_id = match (new.version_id, new.questionnaire_id) {
            (Some(v), _) => v,
            (None, Some(q)) => templates::current(c, auth.hospital_id, q)?.id,
            (None, None) => return Err(ApiError::invalid("version_id", "give version_id or questionnaire_id")),
        };
        let sub = Submission {
            hospital_id: auth.hospital_id,
            version_id,
            channel: new.channel,
            patient_id: new.patient_id,
            department_id: new.department_id,
            followup_task_id: new.followup_task_id,
            user_id: Some(auth.user_id),
            answers: new.answers,
            ..Default::default()
        };
        Ok((sub, Some(auth.actor())))
    })
    .await?;
    Ok((StatusCode::CREATED, Json(stored.response)))
}

#[utoipa::path(get, path = "/surveys/responses/{id}", tag = "surveys", params(("id" = i64, Path)),
    responses((status = 200, body = ResponseDetail)), security(("bearer" = ["survey.respond"])))]
pub async fn get_response(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ResponseDetail>> {
    auth.require(Permission::SurveyRespond)?;
    let r = state
        .db
        .run(move |conn| {
            let scope = auth.department_scope();
            let r = responses::get(conn, auth.hospital_id, scope.as_deref(), id)?;
            if let Some(p) = r.patient_id {
                crate::audit::record_read(
                    conn,
                    &auth.actor(),
                    crate::audit::AuditAction::SurveyResponseRead,
                    Some(p),
                    Some(&format!("survey_response:{id}")),
                )?;
            }
            Ok(r)
        })
        .await?;
    Ok(Json(r))
}

/// A patient's answer sheets with their scores (the patient card's panel).
#[utoipa::path(get, path = "/patients/{id}/survey-responses", tag = "surveys", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<PatientResponse>), (status = 404)), security(("bearer" = ["survey.respond"])))]
pub async fn patient_responses(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Vec<PatientResponse>>> {
    auth.require(Permission::SurveyRespond)?;
    let out = state
        .db
        .run(move |conn| {
            crate::patients::service::visible_patient(conn, &crate::common::Scope::of(&auth), id)?;
            let out = responses::of_patient(conn, auth.hospital_id, id)?;
            crate::audit::record_read(
                conn,
                &auth.actor(),
                crate::audit::AuditAction::SurveyResponseList,
                Some(id),
                None,
            )?;
            Ok(out)
        })
        .await?;
    Ok(Json(out))
}

/// A link to the public form for a patient, sent by SMS unless `send_sms` is false.
#[utoipa::path(post, path = "/surveys/links", tag = "surveys", request_body = NewSurveyLink,
    responses((status = 201, body = SurveyLink)), security(("bearer" = ["survey.respond"])))]
pub async fn create_link(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(new): ApiJson<NewSurveyLink>,
) -> ApiResult<(StatusCode, Json<SurveyLink>)> {
    auth.require(Permission::SurveyRespond)?;
    let st = state.clone();
    let link = state.db.write(move |c| links::create(c, &st, &Scope::of(&auth), &auth.actor(), &new)).await?;
    state.jobs.wake();
    Ok((StatusCode::CREATED, Json(link)))
}

#[utoipa::path(get, path = "/surveys/kiosks", tag = "surveys",
    responses((status = 200, body = Vec<Kiosk>)), security(("bearer" = ["survey.manage"])))]
pub async fn list_kiosks(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<Vec<Kiosk>>> {
    auth.require(Permission::SurveyManage)?;
    Ok(Json(state.db.run(move |conn| kiosk::list(conn, auth.hospital_id)).await?))
}

/// Register a kiosk device; the answer holds its token, once.
#[utoipa::path(post, path = "/surveys/kiosks", tag = "surveys", request_body = NewKiosk,
    responses((status = 201, body = Kiosk)), security(("bearer" = ["survey.manage"])))]
pub async fn create_kiosk(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(new): ApiJson<NewKiosk>,
) -> ApiResult<(StatusCode, Json<Kiosk>)> {
    auth.require(Permission::SurveyManage)?;
    let k = state.db.write(move |c| kiosk::create(c, auth.hospital_id, &auth.actor(), &new)).await?;
    Ok((StatusCode::CREATED, Json(k)))
}

#[utoipa::path(get, path = "/surveys/staff", tag = "surveys",
    responses((status = 200, body = Vec<StaffSurvey>)), security(("bearer" = ["survey.manage"])))]
pub async fn list_staff(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<Vec<StaffSurvey>>> {
    auth.require(Permission::SurveyManage)?;
    Ok(Json(state.db.run(move |conn| staff::list(conn, auth.hospital_id)).await?))
}

/// Assign a questionnaire to a staff group.
#[utoipa::path(post, path = "/surveys/staff", tag = "surveys", request_body = NewStaffSurvey,
    responses((status = 201, body = StaffSurveyDetail)), security(("bearer" = ["survey.manage"])))]
pub async fn create_staff(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(new): ApiJson<NewStaffSurvey>,
) -> ApiResult<(StatusCode, Json<StaffSurveyDetail>)> {
    auth.require(Permission::SurveyManage)?;
    let d = state.db.write(move |c| staff::create(c, auth.hospital_id, &auth.actor(), &new)).await?;
    Ok((StatusCode::CREATED, Json(d)))
}

/// Who has and has not answered.
#[utoipa::path(get, path = "/surveys/staff/{id}", tag = "surveys", params(("id" = i64, Path)),
    responses((status = 200, body = StaffSurveyDetail)), security(("bearer" = ["survey.manage"])))]
pub async fn staff_detail(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<StaffSurveyDetail>> {
    auth.require(Permission::SurveyManage)?;
    Ok(Json(state.db.run(move |conn| staff::detail(conn, auth.hospital_id, id)).await?))
}

/// Notify everyone who has not answered yet.
#[utoipa::path(post, path = "/surveys/staff/{id}/remind", tag = "surveys", params(("id" = i64, Path)),
    responses((status = 200, body = Reminded)), security(("bearer" = ["survey.manage"])))]
pub async fn remind(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Reminded>> {
    auth.require(Permission::SurveyManage)?;
    let today = local_today(&state);
    let woken = state.db.write(move |c| staff::remind(c, auth.hospital_id, &auth.actor(), id, today)).await?;
    state.hub.wake(&woken);
    Ok(Json(Reminded { reminded: woken.len() }))
}

/// The staff surveys assigned to the caller.
#[utoipa::path(get, path = "/surveys/staff-mine", tag = "surveys",
    responses((status = 200, body = Vec<StaffSurvey>)), security(("bearer" = [])))]
pub async fn staff_mine(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<Vec<StaffSurvey>>> {
    Ok(Json(state.db.run(move |conn| staff::mine(conn, &auth)).await?))
}

/// Answer a staff survey assigned to the caller, once. Anonymous surveys
/// store no user, no department and no time of day with the answers.
#[utoipa::path(post, path = "/surveys/staff/{id}/answer", tag = "surveys", params(("id" = i64, Path)), request_body = PublicAnswers,
    responses((status = 204)), security(("bearer" = [])))]
pub async fn staff_answer(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<PublicAnswers>,
) -> ApiResult<StatusCode> {
    let today = local_today(&state);
    let stored = state.db.write(move |c| staff::answer(c, &auth, id, body.answers.clone(), today)).await?;
    state.hub.wake(&stored.notified);
    Ok(StatusCode::NO_CONTENT)
}

/// Satisfaction overall, per month and per department; distributions;
/// free-text answers. Managers see their own department.
#[utoipa::path(get, path = "/surveys/stats", tag = "surveys", params(StatsQuery),
    responses((status = 200, body = SurveyStats)), security(("bearer" = ["stats.read"])))]
pub async fn stats(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<StatsQuery>,
) -> ApiResult<Json<SurveyStats>> {
    auth.require(Permission::StatsRead)?;
    Ok(Json(
        state
            .db
            .run(move |conn| {
                stats::load(conn, auth.hospital_id, auth.department_scope().as_deref(), &q).map(|d| stats::compute(&d))
            })
            .await?,
    ))
}

/// The same statistics as an Excel workbook with charts, plus every answer sheet.
#[utoipa::path(get, path = "/surveys/stats/export", tag = "surveys", params(StatsQuery),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")), security(("bearer" = ["stats.read"])))]
pub async fn stats_export(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<StatsQuery>,
) -> ApiResult<Response> {
    auth.require(Permission::StatsRead)?;
    let bytes = state
        .db
        .run(move |conn| {
            let d = stats::load(conn, auth.hospital_id, auth.department_scope().as_deref(), &q)?;
            let s = stats::compute(&d);
            export::workbook(&d, &s).map_err(|e| ApiError::internal(format!("building the workbook: {e}")))
        })
        .await?;
    Ok(crate::common::download::xlsx(bytes, "survey-stats.xlsx"))
}
