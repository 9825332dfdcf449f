//! Job alerts: saved searches, the hashes of their feed URLs' secrets, and the claim that
//! makes each digest go out once even with several server processes.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::alert::ALERTS_MAX;
use shared::{AlertId, UserId};

use super::outbox::enqueue_mail;
use super::schema::{job_alerts, users};
use super::{Db, DbError, DbResult};
use crate::auth::token::digest;
use crate::mail::Email;
use crate::{in_transaction, with_conn};

/// A stored alert.
#[derive(Debug, Clone, Queryable)]
pub struct AlertRow {
    pub id: AlertId,
    pub user_id: UserId,
    pub name: String,
    pub query: String,
    pub created_at: NaiveDateTime,
    pub checked_at: NaiveDateTime,
}

macro_rules! alert_columns {
    () => {
        (
            job_alerts::id,
            job_alerts::user_id,
            job_alerts::name,
            job_alerts::query,
            job_alerts::created_at,
            job_alerts::checked_at,
        )
    };
}

/// Saves an alert whose feed URL holds `token` (kept hashed); `Conflict` past
/// [`ALERTS_MAX`] alerts.
pub async fn create(
    db: &Db,
    user: UserId,
    name: &str,
    query: &str,
    token: &str,
) -> DbResult<AlertId> {
    let token_hash = digest(token);
    let now = chrono::Utc::now().naive_utc();
    in_transaction!(db, |conn: DB| {
        let count: i64 = job_alerts::table
            .filter(job_alerts::user_id.eq(user))
            .count()
            .get_result(conn)
            .await?;
        if count >= ALERTS_MAX {
            return Err(DbError::Conflict);
        }
        let id = diesel::insert_into(job_alerts::table)
            .values((
                job_alerts::user_id.eq(user),
                job_alerts::name.eq(name.trim()),
                job_alerts::query.eq(query),
                job_alerts::feed_token_hash.eq(&token_hash),
                job_alerts::created_at.eq(now),
                job_alerts::checked_at.eq(now),
            ))
            .returning(job_alerts::id)
            .get_result(conn)
            .await?;
        Ok(id)
    })
}

/// The candidate's alerts, oldest first.
pub async fn list(db: &Db, user: UserId) -> DbResult<Vec<AlertRow>> {
    Ok(with_conn!(db, |conn: DB| {
        job_alerts::table
            .filter(job_alerts::user_id.eq(user))
            .order(job_alerts::id.asc())
            .select(alert_columns!())
            .load(conn)
            .await?
    }))
}

/// Deletes one of the candidate's alerts; `NotFound` for another's.
pub async fn delete(db: &Db, user: UserId, id: AlertId) -> DbResult<()> {
    let deleted = with_conn!(db, |conn: DB| {
        diesel::delete(
            job_alerts::table
                .filter(job_alerts::id.eq(id))
                .filter(job_alerts::user_id.eq(user)),
        )
        .execute(conn)
        .await?
    });
    if deleted == 0 {
        Err(DbError::NotFound)
    } else {
        Ok(())
    }
}

/// Gives one of the candidate's alerts a new feed secret `token` (the old URL stops
/// working); `NotFound` for another's.
pub async fn renew_token(db: &Db, user: UserId, id: AlertId, token: &str) -> DbResult<()> {
    let token_hash = digest(token);
    let renewed = with_conn!(db, |conn: DB| {
        diesel::update(
            job_alerts::table
                .filter(job_alerts::id.eq(id))
                .filter(job_alerts::user_id.eq(user)),
        )
        .set(job_alerts::feed_token_hash.eq(&token_hash))
        .execute(conn)
        .await?
    });
    if renewed == 0 {
        Err(DbError::NotFound)
    } else {
        Ok(())
    }
}

/// The alert behind a feed URL.
pub async fn by_token(db: &Db, token: &str) -> DbResult<AlertRow> {
    let token_hash = digest(token);
    Ok(with_conn!(db, |conn: DB| {
        job_alerts::table
            .filter(job_alerts::feed_token_hash.eq(&token_hash))
            .select(alert_columns!())
            .first(conn)
            .await?
    }))
}

/// Alerts not checked since `before`, with their owner's address.
pub async fn due(db: &Db, before: NaiveDateTime) -> DbResult<Vec<(AlertRow, String)>> {
    Ok(with_conn!(db, |conn: DB| {
        job_alerts::table
            .inner_join(users::table)
            .filter(job_alerts::checked_at.le(before))
            .filter(users::disabled_at.is_null())
            .order(job_alerts::id.asc())
            .select((alert_columns!(), users::email))
            .load(conn)
            .await?
    }))
}

/// Moves the alert's window to `now` and queues its digest (if any), atomically; `false`
/// when another process already did (its `checked_at` moved): then nothing is sent.
pub async fn claim(
    db: &Db,
    alert: &AlertRow,
    now: NaiveDateTime,
    digest: Option<Email>,
) -> DbResult<bool> {
    let (id, seen) = (alert.id, alert.checked_at);
    in_transaction!(db, |conn: DB| {
        let moved = diesel::update(
            job_alerts::table
                .filter(job_alerts::id.eq(id))
                .filter(job_alerts::checked_at.eq(seen)),
        )
        .set(job_alerts::checked_at.eq(now))
        .execute(conn)
        .await?;
        if moved == 0 {
            return Ok(false);
        }
        if let Some(mail) = &digest {
            enqueue_mail!(conn, mail, now)?;
        }
        Ok(true)
    })
}
