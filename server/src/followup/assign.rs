//! Assignment: by count (balanced across chosen users), by department,
//! reassignment of one task, and the daily automatic run.

use std::collections::HashMap;

use diesel::prelude::*;
use hcrm_shared::Role;

use super::model::*;
use super::settings;
use super::tasks::{scoped_tasks, Reach, TaskScope};
use crate::audit::{self, Actor};
use crate::db::schema::{followup_tasks, users};
use crate::db::{now, write_transaction, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use hcrm_shared::followup::{AssignStrategy, FollowupMode, TaskChannel, TaskKind, TaskStatus};

/// People tasks may be assigned to: active agents, doctors and nurses of the
/// hospital, of `departments` when the caller manages only those.
pub fn assignees(conn: &mut DbConnection, hospital_id: i64, departments: Option<&[i64]>) -> ApiResult<Vec<Assignee>> {
    let rows: Vec<(i64, String, String, Option<i64>)> = db_run!(conn: {
        let mut q = users::table
            .filter(users::hospital_id.eq(hospital_id))
            .filter(users::disabled.eq(false))
            .filter(users::role.eq_any([Role::Agent, Role::Doctor, Role::Nurse]))
            .into_boxed();
        if let Some(d) = departments {
            q = q.filter(users::department_id.eq_any(d.to_vec()));
        }
        q.order(users::id).select((users::id, users::display_name, users::role, users::department_id)).load(conn)?
    });
    Ok(rows
        .into_iter()
        .map(|(id, display_name, role, department_id)| Assignee { id, display_name, role, department_id })
        .collect())
}

/// (id, role, department) of active users of the hospital among `ids`.
fn load_users(conn: &mut DbConnection, hospital_id: i64, ids: &[i64]) -> ApiResult<Vec<(i64, String, Option<i64>)>> {
    Ok(db_run!(conn: {
        users::table
            .filter(users::hospital_id.eq(hospital_id))
            .filter(users::id.eq_any(ids))
            .filter(users::disabled.eq(false))
            .select((users::id, users::role, users::department_id))
            .load(conn)?
    }))
}

/// Open tasks each user holds now.
fn open_load(conn: &mut DbConnection, ids: &[i64]) -> ApiResult<HashMap<i64, i64>> {
    let rows: Vec<Option<i64>> = db_run!(conn: {
        followup_tasks::table
            .filter(followup_tasks::assignee_id.eq_any(ids))
            .filter(followup_tasks::status.eq_any(TaskStatus::OPEN))
            .select(followup_tasks::assignee_id)
            .load(conn)?
    });
    let mut m: HashMap<i64, i64> = ids.iter().map(|i| (*i, 0)).collect();
    for r in rows.into_iter().flatten() {
        *m.entry(r).or_default() += 1;
    }
    Ok(m)
}

/// Gives each task to the least-loaded candidate (ties: first in the
/// list), so counts end balanced whatever people held before.
fn balance(
    tasks: &[(i64, Option<i64>)],
    candidates: impl Fn(Option<i64>) -> Vec<i64>,
    load: &mut HashMap<i64, i64>,
) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    for (task, dept) in tasks {
        let c = candidates(*dept);
        if let Some(u) = c.iter().min_by_key(|u| (load.get(u).copied().unwrap_or(0), c.iter().position(|x| x == *u))) {
            *load.entry(*u).or_default() += 1;
            out.push((*task, *u));
        }
    }
    out
}

fn apply(conn: &mut DbConnection, actor: Option<&Actor>, pairs: &[(i64, i64)]) -> ApiResult<Vec<UserCount>> {
    let t = now();
    write_transaction(conn, |conn| {
        for (task, user) in pairs {
            db_run!(conn: {
                diesel::update(followup_tasks::table.find(*task).filter(followup_tasks::assignee_id.is_null()))
                    .set((followup_tasks::assignee_id.eq(Some(*user)), followup_tasks::assigned_at.eq(Some(t)), followup_tasks::updated_at.eq(t)))
                    .execute(conn)?;
            });
        }
        if let Some(a) = actor {
            audit::record(
                conn,
                a,
                audit::AuditAction::FollowupAssign,
                None,
                None,
                Some(&format!("tasks={}", pairs.len())),
            )?;
        }
        Ok(())
    })?;
    let mut per: HashMap<i64, i64> = HashMap::new();
    for (_, u) in pairs {
        *per.entry(*u).or_default() += 1;
    }
    let mut v: Vec<UserCount> = per.into_iter().map(|(user_id, count)| UserCount { user_id, count }).collect();
    v.sort_by_key(|u| u.user_id);
    Ok(v)
}

/// Assigns the unassigned open tasks in the caller's reach.
pub fn assign(
    conn: &mut DbConnection,
    scope: &TaskScope,
    actor: &Actor,
    req: &AssignRequest,
) -> ApiResult<AssignResult> {
    if req.user_ids.is_empty() {
        return Err(ApiError::invalid("user_ids", "choose at least one person"));
    }
    let people = load_users(conn, scope.hospital_id, &req.user_ids)?;
    for (i, id) in req.user_ids.iter().enumerate() {
        let Some((_, _, dept)) = people.iter().find(|p| p.0 == *id) else {
            return Err(ApiError::invalid(
                format!("user_ids[{i}]"),
                format!("user {id} is not an active user of this hospital"),
            ));
        };
        if let Some(managed) = scope.managed_departments() {
            if !dept.is_some_and(|d| managed.contains(&d)) {
                return Err(ApiError::invalid(
                    format!("user_ids[{i}]"),
                    format!("user {id} is not in your department"),
                ));
            }
        }
    }
    let tasks: Vec<(i64, Option<i64>)> = db_run!(conn: {
        let mut q = scoped_tasks!(scope).filter(followup_tasks::assignee_id.is_null()).filter(followup_tasks::status.eq_any(TaskStatus::OPEN));
        if let Some(d) = req.department_id {
            q = q.filter(followup_tasks::department_id.eq(d));
        }
        if let Some(k) = req.kind {
            q = q.filter(followup_tasks::kind.eq(k));
        }
        q.order((followup_tasks::priority.desc(), followup_tasks::due_from.asc(), followup_tasks::id.asc()))
            .select((followup_tasks::id, followup_tasks::department_id))
            .load(conn)?
    });
    let mut load = open_load(conn, &req.user_ids)?;
    let chosen = req.user_ids.clone();
    let pairs = if req.strategy == AssignStrategy::Count {
        balance(&tasks, |_| chosen.clone(), &mut load)
    } else {
        balance(&tasks, |d| people.iter().filter(|p| d.is_some() && p.2 == d).map(|p| p.0).collect(), &mut load)
    };
    let per_user = apply(conn, Some(actor), &pairs)?;
    Ok(AssignResult { assigned: pairs.len(), per_user })
}

/// Gives one task to someone else (or back to the pool).
pub fn reassign(
    conn: &mut DbConnection,
    scope: &TaskScope,
    actor: &Actor,
    id: i64,
    user_id: Option<i64>,
) -> ApiResult<()> {
    let task = super::tasks::visible(conn, scope, id)?;
    if !task.status.is_open() {
        return Err(ApiError::conflict("status", format!("status: the task is {}", task.status)));
    }
    if let Some(u) = user_id {
        let found = load_users(conn, scope.hospital_id, &[u])?;
        let Some((_, _, dept)) = found.first() else {
            return Err(ApiError::invalid("user_id", format!("user {u} is not an active user of this hospital")));
        };
        if let Some(managed) = scope.managed_departments() {
            if !dept.is_some_and(|d| managed.contains(&d)) {
                return Err(ApiError::invalid("user_id", format!("user {u} is not in your department")));
            }
        }
    }
    let t = now();
    write_transaction(conn, |conn| {
        db_run!(conn: {
            diesel::update(followup_tasks::table.find(id))
                .set((followup_tasks::assignee_id.eq(user_id), followup_tasks::assigned_at.eq(user_id.map(|_| t)), followup_tasks::updated_at.eq(t)))
                .execute(conn)?;
        });
        audit::record(
            conn,
            actor,
            audit::AuditAction::FollowupReassign,
            Some(task.spec.patient_id),
            Some(&format!("followup_task:{id}")),
            Some(&format!("to={user_id:?}")),
        )
    })
}

/// The daily run: in the centralised mode every unassigned open task goes
/// to the hospital's agents, balanced; in the ward mode the centre's kinds
/// go to agents and the rest to the doctors and nurses of each task's
/// department.
pub fn auto_assign(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<usize> {
    let mode = settings::get(conn, hospital_id)?.mode;
    let staff: Vec<(i64, String, Option<i64>)> = db_run!(conn: {
        users::table
            .filter(users::hospital_id.eq(hospital_id))
            .filter(users::disabled.eq(false))
            .filter(users::role.eq_any([Role::Agent.as_str(), Role::Doctor.as_str(), Role::Nurse.as_str()]))
            .order(users::id)
            .select((users::id, users::role, users::department_id))
            .load(conn)?
    });
    let agents: Vec<i64> = staff.iter().filter(|s| s.1 == "agent").map(|s| s.0).collect();
    let all = TaskScope { hospital_id, reach: Reach::All };
    let tasks: Vec<(i64, Option<i64>, TaskKind)> = db_run!(conn: {
        scoped_tasks!(all)
            .filter(followup_tasks::assignee_id.is_null())
            .filter(followup_tasks::status.eq_any(TaskStatus::OPEN))
            .filter(followup_tasks::channel.eq(TaskChannel::Phone))
            .order((followup_tasks::priority.desc(), followup_tasks::due_from.asc(), followup_tasks::id.asc()))
            .select((followup_tasks::id, followup_tasks::department_id, followup_tasks::kind))
            .load(conn)?
    });
    let ids: Vec<i64> = staff.iter().map(|s| s.0).collect();
    let mut load = open_load(conn, &ids)?;
    let pairs = if mode == FollowupMode::Ward {
        let (centre, ward): (Vec<_>, Vec<_>) =
            tasks.into_iter().partition(|t| t.1.is_none() || TaskKind::CENTRE.contains(&t.2));
        let centre: Vec<(i64, Option<i64>)> = centre.into_iter().map(|t| (t.0, t.1)).collect();
        let ward: Vec<(i64, Option<i64>)> = ward.into_iter().map(|t| (t.0, t.1)).collect();
        let mut p = balance(&centre, |_| agents.clone(), &mut load);
        p.extend(balance(
            &ward,
            |d| staff.iter().filter(|s| s.1 != "agent" && d.is_some() && s.2 == d).map(|s| s.0).collect(),
            &mut load,
        ));
        p
    } else {
        let all: Vec<(i64, Option<i64>)> = tasks.into_iter().map(|t| (t.0, t.1)).collect();
        balance(&all, |_| agents.clone(), &mut load)
    };
    apply(conn, None, &pairs)?;
    Ok(pairs.len())
}
