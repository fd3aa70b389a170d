//! Softphone figures: delay added by the jitter buffer and media path, CPU
//! per call, recording frames lost under injected loss and jitter, and the
//! parser fuzz throughput. `cargo bench -p hcrm-softphone` for the full run;
//! without `--bench` (as `cargo test` runs it) a short smoke run.
use hcrm_softphone::audio::{BufferDevice, LoopbackFactory, SharedBufferFactory};
use hcrm_softphone::engine::media::Impairment;
use hcrm_softphone::jitter::JitterBuffer;
use hcrm_softphone::recorder::read_wav;
use hcrm_softphone::{Phone, PhoneConfig, PhoneEvent};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::mpsc::UnboundedReceiver;

fn cpu_seconds() -> f64 {
    // utime + stime of this process, in clock ticks (USER_HZ = 100 on Linux).
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 =
        f.get(11).and_then(|v| v.parse().ok()).unwrap_or(0.0) + f.get(12).and_then(|v| v.parse().ok()).unwrap_or(0.0);
    ticks / 100.0
}

fn cfg(user: &str, rec: Option<&std::path::Path>, port_base: u16) -> PhoneConfig {
    let mut c = PhoneConfig::new(user, "x", "127.0.0.1", "127.0.0.1".parse().unwrap());
    c.rtp_ports = (port_base, port_base + 2000);
    c.recordings_dir = rec.map(|p| p.to_path_buf());
    c
}

/// B answers everything and echoes its audio (loopback device).
async fn echo_phone(port_base: u16) -> Phone {
    let (b, mut rx) = Phone::start(cfg("echo", None, port_base), Arc::new(LoopbackFactory)).await.unwrap();
    let bb = b.clone();
    tokio::spawn(async move {
        while let Some(e) = rx.recv().await {
            if let PhoneEvent::IncomingCall { call, .. } = e {
                let _ = bb.answer(&call).await;
            }
        }
    });
    b
}

async fn next_ended(
    rx: &mut UnboundedReceiver<PhoneEvent>,
) -> (Option<hcrm_softphone::recorder::RecordingMeta>, hcrm_softphone::engine::CallStats) {
    let mut rec = None;
    loop {
        match rx.recv().await.expect("events") {
            PhoneEvent::Ended { recording, .. } => rec = recording,
            PhoneEvent::CallStats { stats, .. } => return (rec, stats),
            _ => {}
        }
    }
}

fn onsets(x: &[i16]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut quiet = 0usize;
    for (i, s) in x.iter().enumerate() {
        if s.unsigned_abs() > 3000 {
            if quiet > 800 {
                out.push(i);
            }
            quiet = 0;
        } else {
            quiet += 1;
        }
    }
    out
}

/// A calls the echo phone, plays 100 ms bursts once a second; the recording
/// (agent left, far end right, sample-aligned) gives the round trip.
async fn call_with_bursts(
    echo_port: u16,
    secs: u64,
    imp: Option<Impairment>,
    port_base: u16,
) -> (f64, hcrm_softphone::engine::CallStats, u64, u64) {
    let dir = std::env::temp_dir().join(format!("hcrm-bench-{port_base}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut mic = Vec::new();
    for _ in 0..secs {
        mic.extend(hcrm_softphone::dtmf::tone(1000.0, 12000.0, 800));
        mic.extend(std::iter::repeat_n(0, 7200));
    }
    let mut c = cfg("agent", Some(&dir), port_base);
    c.impairment = imp;
    let (a, mut rx) = Phone::start(c, Arc::new(SharedBufferFactory(BufferDevice::with_mic(&mic)))).await.unwrap();
    let call = a.dial(&format!("sip:echo@127.0.0.1:{echo_port}")).await.unwrap();
    loop {
        if let Some(PhoneEvent::Answered { .. }) = rx.recv().await {
            break;
        }
    }
    tokio::time::sleep(Duration::from_secs(secs)).await;
    a.hangup(&call).await.unwrap();
    let (rec, stats) = next_ended(&mut rx).await;
    let rec = rec.expect("recording");
    let (_, ch) = read_wav(&dir.join(&rec.wav)).unwrap();
    let (l, r) = (onsets(&ch[0]), onsets(&ch[1]));
    let delays: Vec<f64> =
        l.iter().filter_map(|&t| r.iter().find(|&&u| u >= t && u < t + 4000).map(|&u| (u - t) as f64 / 8.0)).collect();
    let rt = if delays.is_empty() { f64::NAN } else { delays.iter().sum::<f64>() / delays.len() as f64 };
    a.shutdown().await;
    (rt, stats, rec.frames, ch[0].len() as u64)
}

fn jitter_buffer_sim(jitter_ms: f64, loss: f64, frames: u32) -> (f64, u64, u64) {
    use rand::{Rng, SeedableRng};
    let mut rng = rand::rngs::StdRng::seed_from_u64(1);
    let mut jb = JitterBuffer::new();
    let t0 = Instant::now();
    let mut arrivals: Vec<(Duration, u32)> = Vec::new();
    for i in 0..frames {
        let (drop, j): (f64, f64) = (rng.gen(), rng.gen());
        if drop >= loss {
            arrivals.push((Duration::from_micros((i as f64 * 20_000.0 + j * jitter_ms * 1000.0) as u64), i));
        }
    }
    arrivals.sort();
    let mut k = 0;
    for tick in 0..frames {
        let now = Duration::from_millis(tick as u64 * 20);
        while k < arrivals.len() && arrivals[k].0 <= now {
            let (at, i) = arrivals[k];
            jb.push(i * 160, &[1000; 160], t0 + at);
            k += 1;
        }
        jb.pop(t0 + now);
    }
    (jb.stats.mean_delay_ms(), jb.stats.concealed, jb.stats.late)
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    println!("softphone benchmarks ({})", if full { "full" } else { "smoke" });

    let cases = if full { 200_000 } else { 5_000 };
    let t = Instant::now();
    let accepted = hcrm_softphone::fuzz::run(cases, 42);
    println!(
        "fuzz: {cases} mutated inputs through the SIP/SDP/RTP parsers in {:.1} s, {accepted} parsed as SIP, no panic",
        t.elapsed().as_secs_f64()
    );

    for (j, l) in [(0.0, 0.0), (20.0, 0.01), (40.0, 0.03), (60.0, 0.05)] {
        let (d, conc, late) = jitter_buffer_sim(j, l, if full { 15_000 } else { 1_500 });
        println!("jitter buffer (simulated clock): jitter 0..{j:.0} ms, loss {:.0}%: mean buffer delay {d:.1} ms, concealed {conc}, late {late}", l * 100.0);
    }

    rt.block_on(async {
        let echo_port_base = 31000;
        let b = echo_phone(echo_port_base).await;
        let echo_port = b.local_sip.port();
        let secs = if full { 10 } else { 3 };

        let (rtt, stats, _, _) = call_with_bursts(echo_port, secs, None, 33000).await;
        println!("media path, clean network: round trip {rtt:.1} ms (two jitter buffers, two 20 ms packetisations, one echo tick), so {:.1} ms one way; jitter buffer alone {:.1} ms", rtt / 2.0, stats.jitter_buffer_delay_ms);
        let imp = Impairment { loss: 0.03, jitter_ms: 40 };
        let (rtt, stats, frames, wav_frames) = call_with_bursts(echo_port, secs, Some(imp), 35000).await;
        println!("media path, 3% loss + 0..40 ms jitter on the agent side: round trip {rtt:.1} ms, one way {:.1} ms; jitter buffer {:.1} ms, concealed {} frames", rtt / 2.0, stats.jitter_buffer_delay_ms, stats.concealed_frames);
        println!("recording under loss and jitter: {} ticks, {} written, frames lost {}; WAV {} sample frames = {} ticks x 160: {}", stats.ticks, stats.recorded_ticks, stats.ticks - stats.recorded_ticks, wav_frames, stats.ticks, if frames == stats.recorded_ticks * 160 { "consistent" } else { "MISMATCH" });

        // CPU: N agent calls to the echo phone at once, against the same idle time.
        let n = if full { 8 } else { 2 };
        let window = Duration::from_secs(if full { 10 } else { 3 });
        let mut agents = Vec::new();
        for i in 0..n {
            let (a, rx) = Phone::start(cfg(&format!("a{i}"), None, 37000 + i as u16 * 100), Arc::new(LoopbackFactory)).await.unwrap();
            agents.push((a, rx));
        }
        let c0 = cpu_seconds();
        tokio::time::sleep(window).await;
        let idle = cpu_seconds() - c0;
        let mut calls = Vec::new();
        for (a, rx) in agents.iter_mut() {
            let call = a.dial(&format!("sip:echo@127.0.0.1:{echo_port}")).await.unwrap();
            loop {
                if let Some(PhoneEvent::Answered { .. }) = rx.recv().await {
                    break;
                }
            }
            calls.push(call);
        }
        let c0 = cpu_seconds();
        let t0 = Instant::now();
        tokio::time::sleep(window).await;
        let busy = cpu_seconds() - c0;
        let wall = t0.elapsed().as_secs_f64();
        let per_call = (busy - idle).max(0.0) / wall / n as f64 * 100.0;
        println!("CPU: {n} calls (both ends in this process, echo far end) for {wall:.1} s: {:.1}% of a core in total, {per_call:.2}% of a core per call (both legs), about {:.2}% per agent leg", busy / wall * 100.0, per_call / 2.0);
        for ((a, _), call) in agents.iter().zip(calls) {
            let _ = a.hangup(&call).await;
        }
        b.shutdown().await;
    });
}
