//! Checks that an id a request names belongs to the caller's hospital.
//! Ids are unique across hospitals, so without these a rule could name
//! another hospital's questionnaire and every task it makes would open on
//! "questionnaire not found". Each check answers 422 naming the field.

use diesel::prelude::*;

use crate::db::schema::{departments, questionnaires, users};
use crate::db::DbConnection;
use crate::db_run;
use crate::error::{ApiError, ApiResult};

/// What kind of row a request names by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ref {
    Questionnaire,
    Department,
    User,
}

impl Ref {
    fn noun(self) -> &'static str {
        match self {
            Ref::Questionnaire => "questionnaire",
            Ref::Department => "department",
            Ref::User => "user",
        }
    }

    fn exists(self, conn: &mut DbConnection, hospital_id: i64, id: i64) -> ApiResult<bool> {
        let n: i64 = db_run!(conn: {
            match self {
                Ref::Questionnaire => questionnaires::table
                    .filter(questionnaires::id.eq(id))
                    .filter(questionnaires::hospital_id.eq(hospital_id))
                    .count()
                    .get_result(conn)?,
                Ref::Department => departments::table
                    .filter(departments::id.eq(id))
                    .filter(departments::hospital_id.eq(hospital_id))
                    .count()
                    .get_result(conn)?,
                Ref::User => users::table
                    .filter(users::id.eq(id))
                    .filter(users::hospital_id.eq(hospital_id))
                    .count()
                    .get_result(conn)?,
            }
        });
        Ok(n > 0)
    }
}

/// 422 on `field` unless `id` (when given) is a row of this hospital.
pub fn ensure_in_hospital(
    conn: &mut DbConnection,
    hospital_id: i64,
    what: Ref,
    id: Option<i64>,
    field: impl Into<String>,
) -> ApiResult<()> {
    let Some(id) = id else { return Ok(()) };
    if what.exists(conn, hospital_id, id)? {
        Ok(())
    } else {
        Err(ApiError::invalid(field, format!("{} {id} does not exist in this hospital", what.noun())))
    }
}
