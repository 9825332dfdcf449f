//! Values this process keeps for a few seconds: reads that cost a scan and may lag behind
//! the database a little (other processes' writes show once the value expires).

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// One value, loaded on demand and kept for `ttl`.
pub struct Cached<T> {
    ttl: Duration,
    /// Held while loading: concurrent readers wait for the one load instead of each
    /// running the same scan, and an invalidation waits for a load in flight (which may
    /// have read the data as it was before the write) and then discards it.
    kept: Mutex<Option<(Instant, Arc<T>)>>,
}

impl<T> Cached<T> {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            kept: Mutex::new(None),
        }
    }

    /// The kept value if it is younger than the time to live, else the value `load` gives
    /// (kept only when it succeeds).
    pub async fn get_or_load<E, F, Fut>(&self, load: F) -> Result<Arc<T>, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        let mut kept = self.kept.lock().await;
        if let Some((at, value)) = kept.as_ref() {
            if at.elapsed() < self.ttl {
                return Ok(Arc::clone(value));
            }
        }
        let value = Arc::new(load().await?);
        *kept = Some((Instant::now(), Arc::clone(&value)));
        Ok(value)
    }

    /// Forgets the value: this process just changed what it was computed from.
    pub async fn invalidate(&self) {
        *self.kept.lock().await = None;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    async fn load(cache: &Cached<u32>, value: u32) -> u32 {
        *cache
            .get_or_load(|| async move { Ok::<_, ()>(value) })
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn keeps_the_value_until_it_expires_or_is_invalidated() {
        let cache = Cached::new(Duration::from_millis(200));
        assert_eq!(load(&cache, 1).await, 1);
        assert_eq!(load(&cache, 2).await, 1, "kept");
        cache.invalidate().await;
        assert_eq!(load(&cache, 3).await, 3, "reloaded after invalidation");
        tokio::time::sleep(Duration::from_millis(250)).await;
        assert_eq!(load(&cache, 4).await, 4, "reloaded after expiry");
    }

    #[tokio::test]
    async fn a_failed_load_keeps_nothing() {
        let cache = Cached::<u32>::new(Duration::from_secs(60));
        let failed = cache.get_or_load(|| async { Err::<u32, _>("down") }).await;
        assert_eq!(failed, Err("down"));
        assert_eq!(load(&cache, 5).await, 5);
    }
}
