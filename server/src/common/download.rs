//! Files sent as downloads (exports, templates, error reports).

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// An Excel workbook to save as `filename`.
pub fn xlsx(bytes: Vec<u8>, filename: &str) -> Response {
    attachment(bytes, XLSX, filename)
}

/// A file to save as `filename`. A name that cannot be a header value
/// (say, non-ASCII from an upload) leaves the browser to name the file.
pub fn attachment(bytes: Vec<u8>, content_type: &'static str, filename: &str) -> Response {
    let mut res = bytes.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    res
}
