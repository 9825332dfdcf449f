//! Forum sessions: the programme (public), the team's CRUD.

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::forum::{ForumSession, Named, RegistrationStatus, SessionForm, SessionKind};
use shared::{EntityId, FieldError, ForumEditionId, ForumSessionId, MetierId};
use std::collections::HashMap;

use crate::db::schema::{entities, forum_editions, forum_registrations, forum_sessions, metiers};
use crate::db::vismonjob::editions::parse;
use crate::db::{Db, DbError, DbResult};
use crate::with_conn;

/// A session as stored, with what only some callers may see.
pub struct SessionRecord {
    pub id: ForumSessionId,
    pub session: ForumSession,
    pub edition_id: ForumEditionId,
    pub entity_id: Option<EntityId>,
    pub online_url: String,
}

type Row = (
    (
        ForumSessionId,
        ForumEditionId,
        String,
        String,
        String,
        String,
        String,
    ),
    (
        NaiveDateTime,
        NaiveDateTime,
        i32,
        String,
        i32,
        Option<EntityId>,
    ),
    (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ),
);

fn named(slug: Option<String>, name: Option<String>) -> Option<Named> {
    Some(Named {
        slug: slug?,
        name: name?,
    })
}

fn record(row: Row, waiting: &HashMap<ForumSessionId, i64>) -> DbResult<SessionRecord> {
    let ((id, edition_id, edition, kind, title, description, speakers), times, names) = row;
    let (starts_at, ends_at, capacity, online_url, confirmed, entity_id) = times;
    let (entity_slug, entity_name, metier_slug, metier_name) = names;
    Ok(SessionRecord {
        id,
        session: ForumSession {
            id,
            edition,
            kind: parse::<SessionKind>("session kind", &kind)?,
            title,
            description,
            speakers: serde_json::from_str(&speakers)?,
            entity: named(entity_slug, entity_name),
            metier: named(metier_slug, metier_name),
            starts_at,
            ends_at,
            capacity,
            confirmed,
            waiting: waiting.get(&id).copied().unwrap_or(0),
        },
        edition_id,
        entity_id,
        online_url,
    })
}

/// Sessions by start time: of one edition, of one entity, or the given ids.
pub enum Scope<'a> {
    Edition(ForumEditionId),
    Entity(EntityId),
    Ids(&'a [ForumSessionId]),
}

pub async fn list(db: &Db, scope: Scope<'_>) -> DbResult<Vec<SessionRecord>> {
    let (rows, waiting): (Vec<Row>, Vec<(ForumSessionId, i64)>) = with_conn!(db, |conn: DB| {
        let mut query = forum_sessions::table
            .inner_join(forum_editions::table)
            .left_join(entities::table)
            .left_join(metiers::table)
            .select((
                (
                    forum_sessions::id,
                    forum_sessions::edition_id,
                    forum_editions::slug,
                    forum_sessions::kind,
                    forum_sessions::title,
                    forum_sessions::description,
                    forum_sessions::speakers_json,
                ),
                (
                    forum_sessions::starts_at,
                    forum_sessions::ends_at,
                    forum_sessions::capacity,
                    forum_sessions::online_url,
                    forum_sessions::confirmed,
                    forum_sessions::entity_id,
                ),
                (
                    entities::slug.nullable(),
                    entities::name.nullable(),
                    metiers::slug.nullable(),
                    metiers::name.nullable(),
                ),
            ))
            .order((forum_sessions::starts_at.asc(), forum_sessions::id.asc()))
            .into_boxed();
        query = match scope {
            Scope::Edition(id) => query.filter(forum_sessions::edition_id.eq(id)),
            Scope::Entity(entity) => query.filter(forum_sessions::entity_id.eq(entity)),
            Scope::Ids(ids) => query.filter(forum_sessions::id.eq_any(ids)),
        };
        let rows = query.load(conn).await?;
        let waiting = forum_registrations::table
            .filter(forum_registrations::status.eq(RegistrationStatus::Waiting.as_ref()))
            .group_by(forum_registrations::session_id)
            .select((forum_registrations::session_id, count_star()))
            .load(conn)
            .await?;
        (rows, waiting)
    });
    let waiting: HashMap<ForumSessionId, i64> = waiting.into_iter().collect();
    rows.into_iter().map(|r| record(r, &waiting)).collect()
}

pub async fn find(db: &Db, id: ForumSessionId) -> DbResult<SessionRecord> {
    list(db, Scope::Ids(&[id]))
        .await?
        .pop()
        .ok_or(DbError::NotFound)
}

/// A session's entity and métier, when it names them.
pub type References = (Option<EntityId>, Option<MetierId>);

/// The form's entity and métier as ids, or the errors of unknown slugs.
pub async fn references(
    db: &Db,
    form: &SessionForm,
) -> DbResult<Result<References, Vec<FieldError>>> {
    let entity = form.entity.as_deref().filter(|s| !s.is_empty());
    let metier = form.metier.as_deref().filter(|s| !s.is_empty());
    let (entity_id, metier_id): References = with_conn!(db, |conn: DB| {
        let e = match entity {
            Some(slug) => entities::table
                .filter(entities::slug.eq(slug))
                .select(entities::id)
                .first(conn)
                .await
                .optional()?,
            None => None,
        };
        let m = match metier {
            Some(slug) => metiers::table
                .filter(metiers::slug.eq(slug))
                .select(metiers::id)
                .first(conn)
                .await
                .optional()?,
            None => None,
        };
        (e, m)
    });
    let mut errors = Vec::new();
    if entity.is_some() && entity_id.is_none() {
        errors.push(FieldError::new("entity", "Entité inconnue."));
    }
    if metier.is_some() && metier_id.is_none() {
        errors.push(FieldError::new("metier", "Métier inconnu."));
    }
    Ok(if errors.is_empty() {
        Ok((entity_id, metier_id))
    } else {
        Err(errors)
    })
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = forum_sessions)]
#[diesel(treat_none_as_null = true)]
struct Fields<'a> {
    kind: &'a str,
    title: &'a str,
    description: &'a str,
    speakers_json: String,
    entity_id: Option<EntityId>,
    metier_id: Option<MetierId>,
    starts_at: NaiveDateTime,
    ends_at: NaiveDateTime,
    capacity: i32,
    online_url: &'a str,
    updated_at: NaiveDateTime,
}

impl<'a> Fields<'a> {
    fn new(form: &'a SessionForm, (entity_id, metier_id): References) -> DbResult<Self> {
        let speakers: Vec<&str> = form.speakers.iter().map(|s| s.trim()).collect();
        Ok(Self {
            kind: form.kind.as_ref(),
            title: form.title.trim(),
            description: form.description.trim(),
            speakers_json: serde_json::to_string(&speakers)?,
            entity_id,
            metier_id,
            starts_at: form.starts_at,
            ends_at: form.ends_at,
            capacity: form.capacity,
            online_url: form.online_url.trim(),
            updated_at: chrono::Utc::now().naive_utc(),
        })
    }
}

pub async fn create(
    db: &Db,
    edition: ForumEditionId,
    form: &SessionForm,
    refs: References,
) -> DbResult<ForumSessionId> {
    let fields = Fields::new(form, refs)?;
    let created_at = fields.updated_at;
    Ok(with_conn!(db, |conn: DB| {
        diesel::insert_into(forum_sessions::table)
            .values((
                &fields,
                forum_sessions::edition_id.eq(edition),
                forum_sessions::created_at.eq(created_at),
            ))
            .returning(forum_sessions::id)
            .get_result(conn)
            .await?
    }))
}

/// Replaces a session's fields; `Conflict` when the new capacity is below the confirmed
/// participants (the CHECK constraint refuses it).
pub async fn update(
    db: &Db,
    id: ForumSessionId,
    form: &SessionForm,
    refs: References,
) -> DbResult<()> {
    let fields = Fields::new(form, refs)?;
    let updated = with_conn!(db, |conn: DB| {
        diesel::update(forum_sessions::table.find(id))
            .set(&fields)
            .execute(conn)
            .await
    });
    match updated {
        Ok(0) => Err(DbError::NotFound),
        Ok(_) => Ok(()),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::CheckViolation,
            _,
        )) => Err(DbError::Conflict),
        Err(e) => Err(e.into()),
    }
}

pub async fn delete(db: &Db, id: ForumSessionId) -> DbResult<()> {
    let deleted = with_conn!(db, |conn: DB| {
        diesel::delete(forum_sessions::table.find(id))
            .execute(conn)
            .await?
    });
    match deleted {
        0 => Err(DbError::NotFound),
        _ => Ok(()),
    }
}
