//! The day-before reminders of confirmed seats and booked job-dating slots. Each is claimed
//! by setting `reminded_at` where it is still null, in the transaction that queues the
//! e-mail: the reminder goes out once, however many processes run the job.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::forum::RegistrationStatus;
use shared::ForumSessionId;

use crate::db::outbox::enqueue_mail;
use crate::db::schema::{forum_bookings, forum_registrations, forum_sessions, forum_slots, users};
use crate::db::{Db, DbResult};
use crate::mail::Email;
use crate::{in_transaction, with_conn};

/// What a reminder is for.
#[derive(Debug, Clone, Copy)]
pub enum Subject {
    Registration(i64),
    Booking(i64),
}

/// A reminder to send.
#[derive(Debug, Clone)]
pub struct Due {
    pub subject: Subject,
    pub session: ForumSessionId,
    pub email: String,
    pub title: String,
    pub starts_at: NaiveDateTime,
}

/// Seats and slots starting on `day` whose reminder is not sent.
pub async fn due(db: &Db, day: NaiveDate) -> DbResult<Vec<Due>> {
    let from = day.and_time(chrono::NaiveTime::MIN);
    let to = from + chrono::Duration::days(1);
    type Found = Vec<(i64, ForumSessionId, String, String, NaiveDateTime)>;
    let (seats, bookings): (Found, Found) = with_conn!(db, |conn: DB| {
        let seats = forum_registrations::table
            .inner_join(forum_sessions::table)
            .inner_join(users::table)
            .filter(forum_registrations::status.eq(RegistrationStatus::Confirmed.as_ref()))
            .filter(forum_registrations::reminded_at.is_null())
            .filter(forum_sessions::starts_at.ge(from))
            .filter(forum_sessions::starts_at.lt(to))
            .select((
                forum_registrations::id,
                forum_sessions::id,
                users::email,
                forum_sessions::title,
                forum_sessions::starts_at,
            ))
            .load(conn)
            .await?;
        let bookings = forum_bookings::table
            .inner_join(forum_slots::table)
            .inner_join(forum_sessions::table)
            .inner_join(users::table)
            .filter(forum_bookings::reminded_at.is_null())
            .filter(forum_slots::starts_at.ge(from))
            .filter(forum_slots::starts_at.lt(to))
            .select((
                forum_bookings::id,
                forum_sessions::id,
                users::email,
                forum_sessions::title,
                forum_slots::starts_at,
            ))
            .load(conn)
            .await?;
        (seats, bookings)
    });
    let due = |subject: fn(i64) -> Subject| {
        move |(id, session, email, title, starts_at): (
            i64,
            ForumSessionId,
            String,
            String,
            NaiveDateTime,
        )| {
            Due {
                subject: subject(id),
                session,
                email,
                title,
                starts_at,
            }
        }
    };
    Ok(seats
        .into_iter()
        .map(due(Subject::Registration))
        .chain(bookings.into_iter().map(due(Subject::Booking)))
        .collect())
}

/// Claims the reminder and queues its e-mail; false when another process claimed it first.
pub async fn claim(db: &Db, due: &Due, mail: Email) -> DbResult<bool> {
    let now = chrono::Utc::now().naive_utc();
    in_transaction!(db, |conn: DB| {
        let claimed = match due.subject {
            Subject::Registration(id) => {
                diesel::update(
                    forum_registrations::table
                        .find(id)
                        .filter(forum_registrations::reminded_at.is_null()),
                )
                .set(forum_registrations::reminded_at.eq(now))
                .execute(conn)
                .await?
            }
            Subject::Booking(id) => {
                diesel::update(
                    forum_bookings::table
                        .find(id)
                        .filter(forum_bookings::reminded_at.is_null()),
                )
                .set(forum_bookings::reminded_at.eq(now))
                .execute(conn)
                .await?
            }
        };
        if claimed == 1 {
            enqueue_mail!(conn, mail, now)?;
        }
        Ok(claimed == 1)
    })
}
