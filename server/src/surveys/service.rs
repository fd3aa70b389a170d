//! The surveys domain's queries and rules: questionnaire versions, stored
//! responses and their answer rules, signed SMS links, kiosks, staff
//! surveys, statistics and their Excel export.

pub mod export;
pub mod kiosk;
pub mod links;
pub mod responses;
pub mod staff;
pub mod stats;
pub mod templates;
