//! The questionnaire engine (问卷): templates with sections, question types,
//! scored options and forward-only branching; the path a respondent takes;
//! response validation; scoring and satisfaction; versions; JSON exchange.
//! Pure: no I/O, used by the server and mirrored in the UI for live
//! branching.

pub mod api;
pub mod json;
pub mod logic;
pub mod model;
pub mod version;

#[cfg(test)]
mod tests;

pub use logic::*;
pub use model::*;

/// Response channels.
pub const CHANNELS: &[&str] = &["phone", "kiosk", "sms_link", "staff", "web"];
