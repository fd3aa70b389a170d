//! The order an agent walks their queue in, and "next task": the open task
//! after the one on screen in that order, so the walk goes forward and
//! never comes back to a task just left.

use diesel::helper_types::{Asc, Desc};
use diesel::prelude::*;
use hcrm_shared::followup::{TaskKind, TaskStatus};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::tasks::{scoped_tasks, visible, Reach, TaskScope};
use crate::auth::AuthUser;
use crate::db::schema::followup_tasks;
use crate::db::DbConnection;
use crate::db_run;
use crate::error::ApiResult;

/// Due time, then priority (the text "urgent" sorts after "normal", so
/// descending puts urgent first), then id: a total order.
pub type QueueOrder = (Asc<followup_tasks::due_from>, Desc<followup_tasks::priority>, Asc<followup_tasks::id>);

pub fn queue_order() -> QueueOrder {
    (followup_tasks::due_from.asc(), followup_tasks::priority.desc(), followup_tasks::id.asc())
}

#[derive(Debug, Default, Clone, Deserialize, IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct NextQuery {
    /// Walk my own tasks first; the rest of my reach when they run out.
    pub mine: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NextTask {
    /// None when nothing open comes after the current task.
    pub task_id: Option<i64>,
}

/// The open task after `current` in queue order (mine first when asked).
pub fn next(
    conn: &mut DbConnection,
    scope: &TaskScope,
    auth: &AuthUser,
    current: i64,
    q: &NextQuery,
) -> ApiResult<NextTask> {
    let cur = visible(conn, scope, current)?;
    let passes: &[bool] = if q.mine == Some(true) { &[true, false] } else { &[false] };
    for &mine in passes {
        let found: Option<i64> = db_run!(conn: {
            let mut b = scoped_tasks!(scope)
                .filter(followup_tasks::status.eq_any(TaskStatus::OPEN))
                .filter(
                    followup_tasks::due_from.gt(cur.spec.due_from)
                        .or(followup_tasks::due_from.eq(cur.spec.due_from).and(followup_tasks::priority.lt(cur.spec.priority)))
                        .or(followup_tasks::due_from
                            .eq(cur.spec.due_from)
                            .and(followup_tasks::priority.eq(cur.spec.priority))
                            .and(followup_tasks::id.gt(cur.id))),
                );
            if mine {
                b = b.filter(followup_tasks::assignee_id.eq(auth.user_id));
            }
            b.order(queue_order()).select(followup_tasks::id).first(conn).optional()?
        });
        if found.is_some() {
            return Ok(NextTask { task_id: found });
        }
    }
    Ok(NextTask { task_id: None })
}
