//! The MLLP listener: frames are `0x0B message 0x1C 0x0D`. One task per
//! connection, messages of a connection answered in order. Nothing a peer
//! sends can stop the listener: broken frames are answered AR and stored,
//! a silent connection times out, an oversized message is cut off and
//! rejected, a database failure answers AE (resend later).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

use super::model::IntakeSettings;
use super::parse::{sniff_charset, Hl7Error, Message};
use super::service::{self, build_ack};
use crate::app::AppState;
use crate::db::Backend;

pub const START: u8 = 0x0B;
pub const END: u8 = 0x1C;
pub const CR: u8 = 0x0D;

/// Frames `payload` for MLLP.
pub fn frame(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 3);
    out.push(START);
    out.extend_from_slice(payload);
    out.extend_from_slice(&[END, CR]);
    out
}

/// A running listener; dropping it does not stop it, [`Hl7Listener::stop`] does.
pub struct Hl7Listener {
    pub local_addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Hl7Listener {
    pub fn stop(self) {
        self.task.abort();
    }
}

/// Starts the listener when `[hl7] listen` is set.
pub async fn start(state: &AppState) -> anyhow::Result<Option<Hl7Listener>> {
    let addr = state.config.hl7.listen.trim().to_string();
    if addr.is_empty() {
        return Ok(None);
    }
    bind(state.clone(), &addr).await.map(Some)
}

pub async fn bind(state: AppState, addr: &str) -> anyhow::Result<Hl7Listener> {
    let listener =
        TcpListener::bind(addr).await.map_err(|e| anyhow::anyhow!("HL7 listener cannot listen on {addr}: {e}"))?;
    let local_addr = listener.local_addr()?;
    tracing::info!(%local_addr, "HL7 MLLP listener");
    let task = tokio::spawn(accept_loop(state, listener));
    Ok(Hl7Listener { local_addr, task })
}

async fn accept_loop(state: AppState, listener: TcpListener) {
    let limit = Arc::new(Semaphore::new(state.config.hl7.max_connections.max(1)));
    let settings = Arc::new(IntakeSettings::from_config(&state.config));
    let writer = (state.db.backend == Backend::Sqlite).then(|| Writer::spawn(state.clone(), settings.clone()));
    loop {
        let Ok(permit) = limit.clone().acquire_owned().await else { return };
        match listener.accept().await {
            Ok((stream, peer)) => {
                let state = state.clone();
                let settings = settings.clone();
                let writer = writer.clone();
                tokio::spawn(async move {
                    let _permit = permit;
                    let intake = Intake { state, settings, writer };
                    if let Err(e) = serve_connection(intake, stream, peer).await {
                        tracing::debug!(%peer, error = %e, "HL7 connection ended");
                    }
                });
            }
            Err(e) => {
                // Out of file descriptors and the like: wait, keep listening.
                tracing::warn!(error = %e, "HL7 accept failed");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

async fn serve_connection(intake: Intake, mut stream: TcpStream, peer: SocketAddr) -> std::io::Result<()> {
    let _ = stream.set_nodelay(true);
    let timeout = Duration::from_secs(intake.state.config.hl7.read_timeout_seconds.max(1));
    let max = intake.state.config.hl7.max_message_bytes.max(1024);
    let remote = peer.to_string();
    let mut chunk = vec![0u8; 16 * 1024];
    let mut msg: Vec<u8> = Vec::new();
    let mut in_frame = false;
    let mut oversized = false;
    loop {
        let n = match tokio::time::timeout(timeout, stream.read(&mut chunk)).await {
            Ok(r) => r?,
            Err(_) => {
                if in_frame {
                    let reason = format!("truncated: no end block (0x1C 0x0D) within {} s", timeout.as_secs());
                    let ack = intake.reject(std::mem::take(&mut msg), &remote, reason).await;
                    let _ = write_ack(&mut stream, &ack, timeout).await;
                }
                return Ok(());
            }
        };
        if n == 0 {
            if in_frame && !msg.is_empty() {
                // The peer may have closed only its sending side.
                let ack = intake
                    .reject(
                        std::mem::take(&mut msg),
                        &remote,
                        "truncated: the connection closed before the end block (0x1C 0x0D)".into(),
                    )
                    .await;
                let _ = write_ack(&mut stream, &ack, timeout).await;
            }
            return Ok(());
        }
        let mut rest = &chunk[..n];
        while !rest.is_empty() {
            if !in_frame {
                // Bytes between frames (the CR after 0x1C, keep-alive
                // newlines, garbage) are skipped up to the next start block.
                match rest.iter().position(|&b| b == START) {
                    Some(i) => {
                        in_frame = true;
                        oversized = false;
                        msg.clear();
                        rest = &rest[i + 1..];
                    }
                    None => break,
                }
                continue;
            }
            let stop = rest.iter().position(|&b| b == END || b == START);
            let (body, marker) = match stop {
                Some(i) => (&rest[..i], Some(rest[i])),
                None => (rest, None),
            };
            if !oversized {
                msg.extend_from_slice(body);
                if msg.len() > max {
                    oversized = true;
                    // Keep the head for the inbox; drop the rest up to the end block.
                    msg.truncate(64 * 1024);
                }
            }
            match marker {
                None => rest = &[],
                Some(END) => {
                    rest = &rest[stop.unwrap() + 1..];
                    in_frame = false;
                    let bytes = std::mem::take(&mut msg);
                    let ack = if oversized {
                        intake.reject(bytes, &remote, format!("the message is larger than {max} bytes")).await
                    } else {
                        intake.receive(bytes, &remote).await
                    };
                    write_ack(&mut stream, &ack, timeout).await?;
                }
                Some(_) => {
                    // A new start block inside a frame: the previous
                    // message was cut off; answer it, then read the next.
                    rest = &rest[stop.unwrap() + 1..];
                    let bytes = std::mem::take(&mut msg);
                    let ack = intake
                        .reject(bytes, &remote, "truncated: a start block (0x0B) came before the end block".into())
                        .await;
                    write_ack(&mut stream, &ack, timeout).await?;
                    oversized = false;
                }
            }
        }
    }
}

async fn write_ack(stream: &mut TcpStream, ack: &[u8], timeout: Duration) -> std::io::Result<()> {
    match tokio::time::timeout(timeout, stream.write_all(&frame(ack))).await {
        Ok(r) => r,
        Err(_) => Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "writing the ACK timed out")),
    }
}

/// What a connection hands its messages to: straight to the database on
/// PostgreSQL (which commits concurrent transactions as a group itself), or
/// to the SQLite group-commit writer.
#[derive(Clone)]
struct Intake {
    state: AppState,
    settings: Arc<IntakeSettings>,
    writer: Option<Writer>,
}

impl Intake {
    async fn receive(&self, bytes: Vec<u8>, remote: &str) -> Vec<u8> {
        self.run(Job { raw: bytes, remote: remote.to_string(), frame_error: None }).await
    }

    async fn reject(&self, bytes: Vec<u8>, remote: &str, reason: String) -> Vec<u8> {
        self.run(Job { raw: bytes, remote: remote.to_string(), frame_error: Some(reason) }).await
    }

    async fn run(&self, job: Job) -> Vec<u8> {
        if let Some(w) = &self.writer {
            let (tx, rx) = tokio::sync::oneshot::channel();
            let raw = job.raw.clone();
            if w.0.send((job, tx)).await.is_ok() {
                if let Ok(ack) = rx.await {
                    return ack;
                }
            }
            return emergency_ack(&self.settings, &raw, "the HL7 writer stopped");
        }
        let s = self.settings.clone();
        let raw = job.raw.clone();
        match self.state.db.run(move |conn| job.process(conn, &s)).await {
            Ok(ack) => ack,
            Err(e) => emergency_ack(&self.settings, &raw, &e.detail),
        }
    }
}

struct Job {
    raw: Vec<u8>,
    remote: String,
    /// Set when the framing failed (truncated, too large).
    frame_error: Option<String>,
}

impl Job {
    fn process(&self, conn: &mut crate::db::DbConnection, s: &IntakeSettings) -> crate::error::ApiResult<Vec<u8>> {
        let r = match &self.frame_error {
            Some(reason) => service::reject_frame(conn, s, &self.raw, &self.remote, reason)?,
            None => service::receive(conn, s, &self.raw, &self.remote)?,
        };
        Ok(r.ack)
    }
}

/// SQLite has one writer and every commit waits for the disk (synchronous
/// = FULL). The writer thread takes the messages waiting from all
/// connections and commits them in one transaction, each message in its
/// own savepoint; ACKs go out after the commit, so an ACK still means the
/// message is on disk. A batch whose commit fails is redone one by one.
#[derive(Clone)]
struct Writer(tokio::sync::mpsc::Sender<(Job, tokio::sync::oneshot::Sender<Vec<u8>>)>);

impl Writer {
    fn spawn(state: AppState, settings: Arc<IntakeSettings>) -> Writer {
        let (tx, mut rx) = tokio::sync::mpsc::channel::<(Job, tokio::sync::oneshot::Sender<Vec<u8>>)>(1024);
        let _ = std::thread::Builder::new().name("hl7-writer".into()).spawn(move || {
            while let Some(first) = rx.blocking_recv() {
                let mut batch = vec![first];
                while batch.len() < 128 {
                    match rx.try_recv() {
                        Ok(j) => batch.push(j),
                        Err(_) => break,
                    }
                }
                // A bug must not stop the writer: its batch is answered AE.
                let acks = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    Writer::process(&state, &settings, &batch)
                }))
                .unwrap_or_else(|_| {
                    batch.iter().map(|(j, _)| emergency_ack(&settings, &j.raw, "the HL7 writer hit a bug")).collect()
                });
                for ((_, reply), ack) in batch.into_iter().zip(acks) {
                    let _ = reply.send(ack);
                }
            }
        });
        Writer(tx)
    }

    fn process(
        state: &AppState,
        settings: &IntakeSettings,
        batch: &[(Job, tokio::sync::oneshot::Sender<Vec<u8>>)],
    ) -> Vec<Vec<u8>> {
        let mut conn = match state.db.get() {
            Ok(c) => c,
            Err(e) => return batch.iter().map(|(j, _)| emergency_ack(settings, &j.raw, &e.detail)).collect(),
        };
        if batch.len() > 1 {
            let grouped = crate::db::write_transaction(&mut conn, |conn| {
                batch.iter().map(|(j, _)| j.process(conn, settings)).collect::<Result<Vec<_>, _>>()
            });
            match grouped {
                Ok(acks) => return acks,
                Err(e) => tracing::warn!(error = %e.detail, size = batch.len(), "HL7 group commit failed; one by one"),
            }
        }
        batch
            .iter()
            .map(|(j, _)| j.process(&mut conn, settings).unwrap_or_else(|e| emergency_ack(settings, &j.raw, &e.detail)))
            .collect()
    }
}

/// An AE built without the database (it is down): the sender resends.
fn emergency_ack(settings: &IntakeSettings, raw: &[u8], detail: &str) -> Vec<u8> {
    tracing::error!(detail, "HL7 message not stored");
    let cs = sniff_charset(raw, settings.default_charset).unwrap_or(settings.default_charset);
    let header = Message::parse(&cs.decode_lossy(raw)).ok();
    let err = Hl7Error::field("MSH", 0, 207, "the server could not store the message; resend it later");
    cs.encode(&build_ack(header.as_ref(), cs, "AE", Some(&err)))
}
