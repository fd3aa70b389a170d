//! Incremental frame decoder. Feed it whatever the port delivers, in any
//! pieces; it yields whole frames with a good CRC and version 1, and counts
//! everything it had to throw away. It never waits forever: after an idle
//! gap the reader calls [`Decoder::idle`], which gives up on a partial frame.

use super::frame::{crc16, Frame, HEADER_LEN, MAX_PAYLOAD, OVERHEAD, SOF, VERSION};

/// What the decoder threw away, for the device status page and alerts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DecoderStats {
    /// Good frames handed out.
    pub frames: u64,
    /// Bytes skipped while looking for a start byte (line noise).
    pub garbage_bytes: u64,
    /// Frames whose CRC did not match.
    pub bad_checksum: u64,
    /// Frames with a good CRC but another protocol version.
    pub wrong_version: u64,
    /// Frames cut short: a new frame started inside them, or the line went idle.
    pub truncated: u64,
    /// Good frames whose payload did not parse (counted by the adapter).
    pub bad_payload: u64,
}

impl DecoderStats {
    pub fn rejected(&self) -> u64 {
        self.bad_checksum + self.wrong_version + self.truncated + self.bad_payload
    }
}

#[derive(Debug, Default)]
pub struct Decoder {
    buf: Vec<u8>,
    stats: DecoderStats,
}

/// Bytes kept at most; beyond this the oldest are noise (a frame is at most
/// OVERHEAD + MAX_PAYLOAD long).
const MAX_BUFFER: usize = 8 * (OVERHEAD + MAX_PAYLOAD);

enum Check {
    Good(Frame, usize),
    WrongVersion(usize),
    Bad(usize),
    Incomplete,
    Oversize,
}

fn check_at(buf: &[u8]) -> Check {
    debug_assert_eq!(buf.first(), Some(&SOF));
    if buf.len() < 3 {
        return Check::Incomplete;
    }
    let len = u16::from_le_bytes([buf[1], buf[2]]) as usize;
    if len > MAX_PAYLOAD {
        return Check::Oversize;
    }
    let total = OVERHEAD + len;
    if buf.len() < total {
        return Check::Incomplete;
    }
    let crc = u16::from_le_bytes([buf[total - 2], buf[total - 1]]);
    if crc16(&buf[1..total - 2]) != crc {
        return Check::Bad(total);
    }
    if buf[3] != VERSION {
        return Check::WrongVersion(total);
    }
    let frame = Frame {
        version: buf[3],
        kind: buf[4],
        seq: u16::from_le_bytes([buf[5], buf[6]]),
        payload: buf[HEADER_LEN..total - 2].to_vec(),
    };
    Check::Good(frame, total)
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder::default()
    }

    pub fn stats(&self) -> DecoderStats {
        self.stats
    }

    /// Counts a frame whose payload the caller could not parse.
    pub fn count_bad_payload(&mut self) {
        self.stats.bad_payload += 1;
    }

    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() > MAX_BUFFER {
            // Only noise can pile up this far; keep the tail.
            let drop = self.buf.len() - MAX_BUFFER;
            self.stats.garbage_bytes += drop as u64;
            self.buf.drain(..drop);
        }
    }

    /// Bytes waiting for the rest of a frame.
    pub fn pending(&self) -> usize {
        self.buf.len()
    }

    /// The next good frame, or None until more bytes arrive.
    pub fn next_frame(&mut self) -> Option<Frame> {
        loop {
            match self.buf.iter().position(|b| *b == SOF) {
                None => {
                    self.stats.garbage_bytes += self.buf.len() as u64;
                    self.buf.clear();
                    return None;
                }
                Some(0) => {}
                Some(n) => {
                    self.stats.garbage_bytes += n as u64;
                    self.buf.drain(..n);
                }
            }
            match check_at(&self.buf) {
                Check::Good(frame, total) => {
                    self.buf.drain(..total);
                    self.stats.frames += 1;
                    return Some(frame);
                }
                Check::WrongVersion(total) => {
                    self.buf.drain(..total);
                    self.stats.wrong_version += 1;
                }
                Check::Incomplete => return None,
                Check::Oversize => {
                    // A start byte in noise followed by an impossible length.
                    self.stats.garbage_bytes += 1;
                    self.buf.drain(..1);
                }
                Check::Bad(total) => {
                    // Cut short when a whole frame starts inside it; else corrupted.
                    if self.good_frame_inside(total) {
                        self.stats.truncated += 1;
                    } else {
                        self.stats.bad_checksum += 1;
                    }
                    self.buf.drain(..1);
                }
            }
        }
    }

    fn good_frame_inside(&self, total: usize) -> bool {
        (1..total.min(self.buf.len()))
            .any(|i| self.buf[i] == SOF && matches!(check_at(&self.buf[i..]), Check::Good(..) | Check::WrongVersion(_)))
    }

    /// The line has been quiet longer than the inter-byte timeout: a partial
    /// frame will never complete. Drops its start byte and rescans the rest.
    pub fn idle(&mut self) {
        while !self.buf.is_empty() {
            if self.buf[0] == SOF {
                self.stats.truncated += 1;
            } else {
                self.stats.garbage_bytes += 1;
            }
            self.buf.drain(..1);
            if self.buf.contains(&SOF) {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluator::frame::encode_frame;

    #[test]
    fn frames_split_anywhere_decode() {
        let a = encode_frame(1, 0x82, 1, &[1, 0, 0, 0, 0]);
        for cut in 0..a.len() {
            let mut d = Decoder::new();
            d.push(&a[..cut]);
            assert!(d.next_frame().is_none());
            d.push(&a[cut..]);
            assert_eq!(d.next_frame().unwrap().seq, 1);
        }
    }

    #[test]
    fn garbage_bad_crc_wrong_version_and_truncation_are_counted() {
        let good = encode_frame(1, 0x82, 5, &[1, 0, 0, 0, 0]);
        let mut bad = encode_frame(1, 0x82, 6, &[1, 0, 0, 0, 0]);
        bad[8] ^= 0x40;
        let v2 = encode_frame(2, 0x82, 7, &[1, 0, 0, 0, 0]);
        let cut = &encode_frame(1, 0x82, 8, &[1, 0, 0, 0, 0])[..6];
        let mut d = Decoder::new();
        d.push(b"noise");
        d.push(&bad);
        d.push(&v2);
        d.push(cut);
        d.push(&good);
        let mut got = vec![];
        while let Some(f) = d.next_frame() {
            got.push(f.seq);
        }
        assert_eq!(got, vec![5]);
        let s = d.stats();
        assert_eq!((s.frames, s.bad_checksum, s.wrong_version, s.truncated), (1, 1, 1, 1), "{s:?}");
        assert!(s.garbage_bytes >= 5);
    }

    #[test]
    fn idle_gives_up_on_a_partial_frame() {
        let f = encode_frame(1, 0x82, 1, &[1, 0, 0, 0, 0]);
        let mut d = Decoder::new();
        d.push(&f[..9]);
        assert!(d.next_frame().is_none());
        d.idle();
        assert_eq!(d.stats().truncated, 1);
        d.push(&f);
        assert!(d.next_frame().is_some());
    }
}
