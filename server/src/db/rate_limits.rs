//! The counters of the rate limits (see `auth::rate_limit`): one row per bucket and minute,
//! shared by every server process.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::schema::rate_limit_hits::dsl::{bucket, hits, rate_limit_hits, window_start};
use super::{Db, DbResult};
use crate::with_conn;

/// Counts one hit in `key`'s window starting at `start` (seconds); returns the hits of this
/// window, this one included, and of the window before (`window` seconds earlier).
pub async fn hit(db: &Db, key: &str, start: i64, window: i64) -> DbResult<(i32, i32)> {
    with_conn!(db, |conn: DB| {
        // One statement: concurrent hits from several processes each get their own count.
        let current: i32 = diesel::insert_into(rate_limit_hits)
            .values((bucket.eq(key), window_start.eq(start), hits.eq(1)))
            .on_conflict((bucket, window_start))
            .do_update()
            .set(hits.eq(hits + 1))
            .returning(hits)
            .get_result(conn)
            .await?;
        let previous: Option<i32> = rate_limit_hits
            .find((key, start - window))
            .select(hits)
            .first(conn)
            .await
            .optional()?;
        Ok((current, previous.unwrap_or(0)))
    })
}

/// The hits of `key`'s window starting at `start` and of the one before, counting nothing.
pub async fn peek(db: &Db, key: &str, start: i64, window: i64) -> DbResult<(i32, i32)> {
    with_conn!(db, |conn: DB| {
        let windows: Vec<(i64, i32)> = rate_limit_hits
            .filter(bucket.eq(key))
            .filter(window_start.ge(start - window))
            .select((window_start, hits))
            .load(conn)
            .await?;
        let of = |at: i64| {
            windows
                .iter()
                .find(|(s, _)| *s == at)
                .map_or(0, |(_, n)| *n)
        };
        Ok((of(start), of(start - window)))
    })
}

/// Deletes the windows that started before `start` (they no longer count).
pub async fn forget_before(db: &Db, start: i64) -> DbResult<usize> {
    with_conn!(db, |conn: DB| {
        Ok(
            diesel::delete(rate_limit_hits.filter(window_start.lt(start)))
                .execute(conn)
                .await?,
        )
    })
}
