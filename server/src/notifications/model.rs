//! The notifications domain's types: a message to tell users, the stored
//! rows, the list query and the delivery job's payload.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use hcrm_shared::messaging::{Notification, NotificationKind};

use crate::db::schema::notifications;
use crate::db::to_utc;
use crate::error::{ApiError, ApiResult};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = notifications)]
pub(super) struct Row {
    pub(super) id: i64,
    pub(super) kind: NotificationKind,
    pub(super) title: String,
    pub(super) body: String,
    pub(super) link: Option<String>,
    pub(super) created_at: NaiveDateTime,
    pub(super) read_at: Option<NaiveDateTime>,
}

impl Row {
    pub(super) fn dto(self) -> Notification {
        Notification {
            id: self.id,
            kind: self.kind,
            title: self.title,
            body: self.body,
            link: self.link,
            created_at: to_utc(self.created_at),
            read_at: self.read_at.map(to_utc),
        }
    }
}

/// What to tell users.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Message {
    pub kind: NotificationKind,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
}

impl Message {
    pub fn validate(&self) -> ApiResult<()> {
        if self.title.trim().is_empty() || self.title.chars().count() > 200 {
            return Err(ApiError::invalid("title", "1 to 200 characters"));
        }
        if self.body.chars().count() > 2000 {
            return Err(ApiError::invalid("body", "at most 2000 characters"));
        }
        Ok(())
    }
}

#[derive(Insertable)]
#[diesel(table_name = notifications)]
pub(super) struct NewRow<'a> {
    pub(super) hospital_id: i64,
    pub(super) user_id: i64,
    pub(super) kind: NotificationKind,
    pub(super) title: &'a str,
    pub(super) body: &'a str,
    pub(super) link: Option<&'a str>,
    pub(super) dedupe_key: Option<&'a str>,
    pub(super) created_at: NaiveDateTime,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct DeliverPayload {
    pub user_ids: Vec<i64>,
    pub message: Message,
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only unread ones.
    #[serde(default)]
    pub unread: bool,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}
