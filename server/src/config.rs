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
            cors_origins: vec!["tauri://localhost".into(), "http://tauri.localhost".into(), "https://tauri.localhost".into()],
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
