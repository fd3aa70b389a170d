//! A second real user agent: baresip calls the phone and is called by it,
//! with audio checked both ways. baresip plays a 600 Hz WAV through its
//! `aufile` source and dumps what it receives with its `sndfile` filter;
//! the phone's microphone plays 440 Hz.
use crate::common::*;
use crate::media_check::*;
use hcrm_softphone::audio::{BufferDevice, SharedBufferFactory};
use hcrm_softphone::recorder::{read_wav, write_mono_wav};
use hcrm_softphone::PhoneEvent;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

struct Baresip {
    child: Child,
    dir: PathBuf,
    port: u16,
}

impl Drop for Baresip {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts baresip and waits until it listens. A port taken meanwhile by a
/// test running alongside makes baresip exit: then it starts again on
/// another port, instead of the test waiting for a phone that is not there.
fn baresip(name: &str, extra: &[&str]) -> Baresip {
    for _ in 0..3 {
        let mut b = baresip_once(name, extra);
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            if b.child.try_wait().unwrap().is_some() {
                break;
            }
            // Its SIP port is bound: it is listening.
            if std::net::UdpSocket::bind(("127.0.0.1", b.port)).is_err() {
                return b;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = b.child.kill();
    }
    panic!("baresip did not start listening (three tries)");
}

fn baresip_once(name: &str, extra: &[&str]) -> Baresip {
    let dir = tmpdir(name);
    let port = free_port();
    let cfg = dir.join("cfg");
    std::fs::create_dir_all(&cfg).unwrap();
    let wav = dir.join("in.wav");
    write_mono_wav(&wav, 8000, &hcrm_softphone::dtmf::tone(600.0, 9000.0, 8000 * 6)).unwrap();
    // No sound card: ALSA's "null" device plays into nothing.
    let config = format!(
        "poll_method epoll\nsip_listen 127.0.0.1:{port}\naudio_player alsa,null\naudio_source aufile,{}\naudio_alert alsa,null\nmodule_path /usr/lib/baresip/modules\nmodule g711.so\nmodule aufile.so\nmodule alsa.so\nmodule sndfile.so\nmodule_app account.so\nmodule_app menu.so\nsnd_path {}\n",
        wav.display(),
        dir.display()
    );
    std::fs::write(cfg.join("config"), config).unwrap();
    std::fs::write(cfg.join("accounts"), "<sip:baresip@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMA\n")
        .unwrap();
    let child = Command::new("baresip")
        .args(["-f", cfg.to_str().unwrap(), "-t", "30"])
        .args(extra)
        .env("HOME", &dir)
        .stdin(Stdio::null())
        .stdout(Stdio::from(std::fs::File::create(dir.join("baresip.log")).unwrap()))
        .stderr(Stdio::null())
        .spawn()
        .expect("baresip is installed");
    Baresip { child, dir, port }
}

/// The audio baresip received (sndfile's decoder-side dump).
fn received_by_baresip(dir: &Path) -> (u32, Vec<i16>) {
    for _ in 0..50 {
        if let Some(p) = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.to_string_lossy().ends_with("dec.wav"))
        {
            if let Ok((rate, ch)) = read_wav(&p) {
                if !ch[0].is_empty() {
                    return (rate, ch[0].clone());
                }
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("baresip wrote no dump; log:\n{}", std::fs::read_to_string(dir.join("baresip.log")).unwrap_or_default());
}

async fn talk_and_check(
    phone: &hcrm_softphone::Phone,
    rx: &mut tokio::sync::mpsc::UnboundedReceiver<PhoneEvent>,
    call: String,
    rec: &Path,
    b: &Baresip,
) {
    tokio::time::sleep(Duration::from_millis(3000)).await;
    phone.hangup(&call).await.unwrap();
    let e = wait_for(rx, 10, |e| matches!(e, PhoneEvent::Ended { .. })).await;
    let PhoneEvent::Ended { recording: Some(meta), .. } = e else { panic!("{e:?}") };
    let (_, ch) = read_wav(&rec.join(&meta.wav)).unwrap();
    let heard = tone_seconds(&ch[1], 600.0);
    assert!(heard >= 2.5, "the phone heard baresip's 600 Hz for {heard} s");
    let dir = b.dir.clone();
    let (rate, got) = tokio::task::spawn_blocking(move || received_by_baresip(&dir)).await.unwrap();
    let sent = tone_seconds_at(&got, 440.0, rate);
    assert!(sent >= 1.5, "baresip heard the phone's 440 Hz for {sent} s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn baresip_calls_the_phone_audio_both_ways() {
    let rec = tmpdir("rec-bs-in");
    let mut cfg = config("1001", "x");
    cfg.recordings_dir = Some(rec.clone());
    let dev = BufferDevice::with_mic(&hcrm_softphone::dtmf::tone(440.0, 10000.0, 16000));
    let (phone, mut rx) = phone(cfg, Arc::new(SharedBufferFactory(dev))).await;
    let target = format!("/dial sip:1001@{}", phone.local_sip);
    let b = baresip("bs-in", &["-e", &target]);
    let e = wait_for(&mut rx, 15, |e| matches!(e, PhoneEvent::IncomingCall { .. })).await;
    let PhoneEvent::IncomingCall { call, from_number, .. } = e else { unreachable!() };
    assert_eq!(from_number, "baresip");
    phone.answer(&call).await.unwrap();
    talk_and_check(&phone, &mut rx, call, &rec, &b).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_phone_calls_baresip_audio_both_ways() {
    let b = baresip("bs-out", &[]);
    let rec = tmpdir("rec-bs-out");
    let mut cfg = config("1001", "x");
    cfg.recordings_dir = Some(rec.clone());
    let dev = BufferDevice::with_mic(&hcrm_softphone::dtmf::tone(440.0, 10000.0, 16000));
    let (phone, mut rx) = phone(cfg, Arc::new(SharedBufferFactory(dev))).await;
    let call = phone.dial(&format!("sip:baresip@127.0.0.1:{}", b.port)).await.unwrap();
    wait_for(&mut rx, 15, |e| matches!(e, PhoneEvent::Answered { .. })).await;
    talk_and_check(&phone, &mut rx, call, &rec, &b).await;
}
