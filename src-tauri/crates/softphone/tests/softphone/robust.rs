//! Malformed messages sent to a live phone are answered 400 or dropped;
//! the phone keeps working afterwards.
use crate::common::*;
use hcrm_softphone::fuzz::mutate;
use hcrm_softphone::sip::SipMessage;
use hcrm_softphone::PhoneEvent;
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpStream, UdpSocket};

fn options(port: u16, n: u32) -> String {
    format!("OPTIONS sip:1001@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bKopt{n};rport\r\nFrom: <sip:probe@127.0.0.1>;tag=p{n}\r\nTo: <sip:1001@127.0.0.1>\r\nCall-ID: probe-{n}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n")
}

async fn replies(sock: &UdpSocket, wait: Duration) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut buf = vec![0u8; 65536];
    while let Ok(Ok(n)) = tokio::time::timeout(wait, sock.recv(&mut buf)).await {
        out.push(buf[..n].to_vec());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_messages_are_answered_400_or_dropped_and_the_phone_survives() {
    let (phone, _ev) = null_phone(config("1001", "x")).await;
    let sock = UdpSocket::bind("127.0.0.1:0").await.unwrap();
    sock.connect(phone.local_sip).await.unwrap();
    let me = sock.local_addr().unwrap().port();

    // A precise case: CSeq that does not match the method.
    let bad = options(me, 0).replace("CSeq: 1 OPTIONS", "CSeq: 1 BYE");
    sock.send(bad.as_bytes()).await.unwrap();
    let r = replies(&sock, Duration::from_millis(500)).await;
    let resp = SipMessage::parse(&r[0]).unwrap();
    assert_eq!(resp.code(), Some(400));
    assert!(resp.get("Warning").unwrap().contains("CSeq"), "{:?}", resp.get("Warning"));

    // Mutants of an OPTIONS, a BYE and an INVITE, and random bytes.
    let mut rng = StdRng::seed_from_u64(3);
    let seeds = [
        options(me, 1),
        hcrm_softphone::fuzz::SIP_SEEDS[0].to_string(),
        hcrm_softphone::fuzz::SIP_SEEDS[3].replace("NOTIFY", "BYE"),
    ];
    let mut answered = 0;
    for i in 0..600 {
        let input = mutate(&mut rng, seeds[i % 3].as_bytes());
        sock.send(&input).await.unwrap();
        if i % 20 == 0 {
            for r in replies(&sock, Duration::from_millis(30)).await {
                let m = SipMessage::parse(&r).unwrap_or_else(|e| {
                    panic!("the phone sent an unparseable reply ({e}): {:?}", String::from_utf8_lossy(&r))
                });
                assert!(m.code().is_some(), "only responses come back");
                answered += 1;
            }
        }
    }
    assert!(answered > 0);

    // A stream that cannot be framed: 400 (when it can be answered) and closed.
    let mut tcp = TcpStream::connect(phone.local_sip).await.unwrap();
    tcp.write_all(options(me, 2).replace("Content-Length: 0", "Content-Length: x").as_bytes()).await.unwrap();
    let mut got = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(2), tcp.read_to_end(&mut got)).await;
    assert!(String::from_utf8_lossy(&got).starts_with("SIP/2.0 400"), "{:?}", String::from_utf8_lossy(&got));

    // Still alive: a clean OPTIONS gets its 200.
    let _ = replies(&sock, Duration::from_millis(200)).await;
    sock.send(options(me, 3).as_bytes()).await.unwrap();
    let r = replies(&sock, Duration::from_millis(1000)).await;
    assert!(
        r.iter().any(|b| SipMessage::parse(b).is_ok_and(|m| m.code() == Some(200) && m.call_id() == "probe-3")),
        "no 200 to OPTIONS"
    );
}

/// While registered the phone sends CRLF keep-alives to the registrar, so the
/// NAT binding stays open for incoming INVITEs. The registrar here is a bare
/// UDP socket that answers 200 by hand.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keepalives_flow_to_the_registrar_while_registered() {
    let reg = UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let mut cfg = config("1001", "x");
    cfg.proxy = Some(reg.local_addr().unwrap());
    cfg.keepalive_secs = 1;
    let (phone, mut ev) = null_phone(cfg).await;
    phone.register().await.unwrap();
    let mut buf = vec![0u8; 65536];
    let (n, from) = reg.recv_from(&mut buf).await.unwrap();
    let req = SipMessage::parse(&buf[..n]).unwrap();
    let ok = SipMessage::response_to(&req, 200, "OK", Some("r"))
        .header("Contact", format!("{};expires=300", req.get("Contact").unwrap()));
    reg.send_to(&ok.to_bytes(), from).await.unwrap();
    wait_for(&mut ev, 5, |e| matches!(e, PhoneEvent::Registered { expires: 300 })).await;
    let (n, _) =
        tokio::time::timeout(Duration::from_secs(5), reg.recv_from(&mut buf)).await.expect("a keep-alive").unwrap();
    assert_eq!(&buf[..n], b"\r\n\r\n");
}

/// The caller number for the screen-pop comes from P-Asserted-Identity when
/// the PBX sets it (trunk calls often carry a useless From).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn caller_number_prefers_p_asserted_identity() {
    let (phone, mut ev) = null_phone(config("1001", "x")).await;
    let sock = UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let invite = hcrm_softphone::fuzz::SIP_SEEDS[0].replace(
        "Max-Forwards: 70\r\n",
        "Max-Forwards: 70\r\nP-Asserted-Identity: \"Wang Wu\" <sip:13912345678@pbx>\r\n",
    );
    sock.send_to(invite.as_bytes(), phone.local_sip).await.unwrap();
    let e = wait_for(&mut ev, 5, |e| matches!(e, PhoneEvent::IncomingCall { .. })).await;
    assert!(
        matches!(e, PhoneEvent::IncomingCall { ref from_number, ref display_name, .. } if from_number == "13912345678" && display_name.as_deref() == Some("Zhang San")),
        "{e:?}"
    );
}
