//! UDP and TCP transports on one port. Incoming messages arrive on a channel
//! with their source; requests get `received`/`rport` filled in (RFC 3261
//! §18.2.1, RFC 3581) and responses are sent back to where the request came
//! from, which is what makes signalling work behind NAT.
use super::message::{SipMessage, Via};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream, UdpSocket};
use tokio::sync::mpsc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Proto {
    Udp,
    Tcp,
}

impl Proto {
    pub fn via_name(self) -> &'static str {
        match self {
            Proto::Udp => "UDP",
            Proto::Tcp => "TCP",
        }
    }
}

#[derive(Debug)]
pub struct Incoming {
    pub msg: SipMessage,
    pub source: SocketAddr,
    pub proto: Proto,
}

pub struct Transport {
    udp: Arc<UdpSocket>,
    pub local: SocketAddr,
    pub tcp_local: Option<SocketAddr>,
    tcp: Mutex<HashMap<SocketAddr, mpsc::UnboundedSender<Vec<u8>>>>,
    incoming: mpsc::UnboundedSender<Incoming>,
    /// Count of datagrams/stream chunks dropped as unparseable (for tests).
    pub dropped: std::sync::atomic::AtomicU64,
}

/// Builds a 400 for a request we could not parse, from whatever raw header
/// lines it has; `None` when it cannot be answered (then it is dropped).
fn bad_request(raw: &[u8], why: &str) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(raw.get(..raw.len().min(8192))?).ok()?;
    let first = text.lines().next()?;
    if first.starts_with("SIP/") || first.starts_with("ACK ") || !first.ends_with("SIP/2.0") {
        return None;
    }
    let mut out = format!("SIP/2.0 400 Bad Request\r\nWarning: 399 hcrm \"{}\"\r\n", why.replace('"', "'"));
    let mut have = 0;
    for line in text.lines().skip(1).take_while(|l| !l.is_empty()) {
        let name = line.split(':').next().unwrap_or("").trim().to_ascii_lowercase();
        if ["via", "v", "from", "f", "to", "t", "call-id", "i", "cseq"].contains(&name.as_str()) {
            out.push_str(line.trim_end());
            out.push_str("\r\n");
            have |= match name.as_str() {
                "via" | "v" => 1,
                "from" | "f" => 2,
                "to" | "t" => 4,
                "call-id" | "i" => 8,
                _ => 16,
            };
        }
    }
    // Without all five the reply could not be matched to anything: drop.
    if have != 31
        || SipMessage::parse(
            out.as_bytes().iter().chain(b"Content-Length: 0\r\n\r\n").copied().collect::<Vec<u8>>().as_slice(),
        )
        .is_err()
    {
        return None;
    }
    out.push_str("Content-Length: 0\r\n\r\n");
    Some(out.into_bytes())
}

impl Transport {
    pub async fn bind(ip: IpAddr, port: u16) -> std::io::Result<(Arc<Transport>, mpsc::UnboundedReceiver<Incoming>)> {
        // UDP and TCP share the port. With an ephemeral port the number the
        // UDP socket got may be taken for TCP by someone else: try another.
        let mut attempt = 0;
        let (udp, local, listener) = loop {
            let udp = UdpSocket::bind((ip, port)).await?;
            let local = udp.local_addr()?;
            let listener = TcpListener::bind((ip, local.port())).await.ok();
            attempt += 1;
            if listener.is_some() || port != 0 || attempt >= 20 {
                break (Arc::new(udp), local, listener);
            }
        };
        let tcp_local = listener.as_ref().and_then(|l| l.local_addr().ok());
        let (tx, rx) = mpsc::unbounded_channel();
        let t = Arc::new(Transport {
            udp,
            local,
            tcp_local,
            tcp: Mutex::new(HashMap::new()),
            incoming: tx,
            dropped: Default::default(),
        });
        let weak = Arc::downgrade(&t);
        let udp = t.udp.clone();
        tokio::spawn(async move {
            let mut buf = vec![0u8; 65536];
            while let Ok((n, src)) = udp.recv_from(&mut buf).await {
                let Some(t) = weak.upgrade() else { break };
                t.on_bytes(&buf[..n], src, Proto::Udp).await;
            }
        });
        if let Some(l) = listener {
            let weak = Arc::downgrade(&t);
            tokio::spawn(async move {
                while let Ok((s, peer)) = l.accept().await {
                    let Some(t) = weak.upgrade() else { break };
                    t.adopt(s, peer);
                }
            });
        }
        Ok((t, rx))
    }

    async fn on_bytes(&self, raw: &[u8], src: SocketAddr, proto: Proto) {
        if raw.iter().all(|b| b.is_ascii_whitespace()) {
            return; // keep-alive
        }
        match SipMessage::parse(raw) {
            Ok(msg) => self.deliver(msg, src, proto),
            Err(e) => {
                self.dropped.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                tracing::debug!("bad SIP from {src}: {e}");
                if let Some(reply) = bad_request(raw, &e.to_string()) {
                    let _ = self.send_raw(&reply, src, proto).await;
                }
            }
        }
    }

    fn deliver(&self, mut msg: SipMessage, source: SocketAddr, proto: Proto) {
        if msg.method().is_some() {
            if let Some(top) = msg.top_via().map(str::to_string) {
                if let Some(via) = Via::parse(&top) {
                    let mut v = top.clone();
                    if via.host != source.ip().to_string() && via.param("received").is_none() {
                        v.push_str(&format!(";received={}", source.ip()));
                    }
                    if via.param("rport") == Some("") {
                        v = v.replacen(";rport", &format!(";rport={}", source.port()), 1);
                    }
                    if v != top {
                        if let Some(h) = msg.headers.iter_mut().find(|(n, _)| n == "Via") {
                            h.1 = h.1.replacen(&top, &v, 1);
                        }
                    }
                }
            }
        }
        let _ = self.incoming.send(Incoming { msg, source, proto });
    }

    fn adopt(self: &Arc<Self>, stream: TcpStream, peer: SocketAddr) -> mpsc::UnboundedSender<Vec<u8>> {
        let _ = stream.set_nodelay(true);
        let (mut rd, mut wr) = stream.into_split();
        let (tx, mut rx) = mpsc::unbounded_channel::<Vec<u8>>();
        self.tcp.lock().unwrap().insert(peer, tx.clone());
        tokio::spawn(async move {
            while let Some(b) = rx.recv().await {
                if wr.write_all(&b).await.is_err() {
                    break;
                }
            }
        });
        let weak = Arc::downgrade(self);
        tokio::spawn(async move {
            let mut buf = Vec::new();
            let mut chunk = vec![0u8; 16384];
            loop {
                let n = match rd.read(&mut chunk).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => n,
                };
                buf.extend_from_slice(&chunk[..n]);
                let Some(t) = weak.upgrade() else { return };
                loop {
                    // Leading CRLFs are keep-alives (RFC 5626 §3.5.1).
                    while buf.first().is_some_and(|b| *b == b'\r' || *b == b'\n') {
                        buf.remove(0);
                    }
                    match SipMessage::parse_stream(&buf) {
                        Ok(Some((msg, used))) => {
                            buf.drain(..used);
                            t.deliver(msg, peer, Proto::Tcp);
                        }
                        Ok(None) => break,
                        Err(e) => {
                            // A stream cannot resynchronise: answer if we can and close.
                            t.dropped.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            if let Some(reply) = bad_request(&buf, &e.to_string()) {
                                let _ = t.send_raw(&reply, peer, Proto::Tcp).await;
                            }
                            t.tcp.lock().unwrap().remove(&peer);
                            return;
                        }
                    }
                }
            }
            if let Some(t) = weak.upgrade() {
                t.tcp.lock().unwrap().remove(&peer);
            }
        });
        tx
    }

    pub async fn send(self: &Arc<Self>, msg: &SipMessage, dest: SocketAddr, proto: Proto) -> std::io::Result<()> {
        self.send_raw(&msg.to_bytes(), dest, proto).await
    }

    pub async fn send_raw(&self, bytes: &[u8], dest: SocketAddr, proto: Proto) -> std::io::Result<()> {
        match proto {
            Proto::Udp => self.udp.send_to(bytes, dest).await.map(|_| ()),
            Proto::Tcp => {
                let existing = self.tcp.lock().unwrap().get(&dest).cloned();
                let tx = match existing {
                    Some(tx) => tx,
                    None => {
                        return Err(std::io::Error::new(
                            std::io::ErrorKind::NotConnected,
                            "no TCP connection; use connect first",
                        ))
                    }
                };
                tx.send(bytes.to_vec())
                    .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "TCP connection closed"))
            }
        }
    }

    /// Opens (or reuses) a TCP connection to `dest`; returns our local address on it.
    pub async fn connect(self: &Arc<Self>, dest: SocketAddr) -> std::io::Result<()> {
        if self.tcp.lock().unwrap().contains_key(&dest) {
            return Ok(());
        }
        let s = TcpStream::connect(dest).await?;
        self.adopt(s, dest);
        Ok(())
    }
}
