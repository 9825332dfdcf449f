//! Webhooks' storage (migration `2026-12-06-000019_webhooks`): receivers under API keys,
//! each one's place in the offers' change log, the lease that lets one process at a time
//! deliver to it, and each message's outcome.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::webhook::{Webhook, WebhookDelivery, WebhookEvent};
use shared::{ApiKeyId, OfferId, UserId, WebhookId};

use super::audit::record;
use super::schema::{api_keys, webhook_deliveries, webhooks};
use super::{Db, DbError, DbResult};
use crate::{in_transaction, with_conn};

/// How long delivery records are kept.
pub const KEEP_DELIVERIES_DAYS: i64 = 30;

#[derive(Queryable, Selectable)]
#[diesel(table_name = webhooks)]
struct WebhookRow {
    id: WebhookId,
    api_key_id: ApiKeyId,
    url: String,
    events: String,
    created_at: NaiveDateTime,
    failures: i32,
    disabled_at: Option<NaiveDateTime>,
    disabled_reason: Option<String>,
}

fn events_text(events: &[WebhookEvent]) -> String {
    events
        .iter()
        .map(|e| e.as_ref())
        .collect::<Vec<_>>()
        .join(",")
}

fn parse_events(text: &str) -> DbResult<Vec<WebhookEvent>> {
    text.split(',')
        .map(|e| {
            e.parse()
                .map_err(|_| DbError::Corrupt(format!("webhook event {e}")))
        })
        .collect()
}

impl WebhookRow {
    fn public(self) -> DbResult<Webhook> {
        Ok(Webhook {
            id: self.id,
            api_key_id: self.api_key_id,
            url: self.url,
            events: parse_events(&self.events)?,
            created_at: self.created_at,
            failures: self.failures,
            disabled_at: self.disabled_at,
            disabled_reason: self.disabled_reason,
        })
    }
}

/// A receiver ready for a pass: where it stands and how to sign.
#[derive(Debug, Clone)]
pub struct Receiver {
    pub id: WebhookId,
    pub url: String,
    pub secret: String,
    pub events: Vec<WebhookEvent>,
    pub after_seq: i64,
    pub after_at: NaiveDateTime,
    pub failures: i32,
    /// `next_attempt_at` as read: taking the receiver checks nobody took it meanwhile.
    pub seen: NaiveDateTime,
}

/// Registers a receiver under an active key. It hears what changes from now on: its place
/// is the log's last number (`after_seq`), read at `after_at`.
#[allow(clippy::too_many_arguments)]
pub async fn create(
    db: &Db,
    actor: UserId,
    api_key: ApiKeyId,
    url: &str,
    events: &[WebhookEvent],
    secret: &str,
    after_seq: i64,
    after_at: NaiveDateTime,
) -> DbResult<Webhook> {
    let now = chrono::Utc::now().naive_utc();
    in_transaction!(db, |conn: DB| {
        let name: String = api_keys::table
            .find(api_key)
            .filter(api_keys::revoked_at.is_null())
            .select(api_keys::name)
            .first(conn)
            .await
            .optional()?
            .ok_or(DbError::NotFound)?;
        let row: WebhookRow = diesel::insert_into(webhooks::table)
            .values((
                webhooks::api_key_id.eq(api_key),
                webhooks::url.eq(url),
                webhooks::secret.eq(secret),
                webhooks::events.eq(events_text(events)),
                webhooks::after_seq.eq(after_seq),
                webhooks::after_at.eq(after_at),
                webhooks::next_attempt_at.eq(now),
                webhooks::failures.eq(0),
                webhooks::created_by.eq(actor),
                webhooks::created_at.eq(now),
            ))
            .returning(WebhookRow::as_returning())
            .get_result(conn)
            .await?;
        record!(conn, actor: Some(actor.0), entity: None::<i64>, "webhook.create", format!("{name} → {url}"), now)?;
        row.public()
    })
}

/// Every receiver, the newest first.
pub async fn list(db: &Db) -> DbResult<Vec<Webhook>> {
    let rows: Vec<WebhookRow> = with_conn!(db, |conn: DB| {
        webhooks::table
            .order(webhooks::id.desc())
            .select(WebhookRow::as_select())
            .load(conn)
            .await?
    });
    rows.into_iter().map(WebhookRow::public).collect()
}

/// Deletes a receiver and its delivery records; `NotFound` when there is none.
pub async fn delete(db: &Db, actor: UserId, id: WebhookId) -> DbResult<()> {
    let now = chrono::Utc::now().naive_utc();
    in_transaction!(db, |conn: DB| {
        let url: String = diesel::delete(webhooks::table.find(id))
            .returning(webhooks::url)
            .get_result(conn)
            .await
            .optional()?
            .ok_or(DbError::NotFound)?;
        record!(conn, actor: Some(actor.0), entity: None::<i64>, "webhook.delete", url, now)?;
        Ok(())
    })
}

/// Turns deliveries back on after they were stopped: they resume where they stopped, or,
/// when the log has forgotten the changes since (kept 90 days), from `clock.latest` (the
/// reason it was stopped told the team to have the receiver reload the exports).
pub async fn reactivate(
    db: &Db,
    actor: UserId,
    id: WebhookId,
    clock: super::offer_changes::Clock,
) -> DbResult<Webhook> {
    let now = chrono::Utc::now().naive_utc();
    in_transaction!(db, |conn: DB| {
        diesel::update(
            webhooks::table
                .find(id)
                .filter(webhooks::after_seq.lt(clock.purged_through)),
        )
        .set((
            webhooks::after_seq.eq(clock.latest),
            webhooks::after_at.eq(now),
        ))
        .execute(conn)
        .await?;
        let row: WebhookRow = diesel::update(webhooks::table.find(id))
            .set((
                webhooks::disabled_at.eq(None::<NaiveDateTime>),
                webhooks::disabled_reason.eq(None::<String>),
                webhooks::failures.eq(0),
                webhooks::next_attempt_at.eq(now),
            ))
            .returning(WebhookRow::as_returning())
            .get_result(conn)
            .await
            .optional()?
            .ok_or(DbError::NotFound)?;
        record!(conn, actor: Some(actor.0), entity: None::<i64>, "webhook.reactivate", row.url.clone(), now)?;
        row.public()
    })
}

/// Stops deliveries to a receiver, for `reason` (shown to the team).
pub async fn disable(
    db: &Db,
    receiver: WebhookId,
    reason: &str,
    now: NaiveDateTime,
) -> DbResult<()> {
    with_conn!(db, |conn: DB| {
        diesel::update(webhooks::table.find(receiver))
            .set((
                webhooks::disabled_at.eq(now),
                webhooks::disabled_reason.eq(reason),
            ))
            .execute(conn)
            .await?;
    });
    Ok(())
}

/// Active receivers of active keys whose next pass is due at `now`.
pub async fn due(db: &Db, now: NaiveDateTime, limit: i64) -> DbResult<Vec<Receiver>> {
    type Row = (
        WebhookId,
        String,
        String,
        String,
        i64,
        NaiveDateTime,
        i32,
        NaiveDateTime,
    );
    let rows: Vec<Row> = with_conn!(db, |conn: DB| {
        webhooks::table
            .inner_join(api_keys::table)
            .filter(webhooks::disabled_at.is_null())
            .filter(api_keys::revoked_at.is_null())
            .filter(webhooks::next_attempt_at.le(now))
            .order(webhooks::next_attempt_at.asc())
            .limit(limit)
            .select((
                webhooks::id,
                webhooks::url,
                webhooks::secret,
                webhooks::events,
                webhooks::after_seq,
                webhooks::after_at,
                webhooks::failures,
                webhooks::next_attempt_at,
            ))
            .load(conn)
            .await?
    });
    rows.into_iter()
        .map(
            |(id, url, secret, events, after_seq, after_at, failures, seen)| {
                Ok(Receiver {
                    id,
                    url,
                    secret,
                    events: parse_events(&events)?,
                    after_seq,
                    after_at,
                    failures,
                    seen,
                })
            },
        )
        .collect()
}

/// Takes a receiver for one pass, until `lease_until`: false when another process took it
/// first (its `next_attempt_at` moved since it was read).
pub async fn claim(db: &Db, receiver: &Receiver, lease_until: NaiveDateTime) -> DbResult<bool> {
    let changed = with_conn!(db, |conn: DB| {
        diesel::update(
            webhooks::table
                .filter(webhooks::id.eq(receiver.id))
                .filter(webhooks::disabled_at.is_null())
                .filter(webhooks::next_attempt_at.eq(receiver.seen)),
        )
        .set(webhooks::next_attempt_at.eq(lease_until))
        .execute(conn)
        .await?
    });
    Ok(changed == 1)
}

/// A message of a pass, as recorded.
pub struct Message<'a> {
    pub seq: i64,
    pub message_id: &'a str,
    pub event: WebhookEvent,
    pub offer_id: OfferId,
    pub status_code: Option<i32>,
    pub error: Option<&'a str>,
}

/// Records an attempt at `message` (the first creates its record).
macro_rules! record_attempt {
    ($conn:expr, $receiver:expr, $message:expr, $now:expr, $delivered:expr) => {
        diesel::insert_into(webhook_deliveries::table)
            .values((
                webhook_deliveries::webhook_id.eq($receiver),
                webhook_deliveries::seq.eq($message.seq),
                webhook_deliveries::message_id.eq($message.message_id),
                webhook_deliveries::event.eq($message.event.as_ref()),
                webhook_deliveries::offer_id.eq($message.offer_id),
                webhook_deliveries::attempts.eq(1),
                webhook_deliveries::status_code.eq($message.status_code),
                webhook_deliveries::last_error.eq($message.error),
                webhook_deliveries::created_at.eq($now),
                webhook_deliveries::delivered_at.eq($delivered),
            ))
            .on_conflict((webhook_deliveries::webhook_id, webhook_deliveries::seq))
            .do_update()
            .set((
                webhook_deliveries::attempts.eq(webhook_deliveries::attempts + 1),
                webhook_deliveries::status_code.eq($message.status_code),
                webhook_deliveries::last_error.eq($message.error),
                webhook_deliveries::delivered_at.eq($delivered),
            ))
            .execute($conn)
            .await
    };
}

/// Moves a receiver past change `seq`, with the record of its delivery when a message was
/// sent (`None`: a change it does not listen to). Its failures are forgotten.
pub async fn advance(
    db: &Db,
    receiver: WebhookId,
    seq: i64,
    sent: Option<&Message<'_>>,
    now: NaiveDateTime,
) -> DbResult<()> {
    in_transaction!(db, |conn: DB| {
        if let Some(message) = sent {
            record_attempt!(conn, receiver, message, now, Some(now))?;
        }
        diesel::update(
            webhooks::table
                .find(receiver)
                .filter(webhooks::after_seq.lt(seq)),
        )
        .set((webhooks::after_seq.eq(seq), webhooks::failures.eq(0)))
        .execute(conn)
        .await?;
        Ok(())
    })
}

/// Records a failed attempt: the receiver waits until `next_attempt_at`, or stops for
/// `disable` (the reason shown to the team).
pub async fn failed(
    db: &Db,
    receiver: WebhookId,
    message: &Message<'_>,
    next_attempt_at: NaiveDateTime,
    disable: Option<&str>,
    now: NaiveDateTime,
) -> DbResult<()> {
    in_transaction!(db, |conn: DB| {
        record_attempt!(conn, receiver, message, now, None::<NaiveDateTime>)?;
        diesel::update(webhooks::table.find(receiver))
            .set((
                webhooks::failures.eq(webhooks::failures + 1),
                webhooks::next_attempt_at.eq(next_attempt_at),
                webhooks::disabled_at.eq(disable.map(|_| now)),
                webhooks::disabled_reason.eq(disable),
            ))
            .execute(conn)
            .await?;
        Ok(())
    })
}

/// Ends a pass that went well: the receiver may be taken again from `at`; `caught_up`: it
/// has had every change there was at that time.
pub async fn release(
    db: &Db,
    receiver: WebhookId,
    at: NaiveDateTime,
    caught_up: Option<NaiveDateTime>,
) -> DbResult<()> {
    with_conn!(db, |conn: DB| {
        let row = webhooks::table.find(receiver);
        match caught_up {
            Some(time) => {
                diesel::update(row)
                    .set((
                        webhooks::next_attempt_at.eq(at),
                        webhooks::after_at.eq(time),
                    ))
                    .execute(conn)
                    .await?
            }
            None => {
                diesel::update(row)
                    .set(webhooks::next_attempt_at.eq(at))
                    .execute(conn)
                    .await?
            }
        };
    });
    Ok(())
}

/// A receiver's latest messages, the newest first.
pub async fn deliveries(
    db: &Db,
    receiver: WebhookId,
    limit: i64,
) -> DbResult<Vec<WebhookDelivery>> {
    type Row = (
        String,
        String,
        OfferId,
        i32,
        Option<i32>,
        Option<String>,
        NaiveDateTime,
        Option<NaiveDateTime>,
    );
    let rows: Vec<Row> = with_conn!(db, |conn: DB| {
        let known: Option<WebhookId> = webhooks::table
            .find(receiver)
            .select(webhooks::id)
            .first(conn)
            .await
            .optional()?;
        known.ok_or(DbError::NotFound)?;
        webhook_deliveries::table
            .filter(webhook_deliveries::webhook_id.eq(receiver))
            .order(webhook_deliveries::id.desc())
            .limit(limit)
            .select((
                webhook_deliveries::message_id,
                webhook_deliveries::event,
                webhook_deliveries::offer_id,
                webhook_deliveries::attempts,
                webhook_deliveries::status_code,
                webhook_deliveries::last_error,
                webhook_deliveries::created_at,
                webhook_deliveries::delivered_at,
            ))
            .load(conn)
            .await?
    });
    rows.into_iter()
        .map(
            |(
                message_id,
                event,
                offer_id,
                attempts,
                status_code,
                last_error,
                created_at,
                delivered_at,
            )| {
                Ok(WebhookDelivery {
                    message_id,
                    event: event
                        .parse()
                        .map_err(|_| DbError::Corrupt(format!("webhook event {event}")))?,
                    offer_id,
                    attempts,
                    status_code,
                    last_error,
                    created_at,
                    delivered_at,
                })
            },
        )
        .collect()
}

/// Deletes the delivery records made before `before`; how many.
pub async fn purge_deliveries(db: &Db, before: NaiveDateTime) -> DbResult<usize> {
    Ok(with_conn!(db, |conn: DB| {
        diesel::delete(webhook_deliveries::table.filter(webhook_deliveries::created_at.lt(before)))
            .execute(conn)
            .await?
    }))
}
