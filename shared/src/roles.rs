//! Roles and the permissions each one carries.
//!
//! The server checks permissions, never role names, so the matrix lives in
//! exactly one place: [`Role::permissions`].

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Hospital administrator: users, departments, everything in the hospital.
    Admin,
    /// Customer-service agent (客服).
    Agent,
    Doctor,
    Nurse,
    /// Window clerk (窗口): registration, pharmacy, cashier.
    Clerk,
    /// Department head or functional-office manager (科室主任).
    Manager,
    /// Reads the audit log and nothing else.
    Auditor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum Permission {
    #[serde(rename = "patient.read")]
    PatientRead,
    #[serde(rename = "patient.write")]
    PatientWrite,
    /// See unmasked phone and ID numbers (each use is audited).
    #[serde(rename = "patient.reveal")]
    PatientReveal,
    #[serde(rename = "screen_pop")]
    ScreenPop,
    #[serde(rename = "department.manage")]
    DepartmentManage,
    #[serde(rename = "user.manage")]
    UserManage,
    #[serde(rename = "audit.read")]
    AuditRead,
    #[serde(rename = "stats.read")]
    StatsRead,
    /// List durable jobs, run them now, retry dead ones.
    #[serde(rename = "job.manage")]
    JobManage,
    /// Send SMS and read the outbox.
    #[serde(rename = "sms.send")]
    SmsSend,
    /// SMS templates and opt-outs.
    #[serde(rename = "sms.manage")]
    SmsManage,
    /// Send in-app notifications (alerts) to other users.
    #[serde(rename = "notification.send")]
    NotificationSend,
    /// The HL7 inbox: search, read raw messages, replay.
    #[serde(rename = "hl7.manage")]
    Hl7Manage,
    /// Excel imports of discharges and exam results.
    #[serde(rename = "import.run")]
    ImportRun,
    /// See follow-up tasks in one's reach and record their outcomes.
    #[serde(rename = "followup.work")]
    FollowupWork,
    /// Follow-up rules, plans, generation and assignment (managers: their
    /// own department).
    #[serde(rename = "followup.manage")]
    FollowupManage,
    /// Make calls: call records, agent state, dial targets, recording uploads.
    #[serde(rename = "call.write")]
    CallWrite,
    /// Call history of the patients in scope.
    #[serde(rename = "call.read")]
    CallRead,
    /// Play any call recording in scope (each play is audited). The agent
    /// who made a call may play its recording without this.
    #[serde(rename = "recording.play")]
    RecordingPlay,
    /// See every agent's state and its history (supervisors).
    #[serde(rename = "agent.monitor")]
    AgentMonitor,
    /// Questionnaire templates, kiosks, staff surveys (issue 6).
    #[serde(rename = "survey.manage")]
    SurveyManage,
    /// Record patients' questionnaire answers, send survey links.
    #[serde(rename = "survey.respond")]
    SurveyRespond,
    /// Book, cancel, reschedule and check in appointments (预约挂号).
    #[serde(rename = "appointment.book")]
    AppointmentBook,
    /// Schedules, holidays, clinic suspension, blacklist lifting, API keys.
    #[serde(rename = "appointment.manage")]
    AppointmentManage,
    /// Counter PCs forward window-evaluator ratings and heartbeats; the
    /// clerk sees today's ratings.
    #[serde(rename = "evaluation.submit")]
    EvaluationSubmit,
    /// Evaluation statistics, dashboard and export (managers: their department).
    #[serde(rename = "evaluation.read")]
    EvaluationRead,
    /// Counter windows and their evaluator devices.
    #[serde(rename = "evaluation.manage")]
    EvaluationManage,
    // ---- feedback tickets and the knowledge base (issue 10)
    /// See tickets (department-scoped except for customer service and admins).
    #[serde(rename = "feedback.read")]
    FeedbackRead,
    /// Open, route, comment, reply to tickets and change their status.
    #[serde(rename = "feedback.write")]
    FeedbackWrite,
    /// Approve or reject a compensation.
    #[serde(rename = "feedback.approve")]
    FeedbackApprove,
    /// Search the knowledge base and the lookup data; log inquiries.
    #[serde(rename = "knowledge.read")]
    KnowledgeRead,
    /// Write article drafts and submit them for approval.
    #[serde(rename = "knowledge.write")]
    KnowledgeWrite,
    /// Approve (publish) or reject articles; import lookup data.
    #[serde(rename = "knowledge.publish")]
    KnowledgePublish,
    /// The staff address book (restricted).
    #[serde(rename = "staff_directory.read")]
    StaffDirectoryRead,
}

impl Permission {
    pub const ALL: [Permission; 34] = [
        Permission::PatientRead,
        Permission::PatientWrite,
        Permission::PatientReveal,
        Permission::ScreenPop,
        Permission::DepartmentManage,
        Permission::UserManage,
        Permission::AuditRead,
        Permission::StatsRead,
        Permission::JobManage,
        Permission::SmsSend,
        Permission::SmsManage,
        Permission::NotificationSend,
        Permission::Hl7Manage,
        Permission::ImportRun,
        Permission::FollowupWork,
        Permission::FollowupManage,
        Permission::SurveyManage,
        Permission::SurveyRespond,
        Permission::AppointmentBook,
        Permission::AppointmentManage,
        Permission::CallWrite,
        Permission::CallRead,
        Permission::RecordingPlay,
        Permission::AgentMonitor,
        Permission::EvaluationSubmit,
        Permission::EvaluationRead,
        Permission::EvaluationManage,
        Permission::FeedbackRead,
        Permission::FeedbackWrite,
        Permission::FeedbackApprove,
        Permission::KnowledgeRead,
        Permission::KnowledgeWrite,
        Permission::KnowledgePublish,
        Permission::StaffDirectoryRead,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Permission::PatientRead => "patient.read",
            Permission::PatientWrite => "patient.write",
            Permission::PatientReveal => "patient.reveal",
            Permission::ScreenPop => "screen_pop",
            Permission::DepartmentManage => "department.manage",
            Permission::UserManage => "user.manage",
            Permission::AuditRead => "audit.read",
            Permission::StatsRead => "stats.read",
            Permission::JobManage => "job.manage",
            Permission::SmsSend => "sms.send",
            Permission::SmsManage => "sms.manage",
            Permission::NotificationSend => "notification.send",
            Permission::Hl7Manage => "hl7.manage",
            Permission::ImportRun => "import.run",
            Permission::FollowupWork => "followup.work",
            Permission::FollowupManage => "followup.manage",
            Permission::SurveyManage => "survey.manage",
            Permission::SurveyRespond => "survey.respond",
            Permission::AppointmentBook => "appointment.book",
            Permission::AppointmentManage => "appointment.manage",
            Permission::CallWrite => "call.write",
            Permission::CallRead => "call.read",
            Permission::RecordingPlay => "recording.play",
            Permission::AgentMonitor => "agent.monitor",
            Permission::EvaluationSubmit => "evaluation.submit",
            Permission::EvaluationRead => "evaluation.read",
            Permission::EvaluationManage => "evaluation.manage",
            Permission::FeedbackRead => "feedback.read",
            Permission::FeedbackWrite => "feedback.write",
            Permission::FeedbackApprove => "feedback.approve",
            Permission::KnowledgeRead => "knowledge.read",
            Permission::KnowledgeWrite => "knowledge.write",
            Permission::KnowledgePublish => "knowledge.publish",
            Permission::StaffDirectoryRead => "staff_directory.read",
        }
    }
}

impl Role {
    pub const ALL: [Role; 7] =
        [Role::Admin, Role::Agent, Role::Doctor, Role::Nurse, Role::Clerk, Role::Manager, Role::Auditor];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Agent => "agent",
            Role::Doctor => "doctor",
            Role::Nurse => "nurse",
            Role::Clerk => "clerk",
            Role::Manager => "manager",
            Role::Auditor => "auditor",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The permission matrix. Department scoping is separate: see
    /// [`Role::is_department_scoped`].
    pub fn permissions(self) -> &'static [Permission] {
        use Permission::*;
        // Caring for patients: what ward staff do, and customer service too.
        const CARE: &[Permission] = &[
            PatientRead,
            PatientWrite,
            PatientReveal,
            FollowupWork,
            SurveyRespond,
            AppointmentBook,
            CallWrite,
            CallRead,
            FeedbackRead,
            FeedbackWrite,
            KnowledgeRead,
        ];
        const AGENT: [Permission; 16] =
            joined(&[CARE, &[ScreenPop, StatsRead, SmsSend, KnowledgeWrite, StaffDirectoryRead]]);
        match self {
            Role::Admin => &Permission::ALL,
            Role::Agent => &AGENT,
            // Doctors book revisits in the clinic (诊间预约); clerks at the window.
            Role::Doctor | Role::Nurse => CARE,
            Role::Clerk => {
                &[PatientRead, AppointmentBook, EvaluationSubmit, FeedbackRead, FeedbackWrite, KnowledgeRead]
            }
            Role::Manager => &[
                PatientRead,
                StatsRead,
                NotificationSend,
                ImportRun,
                FollowupWork,
                FollowupManage,
                CallRead,
                RecordingPlay,
                AgentMonitor,
                EvaluationRead,
                FeedbackRead,
                FeedbackWrite,
                FeedbackApprove,
                KnowledgeRead,
                KnowledgePublish,
                StaffDirectoryRead,
            ],
            Role::Auditor => &[AuditRead, RecordingPlay],
        }
    }

    pub fn has(self, p: Permission) -> bool {
        self.permissions().contains(&p)
    }

    /// Ward staff and department managers see only patients who have a visit
    /// in their own department; agents, clerks and admins serve the whole
    /// hospital.
    pub fn is_department_scoped(self) -> bool {
        matches!(self, Role::Doctor | Role::Nurse | Role::Manager)
    }

    /// Roles that cannot do their work without a department.
    pub fn requires_department(self) -> bool {
        self.is_department_scoped()
    }
}

/// The permission lists `parts` one after the other, at compile time (`N`
/// must be their total length).
const fn joined<const N: usize>(parts: &[&[Permission]]) -> [Permission; N] {
    let mut out = [Permission::PatientRead; N];
    let (mut at, mut k) = (0, 0);
    while k < parts.len() {
        let mut j = 0;
        while j < parts[k].len() {
            out[at] = parts[k][j];
            at += 1;
            j += 1;
        }
        k += 1;
    }
    assert!(at == N, "N is not the total length of the parts");
    out
}

impl std::str::FromStr for Role {
    type Err = crate::vocab::UnknownValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        const NAMES: [&str; 7] = ["admin", "agent", "doctor", "nurse", "clerk", "manager", "auditor"];
        Role::parse(s).ok_or_else(|| crate::vocab::UnknownValue { value: s.to_string(), allowed: &NAMES })
    }
}

crate::vocab::text_sql!(Role);

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_round_trip_through_serde_and_parse() {
        for r in Role::ALL {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json, format!("\"{}\"", r.as_str()));
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("superuser"), None);
    }

    #[test]
    fn role_names_parse_as_text() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>(), Ok(r));
        }
        let e = "superuser".parse::<Role>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown value \"superuser\", expected one of: admin, agent, doctor, nurse, clerk, manager, auditor"
        );
    }

    #[test]
    fn permission_names_match_serde() {
        for p in Permission::ALL {
            assert_eq!(serde_json::to_string(&p).unwrap(), format!("\"{}\"", p.as_str()));
        }
    }

    #[test]
    fn auditor_cannot_touch_patients_and_clerk_cannot_reveal() {
        assert!(!Role::Auditor.has(Permission::PatientRead));
        assert!(!Role::Clerk.has(Permission::PatientReveal));
        assert!(Role::Admin.permissions().len() == Permission::ALL.len());
    }
}
