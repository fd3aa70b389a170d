//! An SMSC written for the tests. It speaks SMPP 3.4 on the wire with its
//! own byte-level parsing (not the server's codec, so a shared mistake
//! cannot hide): bind_transceiver/transmitter, submit_sm with
//! submit_sm_resp, deliver_sm receipts (answered by deliver_sm_resp),
//! enquire_link, unbind, and, on request, a connection dropped in the middle
//! of a batch.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

#[derive(Debug, Clone)]
pub struct Submitted {
    pub destination: String,
    pub source: String,
    pub esm_class: u8,
    pub data_coding: u8,
    pub registered_delivery: u8,
    pub short_message: Vec<u8>,
    pub message_id: String,
}

impl Submitted {
    /// (reference, total, seq) from a concatenation UDH.
    pub fn udh(&self) -> Option<(u8, u8, u8)> {
        let m = &self.short_message;
        (self.esm_class & 0x40 != 0 && m.len() >= 6 && m[0] == 5 && m[1] == 0 && m[2] == 3).then(|| (m[3], m[4], m[5]))
    }

    pub fn text(&self) -> String {
        let payload = if self.udh().is_some() { &self.short_message[6..] } else { &self.short_message[..] };
        if self.data_coding == 8 {
            let units: Vec<u16> = payload.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16(&units).expect("valid UCS-2")
        } else {
            String::from_utf8(payload.to_vec()).unwrap()
        }
    }
}

#[derive(Default)]
pub struct SmscState {
    pub submitted: Mutex<Vec<Submitted>>,
    pub binds: AtomicUsize,
    pub enquire_links: AtomicUsize,
    pub receipts_acknowledged: AtomicUsize,
    /// Drop the connection (without answering) when this many submits have
    /// been accepted, once.
    pub drop_after: Mutex<Option<usize>>,
    /// Numbers whose messages fail to deliver.
    pub undeliverable: Mutex<Vec<String>>,
    /// deliver_sm bodies not yet acknowledged, by message id. Like a real
    /// SMSC it delivers them again on the next bind after a lost link.
    pub unacknowledged: Mutex<Vec<(String, Vec<u8>)>>,
    /// Writers of bound transceiver sessions, newest last.
    pub sessions: Mutex<Vec<mpsc::UnboundedSender<Option<Vec<u8>>>>>,
}

pub struct Smsc {
    pub addr: SocketAddr,
    pub state: Arc<SmscState>,
}

pub const SYSTEM_ID: &str = "hcrm";
pub const PASSWORD: &str = "secret";

impl Smsc {
    pub async fn start() -> Smsc {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(SmscState::default());
        let st = state.clone();
        tokio::spawn(async move {
            loop {
                let (sock, _) = listener.accept().await.unwrap();
                tokio::spawn(session(sock, st.clone()));
            }
        });
        Smsc { addr, state }
    }

    pub fn submitted(&self) -> Vec<Submitted> {
        self.state.submitted.lock().unwrap().clone()
    }

    /// A patient's reply (mobile-originated deliver_sm, UCS-2) on the
    /// newest bound session.
    pub fn send_mo(&self, from: &str, text: &str) {
        let ucs2: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let mut b = vec![0, 1, 1];
        b.extend_from_slice(from.as_bytes());
        b.extend_from_slice(&[0, 0, 0]);
        b.extend_from_slice(b"10690001\0");
        // esm_class 0 (a message, not a receipt), data_coding 8.
        b.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 8, 0, ucs2.len() as u8]);
        b.extend_from_slice(&ucs2);
        let tx = self.state.sessions.lock().unwrap().last().cloned().expect("a bound session");
        let _ = tx.send(Some(pdu(0x0000_0005, 0, 77_777, &b)));
    }

    pub fn sms_config(&self) -> hcrm_server::config::SmsConfig {
        let mut c = hcrm_server::config::SmsConfig {
            provider: "smpp".into(),
            quiet_hours: "off".into(),
            per_number_per_hour: 0,
            ..Default::default()
        };
        c.smpp.address = self.addr.to_string();
        c.smpp.system_id = SYSTEM_ID.into();
        c.smpp.password = PASSWORD.into();
        c.smpp.source_addr = "10690001".into();
        c.smpp.enquire_link_seconds = 1;
        c.smpp.response_timeout_ms = 2000;
        c
    }
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

fn pdu(command_id: u32, status: u32, seq: u32, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + body.len());
    out.extend_from_slice(&((16 + body.len()) as u32).to_be_bytes());
    out.extend_from_slice(&command_id.to_be_bytes());
    out.extend_from_slice(&status.to_be_bytes());
    out.extend_from_slice(&seq.to_be_bytes());
    out.extend_from_slice(body);
    out
}

/// Reads a NUL-terminated string at `*i`.
fn cstring(b: &[u8], i: &mut usize) -> String {
    let end = *i + b[*i..].iter().position(|&c| c == 0).expect("C-Octet String without NUL");
    let s = String::from_utf8(b[*i..end].to_vec()).unwrap();
    *i = end + 1;
    s
}

async fn session(sock: TcpStream, st: Arc<SmscState>) {
    let (mut rd, mut wr) = sock.into_split();
    let (tx, mut rx) = mpsc::unbounded_channel::<Option<Vec<u8>>>();
    // One writer, so receipts and responses never interleave mid-PDU.
    tokio::spawn(async move {
        while let Some(Some(bytes)) = rx.recv().await {
            if wr.write_all(&bytes).await.is_err() {
                break;
            }
        }
        let _ = wr.shutdown().await;
    });
    let mut out_seq = 1_000u32;
    let mut bound = false;
    // Our deliver_sm sequence numbers -> message ids, to match the resp.
    let sent_receipts: Arc<Mutex<std::collections::HashMap<u32, String>>> = Default::default();
    loop {
        let mut head = [0u8; 16];
        if rd.read_exact(&mut head).await.is_err() {
            return;
        }
        let len = u32_at(&head, 0) as usize;
        assert!((16..=65536).contains(&len), "client sent command_length {len}");
        let (id, seq) = (u32_at(&head, 4), u32_at(&head, 12));
        let mut body = vec![0u8; len - 16];
        if rd.read_exact(&mut body).await.is_err() {
            return;
        }
        match id {
            // bind_transmitter, bind_transceiver
            0x0000_0002 | 0x0000_0009 => {
                let mut i = 0;
                let (system_id, password) = (cstring(&body, &mut i), cstring(&body, &mut i));
                let _system_type = cstring(&body, &mut i);
                assert_eq!(body[i], 0x34, "interface_version must be 3.4");
                let ok = system_id == SYSTEM_ID && password == PASSWORD;
                st.binds.fetch_add(1, Ordering::SeqCst);
                bound = ok;
                // ESME_RINVPASWD on a wrong password.
                let _ = tx.send(Some(pdu(id | 0x8000_0000, if ok { 0 } else { 0x0E }, seq, b"TESTSMSC\0")));
                if ok && id == 0x0000_0009 {
                    st.sessions.lock().unwrap().push(tx.clone());
                    let backlog = st.unacknowledged.lock().unwrap().clone();
                    for (message_id, body) in backlog {
                        out_seq += 1;
                        sent_receipts.lock().unwrap().insert(out_seq, message_id);
                        let _ = tx.send(Some(pdu(0x0000_0005, 0, out_seq, &body)));
                    }
                }
            }
            // submit_sm
            0x0000_0004 => {
                if !bound {
                    let _ = tx.send(Some(pdu(0x8000_0004, 0x04, seq, &[]))); // ESME_RINVBNDSTS
                    continue;
                }
                let accepted = st.submitted.lock().unwrap().len();
                let drop_now = {
                    let mut d = st.drop_after.lock().unwrap();
                    let now = *d == Some(accepted);
                    if now {
                        *d = None;
                    }
                    now
                };
                if drop_now {
                    let _ = tx.send(None);
                    // Read until the client closes: closing with its
                    // pipelined submits unread would send a RST, and the RST
                    // can discard the responses to submits we accepted before
                    // the client reads them. The client would then resend
                    // those, which is right for SMPP but not what this drop
                    // is meant to test.
                    let mut sink = [0u8; 4096];
                    while matches!(rd.read(&mut sink).await, Ok(n) if n > 0) {}
                    return;
                }
                let mut i = 0;
                let _service_type = cstring(&body, &mut i);
                i += 2;
                let source = cstring(&body, &mut i);
                i += 2;
                let destination = cstring(&body, &mut i);
                let esm_class = body[i];
                i += 3; // esm_class, protocol_id, priority_flag
                let _schedule = cstring(&body, &mut i);
                let _validity = cstring(&body, &mut i);
                let registered_delivery = body[i];
                let data_coding = body[i + 2];
                let sm_length = body[i + 4] as usize;
                let short_message = body[i + 5..i + 5 + sm_length].to_vec();
                let message_id = format!("M{:06}", accepted + 1);
                st.submitted.lock().unwrap().push(Submitted {
                    destination: destination.clone(),
                    source,
                    esm_class,
                    data_coding,
                    registered_delivery,
                    short_message,
                    message_id: message_id.clone(),
                });
                let _ = tx.send(Some(pdu(0x8000_0004, 0, seq, format!("{message_id}\0").as_bytes())));
                if registered_delivery & 1 == 1 {
                    let failed = st.undeliverable.lock().unwrap().contains(&destination);
                    let stat = if failed { "UNDELIV err:001" } else { "DELIVRD err:000" };
                    let text = format!("id:{message_id} sub:001 dlvrd:001 submit date:2611221200 done date:2611221201 stat:{stat} text:");
                    // deliver_sm: service_type, src ton/npi/addr, dst ton/npi/addr,
                    // esm_class 0x04 (receipt), protocol_id, priority,
                    // schedule, validity, registered_delivery, replace,
                    // data_coding, sm_default_msg_id, sm_length, text.
                    let mut b = vec![0, 1, 1];
                    b.extend_from_slice(destination.as_bytes());
                    b.extend_from_slice(&[0, 0, 0]);
                    b.extend_from_slice(b"10690001\0");
                    b.extend_from_slice(&[0x04, 0, 0, 0, 0, 0, 0, 0, 0, text.len() as u8]);
                    b.extend_from_slice(text.as_bytes());
                    out_seq += 1;
                    let receipt = pdu(0x0000_0005, 0, out_seq, &b);
                    st.unacknowledged.lock().unwrap().push((message_id.clone(), b));
                    sent_receipts.lock().unwrap().insert(out_seq, message_id.clone());
                    let tx = tx.clone();
                    tokio::spawn(async move {
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        let _ = tx.send(Some(receipt));
                    });
                }
            }
            // deliver_sm_resp
            0x8000_0005 => {
                st.receipts_acknowledged.fetch_add(1, Ordering::SeqCst);
                if let Some(mid) = sent_receipts.lock().unwrap().remove(&seq) {
                    st.unacknowledged.lock().unwrap().retain(|(m, _)| *m != mid);
                }
            }
            // enquire_link
            0x0000_0015 => {
                st.enquire_links.fetch_add(1, Ordering::SeqCst);
                let _ = tx.send(Some(pdu(0x8000_0015, 0, seq, &[])));
            }
            // unbind
            0x0000_0006 => {
                let _ = tx.send(Some(pdu(0x8000_0006, 0, seq, &[])));
                let _ = tx.send(None);
                return;
            }
            // enquire_link_resp and others we never asked for
            0x8000_0015 => {}
            _ => {
                let _ = tx.send(Some(pdu(0x8000_0000, 0x03, seq, &[]))); // generic_nack ESME_RINVCMDID
            }
        }
    }
}
