//! The API test suite. It runs against SQLite by default and against
//! PostgreSQL when `HCRM_TEST_DATABASE_URL` is set (the test script runs it
//! both ways).

mod util;
#[path = "../peers/mod.rs"]
mod peers;

mod appointments;
mod appointments_flows;
mod audit;
mod auth;
mod bad_input;
mod followup;
mod followup_matrix;
mod calls;
mod recordings_s3;
mod feedback;
mod feedback_intake;
mod followup_tasks;
mod hl7;
mod imports;
mod isolation;
mod knowledge;
mod jobs;
mod matrix;
mod notifications;
mod patients;
mod platform;
mod evaluations;
mod sms;
mod sms_smpp;
mod surveys;
