//! Follow-up endpoints: tasks and outcomes, assignment, settings, rules,
//! plans, outpatient flags and revisit reminders.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use hcrm_shared::api::Page;
use hcrm_shared::Permission;
use serde::Serialize;

use super::model::*;
use super::queue::{self, NextQuery, NextTask};
use super::stats::{FollowupStats, StatsQuery};
use super::tasks::{TaskQuery, TaskScope};
use super::{assign, generate, plans, revisit, rules, settings, tasks};
use crate::app::AppState;
use crate::audit;
use crate::auth::AuthUser;
use crate::common::Scope;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPath, ApiQuery};

#[utoipa::path(get, path = "/followup/settings", tag = "followup",
    responses((status = 200, body = FollowupSettings)), security(("bearer" = ["followup.work"])))]
pub async fn get_settings(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<FollowupSettings>> {
    auth.require(Permission::FollowupWork)?;
    Ok(Json(state.db.run(move |conn| settings::get(conn, auth.hospital_id)).await?))
}

/// The working mode and retry policy are hospital configuration.
#[utoipa::path(put, path = "/followup/settings", tag = "followup", request_body = FollowupSettings,
    responses((status = 200, body = FollowupSettings)), security(("bearer" = ["department.manage"])))]
pub async fn put_settings(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(s): ApiJson<FollowupSettings>,
) -> ApiResult<Json<FollowupSettings>> {
    auth.require(Permission::DepartmentManage)?;
    Ok(Json(
        state
            .db
            .run(move |conn| {
                let saved = settings::save(conn, auth.hospital_id, &s)?;
                audit::record(
                    conn,
                    &auth.actor(),
                    audit::AuditAction::FollowupSettings,
                    None,
                    None,
                    Some(&format!("mode={}", saved.mode)),
                )?;
                Ok(saved)
            })
            .await?,
    ))
}

/// Runs `work` with the caller's task scope, for the endpoints of the
/// follow-up screen (each needs `followup.work`).
async fn in_task_scope<T: Send + 'static>(
    state: &AppState,
    auth: AuthUser,
    work: impl FnOnce(&mut crate::db::DbConnection, &TaskScope, &AuthUser) -> ApiResult<T> + Send + 'static,
) -> ApiResult<Json<T>> {
    auth.require(Permission::FollowupWork)?;
    Ok(Json(
        state
            .db
            .run(move |conn| {
                let scope = TaskScope::of(conn, &auth)?;
                work(conn, &scope, &auth)
            })
            .await?,
    ))
}

/// Tasks in the caller's reach (centralised / ward mode, department,
/// assigned-only for doctors), with filters.
#[utoipa::path(get, path = "/followup/tasks", tag = "followup", params(TaskQuery),
    responses((status = 200, body = Page<Task>)), security(("bearer" = ["followup.work"])))]
pub async fn list_tasks(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<TaskQuery>,
) -> ApiResult<Json<Page<Task>>> {
    let offset = state.config.utc_offset_minutes;
    in_task_scope(&state, auth, move |conn, scope, auth| tasks::list(conn, scope, auth, &q, offset)).await
}

/// The follow-up screen of one task; out of reach answers 404.
#[utoipa::path(get, path = "/followup/tasks/{id}", tag = "followup", params(("id" = i64, Path)),
    responses((status = 200, body = TaskDetail), (status = 404)), security(("bearer" = ["followup.work"])))]
pub async fn get_task(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<TaskDetail>> {
    in_task_scope(&state, auth, move |conn, scope, auth| tasks::detail(conn, scope, auth, id)).await
}

/// The open task after this one in queue order (due time, priority, id),
/// for "next task": the walk only goes forward.
#[utoipa::path(get, path = "/followup/tasks/{id}/next", tag = "followup", params(("id" = i64, Path), NextQuery),
    responses((status = 200, body = NextTask), (status = 404)), security(("bearer" = ["followup.work"])))]
pub async fn next_task(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<NextQuery>,
) -> ApiResult<Json<NextTask>> {
    in_task_scope(&state, auth, move |conn, scope, auth| queue::next(conn, scope, auth, id, &q)).await
}

#[utoipa::path(post, path = "/followup/tasks/{id}/outcome", tag = "followup", params(("id" = i64, Path)), request_body = RecordOutcome,
    responses((status = 200, body = Task), (status = 404), (status = 409)), security(("bearer" = ["followup.work"])))]
pub async fn record_outcome(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<RecordOutcome>,
) -> ApiResult<Json<Task>> {
    in_task_scope(&state, auth, move |conn, scope, auth| tasks::record_outcome(conn, scope, auth, id, &input)).await
}

#[utoipa::path(post, path = "/followup/tasks/{id}/assign", tag = "followup", params(("id" = i64, Path)), request_body = Reassign,
    responses((status = 204), (status = 404)), security(("bearer" = ["followup.manage"])))]
pub async fn reassign(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<Reassign>,
) -> ApiResult<StatusCode> {
    auth.require(Permission::FollowupManage)?;
    let hospital_id = auth.hospital_id;
    state
        .db
        .run(move |conn| {
            let scope = TaskScope::of(conn, &auth)?;
            assign::reassign(conn, &scope, &auth.actor(), id, input.user_id)
        })
        .await?;
    if let Some(u) = input.user_id {
        notify_assigned(&state, hospital_id, vec![u], 1).await;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Assigns the unassigned open tasks in reach: by count or by department.
#[utoipa::path(post, path = "/followup/assign", tag = "followup", request_body = AssignRequest,
    responses((status = 200, body = AssignResult)), security(("bearer" = ["followup.manage"])))]
pub async fn assign_tasks(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(input): ApiJson<AssignRequest>,
) -> ApiResult<Json<AssignResult>> {
    auth.require(Permission::FollowupManage)?;
    let hospital_id = auth.hospital_id;
    let r = state
        .db
        .run(move |conn| {
            let scope = TaskScope::of(conn, &auth)?;
            assign::assign(conn, &scope, &auth.actor(), &input)
        })
        .await?;
    for u in &r.per_user {
        notify_assigned(&state, hospital_id, vec![u.user_id], u.count).await;
    }
    Ok(Json(r))
}

/// Tells people they have new follow-up tasks (in-app notification). A
/// failure here does not undo the assignment.
async fn notify_assigned(state: &AppState, hospital_id: i64, users: Vec<i64>, count: i64) {
    use crate::notifications::model::Message;
    use crate::notifications::service::create;
    let m = Message {
        kind: hcrm_shared::messaging::NotificationKind::TaskAssigned,
        title: format!("新分配随访任务 {count} 条"),
        body: String::new(),
        link: Some("/followup/tasks".into()),
    };
    let res = state.db.write(move |conn| create(conn, hospital_id, &users, &m, None)).await;
    match res {
        Ok(ids) => state.hub.wake(&ids),
        Err(e) => tracing::warn!(error = %e.detail, "cannot notify assignees"),
    }
}

/// People the caller may assign tasks to (managers: their department).
#[utoipa::path(get, path = "/followup/assignees", tag = "followup",
    responses((status = 200, body = Vec<Assignee>)), security(("bearer" = ["followup.manage"])))]
pub async fn assignees(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<Vec<Assignee>>> {
    auth.require(Permission::FollowupManage)?;
    let managed = auth.department_scope();
    Ok(Json(state.db.run(move |conn| assign::assignees(conn, auth.hospital_id, managed.as_deref())).await?))
}

/// Runs every generator now (the hourly job does the same).
#[utoipa::path(post, path = "/followup/generate", tag = "followup",
    responses((status = 200, body = GenerateResult)), security(("bearer" = ["followup.manage"])))]
pub async fn generate_now(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<GenerateResult>> {
    auth.require(Permission::FollowupManage)?;
    let st = state.clone();
    Ok(Json(
        state
            .db
            .run(move |conn| {
                let r = generate::run_all(conn, &st, auth.hospital_id)?;
                audit::record(conn, &auth.actor(), audit::AuditAction::FollowupGenerate, None, None, None)?;
                Ok(r)
            })
            .await?,
    ))
}

#[utoipa::path(get, path = "/followup/rules", tag = "followup",
    responses((status = 200, body = Vec<Rule>)), security(("bearer" = ["followup.manage"])))]
pub async fn list_rules(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<Vec<Rule>>> {
    auth.require(Permission::FollowupManage)?;
    Ok(Json(state.db.run(move |conn| rules::list(conn, auth.hospital_id, &auth.department_scope())).await?))
}

#[utoipa::path(post, path = "/followup/rules", tag = "followup", request_body = RuleInput,
    responses((status = 201, body = Rule)), security(("bearer" = ["followup.manage"])))]
pub async fn create_rule(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(input): ApiJson<RuleInput>,
) -> ApiResult<(StatusCode, Json<Rule>)> {
    auth.require(Permission::FollowupManage)?;
    Ok((StatusCode::CREATED, Json(state.db.run(move |conn| rules::create(conn, &auth, &input)).await?)))
}

#[utoipa::path(put, path = "/followup/rules/{id}", tag = "followup", params(("id" = i64, Path)), request_body = RuleInput,
    responses((status = 200, body = Rule), (status = 404)), security(("bearer" = ["followup.manage"])))]
pub async fn update_rule(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<RuleInput>,
) -> ApiResult<Json<Rule>> {
    auth.require(Permission::FollowupManage)?;
    Ok(Json(state.db.run(move |conn| rules::update(conn, &auth, id, &input)).await?))
}

#[utoipa::path(get, path = "/followup/plans", tag = "followup",
    responses((status = 200, body = Vec<Plan>)), security(("bearer" = ["followup.manage"])))]
pub async fn list_plans(State(state): State<AppState>, auth: AuthUser) -> ApiResult<Json<Vec<Plan>>> {
    auth.require(Permission::FollowupManage)?;
    Ok(Json(state.db.run(move |conn| plans::list(conn, auth.hospital_id, &auth.department_scope())).await?))
}

#[utoipa::path(post, path = "/followup/plans", tag = "followup", request_body = PlanInput,
    responses((status = 201, body = Plan)), security(("bearer" = ["followup.manage"])))]
pub async fn create_plan(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(input): ApiJson<PlanInput>,
) -> ApiResult<(StatusCode, Json<Plan>)> {
    auth.require(Permission::FollowupManage)?;
    Ok((StatusCode::CREATED, Json(state.db.run(move |conn| plans::create(conn, &auth, &input)).await?)))
}

#[utoipa::path(post, path = "/followup/plans/{id}/patients", tag = "followup", params(("id" = i64, Path)), request_body = PlanPatients,
    responses((status = 200, body = Plan), (status = 404)), security(("bearer" = ["followup.manage"])))]
pub async fn add_plan_patients(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<PlanPatients>,
) -> ApiResult<Json<Plan>> {
    auth.require(Permission::FollowupManage)?;
    Ok(Json(state.db.run(move |conn| plans::add_patients(conn, &auth, id, &input.patient_ids)).await?))
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Flagged {
    pub task_id: i64,
    /// False when the visit was already flagged.
    pub created: bool,
}

/// A doctor flags a visit for follow-up (the patient card's visit list).
#[utoipa::path(post, path = "/followup/visits/{id}/flag", tag = "followup", params(("id" = i64, Path)), request_body = FlagVisit,
    responses((status = 200, body = Flagged), (status = 404)), security(("bearer" = ["followup.work"])))]
pub async fn flag_visit(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<FlagVisit>,
) -> ApiResult<Json<Flagged>> {
    auth.require(Permission::FollowupWork)?;
    let (task_id, created) =
        state.db.run(move |conn| plans::flag_visit(conn, &Scope::of(&auth), &auth, id, &input)).await?;
    Ok(Json(Flagged { task_id, created }))
}

/// Sets a revisit due date: an SMS the day before, a task if no booking follows.
#[utoipa::path(post, path = "/followup/revisits", tag = "followup", request_body = NewRevisit,
    responses((status = 201, body = Revisit)), security(("bearer" = ["followup.work"])))]
pub async fn create_revisit(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(input): ApiJson<NewRevisit>,
) -> ApiResult<(StatusCode, Json<Revisit>)> {
    auth.require(Permission::FollowupWork)?;
    let r = state.db.run(move |conn| revisit::create(conn, &Scope::of(&auth), &auth.actor(), &input)).await?;
    Ok((StatusCode::CREATED, Json(r)))
}

/// Workload, coverage, contact rate and monthly trend; managers see their
/// own department.
#[utoipa::path(get, path = "/followup/stats", tag = "followup", params(StatsQuery),
    responses((status = 200, body = FollowupStats)), security(("bearer" = ["stats.read"])))]
pub async fn stats(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<StatsQuery>,
) -> ApiResult<Json<FollowupStats>> {
    auth.require(Permission::StatsRead)?;
    let offset = state.config.utc_offset_minutes;
    Ok(Json(
        state
            .db
            .run(move |conn| super::stats::compute(conn, auth.hospital_id, auth.department_scope(), &q, offset))
            .await?,
    ))
}

/// The statistics as .xlsx: a data sheet and a chart sheet per statistic.
#[utoipa::path(get, path = "/followup/stats/export", tag = "followup", params(StatsQuery),
    responses((status = 200, description = "an .xlsx workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")), security(("bearer" = ["stats.read"])))]
pub async fn stats_export(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<StatsQuery>,
) -> ApiResult<axum::response::Response> {
    auth.require(Permission::StatsRead)?;
    let offset = state.config.utc_offset_minutes;
    let which = q.which.unwrap_or_default();
    let bytes = state
        .db
        .run(move |conn| {
            let s = super::stats::compute(conn, auth.hospital_id, auth.department_scope(), &q, offset)?;
            audit::record_read(
                conn,
                &auth.actor(),
                audit::AuditAction::FollowupStatsExport,
                None,
                Some(which.as_str()),
            )?;
            super::export::stats_workbook(&s, which)
        })
        .await?;
    Ok(crate::common::download::xlsx(bytes, "followup-stats.xlsx"))
}

/// Follow-up records as .xlsx, with the task list's filters (a research
/// rule's results: `rule_id=..&status=all`).
#[utoipa::path(get, path = "/followup/export", tag = "followup", params(TaskQuery),
    responses((status = 200, description = "an .xlsx workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")), security(("bearer" = ["followup.work"])))]
pub async fn records_export(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<TaskQuery>,
) -> ApiResult<axum::response::Response> {
    auth.require(Permission::FollowupWork)?;
    let offset = state.config.utc_offset_minutes;
    let bytes = state
        .db
        .run(move |conn| {
            let scope = TaskScope::of(conn, &auth)?;
            let (tasks, notes) = tasks::export_rows(conn, &scope, &auth, &q, offset)?;
            let ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
            let answers = super::export::task_answers(conn, auth.hospital_id, &ids)?;
            super::export::records_workbook(&tasks, &notes, &answers, offset)
        })
        .await?;
    Ok(crate::common::download::xlsx(bytes, "followup-records.xlsx"))
}
