//! The HL7 inbox for admins: search, read a raw message, replay it.

use axum::extract::State;
use axum::Json;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use hcrm_shared::api::Page;
use hcrm_shared::intake::{Hl7Message, Hl7MessageDetail, Hl7Status};
use hcrm_shared::Permission;

use super::parse::Charset;
use super::service::{self, IntakeSettings};
use crate::app::AppState;
use crate::audit;
use crate::auth::AuthUser;
use crate::common::page_bounds;
use crate::db::schema::hl7_messages;
use crate::db::{to_utc, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiPath, ApiQuery};

#[derive(Debug, Default, Clone, serde::Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct InboxQuery {
    /// MSH-10, exact.
    pub control_id: Option<String>,
    /// "A01" or "ADT^A01".
    pub event: Option<String>,
    pub status: Option<Hl7Status>,
    pub mrn: Option<String>,
    /// Received on or after this day (UTC).
    pub from: Option<NaiveDate>,
    /// Received on or before this day (UTC).
    pub to: Option<NaiveDate>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

type Row = (
    i64,
    Option<String>,
    String,
    String,
    String,
    Option<String>,
    Option<i64>,
    Hl7Status,
    String,
    Option<String>,
    String,
    i32,
    NaiveDateTime,
    NaiveDateTime,
);

macro_rules! columns {
    () => {
        (
            hl7_messages::id,
            hl7_messages::control_id,
            hl7_messages::event,
            hl7_messages::sending_app,
            hl7_messages::charset,
            hl7_messages::mrn,
            hl7_messages::patient_id,
            hl7_messages::status,
            hl7_messages::ack_code,
            hl7_messages::error,
            hl7_messages::remote,
            hl7_messages::attempts,
            hl7_messages::received_at,
            hl7_messages::processed_at,
        )
    };
}

fn to_dto(r: Row) -> Hl7Message {
    Hl7Message {
        id: r.0,
        control_id: r.1,
        event: r.2,
        sending_app: r.3,
        charset: r.4,
        mrn: r.5,
        patient_id: r.6,
        status: r.7,
        ack_code: r.8,
        error: r.9,
        remote: r.10,
        attempts: r.11,
        received_at: to_utc(r.12),
        processed_at: to_utc(r.13),
    }
}

pub fn search(conn: &mut DbConnection, hospital_id: i64, q: &InboxQuery) -> ApiResult<Page<Hl7Message>> {
    let (page, per_page) = page_bounds(q.page, q.per_page);
    let event = q.event.as_ref().map(|e| e.trim().to_ascii_uppercase()).filter(|e| !e.is_empty()).map(|e| {
        if e.contains('^') {
            e
        } else {
            format!("ADT^{e}")
        }
    });
    let blank = |s: &Option<String>| s.as_ref().map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let (control_id, mrn, status) = (blank(&q.control_id), blank(&q.mrn).map(|m| m.to_ascii_uppercase()), q.status);
    let from = q.from.map(|d| d.and_hms_opt(0, 0, 0).unwrap());
    let to = q.to.map(|d| d.and_hms_opt(0, 0, 0).unwrap() + chrono::Duration::days(1));
    db_run!(conn: {
        macro_rules! filtered {
            () => {{
                let mut f = hl7_messages::table.filter(hl7_messages::hospital_id.eq(hospital_id)).into_boxed();
                if let Some(c) = &control_id { f = f.filter(hl7_messages::control_id.eq(c.clone())); }
                if let Some(e) = &event { f = f.filter(hl7_messages::event.eq(e.clone())); }
                if let Some(s) = status { f = f.filter(hl7_messages::status.eq(s)); }
                if let Some(m) = &mrn { f = f.filter(hl7_messages::mrn.eq(m.clone())); }
                if let Some(t) = from { f = f.filter(hl7_messages::received_at.ge(t)); }
                if let Some(t) = to { f = f.filter(hl7_messages::received_at.lt(t)); }
                f
            }};
        }
        let total: i64 = filtered!().count().get_result(conn)?;
        let rows: Vec<Row> = filtered!().select(columns!()).order(hl7_messages::id.desc()).limit(per_page).offset((page - 1) * per_page).load(conn)?;
        Ok(Page { items: rows.into_iter().map(to_dto).collect(), total, page, per_page })
    })
}

pub fn detail(conn: &mut DbConnection, hospital_id: i64, id: i64) -> ApiResult<Hl7MessageDetail> {
    let (row, raw, ack): (Row, Vec<u8>, String) = db_run!(conn: {
        let r: Option<(Row, Vec<u8>, String)> = hl7_messages::table
            .filter(hl7_messages::hospital_id.eq(hospital_id))
            .filter(hl7_messages::id.eq(id))
            .select((columns!(), hl7_messages::raw, hl7_messages::ack))
            .first(conn)
            .optional()?;
        r.ok_or_else(|| ApiError::not_found("message"))?
    });
    let charset = Charset::parse(&row.4).unwrap_or(Charset::Utf8);
    Ok(Hl7MessageDetail { raw: charset.decode_lossy(&raw), raw_bytes: raw.len() as i64, ack, message: to_dto(row) })
}

/// Inbox messages, newest first.
#[utoipa::path(get, path = "/hl7/messages", tag = "hl7", params(InboxQuery),
    responses((status = 200, body = Page<Hl7Message>)), security(("bearer" = ["hl7.manage"])))]
pub async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<InboxQuery>,
) -> ApiResult<Json<Page<Hl7Message>>> {
    auth.require(Permission::Hl7Manage)?;
    Ok(Json(state.db.run(move |conn| search(conn, auth.hospital_id, &q)).await?))
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
                let d = detail(conn, auth.hospital_id, id)?;
                audit::record_read(conn, &auth.actor(), "hl7.read", d.message.patient_id, Some(&format!("hl7:{id}")))?;
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
                let d = detail(conn, auth.hospital_id, id)?;
                audit::record(
                    conn,
                    &actor,
                    "hl7.replay",
                    d.message.patient_id,
                    Some(&format!("hl7:{id}")),
                    Some(&d.message.ack_code),
                )?;
                Ok(d)
            })
            .await?,
    ))
}
