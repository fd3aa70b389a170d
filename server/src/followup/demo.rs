//! Follow-up demo data: a cardiology rule (day 3-10, then day 30), an
//! orthopaedics rule, the tasks they make from the demo discharges, a few
//! cardiology tasks for doctor.card and the rest shared among the agents,
//! so the demo opens on a working queue.

use diesel::prelude::*;
use hcrm_shared::api::DepartmentKind;

use super::model::Round;
use crate::db::schema::{followup_rules, followup_tasks, hospitals, users};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::ApiResult;
use crate::organisation::service::departments;

/// China's offset; the demo does not read the configuration.
const DEMO_OFFSET_MINUTES: i32 = 480;

fn round(from_day: i32, to_day: i32, questionnaire_id: Option<i64>) -> Round {
    Round { from_day, to_day, questionnaire_id, channel: hcrm_shared::followup::TaskChannel::Phone }
}

/// Adds the rules once per hospital, generates and assigns. Running it
/// again adds nothing.
pub fn load(conn: &mut DbConnection) -> ApiResult<()> {
    let found: Vec<(i64, String)> = db_run!(conn: { hospitals::table.filter(hospitals::code.eq_any(["HOSP1", "HOSP2"])).select((hospitals::id, hospitals::code)).load(conn)? });
    for (hospital_id, code) in found {
        let prefix = if code == "HOSP1" { "" } else { "h2." };
        let card = departments::ensure(conn, hospital_id, "CARD", "心血管内科", DepartmentKind::Clinical)?.id;
        let orth = departments::ensure(conn, hospital_id, "ORTH", "骨科", DepartmentKind::Clinical)?.id;
        // Looked up, never a literal id: ids run across hospitals.
        let survey = Some(crate::surveys::demo::ensure_discharge_survey(conn, hospital_id)?);
        let rules = [
            ("心内科出院随访", card, "I20-I25, I48, I50", vec![round(3, 10, survey), round(30, 37, survey)]),
            ("骨科术后随访", orth, "S72, M17, M51", vec![round(7, 14, survey), round(90, 97, survey)]),
        ];
        let t = now();
        for (name, dept, icd, rounds) in rules {
            let exists: i64 = db_run!(conn: {
                followup_rules::table.filter(followup_rules::hospital_id.eq(hospital_id)).filter(followup_rules::name.eq(name)).count().get_result(conn)?
            });
            if exists > 0 {
                continue;
            }
            let rounds = serde_json::to_string(&rounds).unwrap_or_default();
            // Dated a month back, so the demo discharges of the last weeks
            // have their windows.
            let since = t - chrono::Duration::days(40);
            db_run!(conn: {
                diesel::insert_into(followup_rules::table)
                    .values((
                        followup_rules::hospital_id.eq(hospital_id),
                        followup_rules::name.eq(name),
                        followup_rules::kind.eq(hcrm_shared::followup::RuleKind::Discharge),
                        followup_rules::department_id.eq(Some(dept)),
                        followup_rules::icd_codes.eq(icd),
                        followup_rules::rounds.eq(rounds),
                        followup_rules::active.eq(true),
                        followup_rules::created_at.eq(since),
                        followup_rules::updated_at.eq(since),
                    ))
                    .execute(conn)?;
            });
        }
        // Spot checks ask the same survey, so every demo task has a script.
        let settings = super::settings::get(conn, hospital_id)?;
        if settings.spot_check_questionnaire_id.is_none() {
            let with_survey = super::model::FollowupSettings { spot_check_questionnaire_id: survey, ..settings };
            super::settings::save(conn, hospital_id, &with_survey)?;
        }
        super::generate::generate_rules(conn, hospital_id, DEMO_OFFSET_MINUTES)?;
        super::generate::generate_spot_checks(conn, hospital_id, DEMO_OFFSET_MINUTES)?;
        // doctor.card gets three cardiology tasks of their own.
        let doctor: Option<i64> = db_run!(conn: {
            users::table.filter(users::username.eq(format!("{prefix}doctor.card"))).select(users::id).first(conn).optional()?
        });
        if let Some(doctor) = doctor {
            let ids: Vec<i64> = db_run!(conn: {
                followup_tasks::table
                    .filter(followup_tasks::hospital_id.eq(hospital_id))
                    .filter(followup_tasks::department_id.eq(card))
                    .filter(followup_tasks::kind.eq(hcrm_shared::followup::TaskKind::Discharge))
                    .filter(followup_tasks::assignee_id.is_null())
                    .order(followup_tasks::due_from)
                    .limit(3)
                    .select(followup_tasks::id)
                    .load(conn)?
            });
            db_run!(conn: {
                diesel::update(followup_tasks::table.filter(followup_tasks::id.eq_any(&ids)))
                    .set((followup_tasks::assignee_id.eq(Some(doctor)), followup_tasks::assigned_at.eq(Some(t))))
                    .execute(conn)?;
            });
        }
        super::assign::auto_assign(conn, hospital_id)?;
    }
    Ok(())
}
