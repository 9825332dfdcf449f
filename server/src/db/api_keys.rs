//! Keys of the public API: stored as a SHA-256 hash, created and revoked by admins (both
//! written to the audit log in the same transaction).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::api_key::{ApiKey, ApiKeyForm};
use shared::{ApiKeyId, UserId};

use super::audit::record;
use super::schema::api_keys;
use super::{Db, DbError, DbResult};
use crate::{in_transaction, with_conn};

/// The columns of [`ApiKey`] (never the hash).
#[derive(Queryable, Selectable)]
#[diesel(table_name = api_keys)]
struct KeyRow {
    id: ApiKeyId,
    name: String,
    contact_email: String,
    prefix: String,
    created_at: NaiveDateTime,
    revoked_at: Option<NaiveDateTime>,
}

impl From<KeyRow> for ApiKey {
    fn from(row: KeyRow) -> Self {
        ApiKey {
            id: row.id,
            name: row.name,
            contact_email: row.contact_email,
            prefix: row.prefix,
            created_at: row.created_at,
            revoked_at: row.revoked_at,
        }
    }
}

/// Stores a new key (its hash and prefix) for `form`, validated.
pub async fn create(
    db: &Db,
    actor: UserId,
    form: &ApiKeyForm,
    key_hash: &str,
    prefix: &str,
) -> DbResult<ApiKey> {
    let now = chrono::Utc::now().naive_utc();
    let id = in_transaction!(db, |conn: DB| {
        let id: ApiKeyId = diesel::insert_into(api_keys::table)
            .values((
                api_keys::name.eq(&form.name),
                api_keys::contact_email.eq(&form.email),
                api_keys::key_hash.eq(key_hash),
                api_keys::prefix.eq(prefix),
                api_keys::created_by.eq(actor),
                api_keys::created_at.eq(now),
            ))
            .returning(api_keys::id)
            .get_result(conn)
            .await?;
        record!(conn, actor: Some(actor.0), entity: None::<i64>, "api_key.create", format!("{} ({prefix}…)", form.name), now)?;
        Ok::<_, DbError>(id)
    })?;
    Ok(ApiKey {
        id,
        name: form.name.clone(),
        contact_email: form.email.clone(),
        prefix: prefix.to_owned(),
        created_at: now,
        revoked_at: None,
    })
}

/// Every key, the newest first.
pub async fn list(db: &Db) -> DbResult<Vec<ApiKey>> {
    let rows: Vec<KeyRow> = with_conn!(db, |conn: DB| {
        api_keys::table
            .order(api_keys::id.desc())
            .select(KeyRow::as_select())
            .load(conn)
            .await?
    });
    Ok(rows.into_iter().map(ApiKey::from).collect())
}

/// Revokes a key for good; `NotFound` when there is no such key. Revoking twice keeps the
/// first date.
pub async fn revoke(db: &Db, actor: UserId, id: ApiKeyId) -> Result<(), DbError> {
    let now = chrono::Utc::now().naive_utc();
    in_transaction!(db, |conn: DB| {
        let name: String = api_keys::table
            .find(id)
            .select(api_keys::name)
            .first(conn)
            .await
            .optional()?
            .ok_or(DbError::NotFound)?;
        diesel::update(
            api_keys::table
                .find(id)
                .filter(api_keys::revoked_at.is_null()),
        )
        .set(api_keys::revoked_at.eq(now))
        .execute(conn)
        .await?;
        record!(conn, actor: Some(actor.0), entity: None::<i64>, "api_key.revoke", name, now)?;
        Ok(())
    })
}

/// The id of the key with this hash, unless unknown or revoked.
pub async fn active_id(db: &Db, key_hash: &str) -> DbResult<Option<ApiKeyId>> {
    Ok(with_conn!(db, |conn: DB| {
        api_keys::table
            .filter(api_keys::key_hash.eq(key_hash))
            .filter(api_keys::revoked_at.is_null())
            .select(api_keys::id)
            .first::<ApiKeyId>(conn)
            .await
            .optional()?
    }))
}
