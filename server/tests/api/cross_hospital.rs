//! Ids run across hospitals, so every id a follow-up rule, plan, setting or
//! task names must be the caller's hospital's own: the server answers 422
//! naming the field, the demo data never crosses, and a migration repairs
//! rows that did.

use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use diesel::prelude::*;
use hcrm_server::db::schema::{followup_rules, followup_tasks, questionnaires};
use hcrm_server::db::DbConnection;
use hcrm_server::db_run;
use serde_json::{json, Value};

use crate::followup::{discharge, new_patient};
use crate::util::TestApp;

fn assert_refused(r: &crate::util::Response, field: &str) {
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {:?}", r.body);
    assert_eq!(r.body["field"], field, "{:?}", r.body);
    assert!(r.body["detail"].as_str().unwrap().contains("does not exist in this hospital"), "{:?}", r.body);
}

#[tokio::test]
async fn rules_plans_settings_and_tasks_refuse_another_hospitals_ids() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let theirs = app.survey_id("HOSP2").await;
    let ours = app.survey_id("HOSP1").await;
    let card = app.department_id("HOSP1", "CARD").await;
    let their_card = app.department_id("HOSP2", "CARD").await;

    let rule = |q: i64, dept: i64| {
        json!({"name": "交叉引用", "department_id": dept, "icd_codes": "I50",
               "rounds": [{"from_day": 3, "to_day": 10, "questionnaire_id": ours}, {"from_day": 30, "to_day": 37, "questionnaire_id": q}]})
    };
    assert_refused(&app.post("/api/v1/followup/rules", &admin, rule(theirs, card)).await, "rounds[1].questionnaire_id");
    assert_refused(&app.post("/api/v1/followup/rules", &admin, rule(ours, their_card)).await, "department_id");
    let created = app.post("/api/v1/followup/rules", &admin, rule(ours, card)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    let path = format!("/api/v1/followup/rules/{}", created.body["id"]);
    assert_refused(
        &app.call(Method::PUT, &path, Some(&admin), Some(rule(theirs, card))).await,
        "rounds[1].questionnaire_id",
    );

    let p = new_patient(&app, &admin, "XH0001", "13700000101").await;
    let today = (Utc::now() + Duration::hours(8)).date_naive();
    let plan = json!({"name": "跨院计划", "department_id": card, "first_date": today, "interval_days": 30, "round_count": 2,
        "rounds": [{"channel": "phone", "questionnaire_id": theirs}], "sms_body": "", "patient_ids": [p]});
    assert_refused(&app.post("/api/v1/followup/plans", &admin, plan).await, "rounds[0].questionnaire_id");

    let settings = json!({"mode": "centralised", "max_attempts": 3, "retry_interval_hours": 24, "spot_check_percent": 10,
        "spot_check_questionnaire_id": theirs, "revisit_grace_days": 7});
    let r = app.call(Method::PUT, "/api/v1/followup/settings", Some(&admin), Some(settings)).await;
    assert_refused(&r, "spot_check_questionnaire_id");

    // A task made by flagging a visit.
    let v = discharge(&app, &admin, p, "XH-V1", card, 1, "I10").await;
    let r = app.post(&format!("/api/v1/followup/visits/{v}/flag"), &admin, json!({"questionnaire_id": theirs})).await;
    assert_refused(&r, "questionnaire_id");
    let r = app.post(&format!("/api/v1/followup/visits/{v}/flag"), &admin, json!({"questionnaire_id": ours})).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    let task = r.body["task_id"].as_i64().unwrap();
    let their_user: i64 = app
        .db(|conn| {
            use hcrm_server::db::schema::users;
            db_run!(conn: { users::table.filter(users::username.eq("h2.agent1")).select(users::id).first(conn).unwrap() })
        })
        .await;
    let r = app.post(&format!("/api/v1/followup/tasks/{task}/assign"), &admin, json!({"user_id": their_user})).await;
    assert_eq!(
        (r.status, r.body["field"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("user_id")),
        "{:?}",
        r.body
    );
}

/// (task id, the task's hospital, its questionnaire's hospital) for every
/// demo task that names a questionnaire.
fn task_questionnaire_hospitals(conn: &mut DbConnection) -> Vec<(i64, i64, i64)> {
    db_run!(conn: {
        followup_tasks::table
            .inner_join(questionnaires::table.on(questionnaires::id.nullable().eq(followup_tasks::questionnaire_id)))
            .select((followup_tasks::id, followup_tasks::hospital_id, questionnaires::hospital_id))
            .load(conn)
            .unwrap()
    })
}

#[tokio::test]
async fn the_demo_never_crosses_and_the_migration_repairs_rows_that_did() {
    let app = TestApp::new().await;
    let (ours, theirs) = (app.survey_id("HOSP1").await, app.survey_id("HOSP2").await);
    let tasks = app.db(task_questionnaire_hospitals).await;
    assert!(tasks.len() > 5, "the demo's rules name a questionnaire: {}", tasks.len());
    assert!(tasks.iter().all(|(_, h, q)| h == q), "a demo task names another hospital's questionnaire");

    // What the old seed left: hospital 1's rule and tasks naming hospital
    // 2's survey, and a round naming a questionnaire that does not exist.
    let (rule, task) = app
        .db(move |conn| {
            db_run!(conn: {
                let (rule, hospital): (i64, i64) = followup_rules::table
                    .inner_join(questionnaires::table.on(questionnaires::hospital_id.eq(followup_rules::hospital_id)))
                    .filter(questionnaires::id.eq(ours))
                    .select((followup_rules::id, followup_rules::hospital_id))
                    .first(conn)
                    .unwrap();
                let rounds = json!([{"from_day": 3, "to_day": 10, "questionnaire_id": theirs, "channel": "phone"},
                                    {"from_day": 30, "to_day": 37, "questionnaire_id": 999_999, "channel": "phone"},
                                    {"from_day": 90, "to_day": 97, "questionnaire_id": null, "channel": "sms"}]);
                diesel::update(followup_rules::table.find(rule)).set(followup_rules::rounds.eq(rounds.to_string())).execute(conn).unwrap();
                let task: i64 = followup_tasks::table.filter(followup_tasks::hospital_id.eq(hospital)).filter(followup_tasks::questionnaire_id.is_not_null()).select(followup_tasks::id).first(conn).unwrap();
                diesel::update(followup_tasks::table.find(task)).set(followup_tasks::questionnaire_id.eq(Some(theirs))).execute(conn).unwrap();
                (rule, task)
            })
        })
        .await;
    app.db(rerun_repair_migration).await;
    let (rounds, task_q): (String, Option<i64>) = app
        .db(move |conn| {
            db_run!(conn: {
                let rounds = followup_rules::table.find(rule).select(followup_rules::rounds).first(conn).unwrap();
                let q = followup_tasks::table.find(task).select(followup_tasks::questionnaire_id).first(conn).unwrap();
                (rounds, q)
            })
        })
        .await;
    assert_eq!(task_q, Some(ours), "the task now names its own hospital's survey of the same code");
    let rounds: Value = serde_json::from_str(&rounds).unwrap();
    let picked: Vec<(Value, Value, Value)> = rounds
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["from_day"].clone(), r["questionnaire_id"].clone(), r["channel"].clone()))
        .collect();
    assert_eq!(
        picked,
        vec![
            (json!(3), json!(ours), json!("phone")),
            (json!(30), Value::Null, json!("phone")),
            (json!(90), Value::Null, json!("sms")),
        ],
        "rounds keep their order and other fields"
    );
}

/// Takes the migrations back to before the repair and runs it again, over
/// the rows a test just broke.
fn rerun_repair_migration(conn: &mut DbConnection) {
    use diesel_migrations::MigrationHarness;
    use hcrm_server::db::{POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};
    const REPAIR: &str = "20261202000012";
    fn back_to_repair<C: MigrationHarness<B>, B: diesel::backend::Backend>(
        c: &mut C,
        source: fn() -> diesel_migrations::EmbeddedMigrations,
    ) {
        loop {
            let v = c.revert_last_migration(source()).unwrap().to_string().replace('-', "");
            if v.starts_with(REPAIR) {
                break;
            }
            assert!(v.as_str() > REPAIR, "the repair migration {REPAIR} was not applied");
        }
        c.run_pending_migrations(source()).unwrap();
    }
    match conn {
        DbConnection::Sqlite(c) => back_to_repair(c, || SQLITE_MIGRATIONS),
        DbConnection::Postgresql(c) => back_to_repair(c, || POSTGRES_MIGRATIONS),
    }
}
