//! Audio devices. The media loop pulls one 20 ms frame (160 samples, 8 kHz
//! mono) from the microphone and pushes one to the speaker per tick; devices
//! adapt to that. `cpal_device` talks to the sound card on its own thread.
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

pub mod aec;
pub mod cpal_device;
pub mod resample;

pub const FRAME: usize = crate::jitter::FRAME;

pub trait AudioDevice: Send {
    /// The next 20 ms from the microphone (silence when there is none).
    fn capture(&mut self, frame: &mut [i16; FRAME]);
    /// 20 ms for the speaker.
    fn play(&mut self, frame: &[i16; FRAME]);
}

/// Makes a device for each call (the app opens the headset, tests a file).
pub trait AudioFactory: Send + Sync {
    fn open(&self) -> Box<dyn AudioDevice>;
}

/// Echo cancellation, applied to the microphone frame with the frame last
/// played as reference. Off by default: agents wear headsets.
pub trait EchoCanceller: Send {
    fn process(&mut self, mic: &mut [i16; FRAME], far_end: &[i16; FRAME]);
}

/// Input and output levels for the UI meters: peak of the last frame, 0..=32767.
#[derive(Debug, Default)]
pub struct Levels {
    pub input: AtomicU32,
    pub output: AtomicU32,
}

impl Levels {
    pub fn peak(frame: &[i16]) -> u32 {
        frame.iter().map(|s| s.unsigned_abs() as u32).max().unwrap_or(0)
    }
    pub fn get(&self) -> (u32, u32) {
        (self.input.load(Ordering::Relaxed), self.output.load(Ordering::Relaxed))
    }
}

/// Silence in, nothing out.
pub struct NullDevice;

impl AudioDevice for NullDevice {
    fn capture(&mut self, frame: &mut [i16; FRAME]) {
        frame.fill(0);
    }
    fn play(&mut self, _: &[i16; FRAME]) {}
}

/// Plays given samples as the microphone (then silence) and keeps what the
/// speaker got: the test device, and the "file" device of the settings page.
#[derive(Clone, Default)]
pub struct BufferDevice {
    pub mic: Arc<Mutex<std::collections::VecDeque<i16>>>,
    pub speaker: Arc<Mutex<Vec<i16>>>,
}

impl BufferDevice {
    pub fn with_mic(samples: &[i16]) -> BufferDevice {
        let d = BufferDevice::default();
        d.mic.lock().unwrap().extend(samples.iter().copied());
        d
    }
}

impl BufferDevice {
    /// A "file" device: the microphone plays a 16-bit WAV (8 kHz, first channel).
    pub fn from_wav(path: &std::path::Path) -> std::io::Result<BufferDevice> {
        let (rate, ch) = crate::recorder::read_wav(path)?;
        if rate != 8000 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{}: {rate} Hz, expected 8000", path.display()),
            ));
        }
        Ok(BufferDevice::with_mic(&ch[0]))
    }

    /// Writes what the speaker got so far as a mono 8 kHz WAV.
    pub fn save_speaker(&self, path: &std::path::Path) -> std::io::Result<()> {
        crate::recorder::write_mono_wav(path, 8000, &self.speaker.lock().unwrap())
    }
}

impl AudioDevice for BufferDevice {
    fn capture(&mut self, frame: &mut [i16; FRAME]) {
        let mut q = self.mic.lock().unwrap();
        for s in frame.iter_mut() {
            *s = q.pop_front().unwrap_or(0);
        }
    }
    fn play(&mut self, frame: &[i16; FRAME]) {
        self.speaker.lock().unwrap().extend_from_slice(frame);
    }
}

/// A factory handing out devices that share one microphone queue and one
/// speaker buffer (tests look at them after the call).
#[derive(Clone, Default)]
pub struct SharedBufferFactory(pub BufferDevice);

impl AudioFactory for SharedBufferFactory {
    fn open(&self) -> Box<dyn AudioDevice> {
        Box::new(self.0.clone())
    }
}

pub struct NullFactory;
impl AudioFactory for NullFactory {
    fn open(&self) -> Box<dyn AudioDevice> {
        Box::new(NullDevice)
    }
}

/// Plays back what it was given on the next capture: a remote party that
/// echoes, for delay measurements.
pub struct LoopbackDevice {
    last: [i16; FRAME],
}

impl Default for LoopbackDevice {
    fn default() -> Self {
        LoopbackDevice { last: [0; FRAME] }
    }
}

impl AudioDevice for LoopbackDevice {
    fn capture(&mut self, frame: &mut [i16; FRAME]) {
        *frame = self.last;
    }
    fn play(&mut self, frame: &[i16; FRAME]) {
        self.last = *frame;
    }
}

pub struct LoopbackFactory;
impl AudioFactory for LoopbackFactory {
    fn open(&self) -> Box<dyn AudioDevice> {
        Box::new(LoopbackDevice::default())
    }
}
