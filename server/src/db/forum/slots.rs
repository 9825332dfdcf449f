//! Job-dating slots and their bookings. `forum_bookings.slot_id` is UNIQUE: however many
//! candidates ask for a slot at the same instant, the database keeps one booking.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::forum::{Attendee, Slot, SlotBooking};
use shared::{ForumSessionId, ForumSlotId, UserId};
use std::collections::HashMap;

use crate::db::schema::{forum_bookings, forum_participants, forum_slots, users};
use crate::db::users::unique_violation;
use crate::db::{Db, DbError, DbResult};
use crate::with_conn;

/// Adds the slots (those already there at the same start are kept); returns how many are new.
pub async fn add(
    db: &Db,
    session: ForumSessionId,
    slots: &[(NaiveDateTime, NaiveDateTime)],
) -> DbResult<usize> {
    let now = chrono::Utc::now().naive_utc();
    let rows: Vec<_> = slots
        .iter()
        .map(|(starts_at, ends_at)| {
            (
                forum_slots::session_id.eq(session),
                forum_slots::starts_at.eq(*starts_at),
                forum_slots::ends_at.eq(*ends_at),
                forum_slots::created_at.eq(now),
            )
        })
        .collect();
    Ok(with_conn!(db, |conn: DB| {
        let mut added = 0;
        // One statement per slot: SQLite's batch insert cannot take ON CONFLICT in diesel.
        for row in rows {
            added += diesel::insert_into(forum_slots::table)
                .values(row)
                .on_conflict_do_nothing()
                .execute(conn)
                .await?;
        }
        added
    }))
}

type SlotRow = (
    ForumSlotId,
    ForumSessionId,
    NaiveDateTime,
    NaiveDateTime,
    Option<i64>,
);

async fn rows(db: &Db, sessions: &[ForumSessionId]) -> DbResult<Vec<SlotRow>> {
    Ok(with_conn!(db, |conn: DB| {
        forum_slots::table
            .left_join(forum_bookings::table)
            .filter(forum_slots::session_id.eq_any(sessions))
            .select((
                forum_slots::id,
                forum_slots::session_id,
                forum_slots::starts_at,
                forum_slots::ends_at,
                forum_bookings::user_id.nullable(),
            ))
            .order((forum_slots::starts_at.asc(), forum_slots::id.asc()))
            .load(conn)
            .await?
    }))
}

fn slot((id, _, starts_at, ends_at, booker): &SlotRow, viewer: Option<UserId>) -> Slot {
    Slot {
        id: *id,
        starts_at: *starts_at,
        ends_at: *ends_at,
        booked: booker.is_some(),
        mine: viewer.is_some_and(|v| *booker == Some(v.0)),
    }
}

/// The slots of the sessions, per session, as `viewer` sees them.
pub async fn of_sessions(
    db: &Db,
    sessions: &[ForumSessionId],
    viewer: Option<UserId>,
) -> DbResult<HashMap<ForumSessionId, Vec<Slot>>> {
    let mut out: HashMap<ForumSessionId, Vec<Slot>> = HashMap::new();
    for row in rows(db, sessions).await? {
        out.entry(row.1).or_default().push(slot(&row, viewer));
    }
    Ok(out)
}

/// The slots of a recruiter's sessions with who booked them (names given at the edition's
/// registration).
pub async fn bookings(
    db: &Db,
    sessions: &[ForumSessionId],
) -> DbResult<HashMap<ForumSessionId, Vec<SlotBooking>>> {
    let rows = rows(db, sessions).await?;
    let bookers: Vec<i64> = rows.iter().filter_map(|r| r.4).collect();
    let people: Vec<(i64, i64, String, String, String)> = with_conn!(db, |conn: DB| {
        forum_participants::table
            .inner_join(users::table)
            .filter(forum_participants::user_id.eq_any(&bookers))
            .select((
                forum_participants::edition_id,
                users::id,
                forum_participants::first_name,
                forum_participants::last_name,
                users::email,
            ))
            .load(conn)
            .await?
    });
    // A candidate registered for several editions: any of the entries gives the names.
    let people: HashMap<i64, Attendee> = people
        .into_iter()
        .map(|(_, id, first_name, last_name, email)| {
            (
                id,
                Attendee {
                    first_name,
                    last_name,
                    email,
                },
            )
        })
        .collect();
    let mut out: HashMap<ForumSessionId, Vec<SlotBooking>> = HashMap::new();
    for row in &rows {
        out.entry(row.1).or_default().push(SlotBooking {
            slot: slot(row, None),
            candidate: row.4.and_then(|u| people.get(&u).cloned()),
        });
    }
    Ok(out)
}

/// The slot's session and start, for checks before booking.
pub async fn find(
    db: &Db,
    slot: ForumSlotId,
) -> DbResult<(ForumSessionId, NaiveDateTime, NaiveDateTime)> {
    Ok(with_conn!(db, |conn: DB| {
        forum_slots::table
            .find(slot)
            .select((
                forum_slots::session_id,
                forum_slots::starts_at,
                forum_slots::ends_at,
            ))
            .first(conn)
            .await?
    }))
}

/// Whether the candidate already holds a slot of the session.
pub async fn has_booking(db: &Db, session: ForumSessionId, user: UserId) -> DbResult<bool> {
    let n: i64 = with_conn!(db, |conn: DB| {
        forum_bookings::table
            .filter(forum_bookings::session_id.eq(session))
            .filter(forum_bookings::user_id.eq(user.0))
            .count()
            .get_result(conn)
            .await?
    });
    Ok(n > 0)
}

/// Books the slot: one statement, so the unique constraints decide between concurrent
/// requests. `Conflict` when the slot is taken or the candidate holds one of the session's.
pub async fn book(
    db: &Db,
    slot: ForumSlotId,
    session: ForumSessionId,
    user: UserId,
) -> DbResult<()> {
    let now = chrono::Utc::now().naive_utc();
    let inserted = with_conn!(db, |conn: DB| {
        diesel::insert_into(forum_bookings::table)
            .values((
                forum_bookings::slot_id.eq(slot),
                forum_bookings::session_id.eq(session),
                forum_bookings::user_id.eq(user.0),
                forum_bookings::created_at.eq(now),
            ))
            .execute(conn)
            .await
    });
    inserted
        .map(|_| ())
        .map_err(|e| unique_violation(DbError::from(e)))
}

/// Frees the candidate's slot; `NotFound` when it is not theirs.
pub async fn cancel(db: &Db, slot: ForumSlotId, user: UserId) -> DbResult<()> {
    let deleted = with_conn!(db, |conn: DB| {
        diesel::delete(
            forum_bookings::table
                .filter(forum_bookings::slot_id.eq(slot))
                .filter(forum_bookings::user_id.eq(user.0)),
        )
        .execute(conn)
        .await?
    });
    match deleted {
        0 => Err(DbError::NotFound),
        _ => Ok(()),
    }
}

/// The candidate's bookings: (session, slot).
pub async fn of_user(db: &Db, user: UserId) -> DbResult<Vec<(ForumSessionId, Slot)>> {
    let rows: Vec<SlotRow> = with_conn!(db, |conn: DB| {
        forum_slots::table
            .inner_join(forum_bookings::table)
            .filter(forum_bookings::user_id.eq(user.0))
            .select((
                forum_slots::id,
                forum_slots::session_id,
                forum_slots::starts_at,
                forum_slots::ends_at,
                forum_bookings::user_id.nullable(),
            ))
            .load(conn)
            .await?
    });
    Ok(rows.iter().map(|r| (r.1, slot(r, Some(user)))).collect())
}

/// Removes an unbooked slot of the session (in one statement, so a booking arriving at
/// the same time is never deleted with it); `Conflict` when booked.
pub async fn remove(db: &Db, session: ForumSessionId, slot: ForumSlotId) -> DbResult<()> {
    let (deleted, exists): (usize, i64) = with_conn!(db, |conn: DB| {
        let booked = forum_bookings::table.filter(forum_bookings::slot_id.eq(forum_slots::id));
        let deleted = diesel::delete(
            forum_slots::table
                .find(slot)
                .filter(forum_slots::session_id.eq(session))
                .filter(diesel::dsl::not(diesel::dsl::exists(booked))),
        )
        .execute(conn)
        .await?;
        let exists = forum_slots::table
            .find(slot)
            .filter(forum_slots::session_id.eq(session))
            .count()
            .get_result(conn)
            .await?;
        (deleted, exists)
    });
    match (deleted, exists) {
        (1, _) => Ok(()),
        (_, 0) => Err(DbError::NotFound),
        _ => Err(DbError::Conflict),
    }
}
