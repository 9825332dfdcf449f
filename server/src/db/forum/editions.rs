//! Forum editions: the team's CRUD, the public list with its counts.

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::forum::{ForumEdition, ForumEditionForm};
use shared::ForumEditionId;
use std::collections::HashMap;

use crate::db::schema::{forum_editions, forum_participants, forum_sessions};
use crate::db::users::unique_violation;
use crate::db::{Db, DbError, DbResult};
use crate::with_conn;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = forum_editions)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct EditionRow {
    pub id: ForumEditionId,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub registration_closes_at: NaiveDateTime,
    pub published: bool,
}

impl EditionRow {
    fn edition(&self, counts: (i64, i64, i64)) -> ForumEdition {
        ForumEdition {
            slug: self.slug.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            registration_closes_at: self.registration_closes_at,
            published: self.published,
            sessions: counts.0,
            participants: counts.1,
            recruiters: counts.2,
        }
    }
}

/// The edition, published or not (callers decide who may see a draft).
pub async fn find(db: &Db, slug: &str) -> DbResult<EditionRow> {
    Ok(with_conn!(db, |conn: DB| {
        forum_editions::table
            .filter(forum_editions::slug.eq(slug))
            .select(EditionRow::as_select())
            .first(conn)
            .await?
    }))
}

pub async fn find_by_id(db: &Db, id: ForumEditionId) -> DbResult<EditionRow> {
    Ok(with_conn!(db, |conn: DB| {
        forum_editions::table
            .find(id)
            .select(EditionRow::as_select())
            .first(conn)
            .await?
    }))
}

/// Sessions, participants and recruiting entities per edition.
async fn counts(db: &Db) -> DbResult<HashMap<ForumEditionId, (i64, i64, i64)>> {
    type PerEdition = Vec<(ForumEditionId, i64)>;
    let (sessions, participants, entities): (PerEdition, PerEdition, PerEdition) =
        with_conn!(db, |conn: DB| {
            let s = forum_sessions::table
                .group_by(forum_sessions::edition_id)
                .select((forum_sessions::edition_id, count_star()))
                .load(conn)
                .await?;
            let p = forum_participants::table
                .group_by(forum_participants::edition_id)
                .select((forum_participants::edition_id, count_star()))
                .load(conn)
                .await?;
            // (edition, entity) pairs, counted below.
            let r = forum_sessions::table
                .filter(forum_sessions::entity_id.is_not_null())
                .select((
                    forum_sessions::edition_id,
                    forum_sessions::entity_id.assume_not_null(),
                ))
                .distinct()
                .load(conn)
                .await?;
            (s, p, r)
        });
    let mut out: HashMap<ForumEditionId, (i64, i64, i64)> = HashMap::new();
    for (id, n) in sessions {
        out.entry(id).or_default().0 = n;
    }
    for (id, n) in participants {
        out.entry(id).or_default().1 = n;
    }
    for (id, _) in entities {
        out.entry(id).or_default().2 += 1;
    }
    Ok(out)
}

/// Editions, latest first; unpublished ones only when `with_drafts`.
pub async fn list(db: &Db, with_drafts: bool) -> DbResult<Vec<ForumEdition>> {
    let rows: Vec<EditionRow> = with_conn!(db, |conn: DB| {
        let mut query = forum_editions::table
            .select(EditionRow::as_select())
            .order(forum_editions::starts_at.desc())
            .into_boxed();
        if !with_drafts {
            query = query.filter(forum_editions::published.eq(true));
        }
        query.load(conn).await?
    });
    let counts = counts(db).await?;
    Ok(rows
        .iter()
        .map(|r| r.edition(counts.get(&r.id).copied().unwrap_or_default()))
        .collect())
}

pub async fn edition(db: &Db, row: &EditionRow) -> DbResult<ForumEdition> {
    let counts = counts(db).await?;
    Ok(row.edition(counts.get(&row.id).copied().unwrap_or_default()))
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = forum_editions)]
struct Fields<'a> {
    slug: &'a str,
    title: &'a str,
    description: &'a str,
    starts_at: NaiveDateTime,
    ends_at: NaiveDateTime,
    registration_closes_at: NaiveDateTime,
    published: bool,
    updated_at: NaiveDateTime,
}

impl<'a> Fields<'a> {
    fn new(form: &'a ForumEditionForm) -> Self {
        Self {
            slug: &form.slug,
            title: form.title.trim(),
            description: form.description.trim(),
            starts_at: form.starts_at,
            ends_at: form.ends_at,
            registration_closes_at: form.registration_closes_at,
            published: form.published,
            updated_at: chrono::Utc::now().naive_utc(),
        }
    }
}

/// `Conflict` when the slug is taken.
pub async fn create(db: &Db, form: &ForumEditionForm) -> DbResult<ForumEditionId> {
    let fields = Fields::new(form);
    let created_at = fields.updated_at;
    let inserted = with_conn!(db, |conn: DB| {
        diesel::insert_into(forum_editions::table)
            .values((&fields, forum_editions::created_at.eq(created_at)))
            .returning(forum_editions::id)
            .get_result(conn)
            .await
    });
    inserted.map_err(|e| unique_violation(DbError::from(e)))
}

pub async fn update(db: &Db, id: ForumEditionId, form: &ForumEditionForm) -> DbResult<()> {
    let fields = Fields::new(form);
    let updated = with_conn!(db, |conn: DB| {
        diesel::update(forum_editions::table.find(id))
            .set(&fields)
            .execute(conn)
            .await
    });
    match updated.map_err(|e| unique_violation(DbError::from(e)))? {
        0 => Err(DbError::NotFound),
        _ => Ok(()),
    }
}
