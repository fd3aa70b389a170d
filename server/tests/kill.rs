//! A server killed (SIGKILL) in the middle of writes leaves a consistent
//! database: every acknowledged patient is there with its phone and its
//! audit row, nothing is half-written, and the server starts again.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use diesel::prelude::*;
use hcrm_server::db::schema::{audit_log, patient_phones, patients};
use hcrm_server::db::Db;
use hcrm_server::db_run;

#[path = "peers/mod.rs"]
mod peers;
#[path = "api/util.rs"]
#[allow(dead_code)]
mod util;

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
async fn killed_server_leaves_a_consistent_database() {
    let dir = tempfile::tempdir().unwrap();
    let (url, _pg) = util::fresh_database(dir.path());
    let status = Command::new(env!("CARGO_BIN_EXE_hcrm-server"))
        .args(["demo-data", "--patients", "5"])
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
    let login: serde_json::Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({"username": "agent1", "password": util::PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["token"].as_str().unwrap().to_string();

    // Eight writers create patients as fast as they can until the kill.
    let mut writers = Vec::new();
    for w in 0..8 {
        let (client, base, token) = (client.clone(), base.clone(), token.clone());
        writers.push(tokio::spawn(async move {
            let mut acknowledged = Vec::new();
            for i in 0..100_000 {
                let mrn = format!("K{w}X{i}");
                let body = serde_json::json!({"mrn": mrn, "name": "断电测试", "phones": [format!("1390{w}{i:06}")]});
                match client.post(format!("{base}/api/v1/patients")).bearer_auth(&token).json(&body).send().await {
                    Ok(r) if r.status().as_u16() == 201 => acknowledged.push(mrn),
                    Ok(r) => panic!("unexpected {}", r.status()),
                    Err(_) => break,
                }
            }
            acknowledged
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    server.kill().unwrap();
    server.wait().unwrap();
    let mut acknowledged = Vec::new();
    for w in writers {
        acknowledged.extend(w.await.unwrap());
    }
    assert!(acknowledged.len() > 20, "too few writes before the kill: {}", acknowledged.len());

    let db = Db::connect(&url, 1).unwrap();
    let mut conn = db.get().unwrap();
    let conn = &mut *conn;
    if let hcrm_server::db::DbConnection::Sqlite(c) = conn {
        let check: Vec<String> = diesel::sql_query("PRAGMA integrity_check")
            .load::<IntegrityRow>(c)
            .unwrap()
            .into_iter()
            .map(|r| r.integrity_check)
            .collect();
        assert_eq!(check, vec!["ok".to_string()]);
    }
    let (stored, phoneless, unaudited): (Vec<String>, i64, i64) = db_run!(conn: {
        let stored: Vec<String> = patients::table.filter(patients::mrn.like("K%")).select(patients::mrn).load(conn).unwrap();
        let phoneless: i64 = patients::table
            .filter(patients::mrn.like("K%"))
            .filter(diesel::dsl::not(diesel::dsl::exists(patient_phones::table.filter(patient_phones::patient_id.eq(patients::id)))))
            .count()
            .get_result(conn)
            .unwrap();
        let unaudited: i64 = patients::table
            .filter(patients::mrn.like("K%"))
            .filter(diesel::dsl::not(diesel::dsl::exists(
                audit_log::table.filter(audit_log::patient_id.eq(patients::id.nullable())).filter(audit_log::action.eq("patient.create")),
            )))
            .count()
            .get_result(conn)
            .unwrap();
        (stored, phoneless, unaudited)
    });
    for mrn in &acknowledged {
        assert!(stored.contains(mrn), "acknowledged patient {mrn} was lost");
    }
    // At most the requests in flight at the kill were stored unacknowledged.
    assert!(stored.len() <= acknowledged.len() + 8);
    assert_eq!(phoneless, 0, "a patient was stored without its phone");
    assert_eq!(unaudited, 0, "a patient was stored without its audit row");
    drop(db);

    // And it starts again on the same database.
    let mut server = spawn_server(&url, port);
    wait_healthy(port).await;
    let me = client.get(format!("{base}/api/v1/auth/me")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(me.status().as_u16(), 200, "sessions survive a restart");
    server.kill().unwrap();
    server.wait().unwrap();
    eprintln!("killed after {} acknowledged writes; {} stored", acknowledged.len(), stored.len());
}

#[derive(QueryableByName)]
struct IntegrityRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    integrity_check: String,
}
