//! Receive statistics of one RTP source (RFC 3550 A.1 and A.8) and the
//! reports built from them.
use super::rtcp::{ReportBlock, RtcpPacket};

#[derive(Debug, Clone, Default)]
pub struct ReceiveStats {
    pub ssrc: u32,
    started: bool,
    max_seq: u16,
    cycles: u32,
    base_seq: u32,
    pub received: u32,
    expected_prior: u32,
    received_prior: u32,
    /// Interarrival jitter in timestamp units (1/8 ms at 8 kHz).
    pub jitter: f64,
    transit: Option<i64>,
    last_sr_mid: u32,
    last_sr_at: Option<std::time::Instant>,
}

impl ReceiveStats {
    /// Records a packet; `arrival` is the arrival time in timestamp units.
    pub fn on_packet(&mut self, ssrc: u32, seq: u16, ts: u32, arrival: u32) {
        if !self.started || ssrc != self.ssrc {
            *self = ReceiveStats { ssrc, started: true, max_seq: seq, base_seq: seq as u32, ..Default::default() };
        }
        let delta = seq.wrapping_sub(self.max_seq);
        if delta < 0x8000 {
            if seq < self.max_seq {
                self.cycles += 1 << 16;
            }
            self.max_seq = seq;
        }
        self.received += 1;
        let transit = arrival.wrapping_sub(ts) as i32 as i64;
        if let Some(prev) = self.transit {
            let d = (transit - prev).abs() as f64;
            self.jitter += (d - self.jitter) / 16.0;
        }
        self.transit = Some(transit);
    }

    pub fn extended_max(&self) -> u32 {
        self.cycles + self.max_seq as u32
    }

    pub fn expected(&self) -> u32 {
        if !self.started {
            return 0;
        }
        self.extended_max().wrapping_sub(self.base_seq) + 1
    }

    pub fn lost(&self) -> i64 {
        self.expected() as i64 - self.received as i64
    }

    pub fn on_sender_report(&mut self, ntp: u64) {
        self.last_sr_mid = (ntp >> 16) as u32;
        self.last_sr_at = Some(std::time::Instant::now());
    }

    /// A report block for this source; updates the "prior" counters.
    pub fn report_block(&mut self) -> Option<ReportBlock> {
        if !self.started {
            return None;
        }
        let expected = self.expected();
        let exp_int = expected.wrapping_sub(self.expected_prior);
        let rec_int = self.received.wrapping_sub(self.received_prior);
        self.expected_prior = expected;
        self.received_prior = self.received;
        let lost_int = exp_int as i64 - rec_int as i64;
        let fraction =
            if exp_int == 0 || lost_int <= 0 { 0 } else { ((lost_int << 8) / exp_int as i64).min(255) as u8 };
        let dlsr = self.last_sr_at.map(|t| (t.elapsed().as_secs_f64() * 65536.0) as u32).unwrap_or(0);
        Some(ReportBlock {
            ssrc: self.ssrc,
            fraction_lost: fraction,
            cumulative_lost: self.lost().clamp(-0x80_0000, 0x7F_FFFF) as i32,
            highest_seq: self.extended_max(),
            jitter: self.jitter as u32,
            last_sr: self.last_sr_mid,
            delay_since_last_sr: dlsr,
        })
    }
}

/// Send side counters and the RTCP report for a session.
#[derive(Debug, Clone, Default)]
pub struct SendStats {
    pub packets: u32,
    pub octets: u32,
    pub last_ts: u32,
}

/// NTP timestamp of now (RFC 3550 §4).
pub fn ntp_now() -> u64 {
    let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let secs = d.as_secs() + 2_208_988_800;
    let frac = ((d.subsec_nanos() as u64) << 32) / 1_000_000_000;
    secs << 32 | frac
}

/// The compound report to send: SR when we sent media since the last one, RR otherwise.
pub fn build_report(ssrc: u32, cname: &str, send: &SendStats, sent_recently: bool, recv: &mut ReceiveStats) -> Vec<u8> {
    let reports: Vec<_> = recv.report_block().into_iter().collect();
    let first = if sent_recently {
        RtcpPacket::SenderReport {
            ssrc,
            ntp: ntp_now(),
            rtp_ts: send.last_ts,
            packets: send.packets,
            octets: send.octets,
            reports,
        }
    } else {
        RtcpPacket::ReceiverReport { ssrc, reports }
    };
    RtcpPacket::compound(&[first, RtcpPacket::Sdes { ssrc, cname: cname.to_string() }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loss_wrap_and_jitter() {
        let mut s = ReceiveStats::default();
        let mut seq: u16 = 65530;
        for i in 0..20u32 {
            if i != 7 && i != 8 {
                // Constant transit: no jitter.
                s.on_packet(5, seq, i * 160, 1000 + i * 160);
            }
            seq = seq.wrapping_add(1);
        }
        assert_eq!(s.expected(), 20);
        assert_eq!(s.lost(), 2);
        assert_eq!(s.extended_max(), 65536 + 13);
        assert!(s.jitter < 0.001);
        let b = s.report_block().unwrap();
        assert_eq!(b.cumulative_lost, 2);
        assert_eq!(b.fraction_lost, (2 * 256 / 20) as u8);
        // Alternating transit of ±80 units converges towards 80·(something) > 0.
        for i in 20..200u32 {
            let jitter = if i % 2 == 0 { 80 } else { 0 };
            s.on_packet(5, seq, i * 160, 1000 + i * 160 + jitter);
            seq = seq.wrapping_add(1);
        }
        assert!(s.jitter > 60.0 && s.jitter < 90.0, "{}", s.jitter);
        let bytes = build_report(1, "x", &SendStats::default(), false, &mut s);
        assert!(matches!(RtcpPacket::parse_compound(&bytes)[0], RtcpPacket::ReceiverReport { .. }));
    }
}
