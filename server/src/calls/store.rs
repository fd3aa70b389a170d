//! Where recording bytes live. The database holds what is known about an
//! upload; a [`RecordingStore`] holds the bytes, so object storage can
//! replace the directory by configuration (`[recordings] store`).

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::config::RecordingsConfig;

pub trait RecordingStore: Send + Sync {
    /// Writes `data` at `offset`, dropping whatever the object held from
    /// `offset` on (bytes of an attempt that died before the database
    /// recorded them), and makes it durable before returning.
    fn write_at(&self, key: &str, offset: u64, data: &[u8]) -> std::io::Result<()>;
    /// SHA-256 of the stored bytes, lower-case hex.
    fn sha256(&self, key: &str) -> std::io::Result<String>;
    /// A reader over `len` bytes from `start`.
    fn read_range(&self, key: &str, start: u64, len: u64) -> std::io::Result<Box<dyn Read + Send>>;
    fn delete(&self, key: &str) -> std::io::Result<()>;
    /// All bytes arrived and their checksum matched: make the object final
    /// (object storage puts it now). Called before the database says so.
    fn complete(&self, _key: &str) -> std::io::Result<()> {
        Ok(())
    }
}

/// Opens the store the configuration names.
pub fn open(config: &RecordingsConfig) -> Result<Arc<dyn RecordingStore>, String> {
    match config.store.as_str() {
        "dir" | "" => Ok(Arc::new(DirStore { root: config.dir.clone() })),
        "s3" => Ok(Arc::new(super::s3::S3Store::new(config)?)),
        other => Err(format!("[recordings] store = {other:?} is not supported; use \"dir\" or \"s3\"")),
    }
}

/// Recordings as files: `<dir>/<hospital>/<yyyy-mm>/<uuid>.wav`.
pub struct DirStore {
    pub root: PathBuf,
}

impl DirStore {
    fn path(&self, key: &str) -> std::io::Result<PathBuf> {
        // Keys are made by the server from a validated UUID; refuse anything
        // that could leave the directory all the same.
        if key.split('/').any(|part| part.is_empty() || part == "." || part == "..") || key.contains('\\') {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "bad recording key"));
        }
        Ok(self.root.join(key))
    }
}

impl RecordingStore for DirStore {
    fn write_at(&self, key: &str, offset: u64, data: &[u8]) -> std::io::Result<()> {
        let path = self.path(key)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut f = OpenOptions::new().create(true).truncate(false).write(true).open(&path)?;
        f.set_len(offset)?;
        f.seek(SeekFrom::Start(offset))?;
        f.write_all(data)?;
        f.sync_data()
    }

    fn sha256(&self, key: &str) -> std::io::Result<String> {
        let mut f = File::open(self.path(key)?)?;
        let mut h = Sha256::new();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = f.read(&mut buf)?;
            if n == 0 {
                break;
            }
            h.update(&buf[..n]);
        }
        Ok(hex::encode(h.finalize()))
    }

    fn read_range(&self, key: &str, start: u64, len: u64) -> std::io::Result<Box<dyn Read + Send>> {
        let mut f = File::open(self.path(key)?)?;
        f.seek(SeekFrom::Start(start))?;
        Ok(Box::new(f.take(len)))
    }

    fn delete(&self, key: &str) -> std::io::Result<()> {
        match std::fs::remove_file(self.path(key)?) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewriting_from_an_offset_drops_the_tail() {
        let dir = tempfile::tempdir().unwrap();
        let s = DirStore { root: dir.path().into() };
        s.write_at("1/a.wav", 0, b"hello world").unwrap();
        s.write_at("1/a.wav", 5, b"!!").unwrap();
        let mut out = String::new();
        s.read_range("1/a.wav", 0, 100).unwrap().read_to_string(&mut out).unwrap();
        assert_eq!(out, "hello!!");
        assert!(s.write_at("../x", 0, b"").is_err());
        assert_eq!(s.sha256("1/a.wav").unwrap().len(), 64);
    }
}
