//! Types the server, the desktop app and the tests agree on.
//!
//! Nothing here performs I/O: it is safe to use from any thread, any binary
//! and any fuzz target.

pub mod api;
pub mod appointments;
pub mod audit;
pub mod backoff;
pub mod calls;
pub mod evaluations;
pub mod evaluator;
pub mod feedback;
pub mod followup;
pub mod intake;
pub mod knowledge;
pub mod masking;
pub mod messaging;
pub mod questionnaire;
pub mod roles;
pub mod validation;
pub mod vocab;

pub use roles::{Permission, Role};
