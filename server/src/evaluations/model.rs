use chrono::NaiveDateTime;
use diesel::prelude::*;
use hcrm_shared::evaluations::{EvaluationWindow, Rating};

use crate::db::schema::{evaluation_ratings, evaluation_windows};
use crate::db::to_utc;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = evaluation_windows)]
pub struct WindowRow {
    pub id: i64,
    pub hospital_id: i64,
    pub code: String,
    pub name: String,
    pub department_id: i64,
    pub device_id: Option<String>,
    pub clerk_id: Option<i64>,
    pub layout: i32,
    pub active: bool,
    pub last_heartbeat_at: Option<NaiveDateTime>,
    pub device_status: Option<String>,
    pub created_at: NaiveDateTime,
}

impl WindowRow {
    pub fn dto(
        &self,
        department_name: String,
        clerk_name: Option<String>,
        now: NaiveDateTime,
        timeout_seconds: i64,
    ) -> EvaluationWindow {
        EvaluationWindow {
            id: self.id,
            code: self.code.clone(),
            name: self.name.clone(),
            department_id: self.department_id,
            department_name,
            device_id: self.device_id.clone(),
            clerk_id: self.clerk_id,
            clerk_name,
            layout: self.layout,
            active: self.active,
            last_heartbeat_at: self.last_heartbeat_at.map(to_utc),
            online: self.last_heartbeat_at.is_some_and(|t| (now - t).num_seconds() <= timeout_seconds),
            device_status: self.device_status.as_deref().and_then(|s| serde_json::from_str(s).ok()),
        }
    }
}

/// A stored rating: its id and what was inserted.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = evaluation_ratings)]
pub struct RatingRow {
    pub id: i64,
    #[diesel(embed)]
    pub rating: NewRatingRow,
}

impl RatingRow {
    pub fn dto(&self, window_name: String, clerk_name: Option<String>) -> Rating {
        let r = &self.rating;
        Rating {
            id: self.id,
            window_id: r.window_id,
            window_name,
            department_id: r.department_id,
            clerk_id: r.clerk_id,
            clerk_name,
            patient_id: r.patient_id,
            device_id: r.device_id.clone(),
            event_seq: r.event_seq,
            key: r.key_no,
            layout: r.layout,
            score: r.score,
            label: r.label.clone(),
            prompted: r.prompted,
            pressed_at: to_utc(r.pressed_at),
            received_at: to_utc(r.received_at),
        }
    }
}

#[derive(Debug, Clone, Insertable, Queryable, Selectable)]
#[diesel(table_name = evaluation_ratings)]
pub struct NewRatingRow {
    pub hospital_id: i64,
    pub window_id: i64,
    pub department_id: i64,
    pub clerk_id: Option<i64>,
    pub patient_id: Option<i64>,
    pub device_id: String,
    pub event_seq: i64,
    pub key_no: i32,
    pub layout: i32,
    pub score: i32,
    pub label: String,
    pub prompted: bool,
    pub pressed_at: NaiveDateTime,
    pub received_at: NaiveDateTime,
}
