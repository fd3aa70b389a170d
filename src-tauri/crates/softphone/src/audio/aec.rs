//! A normalised-LMS echo canceller: an adaptive FIR estimate of the path from
//! the speaker to the microphone, subtracted from the microphone. Adequate for
//! the short, linear echo of a desk phone or laptop; headsets need none, which
//! is why it is off by default.
use super::{EchoCanceller, FRAME};

pub struct NlmsEchoCanceller {
    taps: Vec<f32>,
    history: Vec<f32>,
    pos: usize,
    mu: f32,
}

impl NlmsEchoCanceller {
    /// `taps` covers the echo tail: 256 taps = 32 ms at 8 kHz.
    pub fn new(taps: usize) -> NlmsEchoCanceller {
        NlmsEchoCanceller { taps: vec![0.0; taps], history: vec![0.0; taps], pos: 0, mu: 0.5 }
    }
}

impl Default for NlmsEchoCanceller {
    fn default() -> Self {
        Self::new(256)
    }
}

impl EchoCanceller for NlmsEchoCanceller {
    fn process(&mut self, mic: &mut [i16; FRAME], far_end: &[i16; FRAME]) {
        let n = self.taps.len();
        for i in 0..FRAME {
            self.pos = (self.pos + n - 1) % n;
            self.history[self.pos] = far_end[i] as f32 / 32768.0;
            let (mut y, mut energy) = (0.0f32, 1e-6f32);
            for k in 0..n {
                let x = self.history[(self.pos + k) % n];
                y += self.taps[k] * x;
                energy += x * x;
            }
            let e = mic[i] as f32 / 32768.0 - y;
            let g = self.mu * e / energy;
            for k in 0..n {
                self.taps[k] += g * self.history[(self.pos + k) % n];
            }
            mic[i] = (e.clamp(-1.0, 1.0) * 32767.0) as i16;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    #[test]
    fn cancels_a_linear_echo_by_more_than_20_db() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(5);
        let far: Vec<i16> = (0..8000 * 4).map(|_| rng.gen_range(-8000..8000)).collect();
        // Echo path: 5 ms delay at half amplitude plus a weaker reflection.
        let echo: Vec<i16> = (0..far.len())
            .map(|i| {
                let a = if i >= 40 { far[i - 40] as f32 * 0.5 } else { 0.0 };
                let b = if i >= 100 { far[i - 100] as f32 * -0.2 } else { 0.0 };
                (a + b) as i16
            })
            .collect();
        let mut aec = NlmsEchoCanceller::default();
        let (mut p_in, mut p_out) = (0.0f64, 0.0f64);
        for (k, (f, e)) in far.chunks_exact(FRAME).zip(echo.chunks_exact(FRAME)).enumerate() {
            let mut mic: [i16; FRAME] = e.try_into().unwrap();
            let before: f64 = mic.iter().map(|&s| (s as f64).powi(2)).sum();
            aec.process(&mut mic, f.try_into().unwrap());
            if k > 100 {
                // After two seconds of adaptation.
                p_in += before;
                p_out += mic.iter().map(|&s| (s as f64).powi(2)).sum::<f64>();
            }
        }
        let erle = 10.0 * (p_in / p_out.max(1.0)).log10();
        assert!(erle > 20.0, "echo return loss enhancement {erle:.1} dB");
    }
}
