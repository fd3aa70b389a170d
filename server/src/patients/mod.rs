//! The patient archive (客服档案): patients, their phone numbers, visits,
//! the contact log, search and the screen-pop lookup.

pub mod model;
pub mod routes;
pub mod service;

pub use service::Scope;
