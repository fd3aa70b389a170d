//! An SMPP 3.4 ESME client: binds as transceiver or transmitter, submits
//! with a window of outstanding requests matched by sequence number, answers
//! the SMSC's enquire_link and deliver_sm, keeps the link alive with its own
//! enquire_link, and reconnects after a lost connection.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, oneshot, watch};

use super::pdu::{self, Bind, Body, Pdu, ShortMessage};
use crate::config::SmppConfig;

/// What the SMSC sent us on its own: receipts and mobile-originated texts.
#[derive(Debug, Clone)]
pub enum Inbound {
    Receipt(pdu::ReceiptInfo),
    Message { from: String, text: String },
}

#[derive(Debug, Clone)]
pub enum ClientError {
    /// The link failed (connect, bind, lost, timed out): worth retrying.
    Link(String),
    /// The SMSC answered with an error status.
    Status(u32),
}

impl std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClientError::Link(s) => write!(f, "SMPP link: {s}"),
            ClientError::Status(s) => write!(f, "SMSC answered command_status 0x{s:08X}"),
        }
    }
}

struct Link {
    writer: mpsc::UnboundedSender<Vec<u8>>,
    pending: Mutex<HashMap<u32, oneshot::Sender<Pdu>>>,
    closed: AtomicBool,
    shutdown: watch::Sender<bool>,
}

impl Link {
    fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
        let _ = self.shutdown.send(true);
        // Dropping the senders fails every request still waiting.
        self.pending.lock().unwrap().clear();
    }
}

/// Called for each receipt or message the SMSC delivers.
pub type InboundFn = Arc<dyn Fn(Inbound) + Send + Sync>;

pub struct SmppClient {
    config: SmppConfig,
    link: tokio::sync::Mutex<Option<Arc<Link>>>,
    sequence: AtomicU32,
    on_inbound: InboundFn,
    keepalive_started: AtomicBool,
}

impl SmppClient {
    pub fn new(config: SmppConfig, on_inbound: InboundFn) -> Arc<SmppClient> {
        Arc::new(SmppClient {
            config,
            link: tokio::sync::Mutex::new(None),
            sequence: AtomicU32::new(1),
            on_inbound,
            keepalive_started: AtomicBool::new(false),
        })
    }

    fn next_sequence(&self) -> u32 {
        // Sequence numbers run 1..=0x7FFFFFFF.
        let s = self.sequence.fetch_add(1, Ordering::Relaxed) & 0x7FFF_FFFF;
        if s == 0 {
            self.sequence.fetch_add(1, Ordering::Relaxed) & 0x7FFF_FFFF
        } else {
            s
        }
    }

    fn timeout(&self) -> Duration {
        Duration::from_millis(self.config.response_timeout_ms.max(100))
    }

    /// The bound link, connecting and binding first when there is none.
    ///
    /// Boxed with an explicit `Send`: the keep-alive task it spawns calls it
    /// again, and the compiler cannot infer `Send` through that cycle.
    fn link(
        self: &Arc<Self>,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Arc<Link>, ClientError>> + Send + '_>> {
        Box::pin(self.link_inner())
    }

    async fn link_inner(self: &Arc<Self>) -> Result<Arc<Link>, ClientError> {
        let mut guard = self.link.lock().await;
        if let Some(l) = guard.as_ref() {
            if !l.closed.load(Ordering::SeqCst) {
                return Ok(l.clone());
            }
        }
        *guard = None;
        let link = self.connect().await?;
        *guard = Some(link.clone());
        if !self.keepalive_started.swap(true, Ordering::SeqCst) {
            tokio::spawn(keepalive(Arc::downgrade(self)));
        }
        Ok(link)
    }

    async fn connect(self: &Arc<Self>) -> Result<Arc<Link>, ClientError> {
        let stream = tokio::time::timeout(self.timeout(), TcpStream::connect(&self.config.address))
            .await
            .map_err(|_| ClientError::Link(format!("connecting to {} timed out", self.config.address)))?
            .map_err(|e| ClientError::Link(format!("cannot connect to {}: {e}", self.config.address)))?;
        let _ = stream.set_nodelay(true);
        let (mut rd, mut wr) = stream.into_split();
        let (writer, mut outgoing) = mpsc::unbounded_channel::<Vec<u8>>();
        let (shutdown, mut stop_w) = watch::channel(false);
        let mut stop_r = shutdown.subscribe();
        let link =
            Arc::new(Link { writer, pending: Mutex::new(HashMap::new()), closed: AtomicBool::new(false), shutdown });

        let wlink = link.clone();
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    m = outgoing.recv() => match m {
                        Some(bytes) => if wr.write_all(&bytes).await.is_err() { break },
                        None => break,
                    },
                    _ = stop_w.changed() => break,
                }
            }
            let _ = wr.shutdown().await;
            wlink.close();
        });

        let rlink = link.clone();
        let inbound = self.on_inbound.clone();
        tokio::spawn(async move {
            let mut buf = Vec::with_capacity(4096);
            let mut chunk = [0u8; 4096];
            'read: loop {
                let n = tokio::select! {
                    r = rd.read(&mut chunk) => match r { Ok(0) | Err(_) => break, Ok(n) => n },
                    _ = stop_r.changed() => break,
                };
                buf.extend_from_slice(&chunk[..n]);
                loop {
                    match Pdu::decode(&buf) {
                        Ok(Some((p, used))) => {
                            buf.drain(..used);
                            handle_incoming(&rlink, &inbound, p);
                        }
                        Ok(None) => break,
                        Err(e) => {
                            tracing::warn!(error = %e, "SMPP stream is corrupt; dropping the link");
                            break 'read;
                        }
                    }
                }
            }
            rlink.close();
        });

        let bind_id = match self.config.bind.as_str() {
            "transmitter" => pdu::BIND_TRANSMITTER,
            _ => pdu::BIND_TRANSCEIVER,
        };
        let bind = Body::Bind(Bind {
            system_id: self.config.system_id.clone(),
            password: self.config.password.clone(),
            system_type: self.config.system_type.clone(),
            interface_version: 0x34,
            ..Default::default()
        });
        let resp = self.request(&link, bind_id, bind).await;
        match resp {
            Ok(_) => Ok(link),
            Err(e) => {
                link.close();
                Err(match e {
                    ClientError::Status(s) => ClientError::Link(format!("bind refused with command_status 0x{s:08X}")),
                    other => other,
                })
            }
        }
    }

    async fn request(&self, link: &Link, command_id: u32, body: Body) -> Result<Pdu, ClientError> {
        let seq = self.next_sequence();
        let (tx, rx) = oneshot::channel();
        link.pending.lock().unwrap().insert(seq, tx);
        if link.closed.load(Ordering::SeqCst) || link.writer.send(Pdu::new(command_id, seq, body).encode()).is_err() {
            link.pending.lock().unwrap().remove(&seq);
            return Err(ClientError::Link("connection lost".into()));
        }
        match tokio::time::timeout(self.timeout(), rx).await {
            Ok(Ok(resp)) if resp.command_id == pdu::GENERIC_NACK => Err(ClientError::Status(resp.status)),
            Ok(Ok(resp)) if resp.status != pdu::ESME_ROK => Err(ClientError::Status(resp.status)),
            Ok(Ok(resp)) => Ok(resp),
            Ok(Err(_)) => Err(ClientError::Link("connection lost before the answer".into())),
            Err(_) => {
                // A silent SMSC: start over on a fresh link.
                link.pending.lock().unwrap().remove(&seq);
                link.close();
                Err(ClientError::Link("no answer in time".into()))
            }
        }
    }

    /// Submits one short message and returns the SMSC's message id.
    pub async fn submit(self: &Arc<Self>, sm: ShortMessage) -> Result<String, ClientError> {
        let link = self.link().await?;
        match self.request(&link, pdu::SUBMIT_SM, Body::SubmitSm(sm)).await?.body {
            Body::SubmitSmResp { message_id } => Ok(message_id),
            _ => Err(ClientError::Link("unexpected answer to submit_sm".into())),
        }
    }

    /// Unbinds politely (used at shutdown and by tests).
    pub async fn unbind(&self) {
        let link = self.link.lock().await.take();
        if let Some(l) = link {
            let _ = self.request(&l, pdu::UNBIND, Body::Empty).await;
            l.close();
        }
    }
}

fn handle_incoming(link: &Link, inbound: &InboundFn, p: Pdu) {
    if p.command_id & pdu::RESP != 0 {
        if let Some(tx) = link.pending.lock().unwrap().remove(&p.sequence) {
            let _ = tx.send(p);
        }
        return;
    }
    let answer = match (&p.command_id, &p.body) {
        (&pdu::DELIVER_SM, Body::DeliverSm(sm)) => {
            // Some SMSCs omit the receipt flag; a parseable receipt text counts.
            if let Some(r) = pdu::parse_receipt(sm) {
                inbound(Inbound::Receipt(r));
            } else {
                let d = pdu::decode_text(sm.esm_class, sm.data_coding, &sm.short_message);
                inbound(Inbound::Message { from: sm.source_addr.clone(), text: d.text });
            }
            p.response(pdu::ESME_ROK, Body::DeliverSmResp)
        }
        (&pdu::ENQUIRE_LINK, _) => p.response(pdu::ESME_ROK, Body::Empty),
        (&pdu::UNBIND, _) => {
            let _ = link.writer.send(p.response(pdu::ESME_ROK, Body::Empty).encode());
            link.close();
            return;
        }
        _ => {
            Pdu { command_id: pdu::GENERIC_NACK, status: pdu::ESME_RINVCMDID, sequence: p.sequence, body: Body::Empty }
        }
    };
    let _ = link.writer.send(answer.encode());
}

/// enquire_link on a timer; rebinds a lost link so receipts keep coming.
async fn keepalive(client: std::sync::Weak<SmppClient>) {
    loop {
        let period = match client.upgrade() {
            Some(c) => Duration::from_secs(c.config.enquire_link_seconds.max(1)),
            None => return,
        };
        tokio::time::sleep(period).await;
        let Some(c) = client.upgrade() else { return };
        match c.link().await {
            Ok(link) => {
                if let Err(e) = c.request(&link, pdu::ENQUIRE_LINK, Body::Empty).await {
                    tracing::warn!(error = %e, "SMPP enquire_link failed; reconnecting");
                    link.close();
                }
            }
            Err(e) => tracing::warn!(error = %e, "SMPP reconnect failed"),
        }
    }
}
