//! How the server's routes fit together: each domain's router (its
//! endpoints registered with their OpenAPI entries, see `routes!`) nested
//! under `/api/v1`, the few plain routes, the UI, and the layers.

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::app::AppState;
use crate::error::ApiError;
use crate::{
    appointments, audit, auth, calls, evaluations, feedback, followup, hl7, imports, jobs, knowledge, metrics,
    notifications, openapi, organisation, patients, sms, stats, surveys, workbench,
};

/// Uploads carried in the body (base64 workbooks, recording chunks) may be
/// larger than the JSON body limit.
pub const UPLOAD_BODY_LIMIT: usize = 64 * 1024 * 1024;

/// The routes outside the OpenAPI document, as (method, path): all of them
/// are in `build`. The API test checks that the document and the router
/// agree apart from these.
pub const UNDOCUMENTED_ROUTES: &[(&str, &str)] = &[
    // WebSocket push: OpenAPI cannot describe the upgrade and its messages
    // (see notifications::ws); its token check is tested on its own.
    ("get", "/api/v1/events"),
    ("get", "/healthz"),
    ("get", "/metrics"),
    ("get", "/api/openapi.json"),
    ("get", "/api/docs"),
    ("get", "/api"),
    ("get", "/api/{*rest}"),
];

/// Every documented endpoint: the domain routers under `/api/v1`, and the
/// document they make (info and security schemes from `openapi.rs`).
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(openapi::ApiDoc::openapi()).nest("/api/v1", domains())
}

fn domains() -> OpenApiRouter<AppState> {
    domain_routers()
        .into_iter()
        .fold(OpenApiRouter::new(), |all, (_, router)| all.merge(router))
        .fallback(|| async { ApiError::not_found("endpoint") })
}

/// Each domain's router, by domain name. Schema names must be unique across
/// them: the document keeps one schema per name (checked by a test below).
pub fn domain_routers() -> Vec<(&'static str, OpenApiRouter<AppState>)> {
    vec![
        ("auth", auth::router()),
        ("organisation", organisation::router()),
        ("patients", patients::router()),
        ("audit", audit::router()),
        ("stats", stats::router()),
        ("jobs", jobs::router()),
        ("sms", sms::router()),
        ("notifications", notifications::router()),
        // HIS intake: the HL7 inbox and Excel imports.
        ("hl7", hl7::router()),
        ("imports", imports::router().merge(imports::upload_router().layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)))),
        ("followup", followup::router()),
        ("surveys", surveys::router()),
        // Appointment booking (预约挂号); the public API uses API keys.
        ("appointments", appointments::router()),
        // Calls, recordings and agent states.
        ("calls", calls::router().merge(calls::recording_router().layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)))),
        ("evaluations", evaluations::router()),
        ("feedback", feedback::router()),
        ("knowledge", knowledge::router()),
        ("workbench", workbench::router()),
    ]
}

pub fn build(state: AppState) -> Router {
    let ui_dir = state.config.ui_dir.clone();
    let index = ui_dir.join("index.html");
    let (api, document) = api().split_for_parts();
    // Serialized once: the document is fixed for the life of the process.
    let document = serde_json::to_string(&document).expect("the OpenAPI document serializes");
    let mut app = Router::new()
        .merge(api)
        .route("/api/v1/events", get(notifications::ws::events))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics_text))
        .route(
            "/api/openapi.json",
            get(move || async move { ([(header::CONTENT_TYPE, "application/json")], document) }),
        )
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    /// Two domains giving different types one schema name would leave the
    /// document (and the generated UI types) with whichever came last.
    #[test]
    fn schema_names_are_unique_across_domains() {
        let mut seen: BTreeMap<String, (&str, serde_json::Value)> = BTreeMap::new();
        let mut clashes = Vec::new();
        for (domain, router) in super::domain_routers() {
            let doc = router.into_openapi();
            for (name, schema) in doc.components.map(|c| c.schemas).unwrap_or_default() {
                let schema = serde_json::to_value(schema).unwrap();
                match seen.get(&name) {
                    Some((first, other)) if *other != schema => clashes.push(format!("{name}: {first} and {domain}")),
                    Some(_) => {}
                    None => {
                        seen.insert(name, (domain, schema));
                    }
                }
            }
        }
        assert!(clashes.is_empty(), "one schema name for different types:\n{}", clashes.join("\n"));
    }
}
