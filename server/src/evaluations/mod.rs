//! Window evaluations (窗口评价): counter windows with their evaluator
//! devices, ratings forwarded by the counter PCs' readers (idempotent on
//! device id + event number), low-rating SMS and callbacks, anomaly alerts,
//! statistics and the Excel export. The device protocol is in
//! `docs/evaluator-protocol.md`; the reader is `src-tauri/crates/evaluator`.

pub mod alerts;
pub mod demo;
pub mod export;
pub mod model;
pub mod routes;
pub mod service;
pub mod stats;

pub use alerts::ANOMALY_JOB;
