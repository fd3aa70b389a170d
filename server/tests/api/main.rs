//! The API test suite. It runs against SQLite by default and against
//! PostgreSQL when `HCRM_TEST_DATABASE_URL` is set (the test script runs it
//! both ways).

#[path = "../peers/mod.rs"]
mod peers;
mod util;

mod agent_day;
mod appointments;
mod appointments_flows;
mod audit;
mod auth;
mod bad_input;
mod calls;
mod cross_hospital;
mod errors;
mod evaluations;
mod feedback;
mod feedback_intake;
mod followup;
mod followup_assign;
mod followup_matrix;
mod followup_tasks;
mod hl7;
mod hl7_inbox;
mod imports;
mod isolation;
mod jobs;
mod knowledge;
mod matrix;
mod notifications;
mod patients;
mod platform;
mod recordings_lock;
mod recordings_s3;
mod routes;
mod sms;
mod sms_smpp;
mod surveys;
mod surveys_public;
mod vocab;
