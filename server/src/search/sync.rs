//! The index follows the database. Triggers log every write that changes what is searched
//! (an offer inserted, updated or deleted — publish, edit, archive, fill, expiry — an
//! entity, métier or family renamed or moved) in `search_changes`, whichever code path or
//! process wrote it. Each process applies the log: before every search (one indexed
//! `max(id)` read, so a process finds its own writes at once), and every 500 ms in the
//! background (so other processes' writes are found within a second).
//!
//! The searches that arrive together share that read ([`LastCheck`]): a search may take the
//! answer of a read that *started after it arrived*, which saw every write committed before
//! it arrived — its own process's included. Under load, the 32 reads of 32 searches at once
//! become one or two.
//!
//! On PostgreSQL, ids are taken at insertion but become visible at commit, possibly out of
//! order: each pass re-reads a window of recent ids and skips those already applied.

use diesel::dsl::max;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use super::documents::{self, OfferDocument, Reference};
use super::index::OfferIndex;
use super::{engine_error, Core};
use crate::db::schema::{metiers, search_changes};
use crate::db::{Db, DbError, DbResult};
use crate::with_conn;

/// How far below the last applied id a pass looks for late commits.
const LATE_WINDOW: i64 = 200;
/// How often the background pass runs.
pub const POLL_EVERY: Duration = Duration::from_millis(500);
/// How long the log is kept.
const KEEP_LOG: chrono::Duration = chrono::Duration::hours(1);

/// The index's writer and what it has applied.
pub struct Writer {
    index: OfferIndex,
    applied: i64,
    /// Ids applied within the late window.
    recent: BTreeSet<i64>,
}

impl Writer {
    pub fn new(index: OfferIndex, applied: i64) -> Self {
        Self {
            index,
            applied,
            recent: BTreeSet::new(),
        }
    }
}

/// The id of the last logged change (0: none).
pub async fn latest_change(db: &Db) -> DbResult<i64> {
    Ok(with_conn!(db, |conn: DB| {
        search_changes::table
            .select(max(search_changes::id))
            .first::<Option<i64>>(conn)
            .await?
            .unwrap_or(0)
    }))
}

/// The last `max(id)` read: when it started, and what it found (`Err`: the database's
/// answer, shared too, so that searches queued behind a failing read do not each wait for
/// their own failure).
#[derive(Default)]
pub struct LastCheck(tokio::sync::Mutex<Option<(std::time::Instant, Result<i64, String>)>>);

impl LastCheck {
    /// The last logged change as seen by a read that started after `arrived`: the last
    /// read's, if it did, else a new read's (one at a time: the searches waiting meanwhile
    /// take its answer).
    async fn latest_since(&self, db: &Db, arrived: std::time::Instant) -> DbResult<i64> {
        let mut last = self.0.lock().await;
        if let Some((started, answer)) = &*last {
            if *started > arrived {
                return answer.clone().map_err(DbError::Unavailable);
            }
        }
        let started = std::time::Instant::now();
        let answer = latest_change(db).await;
        *last = Some((started, answer.as_ref().copied().map_err(|e| e.to_string())));
        answer
    }
}

impl Core {
    /// Applies the changes logged since the last pass.
    pub async fn catch_up(&self, db: &Db) -> DbResult<()> {
        let arrived = std::time::Instant::now();
        let latest = self.checked.latest_since(db, arrived).await?;
        if latest <= AtomicI64::load(&self.applied, Ordering::Acquire) {
            return Ok(());
        }
        self.apply_changes(db).await
    }

    /// Reads the log's recent window and reindexes what it names.
    async fn apply_changes(&self, db: &Db) -> DbResult<()> {
        let mut writer = self.writer.lock().await;
        let from = writer.applied - LATE_WINDOW;
        let rows: Vec<(i64, String, i64)> = with_conn!(db, |conn: DB| {
            search_changes::table
                .filter(search_changes::id.gt(from))
                .order(search_changes::id)
                .select((
                    search_changes::id,
                    search_changes::kind,
                    search_changes::ref_id,
                ))
                .load(conn)
                .await?
        });
        let fresh: Vec<&(i64, String, i64)> = rows
            .iter()
            .filter(|(id, _, _)| !writer.recent.contains(id))
            .collect();
        if fresh.is_empty() {
            return Ok(());
        }
        let mut offers: HashSet<i64> = HashSet::new();
        let (mut entities, mut metiers_changed, mut families) =
            (Vec::new(), Vec::new(), Vec::new());
        for (_, kind, ref_id) in &fresh {
            match kind.as_str() {
                "offer" => {
                    offers.insert(*ref_id);
                }
                "entity" => entities.push(*ref_id),
                "metier" => metiers_changed.push(*ref_id),
                _ => families.push(*ref_id),
            }
        }
        let reference = if entities.is_empty() && metiers_changed.is_empty() && families.is_empty()
        {
            None
        } else {
            let reference = Reference::load(db).await?;
            let entity_ids: Vec<i64> = entities
                .iter()
                .flat_map(|e| reference.subtree(*e))
                .collect();
            if !families.is_empty() {
                let in_families: Vec<i64> = with_conn!(db, |conn: DB| {
                    metiers::table
                        .filter(metiers::family_id.eq_any(&families))
                        .select(metiers::id)
                        .load(conn)
                        .await?
                });
                metiers_changed.extend(in_families);
            }
            offers.extend(documents::offers_of(db, &entity_ids, &metiers_changed).await?);
            Some(reference)
        };
        let ids: Vec<i64> = offers.into_iter().collect();
        let mut sources = HashMap::new();
        for chunk in ids.chunks(500) {
            for offer in documents::load_offers(db, chunk).await? {
                sources.insert(offer.id, offer);
            }
        }
        let mut live = self.live.write().unwrap_or_else(|p| p.into_inner());
        if let Some(reference) = reference {
            live.reference = reference;
        }
        let mut docs = Vec::with_capacity(ids.len());
        for id in &ids {
            let doc = sources
                .remove(id)
                .and_then(|offer| OfferDocument::new(offer, &live.reference));
            writer.index.put(*id, doc.as_ref()).map_err(engine_error)?;
            docs.push((*id, doc));
        }
        writer.index.commit().map_err(engine_error)?;
        for (id, doc) in &docs {
            live.put(*id, doc.as_ref());
        }
        drop(live);
        let newest = fresh
            .iter()
            .map(|(id, _, _)| *id)
            .max()
            .unwrap_or(writer.applied);
        writer.applied = writer.applied.max(newest);
        writer.recent.extend(fresh.iter().map(|(id, _, _)| *id));
        let floor = writer.applied - LATE_WINDOW;
        writer.recent.retain(|id| *id > floor);
        self.applied.store(writer.applied, Ordering::Release);
        self.generation.fetch_add(1, Ordering::Release);
        tracing::debug!(offers = ids.len(), "search index updated");
        Ok(())
    }
}

/// Keeps `db`'s engine up to date with the other processes' writes (spawned by `serve`),
/// and trims the log.
pub async fn poll_changes(db: Db) {
    let mut every = tokio::time::interval(POLL_EVERY);
    let mut passes = 0u64;
    loop {
        every.tick().await;
        let result = async {
            let core = db.search.core(&db).await?;
            // The late window is re-read even when no newer change exists.
            core.apply_changes(&db).await?;
            if passes.is_multiple_of(1200) {
                trim_log(&db).await?;
            }
            DbResult::Ok(())
        }
        .await;
        if let Err(error) = result {
            tracing::warn!(%error, "updating the search index failed");
        }
        passes += 1;
    }
}

async fn trim_log(db: &Db) -> DbResult<()> {
    let before = chrono::Utc::now().naive_utc() - KEEP_LOG;
    with_conn!(db, |conn: DB| {
        diesel::delete(search_changes::table.filter(search_changes::changed_at.lt(before)))
            .execute(conn)
            .await?
    });
    Ok(())
}
