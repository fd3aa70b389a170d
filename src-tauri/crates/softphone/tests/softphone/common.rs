//! Helpers: free ports, a sipp process, a phone on loopback, event waits.
#![allow(dead_code)]
use hcrm_softphone::audio::{AudioFactory, NullFactory};
use hcrm_softphone::{Phone, PhoneConfig, PhoneEvent};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedReceiver;

pub const LOCAL: &str = "127.0.0.1";

/// A UDP port that was free a moment ago (sipp binds it itself).
pub fn free_port() -> u16 {
    loop {
        let s = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        let p = s.local_addr().unwrap().port();
        // Even, with p+1 free too, so sipp's media port and RTCP fit.
        if p % 2 == 0
            && std::net::UdpSocket::bind(("127.0.0.1", p + 1)).is_ok()
            && std::net::UdpSocket::bind(("127.0.0.1", p + 2)).is_ok()
        {
            return p;
        }
    }
}

pub fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("hcrm-softphone-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub struct Sipp {
    pub child: Child,
    pub port: u16,
    pub dir: PathBuf,
}

impl Sipp {
    /// Runs `sipp -sf scenario` on loopback; `extra` adds arguments (e.g. the
    /// target for a client scenario, `-rtp_echo`).
    pub fn start(name: &str, scenario: &str, extra: &[&str]) -> Sipp {
        Self::start_with(name, scenario, extra, |_| {})
    }

    /// Like `start`, with `prepare` writing files (pcaps) into sipp's directory first.
    pub fn start_with(name: &str, scenario: &str, extra: &[&str], prepare: impl FnOnce(&Path)) -> Sipp {
        let dir = tmpdir(name);
        prepare(&dir);
        let sf = dir.join("scenario.xml");
        std::fs::write(&sf, scenario).unwrap();
        let tcp = crate::listening::sipp_uses_tcp(extra);
        // A port that was free a moment ago can be taken by a test running
        // alongside; sipp then exits, and we try another port.
        for _ in 0..5 {
            let port = free_port();
            let mut cmd = Command::new("sipp");
            cmd.current_dir(&dir)
                .args([
                    "-sf",
                    sf.to_str().unwrap(),
                    "-i",
                    LOCAL,
                    "-p",
                    &port.to_string(),
                    "-m",
                    "1",
                    "-timeout",
                    "40s",
                    "-nostdin",
                    "-trace_err",
                    "-trace_msg",
                ])
                .args(extra)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            let mut child = cmd.spawn().expect("sipp is installed (package sip-tester)");
            if crate::listening::wait_bound(&mut child, port, tcp, Duration::from_secs(10)) {
                return Sipp { child, port, dir };
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("sipp did not start listening (scenario {name})");
    }

    pub fn addr(&self) -> SocketAddr {
        format!("{LOCAL}:{}", self.port).parse().unwrap()
    }

    /// Waits for sipp to finish; panics with its message log if it failed.
    pub fn wait_success(&mut self, within: Duration) {
        let deadline = std::time::Instant::now() + within;
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                assert!(st.success(), "sipp failed ({st}):\n{}", self.logs());
                return;
            }
            if std::time::Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("sipp did not finish in time:\n{}", self.logs());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn logs(&self) -> String {
        let mut out = String::new();
        for e in std::fs::read_dir(&self.dir).unwrap().flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "log") {
                let s = std::fs::read_to_string(&p).unwrap_or_default();
                let tail: String = s.chars().rev().take(6000).collect::<Vec<_>>().into_iter().rev().collect();
                out.push_str(&format!("== {}\n{tail}\n", p.display()));
            }
        }
        out
    }
}

impl Drop for Sipp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn config(user: &str, password: &str) -> PhoneConfig {
    let mut c = PhoneConfig::new(user, password, "hcrm.test", LOCAL.parse().unwrap());
    let base = 20000 + (std::process::id() % 200) as u16 * 100;
    c.rtp_ports = (base, base + 5000);
    c
}

pub async fn phone(cfg: PhoneConfig, audio: Arc<dyn AudioFactory>) -> (Phone, UnboundedReceiver<PhoneEvent>) {
    Phone::start(cfg, audio).await.unwrap()
}

pub async fn null_phone(cfg: PhoneConfig) -> (Phone, UnboundedReceiver<PhoneEvent>) {
    phone(cfg, Arc::new(NullFactory)).await
}

/// Waits for the first event matching `pred`, failing on timeout. Returns
/// the events skipped on the way too.
pub async fn wait_for(
    rx: &mut UnboundedReceiver<PhoneEvent>,
    secs: u64,
    pred: impl Fn(&PhoneEvent) -> bool,
) -> PhoneEvent {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
    let mut seen = Vec::new();
    loop {
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(Some(e)) if pred(&e) => return e,
            Ok(Some(e)) => seen.push(e),
            Ok(None) => panic!("phone stopped; events: {seen:?}"),
            Err(_) => panic!("timed out; events so far: {seen:?}"),
        }
    }
}

pub fn sipp_dir() -> &'static Path {
    Path::new("/usr/share/sip-tester")
}
