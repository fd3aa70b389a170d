//! Feedback tickets (投诉/表扬/建议) vocabulary.

use crate::vocab::text_enum;

text_enum! {
    pub enum TicketKind {
        Complaint = "complaint",
        Praise = "praise",
        Suggestion = "suggestion",
    }
}

text_enum! {
    /// Where a ticket came from.
    pub enum TicketSource {
        Phone = "phone",
        Followup = "followup",
        Questionnaire = "questionnaire",
        Evaluator = "evaluator",
        WalkIn = "walk_in",
        WebForm = "web_form",
        Letter = "letter",
    }
}

text_enum! {
    #[derive(Default)]
    pub enum TicketSeverity {
        Low = "low",
        #[default]
        Normal = "normal",
        High = "high",
        Critical = "critical",
    }
}

text_enum! {
    /// What one entry of a ticket's history records.
    pub enum TicketAction {
        Created = "created",
        Status = "status",
        Routed = "routed",
        Comment = "comment",
        Reply = "reply",
        Satisfaction = "satisfaction",
        CompensationRequested = "compensation_requested",
        CompensationDecided = "compensation_decided",
        /// The SLA ran out and the ticket went up a level.
        Escalated = "escalated",
    }
}

text_enum! {
    pub enum TicketStatus {
        New = "new",
        Assigned = "assigned",
        InProgress = "in_progress",
        WaitingPatient = "waiting_patient",
        Resolved = "resolved",
        Closed = "closed",
        Reopened = "reopened",
    }
}

impl TicketStatus {
    /// Statuses of a ticket that is done with (the SLA no longer runs).
    pub const DONE: [TicketStatus; 2] = [TicketStatus::Resolved, TicketStatus::Closed];

    pub fn is_open(self) -> bool {
        !TicketStatus::DONE.contains(&self)
    }

    /// Allowed status changes. Routing (转办) is separate: it moves any open
    /// ticket to another department and sets it `assigned`.
    pub fn can_become(self, to: TicketStatus) -> bool {
        use TicketStatus::*;
        matches!(
            (self, to),
            (New, Assigned | InProgress | Closed)
                | (Assigned, InProgress | WaitingPatient | Resolved)
                | (InProgress, WaitingPatient | Resolved)
                | (WaitingPatient, InProgress | Resolved)
                | (Resolved, Closed | Reopened)
                | (Closed, Reopened)
                | (Reopened, Assigned | InProgress | Resolved)
        )
    }
}

text_enum! {
    pub enum CompensationStatus {
        None = "none",
        Pending = "pending",
        Approved = "approved",
        Rejected = "rejected",
    }
}

text_enum! {
    /// How a reply reached the patient.
    pub enum ReplyChannel {
        /// Sent through the SMS outbox.
        Sms = "sms",
        /// A recorded call.
        Phone = "phone",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_pair_is_decided() {
        let allowed: Vec<(TicketStatus, TicketStatus)> = TicketStatus::ALL
            .iter()
            .flat_map(|a| TicketStatus::ALL.iter().map(move |b| (*a, *b)))
            .filter(|(a, b)| a.can_become(*b))
            .collect();
        assert_eq!(allowed.len(), 16);
        assert!(!TicketStatus::Closed.can_become(TicketStatus::InProgress));
        assert!(!TicketStatus::New.can_become(TicketStatus::Resolved));
        for s in TicketStatus::ALL {
            assert!(!s.can_become(*s), "{s} to itself");
        }
    }
}
