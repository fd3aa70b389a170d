//! Hospital-level follow-up settings: the working mode and the retry policy.

use diesel::prelude::*;

use super::model::FollowupSettings;
use crate::common::refs::{ensure_in_hospital, Ref};
use crate::db::schema::followup_settings;
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};

/// The hospital's settings, or the defaults when none were saved.
pub fn get(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<FollowupSettings> {
    let row: Option<FollowupSettings> = db_run!(conn: {
        followup_settings::table.find(hospital_id).select(FollowupSettings::as_select()).first(conn).optional()?
    });
    Ok(row.unwrap_or_default())
}

pub fn save(conn: &mut DbConnection, hospital_id: i64, s: &FollowupSettings) -> ApiResult<FollowupSettings> {
    if !(1..=10).contains(&s.max_attempts) {
        return Err(ApiError::invalid("max_attempts", "1 to 10"));
    }
    if !(1..=24 * 14).contains(&s.retry_interval_hours) {
        return Err(ApiError::invalid("retry_interval_hours", "1 to 336 hours"));
    }
    if !(0..=100).contains(&s.spot_check_percent) {
        return Err(ApiError::invalid("spot_check_percent", "0 to 100"));
    }
    if !(0..=90).contains(&s.revisit_grace_days) {
        return Err(ApiError::invalid("revisit_grace_days", "0 to 90 days"));
    }
    ensure_in_hospital(
        conn,
        hospital_id,
        Ref::Questionnaire,
        s.spot_check_questionnaire_id,
        "spot_check_questionnaire_id",
    )?;
    let t = now();
    let values = (s, followup_settings::updated_at.eq(t));
    db_run!(conn: {
        diesel::insert_into(followup_settings::table)
            .values((followup_settings::hospital_id.eq(hospital_id), values))
            .on_conflict(followup_settings::hospital_id)
            .do_update()
            .set(values)
            .execute(conn)?;
    });
    get(conn, hospital_id)
}
