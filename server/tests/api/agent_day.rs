//! The agent's working day: "next task" walks the queue forward, overdue
//! is known when read, the screen-pop carries real counts, and search takes
//! a number the way callers give it.

use axum::http::StatusCode;
use diesel::prelude::*;
use hcrm_server::db::schema::{followup_tasks, patient_phones};
use hcrm_server::db_run;
use serde_json::{json, Value};

use crate::util::TestApp;

async fn open_tasks(app: &TestApp, token: &str, query: &str) -> Vec<Value> {
    let r = app.get(&format!("/api/v1/followup/tasks?status=open&per_page=50{query}"), token).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    r.body["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn next_task_walks_the_queue_in_order_and_never_back() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let queue: Vec<i64> = open_tasks(&app, &agent, "").await.iter().map(|t| t["id"].as_i64().unwrap()).collect();
    assert!(queue.len() >= 5, "the demo queue has work: {}", queue.len());
    let steps = (queue.len() - 1).min(10);
    let mut walked = vec![queue[0]];
    for _ in 0..steps {
        let at = *walked.last().unwrap();
        let r = app.get(&format!("/api/v1/followup/tasks/{at}/next"), &agent).await;
        assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
        walked.push(r.body["task_id"].as_i64().expect("a next task"));
    }
    assert_eq!(walked, queue[..=steps].to_vec(), "next follows the list's order: due time, priority, id");
    if queue.len() <= 50 {
        let last = *queue.last().unwrap();
        let r = app.get(&format!("/api/v1/followup/tasks/{last}/next"), &agent).await;
        assert_eq!(r.body["task_id"], Value::Null, "the end of the queue does not wrap round");
    }

    // Mine first: from one of my tasks the walk goes to my next one, and
    // to the rest of my reach only when mine run out.
    let mine: Vec<i64> =
        open_tasks(&app, &agent, "&mine=true").await.iter().map(|t| t["id"].as_i64().unwrap()).collect();
    assert!(!mine.is_empty(), "agent1 has tasks");
    for pair in mine.windows(2) {
        let r = app.get(&format!("/api/v1/followup/tasks/{}/next?mine=true", pair[0]), &agent).await;
        assert_eq!(r.body["task_id"], pair[1]);
    }
    let theirs: i64 = app
        .db(|conn| {
            use hcrm_server::db::schema::hospitals;
            db_run!(conn: {
                followup_tasks::table
                    .filter(followup_tasks::hospital_id.eq_any(hospitals::table.filter(hospitals::code.eq("HOSP2")).select(hospitals::id)))
                    .select(followup_tasks::id)
                    .first(conn)
                    .unwrap()
            })
        })
        .await;
    let r = app.get(&format!("/api/v1/followup/tasks/{theirs}/next"), &agent).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn overdue_is_known_when_read_not_only_after_the_hourly_job() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let task = open_tasks(&app, &agent, "").await[0]["id"].as_i64().unwrap();
    app.db(move |conn| {
        let past = hcrm_server::db::now() - chrono::Duration::hours(1);
        db_run!(conn: {
            diesel::update(followup_tasks::table.find(task))
                .set((followup_tasks::due_until.eq(past), followup_tasks::overdue.eq(false)))
                .execute(conn)
                .unwrap()
        })
    })
    .await;
    let r = app.get(&format!("/api/v1/followup/tasks/{task}"), &agent).await;
    assert_eq!(r.body["task"]["overdue"], true, "{:?}", r.body["task"]);
    let overdue = open_tasks(&app, &agent, "&overdue=true").await;
    assert!(overdue.iter().any(|t| t["id"] == task), "the overdue filter finds it");
}

#[tokio::test]
async fn the_screen_pop_counts_what_is_open_and_search_takes_the_last_four_digits() {
    let app = TestApp::new().await;
    let agent = app.login("agent1").await;
    let first = open_tasks(&app, &agent, "").await[0].clone();
    let patient = first["patient_id"].as_i64().unwrap();
    let number: String = app
        .db(move |conn| {
            db_run!(conn: {
                patient_phones::table.filter(patient_phones::patient_id.eq(patient)).order(patient_phones::position).select(patient_phones::number).first(conn).unwrap()
            })
        })
        .await;
    let r = app
        .post(
            &format!("/api/v1/patients/{patient}/contacts"),
            &agent,
            json!({"channel": "phone", "direction": "outbound", "summary": "已回访，约下周复诊"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);

    let pop = app.get(&format!("/api/v1/screen-pop?number={number}"), &agent).await;
    assert_eq!(pop.status, StatusCode::OK, "{:?}", pop.body);
    let m = pop.body["matches"].as_array().unwrap().iter().find(|m| m["patient"]["id"] == patient).unwrap().clone();
    let items = &m["open_items"];
    let theirs = open_tasks(&app, &agent, &format!("&patient_id={patient}")).await;
    assert_eq!(items["follow_up_tasks"].as_u64().unwrap() as usize, theirs.len(), "{items}");
    let now = chrono::Utc::now();
    let due = theirs
        .iter()
        .find(|t| t["due_from"].as_str().unwrap().parse::<chrono::DateTime<chrono::Utc>>().unwrap() <= now);
    assert_eq!(items["due_task_id"], due.map_or(Value::Null, |t| t["id"].clone()), "{items}");
    assert_eq!(items["last_contact"]["summary"], "已回访，约下周复诊");
    assert_eq!(items["last_contact"]["channel"], "phone");

    // A booked appointment and an open complaint count too.
    let before = (items["appointments"].as_i64().unwrap(), items["complaints"].as_i64().unwrap());
    let r = app
        .post(
            "/api/v1/feedback/tickets",
            &agent,
            json!({"kind": "complaint", "source": "phone", "severity": "normal", "patient_id": patient,
                   "contact_name": "患者", "topic": "候诊时间长", "content": "候诊两个小时"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    let pop = app.get(&format!("/api/v1/screen-pop?number={number}"), &agent).await;
    let m = pop.body["matches"].as_array().unwrap().iter().find(|m| m["patient"]["id"] == patient).unwrap().clone();
    assert_eq!(m["open_items"]["complaints"].as_i64().unwrap(), before.1 + 1);
    assert_eq!(m["open_items"]["appointments"].as_i64().unwrap(), before.0);

    // Callers give the last four digits; the answer is masked.
    let tail = &number[number.len() - 4..];
    let r = app.get(&format!("/api/v1/patients?q={tail}&per_page=200"), &agent).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    let found = r.body["items"].as_array().unwrap();
    assert!(found.iter().any(|p| p["id"] == patient), "found by {tail}");
    assert!(!r.body.to_string().contains(&number), "numbers stay masked");
    assert!(found.iter().all(|p| p["phones_masked"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n.as_str().unwrap().ends_with(tail))));

    // A partial MRN, and a name with initials mixed in.
    let card = app.get(&format!("/api/v1/patients/{patient}"), &agent).await;
    let mrn = card.body["patient"]["mrn"].as_str().unwrap().to_string();
    let r = app.get(&format!("/api/v1/patients?q={}&per_page=200", &mrn[..mrn.len() - 1]), &agent).await;
    assert!(r.body["items"].as_array().unwrap().iter().any(|p| p["id"] == patient), "found by a partial MRN");
    let name = card.body["patient"]["name"].as_str().unwrap().to_string();
    let surname: String = name.chars().take(1).collect();
    let rest = hcrm_server::patients::model::pinyin_initials(&name.chars().skip(1).collect::<String>());
    let q = format!("{surname}{rest}");
    let r = app.get(&format!("/api/v1/patients?q={}&per_page=200", urlencode(&q)), &agent).await;
    assert!(r.body["items"].as_array().unwrap().iter().any(|p| p["id"] == patient), "found by {q}");
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}
