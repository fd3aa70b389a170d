//! Wakes the WebSocket sessions of a user in this instance. It carries only
//! user ids: a session reads what is new from the database, so it never
//! pushes something uncommitted, and sessions on other instances catch up
//! on their next poll.

use tokio::sync::broadcast;

pub struct Hub {
    tx: broadcast::Sender<i64>,
}

impl Default for Hub {
    fn default() -> Self {
        Hub { tx: broadcast::channel(1024).0 }
    }
}

impl Hub {
    pub fn wake(&self, user_ids: &[i64]) {
        for id in user_ids {
            let _ = self.tx.send(*id);
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<i64> {
        self.tx.subscribe()
    }
}
