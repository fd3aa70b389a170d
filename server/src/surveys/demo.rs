//! Demo data: the discharge satisfaction survey (出院患者满意度调查),
//! published, with answers spread over recent months and departments so
//! the statistics page has something to show.

use std::collections::BTreeMap;

use chrono::Duration;
use diesel::prelude::*;
use hcrm_shared::questionnaire::json;
use hcrm_shared::questionnaire::{self as engine};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use super::service::templates;
use crate::audit::Actor;
use crate::db::schema::{survey_responses as sr, visits};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};

pub const DISCHARGE_CODE: &str = "DISCHARGE_SATISFACTION";
pub const DISCHARGE_JSON: &str = include_str!("../../../shared/src/questionnaire/discharge_survey.json");

/// Ensures the discharge survey exists and is published; returns its id.
pub fn ensure_discharge_survey(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<i64> {
    if let Some(id) = templates::by_code(conn, hospital_id, DISCHARGE_CODE)? {
        return Ok(id);
    }
    let doc = json::import(DISCHARGE_JSON).map_err(ApiError::internal)?;
    let actor = Actor {
        user_id: None,
        username: "demo".into(),
        role: "system".into(),
        hospital_id: Some(hospital_id),
        ip: "local".into(),
    };
    let new = hcrm_shared::questionnaire::api::NewQuestionnaire {
        code: doc.code,
        name: doc.name,
        category: doc.category,
        template: doc.template,
        publish: true,
    };
    Ok(templates::create(conn, hospital_id, &actor, &new)?.summary.id)
}

/// The survey plus `count` answer sheets from discharged patients (no rules
/// run: demo answers open no tasks).
pub fn load(conn: &mut DbConnection, hospital_id: i64, count: usize) -> ApiResult<()> {
    let qid = ensure_discharge_survey(conn, hospital_id)?;
    let version = templates::current(conn, hospital_id, qid)?;
    let vid = version.id;
    let existing: i64 = db_run!(conn: { sr::table.filter(sr::version_id.eq(vid)).count().get_result(conn)? });
    if existing > 0 {
        return Ok(());
    }
    let stays: Vec<(i64, i64)> = db_run!(conn: {
        visits::table.filter(visits::hospital_id.eq(hospital_id)).filter(visits::discharged_at.is_not_null())
            .order(visits::id).select((visits::patient_id, visits::department_id)).limit(count as i64).load(conn)?
    });
    let mut rng = StdRng::seed_from_u64(6000 + hospital_id as u64);
    let today = now().date();
    for (i, (patient, department)) in stays.into_iter().enumerate() {
        let overall = ["vs", "vs", "s", "s", "s", "n", "d"][rng.gen_range(0..7)];
        let mut a: BTreeMap<String, Value> = BTreeMap::new();
        a.insert("doctor".into(), json!(rng.gen_range(3..=5)));
        a.insert("nurse".into(), json!(rng.gen_range(3..=5)));
        a.insert("explain".into(), json!(["yes", "yes", "partly"][rng.gen_range(0..3)]));
        let (quiet, food) = (["good", "fair"][rng.gen_range(0..2)], ["good", "fair", "bad"][rng.gen_range(0..3)]);
        a.insert("ward".into(), json!({"clean": "good", "quiet": quiet, "food": food}));
        a.insert("overall".into(), json!(overall));
        if overall == "d" {
            a.insert("reasons".into(), json!(["wait"]));
            a.insert("details".into(), json!("出院手续排队时间太长"));
        }
        a.insert("recommend".into(), json!(rng.gen_range(5..=10)));
        if i % 5 == 0 {
            a.insert(
                "suggestions".into(),
                json!(["希望增加停车位", "护士非常耐心，谢谢", "饭菜口味可以再改进"][i % 3]),
            );
        }
        engine::check_response(&version.content, &a).map_err(|p| ApiError::internal(format!("demo answers: {p}")))?;
        let s = engine::score(&version.content, &a);
        let level = engine::classify(&version.content, &a).map(|l| l.as_str());
        let day = today - Duration::days(rng.gen_range(0..90));
        let answers = serde_json::to_string(&a).unwrap();
        db_run!(conn: {
            diesel::insert_into(sr::table)
                .values((sr::hospital_id.eq(hospital_id), sr::version_id.eq(vid), sr::channel.eq(hcrm_shared::questionnaire::ResponseChannel::Phone), sr::patient_id.eq(Some(patient)),
                    sr::department_id.eq(Some(department)), sr::answers.eq(&answers), sr::score.eq(Some(s.total)), sr::max_score.eq(Some(s.max)),
                    sr::satisfaction.eq(level), sr::answered_on.eq(day), sr::created_at.eq(Some(day.and_hms_opt(10, 0, 0).unwrap()))))
                .execute(conn)?;
        });
    }
    Ok(())
}
