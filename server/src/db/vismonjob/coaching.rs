//! Ambassador coaching sessions. A session's `booked` count moves in the same transaction
//! as the ambassador's placement, by a conditional UPDATE of the session row: two
//! recruiters taking the last seat at once get one seat and one refusal, on both backends.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::vismonjob::coaching::{CoachingAttendee, CoachingSession, CoachingSessionForm};
use shared::{AmbassadorId, CoachingSessionId, EntityId, VmjEditionId};

use crate::db::outbox::enqueue_mail;
use crate::db::schema::{entities, vmj_ambassadors, vmj_coaching_sessions};
use crate::db::{Db, DbError, DbResult};
use crate::mail::Email;
use crate::{in_transaction, with_conn};

/// Who is placed and where, to write the confirmation e-mail.
pub struct Placement {
    pub email: String,
    pub first_name: String,
    pub starts_at: NaiveDateTime,
    pub visio_url: String,
}

type SessionRow = (
    CoachingSessionId,
    NaiveDateTime,
    NaiveDateTime,
    String,
    i32,
    i32,
);
type AttendeeRow = (
    AmbassadorId,
    Option<CoachingSessionId>,
    String,
    String,
    String,
    bool,
);

/// The edition's sessions by start time, with their attendees (only `entity`'s when given).
pub async fn list(
    db: &Db,
    edition: VmjEditionId,
    entity: Option<EntityId>,
) -> DbResult<Vec<CoachingSession>> {
    let (sessions, attendees): (Vec<SessionRow>, Vec<AttendeeRow>) = with_conn!(db, |conn: DB| {
        let sessions = vmj_coaching_sessions::table
            .filter(vmj_coaching_sessions::edition_id.eq(edition))
            .select((
                vmj_coaching_sessions::id,
                vmj_coaching_sessions::starts_at,
                vmj_coaching_sessions::ends_at,
                vmj_coaching_sessions::visio_url,
                vmj_coaching_sessions::capacity,
                vmj_coaching_sessions::booked,
            ))
            .order((
                vmj_coaching_sessions::starts_at.asc(),
                vmj_coaching_sessions::id.asc(),
            ))
            .load(conn)
            .await?;
        let mut query = vmj_ambassadors::table
            .inner_join(entities::table)
            .filter(vmj_ambassadors::edition_id.eq(edition))
            .filter(vmj_ambassadors::coaching_session_id.is_not_null())
            .select((
                vmj_ambassadors::id,
                vmj_ambassadors::coaching_session_id,
                vmj_ambassadors::first_name,
                vmj_ambassadors::last_name,
                entities::name,
                vmj_ambassadors::coached,
            ))
            .order((vmj_ambassadors::last_name.asc(), vmj_ambassadors::id.asc()))
            .into_boxed();
        if let Some(entity) = entity {
            query = query.filter(vmj_ambassadors::entity_id.eq(entity));
        }
        (sessions, query.load(conn).await?)
    });
    Ok(sessions
        .into_iter()
        .map(
            |(id, starts_at, ends_at, visio_url, capacity, booked)| CoachingSession {
                id,
                starts_at,
                ends_at,
                visio_url,
                capacity,
                booked,
                attendees: attendees
                    .iter()
                    .filter(|a| a.1 == Some(id))
                    .map(
                        |(ambassador_id, _, first, last, entity, coached)| CoachingAttendee {
                            ambassador_id: *ambassador_id,
                            first_name: first.clone(),
                            last_name: last.clone(),
                            entity_name: entity.clone(),
                            coached: *coached,
                        },
                    )
                    .collect(),
            },
        )
        .collect())
}

/// Schedules a session.
pub async fn create(
    db: &Db,
    edition: VmjEditionId,
    form: &CoachingSessionForm,
) -> DbResult<CoachingSessionId> {
    let now = chrono::Utc::now().naive_utc();
    Ok(with_conn!(db, |conn: DB| {
        diesel::insert_into(vmj_coaching_sessions::table)
            .values((
                vmj_coaching_sessions::edition_id.eq(edition),
                vmj_coaching_sessions::starts_at.eq(form.starts_at),
                vmj_coaching_sessions::ends_at.eq(form.ends_at()),
                vmj_coaching_sessions::visio_url.eq(form.visio_url.trim()),
                vmj_coaching_sessions::capacity.eq(form.capacity),
                vmj_coaching_sessions::created_at.eq(now),
            ))
            .returning(vmj_coaching_sessions::id)
            .get_result(conn)
            .await?
    }))
}

/// Cancels a session nobody is placed in; `Conflict` while ambassadors are.
pub async fn delete(db: &Db, edition: VmjEditionId, id: CoachingSessionId) -> DbResult<()> {
    let session = vmj_coaching_sessions::table
        .find(id)
        .filter(vmj_coaching_sessions::edition_id.eq(edition));
    in_transaction!(db, |conn: DB| {
        let deleted = diesel::delete(session.filter(vmj_coaching_sessions::booked.eq(0)))
            .execute(conn)
            .await?;
        if deleted == 1 {
            return Ok(());
        }
        let exists: i64 = session.count().get_result(conn).await?;
        Err(if exists == 0 {
            DbError::NotFound
        } else {
            DbError::Conflict
        })
    })
}

/// Places one of `entity`'s ambassadors in `session` (or in none), freeing the seat they
/// held; when placed, queues the e-mail `mail` writes, in the same transaction.
/// `Conflict` when the session is full; `NotFound` unless both are the edition's and the
/// ambassador is `entity`'s.
pub async fn place(
    db: &Db,
    edition: VmjEditionId,
    entity: EntityId,
    ambassador: AmbassadorId,
    session: Option<CoachingSessionId>,
    mail: impl FnOnce(&Placement) -> Email + Send,
) -> DbResult<()> {
    let now = chrono::Utc::now().naive_utc();
    let seats = vmj_coaching_sessions::table.filter(vmj_coaching_sessions::edition_id.eq(edition));
    let agent = vmj_ambassadors::table
        .find(ambassador)
        .filter(vmj_ambassadors::edition_id.eq(edition))
        .filter(vmj_ambassadors::entity_id.eq(entity));
    in_transaction!(db, |conn: DB| {
        // The seat first: a write as the first statement makes SQLite take its write
        // lock at once (waiting on busy_timeout) rather than fail to upgrade later.
        if let Some(session) = session {
            let taken = diesel::update(
                seats
                    .filter(vmj_coaching_sessions::id.eq(session))
                    .filter(vmj_coaching_sessions::booked.lt(vmj_coaching_sessions::capacity)),
            )
            .set(vmj_coaching_sessions::booked.eq(vmj_coaching_sessions::booked + 1))
            .execute(conn)
            .await?;
            if taken == 0 {
                let exists: i64 = seats
                    .filter(vmj_coaching_sessions::id.eq(session))
                    .count()
                    .get_result(conn)
                    .await?;
                return Err(if exists == 0 {
                    DbError::NotFound
                } else {
                    DbError::Conflict
                });
            }
        }
        let (email, first_name, held): (String, String, Option<CoachingSessionId>) = agent
            .select((
                vmj_ambassadors::email,
                vmj_ambassadors::first_name,
                vmj_ambassadors::coaching_session_id,
            ))
            .first(conn)
            .await?;
        // Leaving the seat held (also when it is the same session: net zero).
        if let Some(held) = held {
            diesel::update(seats.filter(vmj_coaching_sessions::id.eq(held)))
                .set(vmj_coaching_sessions::booked.eq(vmj_coaching_sessions::booked - 1))
                .execute(conn)
                .await?;
        }
        diesel::update(agent)
            .set((
                vmj_ambassadors::coaching_session_id.eq(session),
                vmj_ambassadors::updated_at.eq(now),
            ))
            .execute(conn)
            .await?;
        if let Some(session) = session.filter(|s| held != Some(*s)) {
            let (starts_at, visio_url) = seats
                .filter(vmj_coaching_sessions::id.eq(session))
                .select((
                    vmj_coaching_sessions::starts_at,
                    vmj_coaching_sessions::visio_url,
                ))
                .first(conn)
                .await?;
            let mail = mail(&Placement {
                email,
                first_name,
                starts_at,
                visio_url,
            });
            enqueue_mail!(conn, mail, now)?;
        }
        Ok(())
    })
}

/// Records who of the session's ambassadors attended: they are coached, the others of the
/// session are not. `NotFound` for another edition's session; `Conflict` (nothing written)
/// when `present` names someone not placed in it.
pub async fn record_attendance(
    db: &Db,
    edition: VmjEditionId,
    session: CoachingSessionId,
    present: &[AmbassadorId],
) -> DbResult<()> {
    let now = chrono::Utc::now().naive_utc();
    let placed = vmj_ambassadors::table
        .filter(vmj_ambassadors::edition_id.eq(edition))
        .filter(vmj_ambassadors::coaching_session_id.eq(session));
    in_transaction!(db, |conn: DB| {
        vmj_coaching_sessions::table
            .find(session)
            .filter(vmj_coaching_sessions::edition_id.eq(edition))
            .select(vmj_coaching_sessions::id)
            .first::<CoachingSessionId>(conn)
            .await?;
        let attended = diesel::update(placed.filter(vmj_ambassadors::id.eq_any(present)))
            .set((
                vmj_ambassadors::coached.eq(true),
                vmj_ambassadors::updated_at.eq(now),
            ))
            .execute(conn)
            .await?;
        if attended != present.len() {
            return Err(DbError::Conflict);
        }
        diesel::update(placed.filter(vmj_ambassadors::id.ne_all(present)))
            .set((
                vmj_ambassadors::coached.eq(false),
                vmj_ambassadors::updated_at.eq(now),
            ))
            .execute(conn)
            .await?;
        Ok(())
    })
}
