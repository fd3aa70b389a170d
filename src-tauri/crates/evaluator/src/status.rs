use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use hcrm_shared::evaluator::DecoderStats;
use serde::Serialize;

/// What the status page shows about the device, the line and the queue.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReaderStatus {
    pub connected: bool,
    pub port: Option<String>,
    pub protocol: Option<String>,
    pub device_id: Option<String>,
    pub vendor: Option<String>,
    pub model: Option<String>,
    pub firmware: Option<String>,
    pub layout: Option<u8>,
    pub last_frame_at: Option<DateTime<Utc>>,
    pub last_heartbeat_at: Option<DateTime<Utc>>,
    /// Counters of every connection so far.
    pub line: DecoderStats,
    pub reconnects: u64,
    pub events_stored: u64,
    /// Retransmissions of events already stored (acknowledged again).
    pub events_repeated: u64,
    pub pending_forward: u64,
    pub forwarded: u64,
    pub last_forward_error: Option<String>,
    pub last_error: Option<String>,
    /// The last SHOW_STAFF / PROMPT / CLEAR and whether the device acknowledged it.
    pub command: Option<crate::command::CommandStatus>,
    pub commands_retransmitted: u64,
    /// Commands the device never acknowledged (after every retransmission).
    pub commands_failed: u64,
    /// Heartbeats not yet forwarded (the forwarder sends the latest).
    #[serde(skip)]
    pub heartbeat_dirty: bool,
}

/// Who is at the counter: ratings are bound to them when the key is pressed.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CounterContext {
    pub clerk_id: Option<i64>,
    pub staff_no: String,
    pub name: String,
    pub greeting: String,
    pub window: String,
    /// The patient on the clerk's screen (card read or MRN typed).
    pub patient_id: Option<i64>,
}

/// State shared by the link thread, the forwarder and the commands.
#[derive(Clone, Default)]
pub struct Shared {
    pub status: Arc<Mutex<ReaderStatus>>,
    pub context: Arc<Mutex<CounterContext>>,
    /// Wakes the forwarder when an event was stored.
    pub stored: Arc<tokio::sync::Notify>,
}

pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    pub fn status(&self) -> ReaderStatus {
        lock(&self.status).clone()
    }
    pub fn context(&self) -> CounterContext {
        lock(&self.context).clone()
    }
    pub fn set_context(&self, c: CounterContext) {
        *lock(&self.context) = c;
    }
    pub fn update(&self, f: impl FnOnce(&mut ReaderStatus)) {
        f(&mut lock(&self.status));
    }
}
