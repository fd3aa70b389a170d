//! The seam between the reader and a device's protocol. The reader talks
//! [`Message`]s; an adapter turns bytes into messages and back. Protocol v1
//! is [`V1Adapter`]; a vendor's own protocol gets an adapter of its own that
//! maps its frames onto the same messages.

use super::decoder::{Decoder, DecoderStats};
use super::message::{ErrorCode, Message};

/// A decoded message and the sequence number of the frame that carried it
/// (needed to acknowledge it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub seq: u16,
    pub message: Message,
}

pub trait EvaluatorAdapter: Send {
    /// A short name for logs and the status page ("hcrm-v1", "vendor-x").
    fn protocol(&self) -> &'static str;
    /// Feeds bytes from the port; returns every complete message.
    fn feed(&mut self, bytes: &[u8]) -> Vec<Received>;
    /// The line was quiet longer than the inter-byte timeout: gives up on a
    /// partial frame and returns any whole messages queued behind it.
    fn idle(&mut self) -> Vec<Received>;
    /// Encodes a message to send, numbering it. Errors for text too long.
    fn encode(&mut self, message: &Message) -> Result<Vec<u8>, ErrorCode>;
    fn stats(&self) -> DecoderStats;
}

/// Protocol v1 (docs/evaluator-protocol.md).
#[derive(Debug, Default)]
pub struct V1Adapter {
    decoder: Decoder,
    next_seq: u16,
}

impl V1Adapter {
    pub fn new() -> V1Adapter {
        V1Adapter::default()
    }
}

impl EvaluatorAdapter for V1Adapter {
    fn protocol(&self) -> &'static str {
        "hcrm-v1"
    }

    fn feed(&mut self, bytes: &[u8]) -> Vec<Received> {
        self.decoder.push(bytes);
        self.drain()
    }

    fn idle(&mut self) -> Vec<Received> {
        self.decoder.idle();
        self.drain()
    }

    fn encode(&mut self, message: &Message) -> Result<Vec<u8>, ErrorCode> {
        self.next_seq = self.next_seq.wrapping_add(1);
        message.to_frame(self.next_seq)
    }

    fn stats(&self) -> DecoderStats {
        self.decoder.stats()
    }
}

impl V1Adapter {
    fn drain(&mut self) -> Vec<Received> {
        let mut out = Vec::new();
        while let Some(frame) = self.decoder.next_frame() {
            match Message::decode(&frame) {
                Ok(message) => out.push(Received { seq: frame.seq, message }),
                Err(_) => self.decoder.count_bad_payload(),
            }
        }
        out
    }
}
