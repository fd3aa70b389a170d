//! Roles and the permissions each one carries.
//!
//! The server checks permissions, never role names, so the matrix lives in
//! exactly one place: [`Role::permissions`].

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
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
}

impl Permission {
    pub const ALL: [Permission; 12] = [
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
        }
    }
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Admin,
        Role::Agent,
        Role::Doctor,
        Role::Nurse,
        Role::Clerk,
        Role::Manager,
        Role::Auditor,
    ];

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
        match self {
            Role::Admin => &[
                PatientRead,
                PatientWrite,
                PatientReveal,
                ScreenPop,
                DepartmentManage,
                UserManage,
                AuditRead,
                StatsRead,
                JobManage,
                SmsSend,
                SmsManage,
                NotificationSend,
            ],
            Role::Agent => &[PatientRead, PatientWrite, PatientReveal, ScreenPop, StatsRead, SmsSend],
            Role::Doctor | Role::Nurse => &[PatientRead, PatientWrite, PatientReveal],
            Role::Clerk => &[PatientRead],
            Role::Manager => &[PatientRead, StatsRead, NotificationSend],
            Role::Auditor => &[AuditRead],
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
