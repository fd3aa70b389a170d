//! Deterministic mutation fuzzing of the parsers that face the network: SIP,
//! SDP, RTP/RTCP and telephone events. Used by the test suite (a few thousand
//! cases) and by the benchmark binary (hundreds of thousands); a panic in any
//! parser is a failure, and the offending input is printed.
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

pub const SIP_SEEDS: &[&str] = &[
    "INVITE sip:1001@10.0.0.5:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bK776;rport\r\nMax-Forwards: 70\r\nFrom: \"Zhang San\" <sip:13800138000@pbx>;tag=abc\r\nTo: <sip:1001@pbx>\r\nCall-ID: call-1@10.0.0.9\r\nCSeq: 1 INVITE\r\nContact: <sip:13800138000@10.0.0.9:5062>\r\nContent-Type: application/sdp\r\nContent-Length: 129\r\n\r\nv=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8 0 101\r\na=rtpmap:101 telephone-event/8000\r\na=sendonly\r\n",
    "SIP/2.0 401 Unauthorized\r\nv: SIP/2.0/TCP 10.0.0.2:5060;branch=z9hG4bK1;received=1.2.3.4;rport=4000\r\nf: <sip:1001@pbx>;tag=x\r\nt: <sip:1001@pbx>;tag=y\r\ni: reg-1\r\nCSeq: 2 REGISTER\r\nWWW-Authenticate: Digest realm=\"pbx\", nonce=\"abc\", qop=\"auth,auth-int\", opaque=\"o\", algorithm=MD5\r\nl: 0\r\n\r\n",
    "REGISTER sip:pbx SIP/2.0\r\nVia: SIP/2.0/UDP [::1]:5060;branch=z9hG4bKa\r\nFrom: <sip:1001@pbx>;tag=1\r\nTo: <sip:1001@pbx>\r\nCall-ID: r@h\r\nCSeq: 1 REGISTER\r\nContact: <sip:1001@[::1]:5060;transport=tcp>;expires=60, <sip:x@y>\r\nAuthorization: Digest username=\"1001\", realm=\"pbx\", nonce=\"n\", uri=\"sip:pbx\", response=\"0123\", qop=auth, nc=00000001, cnonce=\"c\"\r\nContent-Length: 0\r\n\r\n",
    "NOTIFY sip:1001@10.0.0.5 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.9;branch=z9hG4bKn\r\nFrom: <sip:a@b>;tag=2\r\nTo: <sip:1001@pbx>;tag=3\r\nCall-ID: c\r\nCSeq: 5 NOTIFY\r\nEvent: refer\r\nContent-Type: message/sipfrag\r\nContent-Length: 16\r\n\r\nSIP/2.0 200 OK\r\n",
];

pub const SDP_SEEDS: &[&str] = &[
    "v=0\r\no=user1 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-11,16\r\na=ptime:20\r\na=sendonly\r\n",
    "v=0\r\no=- 1 2 IN IP6 ::1\r\ns=x\r\nc=IN IP6 ::1\r\nt=0 0\r\na=recvonly\r\nm=video 5000 RTP/AVP 96\r\nm=audio 0 RTP/SAVP 8\r\nc=IN IP4 0.0.0.0/127\r\n",
];

const TOKENS: &[&str] = &[
    "\r\n",
    "\r\n\r\n",
    ":",
    ";",
    ",",
    "<",
    ">",
    "\"",
    "=",
    "@",
    "sip:",
    "SIP/2.0",
    "Content-Length: 99999",
    "l: -1",
    "CSeq: 4294967296 INVITE",
    "tag=",
    "branch=",
    "Via: ",
    " ",
    "\t",
    "\u{00e9}",
    "\u{4e2d}",
    "%00",
    "[",
    "]",
    ":65536",
    "m=audio ",
    "a=rtpmap:",
    "c=IN IP4 ",
    "/",
    "0",
    "999999999999",
];

/// One mutation of `seed`: byte flips, inserted tokens or bytes, deletions,
/// duplicated or truncated spans.
pub fn mutate(rng: &mut StdRng, seed: &[u8]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..rng.gen_range(1..6) {
        let len = b.len().max(1);
        let at = rng.gen_range(0..len).min(b.len());
        match rng.gen_range(0..7) {
            0 => {
                if at < b.len() {
                    b[at] ^= 1 << rng.gen_range(0..8);
                }
            }
            1 => {
                let t = TOKENS[rng.gen_range(0..TOKENS.len())].as_bytes();
                b.splice(at..at, t.iter().copied());
            }
            2 => {
                let n = rng.gen_range(1..8);
                let bytes: Vec<u8> = (0..n).map(|_| rng.gen()).collect();
                b.splice(at..at, bytes);
            }
            3 => {
                let end = (at + rng.gen_range(1..32)).min(b.len());
                b.drain(at..end);
            }
            4 => {
                let end = (at + rng.gen_range(1..64)).min(b.len());
                let dup = b[at..end].to_vec();
                let to = rng.gen_range(0..=b.len());
                b.splice(to..to, dup);
            }
            5 => b.truncate(at),
            _ => {
                if at < b.len() {
                    b[at] = rng.gen();
                }
            }
        }
    }
    b
}

/// Runs every network parser on `input`; returns normally unless one panics.
pub fn exercise(input: &[u8]) {
    use crate::sip::message::*;
    if let Ok(m) = SipMessage::parse(input) {
        let _ = m.cseq();
        let _ = m.branch();
        for (_, v) in &m.headers {
            let _ = uri_of(v);
            let _ = display_of(v);
            let _ = header_param(v, "tag");
            let _ = SipUri::parse(uri_of(v));
            let _ = Via::parse(v);
            let _ = split_commas(v).count();
            let _ = crate::sip::auth::Challenge::parse(v);
            let _ = crate::sip::auth::verify(v, "pw", "INVITE");
        }
        let again = m.to_bytes();
        let _ = SipMessage::parse(&again);
        let _ = SipMessage::response_to(&m, 400, "Bad Request", Some("t")).to_bytes();
    }
    let _ = SipMessage::parse_stream(input);
    if let Ok(text) = std::str::from_utf8(input) {
        exercise_sdp(text);
    }
    let _ = crate::rtp::RtpPacket::parse(input);
    let _ = crate::rtp::RtcpPacket::parse_compound(input);
    let _ = crate::dtmf::Event::parse(input);
}

fn exercise_sdp(text: &str) {
    use crate::sdp::*;
    if let Ok(s) = Sdp::parse(text) {
        let _ = s.rtp_addr();
        let ip = "10.0.0.1".parse().unwrap();
        let laws = [crate::codec::Law::A, crate::codec::Law::Mu];
        if let Ok((a, _)) = answer(&s, 1, 1, ip, 4000, &laws, Direction::SendRecv) {
            let _ = Sdp::parse(&a.to_string("u"));
        }
        let _ = accept_answer(&s, &laws, Direction::SendOnly);
        let _ = Sdp::parse(&s.to_string("u"));
    }
}

/// Runs `cases` mutated inputs from the seeds with a fixed seed; panics with
/// the input (escaped) when a parser panics. Returns the number of inputs the
/// SIP parser accepted (to show the mutations are not all trivially invalid).
pub fn run(cases: usize, seed: u64) -> usize {
    let mut rng = StdRng::seed_from_u64(seed);
    let seeds: Vec<&[u8]> = SIP_SEEDS.iter().chain(SDP_SEEDS).map(|s| s.as_bytes()).collect();
    let mut accepted = 0;
    for i in 0..cases {
        let base = seeds[i % seeds.len()];
        let input =
            if i % 50 == 0 { (0..rng.gen_range(0..300)).map(|_| rng.gen()).collect() } else { mutate(&mut rng, base) };
        let r = std::panic::catch_unwind(|| exercise(&input));
        if r.is_err() {
            panic!("parser panicked on case {i}: {:?}", String::from_utf8_lossy(&input));
        }
        if crate::sip::SipMessage::parse(&input).is_ok() {
            accepted += 1;
        }
    }
    accepted
}

#[cfg(test)]
mod tests {
    #[test]
    fn parsers_survive_mutated_input() {
        let accepted = super::run(20_000, 8);
        // A fair share of the mutants still parse, so the deep paths run too.
        assert!(accepted > 1000, "{accepted}");
    }
}
