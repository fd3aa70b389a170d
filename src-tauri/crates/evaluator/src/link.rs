//! The link to one device: connects (by name or device id), keeps the
//! session alive, stores key events and only then acknowledges them,
//! reconnects after unplugging. Runs on its own thread (blocking I/O).

use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use chrono::Utc;
use hcrm_shared::backoff::Backoff;
use hcrm_shared::evaluator::{
    DecoderStats, DeviceInfo, ErrorCode, EvaluatorAdapter, KeyLayout, Message, MessageType, ShowStaff, V1Adapter,
};

use crate::command::{self, Outstanding, Step};
use crate::config::PortSettings;
use crate::probe::{self, Port};
use crate::status::{CounterContext, Shared};
use crate::store::{NewEvent, Store};

/// What the UI asks the device to do.
#[derive(Debug, Clone)]
pub enum Command {
    /// 请评价: invite a rating for this many seconds.
    Prompt {
        timeout_s: u8,
    },
    /// Show who is at the counter (from the context).
    ShowStaff,
    Clear,
    /// New port settings: drop the connection and reconnect with them.
    Reconfigure(PortSettings),
    Stop,
}

pub struct Link {
    settings: PortSettings,
    store: Store,
    shared: Shared,
    commands: Receiver<Command>,
    /// Counters of earlier connections.
    base: DecoderStats,
}

const INTER_BYTE_TIMEOUT: Duration = Duration::from_millis(100);
const SILENCE_HELLO: Duration = Duration::from_secs(15);
const SILENCE_RECONNECT: Duration = Duration::from_secs(30);

fn add(a: DecoderStats, b: DecoderStats) -> DecoderStats {
    DecoderStats {
        frames: a.frames + b.frames,
        garbage_bytes: a.garbage_bytes + b.garbage_bytes,
        bad_checksum: a.bad_checksum + b.bad_checksum,
        wrong_version: a.wrong_version + b.wrong_version,
        truncated: a.truncated + b.truncated,
        bad_payload: a.bad_payload + b.bad_payload,
    }
}

enum End {
    Stop,
    Reconnect(String),
}

impl Link {
    pub fn new(settings: PortSettings, store: Store, shared: Shared, commands: Receiver<Command>) -> Link {
        Link { settings, store, shared, commands, base: DecoderStats::default() }
    }

    /// Runs until a Stop command (or the command sender is dropped).
    pub fn run(mut self) {
        let backoff = Backoff::new(Duration::from_millis(200), Duration::from_secs(5));
        let mut failures = 0;
        loop {
            match self.connect() {
                Ok((port, name, info, adapter)) => {
                    failures = 0;
                    self.shared.update(|s| {
                        s.connected = true;
                        s.port = Some(name.clone());
                        s.last_error = None;
                    });
                    let end = self.session(port, info, adapter);
                    self.shared.update(|s| {
                        s.connected = false;
                        s.reconnects += 1;
                    });
                    match end {
                        End::Stop => return,
                        End::Reconnect(why) => self.shared.update(|s| s.last_error = Some(why)),
                    }
                }
                Err(e) => {
                    self.shared.update(|s| s.last_error = Some(e));
                    // Wait, but keep answering commands.
                    failures += 1;
                    let until = Instant::now() + backoff.delay(failures);
                    while Instant::now() < until {
                        match self.commands.try_recv() {
                            Ok(Command::Stop) | Err(TryRecvError::Disconnected) => return,
                            Ok(Command::Reconfigure(s)) => self.settings = s,
                            Ok(_) | Err(TryRecvError::Empty) => std::thread::sleep(Duration::from_millis(20)),
                        }
                    }
                }
            }
        }
    }

    fn connect(&mut self) -> Result<(Port, String, Option<DeviceInfo>, V1Adapter), String> {
        let wanted = self.settings.device_id.clone().filter(|d| !d.is_empty());
        if let Some(name) = self.settings.port.clone().filter(|p| !p.is_empty()) {
            match probe::open(&self.settings, &name) {
                Ok(mut port) => {
                    let mut adapter = V1Adapter::new();
                    let info = probe::hello(&mut port, &mut adapter, Duration::from_millis(1500));
                    match (&wanted, &info) {
                        (Some(id), Some(i)) if &i.device_id != id => {}
                        _ => return Ok((port, name, info, adapter)),
                    }
                }
                Err(e) if wanted.is_none() => return Err(e),
                Err(_) => {}
            }
        }
        // The named port is gone or holds another device: look for ours.
        match wanted {
            Some(id) => probe::find(&self.settings, &id).map(|(p, n, i, a)| (p, n, Some(i), a)),
            None => Err("no port configured".into()),
        }
    }

    fn set_info(&self, info: &DeviceInfo, protocol: &str) {
        self.shared.update(|s| {
            s.device_id = Some(info.device_id.clone());
            s.vendor = Some(info.vendor.clone());
            s.model = Some(info.model.clone());
            s.firmware = Some(info.firmware.clone());
            s.layout = Some(info.layout);
            s.protocol = Some(protocol.to_string());
        });
    }

    fn show_staff(ctx: &CounterContext) -> Message {
        let cut = |s: &str| -> String {
            // Text fields carry at most 64 bytes; cut on a char boundary.
            let mut out = String::new();
            for c in s.chars() {
                if out.len() + c.len_utf8() > 64 {
                    break;
                }
                out.push(c);
            }
            out
        };
        Message::ShowStaff(ShowStaff {
            staff_no: cut(&ctx.staff_no),
            name: cut(&ctx.name),
            greeting: cut(&ctx.greeting),
            window: cut(&ctx.window),
        })
    }

    fn session(&mut self, mut port: Port, mut info: Option<DeviceInfo>, mut adapter: V1Adapter) -> End {
        if let Some(i) = &info {
            self.set_info(i, adapter.protocol());
        }
        let mut buf = [0u8; 512];
        let now = Instant::now();
        let (mut last_rx, mut last_valid, mut last_hello) = (now, now, now);
        let ctx = self.shared.context();
        // The command waiting for the device's ACK (one at a time; a newer
        // command supersedes it).
        let mut outstanding: Option<Outstanding> = None;
        if !ctx.name.is_empty() {
            outstanding = self.send_command(&mut port, &mut adapter, &Self::show_staff(&ctx));
        }
        let end = loop {
            match self.commands.try_recv() {
                Ok(Command::Stop) | Err(TryRecvError::Disconnected) => break End::Stop,
                Ok(Command::Reconfigure(s)) => {
                    self.settings = s;
                    break End::Reconnect("port settings changed".into());
                }
                Ok(cmd) => {
                    let msg = match cmd {
                        Command::Prompt { timeout_s } => Message::Prompt { timeout_s },
                        Command::ShowStaff => Self::show_staff(&self.shared.context()),
                        _ => Message::Clear,
                    };
                    if let Some(o) = outstanding.take() {
                        self.shared.update(|s| s.command = Some(o.status("superseded", None)));
                    }
                    outstanding = self.send_command(&mut port, &mut adapter, &msg);
                }
                Err(TryRecvError::Empty) => {}
            }
            let received = match port.read(&mut buf) {
                Ok(0) => break End::Reconnect("port closed".into()),
                Ok(n) => {
                    last_rx = Instant::now();
                    adapter.feed(&buf[..n])
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock | std::io::ErrorKind::Interrupted
                    ) =>
                {
                    if last_rx.elapsed() >= INTER_BYTE_TIMEOUT {
                        adapter.idle()
                    } else {
                        vec![]
                    }
                }
                Err(e) => break End::Reconnect(format!("read: {e}")),
            };
            if !received.is_empty() {
                self.shared.update(|s| s.last_frame_at = Some(Utc::now()));
            }
            for r in received {
                last_valid = Instant::now();
                if let Some(o) = outstanding.as_ref().filter(|o| o.answered_by(&r.message)) {
                    match r.message {
                        Message::Nak { code, .. } if command::nak_retransmits(code) => {} // resent when the timer runs out
                        Message::Nak { code, .. } => {
                            let why = format!(
                                "the device refused {} with NAK {:#04x} ({code:?})",
                                command::kind_name(o.kind),
                                code as u8
                            );
                            self.shared.update(|s| {
                                s.command = Some(o.status("rejected", Some(why.clone())));
                                s.last_error = Some(why);
                            });
                            outstanding = None;
                        }
                        _ => {
                            self.shared.update(|s| s.command = Some(o.status("acked", None)));
                            outstanding = None;
                        }
                    }
                    continue;
                }
                let reply = self.handle(&mut info, &adapter, r.seq, r.message);
                if let Some(m) = reply {
                    if let Ok(f) = adapter.encode(&m) {
                        if let Err(e) = port.write_all(&f) {
                            return self.finish(adapter, End::Reconnect(format!("write: {e}")));
                        }
                    }
                }
            }
            if let Some(o) = outstanding.as_mut() {
                match o.step(Instant::now()) {
                    Step::Wait => {}
                    Step::Resend => {
                        o.resent();
                        self.shared.update(|s| {
                            s.commands_retransmitted += 1;
                            s.command = Some(o.status("sent", None));
                        });
                        if let Err(e) = port.write_all(&o.frame) {
                            return self.finish(adapter, End::Reconnect(format!("write: {e}")));
                        }
                    }
                    Step::GiveUp => {
                        let why = format!(
                            "the device did not acknowledge {} after {} sendings",
                            command::kind_name(o.kind),
                            o.tries
                        );
                        self.shared.update(|s| {
                            s.commands_failed += 1;
                            s.command = Some(o.status("unacknowledged", Some(why.clone())));
                            s.last_error = Some(why);
                        });
                        outstanding = None;
                    }
                }
            }
            let stats = add(self.base, adapter.stats());
            self.shared.update(|s| s.line = stats);
            if last_valid.elapsed() > SILENCE_RECONNECT {
                break End::Reconnect("the device stopped answering".into());
            }
            if last_valid.elapsed() > SILENCE_HELLO && last_hello.elapsed() > Duration::from_secs(5) {
                last_hello = Instant::now();
                if let Ok(f) = adapter.encode(&Message::Hello { min_version: 1, max_version: 1 }) {
                    let _ = port.write_all(&f);
                }
            }
        };
        if let Some(o) = outstanding {
            self.shared
                .update(|s| s.command = Some(o.status("lost", Some("the connection dropped before the ACK".into()))));
        }
        self.finish(adapter, end)
    }

    /// Sends SHOW_STAFF, PROMPT or CLEAR and returns it as outstanding (None
    /// when it cannot be encoded or written; the status says why).
    fn send_command(&mut self, port: &mut Port, adapter: &mut V1Adapter, msg: &Message) -> Option<Outstanding> {
        let kind = msg.message_type();
        let at = chrono::Utc::now();
        let fail = |why: String| command::CommandStatus {
            kind: command::kind_name(kind),
            state: "rejected",
            tries: 0,
            error: Some(why),
            at,
        };
        let frame = match adapter.encode(msg) {
            Ok(f) => f,
            Err(code) => {
                self.shared.update(|s| s.command = Some(fail(format!("cannot encode: {code:?}"))));
                return None;
            }
        };
        if let Err(e) = port.write_all(&frame) {
            // The read side notices the broken port and reconnects.
            self.shared.update(|s| s.command = Some(fail(format!("write: {e}"))));
            return None;
        }
        let o = Outstanding::new(kind, frame);
        self.shared.update(|s| s.command = Some(o.status("sent", None)));
        Some(o)
    }

    fn finish(&mut self, adapter: V1Adapter, end: End) -> End {
        self.base = add(self.base, adapter.stats());
        end
    }

    /// One message from the device; returns the reply to send.
    fn handle(&mut self, info: &mut Option<DeviceInfo>, adapter: &V1Adapter, seq: u16, m: Message) -> Option<Message> {
        match m {
            Message::DeviceInfo(i) => {
                self.set_info(&i, adapter.protocol());
                *info = Some(i);
                None
            }
            Message::Heartbeat { .. } => {
                self.shared.update(|s| {
                    s.last_heartbeat_at = Some(Utc::now());
                    s.heartbeat_dirty = true;
                });
                None
            }
            Message::KeyEvent { event_seq, key, layout, prompted, age_s } => {
                let kind = MessageType::KeyEvent as u8;
                let Some(device) = info.as_ref() else {
                    // Without the device id there is no idempotency key: ask
                    // who it is; the device keeps the event and sends it again.
                    return Some(Message::Nak { kind, seq, code: ErrorCode::NotReady });
                };
                if KeyLayout::from_code(layout).and_then(|l| l.level(key)).is_none() {
                    return Some(Message::Nak { kind, seq, code: ErrorCode::BadPayload });
                }
                let ctx = self.shared.context();
                let event = NewEvent {
                    device_id: device.device_id.clone(),
                    event_seq,
                    key,
                    layout,
                    prompted,
                    pressed_at: Utc::now() - chrono::Duration::seconds(age_s as i64),
                    clerk_id: ctx.clerk_id,
                    patient_id: ctx.patient_id,
                };
                // Store first; acknowledge only what is committed.
                match self.store.insert(&event) {
                    Ok(new) => {
                        self.shared.update(|s| if new { s.events_stored += 1 } else { s.events_repeated += 1 });
                        if new {
                            self.shared.stored.notify_one();
                        }
                        Some(Message::Ack { kind, seq, reference: event_seq })
                    }
                    Err(e) => {
                        self.shared.update(|s| s.last_error = Some(format!("store: {e}")));
                        Some(Message::Nak { kind, seq, code: ErrorCode::StoreFailed })
                    }
                }
            }
            Message::Hello { .. } | Message::ShowStaff(_) | Message::Prompt { .. } | Message::Clear => {
                Some(Message::Nak { kind: m_type(&m), seq, code: ErrorCode::UnknownType })
            }
            Message::Ack { .. } | Message::Nak { .. } => None,
        }
    }
}

fn m_type(m: &Message) -> u8 {
    m.message_type() as u8
}
