//! Demo schedules: department clinics and one expert clinic per demo
//! hospital, generated for the next 14 days.

use chrono::Duration;
use diesel::prelude::*;

use super::model::TemplateInput;
use super::schedules;
use crate::config::Config;
use crate::db::schema::{appt_templates, departments, hospitals, users};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::ApiResult;

pub fn load(conn: &mut DbConnection) -> ApiResult<()> {
    let config = Config::default();
    let hospitals: Vec<(i64, String)> =
        db_run!(conn: { hospitals::table.select((hospitals::id, hospitals::code)).load(conn)? });
    for (hospital_id, code) in hospitals {
        let existing: i64 = db_run!(conn: { appt_templates::table.filter(appt_templates::hospital_id.eq(hospital_id)).count().get_result(conn)? });
        if existing == 0 {
            let prefix = if code == "HOSP1" { "" } else { "h2." };
            let dept = |conn: &mut DbConnection, c: &str| -> ApiResult<Option<i64>> {
                db_run!(conn: { Ok(departments::table.filter(departments::hospital_id.eq(hospital_id)).filter(departments::code.eq(c)).select(departments::id).first(conn).optional()?) })
            };
            let doctor = format!("{prefix}doctor.card");
            let doctor_id: Option<i64> = db_run!(conn: { users::table.filter(users::username.eq(&doctor)).select(users::id).first(conn).optional()? });
            for code in ["CARD", "RESP", "ORTH", "PEDI"] {
                let Some(d) = dept(conn, code)? else { continue };
                for weekday in 1..=6 {
                    let morning = TemplateInput {
                        department_id: d,
                        doctor_id: None,
                        title: "普通门诊".into(),
                        is_expert: false,
                        weekday,
                        session: hcrm_shared::appointments::SessionPeriod::Morning,
                        start_time: "08:00".into(),
                        end_time: "11:30".into(),
                        slot_minutes: 10,
                        onsite_every: 2,
                        quotas: Default::default(),
                        active: true,
                    };
                    schedules::create_template(conn, hospital_id, &morning)?;
                    if weekday <= 5 {
                        let afternoon = TemplateInput {
                            session: hcrm_shared::appointments::SessionPeriod::Afternoon,
                            start_time: "14:00".into(),
                            end_time: "17:00".into(),
                            ..morning
                        };
                        schedules::create_template(conn, hospital_id, &afternoon)?;
                    }
                }
            }
            if let (Some(d), Some(doc)) = (dept(conn, "CARD")?, doctor_id) {
                for weekday in [2, 4] {
                    let expert = TemplateInput {
                        department_id: d,
                        doctor_id: Some(doc),
                        title: "心内科专家门诊".into(),
                        is_expert: true,
                        weekday,
                        session: hcrm_shared::appointments::SessionPeriod::Morning,
                        start_time: "08:00".into(),
                        end_time: "11:00".into(),
                        slot_minutes: 15,
                        onsite_every: 3,
                        quotas: [("phone".to_string(), 6i64), ("web".to_string(), 4), ("wechat".to_string(), 4)]
                            .into_iter()
                            .collect(),
                        active: true,
                    };
                    schedules::create_template(conn, hospital_id, &expert)?;
                }
            }
        }
        let today = (now() + Duration::minutes(config.utc_offset_minutes as i64)).date();
        schedules::generate(conn, &config, hospital_id, today, today + Duration::days(13))?;
    }
    Ok(())
}
