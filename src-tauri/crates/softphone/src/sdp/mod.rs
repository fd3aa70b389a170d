//! SDP (RFC 4566) for one audio stream, and the offer/answer rules of RFC 3264.
use crate::codec::Law;
use std::net::{IpAddr, SocketAddr};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}

impl Direction {
    pub fn attr(self) -> &'static str {
        match self {
            Direction::SendRecv => "sendrecv",
            Direction::SendOnly => "sendonly",
            Direction::RecvOnly => "recvonly",
            Direction::Inactive => "inactive",
        }
    }
    pub fn sends(self) -> bool {
        matches!(self, Direction::SendRecv | Direction::SendOnly)
    }
    pub fn receives(self) -> bool {
        matches!(self, Direction::SendRecv | Direction::RecvOnly)
    }
    /// RFC 3264 §6.1: the answer's direction for an offered one, given what
    /// we want (`local`: sendrecv normally, sendonly while we hold).
    pub fn answer(offered: Direction, local: Direction) -> Direction {
        let send = offered.receives() && local.sends();
        let recv = offered.sends() && local.receives();
        match (send, recv) {
            (true, true) => Direction::SendRecv,
            (true, false) => Direction::SendOnly,
            (false, true) => Direction::RecvOnly,
            (false, false) => Direction::Inactive,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rtpmap {
    pub pt: u8,
    pub encoding: String,
    pub rate: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AudioMedia {
    pub port: u16,
    pub proto: String,
    pub formats: Vec<u8>,
    pub rtpmaps: Vec<Rtpmap>,
    pub direction: Direction,
    pub ptime: Option<u32>,
    pub conn: Option<IpAddr>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sdp {
    pub session_id: u64,
    pub version: u64,
    pub conn: Option<IpAddr>,
    pub audio: Option<AudioMedia>,
    /// Session-level direction attribute, the default for the media.
    pub session_direction: Option<Direction>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SdpError {
    #[error("SDP line {0} is malformed")]
    Line(usize),
    #[error("SDP has no audio stream")]
    NoAudio,
    #[error("SDP has no connection address")]
    NoAddress,
    #[error("no common codec (we offer PCMA and PCMU)")]
    NoCodec,
}

fn parse_dir(a: &str) -> Option<Direction> {
    Some(match a {
        "sendrecv" => Direction::SendRecv,
        "sendonly" => Direction::SendOnly,
        "recvonly" => Direction::RecvOnly,
        "inactive" => Direction::Inactive,
        _ => return None,
    })
}

fn parse_conn(v: &str) -> Option<IpAddr> {
    let mut it = v.split_whitespace();
    let (Some("IN"), Some(_), Some(addr)) = (it.next(), it.next(), it.next()) else { return None };
    addr.split('/').next()?.parse().ok()
}

impl Sdp {
    pub fn parse(text: &str) -> Result<Sdp, SdpError> {
        let mut sdp = Sdp { session_id: 0, version: 0, conn: None, audio: None, session_direction: None };
        // Index of the current m= section: None = session level, Some(true) = our audio.
        let mut section: Option<bool> = None;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.is_empty() {
                continue;
            }
            let (k, v) = line.split_once('=').ok_or(SdpError::Line(i + 1))?;
            if k.len() != 1 {
                return Err(SdpError::Line(i + 1));
            }
            match (k, section) {
                ("o", None) => {
                    let f: Vec<&str> = v.split_whitespace().collect();
                    if f.len() < 6 {
                        return Err(SdpError::Line(i + 1));
                    }
                    sdp.session_id = f[1].parse().unwrap_or(0);
                    sdp.version = f[2].parse().unwrap_or(0);
                }
                ("c", None) => sdp.conn = Some(parse_conn(v).ok_or(SdpError::Line(i + 1))?),
                ("a", None) => sdp.session_direction = parse_dir(v).or(sdp.session_direction),
                ("m", _) => {
                    let f: Vec<&str> = v.split_whitespace().collect();
                    if f.len() < 3 {
                        return Err(SdpError::Line(i + 1));
                    }
                    let is_audio = f[0] == "audio" && sdp.audio.is_none() && f[2].starts_with("RTP/");
                    section = Some(is_audio);
                    if is_audio {
                        let port = f[1].split('/').next().and_then(|p| p.parse().ok()).ok_or(SdpError::Line(i + 1))?;
                        let formats = f[3..]
                            .iter()
                            .map(|p| p.parse::<u8>())
                            .collect::<Result<Vec<_>, _>>()
                            .map_err(|_| SdpError::Line(i + 1))?;
                        sdp.audio = Some(AudioMedia {
                            port,
                            proto: f[2].into(),
                            formats,
                            rtpmaps: vec![],
                            direction: Direction::SendRecv,
                            ptime: None,
                            conn: None,
                        });
                    }
                }
                (_, Some(true)) => {
                    let m = sdp.audio.as_mut().unwrap();
                    match k {
                        "c" => m.conn = Some(parse_conn(v).ok_or(SdpError::Line(i + 1))?),
                        "a" => {
                            if let Some(d) = parse_dir(v) {
                                m.direction = d;
                            } else if let Some(r) = v.strip_prefix("rtpmap:") {
                                let (pt, enc) = r.split_once(' ').ok_or(SdpError::Line(i + 1))?;
                                let mut e = enc.split('/');
                                let encoding = e.next().unwrap_or("").to_string();
                                let rate = e.next().and_then(|r| r.parse().ok()).unwrap_or(8000);
                                let pt = pt.parse().map_err(|_| SdpError::Line(i + 1))?;
                                m.rtpmaps.push(Rtpmap { pt, encoding, rate });
                            } else if let Some(p) = v.strip_prefix("ptime:") {
                                m.ptime = p.trim().parse().ok();
                            }
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        if let (Some(m), Some(d)) = (sdp.audio.as_mut(), sdp.session_direction) {
            if !text
                .lines()
                .skip_while(|l| !l.starts_with("m=audio"))
                .any(|l| parse_dir(l.trim_start_matches("a=").trim()).is_some())
            {
                m.direction = d;
            }
        }
        Ok(sdp)
    }

    pub fn to_string(&self, username: &str) -> String {
        let conn = self.conn.or(self.audio.as_ref().and_then(|a| a.conn)).unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let ipv = if conn.is_ipv4() { "IP4" } else { "IP6" };
        let mut s = format!(
            "v=0\r\no={username} {} {} IN {ipv} {conn}\r\ns=hcrm\r\nc=IN {ipv} {conn}\r\nt=0 0\r\n",
            self.session_id, self.version
        );
        if let Some(m) = &self.audio {
            let fmts: Vec<String> = m.formats.iter().map(|f| f.to_string()).collect();
            s.push_str(&format!("m=audio {} {} {}\r\n", m.port, m.proto, fmts.join(" ")));
            for r in &m.rtpmaps {
                s.push_str(&format!("a=rtpmap:{} {}/{}\r\n", r.pt, r.encoding, r.rate));
                if r.encoding.eq_ignore_ascii_case("telephone-event") {
                    s.push_str(&format!("a=fmtp:{} 0-15\r\n", r.pt));
                }
            }
            s.push_str(&format!("a=ptime:{}\r\na={}\r\n", m.ptime.unwrap_or(20), m.direction.attr()));
        }
        s
    }

    /// The RTP address of the audio stream. A 0.0.0.0 address (RFC 2543 hold) gives `None`.
    pub fn rtp_addr(&self) -> Result<Option<SocketAddr>, SdpError> {
        let m = self.audio.as_ref().ok_or(SdpError::NoAudio)?;
        let ip = m.conn.or(self.conn).ok_or(SdpError::NoAddress)?;
        Ok((!ip.is_unspecified() && m.port != 0).then(|| SocketAddr::new(ip, m.port)))
    }

    /// The payload type the peer uses for an encoding (static types without rtpmap count).
    fn find_pt(m: &AudioMedia, name: &str, static_pt: Option<u8>) -> Option<u8> {
        m.formats.iter().copied().find(|pt| match m.rtpmaps.iter().find(|r| r.pt == *pt) {
            Some(r) => r.encoding.eq_ignore_ascii_case(name) && r.rate == 8000,
            None => Some(*pt) == static_pt,
        })
    }
}

/// What was agreed for the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Negotiated {
    pub law: Law,
    pub dtmf_pt: Option<u8>,
    pub remote: Option<SocketAddr>,
    /// Our direction (what we may do).
    pub direction: Direction,
}

/// Our offer: PCMA and PCMU in the order given, plus telephone-event.
pub fn offer(
    session_id: u64,
    version: u64,
    addr: IpAddr,
    port: u16,
    laws: &[Law],
    dtmf_pt: u8,
    direction: Direction,
) -> Sdp {
    let mut rtpmaps: Vec<Rtpmap> =
        laws.iter().map(|l| Rtpmap { pt: l.payload_type(), encoding: law_name(*l).into(), rate: 8000 }).collect();
    rtpmaps.push(Rtpmap { pt: dtmf_pt, encoding: "telephone-event".into(), rate: 8000 });
    let audio = AudioMedia {
        port,
        proto: "RTP/AVP".into(),
        formats: rtpmaps.iter().map(|r| r.pt).collect(),
        rtpmaps,
        direction,
        ptime: Some(20),
        conn: None,
    };
    Sdp { session_id, version, conn: Some(addr), audio: Some(audio), session_direction: None }
}

fn law_name(l: Law) -> &'static str {
    match l {
        Law::A => "PCMA",
        Law::Mu => "PCMU",
    }
}

fn effective_direction(sdp: &Sdp) -> Direction {
    let m = sdp.audio.as_ref().unwrap();
    // An old-style hold (c=0.0.0.0) means the peer will not receive.
    let unspecified = m.conn.or(sdp.conn).is_some_and(|c| c.is_unspecified());
    match (m.direction, unspecified) {
        (Direction::SendRecv, true) => Direction::SendOnly,
        (Direction::RecvOnly, true) => Direction::Inactive,
        (d, _) => d,
    }
}

/// Answers a remote offer (RFC 3264 §6). The first offered codec we support wins.
pub fn answer(
    remote: &Sdp,
    session_id: u64,
    version: u64,
    addr: IpAddr,
    port: u16,
    laws: &[Law],
    local: Direction,
) -> Result<(Sdp, Negotiated), SdpError> {
    let m = remote.audio.as_ref().ok_or(SdpError::NoAudio)?;
    let law = m
        .formats
        .iter()
        .filter_map(|pt| {
            laws.iter().copied().find(|l| Sdp::find_pt(m, law_name(*l), Some(l.payload_type())) == Some(*pt))
        })
        .next()
        .ok_or(SdpError::NoCodec)?;
    let dtmf_pt = Sdp::find_pt(m, "telephone-event", None);
    let direction = Direction::answer(effective_direction(remote), local);
    let mut rtpmaps = vec![Rtpmap { pt: law.payload_type(), encoding: law_name(law).into(), rate: 8000 }];
    if let Some(pt) = dtmf_pt {
        rtpmaps.push(Rtpmap { pt, encoding: "telephone-event".into(), rate: 8000 });
    }
    let audio = AudioMedia {
        port,
        proto: m.proto.clone(),
        formats: rtpmaps.iter().map(|r| r.pt).collect(),
        rtpmaps,
        direction,
        ptime: Some(20),
        conn: None,
    };
    let sdp = Sdp { session_id, version, conn: Some(addr), audio: Some(audio), session_direction: None };
    Ok((sdp, Negotiated { law, dtmf_pt, remote: remote.rtp_addr()?, direction }))
}

/// Reads the answer to our offer.
pub fn accept_answer(ans: &Sdp, laws: &[Law], our_direction: Direction) -> Result<Negotiated, SdpError> {
    let m = ans.audio.as_ref().ok_or(SdpError::NoAudio)?;
    let law = m
        .formats
        .iter()
        .find_map(|pt| {
            laws.iter().copied().find(|l| Sdp::find_pt(m, law_name(*l), Some(l.payload_type())) == Some(*pt))
        })
        .ok_or(SdpError::NoCodec)?;
    let dtmf_pt = Sdp::find_pt(m, "telephone-event", None);
    // What the answer allows us: its direction mirrored, limited by ours.
    let theirs = effective_direction(ans);
    let direction = Direction::answer(theirs, our_direction);
    Ok(Negotiated { law, dtmf_pt, remote: ans.rtp_addr()?, direction })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIPP_OFFER: &str = "v=0\r\no=user1 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-11,16\r\na=sendonly\r\n";

    #[test]
    fn a_sendonly_offer_is_answered_recvonly() {
        let o = Sdp::parse(SIPP_OFFER).unwrap();
        let (ans, neg) =
            answer(&o, 1, 1, "10.0.0.1".parse().unwrap(), 4000, &[Law::A, Law::Mu], Direction::SendRecv).unwrap();
        assert_eq!(neg.law, Law::Mu, "the offerer's order wins");
        assert_eq!(neg.dtmf_pt, Some(101));
        assert_eq!(neg.direction, Direction::RecvOnly);
        assert_eq!(neg.remote, Some("127.0.0.1:6000".parse().unwrap()));
        let text = ans.to_string("hcrm");
        assert!(text.contains("a=recvonly") && text.contains("m=audio 4000 RTP/AVP 0 101"), "{text}");
        let back = Sdp::parse(&text).unwrap();
        assert_eq!(back.audio.unwrap().direction, Direction::RecvOnly);
    }

    #[test]
    fn directions_follow_rfc3264() {
        use Direction::*;
        assert_eq!(Direction::answer(SendOnly, SendRecv), RecvOnly);
        assert_eq!(Direction::answer(RecvOnly, SendRecv), SendOnly);
        assert_eq!(Direction::answer(Inactive, SendRecv), Inactive);
        assert_eq!(Direction::answer(SendRecv, SendOnly), SendOnly);
        assert_eq!(Direction::answer(SendOnly, SendOnly), Inactive);
        let hold = SIPP_OFFER.replace("c=IN IP4 127.0.0.1", "c=IN IP4 0.0.0.0").replace("a=sendonly\r\n", "");
        let o = Sdp::parse(&hold).unwrap();
        assert_eq!(o.rtp_addr().unwrap(), None);
        let (_, neg) = answer(&o, 1, 1, "10.0.0.1".parse().unwrap(), 4000, &[Law::A], Direction::SendRecv).unwrap();
        assert_eq!(neg.direction, RecvOnly);
    }

    #[test]
    fn offer_round_trip_and_errors() {
        let o = offer(7, 2, "192.168.1.2".parse().unwrap(), 5000, &[Law::A, Law::Mu], 101, Direction::SendOnly);
        let p = Sdp::parse(&o.to_string("u")).unwrap();
        assert_eq!(p, o);
        let n = accept_answer(
            &Sdp::parse(&SIPP_OFFER.replace("sendonly", "recvonly")).unwrap(),
            &[Law::A, Law::Mu],
            Direction::SendOnly,
        )
        .unwrap();
        assert_eq!(n.direction, Direction::SendOnly);
        assert_eq!(Sdp::parse("v=0\r\nxx\r\n"), Err(SdpError::Line(2)));
        let g729 = SIPP_OFFER.replace("RTP/AVP 0 8 101", "RTP/AVP 18");
        assert_eq!(
            answer(&Sdp::parse(&g729).unwrap(), 1, 1, "10.0.0.1".parse().unwrap(), 1, &[Law::A], Direction::SendRecv)
                .unwrap_err(),
            SdpError::NoCodec
        );
    }
}
