//! Who sees which tasks, the task list and the follow-up screen, and the
//! outcome of an attempt (retry policy, death, readmission).

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use hcrm_shared::api::{ContactDirection, Sex};
use hcrm_shared::followup::{AttemptOutcome, FollowupMode, TaskKind, TaskStatus, TaskStatusFilter};
use hcrm_shared::masking::mask_phone;
use hcrm_shared::Role;

use super::model::*;
use super::service::{cancel_open_tasks, CancelScope};
use super::settings;
use crate::audit;
use crate::auth::AuthUser;
use crate::db::schema::{departments, followup_attempts, followup_tasks, patient_phones, patients, users};
use crate::db::{now, to_utc, write_transaction, DbConnection, IdNames};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::patients::model::{age_on, tags_from_db, tags_to_db, NewContactRow};
use crate::patients::service::log_contact;

/// Which tasks a user reaches.
#[derive(Debug, Clone)]
pub enum Reach {
    /// Admins; agents in the centralised mode.
    All,
    /// Agents in the ward mode: the centre's kinds, tasks without a
    /// department, and whatever is assigned to them.
    Centre(i64),
    /// Doctors: only tasks assigned to them.
    Assigned(i64),
    /// Nurses and managers: their department's tasks (spot checks excepted:
    /// they check the department) and whatever is assigned to them.
    Departments(Vec<i64>, i64),
}

#[derive(Debug, Clone)]
pub struct TaskScope {
    pub hospital_id: i64,
    pub reach: Reach,
}

impl TaskScope {
    pub fn of(conn: &mut DbConnection, auth: &AuthUser) -> ApiResult<TaskScope> {
        let mode = settings::get(conn, auth.hospital_id)?.mode;
        Ok(Self::for_role(auth.hospital_id, auth.user_id, auth.role, auth.department_id, mode))
    }

    pub fn for_role(
        hospital_id: i64,
        user_id: i64,
        role: Role,
        department_id: Option<i64>,
        mode: FollowupMode,
    ) -> TaskScope {
        let reach = match role {
            Role::Admin => Reach::All,
            Role::Agent if mode == FollowupMode::Ward => Reach::Centre(user_id),
            Role::Agent => Reach::All,
            Role::Nurse | Role::Manager => Reach::Departments(department_id.into_iter().collect(), user_id),
            _ => Reach::Assigned(user_id),
        };
        TaskScope { hospital_id, reach }
    }

    /// The departments a manager may administer (`None`: the hospital).
    pub fn managed_departments(&self) -> Option<Vec<i64>> {
        match &self.reach {
            Reach::All | Reach::Centre(_) => None,
            Reach::Departments(d, _) => Some(d.clone()),
            Reach::Assigned(_) => Some(vec![]),
        }
    }
}

/// Tasks in a scope, boxed for the backend in hand.
macro_rules! scoped_tasks {
    ($scope:expr) => {{
        let mut q = followup_tasks::table.filter(followup_tasks::hospital_id.eq($scope.hospital_id)).into_boxed();
        match &$scope.reach {
            Reach::All => {}
            Reach::Centre(me) => {
                q = q.filter(
                    followup_tasks::kind
                        .eq_any(TaskKind::CENTRE)
                        .or(followup_tasks::department_id.is_null())
                        .or(followup_tasks::assignee_id.eq(*me)),
                )
            }
            Reach::Assigned(me) => q = q.filter(followup_tasks::assignee_id.eq(*me)),
            Reach::Departments(depts, me) => {
                q = q.filter(
                    followup_tasks::department_id
                        .eq_any(depts.clone())
                        .and(followup_tasks::kind.ne(TaskKind::Administrative))
                        .or(followup_tasks::assignee_id.eq(*me)),
                )
            }
        }
        q
    }};
}
pub(crate) use scoped_tasks;

#[derive(Debug, Default, Clone, serde::Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TaskQuery {
    /// Only tasks assigned to me.
    pub mine: Option<bool>,
    pub department_id: Option<i64>,
    /// Open tasks due by the end of today (local), retries included.
    pub due_today: Option<bool>,
    /// Open tasks past their window.
    pub overdue: Option<bool>,
    pub kind: Option<TaskKind>,
    /// `open` (default), `all`, or one status.
    pub status: Option<TaskStatusFilter>,
    pub assignee_id: Option<i64>,
    /// Only tasks nobody has.
    pub unassigned: Option<bool>,
    pub rule_id: Option<i64>,
    pub patient_id: Option<i64>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// The end of the hospital's local day, in UTC.
pub fn end_of_local_day(t: NaiveDateTime, offset_minutes: i32) -> NaiveDateTime {
    let off = Duration::minutes(offset_minutes as i64);
    let local = (t + off).date();
    (local + Duration::days(1)).and_hms_opt(0, 0, 0).unwrap() - off
}

macro_rules! filtered_tasks {
    ($scope:expr, $q:expr, $me:expr, $today_end:expr) => {{
        let mut b = scoped_tasks!($scope);
        let q = $q;
        if q.mine == Some(true) {
            b = b.filter(followup_tasks::assignee_id.eq($me));
        }
        if let Some(d) = q.department_id {
            b = b.filter(followup_tasks::department_id.eq(d));
        }
        if let Some(k) = q.kind {
            b = b.filter(followup_tasks::kind.eq(k));
        }
        if let Some(a) = q.assignee_id {
            b = b.filter(followup_tasks::assignee_id.eq(a));
        }
        if q.unassigned == Some(true) {
            b = b.filter(followup_tasks::assignee_id.is_null());
        }
        if let Some(r) = q.rule_id {
            b = b.filter(followup_tasks::rule_id.eq(r));
        }
        if let Some(p) = q.patient_id {
            b = b.filter(followup_tasks::patient_id.eq(p));
        }
        match q.status.unwrap_or(TaskStatusFilter::Open) {
            TaskStatusFilter::All => {}
            f => b = b.filter(followup_tasks::status.eq_any(f.statuses())),
        }
        if q.overdue == Some(true) {
            // Past the window now, not only since the hourly job last ran.
            b = b
                .filter(followup_tasks::status.eq_any(TaskStatus::OPEN))
                .filter(followup_tasks::overdue.eq(true).or(followup_tasks::due_until.lt(crate::db::now())));
        }
        if q.due_today == Some(true) {
            b = b
                .filter(followup_tasks::status.eq_any(TaskStatus::OPEN))
                .filter(followup_tasks::due_from.lt($today_end))
                .filter(followup_tasks::next_attempt_at.is_null().or(followup_tasks::next_attempt_at.lt($today_end)));
        }
        b
    }};
}

/// One page of tasks in the caller's reach; phones masked; the read audited.
pub fn list(
    conn: &mut DbConnection,
    scope: &TaskScope,
    auth: &AuthUser,
    q: &TaskQuery,
    offset_minutes: i32,
) -> ApiResult<hcrm_shared::api::Page<Task>> {
    let (page, per_page) = crate::common::page_bounds(q.page, q.per_page);
    let today_end = end_of_local_day(now(), offset_minutes);
    let me = auth.user_id;
    let (total, rows): (i64, Vec<TaskRow>) = db_run!(conn: {
        let total = filtered_tasks!(scope, q, me, today_end).count().get_result(conn)?;
        let rows = filtered_tasks!(scope, q, me, today_end)
            .order(super::queue::queue_order())
            .offset((page - 1) * per_page)
            .limit(per_page)
            .select(TaskRow::as_select())
            .load(conn)?;
        (total, rows)
    });
    let items = dtos(conn, rows)?;
    let ids: Vec<String> = items.iter().map(|t| t.id.to_string()).collect();
    audit::record_read(
        conn,
        &auth.actor(),
        audit::AuditAction::FollowupTaskList,
        None,
        Some(&format!("tasks={}", ids.join(","))),
    )?;
    Ok(hcrm_shared::api::Page { items, total, page, per_page })
}

/// Task rows with the names a list shows.
pub fn dtos(conn: &mut DbConnection, rows: Vec<TaskRow>) -> ApiResult<Vec<Task>> {
    // Overdue is computed when read; the hourly job only stores it.
    let t = now();
    let pids: Vec<i64> = rows.iter().map(|r| r.spec.patient_id).collect();
    let dids: Vec<i64> = rows.iter().filter_map(|r| r.spec.department_id).collect();
    let uids: Vec<i64> = rows.iter().filter_map(|r| r.spec.assignee_id).collect();
    let (people, phones, depts, names): (Vec<(i64, String, String)>, IdNames, IdNames, IdNames) = db_run!(conn: {
        let mut people = Vec::new();
        let mut phones = Vec::new();
        for chunk in pids.chunks(500) {
            people.extend(patients::table.filter(patients::id.eq_any(chunk)).select((patients::id, patients::name, patients::mrn)).load::<(i64, String, String)>(conn)?);
            phones.extend(
                patient_phones::table
                    .filter(patient_phones::patient_id.eq_any(chunk))
                    .order((patient_phones::patient_id, patient_phones::position.desc()))
                    .select((patient_phones::patient_id, patient_phones::number))
                    .load::<(i64, String)>(conn)?,
            );
        }
        let depts = departments::table.filter(departments::id.eq_any(&dids)).select((departments::id, departments::name)).load(conn)?;
        let names = users::table.filter(users::id.eq_any(&uids)).select((users::id, users::display_name)).load(conn)?;
        (people, phones, depts, names)
    });
    let people: HashMap<i64, (String, String)> = people.into_iter().map(|(i, n, m)| (i, (n, m))).collect();
    // Ordered by position descending, so the last insert is the first phone.
    let phones: HashMap<i64, String> = phones.into_iter().collect();
    let depts: HashMap<i64, String> = depts.into_iter().collect();
    let names: HashMap<i64, String> = names.into_iter().collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let (patient_name, mrn) = people.get(&r.spec.patient_id).cloned().unwrap_or_default();
            Task {
                id: r.id,
                patient_id: r.spec.patient_id,
                patient_name,
                mrn,
                phone_masked: phones.get(&r.spec.patient_id).map(|p| mask_phone(p)),
                visit_id: r.spec.visit_id,
                department_id: r.spec.department_id,
                department_name: r.spec.department_id.and_then(|d| depts.get(&d).cloned()),
                kind: r.spec.kind,
                title: r.spec.title,
                detail: r.spec.detail,
                priority: r.spec.priority,
                channel: r.spec.channel,
                questionnaire_id: r.spec.questionnaire_id,
                due_from: to_utc(r.spec.due_from),
                due_until: to_utc(r.spec.due_until),
                status: r.status,
                assignee_id: r.spec.assignee_id,
                assignee_name: r.spec.assignee_id.and_then(|u| names.get(&u).cloned()),
                attempts: r.attempts,
                max_attempts: r.spec.max_attempts,
                next_attempt_at: r.next_attempt_at.map(to_utc),
                outcome: r.outcome,
                cancel_reason: r.cancel_reason,
                overdue: r.overdue || (r.status.is_open() && r.spec.due_until < t),
                rule_id: r.rule_id,
                completed_at: r.completed_at.map(to_utc),
            }
        })
        .collect())
}

/// One task in the scope, or "not found".
pub fn visible(conn: &mut DbConnection, scope: &TaskScope, id: i64) -> ApiResult<TaskRow> {
    let row: Option<TaskRow> = db_run!(conn: {
        scoped_tasks!(scope).filter(followup_tasks::id.eq(id)).select(TaskRow::as_select()).first(conn).optional()?
    });
    row.ok_or_else(|| ApiError::not_found("task"))
}

/// The follow-up screen. Audited as a read of the patient's record.
pub fn detail(conn: &mut DbConnection, scope: &TaskScope, auth: &AuthUser, id: i64) -> ApiResult<TaskDetail> {
    let row = visible(conn, scope, id)?;
    let (patient_id, visit_id) = (row.spec.patient_id, row.spec.visit_id);
    let (sex, birth, tags, phones, attempts): (
        Sex,
        Option<chrono::NaiveDate>,
        String,
        Vec<String>,
        Vec<(AttemptRow, String)>,
    ) = db_run!(conn: {
        let (sex, birth, tags) = patients::table.find(patient_id).select((patients::sex, patients::birth_date, patients::tags)).first(conn)?;
        let phones = patient_phones::table
            .filter(patient_phones::patient_id.eq(patient_id))
            .order(patient_phones::position)
            .select(patient_phones::number)
            .load(conn)?;
        let attempts = followup_attempts::table
            .inner_join(users::table.on(users::id.eq(followup_attempts::user_id)))
            .filter(followup_attempts::task_id.eq(id))
            .order(followup_attempts::at.asc())
            .select((AttemptRow::as_select(), users::username))
            .load(conn)?;
        (sex, birth, tags, phones, attempts)
    });
    let visit = match visit_id {
        Some(v) => crate::patients::service::visits_of(conn, patient_id, None)?.into_iter().find(|x| x.id == v),
        None => None,
    };
    let task = dtos(conn, vec![row])?.remove(0);
    audit::record_read(
        conn,
        &auth.actor(),
        audit::AuditAction::FollowupTaskRead,
        Some(patient_id),
        Some(&format!("followup_task:{id}")),
    )?;
    Ok(TaskDetail {
        task,
        sex,
        age: birth.map(|b| age_on(b, now().date())),
        tags: tags_from_db(&tags),
        phones_masked: phones.iter().map(|p| mask_phone(p)).collect(),
        visit,
        attempts: attempts.into_iter().map(|(a, u)| a.dto(u)).collect(),
    })
}

/// Records one attempt and moves the task on: reached, refused, deceased
/// and readmitted close it; no answer and busy retry after the configured
/// interval until the attempts run out (then it fails); wrong number fails
/// it; call back reschedules it. A death tags the patient and cancels their
/// other open tasks; a readmission cancels their discharge follow-ups. The
/// attempt, the task, the contact log and the audit row commit together.
pub fn record_outcome(
    conn: &mut DbConnection,
    scope: &TaskScope,
    auth: &AuthUser,
    id: i64,
    input: &RecordOutcome,
) -> ApiResult<Task> {
    let outcome = input.outcome;
    let callback_at = input.callback_at.map(|c| c.naive_utc());
    if outcome == AttemptOutcome::CallBack && callback_at.is_none() {
        return Err(ApiError::invalid("callback_at", "a call back needs the time the patient asked for"));
    }
    let note = input.note.trim().to_string();
    if note.chars().count() > 2000 {
        return Err(ApiError::invalid("note", "at most 2000 characters"));
    }
    let call_id = input.call_id.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let policy = settings::get(conn, scope.hospital_id)?;
    write_transaction(conn, |conn| {
        let task = visible(conn, scope, id)?;
        if !task.status.is_open() {
            return Err(ApiError::conflict(
                "status",
                format!("status: the task is {} and takes no more outcomes", task.status),
            ));
        }
        let t = now();
        let attempts = task.attempts + 1;
        let (status, next_at): (TaskStatus, Option<NaiveDateTime>) = match outcome {
            o if o.is_retry() => {
                if attempts >= task.spec.max_attempts {
                    (TaskStatus::Failed, None)
                } else {
                    (TaskStatus::Pending, Some(t + Duration::hours(policy.retry_interval_hours as i64)))
                }
            }
            AttemptOutcome::CallBack => (TaskStatus::Pending, callback_at),
            AttemptOutcome::WrongNumber => (TaskStatus::Failed, None),
            _ => (TaskStatus::Completed, None),
        };
        let closed = status != TaskStatus::Pending;
        let patient_id = task.spec.patient_id;
        db_run!(conn: {
            diesel::insert_into(followup_attempts::table)
                .values((
                    followup_attempts::hospital_id.eq(scope.hospital_id),
                    followup_attempts::task_id.eq(id),
                    followup_attempts::patient_id.eq(patient_id),
                    followup_attempts::user_id.eq(auth.user_id),
                    followup_attempts::at.eq(t),
                    followup_attempts::outcome.eq(outcome),
                    followup_attempts::note.eq(&note),
                    followup_attempts::call_id.eq(&call_id),
                    followup_attempts::callback_at.eq(callback_at),
                ))
                .execute(conn)?;
            diesel::update(followup_tasks::table.find(id))
                .set((
                    followup_tasks::status.eq(status),
                    followup_tasks::attempts.eq(attempts),
                    followup_tasks::next_attempt_at.eq(next_at),
                    followup_tasks::outcome.eq(outcome.as_str()),
                    followup_tasks::last_attempt_at.eq(t),
                    followup_tasks::updated_at.eq(t),
                    followup_tasks::completed_at.eq(closed.then_some(t)),
                    followup_tasks::completed_by.eq(closed.then_some(auth.user_id)),
                ))
                .execute(conn)?;
        });
        let summary = if note.is_empty() {
            format!("随访「{}」: {outcome}", task.spec.title)
        } else {
            format!("随访「{}」: {outcome} — {note}", task.spec.title)
        };
        let entry = NewContactRow {
            hospital_id: scope.hospital_id,
            patient_id,
            user_id: auth.user_id,
            at: t,
            channel: task.spec.channel.into(),
            direction: ContactDirection::Outbound,
            summary: &summary,
        };
        log_contact(conn, &entry)?;
        match outcome {
            AttemptOutcome::Deceased => {
                let tags: String =
                    db_run!(conn: { patients::table.find(patient_id).select(patients::tags).first(conn)? });
                let mut list = tags_from_db(&tags);
                list.push(hcrm_shared::api::PatientTag::Deceased);
                let tags = tags_to_db(&list);
                db_run!(conn: {
                    diesel::update(patients::table.find(patient_id)).set((patients::tags.eq(tags), patients::updated_at.eq(t))).execute(conn)?;
                });
                cancel_open_tasks(conn, CancelScope::Patient(patient_id), "deceased")?;
                audit::record(
                    conn,
                    &auth.actor(),
                    audit::AuditAction::PatientUpdate,
                    Some(patient_id),
                    Some(&format!("followup_task:{id}")),
                    Some("tags+=deceased"),
                )?;
            }
            AttemptOutcome::Readmitted => {
                cancel_open_tasks(
                    conn,
                    CancelScope::PatientKinds(patient_id, &[TaskKind::Discharge, TaskKind::Administrative]),
                    "readmitted",
                )?;
            }
            _ => {}
        }
        audit::record(
            conn,
            &auth.actor(),
            audit::AuditAction::FollowupOutcome,
            Some(patient_id),
            Some(&format!("followup_task:{id}")),
            Some(outcome.as_str()),
        )?;
        Ok(())
    })?;
    let row = visible(conn, &TaskScope { hospital_id: scope.hospital_id, reach: Reach::All }, id)?;
    Ok(dtos(conn, vec![row])?.remove(0))
}

/// Marks open tasks past their window as overdue; returns how many.
pub fn mark_overdue(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<usize> {
    let t = now();
    Ok(db_run!(conn: {
        diesel::update(
            followup_tasks::table
                .filter(followup_tasks::hospital_id.eq(hospital_id))
                .filter(followup_tasks::status.eq_any(TaskStatus::OPEN))
                .filter(followup_tasks::overdue.eq(false))
                .filter(followup_tasks::due_until.lt(t)),
        )
        .set((followup_tasks::overdue.eq(true), followup_tasks::updated_at.eq(t)))
        .execute(conn)?
    }))
}

/// Up to 50,000 tasks matching the filters (for the Excel export), with
/// each task's last non-empty attempt note. The export is audited.
pub fn export_rows(
    conn: &mut DbConnection,
    scope: &TaskScope,
    auth: &AuthUser,
    q: &TaskQuery,
    offset_minutes: i32,
) -> ApiResult<(Vec<Task>, HashMap<i64, String>)> {
    let today_end = end_of_local_day(now(), offset_minutes);
    let me = auth.user_id;
    let rows: Vec<TaskRow> = db_run!(conn: {
        filtered_tasks!(scope, q, me, today_end)
            .order((followup_tasks::due_from.asc(), followup_tasks::id.asc()))
            .limit(50_000)
            .select(TaskRow::as_select())
            .load(conn)?
    });
    let mut notes = HashMap::new();
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    for chunk in ids.chunks(500) {
        let found: Vec<(i64, String)> = db_run!(conn: {
            followup_attempts::table
                .filter(followup_attempts::task_id.eq_any(chunk))
                .filter(followup_attempts::note.ne(""))
                .order(followup_attempts::at.asc())
                .select((followup_attempts::task_id, followup_attempts::note))
                .load(conn)?
        });
        notes.extend(found);
    }
    let tasks = dtos(conn, rows)?;
    audit::record_read(
        conn,
        &auth.actor(),
        audit::AuditAction::FollowupExport,
        None,
        Some(&format!("rows={}", tasks.len())),
    )?;
    Ok((tasks, notes))
}
