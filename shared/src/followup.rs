//! Follow-up (随访) vocabulary shared by the server and the front end.

use crate::vocab::text_enum;

text_enum! {
    /// What produced a task.
    pub enum TaskKind {
        Discharge = "discharge",
        Administrative = "administrative",
        Department = "department",
        Research = "research",
        PhysicalExam = "physical_exam",
        Outpatient = "outpatient",
        Revisit = "revisit",
        Callback = "callback",
    }
}

impl TaskKind {
    /// Kinds the customer-service centre works even in ward mode.
    pub const CENTRE: [TaskKind; 2] = [TaskKind::Administrative, TaskKind::Callback];
}

text_enum! {
    pub enum TaskStatus {
        Pending = "pending",
        InProgress = "in_progress",
        Completed = "completed",
        Failed = "failed",
        Cancelled = "cancelled",
    }
}

impl TaskStatus {
    /// Statuses of a task still to be worked.
    pub const OPEN: [TaskStatus; 2] = [TaskStatus::Pending, TaskStatus::InProgress];

    pub fn is_open(self) -> bool {
        TaskStatus::OPEN.contains(&self)
    }
}

text_enum! {
    pub enum TaskPriority {
        Normal = "normal",
        Urgent = "urgent",
    }
}

text_enum! {
    /// How a task reaches the patient.
    pub enum TaskChannel {
        Phone = "phone",
        Sms = "sms",
    }
}

impl From<TaskChannel> for crate::api::ContactChannel {
    /// A follow-up attempt goes into the patient's contact log on its channel.
    fn from(channel: TaskChannel) -> Self {
        match channel {
            TaskChannel::Phone => Self::Phone,
            TaskChannel::Sms => Self::Sms,
        }
    }
}

text_enum! {
    /// What an attempt to reach the patient came to.
    pub enum AttemptOutcome {
        Reached = "reached",
        NoAnswer = "no_answer",
        Busy = "busy",
        WrongNumber = "wrong_number",
        Refused = "refused",
        Deceased = "deceased",
        Readmitted = "readmitted",
        CallBack = "call_back",
    }
}

impl AttemptOutcome {
    /// Outcomes that leave the task open for another try.
    pub fn is_retry(self) -> bool {
        matches!(self, AttemptOutcome::NoAnswer | AttemptOutcome::Busy)
    }

    /// Outcomes in which somebody answered (the contact rate counts these).
    pub fn is_contact(self) -> bool {
        matches!(
            self,
            AttemptOutcome::Reached
                | AttemptOutcome::Refused
                | AttemptOutcome::Deceased
                | AttemptOutcome::Readmitted
                | AttemptOutcome::CallBack
        )
    }
}

text_enum! {
    /// Hospital-level ways of working.
    pub enum FollowupMode {
        /// The customer-service centre works every task.
        Centralised = "centralised",
        /// Doctors and nurses work their own department's tasks.
        Ward = "ward",
    }
}

text_enum! {
    /// What a generation rule looks at.
    pub enum RuleKind {
        Discharge = "discharge",
        Research = "research",
    }
}

impl RuleKind {
    pub fn task_kind(self) -> TaskKind {
        match self {
            RuleKind::Discharge => TaskKind::Discharge,
            RuleKind::Research => TaskKind::Research,
        }
    }
}

text_enum! {
    /// The `status` filter of the task list: open tasks (the default),
    /// every task, or one status.
    pub enum TaskStatusFilter {
        Open = "open",
        All = "all",
        Pending = "pending",
        InProgress = "in_progress",
        Completed = "completed",
        Failed = "failed",
        Cancelled = "cancelled",
    }
}

impl TaskStatusFilter {
    /// The statuses the filter lets through.
    pub fn statuses(self) -> &'static [TaskStatus] {
        match self {
            TaskStatusFilter::Open => &TaskStatus::OPEN,
            TaskStatusFilter::All => TaskStatus::ALL,
            TaskStatusFilter::Pending => &[TaskStatus::Pending],
            TaskStatusFilter::InProgress => &[TaskStatus::InProgress],
            TaskStatusFilter::Completed => &[TaskStatus::Completed],
            TaskStatusFilter::Failed => &[TaskStatus::Failed],
            TaskStatusFilter::Cancelled => &[TaskStatus::Cancelled],
        }
    }
}

text_enum! {
    /// How bulk assignment shares tasks out.
    pub enum AssignStrategy {
        /// Balanced across the chosen users.
        Count = "count",
        /// Each task to the chosen users of its department, balanced among them.
        Department = "department",
    }
}

text_enum! {
    /// The sheets of the statistics workbook: one, or all of them.
    #[derive(Default)]
    pub enum StatsSheet {
        #[default]
        All = "all",
        Workload = "workload",
        Coverage = "coverage",
        Contact = "contact",
        Trend = "trend",
    }
}
