//! Appointment booking (预约挂号): schedules and slots, the one pool with
//! quotas, staggering and release times, holds, cancellation, rescheduling,
//! department scope, and the concurrency guarantee.

use std::sync::Arc;

use axum::http::StatusCode;
use chrono::{Datelike, Duration, NaiveDate};
use serde_json::{json, Value};

use crate::util::TestApp;

pub fn local_today() -> NaiveDate {
    (chrono::Utc::now().naive_utc() + Duration::minutes(480)).date()
}

pub struct SessionSpec<'a> {
    pub dept: &'a str,
    pub doctor: Option<&'a str>,
    pub day: NaiveDate,
    pub start: &'a str,
    pub end: &'a str,
    pub slot_minutes: i32,
    pub onsite_every: i32,
    pub quotas: Value,
    pub expert: bool,
}

impl Default for SessionSpec<'_> {
    fn default() -> Self {
        SessionSpec {
            dept: "ORTH",
            doctor: Some("doctor.orth"),
            day: local_today() + Duration::days(3),
            start: "08:00",
            end: "08:50",
            slot_minutes: 5,
            onsite_every: 0,
            quotas: json!({}),
            expert: false,
        }
    }
}

pub async fn user_id(app: &TestApp, username: &str) -> i64 {
    let u = username.to_string();
    app.db(move |conn| {
        use diesel::prelude::*;
        use hcrm_server::db::schema::users;
        hcrm_server::db_run!(conn: { users::table.filter(users::username.eq(&u)).select(users::id).first::<i64>(conn).unwrap() })
    })
    .await
}

/// A template for the spec's weekday, generated for that one day; returns
/// the session id.
pub async fn make_session(app: &TestApp, admin: &str, spec: SessionSpec<'_>) -> i64 {
    let dept = app.department_id("HOSP1", spec.dept).await;
    let doctor = match spec.doctor {
        Some(d) => Some(user_id(app, d).await),
        None => None,
    };
    let t = app
        .post(
            "/api/v1/appointments/templates",
            admin,
            json!({"department_id": dept, "doctor_id": doctor, "title": "测试门诊", "is_expert": spec.expert,
                "weekday": spec.day.weekday().number_from_monday(), "session": "morning", "start_time": spec.start, "end_time": spec.end,
                "slot_minutes": spec.slot_minutes, "onsite_every": spec.onsite_every, "quotas": spec.quotas}),
        )
        .await;
    assert_eq!(t.status, StatusCode::CREATED, "{}", t.body);
    let tid = t.body["id"].as_i64().unwrap();
    let g = app.post("/api/v1/appointments/generate", admin, json!({"from": spec.day, "to": spec.day})).await;
    assert_eq!(g.status, StatusCode::OK, "{}", g.body);
    app.db(move |conn| {
        use diesel::prelude::*;
        use hcrm_server::db::schema::appt_sessions;
        hcrm_server::db_run!(conn: { appt_sessions::table.filter(appt_sessions::template_id.eq(tid)).select(appt_sessions::id).first::<i64>(conn).unwrap() })
    })
    .await
}

pub async fn patients(app: &TestApp, n: usize) -> Vec<i64> {
    let mut out = Vec::new();
    for i in 1..=n {
        out.push(app.patient_id(&format!("A{i:09}")).await);
    }
    out
}

pub async fn book(app: &TestApp, token: &str, session: i64, patient: i64, extra: Value) -> crate::util::Response {
    let mut body = json!({"session_id": session, "patient_id": patient});
    if let Value::Object(m) = extra {
        for (k, v) in m {
            body[k] = v;
        }
    }
    app.post("/api/v1/appointments", token, body).await
}

/// Sets a column of a row to a time in the past (for hold expiry and
/// offers), without waiting.
pub async fn expire_hold(app: &TestApp, appointment: i64) {
    app.db(move |conn| {
        use diesel::prelude::*;
        use hcrm_server::db::schema::{appointments, appt_slots};
        let past = hcrm_server::db::now() - Duration::minutes(1);
        hcrm_server::db_run!(conn: {
            diesel::update(appointments::table.filter(appointments::id.eq(appointment))).set(appointments::hold_until.eq(Some(past))).execute(conn).unwrap();
            diesel::update(appt_slots::table.filter(appt_slots::appointment_id.eq(appointment))).set(appt_slots::hold_until.eq(Some(past))).execute(conn).unwrap();
        })
    })
    .await
}

#[tokio::test]
async fn templates_generate_numbered_slots_and_skip_holidays() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let day = local_today() + Duration::days(4);
    let holiday = day + Duration::days(7);
    let h = app.post("/api/v1/appointments/holidays", &admin, json!({"day": holiday, "name": "院庆"})).await;
    assert_eq!(h.status, StatusCode::CREATED, "{}", h.body);
    let session = make_session(&app, &admin, SessionSpec { day, ..Default::default() }).await;
    let d = app.get(&format!("/api/v1/appointments/sessions/{session}"), &admin).await;
    assert_eq!(d.status, StatusCode::OK, "{}", d.body);
    let slots = d.body["slots"].as_array().unwrap();
    assert_eq!(slots.len(), 10);
    assert_eq!(d.body["session"]["capacity"], 10);
    assert_eq!(d.body["session"]["doctor_name"], "骨科刘医生");
    // 08:00 local (UTC+8) is 00:00 UTC; number 1 is 08:00-08:05.
    assert_eq!(slots[0]["seq"], 1);
    assert_eq!(slots[0]["starts_at"].as_str().unwrap(), format!("{day}T00:00:00Z"));
    assert_eq!(slots[0]["ends_at"].as_str().unwrap(), format!("{day}T00:05:00Z"));
    assert_eq!(slots[9]["seq"], 10);
    // Generating again adds nothing; the holiday a week later is skipped.
    let g = app.post("/api/v1/appointments/generate", &admin, json!({"from": day, "to": holiday})).await;
    assert_eq!(g.status, StatusCode::OK, "{}", g.body);
    assert!(g.body["skipped_holidays"].as_array().unwrap().contains(&json!(holiday)));
    let on_holiday = app.get(&format!("/api/v1/appointments/sessions?from={holiday}&to={holiday}"), &admin).await;
    // (The demo's department sessions were generated before the holiday was set.)
    assert!(
        on_holiday.body.as_array().unwrap().iter().all(|s| s["doctor_name"] != "骨科刘医生"),
        "{}",
        on_holiday.body
    );
    let bad = app
        .post("/api/v1/appointments/templates", &admin, json!({"department_id": 1, "weekday": 8, "session": "morning", "start_time": "08:00", "end_time": "09:00", "slot_minutes": 5}))
        .await;
    assert_eq!((bad.status, bad.body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("weekday")));
}

#[tokio::test]
async fn a_slot_is_never_given_twice_under_concurrent_booking() {
    let app = Arc::new(TestApp::new().await);
    let admin = app.login("admin").await;
    let agent = app.login("agent1").await;
    let session = make_session(&app, &admin, SessionSpec::default()).await;
    let people = patients(&app, 30).await;
    let mut set = tokio::task::JoinSet::new();
    for p in people.iter().copied() {
        let (app, agent) = (app.clone(), agent.clone());
        set.spawn(async move { book(&app, &agent, session, p, json!({"confirm": true})).await });
    }
    let mut ok = Vec::new();
    while let Some(r) = set.join_next().await {
        let r = r.unwrap();
        match r.status {
            StatusCode::CREATED => ok.push(r.body["seq"].as_i64().unwrap()),
            StatusCode::CONFLICT => assert_eq!(r.body["code"], "session_full", "{}", r.body),
            s => panic!("unexpected {s}: {}", r.body),
        }
    }
    ok.sort();
    assert_eq!(ok, (1..=10).collect::<Vec<i64>>());
    let d = app.get(&format!("/api/v1/appointments/sessions/{session}"), &admin).await;
    assert_eq!(d.body["session"]["free"], 0);
}

#[tokio::test]
async fn a_hold_expires_and_the_same_patient_cannot_hold_twice() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let agent = app.login("agent1").await;
    let session = make_session(&app, &admin, SessionSpec::default()).await;
    let p = patients(&app, 2).await;
    let h = book(&app, &agent, session, p[0], json!({})).await;
    assert_eq!(h.status, StatusCode::CREATED, "{}", h.body);
    assert_eq!(
        (h.body["status"].as_str(), h.body["seq"].as_i64(), h.body["channel"].as_str()),
        (Some("held"), Some(1), Some("phone"))
    );
    let again = book(&app, &agent, session, p[0], json!({})).await;
    assert_eq!((again.status, again.body["code"].as_str()), (StatusCode::CONFLICT, Some("duplicate_hold")));
    let slot1 = h.body["slot_id"].as_i64().unwrap();
    let taken = book(&app, &agent, session, p[1], json!({"slot_id": slot1})).await;
    assert_eq!(taken.body["code"], "slot_taken");
    // The hold runs out: confirming fails, the number is free again.
    let id = h.body["id"].as_i64().unwrap();
    expire_hold(&app, id).await;
    let c = app.post(&format!("/api/v1/appointments/{id}/confirm"), &agent, json!({})).await;
    assert_eq!((c.status, c.body["code"].as_str()), (StatusCode::CONFLICT, Some("hold_expired")));
    let other = book(&app, &agent, session, p[1], json!({"slot_id": slot1})).await;
    assert_eq!(other.status, StatusCode::CREATED, "{}", other.body);
    let oid = other.body["id"].as_i64().unwrap();
    let c = app.post(&format!("/api/v1/appointments/{oid}/confirm"), &agent, json!({})).await;
    assert_eq!((c.status, c.body["status"].as_str()), (StatusCode::OK, Some("confirmed")));
    // The first patient may hold again after their hold ran out.
    let again = book(&app, &agent, session, p[0], json!({})).await;
    assert_eq!((again.status, again.body["seq"].as_i64()), (StatusCode::CREATED, Some(2)), "{}", again.body);
}

#[tokio::test]
async fn quotas_and_staggered_on_site_numbers() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let agent = app.login("agent1").await;
    let clerk = app.login("clerk1").await;
    let session =
        make_session(&app, &admin, SessionSpec { onsite_every: 2, quotas: json!({"phone": 3}), ..Default::default() })
            .await;
    let p = patients(&app, 8).await;
    // Phone bookings get the odd numbers; even ones are kept for the window.
    let mut seqs = Vec::new();
    for &patient in &p[..3] {
        let r = book(&app, &agent, session, patient, json!({"confirm": true})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        seqs.push(r.body["seq"].as_i64().unwrap());
    }
    assert_eq!(seqs, vec![1, 3, 5]);
    let over = book(&app, &agent, session, p[3], json!({"confirm": true})).await;
    assert_eq!((over.status, over.body["code"].as_str()), (StatusCode::CONFLICT, Some("quota_exhausted")));
    let w = app
        .post("/api/v1/appointments", &clerk, json!({"session_id": session, "patient_id": p[4], "confirm": true}))
        .await;
    assert_eq!((w.body["seq"].as_i64(), w.body["channel"].as_str()), (Some(2), Some("onsite")), "{}", w.body);
    // An even number asked for by another channel is refused.
    let d = app.get(&format!("/api/v1/appointments/sessions/{session}"), &admin).await;
    let four = d.body["slots"].as_array().unwrap().iter().find(|s| s["seq"] == 4).unwrap()["id"].clone();
    assert_eq!(d.body["slots"][3]["reserved_for"], "onsite");
    let r = book(&app, &admin, session, p[5], json!({"slot_id": four, "channel": "clinic"})).await;
    assert_eq!(r.body["code"], "slot_reserved", "{}", r.body);
}

#[tokio::test]
async fn online_channels_wait_for_the_release_time() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let agent = app.login("agent1").await;
    let doctor = app.login("doctor.orth").await;
    // Ten days ahead: released seven days ahead at 07:00, so not yet.
    let day = local_today() + Duration::days(10);
    let session = make_session(&app, &admin, SessionSpec { day, ..Default::default() }).await;
    let d = app.get(&format!("/api/v1/appointments/sessions/{session}"), &admin).await;
    assert_eq!(d.body["session"]["release_at"].as_str().unwrap(), format!("{}T23:00:00Z", day - Duration::days(8)));
    let p = patients(&app, 3).await;
    let r = book(&app, &agent, session, p[0], json!({})).await;
    assert_eq!((r.status, r.body["code"].as_str()), (StatusCode::CONFLICT, Some("not_released")), "{}", r.body);
    assert!(r.body["detail"].as_str().unwrap().contains("07:00"));
    // The doctor books a revisit in clinic (诊间预约) before release. The
    // patient must be in the doctor's department scope: give them a visit.
    let dept = app.department_id("HOSP1", "ORTH").await;
    let v = app.post(&format!("/api/v1/patients/{}/visits", p[1]), &admin, json!({"visit_no": "V-ORTH-1", "kind": "outpatient", "department_id": dept, "admitted_at": "2026-11-01T08:00:00Z"})).await;
    assert_eq!(v.status, StatusCode::CREATED, "{}", v.body);
    let r = book(&app, &doctor, session, p[1], json!({"confirm": true})).await;
    assert_eq!((r.status, r.body["channel"].as_str()), (StatusCode::CREATED, Some("clinic")), "{}", r.body);
}

#[tokio::test]
async fn cancellation_cutoff_and_atomic_rescheduling() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let agent = app.login("agent1").await;
    let s1 = make_session(&app, &admin, SessionSpec::default()).await;
    let s2 =
        make_session(&app, &admin, SessionSpec { day: local_today() + Duration::days(5), ..Default::default() }).await;
    let p = patients(&app, 3).await;
    let a = book(&app, &agent, s1, p[0], json!({"confirm": true})).await;
    let id = a.body["id"].as_i64().unwrap();
    // Rescheduling to a taken number fails and leaves the booking as it was.
    let taken = book(&app, &agent, s2, p[1], json!({"confirm": true})).await;
    let r = app
        .post(
            &format!("/api/v1/appointments/{id}/reschedule"),
            &agent,
            json!({"session_id": s2, "slot_id": taken.body["slot_id"]}),
        )
        .await;
    assert_eq!(r.body["code"], "slot_taken", "{}", r.body);
    let list = app.get(&format!("/api/v1/appointments?patient_id={}", p[0]), &agent).await;
    assert_eq!(list.body[0]["status"], "confirmed", "{}", list.body);
    let r = app.post(&format!("/api/v1/appointments/{id}/reschedule"), &agent, json!({"session_id": s2})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        (r.body["session_id"].as_i64(), r.body["status"].as_str(), r.body["rescheduled_from"].as_i64()),
        (Some(s2), Some("confirmed"), Some(id))
    );
    let d = app.get(&format!("/api/v1/appointments/sessions/{s1}"), &admin).await;
    assert_eq!(d.body["session"]["free"], 10, "the old number is free again");
    let new_id = r.body["id"].as_i64().unwrap();
    let c = app.post(&format!("/api/v1/appointments/{new_id}/cancel"), &agent, json!({"reason": "患者有事"})).await;
    assert_eq!((c.status, c.body["status"].as_str()), (StatusCode::OK, Some("cancelled")), "{}", c.body);
    let again = app.post(&format!("/api/v1/appointments/{new_id}/cancel"), &agent, json!({})).await;
    assert_eq!(again.body["code"], "not_cancellable");

    // With a cutoff longer than the time left, a confirmed booking stays.
    let strict = TestApp::with_config(|c| c.appointments.cancel_cutoff_minutes = 60 * 24 * 30).await;
    let admin = strict.login("admin").await;
    let agent = strict.login("agent1").await;
    let s = make_session(&strict, &admin, SessionSpec::default()).await;
    let p = patients(&strict, 1).await;
    let a = book(&strict, &agent, s, p[0], json!({"confirm": true})).await;
    let r = strict.post(&format!("/api/v1/appointments/{}/cancel", a.body["id"]), &agent, json!({})).await;
    assert_eq!((r.status, r.body["code"].as_str()), (StatusCode::CONFLICT, Some("cutoff_passed")), "{}", r.body);
}

#[tokio::test]
async fn ward_staff_see_and_book_only_their_department() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let orth = make_session(&app, &admin, SessionSpec::default()).await;
    let card =
        make_session(&app, &admin, SessionSpec { dept: "CARD", doctor: Some("doctor.card"), ..Default::default() })
            .await;
    let doctor = app.login("doctor.card").await;
    assert_eq!(app.get(&format!("/api/v1/appointments/sessions/{orth}"), &doctor).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/api/v1/appointments/sessions/{card}"), &doctor).await.status, StatusCode::OK);
    let day = local_today() + Duration::days(3);
    let listed = app.get(&format!("/api/v1/appointments/sessions?from={day}&to={day}"), &doctor).await;
    assert!(listed.body.as_array().unwrap().iter().all(|s| s["department_name"] == "心血管内科"), "{}", listed.body);
    let p = patients(&app, 1).await[0];
    let r = book(&app, &doctor, orth, p, json!({})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    // Hospital 2 sees nothing of hospital 1.
    let h2 = app.login("h2.agent1").await;
    assert_eq!(app.get(&format!("/api/v1/appointments/sessions/{card}"), &h2).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn service_functions_for_other_modules() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let agent = app.login("agent1").await;
    let session = make_session(&app, &admin, SessionSpec { expert: true, ..Default::default() }).await;
    let p = patients(&app, 1).await[0];
    let dept = app.department_id("HOSP1", "ORTH").await;
    let since = hcrm_server::db::now() - Duration::hours(1);
    let before = app
        .db(move |conn| hcrm_server::appointments::service::has_booking_since(conn, p, Some(dept), since).unwrap())
        .await;
    assert!(!before);
    book(&app, &agent, session, p, json!({"confirm": true})).await;
    let (after, other_dept) = app
        .db(move |conn| {
            (
                hcrm_server::appointments::service::has_booking_since(conn, p, Some(dept), since).unwrap(),
                hcrm_server::appointments::service::has_booking_since(conn, p, Some(dept + 1000), since).unwrap(),
            )
        })
        .await;
    assert!(after && !other_dept);
    let t = app.get("/api/v1/appointments/expert-timetable", &agent).await;
    let rows = t.body.as_array().unwrap();
    assert!(rows.iter().any(|r| r["session_id"] == session && r["free"] == 9), "{}", t.body);
    assert!(rows.iter().all(|r| r["session_id"] != Value::Null));
}

/// Records the matrix test (`matrix.rs`) uses for the booking endpoints.
pub struct MatrixFixture {
    pub session: i64,
    pub suspend_session: i64,
    pub appointment: i64,
    pub notice: i64,
    pub waitlist: i64,
    pub block: i64,
    pub key: i64,
    pub template: i64,
}

pub async fn matrix_fixture(app: &TestApp, patient: i64) -> MatrixFixture {
    let admin = app.login("admin").await;
    let card = |day: i64| SessionSpec {
        dept: "CARD",
        doctor: Some("doctor.card"),
        day: local_today() + Duration::days(day),
        ..Default::default()
    };
    let session = make_session(app, &admin, card(3)).await;
    let notice_session = make_session(app, &admin, card(4)).await;
    let suspend_session = make_session(app, &admin, card(5)).await;
    let a = book(app, &admin, session, patient, json!({"confirm": true})).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    let b = book(app, &admin, notice_session, patient, json!({"confirm": true})).await;
    assert_eq!(b.status, StatusCode::CREATED, "{}", b.body);
    let s = app
        .post(&format!("/api/v1/appointments/sessions/{notice_session}/suspend"), &admin, json!({"reason": "专家外出"}))
        .await;
    assert_eq!(s.status, StatusCode::OK, "{}", s.body);
    let key = app.post("/api/v1/appointments/api-keys", &admin, json!({"name": "官网", "channel": "web"})).await;
    let templates = app.get("/api/v1/appointments/templates", &admin).await;
    let (waitlist, block) = app
        .db(move |conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::{appt_blocks, appt_waitlist, patients};
            let t = hcrm_server::db::now();
            hcrm_server::db_run!(conn: {
                let h: i64 = patients::table.filter(patients::id.eq(patient)).select(patients::hospital_id).first(conn).unwrap();
                let w: i64 = diesel::insert_into(appt_waitlist::table)
                    .values((appt_waitlist::hospital_id.eq(h), appt_waitlist::session_id.eq(suspend_session), appt_waitlist::patient_id.eq(patient),
                        appt_waitlist::channel.eq("phone"), appt_waitlist::status.eq("waiting"), appt_waitlist::created_at.eq(t), appt_waitlist::updated_at.eq(t)))
                    .returning(appt_waitlist::id).get_result(conn).unwrap();
                let b: i64 = diesel::insert_into(appt_blocks::table)
                    .values((appt_blocks::hospital_id.eq(h), appt_blocks::patient_id.eq(patient), appt_blocks::reason.eq("3 no-shows"),
                        appt_blocks::starts_at.eq(t), appt_blocks::ends_at.eq(t + Duration::days(90)), appt_blocks::created_at.eq(t)))
                    .returning(appt_blocks::id).get_result(conn).unwrap();
                (w, b)
            })
        })
        .await;
    MatrixFixture {
        session,
        suspend_session,
        appointment: a.body["id"].as_i64().unwrap(),
        notice: s.body["notices"][0]["id"].as_i64().unwrap(),
        waitlist,
        block,
        key: key.body["id"].as_i64().unwrap(),
        template: templates.body[0]["id"].as_i64().unwrap(),
    }
}

/// The path and body of a booking endpoint for the matrix, or None.
pub fn matrix_request(
    template: &str,
    method: &str,
    f: &MatrixFixture,
    patient: i64,
    role_index: usize,
) -> Option<(String, Option<Value>)> {
    if !template.starts_with("/api/v1/appointments") {
        return None;
    }
    let id = match template {
        t if t.starts_with("/api/v1/appointments/templates/") => f.template,
        "/api/v1/appointments/sessions/{id}/suspend" => f.suspend_session,
        t if t.starts_with("/api/v1/appointments/sessions/") => f.session,
        t if t.starts_with("/api/v1/appointments/notices/") => f.notice,
        t if t.starts_with("/api/v1/appointments/waitlist/") => f.waitlist,
        t if t.starts_with("/api/v1/appointments/blocks/") => f.block,
        t if t.starts_with("/api/v1/appointments/api-keys/") => f.key,
        t if t.starts_with("/api/v1/appointments/patients/") => patient,
        _ => f.appointment,
    };
    let path = template.replace("{id}", &id.to_string());
    let path =
        if path == "/api/v1/appointments" && method == "GET" { format!("{path}?patient_id={patient}") } else { path };
    let day = local_today() + Duration::days(20 + role_index as i64);
    let body = match (method, template) {
        ("POST", "/api/v1/appointments/templates") | ("PATCH", "/api/v1/appointments/templates/{id}") => Some(json!({
            "department_id": 1, "weekday": 1, "session": "evening", "start_time": "18:00", "end_time": "20:00", "slot_minutes": 10})),
        ("POST", "/api/v1/appointments/holidays") => Some(json!({"day": day, "name": "矩阵假日"})),
        ("POST", "/api/v1/appointments/generate") => Some(json!({"from": day, "to": day})),
        ("POST", "/api/v1/appointments") => Some(json!({"session_id": f.session, "patient_id": patient})),
        ("POST", "/api/v1/appointments/waitlist") => Some(json!({"session_id": f.session, "patient_id": patient})),
        ("POST", "/api/v1/appointments/{id}/reschedule") => Some(json!({"session_id": f.session})),
        ("POST", "/api/v1/appointments/{id}/cancel") => Some(json!({"reason": "矩阵"})),
        ("POST", "/api/v1/appointments/sessions/{id}/suspend") => Some(json!({"reason": "矩阵停诊"})),
        ("POST", "/api/v1/appointments/notices/{id}/resolve") => Some(json!({"outcome": "unreachable"})),
        ("POST", "/api/v1/appointments/blocks/{id}/lift") => Some(json!({"reason": "误判"})),
        ("POST", "/api/v1/appointments/api-keys") => {
            Some(json!({"name": format!("矩阵{role_index}"), "channel": "partner"}))
        }
        ("PATCH", "/api/v1/appointments/api-keys/{id}") => Some(json!({"per_minute": 100})),
        (m, _) if m != "GET" => Some(json!({})),
        _ => None,
    };
    Some((path, body))
}
