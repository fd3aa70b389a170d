//! Recordings in S3-compatible object storage (MinIO, Ceph RGW, a cloud's
//! object service), `[recordings] store = "s3"`, through `object_store`'s
//! Amazon S3 client (Signature Version 4, path-style URLs). Uploads in
//! progress are staged on disk by [`super::store::RecordingStore`].

use std::sync::Arc;
use std::time::Duration;

use object_store::aws::AmazonS3Builder;
use object_store::{BackoffConfig, ClientOptions, ObjectStore, RetryConfig};

use crate::config::RecordingsConfig;

/// The bucket the configuration names, checked but not contacted.
pub fn open(config: &RecordingsConfig) -> Result<Arc<dyn ObjectStore>, String> {
    let s3 = &config.s3;
    let endpoint = s3.endpoint.trim().trim_end_matches('/').to_string();
    let scheme_and_host = endpoint
        .strip_prefix("https://")
        .map(|h| (true, h))
        .or_else(|| endpoint.strip_prefix("http://").map(|h| (false, h)))
        .filter(|(_, h)| !h.is_empty() && !h.contains('/'));
    let Some((https, _)) = scheme_and_host else {
        return Err(format!("[recordings.s3] endpoint {endpoint:?}: use http(s)://host[:port]"));
    };
    for (name, v) in [("bucket", &s3.bucket), ("access_key", &s3.access_key), ("secret_key", &s3.secret_key)] {
        if v.trim().is_empty() {
            return Err(format!("[recordings.s3] {name} is empty"));
        }
    }
    let region = if s3.region.trim().is_empty() { "us-east-1" } else { s3.region.trim() };
    // A few quick retries: the uploader retries the chunk itself, and a
    // player should not wait minutes for an answer. The timeout covers a
    // whole request, a play streamed to a slow player included.
    let retry =
        RetryConfig { backoff: BackoffConfig::default(), max_retries: 3, retry_timeout: Duration::from_secs(20) };
    let client = ClientOptions::new()
        .with_allow_http(!https)
        .with_timeout(Duration::from_secs(300))
        .with_connect_timeout(Duration::from_secs(5));
    let store = AmazonS3Builder::new()
        .with_endpoint(&endpoint)
        .with_bucket_name(s3.bucket.trim())
        .with_region(region)
        .with_access_key_id(&s3.access_key)
        .with_secret_access_key(&s3.secret_key)
        .with_virtual_hosted_style_request(false)
        .with_client_options(client)
        .with_retry(retry)
        .build()
        .map_err(|e| format!("[recordings.s3]: {e}"))?;
    Ok(Arc::new(store))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_configuration_is_checked() {
        let mut c = RecordingsConfig { store: "s3".into(), ..Default::default() };
        c.s3.endpoint = "minio:9000".into();
        assert!(open(&c).err().unwrap().contains("endpoint"));
        c.s3.endpoint = "http://minio:9000".into();
        assert!(open(&c).err().unwrap().contains("bucket"));
        c.s3.bucket = "b".into();
        c.s3.access_key = "k".into();
        c.s3.secret_key = "s".into();
        assert!(open(&c).is_ok());
    }
}
