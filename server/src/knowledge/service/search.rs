//! CJK-aware full-text search, the same on SQLite and PostgreSQL: the
//! published version of each article is cut into terms stored in
//! `kb_terms` (indexed by hospital and term):
//!
//! * Chinese runs as overlapping character bigrams, plus the run's last
//!   character alone, so that any substring of two or more characters is a
//!   conjunction of bigrams and a single character is a prefix range;
//! * Latin and digit runs as lower-case words (prefix-matched, so instant
//!   search works while typing: "C" finds "CT");
//! * the title's pinyin initials as bigrams under a `p:` prefix (门诊时间 →
//!   p:mz p:zs p:sj), so "mzsj" finds it.
//!
//! A query is cut the same way; an article matches when it has every term.
//! Ranking sums the stored weights (title counts more than tags, tags more
//! than the body) with a bonus for the exact phrase; highlighting marks the
//! query's pieces in the title and a body snippet.
//!
//! Our own code, not a search crate: tantivy or a PostgreSQL text-search
//! extension would need their own index files or a server extension, and
//! neither behaves the same on SQLite; bigrams in an ordinary table give
//! the same answers on both databases, inside their transactions.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;
use hcrm_shared::validation::to_half_width;

use crate::db::schema::{kb_articles, kb_terms};
use crate::db::DbConnection;
use crate::db_run;
use crate::error::ApiResult;
use crate::knowledge::model::Segment;

const TITLE_WEIGHT: i32 = 5;
const TAG_WEIGHT: i32 = 3;

pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2ffff}')
}

/// A run of text: Chinese characters or a lower-case Latin/digit word.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Cjk(Vec<char>),
    Word(String),
}

pub fn pieces(text: &str) -> Vec<Piece> {
    let text = to_half_width(text).to_lowercase();
    let mut out = Vec::new();
    let mut cjk: Vec<char> = Vec::new();
    let mut word = String::new();
    let flush = |out: &mut Vec<Piece>, cjk: &mut Vec<char>, word: &mut String| {
        if !cjk.is_empty() {
            out.push(Piece::Cjk(std::mem::take(cjk)));
        }
        if !word.is_empty() {
            out.push(Piece::Word(std::mem::take(word)));
        }
    };
    for c in text.chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                flush(&mut out, &mut cjk, &mut word);
            }
            cjk.push(c);
        } else if c.is_ascii_alphanumeric() {
            if !cjk.is_empty() {
                flush(&mut out, &mut cjk, &mut word);
            }
            word.push(c);
        } else {
            flush(&mut out, &mut cjk, &mut word);
        }
    }
    flush(&mut out, &mut cjk, &mut word);
    out
}

/// Index terms of a text (without the pinyin ones).
pub fn text_terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for p in pieces(text) {
        match p {
            Piece::Cjk(chars) => {
                for w in chars.windows(2) {
                    out.push(w.iter().collect());
                }
                out.push(chars.last().unwrap().to_string());
            }
            Piece::Word(w) => out.push(w),
        }
    }
    out
}

/// Lower-case pinyin initial of each character (None for non-Chinese).
pub fn initials(text: &str) -> Vec<(char, Option<char>)> {
    use pinyin::ToPinyin;
    text.chars().zip(text.to_pinyin()).map(|(c, p)| (c, p.and_then(|p| p.first_letter().chars().next()))).collect()
}

pub fn pinyin_terms(title: &str) -> Vec<String> {
    let letters: Vec<char> = initials(title).into_iter().filter_map(|(_, i)| i).collect();
    letters.windows(2).map(|w| format!("p:{}{}", w[0], w[1])).collect()
}

/// (term, weight) of an article, weights summed per term.
pub fn article_terms(title: &str, tags: &str, category: &str, body: &str) -> Vec<(String, i32)> {
    let mut map: HashMap<String, i32> = HashMap::new();
    for t in text_terms(title) {
        *map.entry(t).or_default() += TITLE_WEIGHT;
    }
    for t in pinyin_terms(title) {
        *map.entry(t).or_default() += TITLE_WEIGHT;
    }
    for t in text_terms(tags).into_iter().chain(text_terms(category)) {
        *map.entry(t).or_default() += TAG_WEIGHT;
    }
    for t in text_terms(body) {
        *map.entry(t).or_default() += 1;
    }
    let mut v: Vec<(String, i32)> = map.into_iter().map(|(t, w)| (t, w.min(1000))).collect();
    v.sort();
    v
}

/// One condition of a query: an exact term or a prefix.
#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    Exact(String),
    Prefix(String),
}

/// The conjunctions a query may mean: its text pieces, and when it is a
/// Latin word of two or more letters, also pinyin initials.
pub fn query_alternatives(q: &str) -> Vec<Vec<Cond>> {
    let ps = pieces(q);
    let mut text: Vec<Cond> = Vec::new();
    let last = ps.len().saturating_sub(1);
    for (i, p) in ps.iter().enumerate() {
        match p {
            Piece::Cjk(chars) if chars.len() == 1 => text.push(Cond::Prefix(chars[0].to_string())),
            Piece::Cjk(chars) => text.extend(chars.windows(2).map(|w| Cond::Exact(w.iter().collect()))),
            // Only the word being typed is a prefix.
            Piece::Word(w) if i == last => text.push(Cond::Prefix(w.clone())),
            Piece::Word(w) => text.push(Cond::Exact(w.clone())),
        }
    }
    text.dedup();
    let mut alts = Vec::new();
    if !text.is_empty() {
        alts.push(text);
    }
    if let [Piece::Word(w)] = ps.as_slice() {
        if w.len() >= 2 && w.chars().all(|c| c.is_ascii_lowercase()) {
            let letters: Vec<char> = w.chars().collect();
            alts.push(letters.windows(2).map(|p| Cond::Exact(format!("p:{}{}", p[0], p[1]))).collect());
        }
    }
    alts
}

/// Replaces the article's terms (none when it has no published version).
pub fn reindex(conn: &mut DbConnection, hospital_id: i64, article_id: i64, terms: &[(String, i32)]) -> ApiResult<()> {
    db_run!(conn: {
        diesel::delete(kb_terms::table.filter(kb_terms::article_id.eq(article_id))).execute(conn)?;
        let rows: Vec<_> = terms
            .iter()
            .map(|(t, w)| (kb_terms::hospital_id.eq(hospital_id), kb_terms::term.eq(t), kb_terms::article_id.eq(article_id), kb_terms::weight.eq(*w)))
            .collect();
        for chunk in rows.chunks(500) {
            diesel::insert_into(kb_terms::table).values(chunk).execute(conn)?;
        }
    });
    Ok(())
}

fn prefix_end(p: &str) -> String {
    format!("{p}\u{10FFFF}")
}

#[derive(QueryableByName)]
struct Scored {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    article_id: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    score: i64,
}

/// The ranking query: one join per condition of an alternative (an exact
/// term has one posting per article, a prefix the best of its terms), the
/// alternatives' scores combined by their maximum, grouped, ordered and
/// limited in the database so that only the page's candidates come back
/// (on PostgreSQL the planner starts from the rarest term using its
/// statistics; the covering index answers without touching the table).
/// The different conditions of an alternative, in order, with how often each
/// occurs.
fn distinct(alt: &[Cond]) -> Vec<(&Cond, i64)> {
    let mut out: Vec<(&Cond, i64)> = Vec::new();
    for c in alt {
        match out.iter_mut().find(|(d, _)| *d == c) {
            Some(e) => e.1 += 1,
            None => out.push((c, 1)),
        }
    }
    out
}

/// At most this many different terms in a query: each is a join, and
/// SQLite joins at most 64 tables.
pub const MAX_QUERY_TERMS: usize = 48;

fn ranking_sql(hospital_id: i64, alts: &[Vec<Cond>], limit: usize, pg: bool) -> (String, Vec<String>) {
    let mut binds: Vec<String> = Vec::new();
    let ph = |binds: &mut Vec<String>, v: String| {
        binds.push(v);
        if pg {
            format!("${}", binds.len())
        } else {
            "?".to_string()
        }
    };
    let mut parts = Vec::new();
    for alt in alts {
        let mut from = String::new();
        let mut score = Vec::new();
        for (i, (c, times)) in distinct(alt).into_iter().enumerate() {
            let sub = match c {
                Cond::Exact(t) => {
                    let p = ph(&mut binds, t.clone());
                    format!(
                        "SELECT article_id, weight AS w FROM kb_terms WHERE hospital_id = {hospital_id} AND term = {p}"
                    )
                }
                Cond::Prefix(t) => {
                    let lo = ph(&mut binds, t.clone());
                    let hi = ph(&mut binds, prefix_end(t));
                    format!(
                        "SELECT article_id, MAX(weight) AS w FROM kb_terms WHERE hospital_id = {hospital_id} AND term >= {lo} AND term < {hi} GROUP BY article_id"
                    )
                }
            };
            if i == 0 {
                from.push_str(&format!("({sub}) t0"));
            } else {
                from.push_str(&format!(" JOIN ({sub}) t{i} ON t{i}.article_id = t0.article_id"));
            }
            // A term repeated in the query counts as often as it is repeated.
            score.push(if times == 1 {
                format!("CAST(t{i}.w AS BIGINT)")
            } else {
                format!("CAST(t{i}.w AS BIGINT) * {times}")
            });
        }
        parts.push(format!("SELECT t0.article_id AS article_id, {} AS score FROM {from}", score.join(" + ")));
    }
    let sql = format!(
        "SELECT article_id, MAX(score) AS score FROM ({}) a GROUP BY article_id ORDER BY score DESC, article_id DESC LIMIT {}",
        parts.join(" UNION ALL "),
        limit
    );
    (sql, binds)
}

/// Ids of matching published articles with their term score, best first
/// (an article matches an alternative when it has all its conditions; its
/// score is the sum of their weights, the best alternative counting).
pub fn matching(conn: &mut DbConnection, hospital_id: i64, q: &str, limit: usize) -> ApiResult<Vec<(i64, i64)>> {
    let alts: Vec<Vec<Cond>> = query_alternatives(q).into_iter().filter(|a| !a.is_empty()).collect();
    if alts.is_empty() {
        return Ok(vec![]);
    }
    if alts.iter().any(|a| distinct(a).len() > MAX_QUERY_TERMS) {
        return Err(crate::error::ApiError::invalid(
            "q",
            format!("the query is too long: at most {MAX_QUERY_TERMS} different terms"),
        ));
    }
    let pg = matches!(conn, DbConnection::Postgresql(_));
    let (sql, binds) = ranking_sql(hospital_id, &alts, limit.max(1) * 5, pg);
    let rows: Vec<Scored> = db_run!(conn: {
        let mut query = diesel::sql_query(sql).into_boxed();
        for b in binds {
            query = query.bind::<diesel::sql_types::Text, _>(b);
        }
        query.load(conn)?
    });
    Ok(rows.into_iter().map(|r| (r.article_id, r.score)).collect())
}

/// Marks in `text` every occurrence of the query's pieces (and, for a
/// pinyin query, the characters whose initials spell it).
pub fn highlight_marks(text: &str, q: &str) -> Vec<bool> {
    let chars: Vec<char> = text.chars().collect();
    let lower: Vec<char> = to_half_width(text).to_lowercase().chars().collect();
    let mut marks = vec![false; chars.len()];
    if lower.len() != chars.len() {
        return marks;
    }
    let needles: Vec<Vec<char>> = pieces(q)
        .into_iter()
        .map(|p| match p {
            Piece::Cjk(c) => c,
            Piece::Word(w) => w.chars().collect(),
        })
        .collect();
    for n in &needles {
        if n.is_empty() || n.len() > lower.len() {
            continue;
        }
        for i in 0..=lower.len() - n.len() {
            if lower[i..i + n.len()] == n[..] {
                marks[i..i + n.len()].iter_mut().for_each(|m| *m = true);
            }
        }
    }
    if let [Piece::Word(w)] = pieces(q).as_slice() {
        let ini = initials(text);
        let want: Vec<char> = w.chars().collect();
        if want.len() >= 2 && ini.len() == chars.len() {
            for i in 0..ini.len() {
                if i + want.len() <= ini.len() && (0..want.len()).all(|k| ini[i + k].1 == Some(want[k])) {
                    marks[i..i + want.len()].iter_mut().for_each(|m| *m = true);
                }
            }
        }
    }
    marks
}

pub fn segments(text: &str, marks: &[bool]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for (c, &m) in text.chars().zip(marks) {
        match out.last_mut() {
            Some(s) if s.hit == m => s.text.push(c),
            _ => out.push(Segment { text: c.to_string(), hit: m }),
        }
    }
    out
}

/// Highlighted title, and a snippet of the body around its first hit.
pub fn highlight(title: &str, body: &str, q: &str, snippet_chars: usize) -> (Vec<Segment>, Vec<Segment>) {
    let t = segments(title, &highlight_marks(title, q));
    let chars: Vec<char> = body.chars().collect();
    let marks = highlight_marks(body, q);
    let first = marks.iter().position(|m| *m).unwrap_or(0);
    let start = first.saturating_sub(snippet_chars / 4);
    let end = (start + snippet_chars).min(chars.len());
    let snippet: String = chars[start..end].iter().collect();
    let mut b = segments(&snippet, &marks[start..end]);
    if start > 0 {
        b.insert(0, Segment { text: "…".into(), hit: false });
    }
    if end < chars.len() {
        b.push(Segment { text: "…".into(), hit: false });
    }
    (t, b)
}

/// Whether the query's text appears as a phrase (for the ranking bonus).
pub fn contains_phrase(text: &str, q: &str) -> bool {
    let norm = |s: &str| to_half_width(s).to_lowercase().chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let q = norm(q);
    !q.is_empty() && norm(text).contains(&q)
}

/// Articles of the hospital whose published text matches (used by tests
/// and the bench to check the index against the stored text).
pub fn published_ids(conn: &mut DbConnection, hospital_id: i64) -> ApiResult<HashSet<i64>> {
    db_run!(conn: {
        Ok(kb_articles::table
            .filter(kb_articles::hospital_id.eq(hospital_id))
            .filter(kb_articles::published_version.is_not_null())
            .select(kb_articles::id)
            .load::<i64>(conn)?
            .into_iter()
            .collect())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_cut_into_bigrams_and_words_stay_whole() {
        assert_eq!(text_terms("门诊时间"), vec!["门诊", "诊时", "时间", "间"]);
        assert_eq!(text_terms("CT检查 2号楼"), vec!["ct", "检查", "查", "2", "号楼", "楼"]);
        // Full-width letters and digits are folded.
        assert_eq!(text_terms("ＣＴ１２"), vec!["ct12"]);
        assert_eq!(pinyin_terms("门诊时间"), vec!["p:mz", "p:zs", "p:sj"]);
    }

    #[test]
    fn queries_become_conjunctions() {
        assert_eq!(query_alternatives("诊时"), vec![vec![Cond::Exact("诊时".into())]]);
        assert_eq!(query_alternatives("药"), vec![vec![Cond::Prefix("药".into())]]);
        assert_eq!(query_alternatives("2号楼"), vec![vec![Cond::Exact("2".into()), Cond::Exact("号楼".into())]]);
        let alts = query_alternatives("mzsj");
        assert_eq!(alts[0], vec![Cond::Prefix("mzsj".into())]);
        assert_eq!(alts[1], vec![Cond::Exact("p:mz".into()), Cond::Exact("p:zs".into()), Cond::Exact("p:sj".into())]);
        assert!(query_alternatives("  ,. ").is_empty());
    }

    #[test]
    fn highlighting_marks_substrings_and_pinyin() {
        let segs = segments("门诊时间表", &highlight_marks("门诊时间表", "诊时"));
        assert_eq!(
            segs,
            vec![
                Segment { text: "门".into(), hit: false },
                Segment { text: "诊时".into(), hit: true },
                Segment { text: "间表".into(), hit: false }
            ]
        );
        let segs = segments("门诊时间", &highlight_marks("门诊时间", "sj"));
        assert_eq!(segs[1], Segment { text: "时间".into(), hit: true });
        let (_, body) = highlight("x", &("甲".repeat(100) + "医保报销" + &"乙".repeat(100)), "报销", 40);
        assert_eq!(body[0].text, "…");
        assert!(body.iter().any(|s| s.hit && s.text == "报销"));
        assert!(contains_phrase("医保 报销须知", "医保报销"));
    }
}
