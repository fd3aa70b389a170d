//! Excel imports (calamine): discharged patients and physical-exam results.
//! `sheet` reads a workbook and finds its header, `rows` checks and writes
//! each kind's rows, `service` runs batches (preview, commit, progress,
//! error file, template), `routes` is the API.

pub mod routes;
pub mod rows;
pub mod service;
pub mod sheet;
