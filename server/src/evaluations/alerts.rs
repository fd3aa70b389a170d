//! Anomaly alerts, a recurring job per hospital: a device that stopped
//! sending heartbeats, a key pressed far more or less often than the
//! statistics allow (a stuck key, a clerk pressing for the patient, a
//! broken key), and bursts of presses. Alerts are notifications to the
//! window department's managers and the hospital's admins, once each
//! (dedupe keys).

use std::collections::HashMap;

use chrono::Duration;
use diesel::prelude::*;
use hcrm_shared::evaluations::AnomalyKind;

use super::model::{RatingRow, WindowRow};
use super::service::window_rows;
use crate::config::EvaluationsConfig;
use crate::db::schema::{evaluation_ratings, users};
use crate::db::{now, write_transaction, DbConnection};
use crate::db_run;
use crate::error::ApiResult;
use crate::jobs::{JobContext, Outcome};
use crate::notifications::model::Message;
use crate::notifications::service as notifications;

pub const ANOMALY_JOB: &str = "evaluations.anomalies";

/// One alert to send.
#[derive(Debug, Clone)]
pub struct Alert {
    pub window_id: i64,
    pub department_id: i64,
    pub kind: AnomalyKind,
    pub title: String,
    pub dedupe_key: String,
}

/// Finds the anomalies of one hospital now.
pub fn detect(conn: &mut DbConnection, hospital_id: i64, cfg: &EvaluationsConfig) -> ApiResult<Vec<Alert>> {
    let t = now();
    let windows: Vec<WindowRow> =
        window_rows(conn, hospital_id, None)?.into_iter().filter(|w| w.active && w.device_id.is_some()).collect();
    let mut alerts = Vec::new();
    for w in &windows {
        if let Some(last) = w.last_heartbeat_at {
            if (t - last).num_seconds() > cfg.heartbeat_timeout_seconds {
                alerts.push(Alert {
                    window_id: w.id,
                    department_id: w.department_id,
                    kind: AnomalyKind::Offline,
                    title: format!(
                        "评价器离线：{}（设备 {}）自 {} UTC 起无心跳",
                        w.name,
                        w.device_id.as_deref().unwrap_or(""),
                        last.format("%Y-%m-%d %H:%M")
                    ),
                    dedupe_key: format!("evaluator-offline:{}:{}", w.id, last.and_utc().timestamp()),
                });
            }
        }
    }
    let since = t - Duration::days(cfg.anomaly_days);
    let rows: Vec<RatingRow> = db_run!(conn: {
        evaluation_ratings::table
            .filter(evaluation_ratings::hospital_id.eq(hospital_id))
            .filter(evaluation_ratings::pressed_at.ge(since))
            .order((evaluation_ratings::window_id, evaluation_ratings::pressed_at))
            .select(RatingRow::as_select())
            .load(conn)?
    });
    // Expected share of each key per layout, from the whole hospital.
    let mut layout_counts: HashMap<(i32, i32), i64> = HashMap::new();
    let mut layout_totals: HashMap<i32, i64> = HashMap::new();
    let mut per_window: HashMap<i64, Vec<&RatingRow>> = HashMap::new();
    for r in &rows {
        *layout_counts.entry((r.rating.layout, r.rating.key_no)).or_default() += 1;
        *layout_totals.entry(r.rating.layout).or_default() += 1;
        per_window.entry(r.rating.window_id).or_default().push(r);
    }
    let day = t.date();
    for w in &windows {
        let Some(list) = per_window.get(&w.id) else { continue };
        let n = list.len() as i64;
        if n >= cfg.anomaly_min_samples {
            let layout = w.layout;
            let total = layout_totals.get(&layout).copied().unwrap_or(0);
            for key in 1..=layout {
                let x = list.iter().filter(|r| r.rating.key_no == key && r.rating.layout == layout).count() as f64;
                let share = x / n as f64;
                // Hospital share without this window, when others exist.
                let others_n = (total - n) as f64;
                let others_x = layout_counts.get(&(layout, key)).copied().unwrap_or(0) as f64 - x;
                let p = if others_n >= cfg.anomaly_min_samples as f64 {
                    (others_x / others_n).clamp(0.0, 1.0)
                } else {
                    f64::NAN
                };
                let z = if p.is_finite() && p > 0.0 && p < 1.0 {
                    (x - n as f64 * p) / (n as f64 * p * (1.0 - p)).sqrt()
                } else {
                    0.0
                };
                let always = share >= cfg.stuck_key_share || z > cfg.anomaly_z;
                let never = x == 0.0 && p.is_finite() && n as f64 * p >= cfg.anomaly_z * cfg.anomaly_z
                    || (x > 0.0 && z < -cfg.anomaly_z);
                let label = hcrm_shared::evaluator::KeyLayout::from_code(layout as u8)
                    .and_then(|l| l.level(key as u8))
                    .map(|l| l.label_zh)
                    .unwrap_or("?");
                if always {
                    alerts.push(Alert {
                        window_id: w.id,
                        department_id: w.department_id,
                        kind: AnomalyKind::KeyAlways,
                        title: format!(
                            "评价异常：{} 近{}天“{}”占 {:.0}%（{} 次中 {} 次），请检查按键或是否代评",
                            w.name,
                            cfg.anomaly_days,
                            label,
                            share * 100.0,
                            n,
                            x
                        ),
                        dedupe_key: format!("evaluator-always:{}:{}:{}", w.id, key, day),
                    });
                } else if never {
                    alerts.push(Alert {
                        window_id: w.id,
                        department_id: w.department_id,
                        kind: AnomalyKind::KeyNever,
                        title: format!(
                            "评价异常：{} 近{}天“{}”仅 {} 次（{} 次评价，全院比例 {:.0}%），请检查按键",
                            w.name,
                            cfg.anomaly_days,
                            label,
                            x,
                            n,
                            p * 100.0
                        ),
                        dedupe_key: format!("evaluator-never:{}:{}:{}", w.id, key, day),
                    });
                }
            }
        }
        // Bursts: burst_count presses within burst_seconds.
        let k = cfg.burst_count.max(2) as usize;
        let mut i = 0;
        while i + k <= list.len() {
            if (list[i + k - 1].rating.pressed_at - list[i].rating.pressed_at).num_seconds() <= cfg.burst_seconds {
                alerts.push(Alert {
                    window_id: w.id,
                    department_id: w.department_id,
                    kind: AnomalyKind::Burst,
                    title: format!(
                        "评价异常：{} 在 {} 秒内连续评价 {} 次（{} UTC 起）",
                        w.name,
                        cfg.burst_seconds,
                        k,
                        list[i].rating.pressed_at.format("%m-%d %H:%M:%S")
                    ),
                    dedupe_key: format!("evaluator-burst:{}:{}", w.id, list[i].id),
                });
                i += k;
            } else {
                i += 1;
            }
        }
    }
    Ok(alerts)
}

/// Sends the alerts as notifications; returns the users to wake.
pub fn notify(conn: &mut DbConnection, hospital_id: i64, alerts: &[Alert]) -> ApiResult<Vec<i64>> {
    let admins = notifications::users_with_role(conn, hospital_id, "admin")?;
    let mut woken = Vec::new();
    for a in alerts {
        let department = a.department_id;
        let managers: Vec<i64> = db_run!(conn: {
            users::table
                .filter(users::hospital_id.eq(hospital_id))
                .filter(users::role.eq(hcrm_shared::Role::Manager))
                .filter(users::department_id.eq(department))
                .filter(users::disabled.eq(false))
                .select(users::id)
                .load(conn)?
        });
        let to: Vec<i64> = admins.iter().chain(managers.iter()).copied().collect();
        let m = Message {
            kind: hcrm_shared::messaging::NotificationKind::Alert,
            title: a.title.chars().take(200).collect(),
            body: format!("window:{} {}", a.window_id, a.kind),
            link: Some("/evaluations".into()),
        };
        notifications::create(conn, hospital_id, &to, &m, Some(&a.dedupe_key))?;
        woken.extend(to);
    }
    woken.sort_unstable();
    woken.dedup();
    Ok(woken)
}

/// Detects and notifies in one transaction.
pub fn check(conn: &mut DbConnection, hospital_id: i64, cfg: &EvaluationsConfig) -> ApiResult<(Vec<Alert>, Vec<i64>)> {
    write_transaction(conn, |conn| {
        let alerts = detect(conn, hospital_id, cfg)?;
        let woken = notify(conn, hospital_id, &alerts)?;
        Ok((alerts, woken))
    })
}

pub async fn anomaly_job(ctx: JobContext) -> Outcome {
    let hospital_id = ctx.job.hospital_id;
    let cfg = ctx.state.config.evaluations.clone();
    match ctx.state.db.run(move |conn| check(conn, hospital_id, &cfg)).await {
        Ok((_, woken)) => {
            ctx.state.hub.wake(&woken);
            Outcome::Done
        }
        Err(e) => Outcome::Retry(e.detail),
    }
}
