//! Types the server, the desktop app and the tests agree on.
//!
//! Nothing here performs I/O: it is safe to use from any thread, any binary
//! and any fuzz target.

pub mod api;
pub mod masking;
pub mod messaging;
pub mod roles;
pub mod validation;

pub use roles::{Permission, Role};
