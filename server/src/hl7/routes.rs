//! The HL7 inbox for admins: search, read a raw message, replay it.

use axum::extract::State;
use axum::Json;
use hcrm_shared::api::Page;
use hcrm_shared::intake::{Hl7Message, Hl7MessageDetail};
use hcrm_shared::Permission;

use super::model::{InboxQuery, IntakeSettings};
use super::service;
use crate::app::AppState;
use crate::audit;
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::extract::{ApiPath, ApiQuery};

/// Inbox messages, newest first.
#[utoipa::path(get, path = "/hl7/messages", tag = "hl7", params(InboxQuery),
    responses((status = 200, body = Page<Hl7Message>)), security(("bearer" = ["hl7.manage"])))]
pub async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<InboxQuery>,
) -> ApiResult<Json<Page<Hl7Message>>> {
    auth.require(Permission::Hl7Manage)?;
    Ok(Json(state.db.run(move |conn| service::search(conn, auth.hospital_id, &q)).await?))
}

/// One message with its raw text and ACK (patient data: the read is audited).
#[utoipa::path(get, path = "/hl7/messages/{id}", tag = "hl7", params(("id" = i64, Path)),
    responses((status = 200, body = Hl7MessageDetail)), security(("bearer" = ["hl7.manage"])))]
pub async fn get_message(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Hl7MessageDetail>> {
    auth.require(Permission::Hl7Manage)?;
    Ok(Json(
        state
            .db
            .run(move |conn| {
                let d = service::detail(conn, auth.hospital_id, id)?;
                audit::record_read(
                    conn,
                    &auth.actor(),
                    audit::AuditAction::Hl7Read,
                    d.message.patient_id,
                    Some(&format!("hl7:{id}")),
                )?;
                Ok(d)
            })
            .await?,
    ))
}

/// Processes a stored message again (after the cause of its error was
/// fixed); the row gets the new status and ACK.
#[utoipa::path(post, path = "/hl7/messages/{id}/replay", tag = "hl7", params(("id" = i64, Path)),
    responses((status = 200, body = Hl7MessageDetail)), security(("bearer" = ["hl7.manage"])))]
pub async fn replay(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Hl7MessageDetail>> {
    auth.require(Permission::Hl7Manage)?;
    let settings = IntakeSettings::from_config(&state.config);
    Ok(Json(
        state
            .db
            .run(move |conn| {
                let actor = auth.actor();
                service::replay(conn, &settings, auth.hospital_id, id, &actor)?;
                let d = service::detail(conn, auth.hospital_id, id)?;
                audit::record(
                    conn,
                    &actor,
                    audit::AuditAction::Hl7Replay,
                    d.message.patient_id,
                    Some(&format!("hl7:{id}")),
                    Some(&d.message.ack_code),
                )?;
                Ok(d)
            })
            .await?,
    ))
}
