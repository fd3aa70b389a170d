//! HIS intake: the HL7 inbox and Excel imports.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::vocab::text_enum;

text_enum! {
    /// What became of an HL7 message.
    pub enum Hl7Status {
        Processed = "processed",
        Error = "error",
        Rejected = "rejected",
    }
}

text_enum! {
    pub enum ImportKind {
        /// HIS discharges (出院名单).
        Discharges = "discharges",
        /// Physical-exam results (体检结果).
        Exams = "exams",
    }
}

text_enum! {
    pub enum ImportMode {
        /// One transaction: any bad row and nothing is imported.
        AllOrNothing = "all_or_nothing",
        /// The good rows, committed in chunks; the bad ones are reported.
        GoodRows = "good_rows",
    }
}

text_enum! {
    pub enum ImportStatus {
        Previewing = "previewing",
        Previewed = "previewed",
        Running = "running",
        Done = "done",
        Failed = "failed",
    }
}

impl ImportStatus {
    /// A task of this server is (or was, before a restart) working on it.
    pub const BUSY: [ImportStatus; 2] = [ImportStatus::Previewing, ImportStatus::Running];
}

/// One message of the HL7 inbox.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Hl7Message {
    pub id: i64,
    /// MSH-10.
    pub control_id: Option<String>,
    /// "ADT^A01".
    pub event: String,
    pub sending_app: String,
    pub charset: String,
    pub mrn: Option<String>,
    pub patient_id: Option<i64>,
    pub status: Hl7Status,
    /// AA, AE or AR.
    pub ack_code: String,
    /// "PV1-3: department \"X\" is not known".
    pub error: Option<String>,
    pub remote: String,
    pub attempts: i32,
    pub received_at: DateTime<Utc>,
    pub processed_at: DateTime<Utc>,
}

/// A message with its raw text (decoded by its character set; segments
/// separated by CR) and the ACK it got.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Hl7MessageDetail {
    #[serde(flatten)]
    pub message: Hl7Message,
    pub raw: String,
    pub raw_bytes: i64,
    pub ack: String,
}

/// An upload: the file as base64.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewImport {
    pub kind: ImportKind,
    pub file_name: String,
    pub content_base64: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommitImport {
    pub mode: ImportMode,
}

/// A problem in one cell (or row) of the file. `row` is the Excel row
/// number the user sees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RowError {
    pub row: u32,
    /// The header as written in the file (出院日期), or "" for the row.
    pub column: String,
    pub message: String,
}

/// A parsed row as the preview table shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PreviewRow {
    pub row: u32,
    /// Field name → value as understood (dates as YYYY-MM-DD).
    pub values: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ImportBatch {
    pub id: i64,
    pub kind: ImportKind,
    pub file_name: String,
    pub status: ImportStatus,
    pub mode: Option<ImportMode>,
    /// Data rows in the file (blank rows not counted).
    pub total_rows: i64,
    /// Rows looked at so far by the running preview or import.
    pub processed_rows: i64,
    pub imported_rows: i64,
    pub error_rows: i64,
    /// The header row's Excel row number and the columns recognised
    /// (header → field).
    pub columns: Vec<(String, String)>,
    pub errors: Vec<RowError>,
    /// The first rows as understood.
    pub sample: Vec<PreviewRow>,
    pub message: Option<String>,
    /// The same file was imported before: this is that batch, nothing new
    /// was written.
    pub duplicate: bool,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}
