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
    /// Feedback tickets: business-hours calendar, SLAs, escalation.
    pub feedback: crate::feedback::config::FeedbackConfig,
    pub evaluations: EvaluationsConfig,
    /// Where call recordings are stored.
    pub recordings: RecordingsConfig,
    /// Appointment booking (预约挂号).
    pub appointments: AppointmentsConfig,
    /// Questionnaire channels: SMS links and kiosks.
    pub surveys: SurveysConfig,
    /// The HL7 v2 (MLLP) intake from the HIS.
    pub hl7: Hl7Config,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RecordingsConfig {
    /// "dir": files under `dir`; "s3": S3-compatible object storage
    /// (`[recordings.s3]`), with uploads in progress staged under `dir`.
    pub store: String,
    pub dir: PathBuf,
    pub s3: S3Config,
    /// Largest recording accepted (bytes).
    pub max_bytes: i64,
    /// Largest upload chunk (one PUT body).
    pub max_chunk_bytes: usize,
    /// How long a play ticket (the audio element's URL) stays valid.
    pub ticket_minutes: i64,
}

impl Default for RecordingsConfig {
    fn default() -> Self {
        RecordingsConfig {
            store: "dir".into(),
            dir: PathBuf::from("data/recordings"),
            max_bytes: 512 * 1024 * 1024,
            max_chunk_bytes: 4 * 1024 * 1024,
            ticket_minutes: 30,
            s3: S3Config::default(),
        }
    }
}

/// An S3-compatible bucket for recordings (MinIO, Ceph RGW, a cloud's
/// object service); path-style URLs, Signature Version 4.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct S3Config {
    /// `https://minio.hospital.local:9000`
    pub endpoint: String,
    pub bucket: String,
    /// Empty: us-east-1 (what MinIO expects unless configured otherwise).
    pub region: String,
    pub access_key: String,
    /// Better given as HCRM_RECORDINGS_S3_SECRET_KEY than in the file.
    pub secret_key: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SurveysConfig {
    /// How long a survey link sent by SMS stays valid.
    pub link_valid_hours: i64,
    /// The address patients open (`https://hcrm.example.org`); the link is
    /// `<public_base_url>/survey/<token>`. Empty: a relative link.
    pub public_base_url: String,
    /// A kiosk with no touch for this long goes back to the start.
    pub kiosk_idle_seconds: u32,
}

impl Default for SurveysConfig {
    fn default() -> Self {
        SurveysConfig { link_valid_hours: 7 * 24, public_base_url: String::new(), kiosk_idle_seconds: 60 }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Hl7Config {
    /// `host:port` of the MLLP listener; empty: no listener.
    pub listen: String,
    /// Hospital (code) that receives messages whose MSH-6 names none.
    pub hospital: String,
    /// Character set of messages without MSH-18 (`UTF-8` or `GB18030`).
    pub default_charset: String,
    /// A larger message is answered AR and dropped.
    pub max_message_bytes: usize,
    /// A connection silent this long (or a message not finished in it) is
    /// closed.
    pub read_timeout_seconds: u64,
    /// Connections served at once; more wait in the accept queue.
    pub max_connections: usize,
}

impl Default for Hl7Config {
    fn default() -> Self {
        Hl7Config {
            listen: String::new(),
            hospital: "HOSP1".into(),
            default_charset: "UTF-8".into(),
            max_message_bytes: 1024 * 1024,
            read_timeout_seconds: 60,
            max_connections: 64,
        }
    }
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
        JobsConfig {
            enabled: true,
            poll_ms: 500,
            concurrency: 8,
            lease_seconds: 120,
            retry_base_seconds: 30,
            retry_max_seconds: 3600,
            max_attempts: 6,
        }
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

/// Window evaluators (窗口测评器): low-rating actions and anomaly alerts.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EvaluationsConfig {
    /// A rating with this score or lower (1..=5, docs/evaluator-protocol.md
    /// §6) sends an SMS to the department's managers and, with a known
    /// patient, opens a callback task.
    pub low_score_threshold: i32,
    /// A device is offline after this long without a forwarded heartbeat.
    pub heartbeat_timeout_seconds: i64,
    /// How often the anomaly check runs (job schedule syntax).
    pub anomaly_schedule: String,
    /// Days of ratings the key statistics look at.
    pub anomaly_days: i64,
    /// Fewer ratings than this at a window: no key statistics.
    pub anomaly_min_samples: i64,
    /// Deviation (in standard deviations of the binomial) from the other
    /// windows' key shares that raises an alert.
    pub anomaly_z: f64,
    /// One key with at least this share of a window's ratings is suspect.
    pub stuck_key_share: f64,
    /// `burst_count` presses within `burst_seconds` at one window.
    pub burst_count: i64,
    pub burst_seconds: i64,
}

impl Default for EvaluationsConfig {
    fn default() -> Self {
        EvaluationsConfig {
            low_score_threshold: 2,
            heartbeat_timeout_seconds: 60,
            anomaly_schedule: "@every 5m".into(),
            anomaly_days: 7,
            anomaly_min_samples: 30,
            anomaly_z: 4.0,
            stuck_key_share: 0.95,
            burst_count: 8,
            burst_seconds: 60,
        }
    }
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

/// Appointment booking rules.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AppointmentsConfig {
    /// Sessions open to online channels this many days before their date...
    pub release_days_ahead: i64,
    /// ...at this local time (HH:MM).
    pub release_time: String,
    /// A hold not confirmed within this many minutes frees its slot.
    pub hold_minutes: i64,
    /// Cancelling (or rescheduling away) closes this many minutes before the slot.
    pub cancel_cutoff_minutes: i64,
    /// No-shows within `no_show_window_days` that block online booking...
    pub no_show_limit: i64,
    pub no_show_window_days: i64,
    /// ...for this many days.
    pub block_days: i64,
    /// A waitlisted patient has this long to accept a freed slot.
    pub waitlist_offer_minutes: i64,
    /// When the day-before reminder SMS goes out (cron, local time).
    pub reminder_schedule: String,
    /// Generated sessions reach this many days ahead.
    pub generate_days_ahead: i64,
}

impl Default for AppointmentsConfig {
    fn default() -> Self {
        AppointmentsConfig {
            release_days_ahead: 7,
            release_time: "07:00".into(),
            hold_minutes: 5,
            cancel_cutoff_minutes: 120,
            no_show_limit: 3,
            no_show_window_days: 90,
            block_days: 90,
            waitlist_offer_minutes: 30,
            reminder_schedule: "0 18 * * *".into(),
            generate_days_ahead: 14,
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
            cors_origins: vec![
                "tauri://localhost".into(),
                "http://tauri.localhost".into(),
                "https://tauri.localhost".into(),
            ],
            jobs: JobsConfig::default(),
            sms: SmsConfig::default(),
            appointments: AppointmentsConfig::default(),
            hl7: Hl7Config::default(),
            surveys: SurveysConfig::default(),
            recordings: RecordingsConfig::default(),
            evaluations: EvaluationsConfig::default(),
            feedback: Default::default(),
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
        if let Some(v) = get("HCRM_RECORDINGS_DIR") {
            self.recordings.dir = PathBuf::from(v);
        }
        if let Some(v) = get("HCRM_RECORDINGS_STORE") {
            self.recordings.store = v;
        }
        if let Some(v) = get("HCRM_RECORDINGS_S3_SECRET_KEY") {
            self.recordings.s3.secret_key = v;
        }
        if let Some(v) = get("HCRM_SMS_QUIET_HOURS") {
            self.sms.quiet_hours = v;
        }
        if let Some(v) = get("HCRM_HL7_LISTEN") {
            self.hl7.listen = v;
        }
        if let Some(v) = get("HCRM_SURVEYS_KIOSK_IDLE_SECONDS") {
            self.surveys.kiosk_idle_seconds = parse("HCRM_SURVEYS_KIOSK_IDLE_SECONDS", v)?;
        }
        if let Some(v) = get("HCRM_SURVEYS_PUBLIC_BASE_URL") {
            self.surveys.public_base_url = v;
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
