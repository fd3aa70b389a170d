//! HL7 intake: messages per second with ACKs over MLLP (each an ADT^A01
//! that creates a patient and a visit, answered AA), from several
//! connections at once, on SQLite and, when `HCRM_TEST_DATABASE_URL` names
//! a PostgreSQL server, on PostgreSQL. Target: at least 1,000/s.
//!
//! `cargo bench -p hcrm-server --bench hl7`
//! Env: HCRM_BENCH_HL7 (messages, default 5000), HCRM_BENCH_HL7_CONNECTIONS (4).
//! Without `--bench` (under `cargo test --all-targets`) it does a tiny run.

use std::time::Instant;

use diesel::connection::SimpleConnection;
use diesel::Connection;
use hcrm_server::{demo, AppState, Config};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn message(n: usize) -> Vec<u8> {
    let text = format!(
        "MSH|^~\\&|HIS|HOSP1|HCRM|HOSP1|20261103083000||ADT^A01^ADT_A01|B{n}|P|2.5|||||CHN|UNICODE UTF-8\r\
         EVN|A01|20261103083000\r\
         PID|1||B{n:07}^^^HIS^MR||王^小明||19800615|M|||||1390000{:04}\r\
         PV1|1|I|CARD^301^2||||D01^李^医生|||CARD|||||||||BV{n:07}|||||||||||||||||||||||||20261101080000\r\
         DG1|1||I21.9^急性心肌梗死^I10\r",
        n % 10_000
    );
    let mut f = vec![0x0B];
    f.extend_from_slice(text.as_bytes());
    f.extend_from_slice(&[0x1C, 0x0D]);
    f
}

async fn send_all(addr: std::net::SocketAddr, from: usize, count: usize) -> usize {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.set_nodelay(true).unwrap();
    let mut ok = 0;
    let mut buf = vec![0u8; 4096];
    for n in from..from + count {
        s.write_all(&message(n)).await.unwrap();
        let mut ack = Vec::new();
        while !ack.ends_with(&[0x1C, 0x0D]) {
            let k = s.read(&mut buf).await.unwrap();
            assert!(k > 0, "connection closed");
            ack.extend_from_slice(&buf[..k]);
        }
        if ack.windows(7).any(|w| w == b"MSA|AA|") {
            ok += 1;
        } else {
            panic!("not accepted: {}", String::from_utf8_lossy(&ack));
        }
    }
    ok
}

async fn run(label: &str, url: String, messages: usize, connections: usize) {
    let config = Config {
        database_url: url,
        argon2_memory_kib: 1024,
        db_pool_size: (connections as u32 + 2).max(4),
        ..Config::default()
    };
    let state = tokio::task::spawn_blocking(move || {
        let state = AppState::open(config).expect("open database");
        demo::load_demo_data(&mut state.db.get().unwrap(), 1024, 0).unwrap();
        state
    })
    .await
    .unwrap();
    let listener = hcrm_server::hl7::bind(state.clone(), "127.0.0.1:0").await.unwrap();
    let per = messages / connections;
    let t = Instant::now();
    let tasks: Vec<_> = (0..connections).map(|c| tokio::spawn(send_all(listener.local_addr, c * per, per))).collect();
    let mut ok = 0;
    for task in tasks {
        ok += task.await.unwrap();
    }
    let secs = t.elapsed().as_secs_f64();
    println!("{label}: {ok} ADT^A01 messages over {connections} MLLP connections in {secs:.2} s = {:.0} messages/s with ACKs", ok as f64 / secs);
    // Idempotent resends: the stored ACK, nothing written.
    let t = Instant::now();
    let resent = send_all(listener.local_addr, 0, per.min(1000)).await;
    let secs = t.elapsed().as_secs_f64();
    println!("{label}: {resent} resent (duplicate) messages on 1 connection = {:.0} messages/s", resent as f64 / secs);
    listener.stop();
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` does not.
    let smoke = !std::env::args().any(|a| a == "--bench");
    let env = |k: &str, d: usize| std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(d);
    let (messages, connections) =
        if smoke { (20, 2) } else { (env("HCRM_BENCH_HL7", 5000), env("HCRM_BENCH_HL7_CONNECTIONS", 4)) };
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        run("SQLite", format!("sqlite://{}", dir.path().join("bench.db").display()), messages, connections).await;
        if let Ok(admin) = std::env::var("HCRM_TEST_DATABASE_URL") {
            if admin.starts_with("postgres") {
                let name = format!("hcrm_bench_hl7_{}", std::process::id());
                let mut conn = diesel::PgConnection::establish(&admin).expect("connect to PostgreSQL");
                conn.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
                let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin.clone());
                run("PostgreSQL", format!("{base}/{name}"), messages, connections).await;
                let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    });
}
