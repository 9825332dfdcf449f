//! Recruiters' writes on their entity's offers. Each change and its audit entry are one
//! transaction; the entity always comes from the caller's `CurrentRecruiter`.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::offer::{OfferDraft, OfferStatus};
use shared::{EntityId, FieldError, MetierId, OfferId, UserId};

use super::audit::record;
use super::entities::forget_open_offers;
use super::schema::{departements, metiers, offers};
use super::{Db, DbError, DbResult};
use crate::in_transaction;

/// A rejected write: field errors (400) or a storage failure.
#[derive(Debug)]
pub enum EditError {
    Invalid(Vec<FieldError>),
    Db(DbError),
}

impl From<DbError> for EditError {
    fn from(err: DbError) -> Self {
        EditError::Db(err)
    }
}

impl From<diesel_async::pooled_connection::deadpool::PoolError> for EditError {
    fn from(err: diesel_async::pooled_connection::deadpool::PoolError) -> Self {
        EditError::Db(err.into())
    }
}

impl From<diesel::result::Error> for EditError {
    fn from(err: diesel::result::Error) -> Self {
        EditError::Db(err.into())
    }
}

/// Column values of a draft, with the métier and région resolved.
struct Resolved {
    metier_id: MetierId,
    region_code: String,
}

/// Resolves slugs and codes of `draft`; unknown ones are field errors.
async fn resolve(db: &Db, draft: &OfferDraft) -> Result<Resolved, EditError> {
    let errors = draft.draft_errors();
    if !errors.is_empty() {
        return Err(EditError::Invalid(errors));
    }
    let (metier, region): (Option<MetierId>, Option<String>) = crate::with_conn!(db, |conn: DB| {
        let metier = metiers::table
            .filter(metiers::slug.eq(&draft.metier))
            .select(metiers::id)
            .first(conn)
            .await
            .optional()?;
        let region = departements::table
            .find(&draft.departement_code)
            .select(departements::region_code)
            .first(conn)
            .await
            .optional()?;
        (metier, region)
    });
    let mut errors = Vec::new();
    if metier.is_none() {
        errors.push(FieldError::new("metier", "Métier inconnu."));
    }
    if region.is_none() {
        errors.push(FieldError::new("departement_code", "Département inconnu."));
    }
    match (metier, region) {
        (Some(metier_id), Some(region_code)) if errors.is_empty() => Ok(Resolved {
            metier_id,
            region_code,
        }),
        _ => Err(EditError::Invalid(errors)),
    }
}

/// The columns a recruiter writes, shared by creation and edition.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = offers)]
#[diesel(treat_none_as_null = true)]
struct EditableColumns<'a> {
    metier_id: MetierId,
    expires_at: chrono::NaiveDateTime,
    contract_type: &'a str,
    category: Option<&'a str>,
    region_code: &'a str,
    departement_code: &'a str,
    remote: &'a str,
    experience: &'a str,
    salary_min: Option<i32>,
    salary_max: Option<i32>,
    updated_at: chrono::NaiveDateTime,
    city: &'a str,
    title: &'a str,
    mission: &'a str,
    profile: &'a str,
    team: &'a str,
    perks: &'a str,
    process: &'a str,
}

impl<'a> EditableColumns<'a> {
    /// `draft` passed `draft_errors`, so its structural options are set.
    fn new(draft: &'a OfferDraft, resolved: &'a Resolved, now: chrono::NaiveDateTime) -> Self {
        Self {
            metier_id: resolved.metier_id,
            expires_at: draft.expires_at.unwrap_or(now),
            contract_type: draft.contract_type.as_ref().map_or("", |c| c.as_ref()),
            category: draft.category.as_ref().map(|c| c.as_ref()),
            region_code: &resolved.region_code,
            departement_code: &draft.departement_code,
            remote: draft.remote.as_ref().map_or("", |r| r.as_ref()),
            experience: draft.experience.as_ref().map_or("", |e| e.as_ref()),
            salary_min: draft.salary.map(|s| s.min),
            salary_max: draft.salary.map(|s| s.max),
            updated_at: now,
            city: draft.city.trim(),
            title: draft.title.trim(),
            mission: &draft.mission,
            profile: &draft.profile,
            team: &draft.team,
            perks: &draft.perks,
            process: &draft.process,
        }
    }
}

/// Saves a new draft offer for `entity`.
pub async fn create_offer(
    db: &Db,
    actor: UserId,
    entity: EntityId,
    draft: &OfferDraft,
) -> Result<OfferId, EditError> {
    let resolved = resolve(db, draft).await?;
    let now = chrono::Utc::now().naive_utc();
    let id = in_transaction!(db, |conn: DB| {
        let id: OfferId = diesel::insert_into(offers::table)
            .values((
                EditableColumns::new(draft, &resolved, now),
                offers::entity_id.eq(entity.0),
                offers::status.eq(OfferStatus::Draft.as_ref()),
                offers::published_at.eq(now),
                offers::created_at.eq(now),
            ))
            .returning(offers::id)
            .get_result(conn)
            .await?;
        record!(conn, actor: Some(actor.0), entity: Some(entity.0), "offer.create", format!("offre {id}"), now)?;
        Ok(id)
    })?;
    Ok(id)
}

/// Replaces the content of one of `entity`'s offers. A published offer must stay publishable.
pub async fn update_offer(
    db: &Db,
    actor: UserId,
    entity: EntityId,
    id: OfferId,
    draft: &OfferDraft,
    currently_published: bool,
) -> Result<(), EditError> {
    let now = chrono::Utc::now().naive_utc();
    if currently_published {
        let errors = draft.publication_errors(now);
        if !errors.is_empty() {
            return Err(EditError::Invalid(errors));
        }
    }
    let resolved = resolve(db, draft).await?;
    in_transaction!(db, |conn: DB| {
        let changed = diesel::update(
            offers::table
                .filter(offers::id.eq(id.0))
                .filter(offers::entity_id.eq(entity.0)),
        )
        .set(EditableColumns::new(draft, &resolved, now))
        .execute(conn)
        .await?;
        if changed == 0 {
            return Err(DbError::NotFound);
        }
        record!(conn, actor: Some(actor.0), entity: Some(entity.0), "offer.update", format!("offre {}", id.0), now)?;
        Ok(())
    })?;
    // The expiry date may have moved.
    forget_open_offers(db).await;
    Ok(())
}

/// Moves one of `entity`'s offers to `status` (publishing sets the publication date).
pub async fn set_status(
    db: &Db,
    actor: UserId,
    entity: EntityId,
    id: OfferId,
    status: OfferStatus,
) -> DbResult<()> {
    let now = chrono::Utc::now().naive_utc();
    in_transaction!(db, |conn: DB| {
        let target = offers::table
            .filter(offers::id.eq(id.0))
            .filter(offers::entity_id.eq(entity.0));
        let changed = if status == OfferStatus::Published {
            diesel::update(target)
                .set((
                    offers::status.eq(status.as_ref()),
                    offers::published_at.eq(now),
                    offers::updated_at.eq(now),
                ))
                .execute(conn)
                .await?
        } else {
            diesel::update(target)
                .set((
                    offers::status.eq(status.as_ref()),
                    offers::updated_at.eq(now),
                ))
                .execute(conn)
                .await?
        };
        if changed == 0 {
            return Err(DbError::NotFound);
        }
        record!(conn, actor: Some(actor.0), entity: Some(entity.0), format!("offer.{}", status.as_ref()), format!("offre {}", id.0), now)?;
        Ok(())
    })?;
    forget_open_offers(db).await;
    Ok(())
}

/// Archives every published offer whose expiry has passed; returns how many.
pub async fn archive_expired(db: &Db, now: chrono::NaiveDateTime) -> DbResult<usize> {
    in_transaction!(db, |conn: DB| {
        let expired: Vec<(i64, i64)> = offers::table
            .filter(offers::status.eq(OfferStatus::Published.as_ref()))
            .filter(offers::expires_at.le(now))
            .select((offers::id, offers::entity_id))
            .load(conn)
            .await?;
        for (id, entity) in &expired {
            diesel::update(offers::table.find(id))
                .set((
                    offers::status.eq(OfferStatus::Archived.as_ref()),
                    offers::updated_at.eq(now),
                ))
                .execute(conn)
                .await?;
            record!(conn, actor: None::<i64>, entity: Some(*entity), "offer.expire", format!("offre {id}"), now)?;
        }
        Ok(expired.len())
    })
}
