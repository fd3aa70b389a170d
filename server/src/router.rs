//! Every route of the server, in one place.

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, patch, post, put};
use axum::{Json, Router};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::TraceLayer;

use crate::app::AppState;
use crate::error::ApiError;
use crate::{
    appointments, audit, auth, calls, evaluations, followup, hl7, imports, jobs, metrics, notifications, openapi,
    organisation, patients, sms, stats, surveys,
};

pub fn api_routes() -> Router<AppState> {
    Router::new()
        .route("/auth/login", post(auth::routes::login))
        .route("/auth/logout", post(auth::routes::logout))
        .route("/auth/me", get(auth::routes::me))
        .route("/auth/password", post(auth::routes::change_password))
        .route(
            "/departments",
            get(organisation::routes::list_departments).post(organisation::routes::create_department),
        )
        .route("/departments/{id}", patch(organisation::routes::update_department))
        .route("/users", get(organisation::routes::list_users).post(organisation::routes::create_user))
        .route("/users/{id}", patch(organisation::routes::update_user))
        .route("/users/{id}/reset-password", post(organisation::routes::reset_password))
        .route("/users/{id}/phone", put(organisation::routes::set_user_phone))
        .route("/patients", get(patients::routes::search).post(patients::routes::create))
        .route("/patients/{id}", get(patients::routes::card).patch(patients::routes::update))
        .route("/patients/{id}/reveal", post(patients::routes::reveal))
        .route("/patients/{id}/visits", get(patients::routes::list_visits).post(patients::routes::add_visit))
        .route("/patients/{id}/contacts", post(patients::routes::add_contact))
        .route("/screen-pop", get(patients::routes::screen_pop))
        .route("/audit", get(audit::routes::search))
        .route("/stats/discharges", get(stats::routes::discharges))
        .route("/jobs", get(jobs::routes::list))
        .route("/jobs/{id}", get(jobs::routes::detail))
        .route("/jobs/{id}/run-now", post(jobs::routes::run_now))
        .route("/jobs/{id}/retry", post(jobs::routes::retry))
        .route("/sms/templates", get(sms::routes::list_templates).post(sms::routes::create_template))
        .route("/sms/templates/{id}", patch(sms::routes::update_template))
        .route("/sms/messages", get(sms::routes::list_messages).post(sms::routes::send))
        .route("/sms/messages/{id}", get(sms::routes::get_message))
        .route("/sms/messages/{id}/resend", post(sms::routes::resend))
        .route("/sms/opt-outs", get(sms::routes::list_opt_outs).post(sms::routes::add_opt_out))
        .route("/sms/receipts", post(sms::routes::receipts))
        .route("/notifications", get(notifications::routes::list).post(notifications::routes::send))
        .route("/notifications/unread-count", get(notifications::routes::unread_count))
        .route("/notifications/read-all", post(notifications::routes::mark_all_read))
        .route("/notifications/{id}/read", post(notifications::routes::mark_read))
        // HIS intake: the HL7 inbox and Excel imports (uploads are base64
        // JSON, so their route takes larger bodies).
        .route("/hl7/messages", get(hl7::routes::list))
        .route("/hl7/messages/{id}", get(hl7::routes::get_message))
        .route("/hl7/messages/{id}/replay", post(hl7::routes::replay))
        .route(
            "/imports",
            get(imports::routes::list).post(imports::routes::upload).layer(DefaultBodyLimit::max(64 * 1024 * 1024)),
        )
        .route("/imports/template", get(imports::routes::template))
        .route("/imports/{id}", get(imports::routes::get))
        .route("/imports/{id}/commit", post(imports::routes::commit))
        .route("/imports/{id}/error-file", get(imports::routes::error_file))
        // follow-up engine
        .route("/followup/settings", get(followup::routes::get_settings).put(followup::routes::put_settings))
        .route("/followup/tasks", get(followup::routes::list_tasks))
        .route("/followup/tasks/{id}", get(followup::routes::get_task))
        .route("/followup/tasks/{id}/outcome", post(followup::routes::record_outcome))
        .route("/followup/tasks/{id}/assign", post(followup::routes::reassign))
        .route("/followup/assign", post(followup::routes::assign_tasks))
        .route("/followup/assignees", get(followup::routes::assignees))
        .route("/followup/generate", post(followup::routes::generate_now))
        .route("/followup/rules", get(followup::routes::list_rules).post(followup::routes::create_rule))
        .route("/followup/rules/{id}", put(followup::routes::update_rule))
        .route("/followup/plans", get(followup::routes::list_plans).post(followup::routes::create_plan))
        .route("/followup/plans/{id}/patients", post(followup::routes::add_plan_patients))
        .route("/followup/visits/{id}/flag", post(followup::routes::flag_visit))
        .route("/followup/revisits", post(followup::routes::create_revisit))
        .route("/followup/stats", get(followup::routes::stats))
        .route("/followup/stats/export", get(followup::routes::stats_export))
        .route("/followup/export", get(followup::routes::records_export))
        // Questionnaires and surveys (issue 6).
        .route("/surveys/questionnaires", get(surveys::routes::list).post(surveys::routes::create))
        .route("/surveys/questionnaires/import", post(surveys::routes::import))
        .route("/surveys/questionnaires/{id}", get(surveys::routes::detail))
        .route("/surveys/questionnaires/{id}/draft", put(surveys::routes::edit))
        .route("/surveys/questionnaires/{id}/publish", post(surveys::routes::publish))
        .route("/surveys/questionnaires/{id}/export", get(surveys::routes::export_json))
        .route("/surveys/versions/{id}", get(surveys::routes::version))
        .route("/surveys/responses", post(surveys::routes::respond))
        .route("/surveys/responses/{id}", get(surveys::routes::get_response))
        .route("/surveys/links", post(surveys::routes::create_link))
        .route("/surveys/kiosks", get(surveys::routes::list_kiosks).post(surveys::routes::create_kiosk))
        .route("/surveys/staff", get(surveys::routes::list_staff).post(surveys::routes::create_staff))
        .route("/surveys/staff-mine", get(surveys::routes::staff_mine))
        .route("/surveys/staff/{id}", get(surveys::routes::staff_detail))
        .route("/surveys/staff/{id}/remind", post(surveys::routes::remind))
        .route("/surveys/staff/{id}/answer", post(surveys::routes::staff_answer))
        .route("/surveys/stats", get(surveys::routes::stats))
        .route("/surveys/stats/export", get(surveys::routes::stats_export))
        .route("/public/surveys/{token}", get(surveys::public::link_form).post(surveys::public::link_answer))
        .route("/kiosk/questionnaire", get(surveys::public::kiosk_form))
        .route("/kiosk/responses", post(surveys::public::kiosk_answer))
        // Appointment booking (预约挂号); the public API uses API keys.
        .route("/appointments", get(appointments::routes::list).post(appointments::routes::hold))
        .route(
            "/appointments/templates",
            get(appointments::routes::list_templates).post(appointments::routes::create_template),
        )
        .route("/appointments/templates/{id}", patch(appointments::routes::update_template))
        .route(
            "/appointments/holidays",
            get(appointments::routes::list_holidays).post(appointments::routes::add_holiday),
        )
        .route("/appointments/generate", post(appointments::routes::generate))
        .route("/appointments/sessions", get(appointments::routes::list_sessions))
        .route("/appointments/sessions/{id}", get(appointments::routes::session_detail))
        .route("/appointments/sessions/{id}/waitlist", get(appointments::routes::list_waitlist))
        .route("/appointments/sessions/{id}/suspend", post(appointments::routes::suspend))
        .route("/appointments/sessions/{id}/notices", get(appointments::routes::notices))
        .route("/appointments/notices/{id}/resolve", post(appointments::routes::resolve_notice))
        .route("/appointments/expert-timetable", get(appointments::routes::expert_timetable))
        .route("/appointments/waitlist", post(appointments::routes::join_waitlist))
        .route("/appointments/waitlist/{id}/accept", post(appointments::routes::accept_offer))
        .route("/appointments/patients/{id}/record", get(appointments::routes::patient_record))
        .route("/appointments/blocks", get(appointments::routes::list_blocks))
        .route("/appointments/blocks/{id}/lift", post(appointments::routes::lift_block))
        .route("/appointments/api-keys", get(appointments::routes::list_keys).post(appointments::routes::create_key))
        .route("/appointments/api-keys/{id}", patch(appointments::routes::update_key))
        .route("/appointments/reports", get(appointments::routes::report))
        .route("/appointments/reports/export", get(appointments::routes::export_report))
        .route("/appointments/{id}/confirm", post(appointments::routes::confirm))
        .route("/appointments/{id}/cancel", post(appointments::routes::cancel))
        .route("/appointments/{id}/reschedule", post(appointments::routes::reschedule))
        .route("/appointments/{id}/check-in", post(appointments::routes::check_in))
        .route("/public/sessions", get(appointments::public_api::sessions))
        .route("/public/sessions/{id}", get(appointments::public_api::session))
        .route("/public/holds", post(appointments::public_api::hold))
        .route("/public/appointments/{id}", get(appointments::public_api::get))
        .route("/public/appointments/{id}/confirm", post(appointments::public_api::confirm))
        .route("/public/appointments/{id}/cancel", post(appointments::public_api::cancel))
        // Calls, recordings and agent states (calls::routes). The recording
        // route takes chunks larger than the JSON body limit.
        .route("/calls/dial-target", post(calls::routes::dial_target))
        .route("/calls/{uuid}", get(calls::routes::get_call).put(calls::routes::upsert))
        .route(
            "/calls/{uuid}/recording",
            get(calls::routes::recording_status)
                .post(calls::routes::recording_start)
                .put(calls::routes::recording_chunk)
                .layer(DefaultBodyLimit::max(64 * 1024 * 1024)),
        )
        .route("/calls/{uuid}/recording/play", post(calls::routes::recording_play))
        .route("/recordings/stream/{ticket}", get(calls::routes::recording_stream))
        .route("/patients/{id}/calls", get(calls::routes::patient_calls))
        .route("/patients/{id}/phones", post(calls::routes::link_number))
        .route("/agent-state", get(calls::routes::my_state).put(calls::routes::set_state))
        .route("/agent-states", get(calls::routes::board))
        .route("/agent-states/history", get(calls::routes::history))
        .route("/evaluations/windows", get(evaluations::routes::list_windows).post(evaluations::routes::create_window))
        .route("/evaluations/windows/{id}", patch(evaluations::routes::update_window))
        .route("/evaluations/ratings", get(evaluations::routes::list_ratings).post(evaluations::routes::submit_rating))
        .route("/evaluations/stats", get(evaluations::routes::get_stats))
        .route("/evaluations/export", get(evaluations::routes::export_xlsx))
        .route("/evaluations/heartbeats", post(evaluations::routes::heartbeat))
        .route("/evaluations/counter", get(evaluations::routes::counter))
        // WebSocket push; not in the OpenAPI document (see notifications::ws).
        .route("/events", get(notifications::ws::events))
        .merge(crate::feedback::router())
        .merge(crate::knowledge::router())
        .fallback(|| async { ApiError::not_found("endpoint") })
}

pub fn build(state: AppState) -> Router {
    let ui_dir = state.config.ui_dir.clone();
    let index = ui_dir.join("index.html");
    let mut app = Router::new()
        .nest("/api/v1", api_routes())
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics_text))
        .route("/api/openapi.json", get(|| async { Json(openapi::document()) }))
        .route("/api/docs", get(|| async { Html(openapi::DOCS_PAGE) }))
        .route("/api", get(|| async { ApiError::not_found("endpoint") }))
        .route("/api/{*rest}", get(|| async { ApiError::not_found("endpoint") }));
    if index.exists() {
        // The web UI is a single-page app: unknown paths get index.html.
        app = app.fallback_service(ServeDir::new(&ui_dir).fallback(ServeFile::new(index)));
    }
    app.layer(middleware::from_fn(problem_for_plain_errors))
        .layer(cors(&state.config.cors_origins))
        .layer(middleware::from_fn_with_state(state.clone(), metrics::track))
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(CatchPanicLayer::custom(|_| {
            ApiError::internal("the server hit a bug; it has been logged").into_response()
        }))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Cross-origin access for the desktop app's webview only; bearer tokens,
/// not cookies, so credentials mode stays off.
fn cors(origins: &[String]) -> tower_http::cors::CorsLayer {
    use axum::http::Method;
    let origins: Vec<HeaderValue> = origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
    tower_http::cors::CorsLayer::new()
        .allow_origin(origins)
        .allow_methods([Method::GET, Method::POST, Method::PATCH, Method::PUT, Method::DELETE])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
        .max_age(std::time::Duration::from_secs(3600))
}

/// Turns errors that axum itself produces (405, 413 from the body limit...)
/// on API paths into problem documents, so clients parse one error format.
async fn problem_for_plain_errors(req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api");
    let res = next.run(req).await;
    let status = res.status();
    let already =
        res.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if !is_api || already || !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let (code, detail) = match status {
        StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", "this method is not allowed here"),
        StatusCode::PAYLOAD_TOO_LARGE => ("body_too_large", "the request body is too large"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("unsupported_media_type", "the body must be JSON"),
        _ => ("error", "the request failed"),
    };
    let mut out = ApiError::new(status, code, detail).into_response();
    if let Some(allow) = res.headers().get(header::ALLOW) {
        out.headers_mut().insert(header::ALLOW, allow.clone());
    }
    out
}

async fn healthz(State(state): State<AppState>) -> Response {
    let backend = format!("{:?}", state.db.backend).to_lowercase();
    let ok = state
        .db
        .run(|conn| {
            use diesel::connection::SimpleConnection;
            crate::db_run!(conn: { conn.batch_execute("SELECT 1").map_err(ApiError::from) })
        })
        .await;
    match ok {
        Ok(()) => Json(serde_json::json!({"status": "ok", "database": backend})).into_response(),
        Err(e) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({"status": "unavailable", "database": backend, "error": e.detail})),
        )
            .into_response(),
    }
}

async fn metrics_text(State(state): State<AppState>) -> Response {
    let mut res = state.metrics.render(None).into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4"));
    res
}
