//! Feedback tickets (issue 10): routing, statuses, SLA pausing and
//! escalation on a holiday calendar, the anonymous progress page,
//! department scope.

use axum::http::StatusCode;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::{json, Value};

use crate::util::TestApp;

fn utc(v: &Value) -> NaiveDateTime {
    v.as_str().unwrap().parse::<DateTime<Utc>>().unwrap().naive_utc()
}

/// Local (UTC+8) wall time as stored UTC.
fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap() - chrono::Duration::hours(8)
}

fn holiday_app() -> impl FnOnce(&mut hcrm_server::Config) {
    |c| {
        c.feedback.holidays = (1..=7).map(|d| format!("2026-10-0{d}")).collect();
        c.feedback.workdays = vec!["2026-10-10".into()];
    }
}

async fn open(app: &TestApp, token: &str, body: Value) -> Value {
    let r = app.post("/api/v1/feedback/tickets", token, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    r.body
}

async fn status(app: &TestApp, token: &str, id: i64, to: &str) -> StatusCode {
    app.post(&format!("/api/v1/feedback/tickets/{id}/status"), token, json!({"status": to})).await.status
}

#[tokio::test]
async fn routing_twice_keeps_an_append_only_history() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let patient = app.patient_id("A000000001").await;
    let card = app.department_id("HOSP1", "CARD").await;
    let orth = app.department_id("HOSP1", "ORTH").await;
    let call = crate::calls::uuid(901);
    let r = app
        .call(
            axum::http::Method::PUT,
            &format!("/api/v1/calls/{call}"),
            Some(&agent),
            Some(json!({"direction": "inbound", "remote_number": "13812345678", "started_at": "2026-11-20T02:00:00Z"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    let t = open(
        &app,
        &agent,
        json!({"kind": "complaint", "source": "phone", "patient_id": patient, "topic": "服务态度", "content": "护士态度生硬", "call_uuid": call}),
    )
    .await;
    let id = t["id"].as_i64().unwrap();
    assert!(t["number"].as_str().unwrap().starts_with("FK"));
    assert!(t["secret_code"].is_null(), "real-name tickets have no code");
    for (dept, note) in [(card, "请心内科处理"), (orth, "涉及骨科")] {
        let r = app
            .post(&format!("/api/v1/feedback/tickets/{id}/route"), &agent, json!({"department_id": dept, "note": note}))
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{:?}", r.body);
    }
    let r = app.post(&format!("/api/v1/feedback/tickets/{id}/comments"), &agent, json!({"body": "已联系护士长"})).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = app
        .post(
            &format!("/api/v1/feedback/tickets/{id}/replies"),
            &agent,
            json!({"channel": "sms", "body": "您的投诉已转骨科处理"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{:?}", r.body);
    let d = app.get(&format!("/api/v1/feedback/tickets/{id}"), &agent).await;
    assert_eq!(d.status, StatusCode::OK);
    assert_eq!(d.body["ticket"]["department_id"], orth);
    assert_eq!(d.body["ticket"]["status"], "assigned");
    assert!(!d.body["ticket"]["first_responded_at"].is_null(), "a reply is the first response");
    let actions: Vec<&str> =
        d.body["history"].as_array().unwrap().iter().map(|h| h["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["created", "routed", "routed", "comment", "reply"]);
    assert!(d.body["history"][2]["body"].as_str().unwrap().contains("骨科"));
    // The SMS went to the outbox.
    let sms = app.get("/api/v1/sms/messages", &app.login("admin").await).await;
    assert!(sms.body["items"].as_array().unwrap().iter().any(|m| m["body"] == "您的投诉已转骨科处理"));
    // No API changes history; the database refuses it too.
    let refused = app
        .db(move |conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::feedback_history;
            hcrm_server::db_run!(conn: {
                let u = diesel::update(feedback_history::table.filter(feedback_history::ticket_id.eq(id))).set(feedback_history::body.eq("改")).execute(conn);
                let d = diesel::delete(feedback_history::table.filter(feedback_history::ticket_id.eq(id))).execute(conn);
                u.is_err() && d.is_err()
            })
        })
        .await;
    assert!(refused, "feedback_history must be append-only");
}

#[tokio::test]
async fn every_status_change_is_allowed_or_refused() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let card = app.department_id("HOSP1", "CARD").await;
    let id =
        open(&app, &agent, json!({"kind": "suggestion", "source": "letter", "topic": "停车", "content": "停车难"}))
            .await["id"]
            .as_i64()
            .unwrap();
    // new: to assigned needs a department; resolved is not allowed.
    assert_eq!(status(&app, &agent, id, "resolved").await, StatusCode::CONFLICT);
    assert_eq!(status(&app, &agent, id, "assigned").await, StatusCode::CONFLICT);
    assert_eq!(status(&app, &agent, id, "bogus").await, StatusCode::UNPROCESSABLE_ENTITY);
    let steps = [
        ("in_progress", true),
        ("new", false),
        ("waiting_patient", true),
        ("closed", false),
        ("in_progress", true),
        ("resolved", true),
        ("in_progress", false),
        ("reopened", true),
        ("resolved", true),
        ("closed", true),
        ("in_progress", false),
        ("resolved", false),
        ("reopened", true),
        ("in_progress", true),
    ];
    for (to, ok) in steps {
        let s = status(&app, &agent, id, to).await;
        assert_eq!(s, if ok { StatusCode::NO_CONTENT } else { StatusCode::CONFLICT }, "to {to}");
    }
    // Routing moves an open ticket to assigned; a closed one must be reopened first.
    let r = app.post(&format!("/api/v1/feedback/tickets/{id}/route"), &agent, json!({"department_id": card})).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(status(&app, &agent, id, "waiting_patient").await, StatusCode::NO_CONTENT);
    assert_eq!(status(&app, &agent, id, "resolved").await, StatusCode::NO_CONTENT);
    assert_eq!(status(&app, &agent, id, "closed").await, StatusCode::NO_CONTENT);
    let r = app.post(&format!("/api/v1/feedback/tickets/{id}/route"), &agent, json!({"department_id": card})).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(status(&app, &agent, id, "reopened").await, StatusCode::NO_CONTENT);
    assert_eq!(status(&app, &agent, id, "assigned").await, StatusCode::NO_CONTENT);
    let d = app.get(&format!("/api/v1/feedback/tickets/{id}"), &agent).await;
    let statuses: Vec<String> = d.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["to_status"].as_str().map(String::from))
        .collect();
    assert_eq!(statuses.last().unwrap(), "assigned");
    assert!(d.body["ticket"]["closed_at"].is_null(), "reopening clears closed_at");
}

#[tokio::test]
async fn compensation_needs_approval_before_resolution() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let card = app.department_id("HOSP1", "CARD").await;
    let id = open(&app, &agent, json!({"kind": "complaint", "source": "walk_in", "topic": "收费", "content": "多收费", "department_ids": [card]})).await["id"]
        .as_i64()
        .unwrap();
    let r = app
        .post(
            &format!("/api/v1/feedback/tickets/{id}/compensation"),
            &agent,
            json!({"amount_cents": 5000, "reason": "退还多收费用"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(status(&app, &agent, id, "resolved").await, StatusCode::CONFLICT);
    let r = app
        .post(&format!("/api/v1/feedback/tickets/{id}/compensation/decision"), &agent, json!({"approve": true}))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "agents cannot approve");
    let manager = app.login("manager.card").await;
    let r = app
        .post(
            &format!("/api/v1/feedback/tickets/{id}/compensation/decision"),
            &manager,
            json!({"approve": true, "note": "同意"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{:?}", r.body);
    assert_eq!(status(&app, &agent, id, "resolved").await, StatusCode::NO_CONTENT);
    let r = app.post(&format!("/api/v1/feedback/tickets/{id}/satisfaction"), &agent, json!({"score": 4})).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let d = app.get(&format!("/api/v1/feedback/tickets/{id}"), &agent).await;
    assert_eq!(d.body["ticket"]["compensation_status"], "approved");
    assert_eq!(d.body["ticket"]["satisfaction"], 4);
}

#[tokio::test]
async fn praise_goes_to_the_staff_members_department() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let admin = app.login("admin").await;
    let users = app.get("/api/v1/users", &admin).await;
    let nurse =
        users.body.as_array().unwrap().iter().find(|u| u["username"] == "nurse.card").unwrap()["id"].as_i64().unwrap();
    let card = app.department_id("HOSP1", "CARD").await;
    let t = open(
        &app,
        &agent,
        json!({"kind": "praise", "source": "letter", "topic": "表扬", "content": "感谢陈护士", "staff_user_id": nurse}),
    )
    .await;
    let d = app.get(&format!("/api/v1/feedback/tickets/{}", t["id"]), &agent).await;
    assert_eq!(d.body["ticket"]["department_id"], card);
    assert_eq!(d.body["ticket"]["staff_name"], "心内科陈护士");
}

#[tokio::test]
async fn producers_open_one_ticket_per_source_reference() {
    let app = TestApp::new().await;
    let config = app.state.config.clone();
    let (a, b, c) = app
        .db(move |conn| {
            let actor = hcrm_server::audit::Actor {
                user_id: None,
                username: "questionnaire".into(),
                role: "system".into(),
                hospital_id: Some(1),
                ip: String::new(),
            };
            let new = hcrm_server::feedback::NewTicket {
                kind: hcrm_shared::feedback::TicketKind::Complaint,
                source: hcrm_shared::feedback::TicketSource::Questionnaire,
                source_ref: Some("response:55".into()),
                topic: "满意度低".into(),
                content: "问卷评分 1 分".into(),
                ..Default::default()
            };
            let a = hcrm_server::feedback::open_ticket(conn, &config, 1, &actor, &new).unwrap();
            let b = hcrm_server::feedback::open_ticket(conn, &config, 1, &actor, &new).unwrap();
            let other =
                hcrm_server::feedback::NewTicket { source: hcrm_shared::feedback::TicketSource::Evaluator, ..new };
            let c = hcrm_server::feedback::open_ticket(conn, &config, 1, &actor, &other).unwrap();
            (a, b, c)
        })
        .await;
    assert!(a.1 && !b.1 && c.1);
    assert_eq!(a.0, b.0);
    assert_ne!(a.0, c.0);
}

#[tokio::test]
async fn deadlines_and_escalation_run_on_the_holiday_calendar() {
    let app = TestApp::with_config(holiday_app()).await;
    let agent = app.login("agent1").await;
    let card = app.department_id("HOSP1", "CARD").await;
    // A letter received Wednesday 30 September 16:30, the eve of the
    // National Day week. High complaint: first response 60 business minutes.
    let received = local("2026-09-30 16:30");
    let t = open(
        &app,
        &agent,
        json!({"kind": "complaint", "source": "letter", "severity": "high", "topic": "投诉", "content": "信件投诉",
        "department_ids": [card], "received_at": format!("{}Z", received.format("%Y-%m-%dT%H:%M:%S"))}),
    )
    .await;
    let id = t["id"].as_i64().unwrap();
    let d = app.get(&format!("/api/v1/feedback/tickets/{id}"), &agent).await;
    // 60 minutes of work: 16:30-17:30 on 30 September... is exactly the
    // hour, so due at closing time that day.
    assert_eq!(utc(&d.body["ticket"]["first_response_due"]), local("2026-09-30 17:30"));
    // Resolution 900 business minutes (two days of 7.5 h): 1 h on 30 Sep,
    // Oct 1-7 off, 7.5 h on Thu 8 Oct, 6.5 h on Fri 9 Oct → 9 Oct 16:30.
    assert_eq!(utc(&d.body["ticket"]["resolution_due"]), local("2026-10-09 16:30"));

    let config = app.state.config.clone();
    let escalate = |at: NaiveDateTime| {
        let config = config.clone();
        app.db(move |conn| hcrm_server::feedback::escalation::escalate_due(conn, &config, 1, at).unwrap())
    };
    assert!(escalate(local("2026-09-30 17:29")).await.is_empty());
    assert_eq!(level(&app, &agent, id).await, 0);
    // At the deadline minute the department head (manager.card) is told.
    let told = escalate(local("2026-09-30 17:30")).await;
    assert_eq!(told.len(), 1, "the head of cardiology");
    assert_eq!(level(&app, &agent, id).await, 1);
    // The office follows 240 business minutes later: none during the
    // holiday week, so Thursday 8 October 08:00 + 240 → 12:00.
    assert!(escalate(local("2026-10-07 23:59")).await.is_empty());
    assert!(escalate(local("2026-10-08 11:59")).await.is_empty());
    assert_eq!(level(&app, &agent, id).await, 1);
    let told = escalate(local("2026-10-08 12:00")).await;
    assert!(!told.is_empty(), "the office and the administrators");
    assert_eq!(level(&app, &agent, id).await, 2);
    // Again: nothing new.
    assert!(escalate(local("2026-10-09 14:30")).await.is_empty());
    let manager = app.login("manager.card").await;
    let notes = app.get("/api/v1/notifications", &manager).await;
    assert!(notes.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["title"].as_str().unwrap().contains(t["number"].as_str().unwrap())));
    let d = app.get(&format!("/api/v1/feedback/tickets/{id}"), &agent).await;
    assert_eq!(d.body["history"].as_array().unwrap().iter().filter(|h| h["action"] == "escalated").count(), 2);
}

#[tokio::test]
async fn waiting_for_the_patient_pauses_the_clock() {
    let app = TestApp::with_config(holiday_app()).await;
    let agent = app.login("agent1").await;
    let card = app.department_id("HOSP1", "CARD").await;
    let id = open(&app, &agent, json!({"kind": "complaint", "source": "phone", "topic": "投诉", "content": "电话投诉", "department_ids": [card]})).await["id"]
        .as_i64()
        .unwrap();
    assert_eq!(status(&app, &agent, id, "waiting_patient").await, StatusCode::NO_CONTENT);
    // Move the pause back to a known minute: Wednesday 30 September 15:00,
    // with the resolution due that day at 16:00 (one business hour left).
    app.db(move |conn| {
        use diesel::prelude::*;
        use hcrm_server::db::schema::feedback_tickets;
        hcrm_server::db_run!(conn: {
            diesel::update(feedback_tickets::table.filter(feedback_tickets::id.eq(id)))
                .set((feedback_tickets::paused_at.eq(Some(local("2026-09-30 15:00"))), feedback_tickets::resolution_due.eq(local("2026-09-30 16:00"))))
                .execute(conn)
                .unwrap();
        })
    })
    .await;
    // A paused ticket does not escalate, however late.
    let config = app.state.config.clone();
    let c2 = config.clone();
    app.db(move |conn| {
        hcrm_server::feedback::escalation::escalate_due(conn, &c2, 1, local("2026-12-31 12:00")).unwrap()
    })
    .await;
    assert_eq!(level(&app, &agent, id).await, 0);
    let before = hcrm_server::db::now();
    assert_eq!(status(&app, &agent, id, "in_progress").await, StatusCode::NO_CONTENT);
    let after = hcrm_server::db::now();
    let d = app.get(&format!("/api/v1/feedback/tickets/{id}"), &agent).await;
    assert!(d.body["ticket"]["paused_at"].is_null());
    let due = utc(&d.body["ticket"]["resolution_due"]);
    let cal = hcrm_server::feedback::service::calendar(&config);
    // The hour left is counted again from the resumption.
    let lo = cal.resume(local("2026-09-30 16:00"), local("2026-09-30 15:00"), before);
    let hi = cal.resume(local("2026-09-30 16:00"), local("2026-09-30 15:00"), after);
    assert!(lo <= due && due <= hi, "{lo} <= {due} <= {hi}");
    // From the resumption the deadline is one business hour away.
    assert!((cal.business_seconds_between(before, due) - 3600).abs() <= (after - before).num_seconds() + 1);
}

#[tokio::test]
async fn the_anonymous_progress_page_needs_the_code() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let t = open(
        &app,
        &agent,
        json!({"kind": "complaint", "source": "web_form", "anonymous": true, "contact_phone": "13911116666", "topic": "服务态度", "content": "匿名投诉"}),
    )
    .await;
    let (number, code) = (t["number"].as_str().unwrap().to_string(), t["secret_code"].as_str().unwrap().to_string());
    assert_eq!(code.len(), 8);
    let stored = app
        .db(move |conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::feedback_tickets;
            hcrm_server::db_run!(conn: { feedback_tickets::table.filter(feedback_tickets::number.eq(&number)).select(feedback_tickets::secret_hash).first::<Option<String>>(conn).unwrap() })
        })
        .await
        .unwrap();
    assert_ne!(stored, code, "the code is stored hashed");
    let number = t["number"].as_str().unwrap();
    let id = t["id"].as_i64().unwrap();
    app.post(&format!("/api/v1/feedback/tickets/{id}/comments"), &agent, json!({"body": "内部备注：涉及张三"})).await;
    app.post(
        &format!("/api/v1/feedback/tickets/{id}/replies"),
        &agent,
        json!({"channel": "sms", "body": "已核实并改进"}),
    )
    .await;
    let progress = |n: &str, c: &str| {
        app.call(
            axum::http::Method::POST,
            "/api/v1/public/feedback/progress",
            None,
            Some(json!({"number": n, "code": c})),
        )
    };
    let ok = progress(number, &code.to_lowercase()).await;
    assert_eq!(ok.status, StatusCode::OK, "{:?}", ok.body);
    assert_eq!(ok.body["replies"][0]["body"], "已核实并改进");
    assert!(!ok.body.to_string().contains("张三"), "internal comments stay internal");
    let wrong = progress(number, "WRONGCOD").await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    assert!(!wrong.body.to_string().contains("已核实"), "a wrong code shows nothing");
    let unknown = progress("FK00000000000000", &code).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.body["detail"], wrong.body["detail"], "a wrong code and an unknown number look the same");
    // Guessing is limited per address.
    let mut limited = false;
    for _ in 0..12 {
        if progress(number, "WRONGCOD").await.status == StatusCode::TOO_MANY_REQUESTS {
            limited = true;
            break;
        }
    }
    assert!(limited);
}

#[tokio::test]
async fn a_department_sees_only_its_tickets() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let card = app.department_id("HOSP1", "CARD").await;
    let orth = app.department_id("HOSP1", "ORTH").await;
    let id = open(&app, &agent, json!({"kind": "complaint", "source": "phone", "topic": "骨科投诉", "content": "骨科", "department_ids": [orth]})).await["id"]
        .as_i64()
        .unwrap();
    let path = format!("/api/v1/feedback/tickets/{id}");
    let listed = |body: &Value| body["items"].as_array().unwrap().iter().any(|t| t["id"] == id);
    for user in ["doctor.card", "nurse.card", "manager.card", "clerk1"] {
        let tok = app.login(user).await;
        assert_eq!(app.get(&path, &tok).await.status, StatusCode::NOT_FOUND, "{user}");
        assert!(!listed(&app.get("/api/v1/feedback/tickets?per_page=200", &tok).await.body), "{user}");
        let r = app.post(&format!("{path}/comments"), &tok, json!({"body": "x"})).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{user}");
    }
    let orth_doc = app.login("doctor.orth").await;
    assert_eq!(app.get(&path, &orth_doc).await.status, StatusCode::OK);
    assert!(listed(&app.get("/api/v1/feedback/tickets?per_page=200", &orth_doc).await.body));
    // The other hospital's customer service sees nothing.
    let h2 = app.login("h2.agent1").await;
    assert_eq!(app.get(&path, &h2).await.status, StatusCode::NOT_FOUND);
    // Routed to cardiology: now cardiology sees it (and orthopaedics still does).
    app.post(&format!("{path}/route"), &agent, json!({"department_id": card})).await;
    let doc = app.login("doctor.card").await;
    assert_eq!(app.get(&path, &doc).await.status, StatusCode::OK);
    assert_eq!(app.get(&path, &orth_doc).await.status, StatusCode::OK);
}

async fn level(app: &TestApp, token: &str, id: i64) -> i64 {
    app.get(&format!("/api/v1/feedback/tickets/{id}"), token).await.body["ticket"]["escalation_level"].as_i64().unwrap()
}

#[tokio::test]
async fn statistics_count_tickets_and_the_export_holds_the_same_numbers() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let card = app.department_id("HOSP1", "CARD").await;
    let before = app.get("/api/v1/feedback/stats", &agent).await.body;
    let id = open(
        &app,
        &agent,
        json!({"kind": "complaint", "source": "phone", "topic": "停车收费", "content": "x", "department_ids": [card]}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    open(
        &app,
        &agent,
        json!({"kind": "complaint", "source": "phone", "topic": "停车收费", "content": "y", "department_ids": [card]}),
    )
    .await;
    assert_eq!(status(&app, &agent, id, "in_progress").await, StatusCode::NO_CONTENT);
    assert_eq!(status(&app, &agent, id, "resolved").await, StatusCode::NO_CONTENT);
    app.post("/api/v1/inquiries", &agent, json!({"topic": "停车"})).await;
    let s = app.get("/api/v1/feedback/stats", &agent).await;
    assert_eq!(s.status, StatusCode::OK, "{:?}", s.body);
    let s = s.body;
    assert_eq!(s["total"].as_i64().unwrap(), before["total"].as_i64().unwrap() + 2);
    assert_eq!(s["top_complaint_topics"][0], json!({"key": "停车收费", "count": 2}));
    assert_eq!(s["sla"]["resolved_total"].as_i64().unwrap(), before["sla"]["resolved_total"].as_i64().unwrap() + 1);
    assert!(s["top_inquiry_topics"].as_array().unwrap().iter().any(|t| t["key"] == "停车"));
    let praise = s["praise_by_staff"].as_array().unwrap();
    assert_eq!(praise[0]["key"], "心内科陈护士", "the demo praise letter");
    // The export (its cells are checked with calamine by the Playwright spec).
    let r = app.call(axum::http::Method::GET, "/api/v1/feedback/stats/export", Some(&agent), None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.content_type().contains("spreadsheetml"));
    assert_eq!(app.audit_count("feedback.stats_export", None).await, 1);
    // A scoped manager sees only cardiology's tickets.
    let m = app.get("/api/v1/feedback/stats", &app.login("manager.card").await).await.body;
    assert!(m["by_department"].as_array().unwrap().iter().all(|d| d["key"] == "心血管内科"), "{m:?}");
    assert_eq!(
        app.get("/api/v1/feedback/stats?from=2026-12-01&to=2026-11-01", &agent).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}
