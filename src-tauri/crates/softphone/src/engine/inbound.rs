//! Requests from the network: new calls (INVITE, 180 Ringing), re-INVITEs
//! (hold by the other side), BYE, CANCEL, NOTIFY for our REFER, INFO, OPTIONS.
use super::call::{Call, State, MAX_CALLS};
use super::headers::{number_of, record_routes, strip_tag};
use super::media::{self, MediaCtl};
use super::ua::{new_call_id, random_token, Core};
use super::PhoneEvent;
use crate::sdp::{Direction, Sdp};
use crate::sip::message::{display_of, header_param, uri_of, SipMessage};
use crate::sip::Proto;
use std::net::SocketAddr;

impl Core {
    pub(super) async fn on_request(&mut self, msg: SipMessage, src: SocketAddr, proto: Proto) {
        let method = msg.method().unwrap_or("").to_string();
        let existing = self.find_by_sip_id(msg.call_id());
        match (method.as_str(), existing) {
            ("INVITE", None) if msg.to_tag().is_none() => self.on_invite(msg, src, proto).await,
            ("INVITE", Some(id)) => self.on_reinvite(&id, msg, src, proto).await,
            ("ACK", Some(id)) => {
                let cid = self.calls[&id].sip_call_id.clone();
                self.stop_retransmitting(&cid);
            }
            ("ACK", None) => {}
            ("BYE", Some(id)) => {
                let r = SipMessage::response_to(&msg, 200, "OK", None);
                self.respond(&msg, r, src, proto).await;
                self.end_call(&id, "remote hangup", None);
            }
            ("CANCEL", Some(id)) => {
                let r = SipMessage::response_to(&msg, 200, "OK", None);
                self.respond(&msg, r, src, proto).await;
                let c = &self.calls[&id];
                if c.state == State::Incoming {
                    let (inv, peer, p, tag) = (c.invite.clone(), c.peer, c.proto, c.local_tag.clone());
                    let r = SipMessage::response_to(&inv, 487, "Request Terminated", Some(&tag));
                    self.respond(&inv, r, peer, p).await;
                    self.end_call(&id, "cancelled", Some(487));
                }
            }
            ("NOTIFY", Some(id)) => {
                let r = SipMessage::response_to(&msg, 200, "OK", None);
                self.respond(&msg, r, src, proto).await;
                let frag = String::from_utf8_lossy(&msg.body).to_string();
                let code = frag.strip_prefix("SIP/2.0 ").and_then(|r| r.get(..3)).and_then(|c| c.parse::<u16>().ok());
                if let (Some(code), true) = (code, self.calls[&id].refer_pending) {
                    if code >= 200 {
                        self.calls.get_mut(&id).unwrap().refer_pending = false;
                        let ok = (200..300).contains(&code);
                        self.emit(PhoneEvent::TransferResult { call: id.clone(), ok });
                        if ok {
                            let _ = self.hangup(&id).await;
                        }
                    }
                }
            }
            ("INFO", Some(id)) => {
                let r = SipMessage::response_to(&msg, 200, "OK", None);
                self.respond(&msg, r, src, proto).await;
                let body = String::from_utf8_lossy(&msg.body).to_string();
                if let Some(d) =
                    body.lines().find_map(|l| l.trim().strip_prefix("Signal=")).and_then(|s| s.trim().chars().next())
                {
                    self.emit(PhoneEvent::Dtmf { call: id, digit: d });
                }
            }
            ("OPTIONS", _) => {
                let r = SipMessage::response_to(&msg, 200, "OK", None)
                    .header("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, NOTIFY, REFER, INFO")
                    .header("Accept", "application/sdp");
                self.respond(&msg, r, src, proto).await;
            }
            ("BYE" | "CANCEL" | "NOTIFY" | "INFO" | "INVITE", None) => {
                let r = SipMessage::response_to(&msg, 481, "Call/Transaction Does Not Exist", None);
                self.respond(&msg, r, src, proto).await;
            }
            _ => {
                let r = SipMessage::response_to(&msg, 501, "Not Implemented", None);
                self.respond(&msg, r, src, proto).await;
            }
        }
    }

    async fn on_invite(&mut self, msg: SipMessage, src: SocketAddr, proto: Proto) {
        let reject = |code: u16, reason: &str| SipMessage::response_to(&msg, code, reason, Some("x"));
        // An agent has one or two calls; a flood of INVITEs must not exhaust ports.
        if self.calls.len() >= MAX_CALLS {
            let r = reject(486, "Busy Here");
            return self.respond(&msg, r, src, proto).await;
        }
        let offer = match std::str::from_utf8(&msg.body).ok().map(Sdp::parse) {
            Some(Ok(s)) if s.audio.is_some() => s,
            _ => {
                let r = reject(488, "Not Acceptable Here");
                return self.respond(&msg, r, src, proto).await;
            }
        };
        let sockets = match media::bind_pair(self.cfg.local_ip, self.cfg.rtp_ports).await {
            Ok(s) => s,
            Err(_) => {
                let r = reject(503, "Service Unavailable");
                return self.respond(&msg, r, src, proto).await;
            }
        };
        let rtp_port = sockets.0.local_addr().map(|a| a.port()).unwrap_or(0);
        let from = msg.get("From").unwrap_or("").to_string();
        let mut call = Call {
            id: new_call_id(),
            sip_call_id: msg.call_id().to_string(),
            inbound: true,
            state: State::Incoming,
            local_tag: random_token(10),
            remote_tag: msg.from_tag().map(str::to_string),
            local_uri: strip_tag(msg.get("To").unwrap_or("")),
            remote_uri: strip_tag(&from),
            remote_target: msg
                .get("Contact")
                .map(|c| uri_of(c).to_string())
                .unwrap_or_else(|| uri_of(&from).to_string()),
            cseq: rand::random::<u16>() as u32,
            invite: msg.clone(),
            peer: src,
            proto,
            sockets: Some(sockets),
            rtp_port,
            media: None,
            session_id: rand::random::<u32>() as u64,
            sdp_version: 1,
            local_dir: Direction::SendRecv,
            remote_held: false,
            auth_tries: 0,
            // The PBX's asserted caller ID (RFC 3325) wins over From.
            number: number_of(msg.get("P-Asserted-Identity").unwrap_or(&from)),
            last_ack: None,
            refer_pending: false,
            pending: None,
            rang: true,
            routes: record_routes(&msg),
            rfc4733: true,
        };
        match self.sdp_body(&call, Direction::SendRecv, Some(&offer)) {
            Ok((body, Some(neg))) => {
                let sdp = Sdp::parse(std::str::from_utf8(&body).unwrap()).unwrap();
                call.pending = Some((sdp, neg));
            }
            _ => {
                let r = reject(488, "Not Acceptable Here");
                return self.respond(&msg, r, src, proto).await;
            }
        }
        let (id, tag, number) = (call.id.clone(), call.local_tag.clone(), call.number.clone());
        self.calls.insert(id.clone(), call);
        let trying = SipMessage::response_to(&msg, 100, "Trying", None);
        let _ = self.transport.send(&trying, src, proto).await;
        let ringing = SipMessage::response_to(&msg, 180, "Ringing", Some(&tag)).header("Contact", self.contact());
        self.respond(&msg, ringing, src, proto).await;
        self.emit(PhoneEvent::IncomingCall {
            call: id,
            from_number: number,
            display_name: display_of(&from).map(str::to_string),
        });
    }

    async fn on_reinvite(&mut self, id: &str, msg: SipMessage, src: SocketAddr, proto: Proto) {
        let Some(c) = self.calls.get_mut(id) else { return };
        if c.state != State::Confirmed || header_param(msg.get("To").unwrap_or(""), "tag") != Some(c.local_tag.as_str())
        {
            let r = SipMessage::response_to(&msg, 491, "Request Pending", None);
            return self.respond(&msg, r, src, proto).await;
        }
        let offer = std::str::from_utf8(&msg.body).ok().and_then(|b| Sdp::parse(b).ok()).filter(|s| s.audio.is_some());
        c.sdp_version += 1;
        if let Some(contact) = msg.get("Contact") {
            c.remote_target = uri_of(contact).to_string();
        }
        let Some(offer) = offer else {
            let r = SipMessage::response_to(&msg, 488, "Not Acceptable Here", None);
            return self.respond(&msg, r, src, proto).await;
        };
        let dir = c.local_dir;
        let was_held = c.remote_held;
        let result = {
            let c = &self.calls[id];
            self.sdp_body(c, dir, Some(&offer))
        };
        let Ok((body, Some(neg))) = result else {
            let r = SipMessage::response_to(&msg, 488, "Not Acceptable Here", None);
            return self.respond(&msg, r, src, proto).await;
        };
        // The peer holds us when it will no longer receive (sendonly/inactive offer).
        let held = matches!(neg.direction, Direction::RecvOnly | Direction::Inactive);
        let c = self.calls.get_mut(id).unwrap();
        c.remote_held = held;
        c.rfc4733 = neg.dtmf_pt.is_some();
        if let Some(m) = &c.media {
            m.send(MediaCtl::Update(neg));
        }
        let tag = c.local_tag.clone();
        let resp = SipMessage::response_to(&msg, 200, "OK", Some(&tag))
            .header("Contact", self.contact())
            .with_body("application/sdp", body);
        self.respond(&msg, resp, src, proto).await;
        if held && !was_held {
            self.emit(PhoneEvent::Held { call: id.to_string(), by_remote: true });
        } else if !held && was_held {
            self.emit(PhoneEvent::Resumed { call: id.to_string(), by_remote: true });
        }
    }
}
