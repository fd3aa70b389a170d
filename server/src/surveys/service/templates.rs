//! Templates and their versions. A published version is never updated (a
//! trigger refuses it too); an edit of a published template adds a draft.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use hcrm_shared::questionnaire::api::*;
use hcrm_shared::questionnaire::json::{self as qjson, Exported};
use hcrm_shared::questionnaire::version::{plan_edit, EditPlan, VersionStatus};
use hcrm_shared::questionnaire::{validate_template, Template};

use crate::audit::{self, Actor};
use crate::db::schema::{questionnaire_versions as qv, questionnaires as q, survey_responses};
use crate::db::{now, to_utc, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::surveys::model::LoadedVersion;

type VersionTuple = (i64, i64, i64, i32, VersionStatus, Option<NaiveDateTime>, String, String);

fn parse(t: VersionTuple) -> ApiResult<LoadedVersion> {
    let (id, questionnaire_id, hospital_id, number, status, published_at, name, content) = t;
    let content: Template = serde_json::from_str(&content)
        .map_err(|e| ApiError::internal(format!("stored questionnaire version {id} does not parse: {e}")))?;
    Ok(LoadedVersion { id, questionnaire_id, hospital_id, number, status, published_at, name, content })
}

/// One version of the hospital's questionnaires.
pub fn version(conn: &mut DbConnection, hospital_id: i64, version_id: i64) -> ApiResult<LoadedVersion> {
    let row: Option<VersionTuple> = db_run!(conn: {
        qv::table
            .inner_join(q::table)
            .filter(qv::id.eq(version_id))
            .filter(q::hospital_id.eq(hospital_id))
            .select((qv::id, qv::questionnaire_id, q::hospital_id, qv::number, qv::status, qv::published_at, q::name, qv::content))
            .first(conn)
            .optional()?
    });
    parse(row.ok_or_else(|| ApiError::not_found("questionnaire version"))?)
}

/// Every version of a set of questionnaires (or of one), oldest first.
pub fn versions_of(conn: &mut DbConnection, hospital_id: i64, questionnaire_id: i64) -> ApiResult<Vec<LoadedVersion>> {
    let rows: Vec<VersionTuple> = db_run!(conn: {
        qv::table
            .inner_join(q::table)
            .filter(qv::questionnaire_id.eq(questionnaire_id))
            .filter(q::hospital_id.eq(hospital_id))
            .order(qv::number)
            .select((qv::id, qv::questionnaire_id, q::hospital_id, qv::number, qv::status, qv::published_at, q::name, qv::content))
            .load(conn)?
    });
    rows.into_iter().map(parse).collect()
}

/// The version new responses are given on.
pub fn current(conn: &mut DbConnection, hospital_id: i64, questionnaire_id: i64) -> ApiResult<LoadedVersion> {
    let versions = versions_of(conn, hospital_id, questionnaire_id)?;
    if versions.is_empty() {
        return Err(ApiError::not_found("questionnaire"));
    }
    versions
        .into_iter()
        .rev()
        .find(|v| v.is_published())
        .ok_or_else(|| ApiError::invalid("questionnaire_id", "the questionnaire has no published version yet"))
}

type QRow = (i64, String, String, QuestionnaireCategory, NaiveDateTime);

fn summaries(conn: &mut DbConnection, hospital_id: i64, only: Option<i64>) -> ApiResult<Vec<QuestionnaireSummary>> {
    let (rows, versions, counts): (Vec<QRow>, Vec<(i64, i64, i32, VersionStatus)>, Vec<(i64, i64)>) = db_run!(conn: {
        let mut rq = q::table.filter(q::hospital_id.eq(hospital_id)).into_boxed();
        if let Some(id) = only {
            rq = rq.filter(q::id.eq(id));
        }
        let rows: Vec<QRow> = rq.order(q::name).select((q::id, q::code, q::name, q::category, q::updated_at)).load(conn)?;
        let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let versions = qv::table
            .filter(qv::questionnaire_id.eq_any(&ids))
            .order(qv::number)
            .select((qv::questionnaire_id, qv::id, qv::number, qv::status))
            .load(conn)?;
        let counts = survey_responses::table
            .inner_join(qv::table)
            .filter(qv::questionnaire_id.eq_any(&ids))
            .group_by(qv::questionnaire_id)
            .select((qv::questionnaire_id, diesel::dsl::count_star()))
            .load(conn)?;
        (rows, versions, counts)
    });
    Ok(rows
        .into_iter()
        .map(|(id, code, name, category, updated_at)| {
            let mine: Vec<_> = versions.iter().filter(|v| v.0 == id).collect();
            let published = mine.iter().rev().find(|v| v.3 == VersionStatus::Published);
            let draft = mine.last().filter(|v| v.3 == VersionStatus::Draft);
            QuestionnaireSummary {
                id,
                code,
                name,
                category,
                current_version_id: published.map(|v| v.1),
                current_version: published.map(|v| v.2),
                draft_version: draft.map(|v| v.2),
                responses: counts.iter().find(|c| c.0 == id).map_or(0, |c| c.1),
                updated_at: to_utc(updated_at),
            }
        })
        .collect())
}

pub fn list(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<Vec<QuestionnaireSummary>> {
    summaries(conn, hospital_id, None)
}

pub fn detail(conn: &mut DbConnection, hospital_id: i64, id: i64) -> ApiResult<QuestionnaireDetail> {
    let summary = summaries(conn, hospital_id, Some(id))?.pop().ok_or_else(|| ApiError::not_found("questionnaire"))?;
    let versions = versions_of(conn, hospital_id, id)?;
    let latest = versions.last().ok_or_else(|| ApiError::not_found("questionnaire"))?.detail();
    Ok(QuestionnaireDetail { summary, versions: versions.iter().map(|v| v.info()).collect(), latest })
}

fn check_template(t: &Template) -> ApiResult<String> {
    validate_template(t).map_err(|ps| {
        let first = &ps[0];
        let all: Vec<String> = ps.iter().map(|p| p.to_string()).collect();
        ApiError::invalid(format!("template.{}", first.at), all.join("; "))
    })?;
    Ok(serde_json::to_string(t).expect("a template serialises"))
}

fn check_names(code: &str, name: &str) -> ApiResult<()> {
    if code.trim().is_empty()
        || code.len() > 64
        || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(ApiError::invalid("code", "1 to 64 letters, digits, '_' or '-'"));
    }
    if name.trim().is_empty() || name.chars().count() > 100 {
        return Err(ApiError::invalid("name", "1 to 100 characters"));
    }
    Ok(())
}

/// Creates a template with version 1 (published at once with `publish`).
/// Run in a write transaction.
pub fn create(
    conn: &mut DbConnection,
    hospital_id: i64,
    actor: &Actor,
    new: &NewQuestionnaire,
) -> ApiResult<QuestionnaireDetail> {
    check_names(&new.code, &new.name)?;
    let content = check_template(&new.template)?;
    let t = now();
    let status = if new.publish { VersionStatus::Published } else { VersionStatus::Draft };
    let created_by = actor.user_id;
    let id: i64 = db_run!(conn: {
        let exists: i64 = q::table.filter(q::hospital_id.eq(hospital_id)).filter(q::code.eq(&new.code)).count().get_result(conn)?;
        if exists > 0 {
            return Err(ApiError::conflict("code", format!("a questionnaire with code {} exists", new.code)));
        }
        let id: i64 = diesel::insert_into(q::table)
            .values((q::hospital_id.eq(hospital_id), q::code.eq(&new.code), q::name.eq(new.name.trim()), q::category.eq(&new.category),
                q::created_by.eq(created_by), q::created_at.eq(t), q::updated_at.eq(t)))
            .returning(q::id)
            .get_result(conn)?;
        diesel::insert_into(qv::table)
            .values((qv::questionnaire_id.eq(id), qv::number.eq(1), qv::status.eq(status), qv::content.eq(&content), qv::created_at.eq(t),
                qv::published_at.eq(new.publish.then_some(t))))
            .execute(conn)?;
        id
    });
    let target = format!("questionnaire:{id}");
    audit::record(conn, actor, audit::AuditAction::QuestionnaireCreate, None, Some(&target), Some(&new.code))?;
    detail(conn, hospital_id, id)
}

/// Saves an edit: the draft is replaced, or a new draft follows a
/// published version. Run in a write transaction.
pub fn edit(
    conn: &mut DbConnection,
    hospital_id: i64,
    actor: &Actor,
    id: i64,
    change: &EditQuestionnaire,
) -> ApiResult<QuestionnaireDetail> {
    let content = check_template(&change.template)?;
    let versions = versions_of(conn, hospital_id, id)?;
    let latest = versions.last().ok_or_else(|| ApiError::not_found("questionnaire"))?;
    let t = now();
    let latest_status = if latest.is_published() { VersionStatus::Published } else { VersionStatus::Draft };
    let (latest_id, next) = (latest.id, latest.number + 1);
    if let Some(name) = &change.name {
        if name.trim().is_empty() || name.chars().count() > 100 {
            return Err(ApiError::invalid("name", "1 to 100 characters"));
        }
    }
    let publish_at = change.publish.then_some(t);
    let status = if change.publish { VersionStatus::Published } else { VersionStatus::Draft };
    db_run!(conn: {
        match plan_edit(latest_status) {
            EditPlan::UpdateDraft => {
                diesel::update(qv::table.filter(qv::id.eq(latest_id)))
                    .set((qv::content.eq(&content), qv::status.eq(status), qv::published_at.eq(publish_at)))
                    .execute(conn)?;
            }
            EditPlan::NewDraft => {
                diesel::insert_into(qv::table)
                    .values((qv::questionnaire_id.eq(id), qv::number.eq(next), qv::status.eq(status), qv::content.eq(&content), qv::created_at.eq(t),
                        qv::published_at.eq(publish_at)))
                    .execute(conn)?;
            }
        }
        diesel::update(q::table.filter(q::id.eq(id))).set(q::updated_at.eq(t)).execute(conn)?;
        if let Some(name) = &change.name {
            diesel::update(q::table.filter(q::id.eq(id))).set(q::name.eq(name.trim())).execute(conn)?;
        }
    });
    audit::record(
        conn,
        actor,
        audit::AuditAction::QuestionnaireEdit,
        None,
        Some(&format!("questionnaire:{id}")),
        None,
    )?;
    detail(conn, hospital_id, id)
}

/// Publishes the draft. Run in a write transaction.
pub fn publish(conn: &mut DbConnection, hospital_id: i64, actor: &Actor, id: i64) -> ApiResult<QuestionnaireDetail> {
    let versions = versions_of(conn, hospital_id, id)?;
    let latest = versions.last().ok_or_else(|| ApiError::not_found("questionnaire"))?;
    if latest.is_published() {
        return Err(ApiError::conflict(
            "status",
            format!("version {} is already published; edit to make a draft", latest.number),
        ));
    }
    let (vid, t) = (latest.id, now());
    db_run!(conn: {
        diesel::update(qv::table.filter(qv::id.eq(vid))).set((qv::status.eq(VersionStatus::Published), qv::published_at.eq(Some(t)))).execute(conn)?;
        diesel::update(q::table.filter(q::id.eq(id))).set(q::updated_at.eq(t)).execute(conn)?;
    });
    audit::record(
        conn,
        actor,
        audit::AuditAction::QuestionnairePublish,
        None,
        Some(&format!("questionnaire_version:{vid}")),
        None,
    )?;
    detail(conn, hospital_id, id)
}

/// The latest version as an exchange document.
pub fn export(conn: &mut DbConnection, hospital_id: i64, id: i64) -> ApiResult<Exported> {
    let (code, name, category): (String, String, QuestionnaireCategory) = db_run!(conn: {
        q::table.filter(q::id.eq(id)).filter(q::hospital_id.eq(hospital_id)).select((q::code, q::name, q::category)).first(conn).optional()?
            .ok_or_else(|| ApiError::not_found("questionnaire"))?
    });
    let versions = versions_of(conn, hospital_id, id)?;
    let latest = versions.last().ok_or_else(|| ApiError::not_found("questionnaire"))?;
    Ok(qjson::export(&code, &name, category, &latest.content))
}

/// Imports a document: a new questionnaire, or a new draft of the one with
/// the same code. Run in a write transaction.
pub fn import(
    conn: &mut DbConnection,
    hospital_id: i64,
    actor: &Actor,
    doc: &Exported,
) -> ApiResult<QuestionnaireDetail> {
    qjson::check(doc).map_err(|e| ApiError::invalid("template", e))?;
    let existing: Option<i64> = db_run!(conn: {
        q::table.filter(q::hospital_id.eq(hospital_id)).filter(q::code.eq(&doc.code)).select(q::id).first(conn).optional()?
    });
    match existing {
        Some(id) => edit(
            conn,
            hospital_id,
            actor,
            id,
            &EditQuestionnaire { name: Some(doc.name.clone()), template: doc.template.clone(), publish: false },
        ),
        None => create(
            conn,
            hospital_id,
            actor,
            &NewQuestionnaire {
                code: doc.code.clone(),
                name: doc.name.clone(),
                category: doc.category,
                template: doc.template.clone(),
                publish: false,
            },
        ),
    }
}

/// The questionnaire with this code, if any.
pub fn by_code(conn: &mut DbConnection, hospital_id: i64, code: &str) -> ApiResult<Option<i64>> {
    Ok(db_run!(conn: {
        q::table.filter(q::hospital_id.eq(hospital_id)).filter(q::code.eq(code)).select(q::id).first(conn).optional()?
    }))
}
