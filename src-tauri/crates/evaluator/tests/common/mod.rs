//! Processes for the end-to-end tests: the real server binary, the
//! simulator on a pseudo-terminal and the headless reader.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const PASSWORD: &str = "Hcrm@2026";
pub const DEVICE: &str = "EV-HOSP1-REG-01";

/// The server binary: `HCRM_SERVER_BIN`, or beside this test's target dir
/// (built on demand).
pub fn server_bin() -> PathBuf {
    if let Ok(p) = std::env::var("HCRM_SERVER_BIN") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let bin = dir.join("hcrm-server");
    static BUILD: std::sync::Once = std::sync::Once::new();
    BUILD.call_once(|| {
        if !bin.exists() {
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let mut args = vec!["build", "--locked", "-p", "hcrm-server", "--bin", "hcrm-server"];
            if dir.ends_with("release") {
                args.push("--release");
            }
            let ok = Command::new(cargo).args(args).status().unwrap();
            assert!(ok.success(), "building hcrm-server");
        }
    });
    bin
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Kills the child on drop, so a failed test leaves nothing running.
pub struct Proc(pub Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub struct Server {
    pub url: String,
    pub port: u16,
    db: String,
    proc: Option<Proc>,
    /// (admin URL, database) to drop afterwards, on PostgreSQL.
    pg: Option<(String, String)>,
}

static PG_COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// A fresh database: a new PostgreSQL database when `HCRM_TEST_DATABASE_URL`
/// names a PostgreSQL server (as the server's own tests do), else SQLite.
fn fresh_database(dir: &Path) -> (String, Option<(String, String)>) {
    use diesel::{Connection, RunQueryDsl};
    match std::env::var("HCRM_TEST_DATABASE_URL") {
        Ok(admin) if admin.starts_with("postgres") => {
            let name = format!(
                "hcrm_evtest_{}_{}",
                std::process::id(),
                PG_COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
            );
            let mut conn = diesel::PgConnection::establish(&admin).expect("connect to the test PostgreSQL server");
            diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut conn).expect("create test database");
            let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin.clone());
            (format!("{base}/{name}"), Some((admin, name)))
        }
        _ => (format!("sqlite://{}", dir.join("server.db").display()), None),
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.proc = None;
        if let Some((admin, name)) = self.pg.take() {
            use diesel::{Connection, RunQueryDsl};
            if let Ok(mut conn) = diesel::PgConnection::establish(&admin) {
                let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn);
            }
        }
    }
}

impl Server {
    /// A fresh database (SQLite, or PostgreSQL with `HCRM_TEST_DATABASE_URL`)
    /// with the demo data, served on a free port.
    pub fn start(dir: &Path) -> Server {
        let (db, pg) = fresh_database(dir);
        let ok = Command::new(server_bin())
            .args(["demo-data", "--patients", "5"])
            .env("HCRM_DATABASE_URL", &db)
            .env("HCRM_ARGON2_MEMORY_KIB", "1024")
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(ok.success());
        let port = free_port();
        let mut s = Server { url: format!("http://127.0.0.1:{port}"), port, db, proc: None, pg };
        s.resume();
        s
    }

    /// Starts (again) on the same port and database.
    pub fn resume(&mut self) {
        let child = Command::new(server_bin())
            .arg("serve")
            .env("HCRM_DATABASE_URL", &self.db)
            .env("HCRM_LISTEN", format!("127.0.0.1:{}", self.port))
            .env("HCRM_ARGON2_MEMORY_KIB", "1024")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        self.proc = Some(Proc(child));
        wait_for("the server to be healthy", Duration::from_secs(60), || {
            std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok().then_some(())
        });
    }

    /// SIGKILL: the server is gone until `resume`.
    pub fn kill(&mut self) {
        self.proc = None;
    }

    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }
}

pub fn wait_for<T>(what: &str, limit: Duration, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// The simulator, driven through its stdin, its output collected.
pub struct Sim {
    pub proc: Proc,
    stdin: ChildStdin,
    pub lines: Arc<Mutex<Vec<String>>>,
}

impl Sim {
    pub fn start(device_id: &str, link: &Path, extra: &[&str]) -> Sim {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hcrm-evaluator-sim"))
            .args(["--device-id", device_id, "--heartbeat-ms", "500", "--retransmit-ms", "300", "--link"])
            .arg(link)
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let lines = collect(child.stdout.take().unwrap());
        let sim = Sim { proc: Proc(child), stdin, lines };
        sim.wait_line("the pty", |l| l.starts_with("SLAVE "));
        sim
    }

    pub fn send(&mut self, cmd: &str) {
        writeln!(self.stdin, "{cmd}").unwrap();
        self.stdin.flush().unwrap();
    }

    pub fn wait_line(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        wait_for(what, Duration::from_secs(60), || self.lines.lock().unwrap().iter().find(|l| pred(l)).cloned())
    }

    pub fn count(&self, prefix: &str) -> usize {
        self.lines.lock().unwrap().iter().filter(|l| l.starts_with(prefix)).count()
    }

    /// Every press so far acknowledged by the reader.
    pub fn wait_all_acked(&mut self) {
        let before = self.count("ALL-ACKED");
        self.send("wait-acked 60000");
        wait_for("every key event to be acknowledged", Duration::from_secs(70), || {
            (self.count("ALL-ACKED") > before).then_some(())
        });
    }
}

fn collect(out: impl std::io::Read + Send + 'static) -> Arc<Mutex<Vec<String>>> {
    let lines = Arc::new(Mutex::new(Vec::new()));
    let l = lines.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            l.lock().unwrap().push(line);
        }
    });
    lines
}

/// The headless reader; its STATUS lines parsed.
pub struct Reader {
    pub proc: Proc,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Reader {
    pub fn start(server: &str, store: &Path, device_id: &str, search: &str) -> Reader {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hcrm-evaluator-reader"))
            .args([
                "--server",
                server,
                "--username",
                "clerk1",
                "--password",
                PASSWORD,
                "--device-id",
                device_id,
                "--search",
                search,
                "--status-ms",
                "100",
                "--store",
            ])
            .arg(store)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = collect(child.stdout.take().unwrap());
        Reader { proc: Proc(child), lines }
    }

    pub fn status(&self) -> serde_json::Value {
        let l = self.lines.lock().unwrap();
        l.iter()
            .rev()
            .find_map(|s| s.strip_prefix("STATUS "))
            .and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or(serde_json::Value::Null)
    }

    pub fn wait_status(&self, what: &str, pred: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
        wait_for(what, Duration::from_secs(60), || {
            let s = self.status();
            pred(&s).then_some(s)
        })
    }

    /// SIGKILL, like pulling the PC's plug.
    pub fn kill(self) {
        drop(self);
    }
}

static TOKENS: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

/// The admin's token (one login per server: logins are rate-limited).
pub async fn admin_token(server: &str) -> String {
    if let Some((_, t)) = TOKENS.lock().unwrap().iter().find(|(s, _)| s == server) {
        return t.clone();
    }
    let c = reqwest::Client::new();
    let t: serde_json::Value = c
        .post(format!("{server}/api/v1/auth/login"))
        .json(&serde_json::json!({"username": "admin", "password": PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = t["token"].as_str().expect("admin login").to_string();
    TOKENS.lock().unwrap().push((server.to_string(), token.clone()));
    token
}

pub async fn get(server: &str, path: &str) -> serde_json::Value {
    let token = admin_token(server).await;
    let c = reqwest::Client::new();
    c.get(format!("{server}{path}")).bearer_auth(token).send().await.unwrap().json().await.unwrap()
}

/// Ratings on the server, as the admin sees them.
pub async fn ratings(server: &str) -> Vec<serde_json::Value> {
    get(server, "/api/v1/evaluations/ratings?per_page=500").await["items"].as_array().cloned().unwrap_or_default()
}

pub async fn wait_ratings(server: &str, n: usize) -> Vec<serde_json::Value> {
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let r = ratings(server).await;
        if r.len() >= n {
            return r;
        }
        assert!(Instant::now() < deadline, "gave up waiting for {n} ratings, have {}", r.len());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
