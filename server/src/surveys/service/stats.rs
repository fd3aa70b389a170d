//! Survey statistics: satisfaction the way hospitals report it
//! ((非常满意 + 满意) / valid answers) overall, per month and per department
//! and month; per-question distributions; free-text answers. The Excel
//! export (`export.rs`) writes exactly these numbers.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use hcrm_shared::questionnaire::api::*;
use hcrm_shared::questionnaire::{satisfaction_rate, QuestionKind, Satisfaction, Template};
use serde_json::Value;

use super::templates;
use crate::db::schema::{departments, survey_responses as sr};
use crate::db::DbConnection;
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::surveys::model::{Dataset, LoadedVersion, RespRow, StatsQuery};

/// Loads the responses in the caller's department scope.
pub fn load(conn: &mut DbConnection, hospital_id: i64, scope: Option<&[i64]>, q: &StatsQuery) -> ApiResult<Dataset> {
    if let (Some(f), Some(t)) = (q.from, q.to) {
        if f > t {
            return Err(ApiError::invalid("from", "from is after to"));
        }
    }
    let versions = templates::versions_of(conn, hospital_id, q.questionnaire_id)?;
    let latest = versions.last().cloned().ok_or_else(|| ApiError::not_found("questionnaire"))?;
    let ids: Vec<i64> = versions.iter().map(|v| v.id).collect();
    type Tuple = (
        i64,
        i64,
        hcrm_shared::questionnaire::ResponseChannel,
        Option<i64>,
        String,
        Option<f64>,
        Option<String>,
        NaiveDate,
    );
    let (raw, depts): (Vec<Tuple>, Vec<(i64, String)>) = db_run!(conn: {
        let mut query = sr::table.filter(sr::hospital_id.eq(hospital_id)).filter(sr::version_id.eq_any(&ids)).into_boxed();
        if let Some(f) = q.from {
            query = query.filter(sr::answered_on.ge(f));
        }
        if let Some(t) = q.to {
            query = query.filter(sr::answered_on.le(t));
        }
        if let Some(d) = q.department_id {
            query = query.filter(sr::department_id.eq(d));
        }
        if let Some(s) = scope {
            query = query.filter(sr::department_id.eq_any(s.to_vec()));
        }
        let raw = query
            .order(sr::id)
            .select((sr::id, sr::version_id, sr::channel, sr::department_id, sr::answers, sr::score, sr::satisfaction, sr::answered_on))
            .load(conn)?;
        let depts = departments::table.filter(departments::hospital_id.eq(hospital_id)).select((departments::id, departments::name)).load(conn)?;
        (raw, depts)
    });
    let mut rows = Vec::with_capacity(raw.len());
    for (id, version_id, channel, department_id, answers, score, satisfaction, answered_on) in raw {
        let answers = serde_json::from_str(&answers)
            .map_err(|e| ApiError::internal(format!("stored answers of response {id}: {e}")))?;
        rows.push(RespRow {
            id,
            version_id,
            channel,
            department_id,
            answers,
            score,
            satisfaction: satisfaction.as_deref().and_then(Satisfaction::parse),
            answered_on,
        });
    }
    Ok(Dataset {
        name: latest.name.clone(),
        questionnaire_id: q.questionnaire_id,
        latest,
        versions: versions.into_iter().map(|v| (v.id, v)).collect(),
        departments: depts.into_iter().collect(),
        rows,
    })
}

fn month(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

fn sat_row(
    month: String,
    department_id: Option<i64>,
    department_name: String,
    levels: &[Satisfaction],
) -> SatisfactionRow {
    SatisfactionRow {
        month,
        department_id,
        department_name,
        valid: levels.len() as i64,
        satisfied: levels.iter().filter(|l| l.is_satisfied()).count() as i64,
        rate: satisfaction_rate(levels),
    }
}

pub const ALL_MONTHS: &str = "all";
pub const WHOLE_HOSPITAL: &str = "全院";

fn option_label(t: &Template, qid: &str, value: &str) -> Option<String> {
    t.question(qid)?.options.iter().find(|o| o.value == value).map(|o| o.label.clone())
}

fn row_label(t: &Template, qid: &str, row: &str) -> Option<String> {
    t.question(qid)?.rows.iter().find(|r| r.id == row).map(|r| r.text.clone())
}

/// A readable form of one answer (export, text listing).
pub fn answer_text(t: &Template, qid: &str, v: &Value) -> String {
    match v {
        Value::String(s) => option_label(t, qid, s).unwrap_or_else(|| s.clone()),
        Value::Array(a) => a
            .iter()
            .map(|x| x.as_str().map(|s| option_label(t, qid, s).unwrap_or_else(|| s.to_string())).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("、"),
        Value::Object(o) => o
            .iter()
            .map(|(r, x)| {
                let s = x.as_str().unwrap_or_default();
                format!(
                    "{}:{}",
                    row_label(t, qid, r).unwrap_or_else(|| r.clone()),
                    option_label(t, qid, s).unwrap_or_else(|| s.to_string())
                )
            })
            .collect::<Vec<_>>()
            .join("；"),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

pub fn compute(d: &Dataset) -> SurveyStats {
    let levels = |pred: &dyn Fn(&RespRow) -> bool| -> Vec<Satisfaction> {
        d.rows.iter().filter(|r| pred(r)).filter_map(|r| r.satisfaction).collect()
    };
    let overall = sat_row(ALL_MONTHS.into(), None, WHOLE_HOSPITAL.into(), &levels(&|_| true));
    let mut months: Vec<String> = d.rows.iter().map(|r| month(r.answered_on)).collect();
    months.sort();
    months.dedup();
    let monthly = months
        .iter()
        .map(|m| sat_row(m.clone(), None, WHOLE_HOSPITAL.into(), &levels(&|r| &month(r.answered_on) == m)))
        .collect();
    let mut keys: BTreeMap<(String, String, Option<i64>), Vec<Satisfaction>> = BTreeMap::new();
    for r in &d.rows {
        let e = keys.entry((month(r.answered_on), d.department_name(r.department_id), r.department_id)).or_default();
        if let Some(l) = r.satisfaction {
            e.push(l);
        }
    }
    let mut whole: BTreeMap<(String, Option<i64>), Vec<Satisfaction>> = BTreeMap::new();
    for r in &d.rows {
        let e = whole.entry((d.department_name(r.department_id), r.department_id)).or_default();
        if let Some(l) = r.satisfaction {
            e.push(l);
        }
    }
    let departments = whole.into_iter().map(|((name, id), ls)| sat_row(ALL_MONTHS.into(), id, name, &ls)).collect();
    let by_department = keys.into_iter().map(|((m, name, id), ls)| sat_row(m, id, name, &ls)).collect();
    let scores: Vec<f64> = d.rows.iter().filter_map(|r| r.score).collect();
    let average_score =
        (!scores.is_empty()).then(|| (scores.iter().sum::<f64>() / scores.len() as f64 * 100.0).round() / 100.0);

    // Questions of the latest version first, then any only older versions had.
    let mut order: Vec<(String, String, QuestionKind)> =
        d.latest.content.questions().map(|q| (q.id.clone(), q.text.clone(), q.kind)).collect();
    let mut older: Vec<&LoadedVersion> = d.versions.values().collect();
    older.sort_by_key(|v| std::cmp::Reverse(v.number));
    for v in &older {
        for q in v.content.questions() {
            if !order.iter().any(|o| o.0 == q.id) {
                order.push((q.id.clone(), q.text.clone(), q.kind));
            }
        }
    }
    let mut questions = Vec::new();
    let mut texts = Vec::new();
    for (qid, text, kind) in order {
        let mut counts: Vec<AnswerCount> = Vec::new();
        if let Some(q) = d.latest.content.question(&qid) {
            match kind {
                QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
                    counts.extend(q.options.iter().map(|o| AnswerCount {
                        value: o.value.clone(),
                        label: o.label.clone(),
                        count: 0,
                    }))
                }
                QuestionKind::Matrix => {
                    for r in &q.rows {
                        counts.extend(q.options.iter().map(|o| AnswerCount {
                            value: format!("{}/{}", r.id, o.value),
                            label: format!("{}:{}", r.text, o.label),
                            count: 0,
                        }));
                    }
                }
                _ => {
                    if let Some((lo, hi)) = kind.rating_range() {
                        counts.extend((lo..=hi).map(|n| AnswerCount {
                            value: n.to_string(),
                            label: n.to_string(),
                            count: 0,
                        }));
                    }
                }
            }
        }
        let mut bump = |value: String, label: String| match counts.iter_mut().find(|c| c.value == value) {
            Some(c) => c.count += 1,
            None => counts.push(AnswerCount { value, label, count: 1 }),
        };
        let (mut answered, mut sum, mut n) = (0i64, 0f64, 0i64);
        for r in &d.rows {
            let Some(v) = r.answers.get(&qid) else { continue };
            let t = &d.versions[&r.version_id].content;
            answered += 1;
            match v {
                Value::String(s) if matches!(kind, QuestionKind::SingleChoice) => {
                    bump(s.clone(), option_label(t, &qid, s).unwrap_or_else(|| s.clone()))
                }
                Value::String(s) if matches!(kind, QuestionKind::Text) => texts.push(TextAnswer {
                    response_id: r.id,
                    question_id: qid.clone(),
                    answered_on: r.answered_on,
                    department_name: r.department_id.map(|x| d.department_name(Some(x))),
                    text: s.clone(),
                }),
                Value::Array(a) => {
                    for s in a.iter().filter_map(|x| x.as_str()) {
                        bump(s.to_string(), option_label(t, &qid, s).unwrap_or_else(|| s.to_string()));
                    }
                }
                Value::Object(o) => {
                    for (row, x) in o {
                        let s = x.as_str().unwrap_or_default();
                        bump(
                            format!("{row}/{s}"),
                            format!(
                                "{}:{}",
                                row_label(t, &qid, row).unwrap_or_else(|| row.clone()),
                                option_label(t, &qid, s).unwrap_or_else(|| s.to_string())
                            ),
                        );
                    }
                }
                Value::Number(x) => {
                    let f = x.as_f64().unwrap_or_default();
                    sum += f;
                    n += 1;
                    if kind.rating_range().is_some() {
                        bump(x.to_string(), x.to_string());
                    }
                }
                _ => {}
            }
        }
        questions.push(QuestionStats {
            id: qid,
            text,
            kind: serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
            answered,
            distribution: counts,
            average: (n > 0).then(|| (sum / n as f64 * 100.0).round() / 100.0),
        });
    }
    texts.sort_by(|a, b| b.answered_on.cmp(&a.answered_on).then(b.response_id.cmp(&a.response_id)));
    texts.truncate(500);
    SurveyStats {
        questionnaire_id: d.questionnaire_id,
        name: d.name.clone(),
        responses: d.rows.len() as i64,
        average_score,
        overall,
        monthly,
        departments,
        by_department,
        questions,
        texts,
    }
}
