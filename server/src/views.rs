//! Offer views, counted in memory and added to `offer_views` in batches: a public read
//! never waits on a write lock, and several server processes simply add up their counts.

use chrono::NaiveDate;
use shared::OfferId;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::db::{stats, Db};

/// Views not yet written, and when they were last written.
pub struct ViewCounter {
    every: Duration,
    state: Mutex<Pending>,
}

struct Pending {
    counts: HashMap<(OfferId, NaiveDate), i64>,
    last_flush: Instant,
}

impl ViewCounter {
    /// Writes at most once per `every` (zero: at every view, for tests).
    pub fn new(every: Duration) -> Self {
        Self {
            every,
            state: Mutex::new(Pending {
                counts: HashMap::new(),
                last_flush: Instant::now(),
            }),
        }
    }

    /// Counts one view; the view that finds the batch due writes it. A failed write keeps
    /// the counts for the next attempt and never fails the page.
    pub async fn hit(&self, db: &Db, offer: OfferId) {
        let today = chrono::Utc::now().date_naive();
        let due = {
            let Ok(mut pending) = self.state.lock() else {
                return;
            };
            *pending.counts.entry((offer, today)).or_default() += 1;
            if pending.last_flush.elapsed() >= self.every {
                pending.last_flush = Instant::now();
                Some(std::mem::take(&mut pending.counts))
            } else {
                None
            }
        };
        if let Some(batch) = due {
            self.write(db, batch).await;
        }
    }

    async fn write(&self, db: &Db, batch: HashMap<(OfferId, NaiveDate), i64>) {
        let rows: Vec<_> = batch.iter().map(|(&(o, d), &n)| (o, d, n)).collect();
        if let Err(error) = stats::add_views(db, &rows).await {
            tracing::warn!(%error, "offer views not written, kept for the next batch");
            if let Ok(mut pending) = self.state.lock() {
                for (key, n) in batch {
                    *pending.counts.entry(key).or_default() += n;
                }
            }
        }
    }

    /// Writes whatever is pending (at shutdown).
    pub async fn flush(&self, db: &Db) {
        let batch = match self.state.lock() {
            Ok(mut pending) => std::mem::take(&mut pending.counts),
            Err(_) => return,
        };
        if !batch.is_empty() {
            self.write(db, batch).await;
        }
    }
}
