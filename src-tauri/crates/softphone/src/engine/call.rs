//! Calls: dialogs (RFC 3261 §12), offer/answer, hold by re-INVITE, CANCEL,
//! BYE, REFER, and the glue to each call's media task.
use super::headers::{reason_for, record_routes};
use super::media::{self, MediaCtl, MediaHandle, MediaParams};
use super::ua::{random_token, ClientTx, Core, Purpose};
use super::{PhoneError, PhoneEvent};
use crate::recorder::{Recorder, RecordingMeta};
use crate::sdp::{self, Direction, Negotiated, Sdp};
use crate::sip::message::{uri_of, SipMessage, SipUri};
use crate::sip::{Proto, StartLine};
use std::net::SocketAddr;
use tokio::net::UdpSocket;

pub(super) const MAX_CALLS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum State {
    Calling,
    Early,
    Cancelling,
    Incoming,
    Confirmed,
}

pub(super) struct Call {
    pub(super) id: String,
    pub(super) sip_call_id: String,
    pub(super) inbound: bool,
    pub(super) state: State,
    pub(super) local_tag: String,
    pub(super) remote_tag: Option<String>,
    pub(super) local_uri: String,
    pub(super) remote_uri: String,
    pub(super) remote_target: String,
    pub(super) cseq: u32,
    pub(super) invite: SipMessage,
    pub(super) peer: SocketAddr,
    pub(super) proto: Proto,
    pub(super) sockets: Option<(UdpSocket, UdpSocket)>,
    pub(super) rtp_port: u16,
    pub(super) media: Option<MediaHandle>,
    pub(super) session_id: u64,
    pub(super) sdp_version: u64,
    pub(super) local_dir: Direction,
    pub(super) remote_held: bool,
    pub(super) auth_tries: u32,
    pub(super) number: String,
    pub(super) last_ack: Option<SipMessage>,
    pub(super) refer_pending: bool,
    pub(super) pending: Option<(Sdp, Negotiated)>,
    pub(super) rang: bool,
    /// Route set from Record-Route (RFC 3261 §12.1): proxies that stay in the path.
    pub(super) routes: Vec<String>,
    /// The peer takes RFC 4733 events; otherwise DTMF goes as SIP INFO.
    pub(super) rfc4733: bool,
}

impl Core {
    pub(super) fn find_by_sip_id(&self, sip_call_id: &str) -> Option<String> {
        self.calls.values().find(|c| c.sip_call_id == sip_call_id).map(|c| c.id.clone())
    }

    fn call_mut(&mut self, id: &str) -> Result<&mut Call, PhoneError> {
        self.calls.get_mut(id).ok_or_else(|| PhoneError::NoSuchCall(id.to_string()))
    }

    pub(super) fn sdp_body(
        &self,
        call: &Call,
        dir: Direction,
        answer_to: Option<&Sdp>,
    ) -> Result<(Vec<u8>, Option<Negotiated>), PhoneError> {
        let ip = self.cfg.local_ip;
        match answer_to {
            Some(off) => {
                let (sdp, neg) =
                    sdp::answer(off, call.session_id, call.sdp_version, ip, call.rtp_port, &self.cfg.codecs, dir)
                        .map_err(|e| PhoneError::Invalid(e.to_string()))?;
                Ok((sdp.to_string(&self.cfg.username).into_bytes(), Some(neg)))
            }
            None => {
                let sdp = sdp::offer(
                    call.session_id,
                    call.sdp_version,
                    ip,
                    call.rtp_port,
                    &self.cfg.codecs,
                    self.cfg.dtmf_payload_type,
                    dir,
                );
                Ok((sdp.to_string(&self.cfg.username).into_bytes(), None))
            }
        }
    }

    fn dialog_request(&mut self, id: &str, method: &str) -> Option<SipMessage> {
        let (target, from, to, cid, cseq, proto, routes) = {
            let c = self.calls.get_mut(id)?;
            c.cseq += 1;
            let to = match &c.remote_tag {
                Some(t) => format!("{};tag={t}", c.remote_uri),
                None => c.remote_uri.clone(),
            };
            (
                c.remote_target.clone(),
                format!("{};tag={}", c.local_uri, c.local_tag),
                to,
                c.sip_call_id.clone(),
                c.cseq,
                c.proto,
                c.routes.clone(),
            )
        };
        let mut req = self.new_request(method, &target, &from, &to, &cid, cseq, proto);
        for r in routes {
            req = req.header("Route", r);
        }
        Some(req)
    }

    pub(super) fn start_media(&mut self, id: &str, neg: Negotiated) {
        let Some(c) = self.calls.get_mut(id) else { return };
        c.rfc4733 = neg.dtmf_pt.is_some();
        if let Some(m) = &c.media {
            m.send(MediaCtl::Update(neg));
            return;
        }
        let Some(sockets) = c.sockets.take() else { return };
        let recorder = self.cfg.recordings_dir.as_ref().and_then(|dir| {
            let meta = RecordingMeta::new(
                &c.id,
                &c.sip_call_id,
                if c.inbound { "inbound" } else { "outbound" },
                &self.cfg.username,
                &c.number,
            );
            Recorder::start(dir, meta).map_err(|e| tracing::warn!("recording not started: {e}")).ok()
        });
        let params = MediaParams {
            call_id: c.id.clone(),
            sockets,
            neg,
            device: self.audio.open(),
            recorder,
            events: self.events.clone(),
            levels: self.levels.clone(),
            aec: self.cfg.echo_cancellation.then(|| {
                Box::new(crate::audio::aec::NlmsEchoCanceller::default()) as Box<dyn crate::audio::EchoCanceller>
            }),
            cname: format!("{}@{}", self.cfg.username, self.cfg.domain),
            impairment: self.cfg.impairment,
        };
        c.media = Some(media::start(params));
    }

    pub(super) fn end_call(&mut self, id: &str, reason: &str, code: Option<u16>) {
        let Some(c) = self.calls.remove(id) else { return };
        let events = self.events.clone();
        let (id, reason) = (id.to_string(), reason.to_string());
        tokio::spawn(async move {
            let report = match c.media {
                Some(m) => m.stop().await,
                None => Default::default(),
            };
            let stats = super::CallStats {
                packets_sent: report.packets_sent,
                packets_received: report.packets_received,
                packets_lost: report.packets_lost,
                ticks: report.ticks,
                recorded_ticks: report.recorded_ticks,
                concealed_frames: report.jitter.concealed,
                late_packets: report.jitter.late,
                jitter_buffer_delay_ms: report.jitter.mean_delay_ms(),
                latched_to: report.symmetric_latched,
            };
            let _ = events.send(PhoneEvent::Ended { call: id.clone(), reason, code, recording: report.recording });
            let _ = events.send(PhoneEvent::CallStats { call: id, stats });
        });
    }

    async fn resolve(&self, uri: &str) -> Result<SocketAddr, PhoneError> {
        if let Some(p) = self.proxy() {
            return Ok(p);
        }
        let u = SipUri::parse(uri).ok_or_else(|| PhoneError::Invalid(format!("bad URI {uri}")))?;
        let port = u.port.unwrap_or(5060);
        tokio::net::lookup_host((u.host.as_str(), port))
            .await
            .ok()
            .and_then(|mut a| a.next())
            .ok_or_else(|| PhoneError::Invalid(format!("cannot resolve {}", u.host)))
    }

    pub(super) async fn dial(&mut self, id: String, number: &str) -> Result<String, PhoneError> {
        let number = number.trim();
        if number.is_empty() || number.chars().any(|c| c.is_whitespace() || c == '<' || c == '>' || c == '"') {
            return Err(PhoneError::Invalid(format!("bad number {number:?}")));
        }
        let uri = if number.starts_with("sip:") {
            number.to_string()
        } else if number.contains('@') {
            format!("sip:{number}")
        } else {
            format!("sip:{number}@{}", self.cfg.domain)
        };
        let dest = self.resolve(&uri).await?;
        let sockets =
            media::bind_pair(self.cfg.local_ip, self.cfg.rtp_ports).await.map_err(|e| PhoneError::Io(e.to_string()))?;
        let rtp_port = sockets.0.local_addr().map_err(|e| PhoneError::Io(e.to_string()))?.port();
        let mut call = Call {
            id: id.clone(),
            sip_call_id: format!("{}@hcrm", random_token(20)),
            inbound: false,
            state: State::Calling,
            local_tag: random_token(10),
            remote_tag: None,
            local_uri: self.aor(),
            remote_uri: format!("<{uri}>"),
            remote_target: uri.clone(),
            cseq: 1,
            invite: SipMessage::request("INVITE", &uri),
            peer: dest,
            proto: self.cfg.transport,
            sockets: Some(sockets),
            rtp_port,
            media: None,
            session_id: rand::random::<u32>() as u64,
            sdp_version: 1,
            local_dir: Direction::SendRecv,
            remote_held: false,
            auth_tries: 0,
            number: SipUri::parse(&uri).and_then(|u| u.user).unwrap_or_else(|| number.to_string()),
            last_ack: None,
            refer_pending: false,
            pending: None,
            rang: false,
            routes: Vec::new(),
            rfc4733: true,
        };
        let (body, _) = self.sdp_body(&call, Direction::SendRecv, None)?;
        let req = self
            .new_request(
                "INVITE",
                &uri,
                &format!("{};tag={}", call.local_uri, call.local_tag),
                &call.remote_uri,
                &call.sip_call_id,
                1,
                call.proto,
            )
            .header("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, NOTIFY, REFER, INFO")
            .with_body("application/sdp", body);
        call.invite = req.clone();
        self.calls.insert(id.clone(), call);
        if let Err(e) = self.send_request(req, dest, self.cfg.transport, Purpose::Invite(id.clone())).await {
            self.calls.remove(&id);
            return Err(e);
        }
        Ok(id)
    }

    pub(super) async fn answer(&mut self, id: &str) -> Result<(), PhoneError> {
        let c = self.call_mut(id)?;
        if c.state != State::Incoming {
            return Err(PhoneError::BadState("only a ringing incoming call can be answered"));
        }
        let (sdp, neg) = c.pending.take().ok_or(PhoneError::BadState("no offer"))?;
        c.state = State::Confirmed;
        let (peer, proto, invite, tag) = (c.peer, c.proto, c.invite.clone(), c.local_tag.clone());
        let resp = SipMessage::response_to(&invite, 200, "OK", Some(&tag))
            .header("Contact", self.contact())
            .header("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, NOTIFY, REFER, INFO")
            .with_body("application/sdp", sdp.to_string(&self.cfg.username).into_bytes());
        self.respond(&invite, resp, peer, proto).await;
        self.start_media(id, neg);
        if let Some(m) = self.calls.get(id).and_then(|c| c.media.as_ref()) {
            m.send(MediaCtl::Answered);
        }
        self.emit(PhoneEvent::Answered { call: id.to_string() });
        Ok(())
    }

    pub(super) async fn hangup(&mut self, id: &str) -> Result<(), PhoneError> {
        let c = self.call_mut(id)?;
        match c.state {
            State::Calling | State::Early => {
                c.state = State::Cancelling;
                let inv = c.invite.clone();
                let mut cancel = SipMessage::request(
                    "CANCEL",
                    match &inv.start {
                        StartLine::Request { uri, .. } => uri,
                        _ => "",
                    },
                );
                for h in ["Via", "Max-Forwards", "From", "To", "Call-ID", "Route"] {
                    if let Some(v) = inv.get(h) {
                        cancel = cancel.header(h, v);
                    }
                }
                cancel = cancel.header("CSeq", format!("{} CANCEL", inv.cseq().0));
                let (peer, proto) = (c.peer, c.proto);
                self.send_request(cancel, peer, proto, Purpose::Cancel).await
            }
            State::Cancelling => Ok(()),
            State::Incoming => {
                let (inv, peer, proto, tag) = (c.invite.clone(), c.peer, c.proto, c.local_tag.clone());
                let resp = SipMessage::response_to(&inv, 603, "Decline", Some(&tag));
                self.respond(&inv, resp, peer, proto).await;
                self.end_call(id, "declined", Some(603));
                Ok(())
            }
            State::Confirmed => {
                let (peer, proto) = (c.peer, c.proto);
                let bye = self.dialog_request(id, "BYE").unwrap();
                let r = self.send_request(bye, peer, proto, Purpose::Bye(id.to_string())).await;
                self.end_call(id, "local hangup", None);
                r
            }
        }
    }

    pub(super) async fn reinvite(&mut self, id: &str, hold: bool) -> Result<(), PhoneError> {
        let c = self.call_mut(id)?;
        if c.state != State::Confirmed {
            return Err(PhoneError::BadState("hold needs an answered call"));
        }
        c.local_dir = if hold { Direction::SendOnly } else { Direction::SendRecv };
        if let Some(m) = &c.media {
            m.send(MediaCtl::Hold(hold));
        }
        c.sdp_version += 1;
        let dir = c.local_dir;
        let (peer, proto) = (c.peer, c.proto);
        let (body, _) = {
            let c = self.calls.get(id).unwrap();
            self.sdp_body(c, dir, None)?
        };
        let req = self.dialog_request(id, "INVITE").unwrap().with_body("application/sdp", body);
        self.send_request(req, peer, proto, Purpose::ReInvite(id.to_string(), hold)).await
    }

    pub(super) fn mute(&mut self, id: &str, on: bool) -> Result<(), PhoneError> {
        let c = self.call_mut(id)?;
        c.media.as_ref().ok_or(PhoneError::BadState("no media yet"))?.send(MediaCtl::Mute(on));
        Ok(())
    }

    pub(super) async fn dtmf(&mut self, id: &str, digits: &str) -> Result<(), PhoneError> {
        if let Some(bad) = digits.chars().find(|d| crate::dtmf::digit_to_event(*d).is_none()) {
            return Err(PhoneError::Invalid(format!("not a DTMF digit: {bad:?}")));
        }
        let c = self.call_mut(id)?;
        let media = c.media.as_ref().ok_or(PhoneError::BadState("no media yet"))?;
        if c.rfc4733 {
            media.send(MediaCtl::Dtmf(digits.to_string()));
            return Ok(());
        }
        // The peer offered no telephone-event: SIP INFO (application/dtmf-relay).
        if c.state != State::Confirmed {
            return Err(PhoneError::BadState("DTMF by INFO needs an answered call"));
        }
        let (peer, proto) = (c.peer, c.proto);
        for d in digits.chars() {
            let info = self
                .dialog_request(id, "INFO")
                .unwrap()
                .with_body("application/dtmf-relay", format!("Signal={d}\r\nDuration=160\r\n").into_bytes());
            self.send_request(info, peer, proto, Purpose::Info).await?;
        }
        Ok(())
    }

    pub(super) async fn transfer(&mut self, id: &str, target: &str) -> Result<(), PhoneError> {
        let target = target.trim();
        if target.is_empty() || target.contains(['<', '>', '"', ' ']) {
            return Err(PhoneError::Invalid(format!("bad transfer target {target:?}")));
        }
        let uri =
            if target.starts_with("sip:") { target.to_string() } else { format!("sip:{target}@{}", self.cfg.domain) };
        let c = self.call_mut(id)?;
        if c.state != State::Confirmed {
            return Err(PhoneError::BadState("transfer needs an answered call"));
        }
        c.refer_pending = true;
        let (peer, proto) = (c.peer, c.proto);
        let aor = self.aor();
        let req =
            self.dialog_request(id, "REFER").unwrap().header("Refer-To", format!("<{uri}>")).header("Referred-By", aor);
        self.send_request(req, peer, proto, Purpose::Refer(id.to_string())).await
    }

    pub(super) async fn reack(&mut self, resp: &SipMessage) {
        if let Some(id) = self.find_by_sip_id(resp.call_id()) {
            let c = &self.calls[&id];
            if let Some(ack) = c.last_ack.clone() {
                let _ = self.transport.send(&ack, c.peer, c.proto).await;
            }
        }
    }

    pub(super) async fn on_provisional(&mut self, msg: SipMessage, purpose: Purpose, _req: SipMessage) {
        let Purpose::Invite(id) = purpose else { return };
        let code = msg.code().unwrap_or(0);
        if code == 100 {
            return;
        }
        let codecs = self.cfg.codecs.clone();
        let Some(c) = self.calls.get_mut(&id) else { return };
        if c.state == State::Calling {
            c.state = State::Early;
        }
        if let Some(t) = msg.to_tag() {
            c.remote_tag = Some(t.to_string());
        }
        let first = !c.rang;
        c.rang = true;
        let early = (!msg.body.is_empty() && c.media.is_none())
            .then(|| std::str::from_utf8(&msg.body).ok().and_then(|b| Sdp::parse(b).ok()))
            .flatten()
            .and_then(|s| sdp::accept_answer(&s, &codecs, Direction::SendRecv).ok());
        if first {
            self.emit(PhoneEvent::Ringing { call: id.clone() });
        }
        if let Some(neg) = early {
            self.start_media(&id, neg);
            self.emit(PhoneEvent::EarlyMedia { call: id });
        }
    }

    async fn send_ack(&mut self, id: &str, resp: &SipMessage) {
        let Some(c) = self.calls.get_mut(id) else { return };
        if let Some(t) = resp.to_tag() {
            c.remote_tag = Some(t.to_string());
        }
        if let Some(contact) = resp.get("Contact") {
            c.remote_target = uri_of(contact).to_string();
        }
        let cseq = resp.cseq().0;
        let (peer, proto) = (c.peer, c.proto);
        let to = format!("{};tag={}", c.remote_uri, c.remote_tag.clone().unwrap_or_default());
        let from = format!("{};tag={}", c.local_uri, c.local_tag);
        let (target, cid, routes) = (c.remote_target.clone(), c.sip_call_id.clone(), c.routes.clone());
        let mut ack = self.new_request("ACK", &target, &from, &to, &cid, cseq, proto);
        for r in routes {
            ack = ack.header("Route", r);
        }
        let _ = self.transport.send(&ack, peer, proto).await;
        if let Some(c) = self.calls.get_mut(id) {
            c.last_ack = Some(ack);
        }
    }

    pub(super) async fn on_call_response(&mut self, msg: SipMessage, tx: ClientTx) {
        let code = msg.code().unwrap_or(0);
        match tx.purpose.clone() {
            Purpose::Invite(id) | Purpose::ReInvite(id, _) if code == 401 || code == 407 => {
                let Some(c) = self.calls.get_mut(&id) else { return };
                if c.auth_tries >= 2 {
                    if matches!(c.state, State::Confirmed) {
                        return;
                    }
                    self.end_call(&id, "forbidden", Some(code));
                    return;
                }
                c.auth_tries += 1;
                let Some(req) = self.authenticate(&tx.request, &msg, 1) else {
                    self.end_call(&id, "forbidden", Some(code));
                    return;
                };
                let c = self.calls.get_mut(&id).unwrap();
                c.cseq = req.cseq().0;
                if let Purpose::Invite(_) = tx.purpose {
                    c.invite = req.clone();
                }
                let _ = self.send_request(req, tx.dest, tx.proto, tx.purpose.clone()).await;
            }
            Purpose::Invite(id) => {
                if !(200..300).contains(&code) {
                    self.end_call(&id, reason_for(code), Some(code));
                    return;
                }
                if let Some(c) = self.calls.get_mut(&id) {
                    // As UAC the route set is the Record-Route list reversed.
                    c.routes = record_routes(&msg).into_iter().rev().collect();
                }
                self.send_ack(&id, &msg).await;
                let Some(c) = self.calls.get_mut(&id) else { return };
                if c.state == State::Cancelling {
                    // CANCEL lost the race with the answer: hang up properly.
                    c.state = State::Confirmed;
                    let _ = self.hangup(&id).await;
                    return;
                }
                c.state = State::Confirmed;
                let codecs = self.cfg.codecs.clone();
                let neg = std::str::from_utf8(&msg.body)
                    .ok()
                    .and_then(|b| Sdp::parse(b).ok())
                    .and_then(|s| sdp::accept_answer(&s, &codecs, Direction::SendRecv).ok());
                match neg {
                    Some(neg) => self.start_media(&id, neg),
                    None if self.calls[&id].media.is_some() => {}
                    None => {
                        let _ = self.hangup(&id).await;
                        return;
                    }
                }
                if let Some(m) = self.calls.get(&id).and_then(|c| c.media.as_ref()) {
                    m.send(MediaCtl::Answered);
                }
                self.emit(PhoneEvent::Answered { call: id });
            }
            Purpose::ReInvite(id, hold) => {
                if !(200..300).contains(&code) {
                    return;
                }
                self.send_ack(&id, &msg).await;
                let codecs = self.cfg.codecs.clone();
                let Some(c) = self.calls.get_mut(&id) else { return };
                let local = c.local_dir;
                if let Some(neg) = std::str::from_utf8(&msg.body)
                    .ok()
                    .and_then(|b| Sdp::parse(b).ok())
                    .and_then(|s| sdp::accept_answer(&s, &codecs, local).ok())
                {
                    c.rfc4733 = neg.dtmf_pt.is_some();
                    if let Some(m) = &c.media {
                        m.send(MediaCtl::Update(neg));
                    }
                }
                self.emit(if hold {
                    PhoneEvent::Held { call: id, by_remote: false }
                } else {
                    PhoneEvent::Resumed { call: id, by_remote: false }
                });
            }
            // In-dialog requests a PBX challenges (some challenge BYE or REFER):
            // answer the challenge once.
            Purpose::Bye(id) | Purpose::Refer(id)
                if (code == 401 || code == 407)
                    && tx.request.get("Authorization").is_none()
                    && tx.request.get("Proxy-Authorization").is_none() =>
            {
                if let Some(req) = self.authenticate(&tx.request, &msg, 1) {
                    if let Some(c) = self.calls.get_mut(&id) {
                        c.cseq = c.cseq.max(req.cseq().0);
                    }
                    let _ = self.send_request(req, tx.dest, tx.proto, tx.purpose.clone()).await;
                }
            }
            Purpose::Refer(id) => {
                if (200..300).contains(&code) {
                    self.emit(PhoneEvent::TransferAccepted { call: id });
                } else {
                    if let Some(c) = self.calls.get_mut(&id) {
                        c.refer_pending = false;
                    }
                    self.emit(PhoneEvent::TransferResult { call: id, ok: false });
                }
            }
            _ => {}
        }
    }
}
