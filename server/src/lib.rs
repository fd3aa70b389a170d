//! HCRM central server. See `ARCHITECTURE.md` at the repository root for the
//! map; each domain module has the same shape (model/service/routes).

pub mod app;
pub mod audit;
pub mod auth;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod extract;
pub mod jobs;
pub mod metrics;
pub mod notifications;
pub mod openapi;
pub mod organisation;
pub mod patients;
pub mod router;
pub mod sms;
pub mod stats;

pub use app::AppState;
pub use config::Config;
