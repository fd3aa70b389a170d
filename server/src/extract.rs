//! Request extractors whose rejections are problem documents that name the
//! offending field, instead of axum's plain-text defaults.

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// A JSON body. Errors say which field was wrong and why.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.starts_with("application/json") || v.contains("+json"))
            .unwrap_or(false);
        if !is_json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "the body must be JSON (Content-Type: application/json)",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large", "the request body is too large")
            } else {
                ApiError::bad_request("bad_body", format!("cannot read the request body: {e}"))
            }
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Parses JSON, reporting the path of the first bad field.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let syntax = inner.is_syntax() || inner.is_eof();
        if syntax {
            ApiError::bad_request("malformed_json", format!("malformed JSON: {inner}"))
        } else {
            // serde names a missing or unknown field in its message, not in
            // the path; pull it out so the client can mark the right input.
            let msg = without_position(inner.to_string());
            let field = if path == "." { quoted_field(&msg).unwrap_or_default() } else { path };
            let detail = if field.is_empty() { msg.clone() } else { format!("{field}: {msg}") };
            let mut err = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed", detail);
            if !field.is_empty() {
                err = err.with_field(field);
            }
            err
        }
    })
}

/// serde_json ends data errors with " at line 1 column 42", which says
/// nothing to a client that has the field's name.
fn without_position(msg: String) -> String {
    match msg.rfind(" at line ") {
        Some(i)
            if msg[i + 9..].split_once(" column ").is_some_and(|(l, c)| {
                l.bytes().all(|b| b.is_ascii_digit()) && c.bytes().all(|b| b.is_ascii_digit())
            }) =>
        {
            msg[..i].to_string()
        }
        _ => msg,
    }
}

fn quoted_field(msg: &str) -> Option<String> {
    let start = msg.find('`')? + 1;
    let end = start + msg[start..].find('`')?;
    Some(msg[start..end].to_string())
}

/// Path parameters; a non-numeric id is a 400 naming the parameter.
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| ApiPath(p.0))
            .map_err(|e| ApiError::bad_request("bad_path", format!("path parameter: {}", e.body_text())))
    }
}

/// Query-string parameters, with the bad parameter named.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        serde_urlencoded_deserializer(parts.uri.query().unwrap_or("")).map(ApiQuery)
    }
}

fn serde_urlencoded_deserializer<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    let de = serde_urlencoded::Deserializer::new(form_urlencoded_parse(query));
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let msg = e.into_inner().to_string();
        let field = if path == "." { quoted_field(&msg) } else { Some(path) };
        // A value outside a closed set (`?status=foo`) is well-formed but
        // not acceptable, as in a body: 422 with the allowed values.
        if let (Some(f), true) = (&field, msg.starts_with("unknown value ")) {
            return ApiError::invalid(f.clone(), msg);
        }
        let detail = match &field {
            Some(f) => format!("query parameter {f}: {msg}"),
            None => format!("query string: {msg}"),
        };
        let mut err = ApiError::new(StatusCode::BAD_REQUEST, "bad_query", detail);
        if let Some(f) = field {
            err = err.with_field(f);
        }
        err
    })
}

fn form_urlencoded_parse(query: &str) -> form_urlencoded::Parse<'_> {
    form_urlencoded::parse(query.as_bytes())
}

/// The client's address, for the audit log. Behind a reverse proxy the
/// first `X-Forwarded-For` hop is taken (the proxy is trusted to set it).
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        if let Some(fwd) = parts.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok()) {
            if let Some(first) = fwd.split(',').next().map(str::trim).filter(|s| !s.is_empty()) {
                return Ok(ClientIp(first.chars().take(64).collect()));
            }
        }
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string())
            .unwrap_or_else(|| "unknown".to_string());
        Ok(ClientIp(ip))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hcrm_shared::api::NewUser;

    #[test]
    fn json_errors_name_the_field() {
        let e = parse_json::<NewUser>(br#"{"username":"a","display_name":"b","password":"c","role":"wizard"}"#)
            .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("role"));
        assert_eq!(e.status, StatusCode::UNPROCESSABLE_ENTITY);
        let e = parse_json::<NewUser>(br#"{"username":"a","display_name":"b","role":"admin"}"#).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("password"), "{e}");
        let e = parse_json::<NewUser>(br#"{"username": 5}"#).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("username"));
        let e = parse_json::<NewUser>(br#"{"username": "#).unwrap_err();
        assert_eq!(e.code, "malformed_json");
    }

    #[test]
    fn an_unknown_enum_value_names_the_field_and_the_allowed_values() {
        use hcrm_shared::followup::{TaskKind, TaskStatusFilter};
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Body {
            kind: TaskKind,
        }
        let e = parse_json::<Body>(br#"{"kind":"party"}"#).unwrap_err();
        assert_eq!(e.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(e.field.as_deref(), Some("kind"));
        assert_eq!(
            e.detail,
            "kind: unknown value \"party\", expected one of: discharge, administrative, department, research, \
             physical_exam, outpatient, revisit, callback"
        );

        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Filter {
            status: Option<TaskStatusFilter>,
            page: Option<i64>,
        }
        let e = serde_urlencoded_deserializer::<Filter>("status=shut").unwrap_err();
        assert_eq!(e.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(e.field.as_deref(), Some("status"));
        assert!(
            e.detail.starts_with("status: unknown value \"shut\", expected one of: open, all, pending"),
            "{}",
            e.detail
        );
        let e = serde_urlencoded_deserializer::<Filter>("page=x").unwrap_err();
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        assert!(serde_urlencoded_deserializer::<Filter>("status=open").unwrap().status == Some(TaskStatusFilter::Open));
    }
}
