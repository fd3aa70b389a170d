//! `hcrm-evaluator-reader`: the desktop app's evaluator reader without the
//! window, for counter PCs run headless, tests and the benchmark. Prints a
//! status line as JSON every `--status-ms`.

use std::sync::{Arc, Mutex};

use clap::Parser;
use hcrm_evaluator::{CounterContext, Forwarder, Link, PortSettings, ServerAuth, Shared, Store};

#[derive(Parser, Debug)]
struct Args {
    /// Local store (SQLite).
    #[arg(long)]
    store: std::path::PathBuf,
    /// Server base URL.
    #[arg(long)]
    server: String,
    #[arg(long)]
    username: String,
    #[arg(long, env = "HCRM_EVALUATOR_PASSWORD")]
    password: String,
    #[arg(long)]
    port: Option<String>,
    #[arg(long)]
    device_id: Option<String>,
    /// Candidate ports for --device-id (`dir/prefix*` or paths).
    #[arg(long)]
    search: Vec<String>,
    #[arg(long, default_value_t = 9600)]
    baud: u32,
    #[arg(long)]
    patient_id: Option<i64>,
    /// The clerk's user id (default: the signed-in user's).
    #[arg(long)]
    clerk_id: Option<i64>,
    #[arg(long, default_value_t = 500)]
    status_ms: u64,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let a = Args::parse();
    let settings = PortSettings {
        port: a.port.clone(),
        device_id: a.device_id.clone(),
        search: a.search.clone(),
        baud: a.baud,
        ..PortSettings::default()
    };
    settings.validate().map_err(anyhow::Error::msg)?;
    let base = a.server.trim_end_matches('/').to_string();
    let auth = Arc::new(Mutex::new(ServerAuth {
        base_url: base.clone(),
        token: None,
        username: Some(a.username.clone()),
        password: Some(a.password.clone()),
    }));
    let shared = Shared::default();
    shared.set_context(CounterContext {
        clerk_id: a.clerk_id,
        staff_no: a.username.clone(),
        name: String::new(),
        greeting: "您好，请对我的服务进行评价".into(),
        window: String::new(),
        patient_id: a.patient_id,
    });
    // Who is at the counter: the signed-in user, once the server answers.
    // Until then presses carry no clerk and the server uses the window's.
    {
        let (shared, base, user, password) = (shared.clone(), base.clone(), a.username.clone(), a.password.clone());
        tokio::spawn(async move {
            let client = reqwest::Client::new();
            loop {
                let login = client
                    .post(format!("{base}/api/v1/auth/login"))
                    .json(&serde_json::json!({"username": user, "password": password}))
                    .send()
                    .await;
                if let Ok(r) = login {
                    if let Ok(v) = r.json::<serde_json::Value>().await {
                        if let Some(id) = v["user"]["id"].as_i64() {
                            let mut c = shared.context();
                            c.clerk_id = c.clerk_id.or(Some(id));
                            c.name = v["user"]["display_name"].as_str().unwrap_or_default().to_string();
                            shared.set_context(c);
                            return;
                        }
                    }
                }
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            }
        });
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let link = Link::new(settings, Store::open(&a.store)?, shared.clone(), rx);
    let link_thread = std::thread::spawn(move || link.run());
    let stop = Arc::new(tokio::sync::Notify::new());
    let fwd = tokio::spawn(Forwarder::new(Store::open(&a.store)?, shared.clone(), auth).run(stop.clone()));
    let mut tick = tokio::time::interval(std::time::Duration::from_millis(a.status_ms));
    loop {
        tokio::select! {
            _ = tick.tick() => println!("STATUS {}", serde_json::to_string(&shared.status())?),
            _ = tokio::signal::ctrl_c() => break,
        }
    }
    let _ = tx.send(hcrm_evaluator::Command::Stop);
    stop.notify_one();
    let _ = fwd.await;
    let _ = link_thread.join();
    Ok(())
}
