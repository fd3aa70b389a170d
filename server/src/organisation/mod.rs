//! Hospitals, their departments, and the staff users who sign in.

pub mod departments;
pub mod hospitals;
pub mod routes;
pub mod users;
