//! The real line behind the UI's phone: [`SoftphoneEngine`] implements
//! [`PhoneEngine`] on `hcrm_softphone::Phone` (SIP, RTP, G.711, jitter
//! buffer, cpal audio, stereo recording). Plain code, no Tauri: the tests
//! drive it against real SIP peers.
//!
//! The UI names calls by UUID; outgoing calls are dialled with that UUID as
//! the phone's call id and incoming calls get a UUID from the phone, so the
//! call record, the recording's file name and the upload all share one id.

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs, UdpSocket};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hcrm_softphone::audio::cpal_device::{self, CpalConfig, CpalFactory};
use hcrm_softphone::audio::{AudioDevice, AudioFactory};
use hcrm_softphone::sip::Proto;
use hcrm_softphone::{Phone, PhoneConfig, PhoneError, PhoneEvent as SipEvent};
use serde::{Deserialize, Serialize};

use crate::phone::{now, AudioDevice as UiDevice, AudioDevices, Disposition, Emit, PhoneEngine, PhoneEvent};

/// The agent's SIP account, kept in the desktop settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct SipAccount {
    /// Extension (SIP user) and its password for digest authentication.
    pub username: String,
    pub password: String,
    /// The PBX's SIP domain (`sip:username@domain`).
    pub domain: String,
    /// Registrar / outbound proxy, `host` or `host:port`; empty: the domain.
    pub proxy: String,
    /// "udp" (default) or "tcp".
    pub transport: String,
    /// Local SIP port; 0 picks a free one.
    pub sip_port: u16,
    /// The workstation's address towards the PBX; empty: found by routing.
    pub local_ip: String,
    /// Register at start (off for a peer-to-peer line without a registrar).
    pub register: bool,
    pub echo_cancellation: bool,
    /// Chosen audio devices by name; empty: the system default.
    pub audio_input: String,
    pub audio_output: String,
}

impl Default for SipAccount {
    fn default() -> Self {
        SipAccount {
            username: String::new(),
            password: String::new(),
            domain: String::new(),
            proxy: String::new(),
            transport: "udp".into(),
            sip_port: 0,
            local_ip: String::new(),
            register: true,
            echo_cancellation: false,
            audio_input: String::new(),
            audio_output: String::new(),
        }
    }
}

impl SipAccount {
    pub fn is_configured(&self) -> bool {
        !self.username.trim().is_empty() && !self.domain.trim().is_empty()
    }

    /// The phone's configuration; errors name the field.
    pub fn phone_config(&self, recordings_dir: PathBuf) -> Result<PhoneConfig, String> {
        if !self.is_configured() {
            return Err("the SIP account needs an extension and a domain".into());
        }
        let proxy_text = if self.proxy.trim().is_empty() { self.domain.trim() } else { self.proxy.trim() };
        let proxy = resolve_host(proxy_text).map_err(|e| format!("proxy {proxy_text:?}: {e}"))?;
        let local_ip: IpAddr = if self.local_ip.trim().is_empty() {
            route_to(proxy).map_err(|e| format!("no route to {proxy}: {e}"))?
        } else {
            self.local_ip.trim().parse().map_err(|_| format!("local_ip {:?} is not an IP address", self.local_ip))?
        };
        let mut cfg = PhoneConfig::new(self.username.trim(), &self.password, self.domain.trim(), local_ip);
        cfg.proxy = Some(proxy);
        cfg.transport = match self.transport.trim().to_ascii_lowercase().as_str() {
            "" | "udp" => Proto::Udp,
            "tcp" => Proto::Tcp,
            other => return Err(format!("transport {other:?}: use udp or tcp")),
        };
        cfg.sip_port = self.sip_port;
        cfg.echo_cancellation = self.echo_cancellation;
        cfg.recordings_dir = Some(recordings_dir);
        Ok(cfg)
    }
}

fn resolve_host(text: &str) -> std::io::Result<SocketAddr> {
    let with_port =
        if text.parse::<SocketAddr>().is_ok() || text.rsplit_once(':').is_some_and(|(_, p)| p.parse::<u16>().is_ok()) {
            text.to_string()
        } else {
            format!("{text}:5060")
        };
    with_port
        .to_socket_addrs()?
        .find(|a| a.is_ipv4())
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no IPv4 address"))
}

/// The local address the system would use towards `peer` (no packet is sent).
fn route_to(peer: SocketAddr) -> std::io::Result<IpAddr> {
    let s = UdpSocket::bind("0.0.0.0:0")?;
    s.connect(peer)?;
    Ok(s.local_addr()?.ip())
}

/// Opens the headset chosen in the settings; a change applies to the next call.
pub struct SelectedDevices(pub Arc<Mutex<CpalConfig>>);

impl AudioFactory for SelectedDevices {
    fn open(&self) -> Box<dyn AudioDevice> {
        let cfg = self.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
        CpalFactory(cfg).open()
    }
}

/// What the engine remembers of a call to tell the UI how it ended.
#[derive(Debug, Default, Clone)]
struct Track {
    inbound: bool,
    answered: bool,
    hung_up_here: bool,
    transferred: bool,
}

type Tracks = Arc<Mutex<HashMap<String, Track>>>;

pub struct SoftphoneEngine {
    rt: tokio::runtime::Handle,
    phone: Phone,
    emit: Emit,
    calls: Tracks,
    devices: Option<Arc<Mutex<CpalConfig>>>,
}

impl SoftphoneEngine {
    /// Binds the SIP transport, starts the event pump (and the level meter),
    /// and registers when the account says so. `devices` is the cpal choice
    /// the settings page changes (`None` when `audio` is a test device).
    pub async fn start(
        cfg: PhoneConfig,
        register: bool,
        audio: Arc<dyn AudioFactory>,
        devices: Option<Arc<Mutex<CpalConfig>>>,
        emit: Emit,
    ) -> Result<SoftphoneEngine, String> {
        let (phone, mut events) = Phone::start(cfg, audio).await.map_err(|e| e.to_string())?;
        let calls: Tracks = Arc::default();
        let (pump_calls, pump_emit) = (calls.clone(), emit.clone());
        tokio::spawn(async move {
            while let Some(e) = events.recv().await {
                for ui in translate(&pump_calls, e) {
                    pump_emit(ui);
                }
            }
        });
        let (meter_phone, meter_calls, meter_emit) = (phone.clone(), calls.clone(), emit.clone());
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_millis(200));
            loop {
                tick.tick().await;
                if meter_calls.lock().unwrap_or_else(|e| e.into_inner()).is_empty() {
                    continue;
                }
                let (i, o) = meter_phone.levels();
                meter_emit(PhoneEvent::Levels { input: i as f32 / 32767.0, output: o as f32 / 32767.0 });
            }
        });
        if register {
            let p = phone.clone();
            let e = emit.clone();
            tokio::spawn(async move {
                if let Err(err) = p.register().await {
                    e(PhoneEvent::Registration { registered: false, error: Some(err.to_string()) });
                }
            });
        }
        Ok(SoftphoneEngine { rt: tokio::runtime::Handle::current(), phone, emit, calls, devices })
    }

    /// The SIP address the phone listens on (for tests and the status line).
    pub fn local_sip(&self) -> SocketAddr {
        self.phone.local_sip
    }

    /// The devices chosen in the settings (none for a test device).
    fn chosen(&self) -> CpalConfig {
        self.devices.as_ref().map(|d| d.lock().unwrap_or_else(|e| e.into_inner()).clone()).unwrap_or_default()
    }

    fn track(&self) -> std::sync::MutexGuard<'_, HashMap<String, Track>> {
        self.calls.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs a phone command from a synchronous caller (a Tauri command
    /// thread) on the phone's runtime and waits for its answer.
    fn block<T: Send + 'static>(
        &self,
        fut: impl Future<Output = Result<T, PhoneError>> + Send + 'static,
    ) -> Result<T, String> {
        let (tx, rx) = std::sync::mpsc::channel();
        self.rt.spawn(async move {
            let _ = tx.send(fut.await);
        });
        rx.recv_timeout(Duration::from_secs(10))
            .map_err(|_| "the phone did not answer in time".to_string())?
            .map_err(|e| e.to_string())
    }
}

/// The phone's events as the UI knows them.
fn translate(calls: &Tracks, e: SipEvent) -> Vec<PhoneEvent> {
    let mut calls = calls.lock().unwrap_or_else(|e| e.into_inner());
    match e {
        SipEvent::Registered { .. } => vec![PhoneEvent::Registration { registered: true, error: None }],
        SipEvent::RegistrationFailed { code, reason } => {
            vec![PhoneEvent::Registration { registered: false, error: Some(format!("{code} {reason}")) }]
        }
        SipEvent::Unregistered => vec![PhoneEvent::Registration { registered: false, error: None }],
        SipEvent::IncomingCall { call, from_number, .. } => {
            calls.insert(call.clone(), Track { inbound: true, ..Default::default() });
            vec![PhoneEvent::Incoming { uuid: call, number: from_number, at: now() }]
        }
        SipEvent::Ringing { call } => vec![PhoneEvent::Ringing { uuid: call }],
        SipEvent::Answered { call } => {
            calls.entry(call.clone()).or_default().answered = true;
            vec![PhoneEvent::Answered { uuid: call, at: now() }]
        }
        // Only our own hold shows as "held": a remote hold is the other
        // party's music, and the agent's hold key must still mean "hold".
        SipEvent::Held { call, by_remote: false } => vec![PhoneEvent::Held { uuid: call, held: true }],
        SipEvent::Resumed { call, by_remote: false } => vec![PhoneEvent::Held { uuid: call, held: false }],
        SipEvent::TransferAccepted { call } => {
            calls.entry(call).or_default().transferred = true;
            vec![]
        }
        SipEvent::Ended { call, code, recording, .. } => {
            let t = calls.remove(&call).unwrap_or_default();
            if let Some(r) = recording {
                log::info!("call {call} recorded: {} frames in {}", r.frames, r.wav);
            }
            vec![PhoneEvent::Ended { uuid: call, at: now(), disposition: disposition(&t, code) }]
        }
        SipEvent::CallStats { call, stats } => {
            log::info!(
                "call {call}: {} packets in, {} lost, {} concealed",
                stats.packets_received,
                stats.packets_lost,
                stats.concealed_frames
            );
            vec![]
        }
        _ => vec![],
    }
}

/// How a call ended, in the call record's terms.
fn disposition(t: &Track, code: Option<u16>) -> Disposition {
    if t.transferred {
        Disposition::Transferred
    } else if t.answered {
        Disposition::Answered
    } else if t.hung_up_here {
        if t.inbound {
            Disposition::Rejected
        } else {
            Disposition::Cancelled
        }
    } else {
        match code {
            Some(486) | Some(600) => Disposition::Busy,
            Some(603) => Disposition::Rejected,
            // The caller gave up (487 to their INVITE) or nobody picked up.
            Some(487) | Some(480) | Some(408) => Disposition::NoAnswer,
            None if t.inbound => Disposition::NoAnswer,
            _ => Disposition::Failed,
        }
    }
}

impl PhoneEngine for SoftphoneEngine {
    fn dial(&self, uuid: &str, number: &str) -> Result<(), String> {
        self.track().insert(uuid.to_string(), Track::default());
        let (p, id, n) = (self.phone.clone(), uuid.to_string(), number.to_string());
        self.block(async move { p.dial_as(&id, &n).await }).map(|_| ()).inspect_err(|_| {
            self.track().remove(uuid);
        })
    }
    fn answer(&self, uuid: &str) -> Result<(), String> {
        let (p, id) = (self.phone.clone(), uuid.to_string());
        self.block(async move { p.answer(&id).await })
    }
    fn hangup(&self, uuid: &str) -> Result<(), String> {
        if let Some(t) = self.track().get_mut(uuid) {
            t.hung_up_here = true;
        }
        let (p, id) = (self.phone.clone(), uuid.to_string());
        self.block(async move { p.hangup(&id).await })
    }
    fn hold(&self, uuid: &str, on: bool) -> Result<(), String> {
        let (p, id) = (self.phone.clone(), uuid.to_string());
        self.block(async move {
            if on {
                p.hold(&id).await
            } else {
                p.resume(&id).await
            }
        })
    }
    fn mute(&self, uuid: &str, on: bool) -> Result<(), String> {
        let (p, id) = (self.phone.clone(), uuid.to_string());
        self.block(async move { p.mute(&id, on).await })?;
        (self.emit)(PhoneEvent::Muted { uuid: uuid.into(), muted: on });
        Ok(())
    }
    fn transfer(&self, uuid: &str, target: &str) -> Result<(), String> {
        let (p, id, to) = (self.phone.clone(), uuid.to_string(), target.to_string());
        self.block(async move { p.transfer(&id, &to).await })
    }
    fn dtmf(&self, uuid: &str, digits: &str) -> Result<(), String> {
        let (p, id, d) = (self.phone.clone(), uuid.to_string(), digits.to_string());
        self.block(async move { p.send_dtmf(&id, &d).await })
    }
    fn devices(&self) -> Result<AudioDevices, String> {
        Ok(device_list(self.chosen()))
    }
    fn set_devices(&self, input: Option<String>, output: Option<String>) -> Result<(), String> {
        let d = self.devices.as_ref().ok_or("this line has no sound card to choose")?;
        *d.lock().unwrap_or_else(|e| e.into_inner()) = CpalConfig { input, output };
        Ok(())
    }
    fn shutdown(&self) {
        let p = self.phone.clone();
        let _ = self.block(async move {
            p.shutdown().await;
            Ok(())
        });
    }
    fn test_tone(&self, output: Option<String>) -> Result<(), String> {
        play_test_tone(self.chosen().input, output);
        Ok(())
    }
}

/// The sound cards for the settings page, the system defaults marked.
fn device_list(chosen: CpalConfig) -> AudioDevices {
    let (inputs, outputs) = cpal_device::list_devices();
    let (def_in, def_out) = cpal_device::default_devices();
    let ui = |names: Vec<String>, def: Option<String>| {
        names
            .into_iter()
            .map(|n| UiDevice { is_default: def.as_deref() == Some(n.as_str()), id: n.clone(), name: n })
            .collect()
    };
    AudioDevices {
        inputs: ui(inputs, def_in),
        outputs: ui(outputs, def_out),
        input: chosen.input,
        output: chosen.output,
    }
}

/// A second of 440 Hz on its own thread (the caller is the UI's); the
/// microphone's peak meanwhile goes to the log.
fn play_test_tone(input: Option<String>, output: Option<String>) {
    std::thread::spawn(move || {
        let r = cpal_device::test_devices(CpalConfig { input, output }, 1.0);
        log::info!("test tone: opened={} microphone peak={}", r.opened, r.input_peak);
    });
}

/// The line for an account: the real softphone on the chosen headset, or,
/// without an account or when it cannot start, a line that says why (the UI
/// shows it in the registration status).
pub async fn engine_for(account: &SipAccount, recordings_dir: PathBuf, emit: Emit) -> Arc<dyn PhoneEngine> {
    if !account.is_configured() {
        return Arc::new(UnconfiguredEngine("no SIP account: set the extension in the phone settings".into()));
    }
    let started = async {
        let cfg = account.phone_config(recordings_dir)?;
        let choice = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let devices = Arc::new(Mutex::new(CpalConfig {
            input: choice(&account.audio_input),
            output: choice(&account.audio_output),
        }));
        SoftphoneEngine::start(
            cfg,
            account.register,
            Arc::new(SelectedDevices(devices.clone())),
            Some(devices),
            emit.clone(),
        )
        .await
    };
    match started.await {
        Ok(e) => {
            log::info!("softphone {} listening on {}", account.username, e.local_sip());
            Arc::new(e)
        }
        Err(err) => {
            log::warn!("softphone not started: {err}");
            emit(PhoneEvent::Registration { registered: false, error: Some(err.clone()) });
            Arc::new(UnconfiguredEngine(err))
        }
    }
}

/// A line that cannot call: no SIP account yet. Every action says why.
pub struct UnconfiguredEngine(pub String);

impl PhoneEngine for UnconfiguredEngine {
    fn dial(&self, _: &str, _: &str) -> Result<(), String> {
        Err(self.0.clone())
    }
    fn answer(&self, _: &str) -> Result<(), String> {
        Err(self.0.clone())
    }
    fn hangup(&self, _: &str) -> Result<(), String> {
        Err(self.0.clone())
    }
    fn hold(&self, _: &str, _: bool) -> Result<(), String> {
        Err(self.0.clone())
    }
    fn mute(&self, _: &str, _: bool) -> Result<(), String> {
        Err(self.0.clone())
    }
    fn transfer(&self, _: &str, _: &str) -> Result<(), String> {
        Err(self.0.clone())
    }
    fn dtmf(&self, _: &str, _: &str) -> Result<(), String> {
        Err(self.0.clone())
    }
    fn devices(&self) -> Result<AudioDevices, String> {
        Ok(device_list(CpalConfig::default()))
    }
    fn set_devices(&self, _: Option<String>, _: Option<String>) -> Result<(), String> {
        Err(self.0.clone())
    }
    fn test_tone(&self, output: Option<String>) -> Result<(), String> {
        play_test_tone(None, output);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dispositions_follow_how_the_call_ended() {
        let inbound = Track { inbound: true, ..Default::default() };
        assert_eq!(disposition(&Track { answered: true, ..Default::default() }, Some(200)), Disposition::Answered);
        assert_eq!(
            disposition(&Track { answered: true, transferred: true, ..Default::default() }, None),
            Disposition::Transferred
        );
        assert_eq!(disposition(&Track { hung_up_here: true, ..inbound.clone() }, None), Disposition::Rejected);
        assert_eq!(disposition(&Track { hung_up_here: true, ..Default::default() }, Some(487)), Disposition::Cancelled);
        assert_eq!(disposition(&Track::default(), Some(486)), Disposition::Busy);
        assert_eq!(disposition(&Track::default(), Some(480)), Disposition::NoAnswer);
        assert_eq!(disposition(&inbound, None), Disposition::NoAnswer);
        assert_eq!(disposition(&Track::default(), Some(404)), Disposition::Failed);
    }

    #[test]
    fn accounts_are_checked_field_by_field() {
        let dir = std::env::temp_dir();
        assert!(SipAccount::default().phone_config(dir.clone()).unwrap_err().contains("extension"));
        let a = SipAccount {
            username: "1001".into(),
            domain: "127.0.0.1".into(),
            transport: "sctp".into(),
            ..Default::default()
        };
        assert!(a.phone_config(dir.clone()).unwrap_err().contains("sctp"));
        let a = SipAccount { transport: "tcp".into(), proxy: "127.0.0.1:5080".into(), ..a };
        let cfg = a.phone_config(dir.clone()).unwrap();
        assert_eq!(cfg.proxy, Some("127.0.0.1:5080".parse().unwrap()));
        assert_eq!(cfg.local_ip, "127.0.0.1".parse::<IpAddr>().unwrap());
        assert_eq!(cfg.transport, Proto::Tcp);
        let bad_ip = SipAccount { local_ip: "10.0.0".into(), ..a };
        assert!(bad_ip.phone_config(dir).unwrap_err().contains("local_ip"));
    }
}
