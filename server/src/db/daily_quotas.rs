//! The counters of the daily caps (see `auth::daily_caps`): one row per bucket and UTC day,
//! shared by every server process. An application takes its allowances in the transaction
//! that stores it: a replay or a refusal takes nothing, a concurrent duplicate waits.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::schema::daily_quotas::dsl::{daily_quotas, day};
use super::{Db, DbResult};
use crate::with_conn;

/// `amount` of what `key` names, of which `cap` a day at most.
#[derive(Debug, Clone)]
pub struct Allowance {
    pub key: String,
    pub amount: i64,
    pub cap: i64,
}

/// Days since the Unix epoch (UTC) of `at`.
pub fn day_of(at: NaiveDateTime) -> i64 {
    at.and_utc().timestamp().div_euclid(86_400)
}

/// Adds `$amount` to bucket `$key` on day `$day` on connection `$conn` (inside a
/// transaction); the use after, as a `QueryResult<i64>`.
macro_rules! take_allowance {
    ($conn:expr, $key:expr, $day:expr, $amount:expr) => {{
        use $crate::db::schema::daily_quotas::dsl as q;
        diesel::insert_into(q::daily_quotas)
            .values((q::bucket.eq($key), q::day.eq($day), q::used.eq($amount)))
            .on_conflict((q::bucket, q::day))
            .do_update()
            .set(q::used.eq(q::used + $amount))
            .returning(q::used)
            .get_result::<i64>($conn)
            .await
    }};
}
pub(crate) use take_allowance;

/// Deletes the days before `today` (they no longer count).
pub async fn forget_before(db: &Db, today: i64) -> DbResult<usize> {
    with_conn!(db, |conn: DB| {
        Ok(diesel::delete(daily_quotas.filter(day.lt(today)))
            .execute(conn)
            .await?)
    })
}
