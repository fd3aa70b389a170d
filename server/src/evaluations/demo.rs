//! Demo windows: the window departments' counters of the first demo
//! hospital, with evaluators EV-HOSP1-<window>, REG-01 bound to clerk1.

use diesel::prelude::*;
use hcrm_shared::evaluations::NewEvaluationWindow;

use hcrm_shared::api::NewUser;
use hcrm_shared::Role;

use crate::config::Config;
use crate::db::schema::{departments, evaluation_windows, hospitals, users};
use crate::db::DbConnection;
use crate::db_run;
use crate::error::ApiResult;

/// (department code, window code, name, layout). Device ids are
/// `EV-<hospital code>-<window code>`.
const WINDOWS: &[(&str, &str, &str, i32)] = &[
    ("REG", "REG-01", "挂号收费1号窗", 5),
    ("REG", "REG-02", "挂号收费2号窗", 5),
    ("PHAR", "PHAR-01", "门诊药房1号窗", 4),
];

/// The outpatient office's manager, who gets the low-rating SMS of the
/// registration windows.
const MANAGER_PHONE: &str = "13800138009";

/// Adds the demo windows of every demo hospital and a manager with a phone
/// for the registration department; running again adds nothing.
pub fn load(conn: &mut DbConnection, argon2_memory_kib: u32) -> ApiResult<usize> {
    let config = Config::default();
    // The first demo hospital only: the second stays a bare tenant, which the
    // isolation tests rely on (no jobs, no windows).
    let hs: Vec<(i64, String)> = db_run!(conn: { hospitals::table.filter(hospitals::code.eq("HOSP1")).select((hospitals::id, hospitals::code)).load(conn)? });
    let mut added = 0;
    for (hospital_id, hcode) in hs {
        let prefix = if hcode == "HOSP1" { "" } else { "h2." };
        let clerk: Option<i64> = db_run!(conn: {
            users::table.filter(users::username.eq(format!("{prefix}clerk1"))).filter(users::hospital_id.eq(hospital_id)).select(users::id).first(conn).optional()?
        });
        let reg: Option<i64> = db_run!(conn: {
            departments::table.filter(departments::hospital_id.eq(hospital_id)).filter(departments::code.eq("REG")).select(departments::id).first(conn).optional()?
        });
        let manager = format!("{prefix}manager.reg");
        let has_manager: i64 =
            db_run!(conn: { users::table.filter(users::username.eq(&manager)).count().get_result(conn)? });
        if let (Some(reg), 0) = (reg, has_manager) {
            let new = NewUser {
                username: manager.clone(),
                display_name: "门诊部主任".into(),
                password: crate::demo::DEMO_PASSWORD.into(),
                role: Role::Manager,
                department_id: Some(reg),
            };
            crate::organisation::service::users::create(conn, hospital_id, &new, argon2_memory_kib)?;
            db_run!(conn: {
                diesel::update(users::table.filter(users::username.eq(&manager))).set(users::phone.eq(Some(MANAGER_PHONE))).execute(conn)?;
            });
        }
        for (dcode, code, name, layout) in WINDOWS {
            let dept: Option<i64> = db_run!(conn: {
                departments::table.filter(departments::hospital_id.eq(hospital_id)).filter(departments::code.eq(*dcode)).select(departments::id).first(conn).optional()?
            });
            let Some(department_id) = dept else { continue };
            let exists: i64 = db_run!(conn: {
                evaluation_windows::table.filter(evaluation_windows::hospital_id.eq(hospital_id)).filter(evaluation_windows::code.eq(*code)).count().get_result(conn)?
            });
            if exists > 0 {
                continue;
            }
            let new = NewEvaluationWindow {
                code: code.to_string(),
                name: name.to_string(),
                department_id,
                device_id: Some(format!("EV-{hcode}-{code}")),
                // The first window of each department is clerk1's.
                clerk_id: if code.ends_with("-01") && *dcode == "REG" { clerk } else { None },
                layout: Some(*layout),
            };
            super::service::create_window(conn, &config, hospital_id, &new)?;
            added += 1;
        }
    }
    Ok(added)
}
