//! Storing answer sheets: checked against the path of their version,
//! scored, classified, and run through the version's answer rules (callback
//! task + the department managers told).

use chrono::NaiveDate;
use diesel::prelude::*;
use hcrm_shared::questionnaire::api::ResponseDetail;
use hcrm_shared::questionnaire::{self as engine, AnswerRule, Answers, ResponseChannel};

use super::templates;
use crate::audit::{self, Actor};
use crate::db::schema::{followup_tasks, survey_responses as sr, users, visits};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::followup::{create_task, NewTask};
use crate::notifications::model::Message;
use crate::notifications::service as notify;
use crate::surveys::model::{LoadedVersion, PatientResponse, Stored, Submission};

#[derive(Insertable)]
#[diesel(table_name = sr)]
struct NewRow<'a> {
    hospital_id: i64,
    version_id: i64,
    channel: ResponseChannel,
    patient_id: Option<i64>,
    department_id: Option<i64>,
    followup_task_id: Option<i64>,
    user_id: Option<i64>,
    link_id: Option<i64>,
    kiosk_id: Option<i64>,
    staff_survey_id: Option<i64>,
    answers: String,
    score: Option<f64>,
    max_score: Option<f64>,
    satisfaction: Option<&'a str>,
    answered_on: NaiveDate,
    created_at: Option<chrono::NaiveDateTime>,
}

/// The department of a task, else of the patient's latest visit.
fn default_department(conn: &mut DbConnection, task: Option<i64>, patient: Option<i64>) -> ApiResult<Option<i64>> {
    if let Some(t) = task {
        let d: Option<Option<i64>> = db_run!(conn: { followup_tasks::table.filter(followup_tasks::id.eq(t)).select(followup_tasks::department_id).first(conn).optional()? });
        if let Some(Some(d)) = d {
            return Ok(Some(d));
        }
    }
    if let Some(p) = patient {
        let d: Option<i64> = db_run!(conn: {
            visits::table.filter(visits::patient_id.eq(p)).order(visits::admitted_at.desc()).select(visits::department_id).first::<i64>(conn).optional()?
        });
        return Ok(d);
    }
    Ok(None)
}

/// Checks, scores and stores; opens callback tasks for triggered rules and
/// notifies the department's managers. Run inside a write transaction
/// (wake the hub with `notified` after commit). Patient answers are
/// audited as `actor`; anonymous sheets write no audit row (it would hold a
/// user, an address and a time).
pub fn store(conn: &mut DbConnection, actor: Option<&Actor>, sub: Submission) -> ApiResult<Stored> {
    let version = templates::version(conn, sub.hospital_id, sub.version_id)?;
    if !version.is_published() {
        return Err(ApiError::invalid("version_id", "answers are taken on published versions only"));
    }
    let answers: Answers = sub.answers.clone();
    engine::check_response(&version.content, &answers)
        .map_err(|p| ApiError::invalid(format!("answers.{}", p.at), p.message))?;
    let kept = engine::on_path(&version.content, &answers);
    let score = engine::score(&version.content, &kept);
    let level = engine::classify(&version.content, &kept);
    if let Some(task) = sub.followup_task_id {
        let owner: Option<(i64, i64)> = db_run!(conn: {
            followup_tasks::table.filter(followup_tasks::id.eq(task)).select((followup_tasks::hospital_id, followup_tasks::patient_id)).first(conn).optional()?
        });
        match owner {
            Some((h, p)) if h == sub.hospital_id && sub.patient_id.is_none_or(|x| x == p) => {}
            _ => return Err(ApiError::invalid("followup_task_id", "no such task for this patient")),
        }
    }
    let department_id = match sub.department_id {
        Some(d) => Some(d),
        None if sub.anonymous => None,
        None => default_department(conn, sub.followup_task_id, sub.patient_id)?,
    };
    let t = now();
    let today = sub.today.unwrap_or_else(|| t.date());
    let has_score = !score.per_question.is_empty();
    let row = NewRow {
        hospital_id: sub.hospital_id,
        version_id: sub.version_id,
        channel: sub.channel,
        patient_id: sub.patient_id,
        department_id,
        followup_task_id: sub.followup_task_id,
        user_id: if sub.anonymous { None } else { sub.user_id },
        link_id: sub.link_id,
        kiosk_id: sub.kiosk_id,
        staff_survey_id: sub.staff_survey_id,
        answers: serde_json::to_string(&kept).expect("answers serialise"),
        score: has_score.then_some(score.total),
        max_score: has_score.then_some(score.max),
        satisfaction: level.map(|l| l.as_str()),
        answered_on: today,
        created_at: if sub.anonymous { None } else { Some(t) },
    };
    let id: i64 = db_run!(conn: { diesel::insert_into(sr::table).values(&row).returning(sr::id).get_result(conn)? });
    let mut task_ids = Vec::new();
    let mut notified = Vec::new();
    for rule in engine::triggered_rules(&version.content, &kept) {
        let (tasks, users) = apply_rule(conn, &version, id, &sub, department_id, rule)?;
        task_ids.extend(tasks);
        notified.extend(users);
    }
    if let (Some(actor), Some(pid)) = (actor, sub.patient_id) {
        audit::record(
            conn,
            actor,
            audit::AuditAction::SurveyResponse,
            Some(pid),
            Some(&format!("survey_response:{id}")),
            Some(&format!("{} v{}", version.name, version.number)),
        )?;
    }
    let response = ResponseDetail {
        id,
        version_id: version.id,
        version: version.number,
        questionnaire_id: version.questionnaire_id,
        channel: sub.channel,
        patient_id: sub.patient_id,
        department_id,
        followup_task_id: sub.followup_task_id,
        answers: kept,
        score: row.score,
        max_score: row.max_score,
        satisfaction: row.satisfaction.map(str::to_string),
        answered_on: today,
        callback_task_ids: task_ids,
    };
    Ok(Stored { response, notified })
}

/// A triggered rule: a callback task for the patient (idempotent on
/// `survey_response:<id>:<rule>`) and an alert to the department's managers.
fn apply_rule(
    conn: &mut DbConnection,
    v: &LoadedVersion,
    response_id: i64,
    sub: &Submission,
    department_id: Option<i64>,
    rule: &AnswerRule,
) -> ApiResult<(Vec<i64>, Vec<i64>)> {
    let answer = sub.answers.get(&rule.question).map(|a| a.to_string()).unwrap_or_default();
    let question = v.content.question(&rule.question).map(|q| q.text.clone()).unwrap_or_default();
    let detail = format!("{} v{}: {} = {}", v.name, v.number, question, answer);
    let mut tasks = Vec::new();
    if let Some(patient) = sub.patient_id {
        let mut task = NewTask::callback(
            sub.hospital_id,
            patient,
            department_id,
            format!("survey_response:{response_id}:{}", rule.id),
            rule.title.clone(),
            detail.clone(),
        );
        task.questionnaire_id = Some(v.questionnaire_id);
        let (task_id, _) = create_task(conn, &task)?;
        tasks.push(task_id);
        complaint_from_answer(
            conn,
            sub.config.as_deref(),
            sub.hospital_id,
            response_id,
            patient,
            department_id,
            rule,
            &detail,
        )?;
    }
    let managers: Vec<i64> = match department_id {
        Some(d) => db_run!(conn: {
            users::table
                .filter(users::hospital_id.eq(sub.hospital_id))
                .filter(users::department_id.eq(d))
                .filter(users::role.eq(hcrm_shared::Role::Manager))
                .filter(users::disabled.eq(false))
                .select(users::id)
                .load(conn)?
        }),
        None => Vec::new(),
    };
    if !managers.is_empty() {
        let m = Message {
            kind: hcrm_shared::messaging::NotificationKind::Alert,
            title: rule.title.chars().take(200).collect(),
            body: detail.chars().take(2000).collect(),
            link: sub.patient_id.map(|p| format!("/patients/{p}")),
        };
        let key = format!("survey_response:{response_id}:{}", rule.id);
        notify::create(conn, sub.hospital_id, &managers, &m, Some(&key))?;
    }
    Ok((tasks, managers))
}

/// A triggered answer rule also opens a complaint ticket (source
/// "questionnaire"), in the same transaction as the response; idempotent on
/// the response and rule, like the callback task.
#[allow(clippy::too_many_arguments)]
pub fn complaint_from_answer(
    conn: &mut DbConnection,
    config: Option<&crate::config::Config>,
    hospital_id: i64,
    response_id: i64,
    patient_id: i64,
    department_id: Option<i64>,
    rule: &AnswerRule,
    detail: &str,
) -> ApiResult<()> {
    let Some(config) = config else { return Ok(()) };
    let ticket = crate::feedback::NewTicket {
        kind: hcrm_shared::feedback::TicketKind::Complaint,
        source: hcrm_shared::feedback::TicketSource::Questionnaire,
        source_ref: Some(format!("survey_response:{response_id}:{}", rule.id)),
        severity: hcrm_shared::feedback::TicketSeverity::Normal,
        patient_id: Some(patient_id),
        topic: rule.title.chars().take(100).collect(),
        content: detail.chars().take(5000).collect(),
        department_ids: department_id.into_iter().collect(),
        ..Default::default()
    };
    let actor = Actor {
        user_id: None,
        username: "survey-rules".into(),
        role: "system".into(),
        hospital_id: Some(hospital_id),
        ip: "local".into(),
    };
    crate::feedback::open_ticket(conn, config, hospital_id, &actor, &ticket)?;
    Ok(())
}

type ResponseTuple = (
    i64,
    i64,
    ResponseChannel,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    String,
    Option<f64>,
    Option<f64>,
    Option<String>,
    NaiveDate,
);

/// One response, within the caller's department scope.
pub fn get(
    conn: &mut DbConnection,
    hospital_id: i64,
    departments: Option<&[i64]>,
    id: i64,
) -> ApiResult<ResponseDetail> {
    let row: Option<ResponseTuple> = db_run!(conn: {
        sr::table
            .filter(sr::id.eq(id))
            .filter(sr::hospital_id.eq(hospital_id))
            .select((sr::id, sr::version_id, sr::channel, sr::patient_id, sr::department_id, sr::followup_task_id, sr::answers, sr::score, sr::max_score, sr::satisfaction, sr::answered_on))
            .first(conn)
            .optional()?
    });
    let (
        id,
        version_id,
        channel,
        patient_id,
        department_id,
        followup_task_id,
        answers,
        score,
        max_score,
        satisfaction,
        answered_on,
    ) = row.ok_or_else(|| ApiError::not_found("response"))?;
    if let Some(depts) = departments {
        if !department_id.is_some_and(|d| depts.contains(&d)) {
            return Err(ApiError::not_found("response"));
        }
    }
    let version = templates::version(conn, hospital_id, version_id)?;
    let prefix = format!("survey_response:{id}:");
    let callback_task_ids: Vec<i64> = db_run!(conn: {
        followup_tasks::table
            .filter(followup_tasks::hospital_id.eq(hospital_id))
            .filter(followup_tasks::source_key.like(format!("{prefix}%")))
            .select(followup_tasks::id)
            .load(conn)?
    });
    Ok(ResponseDetail {
        id,
        version_id,
        version: version.number,
        questionnaire_id: version.questionnaire_id,
        channel,
        patient_id,
        department_id,
        followup_task_id,
        answers: serde_json::from_str(&answers)
            .map_err(|e| ApiError::internal(format!("stored answers of response {id}: {e}")))?,
        score,
        max_score,
        satisfaction,
        answered_on,
        callback_task_ids,
    })
}

/// A patient's answer sheets, newest first (the last 100).
pub fn of_patient(conn: &mut DbConnection, hospital_id: i64, patient_id: i64) -> ApiResult<Vec<PatientResponse>> {
    use crate::db::schema::{questionnaire_versions as qv, questionnaires as q};
    Ok(db_run!(conn: {
        sr::table
            .inner_join(qv::table.on(qv::id.eq(sr::version_id)))
            .inner_join(q::table.on(q::id.eq(qv::questionnaire_id)))
            .filter(sr::hospital_id.eq(hospital_id))
            .filter(sr::patient_id.eq(patient_id))
            .order((sr::answered_on.desc(), sr::id.desc()))
            .limit(100)
            .select((sr::id, q::id, q::name, sr::channel, sr::score, sr::max_score, sr::satisfaction, sr::answered_on, sr::followup_task_id))
            .load::<PatientResponse>(conn)?
    }))
}
