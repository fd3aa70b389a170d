//! RTCP sender and receiver reports (RFC 3550 §6.4), with SDES CNAME so the
//! compound packet is valid.

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportBlock {
    pub ssrc: u32,
    pub fraction_lost: u8,
    /// 24-bit signed cumulative count.
    pub cumulative_lost: i32,
    pub highest_seq: u32,
    pub jitter: u32,
    pub last_sr: u32,
    pub delay_since_last_sr: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RtcpPacket {
    SenderReport { ssrc: u32, ntp: u64, rtp_ts: u32, packets: u32, octets: u32, reports: Vec<ReportBlock> },
    ReceiverReport { ssrc: u32, reports: Vec<ReportBlock> },
    Sdes { ssrc: u32, cname: String },
    Bye { ssrcs: Vec<u32> },
    Other { packet_type: u8 },
}

fn push_block(out: &mut Vec<u8>, b: &ReportBlock) {
    out.extend_from_slice(&b.ssrc.to_be_bytes());
    let lost = (b.cumulative_lost.clamp(-0x80_0000, 0x7F_FFFF) as u32) & 0xFF_FFFF;
    out.extend_from_slice(&((b.fraction_lost as u32) << 24 | lost).to_be_bytes());
    out.extend_from_slice(&b.highest_seq.to_be_bytes());
    out.extend_from_slice(&b.jitter.to_be_bytes());
    out.extend_from_slice(&b.last_sr.to_be_bytes());
    out.extend_from_slice(&b.delay_since_last_sr.to_be_bytes());
}

fn read_u32(b: &[u8], off: usize) -> Option<u32> {
    b.get(off..off + 4).map(|s| u32::from_be_bytes(s.try_into().unwrap()))
}

fn parse_block(b: &[u8], off: usize) -> Option<ReportBlock> {
    let w = read_u32(b, off + 4)?;
    let mut lost = (w & 0xFF_FFFF) as i32;
    if lost & 0x80_0000 != 0 {
        lost -= 0x100_0000;
    }
    Some(ReportBlock {
        ssrc: read_u32(b, off)?,
        fraction_lost: (w >> 24) as u8,
        cumulative_lost: lost,
        highest_seq: read_u32(b, off + 8)?,
        jitter: read_u32(b, off + 12)?,
        last_sr: read_u32(b, off + 16)?,
        delay_since_last_sr: read_u32(b, off + 20)?,
    })
}

impl RtcpPacket {
    fn write(&self, out: &mut Vec<u8>) {
        let start = out.len();
        match self {
            RtcpPacket::SenderReport { ssrc, ntp, rtp_ts, packets, octets, reports } => {
                out.extend_from_slice(&[0x80 | reports.len().min(31) as u8, 200, 0, 0]);
                out.extend_from_slice(&ssrc.to_be_bytes());
                out.extend_from_slice(&ntp.to_be_bytes());
                out.extend_from_slice(&rtp_ts.to_be_bytes());
                out.extend_from_slice(&packets.to_be_bytes());
                out.extend_from_slice(&octets.to_be_bytes());
                reports.iter().take(31).for_each(|b| push_block(out, b));
            }
            RtcpPacket::ReceiverReport { ssrc, reports } => {
                out.extend_from_slice(&[0x80 | reports.len().min(31) as u8, 201, 0, 0]);
                out.extend_from_slice(&ssrc.to_be_bytes());
                reports.iter().take(31).for_each(|b| push_block(out, b));
            }
            RtcpPacket::Sdes { ssrc, cname } => {
                out.extend_from_slice(&[0x81, 202, 0, 0]);
                out.extend_from_slice(&ssrc.to_be_bytes());
                let name = &cname.as_bytes()[..cname.len().min(255)];
                out.push(1);
                out.push(name.len() as u8);
                out.extend_from_slice(name);
                out.push(0);
                while (out.len() - start) % 4 != 0 {
                    out.push(0);
                }
            }
            RtcpPacket::Bye { ssrcs } => {
                out.extend_from_slice(&[0x80 | ssrcs.len().min(31) as u8, 203, 0, 0]);
                ssrcs.iter().take(31).for_each(|s| out.extend_from_slice(&s.to_be_bytes()));
            }
            RtcpPacket::Other { .. } => return,
        }
        let words = ((out.len() - start) / 4 - 1) as u16;
        out[start + 2..start + 4].copy_from_slice(&words.to_be_bytes());
    }

    /// Serialises a compound packet.
    pub fn compound(packets: &[RtcpPacket]) -> Vec<u8> {
        let mut out = Vec::new();
        packets.iter().for_each(|p| p.write(&mut out));
        out
    }

    /// Parses a compound packet; stops at the first malformed part.
    pub fn parse_compound(buf: &[u8]) -> Vec<RtcpPacket> {
        let mut out = Vec::new();
        let mut off = 0;
        while off + 4 <= buf.len() {
            if buf[off] >> 6 != 2 {
                break;
            }
            let count = (buf[off] & 0x1F) as usize;
            let pt = buf[off + 1];
            let len = (u16::from_be_bytes([buf[off + 2], buf[off + 3]]) as usize + 1) * 4;
            if off + len > buf.len() {
                break;
            }
            let p = &buf[off..off + len];
            let parsed = match pt {
                200 => (|| {
                    let reports = (0..count).map(|i| parse_block(p, 28 + i * 24)).collect::<Option<Vec<_>>>()?;
                    Some(RtcpPacket::SenderReport {
                        ssrc: read_u32(p, 4)?,
                        ntp: (read_u32(p, 8)? as u64) << 32 | read_u32(p, 12)? as u64,
                        rtp_ts: read_u32(p, 16)?,
                        packets: read_u32(p, 20)?,
                        octets: read_u32(p, 24)?,
                        reports,
                    })
                })(),
                201 => (|| {
                    let reports = (0..count).map(|i| parse_block(p, 8 + i * 24)).collect::<Option<Vec<_>>>()?;
                    Some(RtcpPacket::ReceiverReport { ssrc: read_u32(p, 4)?, reports })
                })(),
                202 => (|| {
                    let ssrc = read_u32(p, 4)?;
                    let (t, l) = (*p.get(8)?, *p.get(9)? as usize);
                    let cname =
                        if t == 1 { String::from_utf8_lossy(p.get(10..10 + l)?).into_owned() } else { String::new() };
                    Some(RtcpPacket::Sdes { ssrc, cname })
                })(),
                203 => (0..count)
                    .map(|i| read_u32(p, 4 + i * 4))
                    .collect::<Option<Vec<_>>>()
                    .map(|ssrcs| RtcpPacket::Bye { ssrcs }),
                other => Some(RtcpPacket::Other { packet_type: other }),
            };
            match parsed {
                Some(x) => out.push(x),
                None => break,
            }
            off += len;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compound_round_trip() {
        let block = ReportBlock {
            ssrc: 9,
            fraction_lost: 12,
            cumulative_lost: -3,
            highest_seq: 70000,
            jitter: 40,
            last_sr: 5,
            delay_since_last_sr: 6,
        };
        let pkts = vec![
            RtcpPacket::SenderReport {
                ssrc: 1,
                ntp: 0x0102030405060708,
                rtp_ts: 160,
                packets: 10,
                octets: 1600,
                reports: vec![block.clone()],
            },
            RtcpPacket::Sdes { ssrc: 1, cname: "agent@hcrm".into() },
        ];
        let b = RtcpPacket::compound(&pkts);
        assert_eq!(b.len() % 4, 0);
        assert_eq!(RtcpPacket::parse_compound(&b), pkts);
        let rr = vec![RtcpPacket::ReceiverReport { ssrc: 2, reports: vec![block] }, RtcpPacket::Bye { ssrcs: vec![2] }];
        assert_eq!(RtcpPacket::parse_compound(&RtcpPacket::compound(&rr)), rr);
        assert!(RtcpPacket::parse_compound(&b[..10]).is_empty());
    }
}
