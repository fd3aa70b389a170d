//! The device gets an ACK only for what the store committed: with the store
//! broken the reader answers NAK 0x06 (store failed) and the device keeps
//! the event; once the store works the same event is stored and acknowledged.

use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

use hcrm_evaluator::{pty, Command, Link, PortSettings, Shared, Store};
use hcrm_shared::evaluator::{DeviceInfo, ErrorCode, EvaluatorAdapter, Message, V1Adapter};

/// Plays the device for a moment: answers HELLO, returns the first message `want` accepts.
fn next_reply(
    master: &mut std::fs::File,
    a: &mut V1Adapter,
    want: impl Fn(&Message) -> bool,
    limit: Duration,
) -> Option<Message> {
    let deadline = Instant::now() + limit;
    let mut buf = [0u8; 512];
    loop {
        if Instant::now() >= deadline {
            return None;
        }
        if !pty::wait_readable(master.as_raw_fd(), 50) {
            continue;
        }
        let n = master.read(&mut buf).unwrap();
        for r in a.feed(&buf[..n]) {
            if let Message::Hello { .. } = r.message {
                let info = Message::DeviceInfo(DeviceInfo {
                    version: 1,
                    layout: 4,
                    device_id: "EV-T".into(),
                    vendor: "t".into(),
                    model: "t".into(),
                    firmware: "1".into(),
                });
                master.write_all(&a.encode(&info).unwrap()).unwrap();
            } else if want(&r.message) {
                return Some(r.message);
            }
        }
    }
}

#[test]
fn no_ack_without_a_commit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("reader.db");
    let mut p = pty::open().unwrap();
    let shared = Shared::default();
    let (tx, rx) = std::sync::mpsc::channel();
    let settings = PortSettings { port: Some(p.path.to_string_lossy().into_owned()), ..PortSettings::default() };
    let link = Link::new(settings, Store::open(&db).unwrap(), shared.clone(), rx);
    let t = std::thread::spawn(move || link.run());
    let mut a = V1Adapter::new();
    // Let the reader connect (it says HELLO first).
    let deadline = Instant::now() + Duration::from_secs(20);
    while shared.status().device_id.is_none() {
        let _ = next_reply(&mut p.master, &mut a, |_| false, Duration::from_millis(100));
        assert!(Instant::now() < deadline, "the reader never connected");
    }
    // Break the store behind the reader's back.
    rusqlite::Connection::open(&db).unwrap().execute_batch("DROP TABLE events").unwrap();
    let key = Message::KeyEvent { event_seq: 77, key: 4, layout: 4, prompted: false, age_s: 0 };
    p.master.write_all(&a.encode(&key).unwrap()).unwrap();
    let reply = next_reply(
        &mut p.master,
        &mut a,
        |m| matches!(m, Message::Ack { .. } | Message::Nak { .. }),
        Duration::from_secs(20),
    )
    .expect("a reply");
    assert!(matches!(reply, Message::Nak { code: ErrorCode::StoreFailed, .. }), "{reply:?}");
    assert_eq!(shared.status().events_stored, 0);
    // The store is repaired; the device sends the event again.
    drop(Store::open(&db).unwrap());
    p.master.write_all(&a.encode(&key).unwrap()).unwrap();
    let reply = next_reply(
        &mut p.master,
        &mut a,
        |m| matches!(m, Message::Ack { .. } | Message::Nak { .. }),
        Duration::from_secs(20),
    )
    .expect("a reply");
    assert_eq!(
        reply,
        Message::Ack {
            kind: 0x83,
            seq: match reply {
                Message::Ack { seq, .. } => seq,
                _ => 0,
            },
            reference: 77
        }
    );
    let stored = Store::open(&db).unwrap().get("EV-T", 77).unwrap().expect("stored before the ACK");
    assert_eq!(stored.key, 4);
    let _ = tx.send(Command::Stop);
    t.join().unwrap();
}
