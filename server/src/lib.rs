//! HCRM central server. See `ARCHITECTURE.md` at the repository root for the
//! map; each domain module has the same shape (model/service/routes).

pub mod app;
pub mod appointments;
pub mod audit;
pub mod auth;
pub mod calls;
pub mod common;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod evaluations;
pub mod extract;
pub mod followup;
pub mod hl7;
pub mod imports;
pub mod jobs;
pub mod metrics;
pub mod notifications;
pub mod openapi;
pub mod organisation;
pub mod patients;
pub mod router;
pub mod sms;
pub mod stats;
pub mod surveys;
pub mod workbench;
// Feedback tickets; knowledge base, lookup data and inquiries.
pub mod feedback;
pub mod knowledge;

pub use app::AppState;
pub use config::Config;
