//! The API test suite. It runs against SQLite by default and against
//! PostgreSQL when `HCRM_TEST_DATABASE_URL` is set (the test script runs it
//! both ways).

mod util;
#[path = "../peers/mod.rs"]
mod peers;

mod audit;
mod auth;
mod bad_input;
mod isolation;
mod jobs;
mod matrix;
mod notifications;
mod patients;
mod platform;
mod sms;
mod sms_smpp;
