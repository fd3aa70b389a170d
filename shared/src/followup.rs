//! Follow-up (随访) vocabulary shared by the server and the front end.

/// What produced a task.
pub const TASK_KINDS: &[&str] =
    &["discharge", "administrative", "department", "research", "physical_exam", "outpatient", "revisit", "callback"];
pub const TASK_STATUSES: &[&str] = &["pending", "in_progress", "completed", "failed", "cancelled"];
pub const TASK_PRIORITIES: &[&str] = &["normal", "urgent"];
pub const TASK_CHANNELS: &[&str] = &["phone", "sms"];

/// What an attempt to reach the patient came to.
pub const OUTCOMES: &[&str] =
    &["reached", "no_answer", "busy", "wrong_number", "refused", "deceased", "readmitted", "call_back"];
/// Outcomes that leave the task open for another try.
pub const RETRY_OUTCOMES: &[&str] = &["no_answer", "busy"];
/// Outcomes in which somebody answered (the contact rate counts these).
pub const CONTACT_OUTCOMES: &[&str] = &["reached", "refused", "deceased", "readmitted", "call_back"];
/// Hospital-level ways of working.
pub const MODES: &[&str] = &["centralised", "ward"];
