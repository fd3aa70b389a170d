//! Walks every role against every endpoint of the OpenAPI document: a role
//! with the permission gets a success, any other gets 403, and no token gets
//! 401. The permission is the one the handler's annotation lists in its
//! bearer requirement (`security(("bearer" = ["sms.send"]))`; empty: any
//! signed-in user), so a handler whose `auth.require` disagrees fails here.

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use hcrm_shared::{Permission, Role};
use serde_json::{json, Value};

use crate::util::TestApp;

struct Endpoint {
    method: Method,
    /// The path as the OpenAPI document spells it.
    template: String,
    permission: Option<Permission>,
}

/// Every operation of the document with its access: `None` for a public
/// one (no bearer requirement), else the permission it declares, if any.
fn operations() -> Vec<(Method, String, Option<Option<Permission>>)> {
    let doc = serde_json::to_value(hcrm_server::openapi::document()).unwrap();
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let bearer = op["security"].as_array().into_iter().flatten().find_map(|r| r.get("bearer"));
            let access = bearer.map(|names| {
                let names = names.as_array().unwrap();
                assert!(names.len() <= 1, "{method} {path}: one permission per endpoint, not {names:?}");
                names.first().map(|n| {
                    let n = n.as_str().unwrap();
                    *Permission::ALL
                        .iter()
                        .find(|p| p.as_str() == n)
                        .unwrap_or_else(|| panic!("{method} {path}: no permission {n}"))
                })
            });
            out.push((method, path.clone(), access));
        }
    }
    out
}

/// The endpoints that need a session, in the order they are walked.
fn endpoints() -> Vec<Endpoint> {
    let mut out: Vec<Endpoint> = operations()
        .into_iter()
        .filter_map(|(method, template, access)| access.map(|permission| Endpoint { method, template, permission }))
        .collect();
    out.sort_by_key(|e| (walk_stage(e), e.template.clone(), e.method.to_string()));
    out
}

/// Calls that change what later calls find go after them: an article is
/// submitted before it is reviewed, and logging out ends the session the
/// other calls use.
fn walk_stage(e: &Endpoint) -> u8 {
    match (e.method.as_str(), e.template.as_str()) {
        ("POST", "/api/v1/knowledge/articles/{id}/review") => 1,
        ("POST", "/api/v1/auth/logout") => 2,
        _ => 0,
    }
}

/// Public endpoints: no token is needed, so they sit outside the matrix
/// (their annotations have no bearer requirement).
/// (The WebSocket `/api/v1/events` is not in the OpenAPI document; its token
/// check is tested in `notifications.rs`.)
/// `/api/v1/sms/receipts` is the SMS gateway's callback: it proves itself
/// with a shared secret, not a session (tested in `sms.rs`).
/// The survey form behind an SMS link proves itself with its signed token,
/// a kiosk with its device token (both tested in `surveys.rs`).
/// The public booking API proves itself with an API key (appointments tests).
/// `/api/v1/recordings/stream/{ticket}` is opened by an audio element with a
/// ticket from `.../recording/play` (tested in `calls.rs`). The anonymous
/// feedback progress page proves itself with the ticket's secret code.
const PUBLIC: &[(&str, &str)] = &[
    ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/sms/receipts"),
    ("get", "/api/v1/public/surveys/{token}"),
    ("post", "/api/v1/public/surveys/{token}"),
    ("get", "/api/v1/kiosk/questionnaire"),
    ("post", "/api/v1/kiosk/responses"),
    ("get", "/api/v1/public/sessions"),
    ("get", "/api/v1/public/sessions/{id}"),
    ("post", "/api/v1/public/holds"),
    ("get", "/api/v1/public/appointments/{id}"),
    ("post", "/api/v1/public/appointments/{id}/confirm"),
    ("post", "/api/v1/public/appointments/{id}/cancel"),
    ("get", "/api/v1/recordings/stream/{ticket}"),
    ("post", "/api/v1/public/feedback/progress"),
    ("post", "/api/v1/public/feedback/tickets"),
];

#[tokio::test]
async fn only_the_listed_endpoints_are_public() {
    let public: BTreeSet<(String, String)> = operations()
        .into_iter()
        .filter(|(_, _, access)| access.is_none())
        .map(|(m, p, _)| (m.as_str().to_lowercase(), p))
        .collect();
    let listed: BTreeSet<(String, String)> = PUBLIC.iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
    assert_eq!(public, listed, "an endpoint without a bearer requirement must be listed as public");
}

struct Fixture {
    patient: i64,
    department: i64,
    target_user: i64,
    pending_job: i64,
    dead_job: i64,
    sms_template: i64,
    sms_message: i64,
    failed_sms: i64,
    /// One notification of each role's user.
    notifications: Vec<(Role, i64)>,
    hl7_message: i64,
    /// One previewed import per role (a commit uses it up).
    imports: Vec<(Role, i64)>,
    /// A cardiology follow-up task assigned to doctor.card, its rule, a
    /// plan and a cardiology visit of `patient`.
    followup: crate::followup_matrix::Fixture,
    questionnaire: i64,
    version: i64,
    response: i64,
    staff_survey: i64,
    /// A demo evaluation window.
    evaluation_window: i64,
    /// One feedback ticket per role, in that role's department (issue 10).
    tickets: Vec<(Role, i64)>,
    /// A published demo article and an inpatient workbook (base64).
    article: i64,
    inpatients_xlsx: String,
    appointments: crate::appointments::MatrixFixture,
}

/// Answers valid for the demo discharge survey.
fn survey_answers() -> Value {
    json!({"doctor": 5, "nurse": 4, "explain": "yes", "overall": "s"})
}

/// The call an endpoint is walked with: writes go to a call of the role's
/// own user (each has one with a complete recording), everything else to
/// agent2's call (so playing it needs recording.play).
fn call_uuid(e: &Endpoint, role: Role) -> String {
    let own = e.permission == Some(Permission::CallWrite) && role.has(Permission::CallWrite);
    crate::calls::uuid(if own { 100 + role as u32 } else { 99 })
}

const MATRIX_AUDIO: &[u8] = b"RIFF matrix recording";

fn request(e: &Endpoint, f: &Fixture, role: Role) -> (String, Option<Value>) {
    let tag = role.as_str();
    let index = Role::ALL.iter().position(|r| *r == role).unwrap_or(0);
    if let Some(r) =
        crate::appointments::matrix_request(&e.template, e.method.as_str(), &f.appointments, f.patient, index)
    {
        return r;
    }
    let path = e.template.replace(
        "{id}",
        &match e.template.as_str() {
            t if t.starts_with("/api/v1/patients/") => f.patient.to_string(),
            t if t.starts_with("/api/v1/departments/") => f.department.to_string(),
            "/api/v1/jobs/{id}/retry" => f.dead_job.to_string(),
            t if t.starts_with("/api/v1/jobs/") => f.pending_job.to_string(),
            t if t.starts_with("/api/v1/sms/templates/") => f.sms_template.to_string(),
            "/api/v1/sms/messages/{id}/resend" => f.failed_sms.to_string(),
            t if t.starts_with("/api/v1/sms/messages/") => f.sms_message.to_string(),
            t if t.starts_with("/api/v1/surveys/questionnaires/") => f.questionnaire.to_string(),
            t if t.starts_with("/api/v1/surveys/versions/") => f.version.to_string(),
            t if t.starts_with("/api/v1/surveys/responses/") => f.response.to_string(),
            t if t.starts_with("/api/v1/surveys/staff/") => f.staff_survey.to_string(),
            t if t.starts_with("/api/v1/evaluations/windows/") => f.evaluation_window.to_string(),
            t if t.starts_with("/api/v1/knowledge/articles/") => f.article.to_string(),
            t if t.starts_with("/api/v1/feedback/tickets/") => {
                f.tickets.iter().find(|(r, _)| *r == role).map(|(_, id)| id.to_string()).unwrap_or_default()
            }
            t if t.starts_with("/api/v1/notifications/") => {
                f.notifications.iter().find(|(r, _)| *r == role).map(|(_, id)| id.to_string()).unwrap_or_default()
            }
            t if t.starts_with("/api/v1/hl7/") => f.hl7_message.to_string(),
            t if t.starts_with("/api/v1/imports/") => {
                f.imports.iter().find(|(r, _)| *r == role).map(|(_, id)| id.to_string()).unwrap_or_default()
            }
            t if t.starts_with("/api/v1/followup/") => f.followup.id_for(t),
            _ => f.target_user.to_string(),
        },
    );
    let path = path.replace("{uuid}", &call_uuid(e, role));
    let path = path.replace("{what}", "inpatients");
    let path = match path.as_str() {
        "/api/v1/knowledge/search" | "/api/v1/lookup/search" => format!("{path}?q=%E9%97%A8%E8%AF%8A"),
        _ => path,
    };
    let path = if path == "/api/v1/screen-pop" { format!("{path}?number=13800000013") } else { path };
    let path = if path == "/api/v1/imports/template" { format!("{path}?kind=discharges") } else { path };
    let path = match path.as_str() {
        "/api/v1/screen-pop" => format!("{path}?number=13800000013"),
        "/api/v1/surveys/stats" | "/api/v1/surveys/stats/export" => {
            format!("{path}?questionnaire_id={}", f.questionnaire)
        }
        _ => path,
    };
    let body = match (e.method.as_str(), e.template.as_str()) {
        ("POST", "/api/v1/auth/password") => Some(json!({"old_password": "not-it", "new_password": "Whatever#123"})),
        ("POST", "/api/v1/departments") => {
            Some(json!({"code": format!("M-{tag}"), "name": "矩阵科", "kind": "clinical"}))
        }
        ("PATCH", "/api/v1/departments/{id}") => Some(json!({"name": "心血管内科"})),
        ("POST", "/api/v1/users") => Some(
            json!({"username": format!("m_{tag}"), "display_name": "m", "password": "Matrix#2026", "role": "agent"}),
        ),
        ("PATCH", "/api/v1/users/{id}") => Some(json!({"display_name": "改名"})),
        ("POST", "/api/v1/users/{id}/reset-password") => Some(json!({"password": "Reset#2026x"})),
        ("PUT", "/api/v1/users/{id}/phone") => Some(json!({"phone": "13900139001"})),
        ("POST", "/api/v1/patients") => {
            Some(json!({"mrn": format!("M{}", tag.to_uppercase()), "name": "矩阵", "phones": ["13911112222"]}))
        }
        ("PATCH", "/api/v1/patients/{id}") => Some(json!({"address": "矩阵路1号"})),
        ("POST", "/api/v1/patients/{id}/reveal") => Some(json!({"field": "phone"})),
        ("POST", "/api/v1/patients/{id}/visits") => Some(json!({
            "visit_no": format!("MV-{tag}"), "kind": "outpatient", "department_id": f.department,
            "admitted_at": "2026-11-01T08:00:00Z"})),
        ("POST", "/api/v1/patients/{id}/contacts") => {
            Some(json!({"channel": "phone", "direction": "outbound", "summary": "回访"}))
        }
        ("POST", "/api/v1/sms/templates") => {
            Some(json!({"code": format!("M-{tag}"), "name": "矩阵", "body": "{{patient_name}}您好"}))
        }
        ("PATCH", "/api/v1/sms/templates/{id}") => Some(json!({"name": "矩阵改名"})),
        ("POST", "/api/v1/sms/messages") => Some(json!({"phone": "13911112222", "body": format!("矩阵 {tag}")})),
        ("POST", "/api/v1/sms/opt-outs") => Some(json!({"phone": "13911113333", "reason": "退订"})),
        ("POST", "/api/v1/notifications") => {
            Some(json!({"role": "agent", "kind": "alert", "title": format!("矩阵 {tag}")}))
        }
        ("POST", "/api/v1/imports") => Some(
            json!({"kind": "discharges", "file_name": format!("{tag}.xlsx"), "content_base64": crate::imports::template_base64()}),
        ),
        ("POST", "/api/v1/imports/{id}/commit") => Some(json!({"mode": "good_rows"})),
        (m, t) if t.starts_with("/api/v1/followup/") => f.followup.body(m, t, f.patient, f.department),
        ("POST", "/api/v1/surveys/questionnaires") => {
            Some(json!({"code": format!("M-{tag}"), "name": "矩阵问卷", "template": matrix_template()}))
        }
        ("POST", "/api/v1/surveys/questionnaires/import") => Some(
            json!({"format": "hcrm-questionnaire", "format_version": 1, "code": format!("IMP-{tag}"), "name": "导入", "template": matrix_template()}),
        ),
        ("PUT", "/api/v1/surveys/questionnaires/{id}/draft") => {
            let doc: Value = serde_json::from_str(hcrm_server::surveys::demo::DISCHARGE_JSON).unwrap();
            Some(json!({"template": doc["template"]}))
        }
        ("POST", "/api/v1/surveys/responses") => {
            Some(json!({"questionnaire_id": f.questionnaire, "patient_id": f.patient, "answers": survey_answers()}))
        }
        ("POST", "/api/v1/surveys/links") => {
            Some(json!({"questionnaire_id": f.questionnaire, "patient_id": f.patient, "send_sms": false}))
        }
        ("POST", "/api/v1/surveys/kiosks") => {
            Some(json!({"name": format!("kiosk {tag}"), "questionnaire_id": f.questionnaire}))
        }
        ("POST", "/api/v1/surveys/staff") => {
            Some(json!({"questionnaire_id": f.questionnaire, "title": format!("矩阵 {tag}"), "staff_group": "custom"}))
        }
        ("POST", "/api/v1/surveys/staff/{id}/answer") => Some(json!({"answers": survey_answers()})),
        ("PUT", "/api/v1/calls/{uuid}") => Some(json!({"disposition": "answered"})),
        ("POST", "/api/v1/calls/dial-target") => Some(json!({"patient_id": f.patient, "phone_index": 0})),
        ("POST", "/api/v1/calls/{uuid}/recording") => {
            Some(json!({"size": MATRIX_AUDIO.len(), "sha256": crate::calls::sha_hex(MATRIX_AUDIO)}))
        }
        ("POST", "/api/v1/patients/{id}/phones") => Some(json!({"number": "13911115555"})),
        ("PUT", "/api/v1/agent-state") => Some(json!({"state": "ready"})),
        ("POST", "/api/v1/evaluations/windows") => {
            Some(json!({"code": format!("M-{tag}"), "name": "矩阵窗", "department_id": f.department}))
        }
        ("PATCH", "/api/v1/evaluations/windows/{id}") => Some(json!({"name": "矩阵窗改"})),
        ("POST", "/api/v1/evaluations/ratings") => Some(
            json!({"device_id": "EV-HOSP1-REG-01", "event_seq": tag.len(), "key": 1, "layout": 5, "pressed_at": "2026-11-01T08:00:00Z"}),
        ),
        ("POST", "/api/v1/evaluations/heartbeats") => {
            Some(json!({"device_id": "EV-HOSP1-REG-01", "status": {"frames": 1}}))
        }
        ("POST", "/api/v1/knowledge/articles") => {
            Some(json!({"category": "矩阵", "title": format!("矩阵 {tag}"), "body": "矩阵正文"}))
        }
        ("PUT", "/api/v1/knowledge/articles/{id}") => {
            Some(json!({"category": "门诊服务", "title": "门诊时间", "body": format!("修订 {tag}")}))
        }
        ("POST", "/api/v1/knowledge/articles/{id}/review") => Some(json!({"approve": true})),
        ("POST", "/api/v1/lookup/items") => {
            Some(json!({"kind": "drug", "name": format!("矩阵药 {tag}"), "price": "1元"}))
        }
        ("POST", "/api/v1/lookup/import/{what}") => Some(json!({"file_base64": f.inpatients_xlsx})),
        ("POST", "/api/v1/inquiries") => Some(json!({"topic": "门诊时间"})),
        ("POST", "/api/v1/feedback/tickets") => {
            Some(json!({"kind": "suggestion", "source": "walk_in", "topic": "矩阵", "content": format!("矩阵 {tag}")}))
        }
        ("POST", "/api/v1/feedback/tickets/{id}/route") => Some(json!({"department_id": f.department, "note": "矩阵"})),
        ("POST", "/api/v1/feedback/tickets/{id}/status") => Some(json!({"status": "in_progress"})),
        ("POST", "/api/v1/feedback/tickets/{id}/comments") => Some(json!({"body": "矩阵"})),
        ("POST", "/api/v1/feedback/tickets/{id}/replies") => Some(json!({"channel": "phone", "body": "已电话回复"})),
        ("POST", "/api/v1/feedback/tickets/{id}/satisfaction") => Some(json!({"score": 5})),
        ("POST", "/api/v1/feedback/tickets/{id}/compensation") => Some(json!({"amount_cents": 1000, "reason": "矩阵"})),
        ("POST", "/api/v1/feedback/tickets/{id}/compensation/decision") => Some(json!({"approve": true})),
        _ => None,
    };
    (path, body)
}

fn matrix_template() -> Value {
    json!({"title": "矩阵", "sections": [{"id": "s", "title": "s", "questions": [{"id": "q", "text": "评分", "kind": "rating5"}]}]})
}

#[tokio::test]
async fn every_role_gets_exactly_what_it_should() {
    let app = TestApp::new().await;
    let department = app.department_id("HOSP1", "CARD").await;
    // A patient with a cardiology visit: inside the ward roles' scope.
    let patient = app
        .db(move |conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::visits;
            hcrm_server::db_run!(conn: {
                visits::table.filter(visits::department_id.eq(department)).select(visits::patient_id).first::<i64>(conn).unwrap()
            })
        })
        .await;
    let admin = app.login("admin").await;
    let users = app.get("/api/v1/users", &admin).await;
    let target_user =
        users.body.as_array().unwrap().iter().find(|u| u["username"] == "agent2").unwrap()["id"].as_i64().unwrap();
    let (pending_job, dead_job, notifications) = app
        .db(|conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::{jobs, users};
            use hcrm_server::jobs::service::enqueue;
            use hcrm_server::jobs::NewJob;
            let cfg = hcrm_server::config::JobsConfig::default();
            let hospital: i64 = hcrm_server::db_run!(conn: { users::table.filter(users::username.eq("admin")).select(users::hospital_id).first(conn).unwrap() });
            let later = hcrm_server::db::now() + chrono::Duration::days(1);
            let job = |kind: &str| NewJob { hospital_id: hospital, kind: kind.into(), run_at: Some(later), ..Default::default() };
            let pending = enqueue(conn, &job("matrix.pending"), &cfg, 480).unwrap().id;
            let dead = enqueue(conn, &job("matrix.dead"), &cfg, 480).unwrap().id;
            hcrm_server::db_run!(conn: {
                diesel::update(jobs::table.filter(jobs::id.eq(dead))).set(jobs::status.eq("dead")).execute(conn).unwrap();
            });
            let mut notes = Vec::new();
            for (role, username) in [(Role::Admin, "admin"), (Role::Agent, "agent1"), (Role::Doctor, "doctor.card"), (Role::Nurse, "nurse.card"), (Role::Clerk, "clerk1"), (Role::Manager, "manager.card"), (Role::Auditor, "auditor")] {
                let uid: i64 = hcrm_server::db_run!(conn: { users::table.filter(users::username.eq(username)).select(users::id).first(conn).unwrap() });
                let m = hcrm_server::notifications::model::Message { kind: hcrm_shared::messaging::NotificationKind::Alert, title: "矩阵".into(), body: String::new(), link: None };
                hcrm_server::notifications::service::create(conn, hospital, &[uid], &m, None).unwrap();
                notes.push((role, hcrm_server::notifications::service::latest_id(conn, uid).unwrap()));
            }
            (pending, dead, notes)
        })
        .await;
    let template = app
        .post(
            "/api/v1/sms/templates",
            &admin,
            json!({"code": "MATRIX", "name": "矩阵", "body": "{{patient_name}}您好"}),
        )
        .await;
    assert_eq!(template.status, StatusCode::CREATED, "{:?}", template.body);
    let message = app
        .post("/api/v1/sms/messages", &admin, json!({"patient_id": patient, "template_id": template.body["id"]}))
        .await;
    assert_eq!(message.status, StatusCode::CREATED, "{:?}", message.body);
    let failed = app.post("/api/v1/sms/messages", &admin, json!({"phone": "13911114444", "body": "失败重发"})).await;
    let failed_sms = failed.body["id"].as_i64().unwrap();
    app.db(move |conn| {
        use diesel::prelude::*;
        use hcrm_server::db::schema::sms_messages;
        hcrm_server::db_run!(conn: {
            diesel::update(sms_messages::table.filter(sms_messages::id.eq(failed_sms))).set(sms_messages::status.eq("failed")).execute(conn).unwrap();
        })
    })
    .await;
    let questionnaire = app
        .db(|conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::hospitals;
            let hospital: i64 = hcrm_server::db_run!(conn: { hospitals::table.filter(hospitals::code.eq("HOSP1")).select(hospitals::id).first(conn).unwrap() });
            hcrm_server::surveys::demo::ensure_discharge_survey(conn, hospital).unwrap()
        })
        .await;
    let q = app.get(&format!("/api/v1/surveys/questionnaires/{questionnaire}"), &admin).await;
    let version = q.body["current_version_id"].as_i64().unwrap();
    let r = app
        .post(
            "/api/v1/surveys/responses",
            &admin,
            json!({"questionnaire_id": questionnaire, "patient_id": patient, "answers": survey_answers()}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    let staff = app
        .post(
            "/api/v1/surveys/staff",
            &admin,
            json!({"questionnaire_id": questionnaire, "title": "全员", "staff_group": "custom"}),
        )
        .await;
    assert_eq!(staff.status, StatusCode::CREATED, "{:?}", staff.body);
    // Every role that makes calls has one with a complete recording; agent2
    // has the one the others read and play.
    for (username, n) in [
        ("admin", 100 + Role::Admin as u32),
        ("agent1", 100 + Role::Agent as u32),
        ("doctor.card", 100 + Role::Doctor as u32),
        ("nurse.card", 100 + Role::Nurse as u32),
        ("agent2", 99),
    ] {
        let t = app.login(username).await;
        crate::calls::recorded_call(&app, &t, &crate::calls::uuid(n), patient, MATRIX_AUDIO).await;
    }
    let fixture = Fixture {
        patient,
        department,
        target_user,
        pending_job,
        dead_job,
        sms_template: template.body["id"].as_i64().unwrap(),
        sms_message: message.body["id"].as_i64().unwrap(),
        failed_sms,
        notifications,
        hl7_message: crate::hl7_inbox::matrix_message(&app).await,
        imports: crate::imports::matrix_batches(&app).await,
        followup: crate::followup_matrix::Fixture::make(&app, &admin, patient, department).await,
        questionnaire,
        version,
        response: r.body["id"].as_i64().unwrap(),
        staff_survey: staff.body["id"].as_i64().unwrap(),
        appointments: crate::appointments::matrix_fixture(&app, patient).await,
        evaluation_window: app
            .db(|conn| {
                use diesel::prelude::*;
                use hcrm_server::db::schema::evaluation_windows;
                hcrm_server::db_run!(conn: { evaluation_windows::table.filter(evaluation_windows::code.eq("REG-01")).select(evaluation_windows::id).first::<i64>(conn).unwrap() })
            })
            .await,
        tickets: matrix_tickets(&app, department).await,
        article: app.get("/api/v1/knowledge/articles", &admin).await.body[0]["id"].as_i64().unwrap(),
        inpatients_xlsx: crate::knowledge::inpatients_workbook(&[["心血管内科", "Z001", "矩阵", "12", "2026-11-01", "高血压"]]),
    };
    let usernames = [
        (Role::Admin, "admin"),
        (Role::Agent, "agent1"),
        (Role::Doctor, "doctor.card"),
        (Role::Nurse, "nurse.card"),
        (Role::Clerk, "clerk1"),
        (Role::Manager, "manager.card"),
        (Role::Auditor, "auditor"),
    ];
    let mut failures = Vec::new();
    for (role, username) in usernames {
        let token = app.login(username).await;
        for e in endpoints() {
            let (path, body) = request(&e, &fixture, role);
            let allowed = e.permission.is_none_or(|p| role.has(p));
            let r = app.call(e.method.clone(), &path, Some(&token), body.clone()).await;
            let ok = if allowed {
                // A wrong old password is a validation error, not a denial.
                r.status.is_success() || (e.template == "/api/v1/auth/password" && r.status == StatusCode::UNPROCESSABLE_ENTITY)
                    // A booking rule refusing (taken, already cancelled) comes after the permission check.
                    || (e.template.starts_with("/api/v1/appointments") && r.status == StatusCode::CONFLICT)
            } else {
                r.status == StatusCode::FORBIDDEN && r.body["code"] == "forbidden"
            };
            if !ok {
                failures.push(format!("{role} {} {path}: {} {}", e.method, r.status, r.body));
            }
            let anonymous = app.call(e.method.clone(), &path, None, body).await;
            if anonymous.status != StatusCode::UNAUTHORIZED {
                failures.push(format!("no token {} {path}: {}", e.method, anonymous.status));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// One ticket per role, concerning that role's department (CARD for the
/// roles without one), so department-scoped roles can reach theirs.
async fn matrix_tickets(app: &TestApp, department: i64) -> Vec<(Role, i64)> {
    let config = app.state.config.clone();
    app.db(move |conn| {
        use diesel::prelude::*;
        use hcrm_server::db::schema::users;
        let mut out = Vec::new();
        for (role, username) in [(Role::Admin, "admin"), (Role::Agent, "agent1"), (Role::Doctor, "doctor.card"), (Role::Nurse, "nurse.card"), (Role::Clerk, "clerk1"), (Role::Manager, "manager.card"), (Role::Auditor, "auditor")] {
            let (hospital, dept): (i64, Option<i64>) = hcrm_server::db_run!(conn: {
                users::table.filter(users::username.eq(username)).select((users::hospital_id, users::department_id)).first(conn).unwrap()
            });
            let actor = hcrm_server::audit::Actor { user_id: None, username: "matrix".into(), role: "system".into(), hospital_id: Some(hospital), ip: String::new() };
            let new = hcrm_server::feedback::NewTicket {
                kind: hcrm_shared::feedback::TicketKind::Complaint,
                source: hcrm_shared::feedback::TicketSource::Phone,
                topic: format!("矩阵 {role}"),
                content: "矩阵".into(),
                contact_phone: Some("13911115555".into()),
                department_ids: vec![dept.unwrap_or(department)],
                ..Default::default()
            };
            out.push((role, hcrm_server::feedback::open_ticket(conn, &config, hospital, &actor, &new).unwrap().0));
        }
        out
    })
    .await
}
