//! Types the server, the desktop app and the tests agree on.
//!
//! Nothing here performs I/O: it is safe to use from any thread, any binary
//! and any fuzz target.

pub mod api;
pub mod backoff;
pub mod calls;
pub mod evaluations;
pub mod evaluator;
pub mod followup;
pub mod intake;
pub mod masking;
pub mod messaging;
pub mod questionnaire;
pub mod roles;
pub mod validation;

pub use roles::{Permission, Role};
