//! The cpal path through a PulseAudio null sink: what the device plays goes
//! into the sink, its monitor is the capture source, so a tone played comes
//! back through capture — resampled from the sink's 48 kHz to 8 kHz and
//! back. Then the sound server is killed and restarted: the device recovers.
//! cpal speaks ALSA; ALSA reaches PulseAudio through the `pulse` PCM of
//! libasound2-plugins, selected here by device name.
use crate::media_check::tone_seconds;
use hcrm_softphone::audio::cpal_device::{list_devices, CpalConfig, CpalDevice};
use hcrm_softphone::audio::{AudioDevice, FRAME};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The sound server, killed when dropped (also when an assertion fails).
struct Pulse(Child);

impl Drop for Pulse {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_pulse(dir: &Path) -> Pulse {
    let sock = dir.join("native");
    let _ = std::fs::remove_file(&sock);
    std::fs::write(
        dir.join("pa.pa"),
        format!(
            "load-module module-null-sink sink_name=hcrm_null rate=48000\nload-module module-native-protocol-unix auth-anonymous=1 socket={}\nset-default-sink hcrm_null\nset-default-source hcrm_null.monitor\n",
            sock.display()
        ),
    )
    .unwrap();
    let child = Command::new("pulseaudio")
        .args([
            "-n",
            "-F",
            dir.join("pa.pa").to_str().unwrap(),
            "--exit-idle-time=-1",
            "--daemonize=no",
            "--use-pid-file=no",
            "--disable-shm=yes",
        ])
        .env("HOME", dir)
        .env("PULSE_RUNTIME_PATH", dir.join("run"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("pulseaudio is installed");
    for _ in 0..100 {
        if sock.exists() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let pulse = Pulse(child);
    assert!(sock.exists(), "pulseaudio did not start");
    pulse
}

/// Plays 440 Hz for `secs` in 20 ms steps, then 1.5 s of silence while the
/// sound server's buffers drain, and returns what was captured.
fn loop_tone(dev: &mut CpalDevice, secs: f64) -> Vec<i16> {
    let mut tone = hcrm_softphone::dtmf::tone(440.0, 12000.0, (secs * 8000.0) as usize);
    tone.resize(tone.len() + 12000, 0);
    let mut got = Vec::new();
    let start = std::time::Instant::now();
    for (i, chunk) in tone.chunks_exact(FRAME).enumerate() {
        let mut f = [0i16; FRAME];
        f.copy_from_slice(chunk);
        dev.play(&f);
        let mut c = [0i16; FRAME];
        dev.capture(&mut c);
        got.extend_from_slice(&c);
        let due = start + Duration::from_millis(20 * (i as u64 + 1));
        std::thread::sleep(due.saturating_duration_since(std::time::Instant::now()));
    }
    got
}

#[test]
fn cpal_plays_and_captures_through_a_pulseaudio_null_sink_and_recovers() {
    let dir = crate::common::tmpdir("pulse");
    let pa = start_pulse(&dir);
    // Only this test talks to PulseAudio; the variable is read by the ALSA pulse plugin.
    std::env::set_var("PULSE_SERVER", format!("unix:{}", dir.join("native").display()));
    let (inputs, outputs) = list_devices();
    assert!(
        inputs.iter().any(|d| d == "pulse") && outputs.iter().any(|d| d == "pulse"),
        "ALSA lists no pulse device: {inputs:?} {outputs:?}"
    );
    let mut dev = CpalDevice::open(CpalConfig { input: Some("pulse".into()), output: Some("pulse".into()) });
    // Opening ALSA devices takes a while (it probes every plugin); the app
    // opens the device when the call starts ringing.
    assert!(dev.wait_ready(Duration::from_secs(10)), "the device opened");
    let got = loop_tone(&mut dev, 3.0);
    let heard = tone_seconds(&got, 440.0);
    // Functional, not a latency figure: most of the tone must come back even on a busy machine.
    assert!(heard >= 1.5, "captured 440 Hz for {heard} s of 3");
    assert_eq!(dev.opens(), 1);

    // The sound server goes away (like a headset unplugged) and comes back.
    drop(pa);
    std::thread::sleep(Duration::from_millis(500));
    let _pa = start_pulse(&dir);
    let t = std::time::Instant::now();
    while dev.opens() < 2 && t.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(dev.wait_ready(Duration::from_secs(10)), "the device reopened");
    let got = loop_tone(&mut dev, 3.0);
    let heard = tone_seconds(&got, 440.0);
    assert!(dev.opens() >= 2, "the streams were reopened");
    assert!(heard >= 1.5, "after recovery, captured 440 Hz for {heard} s of 3");
    drop(dev);
    // The settings page's test: the tone comes back through the sink's monitor.
    let t = hcrm_softphone::audio::cpal_device::test_devices(
        CpalConfig { input: Some("pulse".into()), output: Some("pulse".into()) },
        3.0,
    );
    assert!(t.opened && t.input_peak > 4000, "{t:?}");
}
