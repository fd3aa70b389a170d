//! The organisation domain's queries and rules: hospitals, departments and
//! staff users (accounts, passwords, phones).

pub mod departments;
pub mod hospitals;
pub mod users;
