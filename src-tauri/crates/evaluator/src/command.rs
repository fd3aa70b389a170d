//! Host commands to the device (SHOW_STAFF, PROMPT, CLEAR) wait for the
//! device's ACK: after `ACK_TIMEOUT` without one the same frame (same SEQ)
//! is sent again, at most `RETRIES` times (docs/evaluator-protocol.md §7);
//! then the command is reported as unacknowledged on the status page.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use hcrm_shared::evaluator::{ErrorCode, Message, MessageType};
use serde::Serialize;

pub const ACK_TIMEOUT: Duration = Duration::from_millis(500);
/// Retransmissions after the first sending (4 sendings in all).
pub const RETRIES: u8 = 3;

/// What became of the last command, for the status page.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CommandStatus {
    /// `show_staff`, `prompt` or `clear`.
    pub kind: &'static str,
    /// `sent` (waiting for the ACK), `acked`, `rejected` (NAK or not
    /// encodable), `unacknowledged` (no ACK after every retransmission) or
    /// `lost` (the connection dropped first).
    pub state: &'static str,
    /// Sendings so far (1 = no retransmission).
    pub tries: u8,
    pub error: Option<String>,
    pub at: DateTime<Utc>,
}

pub fn kind_name(t: MessageType) -> &'static str {
    match t {
        MessageType::ShowStaff => "show_staff",
        MessageType::Prompt => "prompt",
        MessageType::Clear => "clear",
        _ => "other",
    }
}

/// A command sent and not yet acknowledged.
pub struct Outstanding {
    pub kind: MessageType,
    pub frame: Vec<u8>,
    /// The frame's SEQ (v1 frames carry it at offset 5); ACKs must name it.
    pub seq: Option<u16>,
    pub tries: u8,
    pub sent: Instant,
}

/// What the link should do next with the outstanding command.
#[derive(Debug, PartialEq)]
pub enum Step {
    Wait,
    Resend,
    GiveUp,
}

impl Outstanding {
    pub fn new(kind: MessageType, frame: Vec<u8>) -> Outstanding {
        let seq = (frame.len() >= 7).then(|| u16::from_le_bytes([frame[5], frame[6]]));
        Outstanding { kind, frame, seq, tries: 1, sent: Instant::now() }
    }

    pub fn status(&self, state: &'static str, error: Option<String>) -> CommandStatus {
        CommandStatus { kind: kind_name(self.kind), state, tries: self.tries, error, at: Utc::now() }
    }

    /// Whether `m` (from the device) answers this command.
    pub fn answered_by(&self, m: &Message) -> bool {
        let (kind, seq) = match m {
            Message::Ack { kind, seq, .. } | Message::Nak { kind, seq, .. } => (*kind, *seq),
            _ => return false,
        };
        kind == self.kind as u8 && self.seq.is_none_or(|s| s == seq)
    }

    pub fn step(&self, now: Instant) -> Step {
        if now.duration_since(self.sent) < ACK_TIMEOUT {
            Step::Wait
        } else if self.tries > RETRIES {
            Step::GiveUp
        } else {
            Step::Resend
        }
    }

    pub fn resent(&mut self) {
        self.tries += 1;
        self.sent = Instant::now();
    }
}

/// NAK codes after which the sender retransmits (§5.9); others end the command.
pub fn nak_retransmits(code: ErrorCode) -> bool {
    matches!(code, ErrorCode::BadChecksum | ErrorCode::Busy | ErrorCode::NotReady)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resends_three_times_then_gives_up() {
        let f = Message::Prompt { timeout_s: 30 }.to_frame(7).unwrap();
        let mut o = Outstanding::new(MessageType::Prompt, f);
        assert_eq!(o.seq, Some(7));
        let t0 = o.sent;
        assert_eq!(o.step(t0), Step::Wait);
        for _ in 0..RETRIES {
            assert_eq!(o.step(o.sent + ACK_TIMEOUT), Step::Resend);
            o.resent();
        }
        assert_eq!(o.tries, 4);
        assert_eq!(o.step(o.sent + ACK_TIMEOUT), Step::GiveUp);
        assert!(o.answered_by(&Message::Ack { kind: 0x03, seq: 7, reference: 0 }));
        assert!(!o.answered_by(&Message::Ack { kind: 0x03, seq: 6, reference: 0 }));
        assert!(!o.answered_by(&Message::Ack { kind: 0x02, seq: 7, reference: 0 }));
    }
}
