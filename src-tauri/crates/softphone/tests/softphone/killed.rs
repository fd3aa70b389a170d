//! A desktop app killed in the middle of a call: the recording on disk is
//! finished by `recorder::recover` at the next start — readable, checksummed,
//! marked recovered — and a second recover changes nothing (none twice).
use crate::common::*;
use hcrm_softphone::audio::{BufferDevice, SharedBufferFactory};
use hcrm_softphone::recorder::{list, read_wav, recover, sha256_file};
use hcrm_softphone::PhoneEvent;
use std::sync::Arc;
use std::time::Duration;

/// Runs in a child process (this test binary re-executed): two phones in a
/// call that records, until the parent kills the process.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "child process of recording_of_a_killed_app_is_recovered"]
async fn child_phone_in_a_recorded_call() {
    let Ok(dir) = std::env::var("HCRM_KILL_CHILD_DIR") else { return };
    let (b, mut brx) = null_phone(config("1002", "x")).await;
    let mut ca = config("1001", "x");
    ca.rtp_ports = (ca.rtp_ports.0 + 2500, ca.rtp_ports.1);
    ca.recordings_dir = Some(dir.into());
    let mic = BufferDevice::with_mic(&hcrm_softphone::dtmf::tone(440.0, 9000.0, 8000 * 120));
    let (a, _arx) = phone(ca, Arc::new(SharedBufferFactory(mic))).await;
    a.dial(&format!("sip:1002@{}", b.local_sip)).await.unwrap();
    if let PhoneEvent::IncomingCall { call, .. } =
        wait_for(&mut brx, 10, |e| matches!(e, PhoneEvent::IncomingCall { .. })).await
    {
        b.answer(&call).await.unwrap();
    }
    tokio::time::sleep(Duration::from_secs(120)).await;
}

#[test]
fn recording_of_a_killed_app_is_recovered() {
    let dir = tmpdir("killed");
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "killed::child_phone_in_a_recorded_call", "--ignored", "--nocapture"])
        .env("HCRM_KILL_CHILD_DIR", &dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(Kill)
        .unwrap();
    // Wait until a few seconds of audio are on disk, then kill -9.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let size = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "wav"))
            .map(|e| e.metadata().unwrap().len())
            .max()
            .unwrap_or(0);
        if size > 3 * 32000 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the child never recorded");
        std::thread::sleep(Duration::from_millis(100));
    }
    child.0.kill().unwrap();
    child.0.wait().unwrap();
    let before = list(&dir).unwrap();
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].state, "recording", "the sidecar says the call was still running");

    let ids = recover(&dir).unwrap();
    assert_eq!(ids, vec![before[0].call_id.clone()]);
    let meta = &list(&dir).unwrap()[0];
    assert!(meta.recovered && meta.state == "finished" && meta.ended_at.is_some());
    let wav = dir.join(&meta.wav);
    assert_eq!(meta.sha256.as_deref(), Some(sha256_file(&wav).unwrap().as_str()));
    assert_eq!(meta.bytes, std::fs::metadata(&wav).unwrap().len());
    let (_, ch) = read_wav(&wav).unwrap();
    assert_eq!(ch[0].len() as u64, meta.frames);
    assert!(crate::media_check::tone_seconds(&ch[0], 440.0) >= 2.5, "the agent's audio up to the kill is there");
    assert!(recover(&dir).unwrap().is_empty(), "nothing is recovered twice");
}
