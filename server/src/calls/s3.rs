//! Recordings in S3-compatible object storage (MinIO, Ceph RGW, a cloud's
//! object service), `[recordings] store = "s3"`.
//!
//! Objects cannot be written at an offset, so an upload in progress is
//! staged as a file under `[recordings] dir` (resume works as with the
//! directory store); when its checksum matches, `complete` puts the whole
//! object and removes the staged file, before the database marks the
//! recording complete. Plays read the object with HTTP range requests.
//! Requests are signed with AWS Signature Version 4 (path-style URLs).

use std::fs::File;
use std::io::Read;
use std::sync::OnceLock;

use chrono::Utc;
use sha2::{Digest, Sha256};

use super::store::{DirStore, RecordingStore};
use crate::config::RecordingsConfig;

pub struct S3Store {
    /// `http(s)://host[:port]`, no trailing slash.
    endpoint: String,
    host: String,
    bucket: String,
    region: String,
    access_key: String,
    secret_key: String,
    staging: DirStore,
}

/// One blocking client for the process: made on first use (always on a
/// blocking thread) and never dropped, as reqwest's blocking client must
/// not be dropped inside the async runtime.
fn client() -> &'static reqwest::blocking::Client {
    static CLIENT: OnceLock<reqwest::blocking::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::blocking::Client::builder().timeout(std::time::Duration::from_secs(300)).build().expect("HTTP client")
    })
}

fn io_err(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut k = [0u8; BLOCK];
    if key.len() > BLOCK {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let (mut inner, mut outer) = (Sha256::new(), Sha256::new());
    inner.update(k.map(|b| b ^ 0x36));
    inner.update(data);
    outer.update(k.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

/// RFC 3986 encoding of a path, keeping `/`.
fn encode_path(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The SigV4 canonical request; `headers` are lower-case and sorted.
fn canonical_request(method: &str, path: &str, headers: &[(&str, &str)], payload_hash: &str) -> String {
    let lines: String = headers.iter().map(|(k, v)| format!("{k}:{}\n", v.trim())).collect();
    let names: Vec<&str> = headers.iter().map(|(k, _)| *k).collect();
    format!("{method}\n{path}\n\n{lines}\n{}\n{payload_hash}", names.join(";"))
}

/// The SigV4 signature of a canonical request for S3 in `region`.
fn sign(secret: &str, date: &str, region: &str, amz_date: &str, canonical: &str) -> String {
    let scope = format!("{date}/{region}/s3/aws4_request");
    let to_sign =
        format!("AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}", hex::encode(Sha256::digest(canonical.as_bytes())));
    let mut k = hmac(format!("AWS4{secret}").as_bytes(), date.as_bytes());
    for part in [region, "s3", "aws4_request"] {
        k = hmac(&k, part.as_bytes());
    }
    hex::encode(hmac(&k, to_sign.as_bytes()))
}

impl S3Store {
    pub fn new(config: &RecordingsConfig) -> Result<S3Store, String> {
        let s3 = &config.s3;
        let endpoint = s3.endpoint.trim().trim_end_matches('/').to_string();
        let host = endpoint
            .strip_prefix("https://")
            .or_else(|| endpoint.strip_prefix("http://"))
            .filter(|h| !h.is_empty() && !h.contains('/'))
            .ok_or_else(|| format!("[recordings.s3] endpoint {endpoint:?}: use http(s)://host[:port]"))?
            .to_string();
        for (name, v) in [("bucket", &s3.bucket), ("access_key", &s3.access_key), ("secret_key", &s3.secret_key)] {
            if v.trim().is_empty() {
                return Err(format!("[recordings.s3] {name} is empty"));
            }
        }
        Ok(S3Store {
            endpoint,
            host,
            bucket: s3.bucket.trim().to_string(),
            region: if s3.region.trim().is_empty() { "us-east-1".into() } else { s3.region.trim().to_string() },
            access_key: s3.access_key.clone(),
            secret_key: s3.secret_key.clone(),
            staging: DirStore { root: config.dir.join("staging") },
        })
    }

    fn path_of(&self, key: &str) -> String {
        encode_path(&if key.is_empty() { format!("/{}", self.bucket) } else { format!("/{}/{key}", self.bucket) })
    }

    /// A request signed with SigV4; the payload is sent unsigned (its
    /// integrity is the recording's own SHA-256, checked before and after).
    fn request(&self, method: reqwest::Method, key: &str) -> reqwest::blocking::RequestBuilder {
        let now = Utc::now();
        let (amz_date, date) = (now.format("%Y%m%dT%H%M%SZ").to_string(), now.format("%Y%m%d").to_string());
        let path = self.path_of(key);
        let payload = "UNSIGNED-PAYLOAD";
        let headers =
            [("host", self.host.as_str()), ("x-amz-content-sha256", payload), ("x-amz-date", amz_date.as_str())];
        let canonical = canonical_request(method.as_str(), &path, &headers, payload);
        let scope = format!("{date}/{}/s3/aws4_request", self.region);
        let signature = sign(&self.secret_key, &date, &self.region, &amz_date, &canonical);
        client()
            .request(method, format!("{}{path}", self.endpoint))
            .header("x-amz-date", amz_date)
            .header("x-amz-content-sha256", payload)
            .header(
                "authorization",
                format!("AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature={signature}", self.access_key),
            )
    }

    fn send(&self, req: reqwest::blocking::RequestBuilder, what: &str) -> std::io::Result<reqwest::blocking::Response> {
        let res = req.send().map_err(|e| io_err(format!("object storage {what}: {e}")))?;
        if res.status().is_success() {
            return Ok(res);
        }
        let status = res.status();
        let body: String = res.text().unwrap_or_default().chars().take(300).collect();
        Err(io_err(format!("object storage {what}: {status} {body}")))
    }

    /// Makes the bucket (set-up scripts and tests; production buckets are
    /// usually made by the storage administrator).
    pub fn create_bucket(&self) -> std::io::Result<()> {
        self.send(self.request(reqwest::Method::PUT, ""), "create bucket").map(|_| ())
    }

    /// The object's bytes, whole (tests and checks).
    pub fn get(&self, key: &str) -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        self.send(self.request(reqwest::Method::GET, key), "read")?.read_to_end(&mut out)?;
        Ok(out)
    }

    fn staged(&self, key: &str) -> bool {
        self.staging.root.join(key).is_file()
    }
}

impl RecordingStore for S3Store {
    fn write_at(&self, key: &str, offset: u64, data: &[u8]) -> std::io::Result<()> {
        self.staging.write_at(key, offset, data)
    }

    fn sha256(&self, key: &str) -> std::io::Result<String> {
        if self.staged(key) {
            return self.staging.sha256(key);
        }
        Ok(hex::encode(Sha256::digest(self.get(key)?)))
    }

    fn complete(&self, key: &str) -> std::io::Result<()> {
        let path = self.staging.root.join(key);
        let len = std::fs::metadata(&path)?.len();
        let file = File::open(&path)?;
        let req = self
            .request(reqwest::Method::PUT, key)
            .header("content-length", len)
            .header("content-type", "audio/wav")
            .body(reqwest::blocking::Body::sized(file, len));
        self.send(req, "write")?;
        self.staging.delete(key)
    }

    fn read_range(&self, key: &str, start: u64, len: u64) -> std::io::Result<Box<dyn Read + Send>> {
        if len == 0 {
            return Ok(Box::new(std::io::empty()));
        }
        let req = self.request(reqwest::Method::GET, key).header("range", format!("bytes={start}-{}", start + len - 1));
        Ok(Box::new(self.send(req, "read")?.take(len)))
    }

    fn delete(&self, key: &str) -> std::io::Result<()> {
        self.staging.delete(key)?;
        self.send(self.request(reqwest::Method::DELETE, key), "delete").map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_sha256_matches_rfc_4231() {
        // RFC 4231 test case 2.
        assert_eq!(
            hex::encode(hmac(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn signatures_match_the_s3_documentation_example() {
        // "Example: GET Object" of the S3 SigV4 documentation.
        let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        let headers = [
            ("host", "examplebucket.s3.amazonaws.com"),
            ("range", "bytes=0-9"),
            ("x-amz-content-sha256", empty),
            ("x-amz-date", "20130524T000000Z"),
        ];
        let canonical = canonical_request("GET", "/test.txt", &headers, empty);
        let sig =
            sign("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "20130524", "us-east-1", "20130524T000000Z", &canonical);
        assert_eq!(sig, "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    #[test]
    fn keys_are_percent_encoded_but_keep_slashes() {
        assert_eq!(encode_path("/b/1/2026-11/a b.wav"), "/b/1/2026-11/a%20b.wav");
    }

    #[test]
    fn the_configuration_is_checked() {
        let mut c = RecordingsConfig { store: "s3".into(), ..Default::default() };
        c.s3.endpoint = "minio:9000".into();
        assert!(S3Store::new(&c).err().unwrap().contains("endpoint"));
        c.s3.endpoint = "http://minio:9000".into();
        assert!(S3Store::new(&c).err().unwrap().contains("bucket"));
    }
}
