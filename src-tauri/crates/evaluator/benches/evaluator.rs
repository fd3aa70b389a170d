//! Key press to server: an in-process device on a pseudo-terminal, the real
//! reader (link + store + forwarder) and the real server binary. Prints the
//! latency from writing a KEY_EVENT to the server confirming it (p50, p99)
//! and events per second for a burst.
//!
//! `cargo bench -p hcrm-evaluator --bench evaluator`
//!
//! Without `--bench` (under `cargo test --all-targets`) it does a tiny run.

#[path = "../tests/common/mod.rs"]
mod common;

use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hcrm_evaluator::{pty, CounterContext, Forwarder, Link, PortSettings, ServerAuth, Shared, Store};
use hcrm_shared::evaluator::{DeviceInfo, EvaluatorAdapter, Message, V1Adapter};

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let (latency_n, burst_n) = if full { (300, 2000) } else { (10, 50) };
    let dir = tempfile::tempdir().unwrap();
    let server = common::Server::start(dir.path());
    let p = pty::open().unwrap();
    let mut master_w = p.master.try_clone().unwrap();
    let mut master_r = p.master.try_clone().unwrap();
    let stop = Arc::new(AtomicBool::new(false));

    // The device: answers HELLO, swallows ACKs.
    let device = {
        let stop = stop.clone();
        let mut w = p.master.try_clone().unwrap();
        std::thread::spawn(move || {
            let mut a = V1Adapter::new();
            let mut buf = [0u8; 4096];
            while !stop.load(Ordering::Relaxed) {
                if !pty::wait_readable(master_r.as_raw_fd(), 50) {
                    continue;
                }
                let Ok(n) = master_r.read(&mut buf) else { break };
                for r in a.feed(&buf[..n]) {
                    if let Message::Hello { .. } = r.message {
                        let info = Message::DeviceInfo(DeviceInfo {
                            version: 1,
                            layout: 5,
                            device_id: common::DEVICE.into(),
                            vendor: "bench".into(),
                            model: "b".into(),
                            firmware: "1".into(),
                        });
                        let _ = w.write_all(&a.encode(&info).unwrap());
                    }
                }
            }
        })
    };

    let shared = Shared::default();
    shared.set_context(CounterContext { clerk_id: None, ..Default::default() });
    let store = dir.path().join("reader.db");
    let settings = PortSettings { port: Some(p.path.to_string_lossy().into_owned()), ..PortSettings::default() };
    let (tx, rx) = std::sync::mpsc::channel();
    let link = Link::new(settings, Store::open(&store).unwrap(), shared.clone(), rx);
    let link_thread = std::thread::spawn(move || link.run());
    let rt = tokio::runtime::Runtime::new().unwrap();
    let auth = Arc::new(Mutex::new(ServerAuth {
        base_url: server.url.clone(),
        token: None,
        username: Some("clerk1".into()),
        password: Some(common::PASSWORD.into()),
    }));
    let fstop = Arc::new(tokio::sync::Notify::new());
    let fwd = rt.spawn(Forwarder::new(Store::open(&store).unwrap(), shared.clone(), auth).run(fstop.clone()));
    common::wait_for("the reader to connect", Duration::from_secs(30), || {
        (shared.status().device_id.is_some()).then_some(())
    });

    let mut enc = V1Adapter::new();
    let mut seq = 0u32;
    let mut press = |w: &mut std::fs::File| {
        seq += 1;
        let m = Message::KeyEvent { event_seq: seq, key: 1 + (seq % 5) as u8, layout: 5, prompted: true, age_s: 0 };
        w.write_all(&enc.encode(&m).unwrap()).unwrap();
    };
    let forwarded = |shared: &Shared| shared.status().forwarded;

    // Warm-up (login, first connections).
    press(&mut master_w);
    common::wait_for("the first event", Duration::from_secs(30), || (forwarded(&shared) == 1).then_some(()));

    let mut lat = Vec::with_capacity(latency_n);
    for i in 0..latency_n {
        let t = Instant::now();
        press(&mut master_w);
        let want = 2 + i as u64;
        while forwarded(&shared) < want {
            std::thread::sleep(Duration::from_micros(100));
            assert!(t.elapsed() < Duration::from_secs(30), "event {want} never arrived");
        }
        lat.push(t.elapsed());
    }
    lat.sort();
    let pct = |q: f64| lat[((lat.len() as f64 * q).ceil() as usize).clamp(1, lat.len()) - 1];

    let before = forwarded(&shared);
    let t = Instant::now();
    for _ in 0..burst_n {
        press(&mut master_w);
    }
    common::wait_for("the burst", Duration::from_secs(300), || {
        (forwarded(&shared) >= before + burst_n as u64).then_some(())
    });
    let burst = t.elapsed();

    // The machine is shared: the load average says how much the figures are worth.
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "evaluator: server on {}, load average {}",
        if server.is_postgres() { "PostgreSQL" } else { "SQLite" },
        load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    );
    println!("evaluator: key press -> server confirmed, {latency_n} sequential presses");
    println!("  p50 {:>8.2} ms", pct(0.50).as_secs_f64() * 1000.0);
    println!("  p99 {:>8.2} ms", pct(0.99).as_secs_f64() * 1000.0);
    println!("  max {:>8.2} ms", lat.last().unwrap().as_secs_f64() * 1000.0);
    println!(
        "evaluator: burst of {burst_n} presses stored, acknowledged and forwarded in {:.2} s: {:.0} events/s",
        burst.as_secs_f64(),
        burst_n as f64 / burst.as_secs_f64()
    );
    let st = shared.status();
    println!(
        "  line: {} frames, {} rejected; stored {}, repeated {}",
        st.line.frames,
        st.line.rejected(),
        st.events_stored,
        st.events_repeated
    );

    let _ = tx.send(hcrm_evaluator::Command::Stop);
    fstop.notify_one();
    let _ = rt.block_on(fwd);
    stop.store(true, Ordering::Relaxed);
    let _ = link_thread.join();
    let _ = device.join();
}
