//! Import batches: upload (with the file's hash, so the same file is never
//! imported twice), a preview that writes nothing, a commit in one of two
//! modes, progress while either runs, the error file and the template.
//!
//! Preview and commit run as background tasks on the blocking pool; their
//! progress lives in memory (`PROGRESS`) while they run and is written to
//! the batch row every [`BEAT`] (and after each committed chunk), which is
//! also the batch's heartbeat: a batch still "running" whose row has not
//! moved for [`STALE_SECONDS`] and that no task of this process runs was
//! cut short (a server restart or crash) and is marked failed with what
//! was and was not imported, at start-up and whenever batches are read. All-or-nothing commits in one transaction that the
//! first bad row rolls back; good-rows commits chunks of rows, redoing a
//! failed chunk row by row and listing the rows that failed.

pub mod workbooks;

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use diesel::prelude::*;
use hcrm_shared::intake::{ImportBatch, ImportKind, ImportMode, ImportStatus, PreviewRow, RowError};
use sha2::{Digest, Sha256};

use super::model::{BatchRow, Findings};
use super::rows::{self, Lookup, Record};
use super::sheet::{self, Table};
use crate::audit::{self, Actor};
use crate::db::schema::import_batches;
use crate::db::{now, to_utc, write_transaction, Db, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};

/// Rows looked at by running previews and commits, by batch.
static PROGRESS: LazyLock<Mutex<HashMap<i64, i64>>> = LazyLock::new(Default::default);

fn set_progress(batch: i64, n: i64) {
    if let Ok(mut m) = PROGRESS.lock() {
        m.insert(batch, n);
    }
}

fn progress(batch: i64) -> Option<i64> {
    PROGRESS.lock().ok().and_then(|m| m.get(&batch).copied())
}

/// How often a running batch writes its progress (its heartbeat).
pub const BEAT: std::time::Duration = std::time::Duration::from_secs(2);
/// A running batch whose row is older than this, run by no task here, died.
pub const STALE_SECONDS: i64 = 30;

/// Writes the in-memory progress of a running batch to its row.
fn persist_progress(conn: &mut DbConnection, batch: i64) -> ApiResult<()> {
    let Some(n) = progress(batch) else { return Ok(()) };
    db_run!(conn: {
        diesel::update(import_batches::table.find(batch).filter(import_batches::status.eq_any(ImportStatus::BUSY)))
            .set((import_batches::processed_rows.eq(n as i32), import_batches::updated_at.eq(now())))
            .execute(conn)?;
    });
    Ok(())
}

/// Marks the batches cut short by a restart as failed, saying what was
/// imported: nothing for a preview or an all-or-nothing commit (its one
/// transaction was rolled back); the chunks committed for a good-rows
/// commit (upserts by natural key: importing the file again completes it).
pub fn interrupt_stale(conn: &mut DbConnection, stale_seconds: i64) -> ApiResult<usize> {
    let cutoff = now() - chrono::Duration::seconds(stale_seconds);
    let rows: Vec<(i64, ImportStatus, Option<ImportMode>, i32, i32)> = db_run!(conn: {
        import_batches::table
            .filter(import_batches::status.eq_any(ImportStatus::BUSY))
            .filter(import_batches::updated_at.lt(cutoff))
            .select((import_batches::id, import_batches::status, import_batches::mode, import_batches::total_rows, import_batches::imported_rows))
            .load(conn)?
    });
    let mut n = 0;
    for (id, status, mode, total, imported) in rows {
        if progress(id).is_some() {
            continue; // running here, just slow to beat (a long transaction)
        }
        let message = match (status, mode) {
            (ImportStatus::Previewing, _) => "interrupted by a server restart during the preview; nothing was imported. Upload the file again.".to_string(),
            (_, Some(ImportMode::GoodRows)) => format!(
                "interrupted by a server restart: {imported} of {total} rows were imported before it (committed in chunks); the others were not. Upload the file again to import the rest (rows already imported are updated, not doubled)."
            ),
            _ => "interrupted by a server restart; the all-or-nothing transaction was rolled back, nothing was imported. Upload the file again.".to_string(),
        };
        let t = now();
        let changed = db_run!(conn: {
            diesel::update(import_batches::table.find(id).filter(import_batches::status.eq(status)).filter(import_batches::updated_at.lt(cutoff)))
                .set((
                    import_batches::status.eq(ImportStatus::Failed),
                    import_batches::imported_rows.eq(if mode == Some(ImportMode::GoodRows) { imported } else { 0 }),
                    import_batches::message.eq(&message),
                    import_batches::updated_at.eq(t),
                    import_batches::finished_at.eq(Some(t)),
                ))
                .execute(conn)?
        });
        if changed > 0 {
            tracing::warn!(batch = id, "import interrupted by a restart marked failed");
            n += 1;
        }
    }
    Ok(n)
}

fn clear_progress(batch: i64) {
    if let Ok(mut m) = PROGRESS.lock() {
        m.remove(&batch);
    }
}

macro_rules! batch_columns {
    () => {
        (
            import_batches::id,
            import_batches::kind,
            import_batches::file_name,
            import_batches::mode,
            import_batches::status,
            import_batches::total_rows,
            import_batches::processed_rows,
            import_batches::imported_rows,
            import_batches::error_rows,
            import_batches::errors,
            import_batches::message,
            import_batches::created_at,
            import_batches::finished_at,
        )
    };
}

fn to_dto(r: BatchRow, duplicate: bool) -> ImportBatch {
    let f: Findings = serde_json::from_str(&r.9).unwrap_or_default();
    let running = ImportStatus::BUSY.contains(&r.4);
    ImportBatch {
        id: r.0,
        kind: r.1,
        file_name: r.2,
        mode: r.3,
        status: r.4,
        total_rows: r.5 as i64,
        processed_rows: if running { progress(r.0).unwrap_or(r.6 as i64) } else { r.6 as i64 },
        imported_rows: r.7 as i64,
        error_rows: r.8 as i64,
        columns: f.columns,
        errors: f.errors,
        sample: f.sample,
        message: r.10,
        duplicate,
        created_at: to_utc(r.11),
        finished_at: r.12.map(to_utc),
    }
}

pub fn get(conn: &mut DbConnection, hospital_id: i64, id: i64) -> ApiResult<ImportBatch> {
    interrupt_stale(conn, STALE_SECONDS)?;
    let row: Option<BatchRow> = db_run!(conn: {
        import_batches::table.filter(import_batches::hospital_id.eq(hospital_id)).filter(import_batches::id.eq(id)).select(batch_columns!()).first(conn).optional()?
    });
    row.map(|r| to_dto(r, false)).ok_or_else(|| ApiError::not_found("import"))
}

pub fn list(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<Vec<ImportBatch>> {
    interrupt_stale(conn, STALE_SECONDS)?;
    let rows: Vec<BatchRow> = db_run!(conn: {
        import_batches::table.filter(import_batches::hospital_id.eq(hospital_id)).select(batch_columns!()).order(import_batches::id.desc()).limit(50).load(conn)?
    });
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut b = to_dto(r, false);
            // The list stays small; the batch itself has the details.
            b.errors.truncate(0);
            b.sample.truncate(0);
            b
        })
        .collect())
}

/// Stores the upload. The same file (kind and SHA-256) already imported
/// returns that batch marked `duplicate`; one only previewed is previewed
/// again as a new batch.
pub fn create(
    conn: &mut DbConnection,
    hospital_id: i64,
    actor: &Actor,
    kind: ImportKind,
    file_name: &str,
    content: Vec<u8>,
) -> ApiResult<(ImportBatch, bool)> {
    if content.is_empty() {
        return Err(ApiError::invalid("content_base64", "the file is empty"));
    }
    let hash = hex::encode(Sha256::digest(&content));
    let done: Option<BatchRow> = db_run!(conn: {
        import_batches::table
            .filter(import_batches::hospital_id.eq(hospital_id))
            .filter(import_batches::kind.eq(kind))
            .filter(import_batches::file_hash.eq(&hash))
            .filter(import_batches::status.eq_any([ImportStatus::Running, ImportStatus::Done]))
            .select(batch_columns!())
            .order(import_batches::id.desc())
            .first(conn)
            .optional()?
    });
    if let Some(r) = done {
        return Ok((to_dto(r, true), false));
    }
    let t = now();
    let name: String = file_name.trim().chars().take(200).collect();
    let id = write_transaction(conn, |conn| {
        let id: i64 = db_run!(conn: {
            diesel::insert_into(import_batches::table)
                .values((
                    import_batches::hospital_id.eq(hospital_id),
                    import_batches::kind.eq(kind),
                    import_batches::file_name.eq(&name),
                    import_batches::file_hash.eq(&hash),
                    import_batches::content.eq(&content),
                    import_batches::status.eq(ImportStatus::Previewing),
                    import_batches::created_by.eq(actor.user_id),
                    import_batches::created_at.eq(t),
                    import_batches::updated_at.eq(t),
                ))
                .returning(import_batches::id)
                .get_result(conn)?
        });
        audit::record(
            conn,
            actor,
            audit::AuditAction::ImportUpload,
            None,
            Some(&format!("import:{id}")),
            Some(&format!("{kind} {name}")),
        )?;
        Ok(id)
    })?;
    Ok((get(conn, hospital_id, id)?, true))
}

fn load_table(conn: &mut DbConnection, id: i64) -> ApiResult<(ImportKind, Result<Table, String>)> {
    let (kind, content): (ImportKind, Vec<u8>) = db_run!(conn: {
        import_batches::table.find(id).select((import_batches::kind, import_batches::content)).first(conn)?
    });
    let table = sheet::read(&content, rows::spec(kind));
    Ok((kind, table))
}

/// Checks every row; returns the good records (with their row numbers).
fn check_all(kind: ImportKind, table: &Table, lookup: &Lookup, batch: i64) -> (Vec<(u32, Record)>, Findings) {
    let spec = rows::spec(kind);
    let mut f = Findings {
        columns: table.columns.iter().map(|c| (c.1.clone(), c.2.to_string())).collect(),
        ..Default::default()
    };
    let mut good = Vec::with_capacity(table.rows.len());
    for (i, (row, cells)) in table.rows.iter().enumerate() {
        match rows::check(kind, table, *row, cells, lookup) {
            Ok(r) => {
                if f.sample.len() < 20 {
                    f.sample.push(PreviewRow { row: *row, values: r.values() });
                }
                good.push((*row, r));
            }
            Err(errs) => f.errors.extend(errs),
        }
        if i % 1000 == 0 {
            set_progress(batch, i as i64);
        }
    }
    let _ = spec;
    (good, f)
}

fn error_rows(f: &Findings) -> i32 {
    let mut rows: Vec<u32> = f.errors.iter().map(|e| e.row).collect();
    rows.dedup();
    rows.len() as i32
}

fn finish(
    conn: &mut DbConnection,
    id: i64,
    status: ImportStatus,
    total: i32,
    imported: i32,
    f: &Findings,
    message: Option<String>,
) -> ApiResult<()> {
    let t = now();
    let json = serde_json::to_string(f).unwrap_or_else(|_| "{}".into());
    db_run!(conn: {
        diesel::update(import_batches::table.find(id))
            .set((
                import_batches::status.eq(status),
                import_batches::total_rows.eq(total),
                import_batches::processed_rows.eq(total),
                import_batches::imported_rows.eq(imported),
                import_batches::error_rows.eq(error_rows(f)),
                import_batches::errors.eq(json),
                import_batches::message.eq(message),
                import_batches::updated_at.eq(t),
                import_batches::finished_at.eq(if status == ImportStatus::Previewed { None } else { Some(t) }),
            ))
            .execute(conn)?;
    });
    clear_progress(id);
    Ok(())
}

/// The preview: reads and checks every row, writes nothing but the
/// batch's findings.
pub fn preview(
    conn: &mut DbConnection,
    hospital_id: i64,
    id: i64,
    scope: Option<Vec<i64>>,
    offset_minutes: i32,
) -> ApiResult<()> {
    set_progress(id, 0);
    let (kind, table) = load_table(conn, id)?;
    let table = match table {
        Ok(t) => t,
        Err(message) => return finish(conn, id, ImportStatus::Failed, 0, 0, &Findings::default(), Some(message)),
    };
    db_run!(conn: { diesel::update(import_batches::table.find(id)).set(import_batches::total_rows.eq(table.rows.len() as i32)).execute(conn)?; });
    let lookup = Lookup::load(conn, hospital_id, scope, offset_minutes)?;
    let (_, f) = check_all(kind, &table, &lookup, id);
    finish(
        conn,
        id,
        ImportStatus::Previewed,
        table.rows.len() as i32,
        0,
        &f,
        Some(format!("header on row {}", table.header_row)),
    )
}

/// Marks the batch running; refuses a batch not previewed, and an
/// all-or-nothing commit of a file with errors.
pub fn start_commit(
    conn: &mut DbConnection,
    hospital_id: i64,
    id: i64,
    mode: ImportMode,
    actor: &Actor,
) -> ApiResult<ImportBatch> {
    write_transaction(conn, |conn| {
        let b = get(conn, hospital_id, id)?;
        if b.status != ImportStatus::Previewed {
            return Err(ApiError::conflict("status", format!("the import is {}, not previewed", b.status)));
        }
        if mode == ImportMode::AllOrNothing && b.error_rows > 0 {
            return Err(ApiError::conflict(
                "mode",
                format!("{} rows have errors; fix them or import the good rows", b.error_rows),
            ));
        }
        db_run!(conn: {
            diesel::update(import_batches::table.find(id))
                .set((import_batches::status.eq(ImportStatus::Running), import_batches::mode.eq(mode), import_batches::processed_rows.eq(0), import_batches::updated_at.eq(now())))
                .execute(conn)?;
        });
        audit::record(
            conn,
            actor,
            audit::AuditAction::ImportCommit,
            None,
            Some(&format!("import:{id}")),
            Some(mode.as_str()),
        )?;
        set_progress(id, 0);
        get(conn, hospital_id, id)
    })
}

/// The commit itself (after [`start_commit`]).
pub fn commit(
    conn: &mut DbConnection,
    hospital_id: i64,
    id: i64,
    mode: ImportMode,
    actor: &Actor,
    scope: Option<Vec<i64>>,
    offset_minutes: i32,
) -> ApiResult<()> {
    let (kind, table) = load_table(conn, id)?;
    let table = table.map_err(|m| ApiError::invalid("file", m))?;
    let lookup = Lookup::load(conn, hospital_id, scope, offset_minutes)?;
    let (good, mut f) = check_all(kind, &table, &lookup, id);
    let total = table.rows.len() as i32;
    if mode == ImportMode::AllOrNothing && !f.errors.is_empty() {
        return finish(
            conn,
            id,
            ImportStatus::Failed,
            total,
            0,
            &f,
            Some("the file has errors; nothing was imported".into()),
        );
    }
    let all = mode == ImportMode::AllOrNothing;
    let mut failed: Vec<RowError> = Vec::new();
    let outcome = if all {
        // One transaction: the first failing row undoes everything.
        write_transaction(conn, |conn| {
            for (i, (row, record)) in good.iter().enumerate() {
                rows::apply(conn, hospital_id, actor, id, record)
                    .map_err(|e| ApiError::invalid("file", format!("row {row}: {}", e.detail)))?;
                if i % 500 == 0 {
                    set_progress(id, i as i64);
                }
            }
            Ok(good.len() as i32)
        })
    } else {
        // Chunks of rows per transaction; a chunk that fails is redone row
        // by row, so one bad row costs its own transaction only. (Not a
        // savepoint per row: thousands of subtransactions in one PostgreSQL
        // transaction make every later statement slow.) Rows are upserts by
        // natural key, so a commit cut short can simply run again.
        let mut imported = 0;
        let mut done = 0;
        for chunk in good.chunks(500) {
            let fast = write_transaction(conn, |conn| {
                for (_, record) in chunk {
                    rows::apply(conn, hospital_id, actor, id, record)?;
                }
                Ok(())
            });
            if fast.is_ok() {
                imported += chunk.len() as i32;
            } else {
                for (row, record) in chunk {
                    match write_transaction(conn, |conn| rows::apply(conn, hospital_id, actor, id, record)) {
                        Ok(_) => imported += 1,
                        Err(e) => failed.push(rows::row_error(*row, &e)),
                    }
                }
            }
            done += chunk.len();
            set_progress(id, done as i64);
            // What is committed is on the row, should the server stop now.
            db_run!(conn: {
                diesel::update(import_batches::table.find(id))
                    .set((import_batches::processed_rows.eq(done as i32), import_batches::imported_rows.eq(imported), import_batches::updated_at.eq(now())))
                    .execute(conn)?;
            });
        }
        Ok(imported)
    };
    match outcome {
        Ok(imported) => {
            f.errors.extend(failed);
            f.errors.sort_by_key(|e| e.row);
            finish(conn, id, ImportStatus::Done, total, imported, &f, None)
        }
        Err(e) => {
            finish(conn, id, ImportStatus::Failed, total, 0, &f, Some(format!("nothing was imported: {}", e.detail)))
        }
    }
}

/// Runs `work` on the blocking pool; a failure marks the batch failed.
pub fn spawn(db: Db, id: i64, work: impl FnOnce(&mut DbConnection) -> ApiResult<()> + Send + 'static) {
    set_progress(id, 0);
    // The heartbeat: progress to the row every BEAT, on its own connection
    // (the work may be inside one long transaction).
    let running = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let (flag, beat_db) = (running.clone(), db.clone());
    std::thread::spawn(move || {
        while flag.load(std::sync::atomic::Ordering::Relaxed) {
            std::thread::sleep(BEAT);
            if !flag.load(std::sync::atomic::Ordering::Relaxed) {
                break;
            }
            if let Ok(mut c) = beat_db.get() {
                let _ = persist_progress(&mut c, id);
            }
        }
    });
    tokio::task::spawn_blocking(move || {
        let _stop = StopOnDrop(running);
        let Ok(mut conn) = db.get() else { return };
        if let Err(e) = work(&mut conn) {
            tracing::error!(batch = id, error = %e.detail, "import failed");
            let _ = finish(&mut conn, id, ImportStatus::Failed, 0, 0, &Findings::default(), Some(e.detail));
        }
    });
}

struct StopOnDrop(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(false, std::sync::atomic::Ordering::Relaxed);
    }
}
