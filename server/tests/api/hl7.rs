//! HL7 v2 intake over real MLLP connections: every ADT event, ACK codes and
//! ERR locations, idempotency on MSH-10, GB18030, broken frames that must
//! not take the listener down, and the same through PyPI's `mllp_send`.

use std::net::SocketAddr;
use std::time::Duration;

use diesel::prelude::*;
use hcrm_server::db::schema::{audit_log, followup_tasks, hl7_messages, patient_phones, patients, visits};
use hcrm_server::db_run;
use hcrm_server::followup::{create_task, NewTask};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::util::TestApp;

pub fn msh(event: &str, control: &str, charset: &str) -> String {
    let structure = if event == "A40" { "ADT_A39".to_string() } else { format!("ADT_{event}") };
    format!("MSH|^~\\&|HIS|HOSP1|HCRM|HOSP1|20261103083000||ADT^{event}^{structure}|{control}|P|2.5|||||CHN|{charset}")
}

/// A segment with values at given positions.
pub fn seg(name: &str, fields: &[(usize, &str)]) -> String {
    let n = fields.iter().map(|f| f.0).max().unwrap_or(0);
    let mut v = vec![String::new(); n + 1];
    v[0] = name.to_string();
    for (i, val) in fields {
        v[*i] = val.to_string();
    }
    v.join("|")
}

pub fn message(event: &str, control: &str, segments: &[String]) -> String {
    let mut out = msh(event, control, "UNICODE UTF-8");
    out.push('\r');
    out.push_str(&seg("EVN", &[(1, event), (2, "20261103083000")]));
    for s in segments {
        out.push('\r');
        out.push_str(s);
    }
    out.push('\r');
    out
}

pub fn pid(mrn: &str, name: &str) -> String {
    let (family, given) = name.split_at(name.char_indices().nth(1).map(|c| c.0).unwrap_or(name.len()));
    seg(
        "PID",
        &[
            (1, "1"),
            (3, &format!("{mrn}^^^HIS^MR")),
            (5, &format!("{family}^{given}")),
            (7, "19800615"),
            (8, "M"),
            (13, "13912345678"),
        ],
    )
}

pub fn pv1(class: &str, dept: &str, visit: &str) -> String {
    seg(
        "PV1",
        &[
            (1, "1"),
            (2, class),
            (3, &format!("{dept}^301^2")),
            (7, "D01^李^医生"),
            (10, dept),
            (19, visit),
            (44, "20261101080000"),
        ],
    )
}

pub struct Mllp {
    stream: TcpStream,
}

impl Mllp {
    pub async fn connect(addr: SocketAddr) -> Mllp {
        Mllp { stream: TcpStream::connect(addr).await.unwrap() }
    }
    pub async fn send_raw(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).await.unwrap();
    }
    /// Reads one framed answer.
    pub async fn read_ack(&mut self) -> Vec<u8> {
        let mut buf = Vec::new();
        let mut byte = [0u8; 4096];
        loop {
            if let Some(end) = buf.windows(2).position(|w| w == [0x1C, 0x0D]) {
                assert_eq!(buf[0], 0x0B, "an ACK starts with the start block");
                let ack = buf[1..end].to_vec();
                return ack;
            }
            let n = tokio::time::timeout(Duration::from_secs(30), self.stream.read(&mut byte))
                .await
                .expect("ACK in time")
                .unwrap();
            assert!(n > 0, "connection closed before the ACK; got {:?}", String::from_utf8_lossy(&buf));
            buf.extend_from_slice(&byte[..n]);
        }
    }
    pub async fn send(&mut self, bytes: &[u8]) -> Vec<u8> {
        let mut f = vec![0x0B];
        f.extend_from_slice(bytes);
        f.extend_from_slice(&[0x1C, 0x0D]);
        self.send_raw(&f).await;
        self.read_ack().await
    }
    pub async fn send_text(&mut self, text: &str) -> String {
        String::from_utf8(self.send(text.as_bytes()).await).unwrap()
    }
}

pub fn msa(ack: &str) -> (String, String) {
    let line = ack.split('\r').find(|l| l.starts_with("MSA|")).expect("an MSA segment");
    let f: Vec<&str> = line.split('|').collect();
    (f[1].to_string(), f[2].to_string())
}

pub fn err(ack: &str) -> String {
    ack.split('\r').find(|l| l.starts_with("ERR|")).unwrap_or("").to_string()
}

pub async fn listen(app: &TestApp) -> hcrm_server::hl7::Hl7Listener {
    hcrm_server::hl7::bind(app.state.clone(), "127.0.0.1:0").await.unwrap()
}

pub async fn visit(
    app: &TestApp,
    no: &str,
) -> Option<(i64, i64, String, Option<chrono::NaiveDateTime>, Option<chrono::NaiveDateTime>, Option<String>)> {
    let no = no.to_string();
    app.db(move |conn| {
        db_run!(conn: {
            visits::table
                .filter(visits::visit_no.eq(&no))
                .select((visits::patient_id, visits::department_id, visits::kind, visits::discharged_at, visits::cancelled_at, visits::ward))
                .first(conn)
                .optional()
                .unwrap()
        })
    })
    .await
}

async fn task(app: &TestApp, patient: i64, visit: Option<i64>, kind: &str, key: &str) -> i64 {
    let (kind, key) = (kind.to_string(), key.to_string());
    app.db(move |conn| {
        let mut t = NewTask::callback(1, patient, None, key, "回访", "");
        t.kind = kind.parse().unwrap();
        t.visit_id = visit;
        create_task(conn, &t).unwrap().0
    })
    .await
}

async fn task_state(app: &TestApp, id: i64) -> (String, Option<String>, i64) {
    app.db(move |conn| {
        db_run!(conn: {
            followup_tasks::table.find(id).select((followup_tasks::status, followup_tasks::cancel_reason, followup_tasks::patient_id)).first(conn).unwrap()
        })
    })
    .await
}

async fn visit_id(app: &TestApp, no: &str) -> i64 {
    let no = no.to_string();
    app.db(move |conn| db_run!(conn: { visits::table.filter(visits::visit_no.eq(&no)).select(visits::id).first(conn).unwrap() })).await
}

#[tokio::test]
async fn admit_transfer_discharge_and_cancels() {
    let app = TestApp::new().await;
    let l = listen(&app).await;
    let mut c = Mllp::connect(l.local_addr).await;
    let card = app.department_id("HOSP1", "CARD").await;
    let orth = app.department_id("HOSP1", "ORTH").await;

    // A01: a new patient and an inpatient visit.
    let dg1 = seg("DG1", &[(1, "1"), (3, "I21.9^急性心肌梗死^I10"), (6, "A")]);
    let ack = c.send_text(&message("A01", "C1", &[pid("H7001", "王小明"), pv1("I", "CARD", "V7001"), dg1])).await;
    assert_eq!(msa(&ack), ("AA".into(), "C1".into()), "{ack}");
    assert!(ack.starts_with("MSH|^~\\&|HCRM|HOSP1|HIS|HOSP1|"), "{ack}");
    let p = app.patient_id("H7001").await;
    let (owner, dept, kind, discharged, cancelled, ward) = visit(&app, "V7001").await.unwrap();
    assert_eq!(
        (owner, dept, kind.as_str(), discharged, cancelled, ward.as_deref()),
        (p, card, "inpatient", None, None, Some("301-2"))
    );
    assert!(app.audit_count("patient.create", Some(p)).await == 1);

    // A02: transfer to orthopaedics.
    let ack = c.send_text(&message("A02", "C2", &[pid("H7001", "王小明"), pv1("I", "ORTH", "V7001")])).await;
    assert_eq!(msa(&ack).0, "AA", "{ack}");
    assert_eq!(visit(&app, "V7001").await.unwrap().1, orth);

    // A03: discharge at PV1-45 (local time; stored UTC).
    let mut pv = pv1("I", "ORTH", "V7001");
    pv.push_str("|20261105100000");
    let ack = c.send_text(&message("A03", "C3", &[pid("H7001", "王小明"), pv])).await;
    assert_eq!(msa(&ack).0, "AA", "{ack}");
    assert_eq!(visit(&app, "V7001").await.unwrap().3.unwrap().to_string(), "2026-11-05 02:00:00");

    // A discharge task exists; A13 cancels the discharge and the task.
    let v = visit_id(&app, "V7001").await;
    let t1 = task(&app, p, Some(v), "discharge", "rule:1:visit:1").await;
    let ack = c.send_text(&message("A13", "C4", &[pid("H7001", "王小明"), pv1("I", "ORTH", "V7001")])).await;
    assert_eq!(msa(&ack).0, "AA", "{ack}");
    assert_eq!(visit(&app, "V7001").await.unwrap().3, None);
    assert_eq!(task_state(&app, t1).await.0, "cancelled");

    // A11 cancels the admission and its open tasks.
    let t2 = task(&app, p, Some(v), "discharge", "rule:1:visit:2").await;
    let ack = c.send_text(&message("A11", "C5", &[pid("H7001", "王小明"), pv1("I", "ORTH", "V7001")])).await;
    assert_eq!(msa(&ack).0, "AA", "{ack}");
    assert!(visit(&app, "V7001").await.unwrap().4.is_some(), "the visit is marked cancelled");
    let (status, reason, _) = task_state(&app, t2).await;
    assert_eq!((status.as_str(), reason.as_deref()), ("cancelled", Some("admission cancelled (A11)")));

    // A new admission cancels the patient's open discharge tasks.
    let t3 = task(&app, p, None, "discharge", "rule:1:visit:3").await;
    let t4 = task(&app, p, None, "callback", "other:1").await;
    let ack = c.send_text(&message("A01", "C6", &[pid("H7001", "王小明"), pv1("I", "CARD", "V7002")])).await;
    assert_eq!(msa(&ack).0, "AA", "{ack}");
    assert_eq!(task_state(&app, t3).await.1.as_deref(), Some("readmitted"));
    assert_eq!(task_state(&app, t4).await.0, "pending", "other kinds stay");

    // A04: outpatient registration.
    let ack = c.send_text(&message("A04", "C7", &[pid("H7002", "李四"), pv1("O", "RESP", "O7001")])).await;
    assert_eq!(msa(&ack).0, "AA", "{ack}");
    assert_eq!(visit(&app, "O7001").await.unwrap().2, "outpatient");

    // A08: demographics update with a second phone and the death indicator.
    let mut p8 = pid("H7001", "王大明");
    p8 = p8.replace("13912345678", "13912345678~13700001111");
    let mut fields: Vec<String> = p8.split('|').map(str::to_string).collect();
    fields.resize(31, String::new());
    fields[30] = "Y".into();
    let ack = c.send_text(&message("A08", "C8", &[fields.join("|")])).await;
    assert_eq!(msa(&ack).0, "AA", "{ack}");
    let (name, tags): (String, String) = app.db(move |conn| db_run!(conn: { patients::table.find(p).select((patients::name, patients::tags)).first(conn).unwrap() })).await;
    assert_eq!(name, "王大明");
    assert!(tags.contains("deceased"));
    assert_eq!(task_state(&app, t4).await.1.as_deref(), Some("deceased"), "a death cancels every open task");
    let phones: i64 = app.db(move |conn| db_run!(conn: { patient_phones::table.filter(patient_phones::patient_id.eq(p)).count().get_result(conn).unwrap() })).await;
    assert_eq!(phones, 2);
    l.stop();
}

#[tokio::test]
async fn merge_moves_everything_to_the_survivor() {
    let app = TestApp::new().await;
    let l = listen(&app).await;
    let mut c = Mllp::connect(l.local_addr).await;
    assert_eq!(msa(&c.send_text(&message("A01", "M1", &[pid("S001", "赵一"), pv1("I", "CARD", "VS1")])).await).0, "AA");
    let mut dup = pid("D001", "赵一");
    dup = dup.replace("13912345678", "13600002222");
    assert_eq!(msa(&c.send_text(&message("A01", "M2", &[dup, pv1("I", "CARD", "VD1")])).await).0, "AA");
    let survivor = app.patient_id("S001").await;
    let duplicate = app.patient_id("D001").await;
    let t = task(&app, duplicate, None, "discharge", "rule:9:visit:9").await;

    let mrg = seg("MRG", &[(1, "D001^^^HIS^MR")]);
    let ack = c.send_text(&message("A40", "M3", &[pid("S001", "赵一"), mrg.clone()])).await;
    assert_eq!(msa(&ack).0, "AA", "{ack}");
    assert_eq!(visit(&app, "VD1").await.unwrap().0, survivor, "visits moved");
    assert_eq!(task_state(&app, t).await.2, survivor, "tasks moved");
    let (merged, phones): (Option<i64>, Vec<String>) = app
        .db(move |conn| {
            db_run!(conn: {
                let m = patients::table.find(duplicate).select(patients::merged_into_id).first(conn).unwrap();
                let p = patient_phones::table.filter(patient_phones::patient_id.eq(survivor)).select(patient_phones::number).load(conn).unwrap();
                (m, p)
            })
        })
        .await;
    assert_eq!(merged, Some(survivor));
    assert!(phones.contains(&"13600002222".to_string()), "{phones:?}");
    assert!(app.audit_count("patient.merge", Some(survivor)).await >= 1);
    // The merged-away patient no longer appears in search or the list.
    let agent = app.login("agent1").await;
    let ids = |body: serde_json::Value| {
        body["items"].as_array().unwrap().iter().map(|p| p["id"].as_i64().unwrap()).collect::<Vec<_>>()
    };
    assert!(ids(app.get("/api/v1/patients?q=D001", &agent).await.body).is_empty());
    assert_eq!(ids(app.get("/api/v1/patients?q=%E8%B5%B5%E4%B8%80", &agent).await.body), vec![survivor]);
    let all = app.get("/api/v1/patients?per_page=100", &agent).await.body;
    assert!(!ids(all.clone()).contains(&duplicate) && ids(all).contains(&survivor));

    // A message for the merged MRN lands on the survivor.
    assert_eq!(msa(&c.send_text(&message("A04", "M4", &[pid("D001", "赵一"), pv1("O", "CARD", "VO9")])).await).0, "AA");
    assert_eq!(visit(&app, "VO9").await.unwrap().0, survivor);

    // Unknown prior patient: AE naming MRG-1.
    let ack = c.send_text(&message("A40", "M5", &[pid("S001", "赵一"), seg("MRG", &[(1, "NOPE1")])])).await;
    assert_eq!(msa(&ack).0, "AE");
    assert!(err(&ack).contains("MRG-1"), "{ack}");
    l.stop();
}

#[tokio::test]
async fn errors_name_the_segment_field() {
    let app = TestApp::new().await;
    let l = listen(&app).await;
    let mut c = Mllp::connect(l.local_addr).await;

    let ack = c.send_text(&message("A01", "E1", &[pid("E001", "钱二"), pv1("I", "NOSUCH", "VE1")])).await;
    assert_eq!(msa(&ack), ("AE".into(), "E1".into()), "{ack}");
    let e = err(&ack);
    assert!(e.starts_with("ERR|PV1^1^3^103"), "{e}");
    assert!(e.contains("PV1-3: department \"NOSUCH\" is not known"), "{e}");
    assert!(visit(&app, "VE1").await.is_none(), "nothing written");
    let none: i64 = app.db(|conn| db_run!(conn: { patients::table.filter(patients::mrn.eq("E001")).count().get_result(conn).unwrap() })).await;
    assert_eq!(none, 0, "the patient of a failed message is not written either");

    let bad_birth = pid("E002", "孙三").replace("19800615", "19801340");
    let ack = c.send_text(&message("A01", "E2", &[bad_birth, pv1("I", "CARD", "VE2")])).await;
    assert_eq!(msa(&ack).0, "AE");
    assert!(err(&ack).contains("PID-7"), "{ack}");

    let ack = c.send_text(&message("A01", "E3", &[pid("E003", "周四")])).await;
    assert_eq!(msa(&ack).0, "AE");
    assert!(err(&ack).contains("PV1"), "{ack}");

    let ack = c.send_text(&message("A05", "E4", &[pid("E004", "吴五")])).await;
    assert_eq!(msa(&ack).0, "AR", "unsupported event is rejected");
    assert!(err(&ack).contains("MSH-9"), "{ack}");

    let ack = c.send_text(&message("A01", "E5", &[]).replace("UNICODE UTF-8", "EBCDIC")).await;
    assert_eq!(msa(&ack).0, "AR");
    assert!(err(&ack).contains("MSH-18"), "{ack}");

    // A failure that is fixed and resent with the same control id goes through.
    let ack = c.send_text(&message("A01", "E1", &[pid("E001", "钱二"), pv1("I", "CARD", "VE1")])).await;
    assert_eq!(msa(&ack).0, "AA", "{ack}");
    let rows: Vec<(String, String, i32)> = app
        .db(|conn| db_run!(conn: { hl7_messages::table.order(hl7_messages::id).select((hl7_messages::control_id.assume_not_null(), hl7_messages::status, hl7_messages::attempts)).load(conn).unwrap() }))
        .await;
    assert_eq!(rows[0], ("E1".to_string(), "processed".to_string(), 2));
    assert_eq!(rows.len(), 5, "every message is in the inbox: {rows:?}");
    l.stop();
}

#[tokio::test]
async fn a_resent_message_returns_the_same_ack_and_changes_nothing() {
    let app = TestApp::new().await;
    let l = listen(&app).await;
    let text = message("A01", "DUP1", &[pid("R001", "郑六"), pv1("I", "CARD", "VR1")]);
    let first = Mllp::connect(l.local_addr).await.send(text.as_bytes()).await;
    let p = app.patient_id("R001").await;
    let audits = app.db(|conn| db_run!(conn: { audit_log::table.count().get_result::<i64>(conn).unwrap() })).await;
    // Resent on another connection, and twice on one.
    let mut c = Mllp::connect(l.local_addr).await;
    let second = c.send(text.as_bytes()).await;
    let third = c.send(text.as_bytes()).await;
    assert_eq!(first, second);
    assert_eq!(first, third);
    let after = app.db(|conn| db_run!(conn: { audit_log::table.count().get_result::<i64>(conn).unwrap() })).await;
    assert_eq!(audits, after, "no new writes");
    let (rows, visits_n): (i64, i64) = app
        .db(move |conn| db_run!(conn: { (hl7_messages::table.count().get_result(conn).unwrap(), visits::table.filter(visits::patient_id.eq(p)).count().get_result(conn).unwrap()) }))
        .await;
    assert_eq!((rows, visits_n), (1, 1));
    l.stop();
}

#[tokio::test]
async fn gb18030_messages_and_acks() {
    let app = TestApp::new().await;
    let l = listen(&app).await;
    let mut c = Mllp::connect(l.local_addr).await;
    let text = message(
        "A01",
        "GB1",
        &[pid("G001", "欧阳娜娜"), pv1("I", "CARD", "VG1"), seg("DG1", &[(1, "1"), (3, "I10^原发性高血压^I10")])],
    )
    .replace("UNICODE UTF-8", "GB 18030-2000");
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    assert!(std::str::from_utf8(&bytes).is_err(), "the test message really is GB18030");
    let ack = c.send(&bytes).await;
    let ack = encoding_rs::GB18030.decode(&ack).0.into_owned();
    assert_eq!(msa(&ack).0, "AA", "{ack}");
    let p = app.patient_id("G001").await;
    let name: String = app
        .db(move |conn| db_run!(conn: { patients::table.find(p).select(patients::name).first(conn).unwrap() }))
        .await;
    assert_eq!(name, "欧阳娜娜");
    let diag: String = app.db(|conn| db_run!(conn: { visits::table.filter(visits::visit_no.eq("VG1")).select(visits::diagnoses).first(conn).unwrap() })).await;
    assert!(diag.contains("原发性高血压"), "{diag}");

    // GB18030 bytes declared as UTF-8: rejected, naming MSH-18; kept.
    let wrong = message("A01", "GB2", &[pid("G002", "张三"), pv1("I", "CARD", "VG2")]);
    let (bytes, _, _) = encoding_rs::GB18030.encode(&wrong);
    let ack = String::from_utf8_lossy(&c.send(&bytes).await).into_owned();
    assert_eq!(msa(&ack), ("AR".into(), "GB2".into()), "{ack}");
    assert!(err(&ack).contains("MSH-18"), "{ack}");
    let stored: (String, Vec<u8>) = app
        .db(|conn| db_run!(conn: { hl7_messages::table.filter(hl7_messages::control_id.eq("GB2")).select((hl7_messages::status, hl7_messages::raw)).first(conn).unwrap() }))
        .await;
    assert_eq!(stored.0, "rejected");
    assert_eq!(stored.1, bytes.into_owned(), "the raw bytes are kept as received");
    l.stop();
}

#[tokio::test]
async fn broken_frames_get_naks_and_the_listener_keeps_serving() {
    let app = TestApp::with_config(|c| c.hl7.max_message_bytes = 4096).await;
    let l = listen(&app).await;

    // Not HL7 at all.
    let mut c = Mllp::connect(l.local_addr).await;
    let ack = String::from_utf8(c.send(b"hello, is this the HIS?").await).unwrap();
    assert_eq!(msa(&ack).0, "AR", "{ack}");
    assert!(err(&ack).contains("MSH"), "{ack}");
    // A truncated message: a new start block before the end block.
    let good = message("A01", "T2", &[pid("T002", "冯七"), pv1("I", "CARD", "VT2")]);
    let cut = &good.as_bytes()[..40];
    let mut bytes = vec![0x0B];
    bytes.extend_from_slice(cut);
    bytes.push(0x0B);
    bytes.extend_from_slice(good.as_bytes());
    bytes.extend_from_slice(&[0x1C, 0x0D]);
    c.send_raw(&bytes).await;
    let first = String::from_utf8(c.read_ack().await).unwrap();
    let second = String::from_utf8(c.read_ack().await).unwrap();
    assert_eq!(msa(&first).0, "AR", "{first}");
    assert!(first.contains("truncated"), "{first}");
    assert_eq!(msa(&second).0, "AA", "the complete message after it is processed: {second}");
    // Too large.
    let big = message("A01", "T3", &[pid("T003", "陈八"), seg("NTE", &[(3, &"x".repeat(10_000))])]);
    let ack = String::from_utf8(c.send(big.as_bytes()).await).unwrap();
    assert_eq!(msa(&ack).0, "AR", "{ack}");
    assert!(ack.contains("larger than 4096"), "{ack}");
    // Truncated by the peer closing its side mid-message: still answered.
    let mut d = Mllp::connect(l.local_addr).await;
    let mut half = vec![0x0B];
    half.extend_from_slice(&good.as_bytes()[..60]);
    d.send_raw(&half).await;
    d.stream.shutdown().await.unwrap();
    let ack = String::from_utf8(d.read_ack().await).unwrap();
    assert_eq!(msa(&ack).0, "AR", "{ack}");
    // A connection that vanishes mid-frame.
    let mut e = Mllp::connect(l.local_addr).await;
    e.send_raw(&[0x0B, b'M', b'S']).await;
    drop(e);

    // Still serving, on the old connection and on new ones.
    let ack = c.send_text(&message("A04", "T9", &[pid("T009", "褚九"), pv1("O", "CARD", "VT9")])).await;
    assert_eq!(msa(&ack).0, "AA");
    let ack = Mllp::connect(l.local_addr)
        .await
        .send_text(&message("A04", "T10", &[pid("T010", "卫十"), pv1("O", "CARD", "VT10")]))
        .await;
    assert_eq!(msa(&ack).0, "AA");
    let statuses: Vec<String> = app.db(|conn| db_run!(conn: { hl7_messages::table.order(hl7_messages::id).select(hl7_messages::status).load(conn).unwrap() })).await;
    assert!(statuses.iter().filter(|s| *s == "rejected").count() >= 4, "broken messages are kept: {statuses:?}");
    l.stop();
}
