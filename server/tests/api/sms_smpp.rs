//! The SMPP 3.4 provider against the test SMSC (`tests/peers/smsc.rs`):
//! long Chinese messages with UDH concatenation, delivery receipts, a
//! connection lost in the middle of a batch, enquire_link keep-alive.

use std::sync::atomic::Ordering;

use hcrm_server::app::Background;
use serde_json::json;

use crate::peers::smsc::Smsc;
use crate::peers::{eventually, fast_jobs};
use crate::util::TestApp;

async fn app_with_smsc(smsc: &Smsc) -> TestApp {
    let sms = smsc.sms_config();
    TestApp::with_config(move |c| {
        c.sms = sms;
        fast_jobs(c);
    })
    .await
}

async fn wait_status(app: &TestApp, token: &str, id: i64, status: &str) -> serde_json::Value {
    eventually(&format!("message {id} to be {status}"), || async {
        let m = app.get(&format!("/api/v1/sms/messages/{id}"), token).await.body;
        (m["status"] == status).then_some(m)
    })
    .await
}

#[tokio::test]
async fn a_long_chinese_message_goes_in_ucs2_parts_and_is_delivered() {
    let smsc = Smsc::start().await;
    let app = app_with_smsc(&smsc).await;
    let bg = Background::start(&app.state);
    let admin = app.login("admin").await;
    let text = "【某某医院】张三您好，您于11月20日从心血管内科出院，请于12月1日上午到门诊复诊，按时服药，如有胸闷胸痛请立即就医。回复TD退订。".repeat(2);
    assert!(text.chars().count() > 70);
    let r = app.post("/api/v1/sms/messages", &admin, json!({"phone": "13800138000", "body": text})).await;
    let id = r.body["id"].as_i64().unwrap();
    let delivered = wait_status(&app, &admin, id, "delivered").await;
    let subs = smsc.submitted();
    assert_eq!(delivered["parts"].as_i64().unwrap() as usize, subs.len());
    assert!(subs.len() >= 2);
    let reference = subs[0].udh().unwrap().0;
    let mut joined = String::new();
    for (i, s) in subs.iter().enumerate() {
        assert_eq!((s.data_coding, s.destination.as_str(), s.source.as_str()), (8, "13800138000", "10690001"));
        assert_eq!(s.registered_delivery, 1);
        assert!(s.short_message.len() <= 140);
        assert_eq!(s.udh(), Some((reference, subs.len() as u8, i as u8 + 1)));
        joined.push_str(&s.text());
    }
    assert_eq!(joined, text);
    eventually("receipts acknowledged", || async {
        (smsc.state.receipts_acknowledged.load(Ordering::SeqCst) == subs.len()).then_some(())
    })
    .await;
    // A short ASCII message is one part in the default alphabet.
    let r =
        app.post("/api/v1/sms/messages", &admin, json!({"phone": "13800138001", "body": "Your code is 1234"})).await;
    wait_status(&app, &admin, r.body["id"].as_i64().unwrap(), "delivered").await;
    let last = smsc.submitted().pop().unwrap();
    assert_eq!((last.data_coding, last.esm_class, last.text().as_str()), (0, 0, "Your code is 1234"));
    // The link stays up with enquire_link.
    eventually("an enquire_link", || async { (smsc.state.enquire_links.load(Ordering::SeqCst) > 0).then_some(()) })
        .await;
    bg.stop().await;
}

#[tokio::test]
async fn an_undeliverable_receipt_fails_the_message_with_the_reason() {
    let smsc = Smsc::start().await;
    smsc.state.undeliverable.lock().unwrap().push("13800138002".into());
    let app = app_with_smsc(&smsc).await;
    let bg = Background::start(&app.state);
    let admin = app.login("admin").await;
    let r = app.post("/api/v1/sms/messages", &admin, json!({"phone": "13800138002", "body": "空号测试"})).await;
    let failed = wait_status(&app, &admin, r.body["id"].as_i64().unwrap(), "failed").await;
    assert!(failed["reason"].as_str().unwrap().contains("UNDELIV"), "{failed}");
    assert!(failed["sent_at"].is_string());
    bg.stop().await;
}

#[tokio::test]
async fn a_connection_lost_mid_batch_reconnects_and_loses_nothing() {
    let smsc = Smsc::start().await;
    *smsc.state.drop_after.lock().unwrap() = Some(5);
    let app = app_with_smsc(&smsc).await;
    let bg = Background::start(&app.state);
    let admin = app.login("admin").await;
    let mut ids = Vec::new();
    for i in 0..20 {
        let r = app
            .post(
                "/api/v1/sms/messages",
                &admin,
                json!({"phone": format!("1380013{i:04}"), "body": format!("批量随访第{i}条")}),
            )
            .await;
        ids.push(r.body["id"].as_i64().unwrap());
    }
    for id in &ids {
        wait_status(&app, &admin, *id, "delivered").await;
    }
    let subs = smsc.submitted();
    // Every message reached the SMSC; the dropped submit was never accepted.
    let mut texts: Vec<String> = subs.iter().map(|s| s.text()).collect();
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), 20);
    assert_eq!(subs.len(), 20, "nothing accepted twice");
    assert!(smsc.state.binds.load(Ordering::SeqCst) >= 2, "it bound again after the drop");
    bg.stop().await;
}

#[tokio::test]
async fn a_td_reply_opts_the_number_out() {
    let smsc = Smsc::start().await;
    let app = app_with_smsc(&smsc).await;
    let bg = Background::start(&app.state);
    let admin = app.login("admin").await;
    let r =
        app.post("/api/v1/sms/messages", &admin, json!({"phone": "13800138005", "body": "复诊提醒，回复TD退订"})).await;
    wait_status(&app, &admin, r.body["id"].as_i64().unwrap(), "delivered").await;
    smsc.send_mo("13800138005", "退订");
    let outs = eventually("the opt-out", || async {
        let o = app.get("/api/v1/sms/opt-outs", &admin).await.body;
        (o.as_array().unwrap().len() == 1).then_some(o)
    })
    .await;
    assert_eq!(outs[0]["phone"], "13800138005");
    let r = app.post("/api/v1/sms/messages", &admin, json!({"phone": "13800138005", "body": "再次提醒"})).await;
    assert_eq!((r.body["status"].as_str(), r.body["reason"].as_str()), (Some("failed"), Some("opted_out")));
    // Only the hospital that texted the number is affected.
    let h2 = app.login("h2.admin").await;
    assert_eq!(app.get("/api/v1/sms/opt-outs", &h2).await.body.as_array().unwrap().len(), 0);
    bg.stop().await;
}
