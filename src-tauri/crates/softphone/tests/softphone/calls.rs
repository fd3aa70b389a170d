//! Calls against sipp: a caller playing an A-law tone and the DTMF captures
//! sipp ships, RTP echo, hold/resume both ways, REFER, 407 on INVITE with
//! early media, CANCEL both ways.
use crate::common::*;
use crate::media_check::*;
use crate::scenarios::*;
use hcrm_softphone::audio::{BufferDevice, SharedBufferFactory};
use hcrm_softphone::recorder::read_wav;
use hcrm_softphone::{Phone, PhoneEvent};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedReceiver;

/// Answers every incoming call; returns all events up to the first Ended.
fn auto_answer(phone: Phone, mut rx: UnboundedReceiver<PhoneEvent>) -> tokio::task::JoinHandle<Vec<PhoneEvent>> {
    tokio::spawn(async move {
        let mut all = Vec::new();
        while let Ok(Some(e)) = tokio::time::timeout(Duration::from_secs(40), rx.recv()).await {
            if let PhoneEvent::IncomingCall { call, .. } = &e {
                phone.answer(call).await.unwrap();
            }
            let end = matches!(e, PhoneEvent::Ended { .. });
            all.push(e);
            if end {
                break;
            }
        }
        all
    })
}

fn recording_of(events: &[PhoneEvent]) -> hcrm_softphone::recorder::RecordingMeta {
    events
        .iter()
        .find_map(|e| match e {
            PhoneEvent::Ended { recording: Some(r), .. } => Some(r.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no recording in {events:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sipp_caller_tone_is_recorded_and_its_dtmf_captures_detected() {
    let rec = tmpdir("rec-tone");
    let mut cfg = config("1001", "x");
    cfg.recordings_dir = Some(rec.clone());
    let (phone, rx) = null_phone(cfg).await;
    let target = phone.local_sip.to_string();
    let dtmf: String = ["1", "9", "pound", "star"]
        .iter()
        .map(|d| play(&format!("{}/dtmf_2833_{d}.pcap", sipp_dir().display()), 700))
        .collect();
    let sc = scenario(&format!("{}{}{dtmf}{}", uac_invite(), play("tone.pcap", 2600), uac_bye(2)));
    let media = free_port();
    let mut sipp = Sipp::start_with("tone", &sc, &[&target, "-s", "1001", "-mp", &media.to_string()], |dir| {
        std::fs::write(dir.join("tone.pcap"), tone_pcap(1000.0, 2.0)).unwrap()
    });
    let events = auto_answer(phone.clone(), rx).await.unwrap();
    tokio::task::spawn_blocking(move || sipp.wait_success(Duration::from_secs(20))).await.unwrap();
    let incoming = events.iter().find_map(|e| match e {
        PhoneEvent::IncomingCall { from_number, display_name, .. } => Some((from_number.clone(), display_name.clone())),
        _ => None,
    });
    assert_eq!(incoming, Some(("13800138000".to_string(), Some("Li Si".to_string()))));
    let digits: String = events
        .iter()
        .filter_map(|e| match e {
            PhoneEvent::Dtmf { digit, .. } => Some(*digit),
            _ => None,
        })
        .collect();
    assert_eq!(digits, "19#*", "{events:?}");
    let meta = recording_of(&events);
    assert_eq!(
        (meta.direction.as_str(), meta.remote_number.as_str(), meta.state.as_str()),
        ("inbound", "13800138000", "finished")
    );
    assert!(meta.answered_at.is_some());
    let (rate, ch) = read_wav(&rec.join(&meta.wav)).unwrap();
    assert_eq!((rate, ch.len()), (8000, 2));
    assert_eq!(ch[0].len(), ch[1].len());
    let other = tone_seconds(&ch[1], 1000.0);
    assert!((1.7..=2.3).contains(&other), "1 kHz on the caller's channel for {other} s");
    assert_eq!(tone_seconds(&ch[0], 1000.0), 0.0, "agent channel is silent (null microphone)");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn phone_calls_sipp_with_rtp_echo_and_hears_itself() {
    let media = free_port();
    let sc = scenario(&format!("{}{}", uas_answer(), uas_bye()));
    let mut sipp = Sipp::start("echo", &sc, &["-rtp_echo", "-mp", &media.to_string()]);
    let rec = tmpdir("rec-echo");
    let mut cfg = config("1001", "x");
    cfg.recordings_dir = Some(rec.clone());
    let dev = BufferDevice::with_mic(&hcrm_softphone::dtmf::tone(440.0, 10000.0, 12000));
    let (phone, mut rx) = phone(cfg, Arc::new(SharedBufferFactory(dev.clone()))).await;
    let call = phone.dial(&format!("sip:sipp@{}", sipp.addr())).await.unwrap();
    wait_for(&mut rx, 10, |e| matches!(e, PhoneEvent::Answered { .. })).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert!(phone.levels().0 == 0, "the tone is over, so the microphone is quiet");
    phone.hangup(&call).await.unwrap();
    let ended = wait_for(&mut rx, 10, |e| matches!(e, PhoneEvent::Ended { .. })).await;
    tokio::task::spawn_blocking(move || sipp.wait_success(Duration::from_secs(10))).await.unwrap();
    let meta = recording_of(&[ended]);
    let (_, ch) = read_wav(&rec.join(&meta.wav)).unwrap();
    let mine = tone_seconds(&ch[0], 440.0);
    let echoed = tone_seconds(&ch[1], 440.0);
    assert!((1.4..=1.6).contains(&mine), "agent channel 440 Hz for {mine} s");
    assert!((1.2..=1.7).contains(&echoed), "echoed 440 Hz for {echoed} s");
    // What the speaker played is what was recorded as the other party.
    let spk = dev.speaker.lock().unwrap().clone();
    assert!((tone_seconds(&spk, 440.0) - echoed).abs() < 0.05);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hold_resume_and_blind_transfer_against_sipp() {
    let sc = scenario(&format!(
        "{}{}{}{}{}",
        uas_answer(),
        uas_reinvite(1, "sendonly", "recvonly"),
        uas_reinvite(2, "sendrecv", "sendrecv"),
        uas_refer("1002"),
        uas_bye()
    ));
    let mut sipp = Sipp::start("hold", &sc, &["-mp", &free_port().to_string()]);
    let (phone, mut rx) = null_phone(config("1001", "x")).await;
    let call = phone.dial(&format!("sip:sipp@{}", sipp.addr())).await.unwrap();
    wait_for(&mut rx, 10, |e| matches!(e, PhoneEvent::Answered { .. })).await;
    phone.hold(&call).await.unwrap();
    assert_eq!(
        wait_for(&mut rx, 10, |e| matches!(e, PhoneEvent::Held { .. })).await,
        PhoneEvent::Held { call: call.clone(), by_remote: false }
    );
    phone.resume(&call).await.unwrap();
    assert_eq!(
        wait_for(&mut rx, 10, |e| matches!(e, PhoneEvent::Resumed { .. })).await,
        PhoneEvent::Resumed { call: call.clone(), by_remote: false }
    );
    phone.transfer(&call, "1002").await.unwrap();
    wait_for(&mut rx, 10, |e| matches!(e, PhoneEvent::TransferAccepted { .. })).await;
    assert_eq!(
        wait_for(&mut rx, 10, |e| matches!(e, PhoneEvent::TransferResult { .. })).await,
        PhoneEvent::TransferResult { call: call.clone(), ok: true }
    );
    // After a successful blind transfer the phone leaves the call.
    let e = wait_for(&mut rx, 10, |e| matches!(e, PhoneEvent::Ended { .. })).await;
    assert!(matches!(e, PhoneEvent::Ended { reason, .. } if reason == "local hangup"));
    tokio::task::spawn_blocking(move || sipp.wait_success(Duration::from_secs(10))).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sendonly_offer_from_the_caller_is_answered_recvonly() {
    let (phone, rx) = null_phone(config("1001", "x")).await;
    let target = phone.local_sip.to_string();
    let sc = scenario(&format!(
        "{}{}{}{}",
        uac_invite(),
        uac_reinvite(2, "sendonly", "recvonly"),
        uac_reinvite(3, "sendrecv", "sendrecv"),
        uac_bye(4)
    ));
    let mut sipp = Sipp::start("rhold", &sc, &[&target, "-s", "1001", "-mp", &free_port().to_string()]);
    let events = auto_answer(phone.clone(), rx).await.unwrap();
    tokio::task::spawn_blocking(move || sipp.wait_success(Duration::from_secs(10))).await.unwrap();
    assert!(events.iter().any(|e| matches!(e, PhoneEvent::Held { by_remote: true, .. })), "{events:?}");
    assert!(events.iter().any(|e| matches!(e, PhoneEvent::Resumed { by_remote: true, .. })), "{events:?}");
    assert!(events.iter().any(|e| matches!(e, PhoneEvent::Ended { reason, .. } if reason == "remote hangup")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invite_challenged_with_407_and_401_then_early_media_then_answer() {
    // sipp's verifyauth reads only Authorization, so the proxy challenge (407)
    // is checked for well-formed credentials and the 401 that follows is
    // verified against the password.
    let challenge = r#"<recv request="INVITE"/>
<send><![CDATA[
SIP/2.0 407 Proxy Authentication Required
[last_Via:]
[last_From:]
[last_To:];tag=[pid]SIPpTag01[call_number]
[last_Call-ID:]
[last_CSeq:]
Proxy-Authenticate: Digest realm="hcrm.test", nonce="inv0001", qop="auth", algorithm=MD5
Content-Length: 0

]]></send>
<recv request="ACK"/>
<recv request="INVITE"><action><ereg regexp="Digest username=\"1001\", realm=\"hcrm.test\", nonce=\"inv0001\", uri=\"sip:sipp@[^\"]*\", response=\"[0-9a-f]{32}\", algorithm=MD5, qop=auth, nc=00000001" search_in="hdr" header="Proxy-Authorization:" check_it="true" assign_to="pa"/><log message="[$pa]"/></action></recv>
<send><![CDATA[
SIP/2.0 401 Unauthorized
[last_Via:]
[last_From:]
[last_To:];tag=[pid]SIPpTag01[call_number]
[last_Call-ID:]
[last_CSeq:]
WWW-Authenticate: Digest realm="hcrm.test", nonce="inv0002", qop="auth", algorithm=MD5
Content-Length: 0

]]></send>
<recv request="ACK"/>
<recv request="INVITE"><action><verifyauth assign_to="authok" username="1001" password="s3cret"/><ereg regexp="tag=([^;> ]*)" search_in="hdr" header="From:" assign_to="junk,ftag"/><log message="[$junk] [$ftag]"/></action></recv>
<nop hide="true" test="authok" next="good"/>
<send next="end"><![CDATA[
SIP/2.0 403 Forbidden
[last_Via:]
[last_From:]
[last_To:];tag=[pid]SIPpTag01[call_number]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

]]></send>
<label id="good"/>
"#;
    let sc = scenario(&format!(
        "{challenge}{}<pause milliseconds=\"300\"/>\n{}<recv request=\"ACK\"/>\n{}<label id=\"end\"/>\n",
        uas_response("183 Session Progress", Some(""), false),
        uas_response("200 OK", Some(""), false),
        uas_bye()
    ));
    let mut sipp = Sipp::start("auth407", &sc, &["-mp", &free_port().to_string()]);
    let (phone, mut rx) = null_phone(config("1001", "s3cret")).await;
    let call = phone.dial(&format!("sip:sipp@{}", sipp.addr())).await.unwrap();
    wait_for(&mut rx, 10, |e| matches!(e, PhoneEvent::EarlyMedia { .. })).await;
    wait_for(&mut rx, 10, |e| matches!(e, PhoneEvent::Answered { .. })).await;
    phone.hangup(&call).await.unwrap();
    wait_for(&mut rx, 10, |e| matches!(e, PhoneEvent::Ended { .. })).await;
    tokio::task::spawn_blocking(move || sipp.wait_success(Duration::from_secs(10))).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_both_ways() {
    // We cancel our own ringing call.
    let sc = scenario(&format!(
        "<recv request=\"INVITE\"/>\n{}<recv request=\"CANCEL\"/>\n{}{}<recv request=\"ACK\"/>\n",
        uas_response("180 Ringing", None, false),
        "<send><![CDATA[\nSIP/2.0 200 OK\n[last_Via:]\n[last_From:]\n[last_To:]\n[last_Call-ID:]\n[last_CSeq:]\nContent-Length: 0\n\n]]></send>\n",
        uas_response("487 Request Terminated", None, false).replace("[last_CSeq:]", "CSeq: 1 INVITE")
    ));
    let mut sipp = Sipp::start("cancel", &sc, &[]);
    let (phone, mut rx) = null_phone(config("1001", "x")).await;
    let call = phone.dial(&format!("sip:sipp@{}", sipp.addr())).await.unwrap();
    wait_for(&mut rx, 10, |e| matches!(e, PhoneEvent::Ringing { .. })).await;
    phone.hangup(&call).await.unwrap();
    let e = wait_for(&mut rx, 10, |e| matches!(e, PhoneEvent::Ended { .. })).await;
    assert!(matches!(e, PhoneEvent::Ended { ref reason, code: Some(487), .. } if reason == "cancelled"), "{e:?}");
    tokio::task::spawn_blocking(move || sipp.wait_success(Duration::from_secs(10))).await.unwrap();

    // The caller gives up while we ring.
    let target = phone.local_sip.to_string();
    let invite = uac_invite();
    let invite_only = &invite[..invite.find("<recv response=\"100\"").unwrap()];
    let cancel = "<recv response=\"100\" optional=\"true\"/>\n<recv response=\"180\"/>\n<send><![CDATA[\nCANCEL sip:[service]@[remote_ip]:[remote_port] SIP/2.0\nVia: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch-1]\nFrom: \"Li Si\" <sip:13800138000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]\nTo: <sip:[service]@[remote_ip]:[remote_port]>\nCall-ID: [call_id]\nCSeq: 1 CANCEL\nMax-Forwards: 70\nContent-Length: 0\n\n]]></send>\n<recv response=\"200\"/>\n<recv response=\"487\"/>\n";
    let ack = "<send><![CDATA[\nACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0\nVia: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch-2]\nFrom: \"Li Si\" <sip:13800138000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]\nTo: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]\nCall-ID: [call_id]\nCSeq: 1 ACK\nMax-Forwards: 70\nContent-Length: 0\n\n]]></send>\n";
    let sc = scenario(&format!("{invite_only}{cancel}{ack}"));
    let mut sipp = Sipp::start("cancel-in", &sc, &[&target, "-s", "1001", "-mp", &free_port().to_string()]);
    let e = wait_for(&mut rx, 10, |e| matches!(e, PhoneEvent::IncomingCall { .. })).await;
    assert!(matches!(e, PhoneEvent::IncomingCall { .. }));
    let e = wait_for(&mut rx, 10, |e| matches!(e, PhoneEvent::Ended { .. })).await;
    assert!(matches!(e, PhoneEvent::Ended { ref reason, .. } if reason == "cancelled"), "{e:?}");
    tokio::task::spawn_blocking(move || sipp.wait_success(Duration::from_secs(10))).await.unwrap();
}

/// Proxies that Record-Route (Kamailio, FreeSWITCH) stay in the path: the
/// ACK and the BYE carry the route set, reversed as RFC 3261 §12.1.2 says.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_dialog_requests_follow_the_record_route_set() {
    let ok = uas_response("200 OK", Some(""), false).replacen(
        "Contact:",
        "Record-Route: <sip:proxy1.hcrm.test;lr>, <sip:[local_ip]:[local_port];lr>\nContact:",
        1,
    );
    let check = |method: &str, n: u32| {
        format!("<recv request=\"{method}\"><action><ereg regexp=\"&lt;sip:127.0.0.1:[0-9]+;lr&gt;.*proxy1.hcrm.test;lr\" search_in=\"msg\" check_it=\"true\" assign_to=\"rr{n}\"/><log message=\"[$rr{n}]\"/></action></recv>\n")
    };
    let sc = scenario(&format!(
        "<recv request=\"INVITE\"/>\n{}{ok}{}{}{}",
        uas_response("180 Ringing", None, false),
        check("ACK", 1),
        check("BYE", 2),
        uas_response("200 OK", None, true)
    ));
    let mut sipp = Sipp::start("rr", &sc, &["-mp", &free_port().to_string()]);
    let (phone, mut rx) = null_phone(config("1001", "x")).await;
    let call = phone.dial(&format!("sip:sipp@{}", sipp.addr())).await.unwrap();
    wait_for(&mut rx, 10, |e| matches!(e, PhoneEvent::Answered { .. })).await;
    phone.hangup(&call).await.unwrap();
    wait_for(&mut rx, 10, |e| matches!(e, PhoneEvent::Ended { .. })).await;
    tokio::task::spawn_blocking(move || sipp.wait_success(Duration::from_secs(10))).await.unwrap();
}

/// A peer without telephone-event in its SDP gets DTMF as SIP INFO.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dtmf_falls_back_to_sip_info_without_telephone_event() {
    let no_te = |r: String| {
        r.replace("RTP/AVP 8 101", "RTP/AVP 8")
            .replace("a=rtpmap:101 telephone-event/8000\n", "")
            .replace("a=fmtp:101 0-15\n", "")
    };
    let info = |d: &str, n: u32| {
        format!("<recv request=\"INFO\"><action><ereg regexp=\"Signal={d}\" search_in=\"body\" check_it=\"true\" assign_to=\"i{n}\"/><log message=\"[$i{n}]\"/></action></recv>\n{}", uas_response("200 OK", None, true))
    };
    let sc = scenario(&format!(
        "<recv request=\"INVITE\"/>\n{}{}<recv request=\"ACK\"/>\n{}{}{}",
        uas_response("180 Ringing", None, false),
        no_te(uas_response("200 OK", Some(""), false)),
        info("4", 1),
        info("#", 2),
        uas_bye()
    ));
    let mut sipp = Sipp::start("info", &sc, &["-mp", &free_port().to_string()]);
    let (phone, mut rx) = null_phone(config("1001", "x")).await;
    let call = phone.dial(&format!("sip:sipp@{}", sipp.addr())).await.unwrap();
    wait_for(&mut rx, 10, |e| matches!(e, PhoneEvent::Answered { .. })).await;
    phone.send_dtmf(&call, "4#").await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    phone.hangup(&call).await.unwrap();
    wait_for(&mut rx, 10, |e| matches!(e, PhoneEvent::Ended { .. })).await;
    tokio::task::spawn_blocking(move || sipp.wait_success(Duration::from_secs(10))).await.unwrap();
}

/// A PBX that challenges the BYE gets it again with verified credentials.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_challenged_bye_is_sent_again_with_credentials() {
    let challenge = "<recv request=\"BYE\"/>\n<send><![CDATA[\nSIP/2.0 401 Unauthorized\n[last_Via:]\n[last_From:]\n[last_To:]\n[last_Call-ID:]\n[last_CSeq:]\nWWW-Authenticate: Digest realm=\"hcrm.test\", nonce=\"bye01\", qop=\"auth\", algorithm=MD5\nContent-Length: 0\n\n]]></send>\n<recv request=\"BYE\"><action><verifyauth assign_to=\"byeok\" username=\"1001\" password=\"s3cret\"/></action></recv>\n<nop hide=\"true\" test=\"byeok\" next=\"good\"/>\n<send next=\"end\"><![CDATA[\nSIP/2.0 403 Forbidden\n[last_Via:]\n[last_From:]\n[last_To:]\n[last_Call-ID:]\n[last_CSeq:]\nContent-Length: 0\n\n]]></send>\n<label id=\"good\"/>\n";
    let sc = scenario(&format!(
        "{}{challenge}{}<pause milliseconds=\"200\"/>\n<label id=\"end\"/>\n",
        uas_answer(),
        uas_response("200 OK", None, true)
    ));
    let mut sipp = Sipp::start("byeauth", &sc, &["-mp", &free_port().to_string()]);
    let (phone, mut rx) = null_phone(config("1001", "s3cret")).await;
    let call = phone.dial(&format!("sip:sipp@{}", sipp.addr())).await.unwrap();
    wait_for(&mut rx, 10, |e| matches!(e, PhoneEvent::Answered { .. })).await;
    phone.hangup(&call).await.unwrap();
    wait_for(&mut rx, 10, |e| matches!(e, PhoneEvent::Ended { .. })).await;
    tokio::task::spawn_blocking(move || sipp.wait_success(Duration::from_secs(10))).await.unwrap();
    let log = std::fs::read_dir(sipp_dir_of("byeauth"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().to_string_lossy().ends_with("messages.log"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect::<String>();
    assert!(log.contains("SIP/2.0 401") && !log.contains("SIP/2.0 403"), "challenged, then accepted");
}

fn sipp_dir_of(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("hcrm-softphone-{name}-{}", std::process::id()))
}
