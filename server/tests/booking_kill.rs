//! A server killed (SIGKILL) in the middle of a booking storm loses no
//! confirmed booking and, after the restart, confirms no number twice.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

#[path = "peers/mod.rs"]
mod peers;
#[path = "api/util.rs"]
#[allow(dead_code)]
mod util;

use peers::booking_storm::{login, make_sessions, patient_ids, stored, storm};
use peers::process::{free_port, wait_healthy};

fn spawn_server(url: &str, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_hcrm-server"))
        .arg("serve")
        .env("HCRM_DATABASE_URL", url)
        .env("HCRM_LISTEN", format!("127.0.0.1:{port}"))
        .env("HCRM_ARGON2_MEMORY_KIB", "1024")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start hcrm-server")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_killed_server_loses_no_booking_and_gives_no_number_twice() {
    let dir = tempfile::tempdir().unwrap();
    let (url, _pg) = util::fresh_database(dir.path());
    let status = Command::new(env!("CARGO_BIN_EXE_hcrm-server"))
        .args(["demo-data", "--patients", "60"])
        .env("HCRM_DATABASE_URL", &url)
        .env("HCRM_ARGON2_MEMORY_KIB", "1024")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let mut server = spawn_server(&url, port);
    wait_healthy(port).await;
    let admin = login(&client, &base, "admin").await;
    let clerk = login(&client, &base, "clerk1").await;
    // 4 sessions of 50 numbers, 60 patients: more requests than numbers.
    let sessions = make_sessions(&client, &base, &admin, 4, 50).await;
    let patients = patient_ids(&url);

    let storm_task = {
        let (base, clerk, sessions, patients) = (base.clone(), clerk.clone(), sessions.clone(), patients.clone());
        tokio::spawn(async move { storm(&base, &clerk, &sessions, &patients, 100_000, 32).await })
    };
    // Kill once some bookings are confirmed, mid-storm.
    let url2 = url.clone();
    let s2 = sessions.clone();
    for _ in 0..400 {
        let n = tokio::task::spawn_blocking({
            let (u, s) = (url2.clone(), s2.clone());
            move || stored(&u, &s).0.len()
        })
        .await
        .unwrap();
        if n >= 40 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    server.kill().unwrap();
    server.wait().unwrap();
    let first = storm_task.await.unwrap();
    assert!(first.failed > 0, "the storm should have been cut off");
    let (after_kill, doubles) = stored(&url, &sessions);
    for id in &first.confirmed {
        assert!(after_kill.contains(id), "acknowledged booking {id} was lost");
    }
    assert_eq!(doubles, 0);
    // At most the requests in flight at the kill were stored unacknowledged.
    assert!(after_kill.len() <= first.confirmed.len() + 32);

    // Restart and finish the storm: every number is given exactly once.
    let mut server = spawn_server(&url, port);
    wait_healthy(port).await;
    let second = storm(&base, &clerk, &sessions, &patients, 4000, 32).await;
    assert_eq!(second.failed, 0);
    let (confirmed, doubles) = stored(&url, &sessions);
    assert_eq!(doubles, 0, "a number was given twice");
    assert_eq!(confirmed.len(), 200, "every number is booked once");
    let mut all: Vec<i64> = first.confirmed.iter().chain(second.confirmed.iter()).copied().collect();
    all.sort();
    all.dedup();
    assert!(all.iter().all(|id| confirmed.contains(id)));
    server.kill().unwrap();
    server.wait().unwrap();
    eprintln!("killed after {} acknowledged bookings; {} after restart", first.confirmed.len(), second.confirmed.len());
}
