//! No-shows and the online-booking block (黑名单): `no_show_limit` no-shows
//! within `no_show_window_days` block web, WeChat and partner booking for
//! `block_days`. Blocks expire by themselves; an administrator may lift one
//! early, and the reason is kept.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use hcrm_shared::appointments::AppointmentStatus;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::app::AppState;
use crate::audit::{self, Actor};
use crate::db::schema::{appointments, appt_blocks};
use crate::db::{now, to_utc, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = appt_blocks)]
pub struct BlockRow {
    pub id: i64,
    pub hospital_id: i64,
    pub patient_id: i64,
    pub reason: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub lifted_at: Option<NaiveDateTime>,
    pub lifted_by: Option<i64>,
    pub lift_reason: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Block {
    pub id: i64,
    pub patient_id: i64,
    pub reason: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub lifted_at: Option<DateTime<Utc>>,
    pub lift_reason: Option<String>,
    /// Blocking now: not expired and not lifted.
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PatientRecord {
    pub patient_id: i64,
    /// Counted apart: a cancellation is not a no-show.
    pub cancellations: i64,
    pub no_shows: i64,
    pub no_shows_in_window: i64,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LiftRequest {
    pub reason: String,
}

impl BlockRow {
    pub fn dto(&self, t: NaiveDateTime) -> Block {
        Block {
            id: self.id,
            patient_id: self.patient_id,
            reason: self.reason.clone(),
            starts_at: to_utc(self.starts_at),
            ends_at: to_utc(self.ends_at),
            lifted_at: self.lifted_at.map(to_utc),
            lift_reason: self.lift_reason.clone(),
            active: self.lifted_at.is_none() && self.ends_at > t,
        }
    }
}

pub fn active_block(conn: &mut DbConnection, patient_id: i64, t: NaiveDateTime) -> ApiResult<Option<BlockRow>> {
    db_run!(conn: {
        Ok(appt_blocks::table
            .filter(appt_blocks::patient_id.eq(patient_id))
            .filter(appt_blocks::lifted_at.is_null())
            .filter(appt_blocks::ends_at.gt(t))
            .order(appt_blocks::ends_at.desc())
            .select(BlockRow::as_select())
            .first(conn)
            .optional()?)
    })
}

fn no_shows_since(conn: &mut DbConnection, patient_id: i64, since: NaiveDateTime) -> ApiResult<i64> {
    db_run!(conn: {
        Ok(appointments::table
            .filter(appointments::patient_id.eq(patient_id))
            .filter(appointments::status.eq(AppointmentStatus::NoShow))
            .filter(appointments::no_show_at.ge(since))
            .count()
            .get_result(conn)?)
    })
}

/// Applies the rule after a no-show; returns the new block if one started.
pub fn apply_rule(
    conn: &mut DbConnection,
    state: &AppState,
    hospital_id: i64,
    patient_id: i64,
    t: NaiveDateTime,
) -> ApiResult<Option<BlockRow>> {
    let cfg = &state.config.appointments;
    if cfg.no_show_limit <= 0 || active_block(conn, patient_id, t)?.is_some() {
        return Ok(None);
    }
    // A lifted block forgives the no-shows before its lifting.
    let lifted: Option<NaiveDateTime> = db_run!(conn: {
        appt_blocks::table
            .filter(appt_blocks::patient_id.eq(patient_id))
            .select(diesel::dsl::max(appt_blocks::lifted_at))
            .first(conn)?
    });
    let window_start = t - Duration::days(cfg.no_show_window_days);
    let since = lifted.map_or(window_start, |l| l.max(window_start));
    let n = no_shows_since(conn, patient_id, since)?;
    if n < cfg.no_show_limit {
        return Ok(None);
    }
    let reason = format!("{n} no-shows within {} days", cfg.no_show_window_days);
    let row: BlockRow = db_run!(conn: {
        diesel::insert_into(appt_blocks::table)
            .values((
                appt_blocks::hospital_id.eq(hospital_id),
                appt_blocks::patient_id.eq(patient_id),
                appt_blocks::reason.eq(&reason),
                appt_blocks::starts_at.eq(t),
                appt_blocks::ends_at.eq(t + Duration::days(cfg.block_days)),
                appt_blocks::created_at.eq(t),
            ))
            .returning(BlockRow::as_returning())
            .get_result(conn)?
    });
    audit::record(
        conn,
        &super::system_actor(hospital_id),
        audit::AuditAction::AppointmentBlock,
        Some(patient_id),
        Some(&format!("appt_block:{}", row.id)),
        Some(&reason),
    )?;
    Ok(Some(row))
}

pub fn lift(conn: &mut DbConnection, actor: &Actor, hospital_id: i64, block_id: i64, reason: &str) -> ApiResult<Block> {
    if reason.trim().is_empty() {
        return Err(ApiError::invalid("reason", "say why the block is lifted"));
    }
    let t = now();
    let row: Option<BlockRow> = db_run!(conn: {
        diesel::update(
            appt_blocks::table
                .filter(appt_blocks::id.eq(block_id))
                .filter(appt_blocks::hospital_id.eq(hospital_id))
                .filter(appt_blocks::lifted_at.is_null()),
        )
        .set((appt_blocks::lifted_at.eq(Some(t)), appt_blocks::lifted_by.eq(actor.user_id), appt_blocks::lift_reason.eq(Some(reason.trim()))))
        .returning(BlockRow::as_returning())
        .get_result(conn)
        .optional()?
    });
    let row = row.ok_or_else(|| ApiError::not_found("active block"))?;
    audit::record(
        conn,
        actor,
        audit::AuditAction::AppointmentBlockLift,
        Some(row.patient_id),
        Some(&format!("appt_block:{block_id}")),
        Some(reason.trim()),
    )?;
    Ok(row.dto(t))
}

pub fn record_of(conn: &mut DbConnection, state: &AppState, patient_id: i64) -> ApiResult<PatientRecord> {
    let t = now();
    let since = t - Duration::days(state.config.appointments.no_show_window_days);
    let (cancellations, no_shows, blocks): (i64, i64, Vec<BlockRow>) = db_run!(conn: {
        let c = appointments::table.filter(appointments::patient_id.eq(patient_id)).filter(appointments::status.eq(AppointmentStatus::Cancelled)).count().get_result(conn)?;
        let n = appointments::table.filter(appointments::patient_id.eq(patient_id)).filter(appointments::status.eq(AppointmentStatus::NoShow)).count().get_result(conn)?;
        let b = appt_blocks::table.filter(appt_blocks::patient_id.eq(patient_id)).order(appt_blocks::id.desc()).select(BlockRow::as_select()).load(conn)?;
        (c, n, b)
    });
    Ok(PatientRecord {
        patient_id,
        cancellations,
        no_shows,
        no_shows_in_window: no_shows_since(conn, patient_id, since)?,
        blocks: blocks.iter().map(|b| b.dto(t)).collect(),
    })
}

pub fn list_active(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<Vec<Block>> {
    let t = now();
    let rows: Vec<BlockRow> = db_run!(conn: {
        appt_blocks::table
            .filter(appt_blocks::hospital_id.eq(hospital_id))
            .filter(appt_blocks::lifted_at.is_null())
            .filter(appt_blocks::ends_at.gt(t))
            .order(appt_blocks::id.desc())
            .select(BlockRow::as_select())
            .load(conn)?
    });
    Ok(rows.iter().map(|b| b.dto(t)).collect())
}
