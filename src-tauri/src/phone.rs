//! The softphone's IPC contract and the recording uploader's wiring.
//!
//! Commands (`phone_*`) and the `phone-event` event are what the UI's
//! `ui/src/lib/phoneTauri.ts` calls and listens to, through the generated
//! bindings. The engine behind them
//! is a [`PhoneEngine`]; until the SIP/RTP engine (`hcrm-softphone`) is
//! connected, [`StubEngine`] plays the part (it rings, answers and hangs up
//! like a real line, with no audio), so the desktop UI can be driven end to
//! end. Dialling a patient's phone sends only its position: the desktop
//! asks the server for the number (`POST /api/v1/calls/dial-target`,
//! audited) and hands it to the engine, so the web view never holds it.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// How a call ended: the server's vocabulary for call records.
pub use hcrm_shared::calls::CallDisposition as Disposition;

/// What the engine tells the UI, as the `phone-event` event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(tag = "type", rename_all = "snake_case")]
#[tauri_specta(event_name = "phone-event")]
pub enum PhoneEvent {
    Incoming { uuid: String, number: String, at: String },
    Ringing { uuid: String },
    Answered { uuid: String, at: String },
    Held { uuid: String, held: bool },
    Muted { uuid: String, muted: bool },
    Ended { uuid: String, at: String, disposition: Disposition },
    Levels { input: f32, output: f32 },
    Registration { registered: bool, error: Option<String> },
}

/// What to dial: a typed number, or a patient's phone by position.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct DialRequest {
    pub uuid: String,
    #[serde(default)]
    #[specta(optional)]
    pub number: Option<String>,
    #[serde(default)]
    #[specta(optional)]
    pub patient_id: Option<i64>,
    #[serde(default)]
    #[specta(optional)]
    pub phone_index: Option<usize>,
    #[serde(default)]
    #[specta(optional)]
    pub task_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct AudioDevice {
    pub id: String,
    pub name: String,
    pub is_default: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
pub struct AudioDevices {
    pub inputs: Vec<AudioDevice>,
    pub outputs: Vec<AudioDevice>,
    pub input: Option<String>,
    pub output: Option<String>,
}

pub type Emit = Arc<dyn Fn(PhoneEvent) + Send + Sync>;

/// What the softphone engine offers the UI. `hcrm-softphone` implements it
/// after the merge; calls are named by the UI's UUID, which is also the
/// recording's file name.
pub trait PhoneEngine: Send + Sync {
    fn dial(&self, uuid: &str, number: &str) -> Result<(), String>;
    fn answer(&self, uuid: &str) -> Result<(), String>;
    fn hangup(&self, uuid: &str) -> Result<(), String>;
    fn hold(&self, uuid: &str, on: bool) -> Result<(), String>;
    fn mute(&self, uuid: &str, on: bool) -> Result<(), String>;
    fn transfer(&self, uuid: &str, target: &str) -> Result<(), String>;
    fn dtmf(&self, uuid: &str, digits: &str) -> Result<(), String>;
    fn devices(&self) -> Result<AudioDevices, String>;
    fn set_devices(&self, input: Option<String>, output: Option<String>) -> Result<(), String>;
    fn test_tone(&self, output: Option<String>) -> Result<(), String>;
    /// Ends the calls and releases the line (before a new account replaces it).
    fn shutdown(&self) {}
}

pub(crate) fn now() -> String {
    chrono_like_now()
}

/// RFC 3339 UTC without pulling chrono into the desktop crate.
fn chrono_like_now() -> String {
    let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let secs = d.as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        d.subsec_millis()
    )
}

/// A line with no audio: outgoing calls ring and are answered after a
/// moment, every control answers with its event.
pub struct StubEngine {
    emit: Emit,
    live: Arc<Mutex<std::collections::HashMap<String, &'static str>>>,
}

impl StubEngine {
    pub fn new(emit: Emit) -> Self {
        Self { emit, live: Default::default() }
    }
}

impl PhoneEngine for StubEngine {
    fn dial(&self, uuid: &str, _number: &str) -> Result<(), String> {
        self.live.lock().unwrap_or_else(|e| e.into_inner()).insert(uuid.into(), "ringing_out");
        (self.emit)(PhoneEvent::Ringing { uuid: uuid.into() });
        let (emit, live, uuid) = (self.emit.clone(), self.live.clone(), uuid.to_string());
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(1500));
            let mut l = live.lock().unwrap_or_else(|e| e.into_inner());
            if l.get(&uuid) == Some(&"ringing_out") {
                l.insert(uuid.clone(), "active");
                emit(PhoneEvent::Answered { uuid, at: now() });
            }
        });
        Ok(())
    }
    fn answer(&self, uuid: &str) -> Result<(), String> {
        self.live.lock().unwrap_or_else(|e| e.into_inner()).insert(uuid.into(), "active");
        (self.emit)(PhoneEvent::Answered { uuid: uuid.into(), at: now() });
        Ok(())
    }
    fn hangup(&self, uuid: &str) -> Result<(), String> {
        let was = self.live.lock().unwrap_or_else(|e| e.into_inner()).remove(uuid);
        let disposition = match was {
            Some("active") => Disposition::Answered,
            Some("ringing_in") => Disposition::Rejected,
            _ => Disposition::Cancelled,
        };
        (self.emit)(PhoneEvent::Ended { uuid: uuid.into(), at: now(), disposition });
        Ok(())
    }
    fn hold(&self, uuid: &str, on: bool) -> Result<(), String> {
        (self.emit)(PhoneEvent::Held { uuid: uuid.into(), held: on });
        Ok(())
    }
    fn mute(&self, uuid: &str, on: bool) -> Result<(), String> {
        (self.emit)(PhoneEvent::Muted { uuid: uuid.into(), muted: on });
        Ok(())
    }
    fn transfer(&self, uuid: &str, _target: &str) -> Result<(), String> {
        self.live.lock().unwrap_or_else(|e| e.into_inner()).remove(uuid);
        (self.emit)(PhoneEvent::Ended { uuid: uuid.into(), at: now(), disposition: Disposition::Transferred });
        Ok(())
    }
    fn dtmf(&self, _uuid: &str, _digits: &str) -> Result<(), String> {
        Ok(())
    }
    fn devices(&self) -> Result<AudioDevices, String> {
        Err("no audio engine yet".into())
    }
    fn set_devices(&self, _input: Option<String>, _output: Option<String>) -> Result<(), String> {
        Err("no audio engine yet".into())
    }
    fn test_tone(&self, _output: Option<String>) -> Result<(), String> {
        Err("no audio engine yet".into())
    }
}

/// The signed-in session the desktop acts for (dial targets, uploads).
#[derive(Debug, Clone, Default)]
pub struct Session {
    pub server_url: String,
    pub token: String,
}

/// Run-time phone state managed by Tauri.
pub struct PhoneState {
    engine: std::sync::RwLock<Arc<dyn PhoneEngine>>,
    pub session: Mutex<Option<Session>>,
    pub uploader: Mutex<Option<hcrm_recording_uploader::Handle>>,
    /// Where the recorder writes `<uuid>.wav` and `<uuid>.json`.
    pub recordings_dir: PathBuf,
}

impl PhoneState {
    pub fn new(engine: Arc<dyn PhoneEngine>, recordings_dir: PathBuf) -> Self {
        Self {
            engine: std::sync::RwLock::new(engine),
            session: Mutex::new(None),
            uploader: Mutex::new(None),
            recordings_dir,
        }
    }

    /// The line now in use.
    pub fn engine(&self) -> Arc<dyn PhoneEngine> {
        self.engine.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Puts a new line in place (a changed SIP account) and ends the old one.
    pub fn replace_engine(&self, engine: Arc<dyn PhoneEngine>) {
        let old = std::mem::replace(&mut *self.engine.write().unwrap_or_else(|e| e.into_inner()), engine);
        old.shutdown();
    }

    fn session(&self) -> Result<Session, String> {
        self.session.lock().unwrap_or_else(|e| e.into_inner()).clone().ok_or_else(|| "not signed in".to_string())
    }

    /// Remembers the session and starts the uploader, or hands it the new
    /// token and server.
    pub fn set_session(&self, server_url: &str, token: &str) -> Result<(), String> {
        let url = server_url.trim_end_matches('/').to_string();
        *self.session.lock().unwrap_or_else(|e| e.into_inner()) =
            Some(Session { server_url: url.clone(), token: token.to_string() });
        let mut up = self.uploader.lock().unwrap_or_else(|e| e.into_inner());
        match up.as_ref() {
            Some(h) => {
                h.session.set_server_url(&url);
                h.session.set_token(Some(token.to_string()));
            }
            None => {
                let config = hcrm_recording_uploader::Config::new(self.recordings_dir.clone(), url);
                let u = hcrm_recording_uploader::Uploader::new(config, Some(token.to_string()))?;
                *up = Some(u.spawn());
            }
        }
        Ok(())
    }

    /// Signed out: the uploader keeps its queue and waits for a token.
    pub fn clear_session(&self) {
        *self.session.lock().unwrap_or_else(|e| e.into_inner()) = None;
        if let Some(h) = self.uploader.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            h.session.set_token(None);
        }
    }

    pub fn uploads(&self) -> hcrm_recording_uploader::Counts {
        self.uploader.lock().unwrap_or_else(|e| e.into_inner()).as_ref().map(|h| h.counts()).unwrap_or_default()
    }

    /// The number to dial: typed, or fetched from the server by position.
    pub async fn resolve(&self, req: &DialRequest) -> Result<String, String> {
        if let Some(n) = req.number.as_deref().filter(|n| !n.is_empty()) {
            if !n.chars().all(|c| c.is_ascii_digit() || "*#+".contains(c)) {
                return Err(format!("cannot dial {n:?}"));
            }
            return Ok(n.to_string());
        }
        let patient_id = req.patient_id.ok_or("neither a number nor a patient phone to dial")?;
        let s = self.session()?;
        let body = serde_json::json!({"patient_id": patient_id, "phone_index": req.phone_index.unwrap_or(0), "task_id": req.task_id});
        let res = reqwest::Client::new()
            .post(format!("{}/api/v1/calls/dial-target", s.server_url))
            .bearer_auth(&s.token)
            .json(&body)
            .timeout(Duration::from_secs(10))
            .send()
            .await
            .map_err(|e| format!("server unreachable: {e}"))?;
        let status = res.status();
        let v: serde_json::Value = res.json().await.unwrap_or_default();
        if !status.is_success() {
            return Err(v["detail"].as_str().unwrap_or("the server refused the dial target").to_string());
        }
        v["number"].as_str().map(String::from).ok_or_else(|| "the server sent no number".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_have_the_ui_shape() {
        let e = PhoneEvent::Ended { uuid: "u".into(), at: "t".into(), disposition: Disposition::Answered };
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({"type": "ended", "uuid": "u", "at": "t", "disposition": "answered"})
        );
        let r: DialRequest = serde_json::from_value(
            serde_json::json!({"uuid": "u", "patient_id": 3, "phone_index": 1, "task_id": null}),
        )
        .unwrap();
        assert_eq!((r.patient_id, r.phone_index, r.number), (Some(3), Some(1), None));
    }

    #[test]
    fn the_stub_line_rings_answers_and_ends() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let s2 = seen.clone();
        let engine = StubEngine::new(Arc::new(move |e| s2.lock().unwrap().push(e)));
        engine.dial("a", "8001").unwrap();
        std::thread::sleep(Duration::from_millis(1700));
        engine.hangup("a").unwrap();
        let seen = seen.lock().unwrap();
        assert!(matches!(seen[0], PhoneEvent::Ringing { .. }));
        assert!(matches!(seen[1], PhoneEvent::Answered { .. }));
        assert!(matches!(&seen[2], PhoneEvent::Ended { disposition, .. } if *disposition == Disposition::Answered));
    }

    #[test]
    fn timestamps_are_rfc3339() {
        let t = now();
        assert_eq!(t.len(), 24, "{t}");
        assert!(t.ends_with('Z') && t.as_bytes()[10] == b'T');
    }

    #[tokio::test]
    async fn typed_numbers_are_checked_and_patient_phones_need_a_session() {
        let st = PhoneState::new(Arc::new(StubEngine::new(Arc::new(|_| {}))), std::env::temp_dir());
        let typed = DialRequest {
            uuid: "u".into(),
            number: Some("8001".into()),
            patient_id: None,
            phone_index: None,
            task_id: None,
        };
        assert_eq!(st.resolve(&typed).await.unwrap(), "8001");
        let bad = DialRequest { number: Some("80;01".into()), ..typed.clone() };
        assert!(st.resolve(&bad).await.is_err());
        let by_patient = DialRequest { number: None, patient_id: Some(1), ..typed };
        assert_eq!(st.resolve(&by_patient).await.unwrap_err(), "not signed in");
    }
}
