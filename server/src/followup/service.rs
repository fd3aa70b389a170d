use chrono::NaiveDateTime;
use diesel::prelude::*;
use hcrm_shared::followup::{TaskChannel, TaskKind, TaskPriority, TaskStatus};

use crate::db::schema::followup_tasks;
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};

/// A task to create. `source_key` makes creation idempotent: the same key in
/// the same hospital always names the same task.
#[derive(Debug, Clone, Insertable, Queryable, Selectable)]
#[diesel(table_name = followup_tasks)]
pub struct NewTask {
    pub hospital_id: i64,
    pub patient_id: i64,
    pub visit_id: Option<i64>,
    pub department_id: Option<i64>,
    pub kind: TaskKind,
    pub source_key: String,
    pub title: String,
    pub detail: String,
    pub priority: TaskPriority,
    pub channel: TaskChannel,
    pub questionnaire_id: Option<i64>,
    pub due_from: NaiveDateTime,
    pub due_until: NaiveDateTime,
    pub assignee_id: Option<i64>,
    pub max_attempts: i32,
    pub created_by: Option<i64>,
}

impl NewTask {
    /// An urgent phone callback due now and within a day, the shape
    /// questionnaire rules, evaluator ratings and complaints ask for.
    pub fn callback(
        hospital_id: i64,
        patient_id: i64,
        department_id: Option<i64>,
        source_key: impl Into<String>,
        title: impl Into<String>,
        detail: impl Into<String>,
    ) -> NewTask {
        let t = now();
        NewTask {
            hospital_id,
            patient_id,
            visit_id: None,
            department_id,
            kind: TaskKind::Callback,
            source_key: source_key.into(),
            title: title.into(),
            detail: detail.into(),
            priority: TaskPriority::Urgent,
            channel: TaskChannel::Phone,
            questionnaire_id: None,
            due_from: t,
            due_until: t + chrono::Duration::days(1),
            assignee_id: None,
            max_attempts: 3,
            created_by: None,
        }
    }

    pub(crate) fn validate(&self) -> ApiResult<()> {
        if self.source_key.is_empty() || self.title.trim().is_empty() {
            return Err(ApiError::invalid("title", "a task needs a title and a source"));
        }
        if self.due_until < self.due_from {
            return Err(ApiError::invalid("due_until", "the due window ends before it starts"));
        }
        Ok(())
    }
}

/// Creates the task unless one with the same source key exists; returns the
/// task's id either way and whether it is new. Call inside the producer's
/// transaction so the task and its cause commit together.
pub fn create_task(conn: &mut DbConnection, task: &NewTask) -> ApiResult<(i64, bool)> {
    task.validate()?;
    let t = now();
    db_run!(conn: {
        let inserted = diesel::insert_into(followup_tasks::table)
            .values((task, followup_tasks::created_at.eq(t), followup_tasks::updated_at.eq(t)))
            .on_conflict_do_nothing()
            .execute(conn)?;
        let id: i64 = followup_tasks::table
            .filter(followup_tasks::hospital_id.eq(task.hospital_id))
            .filter(followup_tasks::source_key.eq(&task.source_key))
            .select(followup_tasks::id)
            .first(conn)?;
        Ok((id, inserted == 1))
    })
}

/// Which pending tasks a cancellation reaches.
#[derive(Debug, Clone, Copy)]
pub enum CancelScope<'a> {
    /// Every open task made for this visit (ADT A11 cancel admit, A13 cancel
    /// discharge).
    Visit(i64),
    /// Every open task of the patient (death).
    Patient(i64),
    /// The patient's open tasks of these kinds (a readmission makes the
    /// discharge follow-up of the last stay pointless).
    PatientKinds(i64, &'a [TaskKind]),
}

/// Cancels the open (pending or in progress) tasks in `scope`, recording
/// `reason`; returns how many. Completed and failed tasks are history and
/// stay as they are.
pub fn cancel_open_tasks(conn: &mut DbConnection, scope: CancelScope<'_>, reason: &str) -> ApiResult<usize> {
    let t = now();
    db_run!(conn: {
        let open = followup_tasks::status.eq_any(TaskStatus::OPEN);
        let set = (
            followup_tasks::status.eq(TaskStatus::Cancelled),
            followup_tasks::cancel_reason.eq(reason),
            followup_tasks::updated_at.eq(t),
        );
        let n = match scope {
            CancelScope::Visit(visit) => diesel::update(followup_tasks::table.filter(followup_tasks::visit_id.eq(visit)).filter(open)).set(set).execute(conn)?,
            CancelScope::Patient(patient) => diesel::update(followup_tasks::table.filter(followup_tasks::patient_id.eq(patient)).filter(open)).set(set).execute(conn)?,
            CancelScope::PatientKinds(patient, kinds) => diesel::update(
                followup_tasks::table.filter(followup_tasks::patient_id.eq(patient)).filter(followup_tasks::kind.eq_any(kinds)).filter(open),
            )
            .set(set)
            .execute(conn)?,
        };
        Ok(n)
    })
}
