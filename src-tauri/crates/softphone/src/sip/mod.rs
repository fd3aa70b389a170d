//! SIP signalling: message syntax, digest auth, transports. The user-agent
//! core (transactions and dialogs) lives in `crate::engine`.
pub mod auth;
pub mod message;
pub mod transport;
pub use message::{SipMessage, StartLine};
pub use transport::{Proto, Transport};
