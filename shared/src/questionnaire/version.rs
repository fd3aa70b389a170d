//! Versions: a published version never changes; editing a published
//! template makes a new draft; every response names the version it was
//! given on. The server stores versions as rows and follows [`plan_edit`];
//! [`History`] is the same policy in memory.

use super::model::Template;

crate::vocab::text_enum! {
    pub enum VersionStatus {
        Draft = "draft",
        /// Never changes again (a trigger refuses updates).
        Published = "published",
    }
}

/// What an edit does, given the latest version's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditPlan {
    /// Replace the content of the draft in place.
    UpdateDraft,
    /// Leave the published version alone; add version `n + 1` as a draft.
    NewDraft,
}

pub fn plan_edit(latest: VersionStatus) -> EditPlan {
    match latest {
        VersionStatus::Draft => EditPlan::UpdateDraft,
        VersionStatus::Published => EditPlan::NewDraft,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub number: i32,
    pub status: VersionStatus,
    pub content: Template,
}

/// A template's versions, oldest first.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub versions: Vec<Version>,
}

impl History {
    /// Saves an edit; returns the number of the version that holds it.
    pub fn edit(&mut self, content: Template) -> i32 {
        match self.versions.last_mut() {
            Some(v) if plan_edit(v.status) == EditPlan::UpdateDraft => {
                v.content = content;
                v.number
            }
            last => {
                let number = last.map_or(1, |v| v.number + 1);
                self.versions.push(Version { number, status: VersionStatus::Draft, content });
                number
            }
        }
    }

    /// Publishes the draft; `Err` when there is none.
    pub fn publish(&mut self) -> Result<i32, &'static str> {
        match self.versions.last_mut() {
            Some(v) if v.status == VersionStatus::Draft => {
                v.status = VersionStatus::Published;
                Ok(v.number)
            }
            _ => Err("there is no draft to publish"),
        }
    }

    pub fn get(&self, number: i32) -> Option<&Version> {
        self.versions.iter().find(|v| v.number == number)
    }

    /// The version new responses are given on.
    pub fn current(&self) -> Option<&Version> {
        self.versions.iter().rev().find(|v| v.status == VersionStatus::Published)
    }
}
