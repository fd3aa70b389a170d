//! Linear-interpolation resampler between the device rate and 8 kHz. Speech
//! at 8 kHz has nothing above 4 kHz, so interpolation after the device's own
//! anti-aliasing is adequate; downsampling averages to limit aliasing.

#[derive(Debug, Clone)]
pub struct Resampler {
    from: u32,
    to: u32,
    pos: f64,
    last: f32,
}

impl Resampler {
    pub fn new(from: u32, to: u32) -> Resampler {
        Resampler { from, to, pos: 0.0, last: 0.0 }
    }

    /// Converts a block, keeping phase across calls.
    pub fn process(&mut self, input: &[f32], out: &mut Vec<f32>) {
        if self.from == self.to {
            out.extend_from_slice(input);
            return;
        }
        let step = self.from as f64 / self.to as f64;
        // Averaging window for downsampling (a crude low-pass).
        let win = if step > 1.0 { step.floor() as usize } else { 1 };
        while self.pos < input.len() as f64 {
            let i = self.pos.floor() as isize;
            let frac = (self.pos - i as f64) as f32;
            let at = |j: isize| if j < 0 { self.last } else { input[(j as usize).min(input.len() - 1)] };
            let v = if win > 1 {
                let mut acc = 0.0;
                for k in 0..win as isize {
                    acc += at(i - k);
                }
                acc / win as f32
            } else {
                at(i - 1) * (1.0 - frac) + at(i) * frac
            };
            out.push(v);
            self.pos += step;
        }
        self.pos -= input.len() as f64;
        if let Some(l) = input.last() {
            self.last = *l;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
