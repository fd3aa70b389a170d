//! Where recording bytes live. The database holds what is known about an
//! upload; a [`RecordingStore`] holds the bytes, in a directory or in
//! S3-compatible object storage (`[recordings] store`), both through the
//! `object_store` crate.
//!
//! Neither can write an object at an offset, so an upload in progress is
//! staged as a plain file under `<dir>/staging` (chunks land at their
//! offsets, resume works after a restart); when its checksum matches,
//! [`RecordingStore::complete`] copies the whole file into the store and the
//! staged file is dropped once the database says the recording is complete.
//! Plays read the stored object by range.
//!
//! None of this runs inside a database transaction: the caller moves bytes
//! first and records the outcome in a short transaction afterwards.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::Bytes;
use futures_util::stream::{BoxStream, StreamExt};
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::{GetOptions, GetRange, ObjectStore};
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::config::RecordingsConfig;
use crate::error::{ApiError, ApiResult};

/// Where finished recordings go.
enum Objects {
    /// Files under this directory; the `LocalFileSystem` is made on first
    /// use, as it needs the directory to exist (a server that never stores
    /// a recording never creates it).
    Dir { root: PathBuf, store: OnceLock<Arc<dyn ObjectStore>> },
    /// Object storage, or anything else `object_store` speaks (tests).
    Remote(Arc<dyn ObjectStore>),
}

pub struct RecordingStore {
    objects: Objects,
    /// Uploads in progress, one file per key.
    staging: PathBuf,
    /// Named in the details of errors: "recording directory" or "object
    /// storage".
    name: &'static str,
    /// Sent with each object (object storage keeps it; a directory cannot).
    content_type: Option<&'static str>,
    /// One lock per recording with a chunk in flight on this instance.
    uploads: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

/// Opens the store the configuration names. Checks the configuration but
/// does no I/O.
pub fn open(config: &RecordingsConfig) -> Result<RecordingStore, String> {
    match config.store.as_str() {
        "dir" | "" => Ok(RecordingStore {
            objects: Objects::Dir { root: config.dir.clone(), store: OnceLock::new() },
            staging: config.dir.join("staging"),
            name: "recording directory",
            content_type: None,
            uploads: Mutex::default(),
        }),
        "s3" => Ok(RecordingStore::with_objects(super::s3::open(config)?, config.dir.join("staging"))),
        other => Err(format!("[recordings] store = {other:?} is not supported; use \"dir\" or \"s3\"")),
    }
}

/// Keys are made by the server from a validated UUID; refuse anything that
/// could leave the staging directory all the same.
fn checked(key: &str) -> std::io::Result<&str> {
    if key.is_empty() || key.split('/').any(|part| part.is_empty() || part == "." || part == "..") || key.contains('\\')
    {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "bad recording key"));
    }
    Ok(key)
}

impl RecordingStore {
    /// Recordings in `objects`, uploads staged under `staging`.
    pub fn with_objects(objects: Arc<dyn ObjectStore>, staging: PathBuf) -> RecordingStore {
        RecordingStore {
            objects: Objects::Remote(objects),
            staging,
            name: "object storage",
            content_type: Some("audio/wav"),
            uploads: Mutex::default(),
        }
    }

    /// Waits until no other chunk of the recording `id` is being stored on
    /// this instance; the chunk holds the guard while its bytes move.
    pub async fn lock_upload(&self, id: &str) -> tokio::sync::OwnedMutexGuard<()> {
        let lock = {
            let mut uploads = self.uploads.lock().unwrap_or_else(|e| e.into_inner());
            // Locks nobody holds or waits for are dropped as others come.
            uploads.retain(|_, l| Arc::strong_count(l) > 1);
            uploads.entry(id.to_string()).or_default().clone()
        };
        lock.lock_owned().await
    }

    fn unavailable(&self, what: &str, e: impl Into<anyhow::Error>) -> ApiError {
        ApiError::unavailable(format!("{}: cannot {what} the recording", self.name)).with_source(e)
    }

    fn staged_path(&self, key: &str) -> std::io::Result<PathBuf> {
        Ok(self.staging.join(checked(key)?))
    }

    async fn objects(&self) -> ApiResult<Arc<dyn ObjectStore>> {
        match &self.objects {
            Objects::Remote(store) => Ok(store.clone()),
            Objects::Dir { root, store } => {
                if let Some(s) = store.get() {
                    return Ok(s.clone());
                }
                let root = root.clone();
                let made = tokio::task::spawn_blocking(move || {
                    std::fs::create_dir_all(&root)?;
                    anyhow::Ok(Arc::new(LocalFileSystem::new_with_prefix(&root)?) as Arc<dyn ObjectStore>)
                })
                .await
                .map_err(|e| self.unavailable("open", e))?
                .map_err(|e| self.unavailable("open", e))?;
                Ok(store.get_or_init(|| made).clone())
            }
        }
    }

    /// Writes `data` at `offset` of the staged upload, dropping whatever the
    /// file held from `offset` on (bytes of an attempt that died before the
    /// database recorded them), and makes it durable before returning.
    pub async fn write_at(&self, key: &str, offset: u64, data: Bytes) -> ApiResult<()> {
        let path = self.staged_path(key).map_err(|e| self.unavailable("stage", e))?;
        tokio::task::spawn_blocking(move || -> std::io::Result<()> {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let mut f = OpenOptions::new().create(true).truncate(false).write(true).open(&path)?;
            f.set_len(offset)?;
            f.seek(SeekFrom::Start(offset))?;
            f.write_all(&data)?;
            f.sync_data()
        })
        .await
        .map_err(|e| self.unavailable("stage", e))?
        .map_err(|e| self.unavailable("stage", e))
    }

    /// SHA-256 of the staged bytes, lower-case hex.
    pub async fn staged_sha256(&self, key: &str) -> ApiResult<String> {
        let path = self.staged_path(key).map_err(|e| self.unavailable("read", e))?;
        tokio::task::spawn_blocking(move || -> std::io::Result<String> {
            let mut h = Sha256::new();
            std::io::copy(&mut File::open(path)?, &mut h)?;
            Ok(hex::encode(h.finalize()))
        })
        .await
        .map_err(|e| self.unavailable("read", e))?
        .map_err(|e| self.unavailable("read", e))
    }

    /// All bytes arrived and their checksum matched: copies the staged file
    /// into the store (large files as a multipart upload). The staged file
    /// stays until [`RecordingStore::discard_staged`], so a recording whose
    /// completion the database did not record can be completed again.
    pub async fn complete(&self, key: &str) -> ApiResult<()> {
        let staged = self.staged_path(key).map_err(|e| self.unavailable("store", e))?;
        let objects = self.objects().await?;
        let mut file = tokio::fs::File::open(&staged).await.map_err(|e| self.unavailable("store", e))?;
        let mut writer = object_store::buffered::BufWriter::new(objects, ObjectPath::from(key));
        if let Some(ct) = self.content_type {
            let mut attributes = object_store::Attributes::new();
            attributes.insert(object_store::Attribute::ContentType, ct.into());
            writer = writer.with_attributes(attributes);
        }
        if let Err(e) = tokio::io::copy(&mut file, &mut writer).await {
            // Drops the parts of a multipart upload already sent.
            let _ = writer.abort().await;
            return Err(self.unavailable("store", e));
        }
        // A failed shutdown cannot be aborted (the writer is spent); a
        // multipart upload it leaves behind is the bucket's lifecycle
        // rule's to clear.
        writer.shutdown().await.map_err(|e| self.unavailable("store", e))?;
        Ok(())
    }

    /// Drops the staged copy of a recording (after it is complete).
    pub async fn discard_staged(&self, key: &str) {
        if let Ok(path) = self.staged_path(key) {
            if let Err(e) = tokio::fs::remove_file(&path).await {
                if e.kind() != std::io::ErrorKind::NotFound {
                    tracing::warn!(error = %e, key, "cannot remove a staged recording");
                }
            }
        }
    }

    /// `len` bytes of the stored recording from `start`, as they arrive.
    pub async fn read_range(
        &self,
        key: &str,
        start: u64,
        len: u64,
    ) -> ApiResult<BoxStream<'static, Result<Bytes, object_store::Error>>> {
        checked(key).map_err(|e| self.unavailable("read", e))?;
        if len == 0 {
            return Ok(futures_util::stream::empty().boxed());
        }
        let options = GetOptions { range: Some(GetRange::Bounded(start..start + len)), ..Default::default() };
        let got = self.objects().await?.get_opts(&ObjectPath::from(key), options).await;
        Ok(got.map_err(|e| self.unavailable("read", e))?.into_stream())
    }

    /// The stored recording, whole (tests and checks).
    pub async fn get(&self, key: &str) -> ApiResult<Bytes> {
        let path = ObjectPath::from(checked(key).map_err(|e| self.unavailable("read", e))?);
        let objects = self.objects().await?;
        let got = objects.get(&path).await.map_err(|e| self.unavailable("read", e))?;
        got.bytes().await.map_err(|e| self.unavailable("read", e))
    }

    /// Removes a recording, stored or staged.
    pub async fn delete(&self, key: &str) -> ApiResult<()> {
        self.discard_staged(key).await;
        let path = ObjectPath::from(checked(key).map_err(|e| self.unavailable("delete", e))?);
        let objects = self.objects().await?;
        match objects.delete(&path).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(self.unavailable("delete", e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn staged_uploads_rewrite_from_an_offset_and_complete_into_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let config = RecordingsConfig { dir: dir.path().join("recordings"), ..Default::default() };
        let s = open(&config).unwrap();
        s.write_at("1/a.wav", 0, Bytes::from_static(b"hello world")).await.unwrap();
        s.write_at("1/a.wav", 5, Bytes::from_static(b"!!")).await.unwrap();
        assert_eq!(s.staged_sha256("1/a.wav").await.unwrap(), hex::encode(Sha256::digest(b"hello!!")));
        assert!(s.write_at("../x", 0, Bytes::new()).await.is_err());
        s.complete("1/a.wav").await.unwrap();
        s.discard_staged("1/a.wav").await;
        assert_eq!(std::fs::read(dir.path().join("recordings/1/a.wav")).unwrap(), b"hello!!");
        assert!(!dir.path().join("recordings/staging/1/a.wav").exists());
        let mut part = Vec::new();
        let mut stream = s.read_range("1/a.wav", 2, 4).await.unwrap();
        while let Some(chunk) = stream.next().await {
            part.extend_from_slice(&chunk.unwrap());
        }
        assert_eq!(part, b"llo!");
        s.delete("1/a.wav").await.unwrap();
        assert!(s.get("1/a.wav").await.is_err());
    }
}
