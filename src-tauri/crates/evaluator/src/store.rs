//! The local store: every key event the device reported, committed with
//! `synchronous=FULL` before the device gets its ACK, and marked forwarded
//! only after the server confirmed it. (device_id, event_seq) is unique, so
//! a retransmitted event is stored once.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

pub struct Store {
    conn: Connection,
}

/// A key event as the device reported it, with who was at the counter.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    pub device_id: String,
    pub event_seq: u32,
    pub key: u8,
    pub layout: u8,
    pub prompted: bool,
    pub pressed_at: DateTime<Utc>,
    pub clerk_id: Option<i64>,
    pub patient_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StoredEvent {
    pub id: i64,
    pub device_id: String,
    pub event_seq: u32,
    pub key: u8,
    pub layout: u8,
    pub prompted: bool,
    pub pressed_at: DateTime<Utc>,
    pub clerk_id: Option<i64>,
    pub patient_id: Option<i64>,
    pub attempts: i64,
    pub forwarded_at: Option<DateTime<Utc>>,
    pub server_id: Option<i64>,
    /// The server refused it for good (unknown device...): kept, not retried.
    pub rejected: Option<String>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    device_id TEXT NOT NULL,
    event_seq INTEGER NOT NULL,
    key_no INTEGER NOT NULL,
    layout INTEGER NOT NULL,
    prompted INTEGER NOT NULL,
    pressed_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    clerk_id INTEGER,
    patient_id INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    rejected TEXT,
    forwarded_at TEXT,
    server_id INTEGER,
    UNIQUE (device_id, event_seq)
);
CREATE INDEX IF NOT EXISTS events_pending ON events (forwarded_at, rejected, id);
";

fn ts(s: String) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&s).map(|t| t.with_timezone(&Utc)).unwrap_or_default()
}

impl Store {
    pub fn open(path: &Path) -> rusqlite::Result<Store> {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let conn = Connection::open(path)?;
        // WAL + FULL: a committed event survives power loss; the link and
        // the forwarder each hold a connection.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch(SCHEMA)?;
        Ok(Store { conn })
    }

    /// Commits the event; false when (device, event_seq) was already stored.
    /// Only after this returns Ok may the device get its ACK.
    pub fn insert(&self, e: &NewEvent) -> rusqlite::Result<bool> {
        let n = self.conn.execute(
            "INSERT INTO events (device_id, event_seq, key_no, layout, prompted, pressed_at, received_at, clerk_id, patient_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (device_id, event_seq) DO NOTHING",
            params![e.device_id, e.event_seq, e.key, e.layout, e.prompted, e.pressed_at.to_rfc3339(), Utc::now().to_rfc3339(), e.clerk_id, e.patient_id],
        )?;
        Ok(n == 1)
    }

    fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredEvent> {
        Ok(StoredEvent {
            id: r.get(0)?,
            device_id: r.get(1)?,
            event_seq: r.get(2)?,
            key: r.get(3)?,
            layout: r.get(4)?,
            prompted: r.get(5)?,
            pressed_at: ts(r.get(6)?),
            clerk_id: r.get(7)?,
            patient_id: r.get(8)?,
            attempts: r.get(9)?,
            forwarded_at: r.get::<_, Option<String>>(10)?.map(ts),
            server_id: r.get(11)?,
            rejected: r.get(12)?,
        })
    }

    const COLUMNS: &'static str = "id, device_id, event_seq, key_no, layout, prompted, pressed_at, clerk_id, patient_id, attempts, forwarded_at, server_id, rejected";

    /// Events still to forward, oldest first.
    pub fn pending(&self, limit: usize) -> rusqlite::Result<Vec<StoredEvent>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {} FROM events WHERE forwarded_at IS NULL AND rejected IS NULL ORDER BY id LIMIT ?1",
            Self::COLUMNS
        ))?;
        let rows = st.query_map([limit as i64], Self::row)?;
        rows.collect()
    }

    pub fn pending_count(&self) -> rusqlite::Result<u64> {
        self.conn
            .query_row("SELECT COUNT(*) FROM events WHERE forwarded_at IS NULL AND rejected IS NULL", [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n as u64)
    }

    pub fn mark_forwarded(&self, id: i64, server_id: i64) -> rusqlite::Result<()> {
        self.conn.execute("UPDATE events SET forwarded_at = ?2, server_id = ?3, attempts = attempts + 1, last_error = NULL WHERE id = ?1", params![id, Utc::now().to_rfc3339(), server_id])?;
        Ok(())
    }

    pub fn mark_failed(&self, id: i64, error: &str, permanent: bool) -> rusqlite::Result<()> {
        self.conn.execute(
            "UPDATE events SET attempts = attempts + 1, last_error = ?2, rejected = CASE WHEN ?3 THEN ?2 ELSE NULL END WHERE id = ?1",
            params![id, error, permanent],
        )?;
        Ok(())
    }

    /// Events pressed since `since`, newest first (the counter's "today").
    pub fn since(&self, since: DateTime<Utc>) -> rusqlite::Result<Vec<StoredEvent>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {} FROM events WHERE pressed_at >= ?1 ORDER BY pressed_at DESC, id DESC",
            Self::COLUMNS
        ))?;
        let rows = st.query_map([since.to_rfc3339()], Self::row)?;
        rows.collect()
    }

    pub fn get(&self, device_id: &str, event_seq: u32) -> rusqlite::Result<Option<StoredEvent>> {
        self.conn
            .query_row(
                &format!("SELECT {} FROM events WHERE device_id = ?1 AND event_seq = ?2", Self::COLUMNS),
                params![device_id, event_seq],
                Self::row,
            )
            .optional()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(seq: u32) -> NewEvent {
        NewEvent {
            device_id: "EV-1".into(),
            event_seq: seq,
            key: 2,
            layout: 5,
            prompted: true,
            pressed_at: Utc::now(),
            clerk_id: Some(7),
            patient_id: None,
        }
    }

    #[test]
    fn an_event_is_stored_once_and_forwarded_once() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("ev.db")).unwrap();
        assert!(s.insert(&ev(1)).unwrap());
        assert!(!s.insert(&ev(1)).unwrap(), "a retransmission is not stored again");
        assert!(s.insert(&ev(2)).unwrap());
        let p = s.pending(10).unwrap();
        assert_eq!(p.iter().map(|e| e.event_seq).collect::<Vec<_>>(), vec![1, 2]);
        s.mark_failed(p[0].id, "server down", false).unwrap();
        s.mark_forwarded(p[1].id, 99).unwrap();
        assert_eq!(s.pending(10).unwrap().len(), 1);
        s.mark_failed(p[0].id, "no window uses device EV-1", true).unwrap();
        assert_eq!(s.pending_count().unwrap(), 0);
        // A second connection (the forwarder's) sees the same rows.
        let other = Store::open(&dir.path().join("ev.db")).unwrap();
        assert_eq!(other.get("EV-1", 2).unwrap().unwrap().server_id, Some(99));
        assert_eq!(other.since(Utc::now() - chrono::Duration::hours(1)).unwrap().len(), 2);
    }
}
