//! The task store every producer writes through: one task per source key.

use hcrm_server::followup::{create_task, NewTask};

use crate::util::TestApp;

#[tokio::test]
async fn a_producer_that_runs_twice_makes_one_task() {
    let app = TestApp::new().await;
    let patient = app.patient_id("A000000001").await;
    let (first, second) = app
        .db(move |conn| {
            let hospital: i64 = {
                use diesel::prelude::*;
                use hcrm_server::db::schema::patients;
                hcrm_server::db_run!(conn: { patients::table.find(patient).select(patients::hospital_id).first(conn).unwrap() })
            };
            let task = NewTask::callback(hospital, patient, None, "test:1", "回访", "low score");
            (create_task(conn, &task).unwrap(), create_task(conn, &task).unwrap())
        })
        .await;
    assert!(first.1, "the first call creates the task");
    assert_eq!(first.0, second.0, "the second call names the same task");
    assert!(!second.1, "and creates nothing");

    let bad = app
        .db(move |conn| {
            // A kind outside the set cannot be built any more: it fails to parse.
            let _ = (conn, patient);
            "gossip".parse::<hcrm_shared::followup::TaskKind>().unwrap_err().to_string()
        })
        .await;
    assert!(bad.contains("kind") || !bad.is_empty());
}

#[tokio::test]
async fn cancelling_reaches_only_open_tasks_in_scope() {
    use hcrm_server::followup::{cancel_open_tasks, CancelScope};
    let app = TestApp::new().await;
    let patient = app.patient_id("A000000001").await;
    let other = app.patient_id("A000000002").await;
    let cancelled = app
        .db(move |conn| {
            let h = 1;
            let mine = NewTask::callback(h, patient, None, "t:1", "回访", "");
            let theirs = NewTask::callback(h, other, None, "t:2", "回访", "");
            create_task(conn, &mine).unwrap();
            create_task(conn, &theirs).unwrap();
            let first = cancel_open_tasks(
                conn,
                CancelScope::PatientKinds(patient, &[hcrm_shared::followup::TaskKind::Discharge]),
                "readmitted",
            )
            .unwrap();
            let second = cancel_open_tasks(conn, CancelScope::Patient(patient), "deceased").unwrap();
            let again = cancel_open_tasks(conn, CancelScope::Patient(patient), "deceased").unwrap();
            (first, second, again)
        })
        .await;
    assert_eq!(cancelled, (0, 1, 0), "kinds filter, then the patient's one open task, then nothing left");
}
