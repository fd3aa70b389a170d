//! The follow-up engine's recurring jobs: generation (rules, spot checks,
//! plans, due SMS rounds, revisit reminders, overdue marking) every hour,
//! and the daily auto-assignment at 07:00 local time.

use diesel::prelude::*;

use crate::app::AppState;
use crate::db::schema::hospitals;
use crate::db_run;
use crate::error::ApiResult;
use crate::jobs::{JobContext, NewJob, Outcome};

pub const GENERATE_JOB: &str = "followup.generate";
pub const ASSIGN_JOB: &str = "followup.auto_assign";
pub const GENERATE_SCHEDULE: &str = "@every 1h";
pub const ASSIGN_SCHEDULE: &str = "0 7 * * *";

pub fn register(jobs: &crate::jobs::Jobs) {
    jobs.register(GENERATE_JOB, generate_job);
    jobs.register(ASSIGN_JOB, assign_job);
}

/// Makes sure every hospital has both recurring jobs (dedupe keys keep one
/// of each). Called when the job runner starts.
pub fn ensure_schedules(state: &AppState) -> ApiResult<()> {
    let mut conn = state.db.get()?;
    let conn = &mut *conn;
    let ids: Vec<i64> = db_run!(conn: { hospitals::table.select(hospitals::id).load(conn)? });
    for h in ids {
        for (kind, schedule) in [(GENERATE_JOB, GENERATE_SCHEDULE), (ASSIGN_JOB, ASSIGN_SCHEDULE)] {
            let job = NewJob {
                hospital_id: h,
                kind: kind.into(),
                schedule: Some(schedule.into()),
                dedupe_key: Some(kind.into()),
                ..Default::default()
            };
            crate::jobs::enqueue(conn, state, &job)?;
        }
    }
    state.jobs.wake();
    Ok(())
}

async fn generate_job(ctx: JobContext) -> Outcome {
    let state = ctx.state.clone();
    let hospital_id = ctx.job.hospital_id;
    match ctx.state.db.run(move |conn| super::generate::run_all(conn, &state, hospital_id)).await {
        Ok(r) => {
            tracing::info!(hospital_id, ?r, "follow-up generation");
            Outcome::Done
        }
        Err(e) => Outcome::Retry(e.detail),
    }
}

async fn assign_job(ctx: JobContext) -> Outcome {
    let hospital_id = ctx.job.hospital_id;
    match ctx.state.db.run(move |conn| super::assign::auto_assign(conn, hospital_id)).await {
        Ok(n) => {
            tracing::info!(hospital_id, assigned = n, "follow-up auto-assignment");
            Outcome::Done
        }
        Err(e) => Outcome::Retry(e.detail),
    }
}
