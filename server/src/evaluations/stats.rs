//! Aggregates for the dashboard and the export, computed from the matching
//! ratings (a year of one hospital's windows is small).

use std::collections::{BTreeMap, HashMap};

use chrono::Duration;
use diesel::prelude::*;
use hcrm_shared::evaluations::{CountCell, DayCell, EvaluationStats, ScoreCell};

use super::model::RatingRow;
use crate::db::schema::{departments, evaluation_windows, users};
use crate::db::DbConnection;
use crate::db_run;
use crate::error::ApiResult;

#[derive(Default)]
struct Acc {
    total: i64,
    sum: i64,
    low: i64,
    good: i64,
}

impl Acc {
    fn add(&mut self, score: i32, threshold: i32) {
        self.total += 1;
        self.sum += score as i64;
        self.low += (score <= threshold) as i64;
        self.good += (score >= 4) as i64;
    }
    fn average(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            round2(self.sum as f64 / self.total as f64)
        }
    }
    fn satisfaction(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            round2(self.good as f64 / self.total as f64)
        }
    }
    fn cell(&self, id: i64, name: String) -> CountCell {
        CountCell {
            id,
            name,
            total: self.total,
            average_score: self.average(),
            low: self.low,
            satisfaction: self.satisfaction(),
        }
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

const SCORE_LABELS: [(i32, &str); 5] =
    [(5, "非常满意"), (4, "满意"), (3, "基本满意/一般"), (2, "不满意"), (1, "非常不满意")];

pub fn compute(
    conn: &mut DbConnection,
    hospital_id: i64,
    rows: &[RatingRow],
    threshold: i32,
    utc_offset_minutes: i32,
) -> ApiResult<EvaluationStats> {
    let mut all = Acc::default();
    let mut by_score: BTreeMap<i32, i64> = BTreeMap::new();
    let (mut by_window, mut by_clerk, mut by_department): (HashMap<i64, Acc>, HashMap<i64, Acc>, HashMap<i64, Acc>) =
        Default::default();
    let mut by_day: BTreeMap<chrono::NaiveDate, Acc> = BTreeMap::new();
    let offset = Duration::minutes(utc_offset_minutes as i64);
    for r in rows.iter().map(|r| &r.rating) {
        all.add(r.score, threshold);
        *by_score.entry(r.score).or_default() += 1;
        by_window.entry(r.window_id).or_default().add(r.score, threshold);
        by_clerk.entry(r.clerk_id.unwrap_or(0)).or_default().add(r.score, threshold);
        by_department.entry(r.department_id).or_default().add(r.score, threshold);
        by_day.entry((r.pressed_at + offset).date()).or_default().add(r.score, threshold);
    }
    let window_names: HashMap<i64, String> = db_run!(conn: {
        evaluation_windows::table.filter(evaluation_windows::hospital_id.eq(hospital_id)).select((evaluation_windows::id, evaluation_windows::name)).load::<(i64, String)>(conn)?.into_iter().collect()
    });
    let clerk_ids: Vec<i64> = by_clerk.keys().copied().collect();
    let clerk_names: HashMap<i64, String> = db_run!(conn: {
        users::table.filter(users::id.eq_any(&clerk_ids)).select((users::id, users::display_name)).load::<(i64, String)>(conn)?.into_iter().collect()
    });
    let dept_names: HashMap<i64, String> = db_run!(conn: {
        departments::table.filter(departments::hospital_id.eq(hospital_id)).select((departments::id, departments::name)).load::<(i64, String)>(conn)?.into_iter().collect()
    });
    let cells = |m: HashMap<i64, Acc>, names: &HashMap<i64, String>| {
        let mut v: Vec<CountCell> =
            m.iter().map(|(id, a)| a.cell(*id, names.get(id).cloned().unwrap_or_else(|| "—".into()))).collect();
        v.sort_by(|a, b| b.total.cmp(&a.total).then(a.id.cmp(&b.id)));
        v
    };
    Ok(EvaluationStats {
        total: all.total,
        average_score: all.average(),
        satisfaction: all.satisfaction(),
        low: all.low,
        by_score: SCORE_LABELS
            .iter()
            .map(|(s, l)| ScoreCell { score: *s, label: l.to_string(), count: by_score.get(s).copied().unwrap_or(0) })
            .collect(),
        by_window: cells(by_window, &window_names),
        by_clerk: cells(by_clerk, &clerk_names),
        by_department: cells(by_department, &dept_names),
        by_day: by_day.iter().map(|(d, a)| DayCell { day: *d, total: a.total, average_score: a.average() }).collect(),
    })
}
