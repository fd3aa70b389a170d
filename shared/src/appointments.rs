//! Appointment booking (预约挂号) vocabulary.

use crate::vocab::text_enum;

text_enum! {
    /// Where a booking comes from. Bookings made without naming a channel
    /// are the agents' (the phone line).
    #[derive(Default)]
    pub enum BookingChannel {
        /// Customer-service agents on the phone line.
        #[default]
        Phone = "phone",
        Web = "web",
        Wechat = "wechat",
        /// The registration window.
        Onsite = "onsite",
        /// Doctors booking a revisit in the clinic (诊间预约).
        Clinic = "clinic",
        /// Partners through the public API.
        Partner = "partner",
    }
}

impl BookingChannel {
    /// Channels that book through the public API or the phone line, and so
    /// wait for the release time.
    pub fn is_online(self) -> bool {
        matches!(self, BookingChannel::Phone | BookingChannel::Web | BookingChannel::Wechat | BookingChannel::Partner)
    }

    /// Channels a no-show block stops (online self-service); also the
    /// channels an API key may have.
    pub fn is_self_service(self) -> bool {
        matches!(self, BookingChannel::Web | BookingChannel::Wechat | BookingChannel::Partner)
    }
}

text_enum! {
    pub enum AppointmentStatus {
        Held = "held",
        Confirmed = "confirmed",
        CheckedIn = "checked_in",
        Cancelled = "cancelled",
        Expired = "expired",
        NoShow = "no_show",
        Rescheduled = "rescheduled",
        Suspended = "suspended",
    }
}

impl AppointmentStatus {
    /// Statuses that occupy a slot.
    pub const LIVE: [AppointmentStatus; 3] =
        [AppointmentStatus::Held, AppointmentStatus::Confirmed, AppointmentStatus::CheckedIn];
}

text_enum! {
    pub enum SlotStatus {
        Free = "free",
        Held = "held",
        Booked = "booked",
    }
}

text_enum! {
    pub enum SessionStatus {
        Open = "open",
        /// Clinic suspension (停诊).
        Suspended = "suspended",
    }
}

text_enum! {
    /// The half-day a session is held in.
    pub enum SessionPeriod {
        Morning = "morning",
        Afternoon = "afternoon",
        Evening = "evening",
    }
}

impl SessionPeriod {
    /// The label on texts to patients.
    pub fn label(self) -> &'static str {
        match self {
            SessionPeriod::Morning => "上午",
            SessionPeriod::Afternoon => "下午",
            SessionPeriod::Evening => "晚间",
        }
    }
}

text_enum! {
    pub enum WaitlistStatus {
        Waiting = "waiting",
        /// A freed number is held for the patient until the offer expires.
        Offered = "offered",
        Accepted = "accepted",
        Expired = "expired",
        Cancelled = "cancelled",
    }
}

text_enum! {
    /// Where the call-back of a suspended appointment stands.
    pub enum NoticeStatus {
        /// The SMS went out; nobody has called yet.
        Pending = "pending",
        /// No phone to text.
        Unreachable = "unreachable",
        Rebooked = "rebooked",
        Cancelled = "cancelled",
    }
}

text_enum! {
    /// How an agent closes a suspension notice.
    pub enum NoticeOutcome {
        Rebooked = "rebooked",
        Cancelled = "cancelled",
        Unreachable = "unreachable",
    }
}

impl NoticeOutcome {
    pub fn status(self) -> NoticeStatus {
        match self {
            NoticeOutcome::Rebooked => NoticeStatus::Rebooked,
            NoticeOutcome::Cancelled => NoticeStatus::Cancelled,
            NoticeOutcome::Unreachable => NoticeStatus::Unreachable,
        }
    }
}
