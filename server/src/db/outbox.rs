//! The e-mail outbox: messages are queued with the change they announce and delivered by
//! a sender; until then (or without SMTP) admins can read them.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::OutboxMessageId;

use diesel::dsl::{exists, not};

use super::schema::{outbox, users};
use super::{Db, DbResult};
use crate::with_conn;

pub use shared::admin::OutboxMessage;

/// Queues an e-mail on an open connection, inside the transaction of the change it
/// announces (a macro because the statement runs on both backends). It waits in the outbox
/// while its recipient has an account that has not confirmed the address ([`due`]); the
/// `link:` form queues the messages that prove the address (confirmation, reset and
/// invitation links), which go at once.
macro_rules! enqueue_mail {
    ($conn:expr, $mail:expr, $now:expr) => {
        $crate::db::outbox::enqueue_mail!(@insert $conn, $mail, $now, false)
    };
    (link: $conn:expr, $mail:expr, $now:expr) => {
        $crate::db::outbox::enqueue_mail!(@insert $conn, $mail, $now, true)
    };
    (@insert $conn:expr, $mail:expr, $now:expr, $account_link:expr) => {
        diesel::insert_into($crate::db::schema::outbox::table)
            .values((
                $crate::db::schema::outbox::recipient.eq(&$mail.to),
                $crate::db::schema::outbox::subject.eq(&$mail.subject),
                $crate::db::schema::outbox::body.eq(&$mail.body),
                $crate::db::schema::outbox::created_at.eq($now),
                $crate::db::schema::outbox::attempts.eq(0),
                $crate::db::schema::outbox::next_attempt_at.eq($now),
                $crate::db::schema::outbox::account_link.eq($account_link),
            ))
            .execute($conn)
            .await
    };
}
pub(crate) use enqueue_mail;

/// Queues, alone, a message about an account to its address, delivered even before the
/// address is confirmed (see `enqueue_mail!`'s `link:` form).
pub async fn queue_account_mail(db: &Db, mail: &crate::mail::Email) -> DbResult<()> {
    let now = chrono::Utc::now().naive_utc();
    with_conn!(db, |conn: DB| {
        enqueue_mail!(link: conn, mail, now)?;
    });
    Ok(())
}

/// The columns of [`OutboxMessage`], in its field order.
type MessageColumns = (
    outbox::id,
    outbox::recipient,
    outbox::subject,
    outbox::body,
    outbox::created_at,
    outbox::attempts,
    outbox::sent_at,
    outbox::last_error,
);

const MESSAGE: MessageColumns = (
    outbox::id,
    outbox::recipient,
    outbox::subject,
    outbox::body,
    outbox::created_at,
    outbox::attempts,
    outbox::sent_at,
    outbox::last_error,
);

type MessageRow = (
    OutboxMessageId,
    String,
    String,
    String,
    NaiveDateTime,
    i32,
    Option<NaiveDateTime>,
    Option<String>,
);

fn message(
    (id, recipient, subject, body, created_at, attempts, sent_at, last_error): MessageRow,
) -> OutboxMessage {
    OutboxMessage {
        id,
        recipient,
        subject,
        body,
        created_at,
        attempts,
        sent_at,
        last_error,
        awaits_confirmation: false,
    }
}

/// Most recent messages first, each saying whether it waits for its recipient to confirm
/// the address ([`due`]'s rule).
pub async fn list(db: &Db, limit: i64) -> DbResult<Vec<OutboxMessage>> {
    let (rows, unconfirmed): (Vec<(MessageRow, bool)>, Vec<String>) = with_conn!(db, |conn: DB| {
        let rows: Vec<(MessageRow, bool)> = outbox::table
            .order(outbox::id.desc())
            .limit(limit)
            .select((MESSAGE, outbox::account_link))
            .load(conn)
            .await?;
        let recipients: Vec<&str> = rows.iter().map(|(row, _)| row.1.as_str()).collect();
        let unconfirmed = users::table
            .filter(users::email.eq_any(recipients))
            .filter(users::email_verified_at.is_null())
            .select(users::email)
            .load(conn)
            .await?;
        (rows, unconfirmed)
    });
    Ok(rows
        .into_iter()
        .map(|(row, account_link)| {
            let mut message = message(row);
            message.awaits_confirmation = message.sent_at.is_none()
                && !account_link
                && unconfirmed.contains(&message.recipient);
            message
        })
        .collect())
}

/// Unsent messages whose next attempt is due at `now`, oldest first — except those to an
/// account that has not confirmed its address: they wait until it does (or until the
/// account is deleted with them, 7 days on), unless they carry the link that proves it.
pub async fn due(
    db: &Db,
    now: NaiveDateTime,
    limit: i64,
) -> DbResult<Vec<(OutboxMessage, NaiveDateTime)>> {
    let rows: Vec<(MessageRow, NaiveDateTime)> = with_conn!(db, |conn: DB| {
        let unconfirmed_recipient = users::table
            .filter(users::email.eq(outbox::recipient))
            .filter(users::email_verified_at.is_null());
        outbox::table
            .filter(outbox::sent_at.is_null())
            .filter(outbox::next_attempt_at.le(now))
            .filter(outbox::account_link.or(not(exists(unconfirmed_recipient))))
            .order(outbox::id)
            .limit(limit)
            .select((MESSAGE, outbox::next_attempt_at))
            .load(conn)
            .await?
    });
    Ok(rows
        .into_iter()
        .map(|(row, next)| (message(row), next))
        .collect())
}

/// Claims a message for one sender: moves its next attempt to `lease_until` only if no other
/// process did since we read it (`seen`). Several server processes never send it twice.
pub async fn claim(
    db: &Db,
    id: OutboxMessageId,
    seen: NaiveDateTime,
    lease_until: NaiveDateTime,
) -> DbResult<bool> {
    let changed = with_conn!(db, |conn: DB| {
        diesel::update(
            outbox::table
                .filter(outbox::id.eq(id))
                .filter(outbox::sent_at.is_null())
                .filter(outbox::next_attempt_at.eq(seen)),
        )
        .set(outbox::next_attempt_at.eq(lease_until))
        .execute(conn)
        .await?
    });
    Ok(changed == 1)
}

pub async fn mark_sent(db: &Db, id: OutboxMessageId, now: NaiveDateTime) -> DbResult<()> {
    with_conn!(db, |conn: DB| {
        diesel::update(outbox::table.find(id))
            .set((
                outbox::sent_at.eq(now),
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::last_error.eq(None::<String>),
            ))
            .execute(conn)
            .await?;
    });
    Ok(())
}

/// Records a failed attempt and when to try again.
pub async fn mark_failed(
    db: &Db,
    id: OutboxMessageId,
    next_attempt_at: NaiveDateTime,
    error: &str,
) -> DbResult<()> {
    with_conn!(db, |conn: DB| {
        diesel::update(outbox::table.find(id))
            .set((
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::next_attempt_at.eq(next_attempt_at),
                outbox::last_error.eq(error),
            ))
            .execute(conn)
            .await?;
    });
    Ok(())
}

/// How long a delivered message is kept (to answer « did you get our mail? »).
pub const KEEP_DELIVERED_DAYS: i64 = 30;

/// Deletes the messages delivered before `sent_before`; the number deleted.
pub async fn purge_delivered(db: &Db, sent_before: NaiveDateTime) -> DbResult<usize> {
    Ok(with_conn!(db, |conn: DB| {
        diesel::delete(outbox::table.filter(outbox::sent_at.lt(sent_before)))
            .execute(conn)
            .await?
    }))
}

/// The messages not sent yet, and among them those that failed at least once.
pub async fn backlog(db: &Db) -> DbResult<(i64, i64)> {
    with_conn!(db, |conn: DB| {
        let unsent = outbox::table.filter(outbox::sent_at.is_null());
        let pending: i64 = unsent.count().get_result(conn).await?;
        let failing: i64 = unsent
            .filter(outbox::attempts.gt(0))
            .count()
            .get_result(conn)
            .await?;
        Ok((pending, failing))
    })
}
