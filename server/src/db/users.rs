//! Accounts, sessions and single-use links. Every flow that creates an account or a link
//! also queues its e-mail in the same transaction: no account without its message, and no
//! message for an account that was rolled back.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::account::{Me, Role};
use shared::admin::{AccessStatus, RecruiterAccount};
use shared::{EntityId, UserId};
use std::str::FromStr;

use super::access_requests::decide;
use super::audit::record;
use super::outbox::enqueue_mail;
use super::schema::{entities, outbox, sessions, user_tokens, users};
use super::{Db, DbError, DbResult};
use crate::auth::token::{self, Purpose};
use crate::mail::Email;
use crate::{in_transaction, with_conn};

/// How long a session lasts without signing in again.
pub const SESSION_LIFETIME: chrono::Duration = chrono::Duration::days(14);

/// The account behind a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionUser {
    pub id: UserId,
    pub email: String,
    pub role: Role,
    pub entity_id: Option<EntityId>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = users)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct UserRow {
    pub id: UserId,
    pub email: String,
    pub password_hash: Option<String>,
    pub role: String,
    pub entity_id: Option<EntityId>,
    pub email_verified_at: Option<NaiveDateTime>,
    pub disabled_at: Option<NaiveDateTime>,
}

impl UserRow {
    pub fn session_user(&self) -> DbResult<SessionUser> {
        Ok(SessionUser {
            id: self.id,
            email: self.email.clone(),
            role: Role::from_str(&self.role)
                .map_err(|_| DbError::Corrupt(format!("role « {} »", self.role)))?,
            entity_id: self.entity_id,
        })
    }

    /// The account as its owner sees it, `entity_slug` being its entity's.
    fn me(self, entity_slug: Option<String>) -> DbResult<Me> {
        let session = self.session_user()?;
        Ok(Me {
            id: session.id,
            email: session.email,
            role: session.role,
            entity_slug,
            email_verified: self.email_verified_at.is_some(),
        })
    }
}

/// A new account. `password_hash` is `None` for an invitation (set through the link).
pub struct NewAccount {
    pub email: String,
    pub password_hash: Option<String>,
    pub role: Role,
    pub entity_id: Option<EntityId>,
    /// The access request this invitation approves, marked approved in the same transaction.
    pub answers_request: Option<shared::AccessRequestId>,
}

/// A candidate's account as a sign-up makes it (the site's own or Vis mon job's, see
/// `accounts::new_candidate`): its address is confirmed by the e-mailed link.
pub struct NewCandidate {
    pub account: NewAccount,
    pub link: Link,
    pub verify_email: Email,
}

/// A link to e-mail: its secret goes in the message, its digest in the database.
pub struct Link {
    pub secret: String,
    pub purpose: Purpose,
}

impl Link {
    pub fn new(purpose: Purpose) -> anyhow::Result<Self> {
        Ok(Self {
            secret: token::generate()?,
            purpose,
        })
    }
}

/// Statements shared by several transactions; macros because each runs on both backends.
macro_rules! insert_link {
    ($conn:expr, $user_id:expr, $link:expr, $now:expr) => {
        diesel::insert_into($crate::db::schema::user_tokens::table)
            .values((
                $crate::db::schema::user_tokens::token_hash
                    .eq($crate::auth::token::digest(&$link.secret)),
                $crate::db::schema::user_tokens::user_id.eq($user_id),
                $crate::db::schema::user_tokens::purpose.eq($link.purpose.as_ref()),
                $crate::db::schema::user_tokens::created_at.eq($now),
                $crate::db::schema::user_tokens::expires_at.eq($now + $link.purpose.lifetime()),
            ))
            .execute($conn)
            .await
    };
}
pub(crate) use insert_link;

/// Inserts an account with its e-mailed link (a macro so that other transactions, such as a
/// Vis mon job sign-up, create the account inside their own). Returns the new user id.
macro_rules! insert_account {
    ($conn:expr, $account:expr, $link:expr, $email:expr, $now:expr) => {
        async {
            use $crate::db::schema::users;
            let id: shared::UserId = diesel::insert_into(users::table)
                .values((
                    users::email.eq(&$account.email),
                    users::password_hash.eq(&$account.password_hash),
                    users::role.eq($account.role.as_ref()),
                    users::entity_id.eq($account.entity_id),
                    users::created_at.eq($now),
                    users::updated_at.eq($now),
                ))
                .returning(users::id)
                .get_result($conn)
                .await?;
            $crate::db::users::insert_link!($conn, id, $link, $now)?;
            $crate::db::outbox::enqueue_mail!(link: $conn, $email, $now)?;
            Ok::<shared::UserId, diesel::result::Error>(id)
        }
        .await
    };
}
pub(crate) use insert_account;

/// Deletes an account on an open connection (a macro because the statements run on both
/// backends). The audit log keeps what the account did, without who: its entries refer to
/// accounts without `ON DELETE`, so a candidate who once withdrew an application could not
/// be deleted otherwise.
macro_rules! delete_account {
    ($conn:expr, $id:expr) => {
        async {
            use $crate::db::schema::{audit_log, users};
            diesel::update(audit_log::table.filter(audit_log::actor_id.eq($id)))
                .set(audit_log::actor_id.eq(None::<i64>))
                .execute($conn)
                .await?;
            diesel::delete(users::table.find($id)).execute($conn).await
        }
        .await
    };
}
pub(crate) use delete_account;

pub(crate) fn unique_violation(err: DbError) -> DbError {
    match err {
        DbError::Query(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => DbError::Conflict,
        other => other,
    }
}

/// Creates an account, its link, its e-mail (built from the link's secret) and, when an
/// admin or recruiter created it, its audit entry — atomically.
pub async fn create_account(
    db: &Db,
    account: NewAccount,
    link: Link,
    mail: impl FnOnce(&str) -> Email + Send,
    actor: Option<UserId>,
) -> DbResult<UserId> {
    let now = chrono::Utc::now().naive_utc();
    let email = mail(&link.secret);
    let result = in_transaction!(db, |conn: DB| {
        let id = insert_account!(conn, account, link, email, now)?;
        if let Some(actor) = actor {
            record!(
                conn,
                actor: Some(actor.0),
                entity: account.entity_id.map(|e| e.0),
                format!("{}.invite", account.role.as_ref()),
                account.email.clone(),
                now
            )?;
        }
        if let Some(request) = account.answers_request {
            decide!(
                conn,
                request,
                AccessStatus::Approved,
                actor.map(|a| a.0),
                now
            );
        }
        Ok(id)
    });
    result.map_err(unique_violation)
}

pub async fn find_by_email(db: &Db, email: &str) -> DbResult<Option<UserRow>> {
    Ok(with_conn!(db, |conn: DB| {
        users::table
            .filter(users::email.eq(email))
            .select(UserRow::as_select())
            .first(conn)
            .await
            .optional()?
    }))
}

/// Opens a session; returns the cookie secret.
pub async fn create_session(db: &Db, user: UserId) -> DbResult<String> {
    let secret = token::generate().map_err(|e| DbError::Corrupt(e.to_string()))?;
    let now = chrono::Utc::now().naive_utc();
    with_conn!(db, |conn: DB| {
        diesel::insert_into(sessions::table)
            .values((
                sessions::token_hash.eq(token::digest(&secret)),
                sessions::user_id.eq(user.0),
                sessions::created_at.eq(now),
                sessions::expires_at.eq(now + SESSION_LIFETIME),
            ))
            .execute(conn)
            .await?;
    });
    Ok(secret)
}

/// The active account of a session cookie, if the session is valid.
pub async fn session_user(db: &Db, secret: &str) -> DbResult<Option<SessionUser>> {
    let now = chrono::Utc::now().naive_utc();
    let row: Option<UserRow> = with_conn!(db, |conn: DB| {
        sessions::table
            .inner_join(users::table)
            .filter(sessions::token_hash.eq(token::digest(secret)))
            .filter(sessions::expires_at.gt(now))
            .filter(users::disabled_at.is_null())
            .select(UserRow::as_select())
            .first(conn)
            .await
            .optional()?
    });
    row.map(|r| r.session_user()).transpose()
}

pub async fn delete_session(db: &Db, secret: &str) -> DbResult<()> {
    with_conn!(db, |conn: DB| {
        diesel::delete(sessions::table.filter(sessions::token_hash.eq(token::digest(secret))))
            .execute(conn)
            .await?;
    });
    Ok(())
}

/// Queues a link for an existing account (a password reset, a new confirmation link).
pub async fn send_link(db: &Db, user: UserId, link: Link, mail: Email) -> DbResult<()> {
    let now = chrono::Utc::now().naive_utc();
    in_transaction!(db, |conn: DB| {
        insert_link!(conn, user.0, link, now)?;
        enqueue_mail!(link: conn, mail, now)?;
        Ok(())
    })
}

/// Uses a single-use link: marks it used and returns its account, or `NotFound` when the
/// link is unknown, expired, already used or meant for something else.
async fn consume_link(db: &Db, secret: &str, purposes: &[Purpose]) -> DbResult<UserId> {
    let now = chrono::Utc::now().naive_utc();
    let purposes: Vec<&str> = purposes.iter().map(|p| p.as_ref()).collect();
    let hash = token::digest(secret);
    let id: Option<i64> = with_conn!(db, |conn: DB| {
        diesel::update(
            user_tokens::table
                .filter(user_tokens::token_hash.eq(&hash))
                .filter(user_tokens::purpose.eq_any(&purposes))
                .filter(user_tokens::used_at.is_null())
                .filter(user_tokens::expires_at.gt(now)),
        )
        .set(user_tokens::used_at.eq(now))
        .returning(user_tokens::user_id)
        .get_result(conn)
        .await
        .optional()?
    });
    id.map(UserId).ok_or(DbError::NotFound)
}

pub async fn verify_email(db: &Db, secret: &str) -> DbResult<UserId> {
    let user = consume_link(db, secret, &[Purpose::VerifyEmail]).await?;
    let now = chrono::Utc::now().naive_utc();
    with_conn!(db, |conn: DB| {
        diesel::update(users::table.find(user.0))
            .set(users::email_verified_at.eq(now))
            .execute(conn)
            .await?;
    });
    Ok(user)
}

/// Candidate accounts created before `created_before` that never confirmed their address.
pub async fn unconfirmed_candidates(
    db: &Db,
    created_before: NaiveDateTime,
) -> DbResult<Vec<UserId>> {
    let ids: Vec<i64> = with_conn!(db, |conn: DB| {
        users::table
            .filter(users::email_verified_at.is_null())
            .filter(users::role.eq(Role::Candidate.as_ref()))
            .filter(users::created_at.lt(created_before))
            .select(users::id)
            .load(conn)
            .await?
    });
    Ok(ids.into_iter().map(UserId).collect())
}

/// Deletes an account that has still not confirmed its address, with the e-mails waiting
/// for it (its sessions, links, profile, alerts and sign-ups go by `ON DELETE CASCADE`; its
/// applications stay with the recruiters, as anonymous ones). False if it confirmed
/// meanwhile.
pub async fn delete_unconfirmed(db: &Db, user: UserId) -> DbResult<bool> {
    in_transaction!(db, |conn: DB| {
        let email: Option<String> = users::table
            .find(user.0)
            .filter(users::email_verified_at.is_null())
            .select(users::email)
            .first(conn)
            .await
            .optional()?;
        let Some(email) = email else {
            return Ok(false);
        };
        diesel::delete(outbox::table.filter(outbox::recipient.eq(&email)))
            .execute(conn)
            .await?;
        delete_account!(conn, user.0)?;
        Ok(true)
    })
}

/// The account of a live reset or invitation link, without using it: checked before the
/// new password is hashed. `NotFound` as for [`set_password`].
pub async fn password_link_owner(db: &Db, secret: &str) -> DbResult<UserId> {
    let now = chrono::Utc::now().naive_utc();
    let purposes = [
        Purpose::ResetPassword.as_ref(),
        Purpose::Invitation.as_ref(),
    ];
    let hash = token::digest(secret);
    let id: Option<i64> = with_conn!(db, |conn: DB| {
        user_tokens::table
            .filter(user_tokens::token_hash.eq(&hash))
            .filter(user_tokens::purpose.eq_any(purposes))
            .filter(user_tokens::used_at.is_null())
            .filter(user_tokens::expires_at.gt(now))
            .select(user_tokens::user_id)
            .first(conn)
            .await
            .optional()?
    });
    id.map(UserId).ok_or(DbError::NotFound)
}

/// Sets a new password through a reset or invitation link, and closes every session of the
/// account. An invitation also proves the e-mail address.
pub async fn set_password(db: &Db, secret: &str, password_hash: &str) -> DbResult<UserId> {
    let user = consume_link(db, secret, &[Purpose::ResetPassword, Purpose::Invitation]).await?;
    let now = chrono::Utc::now().naive_utc();
    in_transaction!(db, |conn: DB| {
        diesel::update(users::table.find(user.0))
            .set((
                users::password_hash.eq(password_hash),
                users::email_verified_at.eq(diesel::dsl::sql::<
                    diesel::sql_types::Nullable<diesel::sql_types::Timestamp>,
                >("COALESCE(email_verified_at, ")
                .bind::<diesel::sql_types::Timestamp, _>(now)
                .sql(")")),
                users::updated_at.eq(now),
            ))
            .execute(conn)
            .await?;
        diesel::delete(sessions::table.filter(sessions::user_id.eq(user.0)))
            .execute(conn)
            .await?;
        Ok(())
    })?;
    Ok(user)
}

/// `GET /api/v1/me`.
pub async fn me(db: &Db, user: UserId) -> DbResult<Me> {
    let (row, slug): (UserRow, Option<String>) = with_conn!(db, |conn: DB| {
        users::table
            .left_join(entities::table)
            .filter(users::id.eq(user.0))
            .select((UserRow::as_select(), entities::slug.nullable()))
            .first(conn)
            .await?
    });
    row.me(slug)
}

/// The account of a valid session, as [`me`] describes it, in one query (the pages'
/// header and `/api/v1/auth/session` ask for it on every load of a signed-in person).
pub async fn session_me(db: &Db, secret: &str) -> DbResult<Option<Me>> {
    let now = chrono::Utc::now().naive_utc();
    let row: Option<(UserRow, Option<String>)> = with_conn!(db, |conn: DB| {
        sessions::table
            .inner_join(users::table.left_join(entities::table))
            .filter(sessions::token_hash.eq(token::digest(secret)))
            .filter(sessions::expires_at.gt(now))
            .filter(users::disabled_at.is_null())
            .select((UserRow::as_select(), entities::slug.nullable()))
            .first(conn)
            .await
            .optional()?
    });
    row.map(|(row, slug)| row.me(slug)).transpose()
}

/// Colleagues of a recruiter's entity.
pub async fn list_entity_users(db: &Db, entity: EntityId) -> DbResult<Vec<(UserId, String, bool)>> {
    let rows: Vec<(i64, String, Option<String>)> = with_conn!(db, |conn: DB| {
        users::table
            .filter(users::entity_id.eq(entity.0))
            .filter(users::disabled_at.is_null())
            .order(users::email)
            .select((users::id, users::email, users::password_hash))
            .load(conn)
            .await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, email, hash)| (UserId(id), email, hash.is_some()))
        .collect())
}

/// Every recruiter account with its entity, by entity then address.
pub async fn list_recruiters(db: &Db) -> DbResult<Vec<RecruiterAccount>> {
    type Row = (
        i64,
        String,
        Option<String>,
        Option<NaiveDateTime>,
        NaiveDateTime,
        String,
        String,
    );
    let rows: Vec<Row> = with_conn!(db, |conn: DB| {
        users::table
            .inner_join(entities::table)
            .filter(users::role.eq(Role::Recruiter.as_ref()))
            .order((entities::name, users::email))
            .select((
                users::id,
                users::email,
                users::password_hash,
                users::disabled_at,
                users::created_at,
                entities::slug,
                entities::name,
            ))
            .load(conn)
            .await?
    });
    Ok(rows
        .into_iter()
        .map(
            |(id, email, hash, disabled_at, created_at, entity_slug, entity_name)| {
                RecruiterAccount {
                    id: UserId(id),
                    email,
                    entity_slug,
                    entity_name,
                    active: hash.is_some(),
                    disabled: disabled_at.is_some(),
                    created_at,
                }
            },
        )
        .collect())
}

/// Which recruiter accounts a [`set_disabled`] may touch.
#[derive(Debug, Clone, Copy)]
pub enum RecruiterScope {
    /// An admin: any recruiter.
    Any,
    /// A recruiter revoking a colleague: their own entity only, never themselves.
    Colleague { entity: EntityId, actor: UserId },
}

/// Disables (closing its sessions) or re-enables a recruiter account; `NotFound` outside
/// `scope`.
pub async fn set_disabled(
    db: &Db,
    actor: UserId,
    target: UserId,
    scope: RecruiterScope,
    disabled: bool,
) -> DbResult<()> {
    let now = chrono::Utc::now().naive_utc();
    in_transaction!(db, |conn: DB| {
        let mut query = users::table
            .filter(users::id.eq(target.0))
            .filter(users::role.eq(Role::Recruiter.as_ref()))
            .select((users::email, users::entity_id))
            .into_boxed::<DB>();
        if let RecruiterScope::Colleague { entity, actor } = scope {
            query = query
                .filter(users::entity_id.eq(entity.0))
                .filter(users::id.ne(actor.0))
                .filter(users::disabled_at.is_null());
        }
        let (email, entity): (String, Option<i64>) = query.first(conn).await?;
        diesel::update(users::table.find(target.0))
            .set((
                users::disabled_at.eq(disabled.then_some(now)),
                users::updated_at.eq(now),
            ))
            .execute(conn)
            .await?;
        diesel::delete(sessions::table.filter(sessions::user_id.eq(target.0)))
            .execute(conn)
            .await?;
        let action = if disabled {
            "recruiter.disable"
        } else {
            "recruiter.enable"
        };
        record!(conn, actor: Some(actor.0), entity: entity, action, email, now)?;
        Ok(())
    })
}

/// The password hash of an account (to check the current password before a change).
pub async fn password_hash(db: &Db, user: UserId) -> DbResult<Option<String>> {
    Ok(with_conn!(db, |conn: DB| {
        users::table
            .find(user.0)
            .select(users::password_hash)
            .first(conn)
            .await?
    }))
}

/// Replaces the password of a signed-in user and closes their other sessions (a stolen
/// session does not survive the change).
pub async fn change_password(
    db: &Db,
    user: UserId,
    password_hash: &str,
    keep: &str,
) -> DbResult<()> {
    let now = chrono::Utc::now().naive_utc();
    let keep = token::digest(keep);
    in_transaction!(db, |conn: DB| {
        diesel::update(users::table.find(user.0))
            .set((
                users::password_hash.eq(password_hash),
                users::updated_at.eq(now),
            ))
            .execute(conn)
            .await?;
        diesel::delete(
            sessions::table
                .filter(sessions::user_id.eq(user.0))
                .filter(sessions::token_hash.ne(&keep)),
        )
        .execute(conn)
        .await?;
        Ok(())
    })
}
