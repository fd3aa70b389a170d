use diesel::prelude::*;
use hcrm_shared::api::{Department, DepartmentKind, NewDepartment, UpdateDepartment};

use crate::audit::{self, Actor};
use crate::db::schema::departments;
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::organisation::model::{department_from_row, DepartmentRow};

pub fn list(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<Vec<Department>> {
    let rows: Vec<DepartmentRow> = db_run!(conn: {
        departments::table
            .filter(departments::hospital_id.eq(hospital_id))
            .select((departments::id, departments::code, departments::name, departments::kind, departments::active))
            .order(departments::code)
            .load(conn)?
    });
    Ok(rows.into_iter().map(department_from_row).collect())
}

pub fn get(conn: &mut DbConnection, hospital_id: i64, id: i64) -> ApiResult<Department> {
    let row: Option<DepartmentRow> = db_run!(conn: {
        departments::table
            .filter(departments::hospital_id.eq(hospital_id))
            .filter(departments::id.eq(id))
            .select((departments::id, departments::code, departments::name, departments::kind, departments::active))
            .first(conn)
            .optional()?
    });
    row.map(department_from_row).ok_or_else(|| ApiError::not_found("department"))
}

fn validate_name(field: &str, value: &str) -> ApiResult<()> {
    if value.trim().is_empty() {
        return Err(ApiError::invalid(field, "is required"));
    }
    if value.chars().count() > 64 {
        return Err(ApiError::invalid(field, "is longer than 64 characters"));
    }
    Ok(())
}

/// A new department, by an administrator; audited.
pub fn create(conn: &mut DbConnection, actor: &Actor, hospital_id: i64, new: &NewDepartment) -> ApiResult<Department> {
    let d = insert(conn, hospital_id, new)?;
    audit::record(
        conn,
        actor,
        audit::AuditAction::DepartmentCreate,
        None,
        Some(&format!("department:{}", d.id)),
        Some(&d.name),
    )?;
    Ok(d)
}

fn insert(conn: &mut DbConnection, hospital_id: i64, new: &NewDepartment) -> ApiResult<Department> {
    validate_name("code", &new.code)?;
    validate_name("name", &new.name)?;
    let code = new.code.trim().to_string();
    let row: DepartmentRow = db_run!(conn: {
        let taken: i64 = departments::table
            .filter(departments::hospital_id.eq(hospital_id))
            .filter(departments::code.eq(&code))
            .count()
            .get_result(conn)?;
        if taken > 0 {
            return Err(ApiError::conflict("code", format!("code: department code {code} is already used")));
        }
        diesel::insert_into(departments::table)
            .values((
                departments::hospital_id.eq(hospital_id),
                departments::code.eq(&code),
                departments::name.eq(new.name.trim()),
                departments::kind.eq(new.kind),
                departments::active.eq(true),
                departments::created_at.eq(now()),
            ))
            .returning((departments::id, departments::code, departments::name, departments::kind, departments::active))
            .get_result(conn)?
    });
    Ok(department_from_row(row))
}

/// Renames, re-kinds or (de)activates a department; audited.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    hospital_id: i64,
    id: i64,
    change: &UpdateDepartment,
) -> ApiResult<Department> {
    get(conn, hospital_id, id)?;
    if let Some(name) = &change.name {
        validate_name("name", name)?;
    }
    db_run!(conn: {
        let target = departments::table.filter(departments::hospital_id.eq(hospital_id)).filter(departments::id.eq(id));
        if let Some(name) = &change.name {
            diesel::update(target).set(departments::name.eq(name.trim())).execute(conn)?;
        }
        if let Some(kind) = change.kind {
            diesel::update(target).set(departments::kind.eq(kind)).execute(conn)?;
        }
        if let Some(active) = change.active {
            diesel::update(target).set(departments::active.eq(active)).execute(conn)?;
        }
    });
    let d = get(conn, hospital_id, id)?;
    audit::record(conn, actor, audit::AuditAction::DepartmentUpdate, None, Some(&format!("department:{id}")), None)?;
    Ok(d)
}

/// Finds a department by code, creating it when missing (demo data, imports).
pub fn ensure(
    conn: &mut DbConnection,
    hospital_id: i64,
    code: &str,
    name: &str,
    kind: DepartmentKind,
) -> ApiResult<Department> {
    let existing: Option<i64> = db_run!(conn: {
        departments::table
            .filter(departments::hospital_id.eq(hospital_id))
            .filter(departments::code.eq(code))
            .select(departments::id)
            .first(conn)
            .optional()?
    });
    match existing {
        Some(id) => get(conn, hospital_id, id),
        None => insert(conn, hospital_id, &NewDepartment { code: code.into(), name: name.into(), kind }),
    }
}
