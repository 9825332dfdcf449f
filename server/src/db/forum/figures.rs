//! The team's figures of an edition: per session, seats taken, waiting list, attendance
//! (links opened through the platform) and job-dating slots.

use diesel::dsl::count_star;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::forum::SessionFigures;
use shared::{ForumEditionId, ForumSessionId};
use std::collections::HashMap;

use super::sessions::{self, Scope};
use crate::db::schema::{forum_bookings, forum_registrations, forum_sessions, forum_slots};
use crate::db::{Db, DbResult};
use crate::with_conn;

pub async fn of_edition(db: &Db, edition: ForumEditionId) -> DbResult<Vec<SessionFigures>> {
    type PerSession = Vec<(ForumSessionId, i64)>;
    let (joined, slots, bookings): (PerSession, PerSession, PerSession) =
        with_conn!(db, |conn: DB| {
            let joined = forum_registrations::table
                .inner_join(forum_sessions::table)
                .filter(forum_sessions::edition_id.eq(edition))
                .filter(forum_registrations::joined_at.is_not_null())
                .group_by(forum_registrations::session_id)
                .select((forum_registrations::session_id, count_star()))
                .load(conn)
                .await?;
            let slots = forum_slots::table
                .inner_join(forum_sessions::table)
                .filter(forum_sessions::edition_id.eq(edition))
                .group_by(forum_slots::session_id)
                .select((forum_slots::session_id, count_star()))
                .load(conn)
                .await?;
            let bookings = forum_bookings::table
                .inner_join(forum_sessions::table)
                .filter(forum_sessions::edition_id.eq(edition))
                .group_by(forum_bookings::session_id)
                .select((forum_bookings::session_id, count_star()))
                .load(conn)
                .await?;
            (joined, slots, bookings)
        });
    let [joined, slots, bookings]: [HashMap<ForumSessionId, i64>; 3] =
        [joined, slots, bookings].map(|v| v.into_iter().collect());
    let count = |m: &HashMap<ForumSessionId, i64>, id| m.get(&id).copied().unwrap_or(0);
    Ok(sessions::list(db, Scope::Edition(edition))
        .await?
        .into_iter()
        .map(|r| SessionFigures {
            id: r.session.id,
            title: r.session.title,
            kind: r.session.kind,
            capacity: r.session.capacity,
            confirmed: r.session.confirmed,
            waiting: r.session.waiting,
            joined: count(&joined, r.session.id),
            slots: count(&slots, r.session.id),
            bookings: count(&bookings, r.session.id),
        })
        .collect())
}
