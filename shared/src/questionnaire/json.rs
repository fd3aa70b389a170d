//! JSON import and export of templates: one self-describing document.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::api::QuestionnaireCategory;
use super::logic::validate_template;
use super::model::Template;

pub const FORMAT: &str = "hcrm-questionnaire";
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Exported {
    pub format: String,
    pub format_version: u32,
    /// A stable code for the template (unique per hospital).
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub category: QuestionnaireCategory,
    pub template: Template,
}

pub fn export(code: &str, name: &str, category: QuestionnaireCategory, template: &Template) -> Exported {
    Exported {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        code: code.into(),
        name: name.into(),
        category,
        template: template.clone(),
    }
}

/// Parses and validates a document; the error names what is wrong and where.
pub fn import(text: &str) -> Result<Exported, String> {
    let doc: Exported =
        serde_json::from_str(text).map_err(|e| format!("line {}, column {}: {e}", e.line(), e.column()))?;
    check(&doc)?;
    Ok(doc)
}

pub fn check(doc: &Exported) -> Result<(), String> {
    if doc.format != FORMAT || doc.format_version != FORMAT_VERSION {
        return Err(format!("not a {FORMAT} document of format_version {FORMAT_VERSION}"));
    }
    if doc.code.trim().is_empty() || doc.name.trim().is_empty() {
        return Err("code and name must not be empty".into());
    }
    validate_template(&doc.template).map_err(|ps| ps.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; "))
}
