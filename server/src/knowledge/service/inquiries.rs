//! The inquiry log (业务咨询登记): each inquiry call with its topic, so the
//! statistics show what patients ask most.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::audit::{self, Actor};
use crate::db::schema::{inquiries, kb_articles, patients};
use crate::db::{now, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::knowledge::model::{Logged, NewInquiry, TopicCount};

pub fn log(conn: &mut DbConnection, hospital_id: i64, actor: &Actor, n: &NewInquiry) -> ApiResult<Logged> {
    let topic = n.topic.trim();
    if topic.is_empty() || topic.chars().count() > 50 {
        return Err(ApiError::invalid("topic", "1 to 50 characters"));
    }
    if let Some(p) = n.patient_id {
        let c: i64 = db_run!(conn: { patients::table.filter(patients::id.eq(p)).filter(patients::hospital_id.eq(hospital_id)).count().get_result(conn)? });
        if c == 0 {
            return Err(ApiError::invalid("patient_id", "no such patient in this hospital"));
        }
    }
    if let Some(a) = n.article_id {
        let c: i64 = db_run!(conn: { kb_articles::table.filter(kb_articles::id.eq(a)).filter(kb_articles::hospital_id.eq(hospital_id)).count().get_result(conn)? });
        if c == 0 {
            return Err(ApiError::invalid("article_id", "no such article"));
        }
    }
    let id: i64 = db_run!(conn: {
        diesel::insert_into(inquiries::table)
            .values((
                inquiries::hospital_id.eq(hospital_id),
                inquiries::topic.eq(topic),
                inquiries::note.eq(n.note.trim()),
                inquiries::patient_id.eq(n.patient_id),
                inquiries::call_uuid.eq(&n.call_uuid),
                inquiries::article_id.eq(n.article_id),
                inquiries::user_id.eq(actor.user_id),
                inquiries::created_at.eq(now()),
            ))
            .returning(inquiries::id)
            .get_result(conn)?
    });
    if n.patient_id.is_some() {
        audit::record(
            conn,
            actor,
            audit::AuditAction::InquiryLog,
            n.patient_id,
            Some(&format!("inquiry:{id}")),
            Some(topic),
        )?;
    }
    Ok(Logged { id })
}

/// The most asked topics in [from, to).
pub fn top_topics(
    conn: &mut DbConnection,
    hospital_id: i64,
    from: NaiveDateTime,
    to: NaiveDateTime,
    limit: i64,
) -> ApiResult<Vec<TopicCount>> {
    let rows: Vec<(String, i64)> = db_run!(conn: {
        inquiries::table
            .filter(inquiries::hospital_id.eq(hospital_id))
            .filter(inquiries::created_at.ge(from))
            .filter(inquiries::created_at.lt(to))
            .group_by(inquiries::topic)
            .select((inquiries::topic, diesel::dsl::count_star()))
            .order((diesel::dsl::count_star().desc(), inquiries::topic))
            .limit(limit)
            .load(conn)?
    });
    Ok(rows.into_iter().map(|(topic, count)| TopicCount { topic, count }).collect())
}
