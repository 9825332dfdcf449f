//! Access requests: an agent asks to run their entity's recruiter space; an admin approves
//! (which invites them, see `users::create_account`) or declines (which tells them why).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::admin::{AccessRequest, AccessStatus};
use shared::{AccessRequestId, EntityId, UserId};
use std::str::FromStr;

use super::audit::record;
use super::outbox::enqueue_mail;
use super::schema::{access_requests, entities};
use super::users::unique_violation;
use super::{Db, DbError, DbResult};
use crate::mail::{self, Email};
use crate::{in_transaction, with_conn};

/// A validated request, with its entity resolved.
pub struct NewRequest {
    pub email: String,
    pub full_name: String,
    pub job_title: String,
    pub entity: EntityId,
    pub message: String,
}

/// Records a request and its acknowledgement e-mail; `Conflict` when the address already
/// has a pending one.
pub async fn create(db: &Db, request: NewRequest, entity_name: &str) -> DbResult<AccessRequestId> {
    let now = chrono::Utc::now().naive_utc();
    let ack = mail::access_requested(&request.email, entity_name);
    let result = in_transaction!(db, |conn: DB| {
        let id: AccessRequestId = diesel::insert_into(access_requests::table)
            .values((
                access_requests::email.eq(&request.email),
                access_requests::full_name.eq(&request.full_name),
                access_requests::job_title.eq(&request.job_title),
                access_requests::entity_id.eq(request.entity),
                access_requests::message.eq(&request.message),
                access_requests::status.eq(AccessStatus::Pending.as_ref()),
                access_requests::created_at.eq(now),
            ))
            .returning(access_requests::id)
            .get_result(conn)
            .await?;
        enqueue_mail!(conn, ack, now)?;
        Ok(id)
    });
    result.map_err(unique_violation)
}

/// A request joined with its entity, in [`request_query!`]'s column order.
#[derive(Queryable)]
struct Row {
    id: AccessRequestId,
    email: String,
    full_name: String,
    job_title: String,
    entity_slug: String,
    entity_name: String,
    message: String,
    status: String,
    created_at: NaiveDateTime,
    decided_at: Option<NaiveDateTime>,
}

impl Row {
    fn request(self) -> DbResult<AccessRequest> {
        Ok(AccessRequest {
            status: AccessStatus::from_str(&self.status)
                .map_err(|_| DbError::Corrupt(format!("access request status {}", self.status)))?,
            id: self.id,
            email: self.email,
            full_name: self.full_name,
            job_title: self.job_title,
            entity_slug: self.entity_slug,
            entity_name: self.entity_name,
            message: self.message,
            created_at: self.created_at,
            decided_at: self.decided_at,
        })
    }
}

macro_rules! request_query {
    () => {
        access_requests::table.inner_join(entities::table).select((
            access_requests::id,
            access_requests::email,
            access_requests::full_name,
            access_requests::job_title,
            entities::slug,
            entities::name,
            access_requests::message,
            access_requests::status,
            access_requests::created_at,
            access_requests::decided_at,
        ))
    };
}

/// Pending requests first (oldest first: first come, first served), then the decided ones.
pub async fn list(db: &Db, limit: i64) -> DbResult<Vec<AccessRequest>> {
    let pending = AccessStatus::Pending.as_ref();
    let rows: Vec<Row> = with_conn!(db, |conn: DB| {
        let mut rows: Vec<Row> = request_query!()
            .filter(access_requests::status.eq(pending))
            .order(access_requests::id.asc())
            .limit(limit)
            .load(conn)
            .await?;
        let decided: Vec<Row> = request_query!()
            .filter(access_requests::status.ne(pending))
            .order(access_requests::id.desc())
            .limit(limit)
            .load(conn)
            .await?;
        rows.extend(decided);
        rows
    });
    rows.into_iter().map(Row::request).collect()
}

pub async fn find(db: &Db, id: AccessRequestId) -> DbResult<AccessRequest> {
    let row: Row = with_conn!(db, |conn: DB| {
        request_query!()
            .filter(access_requests::id.eq(id))
            .first(conn)
            .await?
    });
    row.request()
}

pub async fn count_pending(db: &Db) -> DbResult<i64> {
    Ok(with_conn!(db, |conn: DB| {
        access_requests::table
            .filter(access_requests::status.eq(AccessStatus::Pending.as_ref()))
            .count()
            .get_result(conn)
            .await?
    }))
}

/// Marks a pending request decided, on an open connection; `Conflict` when it no longer is
/// pending (another admin was faster).
macro_rules! decide {
    ($conn:expr, $id:expr, $status:expr, $admin:expr, $now:expr) => {{
        let changed = diesel::update(
            $crate::db::schema::access_requests::table
                .filter($crate::db::schema::access_requests::id.eq($id))
                .filter(
                    $crate::db::schema::access_requests::status
                        .eq(shared::admin::AccessStatus::Pending.as_ref()),
                ),
        )
        .set((
            $crate::db::schema::access_requests::status.eq($status.as_ref()),
            $crate::db::schema::access_requests::decided_at.eq($now),
            $crate::db::schema::access_requests::decided_by.eq($admin),
        ))
        .execute($conn)
        .await?;
        if changed == 0 {
            return Err($crate::db::DbError::Conflict);
        }
    }};
}
pub(crate) use decide;

/// Declines a pending request and tells the requester why, atomically.
pub async fn decline(db: &Db, admin: UserId, request: &AccessRequest, mail: Email) -> DbResult<()> {
    let now = chrono::Utc::now().naive_utc();
    let entity_slug = request.entity_slug.clone();
    let target = request.email.clone();
    let id = request.id;
    in_transaction!(db, |conn: DB| {
        decide!(conn, id, AccessStatus::Declined, admin.0, now);
        enqueue_mail!(conn, mail, now)?;
        let entity: i64 = entities::table
            .filter(entities::slug.eq(&entity_slug))
            .select(entities::id)
            .first(conn)
            .await?;
        record!(conn, actor: Some(admin.0), entity: Some(entity), "access_request.decline", target, now)?;
        Ok(())
    })
}
