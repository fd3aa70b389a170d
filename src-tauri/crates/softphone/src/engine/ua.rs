//! The user-agent core: transactions (RFC 3261 §17, simplified to what a
//! phone needs), registration with refresh, and dispatch to the call logic
//! in `call.rs`.
use super::call::Call;
use super::{Cmd, Command, PhoneConfig, PhoneError, PhoneEvent};
use crate::audio::{AudioFactory, Levels};
use crate::sip::auth::{self, Challenge};
use crate::sip::message::{header_param, uri_of, SipMessage, Via};
use crate::sip::transport::{Incoming, Proto, Transport};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

const T1: Duration = Duration::from_millis(500);
const T2: Duration = Duration::from_secs(4);
const TX_TIMEOUT: Duration = Duration::from_secs(32);

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Purpose {
    Register,
    Invite(String),
    ReInvite(String, bool),
    Bye(String),
    Cancel,
    Refer(String),
    Info,
}

pub(super) struct ClientTx {
    pub request: SipMessage,
    bytes: Vec<u8>,
    pub dest: SocketAddr,
    pub proto: Proto,
    pub purpose: Purpose,
    interval: Duration,
    next: Instant,
    deadline: Instant,
    provisional: bool,
}

pub(super) struct ServerTx {
    pub call_id: String,
    bytes: Vec<u8>,
    dest: SocketAddr,
    proto: Proto,
    /// Retransmit (a 2xx to INVITE until its ACK).
    resend: Option<(Instant, Duration)>,
    deadline: Instant,
}

#[derive(Default)]
struct Registration {
    active: bool,
    call_id: String,
    from_tag: String,
    cseq: u32,
    refresh_at: Option<Instant>,
    auth_tries: u32,
    nc: u32,
    nonce: String,
    unregistering: bool,
}

pub(super) struct Core {
    pub cfg: PhoneConfig,
    pub transport: Arc<Transport>,
    pub events: mpsc::UnboundedSender<PhoneEvent>,
    pub audio: Arc<dyn AudioFactory>,
    pub levels: Arc<Levels>,
    pub calls: HashMap<String, Call>,
    pub ctx: HashMap<String, ClientTx>,
    pub stx: HashMap<String, ServerTx>,
    reg: Registration,
    /// Our address as the registrar sees it (Via received/rport), for Contact.
    pub public: Option<SocketAddr>,
    last_keepalive: Instant,
}

/// When to refresh a registration of `expires` seconds: a quarter early, at
/// most 30 s early, never later than the expiry itself.
pub(super) fn refresh_delay(expires: u32) -> Duration {
    let margin = (expires / 4).clamp(1, 30);
    Duration::from_secs(expires.saturating_sub(margin).max(1) as u64)
}

pub(super) fn random_token(n: usize) -> String {
    (0..n).map(|_| format!("{:x}", rand::random::<u8>() & 0xF)).collect()
}

/// A call's id: a random (version 4) UUID, because the server keys call
/// records and recordings by UUID and the id is also the recording's name.
pub fn new_call_id() -> String {
    let mut b: [u8; 16] = rand::random();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
}

/// A caller-chosen call id must be safe as a file name and unique.
fn valid_call_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

pub(super) async fn spawn(
    cfg: PhoneConfig,
    audio: Arc<dyn AudioFactory>,
    events: mpsc::UnboundedSender<PhoneEvent>,
    mut cmds: mpsc::UnboundedReceiver<Command>,
    levels: Arc<Levels>,
) -> std::io::Result<SocketAddr> {
    let (transport, mut incoming) = Transport::bind(cfg.local_ip, cfg.sip_port).await?;
    let local = transport.local;
    let mut core = Core {
        cfg,
        transport,
        events,
        audio,
        levels,
        calls: HashMap::new(),
        ctx: HashMap::new(),
        stx: HashMap::new(),
        reg: Registration::default(),
        public: None,
        last_keepalive: Instant::now(),
    };
    tokio::spawn(async move {
        let mut timer = tokio::time::interval(Duration::from_millis(50));
        loop {
            tokio::select! {
                Some(inc) = incoming.recv() => core.on_incoming(inc).await,
                c = cmds.recv() => match c {
                    Some(Command { cmd: Cmd::Shutdown, reply }) => {
                        core.shutdown().await;
                        let _ = reply.send(Ok(String::new()));
                        break;
                    }
                    Some(c) => {
                        let r = core.on_command(c.cmd).await;
                        let _ = c.reply.send(r);
                    }
                    None => { core.shutdown().await; break; }
                },
                _ = timer.tick() => core.on_timer().await,
            }
        }
    });
    Ok(local)
}

impl Core {
    pub fn emit(&self, e: PhoneEvent) {
        let _ = self.events.send(e);
    }

    /// The address we put in Via and Contact.
    pub fn contact_addr(&self) -> SocketAddr {
        self.public.unwrap_or(self.transport.local)
    }

    pub fn contact(&self) -> String {
        let a = self.contact_addr();
        let t = if self.cfg.transport == Proto::Tcp { ";transport=tcp" } else { "" };
        format!("<sip:{}@{}{}>", self.cfg.username, a, t)
    }

    pub fn aor(&self) -> String {
        let name = self.cfg.display_name.as_ref().map(|d| format!("\"{d}\" ")).unwrap_or_default();
        format!("{name}<sip:{}@{}>", self.cfg.username, self.cfg.domain)
    }

    /// A request with Via (fresh branch, rport), Max-Forwards, Call-ID, CSeq,
    /// Contact and User-Agent; From/To given.
    #[allow(clippy::too_many_arguments)]
    pub fn new_request(
        &self,
        method: &str,
        uri: &str,
        from: &str,
        to: &str,
        call_id: &str,
        cseq: u32,
        proto: Proto,
    ) -> SipMessage {
        let branch = format!("z9hG4bK{}", random_token(16));
        SipMessage::request(method, uri)
            .header("Via", format!("SIP/2.0/{} {};branch={branch};rport", proto.via_name(), self.transport.local))
            .header("Max-Forwards", "70")
            .header("From", from)
            .header("To", to)
            .header("Call-ID", call_id)
            .header("CSeq", format!("{cseq} {method}"))
            .header("Contact", self.contact())
            .header("User-Agent", self.cfg.user_agent.clone())
    }

    pub async fn send(&self, msg: &SipMessage, dest: SocketAddr, proto: Proto) -> Result<(), PhoneError> {
        if proto == Proto::Tcp {
            self.transport.connect(dest).await.map_err(|e| PhoneError::Io(e.to_string()))?;
        }
        self.transport.send(msg, dest, proto).await.map_err(|e| PhoneError::Io(e.to_string()))
    }

    /// Sends a request in a new client transaction (retransmitted over UDP).
    pub async fn send_request(
        &mut self,
        req: SipMessage,
        dest: SocketAddr,
        proto: Proto,
        purpose: Purpose,
    ) -> Result<(), PhoneError> {
        self.send(&req, dest, proto).await?;
        let key = format!("{}:{}", req.branch().unwrap_or_default(), req.cseq().1);
        let now = Instant::now();
        let bytes = req.to_bytes();
        self.ctx.insert(
            key,
            ClientTx {
                request: req,
                bytes,
                dest,
                proto,
                purpose,
                interval: T1,
                next: now + T1,
                deadline: now + TX_TIMEOUT,
                provisional: false,
            },
        );
        Ok(())
    }

    /// Sends a response to a request and remembers it for retransmissions of
    /// the request; a 2xx to INVITE is itself retransmitted until the ACK.
    pub async fn respond(&mut self, req: &SipMessage, resp: SipMessage, src: SocketAddr, proto: Proto) {
        let _ = self.transport.send(&resp, src, proto).await;
        let code = resp.code().unwrap_or(0);
        let is_invite = req.method() == Some("INVITE");
        let now = Instant::now();
        let resend = (is_invite && code >= 200 && proto == Proto::Udp).then_some((now + T1, T1));
        if let Some(b) = req.branch() {
            self.stx.insert(
                b.to_string(),
                ServerTx {
                    call_id: req.call_id().to_string(),
                    bytes: resp.to_bytes(),
                    dest: src,
                    proto,
                    resend,
                    deadline: now + TX_TIMEOUT,
                },
            );
        }
    }

    pub fn stop_retransmitting(&mut self, call_id: &str) {
        for tx in self.stx.values_mut().filter(|t| t.call_id == call_id) {
            tx.resend = None;
        }
    }

    async fn on_timer(&mut self) {
        let now = Instant::now();
        let mut timeouts = Vec::new();
        for (branch, tx) in self.ctx.iter_mut() {
            if now >= tx.deadline {
                timeouts.push(branch.clone());
            } else if tx.proto == Proto::Udp && now >= tx.next && !tx.provisional {
                let _ = self.transport.send_raw(&tx.bytes, tx.dest, tx.proto).await;
                let is_invite = tx.request.method() == Some("INVITE");
                tx.interval = if is_invite { tx.interval * 2 } else { (tx.interval * 2).min(T2) };
                tx.next = now + tx.interval;
            }
        }
        for b in timeouts {
            if let Some(tx) = self.ctx.remove(&b) {
                let mut r = SipMessage::response_to(&tx.request, 408, "Request Timeout", None);
                r.start = crate::sip::StartLine::Response { code: 408, reason: "Request Timeout".into() };
                self.on_response(r, tx).await;
            }
        }
        self.stx.retain(|_, t| now < t.deadline);
        for tx in self.stx.values_mut() {
            if let Some((at, iv)) = tx.resend {
                if now >= at {
                    let _ = self.transport.send_raw(&tx.bytes, tx.dest, tx.proto).await;
                    let iv = (iv * 2).min(T2);
                    tx.resend = Some((now + iv, iv));
                }
            }
        }
        let ka = self.cfg.keepalive_secs;
        if ka > 0 && self.reg.active && now.duration_since(self.last_keepalive) >= Duration::from_secs(ka as u64) {
            self.last_keepalive = now;
            if let Some(p) = self.proxy() {
                let _ = self.transport.send_raw(b"\r\n\r\n", p, self.cfg.transport).await;
            }
        }
        if self.reg.refresh_at.is_some_and(|t| now >= t) {
            self.reg.refresh_at = None;
            let _ = self.send_register(false).await;
        }
    }

    async fn on_incoming(&mut self, inc: Incoming) {
        let Incoming { msg, source, proto } = inc;
        if msg.method().is_some() {
            // A retransmitted request: resend what we answered.
            if msg.method() != Some("ACK") {
                if let Some(tx) = msg.branch().and_then(|b| self.stx.get(b)) {
                    let _ = self.transport.send_raw(&tx.bytes, tx.dest, tx.proto).await;
                    return;
                }
            }
            self.on_request(msg, source, proto).await;
            return;
        }
        let (_, method) = msg.cseq();
        let branch = format!("{}:{method}", msg.branch().unwrap_or_default());
        let matched = self.ctx.contains_key(&branch);
        if !matched {
            // A 2xx retransmitted after the INVITE transaction ended: ACK again.
            if method == "INVITE" && msg.code().is_some_and(|c| (200..300).contains(&c)) {
                self.reack(&msg).await;
            }
            return;
        }
        let code = msg.code().unwrap_or(0);
        if code < 200 {
            if let Some(tx) = self.ctx.get_mut(&branch) {
                tx.provisional = true;
                // INVITE transactions wait at most 3 minutes for the answer.
                tx.deadline = Instant::now() + Duration::from_secs(180);
                let tx_info = (tx.purpose.clone(), tx.request.clone());
                self.on_provisional(msg, tx_info.0, tx_info.1).await;
            }
            return;
        }
        let tx = self.ctx.remove(&branch).unwrap();
        // Learn our public address from the registrar's view (rport/received).
        if let Some(via) = msg.top_via().and_then(Via::parse) {
            if let (Some(rec), Some(rport)) =
                (via.param("received"), via.param("rport").and_then(|p| p.parse::<u16>().ok()))
            {
                if let Ok(ip) = rec.parse() {
                    let seen = SocketAddr::new(ip, rport);
                    if seen != self.contact_addr()
                        && tx.purpose == Purpose::Register
                        && (200..300).contains(&code)
                        && !self.reg.unregistering
                    {
                        tracing::info!("behind NAT: registrar sees us at {seen}");
                        self.public = Some(seen);
                        let _ = self.send_register(false).await;
                        return;
                    }
                }
            }
        }
        if tx.request.method() == Some("INVITE") && code >= 300 {
            // ACK for a non-2xx final response belongs to the transaction.
            let mut ack = SipMessage::request(
                "ACK",
                match &tx.request.start {
                    crate::sip::StartLine::Request { uri, .. } => uri,
                    _ => "",
                },
            );
            for h in ["Via", "Max-Forwards", "From", "Call-ID", "Route"] {
                if let Some(v) = tx.request.get(h) {
                    ack = ack.header(h, v);
                }
            }
            ack = ack.header("To", msg.get("To").unwrap_or("")).header("CSeq", format!("{} ACK", tx.request.cseq().0));
            let _ = self.transport.send(&ack, tx.dest, tx.proto).await;
        }
        self.on_response(msg, tx).await;
    }

    async fn on_response(&mut self, msg: SipMessage, tx: ClientTx) {
        match tx.purpose.clone() {
            Purpose::Register => self.on_register_response(msg, tx).await,
            Purpose::Cancel | Purpose::Info => {}
            _ => self.on_call_response(msg, tx).await,
        }
    }

    /// Adds credentials for a 401/407 to a copy of `req` (new branch, CSeq+1).
    pub fn authenticate(&self, req: &SipMessage, resp: &SipMessage, nc: u32) -> Option<SipMessage> {
        let (hdr, out) = if resp.code() == Some(407) {
            ("Proxy-Authenticate", "Proxy-Authorization")
        } else {
            ("WWW-Authenticate", "Authorization")
        };
        let ch = resp.get_all(hdr).find_map(Challenge::parse)?;
        let mut r = req.clone();
        let (method, uri) = match &r.start {
            crate::sip::StartLine::Request { method, uri } => (method.clone(), uri.clone()),
            _ => return None,
        };
        r.remove("Authorization");
        r.remove("Proxy-Authorization");
        r = r.header(
            out,
            auth::authorization(&ch, &self.cfg.username, &self.cfg.password, &method, &uri, nc, &random_token(12)),
        );
        let (n, m) = r.cseq();
        r.set("CSeq", format!("{} {m}", n + 1));
        let via = r.top_via().unwrap_or_default().to_string();
        let new_branch = format!("z9hG4bK{}", random_token(16));
        let old = header_param(&via, "branch").unwrap_or_default().to_string();
        r.set("Via", via.replacen(&old, &new_branch, 1));
        Some(r)
    }

    pub fn proxy(&self) -> Option<SocketAddr> {
        self.cfg.proxy
    }

    async fn send_register(&mut self, unregister: bool) -> Result<(), PhoneError> {
        let dest = self.proxy().ok_or_else(|| PhoneError::Invalid("no registrar configured".into()))?;
        if self.reg.call_id.is_empty() {
            self.reg.call_id = format!("{}@hcrm", random_token(20));
            self.reg.from_tag = random_token(10);
        }
        self.reg.cseq += 1;
        self.reg.unregistering = unregister;
        let aor = self.aor();
        let req = self
            .new_request(
                "REGISTER",
                &format!("sip:{}", self.cfg.domain),
                &format!("{aor};tag={}", self.reg.from_tag),
                &aor,
                &self.reg.call_id.clone(),
                self.reg.cseq,
                self.cfg.transport,
            )
            .header("Expires", if unregister { "0".to_string() } else { self.cfg.register_expires.to_string() })
            .header("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, NOTIFY, REFER, INFO");
        self.send_request(req, dest, self.cfg.transport, Purpose::Register).await
    }

    async fn on_register_response(&mut self, msg: SipMessage, tx: ClientTx) {
        let code = msg.code().unwrap_or(0);
        match code {
            401 | 407 if self.reg.auth_tries < 2 => {
                self.reg.auth_tries += 1;
                // nc counts requests per nonce (RFC 2617 §3.2.2): back to 1 on a new nonce.
                let nonce = msg
                    .get_all(if code == 407 { "Proxy-Authenticate" } else { "WWW-Authenticate" })
                    .find_map(Challenge::parse)
                    .map(|c| c.nonce)
                    .unwrap_or_default();
                if nonce != self.reg.nonce {
                    self.reg.nonce = nonce;
                    self.reg.nc = 0;
                }
                self.reg.nc += 1;
                if let Some(req) = self.authenticate(&tx.request, &msg, self.reg.nc) {
                    self.reg.cseq = req.cseq().0;
                    let _ = self.send_request(req, tx.dest, tx.proto, Purpose::Register).await;
                    return;
                }
                self.emit(PhoneEvent::RegistrationFailed { code, reason: "unsupported challenge".into() });
            }
            200..=299 => {
                self.reg.auth_tries = 0;
                if self.reg.unregistering {
                    self.reg.active = false;
                    self.reg.refresh_at = None;
                    self.emit(PhoneEvent::Unregistered);
                    return;
                }
                let ours = self.contact_addr().to_string();
                let expires = msg
                    .get_all("Contact")
                    .flat_map(crate::sip::message::split_commas)
                    .find(|c| uri_of(c).contains(&ours))
                    .and_then(|c| header_param(c, "expires"))
                    .or(msg.get("Expires"))
                    .and_then(|e| e.trim().parse::<u32>().ok())
                    .unwrap_or(self.cfg.register_expires);
                self.reg.active = true;
                self.reg.refresh_at = Some(Instant::now() + refresh_delay(expires));
                self.emit(PhoneEvent::Registered { expires });
            }
            423 => {
                if let Some(min) = msg.get("Min-Expires").and_then(|m| m.trim().parse().ok()) {
                    self.cfg.register_expires = min;
                    let _ = self.send_register(false).await;
                }
            }
            _ => {
                self.reg.auth_tries = 0;
                let reason = match &msg.start {
                    crate::sip::StartLine::Response { reason, .. } => reason.clone(),
                    _ => String::new(),
                };
                self.emit(PhoneEvent::RegistrationFailed { code, reason });
                if self.reg.active {
                    // Try again in a minute rather than give up.
                    self.reg.refresh_at = Some(Instant::now() + Duration::from_secs(60));
                }
            }
        }
    }

    async fn on_command(&mut self, cmd: Cmd) -> Result<String, PhoneError> {
        match cmd {
            Cmd::Register => {
                self.reg.auth_tries = 0;
                self.send_register(false).await.map(|_| String::new())
            }
            Cmd::Unregister => self.send_register(true).await.map(|_| String::new()),
            Cmd::Dial(id, n) => {
                let id = id.unwrap_or_else(new_call_id);
                if !valid_call_id(&id) || self.calls.contains_key(&id) {
                    return Err(PhoneError::Invalid(format!("call id {id:?} is not usable")));
                }
                self.dial(id, &n).await
            }
            Cmd::Answer(c) => self.answer(&c).await.map(|_| c),
            Cmd::Hangup(c) => self.hangup(&c).await.map(|_| c),
            Cmd::Hold(c) => self.reinvite(&c, true).await.map(|_| c),
            Cmd::Resume(c) => self.reinvite(&c, false).await.map(|_| c),
            Cmd::Mute(c, on) => self.mute(&c, on).map(|_| c),
            Cmd::Dtmf(c, d) => self.dtmf(&c, &d).await.map(|_| c),
            Cmd::Transfer(c, t) => self.transfer(&c, &t).await.map(|_| c),
            Cmd::Shutdown => Ok(String::new()),
        }
    }

    async fn shutdown(&mut self) {
        let ids: Vec<String> = self.calls.keys().cloned().collect();
        for id in ids {
            let _ = self.hangup(&id).await;
        }
        if self.reg.active {
            let _ = self.send_register(true).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registrations_are_refreshed_before_they_expire() {
        assert_eq!(refresh_delay(3600), Duration::from_secs(3570));
        assert_eq!(refresh_delay(60), Duration::from_secs(45));
        assert_eq!(refresh_delay(3), Duration::from_secs(2));
        for e in 2..5000 {
            assert!(refresh_delay(e) < Duration::from_secs(e as u64), "{e}");
        }
    }
}
