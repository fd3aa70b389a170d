//! The HL7 inbox and the listener under load: PyPI's `mllp_send` as a
//! real sender, the searchable inbox with replay of a fixed message, and
//! many connections at once, each message stored once.

use diesel::prelude::*;
use hcrm_server::db::schema::{hl7_messages, visits};
use hcrm_server::db_run;

use crate::hl7::{listen, message, msa, pid, pv1, visit, Mllp};
use crate::util::TestApp;

/// PyPI's `mllp_send` (package hl7).
pub fn mllp_send() -> Option<std::path::PathBuf> {
    crate::util::python_tool("mllp_send", "HCRM_MLLP_SEND", "hl7")
}

#[tokio::test]
async fn pypi_mllp_send_talks_to_the_listener() {
    let Some(tool) = mllp_send() else { return };
    let app = TestApp::new().await;
    let l = listen(&app).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("messages.hl7");
    let mut bytes = Vec::new();
    for m in [
        message("A01", "PY1", &[pid("P001", "蒋一"), pv1("I", "CARD", "VP1")]),
        message("A03", "PY2", &[pid("P001", "蒋一"), format!("{}|20261104120000", pv1("I", "CARD", "VP1"))]),
        message("A01", "PY3", &[pid("P003", "沈三"), pv1("I", "NOSUCH", "VP3")]),
        "MSH|^~\\&|HIS|HOSP1|HCRM|HOSP1|2026||ADT^A01|PY4|P|2.5\rPID|1||P004^^^HIS^MR||韩^四||notadate\rPV1|1|I|CARD|||||||||||||||||VP4\r".to_string(),
        message("A01", "PY1", &[pid("P001", "蒋一"), pv1("I", "CARD", "VP1")]),
    ] {
        bytes.push(0x0B);
        bytes.extend_from_slice(m.as_bytes());
        bytes.extend_from_slice(&[0x1C, 0x0D]);
    }
    std::fs::write(&file, &bytes).unwrap();
    let port = l.local_addr.port().to_string();
    let out = tokio::process::Command::new(&tool)
        .args(["--port", &port, "--file"])
        .arg(&file)
        .arg("127.0.0.1")
        .output()
        .await
        .unwrap();
    assert!(out.status.success(), "mllp_send failed: {}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout).replace("\\r", "\r");
    assert!(stdout.contains("MSA|AA|PY1"), "{stdout}");
    assert!(stdout.contains("MSA|AA|PY2"), "{stdout}");
    assert!(stdout.contains("MSA|AE|PY3"), "{stdout}");
    assert!(stdout.contains("PV1-3"), "{stdout}");
    assert!(stdout.contains("MSA|AE|PY4"), "{stdout}");
    assert!(stdout.contains("PID-7"), "{stdout}");
    assert_eq!(stdout.matches("MSA|AA|PY1").count(), 2, "the resend is acknowledged again: {stdout}");
    assert!(visit(&app, "VP1").await.unwrap().3.is_some(), "discharged");
    l.stop();
}

/// A stored inbox message for the permission matrix.
pub async fn matrix_message(app: &TestApp) -> i64 {
    let text = message("A04", "MATRIX1", &[pid("MX001", "矩阵"), pv1("O", "CARD", "MXO1")]);
    let settings = hcrm_server::hl7::IntakeSettings::from_config(&app.state.config);
    app.db(move |conn| hcrm_server::hl7::receive(conn, &settings, text.as_bytes(), "test").unwrap().inbox_id.unwrap())
        .await
}

#[tokio::test]
async fn the_inbox_is_searchable_and_a_fixed_message_can_be_replayed() {
    let app = TestApp::new().await;
    let l = listen(&app).await;
    let mut c = Mllp::connect(l.local_addr).await;
    c.send_text(&message("A01", "IN1", &[pid("I001", "王一"), pv1("I", "CARD", "VI1")])).await;
    let ack = c.send_text(&message("A01", "IN2", &[pid("I002", "李二"), pv1("I", "NEWD", "VI2")])).await;
    assert_eq!(msa(&ack).0, "AE");
    c.send_text(&message("A04", "IN3", &[pid("I001", "王一"), pv1("O", "CARD", "VI3")])).await;
    let admin = app.login("admin").await;

    let page = app.get("/api/v1/hl7/messages?status=error", &admin).await.body;
    assert_eq!(page["total"], 1, "{page}");
    let failed = &page["items"][0];
    assert_eq!((failed["control_id"].as_str(), failed["ack_code"].as_str()), (Some("IN2"), Some("AE")));
    assert!(failed["error"].as_str().unwrap().starts_with("PV1-3:"), "{failed}");
    assert_eq!(app.get("/api/v1/hl7/messages?mrn=i001", &admin).await.body["total"], 2);
    assert_eq!(app.get("/api/v1/hl7/messages?event=A04", &admin).await.body["total"], 1);
    assert_eq!(app.get("/api/v1/hl7/messages?control_id=IN3", &admin).await.body["items"][0]["event"], "ADT^A04");
    let today = chrono::Utc::now().date_naive();
    assert_eq!(app.get(&format!("/api/v1/hl7/messages?from={today}&to={today}"), &admin).await.body["total"], 3);
    assert_eq!(app.get("/api/v1/hl7/messages?from=2020-01-01&to=2020-01-02", &admin).await.body["total"], 0);
    assert_eq!(app.get("/api/v1/hl7/messages?status=bogus", &admin).await.status.as_u16(), 422);

    let id = failed["id"].as_i64().unwrap();
    let detail = app.get(&format!("/api/v1/hl7/messages/{id}"), &admin).await.body;
    assert!(detail["raw"].as_str().unwrap().contains("PID|1||I002^^^HIS^MR||李^二"), "{detail}");
    assert!(detail["ack"].as_str().unwrap().contains("MSA|AE|IN2"), "{detail}");

    // Replaying before the fix fails the same way; after it, it goes through.
    let again = app.post(&format!("/api/v1/hl7/messages/{id}/replay"), &admin, json_null()).await.body;
    assert_eq!(again["status"], "error");
    let r = app
        .post("/api/v1/departments", &admin, serde_json::json!({"code": "NEWD", "name": "新科室", "kind": "clinical"}))
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    let fixed = app.post(&format!("/api/v1/hl7/messages/{id}/replay"), &admin, json_null()).await.body;
    assert_eq!(
        (fixed["status"].as_str(), fixed["ack_code"].as_str(), fixed["attempts"].as_i64()),
        (Some("processed"), Some("AA"), Some(3)),
        "{fixed}"
    );
    assert!(visit(&app, "VI2").await.is_some());
    assert_eq!(app.audit_count("hl7.replay", None).await, 2);
    // Others: 403 for an agent, 404 for another hospital's admin.
    let agent = app.login("agent1").await;
    assert_eq!(app.get("/api/v1/hl7/messages", &agent).await.status.as_u16(), 403);
    let other = app.login("h2.admin").await;
    assert_eq!(app.get(&format!("/api/v1/hl7/messages/{id}"), &other).await.status.as_u16(), 404);
    // The resent original (same control id) now gets the stored AA.
    let ack = c.send_text(&message("A01", "IN2", &[pid("I002", "李二"), pv1("I", "NEWD", "VI2")])).await;
    assert_eq!(msa(&ack).0, "AA");
    l.stop();
}

fn json_null() -> serde_json::Value {
    serde_json::json!({})
}

#[tokio::test]
async fn many_connections_at_once_each_message_once() {
    let app = TestApp::new().await;
    let l = listen(&app).await;
    let addr = l.local_addr;
    // Eight senders; every one also sends the same shared message, which
    // must be applied once whatever batch or connection it lands in.
    let tasks: Vec<_> = (0..8)
        .map(|c| {
            tokio::spawn(async move {
                let mut m = Mllp::connect(addr).await;
                let mut codes = Vec::new();
                for i in 0..15 {
                    let mrn = format!("GC{c}{i:02}");
                    let text = if i == 7 {
                        message("A01", "SHARED", &[pid("GCSHARED", "共享"), pv1("I", "CARD", "GCV-SHARED")])
                    } else if i == 9 {
                        message("A01", &format!("BAD{c}"), &[pid(&mrn, "坏"), pv1("I", "NOPE", &format!("GCV{c}{i}"))])
                    } else {
                        message(
                            "A01",
                            &format!("G{c}-{i}"),
                            &[pid(&mrn, "并发"), pv1("I", "CARD", &format!("GCV{c}{i}"))],
                        )
                    };
                    codes.push(msa(&m.send_text(&text).await).0);
                }
                codes
            })
        })
        .collect();
    for t in tasks {
        let codes = t.await.unwrap();
        assert_eq!(codes.iter().filter(|c| *c == "AA").count(), 14, "{codes:?}");
        assert_eq!(codes[9], "AE");
    }
    let (visits_n, shared, rows): (i64, i64, i64) = app
        .db(|conn| {
            db_run!(conn: {
                (
                    visits::table.filter(visits::visit_no.like("GCV%")).count().get_result(conn).unwrap(),
                    visits::table.filter(visits::visit_no.eq("GCV-SHARED")).count().get_result(conn).unwrap(),
                    hl7_messages::table.count().get_result(conn).unwrap(),
                )
            })
        })
        .await;
    assert_eq!((visits_n, shared, rows), (8 * 13 + 1, 1, 8 * 14 + 1));
    l.stop();
}
