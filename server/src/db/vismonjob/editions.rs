//! Vis mon job editions: the admin's CRUD and status moves, the public list.

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::vismonjob::{Edition, EditionForm, EditionFormat, EditionStatus, StudyLevel};
use shared::{UserId, VmjEditionId};
use std::collections::HashMap;
use std::str::FromStr;

use crate::db::audit::record;
use crate::db::schema::{vmj_ambassadors, vmj_duos, vmj_editions, vmj_students};
use crate::db::users::unique_violation;
use crate::db::{Db, DbError, DbResult};
use crate::{in_transaction, with_conn};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = vmj_editions)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct EditionRow {
    pub id: VmjEditionId,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub format: String,
    pub signup_opens_at: NaiveDateTime,
    pub signup_closes_at: NaiveDateTime,
    pub levels_json: String,
    pub status: String,
}

pub(crate) fn parse<T: FromStr>(what: &str, raw: &str) -> DbResult<T> {
    T::from_str(raw).map_err(|_| DbError::Corrupt(format!("{what} « {raw} »")))
}

impl EditionRow {
    pub fn status(&self) -> DbResult<EditionStatus> {
        parse("edition status", &self.status)
    }

    pub fn format(&self) -> DbResult<EditionFormat> {
        parse("edition format", &self.format)
    }

    pub fn levels(&self) -> DbResult<Vec<StudyLevel>> {
        Ok(serde_json::from_str(&self.levels_json)?)
    }

    fn edition(&self, counts: (i64, i64, i64)) -> DbResult<Edition> {
        Ok(Edition {
            slug: self.slug.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            format: self.format()?,
            signup_opens_at: self.signup_opens_at,
            signup_closes_at: self.signup_closes_at,
            levels: self.levels()?,
            status: self.status()?,
            students: counts.0,
            ambassadors: counts.1,
            duos: counts.2,
        })
    }
}

pub async fn find(db: &Db, slug: &str) -> DbResult<EditionRow> {
    Ok(with_conn!(db, |conn: DB| {
        vmj_editions::table
            .filter(vmj_editions::slug.eq(slug))
            .select(EditionRow::as_select())
            .first(conn)
            .await?
    }))
}

pub async fn find_by_id(db: &Db, id: VmjEditionId) -> DbResult<EditionRow> {
    Ok(with_conn!(db, |conn: DB| {
        vmj_editions::table
            .find(id)
            .select(EditionRow::as_select())
            .first(conn)
            .await?
    }))
}

/// Sign-ups, ambassadors and duos per edition.
async fn counts(db: &Db) -> DbResult<HashMap<VmjEditionId, (i64, i64, i64)>> {
    type PerEdition = Vec<(VmjEditionId, i64)>;
    let (students, ambassadors, duos): (PerEdition, PerEdition, PerEdition) =
        with_conn!(db, |conn: DB| {
            let s = vmj_students::table
                .group_by(vmj_students::edition_id)
                .select((vmj_students::edition_id, count_star()))
                .load(conn)
                .await?;
            let a = vmj_ambassadors::table
                .group_by(vmj_ambassadors::edition_id)
                .select((vmj_ambassadors::edition_id, count_star()))
                .load(conn)
                .await?;
            let d = vmj_duos::table
                .group_by(vmj_duos::edition_id)
                .select((vmj_duos::edition_id, count_star()))
                .load(conn)
                .await?;
            (s, a, d)
        });
    let mut out: HashMap<VmjEditionId, (i64, i64, i64)> = HashMap::new();
    for (id, n) in students {
        out.entry(id).or_default().0 = n;
    }
    for (id, n) in ambassadors {
        out.entry(id).or_default().1 = n;
    }
    for (id, n) in duos {
        out.entry(id).or_default().2 = n;
    }
    Ok(out)
}

/// Editions, latest day first; drafts only when `with_drafts`.
pub async fn list(db: &Db, with_drafts: bool) -> DbResult<Vec<Edition>> {
    let rows: Vec<EditionRow> = with_conn!(db, |conn: DB| {
        vmj_editions::table
            .order(vmj_editions::starts_at.desc())
            .select(EditionRow::as_select())
            .load(conn)
            .await?
    });
    let counts = counts(db).await?;
    rows.iter()
        .map(|row| row.edition(counts.get(&row.id).copied().unwrap_or_default()))
        .filter(|edition| !matches!(edition, Ok(e) if !with_drafts && !e.status.is_public()))
        .collect()
}

/// One edition with its counts.
pub async fn edition(db: &Db, row: &EditionRow) -> DbResult<Edition> {
    let counts = counts(db).await?;
    row.edition(counts.get(&row.id).copied().unwrap_or_default())
}

/// Creates a draft edition; `Conflict` when the slug is taken.
pub async fn create(db: &Db, form: &EditionForm, actor: Option<UserId>) -> DbResult<VmjEditionId> {
    let now = chrono::Utc::now().naive_utc();
    let levels = serde_json::to_string(&form.levels)?;
    in_transaction!(db, |conn: DB| {
        let id = diesel::insert_into(vmj_editions::table)
            .values((
                vmj_editions::slug.eq(&form.slug),
                vmj_editions::title.eq(form.title.trim()),
                vmj_editions::description.eq(form.description.trim()),
                vmj_editions::starts_at.eq(form.starts_at),
                vmj_editions::ends_at.eq(form.ends_at),
                vmj_editions::format.eq(form.format.as_ref()),
                vmj_editions::signup_opens_at.eq(form.signup_opens_at),
                vmj_editions::signup_closes_at.eq(form.signup_closes_at),
                vmj_editions::levels_json.eq(&levels),
                vmj_editions::status.eq(EditionStatus::Draft.as_ref()),
                vmj_editions::created_at.eq(now),
                vmj_editions::updated_at.eq(now),
            ))
            .returning(vmj_editions::id)
            .get_result(conn)
            .await?;
        record!(conn, actor: actor.map(|a| a.0), entity: None::<i64>, "vmj_edition.create", form.slug.clone(), now)?;
        Ok(id)
    })
    .map_err(unique_violation)
}

/// Replaces the edition's fields (its slug included); `Conflict` when the new slug is taken.
pub async fn update(db: &Db, id: VmjEditionId, form: &EditionForm, actor: UserId) -> DbResult<()> {
    let now = chrono::Utc::now().naive_utc();
    let levels = serde_json::to_string(&form.levels)?;
    in_transaction!(db, |conn: DB| {
        diesel::update(vmj_editions::table.find(id))
            .set((
                vmj_editions::slug.eq(&form.slug),
                vmj_editions::title.eq(form.title.trim()),
                vmj_editions::description.eq(form.description.trim()),
                vmj_editions::starts_at.eq(form.starts_at),
                vmj_editions::ends_at.eq(form.ends_at),
                vmj_editions::format.eq(form.format.as_ref()),
                vmj_editions::signup_opens_at.eq(form.signup_opens_at),
                vmj_editions::signup_closes_at.eq(form.signup_closes_at),
                vmj_editions::levels_json.eq(&levels),
                vmj_editions::updated_at.eq(now),
            ))
            .execute(conn)
            .await?;
        record!(conn, actor: Some(actor.0), entity: None::<i64>, "vmj_edition.update", form.slug.clone(), now)?;
        Ok(())
    })
    .map_err(unique_violation)
}

/// Moves the edition from `from` to `to`; `Conflict` when it is no longer in `from`
/// (someone else moved it meanwhile).
pub async fn set_status(
    db: &Db,
    id: VmjEditionId,
    from: EditionStatus,
    to: EditionStatus,
    actor: Option<UserId>,
) -> DbResult<()> {
    let now = chrono::Utc::now().naive_utc();
    in_transaction!(db, |conn: DB| {
        let moved = diesel::update(
            vmj_editions::table
                .find(id)
                .filter(vmj_editions::status.eq(from.as_ref())),
        )
        .set((
            vmj_editions::status.eq(to.as_ref()),
            vmj_editions::updated_at.eq(now),
        ))
        .execute(conn)
        .await?;
        if moved == 0 {
            return Err(DbError::Conflict);
        }
        record!(conn, actor: actor.map(|a| a.0), entity: None::<i64>, format!("vmj_edition.{}", to.as_ref()), id.to_string(), now)?;
        Ok(())
    })
}
