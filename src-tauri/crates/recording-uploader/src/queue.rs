//! The local queue (SQLite through rusqlite): one row per recording found,
//! `pending` until the server confirmed its checksum, then `done`. Rows are
//! written in WAL mode with full sync, so a killed process loses nothing it
//! acknowledged; the server side is idempotent, so repeating the last step
//! after a kill never makes a second copy.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub uuid: String,
    pub wav_path: String,
    pub sidecar_path: String,
    pub size: i64,
    pub sha256: String,
    pub attempts: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Counts {
    pub pending: i64,
    pub done: i64,
    pub failed: i64,
}

pub struct Queue {
    conn: Connection,
}

pub type Result<T> = std::result::Result<T, rusqlite::Error>;

impl Queue {
    pub fn open(path: &Path) -> Result<Queue> {
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             CREATE TABLE IF NOT EXISTS uploads (
                 uuid TEXT PRIMARY KEY,
                 wav_path TEXT NOT NULL,
                 sidecar_path TEXT NOT NULL,
                 size INTEGER NOT NULL,
                 sha256 TEXT NOT NULL,
                 status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
                 attempts INTEGER NOT NULL DEFAULT 0,
                 next_attempt_at INTEGER NOT NULL DEFAULT 0,
                 last_error TEXT,
                 found_at INTEGER NOT NULL,
                 done_at INTEGER
             );
             CREATE INDEX IF NOT EXISTS uploads_due ON uploads (status, next_attempt_at);",
        )?;
        Ok(Queue { conn })
    }

    /// Adds a recording unless it is known already; true when new.
    pub fn add(
        &self,
        uuid: &str,
        wav_path: &str,
        sidecar_path: &str,
        size: i64,
        sha256: &str,
        now: i64,
    ) -> Result<bool> {
        let n = self.conn.execute(
            "INSERT OR IGNORE INTO uploads (uuid, wav_path, sidecar_path, size, sha256, found_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![uuid, wav_path, sidecar_path, size, sha256, now],
        )?;
        Ok(n == 1)
    }

    /// The next pending recording that is due, oldest first.
    pub fn next_due(&self, now: i64) -> Result<Option<Item>> {
        self.conn
            .query_row(
                "SELECT uuid, wav_path, sidecar_path, size, sha256, attempts FROM uploads
                 WHERE status = 'pending' AND next_attempt_at <= ?1 ORDER BY next_attempt_at, found_at, uuid LIMIT 1",
                params![now],
                |r| {
                    Ok(Item {
                        uuid: r.get(0)?,
                        wav_path: r.get(1)?,
                        sidecar_path: r.get(2)?,
                        size: r.get(3)?,
                        sha256: r.get(4)?,
                        attempts: r.get(5)?,
                    })
                },
            )
            .optional()
    }

    /// When the earliest pending recording is due, if any.
    pub fn next_due_at(&self) -> Result<Option<i64>> {
        self.conn.query_row("SELECT MIN(next_attempt_at) FROM uploads WHERE status = 'pending'", [], |r| r.get(0))
    }

    pub fn mark_done(&self, uuid: &str, now: i64) -> Result<()> {
        self.conn.execute(
            "UPDATE uploads SET status = 'done', done_at = ?2, last_error = NULL WHERE uuid = ?1",
            params![uuid, now],
        )?;
        Ok(())
    }

    /// Gives up on a recording the server will never take (it says the
    /// call belongs to someone else, the file is gone...).
    pub fn mark_failed(&self, uuid: &str, error: &str) -> Result<()> {
        self.conn
            .execute("UPDATE uploads SET status = 'failed', last_error = ?2 WHERE uuid = ?1", params![uuid, error])?;
        Ok(())
    }

    /// Schedules another attempt after `delay_ms`.
    pub fn retry_later(&self, uuid: &str, error: &str, next_at: i64) -> Result<()> {
        self.conn.execute(
            "UPDATE uploads SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3 WHERE uuid = ?1",
            params![uuid, next_at, error],
        )?;
        Ok(())
    }

    pub fn counts(&self) -> Result<Counts> {
        let mut c = Counts::default();
        let mut stmt = self.conn.prepare("SELECT status, COUNT(*) FROM uploads GROUP BY status")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (status, n) = row?;
            match status.as_str() {
                "pending" => c.pending = n,
                "done" => c.done = n,
                _ => c.failed = n,
            }
        }
        Ok(c)
    }

    pub fn status_of(&self, uuid: &str) -> Result<Option<(String, i64, Option<String>)>> {
        self.conn
            .query_row("SELECT status, attempts, last_error FROM uploads WHERE uuid = ?1", params![uuid], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()
    }
}
