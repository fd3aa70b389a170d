//! The sound card through cpal, on a dedicated thread.
//!
//! cpal streams are not `Send` and their callbacks run on the audio driver's
//! threads, so one thread per device owns the streams and the media loop only
//! touches two sample queues at 8 kHz. The thread picks the configured devices
//! (by name, or the system default), resamples between the device rate and
//! 8 kHz, and when a stream reports an error (a USB headset unplugged, the
//! sound server restarted) it drops the streams and reopens them, falling back
//! to the default device when the chosen one is gone.
use super::resample::Resampler;
use super::{AudioDevice, AudioFactory, FRAME};
use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use cpal::{FromSample, Sample, SizedSample};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Device choice; `None` means the system default.
#[derive(Debug, Clone, Default)]
pub struct CpalConfig {
    pub input: Option<String>,
    pub output: Option<String>,
}

/// Names of the input and output devices, for the settings page.
pub fn list_devices() -> (Vec<String>, Vec<String>) {
    let host = cpal::default_host();
    let names = |it: Result<_, _>| -> Vec<String> {
        match it {
            Ok(devs) => {
                let devs: Vec<cpal::Device> = devs;
                devs.iter().filter_map(|d| d.name().ok()).collect()
            }
            Err(_) => Vec::new(),
        }
    };
    (names(host.input_devices().map(|d| d.collect())), names(host.output_devices().map(|d| d.collect())))
}

/// Names of the system's default input and output devices, if any.
pub fn default_devices() -> (Option<String>, Option<String>) {
    let host = cpal::default_host();
    (host.default_input_device().and_then(|d| d.name().ok()), host.default_output_device().and_then(|d| d.name().ok()))
}

/// 200 ms of queued audio at most each way: more is latency, not safety.
const MAX_QUEUE: usize = 1600;

#[derive(Default)]
struct Shared {
    capture: Mutex<VecDeque<i16>>,
    playback: Mutex<VecDeque<i16>>,
    failed: AtomicBool,
    stop: AtomicBool,
    /// Times the streams were (re)opened; >1 means a recovery happened.
    pub opens: AtomicU64,
    pub underruns: AtomicU64,
    /// Samples delivered by the input and pulled by the output callbacks.
    captured: AtomicU64,
    pulled: AtomicU64,
}

pub struct CpalDevice {
    shared: Arc<Shared>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl CpalDevice {
    pub fn open(cfg: CpalConfig) -> CpalDevice {
        let shared = Arc::new(Shared::default());
        let s = shared.clone();
        let thread = std::thread::Builder::new()
            .name("hcrm-audio".into())
            .spawn(move || audio_thread(cfg, s))
            .expect("audio thread");
        CpalDevice { shared, thread: Some(thread) }
    }

    /// Waits until audio flows both ways (true) or the timeout passes. Sound
    /// servers can take a second or more to start a stream after opening it.
    pub fn wait_ready(&self, timeout: Duration) -> bool {
        let t = std::time::Instant::now();
        let start = (self.shared.captured.load(Ordering::Relaxed), self.shared.pulled.load(Ordering::Relaxed));
        while self.opens() == 0
            || self.shared.captured.load(Ordering::Relaxed) <= start.0
            || self.shared.pulled.load(Ordering::Relaxed) <= start.1
        {
            if t.elapsed() > timeout {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        true
    }

    /// How many times the streams were opened (1 = never had to recover).
    pub fn opens(&self) -> u64 {
        self.shared.opens.load(Ordering::Relaxed)
    }
}

impl Drop for CpalDevice {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl AudioDevice for CpalDevice {
    fn capture(&mut self, frame: &mut [i16; FRAME]) {
        let mut q = self.shared.capture.lock().unwrap();
        if q.len() < FRAME {
            self.shared.underruns.fetch_add(1, Ordering::Relaxed);
            frame.fill(0);
            return;
        }
        for s in frame.iter_mut() {
            *s = q.pop_front().unwrap_or(0);
        }
    }

    fn play(&mut self, frame: &[i16; FRAME]) {
        let mut q = self.shared.playback.lock().unwrap();
        q.extend(frame.iter().copied());
        while q.len() > MAX_QUEUE {
            q.pop_front();
        }
    }
}

pub struct CpalFactory(pub CpalConfig);

impl AudioFactory for CpalFactory {
    fn open(&self) -> Box<dyn AudioDevice> {
        Box::new(CpalDevice::open(self.0.clone()))
    }
}

fn pick(host: &cpal::Host, name: &Option<String>, input: bool) -> Option<cpal::Device> {
    if let Some(n) = name {
        let found = if input {
            host.input_devices().ok().and_then(|mut d| d.find(|d| d.name().ok().as_deref() == Some(n)))
        } else {
            host.output_devices().ok().and_then(|mut d| d.find(|d| d.name().ok().as_deref() == Some(n)))
        };
        if found.is_some() {
            return found;
        }
        tracing::warn!("audio device {n:?} not found; using the default");
    }
    if input {
        host.default_input_device()
    } else {
        host.default_output_device()
    }
}

fn input_stream<T>(
    dev: &cpal::Device,
    cfg: &cpal::StreamConfig,
    shared: Arc<Shared>,
) -> Result<cpal::Stream, cpal::BuildStreamError>
where
    T: SizedSample,
    f32: FromSample<T>,
{
    let channels = cfg.channels as usize;
    let mut rs = Resampler::new(cfg.sample_rate.0, 8000);
    let mut mono = Vec::new();
    let mut out = Vec::new();
    let err_shared = shared.clone();
    dev.build_input_stream(
        cfg,
        move |data: &[T], _: &cpal::InputCallbackInfo| {
            mono.clear();
            mono.extend(
                data.chunks(channels).map(|c| c.iter().map(|s| f32::from_sample(*s)).sum::<f32>() / channels as f32),
            );
            out.clear();
            rs.process(&mono, &mut out);
            shared.captured.fetch_add(out.len() as u64, Ordering::Relaxed);
            let mut q = shared.capture.lock().unwrap();
            q.extend(out.iter().map(|v| (v.clamp(-1.0, 1.0) * 32767.0) as i16));
            while q.len() > MAX_QUEUE {
                q.pop_front();
            }
        },
        move |e| {
            tracing::warn!("audio input error: {e}");
            err_shared.failed.store(true, Ordering::Relaxed);
        },
        None,
    )
}

fn output_stream<T>(
    dev: &cpal::Device,
    cfg: &cpal::StreamConfig,
    shared: Arc<Shared>,
) -> Result<cpal::Stream, cpal::BuildStreamError>
where
    T: SizedSample + FromSample<f32>,
{
    let channels = cfg.channels as usize;
    let mut rs = Resampler::new(8000, cfg.sample_rate.0);
    let mut pending: VecDeque<f32> = VecDeque::new();
    let mut tmp = Vec::new();
    let err_shared = shared.clone();
    dev.build_output_stream(
        cfg,
        move |data: &mut [T], _: &cpal::OutputCallbackInfo| {
            let frames = data.len() / channels;
            shared.pulled.fetch_add(frames as u64, Ordering::Relaxed);
            while pending.len() < frames {
                let chunk: Vec<f32> = {
                    let mut q = shared.playback.lock().unwrap();
                    let n = q.len().min(FRAME);
                    let mut c: Vec<f32> = q.drain(..n).map(|s| s as f32 / 32768.0).collect();
                    c.resize(FRAME, 0.0);
                    c
                };
                tmp.clear();
                rs.process(&chunk, &mut tmp);
                pending.extend(tmp.iter());
            }
            for f in data.chunks_mut(channels) {
                let v = T::from_sample(pending.pop_front().unwrap_or(0.0));
                f.iter_mut().for_each(|s| *s = v);
            }
        },
        move |e| {
            tracing::warn!("audio output error: {e}");
            err_shared.failed.store(true, Ordering::Relaxed);
        },
        None,
    )
}

/// The device's default configuration with a small buffer: 20 ms periods
/// when the device allows, since every buffered millisecond is call delay.
fn low_latency(sc: &cpal::SupportedStreamConfig) -> cpal::StreamConfig {
    let mut conf = sc.config();
    let want = conf.sample_rate.0 / 50;
    if let cpal::SupportedBufferSize::Range { min, max } = sc.buffer_size() {
        conf.buffer_size = cpal::BufferSize::Fixed(want.clamp(*min, *max));
    }
    conf
}

/// Calls `$build::<T>(args)` with `T` the Rust sample type of a cpal
/// sample format, or returns an error naming the unsupported format.
macro_rules! by_sample_format {
    ($fmt:expr, $what:literal, $build:ident($($arg:expr),*)) => {
        match $fmt {
            cpal::SampleFormat::F32 => $build::<f32>($($arg),*),
            cpal::SampleFormat::I16 => $build::<i16>($($arg),*),
            cpal::SampleFormat::I32 => $build::<i32>($($arg),*),
            cpal::SampleFormat::U16 => $build::<u16>($($arg),*),
            f => return Err(format!("unsupported {} format {f}", $what)),
        }
        .map_err(|e| e.to_string())
    };
}

fn make_input(
    dev: &cpal::Device,
    fmt: cpal::SampleFormat,
    conf: &cpal::StreamConfig,
    shared: &Arc<Shared>,
) -> Result<cpal::Stream, String> {
    by_sample_format!(fmt, "input", input_stream(dev, conf, shared.clone()))
}

fn make_output(
    dev: &cpal::Device,
    fmt: cpal::SampleFormat,
    conf: &cpal::StreamConfig,
    shared: &Arc<Shared>,
) -> Result<cpal::Stream, String> {
    by_sample_format!(fmt, "output", output_stream(dev, conf, shared.clone()))
}

fn open_streams(cfg: &CpalConfig, shared: &Arc<Shared>) -> Result<Vec<cpal::Stream>, String> {
    let host = cpal::default_host();
    let mut streams = Vec::new();
    // A small buffer first; some devices refuse it, then their default.
    if let Some(dev) = pick(&host, &cfg.input, true) {
        let sc = dev.default_input_config().map_err(|e| e.to_string())?;
        let s = make_input(&dev, sc.sample_format(), &low_latency(&sc), shared)
            .or_else(|_| make_input(&dev, sc.sample_format(), &sc.config(), shared))?;
        s.play().map_err(|e| e.to_string())?;
        streams.push(s);
    }
    if let Some(dev) = pick(&host, &cfg.output, false) {
        let sc = dev.default_output_config().map_err(|e| e.to_string())?;
        let s = make_output(&dev, sc.sample_format(), &low_latency(&sc), shared)
            .or_else(|_| make_output(&dev, sc.sample_format(), &sc.config(), shared))?;
        s.play().map_err(|e| e.to_string())?;
        streams.push(s);
    }
    if streams.is_empty() {
        return Err("no audio device".into());
    }
    Ok(streams)
}

fn audio_thread(cfg: CpalConfig, shared: Arc<Shared>) {
    while !shared.stop.load(Ordering::Relaxed) {
        shared.failed.store(false, Ordering::Relaxed);
        let streams = match open_streams(&cfg, &shared) {
            Ok(s) => s,
            Err(e) => {
                tracing::warn!("audio devices unavailable: {e}; retrying");
                std::thread::sleep(Duration::from_millis(500));
                continue;
            }
        };
        shared.opens.fetch_add(1, Ordering::Relaxed);
        while !shared.stop.load(Ordering::Relaxed) && !shared.failed.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(50));
        }
        drop(streams);
        if !shared.stop.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(300));
        }
    }
}

/// Result of the settings page's device test.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceTest {
    /// Whether both streams opened (and audio flowed) within the time given.
    pub opened: bool,
    /// Loudest microphone sample seen while the tone played (0..=32767).
    pub input_peak: u32,
}

/// Plays a 440 Hz test tone on the chosen output for `secs` and reports the
/// microphone's peak meanwhile (speak, or hold the headset to the mic).
pub fn test_devices(cfg: CpalConfig, secs: f64) -> DeviceTest {
    let mut dev = CpalDevice::open(cfg);
    if !dev.wait_ready(Duration::from_secs(10)) {
        return DeviceTest { opened: false, input_peak: 0 };
    }
    let tone = crate::dtmf::tone(440.0, 8000.0, (secs * 8000.0) as usize);
    let mut peak = 0;
    let start = std::time::Instant::now();
    for (i, chunk) in tone.chunks_exact(FRAME).enumerate() {
        let mut f = [0i16; FRAME];
        f.copy_from_slice(chunk);
        dev.play(&f);
        let mut c = [0i16; FRAME];
        dev.capture(&mut c);
        peak = peak.max(super::Levels::peak(&c));
        let due = start + Duration::from_millis(20 * (i as u64 + 1));
        std::thread::sleep(due.saturating_duration_since(std::time::Instant::now()));
    }
    DeviceTest { opened: true, input_peak: peak }
}
