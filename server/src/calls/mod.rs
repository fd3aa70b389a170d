//! The softphone's server side: call records (idempotent by the desktop's
//! call UUID), agent states, recordings uploaded with resume and checked by
//! SHA-256, streamed with range requests behind audited play tickets, and
//! dial targets that hand a patient's number to the desktop only.

pub mod agents;
pub mod demo;
pub mod model;
pub mod recordings;
pub mod routes;
pub mod s3;
pub mod service;
pub mod store;

pub use store::RecordingStore;
