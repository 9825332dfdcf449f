//! The outcomes of recent searches, kept a few seconds: candidates type the same words
//! (« data », « développeur », a région), page through them, and come back from an offer
//! to the list. A search at 100,000 offers walks every match (30,000 for « data »); its
//! outcome (the first pages' offers, the total and the facet counts) and the pages made of
//! it (with their highlights, which analyse the descriptions) are reused by the same search
//! until the index changes — every write to what a page shows changes it — or the entry is
//! [`TTL`] old, which bounds what time alone changes (an offer expiring, a scheduled one
//! appearing).

use lru::LruCache;
use shared::search::{FacetCounts, OfferSearch};
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long an outcome is reused at most.
pub const TTL: Duration = Duration::from_secs(5);
/// Searches remembered.
const ENTRIES: usize = 512;
/// Offers remembered per search: the first five pages of 20, and the one after.
pub const KEPT: usize = 101;

/// A search's outcome.
pub struct Outcome {
    /// The best offers, in order (at most [`KEPT`]).
    pub ids: Vec<i64>,
    pub total: i64,
    pub facets: Option<Vec<FacetCounts>>,
    pub did_you_mean: Option<String>,
}

struct Entry<V> {
    generation: u64,
    at: Instant,
    value: Arc<V>,
}

pub struct ResultCache<V>(Mutex<LruCache<String, Entry<V>>>);

impl<V> Default for ResultCache<V> {
    fn default() -> Self {
        Self::with_capacity(ENTRIES)
    }
}

/// What identifies a search's outcome: everything but where the page starts and its size.
pub fn key(search: &OfferSearch) -> String {
    page_key(&OfferSearch {
        cursor: None,
        page: None,
        limit: None,
        ..search.clone()
    })
}

/// What identifies one page of a search.
pub fn page_key(search: &OfferSearch) -> String {
    format!("{search:?}")
}

impl<V> Entry<V> {
    fn new(generation: u64, value: Arc<V>) -> Self {
        Self {
            generation,
            at: Instant::now(),
            value,
        }
    }

    fn fresh(&self, generation: u64) -> Option<Arc<V>> {
        (self.generation == generation && self.at.elapsed() < TTL).then(|| self.value.clone())
    }
}

impl<V> ResultCache<V> {
    /// A cache of at most `entries` values, the least recently used forgotten first.
    pub fn with_capacity(entries: usize) -> Self {
        Self(Mutex::new(LruCache::new(
            NonZeroUsize::new(entries).unwrap_or(NonZeroUsize::MIN),
        )))
    }

    /// The value of `key` computed on index `generation`, if fresh.
    pub fn get(&self, key: &str, generation: u64) -> Option<Arc<V>> {
        let mut entries = self.0.lock().unwrap_or_else(|p| p.into_inner());
        entries.get(key)?.fresh(generation)
    }

    /// Remembers the value of `key`, computed on index `generation` (read before computing:
    /// an index changed meanwhile makes the entry stale, never wrong).
    pub fn put(&self, key: String, generation: u64, value: Arc<V>) {
        let mut entries = self.0.lock().unwrap_or_else(|p| p.into_inner());
        entries.put(key, Entry::new(generation, value));
    }
}

/// One value read on every page (the métiers with their open offers, the régions), kept
/// like a search's outcome: until the index changes or it is [`TTL`] old.
pub struct Memo<V>(Mutex<Option<Entry<V>>>);

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Self(Mutex::new(None))
    }
}

impl<V> Memo<V> {
    /// The value computed on index `generation` if fresh, else the one `load` gives (kept
    /// when it succeeds; `generation` is read before loading, so an index changed meanwhile
    /// makes the value stale, never wrong).
    pub async fn get_or_load<E>(
        &self,
        generation: u64,
        load: impl std::future::Future<Output = Result<V, E>>,
    ) -> Result<Arc<V>, E> {
        if let Some(value) = self.lock().as_ref().and_then(|e| e.fresh(generation)) {
            return Ok(value);
        }
        let value = Arc::new(load.await?);
        *self.lock() = Some(Entry::new(generation, value.clone()));
        Ok(value)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Entry<V>>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}
