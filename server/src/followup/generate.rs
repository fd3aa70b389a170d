//! The generators: discharge and research rules, administrative spot
//! checks and department plans make tasks; due SMS rounds are sent. Every
//! task has a source key naming its cause, so a generator that runs again
//! (the recurring job, an on-demand run, a retried job) makes nothing twice.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use hcrm_shared::api::{Diagnosis, VisitKind};
use hcrm_shared::followup::{RuleKind, TaskChannel, TaskKind, TaskPriority, TaskStatus};
use hcrm_shared::messaging::NewSms;

use super::model::*;
use super::rules::IcdFilter;
use super::service::NewTask;
use super::{revisit, settings, tasks};
use crate::app::AppState;
use crate::db::schema::{followup_plan_patients, followup_plans, followup_rules, followup_tasks, patients, visits};
use crate::db::{now, write_transaction, DbConnection};
use crate::db_run;
use crate::error::ApiResult;

/// A task row as the generators insert it in bulk (with its rule).
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = followup_tasks)]
pub struct TaskInsert {
    #[diesel(embed)]
    pub task: NewTask,
    pub rule_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl TaskInsert {
    /// A generated task made at `t` (from `rule_id`'s rule, if any).
    fn generated(task: NewTask, rule_id: Option<i64>, t: NaiveDateTime) -> TaskInsert {
        TaskInsert { task, rule_id, created_at: t, updated_at: t }
    }
}

/// Inserts tasks, skipping source keys that exist; returns how many are new.
pub fn insert_tasks(conn: &mut DbConnection, rows: &[TaskInsert]) -> ApiResult<usize> {
    let mut n = 0;
    for chunk in rows.chunks(1000) {
        n += write_transaction(conn, |conn| {
            Ok(match conn {
                // SQLite cannot batch rows with defaults and ON CONFLICT;
                // single inserts inside one transaction are about as fast.
                DbConnection::Sqlite(c) => {
                    let mut n = 0;
                    for row in chunk {
                        n += diesel::insert_into(followup_tasks::table)
                            .values(row)
                            .on_conflict_do_nothing()
                            .execute(c)?;
                    }
                    n
                }
                DbConnection::Postgresql(c) => {
                    diesel::insert_into(followup_tasks::table).values(chunk).on_conflict_do_nothing().execute(c)?
                }
            })
        })?;
    }
    Ok(n)
}

/// The UTC instant a local date starts.
pub fn local_day_start(d: NaiveDate, offset_minutes: i32) -> NaiveDateTime {
    d.and_hms_opt(0, 0, 0).unwrap() - Duration::minutes(offset_minutes as i64)
}

fn local_date(t: NaiveDateTime, offset_minutes: i32) -> NaiveDate {
    (t + Duration::minutes(offset_minutes as i64)).date()
}

/// A discharge eligible for follow-up.
struct Discharge {
    visit_id: i64,
    patient_id: i64,
    department_id: i64,
    discharged_at: NaiveDateTime,
    diagnoses: String,
}

/// Discharged inpatient stays, not cancelled, of living patients, in
/// `[from, to)` and (when given) one department.
fn discharges(
    conn: &mut DbConnection,
    hospital_id: i64,
    department: Option<i64>,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> ApiResult<Vec<Discharge>> {
    let rows: Vec<(i64, i64, i64, Option<NaiveDateTime>, String)> = db_run!(conn: {
        let mut q = visits::table
            .inner_join(patients::table)
            .filter(visits::hospital_id.eq(hospital_id))
            .filter(visits::kind.eq(VisitKind::Inpatient))
            .filter(visits::cancelled_at.is_null())
            .filter(visits::discharged_at.ge(from))
            .filter(visits::discharged_at.lt(to))
            .filter(patients::tags.not_like("%deceased%"))
            .select((visits::id, visits::patient_id, visits::department_id, visits::discharged_at, visits::diagnoses))
            .into_boxed();
        if let Some(d) = department {
            q = q.filter(visits::department_id.eq(d));
        }
        q.load(conn)?
    });
    Ok(rows
        .into_iter()
        .filter_map(|(visit_id, patient_id, department_id, d, diagnoses)| {
            d.map(|discharged_at| Discharge { visit_id, patient_id, department_id, discharged_at, diagnoses })
        })
        .collect())
}

/// Tasks of discharge and research rules: one per matching discharge and
/// round, keyed `rule:<id>:visit:<id>:round:<n>`. Returns (discharge, research) counts made.
pub fn generate_rules(conn: &mut DbConnection, hospital_id: i64, offset_minutes: i32) -> ApiResult<(usize, usize)> {
    let policy = settings::get(conn, hospital_id)?;
    let rules: Vec<RuleRow> = db_run!(conn: {
        followup_rules::table
            .filter(followup_rules::hospital_id.eq(hospital_id))
            .filter(followup_rules::active.eq(true))
            .select(RuleRow::as_select())
            .load(conn)?
    });
    let t = now();
    let today = local_day_start(local_date(t, offset_minutes), offset_minutes);
    let (mut made_discharge, mut made_research) = (0, 0);
    for rule in rules {
        let Ok(filter) = IcdFilter::parse(&rule.icd_codes) else { continue };
        let rounds = rule.rounds();
        let Some(max_to) = rounds.iter().map(|r| r.to_day).max() else { continue };
        let research = rule.kind == RuleKind::Research;
        let (from, to) = if research {
            match (rule.period_from, rule.period_to) {
                (Some(a), Some(b)) => {
                    (local_day_start(a, offset_minutes), local_day_start(b, offset_minutes) + Duration::days(1))
                }
                _ => continue,
            }
        } else {
            (today - Duration::days(max_to as i64 + 1), t + Duration::seconds(1))
        };
        let found = discharges(conn, hospital_id, rule.department_id, from, to)?;
        // Keys made by earlier runs are skipped before the insert: the
        // hourly rerun then costs a read, not a conflicting insert per row.
        let made: HashSet<String> = db_run!(conn: {
            followup_tasks::table.filter(followup_tasks::rule_id.eq(rule.id)).select(followup_tasks::source_key).load::<String>(conn)?
        })
        .into_iter()
        .collect();
        let mut rows = Vec::new();
        for d in found {
            if !filter.is_empty() {
                let diagnoses: Vec<Diagnosis> = serde_json::from_str(&d.diagnoses).unwrap_or_default();
                if !filter.matches(diagnoses.iter().map(|x| x.code.as_str())) {
                    continue;
                }
            }
            let day0 = local_day_start(local_date(d.discharged_at, offset_minutes), offset_minutes);
            for (i, round) in rounds.iter().enumerate() {
                let mut due_from = day0 + Duration::days(round.from_day as i64);
                let mut due_until = day0 + Duration::days(round.to_day as i64 + 1) - Duration::seconds(1);
                if research {
                    // A study picks past discharges: windows already gone
                    // start today, with their length kept.
                    if due_until < t {
                        let len = due_until - due_from;
                        due_from = today;
                        due_until = today + len;
                    }
                } else if due_until < rule.created_at {
                    // A new rule does not make tasks whose window closed before it existed.
                    continue;
                }
                let n = i + 1;
                let source_key = format!("rule:{}:visit:{}:round:{n}", rule.id, d.visit_id);
                if made.contains(&source_key) {
                    continue;
                }
                rows.push(TaskInsert::generated(
                    NewTask {
                        hospital_id,
                        patient_id: d.patient_id,
                        visit_id: Some(d.visit_id),
                        department_id: Some(d.department_id),
                        kind: rule.kind.task_kind(),
                        source_key,
                        title: format!("{} 第{n}轮", rule.name),
                        detail: format!("出院后第{}-{}天", round.from_day, round.to_day),
                        priority: TaskPriority::Normal,
                        channel: round.channel,
                        questionnaire_id: round.questionnaire_id,
                        due_from,
                        due_until,
                        assignee_id: None,
                        max_attempts: policy.max_attempts,
                        created_by: None,
                    },
                    Some(rule.id),
                    t,
                ));
            }
        }
        let made = insert_tasks(conn, &rows)?;
        if research {
            made_research += made;
        } else {
            made_discharge += made;
        }
    }
    Ok((made_discharge, made_research))
}

/// Deterministic sampling: a discharge is in the spot check when its hash
/// falls under the share, so reruns pick the same discharges and a new
/// share only adds or removes at the margin. Each department's discharges
/// are sampled at the same share.
pub fn sampled(visit_id: i64, percent: i32) -> bool {
    let mut x = (visit_id as u64).wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 31;
    (x % 10_000) < (percent.clamp(0, 100) as u64) * 100
}

/// Administrative spot checks for the customer-service centre: a share of
/// the last 30 days' discharges, keyed `spot:visit:<id>`.
pub fn generate_spot_checks(conn: &mut DbConnection, hospital_id: i64, offset_minutes: i32) -> ApiResult<usize> {
    let policy = settings::get(conn, hospital_id)?;
    if policy.spot_check_percent <= 0 {
        return Ok(0);
    }
    let t = now();
    let found = discharges(conn, hospital_id, None, t - Duration::days(30), t + Duration::seconds(1))?;
    let rows: Vec<TaskInsert> = found
        .into_iter()
        .filter(|d| sampled(d.visit_id, policy.spot_check_percent))
        // A check whose week has passed is not worth making.
        .filter(|d| {
            local_day_start(local_date(d.discharged_at, offset_minutes), offset_minutes) + Duration::days(8) > t
        })
        .map(|d| {
            let day0 = local_day_start(local_date(d.discharged_at, offset_minutes), offset_minutes);
            TaskInsert::generated(
                NewTask {
                    hospital_id,
                    patient_id: d.patient_id,
                    visit_id: Some(d.visit_id),
                    department_id: Some(d.department_id),
                    kind: TaskKind::Administrative,
                    source_key: format!("spot:visit:{}", d.visit_id),
                    title: "出院满意度抽查".into(),
                    detail: format!("抽查比例 {}%", policy.spot_check_percent),
                    priority: TaskPriority::Normal,
                    channel: TaskChannel::Phone,
                    questionnaire_id: policy.spot_check_questionnaire_id,
                    due_from: day0 + Duration::days(1),
                    due_until: day0 + Duration::days(8) - Duration::seconds(1),
                    assignee_id: None,
                    max_attempts: policy.max_attempts,
                    created_by: None,
                },
                None,
                t,
            )
        })
        .collect();
    insert_tasks(conn, &rows)
}

/// Department plans: every round for every patient of the plan, keyed
/// `plan:<id>:patient:<id>:round:<n>`.
pub fn generate_plans(conn: &mut DbConnection, hospital_id: i64, offset_minutes: i32) -> ApiResult<usize> {
    let policy = settings::get(conn, hospital_id)?;
    let plans: Vec<(PlanRow, Vec<i64>)> = db_run!(conn: {
        let plans: Vec<PlanRow> = followup_plans::table
            .filter(followup_plans::hospital_id.eq(hospital_id))
            .filter(followup_plans::active.eq(true))
            .select(PlanRow::as_select())
            .load(conn)?;
        let mut out = Vec::new();
        for p in plans {
            let ids: Vec<i64> = followup_plan_patients::table
                .inner_join(patients::table.on(patients::id.eq(followup_plan_patients::patient_id)))
                .filter(followup_plan_patients::plan_id.eq(p.id))
                .filter(patients::tags.not_like("%deceased%"))
                .select(followup_plan_patients::patient_id)
                .load(conn)?;
            out.push((p, ids));
        }
        out
    });
    let t = now();
    let mut rows = Vec::new();
    for (plan, patients) in plans {
        let rounds: Vec<PlanRound> = serde_json::from_str(&plan.rounds).unwrap_or_default();
        let window = Duration::days(plan.interval_days.clamp(1, 7) as i64);
        for pid in patients {
            for n in 1..=plan.round_count {
                let round = rounds
                    .get((n as usize - 1).min(rounds.len().saturating_sub(1)))
                    .cloned()
                    .unwrap_or(PlanRound { questionnaire_id: None, channel: TaskChannel::Phone });
                let date = plan.first_date + Duration::days(plan.interval_days as i64 * (n as i64 - 1));
                let due_from = local_day_start(date, offset_minutes);
                let sms = round.channel == TaskChannel::Sms;
                rows.push(TaskInsert::generated(
                    NewTask {
                        hospital_id,
                        patient_id: pid,
                        visit_id: None,
                        department_id: Some(plan.department_id),
                        kind: TaskKind::Department,
                        source_key: format!("plan:{}:patient:{pid}:round:{n}", plan.id),
                        title: format!("{} 第{n}次", plan.name),
                        detail: if sms { plan.sms_body.clone() } else { String::new() },
                        priority: TaskPriority::Normal,
                        channel: round.channel,
                        questionnaire_id: round.questionnaire_id,
                        due_from,
                        due_until: due_from + window - Duration::seconds(1),
                        assignee_id: None,
                        max_attempts: policy.max_attempts,
                        created_by: None,
                    },
                    None,
                    t,
                ));
            }
        }
    }
    insert_tasks(conn, &rows)
}

/// Sends the SMS rounds that are due: each message is enqueued in the
/// same transaction that completes its task, so a rerun sends nothing twice.
pub fn send_due_sms(conn: &mut DbConnection, state: &AppState, hospital_id: i64) -> ApiResult<usize> {
    let t = now();
    let due: Vec<(i64, i64, String, String)> = db_run!(conn: {
        followup_tasks::table
            .filter(followup_tasks::hospital_id.eq(hospital_id))
            .filter(followup_tasks::channel.eq(TaskChannel::Sms))
            .filter(followup_tasks::status.eq(TaskStatus::Pending))
            .filter(followup_tasks::due_from.le(t))
            .select((followup_tasks::id, followup_tasks::patient_id, followup_tasks::title, followup_tasks::detail))
            .load(conn)?
    });
    let mut sent = 0;
    for (id, patient_id, title, detail) in due {
        let done = write_transaction(conn, |conn| {
            let still: i64 = db_run!(conn: {
                followup_tasks::table.find(id).filter(followup_tasks::status.eq(TaskStatus::Pending)).count().get_result(conn)?
            });
            if still == 0 {
                return Ok(false);
            }
            let name: String = db_run!(conn: { patients::table.find(patient_id).select(patients::name).first(conn)? });
            let body = if detail.trim().is_empty() {
                format!("{name}您好，{title}：请按医嘱服药、按时复诊，如有不适请及时就医。")
            } else {
                detail.replace("{{name}}", &name)
            };
            let sms = NewSms { patient_id: Some(patient_id), body: Some(body), ..Default::default() };
            let (status, outcome) = match crate::sms::service::enqueue(conn, state, hospital_id, None, &sms) {
                Ok(m) if m.status != hcrm_shared::messaging::SmsStatus::Failed => {
                    (TaskStatus::Completed, "sms_sent".to_string())
                }
                Ok(m) => (TaskStatus::Failed, format!("sms_failed: {}", m.reason.unwrap_or_default())),
                Err(e) => (TaskStatus::Failed, format!("sms_failed: {}", e.detail)),
            };
            db_run!(conn: {
                diesel::update(followup_tasks::table.find(id))
                    .set((
                        followup_tasks::status.eq(status),
                        followup_tasks::outcome.eq(outcome),
                        followup_tasks::completed_at.eq(Some(t)),
                        followup_tasks::updated_at.eq(t),
                    ))
                    .execute(conn)?;
            });
            Ok(status == TaskStatus::Completed)
        })?;
        if done {
            sent += 1;
        }
    }
    if sent > 0 {
        state.jobs.wake();
    }
    Ok(sent)
}

/// Everything the recurring job does, in order.
pub fn run_all(conn: &mut DbConnection, state: &AppState, hospital_id: i64) -> ApiResult<GenerateResult> {
    let offset = state.config.utc_offset_minutes;
    let (discharge, research) = generate_rules(conn, hospital_id, offset)?;
    let administrative = generate_spot_checks(conn, hospital_id, offset)?;
    let department = generate_plans(conn, hospital_id, offset)?;
    let sms = send_due_sms(conn, state, hospital_id)?;
    let revisit = revisit::process(conn, state, hospital_id)?;
    let overdue = tasks::mark_overdue(conn, hospital_id)?;
    Ok(GenerateResult { discharge, research, administrative, department, revisit, sms, overdue })
}
