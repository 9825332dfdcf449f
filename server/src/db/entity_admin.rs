//! The admins' changes to the entity tree: create, rename or move, delete. The showcase
//! itself is edited by the entity's recruiters (`entities::update_showcase`).

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::entity::EntityForm;
use shared::{EntityId, FieldError, UserId};

use super::audit::record;
use super::entities::EntityTree;
use super::offer_edits::EditError;
use super::schema::{audit_log, departements, entities, offers, users};
use super::users::unique_violation;
use super::{Db, DbError};
use crate::{in_transaction, with_conn};

/// The columns an admin sets, on creation and on every change.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = entities)]
// A cleared field (acronym, website…) must become NULL, not be left as it was.
#[diesel(treat_none_as_null = true)]
struct EntityColumns<'a> {
    parent_id: Option<i64>,
    slug: &'a str,
    name: &'a str,
    acronym: Option<String>,
    kind: &'a str,
    departement_code: Option<String>,
    city: Option<String>,
    website: Option<String>,
    updated_at: chrono::NaiveDateTime,
}

impl<'a> EntityColumns<'a> {
    fn new(form: &'a EntityForm, parent: Option<EntityId>, now: chrono::NaiveDateTime) -> Self {
        Self {
            parent_id: parent.map(|p| p.0),
            slug: &form.slug,
            name: form.name.trim(),
            acronym: optional(&form.acronym),
            kind: form.kind.as_ref(),
            departement_code: optional(&form.departement_code),
            city: optional(&form.city),
            website: optional(&form.website),
            updated_at: now,
        }
    }
}

fn optional(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// Checks the form against the tree: the parent exists and ranks above, and (for an
/// existing entity) its children still rank below. Returns the parent's id.
fn placement(
    tree: &EntityTree,
    form: &EntityForm,
    current: Option<EntityId>,
    departement: Option<FieldError>,
) -> Result<Option<EntityId>, EditError> {
    let mut errors = form.errors();
    errors.extend(departement);
    let parent = match form.parent_slug.as_deref() {
        None => None,
        Some(slug) => match tree.find_slug(slug) {
            Some(id) if Some(id) == current => {
                errors.push(FieldError::new(
                    "parent_slug",
                    "Une entité ne peut pas dépendre d'elle-même.",
                ));
                None
            }
            Some(id) => Some(id),
            None => {
                errors.push(FieldError::new(
                    "parent_slug",
                    "Entité de rattachement inconnue.",
                ));
                None
            }
        },
    };
    let placed = errors.iter().any(|e| e.field == "parent_slug");
    if let Some(parent) = parent.filter(|_| !placed) {
        errors.extend(form.kind.placement_error(tree.kind_of(parent)));
    }
    if let Some(id) = current {
        if tree
            .child_kinds(id)
            .iter()
            .any(|child| child.rank() <= form.kind.rank())
        {
            errors.push(FieldError::new(
                "kind",
                "Des entités rattachées sont d'un niveau égal ou supérieur : déplacez-les d'abord.",
            ));
        }
    }
    if errors.is_empty() {
        Ok(parent)
    } else {
        Err(EditError::Invalid(errors))
    }
}

/// The département, when given, must be one of the referential's (else the database's
/// foreign key refused it with a 500: found by the contract test's fuzzing on PostgreSQL).
async fn departement_error(db: &Db, form: &EntityForm) -> Result<Option<FieldError>, DbError> {
    let Some(code) = optional(&form.departement_code) else {
        return Ok(None);
    };
    let known: i64 = with_conn!(db, |conn: DB| {
        departements::table
            .filter(departements::code.eq(&code))
            .count()
            .get_result(conn)
            .await?
    });
    Ok((known == 0).then(|| FieldError::new("departement_code", "Département inconnu.")))
}

fn slug_taken(err: DbError) -> EditError {
    match unique_violation(err) {
        DbError::Conflict => EditError::Invalid(vec![FieldError::new(
            "slug",
            "Cet identifiant d'URL est déjà utilisé.",
        )]),
        other => EditError::Db(other),
    }
}

pub async fn create(db: &Db, actor: UserId, form: &EntityForm) -> Result<EntityId, EditError> {
    let tree = EntityTree::load(db).await?;
    let parent = placement(&tree, form, None, departement_error(db, form).await?)?;
    let now = chrono::Utc::now().naive_utc();
    let result = in_transaction!(db, |conn: DB| {
        let id: EntityId = diesel::insert_into(entities::table)
            .values((
                EntityColumns::new(form, parent, now),
                entities::presentation.eq(""),
                entities::missions.eq(""),
                entities::values_json.eq("[]"),
                entities::strengths_json.eq("[]"),
                entities::projects_json.eq("[]"),
                entities::organisation.eq(""),
                entities::key_figures_json.eq("[]"),
                entities::recruitment_process.eq(""),
                entities::created_at.eq(now),
            ))
            .returning(entities::id)
            .get_result(conn)
            .await?;
        record!(conn, actor: Some(actor.0), entity: Some(id.0), "entity.create", form.slug.clone(), now)?;
        Ok(id)
    });
    result.map_err(slug_taken)
}

pub async fn update(
    db: &Db,
    actor: UserId,
    id: EntityId,
    form: &EntityForm,
) -> Result<(), EditError> {
    let tree = EntityTree::load(db).await?;
    let parent = placement(&tree, form, Some(id), departement_error(db, form).await?)?;
    let now = chrono::Utc::now().naive_utc();
    let result = in_transaction!(db, |conn: DB| {
        diesel::update(entities::table.find(id.0))
            .set(EntityColumns::new(form, parent, now))
            .execute(conn)
            .await?;
        record!(conn, actor: Some(actor.0), entity: Some(id.0), "entity.update", form.slug.clone(), now)?;
        Ok(())
    });
    result.map_err(slug_taken)
}

/// Deletes an entity that nothing depends on; `Conflict` while it has sub-entities, offers
/// or accounts. Its audit entries stay, detached (their target names it).
pub async fn delete(db: &Db, actor: UserId, id: EntityId, slug: &str) -> Result<(), DbError> {
    let tree = EntityTree::load(db).await?;
    if tree.subtree(id).len() > 1 {
        return Err(DbError::Conflict);
    }
    let now = chrono::Utc::now().naive_utc();
    in_transaction!(db, |conn: DB| {
        let offers: i64 = offers::table
            .filter(offers::entity_id.eq(id.0))
            .count()
            .get_result(conn)
            .await?;
        let accounts: i64 = users::table
            .filter(users::entity_id.eq(id.0))
            .count()
            .get_result(conn)
            .await?;
        if offers + accounts > 0 {
            return Err(DbError::Conflict);
        }
        diesel::update(audit_log::table.filter(audit_log::entity_id.eq(id.0)))
            .set(audit_log::entity_id.eq(None::<i64>))
            .execute(conn)
            .await?;
        diesel::delete(entities::table.find(id.0))
            .execute(conn)
            .await?;
        record!(conn, actor: Some(actor.0), entity: None::<i64>, "entity.delete", slug.to_owned(), now)?;
        Ok(())
    })
}
