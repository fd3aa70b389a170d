//! Weekly templates, the holiday calendar and the generation of sessions and
//! their slots from them.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use diesel::prelude::*;
use hcrm_shared::appointments::{BookingChannel, SessionStatus, SlotStatus};

use super::model::*;
use crate::config::Config;
use crate::db::schema::{appt_holidays, appt_sessions, appt_slots, appt_templates, departments, users};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};

pub fn parse_hhmm(field: &str, s: &str) -> ApiResult<NaiveTime> {
    NaiveTime::parse_from_str(s, "%H:%M").map_err(|_| ApiError::invalid(field, format!("{s:?} is not a time HH:MM")))
}

/// Local wall-clock time to the stored UTC.
pub fn local_to_utc(day: NaiveDate, t: NaiveTime, utc_offset_minutes: i32) -> NaiveDateTime {
    day.and_time(t) - Duration::minutes(utc_offset_minutes as i64)
}

/// When online channels may start booking a session of `day`.
pub fn release_at(config: &Config, day: NaiveDate) -> NaiveDateTime {
    let cfg = &config.appointments;
    let t = NaiveTime::parse_from_str(&cfg.release_time, "%H:%M").unwrap_or(NaiveTime::from_hms_opt(7, 0, 0).unwrap());
    local_to_utc(day - Duration::days(cfg.release_days_ahead), t, config.utc_offset_minutes)
}

fn validate(conn: &mut DbConnection, hospital_id: i64, t: &TemplateInput) -> ApiResult<()> {
    if !(1..=7).contains(&t.weekday) {
        return Err(ApiError::invalid("weekday", "use 1 (Monday) to 7 (Sunday)"));
    }
    let start = parse_hhmm("start_time", &t.start_time)?;
    let end = parse_hhmm("end_time", &t.end_time)?;
    if end <= start {
        return Err(ApiError::invalid("end_time", "the session ends before it starts"));
    }
    if !(1..=240).contains(&t.slot_minutes) {
        return Err(ApiError::invalid("slot_minutes", "use 1 to 240 minutes"));
    }
    if (end - start).num_minutes() < t.slot_minutes as i64 {
        return Err(ApiError::invalid("slot_minutes", "the session is shorter than one slot"));
    }
    if t.onsite_every < 0 || t.onsite_every == 1 {
        return Err(ApiError::invalid("onsite_every", "use 0 (none) or 2 and more"));
    }
    for (ch, n) in &t.quotas {
        // Stored as JSON keyed by channel, so checked here rather than typed.
        if let Err(e) = ch.parse::<BookingChannel>() {
            return Err(ApiError::invalid("quotas", format!("channel {e}")));
        }
        if *n < 0 {
            return Err(ApiError::invalid("quotas", format!("the quota of {ch} is negative")));
        }
    }
    let (dept, doctor) = (t.department_id, t.doctor_id);
    db_run!(conn: {
        let found: i64 = departments::table.filter(departments::id.eq(dept)).filter(departments::hospital_id.eq(hospital_id)).count().get_result(conn)?;
        if found == 0 {
            return Err(ApiError::invalid("department_id", "no such department"));
        }
        if let Some(d) = doctor {
            let found: i64 = users::table.filter(users::id.eq(d)).filter(users::hospital_id.eq(hospital_id)).count().get_result(conn)?;
            if found == 0 {
                return Err(ApiError::invalid("doctor_id", "no such user"));
            }
        }
        Ok(())
    })
}

pub fn list_templates(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<Vec<Template>> {
    let rows: Vec<TemplateRow> = db_run!(conn: {
        appt_templates::table
            .filter(appt_templates::hospital_id.eq(hospital_id))
            .order((appt_templates::weekday, appt_templates::start_time, appt_templates::id))
            .select(TemplateRow::as_select())
            .load(conn)?
    });
    Ok(rows.iter().map(TemplateRow::dto).collect())
}

pub fn create_template(conn: &mut DbConnection, hospital_id: i64, t: &TemplateInput) -> ApiResult<Template> {
    validate(conn, hospital_id, t)?;
    let columns = t.columns();
    let row: TemplateRow = db_run!(conn: {
        diesel::insert_into(appt_templates::table)
            .values((appt_templates::hospital_id.eq(hospital_id), &columns, appt_templates::created_at.eq(now())))
            .returning(TemplateRow::as_returning())
            .get_result(conn)?
    });
    Ok(row.dto())
}

/// Replaces a template; sessions already generated keep their shape.
pub fn update_template(conn: &mut DbConnection, hospital_id: i64, id: i64, t: &TemplateInput) -> ApiResult<Template> {
    validate(conn, hospital_id, t)?;
    let columns = t.columns();
    let row: Option<TemplateRow> = db_run!(conn: {
        diesel::update(appt_templates::table.filter(appt_templates::id.eq(id)).filter(appt_templates::hospital_id.eq(hospital_id)))
            .set(&columns)
            .returning(TemplateRow::as_returning())
            .get_result(conn)
            .optional()?
    });
    row.map(|r| r.dto()).ok_or_else(|| ApiError::not_found("template"))
}

pub fn list_holidays(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<Vec<Holiday>> {
    let rows: Vec<(i64, NaiveDate, String)> = db_run!(conn: {
        appt_holidays::table
            .filter(appt_holidays::hospital_id.eq(hospital_id))
            .order(appt_holidays::day)
            .select((appt_holidays::id, appt_holidays::day, appt_holidays::name))
            .load(conn)?
    });
    Ok(rows.into_iter().map(|(id, day, name)| Holiday { id, day, name }).collect())
}

pub fn add_holiday(conn: &mut DbConnection, hospital_id: i64, h: &HolidayInput) -> ApiResult<Holiday> {
    if h.name.trim().is_empty() {
        return Err(ApiError::invalid("name", "name the holiday"));
    }
    let id: i64 = db_run!(conn: {
        diesel::insert_into(appt_holidays::table)
            .values((appt_holidays::hospital_id.eq(hospital_id), appt_holidays::day.eq(h.day), appt_holidays::name.eq(h.name.trim())))
            .returning(appt_holidays::id)
            .get_result(conn)
            .map_err(|e| match e {
                diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => ApiError::conflict("day", format!("{} is already a holiday", h.day)),
                e => e.into(),
            })?
    });
    Ok(Holiday { id, day: h.day, name: h.name.trim().to_string() })
}

pub fn delete_holiday(conn: &mut DbConnection, hospital_id: i64, id: i64) -> ApiResult<()> {
    let n = db_run!(conn: {
        diesel::delete(appt_holidays::table.filter(appt_holidays::id.eq(id)).filter(appt_holidays::hospital_id.eq(hospital_id))).execute(conn)?
    });
    if n == 0 {
        return Err(ApiError::not_found("holiday"));
    }
    Ok(())
}

/// Creates the sessions (and their slots) of every active template for the
/// days `from..=to`, skipping holidays. Idempotent: a template's day is
/// generated once (unique index), so running it twice adds nothing. Call in
/// a write transaction.
pub fn generate(
    conn: &mut DbConnection,
    config: &Config,
    hospital_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> ApiResult<GenerateResult> {
    if to < from {
        return Err(ApiError::invalid("to", "the range ends before it starts"));
    }
    if (to - from).num_days() > 92 {
        return Err(ApiError::invalid("to", "generate at most 92 days at once"));
    }
    let offset = config.utc_offset_minutes;
    let templates: Vec<TemplateRow> = db_run!(conn: {
        appt_templates::table
            .filter(appt_templates::hospital_id.eq(hospital_id))
            .filter(appt_templates::active.eq(true))
            .select(TemplateRow::as_select())
            .load(conn)?
    });
    let holidays: Vec<NaiveDate> = db_run!(conn: {
        appt_holidays::table
            .filter(appt_holidays::hospital_id.eq(hospital_id))
            .filter(appt_holidays::day.between(from, to))
            .select(appt_holidays::day)
            .load(conn)?
    });
    let mut result = GenerateResult { sessions_created: 0, slots_created: 0, skipped_holidays: vec![] };
    let t = now();
    let mut day = from;
    while day <= to {
        if holidays.contains(&day) {
            result.skipped_holidays.push(day);
            day += Duration::days(1);
            continue;
        }
        let weekday = day.weekday().number_from_monday() as i32;
        for tpl in templates.iter().filter(|tp| tp.weekday == weekday) {
            let start = local_to_utc(day, parse_hhmm("start_time", &tpl.start_time)?, offset);
            let end = local_to_utc(day, parse_hhmm("end_time", &tpl.end_time)?, offset);
            let step = Duration::minutes(tpl.slot_minutes as i64);
            let mut slots = Vec::new();
            let mut s = start;
            while s + step <= end {
                slots.push((s, s + step));
                s += step;
            }
            let capacity = slots.len() as i32;
            let release = release_at(config, day);
            let inserted: Option<i64> = db_run!(conn: {
                diesel::insert_into(appt_sessions::table)
                    .values((
                        appt_sessions::hospital_id.eq(hospital_id),
                        appt_sessions::department_id.eq(tpl.department_id),
                        appt_sessions::doctor_id.eq(tpl.doctor_id),
                        appt_sessions::template_id.eq(Some(tpl.id)),
                        appt_sessions::title.eq(&tpl.title),
                        appt_sessions::is_expert.eq(tpl.is_expert),
                        appt_sessions::day.eq(day),
                        appt_sessions::session.eq(tpl.session),
                        appt_sessions::starts_at.eq(start),
                        appt_sessions::ends_at.eq(end),
                        appt_sessions::slot_minutes.eq(tpl.slot_minutes),
                        appt_sessions::capacity.eq(capacity),
                        appt_sessions::onsite_every.eq(tpl.onsite_every),
                        appt_sessions::quotas.eq(&tpl.quotas),
                        appt_sessions::release_at.eq(release),
                        appt_sessions::status.eq(SessionStatus::Open),
                        appt_sessions::created_at.eq(t),
                    ))
                    .on_conflict_do_nothing()
                    .returning(appt_sessions::id)
                    .get_result(conn)
                    .optional()?
            });
            let Some(session_id) = inserted else { continue };
            result.sessions_created += 1;
            result.slots_created += insert_slots(conn, hospital_id, session_id, tpl.onsite_every, &slots)?;
        }
        day += Duration::days(1);
    }
    Ok(result)
}

/// One slot per step; every `onsite_every`-th number is kept for the window.
pub fn insert_slots(
    conn: &mut DbConnection,
    hospital_id: i64,
    session_id: i64,
    onsite_every: i32,
    slots: &[(NaiveDateTime, NaiveDateTime)],
) -> ApiResult<i64> {
    let rows: Vec<_> = slots
        .iter()
        .enumerate()
        .map(|(i, (s, e))| {
            let seq = i as i32 + 1;
            let reserved = (onsite_every > 0 && seq % onsite_every == 0).then_some(BookingChannel::Onsite);
            (
                appt_slots::hospital_id.eq(hospital_id),
                appt_slots::session_id.eq(session_id),
                appt_slots::seq.eq(seq),
                appt_slots::starts_at.eq(*s),
                appt_slots::ends_at.eq(*e),
                appt_slots::reserved_for.eq(reserved),
                appt_slots::status.eq(SlotStatus::Free),
            )
        })
        .collect();
    let mut n = 0;
    for chunk in rows.chunks(200) {
        n += db_run!(conn: { diesel::insert_into(appt_slots::table).values(chunk).execute(conn)? });
    }
    Ok(n as i64)
}
