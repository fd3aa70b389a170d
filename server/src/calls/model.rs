use chrono::NaiveDateTime;
use diesel::prelude::*;
use hcrm_shared::calls::{AgentStatus, CallDirection, CallDisposition};

use crate::db::schema::{agent_states, call_recordings, calls};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = calls)]
pub struct CallRow {
    pub id: i64,
    pub hospital_id: i64,
    pub uuid: String,
    pub direction: CallDirection,
    pub local_number: String,
    pub remote_number: String,
    pub agent_id: i64,
    pub patient_id: Option<i64>,
    pub task_id: Option<i64>,
    pub started_at: NaiveDateTime,
    pub answered_at: Option<NaiveDateTime>,
    pub ended_at: Option<NaiveDateTime>,
    pub disposition: Option<CallDisposition>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = call_recordings)]
pub struct RecordingRow {
    pub id: i64,
    pub hospital_id: i64,
    pub call_id: i64,
    pub size: i64,
    pub sha256: String,
    pub content_type: String,
    pub storage_key: String,
    pub received: i64,
    pub complete: bool,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = agent_states)]
pub struct AgentStateRow {
    pub user_id: i64,
    pub state: AgentStatus,
    pub reason: Option<String>,
    pub started_at: NaiveDateTime,
    pub ended_at: Option<NaiveDateTime>,
}
