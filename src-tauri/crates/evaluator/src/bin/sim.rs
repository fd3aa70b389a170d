//! `hcrm-evaluator-sim`: a software window evaluator on a pseudo-terminal.
//! Prints `SLAVE <path>` (open that path like a serial port), then behaves
//! like a device speaking protocol v1: answers HELLO with DEVICE_INFO,
//! heartbeats, shows staff, keeps key events until they are acknowledged and
//! retransmits them. Commands come from `--script FILE` or stdin, one a line:
//!
//! ```text
//! press K [N]        press key K (N times)
//! garbage N          N random bytes on the line
//! badcrc | badversion | truncated    one damaged frame
//! noise on|off       random garbage between frames
//! sleep MS
//! unplug [MS]        close the pty, wait, open a new one (prints SLAVE again)
//! wait-acked [MS]    wait until every key event is acknowledged
//! ignore N           ignore the next N host commands (SHOW_STAFF, PROMPT,
//!                    CLEAR): no ACK, no action, like frames lost on the line
//! quit
//! ```
//!
//! Output lines: SLAVE, PRESS <seq> <key>, ACKED <seq>, SHOW <name>, PROMPT,
//! ALL-ACKED, PENDING <n>, IGNORED <type> <seq>.

use std::collections::BTreeMap;
use std::io::{BufRead, Read, Write};
use std::os::fd::AsRawFd;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use hcrm_evaluator::pty;
use hcrm_shared::evaluator::{encode_frame, DeviceInfo, EvaluatorAdapter, Message, MessageType, V1Adapter};

#[derive(Parser, Debug)]
#[command(about = "Window evaluator simulator on a pseudo-terminal")]
struct Args {
    #[arg(long, default_value = "EV-SIM-0001")]
    device_id: String,
    /// 3, 4 or 5 keys.
    #[arg(long, default_value_t = 5)]
    layout: u8,
    /// Keep a symlink to the current pty here (like /dev/serial/by-id).
    #[arg(long)]
    link: Option<PathBuf>,
    #[arg(long, default_value_t = 5000)]
    heartbeat_ms: u64,
    #[arg(long, default_value_t = 1000)]
    retransmit_ms: u64,
    /// The first key event number (a real device keeps it in flash).
    #[arg(long, default_value_t = 1)]
    first_seq: u32,
    /// Random garbage between frames from the start.
    #[arg(long)]
    noise: bool,
    #[arg(long)]
    script: Option<PathBuf>,
    /// Ignore the first N host commands (SHOW_STAFF, PROMPT, CLEAR).
    #[arg(long, default_value_t = 0)]
    ignore_commands: u32,
}

enum Cmd {
    Press(u8),
    Garbage(usize),
    BadCrc,
    BadVersion,
    Truncated,
    Noise(bool),
    Ignore(u32),
    Unplug(u64),
    Quit,
}

fn out(line: String) {
    let mut o = std::io::stdout().lock();
    let _ = writeln!(o, "{line}");
    let _ = o.flush();
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

struct Device {
    args: Args,
    pty: pty::Pty,
    adapter: V1Adapter,
    next_seq: u32,
    /// event_seq -> (key, prompted, pressed, last sent)
    unacked: BTreeMap<u32, (u8, bool, Instant, Instant)>,
    pending: Arc<AtomicUsize>,
    prompted_until: Option<Instant>,
    started: Instant,
    noise: bool,
    /// Host commands still to ignore.
    ignore: u32,
    rng: Rng,
}

impl Device {
    fn open_pty(link: &Option<PathBuf>) -> pty::Pty {
        let p = pty::open().expect("openpty");
        if let Some(l) = link {
            let tmp = l.with_extension("tmp");
            let _ = std::fs::remove_file(&tmp);
            std::os::unix::fs::symlink(&p.path, &tmp).expect("symlink");
            std::fs::rename(&tmp, l).expect("rename link");
        }
        out(format!("SLAVE {}", p.path.display()));
        p
    }

    fn send(&mut self, m: &Message) {
        if let Ok(f) = self.adapter.encode(m) {
            self.write(&f);
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        if self.noise && self.rng.next().is_multiple_of(3) {
            let n = (self.rng.next() % 8) as usize;
            let junk: Vec<u8> = (0..n).map(|_| self.rng.next() as u8).collect();
            let _ = self.pty.master.write_all(&junk);
        }
        let _ = self.pty.master.write_all(bytes);
    }

    fn info(&self) -> Message {
        Message::DeviceInfo(DeviceInfo {
            version: 1,
            layout: self.args.layout,
            device_id: self.args.device_id.clone(),
            vendor: "HCRM".into(),
            model: "SIM".into(),
            firmware: env!("CARGO_PKG_VERSION").into(),
        })
    }

    fn send_event(&mut self, seq: u32) {
        if let Some((key, prompted, pressed, sent)) = self.unacked.get_mut(&seq) {
            *sent = Instant::now();
            let m = Message::KeyEvent {
                event_seq: seq,
                key: *key,
                layout: self.args.layout,
                prompted: *prompted,
                age_s: pressed.elapsed().as_secs() as u32,
            };
            self.send(&m);
        }
    }

    fn on_host(&mut self, seq: u16, m: Message) {
        let ack = |kind: MessageType| Message::Ack { kind: kind as u8, seq, reference: 0 };
        if self.ignore > 0 && matches!(m, Message::ShowStaff(_) | Message::Prompt { .. } | Message::Clear) {
            self.ignore -= 1;
            out(format!("IGNORED {:?} {seq}", m.message_type()));
            return;
        }
        match m {
            Message::Hello { .. } => {
                let i = self.info();
                self.send(&i);
            }
            Message::ShowStaff(s) => {
                out(format!("SHOW {} {}", s.name, s.staff_no));
                self.send(&ack(MessageType::ShowStaff));
            }
            Message::Prompt { timeout_s } => {
                out("PROMPT".into());
                self.prompted_until =
                    Some(Instant::now() + Duration::from_secs(if timeout_s == 0 { 3600 } else { timeout_s as u64 }));
                self.send(&ack(MessageType::Prompt));
            }
            Message::Clear => self.send(&ack(MessageType::Clear)),
            Message::Ack { kind, reference, .. } if kind == MessageType::KeyEvent as u8 => {
                if self.unacked.remove(&reference).is_some() {
                    out(format!("ACKED {reference}"));
                }
                self.pending.store(self.unacked.len(), Ordering::SeqCst);
            }
            _ => {}
        }
    }

    fn run(mut self, rx: Receiver<Cmd>) {
        let mut buf = [0u8; 512];
        let mut last_hb = Instant::now();
        let mut last_rx = Instant::now();
        self.send(&self.info());
        loop {
            match rx.recv_timeout(Duration::from_millis(1)) {
                Ok(Cmd::Quit) | Err(RecvTimeoutError::Disconnected) => return,
                Ok(Cmd::Press(k)) => {
                    let seq = self.next_seq;
                    self.next_seq += 1;
                    let prompted = self.prompted_until.is_some_and(|t| Instant::now() < t);
                    self.prompted_until = None;
                    let now = Instant::now();
                    self.unacked.insert(seq, (k, prompted, now, now));
                    self.pending.store(self.unacked.len(), Ordering::SeqCst);
                    out(format!("PRESS {seq} {k}"));
                    self.send_event(seq);
                }
                Ok(Cmd::Garbage(n)) => {
                    let junk: Vec<u8> = (0..n).map(|_| self.rng.next() as u8).collect();
                    let _ = self.pty.master.write_all(&junk);
                }
                Ok(Cmd::BadCrc) => {
                    let mut f = encode_frame(1, MessageType::Heartbeat as u8, 0, &[1, 0, 0, 0, 0]);
                    f[8] ^= 0xFF;
                    let _ = self.pty.master.write_all(&f);
                }
                Ok(Cmd::BadVersion) => {
                    let _ =
                        self.pty.master.write_all(&encode_frame(9, MessageType::Heartbeat as u8, 0, &[1, 0, 0, 0, 0]));
                }
                Ok(Cmd::Truncated) => {
                    let f = encode_frame(1, MessageType::KeyEvent as u8, 0, &[9, 9, 9, 9, 1, 5, 0, 0, 0, 0, 0]);
                    let _ = self.pty.master.write_all(&f[..f.len() - 4]);
                }
                Ok(Cmd::Noise(on)) => self.noise = on,
                Ok(Cmd::Ignore(n)) => self.ignore = n,
                Ok(Cmd::Unplug(ms)) => {
                    let link = self.args.link.clone();
                    if let Some(l) = &link {
                        let _ = std::fs::remove_file(l);
                    }
                    // Dropping both ends hangs up the reader's side.
                    let old = std::mem::replace(&mut self.pty, pty::open().expect("openpty"));
                    drop(old);
                    out("UNPLUGGED".into());
                    std::thread::sleep(Duration::from_millis(ms));
                    drop(std::mem::replace(&mut self.pty, Self::open_pty(&link)));
                    self.adapter = V1Adapter::new();
                    self.send(&self.info());
                }
                Err(RecvTimeoutError::Timeout) => {}
            }
            if pty::wait_readable(self.pty.master.as_raw_fd(), 20) {
                match self.pty.master.read(&mut buf) {
                    Ok(n) if n > 0 => {
                        last_rx = Instant::now();
                        for r in self.adapter.feed(&buf[..n]) {
                            self.on_host(r.seq, r.message);
                        }
                    }
                    _ => std::thread::sleep(Duration::from_millis(20)),
                }
            } else if last_rx.elapsed() > Duration::from_millis(100) {
                for r in self.adapter.idle() {
                    self.on_host(r.seq, r.message);
                }
            }
            if last_hb.elapsed() >= Duration::from_millis(self.args.heartbeat_ms) {
                last_hb = Instant::now();
                let m = Message::Heartbeat {
                    uptime_s: self.started.elapsed().as_secs() as u32,
                    pending: self.unacked.len().min(255) as u8,
                };
                self.send(&m);
            }
            let due: Vec<u32> = self
                .unacked
                .iter()
                .filter(|(_, v)| v.3.elapsed() >= Duration::from_millis(self.args.retransmit_ms))
                .map(|(k, _)| *k)
                .take(10)
                .collect();
            for seq in due {
                self.send_event(seq);
            }
        }
    }
}

fn main() {
    let args = Args::parse();
    let (tx, rx) = channel();
    let pending = Arc::new(AtomicUsize::new(0));
    let pty = Device::open_pty(&args.link);
    let device = Device {
        next_seq: args.first_seq,
        noise: args.noise,
        ignore: args.ignore_commands,
        pty,
        adapter: V1Adapter::new(),
        unacked: BTreeMap::new(),
        pending: pending.clone(),
        prompted_until: None,
        started: Instant::now(),
        rng: Rng(0x2545_F491_4F6C_DD1D ^ std::process::id() as u64),
        args,
    };
    let script = device.args.script.clone();
    let script_given = script.is_some();
    let mut quit_seen = false;
    let worker = std::thread::spawn(move || device.run(rx));
    let input: Box<dyn BufRead> = match script {
        Some(p) => Box::new(std::io::BufReader::new(std::fs::File::open(p).expect("script"))),
        None => Box::new(std::io::BufReader::new(std::io::stdin())),
    };
    for line in input.lines() {
        let Ok(line) = line else { break };
        let words: Vec<&str> = line.split_whitespace().collect();
        let num = |i: usize, d: u64| words.get(i).and_then(|w| w.parse::<u64>().ok()).unwrap_or(d);
        let cmd = match words.first().copied() {
            None | Some("#") => continue,
            Some("press") => {
                for _ in 0..num(2, 1) {
                    let _ = tx.send(Cmd::Press(num(1, 1) as u8));
                }
                continue;
            }
            Some("garbage") => Cmd::Garbage(num(1, 16) as usize),
            Some("badcrc") => Cmd::BadCrc,
            Some("badversion") => Cmd::BadVersion,
            Some("truncated") => Cmd::Truncated,
            Some("noise") => Cmd::Noise(words.get(1) != Some(&"off")),
            Some("unplug") => Cmd::Unplug(num(1, 500)),
            Some("ignore") => Cmd::Ignore(num(1, 1) as u32),
            Some("sleep") => {
                std::thread::sleep(Duration::from_millis(num(1, 100)));
                continue;
            }
            Some("wait-acked") => {
                let deadline = Instant::now() + Duration::from_millis(num(1, 60_000));
                std::thread::sleep(Duration::from_millis(20));
                while pending.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
                    std::thread::sleep(Duration::from_millis(10));
                }
                out(format!("PENDING {}", pending.load(Ordering::SeqCst)));
                if pending.load(Ordering::SeqCst) == 0 {
                    out("ALL-ACKED".into());
                }
                continue;
            }
            Some("quit") => Cmd::Quit,
            Some(other) => {
                out(format!("ERROR unknown command {other}"));
                continue;
            }
        };
        let quit = matches!(cmd, Cmd::Quit);
        let _ = tx.send(cmd);
        if quit {
            quit_seen = true;
            break;
        }
    }
    // A script ran out: keep being a device (heartbeats, retransmissions)
    // until killed. Stdin closed or `quit`: stop.
    if script_given && !quit_seen {
        let _keep = tx;
        let _ = worker.join();
    } else {
        drop(tx);
        let _ = worker.join();
    }
}
