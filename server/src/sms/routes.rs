use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use hcrm_shared::api::Page;
use hcrm_shared::messaging::{
    NewSms, NewSmsOptOut, NewSmsTemplate, SmsMessage, SmsOptOut, SmsTemplate, UpdateSmsTemplate,
};
use hcrm_shared::Permission;

use super::model::{MessageQuery, ReceiptAnswer, ReceiptQuery};
use super::service::{self, template};
use crate::app::AppState;
use crate::audit;
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPath, ApiQuery};

#[utoipa::path(get, path = "/sms/templates", tag = "sms",
    responses((status = 200, body = Vec<SmsTemplate>)), security(("bearer" = ["sms.send"])))]
pub async fn list_templates(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<Vec<SmsTemplate>>> {
    auth.require(Permission::SmsSend)?;
    Ok(Json(state.db.run(move |conn| template::list(conn, auth.hospital_id)).await?))
}

/// Creates a template; an unknown `{{variable}}` is refused (422, field `body`).
#[utoipa::path(post, path = "/sms/templates", tag = "sms", request_body = NewSmsTemplate,
    responses((status = 201, body = SmsTemplate)), security(("bearer" = ["sms.manage"])))]
pub async fn create_template(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(new): ApiJson<NewSmsTemplate>,
) -> ApiResult<(StatusCode, Json<SmsTemplate>)> {
    auth.require(Permission::SmsManage)?;
    let t = state
        .db
        .write(move |conn| {
            let t = template::create(conn, auth.hospital_id, &new)?;
            audit::record(
                conn,
                &auth.actor(),
                audit::AuditAction::SmsTemplateCreate,
                None,
                Some(&format!("sms_template:{}", t.id)),
                Some(&t.code),
            )?;
            Ok(t)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(t.dto())))
}

#[utoipa::path(patch, path = "/sms/templates/{id}", tag = "sms", request_body = UpdateSmsTemplate, params(("id" = i64, Path)),
    responses((status = 200, body = SmsTemplate)), security(("bearer" = ["sms.manage"])))]
pub async fn update_template(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(change): ApiJson<UpdateSmsTemplate>,
) -> ApiResult<Json<SmsTemplate>> {
    auth.require(Permission::SmsManage)?;
    let t = state
        .db
        .write(move |conn| {
            let t = template::update(conn, auth.hospital_id, id, &change)?;
            audit::record(
                conn,
                &auth.actor(),
                audit::AuditAction::SmsTemplateUpdate,
                None,
                Some(&format!("sms_template:{id}")),
                None,
            )?;
            Ok(t)
        })
        .await?;
    Ok(Json(t.dto()))
}

/// The outbox, newest first, with each message's status and reason.
#[utoipa::path(get, path = "/sms/messages", tag = "sms", params(MessageQuery),
    responses((status = 200, body = Page<SmsMessage>)), security(("bearer" = ["sms.send"])))]
pub async fn list_messages(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<MessageQuery>,
) -> ApiResult<Json<Page<SmsMessage>>> {
    auth.require(Permission::SmsSend)?;
    Ok(Json(state.db.run(move |conn| service::list(conn, auth.hospital_id, &q)).await?))
}

#[utoipa::path(get, path = "/sms/messages/{id}", tag = "sms", params(("id" = i64, Path)),
    responses((status = 200, body = SmsMessage)), security(("bearer" = ["sms.send"])))]
pub async fn get_message(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<SmsMessage>> {
    auth.require(Permission::SmsSend)?;
    Ok(Json(state.db.run(move |conn| service::get(conn, auth.hospital_id, id)).await?.dto()))
}

/// Queues an SMS. It is stored before this answers and sent by a job; the
/// answer's status is `queued`, or `failed` with the reason when the
/// recipient opted out or must not be contacted.
#[utoipa::path(post, path = "/sms/messages", tag = "sms", request_body = NewSms,
    responses((status = 201, body = SmsMessage)), security(("bearer" = ["sms.send"])))]
pub async fn send(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(new): ApiJson<NewSms>,
) -> ApiResult<(StatusCode, Json<SmsMessage>)> {
    auth.require(Permission::SmsSend)?;
    let row = state
        .write_and_wake(move |conn, st| {
            let row = service::enqueue(conn, st, auth.hospital_id, Some(auth.user_id), &new)?;
            audit::record(
                conn,
                &auth.actor(),
                audit::AuditAction::SmsSend,
                row.patient_id,
                Some(&format!("sms:{}", row.id)),
                None,
            )?;
            Ok(row)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(row.dto())))
}

/// Sends a failed message again as a new message (after the provider is
/// fixed, or a wrong number corrected on the patient). The rules apply
/// afresh: an opted-out number stays failed.
#[utoipa::path(post, path = "/sms/messages/{id}/resend", tag = "sms", params(("id" = i64, Path)),
    responses((status = 201, body = SmsMessage), (status = 409, description = "only failed messages are resent")), security(("bearer" = ["sms.send"])))]
pub async fn resend(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<(StatusCode, Json<SmsMessage>)> {
    auth.require(Permission::SmsSend)?;
    let row = state
        .write_and_wake(move |conn, st| {
            let old = service::get(conn, auth.hospital_id, id)?;
            if old.status != hcrm_shared::messaging::SmsStatus::Failed {
                return Err(crate::error::ApiError::conflict(
                    "status",
                    format!("only failed messages are resent; this one is {}", old.status),
                ));
            }
            let new = NewSms {
                patient_id: old.patient_id,
                phone: Some(old.phone.clone()),
                body: Some(old.body.clone()),
                urgent: old.urgent,
                ..Default::default()
            };
            let row = service::enqueue(conn, st, auth.hospital_id, Some(auth.user_id), &new)?;
            audit::record(
                conn,
                &auth.actor(),
                audit::AuditAction::SmsResend,
                row.patient_id,
                Some(&format!("sms:{}", row.id)),
                Some(&format!("sms:{id}")),
            )?;
            Ok(row)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(row.dto())))
}

#[utoipa::path(get, path = "/sms/opt-outs", tag = "sms",
    responses((status = 200, body = Vec<SmsOptOut>)), security(("bearer" = ["sms.manage"])))]
pub async fn list_opt_outs(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<Vec<SmsOptOut>>> {
    auth.require(Permission::SmsManage)?;
    Ok(Json(state.db.run(move |conn| service::list_opt_outs(conn, auth.hospital_id)).await?))
}

/// Records that a number wants no more SMS (退订); idempotent.
#[utoipa::path(post, path = "/sms/opt-outs", tag = "sms", request_body = NewSmsOptOut,
    responses((status = 201, body = SmsOptOut)), security(("bearer" = ["sms.manage"])))]
pub async fn add_opt_out(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(new): ApiJson<NewSmsOptOut>,
) -> ApiResult<(StatusCode, Json<SmsOptOut>)> {
    auth.require(Permission::SmsManage)?;
    let o = state
        .db
        .write(move |conn| {
            let o = service::add_opt_out(conn, auth.hospital_id, auth.user_id, &new.phone, &new.reason)?;
            audit::record(
                conn,
                &auth.actor(),
                audit::AuditAction::SmsOptOut,
                None,
                Some(&format!("sms_opt_out:{}", o.id)),
                None,
            )?;
            Ok(o)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(o)))
}

/// Delivery receipts posted by the HTTP SMS gateway. Machine to machine: no
/// user session; the caller proves itself with the configured shared
/// secret (`?token=` or an `X-Receipt-Token` header).
#[utoipa::path(post, path = "/sms/receipts", tag = "sms", params(ReceiptQuery), request_body = serde_json::Value,
    responses((status = 200, body = ReceiptAnswer), (status = 401, description = "wrong or missing token"), (status = 404, description = "receipts are not configured")))]
pub async fn receipts(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    ApiQuery(q): ApiQuery<ReceiptQuery>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult<Json<ReceiptAnswer>> {
    let config = &state.config.sms.http;
    if config.receipt_token.is_empty() || state.config.sms.provider != "http" {
        return Err(crate::error::ApiError::not_found("endpoint"));
    }
    let given = headers
        .get("x-receipt-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .or(q.token)
        .unwrap_or_default();
    if !constant_time_eq(given.as_bytes(), config.receipt_token.as_bytes()) {
        return Err(crate::error::ApiError::unauthorized("wrong receipt token"));
    }
    let parsed = super::provider::http::parse_receipts(config, &body);
    let (mut applied, mut pending) = (0, 0);
    for r in parsed {
        let rc = r.clone();
        if state.db.run(move |conn| service::apply_receipt(conn, &rc)).await? {
            applied += 1;
        } else {
            // It may have overtaken the commit of its own send.
            let _ = state.sms.event_sender().send(super::provider::ProviderEvent::Receipt(r));
            pending += 1;
        }
    }
    Ok(Json(ReceiptAnswer { applied, pending }))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
