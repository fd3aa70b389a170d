//! Department plans (diabetes, oncology...) for chosen patients, and the
//! outpatient flag a doctor sets on a visit.

use chrono::Duration;
use diesel::prelude::*;
use hcrm_shared::followup::{FollowupMode, TaskChannel, TaskKind, TaskPriority};

use super::model::*;
use super::service::{create_task, NewTask};
use super::settings;
use crate::audit;
use crate::auth::AuthUser;
use crate::common::refs::{ensure_in_hospital, Ref};
use crate::common::Scope;
use crate::db::schema::{followup_plan_patients, followup_plans, visits};
use crate::db::{now, write_transaction, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::patients::service::visible_patient;

fn check_department(managed: &Option<Vec<i64>>, d: i64) -> ApiResult<()> {
    match managed {
        Some(m) if !m.contains(&d) => {
            Err(ApiError::forbidden("department_id: you manage plans of your own department only")
                .with_field("department_id"))
        }
        _ => Ok(()),
    }
}

pub fn list(conn: &mut DbConnection, hospital_id: i64, managed: &Option<Vec<i64>>) -> ApiResult<Vec<Plan>> {
    let rows: Vec<(PlanRow, Vec<i64>)> = db_run!(conn: {
        let mut q = followup_plans::table.filter(followup_plans::hospital_id.eq(hospital_id)).into_boxed();
        if let Some(d) = managed {
            q = q.filter(followup_plans::department_id.eq_any(d.clone()));
        }
        let plans: Vec<PlanRow> = q.order(followup_plans::id).select(PlanRow::as_select()).load(conn)?;
        let mut out = Vec::new();
        for p in plans {
            let ids = followup_plan_patients::table.filter(followup_plan_patients::plan_id.eq(p.id)).select(followup_plan_patients::patient_id).load(conn)?;
            out.push((p, ids));
        }
        out
    });
    Ok(rows
        .into_iter()
        .map(|(p, patient_ids)| Plan {
            id: p.id,
            rounds: serde_json::from_str(&p.rounds).unwrap_or_default(),
            name: p.name,
            department_id: p.department_id,
            first_date: p.first_date,
            interval_days: p.interval_days,
            round_count: p.round_count,
            sms_body: p.sms_body,
            active: p.active,
            patient_ids,
        })
        .collect())
}

/// A new plan, by a manager (department managers: for their department).
pub fn create(conn: &mut DbConnection, manager: &AuthUser, input: &PlanInput) -> ApiResult<Plan> {
    let (scope, actor, managed) = (&Scope::of(manager), &manager.actor(), &manager.department_scope());
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ApiError::invalid("name", "1 to 100 characters"));
    }
    check_department(managed, input.department_id)?;
    ensure_in_hospital(conn, scope.hospital_id, Ref::Department, Some(input.department_id), "department_id")?;
    if !(1..=365).contains(&input.interval_days) {
        return Err(ApiError::invalid("interval_days", "1 to 365 days"));
    }
    if !(1..=52).contains(&input.round_count) {
        return Err(ApiError::invalid("round_count", "1 to 52 rounds"));
    }
    if input.rounds.is_empty() {
        return Err(ApiError::invalid("rounds", "give at least one round (template and channel)"));
    }
    for (i, r) in input.rounds.iter().enumerate() {
        let field = format!("rounds[{i}].questionnaire_id");
        ensure_in_hospital(conn, scope.hospital_id, Ref::Questionnaire, r.questionnaire_id, field)?;
    }
    for (i, p) in input.patient_ids.iter().enumerate() {
        visible_patient(conn, scope, *p)
            .map_err(|_| ApiError::invalid(format!("patient_ids[{i}]"), format!("patient {p} is not in your reach")))?;
    }
    let t = now();
    let rounds = serde_json::to_string(&input.rounds).unwrap_or_default();
    let id = write_transaction(conn, |conn| {
        let id: i64 = db_run!(conn: {
            let id: i64 = diesel::insert_into(followup_plans::table)
                .values((
                    followup_plans::hospital_id.eq(scope.hospital_id),
                    followup_plans::department_id.eq(input.department_id),
                    followup_plans::name.eq(name),
                    followup_plans::first_date.eq(input.first_date),
                    followup_plans::interval_days.eq(input.interval_days),
                    followup_plans::round_count.eq(input.round_count),
                    followup_plans::rounds.eq(&rounds),
                    followup_plans::sms_body.eq(input.sms_body.trim()),
                    followup_plans::created_by.eq(actor.user_id),
                    followup_plans::created_at.eq(t),
                ))
                .returning(followup_plans::id)
                .get_result(conn)?;
            for p in &input.patient_ids {
                diesel::insert_into(followup_plan_patients::table)
                    .values((followup_plan_patients::plan_id.eq(id), followup_plan_patients::patient_id.eq(*p), followup_plan_patients::added_at.eq(t)))
                    .on_conflict_do_nothing()
                    .execute(conn)?;
            }
            id
        });
        audit::record(
            conn,
            actor,
            audit::AuditAction::FollowupPlanCreate,
            None,
            Some(&format!("followup_plan:{id}")),
            None,
        )?;
        Ok(id)
    })?;
    list(conn, scope.hospital_id, &None)?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| ApiError::internal("plan vanished"))
}

pub fn add_patients(conn: &mut DbConnection, manager: &AuthUser, id: i64, ids: &[i64]) -> ApiResult<Plan> {
    let (scope, actor, managed) = (&Scope::of(manager), &manager.actor(), &manager.department_scope());
    let plan = list(conn, scope.hospital_id, managed)?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| ApiError::not_found("plan"))?;
    for (i, p) in ids.iter().enumerate() {
        visible_patient(conn, scope, *p)
            .map_err(|_| ApiError::invalid(format!("patient_ids[{i}]"), format!("patient {p} is not in your reach")))?;
    }
    let t = now();
    write_transaction(conn, |conn| {
        for p in ids {
            db_run!(conn: {
                diesel::insert_into(followup_plan_patients::table)
                    .values((followup_plan_patients::plan_id.eq(plan.id), followup_plan_patients::patient_id.eq(*p), followup_plan_patients::added_at.eq(t)))
                    .on_conflict_do_nothing()
                    .execute(conn)?;
            });
            audit::record(
                conn,
                actor,
                audit::AuditAction::FollowupPlanPatientAdd,
                Some(*p),
                Some(&format!("followup_plan:{id}")),
                None,
            )?;
        }
        Ok(())
    })?;
    list(conn, scope.hospital_id, &None)?.into_iter().find(|p| p.id == id).ok_or_else(|| ApiError::not_found("plan"))
}

/// A doctor flags a visit for follow-up: one outpatient task per visit
/// (`outpatient:visit:<id>`). In the ward mode it goes to the doctor who
/// flagged it.
pub fn flag_visit(
    conn: &mut DbConnection,
    scope: &Scope,
    auth: &AuthUser,
    visit_id: i64,
    input: &FlagVisit,
) -> ApiResult<(i64, bool)> {
    let visit: Option<(i64, i64, String)> = db_run!(conn: {
        visits::table
            .filter(visits::id.eq(visit_id))
            .filter(visits::hospital_id.eq(scope.hospital_id))
            .select((visits::patient_id, visits::department_id, visits::visit_no))
            .first(conn)
            .optional()?
    });
    let (patient_id, department_id, visit_no) = visit.ok_or_else(|| ApiError::not_found("visit"))?;
    visible_patient(conn, scope, patient_id).map_err(|_| ApiError::not_found("visit"))?;
    if let Some(d) = &scope.departments {
        if !d.contains(&department_id) {
            return Err(ApiError::not_found("visit"));
        }
    }
    let days = input.due_in_days.unwrap_or(7);
    if !(1..=90).contains(&days) {
        return Err(ApiError::invalid("due_in_days", "1 to 90 days"));
    }
    let note = input.note.trim();
    if note.chars().count() > 500 {
        return Err(ApiError::invalid("note", "at most 500 characters"));
    }
    ensure_in_hospital(conn, scope.hospital_id, Ref::Questionnaire, input.questionnaire_id, "questionnaire_id")?;
    let policy = settings::get(conn, scope.hospital_id)?;
    let t = now();
    let assignee =
        (policy.mode == FollowupMode::Ward && auth.role == hcrm_shared::Role::Doctor).then_some(auth.user_id);
    let task = NewTask {
        hospital_id: scope.hospital_id,
        patient_id,
        visit_id: Some(visit_id),
        department_id: Some(department_id),
        kind: TaskKind::Outpatient,
        source_key: format!("outpatient:visit:{visit_id}"),
        title: format!("门诊随访 {visit_no}"),
        detail: note.to_string(),
        priority: TaskPriority::Normal,
        channel: TaskChannel::Phone,
        questionnaire_id: input.questionnaire_id,
        due_from: t,
        due_until: t + Duration::days(days as i64),
        assignee_id: assignee,
        max_attempts: policy.max_attempts,
        created_by: Some(auth.user_id),
    };
    write_transaction(conn, |conn| {
        let (id, new) = create_task(conn, &task)?;
        if new {
            audit::record(
                conn,
                &auth.actor(),
                audit::AuditAction::FollowupFlagVisit,
                Some(patient_id),
                Some(&format!("followup_task:{id}")),
                None,
            )?;
        }
        Ok((id, new))
    })
}
