//! Every route of the server, in one place.

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::TraceLayer;

use crate::app::AppState;
use crate::error::ApiError;
use crate::{audit, auth, jobs, metrics, notifications, openapi, organisation, patients, sms, stats};

pub fn api_routes() -> Router<AppState> {
    Router::new()
        .route("/auth/login", post(auth::routes::login))
        .route("/auth/logout", post(auth::routes::logout))
        .route("/auth/me", get(auth::routes::me))
        .route("/auth/password", post(auth::routes::change_password))
        .route("/departments", get(organisation::routes::list_departments).post(organisation::routes::create_department))
        .route("/departments/{id}", patch(organisation::routes::update_department))
        .route("/users", get(organisation::routes::list_users).post(organisation::routes::create_user))
        .route("/users/{id}", patch(organisation::routes::update_user))
        .route("/users/{id}/reset-password", post(organisation::routes::reset_password))
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
        // WebSocket push; not in the OpenAPI document (see notifications::ws).
        .route("/events", get(notifications::ws::events))
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
        .layer(CatchPanicLayer::custom(|_| ApiError::internal("the server hit a bug; it has been logged").into_response()))
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
    let already = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
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
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, Json(serde_json::json!({"status": "unavailable", "database": backend, "error": e.detail}))).into_response(),
    }
}

async fn metrics_text(State(state): State<AppState>) -> Response {
    let mut res = state.metrics.render(None).into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4"));
    res
}
