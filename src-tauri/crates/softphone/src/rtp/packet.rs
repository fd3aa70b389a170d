//! RTP packets (RFC 3550 §5.1).

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RtpPacket {
    pub marker: bool,
    pub payload_type: u8,
    pub sequence: u16,
    pub timestamp: u32,
    pub ssrc: u32,
    pub csrc: Vec<u32>,
    pub payload: Vec<u8>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RtpError {
    #[error("RTP packet too short ({0} bytes)")]
    TooShort(usize),
    #[error("RTP version {0}, expected 2")]
    Version(u8),
    #[error("RTP header extension or padding runs past the packet")]
    Truncated,
}

impl RtpPacket {
    pub fn parse(buf: &[u8]) -> Result<RtpPacket, RtpError> {
        if buf.len() < 12 {
            return Err(RtpError::TooShort(buf.len()));
        }
        let version = buf[0] >> 6;
        if version != 2 {
            return Err(RtpError::Version(version));
        }
        let padding = buf[0] & 0x20 != 0;
        let extension = buf[0] & 0x10 != 0;
        let cc = (buf[0] & 0x0F) as usize;
        let mut off = 12 + cc * 4;
        if buf.len() < off {
            return Err(RtpError::Truncated);
        }
        let csrc = (0..cc).map(|i| u32::from_be_bytes(buf[12 + i * 4..16 + i * 4].try_into().unwrap())).collect();
        if extension {
            if buf.len() < off + 4 {
                return Err(RtpError::Truncated);
            }
            let words = u16::from_be_bytes([buf[off + 2], buf[off + 3]]) as usize;
            off += 4 + words * 4;
            if buf.len() < off {
                return Err(RtpError::Truncated);
            }
        }
        let mut end = buf.len();
        if padding {
            let pad = buf[end - 1] as usize;
            if pad == 0 || end < off + pad {
                return Err(RtpError::Truncated);
            }
            end -= pad;
        }
        Ok(RtpPacket {
            marker: buf[1] & 0x80 != 0,
            payload_type: buf[1] & 0x7F,
            sequence: u16::from_be_bytes([buf[2], buf[3]]),
            timestamp: u32::from_be_bytes(buf[4..8].try_into().unwrap()),
            ssrc: u32::from_be_bytes(buf[8..12].try_into().unwrap()),
            csrc,
            payload: buf[off..end].to_vec(),
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(12 + self.csrc.len() * 4 + self.payload.len());
        out.push(0x80 | (self.csrc.len().min(15) as u8));
        out.push(((self.marker as u8) << 7) | (self.payload_type & 0x7F));
        out.extend_from_slice(&self.sequence.to_be_bytes());
        out.extend_from_slice(&self.timestamp.to_be_bytes());
        out.extend_from_slice(&self.ssrc.to_be_bytes());
        for c in self.csrc.iter().take(15) {
            out.extend_from_slice(&c.to_be_bytes());
        }
        out.extend_from_slice(&self.payload);
        out
    }
}

/// RTP and RTCP share a port only with rtcp-mux; we use port+1, but tell them
/// apart anyway (RFC 5761 §4) so a muxing peer does not confuse us.
pub fn looks_like_rtcp(buf: &[u8]) -> bool {
    buf.len() >= 2 && (200..=204).contains(&buf[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_rejects() {
        let p = RtpPacket {
            marker: true,
            payload_type: 8,
            sequence: 65535,
            timestamp: 0xDEADBEEF,
            ssrc: 7,
            csrc: vec![1, 2],
            payload: vec![0xD5; 160],
        };
        let b = p.to_bytes();
        assert_eq!(RtpPacket::parse(&b).unwrap(), p);
        assert_eq!(RtpPacket::parse(&b[..5]), Err(RtpError::TooShort(5)));
        let mut bad = b.clone();
        bad[0] = 0x40;
        assert_eq!(RtpPacket::parse(&bad), Err(RtpError::Version(1)));
        // Padding: the last byte says how many bytes to drop.
        let mut padded = p.clone().to_bytes();
        padded[0] |= 0x20;
        padded.extend_from_slice(&[0, 0, 3]);
        assert_eq!(RtpPacket::parse(&padded).unwrap().payload.len(), 160);
        // Extension header is skipped.
        let mut ext = vec![0x90, 8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9, 0xBE, 0xDE, 0, 1, 1, 2, 3, 4];
        ext.extend_from_slice(&[0xD5; 4]);
        assert_eq!(RtpPacket::parse(&ext).unwrap().payload, vec![0xD5; 4]);
        ext.truncate(15);
        assert_eq!(RtpPacket::parse(&ext), Err(RtpError::Truncated));
    }
}
