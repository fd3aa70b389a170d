//! End to end: simulator on a pseudo-terminal -> headless reader (the
//! desktop app's reader without its window) -> the real server binary.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use common::*;

fn seqs(ratings: &[serde_json::Value]) -> Vec<i64> {
    let mut v: Vec<i64> = ratings.iter().map(|r| r["event_seq"].as_i64().unwrap()).collect();
    v.sort();
    v
}

#[tokio::test(flavor = "multi_thread")]
async fn each_rating_arrives_once_with_its_clerk_and_window_through_line_noise() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path());
    // The same chain on PostgreSQL when HCRM_TEST_DATABASE_URL names one.
    assert_eq!(server.is_postgres(), std::env::var("HCRM_TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres")));
    let link = dir.path().join("ev-reg01");
    let mut sim = Sim::start(DEVICE, &link, &[]);
    let reader =
        Reader::start(&server.url, &dir.path().join("reader.db"), DEVICE, &format!("{}/ev-*", dir.path().display()));
    reader.wait_status("the reader to find the device", |s| s["connected"] == true && s["device_id"] == DEVICE);
    // Key presses between every kind of damage the line can do.
    let keys = [1, 2, 3, 4, 5, 2, 1, 1];
    for (i, k) in keys.iter().enumerate() {
        match i % 4 {
            0 => sim.send("garbage 40"),
            1 => sim.send("badcrc"),
            2 => sim.send("badversion"),
            _ => sim.send("truncated"),
        }
        sim.send(&format!("press {k}"));
    }
    sim.send("noise on");
    sim.send("press 2 4");
    sim.wait_all_acked();
    let got = wait_ratings(&server.url, 12).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let got_again = ratings(&server.url).await;
    assert_eq!(got_again.len(), 12, "each rating once");
    assert_eq!(seqs(&got), (1..=12).collect::<Vec<_>>());
    for r in &got {
        assert_eq!(r["window_name"], "挂号收费1号窗");
        assert_eq!(r["clerk_name"], "挂号窗口赵敏");
        assert_eq!(r["device_id"], DEVICE);
    }
    let labels: Vec<String> = {
        let mut g = got.clone();
        g.sort_by_key(|r| r["event_seq"].as_i64());
        g.iter().take(5).map(|r| r["label"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(labels, ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]);
    // Skipped and counted, and the reader went on.
    let s = reader.wait_status("the counters", |s| s["line"]["truncated"].as_u64() >= Some(2) && s["forwarded"] == 12);
    let line = &s["line"];
    assert!(line["garbage_bytes"].as_u64().unwrap() >= 80, "{line}");
    assert!(line["bad_checksum"].as_u64().unwrap() >= 2, "{line}");
    assert!(line["wrong_version"].as_u64().unwrap() >= 2, "{line}");
    assert_eq!(s["events_stored"], 12);
    assert_eq!(s["pending_forward"], 0);
    // The server saw the device's heartbeats through the reader.
    let mut w = serde_json::Value::Null;
    for _ in 0..400 {
        let windows = get(&server.url, "/api/v1/evaluations/windows").await;
        w = windows.as_array().unwrap().iter().find(|w| w["device_id"] == DEVICE).unwrap().clone();
        if w["online"] == true {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(w["online"], true, "{w}");
    assert!(w["device_status"]["line"]["bad_checksum"].as_u64().is_some(), "{w}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_killed_reader_and_a_stopped_server_lose_nothing_and_duplicate_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(dir.path());
    let link = dir.path().join("ev-reg01");
    let store = dir.path().join("reader.db");
    let search = format!("{}/ev-*", dir.path().display());
    let mut sim = Sim::start(DEVICE, &link, &[]);
    let reader = Reader::start(&server.url, &store, DEVICE, &search);
    reader.wait_status("the reader to find the device", |s| s["connected"] == true);
    sim.send("press 1 3");
    sim.wait_all_acked();
    wait_ratings(&server.url, 3).await;
    // The server goes away; presses are stored and acknowledged, not forwarded.
    server.kill();
    sim.send("press 4 10");
    sim.wait_all_acked();
    reader.wait_status("ten events queued", |s| s["pending_forward"] == 10);
    // The PC loses power between the acknowledgement and the forward.
    reader.kill();
    // Presses while the reader is down stay in the device.
    sim.send("press 2 5");
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(sim.count("ACKED"), 13);
    // The reader comes back while the server is still down.
    let reader = Reader::start(&server.url, &store, DEVICE, &search);
    sim.wait_all_acked();
    reader.wait_status("fifteen events queued", |s| s["pending_forward"] == 15);
    std::thread::sleep(Duration::from_millis(500));
    server.resume();
    let got = wait_ratings(&server.url, 18).await;
    reader.wait_status("the queue to drain", |s| s["pending_forward"] == 0);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let got_again = ratings(&server.url).await;
    assert_eq!(got_again.len(), 18, "no duplicates");
    assert_eq!(seqs(&got), (1..=18).collect::<Vec<_>>(), "every acknowledged event exactly once");
    let distinct: BTreeSet<i64> = got.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(distinct.len(), 18);
}

#[tokio::test(flavor = "multi_thread")]
async fn unplugging_and_replugging_on_a_new_pty_is_found_by_device_id() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path());
    let link = dir.path().join("ev-reg01");
    let mut sim = Sim::start(DEVICE, &link, &[]);
    let first = sim.wait_line("the pty", |l| l.starts_with("SLAVE "));
    let reader =
        Reader::start(&server.url, &dir.path().join("reader.db"), DEVICE, &format!("{}/ev-*", dir.path().display()));
    reader.wait_status("the reader to find the device", |s| s["connected"] == true);
    sim.send("press 1");
    sim.wait_all_acked();
    sim.send("unplug 700");
    sim.wait_line("the device to be unplugged", |l| l == "UNPLUGGED");
    // Pressed while unplugged: the device keeps it.
    sim.send("press 5");
    reader.wait_status("the reader to notice", |s| s["reconnects"].as_u64() >= Some(1));
    let second = wait_for("a new pty", Duration::from_secs(30), || {
        let l = sim.lines.lock().unwrap();
        l.iter().filter(|l| l.starts_with("SLAVE ")).nth(1).cloned()
    });
    // The new pty may reuse the old number; the link was replaced either way.
    assert!(first.starts_with("SLAVE ") && second.starts_with("SLAVE "));
    reader
        .wait_status("the reader to find the device again", |s| s["connected"] == true && s["port"].as_str().is_some());
    sim.send("press 3");
    sim.wait_all_acked();
    let got = wait_ratings(&server.url, 3).await;
    assert_eq!(seqs(&got), vec![1, 2, 3]);
}
