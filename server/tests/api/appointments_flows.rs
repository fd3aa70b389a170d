//! Booking flows beyond the pool: the public API (keys, rate limits,
//! identity), clinic suspension with SMS through the HTTP gateway peer and
//! rebooking, no-shows and the blacklist, the waitlist offer chain and the
//! day-before reminder.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use chrono::Duration;
use hcrm_server::app::Background;
use serde_json::{json, Value};

use crate::appointments::{book, expire_hold, local_today, make_session, patients, SessionSpec};
use crate::peers::http_gateway::{Gateway, Mode};
use crate::peers::{eventually, fast_jobs};
use crate::util::{Response, TestApp};

fn resident_id(first17: &str) -> String {
    format!("{first17}{}", hcrm_shared::validation::resident_id_check_char(first17).unwrap())
}

async fn public(app: &TestApp, method: Method, path: &str, key: &str, body: Option<Value>) -> Response {
    let mut req = Request::builder().method(method).uri(path).header("x-api-key", key);
    let req = match body {
        Some(b) => req.header("content-type", "application/json").body(Body::from(b.to_string())).unwrap(),
        None => {
            req = req.header("x-forwarded-for", "10.9.9.9");
            req.body(Body::empty()).unwrap()
        }
    };
    app.raw(req).await
}

#[tokio::test]
async fn the_public_api_needs_a_key_checks_identity_and_limits_the_rate() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let session = make_session(&app, &admin, SessionSpec::default()).await;
    let k = app
        .post(
            "/api/v1/appointments/api-keys",
            &admin,
            json!({"name": "微信公众号", "channel": "wechat", "per_minute": 5}),
        )
        .await;
    assert_eq!(k.status, StatusCode::CREATED, "{}", k.body);
    let key = k.body["key"].as_str().unwrap().to_string();
    // Stored hashed: the list never shows the key again.
    let list = app.get("/api/v1/appointments/api-keys", &admin).await;
    assert!(
        list.body[0].get("key").is_none() && list.body[0]["key_prefix"].as_str().is_some_and(|p| key.starts_with(p)),
        "{}",
        list.body
    );
    let stored: String = app
        .db(|conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::appt_api_keys;
            hcrm_server::db_run!(conn: { appt_api_keys::table.select(appt_api_keys::key_hash).first::<String>(conn).unwrap() })
        })
        .await;
    assert_ne!(stored, key);
    assert_eq!(
        public(&app, Method::GET, "/api/v1/public/sessions", "hcrm_wrong", None).await.status,
        StatusCode::UNAUTHORIZED
    );

    let id_card = resident_id("11010519900307181");
    let hold = json!({"session_id": session, "name": "钱多多", "id_card": id_card, "phone": "13912345678"});
    let r = public(&app, Method::POST, "/api/v1/public/holds", &key, Some(hold.clone())).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!((r.body["channel"].as_str(), r.body["status"].as_str()), (Some("wechat"), Some("held")));
    let id = r.body["id"].as_i64().unwrap();
    // The same resident ID with another phone is not the same person.
    let mut wrong = hold.clone();
    wrong["phone"] = json!("13900000001");
    let r = public(&app, Method::POST, "/api/v1/public/holds", &key, Some(wrong)).await;
    assert_eq!(
        (r.status, r.body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("identity_mismatch")),
        "{}",
        r.body
    );
    let mut bad = hold.clone();
    bad["id_card"] = json!("110105199003071812");
    let r = public(&app, Method::POST, "/api/v1/public/holds", &key, Some(bad)).await;
    assert_eq!((r.status, r.body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("id_card")));
    let r =
        public(&app, Method::POST, &format!("/api/v1/public/appointments/{id}/confirm"), &key, Some(json!({}))).await;
    assert_eq!((r.status, r.body["status"].as_str()), (StatusCode::OK, Some("confirmed")), "{}", r.body);
    // Five requests a minute: twelve in a row meet the limit (even across a
    // minute boundary).
    let mut limited = None;
    for _ in 0..12 {
        let r = public(&app, Method::GET, &format!("/api/v1/public/appointments/{id}"), &key, None).await;
        if r.status == StatusCode::TOO_MANY_REQUESTS {
            limited = Some(r);
            break;
        }
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    assert_eq!(limited.expect("the rate limit").body["code"], "rate_limited");
    // A revoked key is refused; another key does not see this booking.
    let k2 = app.post("/api/v1/appointments/api-keys", &admin, json!({"name": "合作平台", "channel": "partner"})).await;
    let key2 = k2.body["key"].as_str().unwrap().to_string();
    assert_eq!(
        public(&app, Method::GET, &format!("/api/v1/public/appointments/{id}"), &key2, None).await.status,
        StatusCode::NOT_FOUND
    );
    app.patch(&format!("/api/v1/appointments/api-keys/{}", k2.body["id"]), &admin, json!({"active": false})).await;
    assert_eq!(
        public(&app, Method::GET, "/api/v1/public/sessions", &key2, None).await.status,
        StatusCode::UNAUTHORIZED
    );
    // The document describes the public API and its key.
    let doc = serde_json::to_value(hcrm_server::openapi::document()).unwrap();
    assert!(doc["paths"]["/api/v1/public/holds"]["post"].is_object());
    assert_eq!(doc["components"]["securitySchemes"]["api_key"]["name"], "X-Api-Key");
}

#[tokio::test]
async fn a_suspension_texts_every_booked_patient_and_tracks_the_rebooking() {
    let gw = Gateway::start(Mode::Ok).await;
    let sms = gw.sms_config();
    let app = TestApp::with_config(move |c| {
        c.sms = sms;
        fast_jobs(c);
    })
    .await;
    let bg = Background::start(&app.state);
    let admin = app.login("admin").await;
    let agent = app.login("agent1").await;
    let session = make_session(&app, &admin, SessionSpec::default()).await;
    let next =
        make_session(&app, &admin, SessionSpec { day: local_today() + Duration::days(5), ..Default::default() }).await;
    let p = patients(&app, 3).await;
    for x in &p {
        let r = book(&app, &agent, session, *x, json!({"confirm": true})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
    assert_eq!(
        app.post(&format!("/api/v1/appointments/sessions/{session}/suspend"), &agent, json!({"reason": "x"}))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = app
        .post(&format!("/api/v1/appointments/sessions/{session}/suspend"), &admin, json!({"reason": "医生外出会诊"}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let notices = r.body["notices"].as_array().unwrap().clone();
    assert_eq!(notices.len(), 3);
    assert!(notices.iter().all(|n| n["offer_session_id"] == next && n["status"] == "pending"), "{notices:?}");
    // Every text goes out through the gateway and the notice shows it.
    let texts = eventually("three suspension texts", || async { (gw.texts().len() == 3).then(|| gw.texts()) }).await;
    assert!(texts.iter().all(|(_, t)| t.contains("停诊") && t.contains("医生外出会诊")), "{texts:?}");
    eventually("the notices to show the SMS sent", || async {
        let n = app.get(&format!("/api/v1/appointments/sessions/{session}/notices"), &agent).await;
        n.body
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n["sms_status"] == "sent" || n["sms_status"] == "delivered")
            .then_some(())
    })
    .await;
    // The session takes no more bookings.
    let r = book(&app, &agent, session, p[0], json!({})).await;
    assert_eq!(r.body["code"], "session_suspended");
    // An agent calls each patient: one rebooked into the offer, one cancels.
    let first = notices[0]["id"].as_i64().unwrap();
    let r = app
        .post(&format!("/api/v1/appointments/notices/{first}/resolve"), &agent, json!({"outcome": "rebooked"}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["status"], "rebooked");
    let new_id = r.body["new_appointment_id"].as_i64().unwrap();
    let list = app.get(&format!("/api/v1/appointments?patient_id={}", notices[0]["patient_id"]), &agent).await;
    let rebooked = list.body.as_array().unwrap().iter().find(|a| a["id"] == new_id).unwrap().clone();
    assert_eq!((rebooked["session_id"].as_i64(), rebooked["status"].as_str()), (Some(next), Some("confirmed")));
    let r = app
        .post(
            &format!("/api/v1/appointments/notices/{}/resolve", notices[1]["id"]),
            &agent,
            json!({"outcome": "cancelled", "note": "不再就诊"}),
        )
        .await;
    assert_eq!(r.body["status"], "cancelled");
    let r = app
        .post(
            &format!("/api/v1/appointments/notices/{}/resolve", notices[2]["id"]),
            &agent,
            json!({"outcome": "maybe"}),
        )
        .await;
    assert_eq!(r.body["field"], "outcome");
    bg.stop().await;
}

async fn set_session_over(app: &TestApp, session: i64) {
    app.db(move |conn| {
        use diesel::prelude::*;
        use hcrm_server::db::schema::appt_sessions;
        let past = hcrm_server::db::now() - Duration::hours(1);
        hcrm_server::db_run!(conn: {
            diesel::update(appt_sessions::table.filter(appt_sessions::id.eq(session))).set(appt_sessions::ends_at.eq(past)).execute(conn).unwrap();
        })
    })
    .await
}

async fn sweep(app: &TestApp) -> hcrm_server::appointments::jobs::SweepResult {
    let state = app.state.clone();
    app.db(move |conn| {
        hcrm_server::db::write_transaction(conn, |conn| {
            hcrm_server::appointments::jobs::sweep(conn, &state, 1, hcrm_server::db::now())
        })
        .unwrap()
    })
    .await
}

#[tokio::test]
async fn three_no_shows_block_online_booking_until_expiry_or_an_admin_lifts_it() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let agent = app.login("agent1").await;
    let clerk = app.login("clerk1").await;
    let p = patients(&app, 2).await;
    let mut sessions = Vec::new();
    for d in 1..=4 {
        sessions.push(
            make_session(&app, &admin, SessionSpec { day: local_today() + Duration::days(d), ..Default::default() })
                .await,
        );
    }
    // Attended once, cancelled once, missed three times.
    let attended = book(&app, &agent, sessions[0], p[0], json!({"confirm": true})).await;
    let r = app.post(&format!("/api/v1/appointments/{}/check-in", attended.body["id"]), &clerk, json!({})).await;
    assert_eq!(r.body["status"], "checked_in", "{}", r.body);
    let cancelled = book(&app, &agent, sessions[0], p[1], json!({"confirm": true})).await;
    app.post(&format!("/api/v1/appointments/{}/cancel", cancelled.body["id"]), &agent, json!({})).await;
    for s in &sessions[1..] {
        assert_eq!(book(&app, &agent, *s, p[0], json!({"confirm": true})).await.status, StatusCode::CREATED);
    }
    for s in &sessions {
        set_session_over(&app, *s).await;
    }
    let result = sweep(&app).await;
    assert_eq!((result.no_shows, result.blocks), (3, 1));
    let rec = app.get(&format!("/api/v1/appointments/patients/{}/record", p[0]), &agent).await;
    assert_eq!((rec.body["no_shows"].as_i64(), rec.body["cancellations"].as_i64()), (Some(3), Some(0)), "{}", rec.body);
    assert_eq!(rec.body["blocks"][0]["active"], true);
    let rec1 = app.get(&format!("/api/v1/appointments/patients/{}/record", p[1]), &agent).await;
    assert_eq!((rec1.body["no_shows"].as_i64(), rec1.body["cancellations"].as_i64()), (Some(0), Some(1)));
    // Online booking is refused; the phone line still books.
    let k = app.post("/api/v1/appointments/api-keys", &admin, json!({"name": "web", "channel": "web"})).await;
    let key = k.body["key"].as_str().unwrap().to_string();
    let future =
        make_session(&app, &admin, SessionSpec { day: local_today() + Duration::days(6), ..Default::default() }).await;
    let (id_card, phone): (String, String) = {
        let pid = p[0];
        app.db(move |conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::{patient_phones, patients};
            hcrm_server::db_run!(conn: {
                let card = resident_id("11010519800101001");
                diesel::update(patients::table.filter(patients::id.eq(pid))).set(patients::id_card.eq(Some(&card))).execute(conn).unwrap();
                let c: Option<String> = patients::table.filter(patients::id.eq(pid)).select(patients::id_card).first(conn).unwrap();
                let ph: String = patient_phones::table.filter(patient_phones::patient_id.eq(pid)).select(patient_phones::number).first(conn).unwrap();
                (c.unwrap(), ph)
            })
        })
        .await
    };
    let name: String = {
        let pid = p[0];
        app.db(move |conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::patients;
            hcrm_server::db_run!(conn: { patients::table.filter(patients::id.eq(pid)).select(patients::name).first(conn).unwrap() })
        })
        .await
    };
    let hold = json!({"session_id": future, "name": name, "id_card": id_card, "phone": phone});
    let r = public(&app, Method::POST, "/api/v1/public/holds", &key, Some(hold.clone())).await;
    assert_eq!((r.status, r.body["code"].as_str()), (StatusCode::CONFLICT, Some("blocked")), "{}", r.body);
    // An admin lifts it with a reason, kept for the record.
    let block = rec.body["blocks"][0]["id"].as_i64().unwrap();
    let r = app.post(&format!("/api/v1/appointments/blocks/{block}/lift"), &admin, json!({"reason": ""})).await;
    assert_eq!(r.body["field"], "reason");
    let r = app
        .post(&format!("/api/v1/appointments/blocks/{block}/lift"), &admin, json!({"reason": "患者住院，非故意爽约"}))
        .await;
    assert_eq!(
        (r.body["active"].as_bool(), r.body["lift_reason"].as_str()),
        (Some(false), Some("患者住院，非故意爽约"))
    );
    let r = public(&app, Method::POST, "/api/v1/public/holds", &key, Some(hold)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(app.audit_count("appointment.block_lift", Some(p[0])).await, 1);
    // A block expires by itself.
    app.db(move |conn| {
        use diesel::prelude::*;
        use hcrm_server::db::schema::appt_blocks;
        let past = hcrm_server::db::now() - Duration::minutes(1);
        hcrm_server::db_run!(conn: {
            diesel::update(appt_blocks::table.filter(appt_blocks::id.eq(block))).set((appt_blocks::lifted_at.eq(None::<chrono::NaiveDateTime>), appt_blocks::ends_at.eq(past))).execute(conn).unwrap();
        })
    })
    .await;
    let rec = app.get(&format!("/api/v1/appointments/patients/{}/record", p[0]), &agent).await;
    assert_eq!(rec.body["blocks"][0]["active"], false);
    assert_eq!(app.get("/api/v1/appointments/blocks", &admin).await.body.as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn a_freed_number_goes_down_the_waitlist_until_someone_accepts() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let agent = app.login("agent1").await;
    // Two numbers.
    let session = make_session(&app, &admin, SessionSpec { end: "08:10", ..Default::default() }).await;
    let p = patients(&app, 5).await;
    let a = book(&app, &agent, session, p[0], json!({"confirm": true})).await;
    book(&app, &agent, session, p[1], json!({"confirm": true})).await;
    let full = book(&app, &agent, session, p[2], json!({})).await;
    assert_eq!(full.body["code"], "session_full");
    let w1 =
        app.post("/api/v1/appointments/waitlist", &agent, json!({"session_id": session, "patient_id": p[2]})).await;
    assert_eq!(w1.status, StatusCode::CREATED, "{}", w1.body);
    let w2 =
        app.post("/api/v1/appointments/waitlist", &agent, json!({"session_id": session, "patient_id": p[3]})).await;
    let dup =
        app.post("/api/v1/appointments/waitlist", &agent, json!({"session_id": session, "patient_id": p[3]})).await;
    assert_eq!(dup.body["code"], "already_waiting");
    // A cancellation offers the number to the first in line.
    app.post(&format!("/api/v1/appointments/{}/cancel", a.body["id"]), &agent, json!({})).await;
    let list = app.get(&format!("/api/v1/appointments/sessions/{session}/waitlist"), &agent).await;
    assert_eq!(
        (list.body[0]["status"].as_str(), list.body[1]["status"].as_str()),
        (Some("offered"), Some("waiting")),
        "{}",
        list.body
    );
    assert!(list.body[0]["sms_id"].as_i64().is_some());
    // They let the offer run out: it passes to the second.
    let offered = list.body[0]["appointment_id"].as_i64().unwrap();
    expire_hold(&app, offered).await;
    let w1_id = w1.body["id"].as_i64().unwrap();
    app.db(move |conn| {
        use diesel::prelude::*;
        use hcrm_server::db::schema::appt_waitlist;
        let past = hcrm_server::db::now() - Duration::minutes(1);
        hcrm_server::db_run!(conn: {
            diesel::update(appt_waitlist::table.filter(appt_waitlist::id.eq(w1_id))).set(appt_waitlist::offer_expires_at.eq(Some(past))).execute(conn).unwrap();
        })
    })
    .await;
    assert_eq!(sweep(&app).await.offers_expired, 1);
    let list = app.get(&format!("/api/v1/appointments/sessions/{session}/waitlist"), &agent).await;
    assert_eq!(
        (list.body[0]["status"].as_str(), list.body[1]["status"].as_str()),
        (Some("expired"), Some("offered")),
        "{}",
        list.body
    );
    let late = app.post(&format!("/api/v1/appointments/waitlist/{w1_id}/accept"), &agent, json!({})).await;
    assert_eq!(late.body["code"], "no_offer");
    let r = app.post(&format!("/api/v1/appointments/waitlist/{}/accept", w2.body["id"]), &agent, json!({})).await;
    assert_eq!(
        (r.status, r.body["status"].as_str(), r.body["patient_id"].as_i64()),
        (StatusCode::OK, Some("confirmed"), Some(p[3])),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn the_day_before_each_confirmed_patient_gets_one_reminder() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let agent = app.login("agent1").await;
    let tomorrow =
        make_session(&app, &admin, SessionSpec { day: local_today() + Duration::days(1), ..Default::default() }).await;
    let p = patients(&app, 3).await;
    book(&app, &agent, tomorrow, p[0], json!({"confirm": true})).await;
    book(&app, &agent, tomorrow, p[1], json!({})).await;
    let state = app.state.clone();
    let run = move |conn: &mut hcrm_server::db::DbConnection| {
        hcrm_server::db::write_transaction(conn, |conn| {
            hcrm_server::appointments::jobs::send_reminders(conn, &state, 1, hcrm_server::db::now())
        })
        .unwrap()
    };
    let run2 = run.clone();
    assert_eq!(app.db(run).await, 1, "only the confirmed one");
    assert_eq!(app.db(run2).await, 0, "once");
    let body: String = app
        .db(|conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::sms_messages;
            hcrm_server::db_run!(conn: { sms_messages::table.order(sms_messages::id.desc()).select(sms_messages::body).first::<String>(conn).unwrap() })
        })
        .await;
    assert!(body.contains("就诊提醒") && body.contains("1号"), "{body}");
}

#[tokio::test]
async fn reports_count_channels_no_shows_and_slot_use_and_export_to_excel() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let agent = app.login("agent1").await;
    let clerk = app.login("clerk1").await;
    let day = local_today() + Duration::days(1);
    let session = make_session(&app, &admin, SessionSpec { day, ..Default::default() }).await;
    let p = patients(&app, 4).await;
    let a = book(&app, &agent, session, p[0], json!({"confirm": true})).await;
    let b = book(&app, &clerk, session, p[1], json!({"confirm": true})).await;
    book(&app, &agent, session, p[2], json!({"confirm": true})).await;
    let c = book(&app, &agent, session, p[3], json!({"confirm": true})).await;
    app.post(&format!("/api/v1/appointments/{}/check-in", b.body["id"]), &clerk, json!({})).await;
    app.post(&format!("/api/v1/appointments/{}/cancel", c.body["id"]), &agent, json!({})).await;
    let _ = a;
    set_session_over(&app, session).await;
    sweep(&app).await;
    let r = app.get(&format!("/api/v1/appointments/reports?from={day}&to={day}"), &agent).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let phone = r.body["channels"].as_array().unwrap().iter().find(|c| c["channel"] == "phone").unwrap().clone();
    assert_eq!(
        (phone["booked"].as_i64(), phone["cancelled"].as_i64(), phone["no_shows"].as_i64()),
        (Some(2), Some(1), Some(2)),
        "{}",
        r.body
    );
    assert_eq!(r.body["no_show_rate"].as_f64().unwrap(), 2.0 / 3.0);
    assert!(r.body["capacity"].as_i64().unwrap() >= 10);
    let x = app.get(&format!("/api/v1/appointments/reports/export?from={day}&to={day}"), &agent).await;
    assert_eq!(x.status, StatusCode::OK);
    assert!(x.content_type().contains("spreadsheetml"));
    assert!(x.body.as_str().unwrap_or_default().starts_with("PK"), "an xlsx is a zip");
}
