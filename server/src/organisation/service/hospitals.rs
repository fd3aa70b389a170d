use diesel::prelude::*;
use hcrm_shared::api::Hospital;

use crate::db::schema::hospitals;
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::ApiResult;

/// Creates a hospital or returns the existing one with that code.
pub fn ensure(conn: &mut DbConnection, code: &str, name: &str) -> ApiResult<Hospital> {
    db_run!(conn: {
        let existing: Option<(i64, String, String)> = hospitals::table
            .filter(hospitals::code.eq(code))
            .select((hospitals::id, hospitals::code, hospitals::name))
            .first(conn)
            .optional()?;
        let (id, code, name) = match existing {
            Some(row) => row,
            None => diesel::insert_into(hospitals::table)
                .values((hospitals::code.eq(code), hospitals::name.eq(name), hospitals::created_at.eq(now())))
                .returning((hospitals::id, hospitals::code, hospitals::name))
                .get_result(conn)?,
        };
        Ok(Hospital { id, code, name })
    })
}

pub fn find_by_code(conn: &mut DbConnection, code: &str) -> ApiResult<Option<Hospital>> {
    db_run!(conn: {
        Ok(hospitals::table
            .filter(hospitals::code.eq(code))
            .select((hospitals::id, hospitals::code, hospitals::name))
            .first::<(i64, String, String)>(conn)
            .optional()?
            .map(|(id, code, name)| Hospital { id, code, name }))
    })
}
