//! The audit log: who changed what, when. Written in the same transaction as the change.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::schema::{audit_log, users};
use super::{Db, DbResult};
use crate::with_conn;

/// Appends an entry on an open connection (inside the change's transaction).
macro_rules! record {
    ($conn:expr, actor: $actor:expr, entity: $entity:expr, $action:expr, $target:expr, $now:expr) => {
        diesel::insert_into($crate::db::schema::audit_log::table)
            .values((
                $crate::db::schema::audit_log::actor_id.eq($actor),
                $crate::db::schema::audit_log::entity_id.eq($entity),
                $crate::db::schema::audit_log::action.eq($action),
                $crate::db::schema::audit_log::target.eq($target),
                $crate::db::schema::audit_log::created_at.eq($now),
            ))
            .execute($conn)
            .await
    };
}
pub(crate) use record;

pub use shared::admin::AuditEntry;

type EntryRow = (
    i64,
    Option<String>,
    Option<shared::EntityId>,
    String,
    String,
    NaiveDateTime,
);

/// Most recent entries first.
pub async fn list(db: &Db, limit: i64) -> DbResult<Vec<AuditEntry>> {
    Ok(with_conn!(db, |conn: DB| {
        audit_log::table
            .left_join(users::table.on(audit_log::actor_id.eq(users::id.nullable())))
            .order(audit_log::id.desc())
            .limit(limit)
            .select((
                audit_log::id,
                users::email.nullable(),
                audit_log::entity_id,
                audit_log::action,
                audit_log::target,
                audit_log::created_at,
            ))
            .load::<EntryRow>(conn)
            .await?
    })
    .into_iter()
    .map(
        |(id, actor_email, entity_id, action, target, created_at)| AuditEntry {
            id,
            actor_email,
            entity_id,
            action,
            target,
            created_at,
        },
    )
    .collect())
}
