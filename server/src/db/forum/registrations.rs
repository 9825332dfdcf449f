//! Candidates' registrations: to the edition, then to sessions with a waiting list.
//!
//! Seats are counted in `forum_sessions.confirmed`, moved in the same transaction as the
//! registration by conditional UPDATEs of the session row. A cancelled confirmed seat goes
//! to the first on the waiting list (by registration order) or back to the pool.

use diesel::dsl::count_star;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::forum::{Registration, RegistrationStatus};
use shared::{ForumEditionId, ForumSessionId, UserId};

use crate::db::outbox::enqueue_mail;
use crate::db::schema::{forum_participants, forum_registrations, forum_sessions, users};
use crate::db::users::unique_violation;
use crate::db::{Db, DbResult};
use crate::mail::Email;
use crate::{in_transaction, with_conn};

/// Registers the candidate for the edition (again: the names change, nothing else).
pub async fn join_edition(
    db: &Db,
    edition: ForumEditionId,
    user: UserId,
    first_name: &str,
    last_name: &str,
) -> DbResult<()> {
    let now = chrono::Utc::now().naive_utc();
    with_conn!(db, |conn: DB| {
        diesel::insert_into(forum_participants::table)
            .values((
                forum_participants::edition_id.eq(edition),
                forum_participants::user_id.eq(user.0),
                forum_participants::first_name.eq(first_name.trim()),
                forum_participants::last_name.eq(last_name.trim()),
                forum_participants::created_at.eq(now),
            ))
            .on_conflict((forum_participants::edition_id, forum_participants::user_id))
            .do_update()
            .set((
                forum_participants::first_name.eq(first_name.trim()),
                forum_participants::last_name.eq(last_name.trim()),
            ))
            .execute(conn)
            .await?;
    });
    Ok(())
}

pub async fn is_participant(db: &Db, edition: ForumEditionId, user: UserId) -> DbResult<bool> {
    let n: i64 = with_conn!(db, |conn: DB| {
        forum_participants::table
            .filter(forum_participants::edition_id.eq(edition))
            .filter(forum_participants::user_id.eq(user.0))
            .count()
            .get_result(conn)
            .await?
    });
    Ok(n > 0)
}

/// Rank of a waiting registration (1 = next to get a seat).
macro_rules! waiting_rank {
    ($conn:expr, $session:expr, $id:expr) => {
        forum_registrations::table
            .filter(forum_registrations::session_id.eq($session))
            .filter(forum_registrations::status.eq(RegistrationStatus::Waiting.as_ref()))
            .filter(forum_registrations::id.le($id))
            .select(count_star())
            .get_result::<i64>($conn)
            .await
    };
}

/// A confirmed seat when one is left, else a place on the waiting list. `Conflict` when the
/// candidate is already registered for the session.
pub async fn register(db: &Db, session: ForumSessionId, user: UserId) -> DbResult<Registration> {
    let now = chrono::Utc::now().naive_utc();
    let result = in_transaction!(db, |conn: DB| {
        // Registrations to one session run one after the other, on its row (a row lock on
        // PostgreSQL, the write lock on SQLite — taken now by this first write rather than
        // by a failing upgrade later): the seat count and the waiting rank are then exact.
        diesel::update(forum_sessions::table.find(session))
            .set(forum_sessions::confirmed.eq(forum_sessions::confirmed))
            .execute(conn)
            .await?;
        let seat = diesel::update(
            forum_sessions::table
                .find(session)
                .filter(forum_sessions::confirmed.lt(forum_sessions::capacity)),
        )
        .set(forum_sessions::confirmed.eq(forum_sessions::confirmed + 1))
        .execute(conn)
        .await?;
        let status = if seat == 1 {
            RegistrationStatus::Confirmed
        } else {
            RegistrationStatus::Waiting
        };
        let id: i64 = diesel::insert_into(forum_registrations::table)
            .values((
                forum_registrations::session_id.eq(session),
                forum_registrations::user_id.eq(user.0),
                forum_registrations::status.eq(status.as_ref()),
                forum_registrations::created_at.eq(now),
            ))
            .returning(forum_registrations::id)
            .get_result(conn)
            .await?;
        let waiting_position = match status {
            RegistrationStatus::Confirmed => None,
            RegistrationStatus::Waiting => Some(waiting_rank!(conn, session, id)?),
        };
        Ok(Registration {
            status,
            waiting_position,
        })
    });
    result.map_err(unique_violation)
}

/// Who got a seat freed by a cancellation.
pub struct Promoted {
    pub user: UserId,
    pub email: String,
}

/// Cancels the candidate's registration; a freed seat goes to the first waiting, who is
/// mailed (`mail`) in the same transaction. `NotFound` when not registered.
pub async fn cancel(
    db: &Db,
    session: ForumSessionId,
    user: UserId,
    mail: impl FnOnce(&str) -> Email + Send,
) -> DbResult<Option<Promoted>> {
    let now = chrono::Utc::now().naive_utc();
    in_transaction!(db, |conn: DB| {
        // Serialized with the session's registrations (see `register`): a registration
        // running meanwhile would otherwise miss the seat this frees.
        diesel::update(forum_sessions::table.find(session))
            .set(forum_sessions::confirmed.eq(forum_sessions::confirmed))
            .execute(conn)
            .await?;
        let status: String = diesel::delete(
            forum_registrations::table
                .filter(forum_registrations::session_id.eq(session))
                .filter(forum_registrations::user_id.eq(user.0)),
        )
        .returning(forum_registrations::status)
        .get_result(conn)
        .await?;
        if status != RegistrationStatus::Confirmed.as_ref() {
            return Ok(None);
        }
        // The first waiting takes the seat.
        let next: Option<(i64, UserId, String)> = forum_registrations::table
            .inner_join(users::table)
            .filter(forum_registrations::session_id.eq(session))
            .filter(forum_registrations::status.eq(RegistrationStatus::Waiting.as_ref()))
            .order(forum_registrations::id.asc())
            .select((forum_registrations::id, users::id, users::email))
            .first(conn)
            .await
            .optional()?;
        if let Some((registration, _, _)) = next {
            diesel::update(forum_registrations::table.find(registration))
                .set((
                    forum_registrations::status.eq(RegistrationStatus::Confirmed.as_ref()),
                    forum_registrations::promoted_at.eq(now),
                ))
                .execute(conn)
                .await?;
        }
        let promoted = next.map(|(_, user, email)| (user, email));
        match promoted {
            Some((user, email)) => {
                let mail = mail(&email);
                enqueue_mail!(conn, mail, now)?;
                Ok(Some(Promoted { user, email }))
            }
            None => {
                diesel::update(forum_sessions::table.find(session))
                    .set(forum_sessions::confirmed.eq(forum_sessions::confirmed - 1))
                    .execute(conn)
                    .await?;
                Ok(None)
            }
        }
    })
}

/// Gives the seats a capacity increase freed to the first waiting, in order, each told by
/// the e-mail `mail` writes; returns how many moved up.
pub async fn promote_waiting(
    db: &Db,
    session: ForumSessionId,
    mail: impl Fn(&str) -> Email + Send,
) -> DbResult<usize> {
    let now = chrono::Utc::now().naive_utc();
    in_transaction!(db, |conn: DB| {
        let mut promoted = 0;
        loop {
            // Serialized with registrations by the seat update itself (see `register`).
            let seat = diesel::update(
                forum_sessions::table
                    .find(session)
                    .filter(forum_sessions::confirmed.lt(forum_sessions::capacity)),
            )
            .set(forum_sessions::confirmed.eq(forum_sessions::confirmed + 1))
            .execute(conn)
            .await?;
            if seat == 0 {
                break;
            }
            let next: Option<(i64, String)> = forum_registrations::table
                .inner_join(users::table)
                .filter(forum_registrations::session_id.eq(session))
                .filter(forum_registrations::status.eq(RegistrationStatus::Waiting.as_ref()))
                .order(forum_registrations::id.asc())
                .select((forum_registrations::id, users::email))
                .first(conn)
                .await
                .optional()?;
            let Some((registration, email)) = next else {
                // Nobody waits: the seat goes back.
                diesel::update(forum_sessions::table.find(session))
                    .set(forum_sessions::confirmed.eq(forum_sessions::confirmed - 1))
                    .execute(conn)
                    .await?;
                break;
            };
            diesel::update(forum_registrations::table.find(registration))
                .set((
                    forum_registrations::status.eq(RegistrationStatus::Confirmed.as_ref()),
                    forum_registrations::promoted_at.eq(now),
                ))
                .execute(conn)
                .await?;
            let mail = mail(&email);
            enqueue_mail!(conn, mail, now)?;
            promoted += 1;
        }
        Ok(promoted)
    })
}

/// The candidate's place in one session: (status, waiting rank), if registered.
pub async fn place_in(
    db: &Db,
    session: ForumSessionId,
    user: UserId,
) -> DbResult<Option<(RegistrationStatus, Option<i64>)>> {
    let row: Option<(i64, String)> = with_conn!(db, |conn: DB| {
        forum_registrations::table
            .filter(forum_registrations::session_id.eq(session))
            .filter(forum_registrations::user_id.eq(user.0))
            .select((forum_registrations::id, forum_registrations::status))
            .first(conn)
            .await
            .optional()?
    });
    let Some((id, status)) = row else {
        return Ok(None);
    };
    let status: RegistrationStatus =
        crate::db::vismonjob::editions::parse("registration status", &status)?;
    let rank = match status {
        RegistrationStatus::Confirmed => None,
        RegistrationStatus::Waiting => Some(with_conn!(db, |conn: DB| {
            waiting_rank!(conn, session, id)?
        })),
    };
    Ok(Some((status, rank)))
}

/// The candidate's registrations: (session, status, waiting rank).
pub async fn of_user(
    db: &Db,
    user: UserId,
) -> DbResult<Vec<(ForumSessionId, RegistrationStatus, Option<i64>)>> {
    let rows: Vec<(i64, ForumSessionId, String)> = with_conn!(db, |conn: DB| {
        forum_registrations::table
            .filter(forum_registrations::user_id.eq(user.0))
            .select((
                forum_registrations::id,
                forum_registrations::session_id,
                forum_registrations::status,
            ))
            .load(conn)
            .await?
    });
    let mut out = Vec::new();
    for (id, session, status) in rows {
        let status: RegistrationStatus =
            crate::db::vismonjob::editions::parse("registration status", &status)?;
        let rank = match status {
            RegistrationStatus::Confirmed => None,
            RegistrationStatus::Waiting => Some(with_conn!(db, |conn: DB| {
                waiting_rank!(conn, session, id)?
            })),
        };
        out.push((session, status, rank));
    }
    Ok(out)
}

/// Records the first time a confirmed participant opens the session's link.
pub async fn mark_joined(db: &Db, session: ForumSessionId, user: UserId) -> DbResult<()> {
    let now = chrono::Utc::now().naive_utc();
    with_conn!(db, |conn: DB| {
        diesel::update(
            forum_registrations::table
                .filter(forum_registrations::session_id.eq(session))
                .filter(forum_registrations::user_id.eq(user.0))
                .filter(forum_registrations::joined_at.is_null()),
        )
        .set(forum_registrations::joined_at.eq(now))
        .execute(conn)
        .await?;
    });
    Ok(())
}
