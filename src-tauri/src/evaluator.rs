//! Counter mode: the window evaluator reader (crate `hcrm-evaluator`) run
//! inside the desktop app. The webview hands over the clerk's session and
//! the patient on screen; commands ask for a rating, show the device status
//! and today's presses from the local store. Port settings live beside
//! settings.json in `evaluator-port.json`; the store is `evaluator.db`.

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};

use hcrm_evaluator::{
    Command, CounterContext, Forwarder, Link, PortSettings, ReaderStatus, ServerAuth, Shared, Store, StoredEvent,
};

struct Running {
    commands: Sender<Command>,
    stop: Arc<tokio::sync::Notify>,
}

pub struct EvaluatorService {
    dir: PathBuf,
    shared: Shared,
    auth: Arc<Mutex<ServerAuth>>,
    running: Mutex<Option<Running>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The session the UI hands over after the clerk signs in.
#[derive(Debug, Clone, serde::Deserialize, specta::Type)]
pub struct CounterSession {
    pub server_url: String,
    pub token: String,
    pub context: CounterContext,
}

impl EvaluatorService {
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            shared: Shared::default(),
            auth: Arc::new(Mutex::new(ServerAuth::default())),
            running: Mutex::new(None),
        }
    }

    fn port_file(&self) -> PathBuf {
        self.dir.join("evaluator-port.json")
    }

    fn store_path(&self) -> PathBuf {
        self.dir.join("evaluator.db")
    }

    pub fn port_settings(&self) -> PortSettings {
        std::fs::read(self.port_file()).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
    }

    /// Validates and saves; a running reader reconnects with them, a stopped
    /// one starts.
    pub fn set_port_settings(&self, s: PortSettings) -> Result<PortSettings, String> {
        s.validate()?;
        std::fs::create_dir_all(&self.dir).map_err(|e| e.to_string())?;
        let tmp = self.port_file().with_extension("tmp");
        std::fs::write(&tmp, serde_json::to_vec_pretty(&s).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
        std::fs::rename(&tmp, self.port_file()).map_err(|e| e.to_string())?;
        let sent = lock(&self.running)
            .as_ref()
            .map(|r| r.commands.send(Command::Reconfigure(s.clone())).is_ok())
            .unwrap_or(false);
        if !sent {
            self.start()?;
        }
        Ok(s)
    }

    /// Starts the link thread and the forwarder when the port is configured.
    pub fn start(&self) -> Result<(), String> {
        let mut running = lock(&self.running);
        if running.is_some() {
            return Ok(());
        }
        let settings = self.port_settings();
        if settings.validate().is_err() {
            return Ok(()); // not configured yet: the status page says so
        }
        let link_store = Store::open(&self.store_path()).map_err(|e| e.to_string())?;
        let fwd_store = Store::open(&self.store_path()).map_err(|e| e.to_string())?;
        let (tx, rx) = std::sync::mpsc::channel();
        let link = Link::new(settings, link_store, self.shared.clone(), rx);
        std::thread::Builder::new()
            .name("evaluator-link".into())
            .spawn(move || link.run())
            .map_err(|e| e.to_string())?;
        let stop = Arc::new(tokio::sync::Notify::new());
        tauri::async_runtime::spawn(
            Forwarder::new(fwd_store, self.shared.clone(), self.auth.clone()).run(stop.clone()),
        );
        *running = Some(Running { commands: tx, stop });
        Ok(())
    }

    pub fn stop(&self) {
        if let Some(r) = lock(&self.running).take() {
            let _ = r.commands.send(Command::Stop);
            r.stop.notify_one();
        }
    }

    /// The clerk signed in (or changed the patient on screen).
    pub fn set_session(&self, s: CounterSession) -> Result<(), String> {
        {
            let mut a = lock(&self.auth);
            a.base_url = s.server_url.trim_end_matches('/').to_string();
            a.token = Some(s.token);
        }
        let old = self.shared.context();
        let changed_staff =
            old.name != s.context.name || old.staff_no != s.context.staff_no || old.window != s.context.window;
        self.shared.set_context(s.context);
        self.start()?;
        if changed_staff {
            if let Some(r) = lock(&self.running).as_ref() {
                let _ = r.commands.send(Command::ShowStaff);
            }
        }
        // Queued events may wait for a token.
        self.shared.stored.notify_one();
        Ok(())
    }

    /// 请评价: the device invites the patient to rate.
    pub fn request_evaluation(&self, timeout_s: u8) -> Result<(), String> {
        let running = lock(&self.running);
        let r = running.as_ref().ok_or("the evaluator is not configured")?;
        if !self.shared.status().connected {
            return Err("the evaluator is not connected".into());
        }
        r.commands.send(Command::Prompt { timeout_s }).map_err(|e| e.to_string())
    }

    pub fn status(&self) -> ReaderStatus {
        self.shared.status()
    }

    /// Presses since local midnight, from the local store (also those the
    /// server has not confirmed yet).
    pub fn today(&self) -> Result<Vec<StoredEvent>, String> {
        let midnight = chrono::Local::now()
            .date_naive()
            .and_hms_opt(0, 0, 0)
            .and_then(|t| t.and_local_timezone(chrono::Local).single())
            .map(|t| t.with_timezone(&chrono::Utc))
            .unwrap_or_else(chrono::Utc::now);
        Store::open(&self.store_path()).and_then(|s| s.since(midnight)).map_err(|e| e.to_string())
    }
}
