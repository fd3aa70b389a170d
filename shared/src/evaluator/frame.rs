//! Frame layout (all multi-byte integers little-endian):
//!
//! ```text
//! SOF 0xA5 | LEN u16 | VER u8 | TYPE u8 | SEQ u16 | PAYLOAD (LEN bytes) | CRC u16
//! ```
//!
//! The CRC is CRC-16/CCITT-FALSE over LEN..PAYLOAD (everything between SOF
//! and CRC). There is no byte stuffing: a receiver resynchronises by length
//! and CRC (see [`crate::evaluator::decoder`]).

/// Start of frame.
pub const SOF: u8 = 0xA5;
/// The protocol version this codec speaks.
pub const VERSION: u8 = 1;
/// SOF + LEN + VER + TYPE + SEQ.
pub const HEADER_LEN: usize = 7;
/// Header plus CRC.
pub const OVERHEAD: usize = HEADER_LEN + 2;
/// Longest payload a v1 device must accept; a longer LEN is noise.
pub const MAX_PAYLOAD: usize = 512;

/// One frame as it travels, payload still raw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub version: u8,
    pub kind: u8,
    pub seq: u16,
    pub payload: Vec<u8>,
}

/// CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final
/// XOR. `crc16(b"123456789") == 0x29B1`.
pub fn crc16(data: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for &b in data {
        crc ^= (b as u16) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 { (crc << 1) ^ 0x1021 } else { crc << 1 };
        }
    }
    crc
}

/// The bytes of one frame. Panics only on a payload over [`MAX_PAYLOAD`],
/// which message encoders never produce.
pub fn encode_frame(version: u8, kind: u8, seq: u16, payload: &[u8]) -> Vec<u8> {
    assert!(payload.len() <= MAX_PAYLOAD, "payload too long");
    let mut out = Vec::with_capacity(OVERHEAD + payload.len());
    out.push(SOF);
    out.extend_from_slice(&(payload.len() as u16).to_le_bytes());
    out.push(version);
    out.push(kind);
    out.extend_from_slice(&seq.to_le_bytes());
    out.extend_from_slice(payload);
    let crc = crc16(&out[1..]);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

impl Frame {
    pub fn encode(&self) -> Vec<u8> {
        encode_frame(self.version, self.kind, self.seq, &self.payload)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_check_value() {
        assert_eq!(crc16(b"123456789"), 0x29B1);
    }

    #[test]
    fn heartbeat_example_from_the_spec() {
        // HEARTBEAT seq 7, uptime 300 s, 0 pending events (docs/evaluator-protocol.md).
        let bytes = encode_frame(1, 0x82, 7, &[0x2C, 0x01, 0x00, 0x00, 0x00]);
        assert_eq!(&bytes[..12], &[0xA5, 0x05, 0x00, 0x01, 0x82, 0x07, 0x00, 0x2C, 0x01, 0x00, 0x00, 0x00]);
        assert_eq!(bytes.len(), 14);
    }
}
