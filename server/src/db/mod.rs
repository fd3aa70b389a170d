//! The database: one diesel `MultiConnection` over SQLite and PostgreSQL,
//! chosen by the URL, an r2d2 pool, migrations per backend embedded in the
//! binary and applied at start.
//!
//! Query code is written once and compiled for each backend by [`db_run!`],
//! which hands the block a concrete `&mut SqliteConnection` or
//! `&mut PgConnection`; that keeps backend-specific features (RETURNING,
//! ON CONFLICT, row locks) available without writing queries twice.

pub mod schema;

use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::sqlite::SqliteConnection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::error::ApiError;

#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

/// Runs `$body` with `$conn` bound to the concrete backend connection.
#[macro_export]
macro_rules! db_run {
    ($conn:ident: $body:block) => {
        match $conn {
            $crate::db::DbConnection::Postgresql($conn) => $body,
            $crate::db::DbConnection::Sqlite($conn) => $body,
        }
    };
}

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgresql");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// diesel's SQLite connection wants a path, not a `sqlite://` URL.
fn connection_url(url: &str) -> String {
    match Backend::of_url(url) {
        Backend::Postgres => url.to_string(),
        Backend::Sqlite => url.strip_prefix("sqlite://").unwrap_or(url).to_string(),
    }
}

/// Per-connection settings: SQLite's pragmas (not kept in the file), and
/// PostgreSQL's plan cache mode.
#[derive(Debug)]
struct ConnectionSettings;

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for ConnectionSettings {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        match conn {
            DbConnection::Sqlite(c) => {
                // synchronous=FULL: an acknowledged write survives power loss,
                // not only a crash of the process.
                c.batch_execute(
                    "PRAGMA busy_timeout = 10000;
                     PRAGMA journal_mode = WAL;
                     PRAGMA synchronous = FULL;
                     PRAGMA wal_autocheckpoint = 10000;
                     PRAGMA foreign_keys = ON;",
                )
                .map_err(diesel::r2d2::Error::QueryError)?;
            }
            DbConnection::Postgresql(c) => {
                // diesel keeps its statements prepared for the life of the
                // connection, and after five runs PostgreSQL may switch one to
                // a generic plan made from the statistics of that moment. On a
                // table that was empty then (a fresh install taking its first
                // HL7 feed) that plan is a sequential scan, kept while the
                // table grows: the HL7 bench fell from 620 to 340 messages/s
                // as its inbox filled. Planning each run costs ~0.07 ms.
                c.batch_execute("SET plan_cache_mode = force_custom_plan").map_err(diesel::r2d2::Error::QueryError)?;
            }
        }
        Ok(())
    }
}

pub type DbPool = Pool<ConnectionManager<DbConnection>>;
pub type PooledDb = PooledConnection<ConnectionManager<DbConnection>>;

/// The pool and the knowledge of which backend it talks to.
#[derive(Clone)]
pub struct Db {
    pool: DbPool,
    pub backend: Backend,
    /// Background threads run while any clone of this `Db` lives.
    alive: std::sync::Arc<()>,
}

impl Db {
    pub fn connect(url: &str, pool_size: u32) -> anyhow::Result<Db> {
        let backend = Backend::of_url(url);
        let conn_url = connection_url(url);
        if backend == Backend::Sqlite {
            if let Some(parent) = std::path::Path::new(&conn_url).parent() {
                if !parent.as_os_str().is_empty() {
                    std::fs::create_dir_all(parent)?;
                }
            }
        }
        let manager = ConnectionManager::<DbConnection>::new(conn_url);
        let pool = Pool::builder()
            .max_size(pool_size.max(1))
            .connection_timeout(Duration::from_secs(15))
            .connection_customizer(Box::new(ConnectionSettings))
            .build(manager)
            .map_err(|e| anyhow::anyhow!("cannot open database {}: {e}", redact_url(url)))?;
        let db = Db { pool, backend, alive: std::sync::Arc::new(()) };
        if backend == Backend::Sqlite {
            db.spawn_checkpointer();
        }
        Ok(db)
    }

    /// Checkpoints the SQLite WAL once a second from a thread of its own, so
    /// that request connections never pay for a checkpoint (its fsync and
    /// page copies) inside a commit; the large `wal_autocheckpoint` is only
    /// a safety net should this thread stall.
    fn spawn_checkpointer(&self) {
        let pool = self.pool.clone();
        let alive = std::sync::Arc::downgrade(&self.alive);
        let _ = std::thread::Builder::new().name("sqlite-checkpoint".into()).spawn(move || loop {
            std::thread::sleep(Duration::from_millis(1000));
            if alive.upgrade().is_none() {
                return;
            }
            if let Ok(mut conn) = pool.get() {
                if let DbConnection::Sqlite(c) = &mut *conn {
                    if let Err(e) = c.batch_execute("PRAGMA wal_checkpoint(PASSIVE)") {
                        tracing::warn!(error = %e, "WAL checkpoint failed");
                    }
                }
            }
        });
    }

    pub fn migrate(&self) -> anyhow::Result<Vec<String>> {
        let mut conn = self.pool.get()?;
        let applied = match &mut *conn {
            DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
            DbConnection::Postgresql(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS),
        }
        .map_err(|e| anyhow::anyhow!("migration failed: {e}"))?;
        Ok(applied.into_iter().map(|v| v.to_string()).collect())
    }

    pub fn get(&self) -> Result<PooledDb, ApiError> {
        self.pool.get().map_err(ApiError::from)
    }

    /// Runs blocking database work on tokio's blocking pool, so the async
    /// workers keep serving while a query waits on disk or a lock.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let db = self.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = db.get()?;
            f(&mut conn)
        })
        .await
        .map_err(|e| ApiError::internal("database task failed").with_source(e))?
    }

    /// `run` with `f` inside a write transaction (see `write_transaction`).
    pub async fn write<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        self.run(move |conn| write_transaction(conn, f)).await
    }
}

/// Runs `f` in a write transaction. On SQLite it begins IMMEDIATE, taking
/// the write lock up front: a deferred transaction that reads first and then
/// writes fails at once with SQLITE_BUSY when another writer got there in
/// between, whatever the busy timeout.
pub fn write_transaction<T>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    use diesel::Connection;
    // Begun through diesel's own transaction manager, so that nested
    // transactions inside `f` (diesel's batch inserts) become savepoints.
    let DbConnection::Sqlite(c) = conn else {
        return conn.transaction::<T, ApiError, _>(f);
    };
    // Inside a caller's transaction (the HL7 group commit): a savepoint.
    if matches!(AnsiTransactionManager::transaction_manager_status_mut(c).transaction_depth(), Ok(Some(_))) {
        return conn.transaction::<T, ApiError, _>(f);
    }
    AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE").map_err(ApiError::from)?;
    let result = f(conn);
    let DbConnection::Sqlite(c) = conn else { unreachable!("the connection cannot change backend") };
    match result {
        Ok(v) => {
            if let Err(e) = AnsiTransactionManager::commit_transaction(c) {
                let _ = AnsiTransactionManager::rollback_transaction(c);
                return Err(e.into());
            }
            Ok(v)
        }
        Err(e) => {
            AnsiTransactionManager::rollback_transaction(c).map_err(ApiError::from)?;
            Err(e)
        }
    }
}

/// Hides a password in a database URL before it reaches a log line.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            let user = creds.split(':').next().unwrap_or("");
            format!("{}{}:***{}", &url[..s + 3], user, &url[at..])
        }
        _ => url.to_string(),
    }
}

/// (id, name) pairs: the shape of a lookup of names by id.
pub type IdNames = Vec<(i64, String)>;

/// Current time as stored: UTC without zone, microsecond precision on both
/// backends.
pub fn now() -> chrono::NaiveDateTime {
    let t = chrono::Utc::now().naive_utc();
    chrono::DurationRound::duration_trunc(t, chrono::Duration::microseconds(1)).unwrap_or(t)
}

pub fn to_utc(t: chrono::NaiveDateTime) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_naive_utc_and_offset(t, chrono::Utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(Backend::of_url("postgres://u:p@h/db"), Backend::Postgres);
        assert_eq!(Backend::of_url("sqlite://data/x.db"), Backend::Sqlite);
        assert_eq!(connection_url("sqlite://data/x.db"), "data/x.db");
        assert_eq!(redact_url("postgres://hcrm:secret@localhost/hcrm"), "postgres://hcrm:***@localhost/hcrm");
    }
}
