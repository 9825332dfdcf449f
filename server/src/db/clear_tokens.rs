//! Secrets of e-mailed links that earlier versions stored in clear (alert feeds, duo pages),
//! replaced by their SHA-256 as the server starts: SQLite has no SHA-256 function for a
//! migration to do it, and the links people hold must keep working.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::schema::{job_alerts, vmj_duos};
use super::{Db, DbResult};
use crate::auth::token::digest;
use crate::with_conn;

diesel::define_sql_function! {
    /// Characters of a text (SQLite and PostgreSQL alike).
    fn length(text: diesel::sql_types::Text) -> diesel::sql_types::Integer;
}

/// A hash is 64 hexadecimal characters; a secret of ours, 43 (`auth::token::generate`).
const HASH_LEN: i32 = 64;

/// Replaces each value of `$column` that is not a hash by its hash; the number replaced.
macro_rules! hash_clear {
    ($conn:expr, $table:ident, $column:ident) => {{
        let clear: Vec<(i64, String)> = $table::table
            .filter(length($table::$column).ne(HASH_LEN))
            .select(($table::id, $table::$column))
            .load($conn)
            .await?;
        for (id, secret) in &clear {
            diesel::update($table::table.find(id))
                .set($table::$column.eq(digest(secret)))
                .execute($conn)
                .await?;
        }
        clear.len()
    }};
}

/// Hashes every secret still stored in clear: the number replaced. Run at start.
pub async fn hash_all(db: &Db) -> DbResult<usize> {
    Ok(with_conn!(db, |conn: DB| {
        hash_clear!(conn, job_alerts, feed_token_hash)
            + hash_clear!(conn, vmj_duos, student_token_hash)
            + hash_clear!(conn, vmj_duos, ambassador_token_hash)
    }))
}
