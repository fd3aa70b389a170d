//! Adaptive jitter buffer with packet-loss concealment.
//!
//! Frames are 20 ms (160 samples at 8 kHz) and keyed by their RTP timestamp.
//! The playout point waits for `target` frames before starting; the target
//! follows the spread of the transit times seen over the last second. When the
//! buffer runs dry the playout point is held (the concealed frame adds 20 ms of
//! delay); when it has held more than `target + 1` frames for 200 ms, one old
//! frame is dropped (delay shrinks again, but a burst after a stall is not
//! mistaken for excess delay). A missing frame while later ones are queued is a
//! loss: it is concealed by repeating the last frame with decaying gain
//! (in the spirit of G.711 Appendix I) and the playout point moves on.
use std::collections::{BTreeMap, VecDeque};
use std::time::Instant;

pub const FRAME: usize = 160;
const FRAME_TS: i64 = FRAME as i64;
const MIN_TARGET: usize = 1;
const MAX_TARGET: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameKind {
    /// Decoded audio that arrived in time.
    Audio,
    /// Made up for a lost or late frame.
    Concealed,
    /// Nothing received yet (before the first packet, or on hold).
    Silence,
}

#[derive(Debug, Clone, Default)]
pub struct JitterStats {
    pub played: u64,
    pub concealed: u64,
    pub late: u64,
    pub dropped_to_shrink: u64,
    pub duplicates: u64,
    /// Sum and count of (playout − arrival) for played frames, for the mean delay.
    pub delay_sum_ms: f64,
    pub delay_count: u64,
}

impl JitterStats {
    pub fn mean_delay_ms(&self) -> f64 {
        if self.delay_count == 0 {
            0.0
        } else {
            self.delay_sum_ms / self.delay_count as f64
        }
    }
}

pub struct JitterBuffer {
    frames: BTreeMap<i64, ([i16; FRAME], Instant)>,
    last_ts: Option<i64>,
    playout: Option<i64>,
    target: usize,
    transits: VecDeque<f64>,
    epoch: Instant,
    last_frame: [i16; FRAME],
    lost_run: u32,
    /// Consecutive pops with more than `target + 1` frames queued.
    over: u32,
    pub stats: JitterStats,
}

impl Default for JitterBuffer {
    fn default() -> Self {
        Self::new()
    }
}

impl JitterBuffer {
    pub fn new() -> JitterBuffer {
        JitterBuffer {
            frames: BTreeMap::new(),
            last_ts: None,
            playout: None,
            target: 2,
            transits: VecDeque::new(),
            epoch: Instant::now(),
            last_frame: [0; FRAME],
            lost_run: 0,
            over: 0,
            stats: JitterStats::default(),
        }
    }

    pub fn target_frames(&self) -> usize {
        self.target
    }

    pub fn depth(&self) -> usize {
        self.frames.len()
    }

    /// Unwraps a 32-bit timestamp next to the last one seen.
    fn extend(&mut self, ts: u32) -> i64 {
        let ext = match self.last_ts {
            None => ts as i64,
            Some(last) => last + (ts.wrapping_sub(last as u32) as i32) as i64,
        };
        self.last_ts = Some(ext);
        ext
    }

    /// Adds decoded samples that started at RTP timestamp `ts`.
    pub fn push(&mut self, ts: u32, samples: &[i16], arrival: Instant) {
        let ext = self.extend(ts);
        // A sender that jumped (new SSRC, restarted clock): start over.
        if let Some(p) = self.playout {
            if (ext - p).abs() > 50 * FRAME_TS {
                self.frames.clear();
                self.playout = None;
                self.transits.clear();
            }
        }
        let transit = arrival.duration_since(self.epoch).as_secs_f64() * 1000.0 - ext as f64 / 8.0;
        self.transits.push_back(transit);
        if self.transits.len() > 50 {
            self.transits.pop_front();
        }
        let (lo, hi) = self.transits.iter().fold((f64::MAX, f64::MIN), |(a, b), &t| (a.min(t), b.max(t)));
        let spread = (hi - lo).max(0.0);
        self.target = (((spread + 10.0) / 20.0).ceil() as usize).clamp(MIN_TARGET, MAX_TARGET);
        for (i, chunk) in samples.chunks(FRAME).enumerate() {
            let fts = ext + i as i64 * FRAME_TS;
            if self.playout.is_some_and(|p| fts < p) {
                self.stats.late += 1;
                continue;
            }
            let mut f = [0i16; FRAME];
            f[..chunk.len()].copy_from_slice(chunk);
            if self.frames.insert(fts, (f, arrival)).is_some() {
                self.stats.duplicates += 1;
            }
        }
    }

    /// The next 20 ms to play; call once per frame period.
    pub fn pop(&mut self, now: Instant) -> ([i16; FRAME], FrameKind) {
        let playout = match self.playout {
            Some(p) => p,
            None => {
                let (Some((&first, _)), Some((&last, _))) =
                    (self.frames.first_key_value(), self.frames.last_key_value())
                else {
                    return ([0; FRAME], FrameKind::Silence);
                };
                if ((last - first) / FRAME_TS + 1) < self.target as i64 {
                    return ([0; FRAME], FrameKind::Silence);
                }
                self.playout = Some(first);
                first
            }
        };
        // Too much queued for a while (not just a burst after a stall): drop
        // the oldest frame to bring the delay down, one per 200 ms at most.
        if self.frames.len() > self.target + 1 {
            self.over += 1;
        } else {
            self.over = 0;
        }
        if self.over >= 10 && self.frames.contains_key(&playout) {
            self.over = 0;
            self.frames.remove(&playout);
            self.stats.dropped_to_shrink += 1;
            self.playout = Some(playout + FRAME_TS);
            return self.pop(now);
        }
        if let Some((mut f, arrival)) = self.frames.remove(&playout) {
            if self.lost_run > 0 {
                // Smooth the step from the concealed signal back to real audio.
                for (i, s) in f.iter_mut().take(40).enumerate() {
                    let w = i as f32 / 40.0;
                    *s = (*s as f32 * w + self.last_frame[i.min(FRAME - 1)] as f32 * (1.0 - w) * 0.5) as i16;
                }
            }
            self.lost_run = 0;
            self.last_frame = f;
            self.playout = Some(playout + FRAME_TS);
            self.stats.played += 1;
            self.stats.delay_sum_ms += now.saturating_duration_since(arrival).as_secs_f64() * 1000.0;
            self.stats.delay_count += 1;
            return (f, FrameKind::Audio);
        }
        // Missing: conceal. Advance only when later frames are queued (a loss);
        // otherwise hold the playout point (the buffer grows by one frame).
        if !self.frames.is_empty() {
            self.playout = Some(playout + FRAME_TS);
        }
        self.lost_run += 1;
        self.stats.concealed += 1;
        let gain = match self.lost_run {
            1 => 1.0,
            n if n <= 5 => 0.5f32.powi(n as i32 - 1),
            _ => 0.0,
        };
        let mut out = [0i16; FRAME];
        for (o, s) in out.iter_mut().zip(self.last_frame.iter()) {
            *o = (*s as f32 * gain) as i16;
        }
        (out, FrameKind::Concealed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn frame(v: i16) -> Vec<i16> {
        vec![v; FRAME]
    }

    #[test]
    fn in_order_stream_plays_everything_after_the_preroll() {
        let mut jb = JitterBuffer::new();
        let t0 = Instant::now();
        let mut out = Vec::new();
        for i in 0..50u32 {
            let now = t0 + Duration::from_millis(20 * i as u64);
            jb.push(1000 + i * 160, &frame(i as i16 + 1), now);
            out.push(jb.pop(now));
        }
        let audio: Vec<i16> = out.iter().filter(|(_, k)| *k == FrameKind::Audio).map(|(f, _)| f[0]).collect();
        assert_eq!(jb.stats.concealed, 0);
        assert!(audio.len() >= 48, "{}", audio.len());
        assert!(audio.windows(2).all(|w| w[1] == w[0] + 1), "in order");
        assert!(jb.stats.mean_delay_ms() <= 40.0);
    }

    #[test]
    fn reorders_conceals_losses_and_drops_late() {
        let mut jb = JitterBuffer::new();
        let t0 = Instant::now();
        // 1,2 then 4,3 (reordered), 5 lost, 6..
        for (n, i) in [1u32, 2, 4, 3, 6, 7, 8].iter().enumerate() {
            jb.push(i * 160, &frame(*i as i16 * 100), t0 + Duration::from_millis(n as u64 * 20));
        }
        let seq: Vec<(i16, FrameKind)> = (0..8).map(|_| jb.pop(t0)).map(|(f, k)| (f[100], k)).collect();
        // The buffer is deeper than the target, so frames may be dropped to
        // shrink; whatever plays is in order and the gap at 5 is concealed.
        let audio: Vec<i16> = seq.iter().filter(|x| x.1 == FrameKind::Audio).map(|x| x.0).collect();
        assert!(audio.windows(2).all(|w| w[1] > w[0]), "{seq:?}");
        assert!(seq.iter().any(|x| x.1 == FrameKind::Concealed), "{seq:?}");
        // A frame older than the playout point is late.
        jb.push(160, &frame(1), t0);
        assert_eq!(jb.stats.late, 1);
    }

    #[test]
    fn concealment_decays_to_silence_and_target_grows_with_jitter() {
        let mut jb = JitterBuffer::new();
        let t0 = Instant::now();
        jb.push(0, &frame(1000), t0);
        jb.push(160, &frame(1000), t0);
        jb.pop(t0);
        jb.pop(t0);
        let gains: Vec<i16> = (0..7).map(|_| jb.pop(t0).0[0]).collect();
        assert_eq!(gains[0], 1000);
        assert!(gains[1] < gains[0] && gains[6] == 0, "{gains:?}");
        let mut jb = JitterBuffer::new();
        for i in 0..60u32 {
            let jitter = if i % 3 == 0 { 70 } else { 0 };
            jb.push(i * 160, &frame(1), t0 + Duration::from_millis(i as u64 * 20 + jitter));
        }
        assert!(jb.target_frames() >= 4, "{}", jb.target_frames());
    }

    #[test]
    fn excess_delay_shrinks_after_a_while_but_not_at_once() {
        let mut jb = JitterBuffer::new();
        let t0 = Instant::now();
        // A burst of 12 frames (a stall upstream), then one frame per tick.
        for i in 0..12u32 {
            jb.push(i * 160, &frame(1), t0);
        }
        let mut depths = Vec::new();
        for i in 12..250u32 {
            jb.push(i * 160, &frame(1), t0 + Duration::from_millis(20 * (i as u64 - 11)));
            jb.pop(t0 + Duration::from_millis(20 * (i as u64 - 11)));
            depths.push(jb.depth());
        }
        assert!(depths[..5].iter().all(|&d| d >= 11), "no drop right after the burst: {depths:?}");
        assert!(*depths.last().unwrap() <= jb.target_frames() + 1, "{depths:?}");
        assert_eq!(jb.stats.concealed, 0);
    }
}
