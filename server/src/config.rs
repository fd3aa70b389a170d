//! Configuration: a TOML file (`--config` or `HCRM_CONFIG`) overlaid by
//! `HCRM_*` environment variables, so packagers ship a file and operators
//! override single values in a systemd drop-in.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `sqlite://path/to/file.db` (or a bare path) or `postgres://...`.
    pub database_url: String,
    pub listen: SocketAddr,
    /// Connections in the pool; SQLite serialises writers anyway.
    pub db_pool_size: u32,
    /// Where the built web UI lives; served at `/` when it exists.
    pub ui_dir: PathBuf,
    /// Absolute lifetime of a session.
    pub session_ttl_minutes: i64,
    /// A session unused for this long expires.
    pub session_idle_minutes: i64,
    /// Failed logins in a row before the account locks.
    pub lockout_threshold: i32,
    pub lockout_minutes: i64,
    /// Login attempts allowed per client address per minute.
    pub login_attempts_per_minute: u32,
    /// argon2id memory cost; lower only in tests.
    pub argon2_memory_kib: u32,
    /// Largest request body accepted.
    pub max_body_bytes: usize,
    /// Origins allowed to call the API from another origin: the desktop
    /// app's webview (`tauri://localhost`, `http://tauri.localhost` on
    /// Windows). The web UI is served same-origin and needs none.
    pub cors_origins: Vec<String>,
    /// The hospital's local time as an offset from UTC (China: 480). Times
    /// are stored in UTC; quiet hours, cron schedules and per-day statistics
    /// are in local time.
    pub utc_offset_minutes: i32,
    /// The durable job runner.
    pub jobs: JobsConfig,
    /// The SMS outbox, its rules and its provider.
    pub sms: SmsConfig,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct JobsConfig {
    /// Run jobs in this instance (`serve` only; several instances may share
    /// one PostgreSQL database).
    pub enabled: bool,
    /// How often an idle runner looks for due jobs; enqueueing in this
    /// instance wakes it at once.
    pub poll_ms: u64,
    /// Jobs run at the same time by one instance.
    pub concurrency: usize,
    /// A claimed job belongs to its instance this long; if the instance dies
    /// the job is claimed again after it. Handlers time out at half of it.
    pub lease_seconds: i64,
    /// Retry back-off: base * 2^(attempt-1), capped.
    pub retry_base_seconds: i64,
    pub retry_max_seconds: i64,
    pub max_attempts: i32,
}

impl Default for JobsConfig {
    fn default() -> Self {
        JobsConfig { enabled: true, poll_ms: 500, concurrency: 8, lease_seconds: 120, retry_base_seconds: 30, retry_max_seconds: 3600, max_attempts: 6 }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SmsConfig {
    /// `none` (messages fail with that reason), `http` or `smpp`.
    pub provider: String,
    /// Local time window with no SMS unless urgent, `HH:MM-HH:MM`; empty or
    /// `off` disables it.
    pub quiet_hours: String,
    /// Messages sent to one number per rolling hour; 0 means no limit.
    pub per_number_per_hour: i64,
    /// Attempts before a message fails for good.
    pub max_attempts: i32,
    pub http: HttpGatewayConfig,
    pub smpp: SmppConfig,
}

impl Default for SmsConfig {
    fn default() -> Self {
        SmsConfig {
            provider: "none".into(),
            quiet_hours: "21:00-08:00".into(),
            per_number_per_hour: 5,
            max_attempts: 5,
            http: HttpGatewayConfig::default(),
            smpp: SmppConfig::default(),
        }
    }
}

/// A generic HTTP SMS gateway. `url`, header values and `body` may use
/// `{{phone}}`, `{{text}}`, `{{idempotency_key}}`, `{{message_id}}`; values are
/// escaped for JSON when `content_type` is JSON and percent-encoded otherwise.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpGatewayConfig {
    pub url: String,
    pub method: String,
    pub headers: std::collections::BTreeMap<String, String>,
    pub content_type: String,
    pub body: String,
    /// A 2xx answer counts as accepted only if its body contains this text
    /// (empty: any 2xx).
    pub success_pattern: String,
    /// JSON pointer to the gateway's message id in the answer, e.g. `/data/msgid`.
    pub message_id_pointer: String,
    pub timeout_ms: u64,
    /// Delivery receipts the gateway posts to `/api/v1/sms/receipts?token=`;
    /// empty disables that endpoint.
    pub receipt_token: String,
    /// JSON pointers into each receipt (the body is one object or an array).
    pub receipt_id_pointer: String,
    pub receipt_status_pointer: String,
    pub receipt_error_pointer: String,
    /// Status values that mean delivered; any other is a failure.
    pub receipt_delivered: Vec<String>,
}

impl Default for HttpGatewayConfig {
    fn default() -> Self {
        HttpGatewayConfig {
            url: String::new(),
            method: "POST".into(),
            headers: Default::default(),
            content_type: "application/json".into(),
            body: r#"{"mobile":"{{phone}}","content":"{{text}}","requestId":"{{idempotency_key}}"}"#.into(),
            success_pattern: String::new(),
            message_id_pointer: String::new(),
            timeout_ms: 10_000,
            receipt_token: String::new(),
            receipt_id_pointer: "/msgid".into(),
            receipt_status_pointer: "/status".into(),
            receipt_error_pointer: "/error".into(),
            receipt_delivered: vec!["DELIVRD".into(), "DELIVERED".into(), "0".into(), "success".into()],
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SmppConfig {
    /// `host:port` of the SMSC.
    pub address: String,
    pub system_id: String,
    pub password: String,
    pub system_type: String,
    /// `transceiver` (receipts on the same connection) or `transmitter`.
    pub bind: String,
    /// Sender: the hospital's service number.
    pub source_addr: String,
    pub enquire_link_seconds: u64,
    /// Waiting for a response longer than this drops the connection.
    pub response_timeout_ms: u64,
    /// Ask the SMSC for delivery receipts.
    pub delivery_receipts: bool,
}

impl Default for SmppConfig {
    fn default() -> Self {
        SmppConfig {
            address: String::new(),
            system_id: String::new(),
            password: String::new(),
            system_type: String::new(),
            bind: "transceiver".into(),
            source_addr: String::new(),
            enquire_link_seconds: 30,
            response_timeout_ms: 10_000,
            delivery_receipts: true,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: "sqlite://data/hcrm.db".into(),
            listen: "127.0.0.1:8080".parse().unwrap(),
            db_pool_size: 8,
            ui_dir: PathBuf::from("ui/dist"),
            session_ttl_minutes: 12 * 60,
            session_idle_minutes: 60,
            lockout_threshold: 5,
            lockout_minutes: 15,
            login_attempts_per_minute: 20,
            argon2_memory_kib: 19 * 1024,
            max_body_bytes: 2 * 1024 * 1024,
            utc_offset_minutes: 480,
            cors_origins: vec!["tauri://localhost".into(), "http://tauri.localhost".into(), "https://tauri.localhost".into()],
            jobs: JobsConfig::default(),
            sms: SmsConfig::default(),
        }
    }
}

impl Config {
    /// Reads the file when given, then applies the environment.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Config> {
        let mut config = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| anyhow::anyhow!("cannot read config {}: {e}", path.display()))?;
                toml::from_str(&text).map_err(|e| anyhow::anyhow!("config {}: {e}", path.display()))?
            }
            None => Config::default(),
        };
        config.apply_env(|k| std::env::var(k).ok())?;
        Ok(config)
    }

    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> anyhow::Result<()> {
        fn parse<T: std::str::FromStr>(key: &str, v: String) -> anyhow::Result<T>
        where
            T::Err: std::fmt::Display,
        {
            v.parse().map_err(|e| anyhow::anyhow!("environment variable {key}={v:?}: {e}"))
        }
        if let Some(v) = get("HCRM_DATABASE_URL") {
            self.database_url = v;
        }
        if let Some(v) = get("HCRM_LISTEN") {
            self.listen = parse("HCRM_LISTEN", v)?;
        }
        if let Some(v) = get("HCRM_DB_POOL_SIZE") {
            self.db_pool_size = parse("HCRM_DB_POOL_SIZE", v)?;
        }
        if let Some(v) = get("HCRM_UI_DIR") {
            self.ui_dir = PathBuf::from(v);
        }
        if let Some(v) = get("HCRM_SESSION_TTL_MINUTES") {
            self.session_ttl_minutes = parse("HCRM_SESSION_TTL_MINUTES", v)?;
        }
        if let Some(v) = get("HCRM_ARGON2_MEMORY_KIB") {
            self.argon2_memory_kib = parse("HCRM_ARGON2_MEMORY_KIB", v)?;
        }
        if let Some(v) = get("HCRM_JOBS_ENABLED") {
            self.jobs.enabled = parse("HCRM_JOBS_ENABLED", v)?;
        }
        if let Some(v) = get("HCRM_JOBS_LEASE_SECONDS") {
            self.jobs.lease_seconds = parse("HCRM_JOBS_LEASE_SECONDS", v)?;
        }
        if let Some(v) = get("HCRM_SMS_PROVIDER") {
            self.sms.provider = v;
        }
        if let Some(v) = get("HCRM_SMS_QUIET_HOURS") {
            self.sms.quiet_hours = v;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_then_environment() {
        let mut c: Config = toml::from_str("database_url = \"sqlite://x.db\"\nlisten = \"0.0.0.0:9000\"").unwrap();
        assert_eq!(c.listen.port(), 9000);
        c.apply_env(|k| (k == "HCRM_LISTEN").then(|| "127.0.0.1:7000".to_string())).unwrap();
        assert_eq!(c.listen.port(), 7000);
        assert_eq!(c.database_url, "sqlite://x.db");
        assert!(c.apply_env(|k| (k == "HCRM_LISTEN").then(|| "nope".to_string())).is_err());
        assert!(toml::from_str::<Config>("unknown_key = 1").is_err());
    }
}

#[cfg(test)]
mod sample {
    /// The packaged sample must stay loadable as the code evolves.
    #[test]
    fn installer_sample_parses() {
        let text = include_str!("../../installers/server/hcrm.toml");
        let c: super::Config = toml::from_str(text).unwrap();
        assert_eq!(c.lockout_threshold, 5);
    }
}
