//! Articles with versions and an approval step: a draft is submitted
//! (pending) and approved (published) or rejected. Editing a published
//! article makes a new draft version; the published one stays searchable
//! until the new one is approved.

use diesel::prelude::*;
use hcrm_shared::knowledge::KbVersionStatus;

use super::search;
use crate::audit::{self, Actor};
use crate::db::schema::{kb_articles, kb_versions};
use crate::db::{now, to_utc, DbConnection};
use crate::db_run;
use crate::error::{ApiError, ApiResult};
use crate::knowledge::model::{
    Article, ArticleDetail, ArticleInput, ArticleQuery, ArticleRow, ReviewRequest, SearchHit, Version, VersionRow,
};

fn split_tags(s: &str) -> Vec<String> {
    s.split(',').filter(|t| !t.is_empty()).map(String::from).collect()
}

fn join_tags(tags: &[String]) -> ApiResult<String> {
    let mut v: Vec<String> = tags.iter().map(|t| t.trim().replace(',', "，")).filter(|t| !t.is_empty()).collect();
    v.dedup();
    if v.len() > 20 {
        return Err(ApiError::invalid("tags", "at most 20 tags"));
    }
    Ok(v.join(","))
}

fn validate(a: &ArticleInput) -> ApiResult<String> {
    if a.title.trim().is_empty() || a.title.chars().count() > 200 {
        return Err(ApiError::invalid("title", "1 to 200 characters"));
    }
    if a.category.trim().is_empty() || a.category.chars().count() > 50 {
        return Err(ApiError::invalid("category", "1 to 50 characters"));
    }
    if a.body.trim().is_empty() || a.body.chars().count() > 50_000 {
        return Err(ApiError::invalid("body", "1 to 50000 characters"));
    }
    join_tags(&a.tags)
}

fn version_dto(v: VersionRow) -> Version {
    Version {
        version: v.version,
        category: v.category,
        title: v.title,
        tags: split_tags(&v.tags),
        body: v.body,
        status: v.status,
        created_at: to_utc(v.created_at),
        reviewed_at: v.reviewed_at.map(to_utc),
        review_note: v.review_note,
    }
}

fn get_row(conn: &mut DbConnection, hospital_id: i64, id: i64) -> ApiResult<ArticleRow> {
    let row: Option<ArticleRow> = db_run!(conn: {
        kb_articles::table.filter(kb_articles::id.eq(id)).filter(kb_articles::hospital_id.eq(hospital_id)).select(ArticleRow::as_select()).first(conn).optional()?
    });
    row.ok_or_else(|| ApiError::not_found("article"))
}

fn versions(conn: &mut DbConnection, id: i64) -> ApiResult<Vec<VersionRow>> {
    db_run!(conn: {
        Ok(kb_versions::table.filter(kb_versions::article_id.eq(id)).order(kb_versions::version.desc()).select(VersionRow::as_select()).load(conn)?)
    })
}

fn article_dto(row: ArticleRow, latest: Option<&VersionRow>) -> Article {
    Article {
        id: row.id,
        category: row.category,
        title: row.title,
        tags: split_tags(&row.tags),
        body: row.body,
        published_version: row.published_version,
        latest_version: latest.map(|v| v.version).unwrap_or(0),
        // Every article is created with its first version.
        status: latest.map(|v| v.status).unwrap_or(KbVersionStatus::Draft),
        source_call_uuid: row.source_call_uuid,
        updated_at: to_utc(row.updated_at),
    }
}

pub fn detail(conn: &mut DbConnection, hospital_id: i64, id: i64) -> ApiResult<ArticleDetail> {
    let row = get_row(conn, hospital_id, id)?;
    let vs = versions(conn, id)?;
    let article = article_dto(row, vs.first());
    Ok(ArticleDetail { article, versions: vs.into_iter().map(version_dto).collect() })
}

/// Articles of the hospital; readers who cannot write see only published ones.
pub fn list(
    conn: &mut DbConnection,
    hospital_id: i64,
    q: &ArticleQuery,
    published_only: bool,
) -> ApiResult<Vec<Article>> {
    let (rows, latest): (Vec<ArticleRow>, Vec<VersionRow>) = db_run!(conn: {
        let mut f = kb_articles::table.filter(kb_articles::hospital_id.eq(hospital_id)).into_boxed();
        if let Some(c) = &q.category {
            f = f.filter(kb_articles::category.eq(c.clone()));
        }
        if published_only {
            f = f.filter(kb_articles::published_version.is_not_null());
        }
        let rows: Vec<ArticleRow> = f.order(kb_articles::updated_at.desc()).limit(500).select(ArticleRow::as_select()).load(conn)?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let latest = kb_versions::table.filter(kb_versions::article_id.eq_any(&ids)).order(kb_versions::version.desc()).select(VersionRow::as_select()).load(conn)?;
        (rows, latest)
    });
    let mut out = Vec::new();
    for r in rows {
        let l = latest.iter().find(|v| v.article_id == r.id);
        if q.status.is_some_and(|s| Some(s) != l.map(|v| v.status)) {
            continue;
        }
        out.push(article_dto(r, l));
    }
    Ok(out)
}

fn insert_version(
    conn: &mut DbConnection,
    article_id: i64,
    version: i32,
    a: &ArticleInput,
    tags: &str,
    user: Option<i64>,
) -> ApiResult<()> {
    let t = now();
    db_run!(conn: {
        diesel::insert_into(kb_versions::table)
            .values((
                kb_versions::article_id.eq(article_id),
                kb_versions::version.eq(version),
                kb_versions::category.eq(a.category.trim()),
                kb_versions::title.eq(a.title.trim()),
                kb_versions::tags.eq(tags),
                kb_versions::body.eq(a.body.trim()),
                kb_versions::status.eq(KbVersionStatus::Draft),
                kb_versions::created_by.eq(user),
                kb_versions::created_at.eq(t),
            ))
            .execute(conn)?;
    });
    Ok(())
}

/// A new article as draft version 1.
pub fn create(conn: &mut DbConnection, hospital_id: i64, actor: &Actor, a: &ArticleInput) -> ApiResult<ArticleDetail> {
    let tags = validate(a)?;
    let t = now();
    let id: i64 = db_run!(conn: {
        diesel::insert_into(kb_articles::table)
            .values((
                kb_articles::hospital_id.eq(hospital_id),
                kb_articles::category.eq(a.category.trim()),
                kb_articles::title.eq(a.title.trim()),
                kb_articles::tags.eq(&tags),
                kb_articles::body.eq(a.body.trim()),
                kb_articles::source_call_uuid.eq(&a.source_call_uuid),
                kb_articles::created_by.eq(actor.user_id),
                kb_articles::created_at.eq(t),
                kb_articles::updated_at.eq(t),
            ))
            .returning(kb_articles::id)
            .get_result(conn)?
    });
    insert_version(conn, id, 1, a, &tags, actor.user_id)?;
    let target = format!("article:{id}");
    audit::record(conn, actor, audit::AuditAction::KnowledgeCreate, None, Some(&target), Some(a.title.trim()))?;
    detail(conn, hospital_id, id)
}

/// Edits an article: the open draft is changed in place; a published or
/// rejected latest version gets a new draft after it; a pending one must
/// be reviewed first.
pub fn edit(
    conn: &mut DbConnection,
    hospital_id: i64,
    actor: &Actor,
    id: i64,
    a: &ArticleInput,
) -> ApiResult<ArticleDetail> {
    let tags = validate(a)?;
    let row = get_row(conn, hospital_id, id)?;
    let latest =
        versions(conn, id)?.into_iter().next().ok_or_else(|| ApiError::internal("article without versions"))?;
    match latest.status {
        KbVersionStatus::Draft => db_run!(conn: {
            diesel::update(kb_versions::table.filter(kb_versions::id.eq(latest.id)))
                .set((
                    kb_versions::category.eq(a.category.trim()),
                    kb_versions::title.eq(a.title.trim()),
                    kb_versions::tags.eq(&tags),
                    kb_versions::body.eq(a.body.trim()),
                ))
                .execute(conn)?;
        }),
        KbVersionStatus::Pending => return Err(ApiError::conflict("status", "the latest version awaits review")),
        _ => insert_version(conn, id, latest.version + 1, a, &tags, actor.user_id)?,
    }
    if row.published_version.is_none() {
        // Never published: the article row mirrors the draft for lists.
        db_run!(conn: {
            diesel::update(kb_articles::table.filter(kb_articles::id.eq(id)))
                .set((kb_articles::category.eq(a.category.trim()), kb_articles::title.eq(a.title.trim()), kb_articles::tags.eq(&tags), kb_articles::body.eq(a.body.trim())))
                .execute(conn)?;
        });
    }
    if a.source_call_uuid.is_some() {
        db_run!(conn: {
            diesel::update(kb_articles::table.filter(kb_articles::id.eq(id))).set(kb_articles::source_call_uuid.eq(&a.source_call_uuid)).execute(conn)?;
        });
    }
    db_run!(conn: { diesel::update(kb_articles::table.filter(kb_articles::id.eq(id))).set(kb_articles::updated_at.eq(now())).execute(conn)?; });
    audit::record(conn, actor, audit::AuditAction::KnowledgeEdit, None, Some(&format!("article:{id}")), None)?;
    detail(conn, hospital_id, id)
}

pub fn submit(conn: &mut DbConnection, hospital_id: i64, actor: &Actor, id: i64) -> ApiResult<ArticleDetail> {
    get_row(conn, hospital_id, id)?;
    let latest =
        versions(conn, id)?.into_iter().next().ok_or_else(|| ApiError::internal("article without versions"))?;
    if latest.status != KbVersionStatus::Draft {
        return Err(ApiError::conflict(
            "status",
            format!("only a draft can be submitted; the latest version is {}", latest.status),
        ));
    }
    db_run!(conn: { diesel::update(kb_versions::table.filter(kb_versions::id.eq(latest.id))).set(kb_versions::status.eq(KbVersionStatus::Pending)).execute(conn)?; });
    audit::record(conn, actor, audit::AuditAction::KnowledgeSubmit, None, Some(&format!("article:{id}")), None)?;
    detail(conn, hospital_id, id)
}

/// Approves (publishes and indexes) or rejects the pending version.
pub fn review(
    conn: &mut DbConnection,
    hospital_id: i64,
    actor: &Actor,
    id: i64,
    r: &ReviewRequest,
) -> ApiResult<ArticleDetail> {
    get_row(conn, hospital_id, id)?;
    let latest =
        versions(conn, id)?.into_iter().next().ok_or_else(|| ApiError::internal("article without versions"))?;
    if latest.status != KbVersionStatus::Pending {
        return Err(ApiError::conflict("status", format!("no version awaits review; the latest is {}", latest.status)));
    }
    let t = now();
    let to = if r.approve { KbVersionStatus::Published } else { KbVersionStatus::Rejected };
    db_run!(conn: {
        if r.approve {
            diesel::update(kb_versions::table.filter(kb_versions::article_id.eq(id)).filter(kb_versions::status.eq(KbVersionStatus::Published)))
                .set(kb_versions::status.eq(KbVersionStatus::Superseded))
                .execute(conn)?;
        }
        diesel::update(kb_versions::table.filter(kb_versions::id.eq(latest.id)))
            .set((kb_versions::status.eq(to), kb_versions::reviewed_by.eq(actor.user_id), kb_versions::reviewed_at.eq(Some(t)), kb_versions::review_note.eq(Some(r.note.trim()))))
            .execute(conn)?;
        if r.approve {
            diesel::update(kb_articles::table.filter(kb_articles::id.eq(id)))
                .set((
                    kb_articles::category.eq(&latest.category),
                    kb_articles::title.eq(&latest.title),
                    kb_articles::tags.eq(&latest.tags),
                    kb_articles::body.eq(&latest.body),
                    kb_articles::published_version.eq(Some(latest.version)),
                    kb_articles::updated_at.eq(t),
                ))
                .execute(conn)?;
        }
    });
    if r.approve {
        let terms = search::article_terms(&latest.title, &latest.tags, &latest.category, &latest.body);
        search::reindex(conn, hospital_id, id, &terms)?;
    }
    audit::record(
        conn,
        actor,
        audit::AuditAction::KnowledgeReview,
        None,
        Some(&format!("article:{id}")),
        Some(to.as_str()),
    )?;
    detail(conn, hospital_id, id)
}

/// Full-text search over published articles, ranked and highlighted.
pub fn search(conn: &mut DbConnection, hospital_id: i64, q: &str, limit: usize) -> ApiResult<Vec<SearchHit>> {
    let limit = limit.clamp(1, 50);
    let q = q.trim();
    if q.is_empty() {
        return Ok(vec![]);
    }
    let matched = search::matching(conn, hospital_id, q, limit)?;
    let ids: Vec<i64> = matched.iter().map(|(id, _)| *id).collect();
    let rows: Vec<ArticleRow> = db_run!(conn: {
        kb_articles::table.filter(kb_articles::id.eq_any(&ids)).select(ArticleRow::as_select()).load(conn)?
    });
    let mut hits: Vec<SearchHit> = rows
        .into_iter()
        .map(|r| {
            let base = matched.iter().find(|(id, _)| *id == r.id).map(|(_, s)| *s).unwrap_or(0);
            let bonus = if search::contains_phrase(&r.title, q) {
                50
            } else if search::contains_phrase(&r.body, q) {
                10
            } else {
                0
            };
            let (title_highlight, snippet) = search::highlight(&r.title, &r.body, q, 80);
            SearchHit {
                id: r.id,
                category: r.category,
                title: r.title,
                tags: split_tags(&r.tags),
                title_highlight,
                snippet,
                score: base + bonus,
            }
        })
        .collect();
    hits.sort_by(|a, b| b.score.cmp(&a.score).then(b.id.cmp(&a.id)));
    hits.truncate(limit);
    Ok(hits)
}
