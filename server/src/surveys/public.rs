//! Endpoints without a session: the public form behind an SMS link and the
//! kiosk (device token in `X-Kiosk-Token`).

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use hcrm_shared::questionnaire::api::{PublicAnswers, PublicQuestionnaire};

use super::routes::{local_today, store_answers};
use super::service::{kiosk, links, templates};
use crate::app::AppState;
use crate::audit::Actor;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath, ClientIp};
use crate::surveys::model::Submission;

/// The kiosk's device token.
pub struct KioskToken(pub String);

impl FromRequestParts<AppState> for KioskToken {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, ApiError> {
        parts
            .headers
            .get("x-kiosk-token")
            .and_then(|v| v.to_str().ok())
            .filter(|t| !t.trim().is_empty())
            .map(|t| KioskToken(t.trim().to_string()))
            .ok_or_else(|| ApiError::unauthorized("a kiosk device token (X-Kiosk-Token) is required"))
    }
}

/// The questionnaire behind a survey link. 404 for a bad token, 410 for an
/// expired or used link.
#[utoipa::path(get, path = "/public/surveys/{token}", tag = "surveys", params(("token" = String, Path)),
    responses((status = 200, body = PublicQuestionnaire), (status = 404), (status = 410)))]
pub async fn link_form(
    State(state): State<AppState>,
    ApiPath(token): ApiPath<String>,
) -> ApiResult<Json<PublicQuestionnaire>> {
    let q = state
        .db
        .run(move |conn| {
            let link = links::open(conn, &token)?;
            let v = templates::version(conn, link.hospital_id, link.version_id)?;
            Ok(PublicQuestionnaire {
                version_id: v.id,
                title: v.content.title.clone(),
                content: v.content,
                idle_seconds: None,
            })
        })
        .await?;
    Ok(Json(q))
}

/// Answer through a survey link; the link then refuses further use.
#[utoipa::path(post, path = "/public/surveys/{token}", tag = "surveys", params(("token" = String, Path)), request_body = PublicAnswers,
    responses((status = 204), (status = 410)))]
pub async fn link_answer(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiPath(token): ApiPath<String>,
    ApiJson(body): ApiJson<PublicAnswers>,
) -> ApiResult<StatusCode> {
    store_answers(&state, move |c| {
        let link = links::open(c, &token)?;
        if !links::mark_used(c, link.id)? {
            return Err(ApiError::new(
                StatusCode::GONE,
                "link_used",
                "this survey has already been answered; thank you",
            ));
        }
        let actor = Actor {
            user_id: None,
            username: format!("survey-link:{}", link.id),
            role: "patient".into(),
            hospital_id: Some(link.hospital_id),
            ip: ip.clone(),
        };
        let sub = Submission {
            hospital_id: link.hospital_id,
            version_id: link.version_id,
            channel: hcrm_shared::questionnaire::ResponseChannel::SmsLink,
            patient_id: Some(link.patient_id),
            department_id: link.department_id,
            followup_task_id: link.followup_task_id,
            link_id: Some(link.id),
            answers: body.answers,
            ..Default::default()
        };
        Ok((sub, Some(actor)))
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// What the kiosk shows: its questionnaire's current version.
#[utoipa::path(get, path = "/kiosk/questionnaire", tag = "surveys",
    responses((status = 200, body = PublicQuestionnaire), (status = 401)), security(("kiosk" = [])))]
pub async fn kiosk_form(
    State(state): State<AppState>,
    KioskToken(token): KioskToken,
) -> ApiResult<Json<PublicQuestionnaire>> {
    let idle = state.config.surveys.kiosk_idle_seconds;
    let today = local_today(&state);
    let q = state
        .db
        .run(move |conn| {
            let d = kiosk::authenticate(conn, &token)?;
            kiosk::seen(conn, d.id, today)?;
            let v = templates::current(conn, d.hospital_id, d.questionnaire_id)?;
            Ok(PublicQuestionnaire {
                version_id: v.id,
                title: v.content.title.clone(),
                content: v.content,
                idle_seconds: Some(idle),
            })
        })
        .await?;
    Ok(Json(q))
}

/// A kiosk answer sheet (no patient, the kiosk's department).
#[utoipa::path(post, path = "/kiosk/responses", tag = "surveys", request_body = PublicAnswers,
    responses((status = 204), (status = 401)), security(("kiosk" = [])))]
pub async fn kiosk_answer(
    State(state): State<AppState>,
    KioskToken(token): KioskToken,
    ApiJson(body): ApiJson<PublicAnswers>,
) -> ApiResult<StatusCode> {
    store_answers(&state, move |c| {
        let d = kiosk::authenticate(c, &token)?;
        let v = templates::current(c, d.hospital_id, d.questionnaire_id)?;
        let sub = Submission {
            hospital_id: d.hospital_id,
            version_id: v.id,
            channel: hcrm_shared::questionnaire::ResponseChannel::Kiosk,
            department_id: d.department_id,
            kiosk_id: Some(d.id),
            answers: body.answers,
            ..Default::default()
        };
        Ok((sub, None))
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
