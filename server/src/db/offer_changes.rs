//! The offers' change log (migration `2026-12-06-000017_offer_changes`): triggers number every
//! write to an offer — or to what it shows of its entity, métier or family — in commit order,
//! on both databases, whichever code path or process wrote it (SQLite has one writer;
//! PostgreSQL numbers at commit under an advisory lock held until the commit ends). The feed
//! (`routes::offer_changes`) reads each offer's latest number after a client's cursor, then
//! the offer's current state: a number seen is never followed by a smaller one, so a client
//! resuming after the last number it saw misses nothing.

use chrono::NaiveDateTime;
use diesel::dsl::max;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::ids::OfferId;
use shared::offer::OfferStatus;

use super::schema::{offer_changes, offer_changes_purge, offers};
use super::{Db, DbError, DbResult};
use crate::{in_transaction, with_conn};

/// How long changes are kept (and tombstones with them).
pub const KEEP: chrono::Duration = chrono::Duration::days(90);

/// Where the log stands.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    /// The last number handed out.
    pub latest: i64,
    /// The last number forgotten: a cursor below it may have missed changes.
    pub purged_through: i64,
}

/// An offer's latest change after a cursor.
#[derive(Debug, Clone, Copy)]
pub struct Logged {
    pub seq: i64,
    pub offer: OfferId,
    pub changed_at: NaiveDateTime,
}

/// The last number visible now is a safe cursor: numbers are given in commit order, so any
/// change committed later has a higher one.
pub async fn clock(db: &Db) -> DbResult<Clock> {
    let (latest, purged_through) = with_conn!(db, |conn: DB| {
        let latest: Option<i64> = offer_changes::table
            .select(max(offer_changes::seq))
            .first(conn)
            .await?;
        let purged_through: i64 = offer_changes_purge::table
            .select(offer_changes_purge::purged_through)
            .first(conn)
            .await?;
        (latest, purged_through)
    });
    Ok(Clock {
        latest: latest.unwrap_or(0).max(purged_through),
        purged_through,
    })
}

/// Each offer's latest change after `cursor`, in log order, `limit` offers at most.
///
/// The log is walked in number order from the cursor, keeping a change only when no later
/// change of its offer exists (an index probe on `(offer_id, seq)`): the walk stops after
/// `limit` kept changes, so a page read from the log's start costs about its own length —
/// grouping the whole log by offer first cost ~300 ms a page at a million offers.
pub async fn latest_after(db: &Db, cursor: i64, limit: i64) -> DbResult<Vec<Logged>> {
    let later = diesel::alias!(offer_changes as later);
    let rows: Vec<(i64, i64, NaiveDateTime)> = with_conn!(db, |conn: DB| {
        offer_changes::table
            .filter(offer_changes::seq.gt(cursor))
            .filter(diesel::dsl::not(diesel::dsl::exists(
                later
                    .filter(
                        later
                            .field(offer_changes::offer_id)
                            .eq(offer_changes::offer_id),
                    )
                    .filter(later.field(offer_changes::seq).gt(offer_changes::seq)),
            )))
            .select((
                offer_changes::seq,
                offer_changes::offer_id,
                offer_changes::changed_at,
            ))
            .order(offer_changes::seq.asc())
            .limit(limit)
            .load(conn)
            .await?
    });
    Ok(rows
        .into_iter()
        .map(|(seq, offer, changed_at)| Logged {
            seq,
            offer: OfferId(offer),
            changed_at,
        })
        .collect())
}

/// The status and closing date of each of `ids` still stored (a missing one was deleted).
pub async fn states(
    db: &Db,
    ids: &[OfferId],
) -> DbResult<Vec<(OfferId, OfferStatus, NaiveDateTime)>> {
    let raw: Vec<i64> = ids.iter().map(|id| id.0).collect();
    let rows: Vec<(i64, String, NaiveDateTime)> = with_conn!(db, |conn: DB| {
        offers::table
            .filter(offers::id.eq_any(&raw))
            .select((offers::id, offers::status, offers::expires_at))
            .load(conn)
            .await?
    });
    rows.into_iter()
        .map(|(id, status, expires_at)| {
            let status = status
                .parse::<OfferStatus>()
                .map_err(|_| DbError::Corrupt(format!("offer {id} with status {status}")))?;
            Ok((OfferId(id), status, expires_at))
        })
        .collect()
}

/// Forgets the changes made before `before`, and records the last number forgotten.
pub async fn purge(db: &Db, before: NaiveDateTime) -> DbResult<usize> {
    in_transaction!(db, |conn: DB| {
        let last: Option<i64> = offer_changes::table
            .filter(offer_changes::changed_at.lt(before))
            .select(max(offer_changes::seq))
            .first(conn)
            .await?;
        let Some(last) = last else {
            return Ok(0);
        };
        let gone = diesel::delete(offer_changes::table.filter(offer_changes::seq.le(last)))
            .execute(conn)
            .await?;
        diesel::update(offer_changes_purge::table)
            .filter(offer_changes_purge::purged_through.lt(last))
            .set(offer_changes_purge::purged_through.eq(last))
            .execute(conn)
            .await?;
        Ok(gone)
    })
}
