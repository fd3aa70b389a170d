//! HCRM softphone core: the agent's SIP phone as a plain library (no Tauri).
//!
//! Layers, bottom up (like baresip/pjsip):
//!
//! - [`codec::g711`]: A-law and mu-law, checked against the tables of ITU-T G.711.
//! - [`rtp`]: RTP packets, RTCP SR/RR/SDES/BYE, receive statistics (RFC 3550).
//! - [`jitter`]: adaptive jitter buffer with packet-loss concealment.
//! - [`dtmf`]: RFC 4733 telephone events, sending and receiving.
//! - [`sdp`]: SDP for one audio stream and RFC 3264 offer/answer
//!   (a `sendonly` offer is answered `recvonly`).
//! - [`sip`]: message parser/builder, digest auth (MD5, qop=auth), UDP and TCP
//!   transports with rport/received.
//! - [`engine`]: the user agent — transactions, REGISTER with refresh, calls
//!   (INVITE with early media, 180 Ringing, CANCEL, BYE, 401/407, hold/resume
//!   by re-INVITE, REFER blind transfer), and each call's media loop with
//!   symmetric RTP.
//! - [`audio`]: the [`audio::AudioDevice`] trait, a cpal implementation on its
//!   own thread, test devices, echo cancellation behind a trait.
//! - [`recorder`]: stereo WAV recording with a sidecar for the uploader.
//!
//! # Using it
//!
//! ```no_run
//! # async fn demo() -> Result<(), hcrm_softphone::PhoneError> {
//! use hcrm_softphone::{audio::cpal_device::{CpalConfig, CpalFactory}, Phone, PhoneConfig, PhoneEvent};
//! use std::sync::Arc;
//! let mut cfg = PhoneConfig::new("1001", "secret", "pbx.hospital.local", "10.1.2.3".parse().unwrap());
//! cfg.proxy = Some("10.1.0.5:5060".parse().unwrap());
//! cfg.recordings_dir = Some("/var/lib/hcrm/recordings".into());
//! let (phone, mut events) = Phone::start(cfg, Arc::new(CpalFactory(CpalConfig::default()))).await?;
//! phone.register().await?;
//! while let Some(e) = events.recv().await {
//!     match e {
//!         PhoneEvent::IncomingCall { call, from_number, .. } => { /* screen-pop from_number */ let _ = (call, from_number); }
//!         PhoneEvent::Ended { recording: Some(meta), .. } => { /* the uploader picks it up */ let _ = meta; }
//!         _ => {}
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! Commands: `register`, `unregister`, `dial`, `answer`, `hangup` (also
//! cancels or declines), `hold`, `resume`, `mute`, `send_dtmf`, `transfer`,
//! `levels`, `shutdown`. Events: [`PhoneEvent`].
//!
//! # Recording directory format (read by the desktop uploader)
//!
//! Every call with media is recorded into `PhoneConfig::recordings_dir`:
//!
//! - `<call_id>.wav` — RIFF/WAVE, PCM 16-bit little-endian, 8000 Hz, 2
//!   channels: **left = agent** (microphone as sent, silent while muted),
//!   **right = other party** (as played, with concealment for lost packets).
//!   Both channels are written in the same 20 ms tick, so they are
//!   sample-aligned. The header is rewritten once a second, so a crash loses
//!   at most a second.
//! - `<call_id>.json` — the sidecar, written atomically (temp file + rename):
//!
//! ```json
//! {
//!   "format": 1,
//!   "call_id": "3f9c0a7d1e2b4c55",          // our id, also the file stem
//!   "sip_call_id": "a81f...@hcrm",           // SIP Call-ID of the dialog
//!   "direction": "inbound",                  // or "outbound"
//!   "local_number": "1001",                  // the agent's extension
//!   "remote_number": "13800138000",          // caller / callee number
//!   "started_at": "2026-11-22T08:00:01.123Z",// RFC 3339, UTC
//!   "answered_at": "2026-11-22T08:00:05.000Z", // null if never answered
//!   "ended_at": "2026-11-22T08:03:10.500Z",  // null while recording
//!   "wav": "3f9c0a7d1e2b4c55.wav",
//!   "sample_rate": 8000,
//!   "channels": 2,
//!   "frames": 1480000,                       // sample frames per channel
//!   "bytes": 5920044,                        // WAV file size
//!   "state": "finished",                     // "recording" while the call runs
//!   "sha256": "9b1c...",                     // hex SHA-256 of the WAV; null until finished
//!   "recovered": false                       // true if finished by recover()
//! }
//! ```
//!
//! The uploader uploads only `state == "finished"` recordings (checksum
//! `sha256`, size `bytes`) and should delete or move both files once the
//! server has them. At start-up, before scanning, call
//! [`recorder::recover`]: it finishes recordings that a killed app left in
//! state `"recording"` (fixes the header, drops a torn last frame, sets the
//! checksum and `recovered: true`), so none is lost and none is finished twice.
pub mod audio;
pub mod codec;
pub mod dtmf;
pub mod engine;
#[doc(hidden)]
pub mod fuzz;
pub mod jitter;
pub mod recorder;
pub mod rtp;
pub mod sdp;
pub mod sip;
pub use engine::{Phone, PhoneConfig, PhoneError, PhoneEvent};
