//! In-hospital staff surveys: assigned to groups of staff (by role and
//! department), completion tracked per person, reminders by notification.
//! Anonymous surveys keep the assignee table apart from the responses: an
//! assignee row carries only the date answered, the response no user, no
//! time and no department, and no column joins the two.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use hcrm_shared::questionnaire::api::*;
use hcrm_shared::Role;
use serde_json::Value;

use super::responses;
use super::templates;
use crate::audit::{self, Actor};
use crate::auth::AuthUser;
use crate::db::schema::{
    departments, questionnaire_versions as qv, staff_survey_assignees as a, staff_surveys as s, users,
};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::notifications::model::Message;
use crate::notifications::service as notify;
use crate::surveys::model::{Stored, Submission};

fn join_ids<T: ToString>(xs: &[T]) -> String {
    xs.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(",")
}

/// Creates the survey and its assignee rows (in user order). Run in a write transaction.
pub fn create(
    conn: &mut DbConnection,
    hospital_id: i64,
    actor: &Actor,
    new: &NewStaffSurvey,
) -> ApiResult<StaffSurveyDetail> {
    if new.title.trim().is_empty() || new.title.chars().count() > 200 {
        return Err(ApiError::invalid("title", "1 to 200 characters"));
    }
    for r in &new.roles {
        if Role::parse(r).is_none() {
            return Err(ApiError::invalid("roles", format!("\"{r}\" is not a role")));
        }
    }
    let version = templates::current(conn, hospital_id, new.questionnaire_id)?;
    let t = now();
    let (roles, depts) = (new.roles.clone(), new.department_ids.clone());
    let id: i64 = db_run!(conn: {
        let mut q = users::table.filter(users::hospital_id.eq(hospital_id)).filter(users::disabled.eq(false)).into_boxed();
        match (roles.is_empty(), depts.is_empty()) {
            (true, true) => {}
            (false, true) => q = q.filter(users::role.eq_any(&roles)),
            (true, false) => q = q.filter(users::department_id.eq_any(&depts)),
            (false, false) => q = q.filter(users::role.eq_any(&roles).or(users::department_id.eq_any(&depts))),
        }
        let targets: Vec<i64> = q.order(users::id).select(users::id).load(conn)?;
        if targets.is_empty() {
            return Err(ApiError::invalid("roles", "no active staff match these roles and departments"));
        }
        let id: i64 = diesel::insert_into(s::table)
            .values((s::hospital_id.eq(hospital_id), s::version_id.eq(version.id), s::title.eq(new.title.trim()), s::staff_group.eq(new.staff_group),
                s::anonymous.eq(new.anonymous), s::target_roles.eq(join_ids(&roles)), s::target_departments.eq(join_ids(&depts)),
                s::due_on.eq(new.due_on), s::created_by.eq(actor.user_id), s::created_at.eq(t)))
            .returning(s::id)
            .get_result(conn)?;
        let rows: Vec<_> = targets.iter().map(|u| (a::staff_survey_id.eq(id), a::user_id.eq(*u))).collect();
        diesel::insert_into(a::table).values(&rows).execute(conn)?;
        id
    });
    audit::record(
        conn,
        actor,
        audit::AuditAction::StaffSurveyCreate,
        None,
        Some(&format!("staff_survey:{id}")),
        Some(&new.title),
    )?;
    detail(conn, hospital_id, id)
}

type SRow = (i64, String, StaffGroup, bool, i64, i64, Option<NaiveDate>);

fn surveys(
    conn: &mut DbConnection,
    hospital_id: i64,
    only: Option<&[i64]>,
    me: Option<i64>,
) -> ApiResult<Vec<StaffSurvey>> {
    let (rows, counts, mine): (Vec<SRow>, Vec<(i64, Option<NaiveDate>)>, Vec<(i64, Option<NaiveDate>)>) = db_run!(conn: {
        let mut q = s::table.inner_join(qv::table).filter(s::hospital_id.eq(hospital_id)).into_boxed();
        if let Some(ids) = only {
            q = q.filter(s::id.eq_any(ids.to_vec()));
        }
        let rows: Vec<SRow> = q.order(s::id.desc())
            .select((s::id, s::title, s::staff_group, s::anonymous, s::version_id, qv::questionnaire_id, s::due_on)).load(conn)?;
        let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let counts = a::table.filter(a::staff_survey_id.eq_any(&ids)).select((a::staff_survey_id, a::answered_on)).load(conn)?;
        let mine = match me {
            Some(u) => a::table.filter(a::staff_survey_id.eq_any(&ids)).filter(a::user_id.eq(u)).select((a::staff_survey_id, a::answered_on)).load(conn)?,
            None => Vec::new(),
        };
        (rows, counts, mine)
    });
    Ok(rows
        .into_iter()
        .map(|(id, title, staff_group, anonymous, version_id, questionnaire_id, due_on)| StaffSurvey {
            id,
            title,
            staff_group,
            anonymous,
            version_id,
            questionnaire_id,
            due_on,
            assigned: counts.iter().filter(|c| c.0 == id).count() as i64,
            answered: counts.iter().filter(|c| c.0 == id && c.1.is_some()).count() as i64,
            answered_by_me: mine.iter().find(|m| m.0 == id).map(|m| m.1.is_some()),
        })
        .collect())
}

pub fn list(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<Vec<StaffSurvey>> {
    surveys(conn, hospital_id, None, None)
}

/// The caller's assigned surveys.
pub fn mine(conn: &mut DbConnection, auth: &AuthUser) -> ApiResult<Vec<StaffSurvey>> {
    let uid = auth.user_id;
    let ids: Vec<i64> = db_run!(conn: { a::table.filter(a::user_id.eq(uid)).select(a::staff_survey_id).load(conn)? });
    surveys(conn, auth.hospital_id, Some(&ids), Some(uid))
}

pub fn detail(conn: &mut DbConnection, hospital_id: i64, id: i64) -> ApiResult<StaffSurveyDetail> {
    let survey =
        surveys(conn, hospital_id, Some(&[id]), None)?.pop().ok_or_else(|| ApiError::not_found("staff survey"))?;
    type ARow = (i64, String, String, String, Option<String>, Option<NaiveDate>, Option<NaiveDate>);
    let rows: Vec<ARow> = db_run!(conn: {
        a::table
            .inner_join(users::table.left_join(departments::table))
            .filter(a::staff_survey_id.eq(id))
            .order(users::id)
            .select((users::id, users::username, users::display_name, users::role, departments::name.nullable(), a::answered_on, a::reminded_on))
            .load(conn)?
    });
    let assignees = rows
        .into_iter()
        .map(|(user_id, username, display_name, role, department_name, answered_on, reminded_on)| StaffAssignee {
            user_id,
            username,
            display_name,
            role,
            department_name,
            answered_on,
            reminded_on,
        })
        .collect();
    Ok(StaffSurveyDetail { survey, assignees })
}

/// Reminds everyone who has not answered (once a day). Returns the users to
/// wake. Run in a write transaction.
pub fn remind(
    conn: &mut DbConnection,
    hospital_id: i64,
    actor: &Actor,
    id: i64,
    today: NaiveDate,
) -> ApiResult<Vec<i64>> {
    let d = detail(conn, hospital_id, id)?;
    let open: Vec<i64> = d.assignees.iter().filter(|x| x.answered_on.is_none()).map(|x| x.user_id).collect();
    let m = Message {
        kind: hcrm_shared::messaging::NotificationKind::Reminder,
        title: format!("请填写问卷：{}", d.survey.title).chars().take(200).collect(),
        body: match d.survey.due_on {
            Some(due) => format!("请在 {due} 前完成。"),
            None => String::new(),
        },
        link: Some(format!("/surveys/mine/{id}")),
    };
    let key = format!("staff_survey:{id}:{today}");
    let woken = notify::create(conn, hospital_id, &open, &m, Some(&key))?;
    db_run!(conn: {
        diesel::update(a::table.filter(a::staff_survey_id.eq(id)).filter(a::user_id.eq_any(&open))).set(a::reminded_on.eq(Some(today))).execute(conn)?;
    });
    audit::record(
        conn,
        actor,
        audit::AuditAction::StaffSurveyRemind,
        None,
        Some(&format!("staff_survey:{id}")),
        Some(&format!("{} reminded", open.len())),
    )?;
    Ok(woken)
}

/// The caller answers a survey assigned to them, once. Run in a write transaction.
pub fn answer(
    conn: &mut DbConnection,
    auth: &AuthUser,
    id: i64,
    answers: BTreeMap<String, Value>,
    today: NaiveDate,
) -> ApiResult<Stored> {
    let (hospital_id, uid) = (auth.hospital_id, auth.user_id);
    let row: Option<(i64, bool, Option<NaiveDate>)> = db_run!(conn: {
        s::table
            .inner_join(a::table)
            .filter(s::id.eq(id))
            .filter(s::hospital_id.eq(hospital_id))
            .filter(a::user_id.eq(uid))
            .select((s::version_id, s::anonymous, a::answered_on))
            .first(conn)
            .optional()?
    });
    let (version_id, anonymous, answered_on) = row.ok_or_else(|| ApiError::not_found("staff survey"))?;
    if answered_on.is_some() {
        return Err(ApiError::conflict("answers", "you have already answered this survey"));
    }
    let n = db_run!(conn: {
        diesel::update(a::table.filter(a::staff_survey_id.eq(id)).filter(a::user_id.eq(uid)).filter(a::answered_on.is_null()))
            .set(a::answered_on.eq(Some(today)))
            .execute(conn)?
    });
    if n != 1 {
        return Err(ApiError::conflict("answers", "you have already answered this survey"));
    }
    let sub = Submission {
        hospital_id,
        version_id,
        channel: hcrm_shared::questionnaire::ResponseChannel::Staff,
        user_id: Some(uid),
        department_id: if anonymous { None } else { auth.department_id },
        staff_survey_id: Some(id),
        anonymous,
        answers,
        today: Some(today),
        ..Default::default()
    };
    responses::store(conn, None, sub)
}
