//! The `Phone` API: an async handle over the user-agent core task.
//!
//! `Phone::start` binds the SIP transports and spawns the core; commands are
//! methods on `Phone`, and everything that happens arrives on the event
//! receiver. One core task owns all SIP state (transactions, registration,
//! dialogs), so there is no locking; each call's media runs in its own task.
use crate::audio::{AudioFactory, Levels};
use crate::codec::Law;
use crate::recorder::RecordingMeta;
use crate::sip::Proto;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};

mod call;
mod headers;
mod inbound;
pub mod media;
mod ua;
pub use ua::new_call_id;

#[derive(Debug, Clone)]
pub struct PhoneConfig {
    /// SIP user (extension) and password for digest auth.
    pub username: String,
    pub password: String,
    /// Domain of our AOR (`sip:username@domain`), usually the PBX.
    pub domain: String,
    pub display_name: Option<String>,
    /// Registrar / outbound proxy: every out-of-dialog request goes there.
    /// `None`: direct calls to the host of the dialled URI.
    pub proxy: Option<SocketAddr>,
    pub transport: Proto,
    /// Address we bind and advertise (the agent PC's LAN address).
    pub local_ip: IpAddr,
    /// SIP port; 0 picks a free one.
    pub sip_port: u16,
    /// RTP port range [from, to).
    pub rtp_ports: (u16, u16),
    pub register_expires: u32,
    /// Codec preference for offers.
    pub codecs: Vec<Law>,
    pub dtmf_payload_type: u8,
    /// Where recordings go (see `crate::recorder`); `None` disables recording.
    pub recordings_dir: Option<PathBuf>,
    pub user_agent: String,
    /// Seconds between CRLF keep-alives to the registrar while registered, which
    /// keep the NAT binding open for incoming calls (RFC 5626 §3.5.1); 0 = off.
    pub keepalive_secs: u32,
    /// Echo cancellation (NLMS) on the microphone; off by default for headsets.
    pub echo_cancellation: bool,
    /// Impairs received RTP (loss, jitter) — for benchmarks and tests only.
    #[doc(hidden)]
    pub impairment: Option<media::Impairment>,
}

impl PhoneConfig {
    pub fn new(username: &str, password: &str, domain: &str, local_ip: IpAddr) -> PhoneConfig {
        PhoneConfig {
            username: username.into(),
            password: password.into(),
            domain: domain.into(),
            display_name: None,
            proxy: None,
            transport: Proto::Udp,
            local_ip,
            sip_port: 0,
            rtp_ports: (20000, 30000),
            register_expires: 600,
            codecs: vec![Law::A, Law::Mu],
            dtmf_payload_type: 101,
            recordings_dir: None,
            user_agent: format!("HCRM-softphone/{}", env!("CARGO_PKG_VERSION")),
            echo_cancellation: false,
            keepalive_secs: 25,
            impairment: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // rare events; boxing would only complicate matching
pub enum PhoneEvent {
    Registered {
        expires: u32,
    },
    RegistrationFailed {
        code: u16,
        reason: String,
    },
    Unregistered,
    /// A new inbound call; the phone answers 180 Ringing already.
    IncomingCall {
        call: String,
        from_number: String,
        display_name: Option<String>,
    },
    /// The far end rings (180/183 to our INVITE).
    Ringing {
        call: String,
    },
    EarlyMedia {
        call: String,
    },
    Answered {
        call: String,
    },
    Held {
        call: String,
        by_remote: bool,
    },
    Resumed {
        call: String,
        by_remote: bool,
    },
    Dtmf {
        call: String,
        digit: char,
    },
    TransferAccepted {
        call: String,
    },
    TransferResult {
        call: String,
        ok: bool,
    },
    Ended {
        call: String,
        reason: String,
        code: Option<u16>,
        recording: Option<RecordingMeta>,
    },
    /// Media statistics of an ended call (sent right after `Ended`).
    CallStats {
        call: String,
        stats: CallStats,
    },
}

/// Per-call media figures, for quality monitoring and the benchmarks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CallStats {
    pub packets_sent: u32,
    pub packets_received: u32,
    pub packets_lost: i64,
    pub ticks: u64,
    pub recorded_ticks: u64,
    pub concealed_frames: u64,
    pub late_packets: u64,
    pub jitter_buffer_delay_ms: f64,
    /// Where symmetric RTP latched when the peer sent from elsewhere than its SDP said.
    pub latched_to: Option<SocketAddr>,
}

#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum PhoneError {
    #[error("no such call {0}")]
    NoSuchCall(String),
    #[error("the call is not in a state for this: {0}")]
    BadState(&'static str),
    #[error("invalid argument: {0}")]
    Invalid(String),
    #[error("network: {0}")]
    Io(String),
    #[error("the phone has stopped")]
    Stopped,
}

pub(crate) enum Cmd {
    Register,
    Unregister,
    /// A chosen call id (the UI's UUID) or none for a new one, and the number.
    Dial(Option<String>, String),
    Answer(String),
    Hangup(String),
    Hold(String),
    Resume(String),
    Mute(String, bool),
    Dtmf(String, String),
    Transfer(String, String),
    Shutdown,
}

pub(crate) struct Command {
    pub cmd: Cmd,
    pub reply: oneshot::Sender<Result<String, PhoneError>>,
}

#[derive(Clone)]
pub struct Phone {
    cmds: mpsc::UnboundedSender<Command>,
    pub local_sip: SocketAddr,
    pub levels: Arc<Levels>,
}

impl Phone {
    /// Binds the transports and starts the core. Nothing is sent until `register` or `dial`.
    pub async fn start(
        cfg: PhoneConfig,
        audio: Arc<dyn AudioFactory>,
    ) -> Result<(Phone, mpsc::UnboundedReceiver<PhoneEvent>), PhoneError> {
        let (events_tx, events_rx) = mpsc::unbounded_channel();
        let (cmds, cmd_rx) = mpsc::unbounded_channel();
        let levels = Arc::new(Levels::default());
        let local_sip = ua::spawn(cfg, audio, events_tx, cmd_rx, levels.clone())
            .await
            .map_err(|e| PhoneError::Io(e.to_string()))?;
        Ok((Phone { cmds, local_sip, levels }, events_rx))
    }

    async fn call(&self, cmd: Cmd) -> Result<String, PhoneError> {
        let (tx, rx) = oneshot::channel();
        self.cmds.send(Command { cmd, reply: tx }).map_err(|_| PhoneError::Stopped)?;
        rx.await.map_err(|_| PhoneError::Stopped)?
    }

    /// Registers (and keeps refreshing before expiry).
    pub async fn register(&self) -> Result<(), PhoneError> {
        self.call(Cmd::Register).await.map(|_| ())
    }
    pub async fn unregister(&self) -> Result<(), PhoneError> {
        self.call(Cmd::Unregister).await.map(|_| ())
    }
    /// Dials a number (or a full `sip:` URI); returns the call id.
    pub async fn dial(&self, number: &str) -> Result<String, PhoneError> {
        self.call(Cmd::Dial(None, number.into())).await
    }
    /// Dials with a call id chosen by the caller (letters, digits and `-`,
    /// unique), so the UI's call record and the recording share one id.
    pub async fn dial_as(&self, call: &str, number: &str) -> Result<String, PhoneError> {
        self.call(Cmd::Dial(Some(call.into()), number.into())).await
    }
    pub async fn answer(&self, call: &str) -> Result<(), PhoneError> {
        self.call(Cmd::Answer(call.into())).await.map(|_| ())
    }
    /// Hangs up, cancels an unanswered outgoing call, or declines an incoming one.
    pub async fn hangup(&self, call: &str) -> Result<(), PhoneError> {
        self.call(Cmd::Hangup(call.into())).await.map(|_| ())
    }
    pub async fn hold(&self, call: &str) -> Result<(), PhoneError> {
        self.call(Cmd::Hold(call.into())).await.map(|_| ())
    }
    pub async fn resume(&self, call: &str) -> Result<(), PhoneError> {
        self.call(Cmd::Resume(call.into())).await.map(|_| ())
    }
    pub async fn mute(&self, call: &str, on: bool) -> Result<(), PhoneError> {
        self.call(Cmd::Mute(call.into(), on)).await.map(|_| ())
    }
    /// Sends digits (0-9 * # A-D) as RFC 4733 events.
    pub async fn send_dtmf(&self, call: &str, digits: &str) -> Result<(), PhoneError> {
        self.call(Cmd::Dtmf(call.into(), digits.into())).await.map(|_| ())
    }
    /// Blind transfer (REFER) of the call to a number or URI.
    pub async fn transfer(&self, call: &str, target: &str) -> Result<(), PhoneError> {
        self.call(Cmd::Transfer(call.into(), target.into())).await.map(|_| ())
    }
    /// Ends all calls and stops the core.
    pub async fn shutdown(&self) {
        let _ = self.call(Cmd::Shutdown).await;
    }
    /// Microphone and speaker peak levels of the active call (0..=32767).
    pub fn levels(&self) -> (u32, u32) {
        self.levels.get()
    }
}
