//! Each index segment's documents as slots of [`Live`]'s table, kept per segment.
//!
//! A search visits every match: reading its id from the fast field, then looking the id up
//! in a hash map, cost a cache miss per match — a fifth of a search's time at 100,000
//! offers. A segment never changes once written (a deleted document is only marked), and
//! an offer keeps its slot for the process's life, so the slot of each of a segment's
//! documents is read once, into an array walked in document order.

use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex};
use tantivy::index::SegmentId;
use tantivy::SegmentReader;

use super::live::Live;

/// A document whose offer has no slot (not expected: an offer is in [`Live`] before its
/// document is searchable).
pub const NO_SLOT: u32 = u32::MAX;

#[derive(Default)]
pub struct SegmentSlots(Mutex<FxHashMap<SegmentId, Arc<[u32]>>>);

impl SegmentSlots {
    /// The slot of each document of `reader`'s segment, by document number.
    pub fn of(&self, live: &Live, reader: &SegmentReader) -> tantivy::Result<Arc<[u32]>> {
        let id = reader.segment_id();
        if let Some(slots) = self.lock().get(&id) {
            return Ok(slots.clone());
        }
        let ids = reader.fast_fields().u64("id")?;
        let slots: Arc<[u32]> = (0..reader.max_doc())
            .map(|doc| {
                ids.first(doc)
                    .and_then(|offer| live.slot(offer as i64))
                    .unwrap_or(NO_SLOT)
            })
            .collect();
        // Kept only when complete, so that a gap is never remembered.
        if !slots.contains(&NO_SLOT) {
            self.lock().insert(id, slots.clone());
        }
        Ok(slots)
    }

    /// Forgets the segments no longer searched (merged into others).
    pub fn keep_only(&self, readers: &[SegmentReader]) {
        let mut slots = self.lock();
        if slots.len() > readers.len() {
            slots.retain(|id, _| readers.iter().any(|r| r.segment_id() == *id));
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<SegmentId, Arc<[u32]>>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}
