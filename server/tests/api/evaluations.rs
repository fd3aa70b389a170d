//! Window evaluations: ratings forwarded by the counter reader (idempotent
//! on device + event number), low-rating SMS and callback task, windows and
//! heartbeats, statistics, export and anomaly alerts.

use axum::http::StatusCode;
use hcrm_server::app::Background;
use serde_json::{json, Value};

use crate::peers::http_gateway::{Gateway, Mode};
use crate::peers::{eventually, fast_jobs};
use crate::util::TestApp;

const DEVICE: &str = "EV-HOSP1-REG-01";

fn rating(seq: i64, key: i64) -> Value {
    json!({"device_id": DEVICE, "event_seq": seq, "key": key, "layout": 5, "prompted": true, "pressed_at": chrono::Utc::now().to_rfc3339()})
}

async fn user_id(app: &TestApp, username: &str) -> i64 {
    let u = username.to_string();
    app.db(move |conn| {
        use diesel::prelude::*;
        use hcrm_server::db::schema::users;
        hcrm_server::db_run!(conn: { users::table.filter(users::username.eq(&u)).select(users::id).first::<i64>(conn).unwrap() })
    })
    .await
}

#[tokio::test]
async fn a_rating_is_stored_once_with_its_window_and_clerk() {
    let app = TestApp::new().await;
    let clerk = app.login("clerk1").await;
    let clerk_id = user_id(&app, "clerk1").await;
    let first = app.post("/api/v1/evaluations/ratings", &clerk, rating(1001, 2)).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    assert_eq!(first.body["window_name"], "挂号收费1号窗");
    assert_eq!(first.body["clerk_id"], clerk_id);
    assert_eq!((first.body["score"].as_i64(), first.body["label"].as_str()), (Some(4), Some("满意")));
    // The reader forwards again after a lost answer: same rating, 200.
    let again = app.post("/api/v1/evaluations/ratings", &clerk, rating(1001, 2)).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.body["id"], first.body["id"]);

    let admin = app.login("admin").await;
    let window = first.body["window_id"].as_i64().unwrap();
    let dept = app.department_id("HOSP1", "REG").await;
    for q in
        [format!("window_id={window}"), format!("clerk_id={clerk_id}"), format!("department_id={dept}"), String::new()]
    {
        let r = app.get(&format!("/api/v1/evaluations/ratings?{q}"), &admin).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.body["total"], 1, "{q}: {}", r.body);
    }
    let yesterday = (chrono::Utc::now() - chrono::Duration::days(3)).date_naive();
    let r = app.get(&format!("/api/v1/evaluations/ratings?to={yesterday}"), &admin).await;
    assert_eq!(r.body["total"], 0);

    let counter = app.get("/api/v1/evaluations/counter", &clerk).await;
    assert_eq!(counter.status, StatusCode::OK);
    assert_eq!(counter.body["window"]["code"], "REG-01");
    assert_eq!(counter.body["today"].as_array().unwrap().len(), 1);

    // The other hospital sees nothing and cannot use this device.
    let h2 = app.login("h2.admin").await;
    assert_eq!(app.get("/api/v1/evaluations/ratings", &h2).await.body["total"], 0);
    let h2clerk = app.login("h2.clerk1").await;
    let r = app.post("/api/v1/evaluations/ratings", &h2clerk, rating(1002, 1)).await;
    assert_eq!((r.status, r.body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("device_id")));
    // A manager of another department sees none of these.
    let manager = app.login("manager.card").await;
    assert_eq!(app.get("/api/v1/evaluations/ratings", &manager).await.body["total"], 0);
    let reg_manager = app.login("manager.reg").await;
    assert_eq!(app.get("/api/v1/evaluations/ratings", &reg_manager).await.body["total"], 1);
}

#[tokio::test]
async fn bad_ratings_say_what_is_wrong() {
    let app = TestApp::new().await;
    let clerk = app.login("clerk1").await;
    let cases = [
        (
            json!({"device_id": "EV-NOPE", "event_seq": 1, "key": 1, "layout": 5, "pressed_at": "2026-11-01T08:00:00Z"}),
            "device_id",
        ),
        (
            json!({"device_id": DEVICE, "event_seq": 1, "key": 6, "layout": 5, "pressed_at": "2026-11-01T08:00:00Z"}),
            "key",
        ),
        (
            json!({"device_id": DEVICE, "event_seq": 1, "key": 1, "layout": 7, "pressed_at": "2026-11-01T08:00:00Z"}),
            "layout",
        ),
        (
            json!({"device_id": DEVICE, "event_seq": -1, "key": 1, "layout": 5, "pressed_at": "2026-11-01T08:00:00Z"}),
            "event_seq",
        ),
        (
            json!({"device_id": DEVICE, "event_seq": 1, "key": 1, "layout": 5, "pressed_at": "2026-11-01T08:00:00Z", "patient_id": 999999}),
            "patient_id",
        ),
        (
            json!({"device_id": DEVICE, "event_seq": 1, "key": 1, "layout": 5, "pressed_at": "2026-11-01T08:00:00Z", "clerk_id": 999999}),
            "clerk_id",
        ),
    ];
    for (body, field) in cases {
        let r = app.post("/api/v1/evaluations/ratings", &clerk, body).await;
        assert_eq!((r.status, r.body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(field)), "{}", r.body);
    }
    let admin = app.login("admin").await;
    assert_eq!(app.get("/api/v1/evaluations/ratings", &admin).await.body["total"], 0, "nothing half-stored");
}

#[tokio::test]
async fn a_low_rating_texts_the_manager_and_opens_a_callback_task() {
    let gw = Gateway::start(Mode::Ok).await;
    let sms = gw.sms_config();
    let app = TestApp::with_config(move |c| {
        c.sms = sms;
        fast_jobs(c);
    })
    .await;
    let bg = Background::start(&app.state);
    let clerk = app.login("clerk1").await;
    let patient = app.patient_id("A000000001").await;
    let mut body = rating(7, 5);
    body["patient_id"] = json!(patient);
    let r = app.post("/api/v1/evaluations/ratings", &clerk, body.clone()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["label"], "非常不满意");
    let id = r.body["id"].as_i64().unwrap();
    let texts = eventually("the manager's SMS", || async { (gw.texts().len() == 1).then(|| gw.texts()) }).await;
    assert_eq!(texts[0].0, "13800138009");
    assert!(texts[0].1.contains("非常不满意") && texts[0].1.contains("挂号收费1号窗"), "{:?}", texts);
    let source = format!("evaluation:{id}");
    let task = app
        .db(move |conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::followup_tasks;
            hcrm_server::db_run!(conn: {
                followup_tasks::table.filter(followup_tasks::source_key.eq(&source)).select((followup_tasks::patient_id, followup_tasks::kind, followup_tasks::priority)).load::<(i64, String, String)>(conn).unwrap()
            })
        })
        .await;
    assert_eq!(task, vec![(patient, "callback".to_string(), "urgent".to_string())]);
    assert_eq!(app.audit_count("evaluation.rate", Some(patient)).await, 1);
    // Forwarded again: no second SMS, no second task.
    assert_eq!(app.post("/api/v1/evaluations/ratings", &clerk, body).await.status, StatusCode::OK);
    // A good rating sends nothing; a low one without a patient sends only the SMS.
    assert_eq!(app.post("/api/v1/evaluations/ratings", &clerk, rating(8, 1)).await.status, StatusCode::CREATED);
    assert_eq!(app.post("/api/v1/evaluations/ratings", &clerk, rating(9, 4)).await.status, StatusCode::CREATED);
    eventually("the second SMS", || async { (gw.texts().len() == 2).then_some(()) }).await;
    let tasks = app
        .db(|conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::followup_tasks;
            hcrm_server::db_run!(conn: { followup_tasks::table.filter(followup_tasks::source_key.like("evaluation:%")).count().get_result::<i64>(conn).unwrap() })
        })
        .await;
    assert_eq!(tasks, 1);
    // Each low rating also opened one complaint ticket (source evaluator,
    // routed to the window's department), the forwarded duplicate none.
    let tickets = app
        .db(|conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::feedback_tickets;
            hcrm_server::db_run!(conn: {
                feedback_tickets::table
                    .filter(feedback_tickets::source.eq("evaluator"))
                    .order(feedback_tickets::id)
                    .select((feedback_tickets::kind, feedback_tickets::source_ref, feedback_tickets::patient_id, feedback_tickets::status, feedback_tickets::current_department_id))
                    .load::<(String, Option<String>, Option<i64>, String, Option<i64>)>(conn)
                    .unwrap()
            })
        })
        .await;
    assert_eq!(tickets.len(), 2, "{tickets:?}");
    assert_eq!(
        (tickets[0].0.as_str(), tickets[0].1.clone(), tickets[0].2, tickets[0].3.as_str()),
        ("complaint", Some(format!("evaluation:{id}")), Some(patient), "assigned")
    );
    assert!(tickets[0].4.is_some() && tickets[1].2.is_none());
    let admin = app.login("admin").await;
    let list = app.get("/api/v1/feedback/tickets", &admin).await;
    assert!(
        list.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["source"] == "evaluator" && t["topic"].as_str().unwrap().contains("挂号收费1号窗")),
        "{}",
        list.body
    );
    bg.stop().await;
    assert_eq!(gw.texts().len(), 2);
}

#[tokio::test]
async fn windows_are_managed_and_heartbeats_show_the_device() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let dept = app.department_id("HOSP1", "PHAR").await;
    let r = app
        .post(
            "/api/v1/evaluations/windows",
            &admin,
            json!({"code": "PHAR-09", "name": "药房9号窗", "department_id": dept, "device_id": "EV-NEW", "layout": 3}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!((r.body["online"].as_bool(), r.body["layout"].as_i64()), (Some(false), Some(3)));
    let id = r.body["id"].as_i64().unwrap();
    let dup = app
        .post("/api/v1/evaluations/windows", &admin, json!({"code": "PHAR-09", "name": "x", "department_id": dept}))
        .await;
    assert_eq!((dup.status, dup.body["field"].as_str()), (StatusCode::CONFLICT, Some("code")));
    let taken = app
        .post(
            "/api/v1/evaluations/windows",
            &admin,
            json!({"code": "PHAR-10", "name": "x", "department_id": dept, "device_id": "EV-NEW"}),
        )
        .await;
    assert_eq!((taken.status, taken.body["field"].as_str()), (StatusCode::CONFLICT, Some("device_id")));
    let bad = app
        .post(
            "/api/v1/evaluations/windows",
            &admin,
            json!({"code": "PHAR-11", "name": "x", "department_id": dept, "layout": 6}),
        )
        .await;
    assert_eq!((bad.status, bad.body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("layout")));

    let clerk = app.login("clerk1").await;
    let hb = app
        .post(
            "/api/v1/evaluations/heartbeats",
            &clerk,
            json!({"device_id": "EV-NEW", "status": {"firmware": "1.0.3", "bad_checksum": 2}}),
        )
        .await;
    assert_eq!(hb.status, StatusCode::OK, "{}", hb.body);
    assert_eq!(hb.body["online"], true);
    assert_eq!(hb.body["device_status"]["bad_checksum"], 2);
    let unknown = app.post("/api/v1/evaluations/heartbeats", &clerk, json!({"device_id": "EV-GHOST"})).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    let clerk_id = user_id(&app, "clerk1").await;
    let r = app
        .patch(
            &format!("/api/v1/evaluations/windows/{id}"),
            &admin,
            json!({"device_id": "", "clerk_id": clerk_id, "name": "药房九号窗"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!((r.body["device_id"].as_str(), r.body["clerk_name"].as_str()), (None, Some("挂号窗口赵敏")));
    let list = app.get("/api/v1/evaluations/windows", &admin).await;
    assert_eq!(list.body.as_array().unwrap().len(), 4);
    let reg = app.login("manager.reg").await;
    let mine = app.get("/api/v1/evaluations/windows", &reg).await;
    assert!(mine.body.as_array().unwrap().iter().all(|w| w["department_name"] == "门诊挂号收费处"), "{}", mine.body);
    assert_eq!(mine.body.as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn statistics_and_the_excel_export() {
    let app = TestApp::new().await;
    let clerk = app.login("clerk1").await;
    for (seq, key) in [(1, 1), (2, 1), (3, 2), (4, 3), (5, 5)] {
        assert_eq!(app.post("/api/v1/evaluations/ratings", &clerk, rating(seq, key)).await.status, StatusCode::CREATED);
    }
    let admin = app.login("admin").await;
    let s = app.get("/api/v1/evaluations/stats", &admin).await;
    assert_eq!(s.status, StatusCode::OK, "{}", s.body);
    assert_eq!(s.body["total"], 5);
    assert_eq!(s.body["low"], 1);
    assert_eq!(s.body["average_score"], 3.6);
    assert_eq!(s.body["satisfaction"], 0.6);
    let by_score: Vec<i64> =
        s.body["by_score"].as_array().unwrap().iter().map(|c| c["count"].as_i64().unwrap()).collect();
    assert_eq!(by_score, vec![2, 1, 1, 0, 1]);
    assert_eq!(s.body["by_clerk"][0]["name"], "挂号窗口赵敏");
    assert_eq!(s.body["by_window"][0]["total"], 5);
    assert_eq!(s.body["by_department"][0]["name"], "门诊挂号收费处");
    assert_eq!(s.body["by_day"].as_array().unwrap().len(), 1);

    use tower::ServiceExt;
    let req = axum::http::Request::get("/api/v1/evaluations/export")
        .header("authorization", format!("Bearer {admin}"))
        .body(axum::body::Body::empty())
        .unwrap();
    let res = hcrm_server::router::build(app.state.clone()).oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    use http_body_util::BodyExt;
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    use calamine::Reader;
    let detail = book.worksheet_range("明细").unwrap();
    assert_eq!(detail.height(), 6, "header and five ratings");
    let by_window = book.worksheet_range("按窗口").unwrap();
    assert_eq!(by_window.get_value((1, 0)).unwrap().to_string(), "挂号收费1号窗");
    assert_eq!(app.audit_count("evaluation.export", None).await, 1);
}

#[tokio::test]
async fn anomalies_alert_managers_and_admins_once() {
    let app = TestApp::new().await;
    let clerk = app.login("clerk1").await;
    // A burst: nine presses in a few seconds, all the same key (stuck key),
    // more than the minimum sample.
    let mut seq = 0;
    for _ in 0..31 {
        seq += 1;
        assert_eq!(app.post("/api/v1/evaluations/ratings", &clerk, rating(seq, 1)).await.status, StatusCode::CREATED);
    }
    // A heartbeat long ago on another device.
    assert_eq!(
        app.post("/api/v1/evaluations/heartbeats", &clerk, json!({"device_id": "EV-HOSP1-REG-02"})).await.status,
        StatusCode::OK
    );
    app.db(|conn| {
        use diesel::prelude::*;
        use hcrm_server::db::schema::evaluation_windows;
        let old = hcrm_server::db::now() - chrono::Duration::hours(1);
        hcrm_server::db_run!(conn: {
            diesel::update(evaluation_windows::table.filter(evaluation_windows::device_id.eq("EV-HOSP1-REG-02"))).set(evaluation_windows::last_heartbeat_at.eq(Some(old))).execute(conn).unwrap();
        })
    })
    .await;
    let cfg = app.state.config.evaluations.clone();
    let hospital = app.department_id("HOSP1", "REG").await;
    let hospital = app
        .db(move |conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::departments;
            hcrm_server::db_run!(conn: { departments::table.find(hospital).select(departments::hospital_id).first::<i64>(conn).unwrap() })
        })
        .await;
    let c2 = cfg.clone();
    let (alerts, woken) =
        app.db(move |conn| hcrm_server::evaluations::alerts::check(conn, hospital, &c2).unwrap()).await;
    let kinds: std::collections::BTreeSet<&str> = alerts.iter().map(|a| a.kind.as_str()).collect();
    assert_eq!(kinds, ["burst", "key_always", "offline"].into_iter().collect(), "{alerts:?}");
    assert!(woken.contains(&user_id(&app, "admin").await) && woken.contains(&user_id(&app, "manager.reg").await));
    let reg = app.login("manager.reg").await;
    let notes = app.get("/api/v1/notifications", &reg).await;
    let n = notes.body["total"].as_i64().unwrap();
    assert!(n >= 3, "{}", notes.body);
    assert!(notes.body["items"].as_array().unwrap().iter().any(|i| i["title"].as_str().unwrap().contains("离线")));
    // The next run finds the same anomalies and sends nothing new.
    app.db(move |conn| hcrm_server::evaluations::alerts::check(conn, hospital, &cfg).unwrap()).await;
    assert_eq!(app.get("/api/v1/notifications", &reg).await.body["total"].as_i64().unwrap(), n);
    // The card manager hears nothing of the registration windows.
    let card = app.login("manager.card").await;
    let theirs = app.get("/api/v1/notifications", &card).await;
    assert!(
        theirs.body["items"].as_array().unwrap().iter().all(|i| !i["title"].as_str().unwrap().contains("窗")),
        "{}",
        theirs.body
    );
}

/// Ratings at one device, two minutes apart going back from now (no bursts).
async fn press_keys(app: &TestApp, token: &str, device: &str, keys: &[i64]) {
    for (i, k) in keys.iter().enumerate() {
        let at = chrono::Utc::now() - chrono::Duration::minutes(2 * i as i64 + 1);
        let body = json!({"device_id": device, "event_seq": i + 1, "key": k, "layout": 5, "prompted": true, "pressed_at": at.to_rfc3339()});
        assert_eq!(app.post("/api/v1/evaluations/ratings", token, body).await.status, StatusCode::CREATED);
    }
}

/// (window name, kind, key) of the key statistics alerts, from a fresh check.
async fn key_alerts(app: &TestApp) -> std::collections::BTreeSet<(String, &'static str, String)> {
    let dept = app.department_id("HOSP1", "REG").await;
    let cfg = app.state.config.evaluations.clone();
    let alerts = app
        .db(move |conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::departments;
            let hospital = hcrm_server::db_run!(conn: { departments::table.find(dept).select(departments::hospital_id).first::<i64>(conn).unwrap() });
            hcrm_server::evaluations::alerts::check(conn, hospital, &cfg).unwrap().0
        })
        .await;
    alerts
        .iter()
        .filter(|a| a.kind.as_str().starts_with("key_"))
        .map(|a| {
            let window = if a.title.contains("1号窗") { "REG-01" } else { "REG-02" };
            // evaluator-never:<window>:<key>:<day>
            (window.to_string(), a.kind.as_str(), a.dedupe_key.split(':').nth(2).unwrap().to_string())
        })
        .collect()
}

fn keys(spec: &[(i64, usize)]) -> Vec<i64> {
    // Interleaved, as real presses are.
    let mut left: Vec<(i64, usize)> = spec.to_vec();
    let mut out = Vec::new();
    while left.iter().any(|(_, n)| *n > 0) {
        for (k, n) in left.iter_mut() {
            if *n > 0 {
                out.push(*k);
                *n -= 1;
            }
        }
    }
    out
}

#[tokio::test]
async fn a_key_never_pressed_where_the_other_windows_use_it_raises_an_alert() {
    let app = TestApp::new().await;
    let clerk = app.login("clerk1").await;
    // Window 1: 80 ratings, never 非常不满意 (key 5); window 2: every key alike.
    // With the other window's 20 % share, 80 ratings without key 5 are
    // beyond what chance allows (expected 16, z² = 16 at z = 4).
    press_keys(&app, &clerk, DEVICE, &keys(&[(1, 20), (2, 20), (3, 20), (4, 20)])).await;
    press_keys(&app, &clerk, "EV-HOSP1-REG-02", &keys(&[(1, 10), (2, 10), (3, 10), (4, 10), (5, 10)])).await;
    let got = key_alerts(&app).await;
    assert_eq!(got, [("REG-01".to_string(), "key_never", "5".to_string())].into_iter().collect(), "{got:?}");
    let reg = app.login("manager.reg").await;
    let notes = app.get("/api/v1/notifications", &reg).await;
    assert!(
        notes.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["title"].as_str().unwrap().contains("“非常不满意”仅 0 次")),
        "{}",
        notes.body
    );
}

#[tokio::test]
async fn too_few_ratings_for_the_statistics_raise_no_key_alert() {
    let app = TestApp::new().await;
    let clerk = app.login("clerk1").await;
    // 20 ratings (fewer than anomaly_min_samples) without key 5: no evidence yet.
    press_keys(&app, &clerk, DEVICE, &keys(&[(1, 5), (2, 5), (3, 5), (4, 5)])).await;
    press_keys(&app, &clerk, "EV-HOSP1-REG-02", &keys(&[(1, 10), (2, 10), (3, 10), (4, 10), (5, 10)])).await;
    assert!(key_alerts(&app).await.is_empty());
}

#[tokio::test]
async fn a_key_pressed_far_more_than_at_the_other_windows_raises_an_alert() {
    let app = TestApp::new().await;
    let clerk = app.login("clerk1").await;
    // Window 1: half its ratings 基本满意 (key 3) — below the stuck-key share,
    // but the other window gives it 20 %: 30 of 60 against 12 expected.
    press_keys(&app, &clerk, DEVICE, &keys(&[(1, 8), (2, 8), (3, 30), (4, 7), (5, 7)])).await;
    press_keys(&app, &clerk, "EV-HOSP1-REG-02", &keys(&[(1, 8), (2, 8), (3, 8), (4, 8), (5, 8)])).await;
    let got = key_alerts(&app).await;
    assert_eq!(got, [("REG-01".to_string(), "key_always", "3".to_string())].into_iter().collect(), "{got:?}");
}

#[tokio::test]
async fn an_admin_sets_the_managers_mobile_and_the_low_rating_sms_goes_there() {
    let gw = Gateway::start(Mode::Ok).await;
    let sms = gw.sms_config();
    let app = TestApp::with_config(move |c| {
        c.sms = sms;
        fast_jobs(c);
    })
    .await;
    let admin = app.login("admin").await;
    let manager = user_id(&app, "manager.reg").await;
    let path = format!("/api/v1/users/{manager}/phone");
    // Bad numbers say what is wrong and change nothing.
    let r = app.call(axum::http::Method::PUT, &path, Some(&admin), Some(json!({"phone": "0551-6288 1234"}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.to_string().contains("not a mobile number"), "{}", r.body);
    let r = app.call(axum::http::Method::PUT, &path, Some(&admin), Some(json!({"phone": "139x"}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Only user managers; another hospital's user is not found.
    assert_eq!(
        app.call(
            axum::http::Method::PUT,
            &path,
            Some(&app.login("manager.reg").await),
            Some(json!({"phone": "13900139001"}))
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let h2 = app.login("h2.admin").await;
    assert_eq!(
        app.call(axum::http::Method::PUT, &path, Some(&h2), Some(json!({"phone": "13900139001"}))).await.status,
        StatusCode::NOT_FOUND
    );
    // Written the way people write it; stored as digits, shown masked.
    let r = app.call(axum::http::Method::PUT, &path, Some(&admin), Some(json!({"phone": "+86 139-0013-9001"}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["phone"], "139****9001");
    let listed = app.get("/api/v1/users", &admin).await;
    assert!(listed.body.as_array().unwrap().iter().any(|u| u["id"] == manager && u["phone"] == "139****9001"));
    assert_eq!(app.audit_count("user.phone", None).await, 1);
    // The next low rating texts the new number.
    let bg = Background::start(&app.state);
    let clerk = app.login("clerk1").await;
    assert_eq!(app.post("/api/v1/evaluations/ratings", &clerk, rating(1, 5)).await.status, StatusCode::CREATED);
    let texts = eventually("the manager's SMS", || async { (gw.texts().len() == 1).then(|| gw.texts()) }).await;
    assert_eq!(texts[0].0, "13900139001");
    bg.stop().await;
    // Cleared: null.
    let r = app.call(axum::http::Method::PUT, &path, Some(&admin), Some(json!({"phone": null}))).await;
    assert_eq!(r.body["phone"], Value::Null);
}
