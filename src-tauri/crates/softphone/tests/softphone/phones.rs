//! Two phones on loopback calling each other directly (no proxy): RFC 4733
//! DTMF both ways, mute, levels, echo cancellation switched on.
use crate::common::*;
use hcrm_softphone::audio::{BufferDevice, SharedBufferFactory};
use hcrm_softphone::PhoneEvent;
use std::sync::Arc;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dtmf_both_ways_and_mute_between_two_phones() {
    let mut cb = config("1002", "x");
    cb.rtp_ports = (cb.rtp_ports.0 + 2500, cb.rtp_ports.1);
    cb.echo_cancellation = true;
    let bdev = BufferDevice::default();
    let (b, mut brx) = phone(cb, Arc::new(SharedBufferFactory(bdev.clone()))).await;
    let mic = BufferDevice::with_mic(&hcrm_softphone::dtmf::tone(440.0, 10000.0, 8000 * 120));
    let (a, mut arx) = phone(config("1001", "x"), Arc::new(SharedBufferFactory(mic))).await;
    let call_a = a.dial(&format!("sip:1002@{}", b.local_sip)).await.unwrap();
    let PhoneEvent::IncomingCall { call: call_b, from_number, .. } =
        wait_for(&mut brx, 10, |e| matches!(e, PhoneEvent::IncomingCall { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(from_number, "1001");
    b.answer(&call_b).await.unwrap();
    wait_for(&mut arx, 10, |e| matches!(e, PhoneEvent::Answered { .. })).await;

    a.send_dtmf(&call_a, "159#").await.unwrap();
    let mut got = String::new();
    while got.len() < 4 {
        if let PhoneEvent::Dtmf { digit, .. } = wait_for(&mut brx, 10, |e| matches!(e, PhoneEvent::Dtmf { .. })).await {
            got.push(digit);
        }
    }
    assert_eq!(got, "159#");
    b.send_dtmf(&call_b, "*0").await.unwrap();
    let mut got = String::new();
    while got.len() < 2 {
        if let PhoneEvent::Dtmf { digit, .. } = wait_for(&mut arx, 10, |e| matches!(e, PhoneEvent::Dtmf { .. })).await {
            got.push(digit);
        }
    }
    assert_eq!(got, "*0");
    assert!(a.send_dtmf(&call_a, "x").await.is_err(), "not a digit");

    // The microphone plays a tone: the input meter shows it until muted.
    assert!(a.levels().0 > 5000, "{:?}", a.levels());
    a.mute(&call_a, true).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(a.levels().0, 0);
    a.mute(&call_a, false).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(a.levels().0 > 5000);

    // On hold the other party hears silence, not the agent (and B is told).
    a.hold(&call_a).await.unwrap();
    wait_for(&mut arx, 10, |e| matches!(e, PhoneEvent::Held { by_remote: false, .. })).await;
    wait_for(&mut brx, 10, |e| matches!(e, PhoneEvent::Held { by_remote: true, .. })).await;
    // What was in flight and in B's jitter buffer still plays out; then silence.
    assert!(window_until(&bdev, |t| t == 0.0).await, "B still hears the agent on hold");
    let from = bdev.speaker.lock().unwrap().len();
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let held: Vec<i16> = bdev.speaker.lock().unwrap()[from..].to_vec();
    assert_eq!(crate::media_check::tone_seconds(&held, 440.0), 0.0, "the agent's voice leaked during hold");
    a.resume(&call_a).await.unwrap();
    wait_for(&mut brx, 10, |e| matches!(e, PhoneEvent::Resumed { by_remote: true, .. })).await;
    assert!(window_until(&bdev, |t| t > 0.3).await, "audio flows again after resume");

    a.hangup(&call_a).await.unwrap();
    let e = wait_for(&mut brx, 10, |e| matches!(e, PhoneEvent::Ended { .. })).await;
    assert!(matches!(e, PhoneEvent::Ended { ref reason, .. } if reason == "remote hangup"), "{e:?}");
}

/// Looks at B's speaker in 500 ms windows (for up to 10 s, the machine may be
/// busy) until `ok(seconds of 440 Hz in the window)`.
async fn window_until(dev: &BufferDevice, ok: impl Fn(f64) -> bool) -> bool {
    for _ in 0..20 {
        let from = dev.speaker.lock().unwrap().len();
        tokio::time::sleep(Duration::from_millis(500)).await;
        let w: Vec<i16> = dev.speaker.lock().unwrap()[from..].to_vec();
        if ok(crate::media_check::tone_seconds(&w, 440.0)) {
            return true;
        }
    }
    false
}
