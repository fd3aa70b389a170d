//! The follow-up part of the role x endpoint matrix: a fixture every role
//! with the permission can act on, and the request bodies.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::util::TestApp;

pub struct Fixture {
    task: i64,
    rule: i64,
    plan: i64,
    visit: i64,
    doctor: i64,
}

impl Fixture {
    /// A cardiology discharge task assigned to doctor.card, so every role
    /// with follow-up work reaches it (doctors see only their own).
    pub async fn make(app: &TestApp, admin: &str, patient: i64, department: i64) -> Fixture {
        let doctor = app
            .get("/api/v1/users", admin)
            .await
            .body
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["username"] == "doctor.card")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let task = app
            .db(move |conn| {
                let mut t = hcrm_server::followup::NewTask::callback(
                    1,
                    patient,
                    Some(department),
                    "matrix:task",
                    "矩阵随访",
                    "",
                );
                t.kind = hcrm_shared::followup::TaskKind::Discharge;
                t.assignee_id = Some(doctor);
                t.max_attempts = 10;
                hcrm_server::followup::create_task(conn, &t).unwrap().0
            })
            .await;
        let rule = app
            .post(
                "/api/v1/followup/rules",
                admin,
                json!({"name": "矩阵规则", "department_id": department, "rounds": [{"from_day": 3, "to_day": 10}]}),
            )
            .await;
        assert_eq!(rule.status, StatusCode::CREATED, "{:?}", rule.body);
        let plan = app
            .post("/api/v1/followup/plans", admin, json!({"name": "矩阵计划", "department_id": department, "first_date": "2026-12-01", "interval_days": 30, "round_count": 2, "rounds": [{"channel": "phone"}]}))
            .await;
        assert_eq!(plan.status, StatusCode::CREATED, "{:?}", plan.body);
        let visit = app
            .get(&format!("/api/v1/patients/{patient}/visits"), admin)
            .await
            .body
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["department_id"] == department)
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        Fixture {
            task,
            rule: rule.body["id"].as_i64().unwrap(),
            plan: plan.body["id"].as_i64().unwrap(),
            visit,
            doctor,
        }
    }

    pub fn id_for(&self, template: &str) -> String {
        match template {
            t if t.starts_with("/api/v1/followup/tasks/") => self.task,
            t if t.starts_with("/api/v1/followup/rules/") => self.rule,
            t if t.starts_with("/api/v1/followup/plans/") => self.plan,
            t if t.starts_with("/api/v1/followup/visits/") => self.visit,
            _ => 0,
        }
        .to_string()
    }

    pub fn body(&self, method: &str, template: &str, patient: i64, department: i64) -> Option<Value> {
        let rule = json!({"name": "矩阵规则", "department_id": department, "icd_codes": "I", "rounds": [{"from_day": 3, "to_day": 10}]});
        match (method, template) {
            ("PUT", "/api/v1/followup/settings") => Some(
                json!({"mode": "centralised", "max_attempts": 3, "retry_interval_hours": 24, "spot_check_percent": 0, "spot_check_questionnaire_id": null, "revisit_grace_days": 7}),
            ),
            ("POST", "/api/v1/followup/tasks/{id}/outcome") => {
                Some(json!({"outcome": "call_back", "callback_at": "2030-01-01T08:00:00Z"}))
            }
            ("POST", "/api/v1/followup/tasks/{id}/assign") => Some(json!({"user_id": self.doctor})),
            ("POST", "/api/v1/followup/assign") => {
                Some(json!({"strategy": "count", "user_ids": [self.doctor], "kind": "research"}))
            }
            ("POST", "/api/v1/followup/rules") | ("PUT", "/api/v1/followup/rules/{id}") => Some(rule),
            ("POST", "/api/v1/followup/plans") => Some(
                json!({"name": "矩阵计划", "department_id": department, "first_date": "2026-12-01", "interval_days": 30, "round_count": 2, "rounds": [{"channel": "phone"}]}),
            ),
            ("POST", "/api/v1/followup/plans/{id}/patients") => Some(json!({"patient_ids": [patient]})),
            ("POST", "/api/v1/followup/visits/{id}/flag") => Some(json!({})),
            ("POST", "/api/v1/followup/revisits") => {
                Some(json!({"patient_id": patient, "department_id": department, "due_date": "2026-12-20"}))
            }
            ("POST", "/api/v1/followup/generate") => Some(json!({})),
            _ => None,
        }
    }
}
