//! Where candidates' CVs live: a local folder by default, S3-compatible object storage when
//! `CV_STORAGE` is an `s3://bucket/prefix` URL (credentials and endpoint from the usual
//! `AWS_*` variables). Both behind the `object_store` crate, so the code is the same.

use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::prefix::PrefixStore;
use object_store::{ObjectStore, PutPayload};
use std::sync::Arc;

/// The CV storage of the service.
#[derive(Clone, Debug)]
pub struct CvStore {
    store: Arc<dyn ObjectStore>,
}

impl CvStore {
    /// Opens `location`: `s3://bucket[/prefix]` or a local folder (created if needed).
    pub fn open(location: &str) -> anyhow::Result<Self> {
        let store: Arc<dyn ObjectStore> = if let Some(rest) = location.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            let s3 = AmazonS3Builder::from_env()
                .with_bucket_name(bucket)
                .build()?;
            if prefix.is_empty() {
                Arc::new(s3)
            } else {
                Arc::new(PrefixStore::new(s3, prefix))
            }
        } else {
            std::fs::create_dir_all(location)?;
            Arc::new(LocalFileSystem::new_with_prefix(location)?)
        };
        Ok(Self { store })
    }

    /// Stores a CV under a fresh unguessable key, returned.
    pub async fn put(&self, pdf: bytes::Bytes) -> anyhow::Result<String> {
        let key = format!("cv/{}.pdf", crate::auth::token::generate()?);
        self.store
            .put(&Path::from(key.as_str()), PutPayload::from_bytes(pdf))
            .await?;
        Ok(key)
    }

    pub async fn get(&self, key: &str) -> anyhow::Result<bytes::Bytes> {
        Ok(self.store.get(&Path::from(key)).await?.bytes().await?)
    }

    /// Deletes a CV; deleting a missing one is not an error (erasure may be retried).
    pub async fn delete(&self, key: &str) -> anyhow::Result<()> {
        match self.store.delete(&Path::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(err) => Err(err.into()),
        }
    }

    /// The keys of the CVs stored before `cutoff`.
    pub async fn stored_before(
        &self,
        cutoff: chrono::DateTime<chrono::Utc>,
    ) -> anyhow::Result<Vec<String>> {
        let listing = match self
            .store
            .list_with_delimiter(Some(&Path::from("cv")))
            .await
        {
            Ok(listing) => listing,
            Err(object_store::Error::NotFound { .. }) => return Ok(Vec::new()),
            Err(err) => return Err(err.into()),
        };
        Ok(listing
            .objects
            .into_iter()
            .filter(|object| object.last_modified < cutoff)
            .map(|object| object.location.to_string())
            .collect())
    }

    /// Whether a CV is still stored (tests of erasure and retention).
    pub async fn exists(&self, key: &str) -> anyhow::Result<bool> {
        match self.store.head(&Path::from(key)).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(err) => Err(err.into()),
        }
    }
}
