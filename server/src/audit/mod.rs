//! The audit log: who did what to which patient, when, from where.
//! Rows are only ever inserted (the database refuses UPDATE and DELETE).

pub mod routes;
pub mod service;

pub use service::{record, record_read, Actor};
