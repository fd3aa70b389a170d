//! Sample-rate conversion between the headset's rate (48 kHz, 44.1 kHz...)
//! and the 8 kHz of G.711.
//!
//! Why `rubato`: a maintained resampler with a real anti-aliasing filter
//! (windowed sinc, SIMD on x86 and ARM) for any pair of rates, where the
//! linear interpolation it replaces let everything between 4 kHz and the
//! headset's Nyquist fold back into the voice band.
//!
//! The filters, both Blackman-windowed sincs, linear phase:
//! - Going down, 10 ms long at the input rate (480 taps at 48 kHz), cutoff
//!   (-6 dB) at the 4 kHz Nyquist of the output: 3.9 kHz loses 1.3 dB, 4.2 kHz
//!   is 39 dB down and 4.5 kHz and above (what would alias to 3.5 kHz and
//!   below) more than 75 dB down. Delay 5 ms.
//! - Going up, 4 ms long (32 taps at 8 kHz), cutoff at 3.8 kHz: flat to
//!   3.4 kHz, the images of the voice band more than 75 dB down. Delay 2 ms.
//!
//! Every block is converted as it comes (rubato's chunk size is set to the
//! block), so nothing waits for a full chunk: the only latency is the
//! filter's. The output is as long as the input says at every moment
//! (input × to / from, rounded down), its first samples being the filter's
//! start-up silence rather than dropped: dropping them would not make the
//! call any less late, only leave the count short by the delay.

use rubato::audioadapter_buffers::direct::InterleavedSlice;
use rubato::{Async, FixedAsync, Resampler as _, Resizable as _, SincInterpolationParameters, WindowFunction};

/// Length of the down filter, in seconds of input.
const DOWN_FILTER_SECONDS: f64 = 0.010;
/// Cutoff of the down filter, relative to the output's Nyquist.
const DOWN_CUTOFF: f32 = 1.0;
/// Length of the up filter, in seconds of input.
const UP_FILTER_SECONDS: f64 = 0.004;
/// Cutoff of the up filter, relative to the input's Nyquist.
const UP_CUTOFF: f32 = 0.95;
/// The largest block handed to rubato at once: 10 ms of input. Bigger
/// blocks are cut; this only sizes rubato's buffers.
const MAX_BLOCK_SECONDS: f64 = 0.010;
/// Input frames rubato's interpolation reads beyond the last output it
/// makes. Leading the stream with this much silence keeps the output count
/// at input × ratio instead of that many frames' worth short.
const LOOKAHEAD_FRAMES: usize = 2;

#[derive(Debug)]
pub struct Resampler {
    /// None when both rates are the same.
    conversion: Option<Conversion>,
}

#[derive(Debug)]
struct Conversion {
    sinc: Async<f32>,
    max_block: usize,
    /// Output of the lead-in silence, handed out with the first block.
    lead_in: Vec<f32>,
}

impl Resampler {
    pub fn new(from: u32, to: u32) -> Resampler {
        assert!(from > 0 && to > 0, "sample rates must be positive: {from} -> {to}");
        if from == to {
            return Resampler { conversion: None };
        }
        let (seconds, cutoff) =
            if to < from { (DOWN_FILTER_SECONDS, DOWN_CUTOFF) } else { (UP_FILTER_SECONDS, UP_CUTOFF) };
        let taps = ((from as f64 * seconds).round() as usize).max(8);
        let parameters = SincInterpolationParameters::new(taps, WindowFunction::Blackman).f_cutoff(cutoff);
        let max_block = ((from as f64 * MAX_BLOCK_SECONDS) as usize).max(1);
        let sinc = Async::<f32>::new_sinc(to as f64 / from as f64, 1.0, &parameters, max_block, 1, FixedAsync::Input)
            .expect("positive rates and a non-empty chunk make a valid resampler");
        let mut conversion = Conversion { sinc, max_block, lead_in: Vec::new() };
        let mut lead_in = Vec::new();
        conversion.convert(&[0.0; LOOKAHEAD_FRAMES], &mut lead_in);
        conversion.lead_in = lead_in;
        Resampler { conversion: Some(conversion) }
    }

    /// Converts a block of any size, keeping phase and filter state across
    /// calls.
    pub fn process(&mut self, input: &[f32], out: &mut Vec<f32>) {
        match &mut self.conversion {
            None => out.extend_from_slice(input),
            Some(conversion) => {
                out.append(&mut conversion.lead_in);
                conversion.convert(input, out);
            }
        }
    }
}

impl Conversion {
    fn convert(&mut self, input: &[f32], out: &mut Vec<f32>) {
        for block in input.chunks(self.max_block) {
            self.sinc.set_chunk_size(block.len()).expect("blocks are cut to the maximum chunk");
            let start = out.len();
            let frames = self.sinc.output_frames_next();
            out.resize(start + frames, 0.0);
            let source = InterleavedSlice::new(block, 1, block.len()).expect("one channel, the whole block");
            let mut target = InterleavedSlice::new_mut(&mut out[start..], 1, frames).expect("room made for the output");
            let (_, produced) = self
                .sinc
                .process_into_buffer(&source, &mut target, None)
                .expect("buffers of the sizes the resampler asked for");
            out.truncate(start + produced);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(freq: f64, rate: u32, amp: f32, n: usize) -> Vec<f32> {
        (0..n).map(|i| (2.0 * std::f64::consts::PI * freq * i as f64 / rate as f64).sin() as f32 * amp).collect()
    }

    /// Peak amplitude of `freq` in `samples` (one DFT bin, by Goertzel);
    /// exact when the window holds whole cycles.
    fn amplitude(samples: &[f32], freq: f64, rate: f64) -> f64 {
        let k = 2.0 * (2.0 * std::f64::consts::PI * freq / rate).cos();
        let (mut s1, mut s2) = (0.0f64, 0.0f64);
        for &x in samples {
            let s0 = x as f64 + k * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        let power = s1 * s1 + s2 * s2 - k * s1 * s2;
        2.0 * power.max(0.0).sqrt() / samples.len() as f64
    }

    fn db(ratio: f64) -> f64 {
        20.0 * ratio.log10()
    }

    /// Converts `input` in blocks of an odd size, as a sound card's callback
    /// delivers, checking the output count after every block.
    fn convert(from: u32, to: u32, input: &[f32], block: usize) -> Vec<f32> {
        let mut r = Resampler::new(from, to);
        let mut out = Vec::new();
        let mut fed = 0u64;
        for b in input.chunks(block) {
            r.process(b, &mut out);
            fed += b.len() as u64;
            let expected = (fed * to as u64 / from as u64) as i64;
            assert!((out.len() as i64 - expected).abs() <= 1, "{from} -> {to}: {} after {fed}", out.len());
        }
        out
    }

    #[test]
    fn rates_and_tone_survive() {
        let tone: Vec<f32> =
            (0..48000).map(|i| (2.0 * std::f32::consts::PI * 440.0 * i as f32 / 48000.0).sin() * 0.5).collect();
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

    /// At the headset's rate, 3.9 kHz and (separately) 5 kHz converted to
    /// 8 kHz: the first is kept, the second's alias at 3 kHz is 40 dB down
    /// or more. Measured over the second after a quarter second of settling.
    fn check_anti_aliasing(rate: u32) -> (f64, f64) {
        let amp = 0.5;
        let n = rate as usize * 3 / 2;
        let settled = 2000..10000;
        let kept = convert(rate, 8000, &tone(3900.0, rate, amp, n), 333);
        let kept_db = db(amplitude(&kept[settled.clone()], 3900.0, 8000.0) / amp as f64);
        assert!(kept_db.abs() <= 1.5, "{rate} Hz: 3.9 kHz came out at {kept_db:.2} dB");
        let folded = convert(rate, 8000, &tone(5000.0, rate, amp, n), 333);
        let alias_db = db(amplitude(&folded[settled], 3000.0, 8000.0) / amp as f64);
        assert!(alias_db <= -40.0, "{rate} Hz: the 5 kHz alias at 3 kHz is only {alias_db:.1} dB down");
        (kept_db, alias_db)
    }

    #[test]
    fn a_48_khz_headset_keeps_3_9_khz_and_stops_the_5_khz_alias() {
        let (kept, alias) = check_anti_aliasing(48000);
        println!("48 kHz: 3.9 kHz at {kept:.2} dB, 5 kHz alias at {alias:.1} dB");
    }

    #[test]
    fn a_44_1_khz_headset_keeps_3_9_khz_and_stops_the_5_khz_alias() {
        let (kept, alias) = check_anti_aliasing(44100);
        println!("44.1 kHz: 3.9 kHz at {kept:.2} dB, 5 kHz alias at {alias:.1} dB");
    }

    #[test]
    fn a_44_1_khz_headset_comes_out_at_8_khz() {
        // Blocks of 441 (10 ms), of one sample, and bigger than rubato's chunk.
        for block in [441, 1, 5000] {
            let out = convert(44100, 8000, &tone(1000.0, 44100, 0.5, 88200), block);
            assert!(out.len().abs_diff(16000) <= 1, "blocks of {block}: {}", out.len());
            let level = amplitude(&out[4000..12000], 1000.0, 8000.0);
            assert!((db(level / 0.5)).abs() < 0.1, "blocks of {block}: 1 kHz at {level:.4}");
        }
    }

    #[test]
    fn going_up_keeps_a_1_khz_tone() {
        for rate in [48000, 44100] {
            let out = convert(8000, rate, &tone(1000.0, 8000, 0.5, 16000), 160);
            assert!(out.len().abs_diff(2 * rate as usize) <= 1, "{rate} Hz: {}", out.len());
            let settled = &out[rate as usize / 4..rate as usize * 5 / 4];
            let level = db(amplitude(settled, 1000.0, rate as f64) / 0.5);
            assert!(level.abs() < 0.1, "{rate} Hz: 1 kHz at {level:.2} dB");
            // The image at 7 kHz is gone.
            let image = db(amplitude(settled, 7000.0, rate as f64) / 0.5);
            assert!(image < -60.0, "{rate} Hz: the 7 kHz image at {image:.1} dB");
        }
    }

    /// Where a click at the input comes out, in milliseconds late.
    fn delay_ms(from: u32, to: u32) -> f64 {
        let at = from as usize / 10;
        let mut click = vec![0.0; from as usize / 5];
        click[at] = 1.0;
        let out = convert(from, to, &click, 160);
        let peak = (0..out.len()).max_by(|&a, &b| out[a].abs().total_cmp(&out[b].abs())).unwrap();
        (peak as f64 / to as f64 - at as f64 / from as f64) * 1000.0
    }

    #[test]
    fn the_delay_is_the_filters_only() {
        let down = delay_ms(48000, 8000);
        let up = delay_ms(8000, 48000);
        println!("delay: {down:.2} ms down, {up:.2} ms up");
        assert!((0.0..=5.5).contains(&down), "{down} ms down");
        assert!((0.0..=2.5).contains(&up), "{up} ms up");
    }

    #[test]
    fn the_same_rate_passes_through() {
        let mut r = Resampler::new(8000, 8000);
        let mut out = Vec::new();
        r.process(&[0.1, 0.2], &mut out);
        assert_eq!(out, [0.1, 0.2]);
    }
}
