//! Host commands through the simulator on a pseudo-terminal: a SHOW_STAFF or
//! PROMPT the device does not acknowledge is sent again after 500 ms, at most
//! 3 times (docs/evaluator-protocol.md §7); a device that never answers is
//! reported, and key events still flow.

mod common;

use std::sync::mpsc::Sender;
use std::time::Duration;

use common::*;
use hcrm_evaluator::{Command, CounterContext, Link, PortSettings, Shared, Store};

struct Running {
    shared: Shared,
    tx: Sender<Command>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.tx.send(Command::Stop);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The desktop app's link (no server needed), connected to the simulator.
fn link(dir: &std::path::Path, device: &str) -> Running {
    let settings = PortSettings {
        device_id: Some(device.into()),
        search: vec![format!("{}/ev-*", dir.display())],
        ..PortSettings::default()
    };
    let shared = Shared::default();
    let (tx, rx) = std::sync::mpsc::channel();
    let l = Link::new(settings, Store::open(&dir.join("reader.db")).unwrap(), shared.clone(), rx);
    let thread = Some(std::thread::spawn(move || l.run()));
    let r = Running { shared, tx, thread };
    wait_for("the link to find the device", Duration::from_secs(30), || r.shared.status().connected.then_some(()));
    r
}

fn command_state(r: &Running, state: &str) -> hcrm_evaluator::command::CommandStatus {
    wait_for(&format!("the command to be {state}"), Duration::from_secs(30), || {
        r.shared.status().command.filter(|c| c.state == state)
    })
}

#[test]
fn a_prompt_the_device_missed_twice_is_sent_again_and_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let sim = Sim::start("EV-CMD-1", &dir.path().join("ev-1"), &["--ignore-commands", "2"]);
    let r = link(dir.path(), "EV-CMD-1");
    r.tx.send(Command::Prompt { timeout_s: 30 }).unwrap();
    let c = command_state(&r, "acked");
    assert_eq!((c.kind, c.tries), ("prompt", 3), "{c:?}");
    assert_eq!(sim.count("IGNORED Prompt"), 2);
    assert_eq!(sim.count("PROMPT"), 1, "the device acted on it once");
    let s = r.shared.status();
    assert_eq!((s.commands_retransmitted, s.commands_failed), (2, 0));
    // The retransmissions reused the frame: every ignored one had the same SEQ.
    let seqs: Vec<String> = sim
        .lines
        .lock()
        .unwrap()
        .iter()
        .filter_map(|l| l.strip_prefix("IGNORED Prompt ").map(str::to_string))
        .collect();
    assert_eq!(seqs[0], seqs[1]);
}

#[test]
fn a_device_that_never_acknowledges_is_reported_and_presses_still_arrive() {
    let dir = tempfile::tempdir().unwrap();
    let mut sim = Sim::start("EV-CMD-2", &dir.path().join("ev-2"), &[]);
    let r = link(dir.path(), "EV-CMD-2");
    sim.send("ignore 100");
    std::thread::sleep(Duration::from_millis(300));
    r.shared
        .set_context(CounterContext { name: "赵敏".into(), staff_no: "0107".into(), ..CounterContext::default() });
    r.tx.send(Command::ShowStaff).unwrap();
    let c = command_state(&r, "unacknowledged");
    assert_eq!((c.kind, c.tries), ("show_staff", 4), "{c:?}");
    assert!(c.error.as_deref().unwrap().contains("did not acknowledge show_staff after 4 sendings"), "{c:?}");
    assert_eq!(sim.count("IGNORED ShowStaff"), 4, "1 sending + 3 retransmissions, then nothing more");
    std::thread::sleep(Duration::from_millis(1200));
    assert_eq!(sim.count("IGNORED ShowStaff"), 4);
    let s = r.shared.status();
    assert_eq!((s.commands_retransmitted, s.commands_failed), (3, 1));
    assert!(s.last_error.unwrap().contains("did not acknowledge"));
    assert!(s.connected, "a deaf display is not a lost device");
    // The reader does not stall: key events are stored and acknowledged.
    sim.send("press 2");
    sim.wait_all_acked();
    assert_eq!(r.shared.status().events_stored, 1);
}

#[test]
fn a_command_acknowledged_at_once_is_not_sent_again() {
    let dir = tempfile::tempdir().unwrap();
    let sim = Sim::start("EV-CMD-3", &dir.path().join("ev-3"), &[]);
    let r = link(dir.path(), "EV-CMD-3");
    r.tx.send(Command::Prompt { timeout_s: 30 }).unwrap();
    let c = command_state(&r, "acked");
    assert_eq!((c.kind, c.tries), ("prompt", 1));
    std::thread::sleep(Duration::from_millis(1200));
    assert_eq!(sim.count("PROMPT"), 1);
    assert_eq!(r.shared.status().commands_retransmitted, 0);
}
