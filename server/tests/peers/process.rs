//! The real `hcrm-server` binary as a child process, configured by a TOML
//! file the test writes, for kill and multi-instance tests.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A config file with fast job polling, a short lease and the HTTP gateway.
pub fn write_config(dir: &Path, name: &str, gateway_url: &str, lease_seconds: i64) -> PathBuf {
    let path = dir.join(name);
    let text = format!(
        r#"argon2_memory_kib = 1024

[jobs]
poll_ms = 50
concurrency = 8
lease_seconds = {lease_seconds}
retry_base_seconds = 0

[sms]
provider = "http"
quiet_hours = "off"
per_number_per_hour = 0

[sms.http]
url = "{gateway_url}"
success_pattern = '"code":0'
message_id_pointer = "/data/msgid"
timeout_ms = 5000
[sms.http.headers]
"X-Api-Key" = "test-key"
"#
    );
    std::fs::write(&path, text).unwrap();
    path
}

pub fn spawn_server(bin: &str, config: &Path, url: &str, port: u16) -> Child {
    Command::new(bin)
        .arg("--config")
        .arg(config)
        .arg("serve")
        .env("HCRM_DATABASE_URL", url)
        .env("HCRM_LISTEN", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start hcrm-server")
}

pub async fn wait_healthy(port: u16) {
    let client = reqwest::Client::new();
    for _ in 0..400 {
        if let Ok(r) = client.get(format!("http://127.0.0.1:{port}/healthz")).send().await {
            if r.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("server on port {port} never became healthy");
}

/// Demo hospitals and users in a fresh database, through the binary.
pub fn load_demo(bin: &str, url: &str) {
    let status = Command::new(bin)
        .args(["demo-data", "--patients", "5"])
        .env("HCRM_DATABASE_URL", url)
        .env("HCRM_ARGON2_MEMORY_KIB", "1024")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
}
