//! Template validation, the path through a template, response validation,
//! scoring, satisfaction and answer rules. `ui/src/lib/questionnaire.ts`
//! mirrors [`path`] and [`check_response`]; keep the two in step.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use super::model::*;

/// Answers by question id.
pub type Answers = BTreeMap<String, Value>;

/// A problem, located: `at` is a question id (or section/rule id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub at: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

fn problem(at: &str, message: impl Into<String>) -> Problem {
    Problem { at: at.to_string(), message: message.into() }
}

/// Checks a template: unique ids, options where needed, jumps that land
/// on a later question (a jump backwards could loop), conditions that name
/// real options and scorable questions, rules on real questions.
pub fn validate_template(t: &Template) -> Result<(), Vec<Problem>> {
    let mut out = Vec::new();
    if t.title.trim().is_empty() {
        out.push(problem("title", "the questionnaire needs a title"));
    }
    let mut section_ids = HashSet::new();
    for s in &t.sections {
        if s.id.trim().is_empty() || !section_ids.insert(s.id.as_str()) {
            out.push(problem(&s.id, "section ids must be unique and not empty"));
        }
    }
    let order: Vec<&Question> = t.questions().collect();
    if order.is_empty() {
        out.push(problem("sections", "the questionnaire has no questions"));
    }
    let mut position: HashMap<&str, usize> = HashMap::new();
    for (i, q) in order.iter().enumerate() {
        if q.id.trim().is_empty() || q.id == END {
            out.push(problem(&q.id, "a question needs an id other than \"end\""));
        } else if position.insert(q.id.as_str(), i).is_some() {
            out.push(problem(&q.id, "duplicate question id"));
        }
    }
    for (i, q) in order.iter().enumerate() {
        if q.text.trim().is_empty() {
            out.push(problem(&q.id, "the question has no text"));
        }
        if q.kind.has_options() {
            if q.options.len() < 2 {
                out.push(problem(&q.id, "a choice question needs at least two options"));
            }
            let mut seen = HashSet::new();
            for o in &q.options {
                if o.value.is_empty() || !seen.insert(o.value.as_str()) {
                    out.push(problem(&q.id, format!("option value \"{}\" is empty or repeated", o.value)));
                }
            }
        } else if !q.options.is_empty() {
            out.push(problem(&q.id, "only choice and matrix questions have options"));
        }
        if q.kind == QuestionKind::Matrix {
            let mut seen = HashSet::new();
            if q.rows.is_empty() {
                out.push(problem(&q.id, "a matrix needs rows"));
            }
            for r in &q.rows {
                if r.id.is_empty() || !seen.insert(r.id.as_str()) {
                    out.push(problem(&q.id, format!("matrix row \"{}\" is empty or repeated", r.id)));
                }
            }
        }
        if let (Some(min), Some(max)) = (q.min, q.max) {
            if min > max {
                out.push(problem(&q.id, "min is above max"));
            }
        }
        let targets = q.jumps.iter().map(|j| &j.goto).chain(q.next.iter());
        for goto in targets {
            if goto == END {
                continue;
            }
            match position.get(goto.as_str()) {
                None => out.push(problem(&q.id, format!("jumps to \"{goto}\", which is not a question"))),
                Some(&p) if p <= i => out.push(problem(
                    &q.id,
                    format!("jumps back to \"{goto}\": jumps must go forward, or the path could loop"),
                )),
                _ => {}
            }
        }
        for j in &q.jumps {
            check_condition(q, &j.when, &mut out);
        }
    }
    let mut rule_ids = HashSet::new();
    for r in &t.rules {
        if r.id.is_empty() || r.id.contains(':') || !rule_ids.insert(r.id.as_str()) {
            out.push(problem(&r.id, "rule ids must be unique, not empty and without ':'"));
        }
        match t.question(&r.question) {
            None => out.push(problem(&r.id, format!("the rule names \"{}\", which is not a question", r.question))),
            Some(q) => check_condition(q, &r.when, &mut out),
        }
    }
    if let Some(sq) = &t.satisfaction_question {
        match t.question(sq) {
            Some(q) if !can_classify(q) => {
                out.push(problem(sq, "the satisfaction question must be a rating or have options with levels"))
            }
            None => out.push(problem(sq, "the satisfaction question does not exist")),
            _ => {}
        }
    }
    if out.is_empty() {
        Ok(())
    } else {
        Err(out)
    }
}

fn check_condition(q: &Question, c: &Condition, out: &mut Vec<Problem>) {
    match c {
        Condition::Chosen { values } => {
            if !matches!(q.kind, QuestionKind::SingleChoice | QuestionKind::MultipleChoice) {
                out.push(problem(&q.id, "\"chosen\" conditions need a choice question"));
            }
            for v in values {
                if !q.options.iter().any(|o| &o.value == v) {
                    out.push(problem(
                        &q.id,
                        format!("condition names option \"{v}\", which the question does not have"),
                    ));
                }
            }
        }
        Condition::ScoreAtMost { .. } | Condition::ScoreAtLeast { .. } => {
            if !q.kind.is_scored() {
                out.push(problem(&q.id, "score conditions need a scored question"));
            }
        }
        Condition::Answered => {}
    }
}

/// The questions asked, in order, given the answers so far. An unanswered
/// question still lies on the path (it is where the respondent stands);
/// the path continues past it by its default route.
pub fn path(t: &Template, answers: &Answers) -> Vec<String> {
    let order: Vec<&Question> = t.questions().collect();
    let index: HashMap<&str, usize> = order.iter().enumerate().map(|(i, q)| (q.id.as_str(), i)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    // Forward-only jumps bound the walk; the guard also protects against an
    // unvalidated template.
    while i < order.len() && out.len() <= order.len() {
        let q = order[i];
        out.push(q.id.clone());
        let answer = answers.get(&q.id).filter(|v| !is_empty(v));
        let jump = answer.and_then(|a| q.jumps.iter().find(|j| holds(q, &j.when, a)));
        let target = jump.map(|j| j.goto.as_str()).or(q.next.as_deref());
        i = match target {
            None => i + 1,
            Some(END) => break,
            Some(id) => match index.get(id) {
                Some(&p) if p > i => p,
                _ => i + 1,
            },
        };
    }
    out
}

pub fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// Whether a condition holds for an answer.
pub fn holds(q: &Question, c: &Condition, answer: &Value) -> bool {
    match c {
        Condition::Answered => !is_empty(answer),
        Condition::Chosen { values } => match answer {
            Value::String(s) => values.contains(s),
            Value::Array(a) => a.iter().any(|v| v.as_str().is_some_and(|s| values.iter().any(|x| x == s))),
            _ => false,
        },
        Condition::ScoreAtMost { value } => question_score(q, answer).is_some_and(|s| s <= *value),
        Condition::ScoreAtLeast { value } => question_score(q, answer).is_some_and(|s| s >= *value),
    }
}

/// Checks one answer's shape against its question.
pub fn check_answer(q: &Question, v: &Value) -> Result<(), String> {
    let option = |s: &str| q.options.iter().any(|o| o.value == s);
    match q.kind {
        QuestionKind::SingleChoice => match v.as_str() {
            Some(s) if option(s) => Ok(()),
            _ => Err(format!(
                "choose one of {}",
                q.options.iter().map(|o| o.value.as_str()).collect::<Vec<_>>().join(", ")
            )),
        },
        QuestionKind::MultipleChoice => {
            let a = v.as_array().ok_or("give a list of options")?;
            let mut seen = HashSet::new();
            for x in a {
                match x.as_str() {
                    Some(s) if option(s) && seen.insert(s) => {}
                    _ => return Err(format!("{x} is not an option, or is repeated")),
                }
            }
            Ok(())
        }
        QuestionKind::Rating5 | QuestionKind::Rating10 | QuestionKind::Nps => {
            let (lo, hi) = q.kind.rating_range().unwrap();
            match v.as_i64() {
                Some(n) if (lo..=hi).contains(&n) => Ok(()),
                _ => Err(format!("give a whole number from {lo} to {hi}")),
            }
        }
        QuestionKind::Text => v.as_str().map(|_| ()).ok_or_else(|| "give text".to_string()),
        QuestionKind::Number => {
            let n = v.as_f64().ok_or("give a number")?;
            if q.min.is_some_and(|m| n < m) || q.max.is_some_and(|m| n > m) {
                return Err(format!(
                    "give a number from {} to {}",
                    q.min.map_or("-".into(), |m| m.to_string()),
                    q.max.map_or("-".into(), |m| m.to_string())
                ));
            }
            Ok(())
        }
        QuestionKind::Date => match v.as_str().map(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")) {
            Some(Ok(_)) => Ok(()),
            _ => Err("give a date as YYYY-MM-DD".into()),
        },
        QuestionKind::Matrix => {
            let o = v.as_object().ok_or("give an answer per row")?;
            for (row, x) in o {
                if !q.rows.iter().any(|r| &r.id == row) {
                    return Err(format!("\"{row}\" is not a row"));
                }
                if !x.as_str().is_some_and(option) {
                    return Err(format!("row \"{row}\": {x} is not an option"));
                }
            }
            if q.required && o.len() < q.rows.len() {
                return Err("answer every row".into());
            }
            Ok(())
        }
    }
}

/// Checks a whole response: every answer on the path and well formed,
/// every required question on the path answered, nothing off the path.
/// Returns the path.
pub fn check_response(t: &Template, answers: &Answers) -> Result<Vec<String>, Problem> {
    let p = path(t, answers);
    for (id, v) in answers {
        let q = t.question(id).ok_or_else(|| problem(id, "no such question"))?;
        if !p.contains(id) {
            if is_empty(v) {
                continue;
            }
            return Err(problem(id, "this question is skipped by the answers before it"));
        }
        if !is_empty(v) {
            check_answer(q, v).map_err(|m| problem(id, m))?;
        }
    }
    for id in &p {
        let q = t.question(id).expect("path ids are questions");
        if q.required && answers.get(id).is_none_or(is_empty) {
            return Err(problem(id, "this question is required"));
        }
    }
    Ok(p)
}

/// The answers that lie on the path and are not empty (what to store).
pub fn on_path(t: &Template, answers: &Answers) -> Answers {
    let p = path(t, answers);
    answers.iter().filter(|(k, v)| p.contains(k) && !is_empty(v)).map(|(k, v)| (k.clone(), v.clone())).collect()
}

/// One answer's score: option scores (summed for multiple choice and
/// matrix rows), the value of a rating or NPS; `None` when unscored.
pub fn question_score(q: &Question, v: &Value) -> Option<f64> {
    let opt = |s: &str| q.options.iter().find(|o| o.value == s).and_then(|o| o.score);
    match q.kind {
        QuestionKind::SingleChoice => v.as_str().and_then(opt),
        QuestionKind::MultipleChoice => {
            let scores: Vec<f64> = v.as_array()?.iter().filter_map(|x| x.as_str().and_then(opt)).collect();
            (!scores.is_empty()).then(|| scores.iter().sum())
        }
        QuestionKind::Matrix => {
            let scores: Vec<f64> = v.as_object()?.values().filter_map(|x| x.as_str().and_then(opt)).collect();
            (!scores.is_empty()).then(|| scores.iter().sum())
        }
        QuestionKind::Rating5 | QuestionKind::Rating10 | QuestionKind::Nps => v.as_f64(),
        QuestionKind::Text | QuestionKind::Number | QuestionKind::Date => None,
    }
}

/// The highest score a question can give.
pub fn question_max(q: &Question) -> Option<f64> {
    let best = q.options.iter().filter_map(|o| o.score).fold(None, |m: Option<f64>, s| Some(m.map_or(s, |m| m.max(s))));
    match q.kind {
        QuestionKind::SingleChoice => best,
        QuestionKind::MultipleChoice => {
            let sum: f64 = q.options.iter().filter_map(|o| o.score).filter(|s| *s > 0.0).sum();
            best.map(|_| sum)
        }
        QuestionKind::Matrix => best.map(|b| b * q.rows.len() as f64),
        QuestionKind::Rating5 => Some(5.0),
        QuestionKind::Rating10 | QuestionKind::Nps => Some(10.0),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub total: f64,
    /// The most the answered path could have scored.
    pub max: f64,
    pub per_question: BTreeMap<String, f64>,
}

/// Scores the answers on the path.
pub fn score(t: &Template, answers: &Answers) -> Score {
    let mut s = Score { total: 0.0, max: 0.0, per_question: BTreeMap::new() };
    for id in path(t, answers) {
        let q = t.question(&id).unwrap();
        if let Some(v) = answers.get(&id).filter(|v| !is_empty(v)) {
            if let Some(x) = question_score(q, v) {
                s.total += x;
                s.max += question_max(q).unwrap_or(0.0);
                s.per_question.insert(id, x);
            }
        }
    }
    s
}

fn can_classify(q: &Question) -> bool {
    q.kind.rating_range().is_some() || q.options.iter().any(|o| o.level.is_some())
}

/// The satisfaction level an answer expresses: the option's level, or a
/// rating mapped onto five levels (5-point: one per point; 10-point and
/// NPS: pairs, 9-10 very satisfied ... 0-2 very dissatisfied).
pub fn classify_question(q: &Question, v: &Value) -> Option<Satisfaction> {
    use Satisfaction::*;
    match q.kind {
        QuestionKind::SingleChoice => {
            let s = v.as_str()?;
            q.options.iter().find(|o| o.value == s)?.level
        }
        QuestionKind::Rating5 => Some(match v.as_i64()? {
            5 => VerySatisfied,
            4 => Satisfied,
            3 => Neutral,
            2 => Dissatisfied,
            _ => VeryDissatisfied,
        }),
        QuestionKind::Rating10 | QuestionKind::Nps => Some(match v.as_i64()? {
            9.. => VerySatisfied,
            7..=8 => Satisfied,
            5..=6 => Neutral,
            3..=4 => Dissatisfied,
            _ => VeryDissatisfied,
        }),
        _ => None,
    }
}

/// The question that classifies a response.
pub fn satisfaction_question(t: &Template) -> Option<&Question> {
    match &t.satisfaction_question {
        Some(id) => t.question(id),
        None => t.questions().find(|q| can_classify(q)),
    }
}

/// A response's overall satisfaction, `None` when it gives no valid answer
/// to the satisfaction question (it then does not count in the rate).
pub fn classify(t: &Template, answers: &Answers) -> Option<Satisfaction> {
    let q = satisfaction_question(t)?;
    answers.get(&q.id).and_then(|v| classify_question(q, v))
}

/// NPS category of a 0..=10 answer.
pub fn nps_category(n: i64) -> &'static str {
    match n {
        9.. => "promoter",
        7..=8 => "passive",
        _ => "detractor",
    }
}

/// The rules whose condition holds on an answered question of the path.
pub fn triggered_rules<'a>(t: &'a Template, answers: &Answers) -> Vec<&'a AnswerRule> {
    let p = path(t, answers);
    t.rules
        .iter()
        .filter(|r| {
            let (Some(q), Some(v)) = (t.question(&r.question), answers.get(&r.question)) else { return false };
            p.contains(&r.question) && !is_empty(v) && holds(q, &r.when, v)
        })
        .collect()
}

/// Satisfaction rate the way hospitals report it: (非常满意 + 满意) / valid
/// answers, in percent with one decimal; `None` without valid answers.
pub fn satisfaction_rate(levels: &[Satisfaction]) -> Option<f64> {
    if levels.is_empty() {
        return None;
    }
    let good = levels.iter().filter(|l| l.is_satisfied()).count() as f64;
    Some((good * 1000.0 / levels.len() as f64).round() / 10.0)
}
