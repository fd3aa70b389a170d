//! Statistics queries. Grouping by day happens here, in Rust, so the same
//! code serves both backends without dialect-specific date functions.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use hcrm_shared::api::{DischargePoint, DischargeStats};

use crate::db::schema::{departments, visits};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::ApiResult;

/// Discharges per local day and department over the last `days` days,
/// limited to the `scope` departments when given. `utc_offset` turns UTC timestamps
/// into the hospital's local days.
pub fn discharges(
    conn: &mut DbConnection,
    hospital_id: i64,
    scope: Option<Vec<i64>>,
    days: i64,
    utc_offset: Duration,
) -> ApiResult<DischargeStats> {
    let since = now() - Duration::days(days);
    let rows: Vec<(NaiveDateTime, i64, String)> = db_run!(conn: {
        let mut query = visits::table
            .inner_join(departments::table)
            .filter(visits::hospital_id.eq(hospital_id))
            .filter(visits::discharged_at.ge(since))
            .select((visits::discharged_at.assume_not_null(), visits::department_id, departments::name))
            .into_boxed();
        if let Some(depts) = &scope {
            query = query.filter(visits::department_id.eq_any(depts.clone()));
        }
        query.load(conn)?
    });
    let mut counts: BTreeMap<(NaiveDate, i64), (String, i64)> = BTreeMap::new();
    for (at, dept, name) in rows {
        counts.entry(((at + utc_offset).date(), dept)).or_insert((name, 0)).1 += 1;
    }
    let series = counts
        .into_iter()
        .map(|((date, department_id), (department_name, count))| DischargePoint {
            date,
            department_id,
            department_name,
            count,
        })
        .collect();
    Ok(DischargeStats { series })
}
