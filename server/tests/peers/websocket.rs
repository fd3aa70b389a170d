//! A minimal RFC 6455 client: the handshake and reading text frames, which
//! is all the push channel needs from a browser.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

#[derive(Debug)]
pub struct WsClient {
    stream: TcpStream,
}

impl WsClient {
    /// Connects and upgrades; returns the HTTP status line on refusal.
    pub async fn connect(addr: std::net::SocketAddr, path: &str) -> Result<WsClient, String> {
        let mut stream = TcpStream::connect(addr).await.map_err(|e| e.to_string())?;
        let req = format!(
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        );
        stream.write_all(req.as_bytes()).await.map_err(|e| e.to_string())?;
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            if stream.read_exact(&mut byte).await.is_err() {
                break;
            }
            head.push(byte[0]);
        }
        let text = String::from_utf8_lossy(&head).to_string();
        let status = text.lines().next().unwrap_or_default().to_string();
        if !status.contains(" 101 ") {
            return Err(status);
        }
        // The accept key for the sample nonce of RFC 6455 section 1.3.
        assert!(text.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), "{text}");
        Ok(WsClient { stream })
    }

    /// The next text frame as JSON (server frames are unmasked).
    pub async fn next_json(&mut self) -> serde_json::Value {
        self.next().await.expect("the server closed the WebSocket")
    }

    /// The next text frame, or `None` once the server closes.
    pub async fn next(&mut self) -> Option<serde_json::Value> {
        loop {
            let mut h = [0u8; 2];
            if self.stream.read_exact(&mut h).await.is_err() {
                return None;
            }
            let opcode = h[0] & 0x0F;
            let mut len = (h[1] & 0x7F) as u64;
            if len == 126 {
                let mut b = [0u8; 2];
                self.stream.read_exact(&mut b).await.unwrap();
                len = u16::from_be_bytes(b) as u64;
            } else if len == 127 {
                let mut b = [0u8; 8];
                self.stream.read_exact(&mut b).await.unwrap();
                len = u64::from_be_bytes(b);
            }
            let mut payload = vec![0u8; len as usize];
            self.stream.read_exact(&mut payload).await.unwrap();
            match opcode {
                1 => return Some(serde_json::from_slice(&payload).expect("JSON text frame")),
                8 => return None,
                _ => continue,
            }
        }
    }
}
