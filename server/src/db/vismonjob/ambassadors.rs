//! Ambassadors: State agents registered by their entity's recruiters. Every query that
//! changes one takes the recruiter's entity, so a recruiter never touches another entity's.

use diesel::dsl::count_star;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::vismonjob::{Ambassador, AmbassadorForm};
use shared::{AmbassadorId, CoachingSessionId, EntityId, MetierId, VmjEditionId};
use std::collections::HashMap;

use crate::db::schema::{entities, metiers, vmj_ambassadors, vmj_coaching_sessions, vmj_duos};
use crate::db::users::unique_violation;
use crate::db::{Db, DbError, DbResult};
use crate::{in_transaction, with_conn};

/// The columns a recruiter sets, for both the insert and the update.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = vmj_ambassadors)]
struct Fields<'a> {
    first_name: &'a str,
    last_name: &'a str,
    email: String,
    job_title: &'a str,
    metier_id: MetierId,
    departement_code: &'a str,
    on_site: bool,
    remote: bool,
    capacity: i32,
    address: &'a str,
    visio_url: &'a str,
    updated_at: chrono::NaiveDateTime,
}

impl<'a> Fields<'a> {
    fn new(form: &'a AmbassadorForm, metier: MetierId) -> Self {
        Self {
            first_name: form.first_name.trim(),
            last_name: form.last_name.trim(),
            email: shared::account::normalize_email(&form.email),
            job_title: form.job_title.trim(),
            metier_id: metier,
            departement_code: &form.departement_code,
            on_site: form.on_site,
            remote: form.remote,
            capacity: form.capacity,
            address: form.address.trim(),
            visio_url: form.visio_url.trim(),
            updated_at: chrono::Utc::now().naive_utc(),
        }
    }
}

#[derive(Queryable)]
struct AmbassadorRow {
    id: AmbassadorId,
    entity_slug: String,
    entity_name: String,
    first_name: String,
    last_name: String,
    email: String,
    job_title: String,
    metier_slug: String,
    metier_name: String,
    departement_code: String,
    on_site: bool,
    remote: bool,
    capacity: i32,
    address: String,
    visio_url: String,
    coached: bool,
    coaching_session_id: Option<CoachingSessionId>,
}

/// Ambassadors of an edition, by name; only those of `entity` when given.
pub async fn list(
    db: &Db,
    edition: VmjEditionId,
    entity: Option<EntityId>,
) -> DbResult<Vec<Ambassador>> {
    let (rows, duos): (Vec<AmbassadorRow>, Vec<(AmbassadorId, i64)>) =
        with_conn!(db, |conn: DB| {
            let mut query = vmj_ambassadors::table
                .inner_join(entities::table)
                .inner_join(metiers::table)
                .filter(vmj_ambassadors::edition_id.eq(edition))
                .select((
                    vmj_ambassadors::id,
                    entities::slug,
                    entities::name,
                    vmj_ambassadors::first_name,
                    vmj_ambassadors::last_name,
                    vmj_ambassadors::email,
                    vmj_ambassadors::job_title,
                    metiers::slug,
                    metiers::name,
                    vmj_ambassadors::departement_code,
                    vmj_ambassadors::on_site,
                    vmj_ambassadors::remote,
                    vmj_ambassadors::capacity,
                    vmj_ambassadors::address,
                    vmj_ambassadors::visio_url,
                    vmj_ambassadors::coached,
                    vmj_ambassadors::coaching_session_id,
                ))
                .order((vmj_ambassadors::last_name.asc(), vmj_ambassadors::id.asc()))
                .into_boxed();
            if let Some(entity) = entity {
                query = query.filter(vmj_ambassadors::entity_id.eq(entity));
            }
            let rows = query.load(conn).await?;
            let duos = vmj_duos::table
                .filter(vmj_duos::edition_id.eq(edition))
                .group_by(vmj_duos::ambassador_id)
                .select((vmj_duos::ambassador_id, count_star()))
                .load(conn)
                .await?;
            (rows, duos)
        });
    let duos: HashMap<AmbassadorId, i64> = duos.into_iter().collect();
    Ok(rows
        .into_iter()
        .map(|r| Ambassador {
            id: r.id,
            entity_slug: r.entity_slug,
            entity_name: r.entity_name,
            duos: duos.get(&r.id).copied().unwrap_or(0),
            metier_name: r.metier_name,
            coaching_session: r.coaching_session_id,
            coached: r.coached,
            form: AmbassadorForm {
                first_name: r.first_name,
                last_name: r.last_name,
                email: r.email,
                job_title: r.job_title,
                metier: r.metier_slug,
                departement_code: r.departement_code,
                on_site: r.on_site,
                remote: r.remote,
                capacity: r.capacity,
                address: r.address,
                visio_url: r.visio_url,
            },
        })
        .collect())
}

/// Adds an ambassador of `entity`; `Conflict` when the address is already registered for
/// the edition.
pub async fn create(
    db: &Db,
    edition: VmjEditionId,
    entity: EntityId,
    metier: MetierId,
    form: &AmbassadorForm,
) -> DbResult<AmbassadorId> {
    let fields = Fields::new(form, metier);
    let created_at = fields.updated_at;
    let inserted = with_conn!(db, |conn: DB| {
        // Coached only by an attendance the team recorded: in an earlier edition, for an
        // agent registered again with the same address.
        let coached_before: i64 = vmj_ambassadors::table
            .filter(vmj_ambassadors::email.eq(&fields.email))
            .filter(vmj_ambassadors::edition_id.ne(edition))
            .filter(vmj_ambassadors::coached.eq(true))
            .select(count_star())
            .first(conn)
            .await?;
        diesel::insert_into(vmj_ambassadors::table)
            .values((
                &fields,
                vmj_ambassadors::edition_id.eq(edition),
                vmj_ambassadors::entity_id.eq(entity),
                vmj_ambassadors::coached.eq(coached_before > 0),
                vmj_ambassadors::created_at.eq(created_at),
            ))
            .returning(vmj_ambassadors::id)
            .get_result(conn)
            .await
    });
    inserted.map_err(|e| unique_violation(DbError::from(e)))
}

/// What became of an update.
#[derive(Debug, PartialEq, Eq)]
pub enum Updated {
    Done,
    /// The ambassador has proposed duos (`usize`), and the form changes what they rest on:
    /// the métier, the département, on site or by visio, or a capacity below them.
    DuoBound(usize),
}

/// Replaces an ambassador's fields; `NotFound` unless it is one of `entity`'s, in `edition`.
/// Once duos are proposed with them, what the duos rest on stays as it is.
pub async fn update(
    db: &Db,
    edition: VmjEditionId,
    id: AmbassadorId,
    entity: EntityId,
    metier: MetierId,
    form: &AmbassadorForm,
) -> DbResult<Updated> {
    let fields = Fields::new(form, metier);
    in_transaction!(db, |conn: DB| {
        let ambassador = vmj_ambassadors::table
            .find(id)
            .filter(vmj_ambassadors::edition_id.eq(edition))
            .filter(vmj_ambassadors::entity_id.eq(entity));
        let (metier_id, departement, on_site, remote): (MetierId, String, bool, bool) = ambassador
            .select((
                vmj_ambassadors::metier_id,
                vmj_ambassadors::departement_code,
                vmj_ambassadors::on_site,
                vmj_ambassadors::remote,
            ))
            .first(conn)
            .await?;
        let duos: i64 = vmj_duos::table
            .filter(vmj_duos::ambassador_id.eq(id))
            .select(count_star())
            .first(conn)
            .await?;
        let duos = usize::try_from(duos).unwrap_or(usize::MAX);
        let moved = metier_id != fields.metier_id
            || departement != fields.departement_code
            || on_site != fields.on_site
            || remote != fields.remote
            || usize::try_from(fields.capacity).unwrap_or(0) < duos;
        if duos > 0 && moved {
            return Ok(Updated::DuoBound(duos));
        }
        diesel::update(ambassador)
            .set(&fields)
            .execute(conn)
            .await
            .map_err(|e| unique_violation(DbError::from(e)))?;
        Ok(Updated::Done)
    })
}

/// Removes an ambassador of `entity` (and the duos proposed with them), freeing their
/// coaching seat.
pub async fn delete(
    db: &Db,
    edition: VmjEditionId,
    id: AmbassadorId,
    entity: EntityId,
) -> DbResult<()> {
    in_transaction!(db, |conn: DB| {
        let held: Option<CoachingSessionId> = diesel::delete(
            vmj_ambassadors::table
                .find(id)
                .filter(vmj_ambassadors::edition_id.eq(edition))
                .filter(vmj_ambassadors::entity_id.eq(entity)),
        )
        .returning(vmj_ambassadors::coaching_session_id)
        .get_result(conn)
        .await?;
        if let Some(session) = held {
            diesel::update(vmj_coaching_sessions::table.find(session))
                .set(vmj_coaching_sessions::booked.eq(vmj_coaching_sessions::booked - 1))
                .execute(conn)
                .await?;
        }
        Ok(())
    })
}
