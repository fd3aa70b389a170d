//! The jobs table: enqueue, claim with a lease, finish, and the admin's
//! list / run now / retry.
//!
//! Claiming is one write transaction: PostgreSQL takes due rows with
//! `FOR UPDATE SKIP LOCKED`, so instances sharing the database never claim
//! the same job; SQLite's `BEGIN IMMEDIATE` serialises claimers instead.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use hcrm_shared::api::Page;
use hcrm_shared::messaging::{Job, JobDetail, JobRun, JobRunOutcome, JobStatus};

use super::model::{Claimed, InsertJob, InsertRun, JobQuery, JobRow, NewJob, Outcome};
use super::schedule::Schedule;
use crate::config::JobsConfig;
use crate::db::schema::{job_runs, jobs};
use crate::db::{now, to_utc, write_transaction, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};

use JobStatus::{Dead, Done, Pending, Running};

/// Stores a job. Call it inside the transaction of the work that needs it,
/// so the work and its job commit together.
pub fn enqueue(
    conn: &mut DbConnection,
    new: &NewJob,
    config: &JobsConfig,
    utc_offset_minutes: i32,
) -> ApiResult<JobRow> {
    let t = now();
    let run_at = match (&new.schedule, new.run_at) {
        (_, Some(at)) => at,
        (Some(s), None) => Schedule::parse(s)
            .map_err(|e| ApiError::invalid("schedule", e))?
            .next_after(t, utc_offset_minutes)
            .ok_or_else(|| ApiError::invalid("schedule", "the schedule never fires"))?,
        (None, None) => t,
    };
    if let Some(s) = &new.schedule {
        Schedule::parse(s).map_err(|e| ApiError::invalid("schedule", e))?;
    }
    let row = InsertJob {
        hospital_id: new.hospital_id,
        kind: &new.kind,
        payload: new.payload.to_string(),
        status: Pending,
        run_at,
        schedule: new.schedule.as_deref(),
        attempts: 0,
        max_attempts: new.max_attempts.unwrap_or(config.max_attempts).max(1),
        dedupe_key: new.dedupe_key.as_deref(),
        created_at: t,
        updated_at: t,
    };
    db_run!(conn: {
        let inserted: Option<JobRow> = diesel::insert_into(jobs::table)
            .values(&row)
            .on_conflict_do_nothing()
            .returning(JobRow::as_returning())
            .get_result(conn)
            .optional()?;
        match inserted {
            Some(r) => Ok(r),
            None => Ok(jobs::table
                .filter(jobs::hospital_id.eq(new.hospital_id))
                .filter(jobs::dedupe_key.eq(new.dedupe_key.as_deref().unwrap_or_default()))
                .select(JobRow::as_select())
                .first(conn)?),
        }
    })
}

/// Claims up to `limit` due jobs (or jobs whose lease ran out) for `runner`.
pub fn claim(conn: &mut DbConnection, runner: &str, limit: i64, lease_seconds: i64) -> ApiResult<Vec<Claimed>> {
    if limit <= 0 {
        return Ok(Vec::new());
    }
    write_transaction(conn, |conn| {
        let t = now();
        let due = jobs::status
            .eq(Pending)
            .and(jobs::run_at.le(t))
            .or(jobs::status.eq(Running).and(jobs::locked_until.lt(t).assume_not_null()));
        let ids: Vec<i64> = match conn {
            DbConnection::Postgresql(c) => jobs::table
                .filter(due)
                .order(jobs::run_at)
                .limit(limit)
                .select(jobs::id)
                .for_update()
                .skip_locked()
                .load(c)?,
            DbConnection::Sqlite(c) => {
                jobs::table.filter(due).order(jobs::run_at).limit(limit).select(jobs::id).load(c)?
            }
        };
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        db_run!(conn: {
            // Attempts whose instance died: their history says so.
            diesel::update(job_runs::table.filter(job_runs::job_id.eq_any(&ids)).filter(job_runs::outcome.eq(JobRunOutcome::Running)))
                .set((job_runs::outcome.eq(JobRunOutcome::LeaseExpired), job_runs::finished_at.eq(Some(t))))
                .execute(conn)?;
            let rows: Vec<JobRow> = diesel::update(jobs::table.filter(jobs::id.eq_any(&ids)))
                .set((
                    jobs::status.eq(Running),
                    jobs::locked_by.eq(Some(runner)),
                    jobs::locked_until.eq(Some(t + Duration::seconds(lease_seconds))),
                    jobs::attempts.eq(jobs::attempts + 1),
                    jobs::updated_at.eq(t),
                ))
                .returning(JobRow::as_returning())
                .get_results(conn)?;
            let mut claimed = Vec::with_capacity(rows.len());
            for job in rows {
                let run_id: i64 = diesel::insert_into(job_runs::table)
                    .values(&InsertRun { hospital_id: job.hospital_id, job_id: job.id, attempt: job.attempts, runner, started_at: t, outcome: JobRunOutcome::Running })
                    .returning(job_runs::id)
                    .get_result(conn)?;
                claimed.push(Claimed { job, run_id });
            }
            Ok(claimed)
        })
    })
}

/// History rows kept per recurring job.
pub const RECURRING_RUNS_KEPT: i64 = 200;

/// The wait before retrying a job that failed `attempt` times.
pub fn backoff(config: &JobsConfig, attempt: i32) -> Duration {
    let secs = |s: i64| std::time::Duration::from_secs(s.max(0) as u64);
    let delay = hcrm_shared::backoff::Backoff::new(secs(config.retry_base_seconds), secs(config.retry_max_seconds))
        .delay(attempt.max(1) as u32);
    Duration::from_std(delay).unwrap_or(Duration::MAX)
}

/// Records the end of an attempt. Returns false when this runner no longer
/// held the job (its lease ran out and another instance took it over).
pub fn finish(
    conn: &mut DbConnection,
    claimed: &Claimed,
    runner: &str,
    outcome: &Outcome,
    config: &JobsConfig,
    utc_offset_minutes: i32,
) -> ApiResult<bool> {
    let job = &claimed.job;
    write_transaction(conn, |conn| {
        let t = now();
        let next_occurrence = job
            .schedule
            .as_deref()
            .and_then(|s| Schedule::parse(s).ok())
            .and_then(|s| s.next_after(t, utc_offset_minutes));
        // (status, run_at, attempts, last_error, finished_at, run outcome, run error)
        let (status, run_at, attempts, last_error, finished_at, run_outcome, run_error): (
            JobStatus,
            NaiveDateTime,
            i32,
            Option<String>,
            Option<NaiveDateTime>,
            JobRunOutcome,
            Option<String>,
        ) = match outcome {
            Outcome::Done | Outcome::DoneWith(_) => match next_occurrence {
                Some(next) => (Pending, next, 0, None, None, JobRunOutcome::Ok, None),
                None => (Done, job.run_at, job.attempts, None, Some(t), JobRunOutcome::Ok, None),
            },
            Outcome::Retry(e) if job.attempts < job.max_attempts => (
                Pending,
                t + backoff(config, job.attempts),
                job.attempts,
                Some(e.clone()),
                None,
                JobRunOutcome::Retry,
                Some(e.clone()),
            ),
            Outcome::Retry(e) | Outcome::Dead(e) => match next_occurrence {
                // A recurring job lives on: the next occurrence starts afresh
                // and the error stays visible.
                Some(next) => (Pending, next, 0, Some(e.clone()), None, JobRunOutcome::Dead, Some(e.clone())),
                None => {
                    (Dead, job.run_at, job.attempts, Some(e.clone()), Some(t), JobRunOutcome::Dead, Some(e.clone()))
                }
            },
            Outcome::Hold { until, reason } => (
                Pending,
                *until,
                (job.attempts - 1).max(0),
                Some(reason.clone()),
                None,
                JobRunOutcome::Held,
                Some(reason.clone()),
            ),
        };
        if let Outcome::DoneWith(work) = outcome {
            work(conn)?;
        }
        db_run!(conn: {
            let n = diesel::update(
                jobs::table.filter(jobs::id.eq(job.id)).filter(jobs::status.eq(Running)).filter(jobs::locked_by.eq(runner)),
            )
            .set((
                jobs::status.eq(status),
                jobs::run_at.eq(run_at),
                jobs::attempts.eq(attempts),
                jobs::last_error.eq(last_error),
                jobs::finished_at.eq(finished_at),
                jobs::locked_by.eq(None::<String>),
                jobs::locked_until.eq(None::<NaiveDateTime>),
                jobs::updated_at.eq(t),
            ))
            .execute(conn)?;
            diesel::update(job_runs::table.filter(job_runs::id.eq(claimed.run_id)).filter(job_runs::outcome.eq(JobRunOutcome::Running)))
                .set((job_runs::outcome.eq(run_outcome), job_runs::error.eq(run_error), job_runs::finished_at.eq(Some(t))))
                .execute(conn)?;
            // A recurring job keeps its recent history only.
            if job.schedule.is_some() {
                let oldest_kept: Option<i64> = job_runs::table
                    .filter(job_runs::job_id.eq(job.id))
                    .order(job_runs::id.desc())
                    .offset(RECURRING_RUNS_KEPT - 1)
                    .select(job_runs::id)
                    .first(conn)
                    .optional()?;
                if let Some(oldest) = oldest_kept {
                    diesel::delete(job_runs::table.filter(job_runs::job_id.eq(job.id)).filter(job_runs::id.lt(oldest))).execute(conn)?;
                }
            }
            Ok(n == 1)
        })
    })
}

pub fn list(conn: &mut DbConnection, hospital_id: i64, q: &JobQuery) -> ApiResult<Page<Job>> {
    let (page, per_page) = crate::common::page_bounds(q.page, q.per_page);
    db_run!(conn: {
        let filtered = || {
            let mut b = jobs::table.filter(jobs::hospital_id.eq(hospital_id)).into_boxed();
            if let Some(s) = q.status {
                b = b.filter(jobs::status.eq(s));
            }
            if let Some(k) = &q.kind {
                b = b.filter(jobs::kind.eq(k.clone()));
            }
            b
        };
        let total: i64 = filtered().count().get_result(conn)?;
        let rows: Vec<JobRow> = filtered()
            .order(jobs::id.desc())
            .offset((page - 1) * per_page)
            .limit(per_page)
            .select(JobRow::as_select())
            .load(conn)?;
        Ok(Page { items: rows.iter().map(JobRow::to_dto).collect(), total, page, per_page })
    })
}

fn load(conn: &mut DbConnection, hospital_id: i64, id: i64) -> ApiResult<JobRow> {
    db_run!(conn: {
        jobs::table
            .filter(jobs::hospital_id.eq(hospital_id))
            .filter(jobs::id.eq(id))
            .select(JobRow::as_select())
            .first(conn)
            .optional()?
            .ok_or_else(|| ApiError::not_found("job"))
    })
}

pub fn detail(conn: &mut DbConnection, hospital_id: i64, id: i64) -> ApiResult<JobDetail> {
    let job = load(conn, hospital_id, id)?;
    type RunRow = (i64, i32, String, NaiveDateTime, Option<NaiveDateTime>, JobRunOutcome, Option<String>);
    let runs: Vec<RunRow> = db_run!(conn: {
        job_runs::table
            .filter(job_runs::job_id.eq(id))
            .order(job_runs::id.desc())
            .limit(100)
            .select((job_runs::id, job_runs::attempt, job_runs::runner, job_runs::started_at, job_runs::finished_at, job_runs::outcome, job_runs::error))
            .load(conn)?
    });
    Ok(JobDetail {
        job: job.to_dto(),
        runs: runs
            .into_iter()
            .map(|(id, attempt, runner, started, finished, outcome, error)| JobRun {
                id,
                attempt,
                runner,
                started_at: to_utc(started),
                finished_at: finished.map(to_utc),
                outcome,
                error,
            })
            .collect(),
    })
}

/// "Run now": a pending job (or a finished one, deliberately re-run) becomes
/// due at once. Handlers are idempotent, so a re-run does no harm. Call it
/// inside a write transaction.
pub fn run_now(conn: &mut DbConnection, hospital_id: i64, id: i64) -> ApiResult<JobRow> {
    let job = load(conn, hospital_id, id)?;
    match job.status {
        Running => return Err(ApiError::conflict("status", "the job is running")),
        Dead => return Err(ApiError::conflict("status", "the job is dead: retry it instead")),
        _ => {}
    }
    set_due(conn, id, job.attempts)
}

/// "Retry": a dead job gets a fresh set of attempts, due now. Call it
/// inside a write transaction.
pub fn retry(conn: &mut DbConnection, hospital_id: i64, id: i64) -> ApiResult<JobRow> {
    let job = load(conn, hospital_id, id)?;
    if job.status != Dead {
        return Err(ApiError::conflict("status", format!("only dead jobs are retried; this one is {}", job.status)));
    }
    set_due(conn, id, 0)
}

fn set_due(conn: &mut DbConnection, id: i64, attempts: i32) -> ApiResult<JobRow> {
    let t = now();
    db_run!(conn: {
        Ok(diesel::update(jobs::table.filter(jobs::id.eq(id)))
            .set((
                jobs::status.eq(Pending),
                jobs::run_at.eq(t),
                jobs::attempts.eq(attempts),
                jobs::finished_at.eq(None::<NaiveDateTime>),
                jobs::updated_at.eq(t),
            ))
            .returning(JobRow::as_returning())
            .get_result(conn)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_up_to_the_cap() {
        let c = JobsConfig { retry_base_seconds: 30, retry_max_seconds: 600, ..Default::default() };
        let secs: Vec<i64> = (1..=7).map(|a| backoff(&c, a).num_seconds()).collect();
        assert_eq!(secs, [30, 60, 120, 240, 480, 600, 600]);
        assert_eq!(backoff(&c, 1000).num_seconds(), 600);
    }
}
