//! Follow-up statistics: per-agent workload, per-department coverage,
//! contact rate and the monthly trend. Grouping happens in Rust (local
//! months) so both backends share the code.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use hcrm_shared::followup::{AttemptOutcome, StatsSheet, TaskStatus};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::generate::local_day_start;
use crate::db::schema::{departments, followup_attempts, followup_tasks, users};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};

#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    /// First local day (default: the first day of the month five months ago).
    pub from: Option<NaiveDate>,
    /// Last local day, inclusive (default: today).
    pub to: Option<NaiveDate>,
    pub department_id: Option<i64>,
    /// For the export: one sheet, or all of them (default).
    pub which: Option<StatsSheet>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Workload {
    pub user_id: i64,
    pub name: String,
    pub attempts: i64,
    pub reached: i64,
    pub completed: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Coverage {
    pub department_id: i64,
    pub name: String,
    /// Tasks due in the period (cancelled ones excepted).
    pub due: i64,
    /// Of those, completed.
    pub done: i64,
    /// done / due in percent, one decimal.
    pub rate: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ContactRate {
    pub attempts: i64,
    /// Attempts in which somebody answered.
    pub contacted: i64,
    pub rate: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MonthPoint {
    /// `2026-11`.
    pub month: String,
    pub due: i64,
    pub done: i64,
    pub attempts: i64,
    pub contacted: i64,
    pub contact_rate: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FollowupStats {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub workload: Vec<Workload>,
    pub coverage: Vec<Coverage>,
    pub contact: ContactRate,
    pub trend: Vec<MonthPoint>,
}

pub fn percent(part: i64, whole: i64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        ((part as f64) * 1000.0 / whole as f64).round() / 10.0
    }
}

fn month_of(t: NaiveDateTime, offset: i32) -> String {
    let d = (t + Duration::minutes(offset as i64)).date();
    format!("{:04}-{:02}", d.year(), d.month())
}

/// The statistics for a period; `departments` limits them (managers).
pub fn compute(
    conn: &mut DbConnection,
    hospital_id: i64,
    departments_scope: Option<Vec<i64>>,
    q: &StatsQuery,
    offset: i32,
) -> ApiResult<FollowupStats> {
    let today = (now() + Duration::minutes(offset as i64)).date();
    let to = q.to.unwrap_or(today);
    let from = q.from.unwrap_or_else(|| {
        let m = today.with_day(1).unwrap();
        let (mut y, mut mo) = (m.year(), m.month() as i32 - 5);
        while mo < 1 {
            mo += 12;
            y -= 1;
        }
        NaiveDate::from_ymd_opt(y, mo as u32, 1).unwrap()
    });
    if to < from || (to - from).num_days() > 3 * 366 {
        return Err(ApiError::invalid("to", "the period must end after it starts and span at most three years"));
    }
    let start = local_day_start(from, offset);
    let end = local_day_start(to, offset) + Duration::days(1);
    let dept_filter: Option<Vec<i64>> = match (departments_scope, q.department_id) {
        (Some(s), Some(d)) => Some(s.into_iter().filter(|x| *x == d).collect()),
        (Some(s), None) => Some(s),
        (None, Some(d)) => Some(vec![d]),
        (None, None) => None,
    };
    type TaskFacts = (Option<i64>, NaiveDateTime, TaskStatus, Option<i64>);
    type AttemptFacts = (i64, String, NaiveDateTime, AttemptOutcome);
    let (tasks, attempts, completions, names, dept_names): (
        Vec<TaskFacts>,
        Vec<AttemptFacts>,
        Vec<i64>,
        Vec<(i64, String)>,
        Vec<(i64, String)>,
    ) = db_run!(conn: {
        let mut tq = followup_tasks::table
            .filter(followup_tasks::hospital_id.eq(hospital_id))
            .filter(followup_tasks::due_from.ge(start))
            .filter(followup_tasks::due_from.lt(end))
            .filter(followup_tasks::status.ne(TaskStatus::Cancelled))
            .into_boxed();
        let mut aq = followup_attempts::table
            .inner_join(followup_tasks::table)
            .inner_join(users::table.on(users::id.eq(followup_attempts::user_id)))
            .filter(followup_attempts::hospital_id.eq(hospital_id))
            .filter(followup_attempts::at.ge(start))
            .filter(followup_attempts::at.lt(end))
            .into_boxed();
        let mut cq = followup_tasks::table
            .filter(followup_tasks::hospital_id.eq(hospital_id))
            .filter(followup_tasks::status.eq(TaskStatus::Completed))
            .filter(followup_tasks::completed_at.ge(start))
            .filter(followup_tasks::completed_at.lt(end))
            .filter(followup_tasks::completed_by.is_not_null())
            .into_boxed();
        if let Some(d) = &dept_filter {
            tq = tq.filter(followup_tasks::department_id.eq_any(d.clone()));
            aq = aq.filter(followup_tasks::department_id.eq_any(d.clone()));
            cq = cq.filter(followup_tasks::department_id.eq_any(d.clone()));
        }
        let tasks = tq.select((followup_tasks::department_id, followup_tasks::due_from, followup_tasks::status, followup_tasks::completed_by)).load(conn)?;
        let attempts = aq.select((followup_attempts::user_id, users::display_name, followup_attempts::at, followup_attempts::outcome)).load(conn)?;
        let completions: Vec<Option<i64>> = cq.select(followup_tasks::completed_by).load(conn)?;
        let names = users::table.filter(users::hospital_id.eq(hospital_id)).select((users::id, users::display_name)).load(conn)?;
        let dept_names = departments::table.filter(departments::hospital_id.eq(hospital_id)).select((departments::id, departments::name)).load(conn)?;
        (tasks, attempts, completions.into_iter().flatten().collect(), names, dept_names)
    });
    let names: BTreeMap<i64, String> = names.into_iter().collect();
    let dept_names: BTreeMap<i64, String> = dept_names.into_iter().collect();

    let mut work: BTreeMap<i64, Workload> = BTreeMap::new();
    let mut trend: BTreeMap<String, MonthPoint> = BTreeMap::new();
    // Every month of the period appears, empty ones too.
    let mut m = from.with_day(1).unwrap();
    while m <= to {
        let key = format!("{:04}-{:02}", m.year(), m.month());
        trend.insert(
            key.clone(),
            MonthPoint { month: key, due: 0, done: 0, attempts: 0, contacted: 0, contact_rate: 0.0 },
        );
        m = if m.month() == 12 {
            NaiveDate::from_ymd_opt(m.year() + 1, 1, 1).unwrap()
        } else {
            NaiveDate::from_ymd_opt(m.year(), m.month() + 1, 1).unwrap()
        };
    }
    let (mut total_attempts, mut total_contacted) = (0, 0);
    for (user_id, name, at, outcome) in attempts {
        let w = work.entry(user_id).or_insert(Workload { user_id, name, attempts: 0, reached: 0, completed: 0 });
        w.attempts += 1;
        let contacted = outcome.is_contact();
        if outcome == AttemptOutcome::Reached {
            w.reached += 1;
        }
        total_attempts += 1;
        if let Some(p) = trend.get_mut(&month_of(at, offset)) {
            p.attempts += 1;
            if contacted {
                p.contacted += 1;
            }
        }
        if contacted {
            total_contacted += 1;
        }
    }
    for user_id in completions {
        work.entry(user_id)
            .or_insert(Workload {
                user_id,
                name: names.get(&user_id).cloned().unwrap_or_default(),
                attempts: 0,
                reached: 0,
                completed: 0,
            })
            .completed += 1;
    }
    let mut cov: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
    for (dept, due_from, status, _) in &tasks {
        let done = *status == TaskStatus::Completed;
        if let Some(d) = dept {
            let e = cov.entry(*d).or_default();
            e.0 += 1;
            if done {
                e.1 += 1;
            }
        }
        if let Some(p) = trend.get_mut(&month_of(*due_from, offset)) {
            p.due += 1;
            if done {
                p.done += 1;
            }
        }
    }
    let mut workload: Vec<Workload> = work.into_values().collect();
    workload.sort_by(|a, b| b.attempts.cmp(&a.attempts).then(a.user_id.cmp(&b.user_id)));
    let coverage = cov
        .into_iter()
        .map(|(department_id, (due, done))| Coverage {
            department_id,
            name: dept_names.get(&department_id).cloned().unwrap_or_default(),
            due,
            done,
            rate: percent(done, due),
        })
        .collect();
    let trend = trend
        .into_values()
        .map(|mut p| {
            p.contact_rate = percent(p.contacted, p.attempts);
            p
        })
        .collect();
    Ok(FollowupStats {
        from,
        to,
        workload,
        coverage,
        contact: ContactRate {
            attempts: total_attempts,
            contacted: total_contacted,
            rate: percent(total_contacted, total_attempts),
        },
        trend,
    })
}
