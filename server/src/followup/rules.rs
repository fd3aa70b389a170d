//! Discharge and research rules: which discharges (department, ICD-10
//! codes, period) get which rounds of follow-up.

use diesel::prelude::*;
use hcrm_shared::followup::RuleKind;

use super::model::*;
use crate::audit;
use crate::auth::AuthUser;
use crate::common::refs::{ensure_in_hospital, Ref};
use crate::db::schema::{followup_rules, followup_tasks};
use crate::db::{now, write_transaction, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};

/// A parsed ICD-10 filter: prefixes ("I50") and inclusive ranges
/// ("I20-I25", compared on as many characters as the bounds have).
#[derive(Debug, Clone, PartialEq)]
pub struct IcdFilter(Vec<(String, String)>);

impl IcdFilter {
    pub fn parse(text: &str) -> Result<IcdFilter, String> {
        let mut out = Vec::new();
        for item in text.split([',', '，', ';', ' ']).map(str::trim).filter(|s| !s.is_empty()) {
            let norm = |s: &str| s.trim().to_ascii_uppercase();
            let (lo, hi) = match item.split_once('-') {
                Some((a, b)) => (norm(a), norm(b)),
                None => (norm(item), norm(item)),
            };
            let valid = |s: &str| {
                !s.is_empty()
                    && s.len() <= 8
                    && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                    && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
            };
            if !valid(&lo) || !valid(&hi) {
                return Err(format!("{item:?} is not an ICD-10 code, prefix or range (I50, I20-I25)"));
            }
            if lo > hi {
                return Err(format!("{item:?}: the range ends before it starts"));
            }
            out.push((lo, hi));
        }
        Ok(IcdFilter(out))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// True when any code falls in the filter (an empty filter takes all).
    pub fn matches<'a>(&self, mut codes: impl Iterator<Item = &'a str>) -> bool {
        if self.0.is_empty() {
            return true;
        }
        codes.any(|code| {
            let code = code.trim().to_ascii_uppercase();
            self.0.iter().any(|(lo, hi)| {
                let a = &code[..code.len().min(lo.len())];
                let b = &code[..code.len().min(hi.len())];
                a >= lo.as_str() && b <= hi.as_str()
            })
        })
    }
}

fn validate(input: &RuleInput, managed: &Option<Vec<i64>>) -> ApiResult<()> {
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ApiError::invalid("name", "1 to 100 characters"));
    }
    IcdFilter::parse(&input.icd_codes).map_err(|e| ApiError::invalid("icd_codes", e))?;
    if input.rounds.is_empty() || input.rounds.len() > 20 {
        return Err(ApiError::invalid("rounds", "1 to 20 rounds"));
    }
    for (i, r) in input.rounds.iter().enumerate() {
        if r.from_day < 0 || r.to_day < r.from_day || r.to_day > 3650 {
            return Err(ApiError::invalid(
                format!("rounds[{i}].to_day"),
                "a window of days after discharge: 0 <= from_day <= to_day <= 3650",
            ));
        }
    }
    if input.kind == RuleKind::Research && (input.period_from.is_none() || input.period_to.is_none()) {
        return Err(ApiError::invalid(
            "period_from",
            "a research rule picks discharges from a period: give period_from and period_to",
        ));
    }
    if let (Some(a), Some(b)) = (input.period_from, input.period_to) {
        if b < a {
            return Err(ApiError::invalid("period_to", "is before period_from"));
        }
    }
    if let Some(depts) = managed {
        if !input.department_id.is_some_and(|d| depts.contains(&d)) {
            return Err(ApiError::forbidden("department_id: you manage rules of your own department only")
                .with_field("department_id"));
        }
    }
    Ok(())
}

/// The department and every round's questionnaire must be this hospital's.
fn check_references(conn: &mut DbConnection, hospital_id: i64, input: &RuleInput) -> ApiResult<()> {
    ensure_in_hospital(conn, hospital_id, Ref::Department, input.department_id, "department_id")?;
    for (i, r) in input.rounds.iter().enumerate() {
        ensure_in_hospital(
            conn,
            hospital_id,
            Ref::Questionnaire,
            r.questionnaire_id,
            format!("rounds[{i}].questionnaire_id"),
        )?;
    }
    Ok(())
}

pub fn list(conn: &mut DbConnection, hospital_id: i64, managed: &Option<Vec<i64>>) -> ApiResult<Vec<Rule>> {
    let rows: Vec<(RuleRow, i64)> = db_run!(conn: {
        let mut q = followup_rules::table.filter(followup_rules::hospital_id.eq(hospital_id)).into_boxed();
        if let Some(d) = managed {
            q = q.filter(followup_rules::department_id.eq_any(d.clone()));
        }
        let rules: Vec<RuleRow> = q.order(followup_rules::id).select(RuleRow::as_select()).load(conn)?;
        let mut out = Vec::new();
        for r in rules {
            let n: i64 = followup_tasks::table.filter(followup_tasks::rule_id.eq(r.id)).count().get_result(conn)?;
            out.push((r, n));
        }
        out
    });
    Ok(rows.into_iter().map(|(r, n)| dto(r, n)).collect())
}

fn dto(r: RuleRow, task_count: i64) -> Rule {
    Rule {
        id: r.id,
        rounds: r.rounds(),
        name: r.name,
        kind: r.kind,
        department_id: r.department_id,
        icd_codes: r.icd_codes,
        period_from: r.period_from,
        period_to: r.period_to,
        active: r.active,
        task_count,
    }
}

pub fn get(conn: &mut DbConnection, hospital_id: i64, managed: &Option<Vec<i64>>, id: i64) -> ApiResult<RuleRow> {
    let row: Option<RuleRow> = db_run!(conn: {
        followup_rules::table
            .filter(followup_rules::hospital_id.eq(hospital_id))
            .filter(followup_rules::id.eq(id))
            .select(RuleRow::as_select())
            .first(conn)
            .optional()?
    });
    match row {
        Some(r) if managed.as_ref().is_none_or(|d| r.department_id.is_some_and(|x| d.contains(&x))) => Ok(r),
        _ => Err(ApiError::not_found("rule")),
    }
}

/// A new rule, by a manager (department managers: for their department).
pub fn create(conn: &mut DbConnection, manager: &AuthUser, input: &RuleInput) -> ApiResult<Rule> {
    let (hospital_id, actor, managed) = (manager.hospital_id, &manager.actor(), &manager.department_scope());
    validate(input, managed)?;
    check_references(conn, hospital_id, input)?;
    let t = now();
    let columns = input.columns();
    let id = write_transaction(conn, |conn| {
        let id: i64 = db_run!(conn: {
            diesel::insert_into(followup_rules::table)
                .values((
                    followup_rules::hospital_id.eq(hospital_id),
                    &columns,
                    followup_rules::created_by.eq(actor.user_id),
                    followup_rules::created_at.eq(t),
                    followup_rules::updated_at.eq(t),
                ))
                .returning(followup_rules::id)
                .get_result(conn)?
        });
        audit::record(
            conn,
            actor,
            audit::AuditAction::FollowupRuleCreate,
            None,
            Some(&format!("followup_rule:{id}")),
            None,
        )?;
        Ok(id)
    })?;
    Ok(dto(get(conn, hospital_id, &None, id)?, 0))
}

/// Replaces a rule's definition. Tasks already made stay as they are.
pub fn update(conn: &mut DbConnection, manager: &AuthUser, id: i64, input: &RuleInput) -> ApiResult<Rule> {
    let (hospital_id, actor, managed) = (manager.hospital_id, &manager.actor(), &manager.department_scope());
    get(conn, hospital_id, managed, id)?;
    validate(input, managed)?;
    check_references(conn, hospital_id, input)?;
    let columns = input.columns();
    write_transaction(conn, |conn| {
        db_run!(conn: {
            diesel::update(followup_rules::table.find(id))
                .set((&columns, followup_rules::updated_at.eq(now())))
                .execute(conn)?;
        });
        audit::record(
            conn,
            actor,
            audit::AuditAction::FollowupRuleUpdate,
            None,
            Some(&format!("followup_rule:{id}")),
            None,
        )
    })?;
    list(conn, hospital_id, &None)?.into_iter().find(|r| r.id == id).ok_or_else(|| ApiError::not_found("rule"))
}

#[cfg(test)]
mod tests {
    use super::IcdFilter;

    #[test]
    fn prefixes_and_ranges() {
        let f = IcdFilter::parse("I20-I25, I50，e11").unwrap();
        assert!(f.matches(["I21.9"].into_iter()));
        assert!(f.matches(["I25"].into_iter()));
        assert!(f.matches(["I50.9"].into_iter()));
        assert!(f.matches(["E11.9"].into_iter()));
        assert!(!f.matches(["I26.0", "I10"].into_iter()));
        assert!(IcdFilter::parse("").unwrap().matches(["X"].into_iter()));
        assert!(IcdFilter::parse("I25-I20").is_err());
        assert!(IcdFilter::parse("12").is_err());
    }
}
