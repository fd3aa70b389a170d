//! SMS templates: text with `{{variable}}` placeholders from a fixed list,
//! checked when saved so a typo never reaches a patient as `{{docter}}`.

use std::collections::BTreeMap;

use diesel::prelude::*;
use hcrm_shared::messaging::{NewSmsTemplate, SmsTemplate, UpdateSmsTemplate, SMS_TEMPLATE_VARIABLES};

use crate::db::schema::sms_templates;
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::sms::model::TemplateRow;

#[derive(Debug, Clone, PartialEq)]
enum Piece<'a> {
    Text(&'a str),
    Var(&'a str),
}

fn pieces(body: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find("{{") {
        out.push(Piece::Text(&rest[..start]));
        let after = &rest[start + 2..];
        let end = after.find("}}").ok_or_else(|| "a {{ is never closed".to_string())?;
        let name = after[..end].trim();
        if name.is_empty() {
            return Err("an empty {{}}".into());
        }
        out.push(Piece::Var(name));
        rest = &after[end + 2..];
    }
    out.push(Piece::Text(rest));
    Ok(out)
}

/// Checks a template body: known variables only, braces closed.
pub fn validate(body: &str) -> Result<Vec<String>, String> {
    if body.trim().is_empty() {
        return Err("the text is empty".into());
    }
    if body.chars().count() > 1000 {
        return Err("at most 1000 characters".into());
    }
    let mut vars = Vec::new();
    for p in pieces(body)? {
        if let Piece::Var(name) = p {
            if !SMS_TEMPLATE_VARIABLES.contains(&name) {
                return Err(format!("unknown variable {{{{{name}}}}}; use {}", SMS_TEMPLATE_VARIABLES.join(", ")));
            }
            vars.push(name.to_string());
        }
    }
    Ok(vars)
}

/// Fills a template; a variable without a value is an error naming it.
pub fn render(body: &str, vars: &BTreeMap<String, String>) -> Result<String, String> {
    let mut out = String::with_capacity(body.len());
    for p in pieces(body)? {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Var(name) => match vars.get(name) {
                Some(v) => out.push_str(v),
                None => return Err(format!("no value for {{{{{name}}}}}")),
            },
        }
    }
    Ok(out)
}

pub fn list(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<Vec<SmsTemplate>> {
    db_run!(conn: {
        let rows: Vec<TemplateRow> =
            sms_templates::table.filter(sms_templates::hospital_id.eq(hospital_id)).order(sms_templates::code).select(TemplateRow::as_select()).load(conn)?;
        Ok(rows.iter().map(TemplateRow::dto).collect())
    })
}

pub fn get(conn: &mut DbConnection, hospital_id: i64, id: i64) -> ApiResult<TemplateRow> {
    db_run!(conn: {
        sms_templates::table
            .filter(sms_templates::hospital_id.eq(hospital_id))
            .filter(sms_templates::id.eq(id))
            .select(TemplateRow::as_select())
            .first(conn)
            .optional()?
            .ok_or_else(|| ApiError::not_found("template"))
    })
}

pub fn create(conn: &mut DbConnection, hospital_id: i64, new: &NewSmsTemplate) -> ApiResult<TemplateRow> {
    let code = new.code.trim();
    if code.is_empty() || code.len() > 64 {
        return Err(ApiError::invalid("code", "1 to 64 characters"));
    }
    if new.name.trim().is_empty() {
        return Err(ApiError::invalid("name", "required"));
    }
    validate(&new.body).map_err(|e| ApiError::invalid("body", e))?;
    let t = now();
    db_run!(conn: {
        let exists: i64 = sms_templates::table
            .filter(sms_templates::hospital_id.eq(hospital_id))
            .filter(sms_templates::code.eq(code))
            .count()
            .get_result(conn)?;
        if exists > 0 {
            return Err(ApiError::conflict("code", format!("a template with code {code} exists")));
        }
        Ok(diesel::insert_into(sms_templates::table)
            .values((
                sms_templates::hospital_id.eq(hospital_id),
                sms_templates::code.eq(code),
                sms_templates::name.eq(new.name.trim()),
                sms_templates::body.eq(&new.body),
                sms_templates::active.eq(true),
                sms_templates::created_at.eq(t),
                sms_templates::updated_at.eq(t),
            ))
            .returning(TemplateRow::as_returning())
            .get_result(conn)?)
    })
}

pub fn update(
    conn: &mut DbConnection,
    hospital_id: i64,
    id: i64,
    change: &UpdateSmsTemplate,
) -> ApiResult<TemplateRow> {
    let mut row = get(conn, hospital_id, id)?;
    if let Some(name) = &change.name {
        if name.trim().is_empty() {
            return Err(ApiError::invalid("name", "required"));
        }
        row.name = name.trim().to_string();
    }
    if let Some(body) = &change.body {
        validate(body).map_err(|e| ApiError::invalid("body", e))?;
        row.body = body.clone();
    }
    if let Some(a) = change.active {
        row.active = a;
    }
    let t = now();
    db_run!(conn: {
        Ok(diesel::update(sms_templates::table.filter(sms_templates::id.eq(id)))
            .set((sms_templates::name.eq(&row.name), sms_templates::body.eq(&row.body), sms_templates::active.eq(row.active), sms_templates::updated_at.eq(t)))
            .returning(TemplateRow::as_returning())
            .get_result(conn)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_variables_only() {
        assert_eq!(
            validate("{{patient_name}}您好，请于{{ date }}到{{department}}复诊").unwrap(),
            vec!["patient_name", "date", "department"]
        );
        assert!(validate("{{docter}}").unwrap_err().contains("docter"));
        assert!(validate("{{date").is_err());
        assert!(validate("{{}}").is_err());
        assert!(validate("  ").is_err());
    }

    #[test]
    fn renders_and_names_missing_values() {
        let mut vars = BTreeMap::new();
        vars.insert("patient_name".to_string(), "张三".to_string());
        assert_eq!(render("{{patient_name}}您好", &vars).unwrap(), "张三您好");
        assert!(render("{{patient_name}} {{link}}", &vars).unwrap_err().contains("link"));
    }
}
