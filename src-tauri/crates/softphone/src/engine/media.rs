//! The media loop of one call: a 20 ms tick that captures, encodes and sends;
//! receives into the jitter buffer; plays; and writes both sides to the
//! recorder in the same tick (which is what keeps the channels aligned).
use super::PhoneEvent;
use crate::audio::{AudioDevice, EchoCanceller, Levels, FRAME};
use crate::codec::{g711, Law};
use crate::dtmf::{DtmfReceiver, DtmfSender};
use crate::jitter::{FrameKind, JitterBuffer, JitterStats};
use crate::recorder::{Recorder, RecordingMeta};
use crate::rtp::{looks_like_rtcp, session, ReceiveStats, RtcpPacket, RtpPacket, SendStats};
use crate::sdp::{Direction, Negotiated};
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::UdpSocket;
use tokio::sync::{mpsc, oneshot};

pub enum MediaCtl {
    Update(Negotiated),
    Mute(bool),
    /// We hold the call: the other party hears silence, not the agent.
    Hold(bool),
    Dtmf(String),
    Answered,
    Stop(oneshot::Sender<MediaReport>),
}

#[derive(Debug, Default, Clone)]
pub struct MediaReport {
    pub recording: Option<RecordingMeta>,
    pub jitter: JitterStats,
    pub packets_sent: u32,
    pub packets_received: u32,
    pub packets_lost: i64,
    /// Ticks written to the recording (each 160 stereo frames).
    pub recorded_ticks: u64,
    pub ticks: u64,
    pub symmetric_latched: Option<SocketAddr>,
}

/// Binds an even RTP port and the RTCP port above it within `range`.
pub async fn bind_pair(ip: IpAddr, range: (u16, u16)) -> std::io::Result<(UdpSocket, UdpSocket)> {
    let start = range.0 + (rand::random::<u16>() % ((range.1.saturating_sub(range.0)).max(2) / 2)) * 2;
    let mut port = start & !1;
    for _ in 0..((range.1 - range.0) / 2).max(1) {
        if let Ok(a) = UdpSocket::bind((ip, port)).await {
            if let Ok(b) = UdpSocket::bind((ip, port + 1)).await {
                return Ok((a, b));
            }
        }
        port += 2;
        if port >= range.1 {
            port = range.0 & !1;
        }
    }
    Err(std::io::Error::new(std::io::ErrorKind::AddrInUse, "no free RTP port pair"))
}

pub struct MediaHandle {
    pub ctl: mpsc::UnboundedSender<MediaCtl>,
}

impl MediaHandle {
    pub fn send(&self, c: MediaCtl) {
        let _ = self.ctl.send(c);
    }
    pub async fn stop(self) -> MediaReport {
        let (tx, rx) = oneshot::channel();
        self.send(MediaCtl::Stop(tx));
        rx.await.unwrap_or_default()
    }
}

/// Network impairment applied to received RTP, for benchmarks and tests:
/// each packet is dropped with probability `loss` or delayed by a uniform
/// random 0..`jitter_ms`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Impairment {
    pub loss: f64,
    pub jitter_ms: u32,
}

pub struct MediaParams {
    pub call_id: String,
    pub sockets: (UdpSocket, UdpSocket),
    pub neg: Negotiated,
    pub device: Box<dyn AudioDevice>,
    pub recorder: Option<Recorder>,
    pub events: mpsc::UnboundedSender<PhoneEvent>,
    pub levels: Arc<Levels>,
    pub aec: Option<Box<dyn EchoCanceller>>,
    pub cname: String,
    pub impairment: Option<Impairment>,
}

pub fn start(p: MediaParams) -> MediaHandle {
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(run(p, rx));
    MediaHandle { ctl: tx }
}

async fn run(mut p: MediaParams, mut ctl: mpsc::UnboundedReceiver<MediaCtl>) {
    let (rtp, rtcp) = (&p.sockets.0, &p.sockets.1);
    let ssrc: u32 = rand::random();
    let mut seq: u16 = rand::random();
    let mut ts: u32 = rand::random();
    let mut neg = p.neg;
    let mut remote = neg.remote;
    let mut latched = false;
    let mut muted = false;
    let mut held = false;
    let mut first = true;
    let mut jb = JitterBuffer::new();
    let mut recv = ReceiveStats::default();
    let mut sent = SendStats::default();
    let mut dtmf_tx = DtmfSender::default();
    let mut dtmf_rx = DtmfReceiver::default();
    let mut report = MediaReport::default();
    let epoch = Instant::now();
    let mut tick = tokio::time::interval(Duration::from_millis(20));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let mut next_rtcp = Instant::now() + Duration::from_secs(5);
    let mut buf = vec![0u8; 2048];
    let mut buf2 = vec![0u8; 2048];
    let mut enc = Vec::with_capacity(FRAME);
    let mut dec = Vec::with_capacity(FRAME);
    let mut last_played = [0i16; FRAME];
    let mut delayed: Vec<(Instant, RtpPacket)> = Vec::new();
    loop {
        tokio::select! {
            _ = tick.tick() => {
                report.ticks += 1;
                let mut mic = [0i16; FRAME];
                p.device.capture(&mut mic);
                if let Some(aec) = p.aec.as_mut() {
                    aec.process(&mut mic, &last_played);
                }
                if muted || held {
                    mic.fill(0);
                }
                p.levels.input.store(Levels::peak(&mic), Ordering::Relaxed);
                if let (true, Some(dest)) = (neg.direction.sends(), remote) {
                    let packets: Vec<(u8, bool, u32, Vec<u8>)> = match (neg.dtmf_pt, dtmf_tx.tick(ts)) {
                        (Some(pt), Some(evs)) => evs.into_iter().map(|e| (pt, e.marker, e.start_ts, e.payload.to_vec())).collect(),
                        _ => {
                            g711::encode(neg.law, &mic, &mut enc);
                            vec![(neg.law.payload_type(), first, ts, enc.clone())]
                        }
                    };
                    for (pt, marker, pts, payload) in packets {
                        let pkt = RtpPacket { marker, payload_type: pt, sequence: seq, timestamp: pts, ssrc, csrc: vec![], payload };
                        seq = seq.wrapping_add(1);
                        sent.packets += 1;
                        sent.octets += pkt.payload.len() as u32;
                        let _ = rtp.send_to(&pkt.to_bytes(), dest).await;
                    }
                    sent.last_ts = ts;
                    first = false;
                }
                ts = ts.wrapping_add(FRAME as u32);
                let now = Instant::now();
                if !delayed.is_empty() {
                    delayed.sort_by_key(|d| d.0);
                    let due = delayed.iter().take_while(|d| d.0 <= now).count();
                    for (at, pkt) in delayed.drain(..due) {
                        if let Some(law) = Law::from_payload_type(pkt.payload_type) {
                            g711::decode(law, &pkt.payload, &mut dec);
                            jb.push(pkt.timestamp, &dec, at);
                        }
                    }
                }
                let (mut remote_frame, kind) = jb.pop(now);
                if !neg.direction.receives() {
                    remote_frame = [0; FRAME];
                }
                let _ = kind == FrameKind::Audio;
                p.device.play(&remote_frame);
                last_played = remote_frame;
                p.levels.output.store(Levels::peak(&remote_frame), Ordering::Relaxed);
                if let Some(r) = p.recorder.as_mut() {
                    if r.write(&mic, &remote_frame).is_ok() {
                        report.recorded_ticks += 1;
                    }
                }
                if now >= next_rtcp {
                    next_rtcp = now + Duration::from_secs(5);
                    if let Some(dest) = remote {
                        let bytes = session::build_report(ssrc, &p.cname, &sent, neg.direction.sends(), &mut recv);
                        let _ = rtcp.send_to(&bytes, SocketAddr::new(dest.ip(), dest.port() + 1)).await;
                    }
                }
            }
            r = rtp.recv_from(&mut buf) => {
                let Ok((n, src)) = r else { continue };
                if looks_like_rtcp(&buf[..n]) {
                    continue;
                }
                let Ok(pkt) = RtpPacket::parse(&buf[..n]) else { continue };
                // Symmetric RTP: answer to where the peer really sends from
                // (its NAT's public port), not to what its SDP claims.
                if !latched {
                    latched = true;
                    if remote != Some(src) {
                        remote = Some(src);
                        report.symmetric_latched = Some(src);
                    }
                }
                let arrival = Instant::now();
                recv.on_packet(pkt.ssrc, pkt.sequence, pkt.timestamp, (arrival.duration_since(epoch).as_micros() / 125) as u32);
                if Some(pkt.payload_type) == neg.dtmf_pt {
                    if let Some(d) = dtmf_rx.on_packet(pkt.timestamp, &pkt.payload) {
                        let _ = p.events.send(PhoneEvent::Dtmf { call: p.call_id.clone(), digit: d });
                    }
                } else if let Some(imp) = p.impairment {
                    if rand::random::<f64>() >= imp.loss {
                        let d = Duration::from_micros((rand::random::<f64>() * imp.jitter_ms as f64 * 1000.0) as u64);
                        delayed.push((arrival + d, pkt));
                    }
                } else if let Some(law) = Law::from_payload_type(pkt.payload_type) {
                    g711::decode(law, &pkt.payload, &mut dec);
                    jb.push(pkt.timestamp, &dec, arrival);
                }
            }
            r = rtcp.recv_from(&mut buf2) => {
                let Ok((n, _)) = r else { continue };
                for pkt in RtcpPacket::parse_compound(&buf2[..n]) {
                    if let RtcpPacket::SenderReport { ntp, .. } = pkt {
                        recv.on_sender_report(ntp);
                    }
                }
            }
            c = ctl.recv() => match c {
                Some(MediaCtl::Update(n)) => {
                    if n.remote != neg.remote && n.remote.is_some() {
                        remote = n.remote;
                        latched = false;
                    }
                    neg = n;
                }
                Some(MediaCtl::Mute(m)) => muted = m,
                Some(MediaCtl::Hold(h)) => held = h,
                Some(MediaCtl::Dtmf(d)) => { let _ = dtmf_tx.queue(&d); }
                Some(MediaCtl::Answered) => {
                    if let Some(r) = p.recorder.as_mut() { let _ = r.mark_answered(); }
                }
                Some(MediaCtl::Stop(reply)) => {
                    if let Some(dest) = remote {
                        let bye = RtcpPacket::compound(&[RtcpPacket::ReceiverReport { ssrc, reports: vec![] }, RtcpPacket::Bye { ssrcs: vec![ssrc] }]);
                        let _ = rtcp.send_to(&bye, SocketAddr::new(dest.ip(), dest.port() + 1)).await;
                    }
                    report.recording = p.recorder.take().and_then(|r| r.finish().ok());
                    report.jitter = jb.stats.clone();
                    report.packets_sent = sent.packets;
                    report.packets_received = recv.received;
                    report.packets_lost = recv.lost();
                    let _ = reply.send(report);
                    return;
                }
                None => {
                    if let Some(r) = p.recorder.take() { let _ = r.finish(); }
                    return;
                }
            }
        }
    }
}

impl Direction {
    pub fn is_hold(self) -> bool {
        !matches!(self, Direction::SendRecv)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audio::BufferDevice;

    /// The peer's SDP names a port nobody listens on (as a NATed phone's
    /// would); once its RTP arrives from elsewhere we answer there.
    #[tokio::test]
    async fn symmetric_rtp_latches_to_where_the_peer_sends_from() {
        let sockets = bind_pair("127.0.0.1".parse().unwrap(), (41000, 42000)).await.unwrap();
        let ours = sockets.0.local_addr().unwrap();
        let (events, _rx) = mpsc::unbounded_channel();
        let neg = Negotiated {
            law: Law::A,
            dtmf_pt: Some(101),
            remote: Some("127.0.0.1:9".parse().unwrap()),
            direction: Direction::SendRecv,
        };
        let dev = BufferDevice::with_mic(&crate::dtmf::tone(440.0, 8000.0, 8000));
        let h = start(MediaParams {
            call_id: "c".into(),
            sockets,
            neg,
            device: Box::new(dev),
            recorder: None,
            events,
            levels: Arc::new(Levels::default()),
            aec: None,
            cname: "t".into(),
            impairment: None,
        });
        let peer = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        let pkt = RtpPacket {
            marker: false,
            payload_type: 8,
            sequence: 1,
            timestamp: 160,
            ssrc: 9,
            csrc: vec![],
            payload: vec![0xD5; 160],
        };
        peer.send_to(&pkt.to_bytes(), ours).await.unwrap();
        let mut buf = [0u8; 2048];
        let (n, from) = tokio::time::timeout(Duration::from_secs(2), peer.recv_from(&mut buf))
            .await
            .expect("media came back to the real source")
            .unwrap();
        assert_eq!(from, ours);
        assert_eq!(RtpPacket::parse(&buf[..n]).unwrap().payload_type, 8);
        let report = h.stop().await;
        assert_eq!(report.symmetric_latched, Some(peer.local_addr().unwrap()));
    }
}
