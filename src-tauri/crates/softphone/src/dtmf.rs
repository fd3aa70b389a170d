//! DTMF as RFC 4733 telephone events, sending and receiving, and a Goertzel
//! filter for tone detection in tests and level checks.

pub const EVENT_CHARS: &[u8; 16] = b"0123456789*#ABCD";

pub fn digit_to_event(d: char) -> Option<u8> {
    EVENT_CHARS.iter().position(|c| *c as char == d.to_ascii_uppercase()).map(|p| p as u8)
}

pub fn event_to_digit(e: u8) -> Option<char> {
    EVENT_CHARS.get(e as usize).map(|c| *c as char)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    pub event: u8,
    pub end: bool,
    pub volume: u8,
    pub duration: u16,
}

impl Event {
    pub fn parse(p: &[u8]) -> Option<Event> {
        if p.len() < 4 {
            return None;
        }
        Some(Event {
            event: p[0],
            end: p[1] & 0x80 != 0,
            volume: p[1] & 0x3F,
            duration: u16::from_be_bytes([p[2], p[3]]),
        })
    }
    pub fn to_bytes(self) -> [u8; 4] {
        let d = self.duration.to_be_bytes();
        [self.event, ((self.end as u8) << 7) | (self.volume & 0x3F), d[0], d[1]]
    }
}

/// One packet the sender wants on the wire this tick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventPacket {
    pub payload: [u8; 4],
    pub marker: bool,
    /// Timestamp offset of the event start relative to the tick's timestamp.
    pub start_ts: u32,
}

/// Sends queued digits: 100 ms of event (5 packets), the end packet three
/// times, then a 40 ms gap of audio before the next digit.
#[derive(Debug, Default)]
pub struct DtmfSender {
    queue: std::collections::VecDeque<u8>,
    current: Option<(u8, u32, u32)>, // event, ticks sent, start ts
    gap: u32,
}

const EVENT_TICKS: u32 = 5;

impl DtmfSender {
    pub fn queue(&mut self, digits: &str) -> Result<(), char> {
        for d in digits.chars() {
            self.queue.push_back(digit_to_event(d).ok_or(d)?);
        }
        Ok(())
    }

    pub fn busy(&self) -> bool {
        self.current.is_some() || !self.queue.is_empty() || self.gap > 0
    }

    /// Called every 20 ms tick with the tick's RTP timestamp. `Some` means send
    /// these event packets instead of audio.
    pub fn tick(&mut self, ts: u32) -> Option<Vec<EventPacket>> {
        if self.current.is_none() {
            if self.gap > 0 {
                self.gap -= 1;
                return None;
            }
            let e = self.queue.pop_front()?;
            self.current = Some((e, 0, ts));
        }
        let (e, n, start) = self.current.as_mut().unwrap();
        *n += 1;
        let duration = (*n * 160).min(u16::MAX as u32) as u16;
        let end = *n >= EVENT_TICKS;
        let ev = Event { event: *e, end, volume: 10, duration };
        let pkt = |marker| EventPacket { payload: ev.to_bytes(), marker, start_ts: *start };
        let out = if end { vec![pkt(false), pkt(false), pkt(false)] } else { vec![pkt(*n == 1)] };
        if end {
            self.current = None;
            self.gap = 2;
        }
        Some(out)
    }
}

/// Detects digits from received events: one per event. An event is new when
/// its start timestamp or its code changes, or when a non-end packet follows
/// end packets (a sender that reuses timestamps, as replayed captures do).
#[derive(Debug, Default)]
pub struct DtmfReceiver {
    last: Option<(u32, u8)>,
    last_end: bool,
}

impl DtmfReceiver {
    pub fn on_packet(&mut self, rtp_ts: u32, payload: &[u8]) -> Option<char> {
        let ev = Event::parse(payload)?;
        let same = self.last == Some((rtp_ts, ev.event));
        let restarted = same && self.last_end && !ev.end;
        self.last = Some((rtp_ts, ev.event));
        self.last_end = ev.end;
        if same && !restarted {
            return None;
        }
        event_to_digit(ev.event)
    }
}

/// Goertzel power of `freq` in `samples` (normalised by length²).
pub fn goertzel(samples: &[i16], freq: f64, rate: f64) -> f64 {
    let k = 2.0 * (2.0 * std::f64::consts::PI * freq / rate).cos();
    let (mut s1, mut s2) = (0.0f64, 0.0f64);
    for &x in samples {
        let s0 = x as f64 / 32768.0 + k * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    let p = s1 * s1 + s2 * s2 - k * s1 * s2;
    p / (samples.len().max(1) as f64).powi(2)
}

/// Sine tone at `freq` Hz, `amp` peak, 8 kHz.
pub fn tone(freq: f64, amp: f64, samples: usize) -> Vec<i16> {
    (0..samples).map(|i| (amp * (2.0 * std::f64::consts::PI * freq * i as f64 / 8000.0).sin()) as i16).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sender_and_receiver_agree() {
        let mut s = DtmfSender::default();
        s.queue("1#9").unwrap();
        assert_eq!(s.queue("x"), Err('x'));
        let mut r = DtmfReceiver::default();
        let mut got = String::new();
        let mut ts = 0u32;
        let mut packets = 0;
        while s.busy() {
            if let Some(pkts) = s.tick(ts) {
                for p in pkts {
                    packets += 1;
                    if let Some(d) = r.on_packet(p.start_ts, &p.payload) {
                        got.push(d);
                    }
                }
            }
            ts += 160;
        }
        assert_eq!(got, "1#9");
        assert_eq!(packets, 3 * (4 + 3));
        let e = Event::parse(&Event { event: 11, end: true, volume: 10, duration: 800 }.to_bytes()).unwrap();
        assert_eq!((e.event, e.end, e.duration), (11, true, 800));
    }

    #[test]
    fn goertzel_finds_the_tone() {
        let t = tone(1000.0, 8000.0, 1600);
        assert!(goertzel(&t, 1000.0, 8000.0) > 100.0 * goertzel(&t, 1400.0, 8000.0));
    }
}
