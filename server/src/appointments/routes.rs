//! Staff endpoints of appointment booking (the public API is in
//! `public_api.rs`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::NaiveDate;
use hcrm_shared::appointments::BookingChannel;
use hcrm_shared::{Permission, Role};

use super::api_keys;
use super::blacklist::{self, Block, LiftRequest, PatientRecord};
use super::booking::{self, Booker, HoldSpec};
use super::model::*;
use super::reports::{self, Report, ReportQuery};
use super::slots;
use super::suspension::{self, Notice, ResolveRequest, SuspendRequest, SuspendResult};
use super::waitlist::{self, JoinRequest, WaitEntry};
use super::{schedules, service};
use crate::app::AppState;
use crate::auth::AuthUser;
use crate::common::Scope;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::patients::service::visible_patient;

/// The channel a staff member books through: agents by phone, the window
/// on site, ward staff in clinic (诊间预约); an administrator may name any.
fn staff_channel(auth: &AuthUser, asked: Option<BookingChannel>) -> ApiResult<BookingChannel> {
    use BookingChannel::{Clinic, Onsite, Phone};
    let default = match auth.role {
        Role::Clerk => Onsite,
        Role::Doctor | Role::Nurse => Clinic,
        _ => Phone,
    };
    let ch = asked.unwrap_or(default);
    let allowed: &[BookingChannel] = match auth.role {
        Role::Admin => &[Phone, Onsite, Clinic],
        Role::Clerk => &[Onsite, Phone],
        Role::Doctor | Role::Nurse => &[Clinic],
        _ => &[Phone],
    };
    if !allowed.contains(&ch) {
        let names: Vec<&str> = allowed.iter().map(|c| c.as_str()).collect();
        return Err(ApiError::invalid("channel", format!("a {} books through {}", auth.role, names.join(" or "))));
    }
    Ok(ch)
}

#[utoipa::path(get, path = "/appointments/templates", tag = "appointments",
    responses((status = 200, body = Vec<Template>)), security(("bearer" = ["appointment.manage"])))]
pub async fn list_templates(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<Vec<Template>>> {
    auth.require(Permission::AppointmentManage)?;
    Ok(Json(state.db.run(move |conn| schedules::list_templates(conn, auth.hospital_id)).await?))
}

#[utoipa::path(post, path = "/appointments/templates", tag = "appointments", request_body = TemplateInput,
    responses((status = 201, body = Template)), security(("bearer" = ["appointment.manage"])))]
pub async fn create_template(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(t): ApiJson<TemplateInput>,
) -> ApiResult<(StatusCode, Json<Template>)> {
    auth.require(Permission::AppointmentManage)?;
    Ok((
        StatusCode::CREATED,
        Json(state.db.run(move |conn| schedules::create_template(conn, auth.hospital_id, &t)).await?),
    ))
}

#[utoipa::path(patch, path = "/appointments/templates/{id}", tag = "appointments", params(("id" = i64, Path)), request_body = TemplateInput,
    responses((status = 200, body = Template)), security(("bearer" = ["appointment.manage"])))]
pub async fn update_template(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(t): ApiJson<TemplateInput>,
) -> ApiResult<Json<Template>> {
    auth.require(Permission::AppointmentManage)?;
    Ok(Json(state.db.run(move |conn| schedules::update_template(conn, auth.hospital_id, id, &t)).await?))
}

#[utoipa::path(get, path = "/appointments/holidays", tag = "appointments",
    responses((status = 200, body = Vec<Holiday>)), security(("bearer" = ["appointment.manage"])))]
pub async fn list_holidays(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<Vec<Holiday>>> {
    auth.require(Permission::AppointmentManage)?;
    Ok(Json(state.db.run(move |conn| schedules::list_holidays(conn, auth.hospital_id)).await?))
}

#[utoipa::path(post, path = "/appointments/holidays", tag = "appointments", request_body = HolidayInput,
    responses((status = 201, body = Holiday)), security(("bearer" = ["appointment.manage"])))]
pub async fn add_holiday(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(h): ApiJson<HolidayInput>,
) -> ApiResult<(StatusCode, Json<Holiday>)> {
    auth.require(Permission::AppointmentManage)?;
    Ok((StatusCode::CREATED, Json(state.db.run(move |conn| schedules::add_holiday(conn, auth.hospital_id, &h)).await?)))
}

/// Generate sessions and slots from the templates for a range of dates
/// (holidays skipped; idempotent).
#[utoipa::path(post, path = "/appointments/generate", tag = "appointments", request_body = GenerateRequest,
    responses((status = 200, body = GenerateResult)), security(("bearer" = ["appointment.manage"])))]
pub async fn generate(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(r): ApiJson<GenerateRequest>,
) -> ApiResult<Json<GenerateResult>> {
    auth.require(Permission::AppointmentManage)?;
    let out = state
        .write_and_wake(move |conn, st| {
            // The sweep and reminder jobs of the hospital start with its first schedule.
            super::jobs::ensure_recurring(conn, &st.config, auth.hospital_id)?;
            schedules::generate(conn, &st.config, auth.hospital_id, r.from, r.to)
        })
        .await?;
    Ok(Json(out))
}

/// Sessions by date, doctor or department, with free numbers.
#[utoipa::path(get, path = "/appointments/sessions", tag = "appointments", params(SessionQuery),
    responses((status = 200, body = Vec<Session>)), security(("bearer" = ["appointment.book"])))]
pub async fn list_sessions(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<SessionQuery>,
) -> ApiResult<Json<Vec<Session>>> {
    auth.require(Permission::AppointmentBook)?;
    Ok(Json(state.db.run(move |conn| slots::list_sessions(conn, &Scope::of(&auth), &q)).await?))
}

#[utoipa::path(get, path = "/appointments/sessions/{id}", tag = "appointments", params(("id" = i64, Path)),
    responses((status = 200, body = SessionDetail), (status = 404)), security(("bearer" = ["appointment.book"])))]
pub async fn session_detail(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<SessionDetail>> {
    auth.require(Permission::AppointmentBook)?;
    Ok(Json(state.db.run(move |conn| slots::detail(conn, &Scope::of(&auth), id)).await?))
}

#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TimetableQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// The expert clinic timetable (专家门诊时间表).
#[utoipa::path(get, path = "/appointments/expert-timetable", tag = "appointments", params(TimetableQuery),
    responses((status = 200, body = Vec<TimetableEntry>)), security(("bearer" = ["appointment.book"])))]
pub async fn expert_timetable(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<TimetableQuery>,
) -> ApiResult<Json<Vec<TimetableEntry>>> {
    auth.require(Permission::AppointmentBook)?;
    // The hospital's day, not UTC's: before 08:00 in China the UTC date is yesterday.
    let from = q.from.unwrap_or_else(|| crate::surveys::routes::local_today(&state));
    let to = q.to.unwrap_or(from + chrono::Duration::days(13));
    Ok(Json(state.db.run(move |conn| service::expert_timetable(conn, auth.hospital_id, from, to)).await?))
}

#[utoipa::path(get, path = "/appointments", tag = "appointments", params(AppointmentQuery),
    responses((status = 200, body = Vec<Appointment>)), security(("bearer" = ["appointment.book"])))]
pub async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<AppointmentQuery>,
) -> ApiResult<Json<Vec<Appointment>>> {
    auth.require(Permission::AppointmentBook)?;
    Ok(Json(
        state
            .db
            .run(move |conn| {
                if let Some(p) = q.patient_id {
                    visible_patient(conn, &Scope::of(&auth), p)?;
                }
                let out = booking::list(conn, &Booker::of(&auth), &q)?;
                crate::audit::record_read(
                    conn,
                    &auth.actor(),
                    crate::audit::AuditAction::AppointmentList,
                    q.patient_id,
                    None,
                )?;
                Ok(out)
            })
            .await?,
    ))
}

/// Hold a number for a patient (or book at once with `confirm`).
#[utoipa::path(post, path = "/appointments", tag = "appointments", request_body = HoldRequest,
    responses((status = 201, body = Appointment), (status = 409)), security(("bearer" = ["appointment.book"])))]
pub async fn hold(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(req): ApiJson<HoldRequest>,
) -> ApiResult<(StatusCode, Json<Appointment>)> {
    auth.require(Permission::AppointmentBook)?;
    let channel = staff_channel(&auth, req.channel)?;
    let st = state.clone();
    let a = state
        .db
        .write(move |conn| {
            visible_patient(conn, &Scope::of(&auth), req.patient_id)?;
            let spec = HoldSpec {
                session_id: req.session_id,
                slot_id: req.slot_id,
                patient_id: req.patient_id,
                channel,
                confirm: req.confirm,
                ..Default::default()
            };
            booking::shown(conn, |conn| booking::hold(conn, &st, &Booker::of(&auth), &spec))
        })
        .await?;
    Ok((StatusCode::CREATED, Json(a)))
}

/// Runs a change of an appointment in a write transaction, wakes the job
/// runner for the texts it queued, and answers with the appointment as it
/// now stands.
async fn change_appointment(
    state: &AppState,
    change: impl FnOnce(&mut DbConnection, &AppState) -> ApiResult<AppointmentRow> + Send + 'static,
) -> ApiResult<Json<Appointment>> {
    let a = state.write_and_wake(move |conn, st| booking::shown(conn, |conn| change(conn, st))).await?;
    Ok(Json(a))
}

#[utoipa::path(post, path = "/appointments/{id}/confirm", tag = "appointments", params(("id" = i64, Path)),
    responses((status = 200, body = Appointment), (status = 409)), security(("bearer" = ["appointment.book"])))]
pub async fn confirm(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Appointment>> {
    auth.require(Permission::AppointmentBook)?;
    change_appointment(&state, move |conn, _| booking::confirm(conn, &Booker::of(&auth), id)).await
}

#[utoipa::path(post, path = "/appointments/{id}/check-in", tag = "appointments", params(("id" = i64, Path)),
    responses((status = 200, body = Appointment), (status = 409)), security(("bearer" = ["appointment.book"])))]
pub async fn check_in(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Appointment>> {
    auth.require(Permission::AppointmentBook)?;
    change_appointment(&state, move |conn, _| booking::check_in(conn, &Booker::of(&auth), id)).await
}

#[utoipa::path(post, path = "/appointments/{id}/cancel", tag = "appointments", params(("id" = i64, Path)), request_body = CancelRequest,
    responses((status = 200, body = Appointment), (status = 409)), security(("bearer" = ["appointment.book"])))]
pub async fn cancel(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<CancelRequest>,
) -> ApiResult<Json<Appointment>> {
    auth.require(Permission::AppointmentBook)?;
    change_appointment(&state, move |conn, st| booking::cancel(conn, st, &Booker::of(&auth), id, &req.reason)).await
}

/// Move to another session or number, atomically.
#[utoipa::path(post, path = "/appointments/{id}/reschedule", tag = "appointments", params(("id" = i64, Path)), request_body = RescheduleRequest,
    responses((status = 200, body = Appointment), (status = 409)), security(("bearer" = ["appointment.book"])))]
pub async fn reschedule(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<RescheduleRequest>,
) -> ApiResult<Json<Appointment>> {
    auth.require(Permission::AppointmentBook)?;
    change_appointment(&state, move |conn, st| booking::reschedule(conn, st, &Booker::of(&auth), id, &req)).await
}

#[utoipa::path(post, path = "/appointments/waitlist", tag = "appointments", request_body = JoinRequest,
    responses((status = 201, body = WaitEntry), (status = 409)), security(("bearer" = ["appointment.book"])))]
pub async fn join_waitlist(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(req): ApiJson<JoinRequest>,
) -> ApiResult<(StatusCode, Json<WaitEntry>)> {
    auth.require(Permission::AppointmentBook)?;
    let channel = staff_channel(&auth, req.channel)?;
    let e = state
        .db
        .write(move |conn| {
            visible_patient(conn, &Scope::of(&auth), req.patient_id)?;
            waitlist::join(conn, &Booker::of(&auth), req.session_id, req.patient_id, channel)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(e)))
}

#[utoipa::path(get, path = "/appointments/sessions/{id}/waitlist", tag = "appointments", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<WaitEntry>)), security(("bearer" = ["appointment.book"])))]
pub async fn list_waitlist(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Vec<WaitEntry>>> {
    auth.require(Permission::AppointmentBook)?;
    Ok(Json(state.db.run(move |conn| waitlist::list(conn, &Booker::of(&auth), id)).await?))
}

/// The patient accepts the number offered to them.
#[utoipa::path(post, path = "/appointments/waitlist/{id}/accept", tag = "appointments", params(("id" = i64, Path)),
    responses((status = 200, body = Appointment), (status = 409)), security(("bearer" = ["appointment.book"])))]
pub async fn accept_offer(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Appointment>> {
    auth.require(Permission::AppointmentBook)?;
    Ok(Json(
        state.db.write(move |conn| booking::shown(conn, |conn| waitlist::accept(conn, &Booker::of(&auth), id))).await?,
    ))
}

/// Suspend a session (停诊): every booked patient gets an SMS with a
/// rebooking offer; each appointment gets a notice to resolve.
#[utoipa::path(post, path = "/appointments/sessions/{id}/suspend", tag = "appointments", params(("id" = i64, Path)), request_body = SuspendRequest,
    responses((status = 200, body = SuspendResult), (status = 409)), security(("bearer" = ["appointment.manage"])))]
pub async fn suspend(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<SuspendRequest>,
) -> ApiResult<Json<SuspendResult>> {
    auth.require(Permission::AppointmentManage)?;
    let r = state
        .write_and_wake(move |conn, st| suspension::suspend(conn, st, &Booker::of(&auth), id, &req.reason))
        .await?;
    Ok(Json(r))
}

/// The suspension notices of a session with each SMS's status.
#[utoipa::path(get, path = "/appointments/sessions/{id}/notices", tag = "appointments", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Notice>)), security(("bearer" = ["appointment.book"])))]
pub async fn notices(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Vec<Notice>>> {
    auth.require(Permission::AppointmentBook)?;
    Ok(Json(state.db.run(move |conn| suspension::notices(conn, &Booker::of(&auth), id)).await?))
}

#[utoipa::path(post, path = "/appointments/notices/{id}/resolve", tag = "appointments", params(("id" = i64, Path)), request_body = ResolveRequest,
    responses((status = 200, body = Notice), (status = 409)), security(("bearer" = ["appointment.book"])))]
pub async fn resolve_notice(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ResolveRequest>,
) -> ApiResult<Json<Notice>> {
    auth.require(Permission::AppointmentBook)?;
    let st = state.clone();
    Ok(Json(state.db.write(move |conn| suspension::resolve(conn, &st, &Booker::of(&auth), id, &req)).await?))
}

/// A patient's cancellations, no-shows and blocks.
#[utoipa::path(get, path = "/appointments/patients/{id}/record", tag = "appointments", params(("id" = i64, Path)),
    responses((status = 200, body = PatientRecord)), security(("bearer" = ["appointment.book"])))]
pub async fn patient_record(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<PatientRecord>> {
    auth.require(Permission::AppointmentBook)?;
    let st = state.clone();
    Ok(Json(
        state
            .db
            .run(move |conn| {
                visible_patient(conn, &Scope::of(&auth), id)?;
                let r = blacklist::record_of(conn, &st, id)?;
                crate::audit::record_read(
                    conn,
                    &auth.actor(),
                    crate::audit::AuditAction::AppointmentRecordRead,
                    Some(id),
                    None,
                )?;
                Ok(r)
            })
            .await?,
    ))
}

#[utoipa::path(get, path = "/appointments/blocks", tag = "appointments",
    responses((status = 200, body = Vec<Block>)), security(("bearer" = ["appointment.manage"])))]
pub async fn list_blocks(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<Vec<Block>>> {
    auth.require(Permission::AppointmentManage)?;
    Ok(Json(state.db.run(move |conn| blacklist::list_active(conn, auth.hospital_id)).await?))
}

/// Lift a block early; the reason is kept.
#[utoipa::path(post, path = "/appointments/blocks/{id}/lift", tag = "appointments", params(("id" = i64, Path)), request_body = LiftRequest,
    responses((status = 200, body = Block)), security(("bearer" = ["appointment.manage"])))]
pub async fn lift_block(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<LiftRequest>,
) -> ApiResult<Json<Block>> {
    auth.require(Permission::AppointmentManage)?;
    Ok(Json(state.db.write(move |conn| blacklist::lift(conn, &auth.actor(), auth.hospital_id, id, &req.reason)).await?))
}

#[utoipa::path(get, path = "/appointments/api-keys", tag = "appointments",
    responses((status = 200, body = Vec<ApiKeyInfo>)), security(("bearer" = ["appointment.manage"])))]
pub async fn list_keys(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<Vec<ApiKeyInfo>>> {
    auth.require(Permission::AppointmentManage)?;
    Ok(Json(state.db.run(move |conn| api_keys::list_keys(conn, auth.hospital_id)).await?))
}

/// Create a key for the public booking API; the key is shown only here.
#[utoipa::path(post, path = "/appointments/api-keys", tag = "appointments", request_body = NewApiKey,
    responses((status = 201, body = ApiKeyInfo)), security(("bearer" = ["appointment.manage"])))]
pub async fn create_key(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(k): ApiJson<NewApiKey>,
) -> ApiResult<(StatusCode, Json<ApiKeyInfo>)> {
    auth.require(Permission::AppointmentManage)?;
    let k = state
        .db
        .write(move |conn| {
            let info = api_keys::create_key(conn, auth.hospital_id, auth.user_id, &k)?;
            crate::audit::record(
                conn,
                &auth.actor(),
                crate::audit::AuditAction::AppointmentApiKeyCreate,
                None,
                Some(&format!("appt_api_key:{}", info.id)),
                Some(&info.name),
            )?;
            Ok(info)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(k)))
}

#[utoipa::path(patch, path = "/appointments/api-keys/{id}", tag = "appointments", params(("id" = i64, Path)), request_body = UpdateApiKey,
    responses((status = 200, body = ApiKeyInfo)), security(("bearer" = ["appointment.manage"])))]
pub async fn update_key(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(u): ApiJson<UpdateApiKey>,
) -> ApiResult<Json<ApiKeyInfo>> {
    auth.require(Permission::AppointmentManage)?;
    Ok(Json(
        state
            .db
            .write(move |conn| {
                let info = api_keys::update_key(conn, auth.hospital_id, id, &u)?;
                crate::audit::record(
                    conn,
                    &auth.actor(),
                    crate::audit::AuditAction::AppointmentApiKeyUpdate,
                    None,
                    Some(&format!("appt_api_key:{id}")),
                    None,
                )?;
                Ok(info)
            })
            .await?,
    ))
}

/// Bookings per channel, no-show rate and slot use over a date range.
#[utoipa::path(get, path = "/appointments/reports", tag = "appointments", params(ReportQuery),
    responses((status = 200, body = Report)), security(("bearer" = ["stats.read"])))]
pub async fn report(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<ReportQuery>,
) -> ApiResult<Json<Report>> {
    auth.require(Permission::StatsRead)?;
    Ok(Json(state.db.run(move |conn| reports::report(conn, auth.hospital_id, auth.department_scope(), &q)).await?))
}

/// The same report as an Excel workbook.
#[utoipa::path(get, path = "/appointments/reports/export", tag = "appointments", params(ReportQuery),
    responses((status = 200, description = "xlsx workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")), security(("bearer" = ["stats.read"])))]
pub async fn export_report(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<ReportQuery>,
) -> ApiResult<axum::response::Response> {
    auth.require(Permission::StatsRead)?;
    let bytes = state
        .db
        .run(move |conn| reports::to_xlsx(&reports::report(conn, auth.hospital_id, auth.department_scope(), &q)?))
        .await?;
    Ok(crate::common::download::xlsx(bytes, "appointments.xlsx"))
}
