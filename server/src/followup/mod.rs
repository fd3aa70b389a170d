//! Follow-up (随访) tasks. Every producer of work for the call centre or a
//! ward (discharge rules, plans, spot checks, research, exam results,
//! revisit reminders, callbacks from questionnaire answers, evaluator
//! ratings and complaints) creates tasks through [`service::create_task`].
//!
//! The engine: `rules` (discharge and research rules), `generate` (the
//! idempotent generators), `plans` (department plans, outpatient flags),
//! `revisit` (revisit reminders), `tasks` (reach, list, outcomes),
//! `assign` (assignment), `settings` (working mode, retry policy), `jobs`
//! (recurring jobs), `routes`.

pub mod assign;
pub mod demo;
pub mod export;
pub mod generate;
pub mod jobs;
pub mod model;
pub mod plans;
pub mod revisit;
pub mod routes;
pub mod rules;
pub mod service;
pub mod settings;
pub mod stats;
pub mod tasks;

pub use service::{cancel_open_tasks, create_task, CancelScope, NewTask};
