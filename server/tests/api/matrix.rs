//! Walks every role against every endpoint of the OpenAPI document: a role
//! with the permission gets a success, any other gets 403, and no token gets
//! 401. An endpoint added without a row here fails the test.

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use hcrm_shared::{Permission, Role};
use serde_json::{json, Value};

use crate::util::TestApp;

struct Endpoint {
    method: Method,
    /// The path as the OpenAPI document spells it.
    template: &'static str,
    permission: Option<Permission>,
}

fn endpoints() -> Vec<Endpoint> {
    use Permission::*;
    let e = |method: Method, template, permission| Endpoint { method, template, permission };
    vec![
        e(Method::GET, "/api/v1/auth/me", None),
        e(Method::POST, "/api/v1/auth/password", None),
        e(Method::GET, "/api/v1/departments", None),
        e(Method::POST, "/api/v1/departments", Some(DepartmentManage)),
        e(Method::PATCH, "/api/v1/departments/{id}", Some(DepartmentManage)),
        e(Method::GET, "/api/v1/users", Some(UserManage)),
        e(Method::POST, "/api/v1/users", Some(UserManage)),
        e(Method::PATCH, "/api/v1/users/{id}", Some(UserManage)),
        e(Method::POST, "/api/v1/users/{id}/reset-password", Some(UserManage)),
        e(Method::GET, "/api/v1/patients", Some(PatientRead)),
        e(Method::POST, "/api/v1/patients", Some(PatientWrite)),
        e(Method::GET, "/api/v1/patients/{id}", Some(PatientRead)),
        e(Method::PATCH, "/api/v1/patients/{id}", Some(PatientWrite)),
        e(Method::POST, "/api/v1/patients/{id}/reveal", Some(PatientReveal)),
        e(Method::GET, "/api/v1/patients/{id}/visits", Some(PatientRead)),
        e(Method::POST, "/api/v1/patients/{id}/visits", Some(PatientWrite)),
        e(Method::POST, "/api/v1/patients/{id}/contacts", Some(PatientWrite)),
        e(Method::GET, "/api/v1/screen-pop", Some(ScreenPop)),
        e(Method::GET, "/api/v1/audit", Some(AuditRead)),
        e(Method::GET, "/api/v1/stats/discharges", Some(StatsRead)),
        e(Method::GET, "/api/v1/jobs", Some(JobManage)),
        e(Method::GET, "/api/v1/jobs/{id}", Some(JobManage)),
        e(Method::POST, "/api/v1/jobs/{id}/run-now", Some(JobManage)),
        e(Method::POST, "/api/v1/jobs/{id}/retry", Some(JobManage)),
        e(Method::GET, "/api/v1/sms/templates", Some(SmsSend)),
        e(Method::POST, "/api/v1/sms/templates", Some(SmsManage)),
        e(Method::PATCH, "/api/v1/sms/templates/{id}", Some(SmsManage)),
        e(Method::GET, "/api/v1/sms/messages", Some(SmsSend)),
        e(Method::POST, "/api/v1/sms/messages", Some(SmsSend)),
        e(Method::GET, "/api/v1/sms/messages/{id}", Some(SmsSend)),
        e(Method::POST, "/api/v1/sms/messages/{id}/resend", Some(SmsSend)),
        e(Method::GET, "/api/v1/sms/opt-outs", Some(SmsManage)),
        e(Method::POST, "/api/v1/sms/opt-outs", Some(SmsManage)),
        // Every signed-in user has their own notifications.
        e(Method::GET, "/api/v1/notifications", None),
        e(Method::GET, "/api/v1/notifications/unread-count", None),
        e(Method::POST, "/api/v1/notifications/{id}/read", None),
        e(Method::POST, "/api/v1/notifications/read-all", None),
        e(Method::POST, "/api/v1/notifications", Some(NotificationSend)),
        // Last: it ends the session the other calls use.
        e(Method::POST, "/api/v1/auth/logout", None),
    ]
}

/// Public endpoints: no token is needed, so they sit outside the matrix.
/// (The WebSocket `/api/v1/events` is not in the OpenAPI document; its token
/// check is tested in `notifications.rs`.)
/// `/api/v1/sms/receipts` is the SMS gateway's callback: it proves itself
/// with a shared secret, not a session (tested in `sms.rs`).
const PUBLIC: &[(&str, &str)] = &[("post", "/api/v1/auth/login"), ("post", "/api/v1/sms/receipts")];

#[tokio::test]
async fn the_matrix_covers_every_documented_endpoint() {
    let doc = serde_json::to_value(hcrm_server::openapi::document()).unwrap();
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| item.as_object().unwrap().keys().map(move |m| (m.clone(), path.clone())))
        .collect();
    let mut covered: BTreeSet<(String, String)> =
        endpoints().iter().map(|e| (e.method.as_str().to_lowercase(), e.template.to_string())).collect();
    covered.extend(PUBLIC.iter().map(|(m, p)| (m.to_string(), p.to_string())));
    assert_eq!(documented, covered, "every documented endpoint needs a row in the matrix");
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
}

fn request(e: &Endpoint, f: &Fixture, role: Role) -> (String, Option<Value>) {
    let tag = role.as_str();
    let path = e
        .template
        .replace("{id}", &match e.template {
            t if t.starts_with("/api/v1/patients/") => f.patient.to_string(),
            t if t.starts_with("/api/v1/departments/") => f.department.to_string(),
            "/api/v1/jobs/{id}/retry" => f.dead_job.to_string(),
            t if t.starts_with("/api/v1/jobs/") => f.pending_job.to_string(),
            t if t.starts_with("/api/v1/sms/templates/") => f.sms_template.to_string(),
            "/api/v1/sms/messages/{id}/resend" => f.failed_sms.to_string(),
            t if t.starts_with("/api/v1/sms/messages/") => f.sms_message.to_string(),
            t if t.starts_with("/api/v1/notifications/") => f.notifications.iter().find(|(r, _)| *r == role).map(|(_, id)| id.to_string()).unwrap_or_default(),
            _ => f.target_user.to_string(),
        });
    let path = if path == "/api/v1/screen-pop" { format!("{path}?number=13800000013") } else { path };
    let body = match (e.method.as_str(), e.template) {
        ("POST", "/api/v1/auth/password") => Some(json!({"old_password": "not-it", "new_password": "Whatever#123"})),
        ("POST", "/api/v1/departments") => Some(json!({"code": format!("M-{tag}"), "name": "矩阵科", "kind": "clinical"})),
        ("PATCH", "/api/v1/departments/{id}") => Some(json!({"name": "心血管内科"})),
        ("POST", "/api/v1/users") => Some(json!({"username": format!("m_{tag}"), "display_name": "m", "password": "Matrix#2026", "role": "agent"})),
        ("PATCH", "/api/v1/users/{id}") => Some(json!({"display_name": "改名"})),
        ("POST", "/api/v1/users/{id}/reset-password") => Some(json!({"password": "Reset#2026x"})),
        ("POST", "/api/v1/patients") => Some(json!({"mrn": format!("M{}", tag.to_uppercase()), "name": "矩阵", "phones": ["13911112222"]})),
        ("PATCH", "/api/v1/patients/{id}") => Some(json!({"address": "矩阵路1号"})),
        ("POST", "/api/v1/patients/{id}/reveal") => Some(json!({"field": "phone"})),
        ("POST", "/api/v1/patients/{id}/visits") => Some(json!({
            "visit_no": format!("MV-{tag}"), "kind": "outpatient", "department_id": f.department,
            "admitted_at": "2026-11-01T08:00:00Z"})),
        ("POST", "/api/v1/patients/{id}/contacts") => Some(json!({"channel": "phone", "direction": "outbound", "summary": "回访"})),
        ("POST", "/api/v1/sms/templates") => Some(json!({"code": format!("M-{tag}"), "name": "矩阵", "body": "{{patient_name}}您好"})),
        ("PATCH", "/api/v1/sms/templates/{id}") => Some(json!({"name": "矩阵改名"})),
        ("POST", "/api/v1/sms/messages") => Some(json!({"phone": "13911112222", "body": format!("矩阵 {tag}")})),
        ("POST", "/api/v1/sms/opt-outs") => Some(json!({"phone": "13911113333", "reason": "退订"})),
        ("POST", "/api/v1/notifications") => Some(json!({"role": "agent", "kind": "alert", "title": format!("矩阵 {tag}")})),
        _ => None,
    };
    (path, body)
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
    let target_user = users.body.as_array().unwrap().iter().find(|u| u["username"] == "agent2").unwrap()["id"].as_i64().unwrap();
    let (pending_job, dead_job, notifications) = app
        .db(|conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::{jobs, users};
            use hcrm_server::jobs::store::{enqueue, NewJob};
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
                let m = hcrm_server::notifications::service::Message { kind: "alert".into(), title: "矩阵".into(), body: String::new(), link: None };
                hcrm_server::notifications::service::create(conn, hospital, &[uid], &m, None).unwrap();
                notes.push((role, hcrm_server::notifications::service::latest_id(conn, uid).unwrap()));
            }
            (pending, dead, notes)
        })
        .await;
    let template = app.post("/api/v1/sms/templates", &admin, json!({"code": "MATRIX", "name": "矩阵", "body": "{{patient_name}}您好"})).await;
    assert_eq!(template.status, StatusCode::CREATED, "{:?}", template.body);
    let message = app.post("/api/v1/sms/messages", &admin, json!({"patient_id": patient, "template_id": template.body["id"]})).await;
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
