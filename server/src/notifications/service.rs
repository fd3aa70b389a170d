use diesel::prelude::*;
use hcrm_shared::api::Page;
use hcrm_shared::messaging::Notification;

use super::model::{DeliverPayload, Message, NewRow, Row};
use crate::db::schema::{notifications, users};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};

/// Stores one notification per user (users of another hospital are
/// skipped); with a `dedupe_key`, at most one per user and key. Wake the hub
/// with the same ids after commit.
pub fn create(
    conn: &mut DbConnection,
    hospital_id: i64,
    user_ids: &[i64],
    m: &Message,
    dedupe_key: Option<&str>,
) -> ApiResult<Vec<i64>> {
    m.validate()?;
    let t = now();
    db_run!(conn: {
        let ids: Vec<i64> = users::table
            .filter(users::hospital_id.eq(hospital_id))
            .filter(users::id.eq_any(user_ids))
            .select(users::id)
            .load(conn)?;
        for &user_id in &ids {
            let row = NewRow { hospital_id, user_id, kind: m.kind, title: &m.title, body: &m.body, link: m.link.as_deref(), dedupe_key, created_at: t };
            diesel::insert_into(notifications::table).values(&row).on_conflict_do_nothing().execute(conn)?;
        }
        Ok(ids)
    })
}

/// Active users of a role in a hospital.
pub fn users_with_role(conn: &mut DbConnection, hospital_id: i64, role: &str) -> ApiResult<Vec<i64>> {
    db_run!(conn: {
        Ok(users::table
            .filter(users::hospital_id.eq(hospital_id))
            .filter(users::role.eq(role))
            .filter(users::disabled.eq(false))
            .select(users::id)
            .load(conn)?)
    })
}

pub fn list(
    conn: &mut DbConnection,
    user_id: i64,
    unread_only: bool,
    page: i64,
    per_page: i64,
) -> ApiResult<Page<Notification>> {
    db_run!(conn: {
        let filtered = || {
            let mut q = notifications::table.filter(notifications::user_id.eq(user_id)).into_boxed();
            if unread_only {
                q = q.filter(notifications::read_at.is_null());
            }
            q
        };
        let total: i64 = filtered().count().get_result(conn)?;
        let rows: Vec<Row> = filtered()
            .order(notifications::id.desc())
            .offset((page - 1) * per_page)
            .limit(per_page)
            .select(Row::as_select())
            .load(conn)?;
        Ok(Page { items: rows.into_iter().map(Row::dto).collect(), total, page, per_page })
    })
}

/// Notifications newer than `after_id`, oldest first (for the push).
pub fn newer_than(conn: &mut DbConnection, user_id: i64, after_id: i64) -> ApiResult<Vec<Notification>> {
    db_run!(conn: {
        let rows: Vec<Row> = notifications::table
            .filter(notifications::user_id.eq(user_id))
            .filter(notifications::id.gt(after_id))
            .order(notifications::id)
            .limit(100)
            .select(Row::as_select())
            .load(conn)?;
        Ok(rows.into_iter().map(Row::dto).collect())
    })
}

/// Runs `f` in one read snapshot (REPEATABLE READ on PostgreSQL; a SQLite
/// transaction reads one snapshot anyway), so that a notification committed
/// between two reads cannot show in the unread count before it shows in the
/// list.
pub fn in_snapshot<T>(conn: &mut DbConnection, f: impl FnOnce(&mut DbConnection) -> ApiResult<T>) -> ApiResult<T> {
    use diesel::connection::SimpleConnection;
    use diesel::Connection;
    conn.transaction::<T, crate::error::ApiError, _>(|conn| {
        if let DbConnection::Postgresql(c) = conn {
            c.batch_execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")?;
        }
        f(conn)
    })
}

pub fn latest_id(conn: &mut DbConnection, user_id: i64) -> ApiResult<i64> {
    db_run!(conn: {
        Ok(notifications::table
            .filter(notifications::user_id.eq(user_id))
            .select(diesel::dsl::max(notifications::id))
            .first::<Option<i64>>(conn)?
            .unwrap_or(0))
    })
}

pub fn unread_count(conn: &mut DbConnection, user_id: i64) -> ApiResult<i64> {
    db_run!(conn: {
        Ok(notifications::table
            .filter(notifications::user_id.eq(user_id))
            .filter(notifications::read_at.is_null())
            .count()
            .get_result(conn)?)
    })
}

/// Marks one of the user's notifications read; someone else's is 404.
pub fn mark_read(conn: &mut DbConnection, user_id: i64, id: i64) -> ApiResult<()> {
    let t = now();
    db_run!(conn: {
        let exists: i64 = notifications::table
            .filter(notifications::id.eq(id))
            .filter(notifications::user_id.eq(user_id))
            .count()
            .get_result(conn)?;
        if exists == 0 {
            return Err(ApiError::not_found("notification"));
        }
        diesel::update(notifications::table.filter(notifications::id.eq(id)).filter(notifications::read_at.is_null()))
            .set(notifications::read_at.eq(Some(t)))
            .execute(conn)?;
        Ok(())
    })
}

pub fn mark_all_read(conn: &mut DbConnection, user_id: i64) -> ApiResult<i64> {
    let t = now();
    db_run!(conn: {
        Ok(diesel::update(notifications::table.filter(notifications::user_id.eq(user_id)).filter(notifications::read_at.is_null()))
            .set(notifications::read_at.eq(Some(t)))
            .execute(conn)? as i64)
    })
}

/// The job that delivers a scheduled notification (a reminder).
pub const DELIVER_JOB: &str = "notification.deliver";

pub async fn deliver_job(ctx: crate::jobs::JobContext) -> crate::jobs::Outcome {
    use crate::jobs::Outcome;
    let payload: DeliverPayload = match serde_json::from_str(&ctx.job.payload) {
        Ok(p) => p,
        Err(e) => return Outcome::Dead(format!("bad payload: {e}")),
    };
    let hospital_id = ctx.job.hospital_id;
    let job_id = ctx.job.id;
    // The job id keys the insert, so a re-run after a crash adds nothing.
    let res = ctx
        .state
        .db
        .write(move |conn| {
            create(conn, hospital_id, &payload.user_ids, &payload.message, Some(&format!("job:{job_id}")))
        })
        .await;
    wake_notified(&ctx.state, res)
}

/// How a job that notified users ends: they are woken, or it is tried again.
pub fn wake_notified(state: &crate::app::AppState, notified: ApiResult<Vec<i64>>) -> crate::jobs::Outcome {
    match notified {
        Ok(ids) => {
            state.hub.wake(&ids);
            crate::jobs::Outcome::Done
        }
        Err(e) => crate::jobs::Outcome::Retry(e.detail),
    }
}
