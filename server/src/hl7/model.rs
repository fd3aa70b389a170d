//! The HL7 domain's types: intake settings, a received message's answer,
//! the inbox query and row.

use chrono::{NaiveDate, NaiveDateTime};
use hcrm_shared::intake::Hl7Status;

use super::parse::Charset;

/// What the intake needs from the configuration.
#[derive(Debug, Clone)]
pub struct IntakeSettings {
    /// Hospital code used when MSH-6 names none we know.
    pub hospital: String,
    /// Character set of messages without MSH-18.
    pub default_charset: Charset,
    pub utc_offset_minutes: i32,
    /// The hospitals (id, code), read once a minute rather than per message.
    pub(super) hospitals: std::sync::Arc<std::sync::Mutex<Option<HospitalCodes>>>,
}

/// When the hospital codes were read, and the (id, code) pairs.
pub(super) type HospitalCodes = (std::time::Instant, Vec<(i64, String)>);

impl IntakeSettings {
    pub fn from_config(c: &crate::config::Config) -> IntakeSettings {
        IntakeSettings {
            hospital: c.hl7.hospital.clone(),
            default_charset: Charset::parse(&c.hl7.default_charset).unwrap_or(Charset::Utf8),
            utc_offset_minutes: c.utc_offset_minutes,
            hospitals: Default::default(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Received {
    /// The ACK, encoded in the message's character set (without framing).
    pub ack: Vec<u8>,
    pub code: String,
    pub inbox_id: Option<i64>,
    /// The stored answer to an earlier copy of this message.
    pub duplicate: bool,
}

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

/// One inbox row as the list and detail read it (the columns of `columns!`).
pub(super) type InboxRow = (
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
