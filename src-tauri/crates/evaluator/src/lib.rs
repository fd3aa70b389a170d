//! The counter PC's side of the window evaluator (窗口测评器): opens the
//! serial port (by name, or by probing for the device id), speaks the
//! protocol through an [`hcrm_shared::evaluator::EvaluatorAdapter`], commits
//! every key event to a local SQLite store before acknowledging it to the
//! device, and forwards stored events to the server until the server has
//! confirmed each one. No Tauri here: the desktop app and the headless
//! `hcrm-evaluator-reader` binary both use this crate.

pub mod command;
pub mod config;
pub mod forwarder;
pub mod link;
pub mod probe;
pub mod pty;
pub mod status;
pub mod store;

pub use config::{PortSettings, ReaderConfig};
pub use forwarder::{Forwarder, ServerAuth};
pub use link::{Command, Link};
pub use status::{CounterContext, ReaderStatus, Shared};
pub use store::{Store, StoredEvent};
