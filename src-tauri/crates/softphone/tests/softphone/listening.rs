//! Waits until a peer process (sipp) has bound its port, instead of sleeping a
//! fixed time: on a loaded CI machine sipp can take longer than any sleep, and
//! a TCP dial before it listens is refused.
use std::process::Child;
use std::time::{Duration, Instant};

/// Whether a local socket on `port` is bound: a TCP listener (state 0A) when
/// `tcp`, else any UDP socket. Read from /proc so no probe connects to the peer.
pub fn port_bound(port: u16, tcp: bool) -> bool {
    let files: &[&str] = if tcp { &["/proc/net/tcp", "/proc/net/tcp6"] } else { &["/proc/net/udp", "/proc/net/udp6"] };
    let want = format!(":{port:04X}");
    files.iter().any(|f| {
        std::fs::read_to_string(f).unwrap_or_default().lines().skip(1).any(|line| {
            let cols: Vec<&str> = line.split_whitespace().collect();
            cols.len() > 3 && cols[1].ends_with(&want) && (!tcp || cols[3] == "0A")
        })
    })
}

/// Waits up to `within` for `child` to bind `port`. False if it exited first
/// (usually: the port was taken meanwhile) or never bound it.
pub fn wait_bound(child: &mut Child, port: u16, tcp: bool, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if port_bound(port, tcp) {
            return true;
        }
        if matches!(child.try_wait(), Ok(Some(_))) {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

/// Whether sipp's arguments choose a TCP transport (`-t t1`, `-t tn`).
pub fn sipp_uses_tcp(extra: &[&str]) -> bool {
    extra.windows(2).any(|w| w[0] == "-t" && w[1].starts_with('t'))
}
