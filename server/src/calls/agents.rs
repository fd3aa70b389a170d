//! Agent states (ready, busy, after-call work, away) as a timeline: the
//! open row is the current state, closed rows are the history.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use hcrm_shared::calls::{AgentState, AgentStateChange, AgentStatus};

use super::model::AgentStateRow;
use crate::audit;
use crate::auth::AuthUser;
use crate::db::schema::{agent_states, users};
use crate::db::{now, to_utc, write_transaction, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};

fn to_dto(r: AgentStateRow, username: String, display_name: String) -> AgentState {
    AgentState {
        user_id: r.user_id,
        username,
        display_name,
        state: r.state,
        reason: r.reason,
        since: to_utc(r.started_at),
        until: r.ended_at.map(to_utc),
    }
}

fn open_row(conn: &mut DbConnection, user_id: i64) -> ApiResult<Option<AgentStateRow>> {
    Ok(db_run!(conn: {
        agent_states::table
            .filter(agent_states::user_id.eq(user_id))
            .filter(agent_states::ended_at.is_null())
            .order(agent_states::id.desc())
            .select(AgentStateRow::as_select())
            .first(conn)
            .optional()?
    }))
}

/// The caller's current state; "away" since sign-in when never set.
pub fn current(conn: &mut DbConnection, auth: &AuthUser) -> ApiResult<AgentState> {
    let row = open_row(conn, auth.user_id)?.unwrap_or(AgentStateRow {
        user_id: auth.user_id,
        state: AgentStatus::Away,
        reason: None,
        started_at: now(),
        ended_at: None,
    });
    Ok(to_dto(row, auth.username.clone(), auth.display_name.clone()))
}

/// Moves the caller to a new state; the same state again is a no-op.
pub fn set(conn: &mut DbConnection, auth: &AuthUser, change: &AgentStateChange) -> ApiResult<AgentState> {
    let reason = change.reason.as_deref().map(str::trim).filter(|r| !r.is_empty()).map(String::from);
    if reason.as_deref().is_some_and(|r| r.chars().count() > 200) {
        return Err(ApiError::invalid("reason", "at most 200 characters"));
    }
    write_transaction(conn, |conn| {
        if let Some(cur) = open_row(conn, auth.user_id)? {
            if cur.state == change.state && cur.reason == reason {
                return Ok(());
            }
        }
        let t = now();
        db_run!(conn: {
            diesel::update(agent_states::table.filter(agent_states::user_id.eq(auth.user_id)).filter(agent_states::ended_at.is_null()))
                .set(agent_states::ended_at.eq(t))
                .execute(conn)?;
            diesel::insert_into(agent_states::table)
                .values((
                    agent_states::hospital_id.eq(auth.hospital_id),
                    agent_states::user_id.eq(auth.user_id),
                    agent_states::state.eq(change.state),
                    agent_states::reason.eq(&reason),
                    agent_states::started_at.eq(t),
                ))
                .execute(conn)?;
        });
        audit::record(
            conn,
            &auth.actor(),
            audit::AuditAction::AgentState,
            None,
            Some(change.state.as_str()),
            reason.as_deref(),
        )
    })?;
    current(conn, auth)
}

/// Every agent's current state in the hospital (supervisors).
pub fn board(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<Vec<AgentState>> {
    let rows: Vec<(AgentStateRow, String, String)> = db_run!(conn: {
        agent_states::table
            .inner_join(users::table)
            .filter(agent_states::hospital_id.eq(hospital_id))
            .filter(agent_states::ended_at.is_null())
            .order(users::username.asc())
            .select((AgentStateRow::as_select(), users::username, users::display_name))
            .load(conn)?
    });
    Ok(rows.into_iter().map(|(r, u, d)| to_dto(r, u, d)).collect())
}

#[derive(Debug, Default, Clone, serde::Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    /// Whose history (supervisors); the caller's own when left out.
    pub user_id: Option<i64>,
    /// From this time (UTC), newest first.
    pub from: Option<chrono::DateTime<chrono::Utc>>,
    pub limit: Option<i64>,
}

/// One user's state changes, newest first.
pub fn history(
    conn: &mut DbConnection,
    hospital_id: i64,
    user_id: i64,
    q: &HistoryQuery,
) -> ApiResult<Vec<AgentState>> {
    let from: Option<NaiveDateTime> = q.from.map(|t| t.naive_utc());
    let limit = q.limit.unwrap_or(100).clamp(1, 1000);
    let rows: Vec<(AgentStateRow, String, String)> = db_run!(conn: {
        let mut query = agent_states::table
            .inner_join(users::table)
            .filter(agent_states::hospital_id.eq(hospital_id))
            .filter(agent_states::user_id.eq(user_id))
            .into_boxed();
        if let Some(f) = from {
            query = query.filter(agent_states::started_at.ge(f));
        }
        query
            .order((agent_states::started_at.desc(), agent_states::id.desc()))
            .limit(limit)
            .select((AgentStateRow::as_select(), users::username, users::display_name))
            .load(conn)?
    });
    Ok(rows.into_iter().map(|(r, u, d)| to_dto(r, u, d)).collect())
}
