//! Header values a dialog is built from: the route set, URIs without their
//! tag, the number shown for a party, and the reason for a final status.
use crate::sip::message::{uri_of, SipMessage, SipUri};

/// The Record-Route entries of a message, in header order.
pub(super) fn record_routes(m: &SipMessage) -> Vec<String> {
    m.get_all("Record-Route")
        .flat_map(crate::sip::message::split_commas)
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .collect()
}

pub(super) fn strip_tag(v: &str) -> String {
    match v.find(";tag=") {
        Some(i) => {
            let rest = &v[i + 5..];
            let end = rest.find(';').map(|j| &rest[j..]).unwrap_or("");
            format!("{}{}", &v[..i], end)
        }
        None => v.to_string(),
    }
}

pub(super) fn number_of(v: &str) -> String {
    let uri = uri_of(v);
    SipUri::parse(uri).map(|u| u.user.unwrap_or(u.host)).unwrap_or_else(|| uri.to_string())
}

pub(super) fn reason_for(code: u16) -> &'static str {
    match code {
        486 | 600 => "busy",
        487 => "cancelled",
        408 | 480 => "no answer",
        603 => "declined",
        404 | 484 | 604 => "not found",
        401 | 403 | 407 => "forbidden",
        _ => "failed",
    }
}
