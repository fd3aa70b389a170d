//! The jobs domain's types: the stored row, a job to enqueue, a claimed
//! attempt, how an attempt ended, the admin's list query.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use hcrm_shared::messaging::{Job, JobRunOutcome, JobStatus};

use crate::db::schema::{job_runs, jobs};
use crate::db::{to_utc, DbConnection};
use crate::error::ApiResult;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = jobs)]
pub struct JobRow {
    pub id: i64,
    pub hospital_id: i64,
    /// Left open, not an enum: handlers register under a name (the tests
    /// register their own), and a row may hold a kind this build has no
    /// handler for (written by another version), which the runner must
    /// still read to kill it.
    pub kind: String,
    pub payload: String,
    pub status: JobStatus,
    pub run_at: NaiveDateTime,
    pub schedule: Option<String>,
    pub attempts: i32,
    pub max_attempts: i32,
    pub last_error: Option<String>,
    pub locked_by: Option<String>,
    pub locked_until: Option<NaiveDateTime>,
    pub dedupe_key: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
}

impl JobRow {
    pub fn payload_json(&self) -> serde_json::Value {
        serde_json::from_str(&self.payload).unwrap_or(serde_json::Value::Null)
    }

    pub fn to_dto(&self) -> Job {
        Job {
            id: self.id,
            kind: self.kind.clone(),
            payload: self.payload_json(),
            status: self.status,
            run_at: to_utc(self.run_at),
            schedule: self.schedule.clone(),
            attempts: self.attempts,
            max_attempts: self.max_attempts,
            last_error: self.last_error.clone(),
            locked_by: self.locked_by.clone(),
            created_at: to_utc(self.created_at),
            updated_at: to_utc(self.updated_at),
            finished_at: self.finished_at.map(to_utc),
        }
    }
}

/// A job to enqueue. `run_at` defaults to now; a `schedule` makes it
/// recurring (first run at `run_at`, or the schedule's next time).
#[derive(Debug, Clone, Default)]
pub struct NewJob {
    pub hospital_id: i64,
    pub kind: String,
    pub payload: serde_json::Value,
    pub run_at: Option<NaiveDateTime>,
    pub schedule: Option<String>,
    pub max_attempts: Option<i32>,
    /// Enqueueing again with the same key returns the existing job.
    pub dedupe_key: Option<String>,
}

#[derive(Insertable)]
#[diesel(table_name = jobs)]
pub(super) struct InsertJob<'a> {
    pub(super) hospital_id: i64,
    pub(super) kind: &'a str,
    pub(super) payload: String,
    pub(super) status: JobStatus,
    pub(super) run_at: NaiveDateTime,
    pub(super) schedule: Option<&'a str>,
    pub(super) attempts: i32,
    pub(super) max_attempts: i32,
    pub(super) dedupe_key: Option<&'a str>,
    pub(super) created_at: NaiveDateTime,
    pub(super) updated_at: NaiveDateTime,
}

/// A claimed job and the history row of this attempt.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub job: JobRow,
    pub run_id: i64,
}

#[derive(Insertable)]
#[diesel(table_name = job_runs)]
pub(super) struct InsertRun<'a> {
    pub(super) hospital_id: i64,
    pub(super) job_id: i64,
    pub(super) attempt: i32,
    pub(super) runner: &'a str,
    pub(super) started_at: NaiveDateTime,
    pub(super) outcome: JobRunOutcome,
}

/// Database work a handler wants committed together with its job's
/// completion: one transaction (one fsync on SQLite) instead of two, and
/// the work and "done" cannot part.
pub type Completion = std::sync::Arc<dyn Fn(&mut DbConnection) -> ApiResult<()> + Send + Sync>;

/// How an attempt ended, as the handler reports it.
#[derive(Clone)]
pub enum Outcome {
    Done,
    /// Done, with `Completion` run in the transaction that records it.
    DoneWith(Completion),
    /// Try again after the back-off, unless attempts are used up.
    Retry(String),
    /// Give up now: retrying cannot help.
    Dead(String),
    /// Not now (quiet hours, rate limit): run again at `until` without
    /// spending an attempt.
    Hold {
        until: NaiveDateTime,
        reason: String,
    },
}

impl std::fmt::Debug for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Done => write!(f, "Done"),
            Outcome::DoneWith(_) => write!(f, "DoneWith(..)"),
            Outcome::Retry(e) => write!(f, "Retry({e:?})"),
            Outcome::Dead(e) => write!(f, "Dead({e:?})"),
            Outcome::Hold { until, reason } => write!(f, "Hold({until}, {reason:?})"),
        }
    }
}

#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct JobQuery {
    pub status: Option<JobStatus>,
    pub kind: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}
