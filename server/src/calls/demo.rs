//! Demo call history: two calls of agent1 with the first patient of each
//! hospital, so the patient card's call tab has something to show.

use diesel::prelude::*;
use hcrm_shared::calls::{CallDirection, CallDisposition};

use crate::db::schema::{calls, patient_phones, patients, users};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::ApiResult;

pub fn load(conn: &mut DbConnection) -> ApiResult<()> {
    for (prefix, tag) in [("", "a"), ("h2.", "b")] {
        let agent = format!("{prefix}agent1");
        let found: Option<(i64, i64)> = db_run!(conn: {
            users::table.filter(users::username.eq(&agent)).select((users::id, users::hospital_id)).first(conn).optional()?
        });
        let Some((agent_id, hospital_id)) = found else { continue };
        let patient: Option<i64> = db_run!(conn: {
            patients::table.filter(patients::hospital_id.eq(hospital_id)).order(patients::id.asc()).select(patients::id).first(conn).optional()?
        });
        let Some(patient_id) = patient else { continue };
        let number: String = db_run!(conn: {
            patient_phones::table.filter(patient_phones::patient_id.eq(patient_id)).select(patient_phones::number).first(conn).optional()?
        })
        .unwrap_or_default();
        let t = now();
        for (i, (direction, disposition, days)) in [
            (CallDirection::Outbound, CallDisposition::Answered, 3i64),
            (CallDirection::Inbound, CallDisposition::NoAnswer, 1),
        ]
        .into_iter()
        .enumerate()
        {
            let started = t - chrono::Duration::days(days);
            let answered = (disposition == CallDisposition::Answered).then(|| started + chrono::Duration::seconds(8));
            let uuid = format!("00000000-0000-4000-8000-0000000d{tag}{i:03}");
            db_run!(conn: {
                diesel::insert_into(calls::table)
                    .values((
                        calls::hospital_id.eq(hospital_id),
                        calls::uuid.eq(&uuid),
                        calls::direction.eq(direction),
                        calls::local_number.eq("8001"),
                        calls::remote_number.eq(&number),
                        calls::agent_id.eq(agent_id),
                        calls::patient_id.eq(patient_id),
                        calls::started_at.eq(started),
                        calls::answered_at.eq(answered),
                        calls::ended_at.eq(started + chrono::Duration::seconds(95)),
                        calls::disposition.eq(disposition),
                        calls::created_at.eq(t),
                        calls::updated_at.eq(t),
                    ))
                    .on_conflict_do_nothing()
                    .execute(conn)?;
            });
        }
    }
    Ok(())
}
