//! Window evaluator (窗口测评器) serial protocol, version 1: framing, the
//! messages, an incremental decoder that resynchronises after noise, and the
//! [`EvaluatorAdapter`] trait that vendor protocols can implement.
//! `docs/evaluator-protocol.md` is the specification; this is its reference
//! implementation. No I/O here: the reader crate owns the port.

pub mod adapter;
pub mod decoder;
pub mod frame;
pub mod layout;
pub mod message;

pub use adapter::{EvaluatorAdapter, V1Adapter};
pub use decoder::{Decoder, DecoderStats};
pub use frame::{crc16, encode_frame, Frame, HEADER_LEN, MAX_PAYLOAD, OVERHEAD, SOF, VERSION};
pub use layout::{KeyLayout, Level};
pub use message::{DeviceInfo, ErrorCode, Message, MessageType, ShowStaff};
