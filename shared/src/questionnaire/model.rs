//! The template model: what a questionnaire version contains.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The content of one questionnaire version. Answers are a map from
/// question id to a JSON value (see [`QuestionKind`] for each shape).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = QuestionnaireTemplate)]
pub struct Template {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub sections: Vec<Section>,
    /// The question whose answer classifies a response's satisfaction (the
    /// "overall satisfaction" item); defaults to the first question that
    /// can be classified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub satisfaction_question: Option<String>,
    /// Answers that open a callback task.
    #[serde(default)]
    pub rules: Vec<AnswerRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Answer: the chosen option's value (string).
    SingleChoice,
    /// Answer: array of option values.
    MultipleChoice,
    /// Answer: integer 1..=5.
    Rating5,
    /// Answer: integer 1..=10.
    Rating10,
    /// Net promoter score, answer: integer 0..=10.
    Nps,
    /// Answer: string.
    Text,
    /// Answer: number within `min`/`max`.
    Number,
    /// Answer: "YYYY-MM-DD".
    Date,
    /// Rows each answered with one of `options`; answer: {row id: option value}.
    Matrix,
}

impl QuestionKind {
    pub fn has_options(self) -> bool {
        matches!(self, QuestionKind::SingleChoice | QuestionKind::MultipleChoice | QuestionKind::Matrix)
    }

    /// Kinds whose answer has a numeric score.
    pub fn is_scored(self) -> bool {
        !matches!(self, QuestionKind::Text | QuestionKind::Date | QuestionKind::Number)
    }

    pub fn rating_range(self) -> Option<(i64, i64)> {
        match self {
            QuestionKind::Rating5 => Some((1, 5)),
            QuestionKind::Rating10 => Some((1, 10)),
            QuestionKind::Nps => Some((0, 10)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub kind: QuestionKind,
    #[serde(default)]
    pub required: bool,
    /// Choices (single, multiple) or the column choices of a matrix.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// Matrix rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<MatrixRow>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Branching: the first jump whose condition holds decides the next
    /// question; jumps only go forward (so a path can never loop).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub jumps: Vec<Jump>,
    /// Where to go when no jump applies; default: the next question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub value: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// How this option counts in the satisfaction rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Satisfaction>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MatrixRow {
    pub id: String,
    pub text: String,
}

/// `goto` is a later question id or [`END`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Jump {
    pub when: Condition,
    pub goto: String,
}

/// The jump target that ends the questionnaire.
pub const END: &str = "end";

/// A condition on one question's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// The answer is (single) or includes (multiple) one of these options.
    Chosen {
        values: Vec<String>,
    },
    /// The answer's score is at most this (ratings, NPS, scored choices).
    ScoreAtMost {
        value: f64,
    },
    ScoreAtLeast {
        value: f64,
    },
    /// The question was answered at all.
    Answered,
}

/// What a rule does when its condition holds on an answered, on-path
/// question: open an urgent callback task and tell the department's managers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerRule {
    pub id: String,
    pub question: String,
    pub when: Condition,
    /// Shown in the task title.
    pub title: String,
}

/// The five-point satisfaction scale hospitals report on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    VerySatisfied,
    Satisfied,
    Neutral,
    Dissatisfied,
    VeryDissatisfied,
}

impl Satisfaction {
    pub const ALL: [Satisfaction; 5] = [
        Satisfaction::VerySatisfied,
        Satisfaction::Satisfied,
        Satisfaction::Neutral,
        Satisfaction::Dissatisfied,
        Satisfaction::VeryDissatisfied,
    ];

    /// Counts towards the satisfaction rate (非常满意 + 满意).
    pub fn is_satisfied(self) -> bool {
        matches!(self, Satisfaction::VerySatisfied | Satisfaction::Satisfied)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Satisfaction::VerySatisfied => "very_satisfied",
            Satisfaction::Satisfied => "satisfied",
            Satisfaction::Neutral => "neutral",
            Satisfaction::Dissatisfied => "dissatisfied",
            Satisfaction::VeryDissatisfied => "very_dissatisfied",
        }
    }

    pub fn parse(s: &str) -> Option<Satisfaction> {
        Satisfaction::ALL.into_iter().find(|l| l.as_str() == s)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Satisfaction::VerySatisfied => "非常满意",
            Satisfaction::Satisfied => "满意",
            Satisfaction::Neutral => "一般",
            Satisfaction::Dissatisfied => "不满意",
            Satisfaction::VeryDissatisfied => "非常不满意",
        }
    }
}

impl Template {
    /// Every question in order, sections flattened.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }
}
