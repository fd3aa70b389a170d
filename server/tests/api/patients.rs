use axum::http::StatusCode;
use serde_json::json;

use crate::util::TestApp;

async fn create_zhang(app: &TestApp, token: &str) -> i64 {
    let r = app
        .post(
            "/api/v1/patients",
            token,
            json!({"mrn": "T0001", "name": "张三丰", "id_card": "11010519491231002X", "phones": ["+86 138-1234-5678", "0551-62881234"], "tags": ["vip"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    // Identity is derived from the resident ID.
    assert_eq!(r.body["sex"], "female");
    assert_eq!(r.body["birth_date"], "1949-12-31");
    assert_eq!(r.body["id_card_masked"], "110105********002X");
    assert_eq!(r.body["phones_masked"], json!(["138****5678", "055*****1234"]));
    r.body["id"].as_i64().unwrap()
}

#[tokio::test]
async fn search_by_every_key_returns_masked_rows() {
    let app = TestApp::new().await;
    let t = app.login("agent1").await;
    let id = create_zhang(&app, &t).await;
    for q in [
        "张三丰",
        "张三",
        "zsf",
        "ZS",
        "13812345678",
        "１３８１２３４５６７８",
        "11010519491231002x",
        "t0001",
        "055162881234",
    ] {
        let r = app.get(&format!("/api/v1/patients?q={}", urlencode(q)), &t).await;
        assert_eq!(r.status, StatusCode::OK);
        let items = r.body["items"].as_array().unwrap();
        assert!(items.iter().any(|p| p["id"] == id), "search {q} should find the patient: {}", r.body);
        // List views never carry full numbers.
        for p in items {
            assert!(!p.to_string().contains("13812345678"));
            assert!(!p.to_string().contains("11010519491231002X"));
        }
    }
    let none = app.get(&format!("/api/v1/patients?q={}", urlencode("不存在的人")), &t).await;
    assert_eq!(none.body["total"], 0);
    // Paging.
    let page = app.get("/api/v1/patients?per_page=7&page=2", &t).await;
    assert_eq!(page.body["items"].as_array().unwrap().len(), 7);
    assert_eq!(page.body["total"], 31);
    assert_eq!(page.body["page"], 2);
    assert!(app.audit_count("patient.search", None).await >= 11);
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

#[tokio::test]
async fn card_reveal_update_visits_and_contacts_are_audited() {
    let app = TestApp::new().await;
    let t = app.login("agent1").await;
    let id = create_zhang(&app, &t).await;
    assert_eq!(app.audit_count("patient.create", Some(id)).await, 1);

    let card = app.get(&format!("/api/v1/patients/{id}"), &t).await;
    assert_eq!(card.status, StatusCode::OK);
    assert_eq!(card.body["patient"]["name"], "张三丰");
    assert_eq!(app.audit_count("patient.read", Some(id)).await, 1);

    let r = app.post(&format!("/api/v1/patients/{id}/reveal"), &t, json!({"field": "phone"})).await;
    assert_eq!(r.body["values"], json!(["13812345678", "055162881234"]));
    let r = app.post(&format!("/api/v1/patients/{id}/reveal"), &t, json!({"field": "id_card"})).await;
    assert_eq!(r.body["values"], json!(["11010519491231002X"]));
    assert_eq!(app.audit_count("patient.reveal", Some(id)).await, 2);
    // The auditor finds the reveal, with who and from where.
    let auditor = app.login("auditor").await;
    let log = app.get(&format!("/api/v1/audit?action=patient.reveal&patient_id={id}"), &auditor).await;
    let rows = log.body["items"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["username"], "agent1");
    assert_eq!(rows[0]["ip"], "10.1.2.3");

    let r = app
        .patch(
            &format!("/api/v1/patients/{id}"),
            &t,
            json!({"name": "张三", "phones": ["13900001111"], "tags": ["do_not_contact"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    assert_eq!(r.body["phones_masked"], json!(["139****1111"]));
    assert_eq!(r.body["tags"], json!(["do_not_contact"]));
    let by_old_phone = app.get("/api/v1/patients?q=13812345678", &t).await;
    assert_eq!(by_old_phone.body["total"], 0);
    let by_initials = app.get("/api/v1/patients?q=zs", &t).await;
    assert!(by_initials.body["items"].as_array().unwrap().iter().any(|p| p["id"] == id));
    assert_eq!(app.audit_count("patient.update", Some(id)).await, 1);

    let card_dept = app.department_id("HOSP1", "CARD").await;
    let v = app
        .post(
            &format!("/api/v1/patients/{id}/visits"),
            &t,
            json!({"visit_no": "ZY2026001", "kind": "inpatient", "department_id": card_dept, "ward": "心内一病区",
                   "attending_doctor": "张医生", "admitted_at": "2026-11-01T08:00:00Z", "discharged_at": "2026-11-08T10:00:00Z",
                   "diagnoses": [{"code": "I21.9", "name": "急性心肌梗死"}]}),
        )
        .await;
    assert_eq!(v.status, StatusCode::CREATED, "{:?}", v.body);
    assert_eq!(v.body["department_name"], "心血管内科");
    let dup = app
        .post(&format!("/api/v1/patients/{id}/visits"), &t, json!({"visit_no": "ZY2026001", "kind": "inpatient", "department_id": card_dept, "admitted_at": "2026-11-01T08:00:00Z"}))
        .await;
    assert_eq!(dup.status, StatusCode::CONFLICT);
    let backwards = app
        .post(&format!("/api/v1/patients/{id}/visits"), &t, json!({"visit_no": "ZY2", "kind": "inpatient", "department_id": card_dept, "admitted_at": "2026-11-05T08:00:00Z", "discharged_at": "2026-11-01T08:00:00Z"}))
        .await;
    assert_eq!(backwards.body["field"], "discharged_at");

    let c = app
        .post(
            &format!("/api/v1/patients/{id}/contacts"),
            &t,
            json!({"channel": "phone", "direction": "outbound", "summary": "出院回访，恢复良好"}),
        )
        .await;
    assert_eq!(c.status, StatusCode::CREATED);
    let card = app.get(&format!("/api/v1/patients/{id}"), &t).await;
    assert_eq!(card.body["visits"][0]["diagnoses"][0]["code"], "I21.9");
    assert_eq!(card.body["contacts"][0]["summary"], "出院回访，恢复良好");
    assert_eq!(card.body["contacts"][0]["username"], "agent1");
    assert_eq!(card.body["patient"]["department_names"], json!(["心血管内科"]));
}

#[tokio::test]
async fn ward_staff_see_only_their_department() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let doctor = app.login("doctor.card").await;
    let ortho = app.login("doctor.orth").await;
    let id = create_zhang(&app, &agent).await;
    // No visit yet: nobody on a ward sees the patient.
    assert_eq!(app.get(&format!("/api/v1/patients/{id}"), &doctor).await.status, StatusCode::NOT_FOUND);
    let card_dept = app.department_id("HOSP1", "CARD").await;
    app.post(&format!("/api/v1/patients/{id}/visits"), &agent, json!({"visit_no": "V-1", "kind": "inpatient", "department_id": card_dept, "admitted_at": "2026-11-01T08:00:00Z"}))
        .await;
    assert_eq!(app.get(&format!("/api/v1/patients/{id}"), &doctor).await.status, StatusCode::OK);
    assert_eq!(app.get(&format!("/api/v1/patients/{id}"), &ortho).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.post(&format!("/api/v1/patients/{id}/reveal"), &ortho, json!({"field": "phone"})).await.status,
        StatusCode::NOT_FOUND
    );
    let orth_search = app.get("/api/v1/patients?q=T0001", &ortho).await;
    assert_eq!(orth_search.body["total"], 0);
    // Every patient an orthopaedic doctor lists has an orthopaedic visit.
    let list = app.get("/api/v1/patients?per_page=200", &ortho).await;
    let items = list.body["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|p| p["department_names"].as_array().unwrap().contains(&json!("骨科"))));
    // A ward doctor records visits only in their own department.
    let orth_dept = app.department_id("HOSP1", "ORTH").await;
    let r = app
        .post(&format!("/api/v1/patients/{id}/visits"), &doctor, json!({"visit_no": "V-2", "kind": "outpatient", "department_id": orth_dept, "admitted_at": "2026-11-02T08:00:00Z"}))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // The manager's statistics cover cardiology only.
    let manager = app.login("manager.card").await;
    let stats = app.get("/api/v1/stats/discharges?days=366", &manager).await;
    let series = stats.body["series"].as_array().unwrap();
    assert!(series.iter().all(|p| p["department_id"] == card_dept));
}

#[tokio::test]
async fn screen_pop_finds_the_caller_in_any_number_format() {
    let app = TestApp::new().await;
    let t = app.login("agent1").await;
    let id = create_zhang(&app, &t).await;
    for number in ["13812345678", "%2B8613812345678", "013812345678", "0551-62881234"] {
        let r = app.get(&format!("/api/v1/screen-pop?number={number}"), &t).await;
        assert_eq!(r.status, StatusCode::OK);
        let m = r.body["matches"].as_array().unwrap();
        assert_eq!(m.len(), 1, "{number}: {}", r.body);
        assert_eq!(m[0]["patient"]["id"], id);
        assert_eq!(m[0]["patient"]["phones_masked"][0], "138****5678");
        assert!(m[0]["open_items"].is_object());
    }
    let unknown = app.get("/api/v1/screen-pop?number=13700000000", &t).await;
    assert_eq!(unknown.body["matches"], json!([]));
    let bad = app.get("/api/v1/screen-pop?number=abc", &t).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.body["field"], "number");
    assert_eq!(app.audit_count("patient.screen_pop", Some(id)).await, 4);
}

#[tokio::test]
async fn duplicate_mrn_is_a_conflict_naming_the_field() {
    let app = TestApp::new().await;
    let t = app.login("agent1").await;
    create_zhang(&app, &t).await;
    let r = app.post("/api/v1/patients", &t, json!({"mrn": "t0001", "name": "重复"})).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.body["field"], "mrn");
}

#[tokio::test]
async fn discharges_are_counted_on_the_hospitals_local_day() {
    let app = TestApp::new().await;
    let t = app.login("agent1").await;
    let id = create_zhang(&app, &t).await;
    let derm = app
        .post(
            "/api/v1/departments",
            &app.login("admin").await,
            json!({"code": "DERM", "name": "皮肤科", "kind": "clinical"}),
        )
        .await;
    let derm = derm.body["id"].as_i64().unwrap();
    // 20:00 UTC is 04:00 the next morning in China (UTC+8).
    let day = chrono::Utc::now().date_naive() - chrono::Duration::days(3);
    let discharged = format!("{day}T20:00:00Z");
    let admitted = format!("{day}T08:00:00Z");
    let r = app
        .post(&format!("/api/v1/patients/{id}/visits"), &t, json!({"visit_no": "LOCAL-1", "kind": "inpatient", "department_id": derm, "admitted_at": admitted, "discharged_at": discharged}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let stats = app.get("/api/v1/stats/discharges?days=10", &t).await;
    let points: Vec<&serde_json::Value> =
        stats.body["series"].as_array().unwrap().iter().filter(|p| p["department_id"] == derm).collect();
    assert_eq!(points.len(), 1, "{}", stats.body);
    assert_eq!(points[0]["date"], (day + chrono::Duration::days(1)).to_string());
    assert_eq!(points[0]["count"], 1);
}
