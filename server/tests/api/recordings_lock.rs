//! A recording chunk's bytes move with no database transaction open: while
//! the last chunk of an upload is on its way to a slow object store, other
//! writes to the database go through (on SQLite a transaction around the
//! upload would hold the single write lock for as long as the bytes take).

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use axum::http::{Method, StatusCode};
use futures_util::stream::BoxStream;
use hcrm_server::calls::RecordingStore;
use object_store::memory::InMemory;
use object_store::path::Path;
use object_store::{
    GetOptions, GetResult, ListResult, MultipartUpload, ObjectMeta, ObjectStore, PutMultipartOptions, PutOptions,
    PutPayload, PutResult, Result,
};
use serde_json::json;
use tokio::sync::{Notify, Semaphore};

use crate::calls::{audio, patient_in, put_chunk, sha_hex, uuid};
use crate::util::TestApp;

/// An object store whose writes wait until the test opens the gate.
#[derive(Debug)]
struct GatedStore {
    inner: InMemory,
    /// Told when a write reaches the store.
    entered: Arc<Notify>,
    /// A write proceeds with a permit.
    gate: Arc<Semaphore>,
}

impl std::fmt::Display for GatedStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "GatedStore")
    }
}

#[async_trait]
impl ObjectStore for GatedStore {
    async fn put_opts(&self, location: &Path, payload: PutPayload, opts: PutOptions) -> Result<PutResult> {
        self.entered.notify_one();
        let _permit = self.gate.acquire().await.expect("the gate stays");
        self.inner.put_opts(location, payload, opts).await
    }

    async fn put_multipart_opts(&self, location: &Path, opts: PutMultipartOptions) -> Result<Box<dyn MultipartUpload>> {
        self.entered.notify_one();
        let _permit = self.gate.acquire().await.expect("the gate stays");
        self.inner.put_multipart_opts(location, opts).await
    }

    async fn get_opts(&self, location: &Path, options: GetOptions) -> Result<GetResult> {
        self.inner.get_opts(location, options).await
    }

    async fn delete(&self, location: &Path) -> Result<()> {
        self.inner.delete(location).await
    }

    fn list(&self, prefix: Option<&Path>) -> BoxStream<'static, Result<ObjectMeta>> {
        self.inner.list(prefix)
    }

    async fn list_with_delimiter(&self, prefix: Option<&Path>) -> Result<ListResult> {
        self.inner.list_with_delimiter(prefix).await
    }

    async fn copy(&self, from: &Path, to: &Path) -> Result<()> {
        self.inner.copy(from, to).await
    }

    async fn copy_if_not_exists(&self, from: &Path, to: &Path) -> Result<()> {
        self.inner.copy_if_not_exists(from, to).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chunk_on_its_way_to_the_store_does_not_hold_the_database() {
    let entered = Arc::new(Notify::new());
    let gate = Arc::new(Semaphore::new(0));
    let store = GatedStore { inner: InMemory::new(), entered: entered.clone(), gate: gate.clone() };
    let app = TestApp::new().await.with_state(|s| {
        let staging = s.config.recordings.dir.join("staging");
        s.recordings = Arc::new(RecordingStore::with_objects(Arc::new(store), staging));
    });
    let agent = app.login("agent1").await;
    let patient = patient_in(&app, "CARD").await;
    let id = uuid(60);
    let body = json!({"direction": "outbound", "started_at": "2026-11-20T02:00:00Z", "patient_id": patient});
    let r = app.call(Method::PUT, &format!("/api/v1/calls/{id}"), Some(&agent), Some(body)).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    let data = audio(1_000_000);
    app.post(&format!("/api/v1/calls/{id}/recording"), &agent, json!({"size": data.len(), "sha256": sha_hex(&data)}))
        .await;

    let upload = put_chunk(&app, &agent, &id, 0, &data, data.len());
    let meanwhile = async {
        // The whole recording is on its way to the store, held at the gate.
        entered.notified().await;
        let state = json!({"state": "ready"});
        let write = app.call(Method::PUT, "/api/v1/agent-state", Some(&agent), Some(state));
        let done = tokio::time::timeout(Duration::from_secs(3), write).await;
        gate.add_permits(1);
        done
    };
    let (uploaded, other) = tokio::join!(upload, meanwhile);
    let other = other.expect("a database write waited for the bytes of an upload");
    assert_eq!(other.status, StatusCode::OK, "{:?}", other.body);
    assert_eq!(
        (uploaded.status, uploaded.body["complete"].as_bool()),
        (StatusCode::OK, Some(true)),
        "{:?}",
        uploaded.body
    );
    let stored = app.state.recordings.get(&format!("1/2026-11/{id}.wav")).await.unwrap();
    assert_eq!(stored, data);
}
