use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use hcrm_shared::api::Page;
use hcrm_shared::evaluations::{
    CounterView, DeviceHeartbeat, EvaluationWindow, NewEvaluationWindow, NewRating, Rating, UpdateEvaluationWindow,
};
use hcrm_shared::evaluator::KeyLayout;
use hcrm_shared::messaging::NewSms;

use super::model::{NewRatingRow, RatingRow, WindowRow};
use crate::app::AppState;
use crate::audit::{self, Actor};
use crate::config::Config;
use crate::db::schema::{departments, evaluation_ratings, evaluation_windows, patients, users};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::followup::{create_task, NewTask};
use crate::jobs::{self, NewJob};

fn names(conn: &mut DbConnection, user_ids: &[i64]) -> ApiResult<HashMap<i64, String>> {
    db_run!(conn: {
        Ok(users::table.filter(users::id.eq_any(user_ids)).select((users::id, users::display_name)).load::<(i64, String)>(conn)?.into_iter().collect())
    })
}

fn department_names(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<HashMap<i64, String>> {
    db_run!(conn: {
        Ok(departments::table.filter(departments::hospital_id.eq(hospital_id)).select((departments::id, departments::name)).load::<(i64, String)>(conn)?.into_iter().collect())
    })
}

pub fn window_dtos(
    conn: &mut DbConnection,
    hospital_id: i64,
    rows: Vec<WindowRow>,
    timeout_seconds: i64,
) -> ApiResult<Vec<EvaluationWindow>> {
    let clerks: Vec<i64> = rows.iter().filter_map(|w| w.clerk_id).collect();
    let clerk_names = names(conn, &clerks)?;
    let depts = department_names(conn, hospital_id)?;
    let t = now();
    Ok(rows
        .iter()
        .map(|w| {
            w.dto(
                depts.get(&w.department_id).cloned().unwrap_or_default(),
                w.clerk_id.and_then(|c| clerk_names.get(&c).cloned()),
                t,
                timeout_seconds,
            )
        })
        .collect())
}

pub fn window_rows(conn: &mut DbConnection, hospital_id: i64, department: Option<i64>) -> ApiResult<Vec<WindowRow>> {
    db_run!(conn: {
        let mut q = evaluation_windows::table.filter(evaluation_windows::hospital_id.eq(hospital_id)).into_boxed();
        if let Some(d) = department {
            q = q.filter(evaluation_windows::department_id.eq(d));
        }
        Ok(q.order(evaluation_windows::code).select(WindowRow::as_select()).load(conn)?)
    })
}

pub fn get_window(conn: &mut DbConnection, hospital_id: i64, id: i64) -> ApiResult<WindowRow> {
    db_run!(conn: {
        evaluation_windows::table
            .filter(evaluation_windows::hospital_id.eq(hospital_id))
            .filter(evaluation_windows::id.eq(id))
            .select(WindowRow::as_select())
            .first(conn)
            .optional()?
            .ok_or_else(|| ApiError::not_found("window"))
    })
}

fn window_by_device(conn: &mut DbConnection, hospital_id: i64, device_id: &str) -> ApiResult<Option<WindowRow>> {
    db_run!(conn: {
        Ok(evaluation_windows::table
            .filter(evaluation_windows::hospital_id.eq(hospital_id))
            .filter(evaluation_windows::device_id.eq(device_id))
            .select(WindowRow::as_select())
            .first(conn)
            .optional()?)
    })
}

fn check_user(conn: &mut DbConnection, hospital_id: i64, field: &str, id: i64) -> ApiResult<()> {
    let n: i64 = db_run!(conn: { users::table.filter(users::hospital_id.eq(hospital_id)).filter(users::id.eq(id)).count().get_result(conn)? });
    if n == 0 {
        return Err(ApiError::invalid(field, format!("no user {id} in this hospital")));
    }
    Ok(())
}

fn check_layout(layout: i32) -> ApiResult<KeyLayout> {
    u8::try_from(layout)
        .ok()
        .and_then(KeyLayout::from_code)
        .ok_or_else(|| ApiError::invalid("layout", "use 3, 4 or 5 keys"))
}

fn clean_device(d: &str) -> ApiResult<Option<String>> {
    let d = d.trim();
    if d.is_empty() {
        return Ok(None);
    }
    if d.len() > 64 {
        return Err(ApiError::invalid("device_id", "at most 64 bytes (protocol text field)"));
    }
    Ok(Some(d.to_string()))
}

/// Creates a window, and the hospital's recurring anomaly check with its
/// first window. Run in a write transaction.
pub fn create_window(
    conn: &mut DbConnection,
    config: &Config,
    hospital_id: i64,
    new: &NewEvaluationWindow,
) -> ApiResult<WindowRow> {
    if new.code.trim().is_empty() || new.name.trim().is_empty() {
        return Err(ApiError::invalid("code", "a window needs a code and a name"));
    }
    let layout = check_layout(new.layout.unwrap_or(4))?;
    let dept_ok: i64 = db_run!(conn: {
        departments::table.filter(departments::hospital_id.eq(hospital_id)).filter(departments::id.eq(new.department_id)).count().get_result(conn)?
    });
    if dept_ok == 0 {
        return Err(ApiError::invalid("department_id", "no such department in this hospital"));
    }
    if let Some(c) = new.clerk_id {
        check_user(conn, hospital_id, "clerk_id", c)?;
    }
    let device = match &new.device_id {
        Some(d) => clean_device(d)?,
        None => None,
    };
    let code = new.code.trim().to_string();
    let exists: i64 = db_run!(conn: {
        evaluation_windows::table.filter(evaluation_windows::hospital_id.eq(hospital_id)).filter(evaluation_windows::code.eq(&code)).count().get_result(conn)?
    });
    if exists > 0 {
        return Err(ApiError::conflict("code", format!("window {code} exists")));
    }
    if let Some(d) = &device {
        if window_by_device(conn, hospital_id, d)?.is_some() {
            return Err(ApiError::conflict("device_id", format!("device {d} is bound to another window")));
        }
    }
    let row: WindowRow = db_run!(conn: {
        diesel::insert_into(evaluation_windows::table)
            .values((
                evaluation_windows::hospital_id.eq(hospital_id),
                evaluation_windows::code.eq(&code),
                evaluation_windows::name.eq(new.name.trim()),
                evaluation_windows::department_id.eq(new.department_id),
                evaluation_windows::device_id.eq(&device),
                evaluation_windows::clerk_id.eq(new.clerk_id),
                evaluation_windows::layout.eq(layout.code() as i32),
                evaluation_windows::created_at.eq(now()),
            ))
            .returning(WindowRow::as_returning())
            .get_result(conn)?
    });
    let job = NewJob {
        hospital_id,
        kind: super::ANOMALY_JOB.into(),
        payload: serde_json::json!({}),
        schedule: Some(config.evaluations.anomaly_schedule.clone()),
        dedupe_key: Some(super::ANOMALY_JOB.into()),
        ..Default::default()
    };
    jobs::service::enqueue(conn, &job, &config.jobs, config.utc_offset_minutes)?;
    Ok(row)
}

pub fn update_window(
    conn: &mut DbConnection,
    hospital_id: i64,
    id: i64,
    change: &UpdateEvaluationWindow,
) -> ApiResult<WindowRow> {
    let mut w = get_window(conn, hospital_id, id)?;
    if let Some(n) = &change.name {
        if n.trim().is_empty() {
            return Err(ApiError::invalid("name", "a window needs a name"));
        }
        w.name = n.trim().to_string();
    }
    if let Some(d) = &change.device_id {
        let d = clean_device(d)?;
        if let Some(dev) = &d {
            if window_by_device(conn, hospital_id, dev)?.is_some_and(|o| o.id != id) {
                return Err(ApiError::conflict("device_id", format!("device {dev} is bound to another window")));
            }
        }
        w.device_id = d;
    }
    if let Some(c) = change.clerk_id {
        if c == 0 {
            w.clerk_id = None;
        } else {
            check_user(conn, hospital_id, "clerk_id", c)?;
            w.clerk_id = Some(c);
        }
    }
    if let Some(l) = change.layout {
        w.layout = check_layout(l)?.code() as i32;
    }
    if let Some(a) = change.active {
        w.active = a;
    }
    db_run!(conn: {
        Ok(diesel::update(evaluation_windows::table.filter(evaluation_windows::id.eq(id)))
            .set((
                evaluation_windows::name.eq(&w.name),
                evaluation_windows::device_id.eq(&w.device_id),
                evaluation_windows::clerk_id.eq(w.clerk_id),
                evaluation_windows::layout.eq(w.layout),
                evaluation_windows::active.eq(w.active),
            ))
            .returning(WindowRow::as_returning())
            .get_result(conn)?)
    })
}

/// Records a forwarded heartbeat; unknown devices are a 404 so the reader
/// can tell its operator that the device is not registered.
pub fn heartbeat(conn: &mut DbConnection, hospital_id: i64, hb: &DeviceHeartbeat) -> ApiResult<WindowRow> {
    let w = window_by_device(conn, hospital_id, hb.device_id.trim())?.ok_or_else(|| ApiError::not_found("device"))?;
    let status = if hb.status.is_null() { None } else { Some(hb.status.to_string()) };
    if status.as_ref().is_some_and(|s| s.len() > 4000) {
        return Err(ApiError::invalid("status", "at most 4000 bytes of JSON"));
    }
    db_run!(conn: {
        Ok(diesel::update(evaluation_windows::table.filter(evaluation_windows::id.eq(w.id)))
            .set((evaluation_windows::last_heartbeat_at.eq(Some(now())), evaluation_windows::device_status.eq(status)))
            .returning(WindowRow::as_returning())
            .get_result(conn)?)
    })
}

/// What the low-rating effects did, for the caller to wake the runner.
#[derive(Debug, Default)]
pub struct Effects {
    pub sms: usize,
    pub task: Option<i64>,
    /// The complaint ticket opened for a low rating.
    pub ticket: Option<i64>,
}

/// Stores one rating unless (device, event number) is already stored; then
/// returns the stored one and `false`. A new rating at or below the
/// threshold sends an SMS to the department's managers, opens a complaint
/// ticket (source `evaluator`) and, with a patient, a callback task. Run in
/// a write transaction.
pub fn record_rating(
    conn: &mut DbConnection,
    state: &AppState,
    actor: &Actor,
    hospital_id: i64,
    new: &NewRating,
) -> ApiResult<(RatingRow, bool, Effects)> {
    let device = new.device_id.trim();
    let window = window_by_device(conn, hospital_id, device)?
        .ok_or_else(|| ApiError::invalid("device_id", format!("no window uses device {device}")))?;
    let layout = check_layout(new.layout)?;
    let level = u8::try_from(new.key)
        .ok()
        .and_then(|k| layout.level(k))
        .ok_or_else(|| ApiError::invalid("key", format!("key {} is not on a {}-key pad", new.key, layout.code())))?;
    if new.event_seq < 0 || new.event_seq > u32::MAX as i64 {
        return Err(ApiError::invalid("event_seq", "0 to 4294967295"));
    }
    let existing: Option<RatingRow> = db_run!(conn: {
        evaluation_ratings::table
            .filter(evaluation_ratings::hospital_id.eq(hospital_id))
            .filter(evaluation_ratings::device_id.eq(device))
            .filter(evaluation_ratings::event_seq.eq(new.event_seq))
            .select(RatingRow::as_select())
            .first(conn)
            .optional()?
    });
    if let Some(r) = existing {
        return Ok((r, false, Effects::default()));
    }
    let clerk_id = match new.clerk_id {
        Some(c) => {
            check_user(conn, hospital_id, "clerk_id", c)?;
            Some(c)
        }
        None => window.clerk_id,
    };
    if let Some(p) = new.patient_id {
        let n: i64 = db_run!(conn: { patients::table.filter(patients::hospital_id.eq(hospital_id)).filter(patients::id.eq(p)).count().get_result(conn)? });
        if n == 0 {
            return Err(ApiError::invalid("patient_id", format!("no patient {p} in this hospital")));
        }
    }
    let t = now();
    // A press reported from the future (device clock) counts as now.
    let pressed_at = new.pressed_at.naive_utc().min(t);
    let row = NewRatingRow {
        hospital_id,
        window_id: window.id,
        department_id: window.department_id,
        clerk_id,
        patient_id: new.patient_id,
        device_id: device.to_string(),
        event_seq: new.event_seq,
        key_no: new.key,
        layout: new.layout,
        score: level.score as i32,
        label: level.label_zh.to_string(),
        prompted: new.prompted,
        pressed_at,
        received_at: t,
    };
    let stored: RatingRow = db_run!(conn: {
        diesel::insert_into(evaluation_ratings::table).values(&row).returning(RatingRow::as_returning()).get_result(conn)?
    });
    if let Some(p) = stored.rating.patient_id {
        audit::record(
            conn,
            actor,
            audit::AuditAction::EvaluationRate,
            Some(p),
            Some(&format!("evaluation:{}", stored.id)),
            Some(&stored.rating.label),
        )?;
    }
    let mut effects = Effects::default();
    if stored.rating.score <= state.config.evaluations.low_score_threshold {
        effects = low_rating(conn, state, actor, &window, &stored)?;
    }
    Ok((stored, true, effects))
}

fn low_rating(
    conn: &mut DbConnection,
    state: &AppState,
    actor: &Actor,
    window: &WindowRow,
    r: &RatingRow,
) -> ApiResult<Effects> {
    let clerk = match r.rating.clerk_id {
        Some(c) => names(conn, &[c])?.remove(&c).unwrap_or_default(),
        None => String::new(),
    };
    let local = r.rating.pressed_at + Duration::minutes(state.config.utc_offset_minutes as i64);
    let text = format!(
        "【窗口评价】{} {} 于 {} 收到“{}”评价，请关注。",
        window.name,
        clerk,
        local.format("%m-%d %H:%M"),
        r.rating.label
    );
    let department = window.department_id;
    let phones: Vec<(i64, Option<String>)> = db_run!(conn: {
        users::table
            .filter(users::hospital_id.eq(r.rating.hospital_id))
            .filter(users::role.eq(hcrm_shared::Role::Manager))
            .filter(users::department_id.eq(department))
            .filter(users::disabled.eq(false))
            .select((users::id, users::phone))
            .load(conn)?
    });
    let mut effects = Effects::default();
    for phone in phones.into_iter().filter_map(|(_, p)| p).filter(|p| !p.trim().is_empty()) {
        let sms = NewSms {
            patient_id: None,
            phone: Some(phone),
            template_id: None,
            variables: Default::default(),
            body: Some(text.clone()),
            urgent: false,
        };
        crate::sms::service::enqueue(conn, state, r.rating.hospital_id, None, &sms)?;
        effects.sms += 1;
    }
    if let Some(p) = r.rating.patient_id {
        let detail =
            format!("{} {} 收到“{}”评价（评价 #{}），请回访了解原因。", window.name, clerk, r.rating.label, r.id);
        let task = NewTask::callback(
            r.rating.hospital_id,
            p,
            Some(department),
            format!("evaluation:{}", r.id),
            "窗口服务差评回访",
            detail,
        );
        effects.task = Some(create_task(conn, &task)?.0);
    }
    // The complaint is handled like any other (routing, SLA, escalation);
    // idempotent on the rating, so a forwarded duplicate adds nothing.
    let ticket = crate::feedback::NewTicket {
        kind: hcrm_shared::feedback::TicketKind::Complaint,
        source: hcrm_shared::feedback::TicketSource::Evaluator,
        source_ref: Some(format!("evaluation:{}", r.id)),
        severity: hcrm_shared::feedback::TicketSeverity::Normal,
        anonymous: false,
        patient_id: r.rating.patient_id,
        contact_name: String::new(),
        contact_phone: None,
        topic: format!("窗口服务差评：{}", window.name).chars().take(100).collect(),
        content: format!(
            "{} {} 于 {} 收到“{}”评价（评价 #{}）。",
            window.name,
            clerk,
            local.format("%Y-%m-%d %H:%M"),
            r.rating.label,
            r.id
        ),
        department_ids: vec![department],
        staff_user_id: r.rating.clerk_id,
        staff_name: clerk.clone(),
        call_uuid: None,
        received_at: Some(r.rating.pressed_at.and_utc()),
    };
    effects.ticket = Some(crate::feedback::open_ticket(conn, &state.config, r.rating.hospital_id, actor, &ticket)?.0);
    Ok(effects)
}

pub fn rating_dtos(conn: &mut DbConnection, rows: Vec<RatingRow>) -> ApiResult<Vec<Rating>> {
    let mut windows: Vec<i64> = rows.iter().map(|r| r.rating.window_id).collect();
    windows.sort_unstable();
    windows.dedup();
    let window_names: HashMap<i64, String> = db_run!(conn: {
        evaluation_windows::table.filter(evaluation_windows::id.eq_any(&windows)).select((evaluation_windows::id, evaluation_windows::name)).load::<(i64, String)>(conn)?.into_iter().collect()
    });
    let clerks: Vec<i64> = rows.iter().filter_map(|r| r.rating.clerk_id).collect();
    let clerk_names = names(conn, &clerks)?;
    Ok(rows
        .iter()
        .map(|r| {
            r.dto(
                window_names.get(&r.rating.window_id).cloned().unwrap_or_default(),
                r.rating.clerk_id.and_then(|c| clerk_names.get(&c).cloned()),
            )
        })
        .collect())
}

/// Filters shared by the list, the statistics and the export.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RatingQuery {
    pub window_id: Option<i64>,
    pub clerk_id: Option<i64>,
    pub department_id: Option<i64>,
    /// From this day (local date, inclusive); default 30 days ago.
    pub from: Option<chrono::NaiveDate>,
    /// To this day (local date, inclusive); default today.
    pub to: Option<chrono::NaiveDate>,
    /// Only ratings at or below this score.
    pub max_score: Option<i32>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

impl RatingQuery {
    /// UTC bounds [start, end) of the local days asked for.
    pub fn bounds(&self, utc_offset_minutes: i32) -> ApiResult<(NaiveDateTime, NaiveDateTime)> {
        let offset = Duration::minutes(utc_offset_minutes as i64);
        let today = (now() + offset).date();
        let to = self.to.unwrap_or(today);
        let from = self.from.unwrap_or(to - Duration::days(29));
        if from > to {
            return Err(ApiError::invalid("from", "from is after to"));
        }
        if (to - from).num_days() > 366 {
            return Err(ApiError::invalid("from", "at most 366 days at once"));
        }
        Ok((
            from.and_hms_opt(0, 0, 0).unwrap() - offset,
            (to + Duration::days(1)).and_hms_opt(0, 0, 0).unwrap() - offset,
        ))
    }
}

/// Ratings matching the query; `department_scope` limits managers to theirs.
pub fn query_rows(
    conn: &mut DbConnection,
    hospital_id: i64,
    department_scope: Option<&[i64]>,
    q: &RatingQuery,
    utc_offset_minutes: i32,
    limit: Option<(i64, i64)>,
) -> ApiResult<(Vec<RatingRow>, i64)> {
    let (start, end) = q.bounds(utc_offset_minutes)?;
    db_run!(conn: {
        let filtered = || {
            let mut b = evaluation_ratings::table
                .filter(evaluation_ratings::hospital_id.eq(hospital_id))
                .filter(evaluation_ratings::pressed_at.ge(start))
                .filter(evaluation_ratings::pressed_at.lt(end))
                .into_boxed();
            if let Some(w) = q.window_id {
                b = b.filter(evaluation_ratings::window_id.eq(w));
            }
            if let Some(c) = q.clerk_id {
                b = b.filter(evaluation_ratings::clerk_id.eq(c));
            }
            if let Some(d) = q.department_id {
                b = b.filter(evaluation_ratings::department_id.eq(d));
            }
            if let Some(s) = q.max_score {
                b = b.filter(evaluation_ratings::score.le(s));
            }
            if let Some(scope) = department_scope {
                b = b.filter(evaluation_ratings::department_id.eq_any(scope.to_vec()));
            }
            b
        };
        let total: i64 = filtered().count().get_result(conn)?;
        let mut rows = filtered().order((evaluation_ratings::pressed_at.desc(), evaluation_ratings::id.desc())).select(RatingRow::as_select());
        if let Some((offset, per_page)) = limit {
            rows = rows.offset(offset).limit(per_page);
        }
        Ok((rows.load(conn)?, total))
    })
}

pub fn list(
    conn: &mut DbConnection,
    hospital_id: i64,
    scope: Option<&[i64]>,
    q: &RatingQuery,
    utc_offset_minutes: i32,
) -> ApiResult<Page<Rating>> {
    let (page, per_page) = crate::common::page_bounds(q.page, q.per_page);
    let (rows, total) =
        query_rows(conn, hospital_id, scope, q, utc_offset_minutes, Some(((page - 1) * per_page, per_page)))?;
    Ok(Page { items: rating_dtos(conn, rows)?, total, page, per_page })
}

/// The counter page: the window the clerk is bound to (or the one asked
/// for), its device status and today's ratings of this clerk at it.
pub fn counter(
    conn: &mut DbConnection,
    hospital_id: i64,
    user_id: i64,
    window_id: Option<i64>,
    utc_offset_minutes: i32,
    timeout_seconds: i64,
) -> ApiResult<CounterView> {
    let row = match window_id {
        Some(id) => Some(get_window(conn, hospital_id, id)?),
        None => db_run!(conn: {
            evaluation_windows::table
                .filter(evaluation_windows::hospital_id.eq(hospital_id))
                .filter(evaluation_windows::clerk_id.eq(user_id))
                .filter(evaluation_windows::active.eq(true))
                .order(evaluation_windows::code)
                .select(WindowRow::as_select())
                .first(conn)
                .optional()?
        }),
    };
    let q = RatingQuery { clerk_id: Some(user_id), window_id: row.as_ref().map(|w| w.id), ..Default::default() };
    let today = RatingQuery { from: None, to: None, ..q };
    let offset = Duration::minutes(utc_offset_minutes as i64);
    let day = (now() + offset).date();
    let today = RatingQuery { from: Some(day), to: Some(day), ..today };
    let (rows, _) = query_rows(conn, hospital_id, None, &today, utc_offset_minutes, Some((0, 500)))?;
    let avg =
        if rows.is_empty() { 0.0 } else { rows.iter().map(|r| r.rating.score as f64).sum::<f64>() / rows.len() as f64 };
    let window = match row {
        Some(w) => window_dtos(conn, hospital_id, vec![w], timeout_seconds)?.pop(),
        None => None,
    };
    Ok(CounterView { window, today: rating_dtos(conn, rows)?, today_average: avg })
}
