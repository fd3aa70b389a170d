//! The SMS domain's types: the outbox and template rows, the list and
//! receipt queries, the receipt endpoint's answer.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use hcrm_shared::masking::mask_phone;
use hcrm_shared::messaging::{SmsMessage, SmsStatus, SmsTemplate};

use crate::db::schema::{sms_messages, sms_templates};
use crate::db::to_utc;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sms_messages)]
pub struct SmsRow {
    pub id: i64,
    pub hospital_id: i64,
    pub patient_id: Option<i64>,
    pub template_id: Option<i64>,
    pub phone: String,
    pub body: String,
    pub urgent: bool,
    pub status: SmsStatus,
    pub reason: Option<String>,
    pub provider: Option<String>,
    pub parts: i32,
    pub attempts: i32,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub delivered_at: Option<NaiveDateTime>,
    pub job_id: Option<i64>,
}

impl SmsRow {
    /// The number is always masked: the outbox is not a way around the
    /// audited reveal on the patient card.
    pub fn dto(&self) -> SmsMessage {
        SmsMessage {
            id: self.id,
            patient_id: self.patient_id,
            phone: mask_phone(&self.phone),
            body: self.body.clone(),
            urgent: self.urgent,
            status: self.status,
            reason: self.reason.clone(),
            provider: self.provider.clone(),
            parts: self.parts,
            attempts: self.attempts,
            created_at: to_utc(self.created_at),
            sent_at: self.sent_at.map(to_utc),
            delivered_at: self.delivered_at.map(to_utc),
            job_id: self.job_id,
        }
    }

    /// The same for every attempt, so a gateway can drop repeats.
    pub fn idempotency_key(&self) -> String {
        format!("hcrm-{}-{}", self.hospital_id, self.id)
    }
}

#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MessageQuery {
    pub status: Option<SmsStatus>,
    pub patient_id: Option<i64>,
    pub phone: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sms_templates)]
pub struct TemplateRow {
    pub id: i64,
    pub hospital_id: i64,
    pub code: String,
    pub name: String,
    pub body: String,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl TemplateRow {
    pub fn dto(&self) -> SmsTemplate {
        SmsTemplate {
            id: self.id,
            code: self.code.clone(),
            name: self.name.clone(),
            body: self.body.clone(),
            active: self.active,
            created_at: to_utc(self.created_at),
            updated_at: to_utc(self.updated_at),
        }
    }
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReceiptQuery {
    /// The shared secret from `[sms.http] receipt_token`.
    pub token: Option<String>,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ReceiptAnswer {
    /// Receipts matched to a sent message.
    pub applied: usize,
    /// Receipts for ids not (yet) known; they are tried again for a while.
    pub pending: usize,
}
