//! Sample-rate conversion between the headset's rate (48 kHz, 44.1 kHz...)
//! and the 8 kHz of G.711, with `rubato`'s windowed-sinc resampler.
//!
//! Going down, the filter keeps the voice band up to 3.9 kHz and stops what
//! would fold back into it: 5 kHz at 48 kHz would alias to 3 kHz, and is
//! removed by more than 40 dB (see the tests). Its transition band sits
//! just above 4 kHz, where an alias lands above 3.5 kHz, beyond what G.711
//! telephony carries. Going up, a shorter filter (less playback delay)
//! removes the images above 4 kHz.

use rubato::audioadapter_buffers::direct::InterleavedSlice;
use rubato::{Async, FixedAsync, Resampler as _, SincInterpolationParameters, SincInterpolationType, WindowFunction};

/// Filter length (taps at the input rate) for 48 kHz input going down;
/// other rates scale it to keep the transition band the same in hertz.
const DOWN_TAPS_AT_48K: usize = 768;
/// Centre of the down filter's transition band, relative to 4 kHz.
const DOWN_CUTOFF: f32 = 1.05;
/// Filter length (taps at 8 kHz) going up.
const UP_TAPS_AT_8K: usize = 128;

pub struct Resampler {
    /// None when both rates are the same.
    inner: Option<Async<f32>>,
    /// Input not yet converted (less than one chunk).
    pending: Vec<f32>,
    /// Input frames per conversion: 10 ms.
    chunk: usize,
    converted: Vec<f32>,
}

impl std::fmt::Debug for Resampler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resampler").field("chunk", &self.chunk).field("pending", &self.pending.len()).finish()
    }
}

impl Resampler {
    pub fn new(from: u32, to: u32) -> Resampler {
        let chunk = (from as usize / 100).max(1);
        let inner = (from != to && from > 0 && to > 0).then(|| {
            let parameters = if to < from {
                let taps = (DOWN_TAPS_AT_48K as u64 * from as u64 / 48_000).max(64) as usize;
                SincInterpolationParameters {
                    sinc_len: taps,
                    f_cutoff: Some(DOWN_CUTOFF),
                    oversampling_factor: 128,
                    interpolation: SincInterpolationType::Cubic,
                    window: WindowFunction::BlackmanHarris,
                }
            } else {
                let taps = (UP_TAPS_AT_8K as u64 * from as u64 / 8_000).max(32) as usize;
                SincInterpolationParameters::new(taps, WindowFunction::BlackmanHarris2)
            };
            Async::<f32>::new_sinc(to as f64 / from as f64, 1.0, &parameters, chunk, 1, FixedAsync::Input)
                .expect("valid resampler parameters")
        });
        // rubato leaves its filter delay out of the output; leading silence
        // of that length keeps the output as long as the input says.
        let delay = inner.as_ref().map_or(0, |r| (r.output_delay() as u64 * from as u64 / to.max(1) as u64) as usize);
        let mut pending = Vec::with_capacity(2 * chunk + delay);
        pending.resize(delay, 0.0);
        Resampler { inner, pending, chunk, converted: Vec::new() }
    }

    /// Converts a block, keeping phase across calls. Input short of a
    /// 10 ms chunk waits for the next block.
    pub fn process(&mut self, input: &[f32], out: &mut Vec<f32>) {
        let Some(inner) = &mut self.inner else {
            out.extend_from_slice(input);
            return;
        };
        self.pending.extend_from_slice(input);
        let mut used = 0;
        while self.pending.len() - used >= self.chunk {
            let frames = inner.output_frames_next();
            self.converted.resize(frames, 0.0);
            let chunk = &self.pending[used..used + self.chunk];
            let source = InterleavedSlice::new(chunk, 1, self.chunk).expect("one channel, a whole chunk");
            let mut target = InterleavedSlice::new_mut(&mut self.converted, 1, frames).expect("room for the output");
            let (consumed, produced) =
                inner.process_into_buffer(&source, &mut target, None).expect("buffers of the sizes asked for");
            used += consumed;
            out.extend_from_slice(&self.converted[..produced]);
        }
        self.pending.drain(..used);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(freq: f32, rate: f32, amp: f32, n: usize) -> impl Iterator<Item = f32> {
        (0..n).map(move |i| (2.0 * std::f32::consts::PI * freq * i as f32 / rate).sin() * amp)
    }

    /// The amplitude of `freq` in `samples` (one DFT bin, by Goertzel).
    fn amplitude(samples: &[f32], freq: f64, rate: f64) -> f64 {
        let w = 2.0 * std::f64::consts::PI * freq / rate;
        let k = 2.0 * w.cos();
        let (mut s1, mut s2) = (0.0f64, 0.0f64);
        for &x in samples {
            let s0 = x as f64 + k * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        let power = s1 * s1 + s2 * s2 - k * s1 * s2;
        2.0 * power.max(0.0).sqrt() / samples.len() as f64
    }

    #[test]
    fn rates_and_tone_survive() {
        let tone: Vec<f32> = tone(440.0, 48000.0, 0.5, 48000).collect();
        let mut r = Resampler::new(48000, 8000);
        let mut out = Vec::new();
        for c in tone.chunks(441) {
            r.process(c, &mut out);
        }
        assert!((out.len() as i32 - 8000).abs() <= 2, "{}", out.len());
        let pcm: Vec<i16> = out.iter().map(|v| (v * 32767.0) as i16).collect();
        let p440 = crate::dtmf::goertzel(&pcm, 440.0, 8000.0);
        assert!(p440 > 50.0 * crate::dtmf::goertzel(&pcm, 1000.0, 8000.0));
        let mut up = Resampler::new(8000, 44100);
        let mut o2 = Vec::new();
        up.process(&out, &mut o2);
        assert!((o2.len() as i32 - 44100).abs() <= 10, "{}", o2.len());
    }

    /// 3.9 kHz and 5 kHz at the headset's rate, converted to 8 kHz: the
    /// first is kept, the second's alias at 3 kHz is 40 dB down or more.
    fn check_anti_aliasing(rate: u32) {
        let amp = 0.4;
        let n = rate as usize * 2;
        let input: Vec<f32> =
            tone(3900.0, rate as f32, amp, n).zip(tone(5000.0, rate as f32, amp, n)).map(|(a, b)| a + b).collect();
        let mut r = Resampler::new(rate, 8000);
        let mut out = Vec::new();
        // Blocks of an odd size, as a sound card's callback delivers.
        for block in input.chunks(333) {
            r.process(block, &mut out);
        }
        // One second after the filter has settled: whole cycles of both.
        let settled = &out[2000..10000];
        let kept = amplitude(settled, 3900.0, 8000.0);
        let alias = amplitude(settled, 3000.0, 8000.0);
        assert!((kept / amp as f64 - 1.0).abs() < 0.1, "{rate} Hz: 3.9 kHz came out at {kept:.4} of {amp}");
        let down_db = 20.0 * (alias / amp as f64).log10();
        assert!(down_db <= -40.0, "{rate} Hz: the 5 kHz alias at 3 kHz is only {down_db:.1} dB down");
    }

    #[test]
    fn a_48_khz_headset_keeps_3_9_khz_and_stops_the_5_khz_alias() {
        check_anti_aliasing(48000);
    }

    #[test]
    fn a_44_1_khz_headset_keeps_3_9_khz_and_stops_the_5_khz_alias() {
        check_anti_aliasing(44100);
    }

    #[test]
    fn going_up_keeps_the_voice_band() {
        let input: Vec<f32> = tone(1000.0, 8000.0, 0.5, 16000).collect();
        let mut up = Resampler::new(8000, 48000);
        let mut out = Vec::new();
        for block in input.chunks(160) {
            up.process(block, &mut out);
        }
        let settled = &out[12000..60000];
        assert!((amplitude(settled, 1000.0, 48000.0) - 0.5).abs() < 0.03);
        // The image at 7 kHz is gone.
        assert!(amplitude(settled, 7000.0, 48000.0) < 0.005);
    }

    #[test]
    fn the_same_rate_passes_through() {
        let mut r = Resampler::new(8000, 8000);
        let mut out = Vec::new();
        r.process(&[0.1, 0.2], &mut out);
        assert_eq!(out, [0.1, 0.2]);
    }
}
