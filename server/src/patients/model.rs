//! Rows of the archive tables and their conversion to API types.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use hcrm_shared::api::{ContactChannel, ContactDirection, Diagnosis, PatientTag, Sex, Visit, VisitKind};
use hcrm_shared::masking::{mask_phone, mask_resident_id};

use crate::db::schema::{contacts, patient_phones, patients, visits};
use crate::db::to_utc;

#[derive(Debug, Default, Clone, serde::Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Name (or its start), pinyin initials, phone, resident ID or MRN.
    pub q: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = patients)]
pub struct PatientRow {
    pub id: i64,
    pub hospital_id: i64,
    pub mrn: String,
    pub name: String,
    pub sex: Sex,
    pub birth_date: Option<NaiveDate>,
    pub id_card: Option<String>,
    pub address: Option<String>,
    pub tags: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = patients)]
pub struct NewPatientRow {
    pub hospital_id: i64,
    pub mrn: String,
    pub name: String,
    pub name_initials: String,
    pub sex: Sex,
    pub birth_date: Option<NaiveDate>,
    pub id_card: Option<String>,
    pub address: Option<String>,
    pub tags: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// An entry of a patient's contact log (a call, a visit at the desk, a
/// follow-up attempt).
#[derive(Debug, Insertable)]
#[diesel(table_name = contacts)]
pub struct NewContactRow<'a> {
    pub hospital_id: i64,
    pub patient_id: i64,
    pub user_id: i64,
    pub at: NaiveDateTime,
    pub channel: ContactChannel,
    pub direction: ContactDirection,
    pub summary: &'a str,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = patient_phones)]
pub struct NewPhoneRow {
    pub hospital_id: i64,
    pub patient_id: i64,
    pub number: String,
    pub position: i32,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = visits)]
pub struct NewVisitRow {
    pub hospital_id: i64,
    pub patient_id: i64,
    pub visit_no: String,
    pub kind: VisitKind,
    pub department_id: i64,
    pub ward: Option<String>,
    pub attending_doctor: Option<String>,
    pub admitted_at: NaiveDateTime,
    pub discharged_at: Option<NaiveDateTime>,
    pub diagnoses: String,
    pub created_at: NaiveDateTime,
}

/// A visit row joined with its department's name.
pub type VisitRow = (
    i64,
    i64,
    String,
    VisitKind,
    i64,
    String,
    Option<String>,
    Option<String>,
    NaiveDateTime,
    Option<NaiveDateTime>,
    String,
);

pub fn visit_to_api(row: VisitRow) -> Visit {
    let (
        id,
        _patient_id,
        visit_no,
        kind,
        department_id,
        department_name,
        ward,
        attending_doctor,
        admitted_at,
        discharged_at,
        diagnoses,
    ) = row;
    Visit {
        id,
        visit_no,
        kind,
        department_id,
        department_name,
        ward,
        attending_doctor,
        admitted_at: to_utc(admitted_at),
        discharged_at: discharged_at.map(to_utc),
        diagnoses: serde_json::from_str::<Vec<Diagnosis>>(&diagnoses).unwrap_or_default(),
    }
}

pub fn tags_from_db(s: &str) -> Vec<PatientTag> {
    s.split(',').filter_map(|t| t.parse().ok()).collect()
}

pub fn tags_to_db(tags: &[PatientTag]) -> String {
    let mut names: Vec<&str> = tags.iter().map(|t| t.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names.join(",")
}

pub fn age_on(birth: NaiveDate, today: NaiveDate) -> i32 {
    let mut age = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age.max(0)
}

pub fn masked_id(id: &Option<String>) -> Option<String> {
    id.as_deref().map(mask_resident_id)
}

pub fn masked_phones(numbers: &[String]) -> Vec<String> {
    numbers.iter().map(|n| mask_phone(n)).collect()
}

/// Lower-case pinyin initials of a name: 张三 → "zs"; Latin letters are
/// kept, other characters dropped.
pub fn pinyin_initials(name: &str) -> String {
    use pinyin::ToPinyin;
    let mut out = String::new();
    for (c, p) in name.chars().zip(name.to_pinyin()) {
        match p {
            Some(p) => out.push_str(p.first_letter()),
            None if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials() {
        assert_eq!(pinyin_initials("张三"), "zs");
        assert_eq!(pinyin_initials("欧阳 娜娜"), "oynn");
        assert_eq!(pinyin_initials("Li 明"), "lim");
    }

    #[test]
    fn ages_and_tags() {
        let b = NaiveDate::from_ymd_opt(1980, 6, 15).unwrap();
        assert_eq!(age_on(b, NaiveDate::from_ymd_opt(2026, 6, 14).unwrap()), 45);
        assert_eq!(age_on(b, NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()), 46);
        assert_eq!(tags_to_db(&[PatientTag::Vip, PatientTag::Deceased, PatientTag::Vip]), "deceased,vip");
        assert_eq!(tags_from_db("vip,bogus,deceased"), vec![PatientTag::Vip, PatientTag::Deceased]);
    }
}
