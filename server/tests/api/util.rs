//! A test app with a fresh database per test: a temporary SQLite file, or,
//! when `HCRM_TEST_DATABASE_URL` names a PostgreSQL server, a new database
//! on it that is dropped afterwards. The same tests run on both.

use std::sync::atomic::{AtomicU32, Ordering};

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use diesel::connection::SimpleConnection;
use diesel::Connection;
use hcrm_server::db::DbConnection;
use hcrm_server::{demo, AppState, Config};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

pub const PASSWORD: &str = demo::DEMO_PASSWORD;

pub struct TestApp {
    pub state: AppState,
    router: axum::Router,
    _dir: tempfile::TempDir,
    pg: Option<(String, String)>,
}

pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Response {
    pub fn content_type(&self) -> &str {
        self.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// The database URL for a fresh test database, and what to drop afterwards.
pub fn fresh_database(dir: &std::path::Path) -> (String, Option<(String, String)>) {
    match std::env::var("HCRM_TEST_DATABASE_URL") {
        Ok(admin) if admin.starts_with("postgres") => {
            let name = format!("hcrm_test_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst));
            let mut conn = diesel::PgConnection::establish(&admin).expect("connect to the test PostgreSQL server");
            conn.batch_execute(&format!("CREATE DATABASE {name}")).expect("create test database");
            let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin.clone());
            (format!("{base}/{name}"), Some((admin, name)))
        }
        _ => (format!("sqlite://{}", dir.join("hcrm.db").display()), None),
    }
}

impl TestApp {
    /// Two demo hospitals with staff of every role and a few patients.
    pub async fn new() -> TestApp {
        Self::with_config(|_| {}).await
    }

    pub async fn with_config(customise: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let (url, pg) = fresh_database(dir.path());
        let mut config = Config { database_url: url, argon2_memory_kib: 1024, db_pool_size: 4, ..Config::default() };
        config.ui_dir = dir.path().join("no-ui");
        config.recordings.dir = dir.path().join("recordings");
        customise(&mut config);
        let state = tokio::task::spawn_blocking(move || {
            let state = AppState::open(config).expect("open test app");
            let mut conn = state.db.get().unwrap();
            demo::load_demo_data(&mut conn, 1024, 30).expect("demo data");
            state
        })
        .await
        .unwrap();
        let router = hcrm_server::router::build(state.clone());
        TestApp { state, router, _dir: dir, pg }
    }

    /// The same app with its state changed (a test double in place of a
    /// store, say); the router is built again over the new state.
    pub fn with_state(mut self, change: impl FnOnce(&mut AppState)) -> TestApp {
        change(&mut self.state);
        self.router = hcrm_server::router::build(self.state.clone());
        self
    }

    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }

    pub async fn db<T: Send + 'static>(&self, f: impl FnOnce(&mut DbConnection) -> T + Send + 'static) -> T {
        let db = self.state.db.clone();
        tokio::task::spawn_blocking(move || f(&mut db.get().unwrap())).await.unwrap()
    }

    pub async fn raw(&self, req: Request<Body>) -> Response {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()))
        };
        Response { status, headers, body }
    }

    pub async fn call(&self, method: Method, path: &str, token: Option<&str>, body: Option<Value>) -> Response {
        let mut req = Request::builder().method(method).uri(path).header("x-forwarded-for", "10.1.2.3");
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let req = match body {
            Some(b) => req.header(header::CONTENT_TYPE, "application/json").body(Body::from(b.to_string())).unwrap(),
            None => req.body(Body::empty()).unwrap(),
        };
        self.raw(req).await
    }

    /// A GET whose body is a file (exports): status, content type, bytes.
    pub async fn get_bytes(&self, path: &str, token: &str) -> (StatusCode, String, Vec<u8>) {
        let req = Request::builder()
            .uri(path)
            .header("x-forwarded-for", "10.1.2.3")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap();
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let ct = res.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        (status, ct, res.into_body().collect().await.unwrap().to_bytes().to_vec())
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Response {
        self.call(Method::POST, path, Some(token), Some(body)).await
    }

    pub async fn patch(&self, path: &str, token: &str, body: Value) -> Response {
        self.call(Method::PATCH, path, Some(token), Some(body)).await
    }

    pub async fn login(&self, username: &str) -> String {
        let r = self
            .call(
                Method::POST,
                "/api/v1/auth/login",
                None,
                Some(serde_json::json!({"username": username, "password": PASSWORD})),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "login {username}: {:?}", r.body);
        r.body["token"].as_str().unwrap().to_string()
    }

    /// Id of a demo patient of hospital 1 ("A...") or 2 ("B...").
    pub async fn patient_id(&self, mrn: &str) -> i64 {
        let mrn = mrn.to_string();
        self.db(move |conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::patients;
            hcrm_server::db_run!(conn: {
                patients::table.filter(patients::mrn.eq(&mrn)).select(patients::id).first::<i64>(conn).unwrap()
            })
        })
        .await
    }

    /// Counts audit rows with this action (and patient, when given).
    pub async fn audit_count(&self, action: &str, patient_id: Option<i64>) -> i64 {
        let action = action.to_string();
        self.db(move |conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::audit_log;
            hcrm_server::db_run!(conn: {
                let mut q = audit_log::table.filter(audit_log::action.eq(&action)).into_boxed();
                if let Some(p) = patient_id {
                    q = q.filter(audit_log::patient_id.eq(p));
                }
                q.count().get_result::<i64>(conn).unwrap()
            })
        })
        .await
    }

    /// The id of a hospital's demo discharge survey (ids run across
    /// hospitals, so tests look it up).
    pub async fn survey_id(&self, hospital_code: &str) -> i64 {
        let h = hospital_code.to_string();
        self.db(move |conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::{hospitals, questionnaires};
            hcrm_server::db_run!(conn: {
                questionnaires::table
                    .filter(questionnaires::hospital_id.eq_any(hospitals::table.filter(hospitals::code.eq(&h)).select(hospitals::id)))
                    .filter(questionnaires::code.eq(hcrm_server::surveys::demo::DISCHARGE_CODE))
                    .select(questionnaires::id)
                    .first::<i64>(conn)
                    .unwrap()
            })
        })
        .await
    }

    pub async fn department_id(&self, hospital_code: &str, code: &str) -> i64 {
        let (h, c) = (hospital_code.to_string(), code.to_string());
        self.db(move |conn| {
            use diesel::prelude::*;
            use hcrm_server::db::schema::{departments, hospitals};
            hcrm_server::db_run!(conn: {
                departments::table
                    .inner_join(hospitals::table)
                    .filter(hospitals::code.eq(&h))
                    .filter(departments::code.eq(&c))
                    .select(departments::id)
                    .first::<i64>(conn)
                    .unwrap()
            })
        })
        .await
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg.take() {
            // The pool may still hold connections; FORCE ends them.
            std::thread::spawn(move || {
                if let Ok(mut conn) = diesel::PgConnection::establish(&admin) {
                    let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
                }
            })
            .join()
            .ok();
        }
    }
}

/// A command from the Python test tools' venv (scripts/lib.sh
/// `ensure_python_tools`): `$<env>`, or `py-venv/bin/<name>` in the target
/// dir. Missing: None (the test skips, loudly), or a panic under
/// scripts/test.sh, which sets HCRM_REQUIRE_PYTHON_TOOLS=1.
pub fn python_tool(name: &str, env: &str, package: &str) -> Option<std::path::PathBuf> {
    let candidates = [
        std::env::var(env).ok().map(std::path::PathBuf::from),
        std::env::var("CARGO_TARGET_DIR").ok().map(|d| std::path::Path::new(&d).join("py-venv/bin").join(name)),
        Some(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/py-venv/bin").join(name)),
    ];
    let found = candidates.into_iter().flatten().find(|p| p.exists());
    if found.is_none() {
        if std::env::var("HCRM_REQUIRE_PYTHON_TOOLS").is_ok_and(|v| v == "1") {
            panic!("{name} (PyPI {package}) is required here; scripts/test.sh installs it with ensure_python_tools");
        }
        eprintln!("\n!!!!! SKIPPED: {name} (PyPI {package}) is not installed; run `source scripts/lib.sh && ensure_python_tools` !!!!!\n");
    }
    found
}
